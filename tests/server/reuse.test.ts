/** The reuse routes through inject: 複製 and 様式の版の移行, and the library folder never listed as an assessment. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CopyPreviewResponse, CopyResponse, ListAssessmentsResponse, MigrationPreviewResponse, MigrationResponse } from '../../src/server/dto.js';
import { copyLibrary } from '../helpers/renewal.js';
import { ID_001, ID_002, ID_004, buildTestServer, draftPath, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer();
  await copyLibrary(server.dataDir);
});
afterEach(() => server.cleanup());

const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  server.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

describe('複製', () => {
  it('GET …/copy previews what a copy leaves blank, and on another revision the migration report', async () => {
    const response = await inject('GET', `/api/assessments/${ID_002}/copy?formRevision=${encodeURIComponent('令和７年５月')}`);
    expect(response.statusCode).toBe(200);
    const preview = response.json<CopyPreviewResponse>();
    expect(preview.cleared.map((item) => `${item.path.join(' > ')}: ${item.shown}`)).toEqual([
      '表紙 > 公表日: 令和5年6月8日',
      'Ⅴ　評価実施手続 > １．基礎項目評価 > ①実施日: 令和4年4月1日',
      '（別添２） 変更箇所: 67件',
    ]);
    expect(preview.migration?.entries.map((entry) => entry.kind)).toEqual(['label']);
  });

  it('POST …/copy creates `<id>-copy` with a new title and answers 201 with its id; the list shows it', async () => {
    const response = await inject('POST', `/api/assessments/${ID_004}/copy`, { title: '予防接種に関する事務（複製）' });
    expect(response.statusCode).toBe(201);
    const copy = response.json<CopyResponse>();
    expect(copy.id).toBe(`${ID_004}-copy`);
    expect(response.headers['location']).toBe(`/api/assessments/${ID_004}-copy`);
    const got = (await inject('GET', `/api/assessments/${copy.id}`)).json<{ data: { cover: { title: string; publishedOn: unknown } } }>();
    expect(got.data.cover).toMatchObject({ title: '予防接種に関する事務（複製）', publishedOn: null });
    const listed = (await inject('GET', '/api/assessments')).json<ListAssessmentsResponse>().items.map((item) => item.id);
    expect(listed).toEqual([ID_001, ID_002, ID_004, `${ID_004}-copy`]);
  });

  it('refuses: a taken id (409), the reserved id snippets (400), an unknown revision (400), an unknown source (404)', async () => {
    expect((await inject('POST', `/api/assessments/${ID_004}/copy`, { id: ID_001 })).json()).toMatchObject({ code: 'ASSESSMENT_EXISTS' });
    const reserved = await inject('POST', `/api/assessments/${ID_004}/copy`, { id: 'snippets' });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json()).toEqual({
      code: 'INVALID_ID',
      message: '「snippets」は標準文のライブラリのフォルダ名のため、評価書のIDやフォルダ名には使えません。別の名前を指定してください。',
      details: { id: 'snippets', reserved: true },
    });
    const unknown = await inject('POST', `/api/assessments/${ID_004}/copy`, { formRevision: '令和9年' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ message: string }>().message).toContain('様式の版「令和9年」はありません。');
    expect((await inject('POST', '/api/assessments/no-such/copy', {})).statusCode).toBe(404);
  });
});

describe('the library folder is not an assessment', () => {
  it('never lists snippets/ (even with an assessment.yaml put there by hand) and refuses it as an id', async () => {
    await mkdir(path.join(server.dataDir, 'snippets'), { recursive: true });
    await writeFile(path.join(server.dataDir, 'snippets', 'assessment.yaml'), await readFile(draftPath(server.dataDir, ID_004)));
    const listed = (await inject('GET', '/api/assessments')).json<ListAssessmentsResponse>().items.map((item) => item.id);
    expect(listed).toEqual([ID_001, ID_002, ID_004]);
    expect((await inject('GET', '/api/assessments/snippets')).json()).toMatchObject({ code: 'INVALID_ID' });
    const created = await inject('POST', '/api/assessments', { form: 'yoshiki3', id: 'snippets' });
    expect(created.statusCode).toBe(400);
    // A title that would make the id `snippets` gets the next free one.
    const titled = await inject('POST', '/api/assessments', { form: 'yoshiki3', title: 'Snippets' });
    expect(titled.json<{ id: string }>().id).toBe('snippets-2');
  });
});

describe('様式の版の移行', () => {
  it('GET …/migration previews the report; POST needs If-Match, moves the draft and answers the report and the new etag', async () => {
    const preview = await inject('GET', `/api/assessments/${ID_002}/migration?to=${encodeURIComponent('令和7年5月')}`);
    expect(preview.statusCode).toBe(200);
    const report = preview.json<MigrationPreviewResponse>();
    expect(report).toMatchObject({ from: '平成30年５月', to: '令和７年５月' });
    expect(report.entries[0]?.text).toContain('「4情報」と書いている記載が3か所あります');
    const before = await readFile(draftPath(server.dataDir, ID_002), 'utf8');

    expect((await inject('POST', `/api/assessments/${ID_002}/migration`, { to: '令和７年５月' })).statusCode).toBe(428);
    const stale = await inject('POST', `/api/assessments/${ID_002}/migration`, { to: '令和７年５月' }, { 'if-match': '"stale"' });
    expect(stale.statusCode).toBe(409);
    expect(await readFile(draftPath(server.dataDir, ID_002), 'utf8')).toBe(before);

    const done = await inject('POST', `/api/assessments/${ID_002}/migration`, { to: '令和７年５月' }, { 'if-match': `"${report.etag}"` });
    expect(done.statusCode).toBe(200);
    const outcome = done.json<MigrationResponse>();
    expect(outcome).toMatchObject({ changed: true, from: '平成30年５月', to: '令和７年５月', issues: [] });
    expect(done.headers['etag']).toBe(`"${outcome.etag}"`);
    expect(await readFile(draftPath(server.dataDir, ID_002), 'utf8')).toContain('formRevision: 令和７年５月');
  });

  it('refuses a revision the form does not have with the choices, in Japanese', async () => {
    const response = await inject('GET', `/api/assessments/${ID_004}/migration?to=${encodeURIComponent('令和8年4月')}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_REQUEST', message: '様式の版「令和8年4月」はありません。使える版: 令和７年５月、令和６年10月、平成30年５月' });
  });
});
