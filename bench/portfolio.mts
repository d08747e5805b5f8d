/**
 * A portfolio of 10,000 assessments (scripts/gen-portfolio.mts, varied from the samples):
 * - the first indexing, once per data folder (every draft parsed and validated; its rows are then saved);
 * - the server start with that folder: `node dist/server.mjs` (what `npm start` runs) until the list of all
 *   10,000 answers, and until the first page answers;
 * - list (all rows, and pages of 100 as the list page asks), search and filter requests against the running server,
 *   each beside its goal;
 * - a draft changed on disk by another program until the list shows it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';
import { ensureBuilt } from '../scripts/build.mjs';
import { generatePortfolio } from '../scripts/gen-portfolio.mjs';
import { freePort, startServerProcess, type ServerProcess } from './server-process.mjs';
import { loadNote, median, percentile } from './support.mjs';

const COUNT = Number(process.env['PIA_BENCH_PORTFOLIO'] ?? 10_000);
const REQUESTS = 30;
const GOALS = { request: 50, start: 3000 };
const GIVE_UP_MS = 30 * 60_000;

/** Milliseconds from the server's spawn until the list answers with every assessment read (none pending). */
const untilListed = async (server: ServerProcess, count: number): Promise<number> => {
  for (;;) {
    const { ok, items, pending } = await get(`${server.url}/api/assessments`);
    if (ok && pending === 0 && items >= count) break;
    if (performance.now() - server.startedAt > GIVE_UP_MS) throw new Error('the list never held every assessment');
    await sleep(20);
  }
  return performance.now() - server.startedAt;
};

/** GET `url` as a browser asks (br or gzip): the response's status, encoding and body as sent. */
const getRaw = (url: string): Promise<{ status: number; encoding: string | undefined; body: Buffer }> =>
  new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });

const decode = (body: Buffer, encoding: string | undefined): unknown =>
  JSON.parse((encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8'));

/** The list's answer at `url`: how many rows, how many still being read; a failed request counts as not ready. */
const get = async (url: string): Promise<{ ok: boolean; items: number; pending: number }> => {
  try {
    const { status, encoding, body } = await getRaw(url);
    const answer = decode(body, encoding) as { items?: unknown[]; pending?: number };
    return { ok: status === 200, items: answer.items?.length ?? 0, pending: answer.pending ?? 0 };
  } catch {
    return { ok: false, items: 0, pending: 1 };
  }
};

/**
 * Per request: the time until the last byte of the answer has arrived (as sent, compressed), and apart from it the
 * client's decompressing and parsing of the body: the goal is the server's answer; turning the whole list's 2 MB of
 * JSON back into objects is the client's work (a browser pays it as well), printed beside.
 */
const timeRequests = async (url: string): Promise<{ answered: number[]; decoded: number[] }> => {
  const answered: number[] = [];
  const decoded: number[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const start = performance.now();
    const { status, encoding, body } = await getRaw(url);
    const received = performance.now();
    if (status !== 200) throw new Error(`${url} answered ${status}`);
    decode(body, encoding);
    answered.push(received - start);
    decoded.push(performance.now() - received);
  }
  return { answered, decoded };
};

export const benchPortfolio = async (): Promise<void> => {
  await ensureBuilt(['ui', 'server']);
  // PIA_BENCH_PORTFOLIO_DIR: a portfolio made (and indexed) before, kept between runs; else a new one, removed after.
  const given = process.env['PIA_BENCH_PORTFOLIO_DIR'];
  const dir = given ? path.resolve(given) : await mkdtemp(path.join(os.tmpdir(), 'pia-bench-portfolio-'));
  const dataDir = given ? dir : path.join(dir, 'assessments');
  const port = await freePort();
  try {
    if (!given) {
      const made = performance.now();
      await generatePortfolio(dataDir, COUNT);
      console.log(`portfolio of ${COUNT} assessments (generated in ${((performance.now() - made) / 1000).toFixed(0)} s)   ${loadNote()}`);
      const first = await startServerProcess(dataDir, port);
      const indexed = await untilListed(first, COUNT);
      await first.stop();
      console.log(`  first indexing (every draft parsed once; its rows are then saved)   ${(indexed / 1000).toFixed(1).padStart(6)} s   ${loadNote()}`);
    } else console.log(`portfolio of ${COUNT} assessments in ${dir} (made and indexed before)   ${loadNote()}`);

    const server = await startServerProcess(dataDir, port);
    await server.answering();
    const answers = performance.now() - server.startedAt;
    const listed = await untilListed(server, COUNT);
    console.log(`  server start → first page answers              ${answers.toFixed(0).padStart(6)} ms   goal ≤ ${GOALS.start} ms`);
    console.log(`  server start → list of all ${COUNT} answers     ${listed.toFixed(0).padStart(6)} ms   goal ≤ ${GOALS.start} ms   ${loadNote()}`);
    try {
      // The list page asks for one page of 100 (offset/limit) for the list, a search or a filter; the whole
      // list is the API's answer without offset/limit, which the UI no longer asks for.
      const page = (offset = 0): string => `offset=${offset}&limit=100`;
      const queries: [string, string][] = [
        ['list (all 10,000 rows, API only)', ''],
        ['list page 1 (the list page)', `?${page()}`],
        ['list, a page of 100 at 5,000', `?${page(5000)}`],
        ['search (q=横浜), page 1', `?q=${encodeURIComponent('横浜')}&${page()}`],
        ['search, no match', `?q=${encodeURIComponent('存在しない名前')}&${page()}`],
        ['filter (form=yoshiki4), page 1', `?form=yoshiki4&${page()}`],
        ['filter + search, page 1', `?form=yoshiki3&q=${encodeURIComponent('長岡')}&${page()}`],
      ];
      for (const [label, query] of queries) {
        const { answered, decoded } = await timeRequests(`${server.url}/api/assessments${query}`);
        console.log(
          `  GET /api/assessments ${label.padEnd(32)} median ${median(answered).toFixed(1).padStart(6)} ms   p95 ${percentile(answered, 0.95).toFixed(1).padStart(6)} ms   goal ≤ ${GOALS.request} ms   (then the client decompresses and parses it: median ${median(decoded).toFixed(1)} ms)`,
        );
      }
      const file = path.join(dataDir, 'p00007', 'assessment.yaml');
      const text = await readFile(file, 'utf8');
      const changedAt = performance.now();
      await writeFile(file, text.replace(/^( {2}title: ).*$/m, '$1ほかのプログラムで書き換えた評価書名'));
      const search = `${server.url}/api/assessments?q=${encodeURIComponent('ほかのプログラムで書き換えた')}`;
      while ((await get(search)).items !== 1) await sleep(10);
      console.log(`  a draft edited on disk by another program → in the list   ${(performance.now() - changedAt).toFixed(0).padStart(6)} ms   ${loadNote()}`);
    } finally {
      await server.stop();
    }
  } finally {
    if (!given) await rm(dir, { recursive: true, force: true });
  }
};
