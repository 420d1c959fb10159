/**
 * The one database interface every repository uses. Two drivers implement it: PGlite (embedded,
 * under DATA_DIR) and node-postgres (a server, via DATABASE_URL). Both speak PostgreSQL's SQL,
 * so repositories are written once.
 */
export interface Queryable {
  /**
   * Runs one parameterised statement and returns its rows. A `name` lets a server driver keep
   * the statement prepared per connection (planned once); give it only to fixed SQL text.
   */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: { name?: string },
  ): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations, restores). */
  exec(sql: string): Promise<void>;
  /**
   * Streams rows into a table with `COPY … FROM STDIN` (`sql` is the COPY statement, `data` its
   * input in the format the statement names) and answers how many rows it stored: PostgreSQL's
   * fastest way in, for bulk writes. A driver without it leaves it out; callers then insert.
   */
  copyFrom?(sql: string, data: string): Promise<number>;
}

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Database extends Queryable {
  /** Embedded (under DATA_DIR, this machine's) or a PostgreSQL server named by DATABASE_URL. */
  readonly kind: 'embedded' | 'postgres';
  /** What runs the SQL: PGlite in this process (one connection), or PostgreSQL (embedded or a server). */
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Answers whether the database answers. */
  ping(): Promise<boolean>;
  /** Flushes to disk where that applies, then closes every connection. */
  close(): Promise<void>;
  /**
   * Hears what other processes announce on a channel (pg_notify), on a connection of its own that
   * comes back by itself; `onState` is told whether it is listening now. Only a server has other
   * processes to hear: the embedded database has none and leaves this out. Answers how to stop.
   */
  listen?(
    channel: string,
    onMessage: (payload: string) => void,
    onState: (listening: boolean) => void,
  ): Promise<() => Promise<void>>;
}

/** A value as `COPY … WITH (FORMAT csv)` reads it: NULL empty and bare, anything else quoted. */
type CopyValue = string | number | boolean | Date | null;

/**
 * Rows as the input of `COPY … FROM STDIN WITH (FORMAT csv)`, one line each; `leading` values, the
 * same on every line (a batch's campaign, say), are written out once and start each line.
 */
export function copyCsv(rows: readonly (readonly CopyValue[])[], leading: readonly CopyValue[] = []): string {
  const value = (v: CopyValue) => {
    if (v === null) return '';
    if (typeof v === 'boolean') return v ? 't' : 'f';
    const text = v instanceof Date ? v.toISOString() : String(v);
    return `"${text.replaceAll('"', '""')}"`;
  };
  const start = leading.length ? `${leading.map(value).join(',')},` : '';
  let out = '';
  for (const row of rows) out += `${start}${row.map(value).join(',')}\n`;
  return out;
}

/** A repository takes either the database or a transaction. */
export type Db = Queryable;

/** Thrown when the database cannot be reached; the HTTP layer turns it into 503. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
}

/** PostgreSQL error codes the HTTP layer maps to client errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';

/**
 * The database as seen from inside `tx`: queries run in that transaction, and a service that opens
 * a transaction of its own joins it instead. So that commands written for one record each (a
 * region, a unit, an account) can be made together or not at all.
 */
export function withinTransaction(db: Database, tx: Queryable): Database {
  return {
    kind: db.kind,
    engine: db.engine,
    query: (sql, params, options) => tx.query(sql, params, options),
    exec: (sql) => tx.exec(sql),
    transaction: (fn) => fn(tx),
    ping: () => db.ping(),
    close: () => Promise.reject(new Error('A transaction’s view of the database is not closed')),
  };
}
