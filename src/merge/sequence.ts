import { sequenceEdits, splitText, type SequenceEdit } from '../diff/index.js';

/** Two edits of the same base collide when they overlap or touch: which goes first would be a guess. */
const collide = (a: SequenceEdit, b: SequenceEdit): boolean => a.from <= b.to && b.from <= a.to;

const sameEdit = (a: SequenceEdit, b: SequenceEdit): boolean =>
  a.from === b.from && a.to === b.to && a.insert.length === b.insert.length && a.insert.every((token, i) => token === b.insert[i]);

const isInsertion = (edit: SequenceEdit): boolean => edit.from === edit.to;

/**
 * Three-way merge of token sequences (diff3): the edits of both sides against the base are applied together
 * when none collides; a colliding pair that is the same edit counts once. `unionInsertions` lets two insertions
 * at the same place both in, theirs first (entries appended to a list by two people); anything else that
 * collides makes the merge undefined, a conflict for the caller.
 */
export const mergeSequences = (
  base: readonly string[],
  mine: readonly string[],
  theirs: readonly string[],
  unionInsertions: boolean,
): string[] | undefined => {
  const ours = sequenceEdits(base, mine);
  const others = sequenceEdits(base, theirs);
  const out: string[] = [];
  let position = 0;
  const apply = (...edits: SequenceEdit[]): void => {
    out.push(...base.slice(position, edits[0]!.from));
    for (const edit of edits) out.push(...edit.insert);
    position = edits[0]!.to;
  };
  let i = 0;
  let j = 0;
  while (i < ours.length || j < others.length) {
    const mineEdit = ours[i];
    const theirEdit = others[j];
    if (mineEdit && theirEdit && collide(mineEdit, theirEdit)) {
      if (sameEdit(mineEdit, theirEdit)) apply(mineEdit);
      else if (unionInsertions && isInsertion(mineEdit) && isInsertion(theirEdit) && mineEdit.from === theirEdit.from) apply(theirEdit, mineEdit);
      else return undefined;
      i += 1;
      j += 1;
    } else if (theirEdit && (!mineEdit || theirEdit.from < mineEdit.from)) {
      apply(theirEdit);
      j += 1;
    } else {
      apply(mineEdit!);
      i += 1;
    }
  }
  out.push(...base.slice(position));
  return out;
};

/**
 * A text changed on both sides: merged line by line, and where lines collide word by word (two edits in the
 * same line at different words), or undefined when both touched the same words.
 */
export const mergeText = (base: string, mine: string, theirs: string): string | undefined => {
  for (const unit of ['line', 'word'] as const) {
    const merged = mergeSequences(splitText(base, unit), splitText(mine, unit), splitText(theirs, unit), false);
    if (merged) return merged.join('');
  }
  return undefined;
};

/** A list without entry ids (lines of a list, acknowledgements, imported 変更箇所 rows): merged element by element. */
export const mergeList = (base: readonly unknown[], mine: readonly unknown[], theirs: readonly unknown[]): unknown[] | undefined => {
  const values = new Map<string, unknown>();
  const tokens = (list: readonly unknown[]): string[] =>
    list.map((item) => {
      const token = JSON.stringify(item ?? null);
      values.set(token, item);
      return token;
    });
  const merged = mergeSequences(tokens(base), tokens(mine), tokens(theirs), true);
  return merged?.map((token) => values.get(token));
};
