import { beforeAll, describe, expect, it } from 'vitest';
import type { Yoshiki3Assessment, Yoshiki4Assessment } from '../../src/domain/assessment.gen.js';
import { merge3, type Doc, type MergeResult } from '../../src/merge/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { seedFile } from '../helpers/seeds.js';

let ise: Yoshiki3Assessment;
let kitakyushu: Yoshiki4Assessment;
beforeAll(async () => {
  ise = (await loadAssessment(seedFile('004-ise-yobosesshu'))).data as unknown as Yoshiki3Assessment;
  kitakyushu = (await loadAssessment(seedFile('001-kitakyushu-yobosesshu'))).data as unknown as Yoshiki4Assessment;
});

/** Two edits of copies of the same base, merged: mine is the local edit, theirs the one saved meanwhile. */
const mergeEdits = <T extends object>(
  base: T,
  mineEdit: (doc: T) => void,
  theirsEdit: (doc: T) => void,
  form: 'yoshiki3' | 'yoshiki4' = 'yoshiki3',
  options: Parameters<typeof merge3>[4] = {},
): { mine: T; theirs: T; result: MergeResult; merged: T } => {
  const mine = structuredClone(base);
  const theirs = structuredClone(base);
  mineEdit(mine);
  theirsEdit(theirs);
  const result = merge3(form, base as Doc, mine as Doc, theirs as Doc, options);
  return { mine, theirs, result, merged: result.merged as T };
};

const DEPARTMENT = 'Ⅰ　基本情報 ６．評価実施機関における担当部署';

describe('merge3: items changed on one side only', () => {
  it('keeps both sides when they changed different items, and names what came in from theirs', () => {
    const { result, merged } = mergeEdits(
      ise,
      (doc) => (doc.basicInfo.department.headTitle = '健康課長（乙）'),
      (doc) => (doc.basicInfo.department.name = '健康福祉部健康課（甲）'),
    );
    expect(result.conflicts).toEqual([]);
    expect(merged.basicInfo.department).toEqual({ name: '健康福祉部健康課（甲）', headTitle: '健康課長（乙）' });
    expect(result.incoming).toEqual([{ kind: 'changed', pointer: '/basicInfo/department/name', label: `${DEPARTMENT} ①部署` }]);
    // Everything else is the base, untouched.
    expect({ ...merged, basicInfo: ise.basicInfo }).toEqual(ise);
  });

  it('takes a whole side when the other did not change anything', () => {
    const { result, theirs } = mergeEdits(ise, () => undefined, (doc) => (doc.cover.specialNotes = '特記事項'));
    expect(result.merged).toEqual(theirs);
    expect(result.incoming.map((change) => change.label)).toEqual(['表紙 特記事項']);
  });

  it('sees no conflict when both sides wrote the same value into the same item', () => {
    const { result, merged } = mergeEdits(
      ise,
      (doc) => {
        doc.basicInfo.department.name = '健康福祉部健康課';
        doc.disclosure.inquiry.response = '記録を残す。';
      },
      (doc) => (doc.disclosure.inquiry.response = '記録を残す。'),
    );
    expect(result.conflicts).toEqual([]);
    expect(result.incoming).toEqual([]);
    expect(merged.disclosure.inquiry.response).toBe('記録を残す。');
  });
});

describe('merge3: the same item changed to different values', () => {
  const edits = [
    (doc: Yoshiki3Assessment) => {
      doc.basicInfo.department.name = '健康課（乙）';
      doc.cover.specialNotes = '乙の特記事項';
    },
    (doc: Yoshiki3Assessment) => {
      doc.basicInfo.department.name = '健康課（甲）';
      doc.disclosure.inquiry.response = '甲の対応';
    },
  ] as const;

  it('is a conflict of that item alone, with the three values; the other changes of both sides are merged', () => {
    const { result, merged } = mergeEdits(ise, ...edits);
    expect(result.conflicts).toEqual([
      {
        key: '/basicInfo/department/name',
        kind: 'value',
        pointer: '/basicInfo/department/name',
        label: `${DEPARTMENT} ①部署`,
        base: '健康福祉部健康課',
        mine: '健康課（乙）',
        theirs: '健康課（甲）',
      },
    ]);
    // Meanwhile the version on disk holds; the non-conflicting changes of both sides are in.
    expect(merged.basicInfo.department.name).toBe('健康課（甲）');
    expect(merged.cover.specialNotes).toBe('乙の特記事項');
    expect(merged.disclosure.inquiry.response).toBe('甲の対応');
  });

  it('takes the side chosen for the conflict when merged again with the choice', () => {
    for (const [side, expected] of [['mine', '健康課（乙）'], ['theirs', '健康課（甲）'], ['base', '健康福祉部健康課']] as const) {
      const { result, merged } = mergeEdits(ise, ...edits, 'yoshiki3', { choices: { '/basicInfo/department/name': side } });
      expect(result.conflicts).toEqual([]);
      expect(merged.basicInfo.department.name).toBe(expected);
      expect(merged.cover.specialNotes).toBe('乙の特記事項');
    }
  });

  it('merges a text both sides changed in different lines, and in different words of one line', () => {
    const lines = mergeEdits(
      ise,
      (doc) => (doc.basicInfo.business.description = doc.basicInfo.business.description!.replace('予防接種法による', '予防接種法（昭和23年法律第68号）による')),
      (doc) => (doc.basicInfo.business.description = doc.basicInfo.business.description!.replace('新型コロナウイルス感染症対策に係る予防接種事務', '')),
    );
    expect(lines.result.conflicts).toEqual([]);
    expect(lines.merged.basicInfo.business.description).toBe(
      ise.basicInfo.business.description!.replace('予防接種法による', '予防接種法（昭和23年法律第68号）による').replace('新型コロナウイルス感染症対策に係る予防接種事務', ''),
    );
    const words = mergeEdits(
      ise,
      (doc) => (doc.disclosure.request.method = '指定様式による書面の提出により、開示・訂正・利用停止請求を受け付ける。'.replace('書面', '書面又は電子申請')),
      (doc) => (doc.disclosure.request.method = '指定様式による書面の提出により、開示・訂正・利用停止請求を受け付ける。'.replace('受け付ける', '受け付け、記録する')),
    );
    expect(words.result.conflicts).toEqual([]);
    expect(words.result.incoming.map((change) => change.pointer)).toEqual(['/disclosure/request/method']);
    expect(words.merged.disclosure.request.method).toBe('指定様式による書面又は電子申請の提出により、開示・訂正・利用停止請求を受け付け、記録する。');
  });

  it('is a conflict when both sides rewrote the same words of a text', () => {
    const { result } = mergeEdits(
      ise,
      (doc) => (doc.disclosure.request.method = '電子申請により受け付ける。'),
      (doc) => (doc.disclosure.request.method = '窓口で受け付ける。'),
    );
    expect(result.conflicts.map((c) => [c.pointer, c.mine, c.theirs])).toEqual([
      ['/disclosure/request/method', '電子申請により受け付ける。', '窓口で受け付ける。'],
    ]);
  });
});

describe('merge3: entries of repeated groups, matched by id', () => {
  it('keeps an entry added on one side and another entry edited on the other', () => {
    const added = { ...structuredClone(ise.basicInfo.systems[0]!), id: 'system-5', name: '新システム' };
    const { result, merged } = mergeEdits(
      ise,
      (doc) => doc.basicInfo.systems.push(added),
      (doc) => (doc.basicInfo.systems[1]!.name = '中間サーバー・プラットフォーム'),
    );
    expect(result.conflicts).toEqual([]);
    expect(merged.basicInfo.systems.map((system) => system.name)).toEqual([
      '健康管理システム',
      '中間サーバー・プラットフォーム',
      '団体内統合利用番号連携サーバー',
      '宛名管理システム',
      '新システム',
    ]);
    expect(result.incoming).toEqual([
      {
        kind: 'changed',
        pointer: '/basicInfo/systems/1/name',
        label: 'Ⅰ　基本情報 ２．特定個人情報ファイルを取り扱う事務において使用するシステム システム2 ①システムの名称',
      },
    ]);
  });

  it('reports an entry theirs added as incoming, at its merged position', () => {
    const added = { ...structuredClone(ise.basicInfo.systems[0]!), id: 'system-5', name: '甲の新システム' };
    const { result, merged } = mergeEdits(ise, (doc) => (doc.basicInfo.systems[0]!.name = '健康管理（乙）'), (doc) => doc.basicInfo.systems.push(added));
    expect(merged.basicInfo.systems.map((system) => system.id)).toEqual(['system-1', 'system-2', 'system-3', 'system-4', 'system-5']);
    expect(result.incoming).toEqual([expect.objectContaining({ kind: 'added', pointer: '/basicInfo/systems/4' })]);
  });

  it('deletes an entry deleted on one side and left alone on the other', () => {
    const { result, merged } = mergeEdits(ise, (doc) => (doc.basicInfo.systems[0]!.name = '乙'), (doc) => doc.basicInfo.systems.splice(2, 1));
    expect(result.conflicts).toEqual([]);
    expect(merged.basicInfo.systems.map((system) => system.id)).toEqual(['system-1', 'system-2', 'system-4']);
    expect(result.incoming).toEqual([
      { kind: 'removed', pointer: '/basicInfo/systems/2', label: 'Ⅰ　基本情報 ２．特定個人情報ファイルを取り扱う事務において使用するシステム システム3' },
    ]);
  });

  it('makes an entry deleted on one side and edited on the other a conflict, never a silent loss', () => {
    const deletedByTheirs = mergeEdits(
      ise,
      (doc) => (doc.basicInfo.systems[2]!.functions = '連携サーバーの機能（乙が追記）'),
      (doc) => doc.basicInfo.systems.splice(2, 1),
    );
    expect(deletedByTheirs.result.conflicts).toEqual([
      expect.objectContaining({
        key: '/basicInfo/systems/#system-3',
        kind: 'entry',
        pointer: '/basicInfo/systems/2',
        label: 'Ⅰ　基本情報 ２．特定個人情報ファイルを取り扱う事務において使用するシステム システム3',
        base: ise.basicInfo.systems[2],
        mine: deletedByTheirs.mine.basicInfo.systems[2],
        theirs: undefined,
      }),
    ]);
    const keep = mergeEdits(
      ise,
      (doc) => (doc.basicInfo.systems[2]!.functions = '連携サーバーの機能（乙が追記）'),
      (doc) => doc.basicInfo.systems.splice(2, 1),
      'yoshiki3',
      { choices: { '/basicInfo/systems/#system-3': 'mine' } },
    );
    expect(keep.result.conflicts).toEqual([]);
    expect(keep.merged.basicInfo.systems.map((system) => system.id)).toEqual(['system-1', 'system-2', 'system-3', 'system-4']);
    expect(keep.merged.basicInfo.systems[2]!.functions).toBe('連携サーバーの機能（乙が追記）');

    const deletedByMe = mergeEdits(ise, (doc) => doc.basicInfo.systems.splice(0, 1), (doc) => (doc.basicInfo.systems[0]!.name = '健康管理（甲）'));
    expect(deletedByMe.result.conflicts).toEqual([
      expect.objectContaining({ kind: 'entry', pointer: '/basicInfo/systems/0', mine: undefined, theirs: deletedByMe.theirs.basicInfo.systems[0] }),
    ]);
    // Meanwhile theirs holds: the edited entry is still there.
    expect(deletedByMe.merged.basicInfo.systems[0]!.name).toBe('健康管理（甲）');
  });

  it('keeps both entries when both sides added one under the same new id, renumbering mine', () => {
    const entry = (name: string) => ({ ...structuredClone(ise.basicInfo.systems[0]!), id: 'system-5', name });
    const { result, merged } = mergeEdits(ise, (doc) => doc.basicInfo.systems.push(entry('乙のシステム')), (doc) => doc.basicInfo.systems.push(entry('甲のシステム')));
    expect(result.conflicts).toEqual([]);
    expect(merged.basicInfo.systems.slice(4).map((system) => [system.id, system.name])).toEqual([
      ['system-5', '甲のシステム'],
      ['system-6', '乙のシステム'],
    ]);
  });

  it('merges changes inside entries of nested groups (委託事項 of a 特定個人情報ファイル)', () => {
    const { result, merged } = mergeEdits(
      kitakyushu,
      (doc) => (doc.files[0]!.overview.consignment.items[0]!.name = '乙の委託事項名'),
      (doc) => (doc.files[0]!.overview.consignment.items[1]!.name = '甲の委託事項名'),
      'yoshiki4',
    );
    expect(result.conflicts).toEqual([]);
    expect(merged.files[0]!.overview.consignment.items.slice(0, 2).map((entry) => entry.name)).toEqual(['乙の委託事項名', '甲の委託事項名']);
  });
});

describe('merge3: order of a group reordered on both sides', () => {
  const names = (doc: Yoshiki3Assessment): string[] => doc.basicInfo.systems.map((system) => system.id);

  it('takes the reordering side when only one side moved entries, keeping the other side’s edits', () => {
    const { result, merged } = mergeEdits(ise, (doc) => doc.basicInfo.systems.reverse(), (doc) => (doc.basicInfo.systems[0]!.name = '健康管理（甲）'));
    expect(result.conflicts).toEqual([]);
    expect(names(merged)).toEqual(['system-4', 'system-3', 'system-2', 'system-1']);
    expect(merged.basicInfo.systems[3]!.name).toBe('健康管理（甲）');
  });

  it('sees no conflict when both sides moved the entries into the same order', () => {
    const { result, merged } = mergeEdits(ise, (doc) => doc.basicInfo.systems.reverse(), (doc) => doc.basicInfo.systems.reverse());
    expect(result.conflicts).toEqual([]);
    expect(names(merged)).toEqual(['system-4', 'system-3', 'system-2', 'system-1']);
  });

  it('makes different orders on both sides one conflict of the group, listing the names in each order', () => {
    const swap = (doc: Yoshiki3Assessment, i: number): void => {
      const systems = doc.basicInfo.systems;
      [systems[i], systems[i + 1]] = [systems[i + 1]!, systems[i]!];
    };
    const { result, merged } = mergeEdits(ise, (doc) => swap(doc, 0), (doc) => swap(doc, 2));
    expect(result.conflicts).toEqual([
      {
        key: '/basicInfo/systems/#order',
        kind: 'order',
        pointer: '/basicInfo/systems',
        label: 'Ⅰ　基本情報 ２．特定個人情報ファイルを取り扱う事務において使用するシステム',
        base: ['健康管理システム', '中間サーバー', '団体内統合利用番号連携サーバー', '宛名管理システム'],
        mine: ['中間サーバー', '健康管理システム', '団体内統合利用番号連携サーバー', '宛名管理システム'],
        theirs: ['健康管理システム', '中間サーバー', '宛名管理システム', '団体内統合利用番号連携サーバー'],
      },
    ]);
    expect(names(merged)).toEqual(['system-1', 'system-2', 'system-4', 'system-3']);
    const mineChosen = mergeEdits(ise, (doc) => swap(doc, 0), (doc) => swap(doc, 2), 'yoshiki3', { choices: { '/basicInfo/systems/#order': 'mine' } });
    expect(names(mineChosen.merged)).toEqual(['system-2', 'system-1', 'system-3', 'system-4']);
  });

  it('places an entry added on one side after its predecessor in that side’s order, whatever the other side moved', () => {
    const added = { ...structuredClone(ise.basicInfo.systems[0]!), id: 'system-5', name: '新' };
    const { merged } = mergeEdits(ise, (doc) => doc.basicInfo.systems.splice(1, 0, added), (doc) => doc.basicInfo.systems.reverse());
    expect(names(merged)).toEqual(['system-4', 'system-3', 'system-2', 'system-1', 'system-5']);
  });
});

describe('merge3: parts the form does not print', () => {
  it('keeps acknowledgements both sides added, theirs first', () => {
    const ack = (ruleId: string) => ({ ruleId, reason: `${ruleId}の理由` });
    const { result, merged } = mergeEdits(ise, (doc) => (doc.acknowledgements = [ack('consignment.count')]), (doc) => (doc.acknowledgements = [ack('history.order')]));
    expect(result.conflicts).toEqual([]);
    expect(merged.acknowledgements).toEqual([ack('history.order'), ack('consignment.count')]);
    expect(result.incoming.map((change) => change.label)).toEqual(['確認済みの警告']);
  });

  it('merges the facts item by item and reports theirs by their titles', () => {
    const { result, merged } = mergeEdits(
      ise,
      (doc) => (doc.facts = { ...doc.facts, bodyType: '地方公共団体等' }),
      (doc) => (doc.facts = { ...doc.facts, threshold: { ...doc.facts?.threshold, handlerCount: 120 } }),
    );
    expect(result.conflicts).toEqual([]);
    expect(merged.facts?.bodyType).toBe('地方公共団体等');
    expect(merged.facts?.threshold?.handlerCount).toBe(120);
  });
});
