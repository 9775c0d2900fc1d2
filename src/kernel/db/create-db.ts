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
    // Pipeline mode: a statement is sent without waiting for the one before it to be answered
    // (pipelinedOn, below). Statements are still answered in order, each with its own Sync, so one
    // that fails does not swallow the next; Kysely still awaits each, unless it is marked.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, pipeline: true } as pg.PoolConfig);
    // An idle client's error (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    pool.on('connect', pipelinedOn);
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
  withUnicodeLower(sqlite);
  const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  // An in-memory database is private to its connection: no second one can see it.
  const committedReader = file === ':memory:' ? undefined : withUnicodeLower(new SQLite(file, { readonly: true }));
  return {
    kysely, dialect: 'sqlite', location: path.resolve(file), committedReader,
    close: async () => {
      committedReader?.close();
      await kysely.destroy();
    },
  };
}

/**
 * SQLite's lower() lower-cases ASCII only: a search for "Ärger" found nothing there that PostgreSQL
 * found (outside attack, session 31). `unicode_lower` is JavaScript's, for lowerText (dialect.ts).
 */
function withUnicodeLower(db: SQLite.Database): SQLite.Database {
  db.function('unicode_lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : s));
  return db;
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

/**
 * Statement texts whose answer nobody reads inside a transaction (a bag's inserts, the events'
 * notification, the audit append): see pipelinedOn.
 */
const unawaitedTexts = new Set<string>();

/**
 * Marks a write's SQL text to be sent, inside a transaction on PostgreSQL, without waiting for its
 * answer (pipelinedOn). Only for a write whose caller reads nothing of its result (no RETURNING,
 * no count) and would not catch its failure to go on: a failure is raised by the transaction's
 * next statement, its COMMIT at the latest, so the transaction fails as it would have. Harmless
 * elsewhere and outside a transaction, where the statement is simply awaited.
 */
export function sendUnawaitedOnPostgres(sqlText: string): void {
  unawaitedTexts.add(sqlText);
}

/** What Kysely is told of a statement sent unawaited: no rows and no count (Kysely reads a count only for INSERT, UPDATE, DELETE, MERGE). */
const UNAWAITED = Object.freeze({ command: 'SELECT', rowCount: 0, rows: Object.freeze([]) });

/**
 * A PostgreSQL connection of the pool, as Kysely uses it. Statements marked with prepareOnPostgres
 * go as named prepared statements. And round trips are saved: on this machine a round trip costs
 * Node and PostgreSQL more CPU than most statements do (each send a system call that runs the
 * loopback's delivery and wakes the other process), and a transaction that waits for each answer
 * leaves both idle in turn (bench/post.ts). So, with the pool in pipeline mode:
 * - a transaction's BEGIN is not waited for: it goes out with the transaction's first statement;
 * - inside a transaction, a write marked with sendUnawaitedOnPostgres is sent and Kysely is
 *   answered at once, with nothing, while the statement runs;
 * - the statement that follows (a read, COMMIT) goes out behind them in the same send, and is
 *   answered only once everything sent before it has been: if any of those failed, it fails
 *   with that error (the first), the statement's own result unread. A COMMIT behind a failed
 *   write is PostgreSQL's ROLLBACK, so nothing of the transaction is kept.
 * A ROLLBACK does not wait for them: it fails nothing, and the error that caused it stays the one
 * raised. The statements sent in one turn of the event loop leave in one write (cork), released
 * by the next awaited statement or, at the latest, at the end of the turn.
 */
function pipelinedOn(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const socket = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
  // The pool listens for an idle client's errors, not a checked-out one's: a connection the server
  // ends during a transaction (pg_terminate_backend, a restart) would crash the process. Its
  // queries all fail with the error, and the pool drops the client when it is released.
  client.on('error', () => {});
  let inTransaction = false;
  let unanswered: Promise<unknown>[] = [];
  let corked = false;
  /**
   * The transaction's first failure of a statement not waited for that no rollback has undone, even
   * once raised: a caller may have caught it as another statement's (a part's SAVEPOINT, partOf)
   * and gone on, and then every later statement fails with PostgreSQL's "current transaction is
   * aborted" and the COMMIT is answered ROLLBACK. Those raise this instead, the real cause.
   */
  let failure: { error: unknown; era: number } | undefined;
  /** Bumped by each ROLLBACK (to a savepoint): the failures of the statements sent before it are undone with them. */
  let era = 0;
  const uncork = () => {
    if (!corked) return;
    corked = false;
    socket.uncork();
  };
  const sendLater = (args: unknown[], answer: unknown) => {
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(uncork);
    }
    const sent = send(args);
    const sentIn = era;
    // Raised by the statement that follows (above).
    sent.catch((error: unknown) => {
      if (sentIn === era) failure ??= { error, era };
    });
    unanswered.push(sent);
    return Promise.resolve(answer);
  };
  const send = (args: unknown[]) => {
    const [text, values] = args;
    // The name first: most statements are unmarked and need no look at their values.
    const name = args.length === 2 && typeof text === 'string' ? preparedNames.get(text) : undefined;
    return (name && Array.isArray(values) && values.every(sendable) ? query({ name, text, values }) : query(...args)) as Promise<unknown>;
  };
  // Kysely calls query(text, values); anything else (a config object, a callback) passes as it is.
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const text = args.length === 2 ? args[0] : undefined;
    if (text === 'begin') {
      inTransaction = true;
      failure = undefined;
      return sendLater(args, { command: 'BEGIN', rowCount: null, rows: [] });
    }
    if (inTransaction && typeof text === 'string' && unawaitedTexts.has(text)) return sendLater(args, UNAWAITED);
    if (text === 'commit' || text === 'rollback') inTransaction = false;
    const answer = send(args);
    uncork();
    const before = unanswered;
    unanswered = [];
    // A ROLLBACK, or a ROLLBACK TO a savepoint (which was sent, and answered, before every statement
    // still unanswered), undoes them and their failures: not waited for, so that the error that
    // caused it stays the one raised.
    if (text === 'rollback') {
      era++;
      failure = undefined;
      return answer;
    }
    if (typeof text === 'string' && /^rollback\s+to\s/i.test(text)) {
      const undoing = ++era;
      return answer.then((r) => {
        if (failure && failure.era < undoing) failure = undefined;
        return r;
      });
    }
    answer.catch(() => {}); // the earlier failure is the one raised
    const waited = before.length ? Promise.all(before).then(() => answer) : answer;
    const committing = text === 'commit';
    return waited.then(
      (r) => {
        const f = failure;
        if (committing) failure = undefined;
        if (committing && f && (r as { command?: string }).command === 'ROLLBACK') throw f.error;
        return r;
      },
      (e: unknown) => {
        const f = failure;
        if (committing) failure = undefined;
        throw f ? f.error : e;
      },
    );
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
