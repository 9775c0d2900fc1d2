// A passed bill on the Kazekage's desk (issue 12): passing it raises a `legislature.bill.sign`
// item for the Kazekage (who holds the post in the registry that day), due when the period for
// assent of section 3-105(1) ends; approving the item signs the bill, denying it vetoes the bill
// with the grounds as the veto's written reasons, both through recordBillAction, so the bill's own
// rules hold whoever decides. Section
// 3-106(1)(a): an acting Kazekage may not assent to or veto a bill unless the Council certified it
// urgent — the refusal cites it.
import { AppError, validationError } from '../../kernel/errors.ts';
import type { Tx, AppContext } from '../../kernel/context.ts';
import type { DeskDecision, DeskDecisionKind } from '../../kernel/module.ts';
import { officeHolder, raiseDeskItem, settleDeskItems, type Office } from '../desk/index.ts';
import { villageToday } from './legislature.read.ts';
import type { StoredBill } from './bills.read.ts';
import { villageMidnight } from '../../kernel/village-time.ts';

export const BILL_SIGN_ITEM = 'legislature.bill.sign';
export const ACTING_LIMITS_STATUTE = '3-106(1)(a)';
/** The Kazekage's post in the registry: whoever holds it the day a bill passes has it on their desk. */
export const KAZEKAGE: Office = { organization: 'kazekage-office', post: 'kazekage' };

/**
 * Inside the transaction that records the bill passed: the item on the Kazekage's desk, due at the
 * start of the day the bill would be treated as assented to. With no Kazekage in office, none is
 * raised (the assent by default of 3-105(2) still runs).
 */
export async function raiseBillForAssent(tx: Tx, b: StoredBill, deemedOn: string, urgent: boolean): Promise<void> {
  const owner = await officeHolder(tx.db, KAZEKAGE, villageToday({ now: () => tx.now }));
  if (!owner) return;
  const sponsor = await tx.db.selectFrom('legislature_bill_sponsor').select('person_id').where('bill_id', '=', b.id).orderBy('seq').limit(1).executeTakeFirst();
  await raiseDeskItem(tx, {
    owner, kind: BILL_SIGN_ITEM, title: `Assent or veto: ${b.code} ${b.title}`, record: { kind: 'legislature.bill', id: b.id }, label: b.label,
    suspense: villageMidnight(deemedOn), priority: urgent ? 'urgent' : 'high', originator: sponsor?.person_id ?? null,
    detail: { code: b.code, urgent },
  });
}

/**
 * Inside the transaction that signs or vetoes a bill other than through the desk (its own page,
 * assent by default): closes the Kazekage's item for it. To be called from recordBillAction and
 * the deemed-assent job (see the desk's report to the lead); through the desk it finds nothing open.
 */
export async function settleBillOnDesk(tx: Tx, b: StoredBill, stage: 'signed' | 'vetoed', note: string): Promise<void> {
  await settleDeskItems(tx, { record: { kind: 'legislature.bill', id: b.id }, kind: BILL_SIGN_ITEM, state: stage === 'signed' ? 'approved' : 'denied', note });
}

/** Section 3-106(1)(a), asked by the desk both to show the item and before approve or deny. */
function actingRefusal(d: Pick<DeskDecision, 'item' | 'actingFor'>): AppError | null {
  if (d.actingFor && d.item.detail.urgent !== true) {
    return new AppError('LEGISLATURE_ACTING_KAZEKAGE_LIMIT', 'forbidden',
      `An acting Kazekage may not assent to or veto a bill, except one the Council has certified as urgent (section ${ACTING_LIMITS_STATUTE}): ${String(d.item.detail.code)} was not certified urgent. Defer it to the Kazekage's return.`);
  }
  return null;
}

const actingNote = (d: DeskDecision) => (d.actingFor ? ` (by an acting Kazekage, for the Kazekage${d.actingFor.delegation ? `, under delegation ${d.actingFor.delegation}` : ''})` : '');

/** How a decision on the Kazekage's desk acts on the bill; recordBillAction is passed in to keep this file free of a cycle with bills.service.ts. */
export function billSignDecision(record: (ctx: AppContext, code: string, input: { stage: 'signed' | 'vetoed'; on: string; note?: string }) => Promise<unknown>): DeskDecisionKind {
  return {
    refusal: actingRefusal,
    async approve(ctx, d) {
      await record(ctx, String(d.item.detail.code), { stage: 'signed', on: villageToday(ctx), note: `assented on the desk${actingNote(d)}${d.grounds ? `: ${d.grounds}` : ''}` });
    },
    async deny(ctx, d) {
      // Section 3-105(1): a veto returns the bill "with written reasons".
      if ((d.grounds ?? '').length > 900) throw validationError([{ path: 'body.grounds', message: 'the reasons of a veto are at most 900 characters (the bill\'s record keeps them)' }]);
      if ((d.grounds ?? '').trim().length < 10) throw validationError([{ path: 'body.grounds', message: 'a veto returns the bill to the Council with written reasons (section 3-105(1)): at least 10 characters' }]);
      await record(ctx, String(d.item.detail.code), { stage: 'vetoed', on: villageToday(ctx), note: `${d.grounds}${actingNote(d)}` });
    },
  };
}
