/**
 * Web API latency: GET and saves of the 全項目 sample (001) under 20 concurrent clients, over real HTTP on
 * loopback (node's fetch), on a temp copy of the data folder. The goal rows measure what the editor sends: a PATCH
 * of the item changed since the version it holds, with merge (ui/api/client.ts). The whole-document PUT that
 * other clients send is measured beside them, labelled. The clients run in a worker thread (server-clients.mts),
 * as browsers run outside the server; the server's own CPU time per save is printed beside the goal rows.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildServer } from '../src/server/app.js';
import type { ClientsCommand, ClientsSetup, Timed } from './server-clients.mjs';
import { loadNote, median, percentile, sampleMemory } from './support.mjs';

const SAMPLE = '001-kitakyushu-yobosesshu';
const CLIENTS = 20;
const REQUESTS_PER_CLIENT = 15;
const ALONE = 40;
const GOALS = { alone: 8, p95: 100 };

/**
 * CPU time of this process's main thread (the server's event loop) in ms, from /proc (Linux); undefined elsewhere.
 * process.cpuUsage counts every thread, the clients' worker too.
 */
const serverThreadCpu = (): number | undefined => {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms
  } catch {
    return undefined;
  }
};

const report = (label: string, results: Timed[], cpuMs?: number, goal = ''): void => {
  const times = results.map((result) => result.ms);
  const statuses = [...new Set(results.map((result) => result.status))].join('/');
  const cpu = cpuMs === undefined ? '' : `   server thread CPU ${(cpuMs / results.length).toFixed(1)} ms/request`;
  console.log(
    `  ${label.padEnd(54)} median ${median(times).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 0.95).toFixed(1).padStart(6)} ms   (${results.length} requests, HTTP ${statuses})${cpu}${goal}`,
  );
  sampleMemory();
};

/** The clients' worker, started once the server listens; `ask` runs one command there and gives its times. */
const startClients = async (setup: ClientsSetup) => {
  // Under tsx the worker is TypeScript, which it loads once tsx's loader is registered in it (as render-pool.ts does).
  const entry = new URL('./server-clients.mts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: setup });
  const next = (): Promise<unknown> =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  await next();
  return {
    ask: async (command: ClientsCommand): Promise<{ results: Timed[]; cpuMs: number | undefined }> => {
      const before = serverThreadCpu();
      const answer = next();
      worker.postMessage(command);
      const results = (await answer) as Timed[] | { error: string };
      if (!Array.isArray(results)) throw new Error(results.error);
      const after = serverThreadCpu();
      return { results, cpuMs: before === undefined || after === undefined ? undefined : after - before };
    },
    stop: () => worker.terminate(),
  };
};

export const benchServer = async (): Promise<void> => {
  console.log(`web API on loopback (${SAMPLE}, ${CLIENTS} concurrent clients × ${REQUESTS_PER_CLIENT} requests)`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pia-bench-'));
  const dataDir = path.join(dir, 'assessments');
  const ids = Array.from({ length: CLIENTS }, (_, index) => `bench-${index + 1}`);
  const copyAll = async (): Promise<void> => {
    for (const id of ids) await cp(path.join('assessments', SAMPLE), path.join(dataDir, id), { recursive: true });
  };
  await cp(path.join('assessments', SAMPLE), path.join(dataDir, SAMPLE), { recursive: true });
  await copyAll();
  const app = buildServer({
    dataDir,
    uiDir: path.join(dir, 'ui'),
    templatesDir: path.resolve('templates'),
    logLevel: 'silent',
  });
  try {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const clients = await startClients({ base, sample: SAMPLE, ids, clients: CLIENTS, requests: REQUESTS_PER_CLIENT, alone: ALONE });
    try {
      const gets = await clients.ask({ kind: 'gets' });
      report('GET  (all clients read 001)', gets.results, gets.cpuMs);
      const alone = async (method: 'PUT' | 'PATCH') => clients.ask({ kind: 'alone', method });
      /** Every client saving its own copy of 001; the copies start from 001's version again for the next round. */
      const ownCopies = async (method: 'PUT' | 'PATCH') => {
        const measured = await clients.ask({ kind: 'ownCopies', method });
        await copyAll();
        return measured;
      };
      const patchAlone = await alone('PATCH');
      report('PATCH (one client alone saves 001: the editor)', patchAlone.results, patchAlone.cpuMs, `   goal one save ≤ ${GOALS.alone} ms   ${loadNote()}`);
      const patchOwn = await ownCopies('PATCH');
      report('PATCH (each client saves its own copy of 001)', patchOwn.results, patchOwn.cpuMs, `   goal p95 ≤ ${GOALS.p95} ms   ${loadNote()}`);
      const putAlone = await alone('PUT');
      report('PUT  whole document, one client alone (other clients)', putAlone.results, putAlone.cpuMs, `   ${loadNote()}`);
      const putOwn = await ownCopies('PUT');
      report('PUT  whole document, each client its own copy', putOwn.results, putOwn.cpuMs, `   ${loadNote()}`);
      const contended = await clients.ask({ kind: 'contended' });
      report('PUT  whole document (all clients save 001 at once: 1 wins, 409s)', contended.results);
    } finally {
      await clients.stop();
    }
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
};
