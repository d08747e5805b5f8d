/**
 * The record of an assessment: its revisions with their effective rows, and what the state table allows for each.
 * Shared by every use case that reads revisions.
 */
import { computeChanges, proposeRows } from '../diff/index.js';
import type { ConfirmedRow, RevisionStatus } from '../domain/revision.js';
import type { AssessmentStore, StoredRevision } from '../store/index.js';
import { STATE_RULES, transitionsFrom, type TransitionContext } from './revision-states.js';

/** A revision as the front ends show it: its rows always present, and what may be done with it now. */
export type RevisionView = Omit<StoredRevision, 'rows'> & {
  readonly rows: readonly ConfirmedRow[];
  /** Its rows may be confirmed and edited (a submitted or published revision is frozen). */
  readonly rowsEditable: boolean;
  /**
   * The status steps the state table offers from its current state whose guards on the record pass now (the checks
   * of the content are run when a step is taken).
   */
  readonly transitions: readonly { readonly to: RevisionStatus; readonly reasonRequired: boolean }[];
};

/**
 * The proposals of a revision against its predecessor: the rows commit stores. Used for revisions an earlier
 * version committed without storing rows, so such a revision never counts as having no changes.
 */
const proposedRowsOf = async (store: AssessmentStore, revision: StoredRevision): Promise<ConfirmedRow[]> => {
  if (revision.predecessor === 0) return [];
  const [before, after] = await Promise.all([store.readRevision(revision.predecessor), store.readRevision(revision.number)]);
  return proposeRows(computeChanges(after.form, before.data, after.data), revision.changeDate);
};

/** The steps whose guards on the record pass, without the content checks (those run when a step is taken). */
const offeredSteps = async (revision: StoredRevision, history: readonly StoredRevision[]): Promise<RevisionView['transitions']> => {
  const offered: { to: RevisionStatus; reasonRequired: boolean }[] = [];
  for (const { to, reasonRequired, guards } of transitionsFrom(revision.status)) {
    const context: TransitionContext = { revision, to, history, findings: async () => [] };
    const refusals = await Promise.all(guards.map((guard) => guard(context)));
    if (refusals.every((refusal) => refusal === undefined)) offered.push({ to, reasonRequired });
  }
  return offered;
};

export const viewOf = async (
  revision: StoredRevision,
  rows: readonly ConfirmedRow[],
  history: readonly StoredRevision[],
): Promise<RevisionView> => ({
  ...revision,
  rows,
  rowsEditable: STATE_RULES[revision.status].rowsEditable,
  transitions: await offeredSteps(revision, history),
});

/** Every revision, oldest first, with its effective rows. */
export const readRecord = async (store: AssessmentStore): Promise<RevisionView[]> => {
  const history = await store.listRevisions();
  return Promise.all(
    history.map(async (revision) => viewOf(revision, revision.rows ?? (await proposedRowsOf(store, revision)), history)),
  );
};

/** The revision a new commit's rows are proposed against: the newest one still in the record (0: none). */
export const newestInRecord = (history: readonly StoredRevision[]): StoredRevision | undefined =>
  history.filter((revision) => STATE_RULES[revision.status].inRecord).at(-1);

/** The rows of the revisions whose state prints them, oldest first: what the appendix adds to the imported rows. */
export const printedRowsOf = (history: readonly RevisionView[]): (readonly ConfirmedRow[])[] =>
  history.filter((revision) => STATE_RULES[revision.status].printed).map((revision) => revision.rows);
