import { childNode, isArrayNode, keyword, type ResolvedNode } from '../schema/index.js';

/**
 * How the diff walks the schema, shared with the three-way merge (src/merge) so both see the same items:
 * which groups are matched by entry id, how two entries are matched, and what an item's own printed line is.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Repeated groups whose entries carry a stable `id`: matched by it, so deleting システム3 leaves システム4 unchanged. */
export const hasEntryIds = (node: ResolvedNode): boolean =>
  isArrayNode(node) && (keyword<string>(node, 'x-idPrefix') !== undefined || keyword<boolean>(node, 'x-uniqueIds') === true);

export const entryIdOf = (entry: unknown): unknown => (isRecord(entry) ? entry['id'] : undefined);

/** Where the same entry (same id) stands in another version of its group, or -1; an entry without an id matches none. */
export const matchEntry = (list: readonly unknown[], entry: unknown): number => {
  const id = entryIdOf(entry);
  return id === undefined ? -1 : list.findIndex((other) => entryIdOf(other) === id);
};

/**
 * An item with sub-rows prints its own value (and a count beside it) on its label row: these keys are that one
 * item, cited at the item itself; its other keys are sub-rows of their own.
 */
export const ownLineKeys = (node: ResolvedNode): string[] =>
  node.properties.has('value') ? ['value', 'count'].filter((key) => node.properties.has(key)) : [];

/**
 * What names an entry: its entryTitle (委託事項名, 提供先名 …), else its first text item (①システムの名称,
 * １．特定個人情報ファイル名). The published tables cite a removed slot as `システム5` + its name.
 */
export const entryName = (entryNode: ResolvedNode, entry: unknown): string => {
  if (!isRecord(entry)) return '';
  const keys = [...entryNode.properties.keys()].filter((key) => key !== 'id');
  const titleKey =
    keys.find((key) => keyword<string>(childNode(entryNode, key)!, 'x-role') === 'entryTitle') ??
    keys.find((key) => typeof entry[key] === 'string');
  const title = titleKey !== undefined ? entry[titleKey] : undefined;
  return typeof title === 'string' ? title : '';
};
