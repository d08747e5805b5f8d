/** Adding and removing 非公表 flags: pure edits of the document's non-printed `withheld` list (CLI, API and editor alike). */
import { isWithheldEntry, withheldEntriesOf, type WithheldEntry } from './locate.js';

const sameTarget = (a: WithheldEntry, b: WithheldEntry): boolean =>
  a.pointer === b.pointer && a.text === b.text && a.prefix === b.prefix && a.suffix === b.suffix && a.sha256 === b.sha256;

/**
 * The document with `entry` added; a flag of the same text at the same place gets the new reason instead of a
 * second entry. Entries are kept as written, malformed ones too (the validator reports those).
 */
export const withWithheld = <T extends Record<string, unknown>>(data: T, entry: WithheldEntry): T => {
  const existing = withheldEntriesOf(data);
  const same = (other: unknown): boolean => isWithheldEntry(other) && sameTarget(other, entry);
  const withheld = existing.some(same) ? existing.map((other) => (same(other) ? entry : other)) : [...existing, entry];
  return { ...data, withheld };
};

/** The document without flag `index` (0-based, as listed); the list key disappears with its last entry. */
export const withoutWithheld = <T extends Record<string, unknown>>(data: T, index: number): T => {
  const withheld = withheldEntriesOf(data).filter((_, at) => at !== index);
  const { withheld: _old, ...rest } = data as Record<string, unknown>;
  return (withheld.length > 0 ? { ...rest, withheld } : rest) as T;
};
