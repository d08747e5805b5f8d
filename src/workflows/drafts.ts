/**
 * The working copy: read, save (compare-and-swap on the etag the writer read), reformat, check, acknowledge a WARN.
 * Every writer of a draft goes through `saveDraft`, so none can overwrite a version it never saw.
 */
import { RULES, checkAssessment, covers, isAcknowledgement, type Acknowledgement, type Finding, type Severity } from '../checks/index.js';
import { AppError } from '../errors.js';
import { API_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import type { FormId } from '../schema/index.js';
import type { Draft, SavedDraft } from '../store/index.js';
import type { Workflow } from './context.js';

/** The draft as on disk now, with its validation issues and etag. */
export const readDraft = ({ store }: Workflow): Promise<Draft> => store.readDraft();

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

/** Rewrite the draft in the canonical layout (form order, block scalars, comments kept), unless it changed since read. */
export const formatDraft = async (workflow: Workflow): Promise<SavedDraft> => {
  const draft = await workflow.store.readDraft();
  requireForm(draft);
  return saveDraft(workflow, draft.data, draft.etag);
};

/** The consistency checks of the draft, counted from today in Japan. */
export const checkDraft = async ({ store, clock }: Workflow): Promise<{ draft: Draft; findings: Finding[] }> => {
  const draft = await store.readDraft();
  return { draft, findings: checkAssessment(requireForm(draft), draft.data, { today: clock.today() }) };
};

export type AcknowledgeOutcome =
  | { readonly kind: 'unknownRule'; readonly warnRules: readonly string[] }
  | { readonly kind: 'notWarn'; readonly severity: Severity }
  | { readonly kind: 'noFinding'; readonly current: readonly string[] }
  | { readonly kind: 'done'; readonly covered: number; readonly replaced: boolean; readonly etag: string };

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
  const draft = await workflow.store.readDraft();
  // Checked without any acknowledgement, so a WARN already acknowledged can get a new reason.
  const findings = checkAssessment(requireForm(draft), draft.data, { today: workflow.clock.today(), acknowledgements: [] });
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
  const saved = await saveDraft(workflow, { ...draft.data, acknowledgements }, draft.etag);
  return { kind: 'done', covered: covered.length, replaced, etag: saved.etag };
};
