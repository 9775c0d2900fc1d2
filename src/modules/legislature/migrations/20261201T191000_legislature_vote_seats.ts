// A roll-call vote keeps the seats of the Council it was taken with (section 2-101(1) as in force
// on the session's date): two thirds under section 2-111(2) is of all the seats, filled or not, so
// a result can be recomputed from the record alone. Votes recorded before this kept no seat count:
// they are given the members entitled to answer them, and the basis says so.
import type { Kysely } from 'kysely';
import { fromJson } from '../../../kernel/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('legislature_vote').addColumn('seats', 'integer').execute();
  await db.schema.alterTable('legislature_vote').addColumn('seats_basis', 'text').execute();
  const votes = await db.selectFrom('legislature_vote').select(['id', 'members']).execute();
  for (const v of votes) {
    const n = fromJson<string[]>(v.members, []).length;
    await db.updateTable('legislature_vote').set({
      seats: Math.max(n, 1), seats_basis: `the ${n} members entitled to answer (recorded before the seats were kept with a vote)`,
    }).where('id', '=', v.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('legislature_vote').dropColumn('seats_basis').execute();
  await db.schema.alterTable('legislature_vote').dropColumn('seats').execute();
}
