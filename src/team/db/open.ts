/** Where the team data lives: DATABASE_URL when set, otherwise PGlite in `<dataDir>/.pia/db`; migrated on open. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export type DbLocation = { readonly dataDir: string; readonly databaseUrl?: string | undefined };

/** The folder inside the data folder for the tool's own files; its dot keeps it out of the assessment ids. */
export const teamDbDir = (dataDir: string): string => path.join(path.resolve(dataDir), '.pia', 'db');

export const openTeamDb = async (location: DbLocation): Promise<Db> => {
  const db = location.databaseUrl
    ? await openPostgres(location.databaseUrl)
    : await openPglite(teamDbDir(location.dataDir));
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
};

/** Whether the data folder exists: a mistyped folder would otherwise get a database of its own. */
export const dataFolderExists = (dataDir: string): boolean => existsSync(dataDir);
