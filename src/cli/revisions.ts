/** `pia revise`, `history`, `diff`, `status`: the revision workflow from a terminal. */
import { changeColumnTitles, citationLine } from '../diff/index.js';
import { REVISION_KINDS, isRevisionKind, type ConfirmedRow } from '../domain/revision.js';
import { formatJapanDateTime, formatWareki } from '../domain/wareki.js';
import { AppError } from '../errors.js';
import { REVISION_KINDS_JA, REVISION_STATUS_JA, fillMessage } from '../messages.ja.js';
import type { FormId } from '../schema/index.js';
import {
  commitRevision,
  compareVersions,
  listRevisions,
  planCommit,
  type Comparison,
  type RevisionView,
} from '../workflows/index.js';
import { workflowAt } from './commands.js';
import { authorOf, type CliIo } from './io.js';
import { CLI_MESSAGES_JA as M } from './messages.ja.js';
import { fitWidths, renderTable } from './table.js';

const DRAFT = 'draft';

/** A revision number given on the command line (and `draft` where the working copy may be named). */
export const revisionNumber = (value: string, draftAllowed = false): number => {
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1) return n;
  throw new AppError('INVALID_REQUEST', fillMessage(M.revisionNumber, { value, draft: draftAllowed ? M.orDraft : '' }));
};

const COMMIT_KINDS = REVISION_KINDS.filter((kind) => kind !== 'termination');

/** `pia revise <file> -m <message> --author <name> [--date] [--kind]`: freeze the draft as the next revision, with its rows. */
export const reviseCommand = async (
  file: string,
  options: { message?: string; author?: string; date?: string; kind?: string },
  io: CliIo,
): Promise<number> => {
  if (!options.message) {
    io.err(M.messageRequired);
    return 2;
  }
  const { kind } = options;
  if (kind !== undefined && !(isRevisionKind(kind) && kind !== 'termination')) {
    io.err(fillMessage(M.kindChoices, { choices: COMMIT_KINDS.map((one) => `${one}（${REVISION_KINDS_JA[one]}）`).join(' / ') }));
    return 2;
  }
  const author = authorOf(io, options.author);
  if (!author) {
    io.err(M.authorRequired);
    return 2;
  }
  const { revision, warnings } = await commitRevision(await workflowAt(file, io), {
    message: options.message,
    author,
    ...(options.date !== undefined ? { changeDate: options.date } : {}),
    ...(kind !== undefined ? { kind } : {}),
  });
  io.out(fillMessage(M.committed, { number: revision.number, date: formatWareki(revision.changeDate), rows: revision.rows.length }));
  for (const warning of warnings) io.err(fillMessage(M.warning, { message: warning }));
  if (revision.rows.length > 0) io.out(M.confirmRows);
  return 0;
};

const logLines = (revisions: readonly RevisionView[]): string[] =>
  revisions.flatMap((revision) =>
    revision.statusLog.map((change) =>
      fillMessage(M.statusLogLine, {
        number: revision.number,
        status: REVISION_STATUS_JA[change.status],
        at: formatJapanDateTime(change.at),
        by: change.by,
        reason: change.reason ? fillMessage(M.statusLogReason, { reason: change.reason }) : '',
      }),
    ),
  );

/** `pia history <file>`: one row per revision, then the status log. */
export const historyCommand = async (file: string, io: CliIo): Promise<number> => {
  const revisions = await listRevisions(await workflowAt(file, io));
  if (revisions.length === 0) {
    io.out(fillMessage(M.noRevisions, { file }));
    return 0;
  }
  const headers = ['改訂', '変更日', '状態', '作成者', '作成日時', '変更箇所', '説明'];
  const rows = revisions.map((r) => [
    String(r.number),
    formatWareki(r.changeDate),
    REVISION_STATUS_JA[r.status],
    r.author,
    formatJapanDateTime(r.createdAt),
    `${r.rows.length}件`,
    r.message,
  ]);
  for (const line of renderTable(headers, rows, fitWidths([4, 16, 8, 14, 16, 8, 0], io.columns))) io.out(line);
  const log = logLines(revisions);
  if (log.length > 0) [M.statusLog, ...log].forEach((line) => io.out(line));
  return 0;
};

const versionLabel = (which: number | 'draft'): string =>
  which === 'draft' ? M.draftLabel : fillMessage(M.revisionLabel, { number: which });

/** 変更箇所 rows as a table with the form's column titles, fitted to the terminal. */
export const printRows = (form: FormId, rows: readonly ConfirmedRow[], io: CliIo): void => {
  if (rows.length === 0) return;
  const titles = changeColumnTitles(form);
  const headers = [titles.date, titles.item, titles.before, titles.after, titles.timing, titles.explanation];
  const cells = rows.map((row) => [row.date ? formatWareki(row.date) : '', citationLine(row.item), row.before, row.after, row.timing, row.explanation]);
  for (const line of renderTable(headers, cells, fitWidths([16, 30, 0, 0, 8, 14], io.columns))) io.out(line);
};

const printComparison = (compared: Comparison, io: CliIo): void => {
  io.out(fillMessage(M.diffHeading, { from: versionLabel(compared.from), to: versionLabel(compared.to), count: compared.rows.length }));
  if (compared.source === 'range' && compared.rowsOf.length > 0) io.out(fillMessage(M.rangeNote, { numbers: compared.rowsOf.join('・') }));
  printRows(compared.form, compared.rows, io);
};

/** `pia diff <file> [<revA> <revB>] [--json]`: the 変更箇所 rows between two versions (default: the last revision → draft). */
export const diffCommand = async (file: string, versions: readonly string[], json: boolean, io: CliIo): Promise<number> => {
  if (versions.length === 1 || versions.length > 2) {
    io.err(M.twoVersions);
    return 2;
  }
  const workflow = await workflowAt(file, io);
  const [fromName, toName = DRAFT] = versions;
  const from = fromName === undefined ? (await planCommit(workflow)).predecessor : revisionNumber(fromName, true);
  if (from === 0) {
    io.err(fillMessage(M.nothingToCompare, { file }));
    return 1;
  }
  const compared = await compareVersions(workflow, from, toName === DRAFT ? DRAFT : revisionNumber(toName, true));
  if (json) {
    const { candidates, ...rest } = compared;
    io.out(JSON.stringify({ ...rest, changes: candidates }, null, 2));
  } else printComparison(compared, io);
  return 0;
};
