import { describe, expect, it } from 'vitest';
import { usePagePerTest, useServerAndBrowser } from './hooks.js';
import { input, openEditor } from './page-helpers.js';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared);

const SAMPLE = '001-kitakyushu-yobosesshu';
const DRAFT = `/api/assessments/${SAMPLE}`;

/**
 * Records, in the page, each time <html> gains the web-font class: whether every slice of BIZ UDゴシック that the
 * title's text needs was loaded at that moment (ui/web-font.ts switches only when they all are).
 */
const WATCH_SWITCH = `window.__switches = [];
new MutationObserver(() => {
  if (!document.documentElement.classList.contains('pia-web-font') || window.__switches.length > 0) return;
  const find = (root, selector) => root.querySelector(selector)
    ?? [...root.querySelectorAll('*')].reduce((found, element) => found ?? (element.shadowRoot && find(element.shadowRoot, selector)), null);
  const field = find(document, '[data-pointer="/cover/title"]');
  const title = field && (field.querySelector('input') ?? field.shadowRoot?.querySelector('input'));
  window.__switches.push({ title: title ? title.value : null, ready: title ? document.fonts.check("16px 'BIZ UDGothic'", title.value) : false });
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'] });`;

describe('opening the editor', () => {
  it('asks for the draft and the session before the bundle runs, once, and shows the draft from that answer', async () => {
    const { page } = current;
    // When the bundle defines the app's element: its code runs from then on.
    await page.addInitScript(`const define = customElements.define.bind(customElements);
customElements.define = (name, ...rest) => { if (name === 'pia-app') window.__bundleRan = performance.now(); return define(name, ...rest); };`);
    const asked: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (request.method() === 'GET' && pathname.startsWith('/api/')) asked.push(pathname);
    });
    await openEditor(page, shared.server.url, SAMPLE);
    expect(await input(page, '/cover/title').inputValue()).toBe('北九州市　予防接種に関する事務　全項目評価書');
    const started = (await page.evaluate(`(() => {
      const start = (path) => performance.getEntriesByType('resource').find((entry) => new URL(entry.name).pathname === path)?.startTime;
      return { session: start('/api/session'), draft: start(${JSON.stringify(DRAFT)}), bundle: window.__bundleRan };
    })()`)) as { session: number; draft: number; bundle: number };
    expect(started.draft).toBeLessThan(started.bundle);
    expect(started.session).toBeLessThan(started.bundle);
    // The editor took that answer instead of asking again.
    expect(asked.filter((path) => path === DRAFT)).toHaveLength(1);
  });

  it('draws the first screen in the installed font, then switches to BIZ UDゴシック once the slices its text needs have all arrived', async () => {
    const { page } = current;
    await page.addInitScript(WATCH_SWITCH);
    await openEditor(page, shared.server.url, SAMPLE);
    await page.waitForFunction(`document.documentElement.classList.contains('pia-web-font')`);
    const [first] = (await page.evaluate('window.__switches')) as { title: string | null; ready: boolean }[];
    expect(first).toEqual({ title: '北九州市　予防接種に関する事務　全項目評価書', ready: true });
    // From then on the page's text is drawn with the web font's slices.
    type Styles = { getComputedStyle: (element: unknown) => { fontFamily: string } };
    const family = await input(page, '/cover/title').evaluate((element) => (globalThis as unknown as Styles).getComputedStyle(element).fontFamily);
    expect(family).toMatch(/BIZ UDGothic installed", "BIZ UDGothic"/);
    // Every slice is a file of the bundle's origin (the Content-Security-Policy refuses data: fonts): none failed.
    const failed = await page.evaluate(`[...document.fonts].filter((face) => face.status === 'error' && face.family !== 'BIZ UDGothic installed').length`);
    expect(failed).toBe(0);
  });
});
