/**
 * Request and response bodies of the reuse routes (複製, 様式の版の移行, 標準文). Type-only, like dto.ts, which
 * re-exports them for the UI; built from the pure modules' types only (the UI compiles them without the store).
 * The routes' Reply types check that the workflows' results keep this shape.
 */
import type { ClearedItem, DescribedEntry, MigrationView } from '../reuse/index.js';
import type { FormId, ValidationIssue } from '../schema/index.js';
import type { LibraryEntry, SnippetRef, SnippetUpdateResult, Span, SpanChoice, UseView } from '../snippets/index.js';

export type { ClearedItem, DescribedEntry, LibraryEntry, MigrationView, SpanChoice, UseView };
export type { Snippet, SnippetRef, SpanConflict, SpanKept, SpanUpdate } from '../snippets/index.js';

/** GET /api/assessments/:id/copy?formRevision= : what a copy would clear (and the migration report on another revision). */
export type CopyPreviewResponse = { form: FormId; formRevision: string; cleared: readonly ClearedItem[]; migration?: MigrationView };
/** POST /api/assessments/:id/copy → 201: a new assessment from this one, under `id` or `<source id>-copy[-n]`. */
export type CopyRequestBody = { formRevision?: string; title?: string; id?: string };
export type CopyResponse = CopyPreviewResponse & { id: string };

/** GET /api/assessments/:id/migration?to=<様式の版> : the report of a move, with the draft version it was made on. */
export type MigrationPreviewResponse = MigrationView & { etag: string };
/** POST /api/assessments/:id/migration with `If-Match: "<etag>"` (428 without, 409 when stale). */
export type MigrationRequest = { to: string };
export type MigrationResponse = MigrationView & { etag: string; issues: readonly ValidationIssue[]; changed: boolean };

/** A problem of one library file (`file` relative to the data folder). */
export type SnippetFileProblem = { file: string; line?: number; column?: number; path: readonly string[]; message: string };
/** GET /api/snippets: every version of the data folder's library and the problems of its files. */
export type SnippetLibraryResponse = { snippets: readonly LibraryEntry[]; issues: readonly SnippetFileProblem[] };
/** POST /api/snippets → 201: a new version (SNIPPET_INVALID 422, SNIPPET_EXISTS 409). */
export type AddSnippetResponse = SnippetRef;

/** What an update did (or, in a preview, would do) to one draft. */
export type SnippetUpdateOutcome = Omit<SnippetUpdateResult, 'data'> & { form: FormId; etag: string; changed: boolean };
/** One assessment whose draft uses an older version of a standard text. */
export type OutdatedAssessmentSummary = { id: string; title: string; form: FormId; uses: readonly UseView[]; preview: SnippetUpdateOutcome };
/** GET /api/snippets/updates: the assessments whose drafts use an older version, with what an update would do. */
export type SnippetUpdatesResponse = { items: readonly OutdatedAssessmentSummary[] };

/** GET /api/assessments/:id/snippets: the standard texts the draft records, their state and newer versions. */
export type SnippetUsesResponse = { etag: string; uses: readonly UseView[] };
/** POST /api/assessments/:id/snippets with If-Match: insert a standard text into a text item. */
export type InsertSnippetRequest = { pointer: string; snippet: string; version?: number; start?: number; end?: number };
export type InsertSnippetResponse = {
  etag: string;
  issues: readonly ValidationIssue[];
  snippet: SnippetRef & { title: string };
  path: readonly string[];
  span: Span;
};

/** POST /api/assessments/:id/snippets/update with If-Match: move the draft to the newest versions. */
export type UpdateSnippetsRequest = { snippets?: readonly string[]; summary?: string; choices?: readonly SpanChoice[] };
export type UpdateSnippetsResponse = SnippetUpdateOutcome;
