/**
 * Issue 14: what the tagged PDF (structure tree, marked content, artifacts, bookmarks; PDF/UA) costs against the
 * same render untagged, per sample: median warm render time of each, runs interleaved so that load from other
 * processes falls on both alike, as CPU time of this process (on a shared machine wall time mostly measures the
 * neighbours); the output sizes; and the ratio beside its goal (≤ 1.3×). The layout builds the
 * structure tree either way (it is pure and cheap); the difference is what painting and writing the tags add.
 */
import { renderPdfBuffer } from '../src/render/index.js';
import { DEFAULT_TEMPLATES_DIR, loadAssessment, readFonts, readTemplates } from '../src/store/index.js';
import { SAMPLES, median, sampleFile, sampleMemory } from './support.mjs';

const RUNS = 15;
const GOAL = 1.3;

export const benchTagged = async (): Promise<void> => {
  const assets = { fonts: await readFonts(), templates: await readTemplates(DEFAULT_TEMPLATES_DIR), images: new Map<string, Uint8Array>() };
  console.log(`Tagged PDF (PDF/UA structure, artifacts, bookmarks) vs the same render untagged — goal ≤ ${GOAL}×`);
  for (const sample of SAMPLES) {
    const { form, data } = await loadAssessment(sampleFile(sample));
    const render = (tagged: boolean) => renderPdfBuffer(form!, data, assets, { tagged });
    // One of each first: templates compiled and fonts parsed before anything is timed.
    const sizes = { tagged: (await render(true)).pdf.length, untagged: (await render(false)).pdf.length };
    const times = { tagged: [] as number[], untagged: [] as number[] };
    for (let i = 0; i < RUNS; i += 1) {
      for (const tagged of i % 2 === 0 ? [true, false] : [false, true]) {
        const start = process.cpuUsage();
        await render(tagged);
        const used = process.cpuUsage(start);
        times[tagged ? 'tagged' : 'untagged'].push((used.user + used.system) / 1000);
      }
      sampleMemory();
    }
    const ratio = median(times.tagged) / median(times.untagged);
    console.log(
      `  ${sample.padEnd(28)} CPU tagged ${median(times.tagged).toFixed(0).padStart(4)} ms  untagged ${median(times.untagged).toFixed(0).padStart(4)} ms  ` +
        `ratio ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×) ${ratio <= GOAL ? 'ok' : 'OVER'}   size ${(sizes.tagged / 1024).toFixed(0)} KB vs ${(sizes.untagged / 1024).toFixed(0)} KB`,
    );
  }
};
