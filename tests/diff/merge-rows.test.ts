import { beforeAll, describe, expect, it } from 'vitest';
import type { Yoshiki3Assessment } from '../../src/domain/assessment.gen.js';
import type { ConfirmedRow } from '../../src/domain/revision.js';
import { applyException, computeChanges, mergeRows, proposeRows, timingWarning } from '../../src/diff/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { seedFile } from '../helpers/seeds.js';

let ise: Yoshiki3Assessment;
beforeAll(async () => {
  ise = (await loadAssessment(seedFile('004-ise-yobosesshu'))).data as unknown as Yoshiki3Assessment;
});

/** The proposed rows of one revision of 伊勢市's 様式3 after `edit`. */
const proposals = (edit: (doc: Yoshiki3Assessment) => void): ConfirmedRow[] => {
  const after = structuredClone(ise);
  edit(after);
  return proposeRows(computeChanges('yoshiki3', ise, after), '2026-04-01');
};

describe('mergeRows: two 変更箇所 rows printed as one', () => {
  it('joins citations and texts line by line; 事前 wins; the row is ※ and has no pointer', () => {
    const [department, storage] = proposals((doc) => {
      doc.basicInfo.department.name = '健康福祉部保健課';
      doc.files[0]!.overview.storage.location += '\n・追記';
    });
    expect(department).toMatchObject({ timing: '事後', important: false });
    expect(storage).toMatchObject({ timing: '事前', important: true });
    const merged = mergeRows(department!, storage!);
    expect(merged).toEqual({
      date: '2026-04-01',
      item: `${department!.item}\n${storage!.item}`,
      before: `${department!.before}\n${storage!.before}`,
      after: `${department!.after}\n${storage!.after}`,
      timing: '事前',
      explanation: `${department!.explanation}\n${storage!.explanation}`,
      important: true,
    });
    expect(timingWarning(merged)).toBeUndefined();
  });

  it('two 事後 rows stay 事後, with one explanation when they share it; an empty side adds no blank line', () => {
    const [first, second] = proposals((doc) => {
      doc.basicInfo.department.name = '健康福祉部保健課';
      doc.basicInfo.department.headTitle = '保健課長';
    });
    const merged = mergeRows(first!, { ...second!, before: '' });
    expect(merged.timing).toBe('事後');
    expect(merged.explanation).toBe('重要な変更にあたらぬ項目');
    expect(merged.before).toBe(first!.before);
    expect(merged.important).toBe(false);
  });

  it('keeps an exception only when every ※ part has the same one, so an unexcused ※ change is still flagged', () => {
    const [basis, storage] = proposals((doc) => {
      doc.basicInfo.numberUse.legalBasis = '番号法第9条第1項　別表　14項';
      doc.files[0]!.overview.storage.location += '\n・追記';
    }).map((row) => applyException(row, 'FORMAL'));
    expect(mergeRows(basis!, storage!)).toMatchObject({ timing: '事後', exception: 'FORMAL' });

    const unexcused = mergeRows(basis!, { ...storage!, exception: 'TYPO' });
    expect(unexcused.exception).toBeUndefined();
    expect(timingWarning(unexcused)).toContain('※の項目');
  });
});
