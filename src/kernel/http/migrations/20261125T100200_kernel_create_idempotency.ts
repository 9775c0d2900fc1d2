// Responses to POSTs sent with an Idempotency-Key, so a retry gets the first answer instead of a second change.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('kernel_idempotency')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('response', 'text')
    .addColumn('headers', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('kernel_idempotency_pk', ['scope', 'key'])
    .execute();
  await db.schema.createIndex('kernel_idempotency_created_idx').on('kernel_idempotency').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kernel_idempotency').ifExists().execute();
}
