// Opens the database: embedded SQLite by default, PostgreSQL when a URL is given.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DialectName } from './dialect.ts';

export interface Database {
  readonly kysely: Kysely<any>;
  readonly dialect: DialectName;
  /** Where it lives, for messages: a file path or a URL without its password. */
  readonly location: string;
  /** The PostgreSQL pool, for the event kernel's LISTEN connection. */
  readonly pgPool?: pg.Pool;
  readonly pgConnectionString?: string;
  /**
   * SQLite only: a second, read-only connection. Kysely's one connection may be inside another
   * request's open transaction; this one sees committed data only, and answers without queueing.
   */
  readonly committedReader?: SQLite.Database;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dbPath?: string;
  poolSize?: number;
}

// Instants come back as ISO strings and dates as YYYY-MM-DD on both databases, so services and
// tests never see a dialect-specific type.
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz
pg.types.setTypeParser(1114, (v) => new Date(v + 'Z').toISOString()); // timestamp
pg.types.setTypeParser(1082, (v) => v); // date
pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export function openDatabase(opts: OpenOptions): Database {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client's error (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    pool.on('connect', prepareNamedOn);
    const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      dialect: 'postgres',
      location: redactUrl(opts.databaseUrl),
      pgPool: pool,
      pgConnectionString: opts.databaseUrl,
      close: () => kysely.destroy(),
    };
  }
  const file = opts.dbPath ?? './data/sandstone.db';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL can lose the last commits on power loss, and we promise
  // that an acknowledged write survives. The cost is one fsync per commit.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  // An in-memory database is private to its connection: no second one can see it.
  const committedReader = file === ':memory:' ? undefined : new SQLite(file, { readonly: true });
  return {
    kysely, dialect: 'sqlite', location: path.resolve(file), committedReader,
    close: async () => {
      committedReader?.close();
      await kysely.destroy();
    },
  };
}

/**
 * PostgreSQL parses and plans every statement Kysely sends anew (the driver's unnamed statement);
 * for a statement with a few CTEs (the audit append) that costs more than running it, and a hot
 * read pays it on every request. The texts named here are sent as named prepared statements
 * instead: parsed once per connection and, after a few runs, planned once. Only texts a module
 * marks (hot queries, built once with parameters): a statement per distinct text would otherwise
 * pile up in every connection's memory. A marked text names its columns (no `select *`): PostgreSQL
 * re-plans a prepared statement after a migration by itself, but refuses one whose result columns changed.
 */
const preparedNames = new Map<string, string>();

/** Marks a statement's SQL text to be prepared once per PostgreSQL connection (see above); harmless elsewhere. */
export function prepareOnPostgres(sqlText: string): void {
  if (!preparedNames.has(sqlText)) preparedNames.set(sqlText, 'sandstone_' + createHash('sha256').update(sqlText).digest('hex').slice(0, 24));
}

/**
 * Values the driver always sends. A value it fails to serialize (a BigInt inside an object, say)
 * makes it close the named statement on the server while it still counts it as prepared: every
 * later run of that text on the connection would fail. Such a run goes unnamed instead.
 */
const sendable = (v: unknown): boolean =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || (Array.isArray(v) && v.every((x) => x === null || typeof x === 'string'));

function prepareNamedOn(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // Kysely calls query(text, values); anything else (a config object, a cursor, a callback) passes as it is.
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    // The name first: most statements are unmarked and need no look at their values.
    const name = args.length === 2 && typeof text === 'string' ? preparedNames.get(text) : undefined;
    return name && Array.isArray(values) && values.every(sendable) ? query({ name, text, values }) : query(...args);
  };
}

/**
 * Kysely prepares every statement anew; preparing costs more than running a primary-key lookup.
 * This keeps the most recently used prepared statements by SQL text. A statement that is busy
 * (being iterated) is never handed out twice.
 */
export function withStatementCache(db: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sqlText: string) {
      const hit = cache.get(sqlText);
      if (hit && !hit.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit;
      }
      const stmt = db.prepare(sqlText);
      if (!hit) {
        cache.set(sqlText, stmt);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}
