import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { sessionCookieOptions } from '../../src/server/team/routes/session.js';
import { openTeamServer } from '../../src/server/team/startup.js';
import { openLibrary } from '../../src/store/index.js';
import { createUser, migrate, openPglite } from '../../src/team/index.js';
import { expectAppError } from '../helpers/app-error.js';
import { makeTempDir } from '../helpers/seeds.js';
import { ID_001, buildTestServer, draftPath } from '../server/helpers.js';
import { ORIGIN, PASSWORD, clockOf, sessionCookieOf, useTeamServer } from './server.js';

/** The draft of 001 as on disk, changed so that saving it would be a real change. */
const saveBody = async (dataDir: string) => {
  const draft = await openLibrary(dataDir).assessment(ID_001).readDraft();
  const cover = draft.data['cover'] as Record<string, unknown>;
  return { etag: draft.etag, data: { ...draft.data, cover: { ...cover, title: '書き換えられた評価書名' } } };
};

describe('single-user loopback mode (npm start)', () => {
  it('refuses a request naming another host, even a GET: no DNS rebinding', async () => {
    const server = await buildTestServer();
    try {
      const response = await server.app.inject({
        method: 'GET',
        url: '/api/assessments',
        headers: { host: 'evil.example:3000' },
      });
      expect(response.statusCode).toBe(421);
      expect(response.json()).toMatchObject({
        code: 'HOST_NOT_ALLOWED',
        message: expect.stringContaining('「evil.example:3000」という名前では利用できません'),
      });
      for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', 'LOCALHOST'])
        expect(
          (await server.app.inject({ method: 'GET', url: '/api/assessments', headers: { host } })).statusCode,
        ).toBe(200);
    } finally {
      await server.cleanup();
    }
  });

  it('refuses the rebinding attack of issue 16: PUT with Host and Origin evil.example leaves the draft as it was', async () => {
    const server = await buildTestServer();
    try {
      const before = await readFile(draftPath(server.dataDir, ID_001), 'utf8');
      const { etag, data } = await saveBody(server.dataDir);
      const response = await server.app.inject({
        method: 'PUT',
        url: `/api/assessments/${ID_001}`,
        headers: { host: 'evil.example', origin: 'http://evil.example', 'if-match': `"${etag}"` },
        payload: { data },
      });
      expect(response.statusCode).toBe(421);
      expect(await readFile(draftPath(server.dataDir, ID_001), 'utf8')).toBe(before);
    } finally {
      await server.cleanup();
    }
  });

  it('refuses cross-origin writes, form and text/plain posts, and browser writes without the CSRF token', async () => {
    const server = await buildTestServer();
    try {
      const before = await readFile(draftPath(server.dataDir, ID_001), 'utf8');
      const { etag, data } = await saveBody(server.dataDir);
      const put = (headers: Record<string, string>) =>
        server.app.inject({
          method: 'PUT',
          url: `/api/assessments/${ID_001}`,
          headers: { 'if-match': `"${etag}"`, ...headers },
          payload: { data },
        });
      expect((await put({ origin: 'http://evil.example' })).json()).toMatchObject({ code: 'ORIGIN_REJECTED' });
      expect((await put({ origin: 'null' })).statusCode).toBe(403);
      expect((await put({ 'sec-fetch-site': 'cross-site' })).json()).toMatchObject({ code: 'ORIGIN_REJECTED' });
      expect((await put({ origin: ORIGIN })).json()).toMatchObject({
        code: 'CSRF_REJECTED',
        message: expect.stringContaining('X-PIA-CSRF'),
      });
      expect((await put({ origin: ORIGIN, 'x-pia-csrf': 'guessed' })).statusCode).toBe(403);
      const form = await server.app.inject({
        method: 'POST',
        url: '/api/assessments',
        headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'form=yoshiki3&id=planted',
      });
      expect(form.statusCode).toBe(403);
      const textPlain = await server.app.inject({
        method: 'POST',
        url: '/api/assessments',
        headers: { origin: ORIGIN, 'content-type': 'text/plain' },
        payload: '{"form":"yoshiki3","id":"planted"}',
      });
      expect(textPlain.statusCode).toBe(403);
      // Without any browser header (curl, scripts), text/plain is still no JSON.
      const curl = await server.app.inject({
        method: 'POST',
        url: '/api/assessments',
        headers: { 'content-type': 'text/plain' },
        payload: '{"form":"yoshiki3","id":"planted"}',
      });
      expect(curl.statusCode).toBe(415);
      expect((await server.app.inject({ method: 'GET', url: '/api/assessments/planted' })).statusCode).toBe(404);
      expect(await readFile(draftPath(server.dataDir, ID_001), 'utf8')).toBe(before);

      const session = (await server.app.inject({ method: 'GET', url: '/api/session' })).json() as {
        csrfToken: string;
        mode: string;
        permissions: string[];
      };
      expect(session).toMatchObject({ mode: 'single-user', features: { comments: false, audit: false } });
      expect(session.permissions).toContain('draft.edit');
      const ok = await put({ origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'x-pia-csrf': session.csrfToken });
      expect(ok.statusCode).toBe(200);
    } finally {
      await server.cleanup();
    }
  });

  it('sends security headers with a CSP that allows only this origin', async () => {
    const server = await buildTestServer({ uiFiles: { 'index.html': '<!doctype html><title>t</title>' } });
    try {
      const page = await server.app.inject({ method: 'GET', url: '/' });
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self' 'unsafe-eval';");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      // The same headers on an API answer, on an error and on an unknown address.
      for (const url of ['/api/assessments', '/api/assessments/no-such-id', '/no-such-page']) {
        const answer = await server.app.inject({ method: 'GET', url });
        expect(answer.headers['content-security-policy'], url).toBe(csp);
        expect(answer.headers['x-content-type-options'], url).toBe('nosniff');
        expect(answer.headers['strict-transport-security'], url).toBe('max-age=15552000');
      }
    } finally {
      await server.cleanup();
    }
  });

  it('checks the port too once listening, and accepts configured server names', async () => {
    const server = await buildTestServer();
    try {
      await server.app.listen({ host: '127.0.0.1', port: 0 });
      const port = (server.app.server.address() as { port: number }).port;
      const status = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const req = httpRequest({ host: '127.0.0.1', port, path: '/api/assessments', headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
      expect(await status(`127.0.0.1:${port}`)).toBe(200);
      expect(await status(`localhost:${port}`)).toBe(200);
      expect(await status(`localhost:${port + 1}`)).toBe(421);
      expect(await status(`evil.example:${port}`)).toBe(421);
    } finally {
      await server.cleanup();
    }
  });
});

describe('starting the server', () => {
  it('refuses a non-loopback host without login, in Japanese', async () => {
    const error = await expectAppError(
      openTeamServer({ host: '0.0.0.0', login: false, serverNames: [], dataDir: '/nonexistent' }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.messageJa).toContain(
      'ループバック（127.0.0.1・localhost）以外のアドレス「0.0.0.0」で待ち受けるにはログインが必要です',
    );
  });

  it('refuses login mode until an administrator exists, then starts with the host names colleagues use', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const error = await expectAppError(
        openTeamServer({ host: '192.0.2.10', login: true, serverNames: ['pia.city.example'], dataDir: dir }),
      );
      expect(error.messageJa).toContain('pia user add');
      const db = await openPglite(`${dir}/.pia/db`);
      await migrate(db);
      await createUser(db, { login: 'admin', displayName: '管理', password: PASSWORD, roles: ['admin'] }, new Date());
      await db.close();
      const started = await openTeamServer({
        host: '192.0.2.10',
        login: true,
        serverNames: ['pia.city.example'],
        dataDir: dir,
      });
      expect(started.options).toMatchObject({ login: true, serverNames: ['pia.city.example', '192.0.2.10'] });
      await started.close();
    } finally {
      await cleanup();
    }
  }, 120_000);
});

describe('login mode', () => {
  const server = useTeamServer();

  it('changes nothing without a session: every write answers 401 in Japanese', async () => {
    const before = await readFile(draftPath(server.dataDir, ID_001), 'utf8');
    const { etag, data } = await saveBody(server.dataDir);
    for (const options of [
      {
        method: 'PUT' as const,
        url: `/api/assessments/${ID_001}`,
        headers: { 'if-match': `"${etag}"` },
        payload: { data },
      },
      { method: 'POST' as const, url: '/api/assessments', payload: { form: 'yoshiki3', id: 'planted' } },
      {
        method: 'POST' as const,
        url: `/api/assessments/${ID_001}/comments`,
        payload: { revision: 'draft', pointer: '/cover/title', body: 'x' },
      },
      {
        method: 'POST' as const,
        url: '/api/users',
        payload: { login: 'x', displayName: 'x', password: PASSWORD, roles: ['admin'] },
      },
    ]) {
      const response = await server.anonymous.request(options);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ code: 'AUTH_REQUIRED', message: 'ログインしてください。' });
    }
    expect(await readFile(draftPath(server.dataDir, ID_001), 'utf8')).toBe(before);
    expect((await server.anonymous.request({ method: 'GET', url: '/api/assessments' })).statusCode).toBe(401);
    expect(await server.db.query("SELECT 1 FROM users WHERE login = 'x'")).toEqual([]);
  });

  it("writes into a page only what the API gives that person: no draft before login, the draft after", async () => {
    const uiDir = path.join(path.dirname(server.dataDir), 'ui');
    await mkdir(uiDir, { recursive: true });
    await writeFile(path.join(uiDir, 'index.html'), '<!doctype html><html><body><pia-app></pia-app></body></html>');
    const answersIn = (body: string): Record<string, { user?: unknown; data?: unknown }> =>
      JSON.parse(/<script type="application\/json" id="pia-initial-answers">([^<]*)<\/script>/.exec(body)![1]!);
    const url = `/assessments/${ID_001}`;
    const anonymous = answersIn((await server.anonymous.request({ method: 'GET', url })).body);
    expect(Object.keys(anonymous)).toEqual(['/api/session']);
    expect(anonymous['/api/session']!.user).toBeNull();
    const viewer = await server.login('etsuran');
    const page = await viewer.request({ method: 'GET', url });
    expect(page.headers['cache-control']).toBe('no-store');
    const signedIn = answersIn(page.body);
    const api = await viewer.request({ method: 'GET', url: `/api/assessments/${ID_001}` });
    expect(signedIn[`/api/assessments/${ID_001}`]).toEqual(api.json());
    expect(signedIn['/api/session']).toEqual((await viewer.request({ method: 'GET', url: '/api/session' })).json());
  });

  it('answers a wrong password and an unknown account alike, and records both', async () => {
    const wrong = await server.anonymous.request({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'sakusei', password: 'wrong password!' },
    });
    const unknown = await server.anonymous.request({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'nobody', password: 'wrong password!' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ code: 'LOGIN_FAILED', message: 'ログイン名またはパスワードが正しくありません。' });
    const failed = await server.db.query<{ user_login: string }>(
      "SELECT user_login FROM audit_log WHERE event = 'login.failed' ORDER BY seq",
    );
    expect(failed.map((row) => row.user_login)).toEqual(['sakusei', 'nobody']);
  });

  it('slows brute force: after five failures even the right password waits, and the wait survives a restart', async () => {
    for (let i = 0; i < 5; i += 1)
      await server.anonymous.request({
        method: 'POST',
        url: '/api/session',
        payload: { login: 'sakusei', password: `guess number ${i}` },
      });
    const blocked = await server.anonymous.request({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'sakusei', password: PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json()).toMatchObject({
      code: 'LOGIN_THROTTLED',
      message: expect.stringContaining('ログインの試行が多すぎます'),
    });
    await server.app.close();
    const { buildServer } = await import('../../src/server/app.js');
    const restarted = buildServer(
      { dataDir: server.dataDir, uiDir: '/nonexistent', templatesDir: '/nonexistent', logLevel: 'silent' },
      { clock: clockOf(server.clock), team: { db: server.db, login: true } },
    );
    const again = await restarted.inject({
      method: 'POST',
      url: '/api/session',
      headers: { origin: ORIGIN },
      payload: { login: 'sakusei', password: PASSWORD },
    });
    expect(again.statusCode).toBe(429);
    server.clock.now = new Date(server.clock.now.getTime() + 16 * 60_000);
    const later = await restarted.inject({
      method: 'POST',
      url: '/api/session',
      headers: { origin: ORIGIN },
      payload: { login: 'sakusei', password: PASSWORD },
    });
    expect(later.statusCode).toBe(200);
    await restarted.close();
  });

  it('sets an HttpOnly, SameSite=Strict session cookie, without Secure over plain HTTP', async () => {
    const response = await server.anonymous.request({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'sakusei', password: PASSWORD },
    });
    const cookie = response.cookies.find((c) => c.name === 'pia_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeUndefined();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.json()).toMatchObject({
      mode: 'login',
      user: { login: 'sakusei', roles: ['author'] },
      csrfToken: expect.any(String),
    });
  });

  it('marks the cookie Secure when the server is reached over HTTPS', () => {
    expect(sessionCookieOptions(true)).toEqual({ path: '/', httpOnly: true, sameSite: 'strict', secure: true });
    expect(sessionCookieOptions(false).secure).toBe(false);
  });

  it('gives a new session id at login, ending the one the browser presented (no fixation)', async () => {
    const first = await server.login('sakusei');
    const relogin = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { origin: ORIGIN, cookie: first.headers['cookie']! },
      payload: { login: 'kakunin', password: PASSWORD },
    });
    const newCookie = sessionCookieOf(relogin);
    expect(newCookie).toBeDefined();
    expect(`pia_session=${newCookie}`).not.toBe(first.headers['cookie']);
    expect((await first.request({ method: 'GET', url: '/api/assessments' })).statusCode).toBe(401);
    // A cookie value planted by someone else before login is never adopted either.
    const planted = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { origin: ORIGIN, cookie: 'pia_session=planted-by-attacker' },
      payload: { login: 'sakusei', password: PASSWORD },
    });
    expect(sessionCookieOf(planted)).not.toBe('planted-by-attacker');
  });

  it('ends the session at logout: the cookie no longer works and is cleared', async () => {
    const client = await server.login('sakusei');
    expect((await client.request({ method: 'GET', url: '/api/assessments' })).statusCode).toBe(200);
    const logout = await client.request({ method: 'DELETE', url: '/api/session' });
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies.find((c) => c.name === 'pia_session')).toMatchObject({ value: '' });
    expect((await client.request({ method: 'GET', url: '/api/assessments' })).statusCode).toBe(401);
    const events = await server.db.query<{ event: string }>('SELECT event FROM audit_log ORDER BY seq');
    expect(events.map((row) => row.event)).toEqual(['login', 'logout']);
  });

  it('ends an idle session and a session past its absolute limit', async () => {
    const client = await server.login('sakusei');
    server.clock.now = new Date(server.clock.now.getTime() + 2 * 60 * 60_000 + 1000);
    const idle = await client.request({ method: 'GET', url: '/api/assessments' });
    expect(idle.json()).toEqual({
      code: 'AUTH_REQUIRED',
      message: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    });
    const busy = await server.login('sakusei');
    for (let hour = 1; hour <= 11; hour += 1) {
      server.clock.now = new Date(server.clock.now.getTime() + 60 * 60_000);
      expect((await busy.request({ method: 'GET', url: '/api/assessments' })).statusCode).toBe(200);
    }
    server.clock.now = new Date(server.clock.now.getTime() + 60 * 60_000 + 1000);
    expect((await busy.request({ method: 'GET', url: '/api/assessments' })).statusCode).toBe(401);
  });

  it('refuses a session cookie used from another site, and writes without the session CSRF token', async () => {
    const client = await server.login('sakusei');
    const { etag, data } = await saveBody(server.dataDir);
    const base = { method: 'PUT' as const, url: `/api/assessments/${ID_001}`, payload: { data } };
    const crossSite = await client.request({
      ...base,
      headers: { origin: 'http://evil.example', 'if-match': `"${etag}"` },
    });
    expect(crossSite.json()).toMatchObject({ code: 'ORIGIN_REJECTED' });
    const noToken = await server.app.inject({
      ...base,
      headers: { cookie: client.headers['cookie']!, 'if-match': `"${etag}"` },
    });
    expect(noToken.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    const other = await server.login('kanri');
    const wrongToken = await client.request({
      ...base,
      headers: { 'x-pia-csrf': other.csrfToken!, 'if-match': `"${etag}"` },
    });
    expect(wrongToken.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    expect((await client.request({ ...base, headers: { 'if-match': `"${etag}"` } })).statusCode).toBe(200);
  });
});
