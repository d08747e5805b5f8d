#!/usr/bin/env node
/**
 * `npm test`: the type check and the generated-code drift check run beside vitest instead of before it. Vitest's
 * first ~10 s (its global set-up, starting workers, the first files' imports) leave a core partly idle; the checks,
 * ~9 s of CPU that ran first and alone, fit there. Arguments go to vitest (`npm test -- tests/store`).
 *
 * Vitest prints as it goes. A check's output is kept and printed whole when it ends, so the logs do not interleave.
 * The run fails when any of them fails, and says which at its end; every one runs to its end either way, so one run
 * reports all three.
 */
import { spawn } from 'node:child_process';

/** npm as it runs this script (`npm test` sets npm_execpath), else the one on the PATH. */
const npm = (args) =>
  process.env.npm_execpath ? spawn(process.execPath, [process.env.npm_execpath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn('npm', args, { stdio: ['ignore', 'pipe', 'pipe'] });

/** A check (an npm script): resolves with its exit code once its output is printed. */
const check = (script) =>
  new Promise((resolve) => {
    const child = npm(['run', '--silent', script]);
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const failed = code !== 0;
      (failed ? process.stderr : process.stdout).write(
        `${failed ? '✗' : '✓'} npm run ${script}${failed ? ` (exit ${code})` : ''}\n${Buffer.concat(output).toString()}`,
      );
      resolve(code ?? 1);
    });
  });

const vitest = new Promise((resolve) => {
  const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('error', (error) => {
    process.stderr.write(`vitest: ${error.message}\n`);
    resolve(1);
  });
  child.on('close', (code) => resolve(code ?? 1));
});

const steps = { 'npm run typecheck': check('typecheck'), 'npm run check:gen': check('check:gen'), vitest };
const codes = await Promise.all(Object.values(steps));
const failed = Object.keys(steps).filter((_, index) => codes[index] !== 0);
// Said again at the end, where a reader of the log looks: a check's failure was printed while vitest was running.
if (failed.length > 0) process.stderr.write(`\n✗ npm test failed: ${failed.join(', ')} (see above)\n`);
process.exitCode = codes.find((code) => code !== 0) ?? 0;
