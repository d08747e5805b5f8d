import { isBlankEntry, saysNothing } from '../domain/blank.js';
import { isIsoDate } from '../domain/wareki-parse.js';

/**
 * The functions our schema keywords and formats call, in one place that both the run-time compiler (ajv.ts) and
 * the generated validators (validators.gen.js, which imports this module by these names) use: the one definition
 * of blank and the one reading of a date.
 */
const duplicateId = (items: unknown[]): string | undefined => {
  const seen = new Set<unknown>();
  for (const item of items) {
    const id = (item as { id?: unknown } | null)?.id;
    if (id === undefined) continue;
    if (seen.has(id)) return String(id);
    seen.add(id);
  }
  return undefined;
};

export const KEYWORD_CHECKS = {
  /** x-uniqueIds: the first `id` an entry repeats, if any. */
  duplicateId,
  /** x-blank: "must stay empty" in the one sense of blank (src/domain/blank.ts), never a pattern of its own. */
  saysNothing,
  /** x-blankEntries: every entry of the list is an unused slot. */
  blankEntries: (items: unknown[]): boolean => items.every(isBlankEntry),
} as const;

/** Formats: a `date` is a day of the calendar, so 2025-13-01 is an issue, not a crash later. */
export const FORMATS = { date: { type: 'string', validate: isIsoDate } } as const;
