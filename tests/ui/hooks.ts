import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, startUiServer, type UiServer } from './support.js';

/**
 * One server and one browser for a test file, started before its tests and stopped after them. The returned
 * object is filled in by beforeAll, so read its fields inside tests.
 */
export const useServerAndBrowser = (): { server: UiServer; browser: Browser } => {
  const shared = {} as { server: UiServer; browser: Browser };
  beforeAll(async () => {
    [shared.server, shared.browser] = await Promise.all([startUiServer(), launchChromium()]);
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
};
