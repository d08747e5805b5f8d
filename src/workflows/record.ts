/**
 * The record of an assessment: its revisions with their effective rows, and what the state table allows for each.
 * Shared by every use case that reads revisions.
 */
import { computeChanges, proposeRows, type ChangeCandidate } from '../diff/index.js';
import type { ConfirmedRow, RevisionKind, RevisionPhase } from '../domain/revision.js';
import type { FormId } from '../schema/index.js';
import { withRowSummaries } from '../snippets/index.js';
import type { AssessmentStore, StoredRevision } from '../store/index.js';
import type { OfferedStep } from '../domain/steps.js';
import { STATE_RULES, excludedApprovers, kindOf, phaseOf, transitionsFrom, type TransitionContext } from './revision-states.js';
import { fieldsFor } from './step-records.js';


/** A revision as the front ends show it: its rows always present, and what may be done with it now. */
export type RevisionView = Omit<StoredRevision, 'rows' | 'kind'> & {
  readonly rows: readonly ConfirmedRow[];
  readonly kind: RevisionKind;
  /** 修正中 / 再評価中 / 事業終了…: where it stands in the lifecycle beyond its state (null: its state says it all). */
  readonly phase: RevisionPhase | null;
  /** Its rows may be confirmed and edited (a submitted or published revision is frozen). */
  readonly rowsEditable: boolean;
  /**
   * The status steps the state table offers from its current state whose guards pass now, except those that need
   * the checks of the content, the date or the person (they are run when a step is taken).
   */
  readonly transitions: readonly OfferedStep[];
};

/**
 * The rows a revision starts with: one per change against its predecessor, dated with its 変更日, and for the items
 * a standard-text update summarized (the draft's rowSummaries) that summary as 変更後. The one rule for the commit,
 * the draft's proposals and revisions stored without rows.
 */
export const proposeRevisionRows = (form: FormId, before: unknown, after: unknown, changeDate: string): ConfirmedRow[] =>
  rowsOfChanges(computeChanges(form, before, after), after, changeDate);

/** proposeRevisionRows from changes already computed (`after` is the newer version they lead to). */
export const rowsOfChanges = (changes: readonly ChangeCandidate[], after: unknown, changeDate: string): ConfirmedRow[] =>
  withRowSummaries(proposeRows(changes, changeDate), after);

/**
 * The proposals of a revision against its predecessor: the rows commit stores. Used for revisions an earlier
 * version committed without storing rows, so such a revision never counts as having no changes.
 */
const proposedRowsOf = async (store: AssessmentStore, revision: StoredRevision): Promise<ConfirmedRow[]> => {
  if (revision.predecessor === 0) return [];
  const [before, after] = await Promise.all([store.readRevision(revision.predecessor), store.readRevision(revision.number)]);
  return proposeRevisionRows(after.form, before.data, after.data, revision.changeDate);
};

/**
 * The steps whose guards pass, without the content checks, the date and the person (those run when a step is taken).
 * The content is read only for a state whose steps look at it (an approved revision: which procedure comes next).
 */
const offeredSteps = async (
  store: AssessmentStore,
  revision: StoredRevision,
  history: readonly StoredRevision[],
): Promise<OfferedStep[]> => {
  let content: ReturnType<TransitionContext['content']> | undefined;
  const contentOnce = () => (content ??= store.readRevision(revision.number));
  const offered: OfferedStep[] = [];
  for (const { to, step, role, reasonRequired, guards, record } of transitionsFrom(revision.status)) {
    const context: TransitionContext = { revision, to, history, findings: async () => [], content: contentOnce };
    const refusals = await Promise.all(guards.map((guard) => guard(context)));
    if (refusals.some((refusal) => refusal !== undefined)) continue;
    const fields = record ? fieldsFor(record, (await contentOnce()).form) : [];
    offered.push({ to, step, role, reasonRequired, fields, notBy: step === 'approve' ? excludedApprovers(revision) : [] });
  }
  return offered;
};

const viewOf = async (
  store: AssessmentStore,
  revision: StoredRevision,
  history: readonly StoredRevision[],
): Promise<RevisionView> => ({
  ...revision,
  rows: revision.rows ?? (await proposedRowsOf(store, revision)),
  kind: kindOf(revision, history),
  phase: phaseOf(kindOf(revision, history), revision.status),
  rowsEditable: STATE_RULES[revision.status].rowsEditable,
  transitions: await offeredSteps(store, revision, history),
});

/** Every revision, oldest first, with its effective rows. */
export const readRecord = async (store: AssessmentStore): Promise<RevisionView[]> => {
  const history = await store.listRevisions();
  return Promise.all(history.map((revision) => viewOf(store, revision, history)));
};

/** The revision a new commit's rows are proposed against: the newest one still in the record (0: none). */
export const newestInRecord = (history: readonly StoredRevision[]): StoredRevision | undefined =>
  history.filter((revision) => STATE_RULES[revision.status].inRecord).at(-1);

/** The rows of the revisions whose state prints them, oldest first: what the appendix adds to the imported rows. */
export const printedRowsOf = (history: readonly RevisionView[]): (readonly ConfirmedRow[])[] =>
  history.filter((revision) => STATE_RULES[revision.status].printed).map((revision) => revision.rows);
