import { childNode, isArrayNode, isObjectNode, keyword, type ResolvedNode } from '../../src/schema/resolve.js';

/**
 * About how tall an item will be once rendered, from its schema node and value: the placeholder of an item not
 * rendered yet takes this height, so the scroll bar, the outline's jumps and scroll anchoring stay near right.
 * Rough on purpose (it never measures text); a rendered item takes its real height.
 */
const ROW_PX = 52;
const LINE_PX = 29;
const CHARS_PER_LINE = 40;
const HEADING_PX = 42;
const ENTRY_PX = 70;
const TABLE_ROW_PX = 120;

const textLines = (text: string): number =>
  text.split('\n').reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / CHARS_PER_LINE)), 0);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Estimates of objects and arrays, by value: the walk covers the whole value (the 変更箇所 history of 001 is 177
 * rows), and an item asks on connecting and again for its placeholder, a part for its placeholder at each render.
 * Data is never changed in place, so an object's estimate stays true; the node is kept to be sure it is the same
 * place of the form.
 */
const estimated = new WeakMap<object, { readonly node: ResolvedNode; readonly height: number }>();

export const estimateHeight = (node: ResolvedNode, value: unknown): number => {
  if (typeof value !== 'object' || value === null) return estimateOf(node, value);
  const kept = estimated.get(value);
  if (kept?.node === node) return kept.height;
  const height = estimateOf(node, value);
  estimated.set(value, { node, height });
  return height;
};

const estimateOf = (node: ResolvedNode, value: unknown): number => {
  const kind = keyword<string>(node, 'x-kind');
  if (typeof value === 'string') return Math.max(ROW_PX, textLines(value) * LINE_PX + 20);
  if (isArrayNode(node)) {
    const entries = Array.isArray(value) ? value : [];
    const itemNode = childNode(node, '0');
    if (keyword<string>(node, 'x-layout') === 'table') return HEADING_PX + entries.length * TABLE_ROW_PX;
    if (!itemNode || !isObjectNode(itemNode)) return ROW_PX + entries.length * LINE_PX;
    return HEADING_PX + entries.reduce<number>((sum, entry) => sum + ENTRY_PX + estimateHeight(itemNode, entry), 0);
  }
  if (kind || !isObjectNode(node)) return ROW_PX;
  const record = isRecord(value) ? value : {};
  let height = HEADING_PX;
  for (const key of node.properties.keys()) {
    const child = childNode(node, key)!;
    if (keyword<boolean>(child, 'x-printed') !== false) height += estimateHeight(child, record[key]);
  }
  return height;
};
