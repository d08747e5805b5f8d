/**
 * Embedded PostgreSQL (PGlite, compiled to WebAssembly) in `<dataDir>/.pia/db`, so `npm start` needs no database
 * server. PGlite is single-process: a lock file keeps a second server or a CLI command from opening the same files.
 */
import type { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors.js';
import { fillMessage } from '../../messages.ja.js';
import { TEAM_MESSAGES_JA } from '../messages.ja.js';
import type { Db, Row } from './db.js';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes `<dir>.lock` for this process; a lock left by a process that no longer runs is taken over. */
const takeLock = async (lockFile: string, label: string): Promise<() => Promise<void>> => {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid))
        throw new AppError('DATABASE_LOCKED', fillMessage(TEAM_MESSAGES_JA.databaseLocked, { dir: label, pid }));
      await rm(lockFile, { force: true });
    }
  }
  throw new AppError('DATABASE_LOCKED', fillMessage(TEAM_MESSAGES_JA.databaseLocked, { dir: label, pid: '?' }));
};

const wrap = (db: PGlite, release: () => Promise<void>): Db => {
  const query = async <T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> =>
    (await db.query<T>(sql, [...params])).rows;
  return {
    kind: 'pglite',
    query,
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async <T extends Row>(sql: string, params: readonly unknown[] = []) =>
            (await tx.query<T>(sql, [...params])).rows,
          execScript: async (sql) => void (await tx.exec(sql)),
        }),
      ),
    close: async () => {
      await db.close();
      await release();
    },
  };
};

type PGliteClass = typeof PGlite;

/**
 * initdb gives every new database of one PGlite version the same files, and takes seconds of CPU (most of a test
 * file's database set-up): a process that creates many databases (the test run) may hand over those files once, as
 * PGlite's dumpDataDir of a new, empty database, and every database it creates after starts from them.
 */
let newDatabaseFiles: (() => Promise<Blob>) | undefined;
export const startNewDatabasesFrom = (files: () => Promise<Blob>): void => {
  newDatabaseFiles = files;
};

const createOptions = async (): Promise<{ loadDataDir?: Blob }> => (newDatabaseFiles ? { loadDataDir: await newDatabaseFiles() } : {});

/**
 * A new database is created beside its place and renamed into it once complete: a process killed during the
 * first start (initdb takes seconds) leaves only a half-made folder that the next start removes.
 */
const createOnce = async (PGlite: PGliteClass, dir: string): Promise<void> => {
  if (existsSync(dir)) return;
  const creating = `${dir}.creating`;
  await rm(creating, { recursive: true, force: true });
  await (await PGlite.create(creating, await createOptions())).close();
  await rename(creating, dir);
};

/**
 * `dir` undefined: an in-memory database (tests, benchmarks); nothing is written to disk. PGlite is loaded here, not
 * at import: its module takes seconds to load, and most `pia` commands and servers never open the team database.
 */
export const openPglite = async (dir?: string): Promise<Db> => {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dir === undefined) return wrap(await PGlite.create(await createOptions()), async () => undefined);
  await mkdir(path.dirname(dir), { recursive: true });
  const release = await takeLock(`${dir}.lock`, dir);
  try {
    await createOnce(PGlite, dir);
    return wrap(await PGlite.create(dir), release);
  } catch (error) {
    await release();
    throw error;
  }
};
