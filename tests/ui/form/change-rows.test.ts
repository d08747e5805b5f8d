import { beforeAll, describe, expect, it } from 'vitest';
import type { Yoshiki3Assessment } from '../../../src/domain/assessment.gen.js';
import type { ConfirmedRow } from '../../../src/domain/revision.js';
import { computeChanges, mergeRows, proposeRows } from '../../../src/diff/index.js';
import { loadAssessment } from '../../../src/store/index.js';
import { entriesOf, flaggedCount, keptRows, mergeWithAbove, rowAbove, setDropped, splitMerged } from '../../../ui/form/change-rows.js';
import { seedFile } from '../../helpers/seeds.js';

/** 伊勢市's proposals for a new 評価実施機関名, 部署, 所属長の役職名 and a ※ 保管場所. */
let proposed: ConfirmedRow[];
beforeAll(async () => {
  const before = (await loadAssessment(seedFile('004-ise-yobosesshu'))).data as unknown as Yoshiki3Assessment;
  const after = structuredClone(before);
  after.cover.organization = '伊勢市長　鈴木健二';
  after.basicInfo.department.name = '健康福祉部保健課';
  after.basicInfo.department.headTitle = '保健課長';
  after.files[0]!.overview.storage.location += '\n・追記';
  proposed = proposeRows(computeChanges('yoshiki3', before, after), '2026-04-01');
});

describe('the 変更箇所 rows being confirmed', () => {
  it('a dropped row is kept on screen for undo but not saved, and a merge skips it', () => {
    const entries = entriesOf(proposed);
    expect(entries).toHaveLength(4);
    const dropped = setDropped(entries, entries[1]!.key, true);
    expect(keptRows(dropped)).toEqual([proposed[0], proposed[2], proposed[3]]);
    expect(rowAbove(dropped, entries[2]!.key)).toBe(dropped[0]);
    expect(keptRows(setDropped(dropped, entries[1]!.key, false))).toEqual(proposed);

    const merged = mergeWithAbove(dropped, entries[2]!.key)!;
    expect(keptRows(merged.entries)).toEqual([mergeRows(proposed[0]!, proposed[2]!), proposed[3]]);
    expect(merged.entries[1]).toMatchObject({ dropped: true });
    expect(keptRows(splitMerged(merged.entries, merged.key))).toEqual([proposed[0], proposed[2], proposed[3]]);
    expect(mergeWithAbove(entries, entries[0]!.key)).toBeUndefined();
  });

  it('counts the rows whose 提出時期 contradicts the ※ rule, leaving dropped rows out', () => {
    const entries = entriesOf(proposed.map((row) => ({ ...row, timing: '事後' as const })));
    expect(flaggedCount(entries)).toBe(1);
    expect(flaggedCount(setDropped(entries, entries[3]!.key, true))).toBe(0);
  });
});
