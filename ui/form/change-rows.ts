import type { ConfirmedRow } from '../../src/domain/revision.js';
import { mergeRows, timingWarning } from '../../src/diff/rows.js';

/**
 * One row of the 変更箇所 table while the officer works on it. A dropped row stays in the list (struck through)
 * until the rows are saved, so the drop can be undone; a merged row remembers its two parts for the same reason.
 * `key` identifies the row for Lit's repeat and for focus, since positions change with every merge.
 */
export type RowEntry = {
  readonly key: number;
  readonly row: ConfirmedRow;
  readonly dropped: boolean;
  readonly parts?: readonly [RowEntry, RowEntry];
};

let nextKey = 1;
const entryOf = (row: ConfirmedRow, parts?: readonly [RowEntry, RowEntry]): RowEntry =>
  parts ? { key: nextKey++, row, dropped: false, parts } : { key: nextKey++, row, dropped: false };

export const entriesOf = (rows: readonly ConfirmedRow[]): RowEntry[] => rows.map((row) => entryOf(row));

/** What gets saved and published: the rows not dropped, in order. */
export const keptRows = (entries: readonly RowEntry[]): ConfirmedRow[] => entries.filter((entry) => !entry.dropped).map((entry) => entry.row);

export const editRow = (entries: readonly RowEntry[], key: number, row: ConfirmedRow): RowEntry[] =>
  entries.map((entry) => (entry.key === key ? { ...entry, row } : entry));

export const setDropped = (entries: readonly RowEntry[], key: number, dropped: boolean): RowEntry[] =>
  entries.map((entry) => (entry.key === key ? { ...entry, dropped } : entry));

/** The nearest row above `key` that is not dropped: the one a merge joins. */
export const rowAbove = (entries: readonly RowEntry[], key: number): RowEntry | undefined =>
  entries.slice(0, entries.findIndex((entry) => entry.key === key)).findLast((entry) => !entry.dropped);

/** Merge row `key` into the row above it; the merged row takes the upper row's place. Returns its key too. */
export const mergeWithAbove = (entries: readonly RowEntry[], key: number): { entries: RowEntry[]; key: number } | undefined => {
  const lower = entries.find((entry) => entry.key === key);
  const upper = rowAbove(entries, key);
  if (!lower || !upper) return undefined;
  const merged = entryOf(mergeRows(upper.row, lower.row), [upper, lower]);
  return {
    entries: entries.flatMap((entry) => (entry === upper ? [merged] : entry === lower ? [] : [entry])),
    key: merged.key,
  };
};

/** Undo a merge: the two rows as they were just before it. */
export const splitMerged = (entries: readonly RowEntry[], key: number): RowEntry[] =>
  entries.flatMap((entry) => (entry.key === key && entry.parts ? [...entry.parts] : [entry]));

/** Rows whose 提出時期 contradicts the ※ rule; dropped rows will not be published and do not count. */
export const flaggedCount = (entries: readonly RowEntry[]): number =>
  entries.filter((entry) => !entry.dropped && timingWarning(entry.row) !== undefined).length;
