import { expect } from 'vitest';
import type { ChangeRow } from '../../src/domain/assessment.gen.js';
import { splitPointer } from '../../src/schema/index.js';

/**
 * Published cells compared with generated ones. The published tables were typed by hand and reach us
 * through PDF text extraction: digits and brackets switch between full and half width (システム５ /
 * システム5, ［〇］ / [○]) and line-wrap spaces are unreliable. NFKC, one circle glyph and no whitespace
 * make those differences disappear; any difference in wording stays.
 */
export const normalise = (text: string): string => text.normalize('NFKC').replace(/〇/g, '○').replace(/\s+/g, '');

/** A published row's 変更前 reconstructed into the older revision at `pointer`, and what we expect of it. */
export type PublishedRowCase = {
  readonly row: number;
  readonly pointer: string;
  /** Sets the older revision's value from the published 変更前 (mutates the clone of the current document). */
  readonly rebuild: (previous: Record<string, unknown>, published: ChangeRow) => void;
  /**
   * `exact`: our 変更前 and 変更後 equal the published cells.
   * `before`: our 変更前 equals the published one; 変更後 differs for the reason given.
   * `contains`: the published table quotes only part of a longer text; ours contains both published cells.
   * `differs`: both differ for the reason given; `check` asserts what does hold.
   */
  readonly expect:
    | { readonly kind: 'exact' }
    | { readonly kind: 'contains'; readonly why: string }
    | { readonly kind: 'before'; readonly why: string }
    | { readonly kind: 'differs'; readonly why: string; readonly check: (generated: ChangeRow, published: ChangeRow) => void };
};

const parentOf = (root: Record<string, unknown>, pointer: string): { parent: Record<string, unknown> | unknown[]; key: string } => {
  const segments = splitPointer(pointer);
  const key = segments.pop()!;
  let node: unknown = root;
  for (const segment of segments) node = (node as Record<string, unknown>)[segment];
  return { parent: node as Record<string, unknown>, key };
};

export const getAt = (root: Record<string, unknown>, pointer: string): unknown => {
  const { parent, key } = parentOf(root, pointer);
  return (parent as Record<string, unknown>)[key];
};

export const setAt = (root: Record<string, unknown>, pointer: string, value: unknown): void => {
  const { parent, key } = parentOf(root, pointer);
  (parent as Record<string, unknown>)[key] = value;
};

/** The published 変更前 was the whole old value. */
export const wasBefore =
  (pointer: string) =>
  (previous: Record<string, unknown>, published: ChangeRow): void =>
    setAt(previous, pointer, published.before);

/** The published 変更前 is a block that was removed from the end of the value (変更後 `削除`). */
export const hadBlockAppended =
  (pointer: string) =>
  (previous: Record<string, unknown>, published: ChangeRow): void => {
    const current = String(getAt(previous, pointer) ?? '');
    setAt(previous, pointer, current === '' ? published.before : `${current}\n${published.before}`);
  };

/**
 * The published 変更後 is a passage of the current value that replaced the published 変更前. Where the body
 * spells, spaces or wraps the passage differently (･ / ・, one line or several), the shortest run of
 * lines whose normalised text holds it is replaced.
 */
export const hadPassage =
  (pointer: string) =>
  (previous: Record<string, unknown>, published: ChangeRow): void => {
    const current = String(getAt(previous, pointer) ?? '');
    if (current.includes(published.after)) return setAt(previous, pointer, current.replace(published.after, published.before));
    const wanted = normalise(published.after);
    const lines = current.split('\n');
    for (let length = 1; length <= lines.length; length += 1) {
      for (let first = 0; first + length <= lines.length; first += 1) {
        if (!normalise(lines.slice(first, first + length).join('')).includes(wanted)) continue;
        return setAt(previous, pointer, [...lines.slice(0, first), published.before, ...lines.slice(first + length)].join('\n'));
      }
    }
    throw new Error(`${pointer} does not contain the published 変更後`);
  };

/** Assert one generated row against its published row, as the case expects. */
export const expectRowLike = (c: PublishedRowCase, row: ChangeRow, want: ChangeRow): void => {
  switch (c.expect.kind) {
    case 'exact':
      expect(normalise(row.before)).toBe(normalise(want.before));
      expect(normalise(row.after)).toBe(normalise(want.after));
      break;
    case 'before':
      expect(normalise(row.before)).toBe(normalise(want.before));
      expect(normalise(row.after)).not.toBe(normalise(want.after));
      break;
    case 'contains':
      expect(normalise(row.before)).toContain(normalise(want.before));
      expect(normalise(row.after)).toContain(normalise(want.after));
      break;
    case 'differs':
      c.expect.check(row, want);
      break;
  }
};
