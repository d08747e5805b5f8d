/**
 * Web API latency: GET and saves of the 全項目 sample (001) under 20 concurrent clients, over real HTTP on
 * loopback (node's fetch), on a temp copy of the data folder. The goal rows measure what the editor sends: a PATCH
 * of the item changed since the version it holds, with merge (ui/api/client.ts). The whole-document PUT that
 * other clients send is measured beside them, labelled.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildServer } from '../src/server/app.js';
import { loadNote, median, percentile, sampleMemory } from './support.mjs';

const SAMPLE = '001-kitakyushu-yobosesshu';
const CLIENTS = 20;
const REQUESTS_PER_CLIENT = 15;
const ALONE = 40;
const GOALS = { alone: 8, p95: 100 };

type Timed = { ms: number; status: number };

const timed = async (request: () => Promise<Response>): Promise<Timed> => {
  const start = performance.now();
  const response = await request();
  await response.arrayBuffer();
  return { ms: performance.now() - start, status: response.status };
};

/** CLIENTS loops running side by side, each sending its requests one after another, as an editor tab does. */
const underLoad = async (client: (index: number) => Promise<Timed[]>): Promise<Timed[]> =>
  (await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)))).flat();

const report = (label: string, results: Timed[], goal = ''): void => {
  const times = results.map((result) => result.ms);
  const statuses = [...new Set(results.map((result) => result.status))].join('/');
  console.log(
    `  ${label.padEnd(54)} median ${median(times).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 0.95).toFixed(1).padStart(6)} ms   (${results.length} requests, HTTP ${statuses})${goal}`,
  );
  sampleMemory();
};

export const benchServer = async (): Promise<void> => {
  console.log(`web API on loopback (${SAMPLE}, ${CLIENTS} concurrent clients × ${REQUESTS_PER_CLIENT} requests)`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pia-bench-'));
  const dataDir = path.join(dir, 'assessments');
  const ids = Array.from({ length: CLIENTS }, (_, index) => `bench-${index + 1}`);
  for (const id of [SAMPLE, ...ids])
    await cp(path.join('assessments', SAMPLE), path.join(dataDir, id), { recursive: true });
  const app = buildServer({
    dataDir,
    uiDir: path.join(dir, 'ui'),
    templatesDir: path.resolve('templates'),
    logLevel: 'silent',
  });
  try {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const url = (id: string): string => `${base}/api/assessments/${id}`;
    const { data, etag } = (await (await fetch(url(SAMPLE))).json()) as { data: { cover: object }; etag: string };
    // Every save really changes the document (etags are content hashes: saving identical bytes is no new version).
    const organization = (client: number, n: number): string => `北九州市長（保存 ${client}-${n}）`;
    const wholeBody = (client: number, n: number): string =>
      JSON.stringify({ data: { ...data, cover: { ...data.cover, organization: organization(client, n) } } });
    // What the editor's autosave sends after typing into one item: the change alone, merged if others saved meanwhile.
    const deltaBody = (client: number, n: number): string =>
      JSON.stringify({ operations: [{ op: 'replace', path: '/cover/organization', value: organization(client, n) }], merge: true });
    const save = (method: 'PUT' | 'PATCH', id: string, ifMatch: string, body: string) => () =>
      fetch(url(id), {
        method,
        headers: { 'content-type': 'application/json', 'if-match': `"${ifMatch}"` },
        body,
      });
    const put = (id: string, ifMatch: string, body: string) => save('PUT', id, ifMatch, body);

    const gets = await underLoad(async () => {
      const results: Timed[] = [];
      for (let i = 0; i < REQUESTS_PER_CLIENT; i += 1) results.push(await timed(() => fetch(url(SAMPLE))));
      return results;
    });
    report('GET  (all clients read 001)', gets);

    let aloneEtag = etag;
    /** One editor alone saving 001 again and again (each save a small edit, as autosave sends them). */
    const saveAlone = async (method: 'PUT' | 'PATCH'): Promise<Timed[]> => {
      const alone: Timed[] = [];
      for (let i = 0; i < ALONE; i += 1) {
        const start = performance.now();
        const response = await save(method, SAMPLE, aloneEtag, (method === 'PUT' ? wholeBody : deltaBody)(0, i))();
        aloneEtag = ((await response.json()) as { etag: string }).etag;
        if (i >= 5) alone.push({ ms: performance.now() - start, status: response.status }); // after the first saves warm up
      }
      return alone;
    };
    /** Every client saving its own copy of 001, one save after another. */
    const saveOwnCopies = async (method: 'PUT' | 'PATCH'): Promise<Timed[]> => {
      const ownEtags = new Map(ids.map((id) => [id, etag]));
      // Every editor has its copy open (the page reads it) before anyone saves: opening is the GET row's figure.
      // The autosave goes 1.2 s after the last keystroke (AUTOSAVE_DELAY_MS), so no save comes sooner after opening.
      await Promise.all(ids.map(async (id) => (await fetch(url(id))).arrayBuffer()));
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const results = await underLoad(async (index) => {
        const id = ids[index]!;
        const mine: Timed[] = [];
        for (let i = 0; i < REQUESTS_PER_CLIENT; i += 1) {
          const start = performance.now();
          const response = await save(method, id, ownEtags.get(id)!, (method === 'PUT' ? wholeBody : deltaBody)(index + 1, i))();
          ownEtags.set(id, ((await response.json()) as { etag: string }).etag);
          mine.push({ ms: performance.now() - start, status: response.status });
        }
        return mine;
      });
      // The copies start from 001's version again for the next round.
      for (const id of ids) await cp(path.join('assessments', SAMPLE), path.join(dataDir, id), { recursive: true });
      return results;
    };

    report('PATCH (one client alone saves 001: the editor)', await saveAlone('PATCH'), `   goal one save ≤ ${GOALS.alone} ms   ${loadNote()}`);
    report('PATCH (each client saves its own copy of 001)', await saveOwnCopies('PATCH'), `   goal p95 ≤ ${GOALS.p95} ms   ${loadNote()}`);
    report('PUT  whole document, one client alone (other clients)', await saveAlone('PUT'), `   ${loadNote()}`);
    report('PUT  whole document, each client its own copy', await saveOwnCopies('PUT'), `   ${loadNote()}`);

    // One assessment, one writer at a time: the per-id lock queues the saves; all but the first see a new version.
    const contended = await underLoad(async (index) => [await timed(put(SAMPLE, aloneEtag, wholeBody(index, 0)))]);
    report('PUT  whole document (all clients save 001 at once: 1 wins, 409s)', contended);
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
};
