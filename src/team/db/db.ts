/**
 * The one interface the team repositories use, whatever runs PostgreSQL: embedded PGlite in the data folder or a
 * server named by DATABASE_URL. Statements always take their values as parameters ($1, $2 …), never spliced in.
 */
export type Row = Record<string, unknown>;

export type Queryable = {
  query: <T extends Row = Row>(sql: string, params?: readonly unknown[]) => Promise<T[]>;
};

export type Transaction = Queryable & {
  /** Several statements without parameters: only for the migration files. */
  execScript: (sql: string) => Promise<void>;
};

export type Db = Queryable & {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction: <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};
