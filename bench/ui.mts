/**
 * Web editor: time until the editor of the 全項目 sample (001) is interactive in Chromium — from navigation
 * to every part of the form rendered with its fields, the draft validated, and a keystroke accepted — and
 * the time from a keystroke to the re-rendered page (live validation included). Fresh browser context per
 * run, so the bundle and fonts come over loopback each time.
 */
import { performance } from 'node:perf_hooks';
import { buildUi, launchChromium, startUiServer } from '../tests/ui/support.js';
import { median, percentile } from './support.mjs';

const RUNS = 7;
const SAMPLE = '001-kitakyushu-yobosesshu';

type EditorProbe = { sections: number; fields: number };

// Runs in the page (a string, since bench/ is type-checked without the DOM library).
const COUNT_EDITORS = `(() => {
  const editor = document.querySelector('pia-app').shadowRoot.querySelector('pia-editor');
  const sections = [...editor.shadowRoot.querySelectorAll('pia-section')];
  const fields = sections.reduce((sum, s) =>
    sum + s.shadowRoot.querySelectorAll('pia-field-text, pia-field-choice, pia-field-checks').length, 0);
  return { sections: sections.length, fields };
})()`;

export const benchUi = async (): Promise<void> => {
  console.log(`web editor in Chromium (${SAMPLE}, ${RUNS} runs, fresh context each)`);
  await buildUi();
  const [server, browser] = await Promise.all([startUiServer(), launchChromium()]);
  try {
    const ready: number[] = [];
    const keystroke: number[] = [];
    let probe: EditorProbe = { sections: 0, fields: 0 };
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${server.url}/assessments/${SAMPLE}`);
      const title = page.locator('[data-pointer="/cover/title"] input');
      await title.waitFor();
      await page.locator('section[data-pointer="/changeHistory"]').waitFor();
      await title.focus();
      ready.push(performance.now() - start);
      probe = (await page.evaluate(COUNT_EDITORS)) as EditorProbe;
      const typed = performance.now();
      await title.press('End');
      await title.pressSequentially('あ');
      await page.locator('pia-editor .status[data-state="dirty"]').waitFor();
      keystroke.push(performance.now() - typed);
      await context.close();
    }
    const line = (label: string, values: number[]): string =>
      `  ${label.padEnd(34)} median ${median(values).toFixed(0).padStart(5)} ms   p95 ${percentile(values, 0.95).toFixed(0).padStart(5)} ms`;
    console.log(`  (${probe.sections} parts, ${probe.fields} field editors)`);
    console.log(line('navigation → editor interactive', ready));
    console.log(line('keystroke → shown as unsaved', keystroke));
  } finally {
    await browser.close();
    await server.close();
  }
};
