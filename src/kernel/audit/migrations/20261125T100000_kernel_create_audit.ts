// The audit log: append-only, hash-chained. The database itself refuses UPDATE and DELETE on it.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../db/dialect.ts';
import { makeAppendOnly } from '../../db/append-only.ts';
import { GENESIS_HASH } from '../chain.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('kernel_audit_log')
    .addColumn('seq', t.bigint, (c) => c.primaryKey())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_person_id', 'text')
    .addColumn('on_behalf_of', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('compartments', t.json, (c) => c.notNull())
    .addColumn('detail', t.json)
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kernel_audit_log_object_idx').on('kernel_audit_log').columns(['object_type', 'object_id']).execute();
  await db.schema.createIndex('kernel_audit_log_actor_idx').on('kernel_audit_log').columns(['actor', 'seq']).execute();
  await db.schema.createIndex('kernel_audit_log_at_idx').on('kernel_audit_log').column('at').execute();

  // One row: the head of the chain. Appenders lock it (UPDATE) so two servers never fork the chain.
  await db.schema
    .createTable('kernel_audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('kernel_audit_head').values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();

  await makeAppendOnly(db, 'kernel_audit_log');
}

export async function down(): Promise<void> {
  throw new Error('The audit log is never dropped.');
}
