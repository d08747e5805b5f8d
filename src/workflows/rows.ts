/**
 * 変更箇所 rows: a revision's rows are proposed and stored against its predecessor only (so no change is recorded
 * in two revisions); any other pair of versions is a read-only view. Saving is a compare-and-swap on the rows'
 * etag, refused once the revision's state freezes them.
 */
import { computeChanges, type ChangeCandidate } from '../diff/index.js';
import type { ConfirmedRow } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { REVISION_STATUS_JA, WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import type { FormId } from '../schema/index.js';
import type { AssessmentStore } from '../store/index.js';
import { defaultChangeDate } from './change-dates.js';
import type { Workflow } from './context.js';
import { newestInRecord, proposeRevisionRows, readRecord, rowsOfChanges, type RevisionView } from './record.js';
import { STATE_RULES } from './revision-states.js';

/** Which rows a comparison shows: a revision's own, the next commit's proposals, or those of a range of revisions. */
export type RowsSource = 'revision' | 'proposal' | 'range';

export type Comparison = {
  readonly from: number;
  readonly to: number | 'draft';
  readonly form: FormId;
  /** Every changed item between the two versions, in the printed order. */
  readonly candidates: readonly ChangeCandidate[];
  readonly rows: readonly ConfirmedRow[];
  readonly source: RowsSource;
  /** The revisions whose stored rows are shown (source 'revision' or 'range'). */
  readonly rowsOf: readonly number[];
  /** The rows can be saved: `to` is a revision compared with its own predecessor, in a state that allows it. */
  readonly editable: boolean;
  /** Version of the rows shown, for the If-Match of a save (source 'revision'). */
  readonly rowsEtag?: string;
};

type Version = { form: FormId; data: Record<string, unknown> };

const versionOf = async ({ store }: Workflow, which: number | 'draft'): Promise<Version> => {
  if (which !== 'draft') return store.readRevision(which);
  const draft = await store.readDraft();
  if (!draft.form) throw new AppError('UNKNOWN_FORM', `${draft.file}: 様式（form）が分かりません。`, { file: draft.file });
  return { form: draft.form, data: draft.data };
};

const inRange = (history: readonly RevisionView[], from: number, to: number): RevisionView[] =>
  history.filter((revision) => revision.number > from && revision.number <= to && STATE_RULES[revision.status].inRecord);

/** Compare two versions (revision numbers, or 'draft' for the working copy) and pick the rows that belong to the pair. */
export const compareVersions = async (workflow: Workflow, from: number, to: number | 'draft'): Promise<Comparison> => {
  const [before, after, history] = await Promise.all([versionOf(workflow, from), versionOf(workflow, to), readRecord(workflow.store)]);
  const candidates = computeChanges(after.form, before.data, after.data);
  const base = { from, to, form: after.form, candidates };
  if (to !== 'draft') {
    const target = history.find((revision) => revision.number === to)!;
    if (from === target.predecessor) {
      return { ...base, rows: target.rows, source: 'revision', rowsOf: [to], editable: target.rowsEditable, rowsEtag: target.rowsEtag };
    }
    const range = inRange(history, from, to);
    return { ...base, rows: range.flatMap((revision) => revision.rows), source: 'range', rowsOf: range.map((r) => r.number), editable: false };
  }
  // The draft: what committing it would store, against the newest revision of the record.
  const newest = newestInRecord(history)?.number ?? 0;
  const changeDate = defaultChangeDate(after.data, workflow.clock);
  const proposals =
    newest === 0 ? []
    : from === newest ? rowsOfChanges(candidates, after.data, changeDate)
    : proposeRevisionRows(after.form, (await workflow.store.readRevision(newest)).data, after.data, changeDate);
  if (from === newest) return { ...base, rows: proposals, source: 'proposal', rowsOf: [], editable: false };
  const range = inRange(history, from, newest);
  return {
    ...base,
    rows: [...range.flatMap((revision) => revision.rows), ...proposals],
    source: 'range',
    rowsOf: range.map((revision) => revision.number),
    editable: false,
  };
};

/**
 * A row that names an item (`pointer`) must cite a change of this revision against its predecessor: a change an
 * earlier revision recorded (rows copied from a view of distant revisions) would be printed twice. Rows the officer
 * wrote or merged by hand carry no pointer.
 */
const requireOwnChanges = async (store: AssessmentStore, revision: RevisionView, rows: readonly ConfirmedRow[]): Promise<void> => {
  if (!rows.some((row) => row.pointer !== undefined)) return;
  const [before, after] = await Promise.all([
    revision.predecessor === 0 ? undefined : store.readRevision(revision.predecessor),
    store.readRevision(revision.number),
  ]);
  const own = new Set(before ? computeChanges(after.form, before.data, after.data).map((change) => change.pointer) : []);
  const index = rows.findIndex((row) => row.pointer !== undefined && !own.has(row.pointer));
  if (index < 0) return;
  throw new AppError(
    'ROW_NOT_IN_REVISION',
    fillMessage(M.rowNotInRevision, {
      row: index + 1,
      item: rows[index]!.item.replaceAll('\n', ' '),
      number: revision.number,
      predecessor: revision.predecessor,
    }),
    { row: index, pointer: rows[index]!.pointer },
  );
};

/**
 * Store the rows the officer confirmed for revision n, if they are still the version `ifMatch` names and the
 * revision's state allows it. A stale or made-up etag is ROWS_CONFLICT with the rows now stored.
 */
export const saveRevisionRows = async (
  { store }: Workflow,
  n: number,
  rows: readonly ConfirmedRow[],
  ifMatch: string,
): Promise<RevisionView> =>
  store.transact(async (writer) => {
    const current = (await readRecord(store)).find((revision) => revision.number === n);
    if (!current) await store.readRevision(n); // REVISION_NOT_FOUND, with the store's message
    const revision = current!;
    if (!revision.rowsEditable) {
      throw new AppError(
        'REVISION_FROZEN',
        fillMessage(M.frozen, { number: n, status: REVISION_STATUS_JA[revision.status] }),
        { revision: n, status: revision.status },
      );
    }
    if (ifMatch !== revision.rowsEtag) {
      throw new AppError('ROWS_CONFLICT', fillMessage(M.rowsConflict, { number: n }), {
        etag: revision.rowsEtag,
        rows: revision.rows,
      });
    }
    await requireOwnChanges(store, revision, rows);
    await writer.saveRows(n, rows);
    return (await readRecord(store)).find((candidate) => candidate.number === n)!;
  });
