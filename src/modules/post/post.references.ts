// Hawk post's records that others may name: a message (attached to another, forwarded) and one
// recipient's copy of it, a delivery (the record of the desk item a message marked "action" puts
// on its recipient's desk). Post is correspondence: beyond the label, each is private to its
// parties — the sender (or whoever recorded it for them) and the recipients — and, while a desk
// item about a copy is theirs to decide, to the official acting on that desk. For anyone else it
// is unknown, exactly as one that does not exist (kernel/references.ts `partyTo`).
import type { Kysely } from 'kysely';
import type { AppContext } from '../../kernel/context.ts';
import type { ReferenceKind, ReferencedRecord } from '../../kernel/references.ts';
import { listItems } from '../desk/index.ts';
import { organizationsOfOn } from '../registry/index.ts';
import { HOME_VILLAGE } from './hawk-routes.ts';
import { storedLabel } from '../../kernel/auth/reader.ts';

/** The desk item a message marked "action" raises on its recipient's desk (post-desk.ts). */
export const ACTION_ITEM = 'post.message.action';
const IN_HOLE = ['delivered', 'read', 'acknowledged', 'actioned'];
const operator = (ctx: AppContext) => ctx.actor.kind === 'local' || ctx.actor.kind === 'system';

/**
 * The copies (delivery ids) the reader may decide on a desk not their own: pending action items on
 * the desk of someone whose authority they exercise now (the desk's own rule: a delegation in
 * force, in scope, its label within the reader's clearance). The desk is asked with post's kinds
 * left out of the catalogue, so that showing its items' records does not ask post again.
 */
export async function actingCopies(ctx: AppContext, db: Kysely<any>): Promise<Set<string>> {
  if (!ctx.actor.personId) return new Set();
  const references = new Map([...(ctx.references ?? new Map())].filter(([k]) => !k.startsWith('post.')));
  const desk = await listItems({ ...ctx, db, references }, { state: 'pending' }).catch(() => ({ items: [] as { kind: string; mayDecide: boolean; owner: unknown; record: { kind: string; id: string } }[] }));
  return new Set(desk.items.filter((i) => i.kind === ACTION_ITEM && i.mayDecide && i.record.kind === 'post.delivery').map((i) => i.record.id));
}

/** The offices (organization ids) the reader is a current member of today: their copies are the reader's too. */
export async function myOffices(ctx: AppContext, db: Kysely<any>): Promise<string[]> {
  return ctx.actor.personId ? organizationsOfOn(db, ctx.actor.personId, ctx.now().toISOString().slice(0, 10)) : [];
}
const officeCopy = (eb: any, offices: string[]) => (offices.length ? [eb.and([eb('d.recipient_kind', '=', 'office'), eb('d.recipient_id', 'in', offices), eb('d.state', 'in', IN_HOLE)])] : []);

/** Sent in the name of an office the reader is a current member of: the office's sent post is its members'. */
/** A hawk from another village recorded by this username (the aviary's book): a letter within the village has no recorder but its sender. */
export const recordedBy = (eb: any, username: string) => eb.and([eb('m.created_by', '=', username), eb('m.from_village', '!=', HOME_VILLAGE)]);

const fromMyOffice = (eb: any, offices: string[]) => (offices.length ? [eb('m.from_office_id', 'in', offices)] : []);

/** Of these messages, those the reader is a party to (sender, recorder, member of the office it was sent from, recipient of a delivered copy, or acting on a copy's desk item). */
export async function messagesPartyTo(ctx: AppContext, ids: readonly string[], db: Kysely<any>): Promise<Set<string>> {
  if (!ids.length) return new Set();
  if (operator(ctx)) return new Set(ids);
  const me = ctx.actor.personId ?? '';
  const user = ctx.actor.username ?? '';
  const offices = await myOffices(ctx, db);
  const own = await db.selectFrom('post_message as m').select('m.id').where('m.id', 'in', ids)
    .where((eb) => eb.or([
      eb('m.sender_id', '=', me), recordedBy(eb, user), ...fromMyOffice(eb, offices),
      eb.exists(eb.selectFrom('post_delivery as d').select('d.id').whereRef('d.message_id', '=', 'm.id')
        .where((w) => w.or([eb.and([w('d.recipient_kind', '=', 'person'), w('d.recipient_id', '=', me), w('d.state', 'in', IN_HOLE)]), ...officeCopy(w, offices)]))),
    ])).execute();
  const out = new Set(own.map((r) => r.id as string));
  if (out.size < ids.length) {
    const copies = [...(await actingCopies(ctx, db))];
    if (copies.length) {
      const rows = await db.selectFrom('post_delivery').select('message_id').where('id', 'in', copies).where('message_id', 'in', ids).execute();
      for (const r of rows) out.add(r.message_id);
    }
  }
  return out;
}

/** Of these copies, those the reader is a party to (its recipient once delivered, the message's sender, or acting on its desk item). */
export async function copiesPartyTo(ctx: AppContext, ids: readonly string[], db: Kysely<any>): Promise<Set<string>> {
  if (!ids.length) return new Set();
  if (operator(ctx)) return new Set(ids);
  const me = ctx.actor.personId ?? '';
  const user = ctx.actor.username ?? '';
  const offices = await myOffices(ctx, db);
  const own = await db.selectFrom('post_delivery as d').innerJoin('post_message as m', 'm.id', 'd.message_id').select('d.id').where('d.id', 'in', ids)
    .where((eb) => eb.or([
      eb('m.sender_id', '=', me), recordedBy(eb, user), ...fromMyOffice(eb, offices),
      eb.and([eb('d.recipient_kind', '=', 'person'), eb('d.recipient_id', '=', me), eb('d.state', 'in', IN_HOLE)]),
      ...officeCopy(eb, offices),
    ])).execute();
  const out = new Set(own.map((r) => r.id as string));
  if (out.size < ids.length) for (const c of await actingCopies(ctx, db)) if (ids.includes(c)) out.add(c);
  return out;
}

export const postReferences: Record<string, ReferenceKind> = {
  message: {
    noun: 'message', notFoundCode: 'POST_MESSAGE_NOT_FOUND', byCode: true, readAction: 'post.read',
    async find(db, refs) {
      // A draft is no message yet for anyone to name.
      const rows = await db.selectFrom('post_message').select(['id', 'code', 'subject', 'precedence', 'accepted_at', 'classification', 'compartments'])
        .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).where('accepted_at', 'is not', null).execute();
      return rows.map((r): ReferencedRecord => ({
        id: r.id, code: r.code, labels: [storedLabel(r)],
        shown: { id: r.id, code: r.code, subject: r.subject, precedence: r.precedence, acceptedAt: new Date(r.accepted_at).toISOString() },
      }));
    },
    partyTo: messagesPartyTo,
  },
  delivery: {
    noun: 'copy of a message', notFoundCode: 'POST_DELIVERY_NOT_FOUND', byCode: false, readAction: 'post.read',
    async find(db, refs) {
      const rows = await db.selectFrom('post_delivery as d').innerJoin('post_message as m', 'm.id', 'd.message_id')
        .select(['d.id', 'd.message_id', 'd.state', 'd.delivered_at', 'd.actioned_at', 'd.classification', 'd.compartments', 'm.code', 'm.subject', 'm.precedence'])
        .where('d.id', 'in', refs).execute();
      return rows.map((r): ReferencedRecord => ({
        id: r.id, code: null, labels: [storedLabel(r)],
        shown: {
          id: r.id, message: r.message_id, code: r.code, subject: r.subject, precedence: r.precedence, state: r.state,
          deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null, actionedAt: r.actioned_at ? new Date(r.actioned_at).toISOString() : null,
        },
      }));
    },
    partyTo: copiesPartyTo,
  },
};
