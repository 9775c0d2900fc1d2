// Accounts (each belongs to a registry person), server-side sessions, and login attempts for throttling.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('kernel_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('clearance_level', 'text', (c) => c.notNull())
    .addColumn('compartments', t.json, (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_required', t.bool, (c) => c.notNull())
    .addColumn('totp_last_step', t.bigint)
    .addColumn('disabled_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kernel_account_person_idx').on('kernel_account').column('person_id').execute();

  await db.schema
    .createTable('kernel_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('kernel_account.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('last_seen_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('kernel_session_account_idx').on('kernel_session').column('account_id').execute();

  await db.schema
    .createTable('kernel_login_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('success', t.bool, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kernel_login_attempt_user_idx').on('kernel_login_attempt').columns(['username', 'at']).execute();
  await db.schema.createIndex('kernel_login_attempt_ip_idx').on('kernel_login_attempt').columns(['ip', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['kernel_login_attempt', 'kernel_session', 'kernel_account']) await db.schema.dropTable(t).ifExists().execute();
}
