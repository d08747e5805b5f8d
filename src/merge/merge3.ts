import { hasEntryIds } from '../diff/index.js';
import { childNode, formRoot, joinPointer, type FormId, type ResolvedNode } from '../schema/index.js';
import type { ItemChange, ItemChangeKind } from './changed-items.js';
import { mergeEntries } from './entries.js';
import { labelAt } from './label.js';
import { mergeList, mergeText } from './sequence.js';
import { isRecord, same, unionKeys, type Doc } from './values.js';
import { conflict, descend, keyOf, noteIncoming, type ConflictKind, type Places, type Side, type Walk } from './walk.js';

/** An item both sides changed to different values. */
export type MergeConflict = {
  /** Stable across merges of the same three versions: the key a choice is given under (MergeOptions.choices). */
  readonly key: string;
  /** value: an item; entry: an entry deleted on one side and edited on the other; order: a group reordered differently. */
  readonly kind: ConflictKind;
  /** Where the item stands in mine (the version the user edited), else in theirs. */
  readonly pointer: string;
  /** The official item path on one line, as the 変更箇所 table cites it (`Ⅰ　基本情報 ６．… ①部署`). */
  readonly label: string;
  /** The three values; undefined where the entry does not exist; for an order conflict, the entries' names in order. */
  readonly base: unknown;
  readonly mine: unknown;
  readonly theirs: unknown;
};

/** An item that came in from the other side. */
export type IncomingChange = { readonly kind: ItemChangeKind; readonly pointer: string; readonly label: string };

export type MergeResult = {
  readonly merged: Doc;
  readonly incoming: readonly IncomingChange[];
  /** Unresolved conflicts; `merged` holds `otherwise`'s value for each of them. */
  readonly conflicts: readonly MergeConflict[];
};

export type MergeOptions = {
  /** The side chosen for conflicts, by MergeConflict.key. */
  readonly choices?: Readonly<Record<string, Side>>;
  /** What an unresolved conflict takes meanwhile: theirs (the version on disk) unless said otherwise. */
  readonly otherwise?: Side;
};

const mergeRecords = (walk: Walk, node: ResolvedNode | undefined, places: Places, base: unknown, mine: Doc, theirs: Doc): Doc => {
  const out: Doc = {};
  const olds = isRecord(base) ? base : {};
  for (const key of unionKeys(node?.properties.keys() ?? [], theirs, mine, olds)) {
    const child = node ? childNode(node, key) : undefined;
    const value = mergeValue(walk, child, descend(places, key), olds[key], mine[key], theirs[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
};

/** Both sides changed this value, differently: merged by its parts where it has any, else a conflict. */
const mergeChanged = (walk: Walk, node: ResolvedNode | undefined, places: Places, base: unknown, mine: unknown, theirs: unknown): unknown => {
  if (node && hasEntryIds(node)) {
    const entries = mergeEntries(walk, node, places, base, mine, theirs);
    if (entries) return entries;
  }
  if (isRecord(mine) && isRecord(theirs) && (isRecord(base) || base == null)) return mergeRecords(walk, node, places, base, mine, theirs);
  const merged =
    typeof mine === 'string' && typeof theirs === 'string' && (typeof base === 'string' || base == null)
      ? mergeText(base ?? '', mine, theirs)
      : Array.isArray(mine) && Array.isArray(theirs) && (Array.isArray(base) || base == null)
        ? mergeList(Array.isArray(base) ? base : [], mine, theirs)
        : undefined;
  if (merged !== undefined) {
    // Part of the item came from theirs: it is listed as come in, like an item taken whole.
    noteIncoming(walk, node, places, mine, merged);
    return merged;
  }
  return { base, mine, theirs }[conflict(walk, 'value', places, base, mine, theirs)];
};

/** One place of the document in its three versions: the unchanged side takes the other's change. */
export const mergeValue = (walk: Walk, node: ResolvedNode | undefined, places: Places, base: unknown, mine: unknown, theirs: unknown): unknown => {
  if (same(mine, theirs)) return mine;
  if (same(base, mine)) {
    noteIncoming(walk, node, places, base, theirs);
    return theirs;
  }
  if (same(base, theirs)) return mine;
  return mergeChanged(walk, node, places, base, mine, theirs);
};

/**
 * Three-way merge of an assessment, item by item along its schema: `base` is the version both sides started
 * from, `mine` the local edit, `theirs` the version saved meanwhile. Items changed on one side only take that
 * change; items changed on both to the same value are no conflict; texts changed on both merge by line, then by
 * word, when the edits do not touch; entries of repeated groups are matched by id (an entry added on one side
 * and another edited on the other both stay; one deleted on one side and edited on the other is a conflict);
 * everything else changed on both sides is a conflict. Non-printed parts (acknowledgements, facts) merge too.
 *
 * Order of a group's entries: the side that reordered wins; if both reordered differently, that is a conflict
 * of the group (the entries' names listed in each order; theirs' order meanwhile). Entries only one side has are
 * placed after their nearest predecessor in that side's order (before their successor when none precedes).
 */
export const merge3 = (form: FormId, base: Doc, mine: Doc, theirs: Doc, options: MergeOptions = {}): MergeResult => {
  const walk: Walk = { choices: options.choices ?? {}, otherwise: options.otherwise ?? 'theirs', conflicts: [], incoming: [] };
  const root: Places = { merged: [], base: [], mine: [], theirs: [], key: [] };
  const merged = mergeValue(walk, formRoot(form), root, base, mine, theirs);
  const doc = isRecord(merged) ? merged : {};
  const incoming = walk.incoming.map((change: ItemChange): IncomingChange => {
    const fromBase = change.kind === 'removed';
    const pointer = fromBase ? change.beforePointer! : change.pointer;
    return { kind: change.kind, pointer, label: labelAt(form, pointer, fromBase ? base : doc) };
  });
  const conflicts = walk.conflicts.map((raw): MergeConflict => {
    const [segments, data] = raw.places.mine ? [raw.places.mine, mine] : [raw.places.theirs ?? [], theirs];
    const { kind, base: b, mine: m, theirs: t } = raw;
    return { key: keyOf(raw.places), kind, pointer: joinPointer(segments), label: labelAt(form, segments, data), base: b, mine: m, theirs: t };
  });
  return { merged: doc, incoming, conflicts };
};


