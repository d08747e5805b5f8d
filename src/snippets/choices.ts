import { hashText } from './hash.js';
import type { SnippetLibrary } from './library.js';
import { setValueAt, valueAt } from './pointer.js';
import { locateUses, type LocatedUse, type SnippetUse } from './uses.js';

/**
 * The officer's decision on a span an update did not replace (a conflict), by its record's index in snippetUses:
 * `next` — take the new version, giving up the hand edit (only where the edited span was found); `current` — keep
 * the text as it reads now (the record follows the new version, so the span is no longer listed as outdated; a
 * record whose text is gone or cannot be verified is dropped).
 */
export type SpanChoice = { readonly index: number; readonly take: 'next' | 'current' };

/** A span kept as the officer wrote it, at the version the update would have given it. */
export type SpanKept = { readonly pointer: string; readonly snippet: string; readonly fromVersion: number; readonly toVersion?: number };

type Chosen = LocatedUse & { readonly take: SpanChoice['take'] };

const chosenUses = (data: unknown, library: SnippetLibrary, choices: readonly SpanChoice[]): Chosen[] =>
  locateUses(data, library).flatMap((located) => {
    const choice = choices.find((candidate) => candidate.index === located.index);
    if (!choice || located.state === 'intact' || !library.newestFor(located.use.snippet, located.use.version)) return [];
    return [{ ...located, take: choice.take }];
  });

/** 'next' on an edited span: its text goes back to the version as inserted, so the update replaces it like any other. */
const restoreInserted = (copy: Record<string, unknown>, restored: readonly Chosen[]): void => {
  const ordered = [...restored].sort((a, b) => a.use.pointer.localeCompare(b.use.pointer) || b.span!.start - a.span!.start);
  for (const { use, span, inserted } of ordered) {
    const text = String(valueAt(copy, use.pointer));
    setValueAt(copy, use.pointer, `${text.slice(0, span!.start)}${inserted!.body}${text.slice(span!.end)}`);
  }
};

/**
 * Apply the officer's choices before an update: spans to renew are put back as inserted (the update then replaces
 * them and cites the change against the hand-edited text, since rows are computed from the original), spans to keep
 * have their records moved to the new version or dropped. Choices on spans with nothing to decide are ignored.
 */
export const applySpanChoices = (
  data: Record<string, unknown>,
  library: SnippetLibrary,
  choices: readonly SpanChoice[],
): { readonly data: Record<string, unknown>; readonly kept: readonly SpanKept[] } => {
  const chosen = chosenUses(data, library, choices);
  if (chosen.length === 0) return { data, kept: [] };
  const copy = structuredClone(data);
  restoreInserted(copy, chosen.filter((use) => use.take === 'next' && use.state === 'edited'));
  const keep = chosen.filter((use) => use.take === 'current');
  const records = copy['snippetUses'] as unknown[];
  const kept: SpanKept[] = [];
  const next = records.flatMap((record, index): unknown[] => {
    const decided = keep.find((use) => use.index === index);
    if (!decided) return [record];
    const newest = library.newestFor(decided.use.snippet, decided.use.version)!;
    if (decided.state !== 'edited') {
      kept.push({ pointer: decided.use.pointer, snippet: decided.use.snippet, fromVersion: decided.use.version });
      return [];
    }
    kept.push({ pointer: decided.use.pointer, snippet: decided.use.snippet, fromVersion: decided.use.version, toVersion: newest.version });
    const moved: SnippetUse = { pointer: decided.use.pointer, snippet: newest.id, version: newest.version, hash: hashText(newest.body) };
    return [moved];
  });
  copy['snippetUses'] = next;
  return { data: copy, kept };
};
