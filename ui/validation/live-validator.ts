import type { ValidationIssue } from '../../src/schema/issues.js';
import type { ValidationRequest, ValidationResult } from './messages.js';

type Pending = { resolve: (issues: readonly ValidationIssue[]) => void; reject: (error: Error) => void };

let worker: Worker | undefined;
let lastId = 0;
const pending = new Map<number, Pending>();

const settle = ({ data }: MessageEvent<ValidationResult>): void => {
  const waiting = pending.get(data.id);
  pending.delete(data.id);
  if ('issues' in data) waiting?.resolve(data.issues);
  else waiting?.reject(new Error(data.error));
};

const failAll = (event: ErrorEvent): void => {
  for (const waiting of pending.values()) waiting.reject(new Error(event.message));
  pending.clear();
  worker = undefined; // the next validation starts a fresh worker
};

/**
 * Validate a draft in the page's validation worker (started on first use, shared by every editor of the page).
 * The main thread only copies the draft to the worker; schema compilation and validation happen there.
 */
export const validateInWorker = (data: unknown): Promise<readonly ValidationIssue[]> => {
  if (!worker) {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', settle);
    worker.addEventListener('error', failAll);
  }
  const id = (lastId += 1);
  const request: ValidationRequest = { id, data };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage(request);
  });
};
