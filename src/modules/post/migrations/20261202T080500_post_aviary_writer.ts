// The aviary's non-delivery notices were recorded as written by "aviary", which is a username an
// account may take: such an account would read every notice as its recorder. They are now
// recorded as "post:aviary", which no username can be (no colon). A notice is the one message
// with no sender; a hawk recorded by an account called "aviary" always names its sender.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.updateTable('post_message').set({ created_by: 'post:aviary' }).where('created_by', '=', 'aviary').where('sender_id', 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.updateTable('post_message').set({ created_by: 'aviary' }).where('created_by', '=', 'post:aviary').execute();
}
