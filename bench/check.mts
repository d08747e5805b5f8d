/** Checks: checkAssessment time per sample (median of repeated runs after one warm-up), data already loaded. */
import { performance } from 'node:perf_hooks';
import { checkAssessment } from '../src/checks/index.js';
import { loadAssessment } from '../src/store/index.js';
import { SAMPLES, median, sampleFile, sampleMemory } from './support.mjs';

const RUNS = 50;

export const benchCheck = async (): Promise<void> => {
  console.log('check (しきい値判断 + every consistency rule, item paths from the schema)');
  for (const sample of SAMPLES) {
    const { form, data } = await loadAssessment(sampleFile(sample));
    const coldStart = performance.now();
    const findings = checkAssessment(form!, data, { today: '2025-10-01' });
    const cold = performance.now() - coldStart;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      checkAssessment(form!, data, { today: '2025-10-01' });
      times.push(performance.now() - start);
      sampleMemory();
    }
    console.log(
      `  ${sample.padEnd(28)} first ${cold.toFixed(1).padStart(6)} ms   median of ${RUNS} ${median(times).toFixed(2).padStart(6)} ms   ${findings.length} findings`,
    );
  }
};
