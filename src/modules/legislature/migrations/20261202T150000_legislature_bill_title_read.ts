// A bill's title as checkBillMentions looks for it in free text (titleAsRead: its words as read, run
// together; null for a title too plain to name a bill), kept beside the title so that the bills a
// text names are found by the database instead of by reading every bill the writer may see. A
// title never changes after the bill is made, so it is written once, at creation (and here for the
// bills made before). If asRead ever reads differently, a migration must write this column again.
import type { Kysely } from 'kysely';
import { titleAsRead } from '../bill-mentions.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('legislature_bill').addColumn('title_read', 'text').execute();
  const bills = await db.selectFrom('legislature_bill').select(['id', 'title']).execute();
  for (const b of bills) await db.updateTable('legislature_bill').set({ title_read: titleAsRead(String(b.title)) }).where('id', '=', b.id).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('legislature_bill').dropColumn('title_read').execute();
}
