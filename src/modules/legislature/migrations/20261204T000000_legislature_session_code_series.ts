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
import { dialectOf, type DialectName } from '../../../kernel/db/dialect.ts';
import { rebuildSqliteTable } from '../../../kernel/db/sqlite-rebuild.ts';

const TABLE = 'legislature_session';
const UNIQUE = 'constraint "legislature_session_year_number_key" unique ("year", "number")';

/** Dropping and adding back the constraint that made a number unique within its year. */
const UNIQUE_YEAR_NUMBER: Record<DialectName, { drop: (db: Kysely<any>) => Promise<void>; add: (db: Kysely<any>) => Promise<void> }> = {
  postgres: {
    drop: async (db) => { await sql`alter table legislature_session drop constraint legislature_session_year_number_key`.execute(db); },
    add: async (db) => { await sql`alter table legislature_session add constraint legislature_session_year_number_key unique (year, number)`.execute(db); },
  },
  sqlite: {
    drop: (db) => rebuildSqliteTable(db, TABLE, (ddl) => {
      const without = ddl.replace(`, ${UNIQUE}`, '');
      if (without === ddl) throw new Error(`${TABLE}: the (year, number) constraint to drop is not where it was made`);
      return without;
    }),
    add: (db) => rebuildSqliteTable(db, TABLE, (ddl) => ddl.replace(/\)\s*$/, `, ${UNIQUE})`)),
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom(TABLE).select((eb) => ['year', eb.fn.max('number').as('last')]).groupBy('year').execute();
  await carryOverCounters(db, rows.map((r) => ({ prefix: 'CS', year: Number(r.year), last: Number(r.last) })));
  await UNIQUE_YEAR_NUMBER[dialectOf(db)].drop(db);
  // The list is ordered by year and number.
  await db.schema.createIndex('legislature_session_year_number_idx').on(TABLE).columns(['year', 'number']).execute();
}

/** Back to one number per year: fails if two sessions of a year now share a number (sessions of different labels). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('legislature_session_year_number_idx').execute();
  await UNIQUE_YEAR_NUMBER[dialectOf(db)].add(db);
  await db.deleteFrom('kernel_code_series').where('prefix', '=', 'CS').execute();
}
