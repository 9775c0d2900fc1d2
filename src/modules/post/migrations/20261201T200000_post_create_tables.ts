// Hawk post (issue 12): the routes hawks fly between villages, messages, and one delivery per
// recipient. A delivery is the unit the aviary dispatches and the pigeon hole shows; its unique
// (message, recipient) key is the de-duplication that makes at-least-once delivery effectively
// once: a duplicated hawk finds its delivery already there and changes nothing. Deliveries copy
// the message's precedence rank, acceptance instant and label, so the dispatcher orders and the
// pigeon hole filters them by index without joining the message.
import { sql, type Kysely } from 'kysely';
import { columnTypes, labelledRecord } from '../../../kernel/db/dialect.ts';

const FLOAT = sql`double precision`;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('post_route')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_village', 'text', (c) => c.notNull())     // registry village codes, stored in order (from < to)
    .addColumn('to_village', 'text', (c) => c.notNull())
    .addColumn('distance_km', FLOAT, (c) => c.notNull())
    .addColumn('hawk_kmh', FLOAT, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('post_route_villages_key', ['from_village', 'to_village'])
    .execute();

  // HP-YYYY-NNNNN: the last number given per year, taken in the sending transaction.
  await db.schema
    .createTable('post_message_counter')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('post_message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('sender_id', 'text')                                  // a registry.person; null: the aviary itself (a non-delivery notice)
    .addColumn('from_village', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('precedence', 'text', (c) => c.notNull())
    .addColumn('precedence_rank', 'integer', (c) => c.notNull())
    .addColumn('action_requested', t.bool, (c) => c.notNull())
    .addColumn('in_reply_to', 'text', (c) => c.references('post_message.id'))
    .addColumn('accepted_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('post_message_sender_idx').on('post_message').columns(['sender_id', 'accepted_at']).execute();

  await db.schema
    .createTable('post_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('post_message.id'))
    .addColumn('recipient_kind', 'text', (c) => c.notNull())         // person | village
    .addColumn('recipient_id', 'text', (c) => c.notNull())           // person id, or village code
    .addColumn('at_village', 'text', (c) => c.notNull())             // where the recipient receives it
    .addColumn('precedence_rank', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', t.instant, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())                  // delivery-states.ts
    .addColumn('due_at', t.instant, (c) => c.notNull())
    .addColumn('released_at', t.instant)
    .addColumn('eta', t.instant)
    .addColumn('delivered_at', t.instant)
    .addColumn('read_at', t.instant)
    .addColumn('acknowledged_at', t.instant)
    .addColumn('actioned_at', t.instant)
    .addColumn('failed_at', t.instant)
    .addColumn('failure', 'text')
    .addColumn('escalated_at', t.instant)
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('compartments', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('post_delivery_recipient_key', ['message_id', 'recipient_kind', 'recipient_id'])
    .execute();
  // The dispatcher's order: the most urgent waiting delivery first.
  await db.schema.createIndex('post_delivery_queue_idx').on('post_delivery').columns(['state', 'precedence_rank', 'accepted_at', 'id']).execute();
  await db.schema.createIndex('post_delivery_recipient_idx').on('post_delivery').columns(['recipient_kind', 'recipient_id', 'state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['post_delivery', 'post_message', 'post_message_counter', 'post_route']) await db.schema.dropTable(table).ifExists().execute();
}
