/**
 * npm run stress — the long harnesses, one after another: every stress/*.stress.mts is a standalone tsx script
 * that prints its figures and exits non-zero on failure. Arguments after `--` go to each of them
 * (e.g. `npm run stress -- --count 2000`); `--only <name>` runs the scripts whose file name contains <name>.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const dir = import.meta.dirname;
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const passed = onlyAt >= 0 ? [...args.slice(0, onlyAt), ...args.slice(onlyAt + 2)] : args;
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

const scripts = readdirSync(dir)
  .filter((name) => name.endsWith('.stress.mts') && (only === undefined || name.includes(only)))
  .sort();
const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const name of scripts) {
  console.log(`\n=== ${name}`);
  const start = performance.now();
  const run = spawnSync(process.execPath, [tsx, path.join(dir, name), ...passed], { stdio: 'inherit' });
  results.push({ name, ok: run.status === 0, seconds: (performance.now() - start) / 1000 });
}
console.log('\n=== stress summary');
for (const { name, ok, seconds } of results) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds.toFixed(0)} s)`);
process.exitCode = results.length > 0 && results.every((result) => result.ok) ? 0 : 1;
