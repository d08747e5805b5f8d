/**
 * The working copy: read, save (compare-and-swap on the etag the writer read), reformat, check, acknowledge a WARN.
 * Every writer of a draft goes through `saveDraft` (or `saveDraftMerging`, which uses the same compare-and-swap),
 * so none can overwrite a version it never saw.
 */
import { RULES, checkAssessment, covers, isAcknowledgement, type Acknowledgement, type Finding, type Severity } from '../checks/index.js';
import { AppError } from '../errors.js';
import type { Doc, IncomingChange } from '../merge/index.js';
import { API_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import type { FormId } from '../schema/index.js';
import type { Draft, SavedDraft } from '../store/index.js';
import { snippetLibraryOf, type Workflow } from './context.js';
import { saveDraftMerging, type DraftConflict, type DraftWrite } from './draft-merge.js';

/** The draft as on disk now, with its validation issues and etag. */
export const readDraft = ({ store }: Workflow): Promise<Draft> => store.readDraft();

/** The draft opened in the editor: read, and its next save got ready while the officer reads and types. */
export const openDraft = async ({ store }: Workflow): Promise<Draft> => {
  const draft = await store.readDraft();
  store.prepareSave();
  return draft;
};

/** The form a draft names; UNKNOWN_FORM (with its issues) when it names none. */
export const requireForm = (draft: Draft): FormId => {
  if (draft.form) return draft.form;
  throw new AppError('UNKNOWN_FORM', fillMessage(API_MESSAGES_JA.unknownForm, { id: draft.id }), {
    id: draft.id,
    file: draft.file,
    issues: draft.issues,
  });
};

/**
 * Replace the draft if it is still the version `ifMatch` names (the etag the writer read). A draft with schema
 * issues is saved and its issues returned. A stale or made-up etag is REVISION_CONFLICT whose details hold the
 * version on disk (`{ etag, data }`), so the writer loses nothing and can merge.
 */
export const saveDraft = ({ store }: Workflow, data: Record<string, unknown>, ifMatch: string): Promise<SavedDraft> =>
  store.transact((writer) => writer.saveDraft(data, ifMatch));

/**
 * The write of a use case that changed the draft it has just read (migrate, insert or update a standard text). With
 * `ifMatch`, the version the caller previewed (the API, the update page), it is the plain compare-and-swap: what the
 * officer saw must be what changes. Without (pia), a version saved since the read is merged in as pia format and
 * acknowledge do, and only items both changed refuse the write (REVISION_CONFLICT, the version on disk in details).
 */
export const saveChange = async (workflow: Workflow, draft: Draft, data: Doc, ifMatch?: string): Promise<SavedDraft> => {
  if (ifMatch !== undefined) return saveDraft(workflow, data, ifMatch);
  const written = await saveDraftMerging(workflow, draft, data);
  if (written.status === 'saved') return { etag: written.etag, issues: written.issues };
  const { etag, data: theirs } = written.theirs;
  throw new AppError('REVISION_CONFLICT', fillMessage(API_MESSAGES_JA.saveConflict, { id: workflow.store.id }), { etag, data: theirs });
};

/** A save the server merged with the version on disk: what it wrote and what came in. */
export type MergedSave = SavedDraft & { readonly merged?: { readonly data: Doc; readonly incoming: readonly IncomingChange[] } };

/** Tries of a save merged by the server before it answers ASSESSMENT_BUSY (only a lockless writer makes one fail). */
const SERVER_MERGE_ATTEMPTS = 5;

/**
 * The editor's save with merging (PUT with `merge`): `data` was made from the version `ifMatch` names. If the
 * draft moved on and the store still holds that version, the two are merged here, holding the lock, and the merge
 * is written and returned with what came in, so many editors saving at once need no round of 409s. A version the
 * store no longer holds, or items both changed, get the REVISION_CONFLICT of saveDraft (the editor merges then).
 */
export const saveDraftOver = async (workflow: Workflow, data: Doc, ifMatch: string): Promise<MergedSave> => {
  const base = workflow.store.recentVersion(ifMatch);
  if (!base) return saveDraft(workflow, data, ifMatch);
  const outcome = await saveDraftMerging(workflow, { etag: ifMatch, data: base }, data, { maxAttempts: SERVER_MERGE_ATTEMPTS });
  if (outcome.status === 'conflict') {
    const { etag, data: theirs } = outcome.theirs;
    throw new AppError('REVISION_CONFLICT', fillMessage(API_MESSAGES_JA.saveConflict, { id: workflow.store.id }), { etag, data: theirs });
  }
  const saved = { etag: outcome.etag, issues: outcome.issues };
  return outcome.data === data ? saved : { ...saved, merged: { data: outcome.data, incoming: outcome.incoming } };
};

/**
 * Rewrite the draft in the canonical layout (form order, block scalars, comments kept). A version saved after the
 * read is what gets rewritten (the read version merged with it, which is that version: formatting changes no item).
 */
export const formatDraft = async (workflow: Workflow): Promise<DraftWrite> => {
  const draft = await workflow.store.readDraft();
  requireForm(draft);
  return saveDraftMerging(workflow, draft, draft.data);
};

/**
 * The consistency checks of the draft, counted from today in Japan; citations of replaced documents are compared
 * with the data folder's standard-text library (references.outdated).
 */
export const checkDraft = async (workflow: Workflow): Promise<{ draft: Draft; findings: Finding[] }> => {
  const [draft, snippets] = await Promise.all([workflow.store.readDraft(), snippetLibraryOf(workflow)]);
  const findings = checkAssessment(requireForm(draft), draft.data, { today: workflow.clock.today(), ...(snippets ? { snippets } : {}) });
  return { draft, findings };
};

export type AcknowledgeOutcome =
  | { readonly kind: 'unknownRule'; readonly warnRules: readonly string[] }
  | { readonly kind: 'notWarn'; readonly severity: Severity }
  | { readonly kind: 'noFinding'; readonly current: readonly string[] }
  | {
      readonly kind: 'done';
      readonly covered: number;
      readonly replaced: boolean;
      readonly etag: string;
      /** Items saved by someone else after the read, merged in. */
      readonly incoming: readonly IncomingChange[];
    }
  /** Someone changed the acknowledgements after the read, differently: nothing was written. */
  | ({ readonly kind: 'conflict' } & DraftConflict);

const sameTarget = (a: Acknowledgement, b: Acknowledgement): boolean => a.ruleId === b.ruleId && a.pointer === b.pointer;

/**
 * Keep a WARN the draft has now as it is, with the officer's reason, in its non-printed acknowledgements (the next
 * revision freezes it). Only a current WARN can be acknowledged, so a typo never leaves a record that covers nothing;
 * an acknowledgement of the same rule and item gets the new reason.
 */
export const acknowledgeWarning = async (workflow: Workflow, ack: Acknowledgement): Promise<AcknowledgeOutcome> => {
  const rule = RULES.find((candidate) => candidate.id === ack.ruleId);
  if (!rule) return { kind: 'unknownRule', warnRules: RULES.filter((r) => r.severity === 'WARN').map((r) => r.id) };
  if (rule.severity !== 'WARN') return { kind: 'notWarn', severity: rule.severity };
  const [draft, snippets] = await Promise.all([workflow.store.readDraft(), snippetLibraryOf(workflow)]);
  // Checked without any acknowledgement, so a WARN already acknowledged can get a new reason.
  const options = { today: workflow.clock.today(), acknowledgements: [], ...(snippets ? { snippets } : {}) };
  const findings = checkAssessment(requireForm(draft), draft.data, options);
  const covered = findings.filter((finding) => covers(ack, finding));
  if (covered.length === 0) {
    const current = findings.filter((finding) => finding.ruleId === ack.ruleId).map((finding) => finding.pointers[0] ?? '');
    return { kind: 'noFinding', current };
  }
  // Entries are kept as written, malformed ones too (the schema reports those): nothing in the draft is lost.
  const written = draft.data['acknowledgements'];
  const existing: unknown[] = Array.isArray(written) ? written : [];
  const isSame = (other: unknown): boolean => isAcknowledgement(other) && sameTarget(other, ack);
  const replaced = existing.some(isSame);
  const acknowledgements = replaced ? existing.map((other) => (isSame(other) ? ack : other)) : [...existing, ack];
  const saved = await saveDraftMerging(workflow, draft, { ...draft.data, acknowledgements });
  if (saved.status === 'conflict') return { kind: 'conflict', conflicts: saved.conflicts, theirs: saved.theirs };
  return { kind: 'done', covered: covered.length, replaced, etag: saved.etag, incoming: saved.incoming };
};
