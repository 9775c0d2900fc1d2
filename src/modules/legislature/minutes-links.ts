// The statute book's link from a version made by a bill to the minutes of the sitting whose vote
// passed that bill (label-safe: a session the reader may not see is withheld).
import type { AppContext } from '../../kernel/context.ts';
import { isWithheld, showReferences, WITHHELD } from '../../kernel/references.ts';

type Row = Record<string, any>;
export type MinutesState = 'preview' | 'draft' | 'approved';

export interface MinutesLink { session: string; date: string; vote: string; state: MinutesState; url: string }

/**
 * For bills (by code): the minutes of the sitting whose carried vote passed each one — the vote
 * recorded on its "passed" action, else the latest vote on any of its actions. A session the
 * reader may not see is withheld; a bill no vote moved has none.
 */
export async function minutesOfBills(ctx: AppContext, billCodes: readonly string[]): Promise<Map<string, MinutesLink | typeof WITHHELD>> {
  const out = new Map<string, MinutesLink | typeof WITHHELD>();
  if (!billCodes.length) return out;
  const rows = await ctx.db.selectFrom('legislature_bill_action as a').innerJoin('legislature_bill as b', 'b.id', 'a.bill_id')
    .innerJoin('legislature_vote as v', 'v.id', 'a.vote_id').innerJoin('legislature_session as s', 's.id', 'v.session_id')
    .leftJoin('legislature_minutes as m', 'm.session_id', 's.id')
    .select(['b.code as bill', 'a.stage', 'a.seq', 'v.id as vote', 's.id as session_id', 'm.status as minutes_status'])
    .where('b.code', 'in', [...new Set(billCodes)]).orderBy('a.seq').execute();
  const chosen = new Map<string, Row>();
  for (const r of rows) {
    const had = chosen.get(r.bill);
    if (!had || had.stage !== 'passed') chosen.set(r.bill, r);
  }
  const sessions = await showReferences(ctx, 'legislature.session', [...chosen.values()].map((r) => r.session_id));
  for (const [bill, r] of chosen) {
    const s = sessions.get(r.session_id);
    if (!s || isWithheld(s)) { out.set(bill, WITHHELD); continue; }
    out.set(bill, {
      session: String(s.code), date: String(s.date), vote: r.vote, state: (r.minutes_status ?? 'preview') as MinutesState,
      url: `/legislature/sessions/${String(s.code)}/minutes`,
    });
  }
  return out;
}
