/** `pia rows <file> <n> [--json] [--set <rows.yaml>]`: a revision's 変更箇所 rows, shown or replaced. */
import type { ConfirmedRow } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { REVISION_STATUS_JA, fillMessage } from '../messages.ja.js';
import { readDataFile } from '../store/index.js';
import { readRevision, saveRevisionRows } from '../workflows/index.js';
import { workflowAt } from './commands.js';
import { pathIn, type CliIo } from './io.js';
import { CLI_MESSAGES_JA as M } from './messages.ja.js';
import { printRows, revisionNumber } from './revisions.js';

/** The rows a YAML or JSON file holds under `rows:` (as `--json` prints them). */
const rowsIn = async (file: string): Promise<ConfirmedRow[]> => {
  const rows = (await readDataFile(file))['rows'];
  if (!Array.isArray(rows)) throw new AppError('INVALID_REQUEST', `${file}: 変更箇所の行（rows: の一覧）がありません。`, { file });
  return rows as ConfirmedRow[];
};

export const rowsCommand = async (
  file: string,
  n: string,
  options: { json: boolean; set?: string },
  io: CliIo,
): Promise<number> => {
  const workflow = await workflowAt(file, io);
  const number = revisionNumber(n);
  if (options.set !== undefined) {
    const { revision } = await readRevision(workflow, number);
    // The version read a moment ago: a save by the editor in between is reported, never overwritten.
    const saved = await saveRevisionRows(workflow, number, await rowsIn(pathIn(io, options.set)), revision.rowsEtag);
    io.out(fillMessage(M.rowsSaved, { number, count: saved.rows.length }));
    return 0;
  }
  const { revision, form } = await readRevision(workflow, number);
  if (options.json) {
    io.out(JSON.stringify({ rows: revision.rows, etag: revision.rowsEtag, editable: revision.rowsEditable }, null, 2));
    return 0;
  }
  const state = revision.rowsEditable
    ? fillMessage(M.rowsEditable, { number })
    : fillMessage(M.rowsFrozen, { status: REVISION_STATUS_JA[revision.status] });
  io.out(fillMessage(M.rowsHeading, { number, count: revision.rows.length, state }));
  printRows(form, revision.rows, io);
  return 0;
};
