/** A revision's status steps, by the transition table (revision-states.ts), recorded in its append-only log. */
import { checkAssessment, type Finding } from '../checks/index.js';
import type { RevisionStatus, StatusChange } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { REVISION_STATUS_JA, WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import type { Workflow } from './context.js';
import { requireName } from './names.js';
import { readRecord, type RevisionView } from './record.js';
import { transitionTo } from './revision-states.js';

export type StatusRequest = {
  readonly status: RevisionStatus;
  /** Who takes the step (kept in the log). */
  readonly by: string;
  readonly reason?: string;
  readonly remark?: string;
};

const optionalText = (key: 'reason' | 'remark', value: string | undefined): Partial<StatusChange> => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? {} : { [key]: trimmed };
};

/**
 * Move revision n to `status` if the table has that step from its current state and every guard of the step
 * passes (the ERROR gate among them); the step is appended to the revision's status log, never overwritten.
 */
export const setRevisionStatus = async ({ store, clock }: Workflow, n: number, request: StatusRequest): Promise<RevisionView> => {
  const by = requireName(request.by, 'AUTHOR_REQUIRED', M.byRequired);
  return store.transact(async (writer) => {
    const history = await readRecord(store);
    const revision = history.find((candidate) => candidate.number === n);
    if (!revision) await store.readRevision(n); // REVISION_NOT_FOUND, with the store's message
    const transition = transitionTo(revision!, request.status);
    const reason = optionalText('reason', request.reason);
    if (transition.reasonRequired && reason.reason === undefined) {
      throw new AppError('STATUS_REASON_REQUIRED', fillMessage(M.reasonRequired, { number: n, to: REVISION_STATUS_JA[request.status] }));
    }
    let findings: Promise<Finding[]> | undefined;
    const context = {
      revision: revision!,
      to: request.status,
      history,
      findings: () =>
        (findings ??= store.readRevision(n).then(({ form, data }) => checkAssessment(form, data, { today: clock.today() }))),
    };
    for (const guard of transition.guards) {
      const refusal = await guard(context);
      if (refusal) throw refusal;
    }
    await writer.appendStatus(n, {
      status: request.status,
      at: clock.now().toISOString(),
      by,
      ...reason,
      ...optionalText('remark', request.remark),
    });
    return (await readRecord(store)).find((candidate) => candidate.number === n)!;
  });
};
