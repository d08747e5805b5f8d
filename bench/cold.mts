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

const timed = (args: string[]): Timing => {
  const start = performance.now();
  const startCpu = childrenCpu();
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
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

export const benchCold = async (): Promise<void> => {
  await ensureBuilt(['cli']); // what `npm install` built, in case a source changed since
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-bench-cold-'));
  try {
    const file = sampleFile(SAMPLE);
    const textFile = path.join(dir, 'text.txt');
    writeFileSync(textFile, await documentText(SAMPLE));
    const font = createRequire(import.meta.url).resolve(MINCHO);
    const pia = path.join(ROOT, 'bin', 'pia.js');
    const times = { help: [] as Timing[], validate: [] as Timing[], edited: [] as Timing[], render: [] as Timing[], plain: [] as Timing[] };
    // The usual run after a change: the officer edited one item (Ⅰ１①事務の名称) and validates again, so the
    // text is new to the parse cache. Each run edits it anew.
    const original = readFileSync(file, 'utf8');
    const editedFile = path.join(dir, 'edited.yaml');
    const validateEdited = (run: number): Timing => {
      const edited = original.replace(/^(basicInfo:\n {2}business:\n {4}name: .*)$/m, `$1（${run}）`);
      if (edited === original) throw new Error('bench: the item edited before each validate was not found in 001');
      writeFileSync(editedFile, edited);
      return timed([pia, 'validate', editedFile]);
    };
    // One round not counted: a rebuilt bundle's first run writes its code caches (bin/code-cache.js), and the
    // YAML cache its entry, as the first `pia` run after an install or an edit does.
    for (const args of [['--help'], ['validate', file], ['render', file, '-o', path.join(dir, 'pia.pdf')]]) timed([pia, ...args]);
    validateEdited(-1);
    for (let run = 0; run < RUNS; run += 1) {
      times.help.push(timed([pia, '--help']));
      times.validate.push(timed([pia, 'validate', file]));
      times.edited.push(validateEdited(run));
      times.render.push(timed([pia, 'render', file, '-o', path.join(dir, 'pia.pdf')]));
      times.plain.push(timed([path.join(ROOT, 'bench', 'plain-pdfkit.mjs'), font, textFile, path.join(dir, 'plain.pdf')]));
    }
    const ms = (runs: Timing[]): string =>
      `${median(runs.map((t) => t.wall)).toFixed(0).padStart(5)} ms   CPU ${median(runs.map((t) => t.cpu)).toFixed(0).padStart(5)} ms`;
    // Pair by pair, so a load change hits both sides of each ratio alike.
    const ratio = (of: 'wall' | 'cpu'): string => median(times.render.map((render, run) => render[of] / times.plain[run]![of])).toFixed(2);
    console.log(`cold pia processes, ${SAMPLE} (bin/pia.js on the bundle; median of ${RUNS}, interleaved)   ${loadNote()}`);
    console.log(`  pia --help                              ${ms(times.help)}   goal ≤ ${GOALS.help} ms`);
    console.log(`  pia validate                            ${ms(times.validate)}   goal ≤ ${GOALS.validate} ms`);
    console.log(`  pia validate, one item just edited      ${ms(times.edited)}   goal ≤ ${GOALS.validate} ms`);
    console.log(`  pia render                              ${ms(times.render)}`);
    console.log(`  baseline: plain pdfkit, same text, cold ${ms(times.plain)}`);
    console.log(`  pia render / baseline (pairwise)        ${ratio('wall').padStart(8)}      CPU ${ratio('cpu').padStart(5)}      goal ≤ ${GOALS.renderRatio}`);
    await printColdSteps(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
