// Queries on hot paths are built and compiled once per dialect, then run with fresh parameters:
// building and compiling a Kysely query costs more than executing a primary-key lookup.
import { CompiledQuery, type Kysely, type Compilable } from 'kysely';
import type SQLite from 'better-sqlite3';
import { dialectOf, type DialectName } from './dialect.ts';
import { prepareOnPostgres, type Database } from './create-db.ts';

const SENTINEL = '\u0000hot-query-param:';

/** The compiled query with each placeholder replaced by its argument. */
function bind<R>(c: CompiledQuery<R>, args: readonly unknown[]): CompiledQuery<R> {
  return CompiledQuery.raw(c.sql, c.parameters.map((p) => (typeof p === 'string' && p.startsWith(SENTINEL) ? args[Number(p.slice(SENTINEL.length))] : p))) as CompiledQuery<R>;
}

/**
 * `build` receives placeholders instead of values and returns a query builder; the result runs
 * that query with the real arguments. Every placeholder must be used as a plain value parameter.
 */
export function hotQuery<A extends unknown[], R = Record<string, any>>(build: (db: Kysely<any>, ...args: string[]) => Compilable<R>, arity: A['length']) {
  const compiled = new Map<DialectName, CompiledQuery<R>>();
  const compiledFor = (db: Kysely<any>) => {
    const dialect = dialectOf(db);
    let c = compiled.get(dialect);
    if (!c) {
      const placeholders = Array.from({ length: arity }, (_, i) => SENTINEL + i);
      c = build(db, ...placeholders).compile();
      prepareOnPostgres(c.sql);
      compiled.set(dialect, c);
    }
    return c;
  };
  const run = async (db: Kysely<any>, ...args: A): Promise<R[]> => (await db.executeQuery<R>(bind(compiledFor(db), args))).rows;
  /**
   * The same query on committed data only, never waiting for another request's open transaction:
   * on SQLite through the read-only second connection, without Kysely's queue; elsewhere as run(),
   * one statement shared by the callers that ask the same before it is sent (joinedRows).
   * The rows may be shared with other callers: do not change them.
   */
  run.committed = async (database: Database, ...args: A): Promise<R[]> =>
    run.committedNow(database, ...args) ?? (joinedRows(database.kysely, bind(compiledFor(database.kysely), args)) as Promise<R[]>);
  /** committed(), answered at once where it can be (SQLite); undefined where it must be awaited. */
  run.committedNow = (database: Database, ...args: A): R[] | undefined => {
    const reader = database.committedReader;
    if (!reader) return undefined;
    const c = bind(compiledFor(database.kysely), args);
    return committedRows(reader, c.sql, c.parameters) as R[];
  };
  return run;
}

/** Per database handle: the committed reads asked for this turn and not yet sent, by SQL and parameters. */
const unsent = new WeakMap<Kysely<any>, Map<string, Promise<readonly unknown[]>>>();

/**
 * The rows of a read of committed data, one statement for every caller that asks the same (same
 * SQL, same parameters) in the same turn of the event loop: the statement is sent once their
 * input has been read, so it starts after each of them arrived and sees every commit made before
 * (a logout, another server's write). Never joined once sent: a caller arriving later could miss
 * a commit made in between. Hot reads of many requests (the session, generations) then cost one
 * round trip per turn instead of one each. Shared between callers, so frozen.
 */
export function joinedRows(db: Kysely<any>, c: CompiledQuery): Promise<readonly unknown[]> {
  let waiting = unsent.get(db);
  if (!waiting) unsent.set(db, (waiting = new Map()));
  const key = c.parameters.length === 1 && typeof c.parameters[0] === 'string' ? c.sql + '\u0000' + c.parameters[0] : c.sql + '\u0000' + JSON.stringify(c.parameters);
  let rows = waiting.get(key);
  if (!rows) {
    const pending = waiting;
    rows = new Promise<readonly unknown[]>((resolve, reject) => {
      setImmediate(() => {
        pending.delete(key);
        db.executeQuery(c).then((r) => resolve(Object.freeze(r.rows.map((row) => Object.freeze(row as object)))), reject);
      });
    });
    waiting.set(key, rows);
  }
  return rows;
}

interface ReaderMemo {
  dataVersion: unknown;
  versionStatement: SQLite.Statement;
  statements: Map<string, SQLite.Statement>;
  rows: Map<string, Map<string, readonly unknown[]>>;
  size: number;
}

const memos = new WeakMap<SQLite.Database, ReaderMemo>();
const MEMO_ROWS = 10_000;

/**
 * Rows of a hot query on the committed reader. While no connection (this process's writer, the
 * console, anyone) has committed anything, SQLite's data_version stands and the same query has
 * the same rows: those are answered from memory. Shared between callers, so they are frozen.
 */
function committedRows(reader: SQLite.Database, sqlText: string, parameters: readonly unknown[]): readonly unknown[] {
  let memo = memos.get(reader);
  if (!memo) {
    const versionStatement = reader.prepare('pragma data_version').pluck();
    memo = { dataVersion: undefined, versionStatement, statements: new Map(), rows: new Map(), size: 0 };
    memos.set(reader, memo);
  }
  const version = memo.versionStatement.get();
  if (version !== memo.dataVersion) {
    memo.dataVersion = version;
    memo.rows.clear();
    memo.size = 0;
  }
  let byParams = memo.rows.get(sqlText);
  if (!byParams) memo.rows.set(sqlText, (byParams = new Map()));
  const key = parameters.length === 1 && typeof parameters[0] === 'string' ? parameters[0] : JSON.stringify(parameters);
  let rows = byParams.get(key);
  if (!rows) {
    let stmt = memo.statements.get(sqlText);
    if (!stmt) memo.statements.set(sqlText, (stmt = reader.prepare(sqlText)));
    rows = Object.freeze((stmt.all(...parameters) as object[]).map((r) => Object.freeze(r)));
    if (memo.size < MEMO_ROWS) {
      byParams.set(key, rows);
      memo.size++;
    }
  }
  return rows;
}

/**
 * For queries whose shape depends on the input (which filters are present): one compiled query
 * per shape and dialect. `build` gets one placeholder per argument, in order.
 */
export function shapedQuery<R = Record<string, any>>() {
  const compiled = new Map<string, CompiledQuery<R>>();
  return async (db: Kysely<any>, shape: string, args: unknown[], build: (ph: string[]) => Compilable<R>): Promise<R[]> => {
    const key = dialectOf(db) + '|' + shape;
    let c = compiled.get(key);
    if (!c) {
      c = build(args.map((_, i) => SENTINEL + i)).compile();
      // Shapes are bounded by the filters a route accepts; the cap guards against a mistake.
      if (compiled.size < 1000) compiled.set(key, c);
    }
    return (await db.executeQuery<R>(bind(c, args))).rows;
  };
}
