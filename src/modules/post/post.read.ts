// Reading hawk post: a message for its sender or a recipient, a person's pigeon hole, the aviary
// board, the routes; and the rows the aviary's jobs work on. Post is correspondence: a message
// exists only for its sender and its recipients (anyone else gets the same 404 as for a message
// that does not exist), and even they see it only while their clearance covers its label.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../kernel/context.ts';
import { dialectOf, lowerText, skipLocked, toBool } from '../../kernel/db/dialect.ts';
import { hotQuery } from '../../kernel/db/hot-query.ts';
import { readerLabels, readerSees, storedLabel } from '../../kernel/auth/reader.ts';
import { authorize, canRead } from '../../kernel/context.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { isWithheld, resolveReference, showFoundRecords, showMixedReferences, showReferences, WITHHELD, type FoundRecords } from '../../kernel/references.ts';
import { flightMinutes, HOME_VILLAGE, type HawkRoute } from './hawk-routes.ts';
import type { Precedence } from './precedence.ts';
import type { DeliveryState } from './delivery-states.ts';
import { PostErrors } from './post.errors.ts';
import { actingCopies, myOffices, recordedBy } from './post.references.ts';
import type { TMessage } from './post.schema.ts';
import { isoInstant } from '../../kernel/village-time.ts';

type Row = Record<string, any>;
/**
 * A stored instant as ISO-8601 text in UTC. Both databases give back what was written as
 * toISOString wrote it (PostgreSQL's through the driver's parser, create-db.ts), and such a text is
 * answered as it is: parsing and writing it again cost a letter's answer several microseconds.
 */
const instant = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' && ISO_INSTANT.test(v) ? v : new Date(v as string).toISOString());
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The day (yyyy-mm-dd) an instant falls on: memberships are dated by day. */
export const dayOf = (at: Date): string => isoInstant(at).slice(0, 10);

/** A delivery with what the aviary's jobs need of its message. */
export interface DeliveryRow {
  id: string; message_id: string; recipient_kind: 'person' | 'village' | 'office'; recipient_id: string; at_village: string;
  state: DeliveryState; from_village: string; sender_id: string | null; subject: string; code: string; precedence: Precedence; label: Label; escalated_at: string | null;
  action_requested: boolean;
  /** ISO-8601: when its letter was accepted (the dispatch order's second key). */
  accepted_at: string;
}

/** A delivery row and its message's row (as stored, or as about to be written) as the aviary's jobs use them. */
export const deliveryRowOf = (d: Row, m: Row): DeliveryRow => ({
  id: d.id, message_id: d.message_id, recipient_kind: d.recipient_kind, recipient_id: d.recipient_id, at_village: d.at_village, state: d.state, accepted_at: instant(d.accepted_at)!,
  from_village: m.from_village, sender_id: m.sender_id ?? null, subject: m.subject, code: m.code, precedence: m.precedence, label: storedLabel(d), escalated_at: instant(d.escalated_at),
  action_requested: toBool(m.action_requested),
});

/**
 * Deliveries joined with what the aviary's jobs need of their messages, in one statement (a
 * dispatch run read its batch's messages by a second one: bench/post.ts). Not the message's body.
 */
const deliveryRows = (db: Kysely<any>) => db.selectFrom('post_delivery as d').innerJoin('post_message as m', 'm.id', 'd.message_id')
  .select(['d.id', 'd.message_id', 'd.recipient_kind', 'd.recipient_id', 'd.at_village', 'd.state', 'd.accepted_at', 'd.classification', 'd.compartments', 'd.escalated_at',
    'm.from_village', 'm.sender_id', 'm.subject', 'm.code', 'm.precedence', 'm.action_requested']);

export async function deliveryRowById(db: Kysely<any>, id: string): Promise<DeliveryRow | null> {
  const r = await deliveryRows(db).where('d.id', '=', id).executeTakeFirst();
  return r ? deliveryRowOf(r, r) : null;
}

/**
 * The most urgent waiting deliveries (precedence.ts dispatchOrder: rank, acceptance, id), at most
 * `limit`, locked for this transaction (PostgreSQL: FOR UPDATE SKIP LOCKED, so servers dispatching
 * at once take different ones and never wait for each other). Only the delivery rows are locked,
 * so a server sending one recipient's copy does not make another pass over its siblings. Two
 * statements whatever the limit: the deliveries, then their messages.
 */
/**
 * The most urgent deliveries waiting at the aviary at `now`: only those accepted by then, since a
 * batch must not carry a letter ahead of its own time (the demo's story writes its letters in
 * advance, each accepted at its hour, and its aviary runs in story time).
 */
export async function nextWaiting(db: Kysely<any>, now: Date, limit = 1): Promise<DeliveryRow[]> {
  const ds = await waitingQuery(db, now.toISOString(), limit);
  return ds.map((r) => deliveryRowOf(r, r));
}

/** Every mail bag and run asks it: built once, and prepared once per PostgreSQL connection. */
const waitingQuery = hotQuery<[string, number]>((db, now, limit) => {
  // 'queued' written out, not bound: the plan of a statement prepared once must know that the
  // queue's index (of queued deliveries only) holds every row it asks for.
  const q = deliveryRows(db).where(sql<boolean>`d.state = 'queued'`).where('d.accepted_at', '<=', now!)
    .orderBy('d.precedence_rank').orderBy('d.accepted_at').orderBy('d.id').limit(limit as unknown as number);
  // Only the deliveries are locked (another run skips them), not their messages.
  return skipLocked(dialectOf(db), q, 'd');
}, 2);

export async function hawkRoutes(db: Kysely<any>): Promise<HawkRoute[]> {
  const rows = await db.selectFrom('post_route').selectAll().orderBy('from_village').orderBy('to_village').execute();
  return rows.map((r) => ({ from: r.from_village, to: r.to_village, distanceKm: Number(r.distance_km), hawkKmh: Number(r.hawk_kmh) }));
}

export async function listRoutes(ctx: AppContext) {
  await authorize(ctx, 'post.read');
  return { items: (await hawkRoutes(ctx.db)).map((r) => ({ ...r, flightMinutes: flightMinutes(r) })) };
}

type PersonShown = { id: string; name: string } | typeof WITHHELD;
async function people(ctx: AppContext, ids: readonly (string | null)[], found?: FoundRecords): Promise<Map<string, PersonShown>> {
  const named = ids.filter((x): x is string => !!x);
  const shown = found ? await showFoundRecords(ctx, found, named) : await showReferences(ctx, 'registry.person', named);
  return new Map([...shown].map(([id, s]) => [id, isWithheld(s) ? WITHHELD : { id: String(s.id), name: String(s.displayName ?? '') }]));
}

type OfficeShown = { id: string; code: string | null; name: string } | typeof WITHHELD;
async function offices(ctx: AppContext, ids: readonly (string | null)[]): Promise<Map<string, OfficeShown>> {
  const shown = await showReferences(ctx, 'registry.organization', ids.filter((x): x is string => !!x));
  return new Map([...shown].map(([id, s]) => [id, isWithheld(s) ? WITHHELD : { id: String(s.id), code: (s.code as string | null) ?? null, name: String(s.name ?? '') }]));
}
/**
 * An answer on an office's copy, as anyone but the office's current members sees it: given by
 * the office, no person named. The sender addressed the office, not a person in it; and naming
 * the member where the sender may see them, "withheld" where not, would tell the sender that a
 * member hidden from them exists and reads the office's post (docs/ARCHITECTURE.md, "Offices").
 * The members see which of them answered.
 */
export const BY_OFFICE = { office: true as const };

/** The people a delivery names: its recipient when a person, and who gave each answer. */
const peopleOf = (d: Row): (string | null)[] => [d.recipient_kind === 'person' ? d.recipient_id : null, d.read_by ?? null, d.acknowledged_by ?? null, d.actioned_by ?? null];

function deliveryOf(d: Row, shown: Map<string, PersonShown>, office: Map<string, OfficeShown>, now: Date, ofMine: ReadonlySet<string>) {
  const byOffice = d.recipient_kind === 'office' && !ofMine.has(d.recipient_id);
  const byWhom = (id: string | null | undefined) => (!id ? null : byOffice ? BY_OFFICE : shown.get(id) ?? WITHHELD);
  const due = instant(d.due_at)!;
  const delivered = instant(d.delivered_at);
  return {
    id: d.id,
    recipient: d.recipient_kind === 'person' ? { person: shown.get(d.recipient_id) ?? WITHHELD }
      : d.recipient_kind === 'office' ? { office: office.get(d.recipient_id) ?? WITHHELD } : { village: d.recipient_id as string },
    atVillage: d.at_village, state: d.state as DeliveryState,
    dueAt: due, overdue: (delivered ?? now.toISOString()) > due && d.state !== 'failed',
    releasedAt: instant(d.released_at), eta: instant(d.eta), deliveredAt: delivered, readAt: instant(d.read_at),
    acknowledgedAt: instant(d.acknowledged_at), actionedAt: instant(d.actioned_at),
    readBy: byWhom(d.read_by), acknowledgedBy: byWhom(d.acknowledged_by), actionedBy: byWhom(d.actioned_by),
    failedAt: instant(d.failed_at), failure: d.failure ?? null, escalatedAt: instant(d.escalated_at),
  };
}

type Attached = { kind: string; id: string | null; shown: Record<string, unknown> | typeof WITHHELD };

/** Each message's attachments, shown as the reader may see each record (resolved now, at their clearance). */
async function attachmentsOf(ctx: AppContext, messageIds: readonly string[]): Promise<Map<string, Attached[]>> {
  const out = new Map<string, Attached[]>();
  if (!messageIds.length) return out;
  const rows = await ctx.db.selectFrom('post_attachment').selectAll().where('message_id', 'in', [...new Set(messageIds)]).orderBy('message_id').orderBy('seq').execute();
  // A kind whose module is no longer loaded shows as withheld rather than failing the letter.
  const shownAs = await showMixedReferences(ctx, rows.map((r) => ({ kind: r.record_kind, id: r.record_id })));
  for (const r of rows) {
    const list = out.get(r.message_id) ?? out.set(r.message_id, []).get(r.message_id)!;
    // Withheld, not even its id is shown: a hidden record is exactly one the reader has never heard of.
    const s = shownAs(r.record_kind, r.record_id);
    list.push({ kind: r.record_kind, id: isWithheld(s) ? null : r.record_id, shown: s });
  }
  return out;
}

function messageOf(m: Row, shown: Map<string, PersonShown>, office: Map<string, OfficeShown>, attachments: Map<string, Attached[]>) {
  const label = storedLabel(m);
  return {
    id: m.id, code: m.code, sender: m.sender_id ? shown.get(m.sender_id) ?? WITHHELD : null, fromVillage: m.from_village,
    fromOffice: m.from_office_id ? office.get(m.from_office_id) ?? WITHHELD : null,
    subject: m.subject, body: m.body, precedence: m.precedence as Precedence, actionRequested: toBool(m.action_requested), inReplyTo: m.in_reply_to ?? null,
    acceptedAt: instant(m.accepted_at)!, classification: label.classification, compartments: [...label.compartments],
    attachments: attachments.get(m.id) ?? [],
  };
}

const operator = (ctx: AppContext) => ctx.actor.kind === 'local' || ctx.actor.kind === 'system';

/** A message for its sender (with every delivery) or a recipient (with their own); anyone else: not found. */
export async function getMessage(ctx: AppContext, ref: string): Promise<TMessage> {
  await authorize(ctx, 'post.read');
  const m = await ctx.db.selectFrom('post_message').selectAll().where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)])).executeTakeFirst();
  if (!m || !canRead(ctx, storedLabel(m))) {
    // The work a letter found and not the reader's costs (its copies, the reader's offices, the
    // desk they act for), done for a code nothing has too: else the time of the 404 tells that
    // the letter exists (outside attack a13f timed 0.6 ms between them).
    await Promise.all([ctx.db.selectFrom('post_delivery').select('id').where('message_id', '=', m?.id ?? '').execute(), myOffices(ctx, ctx.db), actingCopies(ctx, ctx.db)]);
    throw PostErrors.messageNotFound(ref);
  }
  const me = ctx.actor.personId;
  const all = await ctx.db.selectFrom('post_delivery').selectAll().where('message_id', '=', m.id).orderBy('id').execute();
  const ofMine = all.some((d) => d.recipient_kind === 'office') || m.from_office_id ? new Set(await myOffices(ctx, ctx.db)) : new Set<string>();
  // Its sender, or whoever recorded it for a sender elsewhere (the aviary keeping a hawk's book),
  // or a current member of the office it was sent in the name of (the office's sent post). Only a
  // hawk from elsewhere has a recorder: a letter within the village is its sender's, whatever name
  // it was written under (an account later given that name is not its writer).
  const sender = operator(ctx) || (me !== undefined && m.sender_id === me) || (ctx.actor.username !== undefined && m.created_by === ctx.actor.username && m.from_village !== HOME_VILLAGE)
    || (!!m.from_office_id && ofMine.has(m.from_office_id));
  let mine = all.filter((d) => ((d.recipient_kind === 'person' && d.recipient_id === me) || (d.recipient_kind === 'office' && ofMine.has(d.recipient_id))) && !['queued', 'in_transit', 'failed'].includes(d.state));
  if (!sender && !mine.length) {
    // An official deciding a copy's desk item for its recipient reads that copy, while it is theirs to decide.
    const acting = await actingCopies(ctx, ctx.db);
    mine = all.filter((d) => acting.has(d.id));
  }
  if (!sender && !mine.length) throw PostErrors.messageNotFound(ref);
  return shownMessage(ctx, m, sender ? all : mine, ofMine, true);
}

/** A message and the deliveries its reader may see, shown to them (getMessage's answer). */
/** The people a message and its deliveries name: its sender, person recipients, and who read, acknowledged or actioned. */
export const peopleNamed = (m: Row, deliveries: readonly Row[]): string[] =>
  [m.sender_id, ...deliveries.flatMap(peopleOf)].filter((id): id is string => !!id);

async function shownMessage(ctx: AppContext, m: Row, deliveries: readonly Row[], ofMine: ReadonlySet<string>, attached: boolean, found?: FoundRecords): Promise<TMessage> {
  const shown = await people(ctx, peopleNamed(m, deliveries), found);
  const office = await offices(ctx, [m.from_office_id, ...deliveries.map((d) => (d.recipient_kind === 'office' ? d.recipient_id : null))]);
  return Object.assign(messageOf(m, shown, office, attached ? await attachmentsOf(ctx, [m.id]) : new Map()), { deliveries: deliveries.map((d) => deliveryOf(d, shown, office, ctx.now(), ofMine)) });
}

/**
 * The answer to a send, made from the rows just written rather than read back (three statements
 * fewer per letter: bench/post.ts): what getMessage answers its sender, who sees every delivery.
 * Null when the writer is not plainly its sender (recording a hawk from elsewhere, or a label they
 * may not read): the caller then asks getMessage, which decides those as for any reader.
 */
export async function asSent(ctx: AppContext, m: Row, deliveries: readonly Row[], attachments: number, found?: FoundRecords): Promise<TMessage | null> {
  const me = ctx.actor.personId;
  if (!(operator(ctx) || (me !== undefined && m.sender_id === me)) || !canRead(ctx, storedLabel(m))) return null;
  await authorize(ctx, 'post.read');
  const ofMine = deliveries.some((d) => d.recipient_kind === 'office') || m.from_office_id ? new Set(await myOffices(ctx, ctx.db)) : new Set<string>();
  // In getMessage's order (by id: SQL compares these ASCII ids as JavaScript does).
  const byId = [...deliveries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return shownMessage(ctx, m, byId, ofMine, attachments > 0, found);
}

/** A delivery in the caller's own pigeon hole (delivered to them, their clearance covering it); else not found. */
export async function ownDelivery(ctx: AppContext, id: string): Promise<DeliveryRow> {
  await authorize(ctx, 'post.read');
  const d = await ctx.db.selectFrom('post_delivery').selectAll().where('id', '=', id).executeTakeFirst();
  // Theirs: addressed to them, or to an office they are a current member of today.
  const theirs = d && (d.recipient_kind === 'person' ? d.recipient_id === ctx.actor.personId
    : d.recipient_kind === 'office' && (await myOffices(ctx, ctx.db)).includes(d.recipient_id));
  if (!d || !theirs || ['queued', 'in_transit', 'failed'].includes(d.state) || !canRead(ctx, storedLabel(d))) {
    throw PostErrors.deliveryNotFound(id);
  }
  const m = await ctx.db.selectFrom('post_message').selectAll().where('id', '=', d.message_id).executeTakeFirstOrThrow();
  return deliveryRowOf(d, m);
}

const IN_HOLE = ['delivered', 'read', 'acknowledged', 'actioned'];

/** One item of the caller's own pigeon hole (the hole's own filter decides that it is theirs). */
export async function getPigeonHoleItem(ctx: AppContext, deliveryId: string) {
  const page = await pigeonHole(ctx, { state: 'all', limit: 1, offset: 0 }, deliveryId);
  if (!page.items.length) throw PostErrors.deliveryNotFound(deliveryId);
  return page.items[0]!;
}

export interface PigeonHoleQuery { state: 'unread' | 'read' | 'acknowledged' | 'actioned' | 'all'; precedence?: Precedence; q?: string; limit: number; offset: number }

/** The caller's pigeon hole: most urgent first, then newest; unread counts per precedence whatever the filters. */
export async function pigeonHole(ctx: AppContext, query: PigeonHoleQuery, onlyDelivery?: string) {
  await authorize(ctx, 'post.read');
  const me = ctx.actor.personId ?? '';
  const ofMine = await myOffices(ctx, ctx.db);
  let q = ctx.db.selectFrom('post_delivery as d').innerJoin('post_message as m', 'm.id', 'd.message_id')
    .where((eb) => eb.or([
      eb.and([eb('d.recipient_kind', '=', 'person'), eb('d.recipient_id', '=', me)]),
      // An office's copy, in the hole of each of its members today (their clearance filters it below).
      ...(ofMine.length ? [eb.and([eb('d.recipient_kind', '=', 'office'), eb('d.recipient_id', 'in', ofMine)])] : []),
    ]))
    .where('d.state', 'in', IN_HOLE).where(readerSees(ctx, 'd'));
  const counts = await q.select(['m.precedence']).select((eb) => eb.fn.countAll().as('n')).where('d.state', '=', 'delivered').groupBy('m.precedence').execute();
  const unread = { flash: 0, immediate: 0, priority: 0, routine: 0, total: 0 };
  for (const c of counts) { unread[c.precedence as Precedence] = Number(c.n); unread.total += Number(c.n); }
  if (onlyDelivery) q = q.where('d.id', '=', onlyDelivery);
  if (query.state !== 'all') q = q.where('d.state', '=', query.state === 'unread' ? 'delivered' : query.state);
  if (query.precedence) q = q.where('m.precedence', '=', query.precedence);
  if (query.q) {
    const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([sql<boolean>`${lowerText(ctx.db, sql.ref('m.subject'))} like ${like} escape '\\'`, sql<boolean>`${lowerText(ctx.db, sql.ref('m.body'))} like ${like} escape '\\'`]) as any);
  }
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll('d').select(['m.code', 'm.sender_id', 'm.from_village', 'm.from_office_id', 'm.subject', 'm.body', 'm.precedence', 'm.action_requested', 'm.in_reply_to', 'm.accepted_at'])
    .orderBy('d.precedence_rank').orderBy('d.delivered_at', 'desc').orderBy('d.id', 'desc').limit(query.limit).offset(query.offset).execute();
  const shown = await people(ctx, [...rows.map((r) => r.sender_id), ...rows.flatMap(peopleOf), me]);
  const office = await offices(ctx, rows.flatMap((r) => [r.from_office_id, r.recipient_kind === 'office' ? r.recipient_id : null]));
  const attached = await attachmentsOf(ctx, rows.map((r) => r.message_id));
  // One set for the page, not one a row.
  const mine = new Set(ofMine);
  return {
    items: rows.map((r) => Object.assign(messageOf(Object.assign({}, r, { id: r.message_id }), shown, office, attached), { delivery: deliveryOf(r, shown, office, ctx.now(), mine) })),
    total, unread,
  };
}

export interface SentQuery { office?: string; limit: number; offset: number }

/**
 * Sent post, newest first, each message with every delivery and its receipts (as its sender sees
 * it): the caller's own (sent by them, or recorded by them for a sender elsewhere) or, with
 * `office`, everything sent in the name of that office by any of its members — for its current
 * members only (someone who has left it no longer sees it: 403 as for any non-member; an office
 * hidden from the caller is unknown, 404). Filtered by the caller's clearance in SQL, so pages and
 * total agree.
 */
export async function sentPost(ctx: AppContext, query: SentQuery) {
  await authorize(ctx, 'post.read');
  let q = ctx.db.selectFrom('post_message as m').where(readerSees(ctx, 'm'));
  let ofMine: string[] = [];
  if (query.office) {
    const office = await resolveReference(ctx, 'registry.organization', query.office);
    ofMine = await myOffices(ctx, ctx.db);
    if (!ofMine.includes(office.id)) throw PostErrors.notAMemberToRead('query.office', String(office.shown.name ?? query.office));
    q = q.where('m.from_office_id', '=', office.id);
  } else {
    const me = ctx.actor.personId ?? '';
    const user = ctx.actor.username ?? '';
    q = q.where((eb) => eb.or([eb('m.sender_id', '=', me), recordedBy(eb, user)]));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const messages = await q.selectAll('m').orderBy('m.accepted_at', 'desc').orderBy('m.id', 'desc').limit(query.limit).offset(query.offset).execute();
  const ids = messages.map((m) => m.id as string);
  const all = ids.length ? await ctx.db.selectFrom('post_delivery').selectAll().where('message_id', 'in', ids).orderBy('id').execute() : [];
  if (!query.office && all.some((d) => d.recipient_kind === 'office')) ofMine = await myOffices(ctx, ctx.db);
  const shown = await people(ctx, [...messages.map((m) => m.sender_id), ...all.flatMap(peopleOf)]);
  const office = await offices(ctx, [...messages.map((m) => m.from_office_id), ...all.map((d) => (d.recipient_kind === 'office' ? d.recipient_id : null))]);
  const attached = await attachmentsOf(ctx, ids);
  const mine = new Set(ofMine);
  return {
    items: messages.map((m) => Object.assign(messageOf(m, shown, office, attached), { deliveries: all.filter((d) => d.message_id === m.id).map((d) => deliveryOf(d, shown, office, ctx.now(), mine)) })),
    total,
  };
}

/** The aviary board: waiting hawks in the order they fly, those in flight with ETAs, landings of the last day. */
export async function aviary(ctx: AppContext) {
  await authorize(ctx, 'post.aviary');
  const since = new Date(ctx.now().getTime() - 86_400_000).toISOString();
  const onBoard = ctx.db.selectFrom('post_delivery as d').innerJoin('post_message as m', 'm.id', 'd.message_id')
    .where((eb) => eb.or([eb('d.state', '=', 'queued'), eb('d.state', '=', 'in_transit'), eb.and([eb('d.released_at', 'is not', null), eb('d.delivered_at', '>=', since)])]));
  // The reader's hawks are filtered in SQL; those they may not know of are only counted.
  const hidden = readerLabels(ctx);
  const withheld = hidden
    ? Number((await onBoard.where(sql<boolean>`not (${readerSees(ctx, 'd')})`).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    : 0;
  const rows = await onBoard.where(readerSees(ctx, 'd'))
    .select(['d.id', 'd.state', 'd.at_village', 'd.accepted_at', 'd.released_at', 'd.eta', 'd.delivered_at', 'd.due_at', 'd.precedence_rank', 'm.code', 'm.precedence', 'm.from_village'])
    .orderBy('d.precedence_rank').orderBy('d.accepted_at').orderBy('d.id').limit(2000).execute();
  const out = { waiting: [] as any[], inFlight: [] as any[], arrived: [] as any[], withheld };
  for (const r of rows) {
    const hawk = {
      code: r.code, precedence: r.precedence, fromVillage: r.from_village, toVillage: r.at_village, state: r.state,
      acceptedAt: instant(r.accepted_at)!, releasedAt: instant(r.released_at), eta: instant(r.eta), deliveredAt: instant(r.delivered_at), dueAt: instant(r.due_at)!,
    };
    (r.state === 'queued' ? out.waiting : r.state === 'in_transit' ? out.inFlight : out.arrived).push(hawk);
  }
  out.arrived.sort((a, b) => (a.deliveredAt < b.deliveredAt ? 1 : -1));
  out.inFlight.sort((a, b) => (a.eta < b.eta ? -1 : 1));
  return out;
}

