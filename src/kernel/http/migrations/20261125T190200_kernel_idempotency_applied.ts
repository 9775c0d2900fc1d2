// When the change a keyed request asked for was committed: set in that change's own transaction,
// so a retry can tell "carried out, answer lost" from "never happened", and a second execution of
// the same key can never commit a second change.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kernel_idempotency').addColumn('applied_at', columnTypes(db).instant).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kernel_idempotency').dropColumn('applied_at').execute();
}
