/**
 * A hostile assessment file through every stage the server runs on a saved draft: load (parse + validate), the
 * checks, the diff against the sample (both ways, with proposed rows and the reviewers' word diff), the outline, a
 * save and a reload (the data must mean the same), the save of what the API would send back, and the PDF of what
 * validates. An AppError anywhere is a refusal, which is fine; anything else thrown is a crash.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { checkAssessment } from '../../src/checks/index.js';
import { computeChanges, cumulativeChangeRows, proposeRows, textDiff } from '../../src/diff/index.js';
import { isAppError } from '../../src/errors.js';
import { imageFilesOf, layoutAssessment, renderPdfBuffer, type RenderAssets } from '../../src/render/index.js';
import { outlineAssessment, validateAssessment, type FormId } from '../../src/schema/index.js';
import { DEFAULT_TEMPLATES_DIR, loadAssessment, parseAssessment, readFonts, readImages, readTemplates } from '../../src/store/index.js';
import { printAssessment } from '../../src/store/yaml-write.js';
import { BROKEN_IMAGES, rgbaPng } from './png.js';

export type StageName = 'load' | 'validate' | 'check' | 'diff' | 'outline' | 'save' | 'reload' | 'api save' | 'render';

export type Failure = { readonly stage: StageName; readonly message: string };

export type YamlOutcome = {
  /** The stage and code of the first refusal, if any. */
  readonly refused?: { readonly stage: StageName; readonly code: string };
  /** Crashes (anything but an AppError) and changes of meaning. */
  readonly failures: readonly Failure[];
  /** Milliseconds per stage that ran. */
  readonly times: Partial<Record<StageName, number>>;
  readonly valid: boolean;
  readonly rendered: boolean;
};

export type YamlStageEnv = {
  readonly file: string;
  readonly baseData: Readonly<Record<FormId, Record<string, unknown>>>;
  readonly assets: Omit<RenderAssets, 'images'>;
  readonly today: string;
  readonly cleanup: () => Promise<void>;
};

/**
 * A folder holding the file under test and the diagram files a hostile document may name: a real picture, broken
 * ones, a FIFO, a link to /dev/zero, a link out of the folder, a file too large, a folder.
 */
export const createYamlStageEnv = async (samples: readonly { dir: string; text: string }[]): Promise<YamlStageEnv> => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'pia-hostile-'));
  const dir = path.join(root, 'case');
  await mkdir(dir);
  await writeFile(path.join(root, 'secret.png'), rgbaPng(4, 4));
  await writeFile(path.join(dir, 'flow.png'), rgbaPng(40, 30));
  for (const [name, bytes] of Object.entries(BROKEN_IMAGES)) await writeFile(path.join(dir, name), bytes);
  execFileSync('mkfifo', [path.join(dir, 'fifo.png')]);
  await symlink('/dev/zero', path.join(dir, 'zero.png'));
  await symlink(path.join(root, 'secret.png'), path.join(dir, 'outside.png'));
  await writeFile(path.join(dir, 'large.png'), rgbaPng(4, 4));
  await truncate(path.join(dir, 'large.png'), 64 * 1024 * 1024);
  await mkdir(path.join(dir, 'dir.png'));
  const baseData = {} as Record<FormId, Record<string, unknown>>;
  for (const sample of samples) {
    const loaded = parseAssessment(Buffer.from(sample.text), sample.dir);
    baseData[loaded.form!] ??= loaded.data;
  }
  const [fonts, templates] = await Promise.all([readFonts(), readTemplates(DEFAULT_TEMPLATES_DIR)]);
  return {
    file: path.join(dir, 'assessment.yaml'),
    baseData,
    assets: { fonts, templates },
    today: '2026-01-15',
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
};

/** A stage that may refuse (AppError) but must not crash; an endless one is cut off by the harness's own limits. */
const HANG_MS = 20_000;

const withTimeout = <T>(promise: Promise<T>): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer after ${HANG_MS} ms`)), HANG_MS).unref())]);

/** Equal as the API sends it: JSON cannot tell -0 from 0, and that is no change of meaning. */
const jsonCopy = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

export const runYamlStages = async (text: string | Buffer, env: YamlStageEnv, options: { paint: boolean }): Promise<YamlOutcome> => {
  const failures: Failure[] = [];
  const times: Partial<Record<StageName, number>> = {};
  let refused: YamlOutcome['refused'];
  let valid = false;
  let rendered = false;

  /** Runs a stage; false when it refused or crashed (later stages need its result). */
  const stage = async <T>(name: StageName, run: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code?: string }> => {
    const start = performance.now();
    try {
      const value = await run();
      return { ok: true, value };
    } catch (error) {
      if (isAppError(error)) {
        refused ??= { stage: name, code: error.code };
        return { ok: false, code: error.code };
      }
      failures.push({ stage: name, message: String((error as Error)?.stack ?? error).split('\n').slice(0, 4).join(' | ') });
      return { ok: false };
    } finally {
      times[name] = (times[name] ?? 0) + performance.now() - start;
    }
  };
  const changed = (name: StageName, what: string): void => void failures.push({ stage: name, message: `meaning changed: ${what}` });

  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  // Read from disk as the server reads a draft: the size limit and the file checks come first.
  await writeFile(env.file, bytes);
  const loaded = await stage('load', () => loadAssessment(env.file));
  if (!loaded.ok) return { refused, failures, times, valid, rendered };
  const { data, parsed } = loaded.value;
  const validated = await stage('validate', () => validateAssessment(data));
  const form = loaded.value.form;
  if (!validated.ok || !form) return { refused: refused ?? { stage: 'load', code: 'UNKNOWN_FORM' }, failures, times, valid, rendered };
  valid = validated.value.issues.length === 0;

  await stage('check', () => checkAssessment(form, data, { today: env.today }));
  await stage('diff', () => {
    const base = env.baseData[form];
    for (const [before, after] of [[base, data], [data, base], [{}, data]] as const) {
      const candidates = computeChanges(form, before, after);
      proposeRows(candidates, env.today);
      for (const candidate of candidates) {
        if (candidate.beforeText !== undefined || candidate.afterText !== undefined) textDiff(candidate.beforeText ?? '', candidate.afterText ?? '');
      }
    }
    cumulativeChangeRows(data, []);
  });
  await stage('outline', () => outlineAssessment(form, data));

  const saved = await stage('save', () => printAssessment(form, data, parsed.doc).text);
  if (saved.ok) {
    const reloaded = await stage('reload', () => parseAssessment(Buffer.from(saved.value, 'utf8'), 'saved.yaml'));
    if (reloaded.ok && !isDeepStrictEqual(reloaded.value.data, data)) changed('reload', 'load → save → load gives other data');
    if (!reloaded.ok && reloaded.code) changed('reload', `the saved file no longer loads (${reloaded.code})`);
  }
  // What the editor sends back is the JSON it was given: saving that must keep it too.
  const sent = jsonCopy(data) as Record<string, unknown>;
  const resaved = await stage('api save', () => parseAssessment(Buffer.from(printAssessment(form, sent).text, 'utf8'), 'api.yaml').data);
  if (resaved.ok && !isDeepStrictEqual(jsonCopy(resaved.value), sent)) changed('api save', 'JSON → save → load gives other data');

  if (valid) {
    await stage('render', async () => {
      const images = await withTimeout(readImages(env.file, imageFilesOf(data)));
      const assets = { ...env.assets, images };
      const changeRows = cumulativeChangeRows(data, []);
      if (options.paint) await withTimeout(renderPdfBuffer(form, data, assets, { changeRows }));
      else layoutAssessment(form, data, assets, { changeRows });
      rendered = true;
    });
  }
  return { refused, failures, times, valid, rendered };
};

export type YamlBatch = {
  readonly cases: number;
  readonly loaded: number;
  readonly valid: number;
  readonly rendered: number;
  readonly painted: number;
  readonly refusals: Readonly<Record<string, number>>;
  readonly kinds: Readonly<Record<string, number>>;
  readonly failures: readonly (Failure & { readonly index: number; readonly kind: string })[];
  /** The slowest run of each stage: milliseconds, and which document. */
  readonly slowest: Partial<Record<StageName, { readonly ms: number; readonly index: number; readonly kind: string }>>;
  /** Stage runs over one second: each one would hold the server's event loop that long. */
  readonly overOneSecond: number;
  readonly seconds: number;
};

/** `count` hostile documents from `seed`, or as many as fit in `maxSeconds`; every 25th valid one is painted to a PDF. */
export const runYamlBatch = async (
  options: { count: number; seed: number; maxSeconds: number; root: string; onProgress?: (done: number, batch: YamlBatch) => void },
): Promise<YamlBatch> => {
  const { createRng } = await import('./rng.js');
  const { hostileYaml, loadSamples } = await import('./yaml-cases.js');
  const samples = loadSamples(options.root);
  const env = await createYamlStageEnv(samples);
  const rng = createRng(options.seed);
  const started = performance.now();
  const refusals: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  const failures: (Failure & { index: number; kind: string })[] = [];
  const slowest: Partial<Record<StageName, { ms: number; index: number; kind: string }>> = {};
  let loaded = 0;
  let valid = 0;
  let rendered = 0;
  let painted = 0;
  let overOneSecond = 0;
  let index = 0;
  const summary = (): YamlBatch => ({
    cases: index, loaded, valid, rendered, painted, refusals, kinds, failures, slowest, overOneSecond,
    seconds: (performance.now() - started) / 1000,
  });
  try {
    for (; index < options.count && performance.now() - started < options.maxSeconds * 1000; ) {
      const hostile = hostileYaml(rng, samples);
      kinds[hostile.kind] = (kinds[hostile.kind] ?? 0) + 1;
      const paint = valid % 25 === 0;
      const outcome = await runYamlStages(hostile.text, env, { paint });
      if (outcome.refused) refusals[outcome.refused.code] = (refusals[outcome.refused.code] ?? 0) + 1;
      if (outcome.times.validate !== undefined) loaded += 1;
      if (outcome.valid) valid += 1;
      if (outcome.rendered) {
        rendered += 1;
        if (paint) painted += 1;
      }
      for (const failure of outcome.failures) failures.push({ ...failure, index, kind: hostile.kind });
      for (const [name, ms] of Object.entries(outcome.times) as [StageName, number][]) {
        if (ms > (slowest[name]?.ms ?? -1)) slowest[name] = { ms, index, kind: hostile.kind };
        if (ms > 1000) overOneSecond += 1;
      }
      index += 1;
      if (index % 250 === 0) options.onProgress?.(index, summary());
    }
  } finally {
    await env.cleanup();
  }
  return summary();
};
