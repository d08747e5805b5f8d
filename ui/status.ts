import type { AssessmentStatus } from '../src/server/dto.js';
import { msg, type UiMessageKey } from './messages.ja.js';

/** Exhaustive: a revision state the server adds does not compile here until it has a label. */
const STATUS_LABEL: Record<AssessmentStatus, UiMessageKey> = {
  draft: 'statusDraft',
  submitted: 'statusSubmitted',
  published: 'statusPublished',
  withdrawn: 'statusWithdrawn',
};

export const STATUSES = Object.keys(STATUS_LABEL) as AssessmentStatus[];

/** 作成中 / 提出済み / 公表済み / 取下げ. The steps a revision may take come from the server (`transitions`). */
export const statusLabel = (status: AssessmentStatus): string => msg(STATUS_LABEL[status]);
