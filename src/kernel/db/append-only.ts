// For migrations: tables whose rows, once written, stay as they are (audit log, receipts, custody).
import { sql, type Kysely } from 'kysely';
import { appendOnlyDdl, dialectOf } from './dialect.ts';

/** From now on the database itself refuses to change or remove a row of this table. */
export async function makeAppendOnly(db: Kysely<any>, table: string): Promise<void> {
  if (!/^[a-z][a-z0-9_]*$/.test(table)) throw new Error(`makeAppendOnly: "${table}" is not a plain identifier`);
  for (const statement of appendOnlyDdl(dialectOf(db), table)) await sql.raw(statement).execute(db);
}
