/**
 * npm run bench — figures the issues ask for. Form model: load + validate time per sample (median of repeated
 * runs, after one warm-up) and the process's peak memory.
 */
import { performance } from 'node:perf_hooks';
import { loadAssessment } from '../src/store/index.js';

const SAMPLES = ['001-kitakyushu-yobosesshu', '002-nagaoka-covid19', '004-ise-yobosesshu'];
const RUNS = 30;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

let peakRss = process.memoryUsage().rss;
const sampleMemory = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

console.log('load + validate (YAML parse with positions, ajv validation, issue mapping)');
for (const sample of SAMPLES) {
  const file = `assessments/${sample}/assessment.yaml`;
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
  console.log(`  ${sample.padEnd(28)} first ${cold.toFixed(1).padStart(6)} ms   median of ${RUNS} ${median(times).toFixed(1).padStart(6)} ms`);
}
sampleMemory();
console.log(`peak memory (RSS): ${(peakRss / 1024 / 1024).toFixed(1)} MB`);
