import { entryIdOf, hasEntryIds, matchEntry } from '../diff/index.js';
import { childNode, formRoot, joinPointer, keyword, type FormId, type ResolvedNode } from '../schema/index.js';
import { isRecord, same, unionKeys } from './values.js';

export type ItemChangeKind = 'changed' | 'added' | 'removed' | 'reordered';

/** One item (or group entry) that differs between two versions of a document. */
export type ItemChange = {
  readonly kind: ItemChangeKind;
  /** Where the item stands in the newer version; for a removed entry, its group there. */
  readonly pointer: string;
  /** Where it stood in the older version (not for an added entry). */
  readonly beforePointer?: string;
  readonly before?: unknown;
  readonly after?: unknown;
};

/**
 * One answer of the form, compared as a whole: a field kind (a ＜選択肢＞, a set of boxes, a count …) or a value
 * without parts. Groups of boxes (checkGroups) are walked into, because each of their lists is edited on its own.
 */
export const isItemNode = (node: ResolvedNode): boolean => {
  const kind = keyword<string>(node, 'x-kind');
  return (kind !== undefined && kind !== 'checkGroups') || node.properties.size === 0;
};

type Places = { readonly before: readonly string[]; readonly after: readonly string[] };

const at = (places: Places, key: string | number, beforeKey: string | number = key): Places => ({
  before: [...places.before, String(beforeKey)],
  after: [...places.after, String(key)],
});

const collectEntries = (node: ResolvedNode, olds: readonly unknown[], news: readonly unknown[], places: Places, out: ItemChange[]): void => {
  const entryNode = childNode(node, '0')!;
  news.forEach((entry, index) => {
    const match = matchEntry(olds, entry);
    if (match === -1) out.push({ kind: 'added', pointer: joinPointer(at(places, index).after), after: entry });
    else collectChanges(entryNode, olds[match], entry, at(places, index, match), out);
  });
  olds.forEach((entry, index) => {
    if (matchEntry(news, entry) !== -1) return;
    out.push({ kind: 'removed', pointer: joinPointer(places.after), beforePointer: joinPointer(at(places, index).before), before: entry });
  });
  const kept = (list: readonly unknown[], other: readonly unknown[]): unknown[] =>
    list.filter((entry) => matchEntry(other, entry) !== -1).map(entryIdOf);
  if (!same(kept(olds, news), kept(news, olds))) {
    out.push({ kind: 'reordered', pointer: joinPointer(places.after), beforePointer: joinPointer(places.before), before: olds, after: news });
  }
};

/** The differing items under one node, walking the schema as the diff does (entries of repeated groups by id). */
export const collectChanges = (
  node: ResolvedNode | undefined,
  before: unknown,
  after: unknown,
  places: Places,
  out: ItemChange[],
): void => {
  if (same(before, after)) return;
  if (node && hasEntryIds(node) && (Array.isArray(before) || before == null) && Array.isArray(after)) {
    return collectEntries(node, Array.isArray(before) ? before : [], after, places, out);
  }
  if ((node && isItemNode(node)) || !(isRecord(before) || isRecord(after)) || Array.isArray(before) || Array.isArray(after)) {
    out.push({ kind: 'changed', pointer: joinPointer(places.after), beforePointer: joinPointer(places.before), before, after });
    return;
  }
  for (const key of unionKeys(node?.properties.keys() ?? [], before, after)) {
    const child = node ? childNode(node, key) : undefined;
    collectChanges(child, isRecord(before) ? before[key] : undefined, isRecord(after) ? after[key] : undefined, at(places, key), out);
  }
};

/**
 * Every item that differs between two versions of an assessment, printed or not (acknowledgements and the
 * non-printed facts included), in the schema's order: the places the editor marks against a revision.
 */
export const changedItems = (form: FormId, before: unknown, after: unknown): ItemChange[] => {
  const out: ItemChange[] = [];
  collectChanges(formRoot(form), before, after, { before: [], after: [] }, out);
  return out;
};
