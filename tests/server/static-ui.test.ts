import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestServer, type TestServer } from './helpers.js';

const INDEX =
  '<!doctype html><html lang="ja"><title>評価書エディタ</title><script type="module" src="/assets/index-abc123.js"></script></html>';
const BUNDLE = 'console.log("pia");';

let server: TestServer | undefined;
afterEach(() => server?.cleanup());

describe('the built UI', () => {
  it('serves index.html at / and for any page path (SPA fallback), always revalidated', async () => {
    server = await buildTestServer({ uiFiles: { 'index.html': INDEX, 'assets/index-abc123.js': BUNDLE } });
    for (const url of ['/', '/assessments/001-kitakyushu-yobosesshu', '/assessments/002/compare?from=1&to=draft']) {
      const response = await server.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(INDEX);
    }
  });

  it('serves bundle files with a long cache, since their names carry a content hash', async () => {
    server = await buildTestServer({ uiFiles: { 'index.html': INDEX, 'assets/index-abc123.js': BUNDLE } });
    const response = await server.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).toBe(BUNDLE);
  });

  it('answers a missing bundle file with 404, not with index.html', async () => {
    server = await buildTestServer({ uiFiles: { 'index.html': INDEX } });
    const response = await server.app.inject({ method: 'GET', url: '/assets/gone-000.js' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: '「/assets/gone-000.js」というファイルはありません。',
    });
  });

  it('never falls back to the UI under /api', async () => {
    server = await buildTestServer({ uiFiles: { 'index.html': INDEX } });
    const response = await server.app.inject({ method: 'GET', url: '/api/assessments/002/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('says how to build the UI when it has not been built', async () => {
    server = await buildTestServer();
    const response = await server.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(404);
    const body = response.json<{ code: string; message: string }>();
    expect(body.code).toBe('ROUTE_NOT_FOUND');
    expect(body.message).toMatch(
      /^画面（.+ui-dist）がまだビルドされていません。npm run build:ui を実行してから開き直してください。$/,
    );
  });
});

describe('files outside the UI folder', () => {
  it('are never served, however the path is spelled', async () => {
    server = await buildTestServer({ uiFiles: { 'index.html': INDEX } });
    await writeFile(path.join(server.root, 'secret.txt'), 'SECRET');
    const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    for (const raw of [
      '/../secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2Fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/%2e%2e%5csecret.txt',
    ]) {
      const body = await new Promise<string>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: raw }, (response) => {
            let text = '';
            response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
            response.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      expect(body, raw).not.toContain('SECRET');
    }
  });
});
