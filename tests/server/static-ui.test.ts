import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptSafeJson } from '../../src/server/initial-answers.js';
import { ID_001, buildTestServer, draftPath, type TestServer } from './helpers.js';

const INDEX =
  '<!doctype html><html lang="ja"><title>評価書エディタ</title><script type="module" src="/assets/index-abc123.js"></script></html>';
const BUNDLE = 'console.log("pia");';

let server: TestServer | undefined;
afterEach(() => server?.cleanup());

describe('the built UI', () => {
  it('serves index.html at / and for any page path (SPA fallback), never stored by a cache', async () => {
    server = await buildTestServer({ uiFiles: { 'index.html': INDEX, 'assets/index-abc123.js': BUNDLE } });
    for (const url of ['/', '/assessments/001-kitakyushu-yobosesshu', '/assessments/002/compare?from=1&to=draft']) {
      const response = await server.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      // It carries the session (and on an editor's address the draft): per person, never cached.
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body.startsWith(INDEX), url).toBe(true);
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
    // A page carries answers of its own (initial-answers.ts): compressed as it is sent, never a prebuilt copy.
    const page = await get(`/assessments/${ID_001}`, 'br');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.rawPayload).toString().startsWith(INDEX)).toBe(true);
  });

  it('caches hashed assets, fonts included, for good, leaves WOFF2 uncompressed, and lets no cache store a page', async () => {
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
      expect(page.headers['cache-control'], url).toBe('no-store');
      // Compressed when it is worth it (a page with the session only is under a kilobyte).
      const text = page.headers['content-encoding'] === 'br' ? brotliDecompressSync(page.rawPayload).toString() : page.body;
      expect(text.startsWith(INDEX), url).toBe(true);
    }
  });
});

describe('the API answers a page carries (initial-answers.ts)', () => {
  const PAGE = '<!doctype html><html lang="ja"><head><script type="module" src="/assets/index-abc123.js"></script></head><body><pia-app></pia-app></body></html>';
  const ANSWERS = /<script type="application\/json" id="pia-initial-answers">([^<]*)<\/script>/;

  /** The page at `url` and the JSON its answers element holds (undefined: no element). */
  const open = async (url: string) => {
    const page = await server!.app.inject({ method: 'GET', url });
    const match = ANSWERS.exec(page.body);
    return { page, answers: match ? (JSON.parse(match[1]!) as Record<string, unknown>) : undefined };
  };
  const apiJson = async (url: string): Promise<unknown> => (await server!.app.inject({ method: 'GET', url })).json();

  it("are the API's own answers: the session on every page; on an editor's address the draft and what shows above it; inside the body", async () => {
    server = await buildTestServer({ uiFiles: { 'index.html': PAGE } });
    const editor = await open(`/assessments/${ID_001}`);
    const draft = `/api/assessments/${ID_001}`;
    const paths = ['/api/session', draft, `${draft}/snippets`, `${draft}/revisions`];
    expect(Object.keys(editor.answers!)).toEqual(paths);
    for (const path of paths) expect(editor.answers![path], path).toEqual(await apiJson(path));
    // 001 records standard texts, one of them with a newer version: the notice the editor shows above the form.
    expect((editor.answers![`${draft}/snippets`] as { uses: unknown[] }).uses.length).toBeGreaterThan(0);
    // In the body, before it ends; the page is otherwise index.html as built.
    expect(editor.page.body.replace(ANSWERS, '')).toBe(PAGE);
    expect(editor.page.body.indexOf('id="pia-initial-answers"')).toBeLessThan(editor.page.body.indexOf('</body>'));
    // The list, the compare page: the session only (they load their own data).
    for (const url of ['/', `/assessments/${ID_001}/compare`]) expect(Object.keys((await open(url)).answers!), url).toEqual(['/api/session']);
    // An id spelled with escapes is the same draft, under the path the UI's client asks for.
    const escaped = await open(`/assessments/${encodeURIComponent(ID_001).replace('-', '%2D')}`);
    expect(Object.keys(escaped.answers!)).toContain(`/api/assessments/${ID_001}`);
  });

  it('write in no answer the API refuses: an unknown or malformed id is asked for by the page, which then shows the error', async () => {
    server = await buildTestServer({ uiFiles: { 'index.html': PAGE } });
    for (const url of ['/assessments/999-nothing-here', '/assessments/..%2F..%2Fetc']) {
      const { page, answers } = await open(url);
      expect(page.statusCode, url).toBe(200);
      expect(Object.keys(answers!), url).toEqual(['/api/session']);
    }
    // HEAD asks nothing of the API.
    const head = await server.app.inject({ method: 'HEAD', url: `/assessments/${ID_001}` });
    expect(head.statusCode).toBe(200);
  });

  it('keep hostile document text inside the script element, and read back as the same text', async () => {
    server = await buildTestServer({ uiFiles: { 'index.html': PAGE } });
    const hostile = '</script><script>alert(1)</script><!--<script>&amp;\u2028\u2029 </SCRIPT >';
    const file = draftPath(server.dataDir, ID_001);
    const yaml = await readFile(file, 'utf8');
    // A YAML double-quoted scalar, the line separators escaped (YAML would read them raw as line breaks).
    const quoted = JSON.stringify(hostile).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    await writeFile(file, yaml.replace(/^  title: .*$/m, () => `  title: ${quoted}`));
    const { page, answers } = await open(`/assessments/${ID_001}`);
    const [, element] = ANSWERS.exec(page.body)!;
    // No <, > or & inside the element: nothing in it can end it or open a comment or another element.
    expect(element).not.toMatch(/[<>&\u2028\u2029]/);
    expect(page.body.match(/<script/gi)).toHaveLength(2); // the bundle's and the answers'
    const draft = answers![`/api/assessments/${ID_001}`] as { data: { cover: { title: string } } };
    expect(draft.data.cover.title).toBe(hostile);
    expect(draft).toEqual(await apiJson(`/api/assessments/${ID_001}`));
  });

  it('escapes as JSON means: the same value back, whatever the characters', () => {
    const value = { text: '<>&\u2028\u2029</script><!-- 特定個人情報 "\\" \n', 先頭: '&', 末尾: '\u2029' };
    const safe = scriptSafeJson(Buffer.from(JSON.stringify(value), 'utf8')).toString('utf8');
    expect(safe).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(safe)).toEqual(value);
    // Text without those characters is passed on as it is.
    const plain = Buffer.from(JSON.stringify({ text: '特定個人情報ファイル' }), 'utf8');
    expect(scriptSafeJson(plain)).toBe(plain);
  });
});
