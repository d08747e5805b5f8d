/** Shared by the bench modules: the bundled samples, a median, the process's peak memory, a thread's CPU time. */
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
 * CPU time (user + system) of one thread in ms, from its /proc stat file (Linux; undefined elsewhere):
 * `/proc/thread-self/stat` for the calling thread. process.cpuUsage counts every thread of the process.
 */
export const threadCpuMs = (statFile = '/proc/thread-self/stat'): number | undefined => {
  try {
    const fields = readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms
  } catch {
    return undefined;
  }
};
