/**
 * Huge faulty drafts (issue 16.5): 20,000 faulty 変更箇所 entries make a 0.6 MB draft. Timed over real HTTP on a
 * fresh server: the first list after a restart (every draft is read, parsed and validated), the draft's /checks,
 * and how long the event loop, which serves every client, stood still meanwhile.
 *   - text rows:  each entry a line of text where a row belongs (20,000 values: read, validated, reported);
 *   - small rows: each entry a row of wrong values (80,000 values: more than any assessment, refused when read).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { buildServer } from '../src/server/app.js';
import { sampleMemory } from './support.mjs';

const SAMPLE = '004-ise-yobosesshu';
const FAULTY_ENTRIES = 20_000;

const DRAFTS = {
  'text rows': () => '  - 変更箇所の記載\n',
  'small rows': (i: number) => `  - { date: 2025-13-${String((i % 28) + 1).padStart(2, '0')}, x: 1 }\n`,
} as const;

/** The sample with its 変更箇所 replaced by `entries` faulty entries. */
export const hugeFaultyDraft = async (entry: (index: number) => string, entries = FAULTY_ENTRIES): Promise<string> => {
  const text = await readFile(path.join('assessments', SAMPLE, 'assessment.yaml'), 'utf8');
  const head = text.slice(0, text.indexOf('\nchangeHistory:'));
  return `${head}\nchangeHistory:\n${Array.from({ length: entries }, (_, i) => entry(i)).join('')}`;
};

type Timed = { ms: number; status: string; stall: number };

/** The request's time, and the longest the event loop stood still meanwhile. */
const timed = async (url: string): Promise<Timed> => {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const start = performance.now();
  const status = await fetch(url)
    .then(async (response) => {
      await response.arrayBuffer();
      return `HTTP ${response.status}`;
    })
    .catch((error: unknown) => `failed: ${String((error as Error).cause ?? error)}`);
  const ms = performance.now() - start;
  delay.disable();
  return { ms, status, stall: delay.max / 1e6 };
};

const line = (label: string, { ms, status, stall }: Timed): void =>
  console.log(
    `  ${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms   event loop stalled up to ${stall.toFixed(0).padStart(6)} ms   (${status}; goal: well under 1 s)`,
  );

export const benchRobustness = async (): Promise<void> => {
  for (const [name, entry] of Object.entries(DRAFTS)) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pia-bench-'));
    const dataDir = path.join(dir, 'assessments');
    const id = 'huge-faulty';
    await cp(path.join('assessments', SAMPLE), path.join(dataDir, SAMPLE), { recursive: true });
    await cp(path.join('assessments', SAMPLE), path.join(dataDir, id), { recursive: true });
    const draft = await hugeFaultyDraft(entry);
    await writeFile(path.join(dataDir, id, 'assessment.yaml'), draft);
    console.log(`huge faulty draft, ${name} (${(Buffer.byteLength(draft) / 1e6).toFixed(2)} MB, ${FAULTY_ENTRIES} faulty entries), fresh servers on loopback`);
    const server = () => buildServer({ dataDir, uiDir: path.join(dir, 'ui'), templatesDir: path.resolve('templates'), logLevel: 'silent' });
    const [first, second] = [server(), server()];
    try {
      const base = await first.listen({ host: '127.0.0.1', port: 0 });
      line('first list after restart', await timed(`${base}/api/assessments`));
      line('/checks of the huge draft', await timed(`${base}/api/assessments/${id}/checks`));
      const other = await second.listen({ host: '127.0.0.1', port: 0 });
      line('/checks of the huge draft after restart', await timed(`${other}/api/assessments/${id}/checks`));
      sampleMemory();
    } finally {
      await Promise.all([first.close(), second.close()]);
      await rm(dir, { recursive: true, force: true });
    }
  }
};
