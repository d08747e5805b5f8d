import type { AssessmentStatus } from '../src/server/dto.js';
import { msg, type UiMessageKey } from './messages.ja.js';

const STATUS_LABEL: Record<AssessmentStatus, UiMessageKey> = {
  draft: 'statusDraft',
  submitted: 'statusSubmitted',
  published: 'statusPublished',
};

export const STATUSES = Object.keys(STATUS_LABEL) as AssessmentStatus[];

/** 作成中 / 提出済み / 公表済み. */
export const statusLabel = (status: AssessmentStatus): string => msg(STATUS_LABEL[status]);

/** The step after this one in a revision's life (draft → submitted → published), if any. */
export const nextStatus = (status: AssessmentStatus): AssessmentStatus | undefined =>
  STATUSES[STATUSES.indexOf(status) + 1];
