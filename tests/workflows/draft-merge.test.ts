import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAssessmentFile } from '../../src/store/index.js';
import { readDraft, saveDraft, saveDraftMerging, saveDraftOver, type Workflow } from '../../src/workflows/index.js';
import { valueAt, withValueAt } from '../../ui/form/pointer.js';
import { expectAppError } from '../helpers/app-error.js';
import { sceneOf, type Scene } from './helpers.js';

const DEPARTMENT = '/basicInfo/department/name';
const HEAD = '/basicInfo/department/headTitle';
const NOTES = '/cover/specialNotes';

let scene: Scene;
/** Another writer of the same file (the editor's server, another pia): its own store, its own caches. */
let other: Workflow;
beforeEach(async () => {
  scene = await sceneOf('004-ise-yobosesshu');
  other = { ...scene.workflow, store: await openAssessmentFile(scene.file) };
});
afterEach(() => scene.cleanup());

/** The other writer saves one value over the draft as it is on disk now. */
const otherSaves = async (pointer: string, value: unknown): Promise<void> => {
  const draft = await readDraft(other);
  await saveDraft(other, withValueAt(draft.data, pointer, value), draft.etag);
};

const onDisk = async (pointer: string): Promise<unknown> => valueAt((await openAssessmentFile(scene.file).then((s) => s.readDraft())).data, pointer);

describe('saveDraftMerging', () => {
  it('writes the data as it is when the draft has not moved since the read', async () => {
    const draft = await readDraft(scene.workflow);
    const mine = withValueAt(draft.data, HEAD, '健康課長（乙）');
    const written = await saveDraftMerging(scene.workflow, draft, mine);
    expect(written).toMatchObject({ status: 'saved', data: mine, incoming: [] });
    expect(await onDisk(HEAD)).toBe('健康課長（乙）');
  });

  it('merges a save that landed between the read and the write, writes the merge and names what came in', async () => {
    const draft = await readDraft(scene.workflow);
    await otherSaves(DEPARTMENT, '健康福祉部健康課（甲）');
    const written = await saveDraftMerging(scene.workflow, draft, withValueAt(draft.data, HEAD, '健康課長（乙）'));
    expect(written.status).toBe('saved');
    if (written.status !== 'saved') return;
    expect(written.incoming.map(({ pointer, label }) => ({ pointer, label }))).toEqual([
      { pointer: DEPARTMENT, label: 'Ⅰ　基本情報 ６．評価実施機関における担当部署 ①部署' },
    ]);
    expect([await onDisk(DEPARTMENT), await onDisk(HEAD)]).toEqual(['健康福祉部健康課（甲）', '健康課長（乙）']);
    expect(written.etag).toBe((await readDraft(other)).etag);
  });

  it('writes nothing when the same item was changed differently, and lists it with the three values', async () => {
    const draft = await readDraft(scene.workflow);
    await otherSaves(NOTES, '甲の特記事項');
    const before = await readFile(scene.file, 'utf8');
    const written = await saveDraftMerging(scene.workflow, draft, withValueAt(draft.data, NOTES, '乙の特記事項'));
    expect(written.status).toBe('conflict');
    if (written.status !== 'conflict') return;
    expect(written.conflicts.map(({ pointer, label, mine, theirs }) => ({ pointer, label, mine, theirs }))).toEqual([
      { pointer: NOTES, label: '表紙 特記事項', mine: '乙の特記事項', theirs: '甲の特記事項' },
    ]);
    expect(valueAt(written.theirs.data, NOTES)).toBe('甲の特記事項');
    expect(await readFile(scene.file, 'utf8')).toBe(before);
  });

  it('merges again when a program that takes no lock replaced the file right before the rename', async () => {
    let edits = 0;
    const hooks = {
      beforeRename: async () => {
        if ((edits += 1) > 1) return;
        const text = await readFile(scene.file, 'utf8');
        await writeFile(scene.file, text.replace('headTitle: 健康課長', 'headTitle: 健康課長（テキストエディタ）'));
      },
    };
    const workflow = { ...scene.workflow, store: await openAssessmentFile(scene.file, { hooks }) };
    const draft = await readDraft(workflow);
    const written = await saveDraftMerging(workflow, draft, withValueAt(draft.data, NOTES, '乙の特記事項'));
    expect(written).toMatchObject({ status: 'saved', incoming: [{ pointer: HEAD }] });
    expect([await onDisk(HEAD), await onDisk(NOTES)]).toEqual(['健康課長（テキストエディタ）', '乙の特記事項']);
    expect(edits).toBe(2);
  });

  it('writes saves waiting at the same time as one merge, in one write, and leaves out one that conflicts with an earlier one', async () => {
    let renames = 0;
    const workflow = { ...scene.workflow, store: await openAssessmentFile(scene.file, { hooks: { beforeRename: () => void (renames += 1) } }) };
    const draft = await readDraft(workflow);
    const edits: [string, string][] = [[DEPARTMENT, '甲の部署'], [HEAD, '乙の所属長'], [NOTES, '丙の特記事項'], [NOTES, '丁の特記事項']];
    const written = await Promise.all(edits.map(([pointer, value]) => saveDraftMerging(workflow, draft, withValueAt(draft.data, pointer, value))));
    expect(written.map((outcome) => outcome.status)).toEqual(['saved', 'saved', 'saved', 'conflict']);
    expect(renames).toBe(1);
    expect(await Promise.all([DEPARTMENT, HEAD, NOTES].map(onDisk))).toEqual(['甲の部署', '乙の所属長', '丙の特記事項']);
    // Each saved writer learns what came in from the others of its group.
    const second = written[1]!;
    expect(second.status === 'saved' && second.incoming.map((change) => change.pointer).sort()).toEqual([DEPARTMENT, NOTES].sort());
  });
});

describe('saveDraftOver (the editor’s save with merge)', () => {
  it('merges a stale save with the version on disk when the server holds the version it was made from', async () => {
    const draft = await readDraft(scene.workflow);
    await otherSaves(DEPARTMENT, '甲の部署');
    const mine = withValueAt(draft.data, HEAD, '乙の所属長');
    const saved = await saveDraftOver(scene.workflow, mine, draft.etag);
    expect(saved.merged?.incoming.map((change) => change.pointer)).toEqual([DEPARTMENT]);
    expect(valueAt(saved.merged?.data, DEPARTMENT)).toBe('甲の部署');
    expect(valueAt(saved.merged?.data, HEAD)).toBe('乙の所属長');
    // The server holds the merge it answered with: a save made from it merges too once the draft moves on.
    await otherSaves('/basicInfo/otherBodies', '甲のその他');
    const next = await saveDraftOver(scene.workflow, withValueAt(saved.merged!.data, NOTES, '乙'), saved.etag);
    expect(next.merged?.incoming.map((change) => change.pointer)).toEqual(['/basicInfo/otherBodies']);
  });

  it('answers REVISION_CONFLICT with the version on disk for a version it does not hold, and for a real conflict', async () => {
    const draft = await readDraft(scene.workflow);
    await otherSaves(NOTES, '甲');
    const unknown = await expectAppError(saveDraftOver(scene.workflow, draft.data, 'made-up-etag'));
    expect(unknown.code).toBe('REVISION_CONFLICT');
    const conflict = await expectAppError(saveDraftOver(scene.workflow, withValueAt(draft.data, NOTES, '乙'), draft.etag));
    expect(conflict.code).toBe('REVISION_CONFLICT');
    expect(valueAt((conflict.details as { data: unknown }).data, NOTES)).toBe('甲');
    expect(await onDisk(NOTES)).toBe('甲');
  });
});
