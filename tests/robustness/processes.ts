import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../helpers/seeds.js';

const WRITER = path.join(ROOT, 'tests', 'robustness', 'writer.mts');

export type Writer = { readonly child: ChildProcess; readonly lines: string[]; readonly exited: Promise<number | null> };

/** The writer script in a process of its own (one process: node --import tsx, so kill -9 hits the writer itself). */
export const startWriter = (args: readonly string[]): Writer => {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
