// Refused lookups by anonymous callers, counted per address and minute: one row however many
// requests, so probing for hidden records cannot grow the database (or the audit log) per request.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kernel_denied_read')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('minute', 'text', (c) => c.notNull()) // UTC, YYYY-MM-DDTHH:MM
    .addColumn('denials', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('kernel_denied_read_pk', ['address', 'minute'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kernel_denied_read').ifExists().execute();
}
