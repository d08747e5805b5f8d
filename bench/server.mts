/**
 * Web API latency: GET and saves of the 全項目 sample (001) under 20 concurrent clients, over real HTTP on
 * loopback (node's fetch), on a temp copy of the data folder, against the server as `npm start` runs it: the built
 * bundle in a process of its own, with its team layer (every save also appends an entry to the audit log in the
 * team database). The goal rows measure what the editor sends: a PATCH of the item changed since the version it
 * holds, with merge (ui/api/client.ts). The whole-document PUT that other clients send is measured beside them,
 * labelled. The clients run in a worker thread (server-clients.mts). The server's CPU time per save (read from
 * /proc) is printed beside the rows, and under the rows of 20 clients saving, the CPU time a save costs the whole
 * machine and the mean time per save it implies (their baseline). Last, the goal row once more against the server
 * without its team layer, built in this process, as the figures before 2026-12-06 were taken.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ensureBuilt } from '../scripts/build.mjs';
import { buildServer } from '../src/server/app.js';
import type { ClientsCommand, ClientsSetup, Timed } from './server-clients.mjs';
import { startServerProcess } from './server-process.mjs';
import { cpuMsOf, loadNote, median, percentile, sampleMemory } from './support.mjs';

const SAMPLE = '001-kitakyushu-yobosesshu';
const CLIENTS = 20;
const REQUESTS_PER_CLIENT = 15;
const ALONE = 35;
/** Saves sent before a row of one client alone, unmeasured: the first saves after other work warm the server up. */
const WARM_UP = 5;
const GOALS = { alone: 8, p95: 100 };

/** CPU time in ms of the server process's main thread (its event loop) and of all its threads (Linux; else undefined). */
const serverCpu = (pid: number): { thread: number; process: number } | undefined => {
  const thread = cpuMsOf(`/proc/${pid}/task/${pid}/stat`);
  const whole = cpuMsOf(`/proc/${pid}/stat`);
  return thread === undefined || whole === undefined ? undefined : { thread, process: whole };
};

/** CPU time of every thread of this process (the clients' worker and the threads it uses) in ms. */
const clientsCpu = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Where the CPU time of a command's requests went, in ms: the server's thread, the server's other threads (V8's
 * garbage collection and compilers, libuv's pool for file I/O and hashing), the clients (this process).
 */
type CpuSplit = { readonly serverThread: number; readonly shared: number; readonly clients: number };

const report = (label: string, results: Timed[], cpu?: CpuSplit, goal = ''): void => {
  const times = results.map((result) => result.ms);
  const statuses = [...new Set(results.map((result) => result.status))].join('/');
  const cpuNote = cpu === undefined ? '' : `   server thread CPU ${(cpu.serverThread / results.length).toFixed(1)} ms/request`;
  console.log(
    `  ${label.padEnd(54)} median ${median(times).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 0.95).toFixed(1).padStart(6)} ms   (${results.length} requests, HTTP ${statuses})${cpuNote}${goal}`,
  );
  sampleMemory();
};

/**
 * The baseline of a row of clients saving back to back: the CPU time one save costs the machine, and the mean time
 * a save must then take. With CLIENTS clients each sending its next save as soon as the last is answered, Little's
 * law gives a mean time per save of CLIENTS ÷ saves per second, and the machine completes at most cores ÷ (CPU per
 * save) saves per second, the server's own thread at most 1 ÷ (its CPU per save). The clients' CPU is counted: on
 * this bench they share the machine's cores with the server.
 */
const reportFloor = (results: Timed[], cpu: CpuSplit | undefined): void => {
  if (!cpu) return;
  const per = (ms: number): number => ms / results.length;
  const total = per(cpu.serverThread + cpu.shared + cpu.clients);
  const cores = os.availableParallelism();
  const floor = CLIENTS * Math.max(total / cores, per(cpu.serverThread));
  console.log(
    `    baseline: CPU per save ${total.toFixed(1)} ms (server thread ${per(cpu.serverThread).toFixed(1)}, GC, file I/O and hashing threads ${per(cpu.shared).toFixed(1)}, the clients ${per(cpu.clients).toFixed(1)}) → ${CLIENTS} clients saving back to back on ${cores} cores wait ≥ ${floor.toFixed(0)} ms per save on average (mean ${(results.reduce((sum, result) => sum + result.ms, 0) / results.length).toFixed(0)} ms)`,
  );
};

/** The clients' worker, started once the server listens; `ask` runs one command there and gives its times. */
const startClients = async (setup: ClientsSetup, serverPid?: number) => {
  // Under tsx the worker is TypeScript, which it loads once tsx's loader is registered in it (as render-pool.ts does).
  const entry = new URL('./server-clients.mts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: setup });
  const next = (): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const settle = (done: () => void) => {
        worker.off('message', onMessage).off('error', onError);
        done();
      };
      const onMessage = (message: unknown) => settle(() => resolve(message));
      const onError = (error: Error) => settle(() => reject(error));
      worker.on('message', onMessage).on('error', onError);
    });
  await next();
  return {
    ask: async (command: ClientsCommand): Promise<{ results: Timed[]; cpu: CpuSplit | undefined }> => {
      const before = { server: serverPid === undefined ? undefined : serverCpu(serverPid), clients: clientsCpu() };
      const answer = next();
      worker.postMessage(command);
      const results = (await answer) as Timed[] | { error: string };
      if (!Array.isArray(results)) throw new Error(results.error);
      const after = { server: serverPid === undefined ? undefined : serverCpu(serverPid), clients: clientsCpu() };
      if (!before.server || !after.server) return { results, cpu: undefined };
      const serverThread = after.server.thread - before.server.thread;
      const shared = after.server.process - before.server.process - serverThread;
      return { results, cpu: { serverThread, shared, clients: after.clients - before.clients } };
    },
    stop: () => worker.terminate(),
  };
};

/** A data folder in `dir` holding the sample and one copy of it per client; `copyAll` puts the copies back. */
const dataFolder = async (dir: string, ids: readonly string[]) => {
  const dataDir = path.join(dir, 'assessments');
  const copyAll = async (): Promise<void> => {
    for (const id of ids) await cp(path.join('assessments', SAMPLE), path.join(dataDir, id), { recursive: true });
  };
  await cp(path.join('assessments', SAMPLE), path.join(dataDir, SAMPLE), { recursive: true });
  await copyAll();
  return { dataDir, copyAll };
};

type Clients = Awaited<ReturnType<typeof startClients>>;

/** Every client saving its own copy of 001; the copies start from 001's version again for the next round. */
const saveOwnCopies = async (clients: Clients, copyAll: () => Promise<void>, method: 'PUT' | 'PATCH') => {
  await clients.ask({ kind: 'openCopies' });
  const measured = await clients.ask({ kind: 'ownCopies', method });
  await copyAll();
  return measured;
};

/**
 * The goal row once more against the server without its team layer (no audit log), built inside this process as
 * the figures before 2026-12-06 were taken: what the audit entry of every save costs, beside the rows above.
 */
const withoutTeamLayer = async (dir: string, ids: readonly string[]): Promise<void> => {
  const { dataDir, copyAll } = await dataFolder(path.join(dir, 'without-team'), ids);
  const app = buildServer({ dataDir, uiDir: path.join(dir, 'ui'), templatesDir: path.resolve('templates'), logLevel: 'silent' });
  try {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const clients = await startClients({ base, sample: SAMPLE, ids, clients: CLIENTS, requests: REQUESTS_PER_CLIENT });
    try {
      await clients.ask({ kind: 'alone', method: 'PATCH', saves: ALONE }); // warms it up as the rows above warm the other server
      const measured = await saveOwnCopies(clients, copyAll, 'PATCH');
      report('PATCH (each its own copy) to the server without its team layer (no audit log)', measured.results, undefined, `   ${loadNote()}`);
    } finally {
      await clients.stop();
    }
  } finally {
    await app.close();
  }
};

export const benchServer = async (): Promise<void> => {
  console.log(`web API on loopback (${SAMPLE}, ${CLIENTS} concurrent clients × ${REQUESTS_PER_CLIENT} requests), the server as npm start runs it`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pia-bench-'));
  const ids = Array.from({ length: CLIENTS }, (_, index) => `bench-${index + 1}`);
  const { dataDir, copyAll } = await dataFolder(dir, ids);
  await ensureBuilt(['ui', 'server']);
  const server = await startServerProcess(dataDir);
  try {
    await server.answering();
    const clients = await startClients({ base: server.url, sample: SAMPLE, ids, clients: CLIENTS, requests: REQUESTS_PER_CLIENT }, server.pid);
    try {
      const alone = async (method: 'PUT' | 'PATCH') => {
        await clients.ask({ kind: 'alone', method, saves: WARM_UP });
        return clients.ask({ kind: 'alone', method, saves: ALONE });
      };
      // Not measured: the first saves open the team database (the server opens it on first use, in seconds).
      await alone('PATCH');
      const gets = await clients.ask({ kind: 'gets' });
      report('GET  (all clients read 001)', gets.results, gets.cpu);
      const patchAlone = await alone('PATCH');
      report('PATCH (one client alone saves 001: the editor)', patchAlone.results, patchAlone.cpu, `   goal one save ≤ ${GOALS.alone} ms   ${loadNote()}`);
      const patchOwn = await saveOwnCopies(clients, copyAll, 'PATCH');
      report('PATCH (each client saves its own copy of 001)', patchOwn.results, patchOwn.cpu, `   goal p95 ≤ ${GOALS.p95} ms   ${loadNote()}`);
      reportFloor(patchOwn.results, patchOwn.cpu);
      const putAlone = await alone('PUT');
      report('PUT  whole document, one client alone (other clients)', putAlone.results, putAlone.cpu, `   ${loadNote()}`);
      const putOwn = await saveOwnCopies(clients, copyAll, 'PUT');
      report('PUT  whole document, each client its own copy', putOwn.results, putOwn.cpu, `   ${loadNote()}`);
      reportFloor(putOwn.results, putOwn.cpu);
      const contended = await clients.ask({ kind: 'contended' });
      report('PUT  whole document (all clients save 001 at once: 1 wins, 409s)', contended.results);
    } finally {
      await clients.stop();
    }
  } finally {
    await server.stop();
  }
  try {
    await withoutTeamLayer(dir, ids);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
