import { joinPointer, splitPointer } from '../../src/schema/resolve.js';

export { joinPointer, splitPointer };

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** The value at a JSON Pointer, or undefined when the path does not exist. */
export const valueAt = (data: unknown, pointer: string): unknown => {
  let current: unknown = data;
  for (const segment of splitPointer(pointer)) {
    if (!isContainer(current)) return undefined;
    current = Array.isArray(current) ? current[Number(segment)] : current[segment];
  }
  return current;
};

/**
 * A copy of the data with one value replaced. Only the containers on the path are copied, so unchanged
 * branches keep their identity and Lit re-renders only what changed.
 */
export const withValueAt = <T>(data: T, pointer: string, value: unknown): T => {
  const segments = splitPointer(pointer);
  const replace = (current: unknown, depth: number): unknown => {
    if (depth === segments.length) return value;
    const segment = segments[depth]!;
    if (Array.isArray(current)) {
      const copy = [...current];
      copy[Number(segment)] = replace(current[Number(segment)], depth + 1);
      return copy;
    }
    const record = isContainer(current) ? (current as Record<string, unknown>) : {};
    return { ...record, [segment]: replace(record[segment], depth + 1) };
  };
  return replace(data, 0) as T;
};

export const childPointer = (pointer: string, segment: string | number): string => pointer + joinPointer([segment]);
