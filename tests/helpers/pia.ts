import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './seeds.js';

/** Runs the `pia` command as a user would (bin/pia.js in its own process) and returns its exit code and output. */
export const pia = (...args: string[]): { code: number | null; out: string; err: string } => {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'pia.js'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: result.status, out: result.stdout, err: result.stderr };
};
