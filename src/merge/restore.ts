import { hasEntryIds, matchEntry, ownLineKeys } from '../diff/index.js';
import { childNode, formRoot, splitPointer, type FormId, type ResolvedNode } from '../schema/index.js';
import { isRecord, same, type Doc } from './values.js';

const NOWHERE = Symbol('nowhere');
type Restored = unknown | typeof NOWHERE;

const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/** The source's entry put back into the draft's group, after the entry that precedes it in the source. */
const insertEntry = (drafts: readonly unknown[], sources: readonly unknown[], at: number): unknown[] => {
  const before = sources.slice(0, at).reverse().map((entry) => matchEntry(drafts, entry)).find((index) => index !== -1);
  const after = sources.slice(at + 1).map((entry) => matchEntry(drafts, entry)).find((index) => index !== -1);
  const position = before !== undefined ? before + 1 : after ?? drafts.length;
  return [...drafts.slice(0, position), sources[at], ...drafts.slice(position)];
};

const withEntry = (drafts: readonly unknown[], index: number, value: unknown): unknown[] =>
  drafts.map((entry, i) => (i === index ? value : entry));

/** The item itself: an item with sub-rows is restored on its own line only (value, count), as the diff cites it. */
const restoreHere = (node: ResolvedNode | undefined, draft: unknown, source: unknown): unknown => {
  const own = node ? ownLineKeys(node) : [];
  if (own.length === 0 || !isRecord(draft)) return source;
  const out: Record<string, unknown> = { ...draft };
  for (const key of own) {
    const value = isRecord(source) ? source[key] : undefined;
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
};

/** A repeated group on the way: the entry named in `ref` is found by id in the draft and in the source. */
const restoreInEntries = (node: ResolvedNode, draft: unknown, source: unknown, ref: readonly unknown[], segments: readonly string[]): Restored => {
  const [head = '', ...rest] = segments;
  const entry = ref[Number(head)];
  const [drafts, sources] = [list(draft), list(source)];
  const [inDraft, inSource] = [matchEntry(drafts, entry), matchEntry(sources, entry)];
  if (inDraft !== -1 && inSource !== -1) {
    const value = restoreAt(childNode(node, head), drafts[inDraft], sources[inSource], entry, rest);
    return value === NOWHERE ? NOWHERE : withEntry(drafts, inDraft, value);
  }
  // An entry one of the two versions lacks is restored whole: put back, or taken out.
  if (inSource !== -1) return insertEntry(drafts, sources, inSource);
  if (inDraft !== -1) return drafts.filter((_, index) => index !== inDraft);
  return NOWHERE;
};

function restoreAt(node: ResolvedNode | undefined, draft: unknown, source: unknown, ref: unknown, segments: readonly string[]): Restored {
  if (segments.length === 0) return restoreHere(node, draft, source);
  if (node && hasEntryIds(node) && Array.isArray(ref)) return restoreInEntries(node, draft, source, ref, segments);
  const [head = '', ...rest] = segments;
  const child = node ? childNode(node, head) : undefined;
  const part = (value: unknown): unknown => (isRecord(value) || Array.isArray(value) ? (value as Record<string, unknown>)[head] : undefined);
  const value = restoreAt(child, part(draft), part(source), part(ref), rest);
  if (value === NOWHERE) return NOWHERE;
  if (Array.isArray(draft)) {
    const index = Number(head);
    return index <= draft.length ? [...draft.slice(0, index), value, ...draft.slice(index + 1)] : NOWHERE;
  }
  const out: Record<string, unknown> = { ...(isRecord(draft) ? draft : {}) };
  if (value === undefined) delete out[head];
  else out[head] = value;
  return out;
}

/**
 * The draft with one item or group entry taken back as it is in `source` (a revision), everything else kept.
 * `pointer` names the place in `pointerIn` (by default the draft; the source for an entry the draft no longer
 * has); entries on the way are followed by id, so a moved entry is still found. An entry the source lacks is
 * taken out; one the draft lacks is put back after its predecessor. Undefined when the place exists in neither
 * version, or when the draft already reads as the source there.
 */
export const restoreItem = (form: FormId, draft: Doc, source: Doc, pointer: string, pointerIn: unknown = draft): Doc | undefined => {
  const restored = restoreAt(formRoot(form), draft, source, pointerIn, splitPointer(pointer));
  return restored === NOWHERE || !isRecord(restored) || same(restored, draft) ? undefined : restored;
};
