import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { closeContexts, quickAutosave, sharedChromium, startUiServer, type UiServer } from './support.js';

/**
 * One server for a test file, started before its tests and stopped after them, and the worker's Chromium, whose
 * contexts the file opened are closed after them. The returned object is filled in by beforeAll, so read its
 * fields inside tests.
 */
export const useServerAndBrowser = (): { server: UiServer; browser: Browser } => {
  const shared = {} as { server: UiServer; browser: Browser };
  beforeAll(async () => {
    [shared.server, shared.browser] = await Promise.all([startUiServer(), sharedChromium()]);
  });
  afterAll(async () => {
    await closeContexts(shared.browser);
    await shared.server?.close();
  });
  return shared;
};

const VIEWPORT = { width: 1280, height: 800 };

/**
 * A page at 1280×800 in a Japanese browser (locale ja-JP) for every test, as a fresh tab would be: a blank document,
 * no cookies, no stored data of the server's origin, no routes, no listeners, the default viewport. Read the fields
 * inside tests.
 *
 * The file's tests take turns on one context and page, cleared after each test, rather than a new context each:
 * a new context starts a renderer process with cold code caches, ~0.6 s of CPU a test on 2 cores, and the UI tests
 * were CPU-bound. What a cleared page keeps is what a person's tab keeps between visits: the HTTP cache of hashed
 * assets and a warm renderer. `fresh`: a new context and page per test, for tests about a first visit.
 * `quick`: the pages autosave soon after an edit (support.ts quickAutosave), for files whose tests wait for saves
 * but are not about the pause before one.
 */
export const usePagePerTest = (
  shared: { browser: Browser; server: UiServer },
  options: { quick?: boolean; fresh?: boolean } = {},
): { context: BrowserContext; page: Page } => {
  const current = {} as { context: BrowserContext; page: Page };
  let kept: { context: BrowserContext; page: Page } | undefined;
  beforeEach(async () => {
    if (!kept || options.fresh) {
      const context = await shared.browser.newContext({ viewport: VIEWPORT, locale: 'ja-JP' });
      if (options.quick) await quickAutosave(context);
      kept = { context, page: await context.newPage() };
    }
    Object.assign(current, kept);
  });
  afterEach(async () => {
    if (options.fresh || !kept) {
      await current.context.close();
      kept = undefined;
      return;
    }
    // A test may have closed the page or opened others; the page it left in `current` is the one to keep.
    const page = current.page.isClosed() ? undefined : current.page;
    await Promise.all(kept.context.pages().filter((other) => other !== page).map((other) => other.close()));
    if (!page) {
      await kept.context.close();
      kept = undefined;
      return;
    }
    kept.page = page;
    try {
      await clearPage(kept.context, page, shared.server.url);
    } catch {
      // A page that cannot be cleared is not reused: the next test gets a new context.
      await kept.context.close();
      kept = undefined;
    }
  });
  afterAll(() => {
    kept = undefined; // useServerAndBrowser closes the context
  });
  return current;
};

/** Leaves `page` blank and its context without anything a test wrote: cookies, the origin's storage, routes, listeners. */
const clearPage = async (context: BrowserContext, page: Page, origin: string): Promise<void> => {
  await page.removeAllListeners(undefined, { behavior: 'ignoreErrors' });
  await Promise.all([page.unrouteAll({ behavior: 'ignoreErrors' }), context.unrouteAll({ behavior: 'ignoreErrors' })]);
  // An editor with unsaved changes asks before it is left (beforeunload): leaving is the answer here.
  page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
  await page.goto('about:blank');
  page.removeAllListeners('dialog');
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
  } finally {
    await cdp.detach();
  }
  await context.clearCookies();
  await context.clearPermissions();
  await page.setViewportSize(VIEWPORT);
};
