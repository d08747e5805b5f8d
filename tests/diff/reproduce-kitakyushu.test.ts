/**
 * Reproduce the published 変更箇所 rows of 北九州市 (seed 001, tests/fixtures/seeds/001_32f11d2c9b325af6.txt)
 * dated 令和7年8月29日, the batch of the current revision: the older revision is rebuilt from the rows'
 * 変更前の記載, diffed against the current document, and the proposed rows compared with the published ones.
 *
 * Rows not rebuilt, and why (the published table describes them instead of quoting them):
 *  - 154 （別添1）図の変更…: the 別添1 flow diagram is an image outside the data.
 *  - 155, 164 （１）予防接種情報ファイル → 予防接種情報ファイル: the （１） is the file number the heading
 *    prints while there are two files; it follows from rows 165/170 (the second file removed), not from data.
 *  - 156 ②事務の内容, 157 / 162 / 166 Ⅲ６リスク３・２・７, 158 / 171 Ⅲ６リスク４・６ 措置の内容: the table
 *    summarises a rename across the item (中間サーバ → 中間サーバー（項目内全件修正）, 項目削除) or quotes it
 *    abbreviated (「中間サーバ」 standing for a whole part), so no 変更前 text can be rebuilt from it.
 *  - 161 Ⅲ５リスク１その他の措置の内容 記載欄なし → ―: the item had no box in the old form; a dash says
 *    "nothing to state", as an empty box does, so there is no content change to propose (tested below).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeRow } from '../../src/domain/assessment.gen.js';
import { computeChanges, proposeRows } from '../../src/diff/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { expectRowLike, getAt, hadPassage, normalise, setAt, wasBefore, type PublishedRowCase } from '../helpers/published-rows.js';
import { seedFile } from '../helpers/seeds.js';

const FILE = '/files/0';
const PART_QUOTED = 'the table quotes only the changed passage; we cite the changed ＜…における措置＞ parts or the whole item';

/** The note 「＜…＞ / 項目削除」 closing a 変更後: a removed part's heading and the word for its removal. */
const withoutRemovalNote = (text: string): string => text.replace(/\n*[＜<][^\n]*[＞>]\n項目削除$/, '');

const CASES: PublishedRowCase[] = [
  { row: 147, pointer: `${FILE}/overview/storage/location`, rebuild: hadPassage(`${FILE}/overview/storage/location`), expect: { kind: 'contains', why: PART_QUOTED } },
  { row: 148, pointer: `${FILE}/overview/storage/erasure`, rebuild: hadPassage(`${FILE}/overview/storage/erasure`), expect: { kind: 'contains', why: PART_QUOTED } },
  {
    row: 149,
    pointer: `${FILE}/overview/consignment/items/2/scope`,
    // Published 変更前 「１）特定個人情報ファイルの一部」: the option text without its ＜選択肢＞ number.
    rebuild: (previous, published) => setAt(previous, `${FILE}/overview/consignment/items/2/scope/value`, published.before.replace(/^.）/, '')),
    expect: {
      kind: 'differs',
      why: 'the table writes the option with its ＜選択肢＞ number (２）…); we print the chosen value as the form shows it, [ … ]',
      check: (generated, published) => {
        expect(generated.before).toBe(`[ ${published.before.replace(/^.）/, '')} ]`);
        expect(generated.after).toBe(`[ ${published.after.replace(/^.）/, '')} ]`);
      },
    },
  },
  {
    row: 150,
    pointer: `${FILE}/overview/provision/transferees/0/purpose`,
    rebuild: wasBefore(`${FILE}/overview/provision/transferees/0/purpose`),
    expect: { kind: 'exact' },
  },
  {
    row: 151,
    pointer: '/basicInfo/systems/4',
    // 変更前 「システム5 / ワクチン接種記録システム（VRS）」: the slot and its ①システムの名称.
    rebuild: (previous, published) => {
      const systems = getAt(previous, '/basicInfo/systems') as Record<string, unknown>[];
      systems.push({ ...structuredClone(systems[0]!), id: 'system-5', name: published.before.split('\n')[1] });
    },
    expect: { kind: 'exact' },
  },
  { row: 152, pointer: '/basicInfo/numberUse/legalBasis', rebuild: wasBefore('/basicInfo/numberUse/legalBasis'), expect: { kind: 'exact' } },
  { row: 153, pointer: '/basicInfo/networkLinkage/legalBasis', rebuild: wasBefore('/basicInfo/networkLinkage/legalBasis'), expect: { kind: 'exact' } },
  {
    row: 159,
    pointer: '/recordItemsAnnex/lists',
    // The second file's list: its caption line, then its items.
    rebuild: (previous, published) => {
      const [caption, ...items] = published.before.split('\n');
      const lists = getAt(previous, '/recordItemsAnnex/lists') as unknown[];
      lists.push({ caption, groups: [{ heading: '', items: items.filter((line) => line.trim() !== '') }], footnote: '' });
    },
    expect: { kind: 'exact' },
  },
  {
    row: 160,
    pointer: `${FILE}/riskMeasures/acquisition/risk1/excessPrevention`,
    rebuild: (previous) => setAt(previous, `${FILE}/riskMeasures/acquisition/risk1/excessPrevention`, ''),
    expect: {
      kind: 'differs',
      why: 'the item is new in the form revision; the table writes 項目なし where our convention for a new item is （なし）',
      check: (generated, published) => {
        expect(published.before).toBe('項目なし');
        expect(generated.before).toBe('（なし）');
        expect(normalise(generated.after)).toBe(normalise(published.after));
      },
    },
  },
  {
    row: 163,
    pointer: `${FILE}/riskMeasures/acquisition/risk1/otherMeasures`,
    rebuild: wasBefore(`${FILE}/riskMeasures/acquisition/risk1/otherMeasures`),
    expect: {
      kind: 'differs',
      why: 'three of four lines were removed: this table quotes both whole texts, 004’s table quotes the removed lines with 削除; we follow the latter',
      check: (generated, published) => {
        expect(generated.after).toBe('削除');
        expect(normalise(published.before)).toBe(normalise(`${generated.before}\n${published.after}`));
      },
    },
  },
  ...[
    { row: 165, section: 'overview' },
    { row: 170, section: 'riskMeasures' },
  ].map(({ row, section }): PublishedRowCase => ({
    row,
    pointer: `/files/1/${section}`,
    // Rows 165 and 170 remove the second file, （２）ワクチン接種記録システム（VRS）情報ファイル, from Ⅱ and Ⅲ.
    rebuild: (previous, published) => {
      const files = getAt(previous, '/files') as Record<string, unknown>[];
      if (files.length > 1) return;
      const name = published.before.replace(/^（.）/, '');
      const second = structuredClone(files[0]!);
      const section = (key: string): Record<string, unknown> => ({ ...(second[key] as Record<string, unknown>), fileName: name });
      files.push({ ...second, id: 'file-2', overview: section('overview'), riskMeasures: section('riskMeasures') });
    },
    expect: {
      kind: 'differs',
      why: 'the table writes 削除（シート全体） (the whole sheet); we write 削除 beside the file’s heading',
      check: (generated, published) => {
        expect(normalise(generated.before)).toBe(normalise(published.before));
        expect(generated.after).toBe('削除');
      },
    },
  })),
  {
    row: 167,
    pointer: `${FILE}/riskMeasures/network/otherRisks`,
    // The table repeats the part's heading above the one bullet that changed (④), leaving out ①–③.
    rebuild: (previous, published) => {
      const withoutHeading = (text: string): string => text.split('\n').slice(1).join('\n');
      hadPassage(`${FILE}/riskMeasures/network/otherRisks`)(previous, { ...published, before: withoutHeading(published.before), after: withoutHeading(published.after) });
    },
    expect: {
      kind: 'differs',
      why: PART_QUOTED,
      check: (generated, published) => {
        for (const line of published.before.split('\n').slice(1)) expect(normalise(generated.before)).toContain(normalise(line));
        for (const line of published.after.split('\n').slice(1)) expect(normalise(generated.after)).toContain(normalise(line));
      },
    },
  },
  {
    row: 168,
    pointer: `${FILE}/riskMeasures/storage/risk1/physical/method`,
    rebuild: hadPassage(`${FILE}/riskMeasures/storage/risk1/physical/method`),
    expect: { kind: 'contains', why: PART_QUOTED },
  },
  {
    row: 169,
    pointer: `${FILE}/riskMeasures/storage/risk1/technical/method`,
    rebuild: hadPassage(`${FILE}/riskMeasures/storage/risk1/technical/method`),
    expect: { kind: 'contains', why: PART_QUOTED },
  },
  {
    row: 172,
    pointer: '/procedures/basicAssessment/date',
    // 令和5年2月10日 is 2023-02-10.
    rebuild: (previous) => setAt(previous, '/procedures/basicAssessment/date', '2023-02-10'),
    expect: { kind: 'exact' },
  },
  { row: 173, pointer: '/disclosure/inquiry/contact', rebuild: hadPassage('/disclosure/inquiry/contact'), expect: { kind: 'contains', why: PART_QUOTED } },
  ...[
    { row: 174, pointer: '/otherRiskMeasures/training/method' },
    { row: 175, pointer: '/otherRiskMeasures/audit/audit/content' },
    { row: 176, pointer: '/otherRiskMeasures/otherMeasures' },
    { row: 177, pointer: '/otherRiskMeasures/audit/selfInspection/method' },
  ].map(({ row, pointer }): PublishedRowCase => ({
    row,
    pointer,
    // 変更後 ends with a note, ＜…追加措置＞ / 項目削除, that the part quoted in 変更前 was removed; the body has the rest.
    rebuild: (previous, published) => hadPassage(pointer)(previous, { ...published, after: withoutRemovalNote(published.after) }),
    expect: {
      kind: 'differs',
      why: `${PART_QUOTED}; the removed part is noted as 項目削除 under its heading, where we cite the whole old and new texts`,
      check: (generated, published) => {
        expect(normalise(generated.before)).toContain(normalise(published.before));
        expect(normalise(generated.after)).toContain(normalise(withoutRemovalNote(published.after)));
      },
    },
  })),
];

describe('reproducing the published 変更箇所 of 北九州市 (001), rows of 令和7年8月29日', () => {
  let published: ChangeRow[];
  let generated: Map<string, ChangeRow>;

  beforeAll(async () => {
    const current = await loadAssessment(seedFile('001-kitakyushu-yobosesshu'));
    published = current.data['changeHistory'] as ChangeRow[];
    const previous = structuredClone(current.data);
    for (const c of CASES) c.rebuild(previous, published[c.row - 1]!);
    const rows = proposeRows(computeChanges('yoshiki4', previous, current.data), '2025-08-29');
    generated = new Map(rows.map((row) => [row.pointer!, row]));
  });

  it('proposes one row per rebuilt published row, for the same items, and nothing else', () => {
    expect([...generated.keys()].sort()).toEqual(CASES.map((c) => c.pointer).sort());
  });

  it('row 161: an item that had no box (empty) and now holds only 「―」 is not a change', async () => {
    const current = (await loadAssessment(seedFile('001-kitakyushu-yobosesshu'))).data;
    const pointer = `${FILE}/riskMeasures/provision/risk1/otherMeasures`;
    expect(getAt(current, pointer)).toBe('　―');
    const previous = structuredClone(current);
    setAt(previous, pointer, '');
    expect(computeChanges('yoshiki4', previous, current)).toEqual([]);
  });

  it.each(CASES)('row $row: $pointer', (c) => {
    const want = published[c.row - 1]!;
    expect(want.date).toBe('2025-08-29');
    expectRowLike(c, generated.get(c.pointer)!, want);
  });
});
