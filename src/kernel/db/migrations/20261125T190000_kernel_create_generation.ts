// One counter per module ("scope"), bumped by triggers in the same transaction as any change to
// the module's watched tables: one indexed read tells a server whether anything changed.
import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('kernel_generation')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('generation', t.bigint, (c) => c.notNull().defaultTo(0))
    .execute();
  if (dialectOf(db) === 'postgres') {
    // Statement-level triggers pass the scope as their argument; a bulk import bumps once per statement.
    await sql`
      create function kernel_bump_generation() returns trigger language plpgsql as $$
      begin
        update kernel_generation set generation = generation + 1 where scope = tg_argv[0];
        return null;
      end $$`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`drop function if exists kernel_bump_generation() cascade`.execute(db);
  await db.schema.dropTable('kernel_generation').ifExists().execute();
}
