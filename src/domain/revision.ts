import type { ChangeRow } from './assessment.gen.js';

/**
 * A committed revision's state. The names are data; what each state allows (rows editable, rows printed, part of the
 * chain later rows are proposed against) and which steps lead from one to another are the workflow's transition
 * table (src/workflows/revision-states.ts). A new state (確認依頼, 差戻し, 承認待ち …) is a new name here, a label in
 * messages.ja.ts and rows in that table.
 */
export const REVISION_STATUSES = ['draft', 'submitted', 'published', 'withdrawn'] as const;
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
  /** The newest revision when the author committed (the commit is refused if a newer one exists); 0 for the first. */
  readonly baseRevision: number;
  /**
   * The revision its 変更箇所 rows are proposed and stored against: the newest earlier revision that is still part of
   * the record (a withdrawn one is skipped, so its changes are carried by this one); 0 for the first.
   */
  readonly predecessor: number;
};

/** One entry of a revision's append-only status log: who moved it to `status`, when, and why. */
export type StatusChange = {
  readonly status: RevisionStatus;
  /** ISO timestamp. */
  readonly at: string;
  /** The person who took the step ('' in entries written before names were recorded). */
  readonly by: string;
  /** Required for a withdrawal (取下げ), kept for good. */
  readonly reason?: string;
  readonly remark?: string;
};

export type { ChangeRow };
