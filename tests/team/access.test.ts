/**
 * The authorisation table over every route the server registers: each refuses a request without a session (401)
 * and, where some role lacks its permission, a user of that role (403), with a Japanese message; the table names
 * no route that does not exist; and the roles' permissions are those of the issue.
 */
import type { RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ACCESS_TABLE, accessKey } from '../../src/server/team/access-table.js';
import { ROLES, ROLE_PERMISSIONS, permissionsOf, effectiveRoles, type Role } from '../../src/team/index.js';
import { ID_001 } from '../server/helpers.js';
import { ACCOUNTS, useTeamServer } from './server.js';

const server = useTeamServer();

/**
 * Every route as registered, collected by an onRoute hook on a second server with the same registrations (the
 * UI's catch-all is added on the root before the hook can see it; hasRoute confirms it).
 */
const registeredRoutes = async (): Promise<Array<{ method: string; url: string }>> => {
  const { buildServer } = await import('../../src/server/app.js');
  const routes: Array<{ method: string; url: string }> = [];
  const app = buildServer(
    { dataDir: server.dataDir, uiDir: '/nonexistent', templatesDir: '/nonexistent', logLevel: 'silent' },
    { team: { db: server.db, login: true } },
  );
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  await app.ready();
  if (app.hasRoute({ method: 'GET', url: '/*' })) routes.push({ method: 'GET', url: '/*' });
  await app.close();
  return routes;
};

const concrete = (url: string): string =>
  url
    .replace(':id', ID_001)
    .replace(':n', '1')
    .replace(':commentId', '1')
    .replace(':login', 'sakusei')
    .replace('*', 'index.html');

/** The account of ACCOUNTS holding exactly this role. */
const accountWith = (role: Role): string =>
  Object.entries(ACCOUNTS).find(([, a]) => a.roles.length === 1 && a.roles[0] === role)![0];

describe('the authorisation table', () => {
  it('covers every registered route and names no route that does not exist', async () => {
    const routes = await registeredRoutes();
    const registered = new Set(routes.map((route) => accessKey(route.method, route.url)));
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect([...registered].filter((key) => !ACCESS_TABLE[key])).toEqual([]);
    expect(Object.keys(ACCESS_TABLE).filter((key) => !registered.has(key))).toEqual([]);
  });

  it('refuses, on every route, a request without a session (401) and a role without the permission (403)', async () => {
    const routes = await registeredRoutes();
    const clients = Object.fromEntries(
      await Promise.all(ROLES.map(async (role) => [role, await server.login(accountWith(role))] as const)),
    );
    let forbiddenChecked = 0;
    for (const { method, url } of routes) {
      const rule = ACCESS_TABLE[accessKey(method, url)]!;
      const options = { method: method as 'GET', url: concrete(url) };
      const anonymous = await server.anonymous.request(options);
      if (rule.access === 'public') {
        expect(anonymous.statusCode, `${method} ${url}`).not.toBe(401);
        continue;
      }
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      expect(anonymous.json(), `${method} ${url}`).toEqual({
        code: 'AUTH_REQUIRED',
        message: 'ログインしてください。',
      });
      if (rule.access !== 'permission') continue;
      for (const role of ROLES) {
        const response = await clients[role]!.request(options);
        if (rule.permissions.some((permission) => ROLE_PERMISSIONS[role].includes(permission))) {
          expect([401, 403], `${role} ${method} ${url}`).not.toContain(response.statusCode);
        } else {
          forbiddenChecked += 1;
          expect(response.statusCode, `${role} ${method} ${url}`).toBe(403);
          expect(response.json(), `${role} ${method} ${url}`).toMatchObject({
            code: 'FORBIDDEN',
            message: expect.stringMatching(/^この操作を行う権限がありません（必要な権限: .+）。$/),
          });
        }
      }
    }
    expect(forbiddenChecked).toBeGreaterThan(30);
    // Every route four times over, PDFs included: on a loaded 2-core machine more than the default 30 s.
  }, 90_000);

  it('applies a per-assessment override: 閲覧者 everywhere but 作成者 of one assessment, and the reverse', async () => {
    const admin = await server.login('kanri');
    const setOverride = (login: string, roles: string[]) =>
      admin.request({ method: 'PUT', url: `/api/users/${login}/assessments/${ID_001}/roles`, payload: { roles } });
    expect((await setOverride('etsuran', ['author'])).statusCode).toBe(200);
    expect((await setOverride('sakusei', ['viewer'])).statusCode).toBe(200);
    const viewer = await server.login('etsuran');
    const author = await server.login('sakusei');
    const draft = (await viewer.request({ method: 'GET', url: `/api/assessments/${ID_001}` })).json() as {
      etag: string;
      data: object;
    };
    const save = (client: typeof viewer, id: string, etag: string, data: object) =>
      client.request({
        method: 'PUT',
        url: `/api/assessments/${id}`,
        headers: { 'if-match': `"${etag}"` },
        payload: { data },
      });
    expect((await save(viewer, ID_001, draft.etag, draft.data)).statusCode).toBe(200);
    expect((await save(author, ID_001, draft.etag, draft.data)).statusCode).toBe(403);
    const other = (await viewer.request({ method: 'GET', url: '/api/assessments/004-ise-yobosesshu' })).json() as {
      etag: string;
      data: object;
    };
    expect((await save(viewer, '004-ise-yobosesshu', other.etag, other.data)).statusCode).toBe(403);
    expect((await save(author, '004-ise-yobosesshu', other.etag, other.data)).statusCode).toBe(200);
    const session = (await viewer.request({ method: 'GET', url: '/api/session' })).json();
    expect(session).toMatchObject({
      user: { login: 'etsuran', roles: ['viewer'] },
      permissions: ['read'],
      assessmentPermissions: {
        [ID_001]: expect.arrayContaining(['read', 'draft.edit', 'revision.commit', 'comment.write']),
      },
    });
  });
});

describe('roles', () => {
  it('give 管理者 accounts and roles, 作成者 drafts, commits and rows, 確認者 comments, 閲覧者 reading only', () => {
    expect(permissionsOf(['admin'])).toEqual(['read', 'audit.read', 'users.manage']);
    expect(permissionsOf(['author'])).toEqual(
      expect.arrayContaining(['draft.edit', 'revision.commit', 'rows.edit', 'comment.write']),
    );
    expect(permissionsOf(['author'])).not.toContain('users.manage');
    expect(permissionsOf(['reviewer'])).toEqual(['read', 'review.decide', 'comment.write', 'audit.read']);
    expect(permissionsOf(['viewer'])).toEqual(['read']);
  });

  it('keep 管理者 through an override, which replaces only the other roles', () => {
    expect(effectiveRoles(['admin', 'author'], ['viewer'])).toEqual(['admin', 'viewer']);
    expect(effectiveRoles(['viewer'], undefined)).toEqual(['viewer']);
  });
});
