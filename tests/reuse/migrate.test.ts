import { describe, expect, it } from 'vitest';
import { computeChanges } from '../../src/diff/index.js';
import { describeMigrationEntry, migrate, type MigrationEntry } from '../../src/reuse/index.js';
import { formRevisions, validateAssessment, type FormId } from '../../src/schema/index.js';
import { expectAppErrorThrown } from '../helpers/app-error.js';
import { loadAssessment } from '../../src/store/index.js';
import { printedLeaves } from '../helpers/items.js';
import { SEEDS, fixtureFile, seedFile } from '../helpers/seeds.js';

const load = async (file: string): Promise<{ form: FormId; data: Record<string, unknown> }> => {
  const { form, data } = await loadAssessment(file);
  return { form: form!, data };
};

/**
 * Every sample moved to every revision of its form, and the fixtures of shapes the samples lack (a 平成30年５月
 * 様式４ with two files, a 令和６年10月 様式３ whose business ended).
 */
const DOCUMENTS = [
  ...SEEDS.map((seed) => ({ seed: seed.id, file: seedFile(seed.dir), form: seed.form as FormId })),
  { seed: 'h30-yoshiki4-two-files', file: fixtureFile('h30-yoshiki4-two-files'), form: 'yoshiki4' as FormId },
  { seed: 'r6-yoshiki3-ended', file: fixtureFile('r6-yoshiki3-ended'), form: 'yoshiki3' as FormId },
];
const CASES = DOCUMENTS.flatMap((doc) => formRevisions(doc.form).map((revision) => ({ ...doc, revision })));

describe('form revision migration on the samples', () => {
  it('covers the three revisions of both forms', () => {
    expect(formRevisions('yoshiki3')).toEqual(['令和７年５月', '令和６年10月', '平成30年５月']);
    expect(formRevisions('yoshiki4')).toEqual(['令和７年５月', '令和６年10月', '平成30年５月']);
  });

  it.each(CASES)('$seed → $revision and back loses nothing and accounts for every item', async ({ file, form, revision }) => {
    const { data } = await load(file);
    const original = structuredClone(data);
    const from = String(data['formRevision']);
    const down = migrate(form, from, revision, data);
    expect(data).toEqual(original); // pure
    expect(down.data['formRevision']).toBe(revision);
    expect(validateAssessment(down.data).issues).toEqual([]);

    // Every printed value is carried unchanged or named in the report, once.
    const leaves = printedLeaves(form, data);
    const reported = new Set(down.report.entries.map((entry) => entry.pointer));
    expect(down.report.unchanged + reported.size).toBe(leaves.length);
    expect([...reported].every((pointer) => leaves.includes(pointer))).toBe(true);

    const back = migrate(form, revision, from, down.data);
    expect(back.data).toEqual(original);
    expect(back.report.entries.map((entry) => entry.pointer)).toEqual(down.report.entries.map((entry) => entry.pointer));
  });

  it.each(CASES)('$seed → $revision proposes no 変更箇所 row', async ({ file, form, revision }) => {
    const { data } = await load(file);
    const { data: migrated } = migrate(form, String(data['formRevision']), revision, data);
    expect(computeChanges(form, data, migrated)).toEqual([]);
  });

  it('reports the 4情報 → 5情報 label of 主な記録項目 when 002 moves from 平成30年５月 to 令和７年５月', async () => {
    const { form, data } = await load(seedFile('002-nagaoka-covid19'));
    const { report } = migrate(form, '平成30年５月', '令和７年５月', data);
    expect(report.entries).toEqual([
      expect.objectContaining({
        kind: 'label',
        pointer: '/files/0/overview/basic/recordItems/mainItems/contact/basicInfo',
        before: '4情報（氏名、性別、生年月日、住所）',
        after: '5情報（氏名、氏名の振り仮名、性別、生年月日、住所）',
      }),
    ]);
    const [entry] = report.entries as [MigrationEntry & { kind: 'label' }];
    expect(entry.path.slice(0, 2)).toEqual(['Ⅱ　特定個人情報ファイルの概要', '２．基本情報']);
    expect(describeMigrationEntry(entry)).toContain('「4情報（氏名、性別、生年月日、住所）」から「5情報（氏名、氏名の振り仮名、性別、生年月日、住所）」に変わります');
  });

  it('points at the texts that use the old word: 004 moved back to 令和６年10月 still says ５情報 in その妥当性', async () => {
    const { form, data } = await load(seedFile('004-ise-yobosesshu'));
    const { report } = migrate(form, '令和７年５月', '令和６年10月', data);
    const [entry] = report.entries as [MigrationEntry & { kind: 'label' }];
    expect(entry.kind).toBe('label');
    expect(entry.mentions.map((mention) => mention.path.at(-1))).toContain('その妥当性');
    expect(describeMigrationEntry(entry)).toMatch(/「5情報」と書いている記載が\d+か所あります: .*その妥当性/);
  });

  it('refuses a revision the form does not have, and a source revision the document does not name', async () => {
    const { form, data } = await load(seedFile('004-ise-yobosesshu'));
    const unknown = expectAppErrorThrown(() => migrate(form, '令和７年５月', '令和８年４月', data));
    expect(unknown.code).toBe('FORM_REVISION_INVALID');
    expect(unknown.messageJa).toBe(
      '様式の改訂版「令和８年４月」はありません。選べる改訂版: 令和７年５月 / 令和６年10月 / 平成30年５月',
    );
    const mismatch = expectAppErrorThrown(() => migrate(form, '平成30年５月', '令和７年５月', data));
    expect(mismatch.messageJa).toBe(
      '評価書の様式の改訂版は「令和７年５月」で、移行元に指定された「平成30年５月」と違います。',
    );
  });
});
