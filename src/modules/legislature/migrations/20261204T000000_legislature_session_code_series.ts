// Council sessions are numbered per label now (kernel/code-series.ts), as bills, cases and
// missions are: CS-<year>-<n> counted across every label left a gap where a hidden session was
// made (attack a13k). Each year's public CS series goes on from the year's last session number,
// whatever its label, so no new public code repeats an old one (codes given before keep their
// numbers). `number` stays the number in the session's series, so (year, number) is no longer
// unique and its constraint goes; on SQLite, which cannot drop a constraint, the table is rebuilt
// without it (SQLite's "ALTER TABLE" steps: a new table, the rows copied, the old one dropped, the
// new one renamed, its indexes and triggers made again), as the bills' migration did.
import { sql, type Kysely } from 'kysely';
import { carryOverCounters } from '../../../kernel/code-series.ts';
import { dialectOf } from '../../../kernel/db/dialect.ts';

const TABLE = 'legislature_session';
const UNIQUE = 'constraint "legislature_session_year_number_key" unique ("year", "number")';

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom(TABLE).select((eb) => ['year', eb.fn.max('number').as('last')]).groupBy('year').execute();
  await carryOverCounters(db, rows.map((r) => ({ prefix: 'CS', year: Number(r.year), last: Number(r.last) })));
  if (dialectOf(db) === 'postgres') await sql`alter table legislature_session drop constraint legislature_session_year_number_key`.execute(db);
  else {
    await rebuildSqliteTable(db, (ddl) => {
      const without = ddl.replace(`, ${UNIQUE}`, '');
      if (without === ddl) throw new Error(`${TABLE}: the (year, number) constraint to drop is not where it was made`);
      return without;
    });
  }
  // The list is ordered by year and number.
  await db.schema.createIndex('legislature_session_year_number_idx').on(TABLE).columns(['year', 'number']).execute();
}

/** Back to one number per year: fails if two sessions of a year now share a number (sessions of different labels). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('legislature_session_year_number_idx').execute();
  if (dialectOf(db) === 'postgres') await sql`alter table legislature_session add constraint legislature_session_year_number_key unique (year, number)`.execute(db);
  else await rebuildSqliteTable(db, (ddl) => ddl.replace(/\)\s*$/, `, ${UNIQUE})`));
  await db.deleteFrom('kernel_code_series').where('prefix', '=', 'CS').execute();
}

/** The table made again from its own DDL as `change` rewrites it, keeping its rows, indexes and triggers. */
async function rebuildSqliteTable(db: Kysely<any>, change: (ddl: string) => string): Promise<void> {
  const { rows: [fk] } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  // Other tables' rows point at sessions: with foreign keys on, dropping the old table would check them.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      const { rows: objects } = await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master where tbl_name = ${TABLE} order by type desc`.execute(tx);
      const table = objects.find((o) => o.type === 'table')!;
      const ddl = change(table.sql!);
      const renamed = ddl.replace(/^create table "?legislature_session"?/i, `create table "${TABLE}_rebuilt"`);
      if (renamed === ddl) throw new Error(`${TABLE}: its DDL does not start as expected`);
      await sql.raw(renamed).execute(tx);
      await sql.raw(`insert into ${TABLE}_rebuilt select * from ${TABLE}`).execute(tx);
      await sql.raw(`drop table ${TABLE}`).execute(tx);
      await sql.raw(`alter table ${TABLE}_rebuilt rename to ${TABLE}`).execute(tx);
      // Indexes and triggers (the module's generation triggers) went with the old table; the
      // automatic indexes of its constraints (no sql) come back with the new one.
      for (const o of objects) if (o.type !== 'table' && o.sql) await sql.raw(o.sql).execute(tx);
      const { rows: broken } = await sql`pragma foreign_key_check`.execute(tx);
      if (broken.length) throw new Error(`${TABLE} rebuilt: ${broken.length} rows no longer point at a row`);
    });
  } finally {
    if (fk?.foreign_keys) await sql`pragma foreign_keys = on`.execute(db);
  }
}
