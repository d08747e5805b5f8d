/**
 * What the browser tests (and bench/ui.mts) share: the built UI, the real server on a temp copy of the seed
 * assessments at a random loopback port, and Debian's Chromium driven by playwright-core.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { ensureBuilt } from '../../scripts/build.mjs';
import { buildServer } from '../../src/server/app.js';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const UI_DIST = path.join(PROJECT_ROOT, 'ui', 'dist');

/** The UI bundle (ui/ → ui/dist) as `npm start` serves it: built unless it is fresh from its sources. */
export const buildUi = async (): Promise<void> => {
  await ensureBuilt(['ui']);
};

export type UiServer = { url: string; dataDir: string; close: () => Promise<void> };

export const startUiServer = async (): Promise<UiServer> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pia-ui-'));
  await cp(path.join(PROJECT_ROOT, 'assessments'), dataDir, { recursive: true });
  const app = buildServer({ dataDir, uiDir: UI_DIST, templatesDir: path.join(PROJECT_ROOT, 'templates'), logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/**
 * One Chromium per test worker, kept for every UI test file the worker runs (the files share a worker's modules):
 * each file and test opens contexts of its own, and closes them (useServerAndBrowser). Launching Chromium for each
 * file cost a second of CPU a time on 2 cores. Playwright closes the browser when the worker process exits.
 */
let workerChromium: Promise<Browser> | undefined;
export const sharedChromium = (): Promise<Browser> => {
  workerChromium ??= launchChromium().then((browser) => {
    // A crashed browser is launched anew by the next file that asks.
    browser.on('disconnected', () => (workerChromium = undefined));
    return browser;
  });
  return workerChromium;
};

/**
 * Pages of this context autosave 100 ms after an edit instead of 1.2 s (ui/controllers/assessment-controller.ts),
 * for tests that wait for each save but are not about the pause before it; a test about unsaved changes keeps it.
 */
export const quickAutosave = async (context: BrowserContext): Promise<void> => {
  await context.addInitScript('window.piaAutosaveDelayMs = 100');
};

/** Closes the contexts a test file opened in the shared browser (and their pages), leaving the browser running. */
export const closeContexts = async (browser: Browser | undefined): Promise<void> => {
  await Promise.all((browser?.contexts() ?? []).map((context) => context.close()));
};

export const launchChromium = (extraArgs: readonly string[] = []): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      ...extraArgs,
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Headless Chromium builds its omnibox popup (a WebUI page of ~150 modules, about a second of CPU) for every
      // new context; a person's browser has it once. On 2 shared cores it ran beside the page measured or tested.
      '--disable-features=FullWebUIOmniboxFrame,WebUIOmniboxPopup,OmniboxEverywhereComposebox,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
    ],
  });

