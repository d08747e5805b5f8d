import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MAX_NESTING } from '../../src/schema/index.js';
import { parsePlainJson } from '../../src/server/json-body.js';
import { OFFLOAD_BYTES, createJsonBodyPool } from '../../src/server/json-body-pool.js';
import { ID_004, buildTestServer, draftPath, type TestServer } from './helpers.js';

const bytesOf = (text: string): Buffer => Buffer.from(text, 'utf8');
/** Padding that makes a body large enough for a worker, inside a text so it changes nothing else. */
const padding = `"pad":"${'あ'.repeat(OFFLOAD_BYTES / 3 + 10)}"`;

describe('parsePlainJson (what a worker may parse)', () => {
  it('gives what JSON.parse gives for plain JSON, Japanese text and brackets in strings included', async () => {
    const data = parse(await readFile('assessments/001-kitakyushu-yobosesshu/assessment.yaml', 'utf8')) as unknown;
    const text = JSON.stringify({ data, note: '[{"}]' });
    expect(parsePlainJson(bytesOf(text), MAX_NESTING + 1)).toEqual({ value: JSON.parse(text) });
  });

  it.each([
    ['a __proto__ key', '{"data":{"__proto__":{"polluted":1}}}'],
    ['an escaped __proto__ key', '{"data":{"\\u005f_proto__":{"polluted":1}}}'],
    ['any \\u escape', '{"data":{"a":"\\u0041"}}'],
    ['broken JSON', '{"data":'],
    ['a byte order mark', '\uFEFF{"data":{}}'],
    ['nesting deeper than any assessment', `{"data":${'['.repeat(100)}${']'.repeat(100)}}`],
  ])('leaves %s to the server’s own parser', (_, text) => {
    expect(parsePlainJson(bytesOf(text), MAX_NESTING + 1)).toBeUndefined();
  });

  it('parses in a worker thread to the same value', async () => {
    const text = `{"data":{"form":"yoshiki3","cover":{"title":"題名"}},${padding}}`;
    expect(await createJsonBodyPool(1).parse(bytesOf(text), MAX_NESTING + 1)).toEqual({ value: JSON.parse(text) });
  });
});

describe('large request bodies answer as small ones do', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await buildTestServer();
  });
  afterEach(async () => {
    await server.cleanup();
  });
  const put = (payload: string, ifMatch = '*') =>
    server.app.inject({ method: 'PUT', url: `/api/assessments/${ID_004}`, headers: { 'if-match': ifMatch, 'content-type': 'application/json' }, payload });

  it.each([
    ['a __proto__ key', (pad: string) => `{"data":{"form":"yoshiki3","__proto__":{"polluted":1}}${pad}}`],
    ['an escaped __proto__ key', (pad: string) => `{"data":{"form":"yoshiki3","\\u005f_proto__":{"polluted":1}}${pad}}`],
    ['broken JSON', (pad: string) => `{"data":{"form":"yoshiki3"}${pad}`],
    ['too deep', (pad: string) => `{"data":{"form":"yoshiki3","cover":${'['.repeat(100)}${']'.repeat(100)}}${pad}}`],
  ])('%s', async (_, body) => {
    const small = await put(body(''));
    const large = await put(body(`,${padding}`));
    expect(Buffer.byteLength(body(`,${padding}`))).toBeGreaterThan(OFFLOAD_BYTES);
    expect(large.statusCode).toBe(small.statusCode);
    expect(large.json()).toEqual(small.json());
  });

  it('a large save is saved as its data says', async () => {
    const { data, etag } = (await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}` })).json<{ data: { cover: object }; etag: string }>();
    const title = `${'長い評価書名'.repeat(4000)}`;
    const saved = await put(JSON.stringify({ data: { ...data, cover: { ...data.cover, title } } }), `"${etag}"`);
    expect(saved.statusCode).toBe(200);
    expect(await readFile(draftPath(server.dataDir, ID_004), 'utf8')).toContain(title);
  });
});
