import { createEntry } from '../../src/schema/skeleton.js';
import { keyword, type ResolvedNode } from '../../src/schema/resolve.js';

/**
 * Edits of a repeated group (システム, 委託事項, 提供先, 移転先, ファイル). Entries keep their ids when moved or
 * when another is removed, so the revision diff can match them; a new entry takes the next unused number.
 */
const idNumber = (entry: unknown, prefix: string): number => {
  const id = (entry as { id?: unknown } | null)?.id;
  const match = typeof id === 'string' ? new RegExp(`^${prefix}-(\\d+)$`).exec(id) : null;
  return match ? Number(match[1]) : 0;
};

export const withEntryAdded = (arrayNode: ResolvedNode, entries: readonly unknown[]): unknown[] => {
  const prefix = keyword<string>(arrayNode, 'x-idPrefix') ?? 'item';
  const next = Math.max(entries.length, ...entries.map((entry) => idNumber(entry, prefix))) + 1;
  return [...entries, createEntry(arrayNode, next)];
};

export const withEntryRemoved = (entries: readonly unknown[], index: number): unknown[] =>
  entries.filter((_, i) => i !== index);

export const withEntryMoved = (entries: readonly unknown[], index: number, offset: -1 | 1): unknown[] => {
  const target = index + offset;
  if (target < 0 || target >= entries.length) return [...entries];
  const copy = [...entries];
  [copy[index], copy[target]] = [copy[target], copy[index]];
  return copy;
};

/** A key that survives reordering: the entry's id when it has one. */
export const entryKey = (entry: unknown, index: number): string => {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : `#${index}`;
};
