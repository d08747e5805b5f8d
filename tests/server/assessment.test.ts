import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentResponse, SaveAssessmentResponse } from '../../src/server/dto.js';
import { buildServer } from '../../src/server/app.js';
import { parseIfMatch } from '../../src/server/routes/if-match.js';
import { ROOT } from '../helpers/seeds.js';
import { ID_001, ID_002, buildTestServer, draftPath, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer();
});
afterEach(() => server.cleanup());

const get = async (id: string): Promise<AssessmentResponse> => {
  const response = await server.app.inject({ method: 'GET', url: `/api/assessments/${id}` });
  expect(response.statusCode).toBe(200);
  return response.json<AssessmentResponse>();
};

const put = (id: string, data: unknown, ifMatch?: string) =>
  server.app.inject({
    method: 'PUT',
    url: `/api/assessments/${id}`,
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    payload: { data },
  });

const cover = (data: Record<string, unknown>): Record<string, unknown> => data['cover'] as Record<string, unknown>;

describe('GET /api/assessments/:id', () => {
  it('returns the draft, its issues and an ETag that is the hash of the file bytes', async () => {
    const response = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_001}` });
    expect(response.statusCode).toBe(200);
    const body = response.json<AssessmentResponse>();
    const bytes = await readFile(draftPath(server.dataDir, ID_001));
    const hash = createHash('sha256').update(bytes).digest('base64url');
    expect(body).toMatchObject({ id: ID_001, form: 'yoshiki4', issues: [], etag: hash });
    expect(response.headers['etag']).toBe(`"${hash}"`);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(cover(body.data)['organization']).toBe('北九州市長');
  });

  it('answers 404 in Japanese for an assessment that does not exist', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/assessments/nai-hyokasho' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      code: 'ASSESSMENT_NOT_FOUND',
      message: '評価書「nai-hyokasho」が見つかりません。',
      details: { id: 'nai-hyokasho' },
    });
  });

  it('reports a draft broken by hand with the line and column, relative to the data folder', async () => {
    await writeFile(draftPath(server.dataDir, ID_002), 'form: yoshiki3\ncover:\n  title: [\n');
    const response = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_002}` });
    expect(response.statusCode).toBe(422);
    const body = response.json<{ code: string; message: string; details: Record<string, unknown> }>();
    expect(body.code).toBe('YAML_SYNTAX');
    expect(body.message).toMatch(new RegExp(`^${ID_002}/assessment\\.yaml:\\d+:\\d+: `));
    expect(body.details).toMatchObject({ file: `${ID_002}/assessment.yaml` });
  });
});

describe('PUT /api/assessments/:id', () => {
  it('saves, returns the new etag and issues, and the next GET reads what was saved', async () => {
    const { data, etag } = await get(ID_002);
    cover(data)['title'] = '新型コロナウイルス感染症対策に係る 予防接種事務 重点項目評価書（改訂）';
    const response = await put(ID_002, data, `"${etag}"`);
    expect(response.statusCode).toBe(200);
    const saved = response.json<SaveAssessmentResponse>();
    expect(saved.issues).toEqual([]);
    expect(saved.etag).not.toBe(etag);
    expect(response.headers['etag']).toBe(`"${saved.etag}"`);
    const again = await get(ID_002);
    expect(again.etag).toBe(saved.etag);
    expect(cover(again.data)['title']).toBe('新型コロナウイルス感染症対策に係る 予防接種事務 重点項目評価書（改訂）');
    expect(again.data).toEqual(data);
  });

  it('saves a draft with validation issues and returns them with the official item path', async () => {
    const { data, etag } = await get(ID_002);
    cover(data)['number'] = '三十二';
    const response = await put(ID_002, data, `"${etag}"`);
    expect(response.statusCode).toBe(200);
    const { issues } = response.json<SaveAssessmentResponse>();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ pointer: '/cover/number', keyword: 'type' });
    expect(issues[0]!.message).toContain('三十二');
    expect(cover((await get(ID_002)).data)['number']).toBe('三十二');
  });

  it('accepts a weak or unquoted If-Match', async () => {
    const { data, etag } = await get(ID_002);
    expect((await put(ID_002, data, `W/"${etag}"`)).statusCode).toBe(200);
    const next = await get(ID_002);
    expect((await put(ID_002, data, next.etag)).statusCode).toBe(200);
  });

  it('requires If-Match (428)', async () => {
    const { data } = await get(ID_002);
    const response = await put(ID_002, data);
    expect(response.statusCode).toBe(428);
    expect(response.json()).toEqual({
      code: 'PRECONDITION_REQUIRED',
      message:
        '保存するには、読み込んだ版を示す If-Match ヘッダーが必要です。画面を読み込み直してから保存してください。',
    });
  });

  it('refuses a stale etag with 409 and the version now on disk, which stays as it was', async () => {
    const first = await get(ID_002);
    const mine = structuredClone(first.data);
    cover(first.data)['organization'] = '長岡市長（先に保存）';
    const winner = (await put(ID_002, first.data, `"${first.etag}"`)).json<SaveAssessmentResponse>();
    cover(mine)['organization'] = '長岡市長（後から保存）';
    const response = await put(ID_002, mine, `"${first.etag}"`);
    expect(response.statusCode).toBe(409);
    const body = response.json<{
      code: string;
      message: string;
      details: { etag: string; data: Record<string, unknown> };
    }>();
    expect(body.code).toBe('REVISION_CONFLICT');
    expect(body.message).toBe(
      `評価書「${ID_002}」は、開いた後に別の画面または別の人が保存しています。今回の変更はまだ保存されていません。保存された内容を確認してから、もう一度保存してください。`,
    );
    expect(body.details.etag).toBe(winner.etag);
    expect(cover(body.details.data)['organization']).toBe('長岡市長（先に保存）');
    expect(cover((await get(ID_002)).data)['organization']).toBe('長岡市長（先に保存）');
  });

  it('detects a change made by another program since the author loaded the draft', async () => {
    const { data, etag } = await get(ID_002);
    const file = draftPath(server.dataDir, ID_002);
    await writeFile(file, (await readFile(file, 'utf8')).replace('長岡市長', '長岡市長（エディタで直接修正）'));
    const response = await put(ID_002, data, `"${etag}"`);
    expect(response.statusCode).toBe(409);
    expect(await readFile(file, 'utf8')).toContain('長岡市長（エディタで直接修正）');
  });

  it('lets exactly one of many concurrent saves with the same etag win', async () => {
    const { data, etag } = await get(ID_001);
    const attempts = Array.from({ length: 8 }, (_, n) => {
      const copy = structuredClone(data);
      cover(copy)['organization'] = `北九州市長（保存${n}）`;
      return put(ID_001, copy, `"${etag}"`);
    });
    const responses = await Promise.all(attempts);
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(7);
    const winner = responses.findIndex((response) => response.statusCode === 200);
    const now = await get(ID_001);
    expect(cover(now.data)['organization']).toBe(`北九州市長（保存${winner}）`);
    expect(now.etag).toBe(responses[winner]!.json<SaveAssessmentResponse>().etag);
  });

  it.each([
    ['a text', '評価書'],
    ['a list', []],
    ['null', null],
  ])('refuses data that is %s (400)', async (_what, data) => {
    const { etag } = await get(ID_002);
    const response = await put(ID_002, data, `"${etag}"`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: '評価書の内容（data）は項目のまとまり（オブジェクト）で送信してください。',
    });
  });

  it('refuses data without a known form, keeping the file', async () => {
    const { data, etag } = await get(ID_002);
    const response = await put(ID_002, { ...data, form: 'yoshiki9' }, `"${etag}"`);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'UNKNOWN_FORM',
      message: `評価書「${ID_002}」の様式（form）が分かりません。`,
    });
    expect((await get(ID_002)).etag).toBe(etag);
  });

  it('answers 404 when saving an assessment that does not exist, creating nothing', async () => {
    const { data } = await get(ID_002);
    const response = await put('nai-hyokasho', data, '"x"');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
    expect((await server.app.inject({ method: 'GET', url: '/api/assessments/nai-hyokasho' })).statusCode).toBe(404);
  });
});

describe('PUT /api/assessments/:id with merge (the editor’s save)', () => {
  const putMerging = (id: string, data: unknown, etag: string, app = server.app) =>
    app.inject({ method: 'PUT', url: `/api/assessments/${id}`, headers: { 'if-match': `"${etag}"` }, payload: { data, merge: true } });
  const department = (data: Record<string, unknown>): Record<string, unknown> =>
    (data['basicInfo'] as Record<string, unknown>)['department'] as Record<string, unknown>;

  it('merges a save made from a version others have moved past, saves the merge and answers with it and what came in', async () => {
    const first = await get(ID_002);
    const theirs = structuredClone(first.data);
    cover(theirs)['organization'] = '長岡市長（先に保存）';
    expect((await putMerging(ID_002, theirs, first.etag)).statusCode).toBe(200);
    const mine = structuredClone(first.data);
    department(mine)['headTitle'] = '所属長（後から保存）';
    const response = await putMerging(ID_002, mine, first.etag);
    expect(response.statusCode).toBe(200);
    const body = response.json<SaveAssessmentResponse>();
    expect(body.merged?.incoming).toEqual([{ kind: 'changed', pointer: '/cover/organization', label: '表紙 評価実施機関名' }]);
    expect(response.headers['etag']).toBe(`"${body.etag}"`);
    const now = await get(ID_002);
    expect(now.etag).toBe(body.etag);
    expect(now.data).toEqual(body.merged?.data);
    expect([cover(now.data)['organization'], department(now.data)['headTitle']]).toEqual(['長岡市長（先に保存）', '所属長（後から保存）']);
  });

  it('answers 409 with the version on disk when both changed the same item, saving nothing', async () => {
    const first = await get(ID_002);
    const theirs = structuredClone(first.data);
    cover(theirs)['organization'] = '長岡市長（甲）';
    const won = (await putMerging(ID_002, theirs, first.etag)).json<SaveAssessmentResponse>();
    const mine = structuredClone(first.data);
    cover(mine)['organization'] = '長岡市長（乙）';
    const response = await putMerging(ID_002, mine, first.etag);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'REVISION_CONFLICT', details: { etag: won.etag, data: theirs } });
    expect((await get(ID_002)).etag).toBe(won.etag);
  });

  it('answers 409 for a version it no longer holds (another server process, a restart): the editor merges then', async () => {
    const first = await get(ID_002);
    const theirs = structuredClone(first.data);
    cover(theirs)['organization'] = '長岡市長（甲）';
    await putMerging(ID_002, theirs, first.etag);
    const restarted = buildServer({ dataDir: server.dataDir, uiDir: server.root, templatesDir: path.join(ROOT, 'templates'), logLevel: 'silent' });
    try {
      const mine = structuredClone(first.data);
      department(mine)['headTitle'] = '所属長（乙）';
      const response = await putMerging(ID_002, mine, first.etag, restarted);
      expect(response.statusCode).toBe(409);
      expect(response.json<{ details: { data: unknown } }>().details.data).toEqual(theirs);
    } finally {
      await restarted.close();
    }
  });

  it('saves every one of many concurrent saves of different items made from the same version', async () => {
    const { data, etag } = await get(ID_001);
    const items = ['title', 'organization', 'specialNotes', 'number'];
    const responses = await Promise.all(
      items.map((key) => {
        const copy = structuredClone(data);
        cover(copy)[key] = `${key}（同時に保存）`;
        return putMerging(ID_001, copy, etag);
      }),
    );
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    const now = await get(ID_001);
    expect(items.map((key) => cover(now.data)[key])).toEqual(items.map((key) => `${key}（同時に保存）`));
  });
});

describe('parseIfMatch', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['"abc"', 'abc'],
    ['W/"abc"', 'abc'],
    ['"abc", "def"', 'abc'],
    ['*', '*'],
  ])('reads %s as %s', (header, expected) => {
    expect(parseIfMatch(header)).toBe(expected);
  });
});
