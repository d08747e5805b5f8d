import type { ChangeRow } from '../domain/assessment.gen.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const printedRow = ({ date, item, before, after, timing, explanation }: ChangeRow): ChangeRow => ({
  date,
  item,
  before,
  after,
  timing,
  explanation,
});

/**
 * The rows the PDF's 変更箇所 pages print (rules.md §7.3): the imported historical rows of the document
 * (`changeHistory`, verbatim), then the confirmed rows of each revision whose state prints them (the workflow's
 * state table decides which), oldest first. The sort is stable, so rows of one date keep the order they were
 * written in.
 */
export const cumulativeChangeRows = (data: unknown, revisionRows: readonly (readonly ChangeRow[])[]): ChangeRow[] => {
  // A draft may hold anything in its changeHistory; only rows count, and a date that is no text sorts first.
  const history = isRecord(data) && Array.isArray(data['changeHistory']) ? (data['changeHistory'] as unknown[]) : [];
  const imported = history.filter(isRecord) as ChangeRow[];
  const dateOf = (row: ChangeRow): string => (typeof row.date === 'string' ? row.date : '');
  // ISO dates (YYYY-MM-DD) sort as text, character by character; localeCompare would make ICU load a collation
  // for every render and diff of a document with a 変更箇所 history.
  const byDate = (a: ChangeRow, b: ChangeRow): number => {
    const [x, y] = [dateOf(a), dateOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...imported, ...revisionRows.flat()].map(printedRow).sort(byDate);
};
