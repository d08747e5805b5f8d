/**
 * A stored value as plain text, whatever a draft holds there: text as it is, numbers and booleans as written,
 * nothing for null, and a mapping or list where a value belongs as JSON, so that it shows and nothing throws
 * (String() throws on a mapping with a `toString` key, and prints `[object Object]` for the others).
 */
export const valueText = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};
