import { describe, expect, it } from 'vitest';
import { breakLines } from '../../src/render/layout/line-break.js';

// One unit per full-width character, half a unit per ASCII character: enough to test the rules.
const widthOf = (unit: string): number => [...unit].reduce((sum, char) => sum + (char.charCodeAt(0) < 0x100 ? 0.5 : 1), 0);

describe('Japanese line breaking', () => {
  it('fills lines up to the width and keeps the text whole', () => {
    const text = '特定個人情報ファイルを取り扱う事務において使用するシステム';
    const lines = breakLines(text, 10, widthOf);
    expect(lines.join('')).toBe(text);
    expect(lines.every((line) => widthOf(line) <= 10)).toBe(true);
    expect(lines[0]).toHaveLength(10);
  });

  it.each(['、', '。', '）', '」', 'ー', 'ッ', 'ょ', '・'])('never starts a line with %s', (char) => {
    const text = `あいうえおかきくけこ${char}さしすせそ`;
    const lines = breakLines(text, 10, widthOf);
    expect(lines.join('')).toBe(text);
    expect(lines.slice(1).some((line) => line.startsWith(char))).toBe(false);
    expect(lines.every((line) => widthOf(line) <= 10)).toBe(true);
  });

  it.each(['（', '「', '【'])('never ends a line with %s', (char) => {
    const text = `あいうえおかきくけ${char}こさしすせそ`;
    const lines = breakLines(text, 10, widthOf);
    expect(lines.some((line) => line.endsWith(char))).toBe(false);
  });

  it('keeps Latin words and numbers whole, and cuts a word only when it is wider than the line', () => {
    expect(breakLines('認証はユーザID/パスワード', 7, widthOf)).toEqual(['認証はユーザ', 'ID/パスワード']);
    expect(breakLines('ああああ19', 4.5, widthOf)).toEqual(['ああああ', '19']);
    const long = 'https://www.ppc.go.jp/legal/assessment/';
    const lines = breakLines(long, 6, widthOf);
    expect(lines.join('')).toBe(long);
    expect(lines.every((line) => widthOf(line) <= 6)).toBe(true);
  });

  it('never ends a line with a hyphen, which text extraction would drop as hyphenation', () => {
    const lines = breakLines('希望者を対象としたe-ラーニング', 10, widthOf);
    expect(lines.join('')).toBe('希望者を対象としたe-ラーニング');
    expect(lines.some((line) => line.endsWith('-'))).toBe(false);
  });

  it('keeps hard line breaks and empty lines', () => {
    expect(breakLines('一行目\n\n三行目', 10, widthOf)).toEqual(['一行目', '', '三行目']);
  });
});
