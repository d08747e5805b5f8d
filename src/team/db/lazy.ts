/**
 * A Db opened on first use. `npm start` in single-user mode listens at once and opens the team database only when
 * comments or the audit log first need it (PGlite's first start in a data folder runs initdb, which takes
 * seconds); a server that only lists assessments never opens it. Closing waits for an open in progress, so the
 * database files are never left half-written.
 */
import type { Db } from './db.js';

export const lazyDb = (open: () => Promise<Db>): Db => {
  let opening: Promise<Db> | undefined;
  const db = (): Promise<Db> => (opening ??= open());
  return {
    kind: 'pglite',
    query: async (sql, params) => (await db()).query(sql, params),
    transaction: async (work) => (await db()).transaction(work),
    close: async () => {
      const opened = await opening?.catch(() => undefined);
      await opened?.close();
    },
  };
};
