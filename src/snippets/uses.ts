import type { SnippetUses } from '../domain/assessment.gen.js';
import type { Snippet, SnippetLibrary } from './library.js';
import { hashText } from './hash.js';
import { valueAt } from './pointer.js';

/** One record of where a standard text was inserted (the assessment's non-printed snippetUses). */
export type SnippetUse = SnippetUses[number];

/** Where a recorded span is now, in characters of the item's text. */
export type Span = { readonly start: number; readonly end: number };

/**
 * What became of an inserted standard text: still as inserted, edited by hand (its best-matching region is
 * `span`), not found at all, or not verifiable because the library lacks the version as it was inserted.
 */
export type UseState = 'intact' | 'edited' | 'missing' | 'unknown';

export type LocatedUse = {
  /** Index of the record in snippetUses. */
  readonly index: number;
  readonly use: SnippetUse;
  readonly state: UseState;
  /** The version as inserted (absent when the library does not have it as it was). */
  readonly inserted?: Snippet;
  readonly span?: Span;
  /** The item's text in `span` now ('' when missing or unknown). */
  readonly current: string;
};

const isUse = (value: unknown): value is SnippetUse => {
  const use = value as Partial<SnippetUse> | null;
  return (
    typeof use === 'object' && use !== null && typeof use.pointer === 'string' && typeof use.snippet === 'string' &&
    typeof use.version === 'number' && typeof use.hash === 'string'
  );
};

const recordsOf = (data: unknown): unknown[] => {
  const uses = valueAt(data, '/snippetUses');
  return Array.isArray(uses) ? uses : [];
};

/** The well-formed records of an assessment's snippetUses (the validator reports the others). */
export const snippetUsesOf = (data: unknown): SnippetUse[] => recordsOf(data).filter(isUse);

/** Lines the best region may skip between two lines that are still as inserted. */
const MAX_GAP = 2;

/**
 * The region of `text` that most likely holds an edited copy of `inserted`: the densest run of lines that are
 * still lines of it, widened to as many lines as it had. Only shown to the officer, never written to.
 */
const editedRegion = (text: string, inserted: string): Span | undefined => {
  const lines = text.split('\n');
  const wanted = inserted.split('\n').map((line) => line.trim());
  const hits = lines.flatMap((line, i) => (line.trim() !== '' && wanted.includes(line.trim()) ? [i] : []));
  if (hits.length === 0) return undefined;
  const runs: number[][] = [];
  for (const hit of hits) {
    const run = runs.at(-1);
    if (run && hit - run.at(-1)! <= MAX_GAP + 1) run.push(hit);
    else runs.push([hit]);
  }
  const best = runs.reduce((a, b) => (b.length > a.length ? b : a));
  const first = Math.max(0, best[0]! - wanted.indexOf(lines[best[0]!]!.trim()));
  const last = Math.min(lines.length - 1, best.at(-1)! + (wanted.length - 1 - wanted.lastIndexOf(lines[best.at(-1)!]!.trim())));
  const offset = (line: number): number => lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0);
  return { start: offset(first), end: offset(last) + lines[last]!.length };
};

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** The first occurrence of `needle` that no earlier record of the same item has claimed. */
const unclaimedIndex = (text: string, needle: string, claimed: readonly Span[]): number => {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (!claimed.some((span) => overlaps(span, { start: at, end: at + needle.length }))) return at;
  }
  return -1;
};

const locate = (data: unknown, library: SnippetLibrary, use: SnippetUse, index: number, claimed: Span[]): LocatedUse => {
  const snippet = library.get(use.snippet, use.version);
  const value = valueAt(data, use.pointer);
  const text = typeof value === 'string' ? value : '';
  if (!snippet || hashText(snippet.body) !== use.hash) return { index, use, state: 'unknown', current: '' };
  const at = unclaimedIndex(text, snippet.body, claimed);
  if (at >= 0) {
    const span = { start: at, end: at + snippet.body.length };
    claimed.push(span);
    return { index, use, state: 'intact', inserted: snippet, span, current: snippet.body };
  }
  const span = editedRegion(text, snippet.body);
  if (!span) return { index, use, state: 'missing', inserted: snippet, current: '' };
  return { index, use, state: 'edited', inserted: snippet, span, current: text.slice(span.start, span.end) };
};

/** Every recorded use of a standard text, with what became of it in the item's text. */
export const locateUses = (data: unknown, library: SnippetLibrary): LocatedUse[] => {
  const claimed = new Map<string, Span[]>();
  return recordsOf(data).flatMap((use, index) => {
    if (!isUse(use)) return [];
    const spans = claimed.get(use.pointer) ?? [];
    claimed.set(use.pointer, spans);
    return [locate(data, library, use, index, spans)];
  });
};
