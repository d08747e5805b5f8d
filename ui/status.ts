import type { AssessmentStatus, RevisionMeta } from '../src/server/dto.js';
import { REVISION_PHASES_JA, REVISION_STATUS_JA } from '../src/messages.ja.js';

/** Every state, in the order of the record (作成中 … 公表終了): the server's one table of labels. */
export const STATUSES = Object.keys(REVISION_STATUS_JA) as AssessmentStatus[];

/** 作成中 / 確認依頼中 / … / 取下げ. The steps a revision may take come from the server (`transitions`). */
export const statusLabel = (status: AssessmentStatus): string => REVISION_STATUS_JA[status];

/** The phase word of rules.md §6.1 (修正中, 再評価中 …) of a revision, '' when its state says it all. */
export const phaseLabel = (meta: Pick<RevisionMeta, 'phase'>): string => (meta.phase ? REVISION_PHASES_JA[meta.phase] : '');

/**
 * A revision's lifecycle in one line: 修正中・確認依頼中, 再評価中・意見聴取中, 事業終了・公表済み, or the state alone
 * (作成中 of a 修正 is 修正中 itself).
 */
export const lifecycleLabel = (meta: Pick<RevisionMeta, 'phase' | 'status'>): string => {
  const phase = phaseLabel(meta);
  if (!phase) return statusLabel(meta.status);
  return meta.status === 'draft' ? phase : `${phase}・${statusLabel(meta.status)}`;
};
