/**
 * The reuse chunk (core.ts), loaded the first time the officer asks for one of its flows, so the list's and the
 * editor's first load do not carry it. A failed load is tried again next time.
 */
type ReuseCore = typeof import('./core.js');

let loading: Promise<ReuseCore> | undefined;

export const loadReuse = (): Promise<ReuseCore> =>
  (loading ??= import('./core.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
