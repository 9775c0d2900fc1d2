// The one place that knows SQLite and PostgreSQL differ: column types, JSON, now().
import { CompiledQuery, Kysely, PostgresAdapter, sql, type CreateTableBuilder, type QueryCreator, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres';
import { prepareOnPostgres, sendUnawaitedOnPostgres } from './create-db.ts';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column types for migrations. Instants are ISO-8601 text on SQLite and timestamptz on PostgreSQL. */
export function columnTypes(db: Kysely<any>) {
  const pg = dialectOf(db) === 'postgres';
  return {
    instant: pg ? sql`timestamptz` : sql`text`,
    date: pg ? sql`date` : sql`text`,
    json: pg ? sql`jsonb` : sql`text`,
    bool: pg ? sql`boolean` : sql`integer`,
    bigint: pg ? sql`bigint` : sql`integer`,
    /** Text compared byte by byte (code point order), so prefix range scans are right on both. */
    bytewiseText: pg ? sql`text collate "C"` : sql`text`,
    /** An integer key the database assigns (SQLite's rowid alias), e.g. for a full-text index's content rows. */
    serialKey: pg ? sql`bigint generated always as identity` : sql`integer`,
  } as const;
}

/**
 * The columns every labelled, versioned record ends with: its label (what clearance reads it),
 * its version (for If-Match) and when it was made and last changed. Use with `.$call(labelledRecord(t))`.
 */
export const labelledRecord = (t: ReturnType<typeof columnTypes>) => <TB extends CreateTableBuilder<any, any>>(table: TB): TB =>
  table
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('compartments', t.json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull()) as TB;

/** Encodes a value for a json column (both drivers accept the text form). */
export const toJson = (v: unknown): string => JSON.stringify(v);

/** Decodes a json column: pg hands back objects, SQLite hands back text. */
export function fromJson<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as T;
    } catch {
      return fallback;
    }
  }
  return v as T;
}

export const toBool = (v: unknown): boolean => v === true || v === 1 || v === '1';

/** better-sqlite3 binds no booleans: 1/0 there, true/false on PostgreSQL. */
export const boolParam = (dialect: DialectName, b: boolean): boolean | number => (dialect === 'postgres' ? b : b ? 1 : 0);

/**
 * The SQL test "this row's label is dominated by the reader's clearance": level rank ≤ maxRank,
 * and every compartment of the row among the reader's (a JSON array). Rows without compartments
 * skip the subset test, which keeps the common case cheap.
 */
export function labelVisible(dialect: DialectName, alias: string, maxRank: unknown, compartmentsJson: unknown): RawBuilder<boolean> {
  const cls = sql.ref(`${alias}.classification`);
  const comp = sql.ref(`${alias}.compartments`);
  const rank = sql`(case ${cls} when 'public' then 0 when 'restricted' then 1 when 'secret' then 2 when 'top_secret' then 3 else 4 end)`;
  return dialect === 'postgres'
    ? sql<boolean>`(${rank} <= ${maxRank} and (${comp} = '[]'::jsonb or ${comp} <@ cast(${compartmentsJson} as jsonb)))`
    // A stored value that is not JSON (a damaged row) would make json_each fail the whole query:
    // read it as a compartment nobody holds, so the row shows to no one filtered by label.
    : sql<boolean>`(${rank} <= ${maxRank} and (${comp} = '[]' or not exists (select 1 from json_each(case when json_valid(${comp}) then ${comp} else '[null]' end) c where c.value is null or c.value not in (select value from json_each(${compartmentsJson})))))`;
}

/**
 * Whether `text` (a parameter) holds the column's value (or an expression's) as a substring: instr on
 * SQLite, strpos on PostgreSQL (both exact, case-sensitive).
 */
export function textHolds(dialect: DialectName, text: string, column: string | RawBuilder<string>): RawBuilder<boolean> {
  const needle = typeof column === 'string' ? sql.ref(column) : column;
  return dialect === 'postgres' ? sql<boolean>`(strpos(${text}, ${needle}) > 0)` : sql<boolean>`(instr(${text}, ${needle}) > 0)`;
}

/**
 * DDL behind module generations (see generations.ts). PostgreSQL: one function, and a
 * statement-level trigger per table (a bulk import bumps once per statement). SQLite has only
 * row-level triggers: one per table and operation. Names must already be plain identifiers.
 */
export function generationDdl(dialect: DialectName) {
  const pg = dialect === 'postgres';
  return {
    setup: pg
      ? [`create function kernel_bump_generation() returns trigger language plpgsql as $$
          begin
            update kernel_generation set generation = generation + 1 where scope = tg_argv[0];
            return null;
          end $$`]
      : [],
    teardown: pg ? ['drop function if exists kernel_bump_generation() cascade'] : [],
    watch: (scope: string, table: string) => pg
      ? [`create trigger ${table}_generation after insert or update or delete or truncate on ${table} for each statement execute function kernel_bump_generation('${scope}')`]
      : ['insert', 'update', 'delete'].map((op) => `create trigger ${table}_generation_${op} after ${op} on ${table} begin update kernel_generation set generation = generation + 1 where scope = '${scope}'; end`),
    unwatch: (table: string) => pg
      ? [`drop trigger if exists ${table}_generation on ${table}`]
      : ['insert', 'update', 'delete'].map((op) => `drop trigger if exists ${table}_generation_${op}`),
  };
}

/** DDL that makes a table append-only: updates and deletes (and truncation, on PostgreSQL) are refused. */
export function appendOnlyDdl(dialect: DialectName, table: string): string[] {
  if (dialect === 'postgres') {
    return [
      `create function ${table}_refuse() returns trigger language plpgsql as $$
      begin raise exception '${table} is append-only: % refused', tg_op; end $$`,
      `create trigger ${table}_no_update before update or delete on ${table} for each row execute function ${table}_refuse()`,
      `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function ${table}_refuse()`,
    ];
  }
  return [
    `create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only: UPDATE refused'); end`,
    `create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only: DELETE refused'); end`,
  ];
}

/**
 * The rows of a subquery as one JSON array column, so a record and its lists come back in one
 * statement. Read it with fromJson (text on SQLite, parsed on PostgreSQL); PostgreSQL writes
 * instants inside JSON with an offset, so pass them through toIsoInstant. Row order inside the
 * array is not promised: sort after reading.
 */
export function jsonRows(dialect: DialectName, subquery: SelectQueryBuilder<any, any, any>): RawBuilder<unknown> {
  return dialect === 'postgres' ? postgresJsonArray(subquery) : sqliteJsonArray(subquery);
}

/**
 * Whether the database runs a write of several steps (data-modifying WITH, SHA-256 in SQL) as one
 * statement: PostgreSQL, where each statement saved is a round trip; SQLite's statements are calls
 * in this process anyway.
 */
export const writesInOneStatement = (db: Kysely<any>): boolean => dialectOf(db) === 'postgres';

/**
 * Inserts rows into table and then runs `then` (an update, say), as one statement where the
 * database has data-modifying WITH (PostgreSQL: one round trip, where a lock is held until the
 * commit), as two elsewhere (SQLite's statements are calls in this process). `then` does not see
 * the inserted rows on PostgreSQL: it must not read table.
 */
export async function insertThen(db: Kysely<any>, table: string, rows: readonly Record<string, unknown>[], then: (qc: QueryCreator<any>) => { execute(): Promise<unknown> }): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await then(db.with('inserted', (q) => q.insertInto(table).values([...rows]))).execute();
    return;
  }
  await db.insertInto(table).values([...rows]).execute();
  await then(db).execute();
}

/**
 * A write committed on its own. PostgreSQL runs `asOneStatement` outside any transaction: the
 * statement is its own transaction, so the row locks it takes are held only while the database
 * works and flushes, never across round trips to a busy server. SQLite runs `inTransaction`: its
 * statements run in this process, where a round trip costs nothing.
 */
export async function commitOnItsOwn(db: Kysely<any>, asOneStatement: (db: Kysely<any>) => Promise<void>, inTransaction: (trx: Kysely<any>) => Promise<void>): Promise<void> {
  if (dialectOf(db) === 'postgres') await asOneStatement(db);
  else await db.transaction().execute(inTransaction);
}

/**
 * Whether two write transactions of one server make progress at once. PostgreSQL: yes, each on its
 * own connection, waiting for the other only where they touch the same rows. SQLite: no, one
 * writer at a time on the file (and one connection in this process), so a second only queues.
 */
export const writesAtOnce = (dialect: DialectName): boolean => dialect === 'postgres';

/**
 * Choosing queued rows to claim. PostgreSQL: lock the rows chosen and pass over those another
 * transaction holds (FOR UPDATE SKIP LOCKED), so servers claiming at once never take the same
 * row nor wait for each other. SQLite: one writer at a time across every process on the file, so
 * the claiming statement alone takes its rows whole.
 */
export function skipLocked<QB extends SelectQueryBuilder<any, any, any>>(dialect: DialectName, qb: QB, of?: string): QB {
  // `of`: in a join, only that table's rows are locked (and skipped), not the rows joined to them.
  return dialect === 'postgres' ? (qb.forUpdate(of as never).skipLocked() as QB) : qb;
}

/**
 * Reading a row that many writers lean on at once while one may change it (a vote's ballots
 * against its closing). PostgreSQL: a shared lock, so the leaning writers never wait for each
 * other but the changing one waits for them all, and they for it. SQLite: one writer at a time
 * across every process on the file, so the read alone is enough.
 */
export function forShare<QB extends SelectQueryBuilder<any, any, any>>(dialect: DialectName, qb: QB): QB {
  return dialect === 'postgres' ? (qb.forShare() as QB) : qb;
}

/**
 * Reading a row a writer is about to decide on and change (the last link of a custody chain):
 * PostgreSQL locks it (FOR UPDATE), so a second writer waits and then reads what the first wrote.
 * SQLite: one writer at a time across every process on the file, so the read alone is enough.
 */
export function forUpdate<QB extends SelectQueryBuilder<any, any, any>>(dialect: DialectName, qb: QB): QB {
  return dialect === 'postgres' ? (qb.forUpdate() as QB) : qb;
}

/** An instant as we write it everywhere: ISO-8601 in UTC with milliseconds. */
export const toIsoInstant = (v: string | null | undefined): string | null => (v ? new Date(v).toISOString() : null);

/**
 * Reading rows back exactly as stored, for checks that must not trust the driver (audit verify):
 * a JSON column's text as the database keeps it, and an instant as text to the microsecond. The
 * PostgreSQL driver would parse both (reading 1.0 as 1, dropping microseconds, throwing on
 * 'infinity'); SQLite keeps the text it was given.
 */
export const storedText = {
  json: (dialect: DialectName, ref: string): RawBuilder<string | null> => (dialect === 'postgres' ? sql`${sql.ref(ref)}::text` : sql`${sql.ref(ref)}`),
  instant: (dialect: DialectName, ref: string): RawBuilder<string | null> =>
    dialect === 'postgres' ? sql`to_char(${sql.ref(ref)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : sql`${sql.ref(ref)}`,
};

/**
 * The instant an instant column's stored text (from storedText.instant) holds, as toISOString()
 * writes it, or null when the stored value is not one our writers store (microseconds, an
 * offset, 'infinity').
 */
export function instantFromStoredText(dialect: DialectName, text: string): string | null {
  const ms = dialect === 'postgres' ? /^(.*\.\d{3})000Z$/.exec(text)?.[1] : text.slice(0, -1);
  if (ms === undefined) return null;
  const iso = ms + 'Z';
  return !Number.isNaN(Date.parse(iso)) && new Date(iso).toISOString() === iso ? iso : null;
}

/**
 * What the database stores (and storedText.json prints) for each JSON text a writer sends:
 * SQLite keeps the text; PostgreSQL's jsonb prints it its own way (key order, spaces, numbers),
 * which only PostgreSQL can say exactly, so it is asked, in one statement.
 */
export async function storedJsonForms(db: Kysely<any>, texts: string[]): Promise<string[]> {
  if (dialectOf(db) === 'sqlite' || !texts.length) return texts;
  const r = await sql<{ n: string }>`select cast(t as jsonb)::text as n from unnest(cast(${texts} as text[])) with ordinality as u(t, i) order by i`.execute(db);
  return r.rows.map((x) => x.n);
}

// Many rows into one table in one statement, for hot paths that write a batch (a mail bag's
// letters and deliveries, the jobs they schedule). On PostgreSQL the rows travel as one JSON
// parameter that the server unpacks (jsonb_to_recordset), in a statement whose text depends on the
// table and its columns but not on how many rows there are, so it is prepared once per connection
// (prepareOnPostgres). A VALUES list is a new text for every number of rows: the server parsed and
// planned it anew each time, which for a mail bag's 32 letters cost more of its CPU than writing
// them (bench/post.ts), and the driver serialized each of its hundreds of parameters where one
// JSON text is now written by one native call. Elsewhere (SQLite) it is Kysely's insert.

export interface BulkInsert {
  /** ON CONFLICT (columns) DO NOTHING: a row that would conflict is skipped, as Kysely's onConflict doNothing. */
  skipConflictOn?: readonly string[];
  /** Columns to return of each row written. */
  returning?: readonly string[];
  /**
   * Not waited for inside a transaction on PostgreSQL (sendUnawaitedOnPostgres): a failure is raised
   * by the transaction's next statement. Not with `returning`.
   */
  unawaited?: boolean;
}

/**
 * Inserts rows and answers what RETURNING gave (nothing when `returning` is not asked). Values as
 * Kysely takes them; JSON columns as their text. Rows whose keys differ, or holding a value JSON
 * would not carry as the driver does (anything but text, a finite number, a boolean or null; text
 * the database refuses or the driver would mend: a NUL, a lone surrogate), go through Kysely.
 * One difference remains: a number written to a text column is stored as PostgreSQL spells it
 * (1e21 as its 22 digits), not as JavaScript does; no caller writes numbers to text.
 */
export async function insertRows<R extends Record<string, unknown> = Record<string, unknown>>(
  db: Kysely<any>, table: string, rows: readonly Record<string, unknown>[], opts: BulkInsert = {},
): Promise<R[]> {
  if (opts.unawaited && opts.returning) throw new Error('insertRows: an unawaited insert returns nothing; ask for returning or unawaited, not both');
  if (!rows.length) return [];
  const columns = Object.keys(rows[0]!);
  if (dialectOf(db) !== 'postgres' || !rows.every((r) => sameColumns(r, columns))) {
    let q: any = db.insertInto(table).values(rows as Record<string, unknown>[]);
    if (opts.skipConflictOn) q = q.onConflict((oc: any) => oc.columns(opts.skipConflictOn).doNothing());
    if (opts.returning) return q.returning(opts.returning).execute();
    await q.execute();
    return [];
  }
  const text = await statementFor(db, table, columns, opts);
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [JSON.stringify(rows)]))).rows as R[];
}

/** The row has exactly these keys, each with a value JSON carries as the driver would send it. */
function sameColumns(row: Record<string, unknown>, columns: readonly string[]): boolean {
  let n = 0;
  for (const k in row) {
    n++;
    const v = row[k];
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string' || v.includes('\0') || !v.isWellFormed()) return false;
  }
  return n === columns.length && columns.every((c) => c in row);
}

/** insertRows' statements, per database handle, by table, columns and options: built and marked once, not on every call. */
const builtStatements = new WeakMap<object, Map<string, string>>();

async function statementFor(db: Kysely<any>, table: string, columns: readonly string[], opts: BulkInsert): Promise<string> {
  const handle = db.getExecutor().adapter;
  const built = builtStatements.get(handle) ?? builtStatements.set(handle, new Map()).get(handle)!;
  const key = [table, columns.join('\0'), opts.skipConflictOn?.join('\0') ?? '', opts.returning?.join('\0') ?? '', opts.unawaited ? 'u' : ''].join('\u0001');
  let text = built.get(key);
  if (text) return text;
  let types = await columnTypesOf(db, table);
  // A column added since the types were read (a migration run by this process after it wrote here): read them again, once.
  if (!columns.every((c) => types.has(c))) types = await columnTypesOf(db, table, true);
  const typed = columns.map((c) => {
    const type = types.get(c);
    if (!type) throw new Error(`insertRows: table ${table} has no column ${c}`);
    // Each value is read as text and converted to its column's type, as the driver's text
    // parameters are; the type without its modifier (a length, a precision), which the column
    // itself then applies as it does to a parameter: an explicit cast to varchar(3) would cut a
    // longer text short where the insert must refuse it.
    return `x.${quotedName(c)}::${type}`;
  });
  text = `insert into ${quotedName(table)} (${columns.map(quotedName).join(', ')}) select ${typed.join(', ')}`
    + ` from jsonb_to_recordset($1::jsonb) as x(${columns.map((c) => `${quotedName(c)} text`).join(', ')})`
    + (opts.skipConflictOn ? ` on conflict (${opts.skipConflictOn.map(quotedName).join(', ')}) do nothing` : '')
    + (opts.returning ? ` returning ${opts.returning.map(quotedName).join(', ')}` : '')
    // Its own text, so that only the callers who ask for it are not waited for.
    + (opts.unawaited ? ' -- unawaited' : '');
  prepareOnPostgres(text);
  if (opts.unawaited) sendUnawaitedOnPostgres(text);
  built.set(key, text);
  return text;
}

/**
 * Each table's columns and their types as PostgreSQL declares them, read once per database handle
 * (its adapter, which the handle of a transaction opened on it shares), and read again when a row
 * names a column they lack. A column whose type a running process changes is not seen: migrations
 * run before a server writes.
 */
const declaredTypes = new WeakMap<object, Map<string, Promise<Map<string, string>>>>();

/** A name as one quoted identifier: a table is named as insertRows' statement names it. */
const quotedName = (n: string) => `"${n.replace(/"/g, '""')}"`;

function columnTypesOf(db: Kysely<any>, table: string, again = false): Promise<Map<string, string>> {
  const handle = db.getExecutor().adapter;
  const byTable = declaredTypes.get(handle) ?? declaredTypes.set(handle, new Map()).get(handle)!;
  let types = again ? undefined : byTable.get(table);
  if (!types) {
    types = sql<{ name: string; type: string }>`select attname as name, format_type(atttypid, null) as type from pg_attribute
      where attrelid = ${quotedName(table)}::regclass and attnum > 0 and not attisdropped`.execute(db)
      .then((r) => new Map(r.rows.map((c) => [c.name, c.type])));
    byTable.set(table, types);
    // A failed read (the table not there yet) is not kept.
    types.catch(() => byTable.delete(table));
  }
  return types;
}

/**
 * A condition that `column` is one of a list given as one parameter, so that a query's text does
 * not change with the list's length and a hot query (hot-query.ts) can ask it: prepared once per
 * connection on PostgreSQL, instead of parsed and planned for every length of IN list. The
 * parameter is `idList(db, ids)`: an array on PostgreSQL, its JSON text on SQLite.
 */
export function oneOf(db: Kysely<any>, column: string, placeholder: string): RawBuilder<boolean> {
  return dialectOf(db) === 'postgres'
    ? sql<boolean>`${sql.ref(column)} = any(cast(${placeholder} as text[]))`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${placeholder}))`;
}

/** The parameter oneOf asks for. */
export const idList = (db: Kysely<any>, ids: readonly string[]): unknown => (dialectOf(db) === 'postgres' ? ids : JSON.stringify(ids));

/** A text lower-cased letter by letter in any script, on both databases (SQLite's lower() knows ASCII only). */
export const lowerText = (db: Kysely<any>, expr: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string> =>
  dialectOf(db) === 'postgres' ? sql<string>`lower(${expr})` : sql<string>`unicode_lower(${expr})`;
