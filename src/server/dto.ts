/**
 * Request and response bodies of the HTTP API (the contract in the issue-4 brief). Type-only: the UI imports
 * these with `import type`, so nothing here may carry runtime code.
 */
import type { Finding } from '../checks/index.js';
import type { ErrorCode } from '../errors.js';
import type { FormId, ValidationIssue } from '../schema/index.js';

export type { ErrorCode, Finding, FormId, ValidationIssue };

/** Every error answer, whatever the route. `message` is Japanese and meant to be shown to the user. */
export type ApiError = {
  code: ErrorCode;
  message: string;
  details?: unknown;
};

/** Status of the newest revision; 'draft' when the assessment has no revision yet. */
export type AssessmentStatus = 'draft' | 'submitted' | 'published';

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
  /** ISO timestamp of the draft file's last change. */
  updatedAt: string;
  /** Validation issues of the draft. */
  issueCount: number;
  revisionCount: number;
};

/** GET /api/assessments?q=&form=&status= */
export type ListAssessmentsQuery = { q?: string; form?: FormId; status?: AssessmentStatus };
export type ListAssessmentsResponse = { items: AssessmentSummary[] };

/** POST /api/assessments → 201 */
export type CreateAssessmentRequest = { form: FormId; id?: string; title?: string; organization?: string };
export type CreateAssessmentResponse = { id: string };

/** GET /api/assessments/:id (also sent as the `ETag` header, quoted). */
export type AssessmentResponse = {
  id: string;
  form: FormId;
  data: Record<string, unknown>;
  issues: ValidationIssue[];
  etag: string;
};

/** PUT /api/assessments/:id with header `If-Match: "<etag>"`. Drafts with issues are saved. */
export type SaveAssessmentRequest = { data: Record<string, unknown> };
export type SaveAssessmentResponse = { etag: string; issues: ValidationIssue[] };

/** `details` of the 409 REVISION_CONFLICT answer to a stale save: the version now on disk. */
export type SaveConflictDetails = { etag: string; data: Record<string, unknown> };

/** GET /api/assessments/:id/checks: findings of the consistency rules, ERROR first within each section's order. */
export type ChecksResponse = { findings: Finding[] };
