// Every change to the registry's tables moves the registry generation, so kept answers
// (people pages, searches) are known to be current with one read.
import type { Kysely } from 'kysely';
import { unwatchTables, watchTables } from '../../../kernel/db/generations.ts';

export const REGISTRY_TABLES = [
  'registry_village', 'registry_organization', 'registry_post', 'registry_person', 'registry_person_name_token',
  'registry_person_status', 'registry_membership', 'registry_identifier', 'registry_revision',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await watchTables(db, 'registry', REGISTRY_TABLES);
}

export async function down(db: Kysely<any>): Promise<void> {
  await unwatchTables(db, REGISTRY_TABLES);
}
