/**
 * 非公表 flags of the draft (rules.md §8): add one (a span by its text, a span by position as the editor selects
 * it, or a whole value), list them with what each covers now, remove one. Writes go through saveDraft's
 * compare-and-swap like every other writer of the draft.
 */
import { AppError } from '../errors.js';
import { PUBLICATION_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import { itemPath, splitPointer, formRevisionOf } from '../schema/index.js';
import {
  locateWithheld,
  printedNodeAt,
  spanEntry,
  spanPointerAllowed,
  wholeEntry,
  withWithheld,
  withoutWithheld,
  type LocatedWithheld,
  type WithheldEntry,
} from '../withheld/index.js';
import type { Workflow } from './context.js';
import { requireForm, saveDraft } from './drafts.js';

export type WithholdRequest = { readonly pointer: string; readonly reason: string } & (
  | { readonly text: string }
  | { readonly start: number; readonly end: number }
  | { readonly whole: true }
);

const valueAt = (data: unknown, pointer: string): unknown =>
  splitPointer(pointer).reduce<unknown>((node, segment) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined), data);

const refuse = (message: string, details: Record<string, unknown>): AppError => new AppError('WITHHELD_TARGET_INVALID', message, details);

/** The flag a request makes of the draft as it is now; refused with a reason the officer can act on. */
const entryFor = (form: Parameters<typeof printedNodeAt>[0], data: Record<string, unknown>, request: WithholdRequest): WithheldEntry => {
  const reason = request.reason.trim();
  const { pointer } = request;
  if (reason === '') throw refuse(M.reasonRequired, { pointer });
  const item = itemPath(form, splitPointer(pointer), { revision: formRevisionOf(data) }).join(' > ') || pointer;
  if ('whole' in request) {
    if (!printedNodeAt(form, pointer) && !spanPointerAllowed(form, pointer)) throw refuse(fillMessage(M.targetNotPrinted, { pointer }), { pointer });
    return wholeEntry(valueAt(data, pointer), pointer, reason);
  }
  const value = valueAt(data, pointer);
  if (!spanPointerAllowed(form, pointer) || typeof value !== 'string') throw refuse(fillMessage(M.targetNotText, { item, pointer }), { pointer });
  if ('text' in request) {
    // Every occurrence in the item: the officer named the text, not one place of it.
    if (request.text === '' || !value.includes(request.text)) throw refuse(fillMessage(M.textNotFound, { item, text: request.text }), { pointer });
    return { pointer, text: request.text, reason };
  }
  const { start, end } = request;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > value.length || start >= end || value.slice(start, end).trim() === '') {
    throw refuse(fillMessage(M.spanOutOfRange, { item, start: start + 1, end }), { pointer, start, end });
  }
  return spanEntry(value, pointer, start, end, reason);
};

/** Flag a span or value of the draft 非公表; the same text at the same place gets the new reason. */
export const withholdInDraft = async (workflow: Workflow, request: WithholdRequest): Promise<{ entry: WithheldEntry; etag: string }> => {
  const draft = await workflow.store.readDraft();
  const entry = entryFor(requireForm(draft), draft.data, request);
  const saved = await saveDraft(workflow, withWithheld(draft.data, entry), draft.etag);
  return { entry, etag: saved.etag };
};

/** The draft's flags, each with what it covers in the text now. */
export const listWithheld = async (workflow: Workflow): Promise<LocatedWithheld[]> => {
  const draft = await workflow.store.readDraft();
  return locateWithheld(requireForm(draft), draft.data);
};

/** Remove flag `index` (0-based, as listed); false when there is no such flag. */
export const removeWithheld = async (workflow: Workflow, index: number): Promise<boolean> => {
  const draft = await workflow.store.readDraft();
  const list = draft.data['withheld'];
  if (!Array.isArray(list) || index < 0 || index >= list.length) return false;
  await saveDraft(workflow, withoutWithheld(draft.data, index), draft.etag);
  return true;
};
