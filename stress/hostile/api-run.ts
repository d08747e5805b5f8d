/**
 * Hostile requests against a real server on loopback, written on raw sockets. Every answer must be below 500, and
 * every error answer `{ code, message }` with a Japanese message. The server runs in a process of its own, so
 * the time another client waits (a poller in a worker thread) is the server's, not the generator's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { hostileRequest, request, type ApiTarget, type HostileRequest } from './api-cases.js';
import { createRng } from './rng.js';

export const TARGET_IDS = ['001-kitakyushu-yobosesshu', '002-nagaoka-covid19', '004-ise-yobosesshu'] as const;
/** The poller's own assessment: no hostile request touches it. */
export const POLL_ID = 'poll-004';

export type Answer = { readonly statuses: readonly number[]; readonly body: string; readonly ms: number };

/** Writes the bytes, reads until the server closes (or the client gives up), and finds every status line. */
export const send = (port: number, hostile: HostileRequest, timeoutMs = 60_000): Promise<Answer> =>
  new Promise((resolve) => {
    const start = performance.now();
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(hostile.bytes));
    const finish = (): void => {
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((match) => Number(match[1]));
      const body = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n').slice(1).join('\r\n\r\n');
      resolve({ statuses, body, ms: performance.now() - start });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.setTimeout(hostile.abandonAfterMs ?? timeoutMs, () => socket.destroy());
  });

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** What is wrong with an answer, or undefined: a 5xx, or an error answer not in the documented shape. */
export const answerProblem = (hostile: HostileRequest, answer: Answer): string | undefined => {
  const serverError = answer.statuses.find((status) => status >= 500);
  if (serverError !== undefined) return `HTTP ${serverError}: ${answer.body.slice(0, 300)}`;
  const [status] = answer.statuses;
  const isHead = hostile.bytes.subarray(0, 5).toString('latin1') === 'HEAD ';
  // One answer with a body: pipelined requests answer twice, and HEAD answers have no body.
  if (status === undefined || status < 400 || isHead || answer.statuses.length > 1) return undefined;
  try {
    const body = JSON.parse(answer.body) as { code?: unknown; message?: unknown };
    if (typeof body.code !== 'string' || typeof body.message !== 'string' || !JAPANESE.test(body.message)) {
      return `HTTP ${status} not in the { code, message (Japanese) } shape: ${answer.body.slice(0, 300)}`;
    }
  } catch {
    return `HTTP ${status} with a body that is not JSON: ${answer.body.slice(0, 300)}`;
  }
  return undefined;
};

/** A temp data folder with the bundled samples under their ids and the poller's copy of 004. */
export const prepareDataDir = async (root: string): Promise<{ dataDir: string; cleanup: () => Promise<void> }> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pia-hostile-api-'));
  const dataDir = path.join(dir, 'assessments');
  for (const id of TARGET_IDS) await cp(path.join(root, 'assessments', id), path.join(dataDir, id), { recursive: true });
  await cp(path.join(root, 'assessments', '004-ise-yobosesshu'), path.join(dataDir, POLL_ID), { recursive: true });
  return { dataDir, cleanup: () => rm(dir, { recursive: true, force: true }) };
};

/** Reads each target's document and commits it as revision 1, so that revision, diff and row routes have something to work on. */
export const prepareTarget = async (port: number): Promise<ApiTarget> => {
  const documents: Record<string, Record<string, unknown>> = {};
  for (const id of TARGET_IDS) {
    const read = await send(port, { kind: 'setup', bytes: request({ method: 'GET', path: `/api/assessments/${id}` }) });
    documents[id] = (JSON.parse(read.body) as { data: Record<string, unknown> }).data;
    const body = JSON.stringify({ message: '初版', changeDate: '2025-03-27', author: '検査', baseRevision: null });
    const committed = await send(port, { kind: 'setup', bytes: request({ method: 'POST', path: `/api/assessments/${id}/revisions`, body }) });
    if (committed.statuses[0] !== 201) throw new Error(`setup: commit of ${id} answered ${committed.statuses.join(',')}: ${committed.body.slice(0, 200)}`);
  }
  return { ids: TARGET_IDS, documents };
};

/** The server in a child process (tsx), on a free port; resolves once it listens. */
export const startServerProcess = (root: string, dataDir: string): Promise<{ port: number; child: ChildProcess; stop: () => Promise<void> }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'stress', 'hostile', 'api-server.mts'), dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (\d+)/.exec(output);
      if (match) {
        resolve({
          port: Number(match[1]),
          child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening: ${output}`)));
  });

export type PollFigures = {
  readonly polls: number;
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly overOneSecond: number;
  readonly failed: number;
  /** Polls answered after more than a second: when they started (epoch ms) and how long they took. */
  readonly slow: readonly { readonly at: number; readonly ms: number }[];
};

/** Another client: GET of its own assessment every 50 ms, in a worker thread, until stopped. */
export const startPoller = (port: number): { stop: () => Promise<PollFigures> } => {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const times = []; const slow = []; let failed = 0; let running = true;
    parentPort.on('message', () => { running = false; });
    const once = () => new Promise((resolve) => {
      const start = performance.now(); const at = Date.now();
      const done = () => { const ms = performance.now() - start; times.push(ms); if (ms > 1000) slow.push({ at, ms }); resolve(); };
      const req = http.get({ host: '127.0.0.1', port: workerData.port, path: '/api/assessments/' + workerData.id, agent }, (res) => {
        res.resume(); res.on('end', () => { if (res.statusCode !== 200) failed += 1; done(); });
      });
      req.on('error', () => { failed += 1; done(); });
    });
    (async () => {
      while (running) { await once(); await new Promise((r) => setTimeout(r, 50)); }
      agent.destroy();
      parentPort.postMessage({ times, failed, slow });
    })();
    `,
    { eval: true, workerData: { port, id: POLL_ID } },
  );
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', ({ times, failed, slow }: { times: number[]; failed: number; slow: PollFigures['slow'] }) => {
          const sorted = [...times].sort((a, b) => a - b);
          void worker.terminate();
          resolve({
            polls: times.length,
            maxMs: sorted.at(-1) ?? 0,
            p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
            overOneSecond: times.filter((ms) => ms > 1000).length,
            failed,
            slow,
          });
        });
        worker.postMessage('stop');
      }),
  };
};

export type ApiBatch = {
  readonly requests: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly kinds: Readonly<Record<string, number>>;
  readonly problems: readonly { readonly index: number; readonly kind: string; readonly problem: string }[];
  readonly unanswered: Readonly<Record<string, number>>;
  readonly slowest: { readonly ms: number; readonly index: number; readonly kind: string };
  /** When each request was on the wire (epoch ms), to see what a slow poll waited behind. */
  readonly spans: readonly { readonly index: number; readonly kind: string; readonly from: number; readonly to: number }[];
  readonly seconds: number;
};

/** `count` hostile requests from `seed` (or as many as fit in `maxSeconds`), `concurrency` at a time. */
export const runApiBatch = async (options: {
  port: number;
  target: ApiTarget;
  count: number;
  seed: number;
  maxSeconds: number;
  concurrency: number;
  onProgress?: (batch: ApiBatch) => void;
}): Promise<ApiBatch> => {
  const rng = createRng(options.seed);
  const started = performance.now();
  const statuses: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  const unanswered: Record<string, number> = {};
  const problems: { index: number; kind: string; problem: string }[] = [];
  let slowest = { ms: 0, index: -1, kind: '' };
  const spans: { index: number; kind: string; from: number; to: number }[] = [];
  let next = 0;
  let done = 0;
  const summary = (): ApiBatch => ({ requests: done, statuses, kinds, problems, unanswered, slowest, spans, seconds: (performance.now() - started) / 1000 });
  const client = async (): Promise<void> => {
    while (next < options.count && performance.now() - started < options.maxSeconds * 1000) {
      const index = next;
      next += 1;
      const hostile = hostileRequest(rng, options.target);
      kinds[hostile.kind] = (kinds[hostile.kind] ?? 0) + 1;
      const from = Date.now();
      const answer = await send(options.port, hostile);
      spans.push({ index, kind: hostile.kind, from, to: Date.now() });
      const [status] = answer.statuses;
      if (status === undefined) unanswered[hostile.kind] = (unanswered[hostile.kind] ?? 0) + 1;
      else statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      const problem = answerProblem(hostile, answer);
      if (problem) problems.push({ index, kind: hostile.kind, problem });
      if (!hostile.abandonAfterMs && answer.ms > slowest.ms) slowest = { ms: answer.ms, index, kind: hostile.kind };
      done += 1;
      if (done % 500 === 0) options.onProgress?.(summary());
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return summary();
};
