/**
 * The pages of the app other than the editor, each a chunk of its own: the editor's first screen does not evaluate
 * the list, the compare page, the audit log, the accounts or the login form. <pia-app> asks for the page it shows
 * (rendering its element once the chunk is in) and, once its first page is drawn, for the likely next ones.
 */
import { lazyChunk } from './lazy.js';
import { loadReuse } from './reuse/load.js';
import type { Route } from './router.js';
import { whenQuiet } from './schedule.js';

export type LazyPage = Exclude<Route['page'], 'editor' | 'not-found'> | 'login';

export const PAGE_CHUNKS: Readonly<Record<LazyPage, () => Promise<unknown>>> = {
  list: lazyChunk(() => import('./components/pia-assessment-list/pia-assessment-list.js')),
  compare: lazyChunk(() => import('./components/pia-compare/pia-compare.js')),
  audit: lazyChunk(() => import('./components/pia-audit/pia-audit.js')),
  users: lazyChunk(() => import('./components/pia-users/pia-users.js')),
  login: lazyChunk(() => import('./components/pia-login/pia-login.js')),
  // 標準文の更新 is part of the reuse chunk.
  snippets: loadReuse,
};

let prefetched = false;

/**
 * The pages an officer goes to next (the list, the compare page), asked for once the first page is drawn and the
 * user has paused — not while it waits for its data or takes the first keystrokes.
 */
export const prefetchPages = (): void => {
  if (prefetched) return;
  prefetched = true;
  whenQuiet(() => {
    for (const page of ['list', 'compare'] as const) void PAGE_CHUNKS[page]().catch(() => undefined);
  });
};
