/**
 * src/diff/myers.ts runs jsdiff's search on its own: on the texts of the samples, edited at random, and on pairs of
 * unrelated texts (the diff of two different assessments), it must give exactly jsdiff's runs, and give up exactly
 * where jsdiff does.
 */
import { readFileSync } from 'node:fs';
import { wordsWithSpaceDiff } from 'diff';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tokenRuns, type TokenRun } from '../../src/diff/myers.js';
import { SEEDS, seedFile } from '../helpers/seeds.js';

const tokens = (text: string): string[] => wordsWithSpaceDiff.removeEmpty(wordsWithSpaceDiff.tokenize(text));

const jsdiffRuns = (before: string, after: string, maxEdits: number): TokenRun[] | undefined =>
  wordsWithSpaceDiff
    .diff(before, after, { maxEditLength: maxEdits })
    ?.map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', count: part.count }));

/** Every text of the samples longer than a few words. */
const TEXTS: string[] = SEEDS.flatMap((seed) => {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string' && value.length > 8) texts.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(parse(readFileSync(seedFile(seed.dir), 'utf8')));
  return texts;
});

/** A seeded generator (mulberry32): a failure replays. */
const random = (seed: number): (() => number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const PIECES = ['　', ' ', '\n', '\r\n', '、', '。', '番号法', 'abc', '第19条', '情報', '\t'];

/** A few cuts, insertions (of pieces and of other sample text) and swaps. */
const edit = (text: string, next: () => number): string => {
  let out = text;
  for (let count = 1 + Math.floor(next() * 6); count > 0; count -= 1) {
    const at = Math.floor(next() * (out.length + 1));
    const choice = next();
    if (choice < 0.35) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 12));
    else if (choice < 0.7) out = out.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)]! + out.slice(at);
    else {
      const other = TEXTS[Math.floor(next() * TEXTS.length)]!;
      const from = Math.floor(next() * other.length);
      out = out.slice(0, at) + other.slice(from, from + 1 + Math.floor(next() * 30)) + out.slice(at);
    }
  }
  return out;
};

describe('the Myers search of src/diff/myers.ts', () => {
  it('gives jsdiff’s runs for 400 edited texts of the samples, and for unrelated ones', () => {
    const next = random(2026);
    expect(TEXTS.length).toBeGreaterThan(100);
    for (let index = 0; index < 400; index += 1) {
      const before = TEXTS[Math.floor(next() * TEXTS.length)]!;
      const after = index % 4 === 3 ? TEXTS[Math.floor(next() * TEXTS.length)]! : edit(before, next);
      const [older, newer] = index % 2 ? [after, before] : [before, after];
      expect(tokenRuns(tokens(older), tokens(newer), 2000), `${index}: ${older} → ${newer}`).toEqual(jsdiffRuns(older, newer, 2000));
    }
  });

  it('gives up exactly where jsdiff gives up, and is exact just below that', () => {
    const next = random(13);
    let gaveUp = 0;
    let found = 0;
    for (let index = 0; index < 300; index += 1) {
      const before = TEXTS[Math.floor(next() * TEXTS.length)]!;
      const after = index % 2 ? TEXTS[Math.floor(next() * TEXTS.length)]! : edit(before, next);
      const maxEdits = 1 + Math.floor(next() * 60);
      const expected = jsdiffRuns(before, after, maxEdits);
      if (expected) found += 1;
      else gaveUp += 1;
      expect(tokenRuns(tokens(before), tokens(after), maxEdits), `${index} (${maxEdits})`).toEqual(expected);
    }
    expect(gaveUp).toBeGreaterThan(20);
    expect(found).toBeGreaterThan(20);
  });

  it('handles empty sides, equal sequences and a single token', () => {
    for (const [before, after] of [['', ''], ['', '番号法'], ['番号法', ''], ['同じ', '同じ'], ['a', 'b'], ['\r\n', '\n']] as const)
      expect(tokenRuns(tokens(before), tokens(after), 2000)).toEqual(jsdiffRuns(before, after, 2000));
  });
});
