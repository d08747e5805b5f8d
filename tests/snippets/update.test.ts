/**
 * The issue's "Done when" at the core: the 中間サーバー・プラットフォーム texts were renewed (自治体中間サーバ・
 * プラットフォーム更改) and 001 and 004 both carried them. Their documents of before the renewal are rebuilt from
 * the published 変更前 texts (001's rows of 令和7年8月29日) with the spans recorded as version 1; updating the
 * library's texts must give back today's documents, with the rows grouped under one summary as 004 printed them,
 * and must leave alone the span 004 had edited by hand (its ④ reads 保守・運用を行う事業者及びクラウドサービス事業者).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeRow } from '../../src/domain/assessment.gen.js';
import {
  snippetUsesOf,
  updateSnippets,
  updateSnippetsInAll,
  type AssessmentToUpdate,
  type SnippetLibrary,
  type SnippetUse,
} from '../../src/snippets/index.js';
import { validateAssessment } from '../../src/schema/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { getAt, setAt } from '../checks/seed-fixtures.js';
import { normalise } from '../helpers/published-rows.js';
import { NETWORK_OTHER, RENEWAL_SUMMARY as SUMMARY, bundledLibrary, ise004BeforeRenewal, kitakyushu001BeforeRenewal } from '../helpers/renewal.js';
import { seedFile } from '../helpers/seeds.js';

const CHANGE_DATE = '2025-10-01';

let library: SnippetLibrary;
let today: Record<'001' | '004', Record<string, unknown>>;
let before: Record<'001' | '004', Record<string, unknown>>;

beforeAll(async () => {
  library = await bundledLibrary();
  const load = async (dir: string): Promise<Record<string, unknown>> => (await loadAssessment(seedFile(dir))).data;
  today = { '001': await load('001-kitakyushu-yobosesshu'), '004': await load('004-ise-yobosesshu') };
  // 004 took the version-1 text into Ⅲ６ and then changed its ④ by hand: the text stays as 004 published it.
  before = { '001': await kitakyushu001BeforeRenewal(library), '004': await ise004BeforeRenewal(library) };
});

const assessments = (): AssessmentToUpdate[] => [
  { id: '001', form: 'yoshiki4', data: before['001'] },
  { id: '004', form: 'yoshiki3', data: before['004'] },
];

/** 001's published rows of the renewal (令和7年8月29日) and the items they cite. */
const ROWS_001 = [
  [147, '/files/0/overview/storage/location'],
  [148, '/files/0/overview/storage/erasure'],
  [167, NETWORK_OTHER],
  [168, '/files/0/riskMeasures/storage/risk1/physical/method'],
] as const;

const publishedRow = (data: Record<string, unknown>, n: number): ChangeRow => (data['changeHistory'] as ChangeRow[])[n - 1]!;

describe('updating a renewed standard text across 001 and 004', () => {
  it('rebuilds the documents of before the renewal (the fixture): 001 holds every line its rows of 令和7年8月29日 print as 変更前', () => {
    for (const [n, pointer] of ROWS_001) {
      const text = normalise(String(getAt(before['001'], pointer)));
      for (const line of publishedRow(today['001'], n).before.split('\n')) expect(text).toContain(normalise(line));
    }
    expect(validateAssessment(before['001']).issues).toEqual([]);
    expect(validateAssessment(before['004']).issues).toEqual([]);
  });

  it('gives back 001 as published, one summary row per replaced item, and 001’s remaining old text renewed too', () => {
    const [first] = updateSnippetsInAll(library, assessments(), { changeDate: CHANGE_DATE });
    const { data, rows, summary, conflicts, updated } = first!.result;
    expect(conflicts).toEqual([]);
    expect(summary).toBe(SUMMARY);
    expect(updated.map((u) => `${u.pointer} ${u.snippet} ${u.fromVersion}→${u.to.version}`)).toEqual([
      '/files/0/overview/storage/location chukan-pf-hokan-basho 1→2',
      '/files/0/overview/storage/erasure chukan-pf-shokyo 1→2',
      '/files/0/riskMeasures/network/otherRisks chukan-pf-renkei 1→2',
      '/files/0/riskMeasures/storage/risk1/physical/method chukan-pf-butsuri 1→2',
      '/files/0/riskMeasures/storage/otherRisks chukan-pf-hokan-sonota 1→2',
    ]);
    // Today's 001, except Ⅲ７ その他のリスク, which 001 had not renewed yet.
    const expected = structuredClone(today['001']);
    const pointer = '/files/0/riskMeasures/storage/otherRisks';
    setAt(expected, pointer, String(getAt(expected, pointer)).replace(library.get('chukan-pf-hokan-sonota', 1)!.body, library.get('chukan-pf-hokan-sonota', 2)!.body));
    const { snippetUses: usesNow, ...content } = data;
    const { snippetUses: _expectedUses, ...expectedContent } = expected;
    expect(content).toEqual(expectedContent);
    expect((usesNow as SnippetUse[]).every((use) => library.newestFor(use.snippet, use.version) === undefined)).toBe(true);

    expect(rows.map((row) => row.after)).toEqual(Array(5).fill(SUMMARY));
    expect(rows.every((row) => row.date === CHANGE_DATE)).toBe(true);
    // Where 001 published a row of its own for the renewal, ours cites the same item and the same 変更前 text;
    // for Ⅲ６ 001 quoted only the changed ④ under its heading, we quote the whole ＜…における措置＞ part that changed.
    for (const [n, pointerOfRow] of ROWS_001) {
      const published = publishedRow(today['001'], n);
      const ours = rows.find((row) => row.pointer === pointerOfRow)!;
      expect(normalise(published.item).endsWith(normalise(ours.item.split('\n').at(-1)!))).toBe(true);
      if (n === 167) for (const line of published.before.split('\n')) expect(normalise(ours.before)).toContain(normalise(line));
      else expect(normalise(ours.before)).toBe(normalise(published.before));
    }
  });

  it('gives 004 its rows grouped under the summary its own rows of 令和7年8月19日 print, and leaves its hand-edited ④ alone with a warning', () => {
    const [, second] = updateSnippetsInAll(library, assessments(), { changeDate: CHANGE_DATE });
    const { data, rows, conflicts, warnings } = second!.result;
    expect(rows.map((row) => [row.pointer, row.after])).toEqual([
      ['/files/0/overview/storage/location', SUMMARY],
      ['/files/0/riskMeasures/storage/otherRisks', SUMMARY],
    ]);
    // 004 printed these two items with the summary (after ガバメントクラウドにおける措置及び, added the same day);
    // for Ⅱ６ it cited the heading ６．特定個人情報の保管・消去, we cite down to its one item, 保管場所.
    for (const [n, index] of [[28, 0], [33, 1]] as const) {
      const published = publishedRow(today['004'], n);
      expect(published.after.endsWith(SUMMARY)).toBe(true);
      expect(rows[index]!.item.split('\n').map(normalise)).toContain(normalise(published.item.split('\n').at(-1)!));
    }
    expect(getAt(data, '/files/0/overview/storage/location')).toBe(getAt(today['004'], '/files/0/overview/storage/location'));
    expect(getAt(data, '/files/0/riskMeasures/storage/otherRisks')).toBe(getAt(today['004'], '/files/0/riskMeasures/storage/otherRisks'));

    // The hand-edited span: untouched, still recorded as version 1, and shown three ways.
    expect(getAt(data, NETWORK_OTHER)).toBe(getAt(today['004'], NETWORK_OTHER));
    expect(snippetUsesOf(data).find((use) => use.pointer === NETWORK_OTHER && use.snippet === 'chukan-pf-renkei')?.version).toBe(1);
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    expect(conflict).toMatchObject({ pointer: NETWORK_OTHER, snippet: 'chukan-pf-renkei', fromVersion: 1, to: { id: 'chukan-pf-renkei', version: 2 }, state: 'edited' });
    expect(conflict!.inserted).toBe(library.get('chukan-pf-renkei', 1)!.body);
    expect(conflict!.next).toBe(library.get('chukan-pf-renkei', 2)!.body);
    expect(conflict!.current).toBe(String(getAt(today['004'], NETWORK_OTHER)).split('\n').slice(3, 8).join('\n'));
    expect(conflict!.edits.filter((part) => part.kind === 'added').map((part) => part.text).join('')).toBe('及びクラウドサービス事業者');
    expect(warnings).toEqual([
      '「Ⅲ　リスク対策 > ６．情報提供ネットワークシステムとの接続 > 情報提供ネットワークシステムとの接続に伴うその他のリスク及びそのリスクに対する措置」の標準文「中間サーバー・プラットフォームにおける措置（情報提供ネットワークシステムとの接続）」（第1版）は挿入後に手で直されているため、第2版に置き換えませんでした。挿入した版・今の記載・新しい版を見比べて直してください。',
    ]);
  });

  it('does the same one assessment at a time, with the officer’s summary or for one standard text only', () => {
    const [, together] = updateSnippetsInAll(library, assessments(), { changeDate: CHANGE_DATE });
    expect(updateSnippets('yoshiki3', before['004'], library, { changeDate: CHANGE_DATE })).toEqual(together!.result);
    const own = updateSnippets('yoshiki3', before['004'], library, { changeDate: CHANGE_DATE, summary: '中間サーバーの記載を更新' });
    expect(own.rows.map((row) => row.after)).toEqual(['中間サーバーの記載を更新', '中間サーバーの記載を更新']);
    const one = updateSnippets('yoshiki3', before['004'], library, { changeDate: CHANGE_DATE, snippets: ['chukan-pf-hokan-basho'] });
    expect(one.updated.map((u) => u.pointer)).toEqual(['/files/0/overview/storage/location']);
    expect(one.conflicts).toEqual([]);
  });

  it('changes nothing and proposes no row where every text is already the newest', () => {
    const result = updateSnippets('yoshiki3', today['004'], library, { changeDate: CHANGE_DATE });
    expect(result.rows).toEqual([]);
    expect(result.data).toEqual(today['004']);
  });
});
