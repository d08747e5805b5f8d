/** A PostgreSQL server named by DATABASE_URL (`pg`), for sites that run several app instances on one database. */
import type { Db, Row } from './db.js';

export const openPostgres = async (connectionString: string): Promise<Db> => {
  // Loaded on use, like PGlite: only sites with DATABASE_URL need the driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString, max: 10 });
  // Fail at start, with the server's reason, rather than on the first login.
  (await pool.connect()).release();
  const query = async <T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> =>
    (await pool.query<T>(sql, [...params])).rows;
  return {
    kind: 'postgres',
    query,
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async <T extends Row>(sql: string, params: readonly unknown[] = []) =>
            (await client.query<T>(sql, [...params])).rows,
          execScript: async (sql) => void (await client.query(sql)),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
};
