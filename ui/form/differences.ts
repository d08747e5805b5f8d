import { childPointer } from './pointer.js';

/** A place where two versions of the draft differ, with both values. */
export type Difference = { pointer: string; theirs: unknown; mine: unknown };

const isContainer = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The leaves that differ between two drafts (for showing a save conflict; the revision diff is the server's). */
export const differences = (theirs: unknown, mine: unknown, pointer = ''): Difference[] => {
  if (isContainer(theirs) && isContainer(mine) && Array.isArray(theirs) === Array.isArray(mine)) {
    const keys = new Set([...Object.keys(theirs), ...Object.keys(mine)]);
    return [...keys].flatMap((key) => differences(theirs[key], mine[key], childPointer(pointer, key)));
  }
  return JSON.stringify(theirs) === JSON.stringify(mine) ? [] : [{ pointer, theirs, mine }];
};

/** A value as a short readable text for the comparison table. */
export const shownValue = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '（空欄）';
  if (typeof value === 'boolean') return value ? '[ ○ ]' : '[ ]';
  if (typeof value === 'object') return JSON.stringify(value, null, 1);
  return String(value);
};
