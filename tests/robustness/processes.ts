import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll } from 'vitest';
import { ROOT } from '../helpers/seeds.js';

/**
 * The writer bundled once per test file (inside the repository, so its packages resolve): a process started after
 * each kill then costs node's start, not a TypeScript compile of the whole src/ graph.
 */
const outfile = path.join(ROOT, 'node_modules', '.cache', 'pia-tests', `writer-${process.pid}.mjs`);
let bundled: Promise<string> | undefined;

/**
 * Removes the bundle when the calling test file ends. Test files share a worker's modules (vitest.config.ts), so
 * this module's own top level runs for the first of them only: each file that starts writers calls this, and the
 * next one builds the bundle again.
 */
export const useWriterBundle = (): void => {
  afterAll(async () => {
    bundled = undefined;
    await rm(outfile, { force: true });
  });
};
const writerBundle = (): Promise<string> => {
  bundled ??= build({
    entryPoints: [path.join(ROOT, 'tests', 'robustness', 'writer.mts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  }).then(() => outfile);
  return bundled;
};

export type Writer = { readonly child: ChildProcess; readonly lines: string[]; readonly exited: Promise<number | null> };

/** The writer in a process of its own (one process, so kill -9 hits the writer itself). */
export const startWriter = async (args: readonly string[]): Promise<Writer> => {
  const child = spawn(process.execPath, [await writerBundle(), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(errors);
      resolve(code);
    }),
  );
  return { child, lines, exited };
};

/** Wait until the writer has acknowledged `count` writes (or exited). */
export const acknowledged = async (writer: Writer, count: number, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (writer.lines.length < count) {
    if (writer.child.exitCode !== null || Date.now() > deadline) throw new Error(`writer stopped after ${writer.lines.length} lines`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** kill -9 after a random moment, so the kill lands anywhere in a write. */
export const killSoon = async (writer: Writer, maxDelayMs: number): Promise<void> => {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * maxDelayMs));
  writer.child.kill('SIGKILL');
  await writer.exited;
};
