// Office recipients (issue 12): an office (a registry organization) is addressed like a person,
// with one delivery (recipient_kind 'office') that every current member cleared for its label
// reads. Its answers are then some member's: each is stamped with who gave it (a person id), for
// the other members and the sender to see. A message may also go out FROM an office, written by
// one of its members (the sender): from_office_id names the office.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['read_by', 'acknowledged_by', 'actioned_by']) {
    await db.schema.alterTable('post_delivery').addColumn(column, 'text').execute();   // registry.person ids
  }
  await db.schema.alterTable('post_message').addColumn('from_office_id', 'text').execute(); // registry.organization id
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('post_message').dropColumn('from_office_id').execute();
  for (const column of ['actioned_by', 'acknowledged_by', 'read_by']) await db.schema.alterTable('post_delivery').dropColumn(column).execute();
}
