// WORLD.md's orphans bill: the Kazekage's bill to improve conditions for children orphaned by
// conflict, which he pushes at the Council on day 3. Councillor Masa drafts it (sceptically); the
// draft is due on the Kazekage's desk on Monday — the Monday after the search (day 14). Recorded
// through the bills service, as drafted: the readings, the vote and the enactment belong to the
// council sessions, not to the demo's loader.
import type { AppContext } from '../kernel/context.ts';
import { createBill, listBills, setBillAmendments } from '../modules/legislature/index.ts';
import { day } from './calendar.ts';
import type { PersonIds } from './kazekage-search.ts';

export const ORPHANS_BILL_TITLE = 'Children Orphaned by Conflict (Welfare) Bill';
/** "Masa's draft is due on his desk on Monday" (WORLD.md, after day 7): Monday 30 November 2026. */
export const ORPHANS_DRAFT_DUE = day(14);
/** Passed and signed on Tuesday 1 December (day 15), in force that day (council.ts). */
export const ORPHANS_COMMENCEMENT = day(15);

// The first text, as the Kazekage wrote it: it cites the sections it changes, so the bill page
// shows them with the statute book's popovers.
const FIRST_TEXT = `A Bill to improve the conditions of children orphaned by conflict.

(1) The allowance under section 11-107 is paid until the child reaches the age of sixteen, and is paid to the keeper of the village home for each child orphaned by conflict living there.
(2) The welfare officer visits each orphan under section 11-104(3) at least twice a year.
(3) This Act comes into force on the day the Kazekage signs it.`;

export interface OrphansBill { code: string; created: boolean }

/** Drafts the orphans bill unless it is already there (the demo loads twice unchanged). */
export async function loadOrphansBill(ctx: AppContext, person: PersonIds): Promise<OrphansBill> {
  const existing = (await listBills(ctx, { limit: 200, offset: 0 })).items.find((b) => b.title === ORPHANS_BILL_TITLE);
  if (existing) return { code: existing.code, created: false };
  const bill = await createBill(ctx, {
    title: ORPHANS_BILL_TITLE,
    summary: 'The Kazekage’s bill: the allowance for children orphaned by conflict also for those in the village home, and more visits by the welfare officer.',
    sponsors: [person('gaara')],
    drafter: person('masa'),
    draftDue: ORPHANS_DRAFT_DUE,
    text: FIRST_TEXT,
  });
  // The amendments the text describes, in force from the day it is signed (council.ts: day 15).
  await setBillAmendments(ctx, bill.code, {
    commencement: ORPHANS_COMMENCEMENT,
    amendments: [
      { code: '11-107', op: 'substitute', path: ['3'], text: '(3) For a child orphaned by conflict living in the village home under section 11-105, the allowance is paid to the keeper of the home, for the child\'s keep and schooling.' },
      { code: '11-104', op: 'substitute', path: ['3'], text: '(3) The welfare officer visits each orphan at least twice a year, and may remove a guardian who neglects or harms the orphan.' },
    ],
  });
  return { code: bill.code, created: true };
}
