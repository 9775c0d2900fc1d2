// One counter per module ("scope"), bumped by triggers in the same transaction as any change to
// the module's watched tables: one indexed read tells a server whether anything changed.
import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf, generationDdl } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('kernel_generation')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('generation', t.bigint, (c) => c.notNull().defaultTo(0))
    .execute();
  for (const ddl of generationDdl(dialectOf(db)).setup) await sql.raw(ddl).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const ddl of generationDdl(dialectOf(db)).teardown) await sql.raw(ddl).execute(db);
  await db.schema.dropTable('kernel_generation').ifExists().execute();
}
