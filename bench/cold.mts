/**
 * Cold `pia` processes, as a user or a CI job starts them (bin/pia.js on the bundle `npm install` built): `--help`,
 * `validate` (of 001 as it is, and of 001 with one item just edited: the run after a change, whose text the parse
 * cache has not seen) and `render` of the 全項目 sample (001), each beside its goal, and in the same run the baseline of
 * the render: a cold node process in which plain pdfkit writes the same text (bench/plain-pdfkit.mjs). The runs
 * are interleaved (help, validate, render, baseline, help …) so a load change hits all alike, and the render's
 * ratio is taken pair by pair. Then where one cold process spends its time, step by step (bench/cold-steps.mts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, bundleCommonJs, ensureBuilt } from '../scripts/build.mjs';
import { documentText } from './render.mjs';
import { loadNote, median, sampleFile } from './support.mjs';

const RUNS = 7;
const SAMPLE = '001-kitakyushu-yobosesshu';
const GOALS = { help: 120, validate: 250, renderRatio: 0.5 };
const MINCHO = '@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf';

/**
 * CPU time (user + system) of the finished child processes, in ms, from /proc (Linux, 10 ms ticks): beside wall
 * time because on a shared machine the CPU a process used moves far less than its wall time.
 */
const childrenCpu = (): number => {
  // The fields after the parenthesised name start at field 3 (state); cutime and cstime are fields 16 and 17.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) * (1000 / 100);
};

type Timing = { wall: number; cpu: number };

const timed = (args: string[], env: NodeJS.ProcessEnv = process.env): Timing => {
  const start = performance.now();
  const startCpu = childrenCpu();
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore', env });
  return { wall: performance.now() - start, cpu: childrenCpu() - startCpu };
};

type Steps = { steps: Record<string, number>; cpu: Record<string, number> };

/**
 * The step breakdown: bench/cold-steps.mts bundled like the CLI (scripts/build.mjs) and run cold through the CLI's
 * loader (bin/code-cache.js); the first run, not counted, writes the code caches as a user's first `pia` run does.
 */
const coldSteps = async (file: string): Promise<Steps[]> => {
  const dir = path.join(ROOT, 'dist', 'bench'); // inside the repository, so the bundle finds packages and templates
  const { entry } = await bundleCommonJs('bench/cold-steps.mts', dir, 'cold-steps');
  const runner = path.join(dir, 'cold-steps.run.cjs');
  writeFileSync(runner, `require(${JSON.stringify(path.join(ROOT, 'bin', 'code-cache.js'))}).runBundle(__dirname, ${JSON.stringify(entry)});\n`);
  const runs: Steps[] = [];
  for (let run = 0; run < 4; run += 1) {
    const steps = JSON.parse(execFileSync(process.execPath, [runner, file], { cwd: ROOT, encoding: 'utf8' })) as Steps;
    if (run > 0) runs.push(steps);
  }
  return runs;
};

/** Where one cold process spends its time, step by step. */
export const printColdSteps = async (file = sampleFile(SAMPLE)): Promise<void> => {
  const steps = await coldSteps(file);
  console.log(`  where one cold process spends its time (median of ${steps.length}; wall ms / CPU ms)   ${loadNote()}`);
  for (const name of Object.keys(steps[0]!.steps)) {
    const wall = median(steps.map((s) => s.steps[name]!));
    const cpu = median(steps.map((s) => s.cpu[name]!));
    console.log(`    ${name.padEnd(48)} ${wall.toFixed(0).padStart(5)} / ${cpu.toFixed(0).padStart(5)}`);
  }
};

/** The certificates node itself parses at the start of every process when NODE_EXTRA_CA_CERTS names a file. */
const extraCaCertificates = (): number | undefined => {
  const file = process.env['NODE_EXTRA_CA_CERTS'];
  if (!file) return undefined;
  try {
    return readFileSync(file, 'latin1').split('-----BEGIN CERTIFICATE-----').length - 1;
  } catch {
    return undefined;
  }
};

type ColdRuns = { node: Timing[]; help: Timing[]; validate: Timing[]; edited: Timing[]; render: Timing[]; plain: Timing[] };

/** The rows of one environment, interleaved run by run (node, help, validate, edited, render, baseline, node …). */
const coldRuns = (dir: string, file: string, textFile: string, font: string, env: NodeJS.ProcessEnv): ColdRuns => {
  const pia = path.join(ROOT, 'bin', 'pia.js');
  const runs: ColdRuns = { node: [], help: [], validate: [], edited: [], render: [], plain: [] };
  // The usual run after a change: the officer edited one item (Ⅰ１①事務の名称) and validates again, so the
  // text is new to the parse cache. Each run edits it anew.
  const original = readFileSync(file, 'utf8');
  const editedFile = path.join(dir, 'edited.yaml');
  let edits = 0;
  const validateEdited = (): Timing => {
    const edited = original.replace(/^(basicInfo:\n {2}business:\n {4}name: .*)$/m, `$1（${(edits += 1)}）`);
    if (edited === original) throw new Error('bench: the item edited before each validate was not found in 001');
    writeFileSync(editedFile, edited);
    return timed([pia, 'validate', editedFile], env);
  };
  // One round not counted: a rebuilt bundle's first run writes its code caches (bin/code-cache.js), and the
  // YAML cache its entries, as the first `pia` run after an install or an edit does.
  for (const args of [['--help'], ['validate', file], ['render', file, '-o', path.join(dir, 'pia.pdf')]]) timed([pia, ...args], env);
  validateEdited();
  for (let run = 0; run < RUNS; run += 1) {
    runs.node.push(timed(['-e', '0'], env));
    runs.help.push(timed([pia, '--help'], env));
    runs.validate.push(timed([pia, 'validate', file], env));
    runs.edited.push(validateEdited());
    runs.render.push(timed([pia, 'render', file, '-o', path.join(dir, 'pia.pdf')], env));
    runs.plain.push(timed([path.join(ROOT, 'bench', 'plain-pdfkit.mjs'), font, textFile, path.join(dir, 'plain.pdf')], env));
  }
  return runs;
};

const printColdRuns = (runs: ColdRuns): void => {
  const ms = (timings: Timing[]): string =>
    `${median(timings.map((t) => t.wall)).toFixed(0).padStart(5)} ms   CPU ${median(timings.map((t) => t.cpu)).toFixed(0).padStart(5)} ms`;
  // Pair by pair, so a load change hits both sides of each ratio alike.
  const ratio = (of: 'wall' | 'cpu'): string => median(runs.render.map((render, run) => render[of] / runs.plain[run]![of])).toFixed(2);
  console.log(`  node -e 0 (the floor of every row)      ${ms(runs.node)}`);
  console.log(`  pia --help                              ${ms(runs.help)}   goal ≤ ${GOALS.help} ms`);
  console.log(`  pia validate                            ${ms(runs.validate)}   goal ≤ ${GOALS.validate} ms`);
  console.log(`  pia validate, one item just edited      ${ms(runs.edited)}   goal ≤ ${GOALS.validate} ms`);
  console.log(`  pia render                              ${ms(runs.render)}`);
  console.log(`  baseline: plain pdfkit, same text, cold ${ms(runs.plain)}`);
  console.log(`  pia render / baseline (pairwise)        ${ratio('wall').padStart(8)}      CPU ${ratio('cpu').padStart(5)}      goal ≤ ${GOALS.renderRatio}`);
};

export const benchCold = async (): Promise<void> => {
  await ensureBuilt(['cli']); // what `npm install` built, in case a source changed since
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-bench-cold-'));
  try {
    const file = sampleFile(SAMPLE);
    const textFile = path.join(dir, 'text.txt');
    writeFileSync(textFile, await documentText(SAMPLE));
    const font = createRequire(import.meta.url).resolve(MINCHO);
    console.log(`cold pia processes, ${SAMPLE} (bin/pia.js on the bundle; median of ${RUNS}, interleaved)   ${loadNote()}`);
    printColdRuns(coldRuns(dir, file, textFile, font, process.env));
    const certificates = extraCaCertificates();
    if (certificates !== undefined) {
      // This machine's environment names a CA bundle for node, which then parses it at the start of every
      // process, before any of pia's code runs; pia makes no TLS connection. The same rows without it, as on a
      // machine that does not set it.
      const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
      console.log(`  the same without NODE_EXTRA_CA_CERTS (set here: ${certificates} certificates node parses at every start)   ${loadNote()}`);
      printColdRuns(coldRuns(dir, file, textFile, font, env));
    }
    await printColdSteps(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
