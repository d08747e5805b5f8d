/**
 * The 公表版 of a document (rules.md §8): every flagged span replaced by the marker, every value flagged whole
 * printed as the marker, and the same texts withheld in the 変更箇所 rows. Made from the data before anything is
 * laid out, so no withheld text can reach the PDF by any path: page text, metadata, bookmarks, alt text, fonts.
 */
import { saysNothing } from '../domain/blank.js';
import { childNode, formRoot, keyword, splitPointer, textItems, type FormId } from '../schema/index.js';
import { locateWithheld, valueAt, type LocatedWithheld, type Span } from './locate.js';

export type PublicVersion = {
  /** The document with every withheld span and value replaced. */
  readonly data: Record<string, unknown>;
  /** Pointers whose whole value the 公表版 prints as the marker (values of any kind, and sections). */
  readonly withheldValues: ReadonlySet<string>;
  /** Every withheld text, longest first: what must appear nowhere in the 公表版. */
  readonly texts: readonly string[];
  readonly marker: string;
  /** Flags that no longer match the document (stale) or name nothing printable (invalid): the 公表版 is refused while any remain. */
  readonly unresolved: readonly LocatedWithheld[];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The marker the 公表版 prints: the document's own (printSettings.withheldMarker), else the schema's default. */
export const markerOf = (form: FormId, data: unknown): string => {
  const own = valueAt(data, '/printSettings/withheldMarker');
  if (typeof own === 'string' && own.trim() !== '') return own;
  const node = childNode(childNode(formRoot(form), 'printSettings')!, 'withheldMarker')!;
  return String(keyword<string>(node, 'default'));
};

const clone = <T>(value: T): T => structuredClone(value);

const setAt = (data: Record<string, unknown>, pointer: string, value: unknown): void => {
  const segments = splitPointer(pointer);
  const last = segments.pop()!;
  const parent = segments.reduce<unknown>((node, segment) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined), data);
  if (typeof parent === 'object' && parent !== null) (parent as Record<string, unknown>)[last] = value;
};

/** Overlapping or touching spans as one, in order. */
const mergeSpans = (spans: readonly Span[]): Span[] =>
  [...spans]
    .sort((a, b) => a.start - b.start)
    .reduce<Span[]>((merged, span) => {
      const last = merged.at(-1);
      if (last && span.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
      else merged.push(span);
      return merged;
    }, []);

const replaceSpans = (text: string, spans: readonly Span[], marker: string): string =>
  mergeSpans(spans).reduceRight((out, span) => `${out.slice(0, span.start)}${marker}${out.slice(span.end)}`, text);

/** A whole value withheld: its texts become the marker, everything else is emptied. */
const blankedValue = (value: unknown, marker: string): unknown => {
  if (typeof value === 'string') return marker;
  if (Array.isArray(value)) return value.map((item) => blankedValue(item, marker));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, blankedValue(item, marker)]));
  return null;
};

/** The printed free texts at or below `pointer`: what a value flagged whole must not show anywhere else. */
const textsUnder = (form: FormId, data: unknown, pointer: string): string[] =>
  textItems(form, data, { history: true })
    .filter((item) => (item.pointer === pointer || item.pointer.startsWith(`${pointer}/`)) && !saysNothing(item.text))
    .map((item) => item.text);

/** Replace every withheld text in `text` by the marker (never inside a marker already printed there). */
export const withholdTexts = (text: string, texts: readonly string[], marker: string): string =>
  texts.length === 0
    ? text
    : text
        .split(marker)
        .map((piece) => texts.reduce((out, withheld) => out.split(withheld).join(marker), piece))
        .join(marker);

/** The 公表版 of a document: see the module comment. Pure; the input is not changed. */
export const publicVersion = (form: FormId, data: Record<string, unknown>): PublicVersion => {
  const marker = markerOf(form, data);
  const located = locateWithheld(form, data);
  const out = clone(data);
  const withheldValues = new Set<string>();
  const texts = new Set<string>();
  const spansAt = new Map<string, Span[]>();
  for (const flag of located) {
    if (flag.state === 'span') {
      spansAt.set(flag.entry.pointer, [...(spansAt.get(flag.entry.pointer) ?? []), ...flag.spans]);
      texts.add(flag.entry.text!);
    } else if (flag.state === 'whole' || (flag.state === 'stale' && flag.entry.text === undefined)) {
      // A value flagged whole and edited since is still withheld whole: more is withheld, never less.
      for (const text of textsUnder(form, data, flag.entry.pointer)) texts.add(text);
      withheldValues.add(flag.entry.pointer);
    }
  }
  for (const [pointer, spans] of spansAt) {
    if (withheldValues.has(pointer)) continue;
    setAt(out, pointer, replaceSpans(String(valueAt(data, pointer)), spans, marker));
  }
  for (const pointer of withheldValues) setAt(out, pointer, blankedValue(valueAt(data, pointer), marker));
  return {
    data: out,
    withheldValues,
    texts: [...texts].sort((a, b) => b.length - a.length),
    marker,
    unresolved: located.filter((flag) => flag.state === 'stale' || flag.state === 'invalid'),
  };
};

/** Whether `pointer` or one of its ancestors is withheld whole. */
export const isWithheldValue = (withheldValues: ReadonlySet<string>, pointer: string): boolean => {
  if (withheldValues.size === 0) return false;
  for (let at = pointer; at !== ''; at = at.slice(0, at.lastIndexOf('/'))) if (withheldValues.has(at)) return true;
  return false;
};

/** A 変更箇所 row as the 公表版 prints it: the withheld texts replaced in its 変更前, 変更後 and 説明. */
export const withholdInRow = <Row extends Readonly<Record<string, unknown>>>(row: Row, version: Pick<PublicVersion, 'texts' | 'marker'>): Row => {
  const cell = (value: unknown): unknown => (typeof value === 'string' ? withholdTexts(value, version.texts, version.marker) : value);
  return { ...row, before: cell(row['before']), after: cell(row['after']), explanation: cell(row['explanation']) };
};

/** A withheld text the 公表版 would still print in an item nobody flagged, with where. */
export type Leak = { readonly pointer: string; readonly text: string };

/**
 * Printed texts of the 公表版 that still hold a withheld text: the same words written in another item, left
 * unflagged there. (The 変更箇所 rows are not searched: the 公表版 withholds the texts in every row.)
 */
export const leaksOf = (form: FormId, version: PublicVersion): Leak[] =>
  textItems(form, version.data).flatMap((item) => {
    const pieces = item.text.split(version.marker);
    return version.texts.filter((text) => pieces.some((piece) => piece.includes(text))).map((text) => ({ pointer: item.pointer, text }));
  });
