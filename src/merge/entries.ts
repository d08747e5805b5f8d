import { entryIdOf, entryName, matchEntry } from '../diff/index.js';
import { childNode, joinPointer, keyword, type ResolvedNode } from '../schema/index.js';
import { mergeValue } from './merge3.js';
import { isRecord, same } from './values.js';
import { conflict, type Places, type Side, type Walk } from './walk.js';

type Versions = Readonly<Record<Side, readonly unknown[]>>;

/** An entry of the merged group: which side's order places it, and how its value is made. */
type Kept = {
  /** Unique within the merged group: the id, or `mine:<id>` for mine's entry when both sides added that id. */
  readonly key: string;
  readonly anchor: Side;
  readonly value: (places: Places) => unknown;
  /** Its places in the three versions (the merged one follows from the order). */
  readonly places: Places;
  /** Came in from theirs: reported once its merged position is known. */
  readonly incoming?: boolean;
};

const idsOf = (list: readonly unknown[]): string[] | undefined => {
  const ids = list.map(entryIdOf);
  if (!ids.every((id): id is string => typeof id === 'string') || new Set(ids).size !== ids.length) return undefined;
  return ids;
};

/** A new id above every one in use (`<x-idPrefix>-<n>`), for mine's entry when both sides added the same id. */
const freshId = (node: ResolvedNode, versions: Versions): string => {
  const prefix = keyword<string>(node, 'x-idPrefix') ?? 'item';
  const numbers = Object.values(versions).flat().map((entry) => Number(/-(\d+)$/.exec(String(entryIdOf(entry)))?.[1] ?? 0));
  return `${prefix}-${Math.max(0, ...numbers) + 1}`;
};

const entryPlaces = (places: Places, versions: Versions, entry: unknown, id: string): Places => {
  const step = (side: Side): Partial<Places> => {
    const index = matchEntry(versions[side], entry);
    const path = places[side];
    return index === -1 || !path ? {} : { [side]: [...path, String(index)] };
  };
  return { ...step('base'), ...step('mine'), ...step('theirs'), key: [...places.key, `#${id}`] };
};

/** Decides, per entry id, whether it stays and from which side: deleted on one side and edited on the other is a conflict. */
const keepEntries = (walk: Walk, node: ResolvedNode, places: Places, versions: Versions): Kept[] => {
  const entryNode = childNode(node, '0')!;
  const kept: Kept[] = [];
  const ids = [...new Set([versions.theirs, versions.mine, versions.base].flatMap((list) => idsOf(list)!))];
  for (const id of ids) {
    const find = (side: Side): unknown => versions[side].find((entry) => entryIdOf(entry) === id);
    const [b, m, t] = [find('base'), find('mine'), find('theirs')];
    const at = entryPlaces(places, versions, b ?? m ?? t, id);
    const keep = (anchor: Side, value: unknown, extra: Partial<Kept> = {}): void => {
      kept.push({ key: id, anchor, places: at, value: () => value, ...extra });
    };
    if (b !== undefined && m !== undefined && t !== undefined) {
      keep('theirs', undefined, { value: (merged) => mergeValue(walk, entryNode, merged, b, m, t) });
    } else if (b !== undefined && (m !== undefined) !== (t !== undefined)) {
      const edited: Side = m !== undefined ? 'mine' : 'theirs';
      const survivor = m ?? t;
      if (same(b, survivor)) {
        // The other side deleted an entry this side left alone.
        if (edited === 'mine') walk.incoming.push({ kind: 'removed', pointer: joinPointer(places.merged ?? []), beforePointer: joinPointer(at.base!), before: b });
        continue;
      }
      const choice = conflict(walk, 'entry', at, b, m, t);
      if (choice === 'base') keep('base', b);
      else if (choice === edited) keep(edited, survivor);
    } else if (b === undefined && m !== undefined && t !== undefined && !same(m, t)) {
      // Both added an entry under the same new id (each took the next number): two entries, mine renumbered.
      keep('theirs', t, { incoming: true });
      const renamed = { ...(m as Record<string, unknown>), id: freshId(node, versions) };
      kept.push({ key: `mine:${id}`, anchor: 'mine', places: { ...at, key: [...places.key, `#mine:${id}`] }, value: () => renamed });
    } else if (b === undefined) {
      keep(t !== undefined ? 'theirs' : 'mine', t ?? m, { incoming: t !== undefined && m === undefined });
    }
  }
  return kept;
};

const sameOrder = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The merged order (see merge3): the shared entries in the order of the side that moved them (a conflict when
 * both did, differently), then every other entry after its nearest placed predecessor in its own side's order.
 */
const orderEntries = (walk: Walk, node: ResolvedNode, places: Places, versions: Versions, kept: Kept[]): Kept[] => {
  const ids = { base: idsOf(versions.base)!, mine: idsOf(versions.mine)!, theirs: idsOf(versions.theirs)! };
  const byKey = new Map(kept.map((entry) => [entry.key, entry]));
  const shared = (id: string): boolean => {
    const entry = byKey.get(id);
    return entry !== undefined && entry.places.base !== undefined && entry.places.mine !== undefined && entry.places.theirs !== undefined;
  };
  const order = (side: Side): string[] => ids[side].filter(shared);
  const [mineMoved, theirsMoved] = [!sameOrder(order('mine'), order('base')), !sameOrder(order('theirs'), order('base'))];
  let placed = mineMoved ? order('mine') : order('theirs');
  if (theirsMoved && !mineMoved) {
    walk.incoming.push({ kind: 'reordered', pointer: joinPointer(places.merged ?? []), beforePointer: joinPointer(places.base ?? []) });
  }
  if (mineMoved && theirsMoved && !sameOrder(order('mine'), order('theirs'))) {
    const entryNode = childNode(node, '0')!;
    const names = (side: Side): string[] =>
      order(side).map((id) => entryName(entryNode, versions[side][ids[side].indexOf(id)]) || id);
    const choice = conflict(walk, 'order', { ...places, key: [...places.key, '#order'] }, names('base'), names('mine'), names('theirs'));
    placed = order(choice);
  }
  const keyIn = (side: Side, id: string): string => (side === 'mine' && byKey.has(`mine:${id}`) ? `mine:${id}` : id);
  const inSide = (side: Side, key: string): boolean => ids[side].some((id) => keyIn(side, id) === key);
  const placedKey = (side: Side) => (id: string): string | undefined => (placed.includes(keyIn(side, id)) ? keyIn(side, id) : undefined);
  for (const side of ['theirs', 'mine', 'base'] as const) {
    ids[side].forEach((id, index) => {
      const key = keyIn(side, id);
      if (byKey.get(key)?.anchor !== side || placed.includes(key)) return;
      const before = ids[side].slice(0, index).reverse().map(placedKey(side)).find((found) => found !== undefined);
      const after = ids[side].slice(index + 1).map(placedKey(side)).find((found) => found !== undefined);
      let position = before !== undefined ? placed.indexOf(before) + 1 : after !== undefined ? placed.indexOf(after) : placed.length;
      // Entries an earlier side put in the same gap stay first: theirs, then mine, then base.
      while (before !== undefined && position < placed.length && !inSide(side, placed[position]!)) position += 1;
      placed = [...placed.slice(0, position), key, ...placed.slice(position)];
    });
  }
  return placed.map((key) => byKey.get(key)!);
};

/**
 * A repeated group changed on both sides, its entries matched by id as the diff matches them; undefined when
 * some entry lacks an id or ids repeat (an invalid draft), so the caller merges the list as plain elements.
 */
export const mergeEntries = (walk: Walk, node: ResolvedNode, places: Places, base: unknown, mine: unknown, theirs: unknown): unknown[] | undefined => {
  if (!Array.isArray(mine) || !Array.isArray(theirs) || !(Array.isArray(base) || base == null)) return undefined;
  const versions: Versions = { base: Array.isArray(base) ? base : [], mine, theirs };
  const lists = Object.values(versions);
  if (!lists.every((list) => idsOf(list) !== undefined && list.every(isRecord))) return undefined;
  const kept = orderEntries(walk, node, places, versions, keepEntries(walk, node, places, versions));
  return kept.map((entry, index) => {
    const merged = places.merged && [...places.merged, String(index)];
    const value = entry.value({ ...entry.places, ...(merged ? { merged } : {}) });
    if (entry.incoming && merged) walk.incoming.push({ kind: 'added', pointer: joinPointer(merged), after: value });
    return value;
  });
};
