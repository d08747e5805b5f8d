import type { FormId } from './documents.js';
import { childNode, formRoot, isArrayNode, keyword, typesOf, type ResolvedNode } from './resolve.js';

/** The value an item has in a new, blank document: its default, `null` for an unanswered choice, '' for text … */
export const emptyValueOf = (node: ResolvedNode): unknown => {
  const { keywords } = node;
  if ('const' in keywords) return keywords['const'];
  if ('default' in keywords) return keywords['default'];
  if (Array.isArray(keywords['enum'])) {
    const options = keywords['enum'] as unknown[];
    return options.includes(null) ? null : options[0];
  }
  if (node.properties.size > 0) {
    return Object.fromEntries([...node.properties.keys()].map((key) => [key, emptyValueOf(childNode(node, key)!)]));
  }
  if (isArrayNode(node)) {
    const count = keyword<number>(node, 'x-initialItems') ?? 0;
    return Array.from({ length: count }, (_, index) => createEntry(node, index + 1));
  }
  const types = typesOf(node);
  if (types.includes('null')) return null;
  if (types.includes('boolean')) return false;
  if (types.includes('string')) return '';
  return null;
};

/** A blank entry of a repeated group (システム, 委託事項 …) with its stable id, e.g. consignee-3. */
export const createEntry = (arrayNode: ResolvedNode, number: number): unknown => {
  const item = childNode(arrayNode, String(number - 1));
  if (!item) throw new Error('array node without items');
  const entry = emptyValueOf(item) as Record<string, unknown>;
  const prefix = keyword<string>(arrayNode, 'x-idPrefix') ?? 'item';
  return 'id' in entry ? { ...entry, id: `${prefix}-${number}` } : entry;
};

/** A valid, empty assessment of the given form with every item present, in the form's order. */
export const createSkeleton = (form: FormId): Record<string, unknown> =>
  emptyValueOf(formRoot(form)) as Record<string, unknown>;
