// Two-sided hand-overs (issue 13, "both parties' confirmation"): a release waits here for its
// receiver, who confirms it in their own name (then the link joins cases_transfer and custody
// passes) or declines it; the releaser may withdraw it meanwhile. At most one release per item
// waits at a time: a partial unique index keeps two from racing past the service's item lock.
import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../../../kernel/db/dialect.ts';
import { unwatchTables, watchTables } from '../../../kernel/db/generations.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.createTable('cases_handover')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('cases_evidence.id'))
    .addColumn('released_by', 'text', (c) => c.notNull())      // registry.person
    .addColumn('received_by', 'text', (c) => c.notNull())      // registry.person
    .addColumn('released_at', t.instant, (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())        // as released
    .addColumn('seal_intact', t.bool, (c) => c.notNull())      // as released
    .addColumn('releaser_confirmed', t.bool, (c) => c.notNull())
    .addColumn('sha256', 'text')                               // as computed at the release
    .addColumn('state', 'text', (c) => c.notNull())            // pending | confirmed | declined | withdrawn
    .addColumn('closed_at', t.instant)
    .addColumn('closed_by', 'text')                            // username, or the console
    .addColumn('reason', 'text')                               // why declined or withdrawn
    .addColumn('transfer_id', 'text')                          // the chain's link, once confirmed
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('cases_handover_pending_key').on('cases_handover').column('item_id').unique().where(sql.ref('state'), '=', 'pending').execute();
  await db.schema.createIndex('cases_handover_receiver_idx').on('cases_handover').columns(['received_by', 'state']).execute();
  await watchTables(db, 'cases', ['cases_handover']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await unwatchTables(db, ['cases_handover']);
  await db.schema.dropTable('cases_handover').ifExists().execute();
}
