import { readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { makeTempDir } from '../helpers/seeds.js';
import { ID_002, buildTestServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await buildTestServer();
});
afterEach(() => server.cleanup());

/** node's http client sends the path as given; fetch and inject would resolve the dot segments first. */
const rawGet = (port: string, rawPath: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: rawPath }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject).end();
  });

const INVALID_ID = (id: string): string =>
  `評価書のID「${id}」は使えません。半角英数字・ハイフン・下線（81文字まで、先頭は英数字）で指定してください。`;

describe('assessment ids never leave the data folder', () => {
  it.each([
    ['../002-nagaoka-covid19', '..%2F002-nagaoka-covid19'],
    ['..\\etc', '..%5Cetc'],
    ['/etc/passwd', '%2Fetc%2Fpasswd'],
    ['.hidden', '.hidden'],
    ['a.b', 'a.b'],
    ['x'.repeat(82), 'x'.repeat(82)],
  ])('refuses %s on GET and PUT with 400 INVALID_ID', async (id, encoded) => {
    const got = await server.app.inject({ method: 'GET', url: `/api/assessments/${encoded}` });
    expect(got.statusCode).toBe(400);
    expect(got.json()).toMatchObject({ code: 'INVALID_ID', message: INVALID_ID(id) });
    const put = await server.app.inject({
      method: 'PUT',
      url: `/api/assessments/${encoded}`,
      headers: { 'if-match': '*' },
      payload: { data: { form: 'yoshiki3' } },
    });
    expect(put.statusCode).toBe(400);
    expect(put.json()).toMatchObject({ code: 'INVALID_ID' });
  });

  it('refuses .. and encoded separators arriving over real HTTP, where no client normalised the path', async () => {
    const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    for (const [raw, id] of [
      ['%2E%2E', '..'],
      ['..', '..'],
      ['%2E%2E%2F%2E%2E%2Fetc', '../../etc'],
    ]) {
      const { status, body } = await rawGet(port, `/api/assessments/${raw}`);
      expect(status, raw).toBe(400);
      expect(JSON.parse(body)).toMatchObject({ code: 'INVALID_ID', message: INVALID_ID(id!) });
    }
  });

  it('treats an unencoded slash as another path, not as an id', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/assessments/../../etc/passwd' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it.each(['../escaped', '/tmp/escaped', 'a/b'])('refuses to create %s, writing nothing', async (id) => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/assessments',
      payload: { form: 'yoshiki3', id },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: '送信された内容が正しくありません（本文/id）。',
    });
    expect((await readdir(server.root)).sort()).toEqual(['assessments']);
    expect(await readdir(server.dataDir)).toHaveLength(3);
  });
});

describe('malformed requests', () => {
  it('refuses a body over 5 MB with 413', async () => {
    const response = await server.app.inject({
      method: 'PUT',
      url: `/api/assessments/${ID_002}`,
      headers: { 'if-match': '*', 'content-type': 'application/json' },
      payload: JSON.stringify({ data: { form: 'yoshiki3', cover: { title: 'あ'.repeat(2 * 1024 * 1024) } } }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      code: 'REQUEST_TOO_LARGE',
      message: '送信された内容が大きすぎます（上限 5 MB）。',
    });
  });

  it('refuses JSON that does not parse', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/assessments',
      headers: { 'content-type': 'application/json' },
      payload: '{"form": "yoshiki3"',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'INVALID_REQUEST', message: '送信された内容を JSON として読めません。' });
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/assessments',
      headers: { 'content-type': 'text/plain' },
      payload: 'form: yoshiki3',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: '送信する内容は JSON（Content-Type: application/json）にしてください。',
    });
  });

  it.each([
    ['GET', '/api/unknown'],
    ['DELETE', `/api/assessments/${ID_002}`],
    ['POST', '/somewhere'],
  ])('answers an unknown route %s %s with JSON 404 in Japanese', async (method, url) => {
    const response = await server.app.inject({ method: method as 'GET', url });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: `「${method} ${url}」という API はありません。`,
    });
  });
});

describe('bugs', () => {
  it('answer 500 INTERNAL in Japanese without details', async () => {
    // A data "folder" that is a file makes listing fail with ENOTDIR: not an expected failure, so a bug.
    const { dir, cleanup } = await makeTempDir();
    const app = buildServer({
      dataDir: path.join(import.meta.dirname, 'errors.test.ts'),
      uiDir: dir,
      templatesDir: dir,
      logLevel: 'silent',
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/assessments' });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({
        code: 'INTERNAL',
        message: '内部エラーが発生しました。入力した内容は画面に残っています。しばらくしてからもう一度お試しください。',
      });
    } finally {
      await app.close();
      await cleanup();
    }
  });
});
