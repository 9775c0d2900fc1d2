// Attachments (issue 12): a message may point at records of other modules (a report, a bill, a
// case) by their reference kind and id. Only the pointer is stored; what a reader sees of the
// record is resolved when they read it, at their clearance (kernel/references.ts), so an
// attachment never shows more than its reader may see, whatever the sender could.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('post_attachment')
    .addColumn('message_id', 'text', (c) => c.notNull().references('post_message.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('record_kind', 'text', (c) => c.notNull())   // a reference kind, e.g. legislature.bill
    .addColumn('record_id', 'text', (c) => c.notNull())     // the record's id as the kind resolves it
    .addPrimaryKeyConstraint('post_attachment_pkey', ['message_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('post_attachment').execute();
}
