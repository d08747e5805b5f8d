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

/**
 * A fresh browser context and page at 1280×800 for every test, closed after it; read the fields inside tests.
 * `quick`: the pages autosave soon after an edit (support.ts quickAutosave), for files whose tests wait for saves
 * but are not about the pause before one.
 */
export const usePagePerTest = (shared: { browser: Browser }, options: { quick?: boolean } = {}): { context: BrowserContext; page: Page } => {
  const current = {} as { context: BrowserContext; page: Page };
  beforeEach(async () => {
    current.context = await shared.browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (options.quick) await quickAutosave(current.context);
    current.page = await current.context.newPage();
  });
  afterEach(async () => {
    await current.context.close();
  });
  return current;
};
