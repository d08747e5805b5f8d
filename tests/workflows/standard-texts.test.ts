/**
 * Standard texts through the workflows, on a data folder with the bundled library: inserting, listing the drafts
 * that use an old version, and the issue's end-to-end case: 004 before the 中間サーバー・プラットフォーム renewal is
 * committed, updated to version 2 and committed again — the revision's rows and the PDF appendix print the grouped
 * summary as 004's rows of 令和7年8月19日 do, and the hand-edited span is left alone with a warning.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderPdfBuffer } from '../../src/render/index.js';
import {
  acknowledgeWarning,
  checkDraft,
  commitRevision,
  compareVersions,
  insertStandardText,
  listStandardTexts,
  previewStandardTextUpdate,
  printSource,
  standardTextUpdates,
  standardTextUses,
  updateStandardTexts,
} from '../../src/workflows/index.js';
import { getAt } from '../checks/seed-fixtures.js';
import { expectAppError } from '../helpers/app-error.js';
import { renderAssets, pdfText, squash } from '../helpers/render.js';
import {
  NETWORK_OTHER,
  RENEWAL_SUMMARY,
  RENEWED_004,
  bundledLibrary,
  ise004BeforeRenewal,
  kitakyushu001BeforeRenewal,
  writeDraft,
} from '../helpers/renewal.js';
import { folderOf, type FolderScene } from './helpers.js';

const ID_001 = '001-kitakyushu-yobosesshu';
const ID_004 = '004-ise-yobosesshu';
const AUTHOR = '健康課 伊勢';

let scene: FolderScene;
beforeEach(async () => {
  scene = await folderOf([ID_001, ID_004]);
});
afterEach(() => scene.cleanup());

const draftText = (id: string): Promise<string> => readFile(path.join(scene.dir, id, 'assessment.yaml'), 'utf8');

describe('the library and inserting a standard text', () => {
  it('lists every version with what replaces it', async () => {
    const { snippets, issues } = await listStandardTexts(scene.snippets);
    expect(issues).toEqual([]);
    const butsuri = snippets.filter((snippet) => snippet.id === 'chukan-pf-butsuri');
    expect(butsuri.map((snippet) => [snippet.version, snippet.replacedBy?.version])).toEqual([[1, 2], [2, undefined]]);
  });

  it('inserts the newest version at the given place, records the span, and refuses a stale version of the draft', async () => {
    const workflow = scene.workflow(ID_004);
    const pointer = '/files/0/riskMeasures/acquisition/otherRisks';
    const stale = await expectAppError(insertStandardText(workflow, { pointer, snippet: 'chukan-sw-renkei' }, 'stale'));
    expect(stale.code).toBe('REVISION_CONFLICT');
    const done = await insertStandardText(workflow, { pointer, snippet: 'chukan-sw-renkei', start: 0, end: 0 });
    expect(done.snippet).toMatchObject({ id: 'chukan-sw-renkei', version: 1 });
    expect(done.path.at(-1)).toBe('特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置');
    expect(done.issues).toEqual([]);
    const uses = (await standardTextUses(workflow)).uses.filter((use) => use.pointer === pointer);
    expect(uses).toEqual([expect.objectContaining({ snippet: 'chukan-sw-renkei', version: 1, state: 'intact' })]);
    const text = await draftText(ID_004);
    expect(text).toContain('snippetUses:');
    expect(text).toContain('# 不確実:'); // comments survive the write
    const refused = await expectAppError(insertStandardText(workflow, { pointer: '/cover/publishedOn', snippet: 'chukan-sw-renkei' }));
    expect(refused.code).toBe('SNIPPET_TARGET_INVALID');
    expect((await expectAppError(insertStandardText(workflow, { pointer, snippet: 'no-such-text' }))).code).toBe('SNIPPET_NOT_FOUND');
  });
});

describe('references.outdated with the data folder’s library', () => {
  it('appears in the checks of 004 and can be acknowledged like any WARN', async () => {
    const workflow = scene.workflow(ID_004);
    const outdated = (await checkDraft(workflow)).findings.filter((finding) => finding.ruleId === 'references.outdated');
    expect(outdated.map((finding) => finding.pointers[0])).toEqual(['/files/0/riskMeasures/storage/otherRisks']);
    const outcome = await acknowledgeWarning(workflow, { ruleId: 'references.outdated', reason: '第2.0版への見直しは次回の評価で行う' });
    expect(outcome.kind).toBe('done');
    const after = (await checkDraft(workflow)).findings.find((finding) => finding.ruleId === 'references.outdated');
    expect(after?.acknowledged).toEqual({ reason: '第2.0版への見直しは次回の評価で行う' });
  });

  it('is not found without a library (a file outside any data folder)', async () => {
    const { snippets: _library, ...bare } = scene.workflow(ID_004);
    expect((await checkDraft(bare)).findings.some((finding) => finding.ruleId === 'references.outdated')).toBe(false);
  });
});

describe('updating to a new version', () => {
  it('lists the drafts of the folder that use an old version: the bundled 001 still prints version 1 of one text', async () => {
    const listed = await standardTextUpdates(scene.library, scene.snippets, scene.clock);
    expect(listed.map((entry) => [entry.id, entry.uses.map((use) => `${use.snippet} ${use.version}→${use.newest?.version}`)])).toEqual([
      [ID_001, ['chukan-pf-hokan-sonota 1→2']],
    ]);
    expect(listed[0]!.preview.rows.map((row) => row.after)).toEqual([RENEWAL_SUMMARY]);
    await updateStandardTexts(scene.workflow(ID_001));
    expect(await standardTextUpdates(scene.library, scene.snippets, scene.clock)).toEqual([]);
  });

  it('update → commit: the revision stores the grouped summary rows, and its PDF appendix prints them', async () => {
    const workflow = scene.workflow(ID_004);
    const library = await bundledLibrary();
    await writeDraft(scene.dir, ID_004, 'yoshiki3', await ise004BeforeRenewal(library));
    await commitRevision(workflow, { message: '令和7年3月27日公表版', author: AUTHOR });

    const preview = await previewStandardTextUpdate(workflow);
    expect(preview.changed).toBe(false);
    expect(preview.rows.map((row) => row.pointer)).toEqual(RENEWED_004);
    const stale = await expectAppError(updateStandardTexts(workflow, {}, 'stale'));
    expect(stale.code).toBe('REVISION_CONFLICT');

    const update = await updateStandardTexts(workflow, {}, preview.etag);
    expect(update.changed).toBe(true);
    expect(update.updated.map((span) => span.pointer)).toEqual(RENEWED_004);
    expect(update.rows.map((row) => [row.pointer, row.after])).toEqual(RENEWED_004.map((pointer) => [pointer, RENEWAL_SUMMARY]));
    // The hand-edited span: left alone, with the warning and the three versions to compare.
    expect(update.conflicts.map((conflict) => [conflict.pointer, conflict.state])).toEqual([[NETWORK_OTHER, 'edited']]);
    expect(update.warnings[0]).toContain('は挿入後に手で直されているため、第2版に置き換えませんでした。');
    expect(await draftText(ID_004)).toContain('rowSummaries:');

    // What the next commit would store is the same in the compare view, then in the revision.
    expect((await compareVersions(workflow, 1, 'draft')).rows.map((row) => row.after)).toEqual([RENEWAL_SUMMARY, RENEWAL_SUMMARY]);
    const { revision } = await commitRevision(workflow, { message: '自治体中間サーバ・プラットフォーム更改', author: AUTHOR, changeDate: '2025-10-01' });
    expect(revision.rows.map((row) => [row.pointer, row.date, row.after])).toEqual(
      RENEWED_004.map((pointer) => [pointer, '2025-10-01', RENEWAL_SUMMARY]),
    );
    // 変更前 keeps the text the item had, as the core's rows do; only 変更後 is the summary.
    expect(revision.rows.every((row) => row.before.includes('データセンター'))).toBe(true);

    const source = await printSource(workflow, 2);
    // The appendix: 004's imported rows (five of 令和7年8月19日 print the same summary), then revision 2's.
    const ours = source.changeRows.filter((row) => row.date === '2025-10-01');
    expect(ours.map((row) => row.after)).toEqual([RENEWAL_SUMMARY, RENEWAL_SUMMARY]);
    const { pdf } = await renderPdfBuffer(source.form, source.data, await renderAssets(), { changeRows: source.changeRows });
    const text = squash(pdfText(pdf, scene.dir, 'revision-2'));
    // Two rows dated 令和7年10月1日 citing the two items, each printing the summary with its 提出時期 (the imported
    // rows of 令和7年8月19日 print theirs with a blank 提出時期).
    expect(text.split(squash('令和7年10月1日')).length - 1).toBe(2);
    expect(text).toContain(squash('令和7年10月1日Ⅱ特定個人情報ファイルの概要6.特定個人情報の保管・消去保管場所'));
    expect(text.split(squash(`${RENEWAL_SUMMARY}事前重要な変更にあたる項目`)).length - 1).toBe(2);
  });

  it('across 001 and 004 (the page’s update of all): each next commit stores its grouped rows, 004’s hand-edited span stays', async () => {
    const library = await bundledLibrary();
    await writeDraft(scene.dir, ID_001, 'yoshiki4', await kitakyushu001BeforeRenewal(library));
    await writeDraft(scene.dir, ID_004, 'yoshiki3', await ise004BeforeRenewal(library));
    for (const id of [ID_001, ID_004]) await commitRevision(scene.workflow(id), { message: '更改前', author: AUTHOR });
    const networkText = async (): Promise<unknown> => getAt(parse(await draftText(ID_004)), NETWORK_OTHER);
    const handEdited = await networkText();
    expect(handEdited).toContain('保守・運用を行う事業者及びクラウドサービス事業者');

    const listed = await standardTextUpdates(scene.library, scene.snippets, scene.clock);
    expect(listed.map((entry) => entry.id)).toEqual([ID_001, ID_004]);
    for (const entry of listed) await updateStandardTexts(scene.workflow(entry.id), {}, entry.preview.etag);
    // Only 004's hand-edited span is still on version 1, and it is still listed for the officer to decide.
    const left = await standardTextUpdates(scene.library, scene.snippets, scene.clock);
    expect(left.map((entry) => [entry.id, entry.uses.map((use) => [use.pointer, use.state])])).toEqual([[ID_004, [[NETWORK_OTHER, 'edited']]]]);
    expect(left[0]!.preview.rows).toEqual([]);

    const rowsOf = async (id: string): Promise<string[][]> => {
      const { revision } = await commitRevision(scene.workflow(id), { message: '自治体中間サーバ・プラットフォーム更改', author: AUTHOR, changeDate: '2025-10-01' });
      return revision.rows.map((row) => [row.pointer ?? '', row.after]);
    };
    expect(await rowsOf(ID_001)).toEqual(
      [
        '/files/0/overview/storage/location',
        '/files/0/overview/storage/erasure',
        '/files/0/riskMeasures/network/otherRisks',
        '/files/0/riskMeasures/storage/risk1/physical/method',
        '/files/0/riskMeasures/storage/otherRisks',
      ].map((pointer) => [pointer, RENEWAL_SUMMARY]),
    );
    expect(await rowsOf(ID_004)).toEqual(RENEWED_004.map((pointer) => [pointer, RENEWAL_SUMMARY]));
    expect(await networkText()).toBe(handEdited);
  });

  it('a hand edit after the update brings back the item’s own row in the next commit', async () => {
    const workflow = scene.workflow(ID_004);
    await writeDraft(scene.dir, ID_004, 'yoshiki3', await ise004BeforeRenewal(await bundledLibrary()));
    await commitRevision(workflow, { message: '更改前', author: AUTHOR });
    await updateStandardTexts(workflow, { summary: '中間サーバーの記載を更新' });
    const text = await draftText(ID_004);
    const edited = text.replace('バックアップもデータベース上に保存される。', 'バックアップもデータベース上に保存される。（手で追記）');
    expect(edited).not.toBe(text);
    await writeFile(path.join(scene.dir, ID_004, 'assessment.yaml'), edited);
    const { revision } = await commitRevision(workflow, { message: '更改', author: AUTHOR });
    expect(revision.rows.map((row) => row.after.includes('（手で追記）') || row.after === '中間サーバーの記載を更新')).toEqual([true, true]);
    expect(revision.rows.filter((row) => row.after === '中間サーバーの記載を更新')).toHaveLength(1);
  });
});
