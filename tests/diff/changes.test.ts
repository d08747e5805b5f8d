import { beforeAll, describe, expect, it } from 'vitest';
import type { Yoshiki3Assessment, Yoshiki4Assessment } from '../../src/domain/assessment.gen.js';
import type { ConfirmedRow } from '../../src/domain/revision.js';
import { applyException, computeChanges, keepConfirmed, proposeRows, timingWarning, type ChangeCandidate } from '../../src/diff/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { seedFile } from '../helpers/seeds.js';

let ise: Yoshiki3Assessment;
let kitakyushu: Yoshiki4Assessment;
beforeAll(async () => {
  ise = (await loadAssessment(seedFile('004-ise-yobosesshu'))).data as unknown as Yoshiki3Assessment;
  kitakyushu = (await loadAssessment(seedFile('001-kitakyushu-yobosesshu'))).data as unknown as Yoshiki4Assessment;
});

const changed = <T extends object>(before: T, edit: (doc: T) => void, form: 'yoshiki3' | 'yoshiki4' = 'yoshiki3'): ChangeCandidate[] => {
  const after = structuredClone(before);
  edit(after);
  return computeChanges(form, before, after);
};

describe('computeChanges: what is not part of the published form', () => {
  it('adding, editing and removing acknowledgements of WARNs proposes no 変更箇所 row, in either form', () => {
    const ack = { ruleId: 'consignment.count', pointer: '/files/0/overview/consignment/status/count', reason: '件数は次回の修正で直す' };
    expect(changed(ise, (doc) => (doc.acknowledgements = [ack]))).toEqual([]);
    const acknowledged: Yoshiki3Assessment = { ...ise, acknowledgements: [ack] };
    expect(changed(acknowledged, (doc) => (doc.acknowledgements = [{ ...ack, reason: '公表済みのとおり' }]))).toEqual([]);
    expect(changed(acknowledged, (doc) => delete doc.acknowledgements)).toEqual([]);
    expect(changed(kitakyushu, (doc) => (doc.acknowledgements = [{ ruleId: 'history.order', reason: '公表済みの並び' }]), 'yoshiki4')).toEqual([]);
  });

  it('an acknowledgement beside a real edit leaves exactly the edit', () => {
    const changes = changed(ise, (doc) => {
      doc.acknowledgements = [{ ruleId: 'history.timingEmpty', reason: '取り込んだ公表済みの行' }];
      doc.disclosure.inquiry.contact = '伊勢市役所 健康課';
    });
    expect(changes.map((change) => change.pointer)).toEqual(['/disclosure/inquiry/contact']);
  });
});

describe('computeChanges: cover metadata that is not content (x-notAChange in the schema)', () => {
  it('a new 公表日, 承認日 or form-revision stamp proposes no row; a real edit beside them stays the only row', () => {
    expect(changed(ise, (doc) => (doc.cover.publishedOn = '2026-04-01'))).toEqual([]);
    expect(changed(ise, (doc) => (doc.formRevision = '令和６年10月'))).toEqual([]);
    expect(changed(kitakyushu, (doc) => (doc.cover.approvedOn = '2026-03-31'), 'yoshiki4')).toEqual([]);
    const changes = changed(ise, (doc) => {
      doc.cover.publishedOn = '2026-04-01';
      doc.cover.organization = '伊勢市長　鈴木健一';
    });
    expect(changes.map((change) => change.pointer)).toEqual(['/cover/organization']);
  });
});

describe('computeChanges: repeated groups are matched by id', () => {
  it('deleting システム3 is one removed slot; システム4, now printed third, is not changed', () => {
    const changes = changed(ise, (doc) => doc.basicInfo.systems.splice(2, 1));
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'removed',
        pointer: '/basicInfo/systems/2',
        item: 'Ⅰ　基本情報\n２．特定個人情報ファイルを取り扱う事務において使用するシステム\nシステム3',
        before: 'システム3\n団体内統合利用番号連携サーバー',
        after: '削除',
      }),
    ]);
  });

  it('reordering entries is not a content change', () => {
    expect(changed(kitakyushu, (doc) => doc.basicInfo.systems.reverse(), 'yoshiki4')).toEqual([]);
    expect(changed(ise, (doc) => doc.files[0]!.overview.provision.recipients.reverse())).toEqual([]);
  });

  it('an added slot is （なし） → its label and name; a change inside a moved entry is cited at its new number', () => {
    const changes = changed(ise, (doc) => {
      const [first] = doc.files[0]!.overview.consignment.items;
      doc.files[0]!.overview.consignment.items.unshift({ ...structuredClone(first!), id: 'consignee-9', name: '窓口業務委託' });
      doc.files[0]!.overview.consignment.items[1]!.contractor = '株式会社　伊勢情報';
    });
    expect(changes.map(({ kind, item, before, after }) => ({ kind, item: item.split('\n').slice(-2).join(' '), before, after }))).toEqual([
      { kind: 'added', item: '４．特定個人情報ファイルの取扱いの委託 委託事項1', before: '（なし）', after: '委託事項1\n窓口業務委託' },
      { kind: 'changed', item: '委託事項2 ③委託先名', before: '株式会社　松阪電子計算センター', after: '株式会社　伊勢情報' },
    ]);
  });

  it('an added 委託事項 is ※ (④再委託の有無 inside it is); an added システム is not', () => {
    const consignee = changed(ise, (doc) => doc.files[0]!.overview.consignment.items.push({ ...structuredClone(doc.files[0]!.overview.consignment.items[0]!), id: 'consignee-2' }));
    expect(consignee[0]?.important).toBe(true);
    const system = changed(ise, (doc) => doc.basicInfo.systems.push({ ...structuredClone(doc.basicInfo.systems[0]!), id: 'system-9' }));
    expect(system[0]?.important).toBe(false);
  });
});

describe('computeChanges: values printed as on the form', () => {
  it('a check box turned on and one turned off: only those boxes, with their state', () => {
    const changes = changed(ise, (doc) => {
      doc.files[0]!.overview.acquisitionUse.sources.nationalAgency = { checked: true, text: 'デジタル庁' };
      doc.files[0]!.overview.acquisitionUse.sources.self = false;
    });
    expect(changes).toEqual([
      expect.objectContaining({
        item: 'Ⅱ　特定個人情報ファイルの概要\n３．特定個人情報の入手・使用\n①入手元',
        before: '[○]本人又は本人の代理人\n[ ]行政機関・独立行政法人等',
        after: '[ ]本人又は本人の代理人\n[○]行政機関・独立行政法人等（デジタル庁）',
      }),
    ]);
  });

  it('a choice change prints both options in brackets; a count prints with 件', () => {
    const changes = changed(ise, (doc) => {
      doc.basicInfo.networkLinkage.implementation = '実施しない';
      doc.files[0]!.overview.consignment.status.count = 1;
    });
    expect(changes.map(({ before, after }) => [before, after])).toEqual([
      ['[ 実施する ]', '[ 実施しない ]'],
      ['[ 委託する ]　（ 2 ）件', '[ 委託する ]　（ 1 ）件'],
    ]);
  });

  it('a date in 和暦; a text cleared is 削除, a text filled from empty has （なし）', () => {
    const changes = changed(ise, (doc) => {
      doc.procedures.basicAssessment.date = '2026-04-01';
      doc.files[0]!.overview.acquisitionUse.usage.matching = '';
      doc.disclosure.request.specialProcedure = '窓口で受け付ける。';
    });
    expect(changes.map(({ before, after }) => [before, after])).toEqual([
      ['・宛名管理システム内の宛名情報と突合し、接種対象者であることを確認する。', '削除'],
      ['（なし）', '窓口で受け付ける。'],
      ['令和7年8月19日', '令和8年4月1日'],
    ]);
  });

  it('changes come in printed order: cover, Ⅰ, Ⅱ, 別添１, Ⅲ, then the later parts', () => {
    const changes = changed(ise, (doc) => {
      doc.procedures.basicAssessment.date = '2026-04-01';
      doc.files[0]!.riskMeasures.fileName = '予防接種ファイル';
      doc.recordItemsAnnex.lists[0]!.caption = '予防接種情報ファイル';
      doc.files[0]!.overview.fileName = '予防接種ファイル';
      doc.cover.specialNotes = '本評価書では略称を用いる。';
    });
    expect(changes.map((c) => c.item.split('\n')[0])).toEqual([
      '表紙',
      'Ⅱ　特定個人情報ファイルの概要',
      '（別添１） 特定個人情報ファイル記録項目',
      'Ⅲ　リスク対策',
      'Ⅴ　評価実施手続',
    ]);
  });

  it('the imported 変更箇所 rows and the form id are bookkeeping, not changes', () => {
    expect(changed(ise, (doc) => doc.changeHistory.pop())).toEqual([]);
  });
});

describe('proposed 提出時期 (rules.md §5)', () => {
  it('a ※ item (Ⅱ６ 保管場所) → 事前, 重要な変更にあたる項目', () => {
    const [row] = proposeRows(changed(ise, (doc) => (doc.files[0]!.overview.storage.location += '\n・追記'), 'yoshiki3'), '2026-04-01');
    expect(row).toMatchObject({ date: '2026-04-01', timing: '事前', explanation: '重要な変更にあたる項目', important: true });
  });

  it('an item without ※ (Ⅰ７ 評価実施機関における担当部署) → 事後, 重要な変更にあたらぬ項目', () => {
    const [row] = proposeRows(changed(ise, (doc) => (doc.basicInfo.department.name = '健康福祉部保健課')), '2026-04-01');
    expect(row).toMatchObject({ timing: '事後', explanation: '重要な変更にあたらぬ項目', important: false });
  });

  it('Ⅲ７② (the 3-year accident item) is the exception of Ⅲ’s ※', () => {
    const [row] = proposeRows(changed(ise, (doc) => (doc.files[0]!.riskMeasures.storage.risk.seriousAccident.value = '発生あり')), '2026-04-01');
    expect(row).toMatchObject({ timing: '事後', important: false });
  });

  it('an exception turns a ※ change into 事後 with its reason; an officer’s own explanation is kept', () => {
    const [proposed] = proposeRows(changed(ise, (doc) => (doc.basicInfo.numberUse.legalBasis = '番号法第9条第1項　別表　14項')), '2026-04-01');
    const typo = applyException(proposed!, 'TYPO');
    expect(typo).toMatchObject({ timing: '事後', explanation: '重要な変更にあたらぬ項目（誤字脱字の修正）', exception: 'TYPO' });
    const edited: ConfirmedRow = { ...proposed!, explanation: '条項番号の整理のみ' };
    expect(applyException(edited, 'FORMAL')).toMatchObject({ timing: '事前', explanation: '条項番号の整理のみ', exception: 'FORMAL' });
  });

  it('recomputed proposals keep the officer’s 提出時期, explanation and hand-written rows', () => {
    const proposed = proposeRows(changed(ise, (doc) => (doc.files[0]!.overview.storage.location += '\n・追記')), '2026-04-01');
    const decided: ConfirmedRow[] = [
      { ...proposed[0]!, timing: '事後', explanation: '重要な変更にあたる項目（リスクを軽減させる変更）' },
      { date: '2026-04-01', item: '（別添１）', before: '', after: '図の修正', timing: '事後', explanation: '', important: false },
    ];
    const merged = keepConfirmed(proposed, decided);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ timing: '事後', explanation: '重要な変更にあたる項目（リスクを軽減させる変更）' });
    expect(merged[1]?.after).toBe('図の修正');
  });

  it('flags a confirmed row whose 提出時期 contradicts the rule, and only those', () => {
    const row = (fields: Partial<ConfirmedRow>): ConfirmedRow => ({
      date: '2026-04-01', item: 'x', before: 'a', after: 'b', timing: '事前', explanation: '', important: true, ...fields,
    });
    expect(timingWarning(row({}))).toBeUndefined();
    expect(timingWarning(row({ timing: '事後' }))).toContain('※の項目');
    expect(timingWarning(row({ important: false }))).toContain('※のない項目');
    expect(timingWarning(row({ important: false, timing: '事後' }))).toBeUndefined();
    expect(timingWarning(row({ timing: '事後', exception: 'TYPO', explanation: '重要な変更にあたらぬ項目' }))).toBeUndefined();
    expect(timingWarning(row({ timing: '事後', exception: 'TYPO' }))).toContain('説明が空');
    expect(timingWarning(row({ timing: '' }))).toContain('提出時期が空');
  });
});

describe('computeChanges: dates in the cells as the document writes them', () => {
  const redated = (doc: Yoshiki3Assessment): void => {
    doc.procedures.basicAssessment.date = '2019-05-24';
  };

  it('prints the first year of an era as 元年 by default, and as 1年 when the document chose that (printSettings.eraFirstYear)', () => {
    const [gannen] = changed(ise, redated);
    expect(gannen?.after).toBe('令和元年5月24日');
    const numeric: Yoshiki3Assessment = { ...ise, printSettings: { ...ise.printSettings, eraFirstYear: '1年' } };
    const [first] = changed(numeric, redated);
    expect(first?.after).toBe('令和1年5月24日');
  });
});
