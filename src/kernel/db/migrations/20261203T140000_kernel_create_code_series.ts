// The last number given in each series of record codes (kernel/code-series.ts): one row per prefix,
// year and label mark, bumped in the transaction that creates the record.
import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('kernel_code_series')
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    // '' for public; else the label's mark, as written in the code (`S.BREACH`).
    .addColumn('mark', 'text', (c) => c.notNull())
    .addColumn('last', t.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('kernel_code_series_pkey', ['prefix', 'year', 'mark'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kernel_code_series').ifExists().execute();
}
