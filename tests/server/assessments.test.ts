import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentSummary, ListAssessmentsResponse } from '../../src/server/dto.js';
import { baseIdFor, fixedClock } from '../../src/workflows/index.js';
import { ID_001, ID_002, ID_004, buildTestServer, draftPath, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  // 15:00 UTC is already the next day in Japan: ids made from the date use Japan's.
  server = await buildTestServer({ clock: fixedClock(new Date('2025-08-18T15:00:00Z')) });
});
afterEach(() => server.cleanup());

const list = async (query = ''): Promise<AssessmentSummary[]> => {
  const response = await server.app.inject({ method: 'GET', url: `/api/assessments${query}` });
  expect(response.statusCode).toBe(200);
  return response.json<ListAssessmentsResponse>().items;
};
const ids = (items: AssessmentSummary[]): string[] => items.map((item) => item.id);

describe('GET /api/assessments', () => {
  it('lists every seed with its form, names from the cover, status and issue count', async () => {
    const items = await list();
    expect(ids(items)).toEqual([ID_001, ID_002, ID_004]);
    expect(items[0]).toMatchObject({
      form: 'yoshiki4',
      formName: '全項目評価書・様式４',
      title: '北九州市　予防接種に関する事務　全項目評価書',
      organization: '北九州市長',
      status: 'draft',
      phase: null,
      issueCount: 0,
      revisionCount: 0,
    });
    expect(items[1]).toMatchObject({ form: 'yoshiki3', formName: '重点項目評価書・様式３', organization: '長岡市長' });
    expect(Number.isNaN(Date.parse(items[0]!.updatedAt))).toBe(false);
  });

  it('searches title and organization, ignoring case and full-width/half-width differences', async () => {
    expect(ids(await list(`?q=${encodeURIComponent('伊勢')}`))).toEqual([ID_004]);
    expect(ids(await list(`?q=${encodeURIComponent('予防接種に関する事務')}`))).toEqual([ID_001, ID_004]);
    expect(ids(await list(`?q=${encodeURIComponent('新型コロナ')}`))).toEqual([ID_002]);
    expect(ids(await list(`?q=${encodeURIComponent('該当なし')}`))).toEqual([]);
  });

  it('matches Latin letters whatever their width and case', async () => {
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/assessments',
      payload: { form: 'yoshiki3', title: 'ＰＩＡ試行 評価書', organization: '試験市長' },
    });
    expect(created.statusCode).toBe(201);
    expect(ids(await list('?q=pia'))).toEqual([created.json<{ id: string }>().id]);
  });

  it('filters by form and by status exactly', async () => {
    expect(ids(await list('?form=yoshiki3'))).toEqual([ID_002, ID_004]);
    expect(ids(await list('?form=yoshiki4&q=' + encodeURIComponent('北九州')))).toEqual([ID_001]);
    expect(ids(await list('?status=draft'))).toHaveLength(3);
    expect(ids(await list('?status=published'))).toEqual([]);
  });

  it('refuses an unknown form filter in Japanese', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/assessments?form=yoshiki9' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: '送信された内容が正しくありません（検索条件/form）。',
    });
  });

  it('shows a saved change at once, although rows are cached between requests', async () => {
    await list();
    const got = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_002}` });
    const { data, etag } = got.json<{ data: { cover: Record<string, unknown> }; etag: string }>();
    data.cover['title'] = '改訂後の評価書名';
    data.cover['number'] = 'not a number';
    const saved = await server.app.inject({
      method: 'PUT',
      url: `/api/assessments/${ID_002}`,
      headers: { 'if-match': `"${etag}"` },
      payload: { data },
    });
    expect(saved.statusCode).toBe(200);
    const row = (await list()).find((item) => item.id === ID_002);
    expect(row).toMatchObject({ title: '改訂後の評価書名', issueCount: 1 });
  });

  it('leaves out a draft broken by hand, without failing the list, and shows it again once repaired', async () => {
    const file = draftPath(server.dataDir, ID_002);
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text}\n  broken: [\n`);
    expect(ids(await list())).toEqual([ID_001, ID_004]);
    expect(ids(await list())).toEqual([ID_001, ID_004]);
    await writeFile(file, text);
    expect(ids(await list())).toEqual([ID_001, ID_002, ID_004]);
  });
});

describe('POST /api/assessments', () => {
  it('creates a blank 様式3 with the given names, listed and readable', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/assessments',
      payload: {
        form: 'yoshiki3',
        id: 'kosodate-2025',
        title: '子育て支援に関する事務　重点項目評価書',
        organization: '試験市長',
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id: 'kosodate-2025' });
    expect(response.headers['location']).toBe('/api/assessments/kosodate-2025');
    const got = await server.app.inject({ method: 'GET', url: '/api/assessments/kosodate-2025' });
    expect(got.statusCode).toBe(200);
    const body = got.json<{ form: string; data: { cover: Record<string, unknown> } }>();
    expect(body.form).toBe('yoshiki3');
    expect(body.data.cover).toMatchObject({
      title: '子育て支援に関する事務　重点項目評価書',
      organization: '試験市長',
    });
    expect(ids(await list('?form=yoshiki3'))).toContain('kosodate-2025');
  });

  it('creates a blank 様式4 with an id made from the date when the title has no Latin letters', async () => {
    const first = await server.app.inject({
      method: 'POST',
      url: '/api/assessments',
      payload: { form: 'yoshiki4', title: '全項目評価書' },
    });
    const second = await server.app.inject({ method: 'POST', url: '/api/assessments', payload: { form: 'yoshiki4' } });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    const base = baseIdFor('yoshiki4', undefined, '2025-08-19');
    expect(base).toBe('yoshiki4-20250819');
    expect([first.json<{ id: string }>().id, second.json<{ id: string }>().id]).toEqual([base, `${base}-2`]);
    const got = await server.app.inject({ method: 'GET', url: `/api/assessments/${base}-2` });
    expect(got.json<{ form: string }>().form).toBe('yoshiki4');
  });

  it('creates a blank document on an older form revision, stamped with its exact text; refuses one that does not exist', async () => {
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/assessments',
      payload: { form: 'yoshiki4', id: 'heisei30', formRevision: '平成30年５月' },
    });
    expect(created.statusCode).toBe(201);
    const got = (await server.app.inject({ method: 'GET', url: '/api/assessments/heisei30' })).json<{
      data: Record<string, unknown>;
      issues: unknown[];
    }>();
    expect(got.data['formRevision']).toBe('平成30年５月');
    expect(got.issues).toEqual([]);
    const refused = await server.app.inject({
      method: 'POST',
      url: '/api/assessments',
      payload: { form: 'yoshiki3', id: 'reiwa9', formRevision: '令和9年1月' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('使える版: 令和７年５月、令和６年10月、平成30年５月') });
    expect((await server.app.inject({ method: 'GET', url: '/api/assessments/reiwa9' })).statusCode).toBe(404);
  });

  it('refuses an id whose folder exists with 409 and leaves it untouched', async () => {
    const before = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}` });
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/assessments',
      payload: { form: 'yoshiki3', id: ID_004 },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'ASSESSMENT_EXISTS',
      message: `評価書「${ID_004}」はすでにあります。別のIDを指定してください。`,
    });
    const after = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}` });
    expect(after.headers['etag']).toBe(before.headers['etag']);
  });

  it('refuses an unknown form', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/assessments',
      payload: { form: 'yoshiki5' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: '送信された内容が正しくありません（本文/form）。',
    });
  });
});

describe('baseIdFor', () => {
  it.each([
    ['PIA 2025 予防接種', 'pia-2025'],
    ['ＡＢＣ　事務', 'abc'],
  ])('makes a folder name from the Latin part of %s', (title, expected) => {
    expect(baseIdFor('yoshiki3', title, '2025-08-19')).toBe(expected);
  });

  it('falls back to the form and the date', () => {
    expect(baseIdFor('yoshiki3', '予防接種に関する事務', '2025-08-19')).toBe('yoshiki3-20250819');
  });
});
