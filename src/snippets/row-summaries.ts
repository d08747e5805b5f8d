import type { ConfirmedRow } from '../domain/revision.js';
import type { RowSummaries } from '../domain/assessment.gen.js';
import { hashText } from './hash.js';
import { valueAt } from './pointer.js';

/** One item whose next 変更箇所 rows print a summary as 変更後 (the draft's non-printed rowSummaries). */
export type RowSummary = RowSummaries[number];

const isSummary = (value: unknown): value is RowSummary => {
  const entry = value as Partial<RowSummary> | null;
  return typeof entry === 'object' && entry !== null && typeof entry.pointer === 'string' && typeof entry.summary === 'string' && typeof entry.hash === 'string';
};

const entriesOf = (data: unknown): unknown[] => {
  const entries = valueAt(data, '/rowSummaries');
  return Array.isArray(entries) ? entries : [];
};

/** The item still reads as the update left it: the summary still says what changed there. */
const stillAsSummarized = (data: unknown, entry: RowSummary): boolean => {
  const text = valueAt(data, entry.pointer);
  return typeof text === 'string' && hashText(text) === entry.hash;
};

/**
 * Record that the rows of `pointers` print `summary` as 変更後 in the next revision, with the hash of each item's
 * text now. Entries of other items stay while they still apply: an entry a hand edit made stale, or one whose item
 * already reads so in `previous` (the newest revision, which carried its rows), is dropped, so the list never grows.
 */
export const recordRowSummaries = (
  data: Record<string, unknown>,
  pointers: readonly string[],
  summary: string,
  previous?: unknown,
): Record<string, unknown> => {
  const settled = (entry: RowSummary): boolean => previous !== undefined && stillAsSummarized(previous, entry);
  const others = entriesOf(data).filter(
    (entry) => !isSummary(entry) || (!pointers.includes(entry.pointer) && stillAsSummarized(data, entry) && !settled(entry)),
  );
  const added = [...new Set(pointers)].flatMap((pointer): RowSummary[] => {
    const text = valueAt(data, pointer);
    return typeof text === 'string' ? [{ pointer, summary, hash: hashText(text) }] : [];
  });
  const entries = [...others, ...added];
  const { rowSummaries: _old, ...rest } = data;
  return entries.length > 0 ? { ...rest, rowSummaries: entries } : rest;
};

/** The summaries that still apply to the draft: their items read as the update left them. */
export const rowSummariesOf = (data: unknown): RowSummary[] =>
  entriesOf(data).filter(isSummary).filter((entry) => stillAsSummarized(data, entry));

/**
 * Proposed rows of `data` with the recorded summaries: every row of a summarized item prints the summary as
 * 変更後 (004's rows of 令和7年8月19日); rows of other items, and of items edited since, stay as proposed.
 */
export const withRowSummaries = (rows: readonly ConfirmedRow[], data: unknown): ConfirmedRow[] => {
  const summaries = new Map(rowSummariesOf(data).map((entry) => [entry.pointer, entry.summary]));
  if (summaries.size === 0) return [...rows];
  return rows.map((row) => {
    const summary = row.pointer === undefined ? undefined : summaries.get(row.pointer);
    return summary === undefined ? row : { ...row, after: summary };
  });
};
