/**
 * One set of SQL migrations for PGlite and PostgreSQL: `migrations/NNNN-name.sql` at the project root, applied in
 * number order, each in its own transaction and recorded in schema_migrations with a hash of its text. An applied
 * migration is never edited (a changed file stops the start); a change is a new file.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors.js';
import { fillMessage } from '../../messages.ja.js';
import { TEAM_MESSAGES_JA } from '../messages.ja.js';
import type { Db } from './db.js';

export type Migration = {
  readonly version: number;
  readonly name: string;
  readonly file: string;
  readonly sql: string;
};

/** The project's migrations folder, found from this module: the same from the sources and from the bundled CLI. */
const migrationsDir = (): string => {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'migrations');
    if (path.dirname(dir) === dir) throw new Error('migrations folder not found');
  }
};

const FILE_PATTERN = /^(\d{4})-([a-z0-9-]+)\.sql$/;

export const readMigrations = async (dir = migrationsDir()): Promise<Migration[]> => {
  const files = (await readdir(dir)).filter((name) => FILE_PATTERN.test(name)).sort();
  return Promise.all(
    files.map(async (file) => {
      const [, number, name] = FILE_PATTERN.exec(file)!;
      return { version: Number(number), name: name!, file, sql: await readFile(path.join(dir, file), 'utf8') };
    }),
  );
};

const checksum = (sql: string): string => createHash('sha256').update(sql).digest('hex');

/** Several app instances may start at once on one server: the advisory lock lets one of them migrate at a time. */
const MIGRATION_LOCK = 7_301_011;

export const migrate = async (db: Db, migrations?: readonly Migration[]): Promise<number[]> => {
  const all = migrations ?? (await readMigrations());
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.execScript(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: number[] = [];
  for (const migration of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const [recorded] = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [migration.version],
      );
      if (recorded) {
        if (recorded.checksum !== checksum(migration.sql))
          throw new AppError(
            'DATABASE_UNAVAILABLE',
            fillMessage(TEAM_MESSAGES_JA.migrationChanged, { file: migration.file }),
          );
        return false;
      }
      await tx.execScript(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        checksum(migration.sql),
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
};
