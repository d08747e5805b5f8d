/**
 * Request and response bodies of the reuse routes (複製, 様式の版の移行, 標準文). Type-only, like dto.ts, which
 * re-exports them for the UI.
 */
import type { SpanChoice } from '../snippets/index.js';
import type {
  CopyPreview,
  InsertOutcome,
  LibraryView,
  MigrationOutcome,
  MigrationView,
  OutdatedAssessment,
  UpdateOutcome,
  UseView,
} from '../workflows/index.js';

export type { CopyPreview, InsertOutcome, LibraryView, MigrationOutcome, MigrationView, OutdatedAssessment, SpanChoice, UpdateOutcome, UseView };
export type { LibraryEntry, ClearedView, DescribedEntry } from '../workflows/index.js';
export type { Snippet, SnippetRef, SpanConflict, SpanUpdate } from '../snippets/index.js';

/** GET /api/assessments/:id/copy?formRevision= : what a copy would clear (and the migration report on another revision). */
export type CopyPreviewResponse = CopyPreview;
/** POST /api/assessments/:id/copy → 201: a new assessment from this one, under `id` or `<source id>-copy[-n]`. */
export type CopyRequestBody = { formRevision?: string; title?: string; id?: string };
export type CopyResponse = CopyPreview & { id: string };

/** GET /api/assessments/:id/migration?to=<様式の版> : the report of a move, with the draft version it was made on. */
export type MigrationPreviewResponse = MigrationView & { etag: string };
/** POST /api/assessments/:id/migration with `If-Match: "<etag>"` (428 without, 409 when stale). */
export type MigrationRequest = { to: string };
export type MigrationResponse = MigrationOutcome;

/** GET /api/snippets: every version of the data folder's library and the problems of its files. */
export type SnippetLibraryResponse = LibraryView;
/** POST /api/snippets → 201: a new version (SNIPPET_INVALID 422, SNIPPET_EXISTS 409). */
export type AddSnippetResponse = { id: string; version: number };

/** GET /api/snippets/updates: the assessments whose drafts use an older version, with what an update would do. */
export type SnippetUpdatesResponse = { items: OutdatedAssessment[] };

/** GET /api/assessments/:id/snippets: the standard texts the draft records, their state and newer versions. */
export type SnippetUsesResponse = { etag: string; uses: UseView[] };
/** POST /api/assessments/:id/snippets with If-Match: insert a standard text into a text item. */
export type InsertSnippetRequest = { pointer: string; snippet: string; version?: number; start?: number; end?: number };
export type InsertSnippetResponse = InsertOutcome;

/** POST /api/assessments/:id/snippets/update with If-Match: move the draft to the newest versions. */
export type UpdateSnippetsRequest = { snippets?: string[]; summary?: string; choices?: SpanChoice[] };
export type UpdateSnippetsResponse = UpdateOutcome;
