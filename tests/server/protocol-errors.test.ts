/**
 * Error answers keep the documented shape `{ code, message }` with a Japanese message, also for what is refused
 * before any route runs: HTTP the parser cannot read, broken percent-encoding, bodies nested too deep.
 */
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_NESTING } from '../../src/schema/index.js';
import { ID_004, buildTestServer, draftPath, type TestServer } from './helpers.js';

let server: TestServer;
let port: number;
beforeEach(async () => {
  // The raw requests need a port; inject names the server localhost:80, which the Host check then accepts as
  // configured (a listening server accepts a name without a port only on the port it listens on).
  server = await buildTestServer({ team: { login: false, serverNames: ['localhost:80'] } });
  port = Number(new URL(await server.app.listen({ host: '127.0.0.1', port: 0 })).port);
});
afterEach(() => server.cleanup());

type RawAnswer = { status: number; headers: string; body: string };

/** Bytes written on a plain socket as they are, and the answer read until the server closes. */
const raw = (request: string): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0), headers: head, body });
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')));
  });

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('HTTP that cannot be read (answered on the raw socket)', () => {
  it.each([
    ['a request line that is no HTTP', 'HELLO\r\n\r\n'],
    ['an unknown HTTP version', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n'],
    ['a header without a colon', 'GET /api/assessments HTTP/1.1\r\nHost x\r\n\r\n'],
    ['a broken chunked body', `PUT /api/assessments/${ID_004} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n`],
    ['an unknown method token', 'FOO /api/assessments HTTP/1.1\r\nHost: x\r\n\r\n'],
  ])('%s: 400 with { code, message } in Japanese', async (_, request) => {
    const answer = await raw(request);
    expect(answer.status).toBe(400);
    expect(answer.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
    expect(JSON.parse(answer.body)).toEqual({ code: 'INVALID_REQUEST', message: '送信された要求を HTTP として読めません。' });
  });

  it('headers or a URL too long: 431 in the same shape', async () => {
    for (const request of [`GET / HTTP/1.1\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`, `GET /api/assessments/${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`]) {
      const answer = await raw(request);
      expect(answer.status).toBe(431);
      expect(JSON.parse(answer.body)).toEqual({ code: 'HEADERS_TOO_LARGE', message: '送信された要求のヘッダーまたは URL が長すぎます。' });
    }
  });
});

describe('URLs with broken percent-encoding', () => {
  it.each(['/api/assessments/%E0%A4%A', '/api/assessments/%ZZ', '/%ZZ', `/api/assessments/${ID_004}/revisions/%FF`])('%s: 400 in Japanese', async (url) => {
    const answer = await raw(`GET ${url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ code: 'INVALID_REQUEST', message: 'URL の書き方が正しくありません（% で始まる文字の書き方に誤りがあります）。' });
  });
});

describe('URL parts longer than the router takes', () => {
  it.each([
    ['PUT', `/api/assessments/${'x'.repeat(5_000)}`],
    ['POST', `/api/assessments/${'x'.repeat(200)}/revisions`],
    ['PUT', `/api/assessments/${ID_004}/revisions/${'1'.repeat(200)}/status`],
  ] as const)('%s %#: 400 in Japanese, not a 500', async (method, url) => {
    const response = await server.app.inject({ method, url });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'INVALID_REQUEST', message: 'URL の中の ID または番号が長すぎます。' });
  });
});

describe('request bodies', () => {
  // `*` names no version (a save of it is refused 409); these bodies are refused before any version is compared.
  const put = (payload: string, ifMatch = '*') =>
    server.app.inject({ method: 'PUT', url: `/api/assessments/${ID_004}`, headers: { 'if-match': ifMatch, 'content-type': 'application/json' }, payload });

  it.each([
    ['2,000 levels of objects', `{"data":{"form":"yoshiki3","cover":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}}}`],
    ['a million levels of lists (JSON.parse alone took seconds)', `{"data":{"form":"yoshiki3","cover":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}}`],
  ])('%s: refused before parsing, 422 in Japanese, the draft untouched', async (_, payload) => {
    const before = await readFile(draftPath(server.dataDir, ID_004), 'utf8');
    const response = await put(payload);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ code: 'DOCUMENT_TOO_DEEP', message: `入れ子が深すぎます（${MAX_NESTING}段まで）。評価書の様式にこれほど深い項目はありません。` });
    expect(await readFile(draftPath(server.dataDir, ID_004), 'utf8')).toBe(before);
  });

  it('brackets inside texts do not count as nesting', async () => {
    const { data, etag } = (await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}` })).json<{ data: { cover: object }; etag: string }>();
    const payload = JSON.stringify({ data: { ...data, cover: { ...data.cover, title: `${'['.repeat(100)}"{{` } } });
    expect((await put(payload, `"${etag}"`)).statusCode).toBe(200);
  });

  it('a __proto__ key: 400 naming it', async () => {
    const response = await put('{"data":{"form":"yoshiki3","__proto__":{"polluted":1}}}');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'INVALID_REQUEST', message: '送信された内容に使えないキー「__proto__」があります。' });
  });
});

describe('a stored draft the server cannot read', () => {
  it('nested too deep: 422 YAML_TOO_DEEP with file, line and column, not a vague RESOURCE_EXHAUSTION', async () => {
    const file = draftPath(server.dataDir, ID_004);
    const text = (await readFile(file, 'utf8')).replace(/^( {2}title: ).*$/m, `$1${'['.repeat(2_000)}${']'.repeat(2_000)}`);
    await writeFile(file, text);
    const response = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}` });
    expect(response.statusCode).toBe(422);
    const body = response.json<{ code: string; message: string; details: { file: string; line: number } }>();
    expect(body.code).toBe('YAML_TOO_DEEP');
    expect(body.message).toMatch(new RegExp(`^${ID_004}/assessment\\.yaml:9:\\d+: 入れ子が深すぎます`));
    expect(body.details).toMatchObject({ file: `${ID_004}/assessment.yaml`, line: 9 });
  });

  it('replaced by a folder: 422 NOT_A_FILE on read and on save, not a 500', async () => {
    const { rm, mkdir } = await import('node:fs/promises');
    const file = draftPath(server.dataDir, ID_004);
    await rm(file);
    await mkdir(file);
    const read = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}` });
    expect(read.statusCode).toBe(422);
    expect(read.json()).toMatchObject({ code: 'NOT_A_FILE', message: `${ID_004}/assessment.yaml: 評価書のファイルではなくフォルダです。YAMLファイルに置き換えてください。` });
    const save = await server.app.inject({ method: 'PUT', url: `/api/assessments/${ID_004}`, headers: { 'if-match': '*' }, payload: { data: { form: 'yoshiki3' } } });
    expect(save.statusCode).toBe(422);
    for (const rest of ['/checks', '/revisions', '/pdf']) {
      const response = await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}${rest}` });
      expect(response.statusCode, rest).toBe(422);
      expect(JAPANESE.test(response.json<{ message: string }>().message)).toBe(true);
    }
  });
});
