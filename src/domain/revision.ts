import type { ChangeRow } from './assessment.gen.js';

/** A committed revision's state: written, sent to 個人情報保護委員会, made public. */
export const REVISION_STATUSES = ['draft', 'submitted', 'published'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

export const isRevisionStatus = (value: unknown): value is RevisionStatus =>
  typeof value === 'string' && (REVISION_STATUSES as readonly string[]).includes(value);

/** Why a change to a ※ item is not a 重要な変更 (rules.md §5.1); the officer picks it. */
export const EXCEPTION_CODES = ['TYPO', 'FORMAL', 'RISK_REDUCTION', 'OTHER'] as const;
export type ExceptionCode = (typeof EXCEPTION_CODES)[number];

/**
 * A 変更箇所 row the officer confirmed for a revision: the printed row plus what the rule check needs.
 * `pointer` is absent for rows the officer wrote or merged by hand; `important` is the ※ rule's verdict.
 */
export type ConfirmedRow = ChangeRow & {
  readonly pointer?: string;
  readonly important: boolean;
  readonly exception?: ExceptionCode;
};

/** The frozen facts of a revision, fixed when it is committed. */
export type RevisionInfo = {
  readonly number: number;
  readonly createdAt: string;
  readonly author: string;
  readonly message: string;
  /** 変更日: ISO date printed on the revision's rows (normally its 公表日). */
  readonly changeDate: string;
  /** The revision the author started from; 0 for the first. */
  readonly baseRevision: number;
};

export type { ChangeRow };
