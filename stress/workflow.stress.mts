/**
 * Stress harness of the revision workflow (issue 16.2/16.3/16.8): the real server (src/main.ts) killed with -9 during
 * saves and commits, a full disk under commits (when a small tmpfs can be mounted, i.e. as root), and racing writers:
 * API clients against `pia format` / `pia acknowledge` processes. Loopback only, bounded in count and time; prints
 * its figures and exits 1 when any is not zero.
 *
 *   npx tsx stress/workflow.stress.mts    STRESS_KILLS=<n> STRESS_SCALE=<factor> change the counts,
 *                                         STRESS_ONLY=saves|commits|disk|race runs one stage
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt } from '../scripts/build.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const ID = '004-ise-yobosesshu';
const SCALE = Number(process.env['STRESS_SCALE'] ?? 1);
const KILLS = Math.max(1, Math.round(Number(process.env['STRESS_KILLS'] ?? 12) * SCALE));
const DEADLINE = Date.now() + 10 * 60 * 1000 * SCALE;

type Json = Record<string, unknown>;
type Server = { child: ChildProcess; base: string };
const failures: string[] = [];
const figure = (line: string): void => console.log(`  ${line}`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const checkDeadline = (): void => {
  if (Date.now() > DEADLINE) throw new Error('stress run exceeded its time bound');
};

const SERVER_BUNDLE = path.join(ROOT, 'dist', 'stress-server.mjs');

/**
 * The server and `pia` as bundles (in dist/, so they find templates and fonts as from the sources): a restart after
 * each kill then costs node's start, not a TypeScript compile.
 */
const buildBundles = async (): Promise<void> => {
  const common = { bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' } as const;
  await build({ ...common, entryPoints: [path.join(ROOT, 'src', 'main.ts')], outfile: SERVER_BUNDLE });
  await ensureBuilt(['cli']); // bin/pia.js runs the CLI bundle npm install built, rebuilt if a source changed
};

/** src/main.ts in a process of its own on a loopback port chosen by the system. */
const startServer = async (dataDir: string): Promise<Server> => {
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PIA_LOG_LEVEL: 'silent' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /localhost:(\d+)\//.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
  return { child, base: `http://127.0.0.1:${port}/api/assessments/${ID}` };
};

const kill = async (server: Server): Promise<void> => {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;
};

const stop = async (server: Server): Promise<void> => {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
};

/** An answer, or undefined when the server died under the request. */
const call = async (url: string, init: RequestInit = {}): Promise<{ status: number; body: Json } | undefined> => {
  try {
    const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  } catch {
    return undefined;
  }
};

const getDraft = async (server: Server): Promise<{ data: Json; etag: string }> => {
  const answer = await call(server.base);
  if (answer?.status !== 200) throw new Error(`GET draft answered ${answer?.status}`);
  return answer.body as { data: Json; etag: string };
};

const putDraft = (server: Server, data: Json, etag: string) =>
  call(server.base, { method: 'PUT', body: JSON.stringify({ data }), headers: { 'if-match': `"${etag}"` } });

const cover = (data: Json): Json => data['cover'] as Json;

/**
 * Read the draft and save it with cover.specialNotes changed (If-Match: the version read), as the editor does; the
 * answer, or undefined once the server is gone.
 */
const saveNotes = async (server: Server, notes: (old: string) => string) => {
  const draft = await getDraft(server).catch(() => undefined);
  if (!draft) return undefined;
  const data = structuredClone(draft.data);
  cover(data)['specialNotes'] = notes(String(cover(data)['specialNotes'] ?? ''));
  return putDraft(server, data, draft.etag);
};

const tempFiles = async (dataDir: string): Promise<number> => {
  const dir = path.join(dataDir, ID);
  const names = [...(await readdir(dir)), ...(await readdir(path.join(dir, 'revisions')).catch(() => [] as string[]))];
  return names.filter((name) => name.includes('.tmp-')).length;
};

const freshDataDir = async (): Promise<string> => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pia-stress-'));
  await cp(path.join(ROOT, 'assessments', ID), path.join(dataDir, ID), { recursive: true });
  return dataDir;
};

/** How many operations the running `work` has completed; the kill waits for the first, then lands anywhere. */
let progress = 0;

const waitForProgress = async (since: number): Promise<void> => {
  for (const stop = Date.now() + 30_000; progress === since && Date.now() < stop; ) await sleep(5);
};

/** Kill the server at a random moment while `work` runs against it; `work` stops at the first missing answer. */
const underKills = async (dataDir: string, work: (server: Server) => Promise<void>, afterRestart: (server: Server) => Promise<void>): Promise<number> => {
  let temps = 0;
  for (let k = 0; k < KILLS; k += 1) {
    checkDeadline();
    const server = await startServer(dataDir);
    temps += await tempFiles(dataDir);
    await afterRestart(server);
    const since = progress;
    const working = work(server);
    await waitForProgress(since);
    await sleep(Math.random() * 2000);
    await kill(server);
    await working;
  }
  const last = await startServer(dataDir);
  temps += await tempFiles(dataDir);
  await afterRestart(last);
  await stop(last);
  return temps;
};

const savesUnderKill = async (): Promise<void> => {
  const dataDir = await freshDataDir();
  let acknowledgedSaves = 0;
  let lastAcknowledged = 0;
  let lost = 0;
  let counter = 0;
  const work = async (server: Server): Promise<void> => {
    for (;;) {
      counter += 1;
      const answer = await saveNotes(server, () => `save-${counter}`);
      if (!answer) return;
      if (answer.status === 200) {
        acknowledgedSaves += 1;
        lastAcknowledged = counter;
        progress += 1;
      } else if (answer.status >= 500) failures.push(`save answered ${answer.status}`);
    }
  };
  const afterRestart = async (server: Server): Promise<void> => {
    const notes = String(cover((await getDraft(server)).data)['specialNotes'] ?? '');
    const onDisk = Number(notes.replace('save-', '')) || 0;
    if (onDisk < lastAcknowledged) lost += 1;
  };
  const temps = await underKills(dataDir, work, afterRestart);
  figure(`saves under kill -9: ${KILLS} kills, ${acknowledgedSaves} saves acknowledged, ${lost} lost, ${temps} temp files after restart`);
  if (lost > 0) failures.push(`${lost} acknowledged saves lost`);
  if (temps > 0) failures.push(`${temps} temp files after restart (saves)`);
  await rm(dataDir, { recursive: true, force: true });
};

type RevisionMeta = { number: number; predecessor: number; message: string; rows: { pointer?: string }[] };

const revisionsWithoutRows = async (server: Server): Promise<number> => {
  const list = (await call(`${server.base}/revisions`))?.body['items'] as RevisionMeta[];
  let without = 0;
  for (const revision of list) {
    if (revision.predecessor === 0) continue;
    const diff = (await call(`${server.base}/diff?from=${revision.predecessor}&to=${revision.number}`))?.body as { items: unknown[] };
    if (revision.rows.length !== diff.items.length) without += 1;
  }
  return without;
};

const commitsUnderKill = async (): Promise<void> => {
  const dataDir = await freshDataDir();
  let commits = 0;
  let refusedRetries = 0;
  let without = 0;
  let errors5xx = 0;
  let inFlight: { base: number; message: string } | undefined;
  let counter = 0;
  const commit = (server: Server, base: number, message: string) =>
    call(`${server.base}/revisions`, { method: 'POST', body: JSON.stringify({ message, author: 'stress', baseRevision: base === 0 ? null : base }) });
  const work = async (server: Server): Promise<void> => {
    for (;;) {
      counter += 1;
      if ((await saveNotes(server, () => `commit-${counter}`))?.status !== 200) return;
      const list = (await call(`${server.base}/revisions`))?.body['items'] as RevisionMeta[] | undefined;
      if (!list) return;
      inFlight = { base: list.length, message: `stress ${counter}` };
      const answer = await commit(server, inFlight.base, inFlight.message);
      if (!answer) return;
      if (answer.status >= 500) errors5xx += 1;
      if (answer.status === 201) commits += 1;
      inFlight = undefined;
      progress += 1;
    }
  };
  const afterRestart = async (server: Server): Promise<void> => {
    without += await revisionsWithoutRows(server);
    if (!inFlight) return;
    // The commit that got no answer, retried: 201 if it did not happen, 409 only if it did (its revision is there).
    const answer = await commit(server, inFlight.base, inFlight.message);
    if (answer?.status === 409) {
      const list = (await call(`${server.base}/revisions`))?.body['items'] as RevisionMeta[];
      if (list.find((revision) => revision.number === inFlight!.base + 1)?.message !== inFlight.message) refusedRetries += 1;
    } else if (answer?.status === 201) commits += 1;
    inFlight = undefined;
  };
  const temps = await underKills(dataDir, work, afterRestart);
  figure(
    `commits under kill -9: ${KILLS} kills, ${commits} commits, ${without} without rows, ${refusedRetries} retries refused for a commit that did not happen, ${errors5xx} × 5xx, ${temps} temp files after restart`,
  );
  if (without + refusedRetries + errors5xx + temps > 0) failures.push('commits under kill -9');
  await rm(dataDir, { recursive: true, force: true });
};

/** A full disk: a 3 MB tmpfs (needs root); skipped with a note elsewhere. */
const commitsOnFullDisk = async (): Promise<void> => {
  const mountPoint = await mkdtemp(path.join(os.tmpdir(), 'pia-full-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint]).status !== 0) {
    figure('full disk: skipped (mounting a small tmpfs needs root)');
    await rm(mountPoint, { recursive: true, force: true });
    return;
  }
  try {
    await mkdir(path.join(mountPoint, 'data'));
    await cp(path.join(ROOT, 'assessments', ID), path.join(mountPoint, 'data', ID), { recursive: true });
    const server = await startServer(path.join(mountPoint, 'data'));
    const statuses = new Map<number, number>();
    let base = 0;
    for (let i = 1; i <= 60 && (statuses.get(507) ?? 0) < 5; i += 1) {
      checkDeadline();
      const saved = await saveNotes(server, () => `disk-${i}-${'あ'.repeat(2000 * i)}`.slice(0, 30_000));
      statuses.set(saved?.status ?? 0, (statuses.get(saved?.status ?? 0) ?? 0) + 1);
      const answer = await call(`${server.base}/revisions`, {
        method: 'POST',
        body: JSON.stringify({ message: `disk ${i}`, author: 'stress', baseRevision: base === 0 ? null : base }),
      });
      statuses.set(answer?.status ?? 0, (statuses.get(answer?.status ?? 0) ?? 0) + 1);
      if (answer?.status === 201) base += 1;
    }
    const without = await revisionsWithoutRows(server);
    await stop(server);
    const fives = [...statuses].filter(([status]) => status >= 500 && status !== 507).reduce((sum, [, n]) => sum + n, 0);
    const answers = [...statuses].map(([status, n]) => `${status}×${n}`).join(' ');
    figure(`full disk (3 MB tmpfs): ${base} commits, answers ${answers}; ${fives} × 5xx other than 507, ${without} revisions without rows`);
    if (fives + without > 0) failures.push('full disk');
  } finally {
    spawnSync('umount', [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  }
};

const racingWriters = async (): Promise<void> => {
  const dataDir = await freshDataDir();
  const server = await startServer(dataDir);
  const writers = 3;
  const appends = Math.round(30 * SCALE);
  const file = path.join(dataDir, ID, 'assessment.yaml');
  const acknowledged: string[] = [];
  let conflicts = 0;
  const apiWriter = async (w: number): Promise<void> => {
    for (let i = 1; i <= appends; i += 1) {
      for (;;) {
        const answer = await saveNotes(server, (old) => `${old}\napi${w}-${i}`);
        if (answer?.status === 200) break;
        if (answer?.status !== 409) throw new Error(`racing save answered ${answer?.status}`);
        conflicts += 1;
      }
      acknowledged.push(`api${w}-${i}`);
      // An editor autosaves about once a second after typing stops, which leaves the CLI room to write too.
      await sleep(500 + Math.random() * 1500);
    }
  };
  let cliRuns = 0;
  let cliRefused = 0;
  let cliWrote = 0;
  let lastReason = '';
  let done = false;
  const cliWriter = async (): Promise<void> => {
    const pia = path.join(ROOT, 'bin', 'pia.js');
    for (let run = 1; !done; run += 1) {
      const args = run % 2 === 0 ? ['format', file] : ['acknowledge', file, 'consignment.count', '-m', `stress ${run}`];
      const result = await new Promise<number | null>((resolve) =>
        spawn(process.execPath, [pia, ...args], { cwd: ROOT, stdio: 'ignore' }).on('exit', resolve),
      );
      cliRuns += 1;
      if (result !== 0) {
        cliRefused += 1;
        continue;
      }
      cliWrote += 1;
      if (args[0] === 'acknowledge') lastReason = `stress ${run}`;
    }
  };
  const cli = cliWriter();
  await Promise.all(Array.from({ length: writers }, (_, w) => apiWriter(w + 1)));
  done = true;
  await cli;
  const final = (await getDraft(server)).data;
  const notes = String(cover(final)['specialNotes'] ?? '').split('\n');
  const lostAppends = acknowledged.filter((entry) => !notes.includes(entry)).length;
  const acks = (final['acknowledgements'] as { reason: string }[] | undefined) ?? [];
  const lostAcknowledgement = lastReason !== '' && acks[0]?.reason !== lastReason ? 1 : 0;
  await stop(server);
  figure(
    `racing writers: ${writers} API writers × ${appends} appends (${conflicts} conflicts answered 409) + ${cliRuns} pia format/acknowledge runs (${cliWrote} wrote, ${cliRefused} reported a conflict): ${lostAppends + lostAcknowledgement} silent overwrites`,
  );
  if (lostAppends + lostAcknowledgement > 0) failures.push('silent overwrites between racing writers');
  await rm(dataDir, { recursive: true, force: true });
};

const started = Date.now();
console.log('workflow stress (loopback only):');
const STAGES: Record<string, () => Promise<void>> = {
  saves: savesUnderKill,
  commits: commitsUnderKill,
  disk: commitsOnFullDisk,
  race: racingWriters,
};
try {
  await buildBundles();
  for (const [name, stage] of Object.entries(STAGES)) {
    if (!process.env['STRESS_ONLY'] || process.env['STRESS_ONLY'] === name) await stage();
  }
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
}
figure(`time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
await rm(SERVER_BUNDLE, { force: true });
if (failures.length > 0) {
  console.log(`FAILED: ${failures.join('; ')}`);
  process.exitCode = 1;
}
