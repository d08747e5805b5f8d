import { collectChanges, type ItemChange } from './changed-items.js';
import type { ResolvedNode } from '../schema/index.js';

/** One of the three versions of a three-way merge. */
export type Side = 'base' | 'mine' | 'theirs';

export type ConflictKind = 'value' | 'entry' | 'order';

/**
 * Where a place of the merge stands in each version (absent where an entry is missing), and its stable key:
 * the pointer with entries named by id (`/basicInfo/systems/#system-3/name`), which stays the same while
 * entries move, so a choice made for a conflict still applies when the merge runs again.
 */
export type Places = {
  readonly merged?: readonly string[];
  readonly base?: readonly string[];
  readonly mine?: readonly string[];
  readonly theirs?: readonly string[];
  readonly key: readonly string[];
};

export type RawConflict = {
  readonly kind: ConflictKind;
  readonly places: Places;
  readonly base: unknown;
  readonly mine: unknown;
  readonly theirs: unknown;
};

export type Walk = {
  readonly choices: Readonly<Record<string, Side>>;
  /** What an unresolved conflict takes meanwhile. */
  readonly otherwise: Side;
  readonly conflicts: RawConflict[];
  /** Changes that came in from theirs (pointers in the merged document; a removed entry's in the base). */
  readonly incoming: ItemChange[];
};

export const keyOf = (places: Places): string => places.key.map((segment) => `/${segment}`).join('');

/** A place changed on both sides to different values: the choice made for it, else recorded and `otherwise` taken. */
export const conflict = (walk: Walk, kind: ConflictKind, places: Places, base: unknown, mine: unknown, theirs: unknown): Side => {
  const chosen = walk.choices[keyOf(places)];
  if (chosen) return chosen;
  walk.conflicts.push({ kind, places, base, mine, theirs });
  return walk.otherwise;
};

/** Theirs replaced the base here and mine did not touch it: the items that came in, for the notice. */
export const noteIncoming = (walk: Walk, node: ResolvedNode | undefined, places: Places, base: unknown, theirs: unknown): void => {
  collectChanges(node, base, theirs, { before: places.base ?? [], after: places.merged ?? places.theirs ?? [] }, walk.incoming);
};

/** The places one level down, through a property or a list position the same in every version. */
export const descend = (places: Places, segment: string): Places => {
  const step = (path: readonly string[] | undefined): readonly string[] | undefined => path && [...path, segment];
  return {
    ...(places.merged ? { merged: step(places.merged)! } : {}),
    ...(places.base ? { base: step(places.base)! } : {}),
    ...(places.mine ? { mine: step(places.mine)! } : {}),
    ...(places.theirs ? { theirs: step(places.theirs)! } : {}),
    key: [...places.key, segment],
  };
};
