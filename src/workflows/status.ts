/**
 * A revision's status steps, by the transition table (revision-states.ts), recorded in its append-only log. A step of
 * the procedure also writes what it records into the draft (compare-and-swap, under the same folder lock), so the
 * next commit freezes it.
 */
import { checkAssessment, type Finding } from '../checks/index.js';
import type { RevisionStatus, StatusChange, StepRecord } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { REVISION_STATUS_JA, STEP_NAMES_JA, STEP_ROLES_JA, WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import { firstYearStyleOf, type FormId } from '../schema/index.js';
import type { StoreWriter } from '../store/index.js';
import type { Workflow } from './context.js';
import { requireForm } from './drafts.js';
import { PROCEDURE_MESSAGES_JA as P } from './messages.ja.js';
import { requireName } from './names.js';
import { readRecord, type RevisionView } from './record.js';
import type { StepRole } from '../domain/steps.js';
import { transitionTo, type Transition, type TransitionContext } from './revision-states.js';
import { resolveStepValues, withStepItems } from './step-records.js';

export type StatusRequest = {
  readonly status: RevisionStatus;
  /** Who takes the step (kept in the log). */
  readonly by: string;
  /** Their account on the team server (kept in the log; decides who may approve whose work). */
  readonly account?: string;
  /** The step roles the person holds here; omitted: any (single-user mode, `pia`). */
  readonly roles?: readonly StepRole[];
  readonly reason?: string;
  readonly remark?: string;
  /** What a step of the procedure asks for (see the step's `fields`). */
  readonly record?: Readonly<Record<string, unknown>>;
};

const optionalText = (key: 'reason' | 'remark', value: string | undefined): Partial<StatusChange> => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? {} : { [key]: trimmed };
};

const requireRole = (transition: Transition, roles: readonly StepRole[] | undefined): void => {
  if (roles === undefined || roles.includes(transition.role)) return;
  throw new AppError('FORBIDDEN', fillMessage(P.roleRequired, { step: STEP_NAMES_JA[transition.step], role: STEP_ROLES_JA[transition.role] }));
};

/** The step's values, written into the draft; what the log keeps of them. */
const recordStep = async (
  { store, clock }: Workflow,
  writer: StoreWriter,
  transition: Transition,
  entered: Readonly<Record<string, unknown>>,
): Promise<StepRecord | undefined> => {
  const definition = transition.record;
  if (!definition) {
    if (Object.keys(entered).length > 0)
      throw new AppError('INVALID_REQUEST', fillMessage(P.fieldUnknown, { step: STEP_NAMES_JA[transition.step], key: Object.keys(entered)[0]!, fields: '（なし）' }));
    return undefined;
  }
  const draft = await store.readDraft();
  const form: FormId = requireForm(draft);
  const values = resolveStepValues(STEP_NAMES_JA[transition.step], definition, form, draft.data, entered);
  const writes = definition.fill(values, { form, today: clock.today(), style: firstYearStyleOf(draft.data) });
  await writer.saveDraft(withStepItems(draft.data, writes, form), draft.etag);
  return values;
};

/**
 * Move revision n to `status` if the table has that step from its current state, the person holds its role and every
 * guard passes (the ERROR gate among them); a step of the procedure writes its items into the draft first. The step
 * is appended to the revision's status log, never overwritten.
 */
export const setRevisionStatus = async (workflow: Workflow, n: number, request: StatusRequest): Promise<RevisionView> => {
  const { store, clock } = workflow;
  const by = requireName(request.by, 'AUTHOR_REQUIRED', M.byRequired);
  return store.transact(async (writer) => {
    const history = await readRecord(store);
    const revision = history.find((candidate) => candidate.number === n);
    if (!revision) await store.readRevision(n); // REVISION_NOT_FOUND, with the store's message
    const transition = transitionTo(revision!, request.status);
    requireRole(transition, request.roles);
    const reason = optionalText('reason', request.reason);
    if (transition.reasonRequired && reason.reason === undefined) {
      throw new AppError('STATUS_REASON_REQUIRED', fillMessage(M.reasonRequired, { number: n, to: REVISION_STATUS_JA[request.status] }));
    }
    let content: ReturnType<TransitionContext['content']> | undefined;
    let findings: Promise<Finding[]> | undefined;
    const contentOnce = () => (content ??= store.readRevision(n));
    const context: TransitionContext = {
      revision: revision!,
      to: request.status,
      history,
      content: contentOnce,
      findings: () => (findings ??= contentOnce().then(({ form, data }) => checkAssessment(form, data, { today: clock.today() }))),
      today: clock.today(),
      actor: { name: by, ...(request.account ? { account: request.account } : {}) },
    };
    for (const guard of transition.guards) {
      const refusal = await guard(context);
      if (refusal) throw refusal;
    }
    const record = await recordStep(workflow, writer, transition, request.record ?? {});
    await writer.appendStatus(n, {
      status: request.status,
      at: clock.now().toISOString(),
      by,
      ...reason,
      ...optionalText('remark', request.remark),
      ...(request.account ? { account: request.account } : {}),
      ...(record ? { record } : {}),
    });
    return (await readRecord(store)).find((candidate) => candidate.number === n)!;
  });
};
