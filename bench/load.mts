/** Form model: load + validate time per sample (median of repeated runs, after one warm-up). */
import { performance } from 'node:perf_hooks';
import { loadAssessment } from '../src/store/index.js';
import { SAMPLES, median, sampleFile, sampleMemory } from './support.mjs';

const RUNS = 30;

export const benchLoad = async (): Promise<void> => {
  console.log('load + validate (YAML parse with positions, ajv validation, issue mapping)');
  for (const sample of SAMPLES) {
    const file = sampleFile(sample);
    const coldStart = performance.now();
    await loadAssessment(file);
    const cold = performance.now() - coldStart;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      await loadAssessment(file);
      times.push(performance.now() - start);
      sampleMemory();
    }
    console.log(
      `  ${sample.padEnd(28)} first ${cold.toFixed(1).padStart(6)} ms   median of ${RUNS} ${median(times).toFixed(1).padStart(6)} ms`,
    );
  }
};
