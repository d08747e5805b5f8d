import { run } from '../../src/cli/index.js';
import type { AssessmentStore } from '../../src/store/index.js';
import type { CliIo } from '../../src/cli/io.js';
import { fixedClock, systemClock, type Clock } from '../../src/workflows/index.js';
import { ROOT } from './seeds.js';

export type PiaResult = { code: number; out: string; err: string };

/**
 * Runs `pia` in-process through `run(argv, io)`, as bin/pia.js does in its own process: output captured, paths
 * relative to the repository, no PIA_AUTHOR unless given, the clock pinned when `today` is.
 */
export const pia = async (
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    today?: string;
    clock?: Clock;
    cwd?: string;
    /** How the command opens its assessment (tests let another writer in between its read and its write). */
    openStore?: (file: string) => Promise<AssessmentStore>;
    /** How `pia user|audit` open the team database (a file's tests may share one open database). */
    openTeamDb?: CliIo['openTeamDb'];
    passwords?: string[];
  } = {},
): Promise<PiaResult> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    clock: options.clock ?? (options.today ? fixedClock(options.today) : systemClock),
    columns: 140,
    ...(options.passwords ? { passwords: { read: async () => options.passwords!.shift() ?? '', confirm: true } } : {}),
    ...(options.openStore ? { openStore: options.openStore } : {}),
    ...(options.openTeamDb ? { openTeamDb: options.openTeamDb } : {}),
  });
  return { code, out: out.map((line) => `${line}\n`).join(''), err: err.map((line) => `${line}\n`).join('') };
};
