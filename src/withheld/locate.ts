/**
 * 非公表 flags (rules.md §8): where each entry of the document's non-printed `withheld` list lies in the text it
 * names now. A span is found by its text, and, when the item holds that text more than once, by the characters
 * around it; a whole value by the hash of the value as flagged. Anything that no longer matches is `stale`, never
 * moved to the nearest likely place: a flag is applied only where it is certain.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { Withheld } from '../domain/assessment.gen.js';
import { childNode, formRoot, keyword, splitPointer, type FormId, type ResolvedNode } from '../schema/index.js';

/** One flag as the document stores it. */
export type WithheldEntry = Withheld[number];

/** Where the document keeps its flags (schema `$defs/withheld`, `x-printed: false`). */
export const WITHHELD_POINTER = '/withheld';

/** Characters of context kept on each side of a span that occurs more than once in its item. */
export const CONTEXT_LENGTH = 8;

export type Span = { readonly start: number; readonly end: number };

/**
 * What became of a flag: `span` (its occurrences in the text now), `whole` (the value as flagged), `stale` (the
 * text or value changed since it was flagged, or the span's surroundings did), `invalid` (the item does not exist,
 * is not printed, or a span names a value that is not free text).
 */
export type LocatedWithheld =
  | { readonly index: number; readonly entry: WithheldEntry; readonly state: 'span'; readonly spans: readonly Span[] }
  | { readonly index: number; readonly entry: WithheldEntry; readonly state: 'whole' | 'stale' | 'invalid' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isWithheldEntry = (value: unknown): value is WithheldEntry =>
  isRecord(value) &&
  typeof value['pointer'] === 'string' &&
  typeof value['reason'] === 'string' &&
  (typeof value['text'] === 'string' || typeof value['sha256'] === 'string');

/** The document's flags as written (a draft may hold anything: malformed entries are the validator's to report). */
export const withheldEntriesOf = (data: unknown): unknown[] => {
  const list = isRecord(data) ? data['withheld'] : undefined;
  return Array.isArray(list) ? list : [];
};

/** SHA-256 (hex) of a value as flagged whole: a text as it is, anything else as JSON. */
export const valueHash = (value: unknown): string =>
  bytesToHex(sha256(utf8ToBytes(typeof value === 'string' ? value : JSON.stringify(value ?? null))));

export const valueAt = (data: unknown, pointer: string): unknown =>
  splitPointer(pointer).reduce<unknown>((node, segment) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined), data);

/** The imported 変更箇所 rows: their 変更前 / 変更後 texts may hold spans too. */
const HISTORY_TEXT = /^\/changeHistory\/\d+\/(?:before|after|explanation)$/;

/** The schema node of a printed item, or undefined when the pointer names nothing the PDF prints. */
export const printedNodeAt = (form: FormId, pointer: string): ResolvedNode | undefined => {
  let node: ResolvedNode | undefined = formRoot(form);
  for (const segment of splitPointer(pointer)) {
    node = childNode(node, segment);
    if (!node || keyword(node, 'x-printed') === false) return undefined;
  }
  return pointer === '' ? undefined : node;
};

/** Free text the officer writes: no ＜選択肢＞, no date or count, no sub-items. */
export const isFreeTextNode = (node: ResolvedNode): boolean =>
  node.properties.size === 0 && keyword<string>(node, 'x-kind') === undefined && node.keywords['enum'] === undefined;

/** Whether a span of the text at `pointer` may be flagged (a free-text item, or a text of an imported 変更箇所 row). */
export const spanPointerAllowed = (form: FormId, pointer: string): boolean => {
  if (HISTORY_TEXT.test(pointer)) return true;
  const node = printedNodeAt(form, pointer);
  return node !== undefined && isFreeTextNode(node);
};

/** Every start of `text` in `value`, overlapping occurrences included. */
const occurrences = (value: string, text: string): number[] => {
  const found: number[] = [];
  for (let at = value.indexOf(text); at >= 0; at = value.indexOf(text, at + 1)) found.push(at);
  return found;
};

const matchesContext = (value: string, start: number, entry: WithheldEntry): boolean => {
  const end = start + (entry.text ?? '').length;
  return (entry.prefix === undefined || value.slice(0, start).endsWith(entry.prefix)) && (entry.suffix === undefined || value.slice(end).startsWith(entry.suffix));
};

const locateOne = (form: FormId, data: unknown, entry: WithheldEntry, index: number): LocatedWithheld => {
  const value = valueAt(data, entry.pointer);
  if (entry.text === undefined) {
    if (!printedNodeAt(form, entry.pointer) && !HISTORY_TEXT.test(entry.pointer)) return { index, entry, state: 'invalid' };
    return { index, entry, state: valueHash(value) === entry.sha256 ? 'whole' : 'stale' };
  }
  if (!spanPointerAllowed(form, entry.pointer)) return { index, entry, state: 'invalid' };
  if (typeof value !== 'string' || entry.text === '') return { index, entry, state: 'stale' };
  const text = entry.text;
  const starts = occurrences(value, text).filter((start) => matchesContext(value, start, entry));
  if (starts.length === 0) return { index, entry, state: 'stale' };
  return { index, entry, state: 'span', spans: starts.map((start) => ({ start, end: start + text.length })) };
};

/** Every well-formed flag of the document with what it covers now, in the order written. */
export const locateWithheld = (form: FormId, data: unknown): LocatedWithheld[] =>
  withheldEntriesOf(data).flatMap((entry, index) => (isWithheldEntry(entry) ? [locateOne(form, data, entry, index)] : []));

/**
 * The flag for characters `start`–`end` of the text at `pointer`: the text itself, and the characters around it
 * only when the text occurs more than once there (so that an edit elsewhere in the item leaves the flag valid).
 */
export const spanEntry = (value: string, pointer: string, start: number, end: number, reason: string): WithheldEntry => {
  const text = value.slice(start, end);
  if (occurrences(value, text).length <= 1) return { pointer, text, reason };
  // In text repeated so often that even the context repeats, the flag covers every matching occurrence: more is
  // withheld, never less.
  return { pointer, text, prefix: value.slice(Math.max(0, start - CONTEXT_LENGTH), start), suffix: value.slice(end, end + CONTEXT_LENGTH), reason };
};

/** The flag for the whole value at `pointer`. */
export const wholeEntry = (value: unknown, pointer: string, reason: string): WithheldEntry => ({ pointer, sha256: valueHash(value), reason });

/** Whether `pointer` lies in a part of the form where withholding is expected (schema `x-withholdable`). */
export const inWithholdableArea = (form: FormId, pointer: string): boolean => {
  let node: ResolvedNode | undefined = formRoot(form);
  for (const segment of splitPointer(pointer)) {
    node = node && childNode(node, segment);
    if (node && keyword<boolean>(node, 'x-withholdable') === true) return true;
  }
  return false;
};

/** A flag that withholds a whole item, or a span that is all of its item's text: rules.md §8 asks to withhold less. */
export const withholdsWholeItem = (data: unknown, located: LocatedWithheld): boolean => {
  if (located.entry.text === undefined) return true;
  const value = valueAt(data, located.entry.pointer);
  return typeof value === 'string' && value.trim() === located.entry.text.trim();
};
