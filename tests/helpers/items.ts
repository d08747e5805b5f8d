import { childNode, formRoot, joinPointer, keyword, type FormId, type ResolvedNode } from '../../src/schema/index.js';

/**
 * Every printed value of an assessment, as JSON Pointers of its primitives (strings, numbers, booleans, nulls):
 * what a form item holds. Parts the schema marks non-printed (ids, facts, acknowledgements …) and the stamp are
 * not form items.
 */
export const printedLeaves = (form: FormId, data: unknown): string[] => {
  const out: string[] = [];
  const walk = (node: ResolvedNode | undefined, value: unknown, segments: string[]): void => {
    if (node && keyword<unknown>(node, 'x-printed') === false) return;
    if (typeof value !== 'object' || value === null) {
      out.push(joinPointer(segments));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (segments.length === 0 && key === 'formRevision') continue;
      walk(node && childNode(node, key), child, [...segments, key]);
    }
  };
  walk(formRoot(form), data, []);
  return out;
};
