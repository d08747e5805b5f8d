/**
 * The three revisions of the real forms differ only in one check-box label (yoshiki3.md §13, yoshiki4.md §15), so
 * the annotations for items that come and go (`x-revisions`) and ＜選択肢＞ that change (`x-optionsByRevision`)
 * are tested on a 様式３ schema given such differences here: what a future form revision would look like.
 */
import { describe, expect, it, vi } from 'vitest';
import { computeChanges } from '../../src/diff/index.js';
import { describeMigrationEntry, migrate } from '../../src/reuse/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { seedFile } from '../helpers/seeds.js';

vi.mock('../../src/schema/documents.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/schema/documents.js')>();
  const schema = structuredClone(original.SCHEMA_DOCUMENTS['yoshiki3.schema.json']) as Record<string, unknown>;
  const at = (...keys: string[]): Record<string, unknown> =>
    keys.reduce((node, key) => (node['properties'] as Record<string, Record<string, unknown>>)[key]!, schema);
  // 所属長の役職名 only from 令和６年10月, 他の評価実施機関 only in 令和７年５月.
  at('basicInfo', 'department', 'headTitle')['x-revisions'] = ['令和７年５月', '令和６年10月'];
  at('basicInfo', 'otherBodies')['x-revisions'] = ['令和７年５月'];
  // 平成30年５月 named one bucket differently and had one more; its しきい値判断 list lacked today's second option.
  at('basicInfo', 'business', 'targetCount')['x-optionsByRevision'] = {
    平成30年５月: ['1,000人未満', '1,000人以上1万人未満', '1万人以上10万人未満', { option: '10万人以上30万人未満（旧）', as: '10万人以上30万人未満' }, '30万人以上'],
  };
  const threshold = at('procedures', 'basicAssessment', 'threshold');
  threshold['x-optionsByRevision'] = { 平成30年５月: (threshold['enum'] as (string | null)[]).filter((o) => o !== null && !o.startsWith('基礎項目評価及び重点')) };
  const documents: Record<string, Record<string, unknown>> = { ...original.SCHEMA_DOCUMENTS, 'yoshiki3.schema.json': schema };
  return { ...original, SCHEMA_DOCUMENTS: documents, formSchema: (form: 'yoshiki3' | 'yoshiki4') => documents[original.formDocumentName(form)]! };
});

const load004 = async (): Promise<Record<string, unknown>> => (await loadAssessment(seedFile('004-ise-yobosesshu'))).data;
const basicInfo = (data: Record<string, unknown>): Record<string, Record<string, unknown>> =>
  data['basicInfo'] as Record<string, Record<string, unknown>>;

describe('migration across revisions whose items and options differ', () => {
  it('moves a value without a place to the migration notes, maps renamed options, and lists what changed', async () => {
    const data = await load004();
    const { data: old, report } = migrate('yoshiki3', '令和７年５月', '平成30年５月', data);
    const kinds = report.entries.map((entry) => `${entry.kind} ${entry.pointer}`);
    expect(kinds).toEqual([
      'options /basicInfo/business/targetCount',
      'option /basicInfo/business/targetCount',
      'removed /basicInfo/department/headTitle',
      'removed /basicInfo/otherBodies',
      'label /files/0/overview/basic/recordItems/mainItems/contact/basicInfo',
      'options /procedures/basicAssessment/threshold',
      'noOption /procedures/basicAssessment/threshold',
    ]);
    expect(basicInfo(old)['business']!['targetCount']).toBe('10万人以上30万人未満（旧）');
    expect('headTitle' in basicInfo(old)['department']!).toBe(false);
    expect((old['procedures'] as { basicAssessment: { threshold: unknown } }).basicAssessment.threshold).toBeNull();
    expect(old['migrationNotes']).toEqual([
      {
        from: '令和７年５月',
        to: '平成30年５月',
        pointer: '/basicInfo/department/headTitle',
        item: 'Ⅰ　基本情報 > ６．評価実施機関における担当部署 > ②所属長の役職名',
        value: '健康課長',
        reason: 'itemRemoved',
      },
      expect.objectContaining({ pointer: '/procedures/basicAssessment/threshold', value: '基礎項目評価及び重点項目評価の実施が義務付けられる', reason: 'optionRemoved' }),
    ]);
    const messages = report.entries.map(describeMigrationEntry);
    expect(messages).toContain('「Ⅰ　基本情報 > ６．評価実施機関における担当部署 > ②所属長の役職名」はこの改訂版にない項目です。記載は移行メモに残しました。');
    expect(messages).toContain('「Ⅰ　基本情報 > ７．他の評価実施機関」はこの改訂版にない項目です。');
    expect(messages.some((m) => m.includes('＜選択肢＞が変わります（追加: 30万人以上）'))).toBe(true);
  });

  it('puts noted values back when the document returns to a revision that has their place', async () => {
    const data = await load004();
    const down = migrate('yoshiki3', '令和７年５月', '平成30年５月', data);
    const up = migrate('yoshiki3', '平成30年５月', '令和７年５月', down.data);
    expect(up.data).toEqual(data);
    expect(up.report.entries.filter((entry) => entry.kind === 'restored').map((entry) => entry.pointer)).toEqual([
      '/basicInfo/department/headTitle',
      '/procedures/basicAssessment/threshold',
    ]);
  });

  it('adds an item new in the target revision, blank, for the officer to fill in', async () => {
    const data = await load004();
    const older = migrate('yoshiki3', '令和７年５月', '令和６年10月', data).data;
    expect('otherBodies' in basicInfo(older)).toBe(false);
    const { data: newer, report } = migrate('yoshiki3', '令和６年10月', '令和７年５月', older);
    expect(basicInfo(newer)['otherBodies']).toBe('');
    expect(report.entries.find((entry) => entry.kind === 'added')?.pointer).toBe('/basicInfo/otherBodies');
  });

  it('makes no 変更箇所 row for items and option names that changed with the form; a dropped option leaves its choice to make', async () => {
    const data = await load004();
    const { data: old } = migrate('yoshiki3', '令和７年５月', '平成30年５月', data);
    expect(computeChanges('yoshiki3', data, old).map((change) => change.pointer)).toEqual(['/procedures/basicAssessment/threshold']);
  });
});
