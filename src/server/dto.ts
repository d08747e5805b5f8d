/**
 * Request and response bodies of the HTTP API (the contract in the issue-4 brief). Type-only: the UI imports
 * these with `import type`, so nothing here may carry runtime code.
 */
import type { Finding } from '../checks/index.js';
import type { ChangeKind } from '../diff/index.js';
import type { ConfirmedRow, RevisionInfo, RevisionKind, RevisionPhase, RevisionStatus, StatusChange, StepRecord } from '../domain/revision.js';
import type { ErrorCode } from '../errors.js';
import type { IncomingChange, PatchOperation } from '../merge/index.js';
import type { FormId, ValidationIssue } from '../schema/index.js';
import type { OfferedStep, Person, StepFieldKind, StepFieldView, StepName, StepRole } from '../domain/steps.js';

export type { ErrorCode, Finding, FormId, IncomingChange, ValidationIssue };

/** Every error answer, whatever the route. `message` is Japanese and meant to be shown to the user. */
export type ApiError = {
  code: ErrorCode;
  message: string;
  details?: unknown;
};

/** Status of the newest revision; 'draft' when the assessment has no revision yet. */
export type AssessmentStatus = RevisionStatus;

export type AssessmentSummary = {
  id: string;
  form: FormId;
  /** e.g. 重点項目評価書・様式３, from the schema's x-form. */
  formName: string;
  /** 評価書名 (cover.title). */
  title: string;
  /** 評価実施機関名 (cover.organization). */
  organization: string;
  status: AssessmentStatus;
  /** 修正中 / 再評価中 / 事業終了… of the newest revision (rules.md §6.1); null when its status says it all. */
  phase: RevisionPhase | null;
  /** ISO timestamp of the draft file's last change. */
  updatedAt: string;
  /** Validation issues of the draft. */
  issueCount: number;
  revisionCount: number;
};

/** GET /api/assessments?q=&form=&status= */
/** `offset`/`limit` page through the matches (id order); without them every match is listed. */
export type ListAssessmentsQuery = { q?: string; form?: FormId; status?: AssessmentStatus; offset?: number; limit?: number };
export type ListAssessmentsResponse = {
  items: AssessmentSummary[];
  /** Assessments not read yet: only while a large data folder is listed for the first time (the list grows). */
  pending?: number;
  /** How many match in all, when a page (`offset`/`limit`) was asked for. */
  total?: number;
};

/** POST /api/assessments → 201. formRevision: 様式の版 (令和６年10月 …), the newest when omitted. */
export type CreateAssessmentRequest = {
  form: FormId;
  formRevision?: string;
  id?: string;
  title?: string;
  organization?: string;
};
export type CreateAssessmentResponse = { id: string };

/** GET /api/assessments/:id (also sent as the `ETag` header, quoted). */
export type AssessmentResponse = {
  id: string;
  form: FormId;
  data: Record<string, unknown>;
  issues: ValidationIssue[];
  etag: string;
};

/**
 * PUT /api/assessments/:id with header `If-Match: "<etag>"`. Drafts with issues are saved. The issues of a save
 * carry no line/column (positions in the YAML file, which GET gives); place them by pointer.
 * `merge: true` (the editor): `data` was made from the version If-Match names; if the draft has moved on since,
 * the server merges the two item by item and, when nothing conflicts, saves the merge and answers 200 with it in
 * `merged` (the client adopts it). Items both changed, or a version the server no longer holds, get the 409.
 */
export type SaveAssessmentRequest = { data: Record<string, unknown>; merge?: boolean };
export type SaveAssessmentResponse = {
  etag: string;
  issues: ValidationIssue[];
  /** Present when the server merged: the draft now on disk and the items that came in from others. */
  merged?: { data: Record<string, unknown>; incoming: IncomingChange[] };
};

/**
 * PATCH /api/assessments/:id (the editor's autosave): the changes made since the version `If-Match` names, as
 * JSON Patch operations (add / replace / remove); answered as PUT is (SaveAssessmentResponse, the 409 with the
 * version on disk). Operations that do not fit that version: 422 PATCH_INVALID, nothing written.
 */
export type PatchAssessmentRequest = { operations: PatchOperation[]; merge?: boolean };

/** `details` of the 409 REVISION_CONFLICT answer to a stale save: the version now on disk. */
export type SaveConflictDetails = { etag: string; data: Record<string, unknown> };

/** GET /api/assessments/:id/checks: findings of the consistency rules, ERROR first within each section's order. */
export type ChecksResponse = { findings: Finding[] };

/**
 * A committed revision without its content: its frozen facts, its status and append-only status log, its 変更箇所
 * rows with their ETag (the If-Match of a rows save), whether its state still lets the rows be edited, and the
 * status steps its state offers.
 */
export type RevisionMeta = Omit<RevisionInfo, 'kind'> & {
  readonly kind: RevisionKind;
  /** 修正中 / 再評価中 / 事業終了… beside the state (rules.md §6.1); null when the state says it all. */
  readonly phase: RevisionPhase | null;
  readonly status: RevisionStatus;
  readonly statusLog: readonly StatusChange[];
  readonly rows: readonly ConfirmedRow[];
  readonly rowsEtag: string;
  readonly rowsEditable: boolean;
  /**
   * The steps its state offers now (the checks of the content, the date and the person run when one is taken): the
   * target state, the step, who takes it, what it asks for and fills, and who may not take it (承認 of one's own work).
   */
  readonly transitions: readonly OfferedStep[];
};
export type { ConfirmedRow, OfferedStep, Person, RevisionKind, RevisionPhase, RevisionStatus, StatusChange, StepFieldKind, StepFieldView, StepName, StepRecord, StepRole };

/** GET /api/assessments/:id/revisions (oldest first) */
export type ListRevisionsResponse = { items: RevisionMeta[] };

/**
 * POST /api/assessments/:id/revisions → 201 CommitRevisionResponse. baseRevision: the newest revision when editing
 * began (null: none); changeDate: 変更日 (the default rule when omitted); draftEtag: the draft version the author saw.
 */
export type CommitRevisionRequest = {
  message: string;
  changeDate?: string;
  /** Required in single-user mode; with login the signed-in person is the author, whatever is sent. */
  author?: string;
  /** 初回 / 再評価 / 修正; by default that of the 評価 in progress, else 修正 after a publication, else 初回. */
  kind?: Exclude<RevisionKind, 'termination'>;
  baseRevision: number | null;
  draftEtag?: string;
};

/**
 * POST /api/assessments/:id/termination → 201 CommitRevisionResponse: 事業終了 (rules.md §6.4). The published
 * document's 評価書名 gets 【終了日 終了】 (label 終了 or 事業終了) and is committed with its 公表日 as a revision whose
 * one row is the 評価書名; 公表終了可能日 = endDate + 3 years.
 */
export type TerminationRequest = { endDate: string; publishedOn: string; label?: string; by?: string };
/** The new revision and the 変更日 warnings (earlier than its predecessor's, or than rows already printed). */
export type CommitRevisionResponse = { revision: RevisionMeta; warnings: string[] };

/**
 * GET /api/assessments/:id/revisions/next[?changeDate=] — what committing now would do: the base to name, the
 * predecessor its rows are proposed against, the default 変更日 (rules.md §7.2) and the warnings for `changeDate`.
 */
export type CommitPlanResponse = {
  baseRevision: number | null;
  predecessor: number;
  changeDate: string;
  defaultChangeDate: string;
  warnings: string[];
};

/** GET /api/assessments/:id/revisions/:n */
export type RevisionResponse = { meta: RevisionMeta; data: Record<string, unknown> };

/** A part of a text diff: unchanged, inserted or deleted text. */
export type TextSegment = { value: string; added?: boolean; removed?: boolean };

/** One changed item with its official citation (項目), the printed before/after and, for texts, a word diff. */
export type ChangedItem = {
  pointer: string;
  citation: string;
  kind: ChangeKind;
  /** A ※ item: the change is a 重要な変更 unless the officer names an exception. */
  important: boolean;
  before: string;
  after: string;
  segments?: TextSegment[];
};

/** A proposed 変更箇所 row (already confirmed choices kept when `to` is a revision with stored rows). */
export type ProposedRow = ConfirmedRow;

/**
 * GET /api/assessments/:id/diff?from=<n>&to=<n|draft>. `rowsSource`: 'revision' = revision `to`'s own rows
 * (compared with its predecessor; `editable` while its state allows, saved with If-Match: rowsEtag); 'proposal' =
 * what committing the draft would store; 'range' = a read-only view of the rows of the revisions `rowsOf`.
 */
export type DiffResponse = {
  from: number;
  to: number | 'draft';
  rows: ProposedRow[];
  items: ChangedItem[];
  rowsSource: 'revision' | 'proposal' | 'range';
  rowsOf: number[];
  editable: boolean;
  rowsEtag?: string;
};

/** PUT /api/assessments/:id/revisions/:n/rows with `If-Match: "<rowsEtag>"` (428 without, 409 ROWS_CONFLICT when stale) → 200 RevisionMeta */
export type SaveRowsRequest = { rows: ConfirmedRow[] };
/** `details` of the 409 ROWS_CONFLICT answer: the rows now stored. */
export type RowsConflictDetails = { etag: string; rows: ConfirmedRow[] };

/**
 * PUT /api/assessments/:id/revisions/:n/status → 200 RevisionMeta; 409 when the state table has no such step,
 * 422 with `details.findings` when ERRORs block it. `by` is kept in the status log; `reason` is required to withdraw.
 */
export type SetStatusRequest = {
  status: RevisionStatus;
  /** Required in single-user mode; with login the signed-in person takes the step, whatever is sent. */
  by?: string;
  reason?: string;
  remark?: string;
  /** What a step of the procedure asks for (the offered step's `fields`), by key. */
  record?: Record<string, string | number>;
};

export type * from './team/dto.js';
export type * from './dto-reuse.js';
