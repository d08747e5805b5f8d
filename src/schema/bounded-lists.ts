import { childNode, isArrayNode, keyword, type ResolvedNode } from './resolve.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The data as the validator needs to see it: every list longer than its schema's `maxItems` cut to one entry more,
 * so the validator still reports the list as too long but never checks 20,000 faulty entries one by one. What is
 * unchanged is shared, not copied; the walk follows the schema, so it is as shallow as the form.
 */
export const boundLists = (value: unknown, node: ResolvedNode): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  // Data is never changed in place: a branch bounded before (the last save shared it) bounds the same.
  const known = bounded.get(value);
  if (known?.node === node) return known.value;
  const result = boundObject(value, node);
  bounded.set(value, { node, value: result });
  return result;
};

const bounded = new WeakMap<object, { readonly node: ResolvedNode; readonly value: unknown }>();

const boundObject = (value: object, node: ResolvedNode): unknown => {
  if (Array.isArray(value)) {
    if (!isArrayNode(node)) return value;
    const limit = keyword<number>(node, 'maxItems');
    const kept = limit !== undefined && value.length > limit + 1 ? value.slice(0, limit + 1) : value;
    const entry = childNode(node, '0');
    if (!entry) return kept;
    let changed = kept !== value;
    const bounded = kept.map((item) => {
      const next = boundLists(item, entry);
      changed ||= next !== item;
      return next;
    });
    return changed ? bounded : value;
  }
  if (!isRecord(value) || node.properties.size === 0) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of node.properties.keys()) {
    if (!Object.hasOwn(value, key)) continue;
    const next = boundLists(value[key], childNode(node, key)!);
    if (next === value[key]) continue;
    copy ??= { ...value };
    copy[key] = next;
  }
  return copy ?? value;
};
