import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { encodeEdited } from '../../src/store/encode-edited.js';
import { seedFile } from '../helpers/seeds.js';

const random = (seed: number): (() => number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** Pieces that go wrong when a copy is cut in the wrong place: multi-byte, astral (surrogate pairs), lone surrogates. */
const PIECES = ['a', '北', '九州', '𠮷', '𩸽野', '\ud842', '\udfb7', '\n', '', 'ｱ', '😀😀'];

describe('encodeEdited', () => {
  it('gives the bytes Buffer.from gives, for edits anywhere in a real document and at the edges of characters', async () => {
    const next = random(7);
    let text = (await readFile(seedFile('001-kitakyushu-yobosesshu'), 'utf8')).slice(0, 20_000) + '𠮷末尾';
    let bytes: Buffer = Buffer.from(text, 'utf8');
    for (let step = 0; step < 2000; step += 1) {
      const at = Math.floor(next() * (text.length + 1));
      const cut = Math.floor(next() * 4);
      const piece = PIECES[Math.floor(next() * PIECES.length)]!;
      const edited = text.slice(0, at) + piece + text.slice(Math.min(text.length, at + cut));
      const encoded = encodeEdited(edited, { text, bytes });
      expect(encoded.equals(Buffer.from(edited, 'utf8'))).toBe(true);
      text = edited;
      bytes = encoded;
    }
  });

  it('handles texts that are prefixes, suffixes or empty', () => {
    for (const [before, after] of [
      ['abc𠮷', 'abc\ud842'],
      ['abc\ud842', 'abc𠮷'],
      ['𠮷xyz', '\udfb7xyz'],
      ['', '北'],
      ['北', ''],
      ['𠮷', '𠮷𠮷'],
      ['abc', 'abc'],
    ] as const) {
      expect(encodeEdited(after, { text: before, bytes: Buffer.from(before, 'utf8') }).equals(Buffer.from(after, 'utf8'))).toBe(true);
    }
  });
});
