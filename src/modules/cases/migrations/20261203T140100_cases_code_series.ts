// Codes are numbered per label now (kernel/code-series.ts): a number counted across all labels
// told readers how many cases they could not see (INQ-2026-002 said that INQ-2026-001 existed).
// The public series go on from this module's counter, which is then dropped.
import type { Kysely } from 'kysely';
import { carryOverCounters } from '../../../kernel/code-series.ts';

const PREFIX: Record<string, string> = { inquest: 'INQ', investigation: 'INV', trial: 'TRL', inter_village_request: 'IVR' };

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('cases_counter').select(['kind', 'year', 'last']).execute();
  await carryOverCounters(db, rows.map((r) => ({ prefix: PREFIX[r.kind]!, year: Number(r.year), last: Number(r.last) })));
  await db.schema.dropTable('cases_counter').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('cases_counter')
    .addColumn('kind', 'text', (c) => c.notNull()).addColumn('year', 'integer', (c) => c.notNull()).addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cases_counter_pkey', ['kind', 'year']).execute();
  for (const [kind, prefix] of Object.entries(PREFIX)) {
    const rows = await db.selectFrom('kernel_code_series').select(['year', 'last']).where('prefix', '=', prefix).where('mark', '=', '').execute();
    if (rows.length) await db.insertInto('cases_counter').values(rows.map((r) => ({ kind, year: r.year, last: r.last }))).execute();
  }
}
