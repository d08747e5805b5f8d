/** `pia new --from` and `pia migrate`: a new assessment from an existing one, and a draft moved to another form revision. */
import path from 'node:path';
import { isAppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import { formName } from '../schema/index.js';
import { openAssessmentFile } from '../store/index.js';
import type { MigrationView } from '../reuse/index.js';
import { copyAssessmentTo, migrateDraft } from '../workflows/index.js';
import { workflowAt } from './commands.js';
import { pathIn, type CliIo } from './io.js';
import { CLI_MESSAGES_JA } from './messages.ja.js';
import { REUSE_CLI_MESSAGES_JA as M } from './reuse-messages.ja.js';

/** The report lines of a form revision migration, one sentence per item to look at. */
export const printMigration = (report: MigrationView, io: CliIo): void => {
  const values = { from: report.from, to: report.to, count: report.entries.length, unchanged: report.unchanged };
  io.out(fillMessage(M.migrationHeading, values));
  for (const entry of report.entries) io.out(fillMessage(M.migrationLine, { text: entry.text }));
};

/**
 * `pia new --from <file> [--revision <版>] [--title <評価書名>] <dir>`: a copy of an existing assessment as a new draft
 * (never over an existing file), with what it did not take over and, on another form revision, the migration report.
 */
export const newFromCommand = async (
  source: string,
  target: string,
  options: { revision?: string; title?: string },
  io: CliIo,
): Promise<number> => {
  const file = target.endsWith('.yaml') ? target : path.join(target, 'assessment.yaml');
  const targetStore = await openAssessmentFile(pathIn(io, file));
  try {
    const copy = await copyAssessmentTo(await workflowAt(source, io), targetStore, {
      ...(options.revision !== undefined ? { formRevision: options.revision } : {}),
      ...(options.title !== undefined ? { title: options.title } : {}),
    });
    io.out(fillMessage(M.copied, { file, source, form: formName(copy.form), revision: copy.formRevision }));
    if (copy.cleared.length > 0) io.out(fillMessage(M.cleared, { count: copy.cleared.length }));
    for (const item of copy.cleared) io.out(fillMessage(M.clearedLine, { path: item.path.join(' > '), value: item.shown }));
    if (copy.migration) printMigration(copy.migration, io);
    return 0;
  } catch (error) {
    if (!isAppError(error) || error.code !== 'ASSESSMENT_EXISTS') throw error;
    io.err(fillMessage(CLI_MESSAGES_JA.exists, { file }));
    return 1;
  }
};

/**
 * `pia migrate <file> --to <版>`: move the draft to another revision of its form (comments kept; a save made
 * meanwhile is merged in, only items both changed refuse it), printing what the officer must look at. A migration
 * alone makes no 変更箇所 row.
 */
export const migrateCommand = async (file: string, to: string | undefined, io: CliIo): Promise<number> => {
  if (to === undefined || to.trim() === '') {
    io.err(M.toRequired);
    return 2;
  }
  try {
    const outcome = await migrateDraft(await workflowAt(file, io), to);
    if (!outcome.changed) {
      io.out(fillMessage(M.migrateSame, { file, to: outcome.to }));
      return 0;
    }
    io.out(fillMessage(M.migrated, { file, to: outcome.to }));
    printMigration(outcome, io);
    io.out(M.migrateNoRows);
    return 0;
  } catch (error) {
    if (!isAppError(error) || error.code !== 'REVISION_CONFLICT') throw error;
    io.err(fillMessage(M.conflictWrite, { file }));
    return 1;
  }
};
