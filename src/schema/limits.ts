/**
 * How large an assessment may be, beyond its lists' own bounds (maxItems). Both limits leave wide margins over any
 * real document and stop what later code cannot handle: nesting thousands of levels deep overflows the stack of
 * the YAML writer, the validator and the diff; hundreds of thousands of values keep the YAML parser busy for
 * seconds, during which the server answers no one.
 */

/** The forms go 9 levels down (files → riskMeasures → … → a check box). */
export const MAX_NESTING = 32;

/** Keys and values as YAML writes them; the largest sample (001, a 全項目評価書) has about 3,100. */
export const MAX_VALUES = 50_000;

const isCollection = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The values a collection holds of its own, as the limit counts them: a mapping's keys; a list's items have none. */
export const ownValueCount = (collection: object): number => (Array.isArray(collection) ? 0 : Object.keys(collection).length);

/**
 * The path to the first value nested deeper than `max` collections, or undefined when the data stays within it.
 * Iterative, so it is safe on any depth, and bounded by `max`, so it also ends on data that refers to itself.
 */
export const tooDeepAt = (value: unknown, max = MAX_NESTING): string[] | undefined => {
  type Frame = { readonly value: object; readonly path: readonly string[] };
  const stack: Frame[] = isCollection(value) ? [{ value, path: [] }] : [];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (path.length >= max) return [...path];
    for (const [key, child] of Object.entries(current)) {
      if (isCollection(child)) stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
};

/** Whether data holds more than `max` keys and values (counted as YAML writes them), counting no further than that. */
export const hasTooManyValues = (value: unknown, max = MAX_VALUES): boolean => {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!isCollection(current)) {
      count += 1;
    } else {
      count += ownValueCount(current);
      for (const child of Object.values(current)) stack.push(child);
    }
    if (count > max) return true;
  }
  return false;
};
