/** The reuse use cases on a data folder: 複製 (a new draft from an existing one) and moving a draft to another form revision. */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  commitRevision,
  compareVersions,
  copyAssessmentIn,
  migrateDraft,
  previewCopy,
  previewMigration,
  readDraft,
} from '../../src/workflows/index.js';
import { expectAppError } from '../helpers/app-error.js';
import { folderOf, type FolderScene } from './helpers.js';

const ID_001 = '001-kitakyushu-yobosesshu';
const ID_002 = '002-nagaoka-covid19';
const ID_004 = '004-ise-yobosesshu';

let scene: FolderScene;
beforeEach(async () => {
  scene = await folderOf([ID_001, ID_002, ID_004]);
});
afterEach(() => scene.cleanup());

const draftText = (id: string): Promise<string> => readFile(path.join(scene.dir, id, 'assessment.yaml'), 'utf8');

describe('複製: a new assessment from an existing one', () => {
  it('previews what the copy leaves blank without writing anything', async () => {
    const before = await readdir(scene.dir);
    const preview = await previewCopy(scene.workflow(ID_001));
    expect(preview.form).toBe('yoshiki4');
    expect(preview.formRevision).toBe('令和７年５月');
    expect(preview.cleared.map((item) => item.path.join(' > '))).toContain('表紙 > 公表日');
    expect(preview.migration).toBeUndefined();
    expect(await readdir(scene.dir)).toEqual(before);
  });

  it('creates `<source>-copy`, then `-copy-2`, with the content copied and the history cleared; the source stays as it was', async () => {
    const source = await draftText(ID_001);
    const first = await copyAssessmentIn(scene.library, ID_001, { title: '予防接種に関する事務（令和8年度）' });
    expect(first.id).toBe(`${ID_001}-copy`);
    const second = await copyAssessmentIn(scene.library, ID_001, {});
    expect(second.id).toBe(`${ID_001}-copy-2`);
    expect(await draftText(ID_001)).toBe(source);

    const copy = await readDraft(scene.workflow(first.id));
    expect(copy.issues).toEqual([]);
    const cover = copy.data['cover'] as Record<string, unknown>;
    expect(cover['title']).toBe('予防接種に関する事務（令和8年度）');
    expect(cover['publishedOn']).toBeNull();
    expect(copy.data['changeHistory']).toEqual([]);
    expect(copy.data['basicInfo']).toEqual(parse(source).basicInfo);
    // A copy starts without revisions: its own record begins at its first commit.
    expect(await scene.library.assessment(first.id).listRevisions()).toEqual([]);
  });

  it('moves the copy to the chosen form revision and reports it: 002 (平成30年５月) started on 令和７年５月', async () => {
    const copy = await copyAssessmentIn(scene.library, ID_002, { formRevision: '令和7年5月' });
    expect(copy.formRevision).toBe('令和７年５月');
    expect(copy.migration?.entries.map((entry) => entry.text)).toEqual([
      expect.stringContaining('「4情報（氏名、性別、生年月日、住所）」から「5情報（氏名、氏名の振り仮名、性別、生年月日、住所）」に変わります'),
    ]);
    expect((await readDraft(scene.workflow(copy.id))).data['formRevision']).toBe('令和７年５月');
  });

  it('never overwrites: an id that exists, or the library’s folder name, is refused', async () => {
    expect((await expectAppError(copyAssessmentIn(scene.library, ID_001, { id: ID_004 }))).code).toBe('ASSESSMENT_EXISTS');
    const reserved = await expectAppError(copyAssessmentIn(scene.library, ID_001, { id: 'snippets' }));
    expect(reserved.code).toBe('INVALID_ID');
    expect(reserved.messageJa).toBe('「snippets」は標準文のライブラリのフォルダ名のため、評価書のIDやフォルダ名には使えません。別の名前を指定してください。');
    const unknown = await expectAppError(copyAssessmentIn(scene.library, ID_001, { formRevision: '令和9年1月' }));
    expect(unknown.code).toBe('INVALID_REQUEST');
  });
});

describe('moving a draft to another form revision', () => {
  it('previews the report without writing, then migrates through the compare-and-swap, keeping the YAML comments', async () => {
    const workflow = scene.workflow(ID_004);
    const text = await draftText(ID_004);
    const preview = await previewMigration(workflow, '令和６年10月');
    expect(preview.from).toBe('令和７年５月');
    expect(preview.to).toBe('令和６年10月');
    expect(preview.entries[0]?.text).toMatch(/「5情報」と書いている記載が\d+か所あります/);
    expect(await draftText(ID_004)).toBe(text);

    const stale = await expectAppError(migrateDraft(workflow, '令和６年10月', 'not-the-etag'));
    expect(stale.code).toBe('REVISION_CONFLICT');
    expect(await draftText(ID_004)).toBe(text);

    const done = await migrateDraft(workflow, '令和6年10月', preview.etag);
    expect(done.changed).toBe(true);
    expect(done.entries.map((entry) => entry.text)).toEqual(preview.entries.map((entry) => entry.text));
    const after = await draftText(ID_004);
    expect(after).toContain('formRevision: 令和６年10月');
    expect(after).toContain('# 不確実:');
    expect(after.split('\n').filter((line) => line.trimStart().startsWith('#')).length).toBe(
      text.split('\n').filter((line) => line.trimStart().startsWith('#')).length,
    );
    // Already there: nothing is written.
    expect((await migrateDraft(workflow, '令和６年10月')).changed).toBe(false);
  });

  it('without a version to match (pia migrate), merges a save made after its read; the previewed version alone is refused', async () => {
    const workflow = scene.workflow(ID_004);
    const stale = await workflow.store.readDraft();
    // Someone saves an edit of another item between the read and the write.
    const text = await draftText(ID_004);
    const edited = text.replace('title: 予防接種に関する事務　重点項目評価書', 'title: 予防接種に関する事務　重点項目評価書（編集中）');
    expect(edited).not.toBe(text);
    await writeFile(path.join(scene.dir, ID_004, 'assessment.yaml'), edited);
    const racing = { ...workflow, store: { ...workflow.store, readDraft: async () => stale } };

    expect((await expectAppError(migrateDraft(racing, '令和６年10月', stale.etag))).code).toBe('REVISION_CONFLICT');
    expect(await draftText(ID_004)).toBe(edited);

    expect((await migrateDraft(racing, '令和６年10月')).changed).toBe(true);
    const after = parse(await draftText(ID_004)) as { formRevision: string; cover: { title: string } };
    expect(after.formRevision).toBe('令和６年10月');
    expect(after.cover.title).toContain('（編集中）');
  });

  it('proposes no 変更箇所 row: a commit after a migration alone stores none', async () => {
    const workflow = scene.workflow(ID_002);
    await commitRevision(workflow, { message: '移行前', author: '健康課' });
    await migrateDraft(workflow, '令和７年５月');
    expect((await compareVersions(workflow, 1, 'draft')).rows).toEqual([]);
    const { revision } = await commitRevision(workflow, { message: '様式の版を令和７年５月に移行', author: '健康課' });
    expect(revision.number).toBe(2);
    expect(revision.rows).toEqual([]);
  });
});
