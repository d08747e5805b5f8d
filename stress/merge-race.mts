/**
 * Race of editors on one assessment through the real HTTP API: each client owns one text item, writes a new value
 * into it and saves as the editor does (saveMerging: PUT with `merge`, so the server merges a stale save; merge on
 * 409 and retry), again and again, all clients at once. At the end every item must hold its owner's last value and
 * the rest of the document must be untouched.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { saveMerging, same, type Doc, type IncomingChange, type SaveAttempt, type StoredVersion } from '../src/merge/index.js';
import { childNode, formRoot, isArrayNode, keyword, typesOf, type FormId, type ResolvedNode } from '../src/schema/index.js';
import { buildServer } from '../src/server/app.js';
import { valueAt, withValueAt } from '../ui/form/pointer.js';

export type RaceOptions = {
  clients: number;
  savesPerClient: number;
  sample?: string;
  /**
   * Longest pause of a client between two saves (uniformly random, 0 to this): an editor autosaves after typing,
   * it does not hammer. Without pauses the client that just won keeps winning and the others starve.
   */
  maxPauseMs?: number;
  /** Ask the server to merge stale saves (the editor does); false: plain compare-and-swap, every merge on the client. */
  serverMerge?: boolean;
  /**
   * How the clients wait between refused attempts (saveMerging's `wait`; setTimeout by default). The fast test
   * shortens the pauses: they spread the retries out in time, and waiting them out in full is most of its run.
   */
  retryWait?: (ms: number) => Promise<void>;
};

export type RaceFigures = {
  clients: number;
  saves: number;
  /** PUTs sent in all, refused (409) ones included. */
  requests: number;
  refused: number;
  /** Saves the server merged with the version on disk (200 with `merged`). */
  mergedByServer: number;
  /** Most PUTs one save needed. */
  maxAttempts: number;
  /** Saves that stopped at a conflict the user would have to resolve (must be 0: the items are disjoint). */
  conflicts: number;
  /** Items whose owner's last saved value is not in the file at the end. */
  lost: number;
  /** Other places of the document that changed although no client wrote them. */
  corrupted: number;
  seconds: number;
  medianSaveMs: number;
  p95SaveMs: number;
  meanSaveMs: number;
  maxSaveMs: number;
};

const ROOT = path.resolve(import.meta.dirname, '..');

/** Text items (no choice, date or count) of the document, in order: the places the clients write. */
const textItems = (node: ResolvedNode, value: unknown, pointer: string, out: string[]): void => {
  if (keyword<boolean>(node, 'x-printed') === false) return;
  if (isArrayNode(node)) {
    const item = childNode(node, '0');
    if (item && item.properties.size > 0 && Array.isArray(value)) value.forEach((entry, i) => textItems(item, entry, `${pointer}/${i}`, out));
    return;
  }
  if (node.properties.size > 0) {
    for (const key of node.properties.keys()) {
      if (key === 'id' || key === 'changeHistory') continue;
      textItems(childNode(node, key)!, (value as Record<string, unknown> | undefined)?.[key], `${pointer}/${key}`, out);
    }
    return;
  }
  const plainText = keyword(node, 'x-kind') === undefined && keyword(node, 'enum') === undefined && typesOf(node).includes('string');
  if (plainText && typeof value === 'string') out.push(pointer);
};

const spread = <T,>(items: readonly T[], count: number): T[] =>
  Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};

const pause = (maxMs: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * maxMs));

export const runMergeRace = async ({
  clients,
  savesPerClient,
  sample = '004-ise-yobosesshu',
  maxPauseMs = 300,
  serverMerge = true,
  retryWait,
}: RaceOptions): Promise<RaceFigures> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pia-race-'));
  await cp(path.join(ROOT, 'assessments', sample), path.join(dir, sample), { recursive: true });
  const app = buildServer({ dataDir: dir, uiDir: path.join(dir, 'ui'), templatesDir: path.join(ROOT, 'templates'), logLevel: 'silent' });
  try {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `${address}/api/assessments/${sample}`;
    const read = async (): Promise<StoredVersion & { form: FormId }> => (await (await fetch(url)).json()) as StoredVersion & { form: FormId };
    const original = await read();
    const form = original.form;
    const candidates: string[] = [];
    textItems(formRoot(form), original.data, '', candidates);
    const owned = spread(candidates, clients);
    const figures = { requests: 0, refused: 0, mergedByServer: 0, conflicts: 0, maxAttempts: 0 };
    const saveTimes: number[] = [];

    const put = async (data: Doc, base: StoredVersion): Promise<SaveAttempt> => {
      figures.requests += 1;
      const response = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': `"${base.etag}"` },
        body: JSON.stringify(serverMerge ? { data, merge: true } : { data }),
      });
      const body = (await response.json()) as { etag: string; merged?: { data: Doc; incoming: IncomingChange[] }; details?: StoredVersion };
      if (response.ok && body.merged) figures.mergedByServer += 1;
      if (response.ok) return { saved: true, etag: body.etag, ...(body.merged ? { merged: body.merged } : {}) };
      if (response.status === 409 && body.details) {
        figures.refused += 1;
        return { saved: false, current: body.details };
      }
      throw new Error(`PUT answered ${response.status}: ${JSON.stringify(body)}`);
    };

    /** One editor: its own copy of the draft, never reloaded; it learns the others' changes only from its 409s. */
    const client = async (index: number): Promise<void> => {
      const pointer = owned[index]!;
      let base: StoredVersion = { etag: original.etag, data: original.data };
      let data = original.data;
      for (let n = 1; n <= savesPerClient; n += 1) {
        await pause(maxPauseMs);
        data = withValueAt(data, pointer, `client ${index + 1}, save ${n}`);
        const start = performance.now();
        const outcome = await saveMerging({
          form,
          base,
          local: () => data,
          put,
          onMerged: (merge) => {
            data = merge.merged;
          },
          maxAttempts: 1000,
          ...(retryWait ? { wait: retryWait } : {}),
        });
        if (outcome.status === 'conflict') {
          // Cannot happen with disjoint items; counted, and the client carries on from the version on disk.
          figures.conflicts += 1;
          base = outcome.theirs;
          data = outcome.theirs.data;
          continue;
        }
        saveTimes.push(performance.now() - start);
        figures.maxAttempts = Math.max(figures.maxAttempts, outcome.attempts);
        base = { etag: outcome.etag, data: outcome.data };
      }
    };

    const start = performance.now();
    await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
    const seconds = (performance.now() - start) / 1000;
    const final = (await read()).data;
    const lost = owned.filter((pointer, index) => valueAt(final, pointer) !== `client ${index + 1}, save ${savesPerClient}`).length;
    const restored = owned.reduce((doc, pointer) => withValueAt(doc, pointer, valueAt(original.data, pointer)), final);
    return {
      clients,
      saves: clients * savesPerClient,
      ...figures,
      lost,
      corrupted: same(restored, original.data) ? 0 : 1,
      seconds,
      medianSaveMs: percentile(saveTimes, 0.5),
      p95SaveMs: percentile(saveTimes, 0.95),
      meanSaveMs: saveTimes.reduce((sum, ms) => sum + ms, 0) / Math.max(1, saveTimes.length),
      maxSaveMs: Math.max(0, ...saveTimes),
    };
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
};
