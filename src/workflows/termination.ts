/**
 * 事業終了 (rules.md §6.4): the 評価書名 of the published document gets the suffix 【令和8年3月31日 終了】 (or 事業終了),
 * and that is committed as a revision of its own, whose one 変更箇所 row is the 評価書名 (事後). The revision keeps
 * the end date, from which 公表終了可能日 (end + 3 years) follows; before that day its publication cannot end.
 */
import { TERMINATION_LABELS, TERMINATION_SUFFIX, keepPublishedUntil, terminationSuffix } from '../checks/index.js';
import { computeChanges } from '../diff/index.js';
import { formatWareki } from '../domain/wareki.js';
import { AppError } from '../errors.js';
import { REVISION_STATUS_JA, fillMessage } from '../messages.ja.js';
import { firstYearStyleOf } from '../schema/index.js';
import type { Workflow } from './context.js';
import { requireForm } from './drafts.js';
import { PROCEDURE_MESSAGES_JA as P, STEP_FIELD_LABELS_JA } from './messages.ja.js';
import { requireIsoDate } from './names.js';
import { readRecord } from './record.js';
import { STATE_RULES } from './revision-states.js';
import { commitWithin, type CommitResult } from './revisions.js';
import { withStepItems } from './step-records.js';

export type TerminationRequest = {
  /** The day the 事務 ended. */
  readonly endDate: string;
  /** The 公表日 of the termination revision. */
  readonly publishedOn: string;
  /** 終了 (default) or 事業終了. */
  readonly label?: string;
  readonly by: string;
  readonly account?: string;
};

const TITLE = '/cover/title';
const refuse = (message: string): AppError => new AppError('STATUS_TRANSITION_INVALID', message);

/** Write the suffix into the draft and commit it; the draft must otherwise equal the published revision. */
export const recordTermination = async (workflow: Workflow, request: TerminationRequest): Promise<CommitResult> => {
  const endDate = requireIsoDate(request.endDate, STEP_FIELD_LABELS_JA.endDate);
  const publishedOn = requireIsoDate(request.publishedOn, STEP_FIELD_LABELS_JA.publishedOn);
  const label = request.label ?? TERMINATION_LABELS[0];
  if (!(TERMINATION_LABELS as readonly string[]).includes(label))
    throw new AppError('INVALID_REQUEST', fillMessage(P.fieldChoice, { field: STEP_FIELD_LABELS_JA.label, choices: TERMINATION_LABELS.join('・'), value: label.slice(0, 20) }));
  if (publishedOn < endDate) throw new AppError('INVALID_REQUEST', fillMessage(P.terminationBeforeEnd, { published: formatWareki(publishedOn), ended: formatWareki(endDate) }));
  const { store } = workflow;
  return store.transact(async (writer) => {
    const history = await readRecord(store);
    const published = history.filter((revision) => revision.status === 'published').at(-1);
    if (!published) throw refuse(P.terminationNothingPublished);
    const pending = history.find((revision) => revision.number > published.number && STATE_RULES[revision.status].inRecord);
    if (pending) throw refuse(fillMessage(P.terminationNotPublished, { number: pending.number, status: REVISION_STATUS_JA[pending.status] }));
    const draft = await store.readDraft();
    const form = requireForm(draft);
    const changes = computeChanges(form, (await store.readRevision(published.number)).data, draft.data);
    if (changes.length > 0)
      throw refuse(fillMessage(P.terminationOtherChanges, { number: published.number, count: changes.length, items: changes.slice(0, 3).map((change) => change.item.replace(/\s*\n\s*/g, ' ')).join('、') }));
    const cover = draft.data['cover'];
    const title = cover && typeof cover === 'object' ? String((cover as Record<string, unknown>)['title'] ?? '') : '';
    const existing = TERMINATION_SUFFIX.exec(title);
    if (existing) throw refuse(fillMessage(P.terminationAlready, { suffix: existing[0] }));
    const suffixed = `${title}${terminationSuffix(endDate, label, firstYearStyleOf(draft.data))}`;
    await writer.saveDraft(withStepItems(draft.data, [[TITLE, suffixed], ['/cover/publishedOn', publishedOn]], form), draft.etag);
    return commitWithin(
      workflow,
      writer,
      {
        message: fillMessage(P.terminationMessage, { ended: formatWareki(endDate) }),
        author: request.by,
        ...(request.account ? { account: request.account } : {}),
        changeDate: publishedOn,
        baseRevision: history.at(-1)?.number ?? null,
      },
      { termination: { endDate, label, keepPublishedUntil: keepPublishedUntil(endDate) } },
    );
  });
};
