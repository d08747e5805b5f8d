import type { AssessmentStatus } from '../src/server/dto.js';
import { REVISION_STATUS_JA } from '../src/messages.ja.js';

/** Every state, in the order of the record (作成中 … 公表終了): the server's one table of labels. */
export const STATUSES = Object.keys(REVISION_STATUS_JA) as AssessmentStatus[];

/** 作成中 / 確認依頼中 / … / 取下げ. The steps a revision may take come from the server (`transitions`). */
export const statusLabel = (status: AssessmentStatus): string => REVISION_STATUS_JA[status];
