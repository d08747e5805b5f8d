/**
 * PDF rendering: per sample the page count, warm render time (median of repeated renders in one process), the
 * first render in the process (templates compiled, fonts parsed), the output size, and — in the same run — a
 * baseline: plain pdfkit writing the same text as one wrapped flow in the same font and size, no tables.
 * Then a cold `pia render` process of the 全項目 sample, end to end. Peak RSS is the process's so far (the render
 * bench runs after load, check and revisions, before the server and browser benches).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { layoutAssessment, renderPdfBuffer } from '../src/render/index.js';
import { DEFAULT_TEMPLATES_DIR, loadAssessment, readFonts, readTemplates } from '../src/store/index.js';
import { SAMPLES, median, sampleFile, sampleMemory } from './support.mjs';

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

export const benchRender = async (): Promise<void> => {
  const fonts = await readFonts();
  const assets = { fonts, templates: await readTemplates(DEFAULT_TEMPLATES_DIR), images: new Map<string, Uint8Array>() };
  console.log('PDF render (official layout) vs baseline (plain pdfkit flow of the same text, same font and size)');
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
    const text = layoutAssessment(form!, data, assets).pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'text' ? [item.text] : []))).join('\n');
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i += 1) baseline.push(await time(() => plainFlow(text, fonts.mincho)));
    const ratio = median(warm) / median(baseline);
    console.log(
      `  ${sample.padEnd(28)} ${String(pages).padStart(3)} pages  warm ${median(warm).toFixed(0).padStart(4)} ms  first ${first.toFixed(0).padStart(4)} ms  ` +
        `${(size / 1024).toFixed(0).padStart(4)} KB   peak RSS ${(sampleMemory() / 1024 / 1024).toFixed(0)} MB   ` +
        `baseline ${median(baseline).toFixed(0).padStart(4)} ms   ratio ${ratio.toFixed(2)}`,
    );
  }
  // The bundled CLI is what `npm install` builds and bin/pia.js runs; rebuild it so it is never stale here.
  execFileSync('npm', ['run', '--silent', 'build:cli'], { stdio: 'ignore' });
  const out = mkdtempSync(path.join(os.tmpdir(), 'pia-bench-'));
  const cold: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    cold.push(await time(async () => execFileSync(process.execPath, ['bin/pia.js', 'render', sampleFile(SAMPLES[0]!), '-o', path.join(out, 'out.pdf')])));
  }
  rmSync(out, { recursive: true, force: true });
  console.log(`  cold \`pia render\` process, ${SAMPLES[0]}: median of 3 ${median(cold).toFixed(0)} ms`);
};
