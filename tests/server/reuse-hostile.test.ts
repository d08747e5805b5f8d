/**
 * Bad input to the reuse and standard-text routes: every answer is a 4xx with `{ code, message }` in Japanese, never a
 * 5xx, and nothing is written — on ordinary drafts, on a draft whose YAML is broken, on one that names no form, and
 * with a library that holds a broken file and a text whose insertion point lies outside the item.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyLibrary } from '../helpers/renewal.js';
import { ID_001, ID_004, buildTestServer, draftPath, type TestServer } from './helpers.js';

const BROKEN = 'broken-yaml';
const FORMLESS = 'no-form';
const POINTER = '/files/0/riskMeasures/acquisition/otherRisks';

let server: TestServer;
let etag: string;
let before: string;
let libraryBefore: string[];
beforeAll(async () => {
  server = await buildTestServer();
  await copyLibrary(server.dataDir);
  const drafts: readonly (readonly [string, string])[] = [
    [BROKEN, 'form: yoshiki3\ncover: [unclosed\n'],
    [FORMLESS, 'cover:\n  title: 様式のない評価書\n'],
  ];
  for (const [id, text] of drafts) {
    await mkdir(path.join(server.dataDir, id));
    await writeFile(draftPath(server.dataDir, id), text);
  }
  await writeFile(path.join(server.dataDir, 'snippets', 'broken.v1.yaml'), 'id: broken\nversion: [1\n');
  etag = (await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}` })).json<{ etag: string }>().etag;
  before = await readFile(draftPath(server.dataDir, ID_004), 'utf8');
  libraryBefore = (await readdir(path.join(server.dataDir, 'snippets'))).sort();
});
afterAll(() => server.cleanup());

type Case = [name: string, method: 'GET' | 'POST', url: string, body?: unknown, ifMatch?: 'current' | 'stale'];
const draft = `/api/assessments/${ID_004}`;
const CASES: Case[] = [
  ['copy: unknown revision', 'GET', `${draft}/copy?formRevision=${encodeURIComponent('令和99年1月')}`],
  ['copy: revision too long', 'GET', `${draft}/copy?formRevision=${'x'.repeat(500)}`],
  ['copy: reserved id', 'POST', `${draft}/copy`, { id: 'snippets' }],
  ['copy: id with a path', 'POST', `${draft}/copy`, { id: '../004-ise-yobosesshu' }],
  ['copy: id taken', 'POST', `${draft}/copy`, { id: ID_004 }],
  ['copy: body not an object', 'POST', `${draft}/copy`, ['x']],
  ['copy: title not text', 'POST', `${draft}/copy`, { title: { $gt: '' } }],
  ['copy: broken YAML', 'POST', `/api/assessments/${BROKEN}/copy`, {}],
  ['copy: no form', 'GET', `/api/assessments/${FORMLESS}/copy`],
  ['copy: unknown source', 'POST', '/api/assessments/no-such-assessment/copy', {}],
  ['migration: no target', 'GET', `${draft}/migration`],
  ['migration: unknown revision', 'GET', `${draft}/migration?to=${encodeURIComponent('平成2年')}`],
  ['migration: no If-Match', 'POST', `${draft}/migration`, { to: '令和６年10月' }],
  ['migration: stale', 'POST', `${draft}/migration`, { to: '令和６年10月' }, 'stale'],
  ['migration: target not text', 'POST', `${draft}/migration`, { to: 6 }, 'current'],
  ['migration: broken YAML', 'POST', `/api/assessments/${BROKEN}/migration`, { to: '令和６年10月' }, 'stale'],
  ['migration: no form', 'GET', `/api/assessments/${FORMLESS}/migration?to=${encodeURIComponent('令和６年10月')}`],
  ['insert: no If-Match', 'POST', `${draft}/snippets`, { pointer: POINTER, snippet: 'chukan-sw-renkei' }],
  ['insert: unknown text', 'POST', `${draft}/snippets`, { pointer: POINTER, snippet: 'no-such-text' }, 'current'],
  ['insert: unknown version', 'POST', `${draft}/snippets`, { pointer: POINTER, snippet: 'chukan-sw-renkei', version: 9 }, 'current'],
  ['insert: id with a path', 'POST', `${draft}/snippets`, { pointer: POINTER, snippet: '../broken' }, 'current'],
  ['insert: start past the end', 'POST', `${draft}/snippets`, { pointer: POINTER, snippet: 'chukan-sw-renkei', start: 9_999_999 }, 'current'],
  ['insert: start after end', 'POST', `${draft}/snippets`, { pointer: POINTER, snippet: 'chukan-sw-renkei', start: 5, end: 2 }, 'current'],
  ['insert: not a text item', 'POST', `${draft}/snippets`, { pointer: '/cover/publishedOn', snippet: 'chukan-sw-renkei' }, 'current'],
  ['insert: no such item', 'POST', `${draft}/snippets`, { pointer: '/files/7/riskMeasures/acquisition/otherRisks', snippet: 'chukan-sw-renkei' }, 'current'],
  ['insert: prototype', 'POST', `${draft}/snippets`, { pointer: '/__proto__/polluted', snippet: 'chukan-sw-renkei' }, 'current'],
  ['insert: pointer without a slash', 'POST', `${draft}/snippets`, { pointer: 'cover', snippet: 'chukan-sw-renkei' }, 'current'],
  ['insert: broken YAML', 'POST', `/api/assessments/${BROKEN}/snippets`, { pointer: POINTER, snippet: 'chukan-sw-renkei' }, 'stale'],
  ['uses: no form', 'GET', `/api/assessments/${FORMLESS}/snippets`],
  ['update: no If-Match', 'POST', `${draft}/snippets/update`, {}],
  // 001 still prints version 1 of one text, so its update would write (004's changes nothing and writes nothing).
  ['update: stale', 'POST', `/api/assessments/${ID_001}/snippets/update`, {}, 'stale'],
  ['update: bad choice', 'POST', `${draft}/snippets/update`, { choices: [{ index: 0, take: 'theirs' }] }, 'current'],
  ['update: summary too long', 'POST', `${draft}/snippets/update`, { summary: 'あ'.repeat(5000) }, 'current'],
  ['update: no form', 'POST', `/api/assessments/${FORMLESS}/snippets/update`, {}, 'stale'],
  ['library: not an object', 'POST', '/api/snippets', 'text'],
  ['library: missing fields', 'POST', '/api/snippets', { id: 'x' }],
  ['library: id with a path', 'POST', '/api/snippets', { id: '../../etc', version: 1, title: 't', issuer: 'i', date: null, body: 'b' }],
  ['library: version zero', 'POST', '/api/snippets', { id: 'x', version: 0, title: 't', issuer: 'i', date: null, body: 'b' }],
  ['library: existing version', 'POST', '/api/snippets', { id: 'chukan-pf-renkei', version: 1, title: 't', issuer: 'i', date: null, body: 'b' }],
];

describe('bad input to the reuse routes', () => {
  it.each(CASES)('%s: a 4xx in the one error shape', async (...[, method, url, body, ifMatch]: Case) => {
    const headers: Record<string, string> = {};
    if (ifMatch) headers['if-match'] = ifMatch === 'current' ? `"${etag}"` : '"stale"';
    const response = await server.app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body, headers: { ...headers, 'content-type': 'application/json' } } : { payload: body as object }),
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    const error = response.json<{ code: unknown; message: unknown }>();
    expect(typeof error.code).toBe('string');
    expect(error.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  });

  it('wrote nothing, polluted nothing, and still serves the library with the broken file reported', async () => {
    expect(await readFile(draftPath(server.dataDir, ID_004), 'utf8')).toBe(before);
    expect((await readdir(path.join(server.dataDir, 'snippets'))).sort()).toEqual(libraryBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const library = await server.app.inject({ method: 'GET', url: '/api/snippets' });
    expect(library.statusCode).toBe(200);
    expect(library.json<{ issues: { file: string }[] }>().issues.map((issue) => issue.file)).toEqual([path.join('snippets', 'broken.v1.yaml')]);
    const updates = await server.app.inject({ method: 'GET', url: '/api/snippets/updates' });
    expect(updates.statusCode).toBe(200);
  });
});
