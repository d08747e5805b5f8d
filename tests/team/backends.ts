/**
 * The storage tests run on both backends: embedded PGlite (in memory) and a real PostgreSQL server named by
 * PIA_TEST_DATABASE_URL (`scripts/with-postgres.sh` starts one; CI always does). On the server, each test file
 * gets a database of its own, dropped at the end, so files running in parallel never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { expectAppError } from '../helpers/app-error.js';
import type { Db } from '../../src/team/db/db.js';
import { migrate } from '../../src/team/db/migrate.js';
import { openPglite } from '../../src/team/db/pglite.js';
import { openPostgres } from '../../src/team/db/postgres.js';

export const SERVER_URL = process.env['PIA_TEST_DATABASE_URL'];

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** A fresh, empty database on the test server; `close` also drops it. */
export const openServerDb = async (url: string): Promise<Db> => {
  const name = `pia_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // The name is made here of hex digits only; CREATE DATABASE takes no parameters.
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = await openPostgres(withDatabase(url, name));
  return {
    ...db,
    close: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
};

export type Backend = { readonly name: string; readonly open: () => Promise<Db> };

export const BACKENDS: readonly Backend[] = [
  { name: 'PGlite', open: () => openPglite() },
  ...(SERVER_URL ? [{ name: 'PostgreSQL server', open: () => openServerDb(SERVER_URL) }] : []),
];

if (!SERVER_URL && process.env['CI'])
  throw new Error('CI must run the storage tests on a PostgreSQL server: .ci/run sets PIA_TEST_DATABASE_URL.');
if (!SERVER_URL)
  console.warn(
    'PIA_TEST_DATABASE_URL is not set: the PostgreSQL server variant of the storage tests is skipped (scripts/with-postgres.sh sets it).',
  );

/** Empties every team table between tests; audit rows need the triggers that keep them append-only set aside. */
export const resetTeamTables = (db: Db): Promise<void> =>
  db.transaction(async (tx) => {
    await tx.execScript(`SET LOCAL session_replication_role = replica;
      TRUNCATE users, assessment_roles, sessions, login_failures, comments, audit_log, audit_head RESTART IDENTITY CASCADE;`);
  });

/**
 * One migrated database per backend for the tests inside, emptied before each test. Opening PGlite costs
 * seconds (it runs initdb in WebAssembly), so it is opened once per describe block.
 */
export const describeOnBackends = (title: string, body: (db: () => Db, backend: Backend) => void): void => {
  if (!SERVER_URL)
    console.warn(
      `${title}: PIA_TEST_DATABASE_URL is not set, so these tests run on PGlite only; the PostgreSQL server variant is skipped (scripts/with-postgres.sh sets it).`,
    );
  for (const backend of BACKENDS) {
    describe(`${title} (${backend.name})`, () => {
      let db: Db | undefined;
      beforeAll(async () => {
        db = await backend.open();
        await migrate(db);
      }, 120_000);
      afterAll(async () => {
        await db?.close();
      });
      beforeEach(async () => {
        await resetTeamTables(db!);
      });
      body(() => db!, backend);
    });
  }
};

/** The promise rejects with an AppError of this code (and a Japanese message matching `message`, when given). */
export const expectRefusal = async (promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> => {
  const error = await expectAppError(promise);
  expect(error.code).toBe(code);
  if (message) expect(error.messageJa).toMatch(message);
};
