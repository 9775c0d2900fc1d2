// Codes are numbered per label now (kernel/code-series.ts): a number counted across all labels
// told readers how many operations they could not see. The public series goes on from this module's
// counter, which is then dropped.
import type { Kysely } from 'kysely';
import { carryOverCounters } from '../../../kernel/code-series.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('sar_operation_counter').select(['year', 'last']).execute();
  await carryOverCounters(db, rows.map((r) => ({ prefix: 'SAR', year: Number(r.year), last: Number(r.last) })));
  await db.schema.dropTable('sar_operation_counter').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('sar_operation_counter').addColumn('year', 'integer', (c) => c.primaryKey()).addColumn('last', 'integer', (c) => c.notNull()).execute();
  const rows = await db.selectFrom('kernel_code_series').select(['year', 'last']).where('prefix', '=', 'SAR').where('mark', '=', '').execute();
  if (rows.length) await db.insertInto('sar_operation_counter').values(rows.map((r) => ({ year: r.year, last: r.last }))).execute();
}
