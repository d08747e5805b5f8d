/**
 * Standard texts (標準文): the library of the data folder, inserting a text into a draft, the drafts that use an
 * older version, and updating them. Every draft write goes through saveChange (the compare-and-swap, merged for pia); an update leaves
 * its summary for the next commit in the draft's rowSummaries (record.ts applies it).
 */
import { isAppError } from '../errors.js';
import type { FormId } from '../schema/index.js';
import {
  createLibrary,
  describeUses,
  insertSnippet,
  itemPathIn,
  libraryEntries,
  libraryEntry,
  recordRowSummaries,
  snippetFor,
  updateSnippets,
  type LibraryEntry,
  type Snippet,
  type SnippetLibrary,
  type SnippetRef,
  type SnippetUpdateResult,
  type SpanChoice,
  type Span,
  type UseView,
} from '../snippets/index.js';
import type { Draft, Library, SnippetFileIssue, SnippetStore } from '../store/index.js';
import { defaultChangeDate } from './change-dates.js';
import type { Clock } from './clock.js';
import type { Workflow } from './context.js';
import { requireForm, saveChange } from './drafts.js';
import { newestInRecord, readRecord } from './record.js';

export type LibraryView = { readonly snippets: readonly LibraryEntry[]; readonly issues: readonly SnippetFileIssue[] };

const EMPTY_LIBRARY = createLibrary([]);

const libraryIn = async (snippets: SnippetStore | undefined): Promise<{ library: SnippetLibrary; issues: readonly SnippetFileIssue[] }> => {
  if (!snippets) return { library: EMPTY_LIBRARY, issues: [] };
  const loaded = await snippets.read();
  return { library: createLibrary(loaded.snippets), issues: loaded.issues };
};

/** Every version of the library, by id then version, with what replaces it, and the problems of its files. */
export const listStandardTexts = async (snippets: SnippetStore): Promise<LibraryView> => {
  const { library, issues } = await libraryIn(snippets);
  return { snippets: libraryEntries(library), issues };
};

/** One version (the newest of the id, following its replacements, when `version` is omitted); SNIPPET_NOT_FOUND if none. */
export const readStandardText = async (snippets: SnippetStore, id: string, version?: number): Promise<LibraryEntry> => {
  const { library } = await libraryIn(snippets);
  return libraryEntry(library, snippetFor(library, id, version));
};

/** Add a version to the library (validated; an existing version is never replaced: SNIPPET_EXISTS). */
export const addStandardText = async (snippets: SnippetStore, data: unknown): Promise<SnippetRef> => {
  await snippets.add(data);
  const { id, version } = data as Snippet;
  return { id, version };
};

export type InsertRequest = { readonly pointer: string; readonly snippet: string; readonly version?: number; readonly start?: number; readonly end?: number };
export type InsertOutcome = {
  readonly etag: string;
  readonly issues: Draft['issues'];
  readonly snippet: SnippetRef & { readonly title: string };
  readonly path: readonly string[];
  readonly span: Span;
};

/** Insert a standard text into a text item of the draft (at the end, or over `start`–`end`), recording its span. */
export const insertStandardText = async (workflow: Workflow, request: InsertRequest, ifMatch?: string): Promise<InsertOutcome> => {
  const [draft, { library }] = await Promise.all([workflow.store.readDraft(), libraryIn(workflow.snippets)]);
  const form = requireForm(draft);
  const snippet = snippetFor(library, request.snippet, request.version);
  const target = { pointer: request.pointer, ...(request.start !== undefined ? { start: request.start } : {}), ...(request.end !== undefined ? { end: request.end } : {}) };
  const { data, span } = insertSnippet(form, draft.data, snippet, target);
  const saved = await saveChange(workflow, draft, data, ifMatch);
  const path = itemPathIn(form, draft.data, request.pointer);
  return { etag: saved.etag, issues: saved.issues, snippet: { id: snippet.id, version: snippet.version, title: snippet.title }, path, span };
};

/** Every standard text the draft records, with its state and newer version (`pia snippet outdated` lists those with one). */
export const standardTextUses = async (workflow: Workflow): Promise<{ readonly etag: string; readonly uses: readonly UseView[] }> => {
  const [draft, { library }] = await Promise.all([workflow.store.readDraft(), libraryIn(workflow.snippets)]);
  return { etag: draft.etag, uses: describeUses(requireForm(draft), draft.data, library) };
};

export type UpdateRequest = {
  /** Only these standard texts (every text with a newer version by default). */
  readonly snippets?: readonly string[];
  /** The one 変更後 text of the rows (default: the new versions' changeSummary). */
  readonly summary?: string;
  readonly choices?: readonly SpanChoice[];
};

export type UpdateOutcome = Omit<SnippetUpdateResult, 'data'> & {
  readonly form: FormId;
  /** The draft's version after the update (or as read, when nothing was written). */
  readonly etag: string;
  readonly changed: boolean;
};

/** The newest revision's content, whose items a summary may already be settled in (see recordRowSummaries). */
const newestContent = async (workflow: Workflow): Promise<unknown> => {
  const newest = newestInRecord(await readRecord(workflow.store));
  return newest ? (await workflow.store.readRevision(newest.number)).data : undefined;
};

const computeUpdate = (draft: Draft, library: SnippetLibrary, clock: Clock, request: UpdateRequest): SnippetUpdateResult & { form: FormId } => {
  const form = requireForm(draft);
  const result = updateSnippets(form, draft.data, library, {
    changeDate: defaultChangeDate(draft.data, clock),
    ...(request.snippets ? { snippets: request.snippets } : {}),
    ...(request.summary?.trim() ? { summary: request.summary.trim() } : {}),
    ...(request.choices ? { choices: request.choices } : {}),
  });
  return { ...result, form };
};

/** What updating the draft would do: the spans replaced, the grouped rows, the conflicts. Nothing is written. */
export const previewStandardTextUpdate = async (workflow: Workflow, request: UpdateRequest = {}): Promise<UpdateOutcome> => {
  const [draft, { library }] = await Promise.all([workflow.store.readDraft(), libraryIn(workflow.snippets)]);
  const { data: _data, ...result } = computeUpdate(draft, library, workflow.clock, request);
  return { ...result, etag: draft.etag, changed: false };
};

/**
 * Move the draft's standard texts to their newest versions (spans edited by hand are left alone and reported, or
 * settled by the officer's choices), and record the summary of the replaced items for the next commit's rows.
 * Saved by saveChange (the compare-and-swap on `ifMatch`, the version the caller previewed; merged when omitted).
 */
export const updateStandardTexts = async (workflow: Workflow, request: UpdateRequest = {}, ifMatch?: string): Promise<UpdateOutcome> => {
  const [draft, { library }] = await Promise.all([workflow.store.readDraft(), libraryIn(workflow.snippets)]);
  const { data, ...result } = computeUpdate(draft, library, workflow.clock, request);
  if (result.updated.length === 0 && result.kept.length === 0) return { ...result, etag: draft.etag, changed: false };
  const pointers = result.updated.map((update) => update.pointer);
  const recorded = pointers.length === 0 ? data : recordRowSummaries(data, pointers, result.summary, await newestContent(workflow));
  const saved = await saveChange(workflow, draft, recorded, ifMatch);
  return { ...result, etag: saved.etag, changed: true };
};

/** One assessment of the data folder that uses an older version of a standard text. */
export type OutdatedAssessment = {
  readonly id: string;
  readonly title: string;
  readonly form: FormId;
  readonly uses: readonly UseView[];
  readonly preview: UpdateOutcome;
};

/**
 * The 標準文の更新 page: every assessment of the data folder whose draft uses an older version, with what an update
 * would do. Drafts that cannot be read (broken YAML, unknown form) are left out, as in the list.
 */
export const standardTextUpdates = async (library: Library, snippets: SnippetStore, clock: Clock): Promise<OutdatedAssessment[]> => {
  const { library: texts } = await libraryIn(snippets);
  const found: OutdatedAssessment[] = [];
  for (const { id } of await library.list()) {
    const workflow: Workflow = { store: library.assessment(id), clock, snippets };
    try {
      const draft = await workflow.store.readDraft();
      const form = requireForm(draft);
      const uses = describeUses(form, draft.data, texts).filter((use) => use.newest !== undefined);
      if (uses.length === 0) continue;
      const { data: _data, ...result } = computeUpdate(draft, texts, clock, {});
      const cover = draft.data['cover'] as Record<string, unknown> | undefined;
      const title = typeof cover?.['title'] === 'string' ? cover['title'] : '';
      found.push({ id, title, form, uses, preview: { ...result, etag: draft.etag, changed: false } });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  return found;
};
