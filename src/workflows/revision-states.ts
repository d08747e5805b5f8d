/**
 * The life of a committed revision as data: what each state means for the record, and which steps lead from one
 * state to another, who takes each (作成者 or 確認者), the checks it must pass and the form items it fills. CLI, API
 * and editor all go through `setRevisionStatus`, which reads only this table. assessments/README.md explains it.
 *
 * rules.md §6.1 on revisions: a version is committed (作成中), reviewed inside the body (確認依頼 → 差戻し | 承認), and
 * what is approved goes out: to residents for comment (意見聴取中), to the third-party reviewers (第三者点検中), to the
 * 個人情報保護委員会 for approval (承認待ち), or as the submitted document (提出済み → 公表済み). What comes back from
 * outside (the opinions, the 点検 result, the 承認日) is written into the draft and the version that went out ends in
 * 見直し: the revised draft becomes the next revision, which continues the procedure of the same 評価 (its "cycle").
 * A 差戻し version leaves the record (the next commit is proposed against the one before it) unless it is asked
 * for review again. Adding a state: its name in REVISION_STATUSES (src/domain/revision.ts), its label in
 * REVISION_STATUS_JA (and the editor's), its rules in STATE_RULES, its steps in TRANSITIONS.
 */
import { BODY_TYPES, blockingFindings, type Finding } from '../checks/index.js';
import type { RevisionKind, RevisionPhase, RevisionStatus, StatusChange } from '../domain/revision.js';
import type { Person, StepName, StepRole } from '../domain/steps.js';
import { formatWareki } from '../domain/wareki.js';
import { addDays } from '../domain/wareki-parse.js';
import { AppError } from '../errors.js';
import { REVISION_KINDS_JA, REVISION_STATUS_JA, STEP_NAMES_JA, WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import type { FormId } from '../schema/index.js';
import type { StoredRevision } from '../store/index.js';
import { PROCEDURE_MESSAGES_JA as P } from './messages.ja.js';
import { STEP_RECORDS, type StepRecordDefinition } from './step-records.js';

export type StateRules = {
  /** The officer may still confirm and edit its 変更箇所 rows (its content is frozen from the commit on). */
  readonly rowsEditable: boolean;
  /** Its rows are printed in the cumulative 変更箇所 appendix of later PDFs. */
  readonly printed: boolean;
  /**
   * It stays part of the record: the next revision's rows are proposed against it. A revision that is not (a
   * withdrawn or returned one, a version that went out for comment or 点検 and came back) is skipped, so its
   * successor's rows carry its changes and no change is lost or printed twice.
   */
  readonly inRecord: boolean;
};

const working: StateRules = { rowsEditable: true, printed: false, inRecord: true };
const underReview: StateRules = { rowsEditable: false, printed: false, inRecord: true };
const wentOut: StateRules = { rowsEditable: false, printed: false, inRecord: false };
const filed: StateRules = { rowsEditable: false, printed: true, inRecord: true };

export const STATE_RULES: Record<RevisionStatus, StateRules> = {
  draft: working,
  review: underReview,
  returned: { rowsEditable: true, printed: false, inRecord: false },
  approved: underReview,
  consultation: wentOut,
  inspection: wentOut,
  awaiting: wentOut,
  revising: wentOut,
  submitted: filed,
  published: filed,
  withdrawn: { rowsEditable: false, printed: false, inRecord: false },
  unpublished: filed,
};

/** What a guard may look at: the revision, the whole history, its content and checks (each read once, when needed). */
export type TransitionContext = {
  readonly revision: StoredRevision;
  readonly to: RevisionStatus;
  readonly history: readonly StoredRevision[];
  readonly findings: () => Promise<readonly Finding[]>;
  readonly content: () => Promise<{ readonly form: FormId; readonly data: Record<string, unknown> }>;
  /**
   * Today in Japan and who takes the step: absent when the steps are only offered (a list of revisions), so guards
   * that need them pass then and are checked when the step is taken.
   */
  readonly today?: string;
  readonly actor?: Person;
};

/** A condition a step must meet: the refusal, or undefined. */
export type Guard = (context: TransitionContext) => Promise<AppError | undefined>;

export type Transition = {
  readonly from: RevisionStatus;
  readonly to: RevisionStatus;
  readonly step: StepName;
  readonly role: StepRole;
  /** A reason is required (kept in the status log) for steps that undo or refuse something. */
  readonly reasonRequired: boolean;
  readonly guards: readonly Guard[];
  /** What the step asks for and the form items it fills in the draft. */
  readonly record?: StepRecordDefinition;
};

const label = (status: RevisionStatus): string => REVISION_STATUS_JA[status];
const refuse = (message: string, details: Record<string, unknown> = {}): AppError =>
  new AppError('STATUS_TRANSITION_INVALID', message, details);

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
  return refuse(fillMessage(M.earlierNotRecorded, { earlier: pending.number, status: label(pending.status) }), {
    revision: revision.number,
    pending: pending.number,
  });
};

/** Only the newest revision of the record leaves it: a later one's rows were proposed against this one. */
const isNewestInRecord: Guard = async ({ revision, history }) => {
  if (!STATE_RULES[revision.status].inRecord) return undefined;
  const later = history.filter((other) => other.number > revision.number && STATE_RULES[other.status].inRecord).at(-1);
  if (!later) return undefined;
  return refuse(fillMessage(M.notNewest, { number: revision.number, newest: later.number }), {
    revision: revision.number,
    newest: later.number,
  });
};

/** A returned version comes back for review only while nothing was committed after it (it left the record). */
const noLaterRevision: Guard = async ({ revision, history }) => {
  const later = history.at(-1);
  if (!later || later.number <= revision.number) return undefined;
  return refuse(fillMessage(P.superseded, { number: revision.number, later: later.number }));
};

/** Names compare without spaces and width differences (田中 花子 / 田中　花子); accounts, when both have one, decide. */
const samePerson = (a: Person, b: Person): boolean => {
  if (a.account !== undefined && b.account !== undefined) return a.account === b.account;
  const plain = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');
  return plain(a.name) !== '' && plain(a.name) === plain(b.name);
};

/** The person who asked for the current review: the newest 確認依頼中 entry of the log. */
export const requesterOf = (revision: StoredRevision): StatusChange | undefined =>
  revision.statusLog.findLast((entry) => entry.status === 'review');

/** The people who may not approve a revision: its author and whoever asked for the review (four eyes). */
export const excludedApprovers = (revision: StoredRevision): Person[] => {
  const requester = requesterOf(revision);
  const author: Person = { name: revision.author, ...(revision.account ? { account: revision.account } : {}) };
  const asker: Person | undefined = requester && { name: requester.by, ...(requester.account ? { account: requester.account } : {}) };
  return asker && !samePerson(asker, author) ? [author, asker] : [author];
};

const notOwnWork: Guard = async ({ revision, actor }) => {
  if (!actor) return undefined;
  const [author, requester] = excludedApprovers(revision);
  if (author && samePerson(actor, author))
    return new AppError('FORBIDDEN', fillMessage(P.ownRevision, { number: revision.number, name: author.name }));
  if (requester && samePerson(actor, requester))
    return new AppError('FORBIDDEN', fillMessage(P.ownRequest, { number: revision.number, name: requester.name }));
  return undefined;
};

const wasPublished = (revision: StoredRevision): boolean => revision.statusLog.some((entry) => entry.status === 'published');

/**
 * The kind of a revision; one committed before kinds existed is a 修正 when an earlier one was published, else the
 * first assessment.
 */
export const kindOf = (revision: StoredRevision, history: readonly StoredRevision[]): RevisionKind =>
  revision.kind ??
  (history.some((earlier) => earlier.number < revision.number && wasPublished(earlier)) ? 'correction' : 'initial');

/** States after which a revision is no longer on its way (filed, withdrawn or ended). */
const SETTLED: ReadonlySet<RevisionStatus> = new Set(['submitted', 'published', 'withdrawn', 'unpublished']);

/**
 * The phase of rules.md §6.1 a revision is in, from its kind and state: 修正中 / 再評価中 / 事業終了の手続中 while on
 * its way, 事業終了 once the termination is published; none for the first assessment or a settled revision.
 */
export const phaseOf = (kind: RevisionKind, status: RevisionStatus): RevisionPhase | null => {
  if (kind === 'termination') return status === 'published' ? 'ended' : SETTLED.has(status) ? null : 'ending';
  if (SETTLED.has(status)) return null;
  return kind === 'correction' ? 'correcting' : kind === 'reassessment' ? 'reassessing' : null;
};

const needsProcedure = (kind: RevisionKind): boolean => kind === 'initial' || kind === 'reassessment';

/** The revisions of the same 評価 or 修正 as `revision`: those after the newest one published before it, up to it. */
export const cycleOf = (revision: StoredRevision, history: readonly StoredRevision[]): StoredRevision[] => {
  const earlier = history.filter((other) => other.number <= revision.number);
  const start = earlier.filter((other) => other.number < revision.number && wasPublished(other)).at(-1)?.number ?? 0;
  return earlier.filter((other) => other.number > start);
};

/** Whether a revision of the cycle took the step from `from` to `to` (a log starts at 作成中). */
const tookStep = (cycle: readonly StoredRevision[], from: RevisionStatus, to: RevisionStatus): boolean =>
  cycle.some((revision) =>
    revision.statusLog.some((entry, index) => entry.status === to && (revision.statusLog[index - 1]?.status ?? 'draft') === from),
  );

const stepLabel = (to: RevisionStatus): string => {
  const transition = TRANSITIONS.find((candidate) => candidate.to === to);
  return transition ? STEP_NAMES_JA[transition.step] : label(to);
};

/** 意見聴取, 第三者点検 and the 委員会's approval belong to the first assessment and to a 再評価 (§6.2). */
const procedureKind: Guard = async ({ revision, history }) => {
  const kind = kindOf(revision, history);
  return needsProcedure(kind) ? undefined : refuse(fillMessage(P.noProcedure, { number: revision.number, kind: REVISION_KINDS_JA[kind] }));
};

/** §3.3 on 様式４: the 意見聴取 ends before the 第三者点検 and before the submission to the 委員会. */
const consultedFirst: Guard = async (context) => {
  if ((await context.content()).form !== 'yoshiki4') return undefined;
  if (tookStep(cycleOf(context.revision, context.history), 'consultation', 'revising')) return undefined;
  return refuse(fillMessage(P.consultationFirst, { step: stepLabel(context.to) }));
};

const bodyTypeOf = (data: Record<string, unknown>): unknown => {
  const facts = data['facts'];
  return facts && typeof facts === 'object' ? (facts as Record<string, unknown>)['bodyType'] : undefined;
};

const nationalForm4: Guard = async (context) => {
  const { form, data } = await context.content();
  return form === 'yoshiki4' && bodyTypeOf(data) === BODY_TYPES.national ? undefined : refuse(P.nationalOnly);
};

/** §3: a 様式４ first assessment or 再評価 is submitted after its 意見聴取 and its 第三者点検 or 委員会 approval. */
const procedureComplete: Guard = async (context) => {
  const kind = kindOf(context.revision, context.history);
  if (!needsProcedure(kind)) return undefined;
  const { form, data } = await context.content();
  if (form !== 'yoshiki4') return undefined;
  const cycle = cycleOf(context.revision, context.history);
  if (!tookStep(cycle, 'consultation', 'revising'))
    return refuse(fillMessage(P.consultationMissing, { number: context.revision.number, kind: REVISION_KINDS_JA[kind] }));
  const bodyType = bodyTypeOf(data);
  if (bodyType === BODY_TYPES.local) return tookStep(cycle, 'inspection', 'revising') ? undefined : refuse(P.inspectionMissing);
  if (bodyType === BODY_TYPES.national) return tookStep(cycle, 'awaiting', 'revising') ? undefined : refuse(P.commissionMissing);
  return refuse(P.bodyTypeUnknown);
};

/** The 意見聴取 is over the day after the last day of its period (recorded when it began). */
const periodOver: Guard = async ({ revision, today }) => {
  const to = revision.statusLog.findLast((entry) => entry.status === 'consultation')?.record?.['to'];
  if (today === undefined || typeof to !== 'string' || today > to) return undefined;
  return refuse(fillMessage(P.periodRunning, { to: formatWareki(to), next: formatWareki(addDays(to, 1)) }));
};

/** §6.4: only a 事業終了 revision ends its publication, and not before 公表終了可能日. */
const publicationMayEnd: Guard = async ({ revision, today }) => {
  const { termination } = revision;
  if (!termination) return refuse(fillMessage(P.unpublishNotEnded, { number: revision.number }));
  if (today === undefined || today >= termination.keepPublishedUntil) return undefined;
  return refuse(
    fillMessage(P.keepPublished, { ended: formatWareki(termination.endDate), until: formatWareki(termination.keepPublishedUntil) }),
    { keepPublishedUntil: termination.keepPublishedUntil },
  );
};

const step = (
  from: RevisionStatus,
  to: RevisionStatus,
  name: StepName,
  role: StepRole,
  guards: readonly Guard[],
  extra: { reasonRequired?: boolean; record?: StepRecordDefinition } = {},
): Transition => ({ from, to, step: name, role, reasonRequired: extra.reasonRequired ?? false, guards, ...(extra.record ? { record: extra.record } : {}) });

/** 取下げ: explicit, with a reason that is kept; from any state before 公表, so nothing committed blocks later revisions for good. */
const WITHDRAWABLE: readonly RevisionStatus[] = ['draft', 'review', 'returned', 'approved', 'consultation', 'inspection', 'awaiting', 'submitted'];

export const TRANSITIONS: readonly Transition[] = [
  step('draft', 'review', 'request', 'author', []),
  step('returned', 'review', 'request', 'author', [noLaterRevision]),
  step('review', 'returned', 'return', 'reviewer', []),
  step('review', 'approved', 'approve', 'reviewer', [notOwnWork]),
  step('approved', 'consultation', 'consult', 'author', [procedureKind], { record: STEP_RECORDS.consult }),
  step('consultation', 'revising', 'consulted', 'author', [periodOver], { record: STEP_RECORDS.consulted }),
  step('approved', 'inspection', 'inspect', 'author', [procedureKind, consultedFirst], { record: STEP_RECORDS.inspect }),
  step('inspection', 'revising', 'inspected', 'author', [], { record: STEP_RECORDS.inspected }),
  step('approved', 'awaiting', 'apply', 'author', [procedureKind, nationalForm4, consultedFirst], { record: STEP_RECORDS.apply }),
  step('awaiting', 'revising', 'approval', 'author', [], { record: STEP_RECORDS.approval }),
  step('approved', 'submitted', 'submit', 'author', [noErrorFindings, earlierRevisionsPrinted, procedureComplete]),
  step('submitted', 'published', 'publish', 'author', [noErrorFindings]),
  ...WITHDRAWABLE.map((from) => step(from, 'withdrawn', 'withdraw', 'author', [isNewestInRecord], { reasonRequired: true })),
  step('published', 'unpublished', 'unpublish', 'author', [isNewestInRecord, publicationMayEnd]),
];

export const transitionsFrom = (status: RevisionStatus): readonly Transition[] =>
  TRANSITIONS.filter((transition) => transition.from === status);

/** The roles of the steps into `status` (the server lets only people holding one of them ask for it). */
export const rolesInto = (status: RevisionStatus): StepRole[] => [
  ...new Set(TRANSITIONS.filter((transition) => transition.to === status).map((transition) => transition.role)),
];

/** The step from `from` to `to`, or the refusal naming the steps that are possible. */
export const transitionTo = (revision: StoredRevision, to: RevisionStatus): Transition => {
  const found = TRANSITIONS.find((transition) => transition.from === revision.status && transition.to === to);
  if (found) return found;
  const choices = transitionsFrom(revision.status).map((transition) => `「${STEP_NAMES_JA[transition.step]}」`);
  const allowed = choices.length > 0 ? fillMessage(M.transitionAllowed, { choices: choices.join('・') }) : M.transitionNone;
  throw new AppError(
    'STATUS_TRANSITION_INVALID',
    fillMessage(M.transitionInvalid, { number: revision.number, from: label(revision.status), to: label(to), allowed }),
    { revision: revision.number, from: revision.status, to },
  );
};
