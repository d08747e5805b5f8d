import { describe, expect, it } from 'vitest';
import type { ChangeRow } from '../../src/domain/assessment.gen.js';
import { cumulativeChangeRows, textDiff } from '../../src/diff/index.js';

describe('textDiff', () => {
  // 伊勢市 row 21 (Ⅲ６ リスク１): the legal citation changed inside a long sentence.
  const before = '情報提供ネットワークシステム及び中間サーバーでは、番号法別表第２に規定される「情報照会者、情報提供者、事務、特定個人情報の組み合わせを定義した情報」(プレフィックス情報)により、照会、提供の可否を判断する。';
  const after = '情報提供ネットワークシステム及び中間サーバーでは、番号法第19条第８号に基づく主務省令第２条の表に規定される「情報照会者、情報提供者、事務、特定個人情報の組み合わせを定義した情報」(プレフィックス情報)により、照会、提供の可否を判断する。';

  it('marks only the changed words of a Japanese sentence, and both texts can be rebuilt from it', () => {
    const segments = textDiff(before, after);
    const join = (kinds: string[]): string => segments.filter((s) => kinds.includes(s.kind)).map((s) => s.text).join('');
    expect(join(['same', 'removed'])).toBe(before);
    expect(join(['same', 'added'])).toBe(after);
    const removed = segments.filter((s) => s.kind === 'removed').map((s) => s.text).join('');
    expect(removed).toContain('別表');
    expect(removed.length).toBeLessThan(5);
    expect(segments.filter((s) => s.kind === 'added').map((s) => s.text).join('')).toContain('主務省令');
    // Word-level: the unchanged 「番号法」 and 「に規定される」 are not swallowed into the change.
    expect(segments.filter((s) => s.kind === 'same').map((s) => s.text).join('')).toContain('に規定される');
  });

  it('keeps spaces as text: an added full-width space is part of the addition, not of the unchanged run', () => {
    expect(textDiff('伊勢市長', '伊勢市長　鈴木健一')).toEqual([
      { kind: 'same', text: '伊勢市長' },
      { kind: 'added', text: '　鈴木健一' },
    ]);
  });

  it('identical texts are one unchanged segment', () => {
    expect(textDiff('予防接種情報ファイル', '予防接種情報ファイル')).toEqual([{ kind: 'same', text: '予防接種情報ファイル' }]);
  });
});

describe('cumulativeChangeRows', () => {
  const row = (date: string, item: string): ChangeRow => ({ date, item, before: 'a', after: 'b', timing: '事後', explanation: '' });
  const imported = { changeHistory: [row('2025-03-27', '1'), row('2022-02-08', '0'), row('2025-03-27', '2')] };

  it('imported rows, then the rows of the revisions that print, by date', () => {
    const revisions = [[{ ...row('2025-08-19', '3'), pointer: '/x', important: true }], [row('2026-04-01', '4')]];
    const rows = cumulativeChangeRows(imported, revisions);
    expect(rows.map((r) => r.item)).toEqual(['0', '1', '2', '3', '4']);
    // Only the printed columns: what the renderer's table prints.
    expect(Object.keys(rows[3]!)).toEqual(['date', 'item', 'before', 'after', 'timing', 'explanation']);
  });

  it('a document without imported rows starts with its first revision’s rows', () => {
    expect(cumulativeChangeRows({}, [[row('2026-04-01', 'x')]])).toHaveLength(1);
  });
});
