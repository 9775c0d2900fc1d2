// Every change to the legislature's tables moves its generation, so kept statute answers are
// known to be current with one read.
import type { Kysely } from 'kysely';
import { unwatchTables, watchTables } from '../../../kernel/db/generations.ts';

export const LEGISLATURE_TABLES = [
  'legislature_title', 'legislature_statute', 'legislature_statute_version', 'legislature_imported_bill', 'legislature_search_doc',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await watchTables(db, 'legislature', LEGISLATURE_TABLES);
}

export async function down(db: Kysely<any>): Promise<void> {
  await unwatchTables(db, LEGISLATURE_TABLES);
}
