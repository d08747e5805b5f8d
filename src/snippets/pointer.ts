import { formRevisionOf, itemPath, joinPointer, splitPointer, type FormId } from '../schema/index.js';

const isContainer = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The value at a JSON Pointer of plain data, or undefined when any step is missing. */
export const valueAt = (data: unknown, pointer: string): unknown =>
  splitPointer(pointer).reduce<unknown>((node, segment) => (isContainer(node) ? node[segment] : undefined), data);

/** Set the value at a JSON Pointer whose parent exists (the items of a valid draft always do); false when it does not. */
export const setValueAt = (data: unknown, pointer: string, value: unknown): boolean => {
  const segments = splitPointer(pointer);
  const last = segments.pop();
  const parent = valueAt(data, joinPointer(segments));
  if (last === undefined || !isContainer(parent)) return false;
  parent[last] = value;
  return true;
};

/** The official path of an item of this document (its form revision's labels, its number of files). */
export const itemPathIn = (form: FormId, data: unknown, pointer: string): string[] => {
  const files = valueAt(data, '/files');
  return itemPath(form, splitPointer(pointer), { revision: formRevisionOf(data), fileCount: Array.isArray(files) ? files.length : 1 });
};
