/**
 * Starting from an existing assessment (複製, `pia new --from`) and moving a draft to another revision of its form
 * (`pia migrate`, the editor's 様式の版を移行): the pure cores of src/reuse, read from and written to the store.
 */
import { AppError } from '../errors.js';
import { describeReport, migrate, newFromAssessment, type ClearedItem, type MigrationView } from '../reuse/index.js';
import { MIGRATION_MESSAGES_JA } from '../reuse/messages.ja.js';
import { formRevisionOf, type FormId, type ValidationIssue } from '../schema/index.js';
import type { AssessmentStore, Draft, Library } from '../store/index.js';
import type { Workflow } from './context.js';
import { createWithFreshId, resolveFormRevision } from './create.js';
import { requireForm, saveChange } from './drafts.js';

export type CopyRequest = {
  /** 様式の版 of the copy (any digit width); the source's when omitted. */
  readonly formRevision?: string;
  /** 評価書名 of the copy; the source's when omitted. */
  readonly title?: string;
};

/** What a copy starts as, and what it does not take over. */
export type CopyPreview = {
  readonly form: FormId;
  readonly formRevision: string;
  readonly cleared: readonly ClearedItem[];
  readonly migration?: MigrationView;
};

const copyOf = (draft: Draft, request: CopyRequest): CopyPreview & { readonly data: Record<string, unknown> } => {
  const form = requireForm(draft);
  const formRevision = request.formRevision === undefined ? undefined : resolveFormRevision(form, request.formRevision);
  const { data, cleared, migration } = newFromAssessment(draft.data, formRevision === undefined ? {} : { formRevision });
  const title = request.title?.trim();
  if (title) (data['cover'] as Record<string, unknown>)['title'] = title;
  return { form, data, formRevision: formRevisionOf(data) ?? '', cleared, ...(migration ? { migration: describeReport(migration) } : {}) };
};

/** What copying the assessment would clear and, on another form revision, what the move reports (the 複製 dialog). */
export const previewCopy = async ({ store }: Workflow, request: CopyRequest = {}): Promise<CopyPreview> => {
  const { data: _data, ...preview } = copyOf(await store.readDraft(), request);
  return preview;
};

/** `pia new --from <file> <dir>`: the copy is created as the target store's draft (never over an existing one). */
export const copyAssessmentTo = async ({ store }: Workflow, target: AssessmentStore, request: CopyRequest = {}): Promise<CopyPreview> => {
  const { data, ...preview } = copyOf(await store.readDraft(), request);
  await target.createDraft(data);
  return preview;
};

/** The id a copy gets when none is asked for: `<source id>-copy`, numbered on collision. */
const copyIdBase = (sourceId: string): string => `${sourceId.slice(0, 75)}-copy`;

/** The 複製 of the editor: a new assessment in the data folder, under `id` or a fresh one. Returns its id. */
export const copyAssessmentIn = async (
  library: Library,
  sourceId: string,
  request: CopyRequest & { readonly id?: string },
): Promise<CopyPreview & { readonly id: string }> => {
  const { data, ...preview } = copyOf(await library.assessment(sourceId).readDraft(), request);
  const id = await createWithFreshId(library, data, request.id, copyIdBase(sourceId));
  return { id, ...preview };
};

const planMigration = (draft: Draft, to: string): { form: FormId; from: string; target: string } => {
  const form = requireForm(draft);
  const from = formRevisionOf(draft.data);
  if (from === undefined) throw new AppError('FORM_REVISION_INVALID', MIGRATION_MESSAGES_JA.noRevision);
  return { form, from, target: resolveFormRevision(form, to) };
};

/** What moving the draft to form revision `to` would report, without changing it (with the etag it was read at). */
export const previewMigration = async ({ store }: Workflow, to: string): Promise<MigrationView & { readonly etag: string }> => {
  const draft = await store.readDraft();
  const { form, from, target } = planMigration(draft, to);
  return { ...describeReport(migrate(form, from, target, draft.data).report), etag: draft.etag };
};

export type MigrationOutcome = MigrationView & { readonly etag: string; readonly issues: readonly ValidationIssue[]; readonly changed: boolean };

/**
 * Move the draft to form revision `to` and save it (saveChange: through the compare-and-swap on `ifMatch`, the
 * version the caller read; merged with a version saved meanwhile when omitted, as `pia migrate` does). A draft
 * already on that revision is left untouched.
 */
export const migrateDraft = async (workflow: Workflow, to: string, ifMatch?: string): Promise<MigrationOutcome> => {
  const draft = await workflow.store.readDraft();
  const { form, from, target } = planMigration(draft, to);
  const { data, report } = migrate(form, from, target, draft.data);
  if (target === from) return { ...describeReport(report), etag: draft.etag, issues: draft.issues, changed: false };
  const saved = await saveChange(workflow, draft, data, ifMatch);
  return { ...describeReport(report), etag: saved.etag, issues: saved.issues, changed: true };
};
