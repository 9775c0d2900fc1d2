// An operation remembers the subject's registry status from before it was opened, so that closing
// it as found gives that status back (a deserter stays a missing-nin, a shinobi on leave goes back
// on leave) instead of "active" for everyone.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sar_operation').addColumn('subject_status_before', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sar_operation').dropColumn('subject_status_before').execute();
}
