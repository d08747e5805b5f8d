import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { usePagePerTest, useServerAndBrowser } from './hooks.js';
import { input, openEditor, reveal } from './page-helpers.js';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared, { fresh: true });

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

/** In the page: when <html> gained the web-font class, and when each key was pressed (performance.now()). */
const WATCH_SWITCH_AND_KEYS = `window.__switchedAt = undefined;
window.__keysAt = [];
addEventListener('keydown', () => window.__keysAt.push(performance.now()), true);
new MutationObserver(() => {
  if (window.__switchedAt === undefined && document.documentElement.classList.contains('pia-web-font')) window.__switchedAt = performance.now();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'] });`;

describe('opening the editor', () => {
  it('comes with the draft and the session in the page: the editor shows that draft without asking the API, and it is the API\'s answer', async () => {
    const { page } = current;
    const asked: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (request.method() === 'GET' && pathname.startsWith('/api/')) asked.push(pathname);
    });
    await openEditor(page, shared.server.url, SAMPLE);
    expect(await input(page, '/cover/title').inputValue()).toBe('北九州市　予防接種に関する事務　全項目評価書');
    // Nor for what the editor shows above the form: the page carries those answers too.
    for (const path of [DRAFT, '/api/session', `${DRAFT}/snippets`, `${DRAFT}/revisions`]) expect(asked, path).not.toContain(path);
    const written = (await page.evaluate(`JSON.parse(document.getElementById('pia-initial-answers').textContent)`)) as Record<string, unknown>;
    const answered = await page.evaluate(`fetch(${JSON.stringify(DRAFT)}).then((response) => response.json())`);
    expect(written[DRAFT]).toEqual(answered);
  });

  it('shows hostile document text as text: nothing in the draft written into the page runs or ends its element', async () => {
    const { page } = current;
    const id = '901-hostile-title';
    const hostile = '</script><script>window.__ran = 1</script><!--<script>&lt;b&gt; </SCRIPT >';
    const yaml = await readFile(path.join(shared.server.dataDir, SAMPLE, 'assessment.yaml'), 'utf8');
    await mkdir(path.join(shared.server.dataDir, id));
    await writeFile(path.join(shared.server.dataDir, id, 'assessment.yaml'), yaml.replace(/^  title: .*$/m, () => `  title: ${JSON.stringify(hostile)}`));
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await openEditor(page, shared.server.url, id);
    expect(await input(page, '/cover/title').inputValue()).toBe(hostile);
    expect(await page.evaluate('window.__ran')).toBeUndefined();
    expect(await page.evaluate(`document.querySelectorAll('script').length`)).toBe(2); // the bundle and the answers
    expect(refused).toEqual([]);
  });

  it('draws the first screen whole: nothing on it moves before the web font switches in', async () => {
    const { page } = current;
    // Chromium's layout shifts (the Layout Instability API): content already on screen that moved, and when.
    await page.addInitScript(`${WATCH_SWITCH_AND_KEYS}
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__shifts.push({ at: entry.startTime, value: entry.value, moved: entry.sources.length });
}).observe({ type: 'layout-shift', buffered: true });`);
    await openEditor(page, shared.server.url, SAMPLE);
    // Above the form: the notice of 001's standard text with a newer version.
    await page.locator('pia-editor .snippet-outdated').waitFor();
    await page.waitForFunction('window.__switchedAt !== undefined');
    // The answers asked for after the first screen (the checks, the comments) have come and been drawn.
    await page.waitForLoadState('networkidle');
    const switchedAt = (await page.evaluate('window.__switchedAt')) as number;
    const shifts = (await page.evaluate('window.__shifts')) as { at: number; value: number; moved: number }[];
    // The web font's one layout may move text a little (its letters are not the installed font's); nothing else may.
    expect(shifts.filter((shift) => shift.at < switchedAt)).toEqual([]);
  });

  it('asks for the web font\'s slices of the text on screen, not of the whole draft the page carries', async () => {
    const { page } = current;
    const id = '902-rare-characters';
    // Characters of slices nothing else near the top uses, in an item far below the first screen: they are in the
    // page's answers (the draft as JSON) from the start, and on screen only once that item is reached.
    const rare = '鼈鼇鼾齟齬';
    const yaml = await readFile(path.join(shared.server.dataDir, SAMPLE, 'assessment.yaml'), 'utf8');
    const far = '・特定個人情報ファイルの複製は必要最低限とし';
    expect(yaml.split(far)).toHaveLength(2);
    await mkdir(path.join(shared.server.dataDir, id));
    await writeFile(path.join(shared.server.dataDir, id, 'assessment.yaml'), yaml.replace(far, `${rare}${far}`));
    await openEditor(page, shared.server.url, id);
    await page.waitForFunction(`document.documentElement.classList.contains('pia-web-font')`);
    await page.waitForLoadState('networkidle');
    const loaded = (text: string) => page.evaluate(`document.fonts.check("16px 'BIZ UDGothic'", ${JSON.stringify(text)})`);
    expect(await loaded(await input(page, '/cover/title').inputValue())).toBe(true);
    expect(await loaded(rare)).toBe(false);
    // Reached, the item is drawn in the web font as any later text is: its slices are asked for then.
    await reveal(page, '/files/0/riskMeasures/use/risk4/measures');
    await expect.poll(() => loaded(rare)).toBe(true);
  });

  it('switches to the web font in a pause of input, not under keys pressed as the page opens, and soon even while they go on', async () => {
    const { page } = current;
    await page.addInitScript(WATCH_SWITCH_AND_KEYS);
    /**
     * Keys every 100 ms from the moment the page is committed until `enough` says so; the switch's time then.
     */
    const typeWhileOpening = async (enough: (keys: number) => Promise<boolean>): Promise<{ switchedAt: number; keysAt: number[] }> => {
      await page.goto(`${shared.server.url}/assessments/${SAMPLE}`, { waitUntil: 'commit' });
      for (let keys = 0; !(await enough(keys)); keys += 1) {
        await page.keyboard.press('Shift');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await page.waitForFunction('window.__switchedAt !== undefined');
      return { switchedAt: (await page.evaluate('window.__switchedAt')) as number, keysAt: (await page.evaluate('window.__keysAt')) as number[] };
    };
    // Keys over the first screen's arrival, then a pause: the switch (one layout of the whole page) waits for the
    // pause, so no key came in the 300 ms before it. The keys go on for 0.6 s after the first screen (a switch made
    // as soon as the first screen is drawn comes under them) and stop well within the switch's latest time (1.5 s
    // after it), even when a loaded machine takes each key late.
    let firstScreenAt: number | undefined;
    const opening = await typeWhileOpening(async () => {
      firstScreenAt ??= (await page.locator('pia-section').count()) > 0 ? Date.now() : undefined;
      return firstScreenAt !== undefined && Date.now() > firstScreenAt + 600;
    });
    expect(opening.keysAt.length).toBeGreaterThanOrEqual(3);
    expect(opening.keysAt.filter((at) => at > opening.switchedAt - 300 && at <= opening.switchedAt)).toEqual([]);
    // Keys without a pause: the switch comes all the same, while they go on (where no installed font draws
    // Japanese, the first screen shows boxes until then).
    let until: number | undefined;
    const typing = await typeWhileOpening(async () => Date.now() > (until ??= Date.now() + 4000));
    expect(typing.switchedAt).toBeLessThan(typing.keysAt.at(-1)!);
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
