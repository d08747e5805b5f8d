import type { ValidationIssue } from '../../src/schema/issues.js';
import type { FieldEdit, ValidationRequest, ValidationResult } from './messages.js';

type Pending = { resolve: (issues: readonly ValidationIssue[]) => void; reject: (error: Error) => void };

let worker: Worker | undefined;
/** The draft the worker holds (as the page's object), so the next request may send only edits made to it. */
let held: unknown;
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
  worker = undefined; // the next validation starts a fresh worker, sent the whole draft
  held = undefined;
};

/**
 * Validate a draft in the page's validation worker (started on first use, shared by every editor of the page).
 * Schema compilation and validation happen there. The main thread copies the whole draft to the worker only
 * when the worker does not hold `since.from`; otherwise it sends just `since.edits`, the fields edited since,
 * so a keystroke never pays for copying a 250 KB draft.
 */
export const validateInWorker = (
  data: unknown,
  since?: { readonly from: unknown; readonly edits: readonly FieldEdit[] },
): Promise<readonly ValidationIssue[]> => {
  if (!worker) {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', settle);
    worker.addEventListener('error', failAll);
  }
  const id = (lastId += 1);
  const request: ValidationRequest = since && held !== undefined && since.from === held ? { id, edits: since.edits } : { id, data };
  held = data;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage(request);
  });
};
