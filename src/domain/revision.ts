import type { ChangeRow } from './assessment.gen.js';

/**
 * A committed revision's state. The names are data; what each state allows (rows editable, rows printed, part of the
 * chain later rows are proposed against) and which steps lead from one to another are the workflow's transition
 * table (src/workflows/revision-states.ts). A new state is a new name here, a label in messages.ja.ts and rows in
 * that table. In the order of rules.md §6.1: 作成中, the internal review (確認依頼中 → 差戻し | 承認済み), the
 * procedure of §3 (意見聴取中 → 見直し, 第三者点検中 → 見直し, 承認待ち → 見直し), 提出済み, 公表済み, and the ends
 * (取下げ, 公表終了).
 */
export const REVISION_STATUSES = [
  'draft',
  'review',
  'returned',
  'approved',
  'consultation',
  'inspection',
  'awaiting',
  'revising',
  'submitted',
  'published',
  'withdrawn',
  'unpublished',
] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

/**
 * What a revision is for (rules.md §6.2), chosen when it is committed: the first assessment, a 再評価 (both need the
 * full procedure of §3 on 様式4), a 修正 (no procedure), or the 事業終了 revision (only the 評価書名 suffix).
 * 作成中 of a 修正 is what §6.1 calls 修正中, of a 再評価 再評価中.
 */
export const REVISION_KINDS = ['initial', 'reassessment', 'correction', 'termination'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/**
 * Where a revision on its way stands in rules.md §6.1 beyond its state: a 修正 (修正中), a 再評価 (再評価中) or the
 * 事業終了 revision (終了の手続中, then 終了 while it stays published). The first assessment needs no such word.
 */
export const REVISION_PHASES = ['correcting', 'reassessing', 'ending', 'ended'] as const;
export type RevisionPhase = (typeof REVISION_PHASES)[number];

export const isRevisionKind = (value: unknown): value is RevisionKind =>
  typeof value === 'string' && (REVISION_KINDS as readonly string[]).includes(value);

/** §6.4: the words the 評価書名 suffix may end in (【令和8年3月31日 終了】); the first is the default. */
export const TERMINATION_LABELS = ['終了', '事業終了'] as const;

/** The 事業終了 of a termination revision (rules.md §6.4), fixed at its commit. */
export type Termination = {
  /** The day the 事務 ended (ISO). */
  readonly endDate: string;
  /** The word of the 評価書名 suffix: 【令和8年3月31日 終了】 or 【… 事業終了】. */
  readonly label: string;
  /** 公表終了可能日: the publication may end from this day on (end date + 3 years). */
  readonly keepPublishedUntil: string;
};

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
  /** What the revision is for; revisions committed before kinds existed have none (read as initial or correction). */
  readonly kind?: RevisionKind;
  /** The account (login) of the signed-in person who committed it; absent in single-user mode and from `pia`. */
  readonly account?: string;
  /** Only on a termination revision. */
  readonly termination?: Termination;
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
  /** The account (login) of the signed-in person who took the step; absent in single-user mode and from `pia`. */
  readonly account?: string;
  /**
   * What the person entered for a step of the procedure (the 意見聴取 period and number of opinions, the 第三者点検
   * date and result …), as entered; the form items it filled in the draft are in the draft and the next revision.
   */
  readonly record?: StepRecord;
};

export type StepRecord = { readonly [key: string]: string | number };

export type { ChangeRow };
