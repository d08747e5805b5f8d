/**
 * PATCH /api/assessments/:id, the editor's delta save: the changes since the version If-Match names, applied by the
 * server to that version and saved through the same workflow as a whole-document PUT.
 */
import { createHash } from 'node:crypto';
import { cp, open, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patchBetween, type Doc } from '../../src/merge/index.js';
import { buildServer } from '../../src/server/app.js';
import type { AssessmentResponse, SaveAssessmentResponse } from '../../src/server/dto.js';
import { ROOT } from '../helpers/seeds.js';
import { ID_001, ID_004, buildTestServer, draftPath, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer();
});
afterEach(() => server.cleanup());

const url = (id: string): string => `/api/assessments/${id}`;

const get = async (id: string, app = server.app): Promise<AssessmentResponse> => {
  const response = await app.inject({ method: 'GET', url: url(id) });
  expect(response.statusCode).toBe(200);
  return response.json<AssessmentResponse>();
};

const patch = (id: string, etag: string | undefined, operations: unknown, extra: Record<string, unknown> = {}, app = server.app) =>
  app.inject({
    method: 'PATCH',
    url: url(id),
    headers: etag === undefined ? {} : { 'if-match': `"${etag}"` },
    payload: { operations, ...extra },
  });

const put = (id: string, etag: string, data: unknown, extra: Record<string, unknown> = {}) =>
  server.app.inject({
    method: 'PUT',
    url: url(id),
    headers: { 'if-match': `"${etag}"` },
    payload: { data, ...extra },
  });

const bytesOf = (id: string): Promise<Buffer> => readFile(draftPath(server.dataDir, id));

const record = (value: unknown): Record<string, unknown> => value as Record<string, unknown>;
const list = (value: unknown): unknown[] => value as unknown[];

/** Edits of the kinds the editor makes: a one-line text, a text of several lines deep down, an entry added and one removed, a key removed. */
const editsOf001: ((data: Doc) => Doc)[] = [
  (data) => ({
    ...data,
    cover: { ...record(data['cover']), organization: '北九州市長（差分保存）' },
  }),
  (data) => {
    const files = list(data['files']);
    const first = record(files[0]);
    const overview = record(first['overview']);
    const [key] = Object.keys(overview).filter((name) => typeof overview[name] === 'string');
    return {
      ...data,
      files: [
        {
          ...first,
          overview: {
            ...overview,
            [key!]: '一行目\n二行目（差分保存）\n三行目',
          },
        },
        ...files.slice(1),
      ],
    };
  },
  (data) => {
    const basicInfo = record(data['basicInfo']);
    const systems = list(basicInfo['systems']);
    return {
      ...data,
      basicInfo: {
        ...basicInfo,
        systems: [...systems.slice(0, 1), ...systems.slice(2), record(systems[1])],
      },
    };
  },
  (data) => {
    const history = list(data['changeHistory']);
    return {
      ...data,
      changeHistory: [...history.slice(0, 3), ...history.slice(4), { ...record(history[0]), note: '追加した行' }],
    };
  },
  (data) => {
    const { snippetUses: _gone, ...rest } = data;
    return rest;
  },
];

describe('PATCH /api/assessments/:id (delta save)', () => {
  it('writes byte for byte what the whole-document save of the same data writes, edit after edit', async () => {
    const copy = '001-copy';
    await cp(path.join(server.dataDir, ID_001), path.join(server.dataDir, copy), { recursive: true });
    let whole = await get(ID_001);
    let delta = await get(copy);
    expect(delta.etag).toBe(whole.etag);
    for (const [index, edit] of editsOf001.entries()) {
      const next = edit(whole.data);
      const operations = patchBetween(delta.data, next);
      // Only the change travels: a text edit is a few hundred bytes against 001's 250 KB; moving an entry sends the entries it moves.
      expect(JSON.stringify(operations).length).toBeLessThan(index < 2 ? 1000 : JSON.stringify(next).length / 2);
      const byPut = await put(ID_001, whole.etag, next);
      const byPatch = await patch(copy, delta.etag, operations);
      expect(byPut.statusCode).toBe(200);
      expect(byPatch.statusCode).toBe(200);
      expect((await bytesOf(copy)).equals(await bytesOf(ID_001))).toBe(true);
      const saved = byPatch.json<SaveAssessmentResponse>();
      expect(saved).toEqual(byPut.json<SaveAssessmentResponse>());
      expect(byPatch.headers['etag']).toBe(`"${saved.etag}"`);
      whole = { ...whole, data: next, etag: saved.etag };
      delta = { ...delta, data: next, etag: saved.etag };
    }
    // What the next reader gets is what the editor holds.
    expect((await get(copy)).data).toEqual(whole.data);
  });

  it('writes the same bytes whether the first save after opening was got ready while the editor was open or not', async () => {
    const copy = '001-unopened';
    await cp(path.join(server.dataDir, ID_001), path.join(server.dataDir, copy), { recursive: true });
    const opened = await get(ID_001);
    // The print the editor's opening prepares runs once the thread is free.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const operations = [{ op: 'replace', path: '/cover/organization', value: '北九州市長（開いてから保存）' }];
    expect((await patch(ID_001, opened.etag, operations)).statusCode).toBe(200);
    // The other copy is saved without having been opened: its first save prints the whole document from the file.
    const unopenedEtag = createHash('sha256').update(await bytesOf(copy)).digest('base64url');
    const data = { ...opened.data, cover: { ...record(opened.data['cover']), organization: '北九州市長（開いてから保存）' } };
    expect((await put(copy, unopenedEtag, data)).statusCode).toBe(200);
    expect((await bytesOf(copy)).equals(await bytesOf(ID_001))).toBe(true);
  });

  it('keeps the comments of the file, as the whole save does', async () => {
    const before = (await bytesOf(ID_001)).toString('utf8');
    const comments = before.split('\n').filter((line) => line.trimStart().startsWith('#'));
    expect(comments.length).toBeGreaterThan(10);
    const { etag } = await get(ID_001);
    expect(
      (
        await patch(ID_001, etag, [
          {
            op: 'replace',
            path: '/cover/organization',
            value: '北九州市長（改）',
          },
        ])
      ).statusCode,
    ).toBe(200);
    const after = (await bytesOf(ID_001)).toString('utf8');
    expect(after.split('\n').filter((line) => line.trimStart().startsWith('#'))).toEqual(comments);
    expect(after).toContain('organization: 北九州市長（改）');
  });

  it('requires If-Match (428)', async () => {
    const response = await patch(ID_004, undefined, [{ op: 'replace', path: '/cover/organization', value: 'x' }]);
    expect(response.statusCode).toBe(428);
  });

  it('refuses a stale base with 409 and the version on disk, writing nothing', async () => {
    const { data, etag: old } = await get(ID_004);
    const first = await patch(ID_004, old, [
      {
        op: 'replace',
        path: '/cover/organization',
        value: '伊勢市長（一人目）',
      },
    ]);
    expect(first.statusCode).toBe(200);
    const written = await bytesOf(ID_004);
    const stale = await patch(ID_004, old, [{ op: 'replace', path: '/cover/title', value: '二人目の題名' }]);
    expect(stale.statusCode).toBe(409);
    const body = stale.json<{
      code: string;
      details: { etag: string; data: Doc };
    }>();
    expect(body.code).toBe('REVISION_CONFLICT');
    expect(body.details.etag).toBe(first.json<SaveAssessmentResponse>().etag);
    expect(record(body.details.data['cover'])['organization']).toBe('伊勢市長（一人目）');
    expect((await bytesOf(ID_004)).equals(written)).toBe(true);
    // With merge, an item only one side changed comes through; the same item changed by both is a conflict.
    const same = await patch(
      ID_004,
      old,
      [
        {
          op: 'replace',
          path: '/cover/organization',
          value: '伊勢市長（二人目）',
        },
      ],
      { merge: true },
    );
    expect(same.statusCode).toBe(409);
    expect((await bytesOf(ID_004)).equals(written)).toBe(true);
    const other = await patch(ID_004, old, [{ op: 'replace', path: '/cover/title', value: '二人目の題名' }], { merge: true });
    expect(other.statusCode).toBe(200);
    const merged = other.json<SaveAssessmentResponse>().merged!;
    expect(record(merged.data['cover'])).toMatchObject({
      organization: '伊勢市長（一人目）',
      title: '二人目の題名',
    });
    expect(merged.incoming.map((change) => change.pointer)).toEqual(['/cover/organization']);
    expect(record(data['cover'])['title']).not.toBe('二人目の題名');
  });

  it('does not silently overwrite a file another program changed between two deltas', async () => {
    const { etag } = await get(ID_004);
    const first = await patch(ID_004, etag, [
      {
        op: 'replace',
        path: '/cover/organization',
        value: '伊勢市長（差分一）',
      },
    ]);
    const saved = first.json<SaveAssessmentResponse>().etag;
    // A text editor changes another item of the file the server just wrote (and still holds parsed).
    const file = draftPath(server.dataDir, ID_004);
    const byHand = (await readFile(file, 'utf8')).replace('伊勢市長（差分一）', '伊勢市長（手で直した）');
    await writeFile(file, byHand);
    const plain = await patch(ID_004, saved, [{ op: 'replace', path: '/cover/specialNotes', value: '差分二' }]);
    expect(plain.statusCode).toBe(409);
    expect(record(plain.json<{ details: { data: Doc } }>().details.data['cover'])['organization']).toBe('伊勢市長（手で直した）');
    expect(await readFile(file, 'utf8')).toBe(byHand);
    // The editor's save merges: the hand edit stays, the delta is added, and the answer names what came in.
    const merging = await patch(ID_004, saved, [{ op: 'replace', path: '/cover/specialNotes', value: '差分二' }], { merge: true });
    expect(merging.statusCode).toBe(200);
    const { merged } = merging.json<SaveAssessmentResponse>();
    expect(merged?.incoming.map((change) => change.pointer)).toEqual(['/cover/organization']);
    expect(record((await get(ID_004)).data['cover'])).toMatchObject({
      organization: '伊勢市長（手で直した）',
      specialNotes: '差分二',
    });
  });

  it('notices an edit in place that keeps the size and time of the file (a stamp the server took for its own)', async () => {
    const { etag } = await get(ID_004);
    const first = await patch(ID_004, etag, [{ op: 'replace', path: '/cover/organization', value: '伊勢市長（差分一）' }]);
    const saved = first.json<SaveAssessmentResponse>().etag;
    const file = draftPath(server.dataDir, ID_004);
    const { mtime, atime, size } = await stat(file);
    // Same inode, same length, same modification time: only the bytes tell.
    const handle = await open(file, 'r+');
    const text = (await handle.readFile()).toString('utf8').replace('伊勢市長（差分一）', '伊勢市長（差分壱）');
    await handle.write(Buffer.from(text, 'utf8'), 0, undefined, 0);
    await handle.close();
    await utimes(file, atime, mtime);
    expect((await stat(file)).size).toBe(size);
    const plain = await patch(ID_004, saved, [{ op: 'replace', path: '/cover/specialNotes', value: '差分二' }]);
    expect(plain.statusCode).toBe(409);
    expect(await readFile(file, 'utf8')).toBe(text);
    const merging = await patch(ID_004, saved, [{ op: 'replace', path: '/cover/specialNotes', value: '差分二' }], { merge: true });
    expect(merging.statusCode).toBe(200);
    expect(record((await get(ID_004)).data['cover'])).toMatchObject({ organization: '伊勢市長（差分壱）', specialNotes: '差分二' });
  });

  it.each([
    ['a path through nothing', [{ op: 'replace', path: '/cover/nothing/here', value: 'x' }], 'parent'],
    ['an index out of range', [{ op: 'replace', path: '/basicInfo/systems/99', value: {} }], 'index'],
    ['a key that is not there', [{ op: 'remove', path: '/cover/nothing' }], 'missing'],
    ['the root', [{ op: 'replace', path: '', value: {} }], 'root'],
    ['no value', [{ op: 'add', path: '/cover/organization' }], 'value'],
    ['a prototype key', [{ op: 'add', path: '/__proto__/polluted', value: 1 }], 'segment'],
    ['a bad index', [{ op: 'replace', path: '/basicInfo/systems/01', value: {} }], 'segment'],
    ['a scalar as parent', [{ op: 'add', path: '/cover/organization/x', value: 1 }], 'parent'],
    [
      'a later operation',
      [
        { op: 'replace', path: '/cover/organization', value: 'ok' },
        { op: 'remove', path: '/cover/nothing' },
      ],
      'missing',
    ],
  ])('refuses %s with 422 PATCH_INVALID, writing nothing', async (_what, operations, fault) => {
    const { etag } = await get(ID_004);
    const before = await bytesOf(ID_004);
    const response = await patch(ID_004, etag, operations);
    expect(response.statusCode).toBe(422);
    const body = response.json<{
      code: string;
      message: string;
      details: { fault: string; index: number };
    }>();
    expect(body.code).toBe('PATCH_INVALID');
    expect(body.details.fault).toBe(fault);
    expect(body.details.index).toBe(operations.length - 1);
    expect(body.message).toContain(`評価書「${ID_004}」に送られた変更の${operations.length}番目`);
    expect((await bytesOf(ID_004)).equals(before)).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses an unknown operation and a body without operations as a bad request (400)', async () => {
    const { etag } = await get(ID_004);
    const before = await bytesOf(ID_004);
    expect((await patch(ID_004, etag, [{ op: 'move', from: '/cover/title', path: '/cover/organization' }])).statusCode).toBe(400);
    const none = await server.app.inject({
      method: 'PATCH',
      url: url(ID_004),
      headers: { 'if-match': `"${etag}"` },
      payload: { data: {} },
    });
    expect(none.statusCode).toBe(400);
    expect((await bytesOf(ID_004)).equals(before)).toBe(true);
  });

  it('refuses a value nested beyond any assessment (422), writing nothing', async () => {
    const { etag } = await get(ID_004);
    const before = await bytesOf(ID_004);
    let deep: unknown = 'x';
    for (let level = 0; level < 200; level += 1) deep = { a: deep };
    const response = await patch(ID_004, etag, [{ op: 'add', path: '/cover/deep', value: deep }]);
    expect(response.statusCode).toBe(422);
    expect((await bytesOf(ID_004)).equals(before)).toBe(true);
  });

  it('saves a delta that breaks the schema, as the whole save does, and returns the issues with their item path', async () => {
    const { etag } = await get(ID_004);
    const response = await patch(ID_004, etag, [{ op: 'replace', path: '/cover/publishedOn', value: '令和七年' }]);
    expect(response.statusCode).toBe(200);
    const { issues } = response.json<SaveAssessmentResponse>();
    expect(issues.map((issue) => issue.pointer)).toContain('/cover/publishedOn');
    expect(issues.find((issue) => issue.pointer === '/cover/publishedOn')!.path.length).toBeGreaterThan(0);
  });

  it('takes a delta made from the version on disk after a restart, when the server no longer holds it', async () => {
    const { etag } = await get(ID_004);
    const restarted = buildServer({
      dataDir: server.dataDir,
      uiDir: path.join(server.root, 'ui'),
      templatesDir: path.join(ROOT, 'templates'),
      logLevel: 'silent',
    });
    try {
      const response = await patch(
        ID_004,
        etag,
        [
          {
            op: 'replace',
            path: '/cover/organization',
            value: '伊勢市長（再起動後）',
          },
        ],
        {},
        restarted,
      );
      expect(response.statusCode).toBe(200);
      expect(record((await get(ID_004, restarted)).data['cover'])['organization']).toBe('伊勢市長（再起動後）');
    } finally {
      await restarted.close();
    }
  });
});

describe('PATCH /api/assessments/:id/revisions/:n', () => {
  it('refuses any change of a committed revision with 423, and an unknown revision with 404', async () => {
    const committed = await server.app.inject({
      method: 'POST',
      url: `${url(ID_004)}/revisions`,
      payload: {
        message: '公表版',
        author: '総務課 山田',
        baseRevision: null,
        changeDate: '2025-03-27',
      },
    });
    expect(committed.statusCode).toBe(201);
    const revisionFile = path.join(server.dataDir, ID_004, 'revisions');
    const operations = [{ op: 'replace', path: '/cover/organization', value: '書き換え' }];
    const frozen = await server.app.inject({
      method: 'PATCH',
      url: `${url(ID_004)}/revisions/1`,
      headers: { 'if-match': '"x"' },
      payload: { operations },
    });
    expect(frozen.statusCode).toBe(423);
    expect(frozen.json<{ code: string; message: string }>()).toMatchObject({
      code: 'REVISION_FROZEN',
      message: expect.stringContaining('第1版'),
    });
    const revision = await server.app.inject({
      method: 'GET',
      url: `${url(ID_004)}/revisions/1`,
    });
    expect(record(revision.json<{ data: Doc }>().data['cover'])['organization']).not.toBe('書き換え');
    const missing = await server.app.inject({
      method: 'PATCH',
      url: `${url(ID_004)}/revisions/7`,
      payload: { operations },
    });
    expect(missing.statusCode).toBe(404);
    expect(revisionFile).toBeTruthy();
  });
});
