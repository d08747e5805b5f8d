/**
 * The life of a committed revision as data: what each state means for the record, and which steps lead from one
 * state to another with the checks each step must pass. CLI, API and editor all go through `setRevisionStatus`,
 * which reads only this table.
 *
 * Adding a state of rules.md §6.1 (確認依頼 / 差戻し / 承認, 意見聴取中, 見直し, 第三者点検・承認待ち, 修正中,
 * 再評価中, 事業終了) is: its name in REVISION_STATUSES (src/domain/revision.ts), its label in REVISION_STATUS_JA
 * (and the editor's), its rules in STATE_RULES, and its steps in TRANSITIONS (reusing or adding guards). E.g. a
 * review: `review: { rowsEditable: false, printed: false, inRecord: true }`, with draft → review (確認依頼),
 * review → draft (差戻し, reason required) and review → submitted replacing draft → submitted.
 */
import { blockingFindings, type Finding } from '../checks/index.js';
import type { RevisionStatus } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { REVISION_STATUS_JA, WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import type { StoredRevision } from '../store/index.js';

export type StateRules = {
  /** The officer may still confirm and edit its 変更箇所 rows (its content is frozen from the commit on). */
  readonly rowsEditable: boolean;
  /** Its rows are printed in the cumulative 変更箇所 appendix of later PDFs. */
  readonly printed: boolean;
  /**
   * It stays part of the record: the next revision's rows are proposed against it. A revision that is not (a
   * withdrawn one) is skipped, so its successor's rows carry its changes and no change is lost or printed twice.
   */
  readonly inRecord: boolean;
};

export const STATE_RULES: Record<RevisionStatus, StateRules> = {
  draft: { rowsEditable: true, printed: false, inRecord: true },
  submitted: { rowsEditable: false, printed: true, inRecord: true },
  published: { rowsEditable: false, printed: true, inRecord: true },
  withdrawn: { rowsEditable: false, printed: false, inRecord: false },
};

/** What a guard may look at: the revision, the whole history, and the checks of its frozen content (computed once). */
export type TransitionContext = {
  readonly revision: StoredRevision;
  readonly to: RevisionStatus;
  readonly history: readonly StoredRevision[];
  readonly findings: () => Promise<readonly Finding[]>;
};

/** A condition a step must meet: the refusal, or undefined. */
export type Guard = (context: TransitionContext) => Promise<AppError | undefined>;

export type Transition = {
  readonly from: RevisionStatus;
  readonly to: RevisionStatus;
  /** A reason is required (kept in the status log) for steps that undo or refuse something. */
  readonly reasonRequired: boolean;
  readonly guards: readonly Guard[];
};

const label = (status: RevisionStatus): string => REVISION_STATUS_JA[status];

/** What is submitted or published is the frozen content: its ERROR findings block the step (CLI, API and editor alike). */
const noErrorFindings: Guard = async ({ revision, to, findings }) => {
  const errors = blockingFindings(await findings());
  if (errors.length === 0) return undefined;
  return new AppError(
    'ASSESSMENT_INVALID',
    fillMessage(M.statusBlocked, { count: errors.length, number: revision.number, status: label(to) }),
    { findings: errors },
  );
};

/**
 * Every earlier revision of the record is printed already: otherwise its rows (its changes against its own
 * predecessor) would be missing from the appendix this revision's PDF prints.
 */
const earlierRevisionsPrinted: Guard = async ({ revision, history }) => {
  const pending = history.find(
    (earlier) =>
      earlier.number < revision.number && STATE_RULES[earlier.status].inRecord && !STATE_RULES[earlier.status].printed,
  );
  if (!pending) return undefined;
  return new AppError(
    'STATUS_TRANSITION_INVALID',
    fillMessage(M.earlierNotRecorded, { earlier: pending.number, status: label(pending.status) }),
    { revision: revision.number, pending: pending.number },
  );
};

/** Only the newest revision of the record leaves it: a later one's rows were proposed against this one. */
const isNewestInRecord: Guard = async ({ revision, history }) => {
  const later = history.filter((other) => other.number > revision.number && STATE_RULES[other.status].inRecord).at(-1);
  if (!later) return undefined;
  return new AppError(
    'STATUS_TRANSITION_INVALID',
    fillMessage(M.notNewest, { number: revision.number, newest: later.number }),
    { revision: revision.number, newest: later.number },
  );
};

export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', to: 'submitted', reasonRequired: false, guards: [noErrorFindings, earlierRevisionsPrinted] },
  { from: 'submitted', to: 'published', reasonRequired: false, guards: [noErrorFindings] },
  // 取下げ: explicit, with a reason that is kept. From 作成中 too, so a revision committed by mistake does not block
  // the submission of later ones (earlierRevisionsPrinted) for good.
  { from: 'submitted', to: 'withdrawn', reasonRequired: true, guards: [isNewestInRecord] },
  { from: 'draft', to: 'withdrawn', reasonRequired: true, guards: [isNewestInRecord] },
];

export const transitionsFrom = (status: RevisionStatus): readonly Transition[] =>
  TRANSITIONS.filter((transition) => transition.from === status);

/** The step from `from` to `to`, or the refusal naming the steps that are possible. */
export const transitionTo = (revision: StoredRevision, to: RevisionStatus): Transition => {
  const found = TRANSITIONS.find((transition) => transition.from === revision.status && transition.to === to);
  if (found) return found;
  const choices = transitionsFrom(revision.status).map((transition) => `「${label(transition.to)}」にする`);
  const allowed = choices.length > 0 ? fillMessage(M.transitionAllowed, { choices: choices.join('・') }) : M.transitionNone;
  throw new AppError(
    'STATUS_TRANSITION_INVALID',
    fillMessage(M.transitionInvalid, { number: revision.number, from: label(revision.status), to: label(to), allowed }),
    { revision: revision.number, from: revision.status, to },
  );
};
