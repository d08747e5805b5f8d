import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { etagOf, openAssessmentFile, openLibrary, type AssessmentStore, type StoreOptions } from '../../src/store/index.js';
import { ROOT, makeTempDir } from '../helpers/seeds.js';

const ID = '004-ise-yobosesshu';
let dataDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: dataDir, cleanup } = await makeTempDir());
  await cp(path.join(ROOT, 'assessments', ID), path.join(dataDir, ID), { recursive: true });
});
afterEach(() => cleanup());

const file = (id: string): string => path.join(dataDir, id, 'assessment.yaml');
const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => (isAppError(error) ? error.code : String(error)),
  );
const save = (store: AssessmentStore, data: Record<string, unknown>, etag: string) =>
  store.transact((writer) => writer.saveDraft(data, etag));
const storeOf = (id: string, options: StoreOptions = {}): AssessmentStore => openLibrary(dataDir, options).assessment(id);

describe('versions kept for merging', () => {
  it('holds the content of the versions read or written lately by etag, and reads the draft on disk from it', async () => {
    const store = storeOf(ID);
    const read = await store.readDraft();
    expect(store.recentVersion(read.etag)).toBe(read.data);
    const mine = { ...read.data, cover: { ...(read.data['cover'] as object), specialNotes: '保存した版' } };
    const saved = await save(store, mine, read.etag);
    expect(store.recentVersion(saved.etag)).toBe(mine);
    // The version on disk is the one just written: no parse, the very data the writer holds.
    expect(await store.currentVersion()).toEqual({ etag: saved.etag, data: mine });
    expect((await store.currentVersion()).data).toBe(mine);
    expect(store.recentVersion('made-up')).toBeUndefined();
  });

  it('reads the draft just saved from the data the save wrote, as a fresh read of its file gives it, issues placed at their line', async () => {
    const store = storeOf(ID);
    const read = await store.readDraft();
    const cover = read.data['cover'] as Record<string, unknown>;
    for (const [what, data] of [
      ['valid', { ...read.data, cover: { ...cover, specialNotes: '保存した版' } }],
      ['with an issue', { ...read.data, cover: { ...cover, title: 42 } }],
    ] as const) {
      const saved = await save(store, data, (await store.readDraft()).etag);
      const kept = await store.readDraft();
      expect(kept.data, what).toBe(data); // the writer's data, not a parse of the file
      const fresh = await openLibrary(dataDir).assessment(ID).readDraft();
      expect(kept.etag, what).toBe(saved.etag);
      expect(kept.form, what).toBe(fresh.form);
      expect(kept.data, what).toEqual(fresh.data);
      expect(kept.issues, what).toEqual(fresh.issues);
      expect(kept.parsed.doc.toString(), what).toBe(fresh.parsed.doc.toString());
    }
    expect((await store.readDraft()).issues).toEqual([expect.objectContaining({ pointer: '/cover/title', line: expect.any(Number) })]);
  });

});

describe('saveDraft', () => {
  it('refuses to replace a file another program changed between the version check and the rename', async () => {
    const edited = (await readFile(file(ID), 'utf8')).replace('伊勢市長', '伊勢市長（別のプログラム）');
    const store = storeOf(ID, { hooks: { beforeRename: () => writeFile(file(ID), edited) } });
    const draft = await store.readDraft();
    expect(await codeOf(save(store, draft.data, draft.etag))).toBe('REVISION_CONFLICT');
    expect(await readFile(file(ID), 'utf8')).toBe(edited);
    // The temp file of the refused save and the lock are gone.
    expect(await readdir(path.join(dataDir, ID))).toEqual(['assessment.yaml']);
  });

  it('returns the hash of the bytes it wrote and keeps the comments of the previous file', async () => {
    await writeFile(file(ID), `# 公表版PDFから転記\n${await readFile(file(ID), 'utf8')}`);
    const store = storeOf(ID);
    const draft = await store.readDraft();
    const saved = await save(store, draft.data, draft.etag);
    const bytes = await readFile(file(ID));
    expect(saved.etag).toBe(etagOf(bytes));
    expect(bytes.toString('utf8')).toContain('# 公表版PDFから転記');
  });

  it('refuses a stale or made-up etag with the version on disk, which it leaves as it was', async () => {
    const store = storeOf(ID);
    const draft = await store.readDraft();
    const before = await readFile(file(ID), 'utf8');
    for (const etag of ['made-up', '*']) {
      const error = await save(store, { ...draft.data, formRevision: '令和６年10月' }, etag).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('REVISION_CONFLICT');
      expect(isAppError(error) && error.details).toMatchObject({ etag: draft.etag, data: draft.data });
    }
    expect(await readFile(file(ID), 'utf8')).toBe(before);
  });
});

describe('creating', () => {
  it('lets only one of two simultaneous creations of the same id succeed', async () => {
    const library = openLibrary(dataDir);
    const { data } = await library.assessment(ID).readDraft();
    const codes = await Promise.all([codeOf(library.create('new-one', data)), codeOf(library.create('new-one', data))]);
    expect(codes.sort()).toEqual(['ASSESSMENT_EXISTS', undefined]);
    expect((await library.assessment('new-one').readDraft()).issues).toEqual([]);
  });

  it('creates the data folder when it does not exist yet', async () => {
    const { data } = await storeOf(ID).readDraft();
    const fresh = openLibrary(path.join(dataDir, 'fresh', 'assessments'));
    await fresh.create('first', data);
    expect((await fresh.list()).map((stamp) => stamp.id)).toEqual(['first']);
  });

  it('creates a draft file at any path, never over an existing one', async () => {
    const { data } = await storeOf(ID).readDraft();
    const store = await openAssessmentFile(path.join(dataDir, '評価書フォルダ', 'assessment.yaml'));
    await store.createDraft(data);
    expect(await codeOf(store.createDraft(data))).toBe('ASSESSMENT_EXISTS');
    expect((await store.readDraft()).data).toEqual(data);
  });
});

describe('listing', () => {
  it('lists folders holding an assessment.yaml whose name is a valid id, and nothing else', async () => {
    await mkdir(path.join(dataDir, 'empty-folder'));
    await mkdir(path.join(dataDir, '.git'));
    await writeFile(path.join(dataDir, 'README.md'), '# assessments');
    expect((await openLibrary(dataDir).list()).map((stamp) => stamp.id)).toEqual([ID]);
  });

  it('gives a new version stamp after every save', async () => {
    const library = openLibrary(dataDir);
    const [before] = await library.list();
    const draft = await library.assessment(ID).readDraft();
    await save(library.assessment(ID), draft.data, draft.etag);
    const [after] = await library.list();
    expect(after!.version).not.toBe(before!.version);
  });

  it('answers an empty list for a data folder that does not exist', async () => {
    expect(await openLibrary(path.join(dataDir, 'missing')).list()).toEqual([]);
  });
});

describe('reading with the cache', () => {
  it('serves an unchanged file from the cache and sees every change, whoever made it', async () => {
    const store = storeOf(ID);
    const first = await store.readDraft();
    expect(await store.readDraft()).toBe(first);
    const edited = (await readFile(file(ID), 'utf8')).replace('伊勢市長', '伊勢市長（直接修正）');
    await writeFile(file(ID), edited);
    const second = await store.readDraft();
    expect(second.etag).toBe(etagOf(edited));
    const saved = await save(store, first.data, second.etag);
    const third = await store.readDraft();
    expect(third.etag).toBe(saved.etag);
    expect(third.data).toEqual(first.data);
  });

  it('writes the same bytes as a save that parses the file, keeping comments across saves', async () => {
    const original = `# 公表版PDFから転記\n${(await readFile(file(ID), 'utf8')).replace('  organization: ', '  # 市長名は公表時点\n  organization: ')}`;
    await writeFile(file(ID), original);
    const cached = storeOf(ID);
    const draft = await cached.readDraft();
    const edited = structuredClone(draft.data);
    (edited['cover'] as Record<string, unknown>)['title'] = '予防接種に関する事務　重点項目評価書（改）';

    const first = await save(cached, draft.data, draft.etag);
    const second = await save(cached, edited, first.etag);
    const cachedBytes = await readFile(file(ID), 'utf8');

    // A fresh store for each save: nothing cached, the previous file is parsed for its comments.
    await writeFile(file(ID), original);
    const uncachedFirst = await save(storeOf(ID), draft.data, draft.etag);
    const uncachedSecond = await save(storeOf(ID), edited, uncachedFirst.etag);
    expect(second.etag).toBe(uncachedSecond.etag);
    expect(cachedBytes).toBe(await readFile(file(ID), 'utf8'));
    expect(cachedBytes).toContain('# 公表版PDFから転記');
    expect(cachedBytes).toContain('# 市長名は公表時点');
  });
});
