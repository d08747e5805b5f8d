/**
 * A team server for tests: fastify (inject) on a temp copy of the seed assessments, with login on, a PGlite
 * database shared by the file's tests (emptied and given fresh accounts before each), a clock the test moves,
 * and clients that act like a browser page of this server: session cookie, Origin and the CSRF header.
 */
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import type { TeamServerOptions } from '../../src/server/team/plugin.js';
import { migrate, openPglite, type Db, type Role } from '../../src/team/index.js';
import { isoDateInJapan } from '../../src/domain/wareki.js';
import type { Clock } from '../../src/workflows/index.js';
import { fixturePasswordHash } from '../helpers/passwords.js';
import { ROOT, SEEDS, makeTempDir } from '../helpers/seeds.js';
import { resetTeamTables } from './backends.js';

export const PASSWORD = 'correct horse battery';
export const ORIGIN = 'http://localhost:80';
const START = '2026-04-01T09:00:00.000Z';

export const ACCOUNTS: Record<string, { name: string; roles: Role[] }> = {
  kanri: { name: '管理 一郎', roles: ['admin'] },
  sakusei: { name: '作成 花子', roles: ['author'] },
  kakunin: { name: '確認 太郎', roles: ['reviewer'] },
  etsuran: { name: '閲覧 次郎', roles: ['viewer'] },
};

export type Client = {
  readonly headers: Record<string, string>;
  readonly csrfToken: string | null;
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
};

export type TeamTestServer = {
  app: FastifyInstance;
  dataDir: string;
  db: Db;
  clock: { now: Date };
  /** A browser page before login: Origin, no cookie. */
  anonymous: Client;
  login: (login: string, password?: string, extra?: Record<string, string>) => Promise<Client>;
};

const clientOf = (app: FastifyInstance, headers: Record<string, string>, csrfToken: string | null): Client => ({
  headers,
  csrfToken,
  request: (options) =>
    app.inject({ ...options, headers: { ...headers, ...(options.headers as Record<string, string> | undefined) } }),
});

/** The product's clock reading the time the test sets. */
export const clockOf = (time: { now: Date }): Clock => ({
  now: () => new Date(time.now),
  today: () => isoDateInJapan(time.now),
});

export const sessionCookieOf = (response: LightMyRequestResponse): string | undefined =>
  response.cookies.find((cookie) => cookie.name === 'pia_session')?.value;

/** Starts one server for the test file (before all), resets accounts and data before each test. */
export const useTeamServer = (options: Partial<TeamServerOptions> = {}): TeamTestServer => {
  const shared = { clock: { now: new Date(START) } } as TeamTestServer;
  let cleanup: () => Promise<void>;
  let passwordHash: string;
  beforeAll(async () => {
    shared.db = await openPglite();
    await migrate(shared.db);
    passwordHash = await fixturePasswordHash(PASSWORD);
  }, 120_000);
  beforeEach(async () => {
    shared.clock.now = new Date(START);
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    shared.dataDir = path.join(temp.dir, 'assessments');
    for (const seed of SEEDS)
      await cp(path.join(ROOT, 'assessments', seed.dir), path.join(shared.dataDir, seed.dir), { recursive: true });
    await resetTeamTables(shared.db);
    // One scrypt hash for all accounts: hashing four passwords before every test would only cost time.
    for (const [login, account] of Object.entries(ACCOUNTS))
      await shared.db.query(
        `INSERT INTO users (login, display_name, password_hash, roles, created_at, password_changed_at)
         VALUES ($1, $2, $3, $4::text[], $5, $5)`,
        [login, account.name, passwordHash, account.roles, shared.clock.now],
      );
    shared.app = buildServer(
      {
        dataDir: shared.dataDir,
        uiDir: path.join(temp.dir, 'ui'),
        templatesDir: path.join(ROOT, 'templates'),
        logLevel: 'silent',
      },
      { clock: clockOf(shared.clock), team: { db: shared.db, login: true, ...options } },
    );
    await shared.app.ready();
    shared.anonymous = clientOf(shared.app, { origin: ORIGIN }, null);
    shared.login = async (login, password = PASSWORD, extra = {}) => {
      const response = await shared.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { origin: ORIGIN, ...extra },
        payload: { login, password },
      });
      if (response.statusCode !== 200) throw new Error(`login ${login}: ${response.statusCode} ${response.body}`);
      const token = (response.json() as { csrfToken: string }).csrfToken;
      return clientOf(
        shared.app,
        { origin: ORIGIN, cookie: `pia_session=${sessionCookieOf(response)}`, 'x-pia-csrf': token },
        token,
      );
    };
  }, 60_000);
  afterEach(async () => {
    await shared.app?.close();
    await cleanup?.();
  });
  afterAll(async () => {
    await shared.db?.close();
  });
  return shared;
};

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });
