/**
 * 非公表 flags (rules.md §8): how a flag finds its text after edits (and refuses to guess when it cannot), the
 * 公表版 of the data and of 変更箇所 rows, and the WARN / ERROR rules of the checks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAssessment } from '../../src/checks/index.js';
import { validateAssessment } from '../../src/schema/index.js';
import { loadAssessment } from '../../src/store/index.js';
import {
  locateWithheld,
  publicVersion,
  spanEntry,
  wholeEntry,
  withholdInRow,
  withWithheld,
  withoutWithheld,
  type WithheldEntry,
} from '../../src/withheld/index.js';
import { seedFile } from '../helpers/seeds.js';

type Data = Record<string, unknown>;
const MARKER = '（セキュリティ上のリスクがあるため非公表）';
const RISKS = '/files/0/riskMeasures/storage/otherRisks';
const LOCATION = '/files/0/overview/storage/location';

let ise: Data;
beforeAll(async () => {
  ise = (await loadAssessment(seedFile('004-ise-yobosesshu'))).data;
});

const at = (data: Data, pointer: string): string =>
  pointer.split('/').slice(1).reduce<unknown>((node, key) => (node as Data)[key], data) as string;
const setAt = (data: Data, pointer: string, value: unknown): Data => {
  const copy = structuredClone(data);
  const keys = pointer.split('/').slice(1);
  const parent = keys.slice(0, -1).reduce<unknown>((node, key) => (node as Data)[key], copy) as Data;
  parent[keys.at(-1)!] = value;
  return copy;
};
const withFlags = (data: Data, ...entries: WithheldEntry[]): Data => entries.reduce((out, entry) => withWithheld(out, entry), data);
const findings = (data: Data, rule: string) => checkAssessment('yoshiki3', data, { today: '2025-10-01' }).filter((finding) => finding.ruleId === rule);

describe('locating a flag', () => {
  it('finds a span by its text, after edits elsewhere in the item too', () => {
    const data = withFlags(ise, { pointer: RISKS, text: '24時間365日', reason: '監視の時間帯' });
    expect(locateWithheld('yoshiki3', data)).toEqual([expect.objectContaining({ state: 'span', spans: [expect.objectContaining({ end: expect.any(Number) })] })]);
    const edited = setAt(data, RISKS, `・冒頭に一行加えた。\n${at(data, RISKS)}`);
    expect(locateWithheld('yoshiki3', edited)[0]!.state).toBe('span');
    expect(validateAssessment(data).issues).toEqual([]);
  });

  it('marks a span stale when its own text changed, and never applies it elsewhere', () => {
    const data = withFlags(ise, { pointer: RISKS, text: '24時間365日', reason: '監視の時間帯' });
    const edited = setAt(data, RISKS, at(data, RISKS).replace('24時間365日', '常時'));
    expect(locateWithheld('yoshiki3', edited)[0]!.state).toBe('stale');
    const version = publicVersion('yoshiki3', edited);
    expect(version.unresolved).toHaveLength(1);
    expect(at(version.data, RISKS)).toBe(at(edited, RISKS));
  });

  it('tells one occurrence from another by the text around it, and goes stale when that text changes', () => {
    const value = '点検は毎月行う。訓練は毎月行う。';
    const data = setAt(ise, RISKS, value);
    const second = value.lastIndexOf('毎月');
    const entry = spanEntry(value, RISKS, second, second + 2, '訓練の頻度');
    expect(entry.prefix).toBe('毎月行う。訓練は');
    const flagged = withFlags(data, entry);
    expect(at(publicVersion('yoshiki3', flagged).data, RISKS)).toBe(`点検は毎月行う。訓練は${MARKER}行う。`);
    // A single occurrence needs no context, so edits around it do not disturb the flag.
    expect(spanEntry(value, RISKS, 0, 2, '理由')).toEqual({ pointer: RISKS, text: '点検', reason: '理由' });
    const reworded = setAt(flagged, RISKS, '点検は毎月行う。演習は毎月行う。');
    expect(locateWithheld('yoshiki3', reworded)[0]!.state).toBe('stale');
  });

  it('withholds every occurrence of a text flagged without context', () => {
    const data = withFlags(setAt(ise, RISKS, 'A棟とA棟の間'), { pointer: RISKS, text: 'A棟', reason: '所在' });
    expect(at(publicVersion('yoshiki3', data).data, RISKS)).toBe(`${MARKER}と${MARKER}の間`);
  });

  it('finds a whole value by its hash; an edited value stays withheld whole but is reported', () => {
    const entry = wholeEntry(at(ise, LOCATION), LOCATION, '全体');
    const data = withFlags(ise, entry);
    expect(locateWithheld('yoshiki3', data)[0]!.state).toBe('whole');
    expect(at(publicVersion('yoshiki3', data).data, LOCATION)).toBe(MARKER);
    const edited = setAt(data, LOCATION, '別の記載');
    expect(locateWithheld('yoshiki3', edited)[0]!.state).toBe('stale');
    expect(at(publicVersion('yoshiki3', edited).data, LOCATION)).toBe(MARKER);
  });

  it('refuses a span in something that is not printed free text', () => {
    const data = withFlags(ise, { pointer: '/files/0/riskMeasures/storage/risk/sufficiency', text: '十分', reason: '理由' }, { pointer: '/facts/bodyType', text: '地方', reason: '理由' });
    expect(locateWithheld('yoshiki3', data).map((flag) => flag.state)).toEqual(['invalid', 'invalid']);
  });

  it('adds and removes flags as edits of the non-printed list; the same span gets the new reason', () => {
    const entry = { pointer: RISKS, text: '24時間365日', reason: '一' };
    const twice = withWithheld(withWithheld(ise, entry), { ...entry, reason: '二' });
    expect(twice['withheld']).toEqual([{ ...entry, reason: '二' }]);
    expect(withoutWithheld(twice, 0)).not.toHaveProperty('withheld');
  });
});

describe('the 公表版 of data and rows', () => {
  it('uses the document’s own marker when it sets one', () => {
    const data = withFlags(setAt(ise, '/printSettings', { withheldMarker: '（非公表）' }), { pointer: RISKS, text: '24時間365日', reason: '監視' });
    expect(at(publicVersion('yoshiki3', data).data, RISKS)).toContain('DDos対策を（非公表）講じる');
  });

  it('withholds the texts in 変更前, 変更後 and the explanation of any 変更箇所 row, never inside a marker', () => {
    // The marker itself says リスク: a withheld リスク must never be replaced inside it.
    const data = withFlags(setAt(ise, RISKS, '残るリスクは小さい。'), { pointer: RISKS, text: 'リスク', reason: '例' });
    const version = publicVersion('yoshiki3', data);
    const row = { date: '2025-10-01', item: 'Ⅲ', before: 'リスクA', after: `${MARKER}リスクB`, timing: '事後', explanation: 'リスク' };
    expect(withholdInRow(row, version)).toEqual({ ...row, before: `${MARKER}A`, after: `${MARKER}${MARKER}B`, explanation: MARKER });
  });
});

describe('rules.md §8 in the checks', () => {
  it('finds nothing for spans of Ⅲ and Ⅱ 保管場所 flagged with reasons', () => {
    const data = withFlags(ise, { pointer: RISKS, text: '24時間365日', reason: '監視' }, { pointer: LOCATION, text: '本番環境とは別のデータセンター内', reason: '所在' });
    expect(checkAssessment('yoshiki3', data, { today: '2025-10-01' }).filter((finding) => finding.ruleId.startsWith('withheld.'))).toEqual([]);
  });

  it('WARN withheld.wholeItem: a whole value, or a span that is the whole text', () => {
    const whole = withFlags(ise, wholeEntry(at(ise, LOCATION), LOCATION, '全体'));
    expect(findings(whole, 'withheld.wholeItem')).toEqual([expect.objectContaining({ severity: 'WARN', pointers: [LOCATION, '/withheld/0'] })]);
    const all = withFlags(ise, { pointer: '/files/0/overview/remarks', text: '―', reason: '全部' });
    expect(findings(all, 'withheld.wholeItem')).toHaveLength(1);
  });

  it('WARN withheld.outsideArea: a span outside Ⅲ, Ⅳ of 様式４ and Ⅱ 保管場所 (not for the 変更箇所 rows)', () => {
    const data = withFlags(ise, { pointer: '/basicInfo/systems/0/name', text: '健康管理', reason: '名称' }, { pointer: '/changeHistory/10/before', text: '電子錠', reason: '方法' });
    const found = findings(data, 'withheld.outsideArea');
    expect(found.map((finding) => finding.pointers[0])).toEqual(['/basicInfo/systems/0/name']);
    expect(found[0]!.message).toContain('理由: 名称');
  });

  it('ERROR withheld.published: a stale flag, a flag naming nothing printable, and a withheld text left unflagged elsewhere', () => {
    const stale = setAt(withFlags(ise, { pointer: RISKS, text: '24時間365日', reason: '監視' }), RISKS, '書き換えた');
    expect(findings(stale, 'withheld.published')).toEqual([expect.objectContaining({ severity: 'ERROR', pointers: [RISKS, '/withheld/0'] })]);
    const invalid = withFlags(ise, { pointer: '/facts/bodyType', text: '地方', reason: '例' });
    expect(findings(invalid, 'withheld.published')[0]!.pointers).toEqual(['/withheld/0']);
    const leak = withFlags(setAt(ise, LOCATION, `${at(ise, LOCATION)}監視は24時間365日。`), { pointer: RISKS, text: '24時間365日', reason: '監視' });
    expect(findings(leak, 'withheld.published')).toEqual([expect.objectContaining({ pointers: [LOCATION] })]);
    // The imported 変更箇所 rows are withheld wherever they quote the text: no finding for them.
    const quoted = withFlags(setAt(ise, '/changeHistory/0/before', '監視は24時間365日行う。'), { pointer: RISKS, text: '24時間365日', reason: '監視' });
    expect(findings(quoted, 'withheld.published')).toEqual([]);
  });
});
