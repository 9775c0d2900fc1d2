// A vote on a bill's passing may carry the Council's certificate that the bill is urgent (section
// 3-106(1)(a): an acting Kazekage may assent to or veto only a bill so certified). The passing is
// recorded only by its vote now, so the certificate is kept with the vote and goes with the bill's
// action when the vote carries. Null: not certified (every vote recorded before).
import type { Kysely } from 'kysely';
import { columnTypes } from '../../../kernel/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('legislature_vote').addColumn('urgent', columnTypes(db).bool).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('legislature_vote').dropColumn('urgent').execute();
}
