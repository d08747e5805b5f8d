/**
 * Large JSON bodies parsed in a worker thread (json-body-pool.ts starts it): decoding and parsing the whole
 * assessment a save sends (001: 220 KB) is the largest CPU cost of a save, and on the server's thread it made
 * concurrent saves of different assessments wait for each other.
 */
import { parentPort } from 'node:worker_threads';
import { parsePlainJson } from './json-body.js';

const port = parentPort;
if (!port) throw new Error('json-body-worker.ts runs only as a worker thread');

export type JsonBodyRequest = { readonly job: number; readonly bytes: Uint8Array; readonly maxNesting: number };
/** `value` is present when the body was plain JSON; otherwise the server's parser judges it. */
export type JsonBodyReply = { readonly job: number; readonly parsed?: { value: unknown } };

port.on('message', ({ job, bytes, maxNesting }: JsonBodyRequest) => {
  const parsed = parsePlainJson(bytes, maxNesting);
  port.postMessage({ job, ...(parsed ? { parsed } : {}) } satisfies JsonBodyReply);
});
