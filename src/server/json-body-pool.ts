/**
 * The worker threads that parse large JSON bodies (json-body-worker.ts), so the server's thread does not spend
 * a save's largest CPU cost (decoding and parsing the whole assessment) while other requests wait, and saves of
 * different assessments parse on another core at the same time. Workers start with the first large body; one that
 * dies is replaced, and what it held is parsed on the server's thread instead (everything, once one could not start).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { JsonBodyReply, JsonBodyRequest } from './json-body-worker.js';
import { startWorker } from './worker-thread.js';

/** Smaller bodies are parsed at once: a round trip to a worker costs more than they do. */
export const OFFLOAD_BYTES = 64 * 1024;

export type JsonBodyPool = {
  /** `{ value }` when the body was plain JSON; undefined when the server's own parser must judge it. */
  readonly parse: (bytes: Buffer, maxNesting: number) => Promise<{ value: unknown } | undefined>;
};

type Slot = {
  readonly worker: Worker;
  readonly pending: Map<number, (reply: JsonBodyReply | undefined) => void>;
  answered: boolean;
};

/** One core stays for the server's own thread. */
const poolSize = (): number => Math.max(1, Math.min(2, availableParallelism() - 1));

export const createJsonBodyPool = (size = poolSize()): JsonBodyPool => {
  const slots: Slot[] = [];
  let nextJob = 1;
  /** A worker that died before answering anything cannot start here (its file missing): parse on this thread. */
  let unusable = false;

  const retire = (slot: Slot): void => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    if (!slot.answered) unusable = true;
    for (const settle of slot.pending.values()) settle(undefined);
    slot.pending.clear();
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: startWorker('server-json-body-worker.mjs', 'json-body-worker.ts'), pending: new Map(), answered: false };
    slot.worker.on('message', (reply: JsonBodyReply) => {
      slot.answered = true;
      const settle = slot.pending.get(reply.job);
      slot.pending.delete(reply.job);
      if (slot.pending.size === 0) slot.worker.unref();
      settle?.(reply);
    });
    slot.worker.on('error', () => retire(slot));
    slot.worker.on('exit', () => retire(slot));
    // Held while it parses (nothing else may keep the process waiting for the answer), let go when idle, so it never
    // keeps a test run or a stopping server alive. After the listeners: adding one refs the worker again.
    slot.worker.unref();
    slots.push(slot);
    return slot;
  };

  /** The least busy worker, a new one while the pool is not full. */
  const pick = (): Slot => {
    const idle = slots.find((slot) => slot.pending.size === 0);
    if (idle) return idle;
    if (slots.length < size) return spawn();
    return slots.reduce((best, slot) => (slot.pending.size < best.pending.size ? slot : best));
  };

  return {
    parse: (bytes, maxNesting) =>
      new Promise((resolve) => {
        if (unusable) return resolve(undefined);
        const slot = pick();
        const job = nextJob++;
        slot.pending.set(job, (reply) => resolve(reply?.parsed));
        slot.worker.ref();
        slot.worker.postMessage({ job, bytes, maxNesting } satisfies JsonBodyRequest);
      }),
  };
};

let shared: JsonBodyPool | undefined;

/** The process's one pool, shared by every server built in it (tests build many). */
export const sharedJsonBodyPool = (): JsonBodyPool => (shared ??= createJsonBodyPool());
