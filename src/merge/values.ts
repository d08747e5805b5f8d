/** The document as the merge sees it: plain data parsed from YAML or JSON. */
export type Doc = Record<string, unknown>;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Equal as data: key order is not content, and a missing value equals `null` (a blank the skeleton writes as
 * null and a key the YAML left out mean the same unanswered item). Identical references short-cut, which
 * makes comparing two structurally shared drafts cheap.
 */
export const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => same(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!same(left[key], right[key])) return false;
  return true;
};

/** The keys of several versions of one object, the schema's order first, then any other key as it comes. */
export const unionKeys = (schemaKeys: Iterable<string>, ...values: unknown[]): string[] => {
  const keys = new Set<string>();
  for (const key of schemaKeys) if (values.some((value) => isRecord(value) && key in value)) keys.add(key);
  for (const value of values) if (isRecord(value)) for (const key of Object.keys(value)) keys.add(key);
  return [...keys];
};
