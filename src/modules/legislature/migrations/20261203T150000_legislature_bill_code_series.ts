// Bills are numbered per label now (kernel/code-series.ts), as cases and missions are: a number
// counted across all labels told readers how many bills they could not see. Each year's public B
// series goes on from the year's last bill number, whatever its label, so no new public code
// repeats an old one (codes given before keep their numbers, gaps and all). `number` stays the
// number in the bill's series, so (year, number) is no longer unique — B-2026-001 and
// B-2026-S.ANBU-001 are both number 1 — and the constraint goes. SQLite cannot drop a constraint:
// there the table is rebuilt without it (the steps of SQLite's "ALTER TABLE" page: a new table,
// the rows copied, the old one dropped, the new one renamed, its indexes and triggers made again).
import { sql, type Kysely } from 'kysely';
import { carryOverCounters } from '../../../kernel/code-series.ts';
import { dialectOf, type DialectName } from '../../../kernel/db/dialect.ts';
import { rebuildSqliteTable } from '../../../kernel/db/sqlite-rebuild.ts';

const UNIQUE = 'constraint "legislature_bill_year_number_key" unique ("year", "number")';

/** Dropping and adding back the constraint that made a number unique within its year. */
const UNIQUE_YEAR_NUMBER: Record<DialectName, { drop: (db: Kysely<any>) => Promise<void>; add: (db: Kysely<any>) => Promise<void> }> = {
  postgres: {
    drop: async (db) => { await sql`alter table legislature_bill drop constraint legislature_bill_year_number_key`.execute(db); },
    add: async (db) => { await sql`alter table legislature_bill add constraint legislature_bill_year_number_key unique (year, number)`.execute(db); },
  },
  sqlite: {
    drop: (db) => rebuildSqliteTable(db, 'legislature_bill', (ddl) => {
      const without = ddl.replace(`, ${UNIQUE}`, '');
      if (without === ddl) throw new Error('legislature_bill: the (year, number) constraint to drop is not where it was made');
      return without;
    }),
    add: (db) => rebuildSqliteTable(db, 'legislature_bill', (ddl) => ddl.replace(/\)\s*$/, `, ${UNIQUE})`)),
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('legislature_bill').select((eb) => ['year', eb.fn.max('number').as('last')]).groupBy('year').execute();
  await carryOverCounters(db, rows.map((r) => ({ prefix: 'B', year: Number(r.year), last: Number(r.last) })));
  await UNIQUE_YEAR_NUMBER[dialectOf(db)].drop(db);
  // The list is ordered by year and number.
  await db.schema.createIndex('legislature_bill_year_number_idx').on('legislature_bill').columns(['year', 'number']).execute();
}

/** Back to one number per year: fails if two bills of a year now share a number (bills of different labels). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('legislature_bill_year_number_idx').execute();
  await UNIQUE_YEAR_NUMBER[dialectOf(db)].add(db);
  await db.deleteFrom('kernel_code_series').where('prefix', '=', 'B').execute();
}
