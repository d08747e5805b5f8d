/** The standard-text routes through inject, on a temp data folder with the bundled library. */
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AddSnippetResponse,
  ChecksResponse,
  InsertSnippetResponse,
  SnippetLibraryResponse,
  SnippetUpdatesResponse,
  SnippetUsesResponse,
  UpdateSnippetsResponse,
} from '../../src/server/dto.js';
import { NETWORK_OTHER, RENEWAL_SUMMARY, RENEWED_004, bundledLibrary, copyLibrary, ise004BeforeRenewal, writeDraft } from '../helpers/renewal.js';
import { ID_001, ID_004, buildTestServer, draftPath, pdfText, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer();
  await copyLibrary(server.dataDir);
});
afterEach(() => server.cleanup());

const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  server.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
const etagOf = async (id: string): Promise<string> => (await inject('GET', `/api/assessments/${id}`)).json<{ etag: string }>().etag;

describe('the library', () => {
  it('GET /api/snippets lists every version with its successor', async () => {
    const { snippets, issues } = (await inject('GET', '/api/snippets')).json<SnippetLibraryResponse>();
    expect(issues).toEqual([]);
    expect(snippets.find((s) => s.id === 'chukan-pf-renkei' && s.version === 1)?.replacedBy).toEqual({ id: 'chukan-pf-renkei', version: 2 });
  });

  it('POST /api/snippets adds a version (201), refuses an existing one (409) and an invalid one (422) in Japanese', async () => {
    const snippet = { id: 'koseki-renkei', version: 1, title: '戸籍情報との連携', issuer: '伊勢市', date: '2025-10-01', body: '戸籍情報は…' };
    const added = await inject('POST', '/api/snippets', snippet);
    expect(added.statusCode).toBe(201);
    expect(added.json<AddSnippetResponse>()).toEqual({ id: 'koseki-renkei', version: 1 });
    expect((await inject('GET', '/api/snippets')).json<SnippetLibraryResponse>().snippets.some((s) => s.id === 'koseki-renkei')).toBe(true);
    const again = await inject('POST', '/api/snippets', snippet);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SNIPPET_EXISTS' });
    const invalid = await inject('POST', '/api/snippets', { ...snippet, id: '../outside', version: 2 });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json<{ message: string }>().message).toContain('標準文のIDは半角英小文字・数字で始まり');
  });
});

describe('a draft’s standard texts', () => {
  it('GET uses; POST insert needs If-Match and refuses a stale version, then inserts at the given offset', async () => {
    const uses = (await inject('GET', `/api/assessments/${ID_004}/snippets`)).json<SnippetUsesResponse>();
    expect(uses.uses.every((use) => use.state === 'intact' && use.newest === undefined)).toBe(true);
    const body = { pointer: '/files/0/riskMeasures/acquisition/otherRisks', snippet: 'chukan-sw-renkei', start: 0, end: 0 };
    expect((await inject('POST', `/api/assessments/${ID_004}/snippets`, body)).statusCode).toBe(428);
    expect((await inject('POST', `/api/assessments/${ID_004}/snippets`, body, { 'if-match': '"stale"' })).statusCode).toBe(409);
    const done = await inject('POST', `/api/assessments/${ID_004}/snippets`, body, { 'if-match': `"${uses.etag}"` });
    expect(done.statusCode).toBe(200);
    const outcome = done.json<InsertSnippetResponse>();
    expect(outcome.span.start).toBe(0);
    expect(outcome.snippet).toMatchObject({ id: 'chukan-sw-renkei', version: 1 });
    expect(done.headers['etag']).toBe(`"${outcome.etag}"`);
    const bad = await inject('POST', `/api/assessments/${ID_004}/snippets`, { ...body, pointer: '/cover/publishedOn' }, { 'if-match': `"${outcome.etag}"` });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'SNIPPET_TARGET_INVALID' });
  });

  it('GET /api/assessments/:id/checks finds the citation of a replaced document with the data folder’s library', async () => {
    const { findings } = (await inject('GET', `/api/assessments/${ID_004}/checks`)).json<ChecksResponse>();
    expect(findings.filter((finding) => finding.ruleId === 'references.outdated').map((finding) => finding.pointers[0])).toEqual([
      '/files/0/riskMeasures/storage/otherRisks',
    ]);
  });
});

describe('updating to a new version', () => {
  it('GET /api/snippets/updates lists 001 with its old text and the rows an update would give', async () => {
    const { items } = (await inject('GET', '/api/snippets/updates')).json<SnippetUpdatesResponse>();
    expect(items.map((item) => [item.id, item.uses.map((use) => use.snippet)])).toEqual([[ID_001, ['chukan-pf-hokan-sonota']]]);
    expect(items[0]!.preview.rows.map((row) => row.after)).toEqual([RENEWAL_SUMMARY]);
  });

  it('update with a choice on the hand-edited span → commit → the revision’s rows and its PDF print the grouped summary', async () => {
    await writeDraft(server.dataDir, ID_004, 'yoshiki3', await ise004BeforeRenewal(await bundledLibrary()));
    const first = await inject('POST', `/api/assessments/${ID_004}/revisions`, { message: '更改前', author: '健康課', baseRevision: null });
    expect(first.statusCode).toBe(201);

    const listed = (await inject('GET', '/api/snippets/updates')).json<SnippetUpdatesResponse>().items.find((item) => item.id === ID_004)!;
    const [conflict] = listed.preview.conflicts;
    expect(conflict).toMatchObject({ pointer: NETWORK_OTHER, state: 'edited' });
    expect(conflict!.inserted).not.toBe(conflict!.current);

    const url = `/api/assessments/${ID_004}/snippets/update`;
    expect((await inject('POST', url, {})).statusCode).toBe(428);
    const body = { choices: [{ index: conflict!.index, take: 'current' }] };
    const done = await inject('POST', url, body, { 'if-match': `"${listed.preview.etag}"` });
    expect(done.statusCode).toBe(200);
    const outcome = done.json<UpdateSnippetsResponse>();
    expect(outcome).toMatchObject({ changed: true, conflicts: [], summary: RENEWAL_SUMMARY });
    expect(outcome.updated.map((update) => update.pointer)).toEqual(RENEWED_004);
    expect(outcome.kept).toEqual([{ pointer: NETWORK_OTHER, snippet: 'chukan-pf-renkei', fromVersion: 1, toVersion: 2 }]);
    expect(await etagOf(ID_004)).toBe(outcome.etag);

    const committed = await inject('POST', `/api/assessments/${ID_004}/revisions`, {
      message: '自治体中間サーバ・プラットフォーム更改',
      author: '健康課',
      baseRevision: 1,
      changeDate: '2025-10-01',
    });
    expect(committed.statusCode).toBe(201);
    const { revision } = committed.json<{ revision: { rows: { after: string; pointer: string }[] } }>();
    expect(revision.rows.map((row) => [row.pointer, row.after])).toEqual(RENEWED_004.map((pointer) => [pointer, RENEWAL_SUMMARY]));

    const pdf = await inject('GET', `/api/assessments/${ID_004}/pdf?revision=2`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload, server.root);
    expect(text.split(`${RENEWAL_SUMMARY}事前重要な変更にあたる項目`).length - 1).toBe(2);
    expect(await readFile(draftPath(server.dataDir, ID_004), 'utf8')).toContain('rowSummaries:');
  });
});
