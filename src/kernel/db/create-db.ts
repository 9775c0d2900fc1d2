// Opens the database: embedded SQLite by default, PostgreSQL when a URL is given.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
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
  // We promise that an acknowledged write survives a power cut: in WAL mode that takes a flush of
  // the WAL after each commit, which synchronous = FULL does inside the commit, on this thread:
  // better-sqlite3 would then stop every request for the length of an fsync, once per commit.
  // So SQLite commits with NORMAL (written to the WAL, not flushed; checkpoints still flush) and
  // the commit's promise resolves only once the WAL is flushed on libuv's thread pool
  // (walFlush): the caller still hears of its commit only once it is durable, meanwhile other
  // requests run, and commits made during one flush share the next. What differs from FULL:
  // another reader may see a commit during its flush.
  // An in-memory database has nothing to flush.
  sqlite.pragma(file === ':memory:' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const wal = file === ':memory:' ? undefined : walFlush(path.resolve(file) + '-wal');
  const database = withStatementCache(sqlite);
  const kysely = new Kysely<any>({ dialect: wal ? new FlushingSqliteDialect({ database }, sqlite, wal) : new SqliteDialect({ database }) });
  // An in-memory database is private to its connection: no second one can see it.
  const committedReader = file === ':memory:' ? undefined : new SQLite(file, { readonly: true });
  return {
    kysely, dialect: 'sqlite', location: path.resolve(file), committedReader,
    close: async () => {
      committedReader?.close();
      await kysely.destroy();
      await wal?.close();
    },
  };
}

/**
 * Makes a SQLite WAL file durable (fdatasync) off the main thread, as group commit does: one flush
 * covers every commit made before it began, and a commit made during a flush waits for the next.
 */
function walFlush(walPath: string) {
  let handle: fs.promises.FileHandle | undefined;
  let inode = -1;
  let committed = 0;
  let flushed = 0;
  let running: Promise<void> | undefined;
  const flushOnce = async () => {
    const upTo = committed;
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(walPath);
    } catch {
      // No WAL: every commit is in the database file, which the checkpoint that emptied it flushed.
    }
    if (st) {
      // The WAL is only replaced once every connection has closed it; reopened by inode all the same.
      if (!handle || st.ino !== inode) {
        await handle?.close();
        handle = await fs.promises.open(walPath, 'r');
        inode = st.ino;
      }
      await handle.datasync();
    }
    flushed = Math.max(flushed, upTo);
  };
  return {
    /** A commit has just been written to the WAL: its number, to wait for with durable(). */
    committed: () => ++committed,
    async durable(commit: number) {
      while (flushed < commit) {
        running ??= flushOnce().finally(() => (running = undefined));
        await running;
      }
    },
    async close() {
      await running?.catch(() => {});
      await handle?.close();
      handle = undefined;
    },
  };
}
type WalFlush = ReturnType<typeof walFlush>;

const READ_ONLY = /^\s*select\b/i;

/**
 * Kysely's SQLite dialect, but a statement that ends a transaction (commit), or one that writes
 * outside any transaction, is answered only once the WAL is flushed (see walFlush). Kysely's one
 * connection is released before that flush, so the next transaction may commit meanwhile and
 * share the next flush.
 */
class FlushingSqliteDialect extends SqliteDialect {
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], private readonly sqlite: SQLite.Database, private readonly wal: WalFlush) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const { sqlite, wal } = this;
    const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
    // The commit made on the connection since it was acquired, if any (there is one connection).
    let pending = 0;
    const acquire = driver.acquireConnection.bind(driver);
    const release = driver.releaseConnection.bind(driver);
    driver.acquireConnection = async (): Promise<DatabaseConnection> => {
      const connection = await acquire();
      let w = wrapped.get(connection);
      if (!w) {
        w = {
          async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
            const wasInTransaction = sqlite.inTransaction;
            const result = await connection.executeQuery<R>(query);
            if (!sqlite.inTransaction && (wasInTransaction || !READ_ONLY.test(query.sql))) pending = wal.committed();
            return result;
          },
          streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
        } satisfies DatabaseConnection;
        wrapped.set(connection, w);
      }
      return w;
    };
    driver.releaseConnection = async (connection: DatabaseConnection) => {
      const commit = pending;
      pending = 0;
      await release(connection);
      if (commit) await wal.durable(commit);
    };
    return driver;
  }
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
