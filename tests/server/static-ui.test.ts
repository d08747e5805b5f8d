import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ID_001, buildTestServer, type TestServer } from './helpers.js';

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

describe('what goes over the wire', () => {
  // Large enough to be worth compressing, like the real bundle (~350 KB).
  const LARGE_BUNDLE = 'export const label = "特定個人情報ファイル";\n'.repeat(400);
  const FONT = 'wOF2 not really a font, but named and typed as one';

  const get = async (url: string, acceptEncoding?: string) =>
    server!.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('compresses the bundle and the API JSON as the browser accepts, and says that the answer varies by it', async () => {
    server = await buildTestServer({ uiFiles: { 'index.html': INDEX, 'assets/index-abc123.js': LARGE_BUNDLE } });
    const br = await get('/assets/index-abc123.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(LARGE_BUNDLE.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(LARGE_BUNDLE);

    const gzip = await get('/assets/index-abc123.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(LARGE_BUNDLE);

    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(LARGE_BUNDLE);

    const api = await get(`/api/assessments/${ID_001}`, 'br');
    expect(api.headers['content-encoding']).toBe('br');
    const body = brotliDecompressSync(api.rawPayload);
    expect((JSON.parse(body.toString()) as { data: { cover: { title: string } } }).data.cover.title).toContain('予防接種');
    expect(api.rawPayload.length).toBeLessThan(body.length / 4);
  });

  it('sends the compressed copies the build wrote as they are, with the file\'s own type, and the file itself to others', async () => {
    // Stand-ins for the build's .br/.gz (scripts/build.mjs): recognisable bytes, so a second compression would show.
    const prebuilt = { br: 'prebuilt brotli of the bundle', gzip: 'prebuilt gzip of the bundle' };
    server = await buildTestServer({
      uiFiles: {
        'index.html': INDEX,
        'index.html.br': 'prebuilt brotli of the page',
        'assets/index-abc123.js': LARGE_BUNDLE,
        'assets/index-abc123.js.br': prebuilt.br,
        'assets/index-abc123.js.gz': prebuilt.gzip,
      },
    });
    const br = await get('/assets/index-abc123.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.toString()).toBe(prebuilt.br);
    const gzip = await get('/assets/index-abc123.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.rawPayload.toString()).toBe(prebuilt.gzip);
    expect((await get('/assets/index-abc123.js')).body).toBe(LARGE_BUNDLE);
    // The page at any app path: its prebuilt copy, still revalidated.
    const page = await get(`/assessments/${ID_001}`, 'br');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.rawPayload.toString()).toBe('prebuilt brotli of the page');
  });

  it('caches hashed assets, fonts included, for good, leaves WOFF2 uncompressed, and revalidates every page', async () => {
    server = await buildTestServer({
      uiFiles: { 'index.html': INDEX, 'assets/index-abc123.js': LARGE_BUNDLE, 'assets/gothic-0-400-abc123.woff2': FONT },
    });
    for (const url of ['/assets/index-abc123.js', '/assets/gothic-0-400-abc123.woff2']) {
      const response = await get(url, 'br');
      expect(response.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    const font = await get('/assets/gothic-0-400-abc123.woff2', 'br, gzip');
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.body).toBe(FONT);
    for (const url of ['/', `/assessments/${ID_001}`]) {
      const page = await get(url, 'br');
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(page.rawPayload).toString(), url).toBe(INDEX);
    }
  });
});
