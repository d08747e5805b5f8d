/**
 * PDF rendering: per sample the page count, warm render time (median of repeated renders in one process), the
 * first render in the process (templates compiled, fonts parsed), the output size, and — in the same run — a
 * baseline: plain pdfkit writing the same text as one wrapped flow in the same font and size, no tables, and
 * Chromium printing the same text as an HTML table.
 * (Cold `pia render` processes and their baseline are in bench/cold.mts.) Peak RSS is the process's so far (the render
 * bench runs after load, check and revisions, before the server and browser benches).
 */
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { layoutAssessment, renderPdfBuffer } from '../src/render/index.js';
import { DEFAULT_TEMPLATES_DIR, loadAssessment, readFonts, readTemplates } from '../src/store/index.js';
import { launchChromium } from '../tests/ui/support.js';
import { SAMPLES, loadNote, median, sampleFile, sampleMemory } from './support.mjs';

const RUNS = 10;

const time = async (run: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};

/** Plain pdfkit: the whole text as one flow, the font given as bytes as pdfkit users do. */
const plainFlow = async (text: string, font: Uint8Array): Promise<Buffer> => {
  const doc = new PDFDocument({ size: 'A4', margin: 26 });
  doc.font(Buffer.from(font)).fontSize(8.5).text(text, { width: 595.28 - 52 });
  doc.end();
  const chunks: Buffer[] = [];
  for await (const chunk of doc as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
};

const CHROMIUM_RUNS = 3;
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The other baseline: Chromium printing the same text as an HTML table (one row per line, the same font served to
 * it, A4), page.pdf in a warm browser: what rendering through a browser would cost.
 */
const chromiumPrint = async (texts: readonly string[], font: Uint8Array): Promise<number[]> => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const rows = texts.map((text) => `<tr><td>${escapeHtml(text)}</td></tr>`).join('');
    const html = `<!doctype html><meta charset="utf-8"><style>@font-face{font-family:M;src:url(/font.ttf)}
      body{font:8.5pt M;margin:0}table{border-collapse:collapse;width:100%}td{border:0.5pt solid #000;padding:1pt}</style><table>${rows}</table>`;
    await page.route('http://bench.invalid/**', (route) =>
      route.request().url().endsWith('/font.ttf')
        ? route.fulfill({ body: Buffer.from(font), contentType: 'font/ttf' })
        : route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
    );
    await page.goto('http://bench.invalid/', { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
    const times: number[] = [];
    for (let run = 0; run < CHROMIUM_RUNS; run += 1) times.push(await time(() => page.pdf({ format: 'A4', margin: { top: '26px', bottom: '26px', left: '26px', right: '26px' } })));
    return times;
  } finally {
    await browser.close();
  }
};

type Assets = Parameters<typeof layoutAssessment>[2];

/** What the rendering prints, line by line: the text the baselines write. */
const textOf = (form: Parameters<typeof layoutAssessment>[0], data: Record<string, unknown>, assets: Assets): string =>
  layoutAssessment(form, data, assets).pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'text' ? [item.text] : []))).join('\n');

/** The printed text of a sample (for the cold baseline in bench/cold.mts). */
export const documentText = async (sample: string): Promise<string> => {
  const { form, data } = await loadAssessment(sampleFile(sample));
  return textOf(form!, data, { fonts: await readFonts(), templates: await readTemplates(DEFAULT_TEMPLATES_DIR), images: new Map() });
};

export const benchRender = async (): Promise<void> => {
  const fonts = await readFonts();
  const assets = { fonts, templates: await readTemplates(DEFAULT_TEMPLATES_DIR), images: new Map<string, Uint8Array>() };
  console.log(`PDF render (official layout) vs baselines: plain pdfkit flow of the same text (same font and size), Chromium printing it as an HTML table (warm, median of ${CHROMIUM_RUNS})   ${loadNote()}`);
  for (const sample of SAMPLES) {
    const { form, data } = await loadAssessment(sampleFile(sample));
    const first = await time(() => renderPdfBuffer(form!, data, assets));
    const warm: number[] = [];
    let size = 0;
    let pages = 0;
    for (let i = 0; i < RUNS; i += 1) {
      warm.push(await time(async () => ({ pdf: { length: size }, pages } = await renderPdfBuffer(form!, data, assets))));
      sampleMemory();
    }
    const text = textOf(form!, data, assets);
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i += 1) baseline.push(await time(() => plainFlow(text, fonts.mincho)));
    const ratio = median(warm) / median(baseline);
    const chromium = await chromiumPrint(text.split('\n'), fonts.mincho);
    console.log(
      `  ${sample.padEnd(28)} ${String(pages).padStart(3)} pages  warm ${median(warm).toFixed(0).padStart(4)} ms  first ${first.toFixed(0).padStart(4)} ms  ` +
        `${(size / 1024).toFixed(0).padStart(4)} KB   peak RSS ${(sampleMemory() / 1024 / 1024).toFixed(0)} MB   ` +
        `baseline ${median(baseline).toFixed(0).padStart(4)} ms   ratio ${ratio.toFixed(2)}   ` +
        `Chromium printing it as a table ${median(chromium).toFixed(0).padStart(5)} ms (${(median(chromium) / median(warm)).toFixed(1)}× the render)`,
    );
  }
};
