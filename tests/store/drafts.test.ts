import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { createDraft, createDraftCache, etagOf, listDrafts, readDraft, saveDraft } from '../../src/store/index.js';
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

describe('saveDraft', () => {
  it('refuses to replace a file another program changed between the version check and the rename', async () => {
    const draft = await readDraft(dataDir, ID);
    const edited = (await readFile(file(ID), 'utf8')).replace('伊勢市長', '伊勢市長（別のプログラム）');
    const code = await codeOf(
      saveDraft(dataDir, ID, draft.data, draft.etag, { hooks: { beforeRename: () => writeFile(file(ID), edited) } }),
    );
    expect(code).toBe('REVISION_CONFLICT');
    expect(await readFile(file(ID), 'utf8')).toBe(edited);
    // The temp file of the refused save is gone.
    expect(await readdir(path.join(dataDir, ID))).toEqual(['assessment.yaml']);
  });

  it('returns the hash of the bytes it wrote and keeps the comments of the previous file', async () => {
    const before = await readFile(file(ID), 'utf8');
    const withComment = `# 公表版PDFから転記\n${before}`;
    await writeFile(file(ID), withComment);
    const draft = await readDraft(dataDir, ID);
    const saved = await saveDraft(dataDir, ID, draft.data, draft.etag);
    const bytes = await readFile(file(ID));
    expect(saved.etag).toBe(etagOf(bytes));
    expect(bytes.toString('utf8')).toContain('# 公表版PDFから転記');
  });
});

describe('createDraft', () => {
  it('lets only one of two simultaneous creations of the same id succeed', async () => {
    const { data } = await readDraft(dataDir, ID);
    const codes = await Promise.all([
      codeOf(createDraft(dataDir, 'new-one', data)),
      codeOf(createDraft(dataDir, 'new-one', data)),
    ]);
    expect(codes.sort()).toEqual(['ASSESSMENT_EXISTS', undefined]);
    expect((await readDraft(dataDir, 'new-one')).issues).toEqual([]);
  });

  it('creates the data folder when it does not exist yet', async () => {
    const { data } = await readDraft(dataDir, ID);
    const fresh = path.join(dataDir, 'fresh', 'assessments');
    await createDraft(fresh, 'first', data);
    expect((await listDrafts(fresh)).map((stamp) => stamp.id)).toEqual(['first']);
  });
});

describe('listDrafts', () => {
  it('lists folders holding an assessment.yaml whose name is a valid id, and nothing else', async () => {
    await mkdir(path.join(dataDir, 'empty-folder'));
    await mkdir(path.join(dataDir, '.git'));
    await writeFile(path.join(dataDir, 'README.md'), '# assessments');
    const stamps = await listDrafts(dataDir);
    expect(stamps.map((stamp) => stamp.id)).toEqual([ID]);
  });

  it('gives a new version stamp after every save', async () => {
    const [before] = await listDrafts(dataDir);
    const draft = await readDraft(dataDir, ID);
    await saveDraft(dataDir, ID, draft.data, draft.etag);
    const [after] = await listDrafts(dataDir);
    expect(after!.version).not.toBe(before!.version);
  });

  it('answers an empty list for a data folder that does not exist', async () => {
    expect(await listDrafts(path.join(dataDir, 'missing'))).toEqual([]);
  });
});

describe('readDraft with a cache', () => {
  it('serves an unchanged file from the cache and sees every change, whoever made it', async () => {
    const cache = createDraftCache();
    const first = await readDraft(dataDir, ID, cache);
    expect(await readDraft(dataDir, ID, cache)).toBe(first);
    const edited = (await readFile(file(ID), 'utf8')).replace('伊勢市長', '伊勢市長（直接修正）');
    await writeFile(file(ID), edited);
    const second = await readDraft(dataDir, ID, cache);
    expect(second.etag).toBe(etagOf(edited));
    const saved = await saveDraft(dataDir, ID, first.data, second.etag, { cache });
    const third = await readDraft(dataDir, ID, cache);
    expect(third.etag).toBe(saved.etag);
    expect(third.data).toEqual(first.data);
  });
});

describe('saveDraft with a cache', () => {
  it('writes the same bytes as a save that parses the file, keeping comments across saves', async () => {
    const original = `# 公表版PDFから転記\n${(await readFile(file(ID), 'utf8')).replace('  organization: ', '  # 市長名は公表時点\n  organization: ')}`;
    await writeFile(file(ID), original);
    const draft = await readDraft(dataDir, ID);
    const edited = structuredClone(draft.data);
    (edited['cover'] as Record<string, unknown>)['title'] = '予防接種に関する事務　重点項目評価書（改）';

    const cache = createDraftCache();
    const first = await saveDraft(dataDir, ID, draft.data, draft.etag, { cache });
    const second = await saveDraft(dataDir, ID, edited, first.etag, { cache });
    const cachedBytes = await readFile(file(ID), 'utf8');

    await writeFile(file(ID), original);
    const uncachedFirst = await saveDraft(dataDir, ID, draft.data, draft.etag);
    const uncachedSecond = await saveDraft(dataDir, ID, edited, uncachedFirst.etag);
    expect(second.etag).toBe(uncachedSecond.etag);
    expect(cachedBytes).toBe(await readFile(file(ID), 'utf8'));
    expect(cachedBytes).toContain('# 公表版PDFから転記');
    expect(cachedBytes).toContain('# 市長名は公表時点');
  });
});
