/** Shared by the bench modules: the bundled samples, a median, the process's peak memory, CPU time from /proc. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
export const SAMPLES = ['001-kitakyushu-yobosesshu', '002-nagaoka-covid19', '004-ise-yobosesshu'];

export const sampleFile = (sample: string): string => `assessments/${sample}/assessment.yaml`;

export const median = (values: number[]): number => percentile(values, 0.5);

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};

let peakRss = process.memoryUsage().rss;
export const sampleMemory = (): number => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return peakRss;
};

/** The machine's load when a figure was taken: wall times on a shared machine mean little without it. */
export const loadNote = (): string =>
  `(1-min load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores)`;

/**
 * CPU time (user + system) in ms from a /proc stat file (Linux; undefined elsewhere): `/proc/<pid>/stat` counts
 * every thread of a process, `/proc/<pid>/task/<tid>/stat` one thread.
 */
export const cpuMsOf = (statFile: string): number | undefined => {
  try {
    const fields = readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms
  } catch {
    return undefined;
  }
};
