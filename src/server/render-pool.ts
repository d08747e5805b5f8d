/**
 * PDFs are rendered in worker threads, so a long render (a 全項目評価書, a hostile draft, ten officers printing at
 * once) never holds the server's thread from other users' reads and saves. Workers start with the first PDF, not
 * with the server, render one PDF at a time each, and are replaced when one dies.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { RenderReply, RenderRequest } from './render-protocol.js';

export type RenderJob = Omit<RenderRequest, 'job'>;

export type RenderPool = {
  readonly render: (job: RenderJob) => Promise<Buffer>;
  /** Ends every worker (the server's onClose); later renders start new ones. */
  readonly close: () => Promise<void>;
};

/** One core stays for the server's own thread; more than four workers only add memory (each holds the fonts). */
export const defaultPoolSize = (): number => Math.max(1, Math.min(4, availableParallelism() - 1));

type Pending = { readonly request: RenderRequest; readonly resolve: (pdf: Buffer) => void; readonly reject: (error: unknown) => void };
type Slot = { readonly worker: Worker; current?: Pending };

/** tsx's ESM API as an import would resolve it (its CommonJS variant cannot register the loader in a worker). */
const tsxLoaderUrl = (): string => {
  const require = createRequire(import.meta.url);
  const manifest = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  const api = manifest.exports['./esm/api']!.import.default;
  return pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), api)).href;
};

/**
 * In the server bundle the worker is an entry of its own beside it. From the sources (tsx, vitest) it is TypeScript,
 * which a worker only loads once tsx's loader is registered in it (Node 20 does not pass `--import tsx` on).
 */
const startWorker = (): Worker => {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./server-render-worker.mjs', import.meta.url));
  const tsx = tsxLoaderUrl();
  const entry = new URL('./render-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true });
};

const replyToResult = (reply: RenderReply, pending: Pending): void => {
  if (reply.pdf) return pending.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
  const error = reply.error;
  if (error && 'code' in error) return pending.reject(new AppError(error.code, error.messageJa, error.details));
  pending.reject(new Error(`PDF render failed in its worker: ${error?.message ?? 'no answer'}`));
};

export const createRenderPool = (size = defaultPoolSize()): RenderPool => {
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextJob = 1;

  const dispatch = (): void => {
    while (queue.length > 0) {
      let slot = slots.find((candidate) => !candidate.current);
      if (!slot && slots.length < size) slot = spawn();
      if (!slot) return;
      const pending = queue.shift()!;
      slot.current = pending;
      slot.worker.postMessage(pending.request);
    }
  };

  const retire = (slot: Slot, error: unknown): void => {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    slot.current?.reject(error);
    slot.current = undefined;
    dispatch();
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: startWorker() };
    // Idle workers must not keep a CLI, a test run or a stopping server alive.
    slot.worker.unref();
    slot.worker.on('message', (reply: RenderReply) => {
      const pending = slot.current;
      slot.current = undefined;
      if (pending && pending.request.job === reply.job) replyToResult(reply, pending);
      dispatch();
    });
    slot.worker.on('error', (error) => retire(slot, error));
    slot.worker.on('exit', (code) => retire(slot, new Error(`PDF render worker exited with code ${code}`)));
    slots.push(slot);
    return slot;
  };

  return {
    render: (job) =>
      new Promise<Buffer>((resolve, reject) => {
        queue.push({ request: { ...job, job: nextJob++ }, resolve, reject });
        dispatch();
      }),
    close: async () => {
      const ending = slots.splice(0);
      await Promise.all(ending.map((slot) => slot.worker.terminate()));
      for (const pending of queue.splice(0)) pending.reject(new Error('the server is closing'));
    },
  };
};

let shared: RenderPool | undefined;

/**
 * The process's one pool: servers built in one process (tests build many) share its workers, whose fonts and
 * templates are already parsed; idle workers do not keep the process alive.
 */
export const sharedRenderPool = (): RenderPool => (shared ??= createRenderPool());
