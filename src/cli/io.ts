import path from 'node:path';
import type { AssessmentStore } from '../store/index.js';
import type { Db, DbLocation } from '../team/index.js';
import type { Clock } from '../workflows/index.js';

/**
 * Everything a `pia` command touches besides the store: its output, where relative paths start, the environment
 * (PIA_AUTHOR), the clock and the terminal width. bin/pia.js passes the process's; tests pass their own.
 */
export type CliIo = {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Relative paths are resolved against it ('.' = the process's working directory, paths printed as given). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  /** Terminal width for tables. */
  readonly columns: number;
  /**
   * Where `pia user add|passwd` read a password and whether they ask twice; by default the terminal without echo
   * (asked twice), or one line of standard input when it is a pipe.
   */
  readonly passwords?: { readonly read: (prompt: string) => Promise<string>; readonly confirm: boolean };
  /** Where parsed assessments are kept between runs (src/store/yaml-cache.ts); none when absent. */
  readonly yamlCacheDir?: string;
  /** Opens the assessment file a command works on (openAssessmentFile by default; tests let other writers in). */
  readonly openStore?: (file: string) => Promise<AssessmentStore>;
  /**
   * Opens the team database of `pia user|audit` (openTeamDb by default: the data folder's PGlite or DATABASE_URL,
   * migrated). Tests of what the commands do hand one database open for the whole file, as PGlite takes seconds
   * to start; the default path keeps tests of its own.
   */
  readonly openTeamDb?: (location: DbLocation) => Promise<Db>;
};

/** A path as the user gave it, resolved against io.cwd. */
export const pathIn = (io: CliIo, target: string): string => (path.isAbsolute(target) ? target : path.join(io.cwd, target));

/** The name the record keeps: --author, else PIA_AUTHOR; never the OS user name. */
export const authorOf = (io: CliIo, given: string | undefined): string | undefined => {
  const name = (given ?? io.env['PIA_AUTHOR'])?.trim();
  return name ? name : undefined;
};
