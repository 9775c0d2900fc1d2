// A message marked "action" on its recipient's desk (issue 12). When such a message is delivered
// to a person, the delivering transaction raises a `post.message.action` item on their desk whose
// record is their copy (a `post.delivery`: the desk settles items by record, and each recipient
// answers for their own copy), due by the message's precedence (ACTION_SUSPENSE_HOURS). Deciding
// it acts on the copy as the recipient would: approve marks it actioned; deny acknowledges it and
// sends the sender a reply carrying the grounds; defer leaves the message as it is (the desk keeps
// the new date and the interim reply). Acknowledging or actioning the copy from the pigeon hole
// closes the item with that answer.
import type { AppContext, Tx } from '../../kernel/context.ts';
import type { DeskDecision, DeskDecisionKind } from '../../kernel/module.ts';
import { deniedOnDesk, raiseDeskItem, settleDeskItems } from '../desk/index.ts';
import { ACTION_ITEM } from './post.references.ts';
import type { Precedence } from './precedence.ts';
import type { DeliveryRow } from './post.read.ts';
import { deliveryRowById } from './post.read.ts';
import { PostErrors } from './post.errors.ts';
import { textPrefix } from '../../kernel/validation.ts';

/**
 * How long the recipient has to act, from delivery: a FLASH within the hour, IMMEDIATE within
 * four, PRIORITY within the day, ROUTINE within three days — the handling times of precedence.ts
 * stretched from "get it into their hands" to "have it dealt with".
 */
export const ACTION_SUSPENSE_HOURS: Readonly<Record<Precedence, number>> = { flash: 1, immediate: 4, priority: 24, routine: 72 };
const PRIORITY_OF: Readonly<Record<Precedence, 'urgent' | 'high' | 'normal'>> = { flash: 'urgent', immediate: 'high', priority: 'normal', routine: 'normal' };

/** Inside the delivering transaction: the item on the recipient's desk, if the message asks for action. */
export async function raiseActionItem(tx: Tx, d: DeliveryRow): Promise<void> {
  if (!d.action_requested || d.recipient_kind !== 'person') return;
  await raiseDeskItem(tx, {
    owner: d.recipient_id, kind: ACTION_ITEM, title: `Action: ${d.code} ${d.subject}`,
    record: { kind: 'post.delivery', id: d.id }, label: d.label,
    suspense: new Date(tx.now.getTime() + ACTION_SUSPENSE_HOURS[d.precedence] * 3600e3),
    priority: PRIORITY_OF[d.precedence], originator: d.sender_id,
    detail: { message: d.message_id, code: d.code },
  });
}

/**
 * Inside the transaction of the recipient's answer from the pigeon hole, before it is written: once
 * the desk has denied the item (the sender told "not actioned"), the copy follows the desk and may
 * not be marked actioned after all. (The other way round needs nothing here: an answer from the
 * pigeon hole closes the item, and the desk refuses to decide a closed item.)
 */
export async function refuseAgainstDesk(tx: Tx, d: DeliveryRow, answer: 'read' | 'acknowledged' | 'actioned'): Promise<void> {
  if (answer !== 'actioned' || !d.action_requested) return;
  if (await deniedOnDesk(tx.db, { record: { kind: 'post.delivery', id: d.id }, kind: ACTION_ITEM })) throw PostErrors.deniedOnDesk(d.code);
}

/** Inside the transaction of the recipient's own answer from the pigeon hole: their desk item is closed with it. */
export async function settleActionItem(tx: Tx, d: DeliveryRow, answer: 'acknowledged' | 'actioned'): Promise<void> {
  if (!d.action_requested) return;
  await settleDeskItems(tx, { record: { kind: 'post.delivery', id: d.id }, kind: ACTION_ITEM, state: 'approved', note: `${answer} from the pigeon hole` });
}

/** What a decision on the desk does to the copy: the service's own steps, passed in to keep this file free of a cycle. */
export interface CopyAnswers {
  answer(ctx: AppContext, d: DeliveryRow, to: 'acknowledged' | 'actioned', detail: Record<string, unknown>): Promise<void>;
  reply(ctx: AppContext, d: DeliveryRow, subject: string, body: string): Promise<void>;
}

const actingNote = (d: DeskDecision) => (d.actingFor ? ` (decided for them${d.actingFor.delegation ? ` under delegation ${d.actingFor.delegation}` : ''})` : '');

export function actionDecision(answers: CopyAnswers): DeskDecisionKind {
  const copy = async (ctx: AppContext, d: DeskDecision) => {
    const row = await deliveryRowById(ctx.db, d.item.record.id);
    if (!row) throw PostErrors.deliveryNotFound(d.item.record.id);
    return row;
  };
  const detail = (d: DeskDecision) => ({ via: 'desk', deskItem: d.item.id, actingFor: d.actingFor, ...(d.grounds ? { grounds: d.grounds } : {}) });
  return {
    async approve(ctx, d) {
      const row = await copy(ctx, d);
      // Actioned already from the pigeon hole (the item would then be closed): nothing more to do.
      if (row.state !== 'actioned') await answers.answer(ctx, row, 'actioned', detail(d));
    },
    async deny(ctx, d) {
      const row = await copy(ctx, d);
      if (row.state === 'delivered' || row.state === 'read') await answers.answer(ctx, row, 'acknowledged', detail(d));
      await answers.reply(ctx, row, textPrefix(`Re: ${row.subject}`, 300), `Not actioned${actingNote(d)}: ${d.grounds ?? ''}`);
    },
  };
}
