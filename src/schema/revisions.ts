import type { FormRevision } from './labels.js';
import { choiceOptions, keyword, type ResolvedNode } from './resolve.js';

/** Whether an item is on the form in a revision: `x-revisions` lists the revisions that have it; without it, all do. */
export const existsInRevision = (node: ResolvedNode, revision: FormRevision): boolean => {
  const only = keyword<readonly string[]>(node, 'x-revisions');
  return only === undefined || only.includes(revision);
};

/**
 * One ＜選択肢＞ option as a revision prints it, and the option of the schema's `enum` (the newest revision's) it
 * stands for; `current` is absent for an option later revisions dropped.
 */
export type RevisionOption = { readonly text: string; readonly current?: string };

type ListedOption = string | { readonly option: string; readonly as: string };

/**
 * The options of a choice in a revision. `x-optionsByRevision` lists, for a revision whose options differ from the
 * `enum`, all of its options in printed order: a plain text is that option (the same as an `enum` option, or one later
 * dropped), `{ option, as }` an option later renamed to `as`. Undefined for an item that is not a choice.
 */
export const optionsInRevision = (node: ResolvedNode, revision: FormRevision): RevisionOption[] | undefined => {
  const current = choiceOptions(node);
  if (!current) return undefined;
  const listed = keyword<Record<string, readonly ListedOption[]>>(node, 'x-optionsByRevision')?.[revision];
  if (!listed) return current.map((text) => ({ text, current: text }));
  return listed.map((entry) =>
    typeof entry === 'string'
      ? { text: entry, ...(current.includes(entry) ? { current: entry } : {}) }
      : { text: entry.option, current: entry.as },
  );
};

/** What a stored choice value means across revisions: the `enum` option it stands for (or itself, when no option does). */
export const canonicalChoice = (node: ResolvedNode, value: unknown, revision: FormRevision | undefined): unknown => {
  if (typeof value !== 'string' || revision === undefined) return value;
  const option = optionsInRevision(node, revision)?.find((candidate) => candidate.text === value);
  return option?.current ?? value;
};
