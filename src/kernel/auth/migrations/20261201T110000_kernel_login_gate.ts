// One row per username and per address that has tried to log in: the row a login locks while it
// reads the recent attempts and reserves its own, so concurrent guesses are counted one by one.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('kernel_login_gate')
    .addColumn('key', 'text', (c) => c.primaryKey()) // 'account:<username>' or 'address:<ip>'
    .addColumn('touched_at', t.instant, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kernel_login_gate').ifExists().execute();
}
