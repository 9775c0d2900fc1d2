// The table the tests of writes not waited for (kernel/db/create-db.ts pipelinedOn) write to, on a
// database of its own with one connection (a transaction that failed hands the same connection to
// the next statement), and the pool's sends counted on PostgreSQL.
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { freshDatabase, type TestDialect } from './dialects.ts';
import { openDatabase, type Database } from '../db/create-db.ts';
import { insertRows } from '../db/dialect.ts';

/** What each database says when a row takes a code the table already has. */
export const UNIQUE_VIOLATION = { postgres: /duplicate key value violates unique constraint "piped_code_key"/, sqlite: /UNIQUE constraint failed: piped\.code/ };

export interface PipedTable {
  database: Database;
  db: Kysely<any>;
  url?: string;
  /** Writes to the connection's socket so far (PostgreSQL; 0 on SQLite). */
  sends(): number;
  /** The table's ids, in order. */
  ids(): Promise<string[]>;
  /** An insert not waited for inside a transaction. */
  put(trx: Kysely<any>, rows: { id: string; code: string }[]): Promise<unknown>;
  close(): Promise<void>;
}

/** `piped(id primary key, code unique)`; `onConnect` sees each new PostgreSQL client after the kernel has wrapped it, and the sends counted. */
export async function openPipedTable(dialect: TestDialect, opts: { onConnect?: (client: pg.PoolClient, sends: () => number) => void } = {}): Promise<PipedTable> {
  const fresh = await freshDatabase(dialect);
  const database = openDatabase({ ...fresh, poolSize: 1 });
  let sends = 0;
  database.pgPool?.on('connect', (client: pg.PoolClient) => {
    const socket = (client as unknown as { connection: { stream: Record<'_writev' | '_write', Function> } }).connection.stream;
    for (const m of ['_writev', '_write'] as const) {
      const original = socket[m];
      socket[m] = function (this: unknown, ...args: unknown[]) {
        sends++;
        return original.apply(this, args);
      };
    }
    opts.onConnect?.(client, () => sends);
  });
  const db = database.kysely;
  await db.schema.createTable('piped').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('code', 'text', (c) => c.unique()).execute();
  return {
    database, db, url: fresh.databaseUrl,
    sends: () => sends,
    ids: async () => (await sql<{ id: string }>`select id from piped order by id`.execute(db)).rows.map((r) => r.id),
    put: (trx, rows) => insertRows(trx, 'piped', rows, { unawaited: true }),
    close: async () => {
      await database.close();
      await fresh.drop();
    },
  };
}
