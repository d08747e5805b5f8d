import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './seeds.js';

/** Runs the `pia` command as a user would (bin/pia.js in its own process): for the smoke tests only. */
export const piaProcess = (
  args: readonly string[],
  env: Record<string, string> = {},
): { code: number | null; out: string; err: string } => {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'pia.js'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
};
