// Writing hawk post: sending (a message and one delivery per recipient, and a dispatch run for
// the transaction's deliveries, in one transaction: a message accepted is committed with the work
// that will carry it, so it is never lost), the aviary's jobs (dispatch the most urgent waiting delivery, land a
// hawk, escalate an unacknowledged FLASH), the recipient's own answers (read, acknowledge,
// action), and the hawk routes.
import { actingAs, authorize, partOf, transact, type Actor, type AppContext, type Tx } from '../../kernel/context.ts';
import { boolParam, dialectOf, toJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { auditedAt, dominates, join, PUBLIC_LABEL, type Label, sortedLabel } from '../../kernel/auth/labels.ts';
import { findForShowing, labelOfRecords, lookUpReferences, resolveReference, UnknownReference, type FoundRecords } from '../../kernel/references.ts';
import { unorderedCode } from '../../kernel/code-series.ts';
import { isoInstant, villageYear } from '../../kernel/village-time.ts';
import { personCleared } from '../../kernel/auth/accounts.ts';
import { listMemberships, membersOn, registryModule } from '../registry/index.ts';
import { schedule, scheduleEach, type JobKind, type JobToSchedule } from '../../kernel/jobs/index.ts';
import { parseInput } from '../../kernel/validation.ts';
import { validationError } from '../../kernel/errors.ts';
import { deliveryDue, routeBetween, arrivalEta, HOME_VILLAGE, type HawkRoute } from './hawk-routes.ts';
import { dispatchOrder, escalationDue, rankOf, type Precedence } from './precedence.ts';
import { deliveryRefusal, type DeliveryState } from './delivery-states.ts';
import { PostErrors } from './post.errors.ts';
import { postInBag } from './mail-bag.ts';
import { insertRows } from '../../kernel/db/dialect.ts';
import { raiseActionItem, refuseAgainstDesk, settleActionItem, type CopyAnswers } from './post-desk.ts';
import { ZMessageSend, ZRoutes, type TMessageFields, type TMessageSend, type TRoutes } from './post.schema.ts';
import { asSent, dayOf, deliveryRowById, deliveryRowOf, getMessage, getPigeonHoleItem, hawkRoutes, nextWaiting, ownDelivery, peopleNamed, type DeliveryRow } from './post.read.ts';

export { HOME_VILLAGE };
/** Another village's aviary reads at most this: nothing classified leaves by hawk to a foreign village. */
const FOREIGN_CLEARANCE = { level: 'restricted' as const, compartments: [] as string[] };

export const DISPATCH_JOB = 'post.dispatch';
export const ARRIVE_JOB = 'post.arrive';
export const ESCALATE_JOB = 'post.escalate';


/**
 * A letter's code: HP, the village's year it is sent in and a random part, `HP-2026-7K3Q-XW9D`
 * (kernel/code-series.ts, unorderedCode). A letter is seen only by its sender and recipients, so
 * nobody sees a series of letters whole, and numbers in order, even per label, told a sender that
 * letters they may not read were sent between two of theirs, and roughly when (found by an outside
 * attack). Letters written before keep their numbered codes (HP-2026-00017). `draw` is replaceable
 * for tests (to make codes collide), as the carrier is.
 */
export const letterCodes = { draw: (tx: Tx): string => unorderedCode('HP', villageYear(tx.now)) };

/** Whether the person may be sent the label: anyone, a public message; else an enabled account of theirs cleared for it. */
/** A letter open to all reaches anyone; above that, only a person with an account cleared for it. */
async function mayReceive(db: AppContext['db'], personId: string, label: Label): Promise<boolean> {
  return (label.classification === 'public' && label.compartments.length === 0) || personCleared(db, personId, label);
}

async function villageExists(ctx: AppContext, code: string, path: string): Promise<void> {
  try {
    await resolveReference(ctx, 'registry.village', code, { path });
  } catch (e) {
    // Only "no such village" becomes the post's own refusal; anything else (the database) stays what it is.
    if (e instanceof UnknownReference) throw PostErrors.unknownVillage(path, code);
    throw e;
  }
}

interface Planned { kind: 'person' | 'village' | 'office'; id: string; atVillage: string; route: HawkRoute | null }

/** A message checked and ready to write: its label, sender, where it leaves from, each recipient's plan, its attachments. */
export interface Prepared {
  p: TMessageFields; label: Label; senderId: string | null; fromVillage: string; fromOfficeId: string | null; planned: Planned[]; attachments: { kind: string; id: string }[];
  /** The id of the message answered (named by id or code): what in_reply_to holds. */
  inReplyTo: string | null;
}

/**
 * The people a sender may see with a membership in an office current on the day (registry's
 * label-filtered list, as the sender). Whether an office may be written to is judged by these
 * alone, never by memberships hidden from the sender: otherwise the answer to a send would tell
 * them that a secret member exists (issue 12, M2).
 */
async function membersSeenBy(ctx: AppContext, officeId: string, day: string): Promise<string[]> {
  const seen = await listMemberships(ctx, { organization: officeId, asOf: day, limit: 1000 });
  return [...new Set(seen.items.map((m) => m.person.id))];
}

const labelText = (label: Label) => `${label.classification}${label.compartments.length ? ` (${label.compartments.join(', ')})` : ''}`;

/**
 * Every check of a message before it is written (a draft's too, whose recipients may be none yet):
 * the sender may send at its label; each recipient exists and is visible to the sender, is
 * cleared for the label, and has a hawk route where it must fly; the attachments resolve.
 */
export async function prepareMessage(ctx: AppContext, p: TMessageFields): Promise<Prepared> {
  const label = sortedLabel(p);
  await authorize(ctx, 'post.send', label);
  const onBehalf = p.sender !== undefined || (p.fromVillage !== undefined && p.fromVillage !== HOME_VILLAGE);
  if (onBehalf) await authorize(ctx, 'post.aviary', label).catch(() => { throw PostErrors.senderOnBehalf(); });
  const fromVillage = p.fromVillage ?? HOME_VILLAGE;
  // Recording for someone else is the aviary's book of hawks that came from elsewhere. Within the
  // village everyone writes their own letters: otherwise whoever keeps that book could send a
  // letter "from the Kazekage" to anyone in Suna.
  if (p.sender !== undefined && p.sender !== ctx.actor.personId && fromVillage === HOME_VILLAGE) throw PostErrors.senderAtHome();
  if (fromVillage !== HOME_VILLAGE) await villageExists(ctx, fromVillage, 'body.fromVillage');
  const senderId = p.sender ?? ctx.actor.personId ?? null;
  // The sender and every person addressed in one lookup: each is still refused at its own path, in order.
  const persons = await lookUpReferences(ctx, 'registry.person', [...(p.sender ? [p.sender] : []), ...p.to.flatMap((r) => ('person' in r ? [r.person] : []))]);
  if (p.sender) persons.resolve(p.sender, { path: 'body.sender' });
  const day = dayOf(ctx.now());
  let fromOfficeId: string | null = null;
  if (p.from) {
    // From an office: only one of its current members writes in its name (a hidden office is an unknown one).
    const office = await resolveReference(ctx, 'registry.organization', p.from.office, { path: 'body.from.office' });
    if (!senderId || !(await membersOn(ctx.db, office.id, day)).includes(senderId)) throw PostErrors.notAMember('body.from.office', String(office.shown.name ?? p.from.office));
    fromOfficeId = office.id;
  }
  // The routes are read once, and only if a hawk must fly (most post stays within the village).
  let routesRead: Promise<HawkRoute[]> | null = null;
  const routes = () => (routesRead ??= hawkRoutes(ctx.db));
  const planned: Planned[] = [];
  // Each recipient once, however named (an office by code and by id, a person by id and by
  // username): compared by the record each reference resolves to, as the deliveries are.
  const named = new Map<string, number>();
  const once = (i: number, key: string) => {
    const first = named.get(key);
    if (first !== undefined) throw PostErrors.namedTwice(`body.to.${i}`, `body.to.${first}`);
    named.set(key, i);
  };
  for (const [i, r] of p.to.entries()) {
    if ('person' in r) {
      const path = `body.to.${i}.person`;
      const person = persons.resolve(r.person, { path });
      once(i, `person:${person.id}`);
      const atVillage = r.at ?? HOME_VILLAGE;
      if (r.at) await villageExists(ctx, r.at, `body.to.${i}.at`);
      if (!(await mayReceive(ctx.db, person.id, label))) {
        throw PostErrors.notCleared(path, 'This person', `no account of theirs is cleared for ${labelText(label)}`);
      }
      planned.push({ kind: 'person', id: person.id, atVillage, route: await flightFor(routes, fromVillage, atVillage, `body.to.${i}.at`) });
    } else if ('office' in r) {
      // One copy for the office, in its tray for whoever is a current member (and cleared for it)
      // on the day they read it. The sender is told only what they may know: if the members they
      // can see include none cleared for the label, it is refused; if they see no member at all it
      // is accepted, and waits. An office whose only member is hidden from the sender (a secret
      // membership) and an office with no member at all thus answer alike, and the hidden member
      // still reads it. Refusing both instead would keep from that member all mail from anyone
      // not cleared to see their membership.
      const path = `body.to.${i}.office`;
      const office = await resolveReference(ctx, 'registry.organization', r.office, { path });
      once(i, `office:${office.id}`);
      const members = await membersSeenBy(ctx, office.id, day);
      let cleared = members.length === 0;
      for (const m of members) if (!cleared) cleared = await mayReceive(ctx.db, m, label);
      if (!cleared) throw PostErrors.notCleared(path, `The office ${String(office.shown.name ?? r.office)}`, `none of its current members has an account cleared for ${labelText(label)}`);
      planned.push({ kind: 'office', id: office.id, atVillage: HOME_VILLAGE, route: await flightFor(routes, fromVillage, HOME_VILLAGE, path) });
    } else {
      const path = `body.to.${i}.village`;
      await villageExists(ctx, r.village, path);
      once(i, `village:${r.village}`);
      if (r.village === fromVillage) throw PostErrors.noRoute(path, fromVillage, r.village);
      if (!dominates(FOREIGN_CLEARANCE, label)) throw PostErrors.notCleared(path, `The aviary of ${r.village}`, 'post to another village may be at most restricted, with no compartment');
      planned.push({ kind: 'village', id: r.village, atVillage: r.village, route: await flightFor(routes, fromVillage, r.village, path) });
    }
  }
  // Answered by id or code (people think in codes): the message's id is what is kept.
  const inReplyTo = p.inReplyTo ? (await getMessage(ctx, p.inReplyTo).catch(() => { throw PostErrors.repliedToNotFound(p.inReplyTo!); })).id : null;
  const attachments = await resolveAttachments(ctx, p.attachments);
  return { p, label, senderId, fromVillage, fromOfficeId, planned, attachments, inReplyTo };
}

/**
 * Accepts a message: checks it (prepareMessage) and writes the message, its deliveries and their
 * dispatch run in one transaction.
 */
export async function sendMessage(ctx: AppContext, input: TMessageSend): Promise<Awaited<ReturnType<typeof getMessage>>> {
  const prepared = await prepareMessage(ctx, parseInput(ZMessageSend, input));
  // In the mail bag: letters sent at the same moment share one commit (mail-bag.ts).
  const written = await postInBag(ctx, prepared, writeLetters);
  // The people it names are shown as they were when its writing began (read once for its mail bag),
  // not as they were when it was checked: one relabelled in between is withheld here as getMessage
  // withholds them. One relabelled while the bag is written is shown as before, to a sender who
  // named them a moment ago; a read after the answer shows them as they are then.
  return (await asSent(ctx, written.message, written.deliveries, prepared.attachments.length, await written.people)) ?? getMessage(ctx, written.message.id);
}

/** Writes a prepared message, its deliveries and their dispatch run, and its attachments, in the caller's transaction. */
export async function writeMessage(tx: Tx, prepared: Prepared): Promise<string> {
  return (await writeLetters([tx], [prepared]))[0]!.message.id;
}

/**
 * The rows a letter was written as: its message and its deliveries, as stored; and, when its
 * sender's context was given, the people they name, read as the writing began.
 */
interface Written { message: Record<string, any>; deliveries: Record<string, any>[]; people?: Promise<FoundRecords> }

/** Rows per insert: well under either database's limit on bound parameters. */
const ROWS_PER_INSERT = 500;
async function insertAll(tx: Tx, table: string, rows: readonly Record<string, unknown>[]) {
  // Unawaited: nothing here reads their result, and a failure fails the transaction all the same.
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insertRows(tx.db, table, rows.slice(i, i + ROWS_PER_INSERT), { unawaited: true });
}

/** Draws a letter makes for a free code before its writing fails: a code taken five times running is a broken draw, not chance. */
const CODE_DRAWS = 5;

/**
 * Inserts messages' rows, each drawn for in its writer's view txs[i], in one statement (per
 * ROWS_PER_INSERT). The unique code column decides whether a code is free. A letter alone: a row
 * whose code is taken (by a letter committed, or one being written beside it) is skipped (on
 * conflict do nothing: no error, and a PostgreSQL transaction goes on) and inserted again with a
 * new draw. A mail bag's insert is not waited for (on PostgreSQL it goes out with the bag's next
 * statement, kernel/db/create-db.ts), so a taken code fails the bag, whose letters are then each
 * written alone (mail-bag.ts) with new draws: at 40 random bits, almost never.
 */
async function insertMessages(txs: readonly Tx[], rows: readonly Record<string, any>[]): Promise<void> {
  if (txs.length > 1) return insertAll(txs[0]!, 'post_message', rows);
  let pending = rows.map((row, i) => ({ row, tx: txs[i]! }));
  for (let draw = 1; pending.length; draw++) {
    if (draw > CODE_DRAWS) throw new Error(`post: ${CODE_DRAWS} codes drawn in a row were taken; the code draw is broken`);
    if (draw > 1) for (const p of pending) p.row.code = letterCodes.draw(p.tx);
    const written = new Set<string>();
    for (let i = 0; i < pending.length; i += ROWS_PER_INSERT) {
      const ids = await insertRows(txs[0]!.db, 'post_message', pending.slice(i, i + ROWS_PER_INSERT).map((p) => p.row), { skipConflictOn: ['code'], returning: ['id'] });
      for (const r of ids) written.add(r.id as string);
    }
    pending = pending.filter((p) => !written.has(p.row.id));
  }
}

/**
 * Writes prepared letters, each in its writer's view txs[i] of one transaction (a mail bag, or a
 * letter alone): their messages, deliveries and attachments, a statement per table; then a mail bag
 * sends the post itself, and a letter alone gets its dispatch run. Exported for the mail bag's test.
 */
export async function writeLetters(txs: readonly Tx[], letters: readonly Prepared[], senders?: readonly AppContext[]): Promise<Written[]> {
  const tx0 = txs[0]!;
  const written: Written[] = [];
  const attached: Record<string, unknown>[] = [];
  for (const [i, { p, label, senderId, fromVillage, fromOfficeId, planned, attachments, inReplyTo }] of letters.entries()) {
    const tx = txs[i]!;
    const id = newId();
    const at = tx.now;
    written.push({
      message: {
        id, code: letterCodes.draw(tx), sender_id: senderId, from_village: fromVillage, from_office_id: fromOfficeId, subject: p.subject, body: p.body,
        precedence: p.precedence, precedence_rank: rankOf(p.precedence), action_requested: boolParam(dialectOf(tx.db), p.actionRequested),
        in_reply_to: inReplyTo, accepted_at: isoInstant(at), created_by: tx.actor.username ?? tx.actor.kind,
        classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: isoInstant(at), updated_at: isoInstant(at),
      },
      deliveries: plannedDeliveries(tx, id, p.precedence, at, label, planned),
    });
    for (const [seq, a] of attachments.entries()) attached.push({ message_id: id, seq, record_kind: a.kind, record_id: a.id });
    tx.audit({ action: 'post.send', objectType: 'post_message', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { precedence: p.precedence, recipients: planned.length } });
  }
  // The people the senders' answers name, read beside the transaction as it begins (outside it, on
  // the app's own connections), rather than each answer reading them after the commit: on PostgreSQL
  // one statement for the bag that adds no round trip to its writing. Awaited by the answers only:
  // on SQLite it waits for this transaction's connection, so it runs once the bag has committed.
  // Written inside a caller's own transaction, it is read in that transaction (inTx: ctx.db is it).
  if (senders?.length) {
    const people = findForShowing(senders[0]!, senders[0]!.db, 'registry.person', written.flatMap((w) => peopleNamed(w.message, w.deliveries)));
    people.catch(() => {}); // a letter whose bag fails is written again, with its own read
    for (const w of written) w.people = people;
  }
  await insertMessages(txs, written.map((w) => w.message));
  const label = letters.map((l) => l.label).reduce(join);
  // A mail bag sends the post itself: the aviary's work, in the bag's transaction and at its latest
  // letter's instant, as a run claimed at once would do it (the most urgent waiting first, its own
  // letters or not), sparing the run's claim and its commit, which is what bounds the post office
  // when it is busy (bench/post.ts). A letter alone leaves it to a run, as before.
  const aviary = txs.length > 1 && written.some((w) => w.deliveries.length)
    ? actingAs(tx0, AVIARY, new Date(Math.max(...txs.map((t) => t.now.getTime())))) : undefined;
  if (aviary) await sendBag(aviary, written, label);
  else await insertAll(tx0, 'post_delivery', written.flatMap((w) => w.deliveries));
  await insertAll(tx0, 'post_attachment', attached);
  const first = written.find((w) => w.deliveries.length)?.deliveries[0];
  if (first && !aviary) await scheduleDispatch(tx0, first.id, label);
  return written;
}

/**
 * Writes a mail bag's deliveries and sends, as the aviary, the most urgent waiting ones with them.
 * When they all fit in one batch (a bag is 32 letters, a batch 256: unless post is backed up),
 * the bag's own deliveries within the village are written delivered rather than written waiting
 * and then moved, which spared an UPDATE of every one of them (each of its index entries written
 * twice, and on PostgreSQL a second row version). They depart in the dispatch order among the
 * waiting ones, exactly as a run that found them all waiting would send them. Deliveries that fly
 * to another village are written waiting and sent off as a run sends them. Otherwise (a backlog)
 * they are written waiting and the bag sends a batch as a run does, the rest left to the next run.
 * Each letter's answer rows (asSent) are left as its deliveries stand after the sending.
 */
async function sendBag(aviary: Tx, written: Written[], label: Label): Promise<void> {
  const waiting = await nextWaiting(aviary.db, aviary.now, DISPATCH_BATCH);
  const rows = written.flatMap((w) => w.deliveries);
  const ours = rows.map((r) => r.id as string);
  if (waiting.length + rows.length > DISPATCH_BATCH) {
    await insertAll(aviary, 'post_delivery', rows);
    const { batch, full, delivered } = await sendWaiting(aviary, label);
    const taken = new Set(batch.map((d) => d.id));
    // A delivery of the bag not in a batch that was not full cannot be (it was written queued, in
    // this transaction, before the read): a run for it all the same, since a letter without one is lost.
    if (!full && ours.some((id) => !taken.has(id))) await scheduleDispatch(aviary, ours[0]!, label);
    await answerRows(aviary, written, ours.filter((id) => taken.has(id)), delivered);
    return;
  }
  // As a run would read them (waiting), rows[i] being own[i]'s row.
  const own = written.flatMap((w) => w.deliveries.map((row) => deliveryRowOf(row, w.message)));
  const at = isoInstant(aviary.now);
  const inVillage = new Set<string>();
  for (const [i, d] of own.entries()) {
    if (d.at_village !== d.from_village) continue;
    Object.assign(rows[i]!, { state: 'delivered', delivered_at: at, updated_at: at });
    inVillage.add(d.id);
  }
  await insertAll(aviary, 'post_delivery', rows);
  const batch = [...waiting, ...own].sort((a, b) => dispatchOrder(queuedOf(a), queuedOf(b)));
  const delivered = await sendBatch(aviary, batch, inVillage);
  await answerRows(aviary, written, ours.filter((id) => !inVillage.has(id)), delivered);
}

const queuedOf = (d: DeliveryRow) => ({ id: d.id, precedence: d.precedence, acceptedAt: d.accepted_at });

/**
 * The sender's answer says what became of each delivery (asSent reads these rows): those the
 * sending's statement moved as it left them, those sent off to another village read again; those
 * written delivered are already as stored.
 */
async function answerRows(tx: Tx, written: Written[], sentIds: readonly string[], delivered: readonly Record<string, any>[]): Promise<void> {
  const sent = new Map(delivered.map((r) => [r.id as string, r]));
  const flown = sentIds.filter((id) => !sent.has(id));
  if (flown.length) for (const r of await tx.db.selectFrom('post_delivery').selectAll().where('id', 'in', flown).execute()) sent.set(r.id as string, r);
  for (const w of written) w.deliveries = w.deliveries.map((d) => sent.get(d.id) ?? d);
}

/**
 * The records a message points at, each resolved as its sender sees it: a kind no module declares,
 * or a record unknown or hidden from the sender, refused at its path (hidden exactly as unknown).
 */
async function resolveAttachments(ctx: AppContext, refs: readonly { kind: string; ref: string }[]): Promise<{ kind: string; id: string }[]> {
  const out: { kind: string; id: string }[] = [];
  const seen = new Map<string, number>();
  for (const [i, a] of refs.entries()) {
    if (!ctx.references?.has(a.kind)) {
      throw validationError([{ path: `body.attachments.${i}.kind`, message: `no kind of record is called ${a.kind}: attach one of ${[...(ctx.references?.keys() ?? [])].sort().join(', ')}` }]);
    }
    const r = await resolveReference(ctx, a.kind, a.ref, { path: `body.attachments.${i}.ref` });
    const key = `${a.kind}:${r.id}`;
    if (seen.has(key)) throw validationError([{ path: `body.attachments.${i}`, message: `this record is attached twice (first at body.attachments.${seen.get(key)}): attach it once` }]);
    seen.set(key, i);
    out.push({ kind: a.kind, id: String(r.id) });
  }
  return out;
}

async function flightFor(routes: () => Promise<readonly HawkRoute[]>, from: string, to: string, path: string): Promise<HawkRoute | null> {
  if (from === to) return null;
  const r = routeBetween(await routes(), from, to);
  if (!r) throw PostErrors.noRoute(path, from, to);
  return r;
}

async function addDeliveries(tx: Tx, messageId: string, precedence: Precedence, at: Date, label: Label, planned: readonly Planned[]): Promise<void> {
  const rows = plannedDeliveries(tx, messageId, precedence, at, label, planned);
  await insertAll(tx, 'post_delivery', rows);
  if (rows.length) await scheduleDispatch(tx, rows[0]!.id, label);
}

/** Whose a dispatch run is (and a mail bag's sending): the aviary's. It sends the most urgent waiting post, anyone's, so it acts for no sender. */
const AVIARY: Actor = { kind: 'system', username: 'post.aviary' };

/**
 * One dispatch run for the deliveries just written in this transaction (a mail bag's, or one
 * letter's), scheduled in that same transaction: a delivery accepted is never without a run to
 * come (none is lost if the process dies between commit and dispatch). A run sends a batch and,
 * when the batch is full, schedules the next (dispatchJob), so one run per bag leaves none behind
 * however many deliveries the bag holds. Keyed by the bag's first delivery (a key is the run's for
 * good: a run done keeps it); labelled with the join of the letters' labels, so the jobs page shows
 * it only to those cleared for every letter it was for.
 */
async function scheduleDispatch(tx: Tx, key: string, label: Label): Promise<void> {
  await schedule(Object.assign({}, tx, { actor: AVIARY }), DISPATCH_JOB, tx.now, {}, { key, label });
}

/**
 * A message's delivery rows, one per recipient, and the aviary told of the message: for the caller
 * to insert, and to schedule their dispatch run (scheduleDispatch), in the same transaction.
 */
function plannedDeliveries(tx: Tx, messageId: string, precedence: Precedence, at: Date, label: Label, planned: readonly Planned[]): Record<string, any>[] {
  const rows: Record<string, any>[] = [];
  for (const r of planned) {
    const id = newId();
    const accepted = isoInstant(at);
    const row = {
      id, message_id: messageId, recipient_kind: r.kind, recipient_id: r.id, at_village: r.atVillage,
      // delivered_at named even when empty: a mail bag writes some of its rows delivered, in one
      // statement whose rows must all name the same columns.
      precedence_rank: rankOf(precedence), accepted_at: accepted, state: 'queued', delivered_at: null,
      due_at: deliveryDue(at, precedence, r.route).due.toISOString(),
      classification: label.classification, compartments: toJson(label.compartments), updated_at: accepted,
    };
    rows.push(row);
  }
  // Which letter is not said: the board refetches on the event, and one event per transaction and
  // label (stagingTx) announces a whole mail bag.
  tx.emit('post.aviary.changed', { what: 'accepted' }, label, AVIARY_LISTENERS);
  return rows;
}

/**
 * What carries the post: `depart` when the aviary sends a delivery on its way (a runner within the
 * village, a hawk between villages), `land` when a hawk reaches the other village. Here both simply
 * happen. A carrier may lose a hawk (`land` throws: the landing job fails and runs again later, as
 * the aviary sends another hawk) or bring copies (`land` answers when each extra copy lands: each
 * becomes a landing of its own, and finds the delivery already made). Tests put a lossy carrier
 * here; the unique (message, recipient) delivery and the state check make any of it land once.
 */
export interface HawkCarrier {
  depart(d: DeliveryRow): void;
  /** Milliseconds after this landing at which each extra copy of the hawk lands (none: []). */
  land(d: DeliveryRow): number[];
}
export const RELIABLE_CARRIER: HawkCarrier = { depart() {}, land: () => [] };
export const hawkCarrier: { current: HawkCarrier } = { current: RELIABLE_CARRIER };

/**
 * Who reads a delivery: the recipient or, for an office's copy, the office's members that day (the
 * stream still drops its events for a member not cleared for it, as the pigeon hole leaves it out).
 */
async function readersOf(tx: Tx, d: DeliveryRow): Promise<string[]> {
  return d.recipient_kind === 'person' ? [d.recipient_id] : d.recipient_kind === 'office' ? membersOn(tx.db, d.recipient_id, dayOf(tx.now)) : [];
}

/** Moves a delivery on, from the state it was read in (a concurrent change makes this a no-op for the caller to see). */
async function advance(tx: Tx, d: DeliveryRow, to: DeliveryState, set: Record<string, unknown>): Promise<boolean> {
  const refusal = deliveryRefusal(d.state, to);
  if (refusal) throw PostErrors.state(refusal);
  const r = await tx.db.updateTable('post_delivery').set(Object.assign({}, set, { state: to, updated_at: tx.now.toISOString() }))
    .where('id', '=', d.id).where('state', '=', d.state).executeTakeFirst();
  const moved = Number(r.numUpdatedRows) === 1;
  if (moved) await announce(tx, d, to);
  return moved;
}

/** The recipient and the sender hear of their letter's move; the aviary board hears only that a hawk moved. */
async function announce(tx: Tx, d: DeliveryRow, to: DeliveryState) {
  await emitDeliveryChanged(tx, d, { deliveryId: d.id, messageId: d.message_id, state: to, precedence: d.precedence });
  if (to === 'in_transit' || to === 'delivered' || to === 'failed') tx.emit('post.aviary.changed', { what: to }, d.label, AVIARY_LISTENERS);
}

/**
 * A delivery's change, told to its readers and its sender naming no one they might not see. The
 * readers hear it as theirs (`forYou`: their open pages pop urgent post up by it, an office's
 * members as much as a person recipient); a person recipient also hears their own id. The sender,
 * when not a reader, hears it without either (the sender of a desk's reply may not see whom it
 * answers). The sender is never named.
 */
async function emitDeliveryChanged(tx: Tx, d: DeliveryRow, payload: Record<string, unknown>) {
  const readers = await readersOf(tx, d);
  const recipient = d.recipient_kind === 'person' ? d.recipient_id : null;
  // Object.assign, not a spread followed by more keys: that costs a letter microseconds (ARCHITECTURE, Speed).
  if (readers.length) tx.emit('post.delivery.changed', Object.assign({}, payload, { recipient, forYou: true }), d.label, readers);
  if (d.sender_id && !readers.includes(d.sender_id)) tx.emit('post.delivery.changed', Object.assign({}, payload, { recipient: null, forYou: false }), d.label, [d.sender_id]);
}

/** Delivered into the recipient's pigeon hole: the delivery receipt is its time, for the sender to see. */
async function deliver(tx: Tx, d: DeliveryRow) {
  if (!(await advance(tx, d, 'delivered', { delivered_at: tx.now.toISOString() }))) return;
  await afterDelivery(tx, [d]);
}

/**
 * Delivers queued deliveries within the village at once: one statement moves every one still
 * queued (the state check is advance's, per row), then each moved one is announced and followed
 * up as deliver does, in the order given, with those a mail bag wrote delivered (writtenDelivered).
 */
async function deliverQueued(tx: Tx, ds: readonly DeliveryRow[], writtenDelivered: ReadonlySet<string>): Promise<Record<string, any>[]> {
  if (!ds.length) return [];
  const waiting = ds.filter((d) => !writtenDelivered.has(d.id));
  for (const d of waiting) {
    const refusal = deliveryRefusal(d.state, 'delivered');
    if (refusal) throw PostErrors.state(refusal);
  }
  const at = tx.now.toISOString();
  const rows = waiting.length ? await tx.db.updateTable('post_delivery').set({ delivered_at: at, state: 'delivered', updated_at: at })
    .where('id', 'in', waiting.map((d) => d.id)).where('state', '=', 'queued').returningAll().execute() : [];
  const moved = new Set(rows.map((r) => r.id as string));
  const done = ds.filter((d) => moved.has(d.id) || writtenDelivered.has(d.id));
  for (const d of done) await announce(tx, d, 'delivered');
  await afterDelivery(tx, done);
  return rows;
}

/** What follows a delivery: the desk item of a letter marked "action", the escalation of a FLASH. */
async function afterDelivery(tx: Tx, ds: readonly DeliveryRow[]) {
  const escalations: JobToSchedule[] = [];
  for (const d of ds) {
    await raiseActionItem(tx, d);
    const escalate = escalationDue(tx.now, d.precedence);
    if (escalate && d.recipient_kind !== 'village') escalations.push({ tx, kind: ESCALATE_JOB, runAt: escalate, payload: { delivery: d.id }, opts: { key: d.id, label: d.label } });
  }
  await scheduleEach(escalations);
}

/**
 * How many waiting deliveries one dispatch run sends, most urgent first. A run that sends a full
 * batch schedules the next run, so the queue is always emptied whatever the number of runs
 * scheduled (one per transaction that accepted post); a run that finds the queue emptied by an
 * earlier one's batch has nothing to do. Sending a batch in one transaction shares the commit and
 * the read among many (bench/post.ts); the order is the same as one by one. Several mail bags'
 * worth (a bag carries 32): a run that lags takes every bag accepted meanwhile, and a full batch
 * (which costs a run more, the next) is rare.
 */
export const DISPATCH_BATCH = 256;

/** The transactions in which a dispatch run has already emptied the queue (see dispatchJob). */
const emptiedIn = new WeakSet<object>();

/** The aviary sends the most urgent waiting deliveries: within the village at once, between villages by hawk. */
export const dispatchJob: JobKind = {
  async run(ctx, job) {
    await transact(ctx, async (tx) => {
      // The job runner runs several claimed jobs in one transaction (runGroup). Once a run in it
      // found fewer waiting than a batch, it took every delivery this transaction can see whose
      // run was claimed before it began (a delivery is accepted, and its run due, before its run
      // is claimed), so the runs after it here have nothing to send: one query spared each.
      if (emptiedIn.has(tx.db)) return;
      const { full } = await sendWaiting(tx, job?.label ?? PUBLIC_LABEL);
      if (!full) emptiedIn.add(tx.db);
    });
  },
};

/**
 * Sends the most urgent waiting deliveries, a batch (DISPATCH_BATCH), in tx: a dispatch run's
 * work, or a mail bag's (writeLetters). Answers the deliveries it took and whether the batch was
 * full, in which case the next run is already scheduled.
 */
async function sendWaiting(tx: Tx, runLabel: Label): Promise<{ batch: DeliveryRow[]; full: boolean; delivered: Record<string, any>[] }> {
  const batch = await nextWaiting(tx.db, tx.now, DISPATCH_BATCH);
  const full = batch.length >= DISPATCH_BATCH;
  // A full batch may have left others waiting: the next run is scheduled with this one's
  // sending, keyed by the last delivery sent ("after:", apart from the bags' keys). It is
  // labelled with this run's label and the batch's joined: the letters this run was for and
  // were not in the batch still have a run that only those cleared for them may see, and so
  // cancel (attack a14a: a public next run let a public clerk strand a SECRET letter).
  if (full) await scheduleDispatch(tx, `after:${batch.at(-1)!.id}`, batch.map((d) => d.label).reduce(join, runLabel));
  // None: earlier runs took them all.
  if (!batch.length) return { batch, full, delivered: [] };
  return { batch, full, delivered: await sendEachThatCan(tx, batch) };
}

/** What a delivery that could not be sent tells its sender (the error itself is for the operators: the audit log). */
export const UNSENDABLE = 'the post office could not send it';

/**
 * A run's batch sent as sendBatch sends it, except that a delivery that throws when sent does not
 * hold up the rest: it would be in every batch while it stayed among the most urgent, and nothing
 * else would ever be sent. The batch goes as a part of the run that can fail alone (partOf); if it
 * fails, each delivery goes as a part of its own, and one that still throws is failed with its
 * reason (its sender told, as for a letter with no route), the error audited. Should failing it
 * throw too, the run fails, as it did before, and is tried again later.
 */
async function sendEachThatCan(tx: Tx, batch: readonly DeliveryRow[]): Promise<Record<string, any>[]> {
  try {
    return await partOf(tx, () => sendBatch(tx, batch, new Set()));
  } catch (whole) {
    const delivered: Record<string, any>[] = [];
    for (const d of batch) {
      try {
        // A batch of one has had its own try.
        if (batch.length === 1) throw whole;
        delivered.push(...(await partOf(tx, () => sendBatch(tx, [d], new Set()))));
      } catch (e) {
        await partOf(tx, async () => {
          tx.audit({ action: 'post.delivery.unsendable', objectType: 'post_delivery', objectId: d.id, classification: d.label.classification, compartments: [...d.label.compartments], detail: { error: e instanceof Error ? e.message : String(e) } });
          await fail(tx, d, UNSENDABLE);
        });
      }
    }
    return delivered;
  }
}

/**
 * Sends a batch: each departs in the batch's order; post within the village is delivered at once,
 * the whole batch's in one statement, except those `writtenDelivered` (a mail bag's own, already
 * written so); post to another village goes off by hawk. Answers the rows the delivering statement moved.
 */
async function sendBatch(tx: Tx, batch: readonly DeliveryRow[], writtenDelivered: ReadonlySet<string>): Promise<Record<string, any>[]> {
  const routes = batch.some((d) => d.at_village !== d.from_village) ? await hawkRoutes(tx.db) : [];
  // Each leaves in the batch's order, a runner or a hawk alike: a FLASH for another village before
  // a ROUTINE within this one.
  for (const d of batch) hawkCarrier.current.depart(d);
  const local = batch.filter((d) => d.at_village === d.from_village);
  const delivered = await deliverQueued(tx, local, writtenDelivered);
  for (const d of batch) {
    if (d.at_village === d.from_village) continue;
    const route = routeBetween(routes, d.from_village, d.at_village);
    if (!route) {
      await fail(tx, d, `no hawk route between ${d.from_village} and ${d.at_village} when it was to fly`);
      continue;
    }
    const eta = arrivalEta(tx.now, route);
    if (await advance(tx, d, 'in_transit', { released_at: tx.now.toISOString(), eta: eta.toISOString() })) {
      await schedule(tx, ARRIVE_JOB, eta, { delivery: d.id }, { key: d.id, label: d.label });
    }
  }
  return delivered;
}

/** A hawk lands: delivered (once: a second landing of the same delivery changes nothing). */
export const arriveJob: JobKind = {
  // A lost hawk is sent again until one lands (backoff.ts: about thirteen hours of losses before a
  // person must look at the dead letter).
  maxAttempts: 20,
  async run(ctx, job) {
    await transact(ctx, async (tx) => {
      const d = await deliveryRowById(tx.db, String(job.payload.delivery));
      if (!d) return;
      const copies = hawkCarrier.current.land(d);
      for (const afterMs of copies) {
        await schedule(tx, ARRIVE_JOB, new Date(tx.now.getTime() + afterMs), { delivery: d.id }, { key: `${d.id}.copy.${newId()}`, label: d.label });
      }
      if (d.state === 'in_transit') await deliver(tx, d);
    });
  },
};

/** An unacknowledged FLASH, its objective past: marked escalated and announced to the sender. */
export const escalateJob: JobKind = {
  async run(ctx, job) {
    await transact(ctx, async (tx) => {
      const d = await deliveryRowById(tx.db, String(job.payload.delivery));
      if (!d || !['delivered', 'read'].includes(d.state) || d.escalated_at) return;
      await tx.db.updateTable('post_delivery').set({ escalated_at: tx.now.toISOString(), updated_at: tx.now.toISOString() }).where('id', '=', d.id).execute();
      tx.audit({ action: 'post.escalate', objectType: 'post_delivery', objectId: d.id, classification: d.label.classification, compartments: [...d.label.compartments], detail: { messageId: d.message_id } });
      await emitDeliveryChanged(tx, d, { deliveryId: d.id, messageId: d.message_id, state: d.state, escalated: true, precedence: d.precedence });
    });
  },
};

/**
 * Who "recorded" a non-delivery notice: the aviary itself. Not a username (those have no colon,
 * kernel/auth/accounts.ts): a recorder may read what they recorded, so a plain "aviary" would let
 * anyone who registered that account read every notice, and pass for the aviary.
 */
export const AVIARY_WRITER = 'post:aviary';

/** The aviary board's changes are heard by its staff only (post.aviary): to anyone else, an id heard of says a letter was sent, and when. */
const AVIARY_LISTENERS = { allowedTo: 'post.aviary' } as const;

/** Not deliverable: failed, and the sender gets a non-delivery notice in their own pigeon hole. */
async function fail(tx: Tx, d: DeliveryRow, why: string) {
  if (!(await advance(tx, d, 'failed', { failed_at: tx.now.toISOString(), failure: why }))) return;
  if (!d.sender_id || d.from_village !== HOME_VILLAGE) return;
  const id = newId();
  const at = tx.now;
  await insertMessages([tx], [{
    id, code: letterCodes.draw(tx), sender_id: null, from_village: HOME_VILLAGE, subject: `Not delivered: ${d.subject}`,
    body: `Your message ${d.code} could not be delivered: ${why}.`, precedence: 'routine', precedence_rank: rankOf('routine'),
    action_requested: boolParam(dialectOf(tx.db), false), in_reply_to: d.message_id, accepted_at: at.toISOString(), created_by: AVIARY_WRITER,
    classification: d.label.classification, compartments: toJson(d.label.compartments), version: 1, created_at: at.toISOString(), updated_at: at.toISOString(),
  }]);
  await addDeliveries(tx, id, 'routine', at, d.label, [{ kind: 'person', id: d.sender_id, atVillage: HOME_VILLAGE, route: null }]);
}


/** The recipient's own answers: read (never automatic), acknowledged, actioned. */
export async function answerDelivery(ctx: AppContext, deliveryId: string, to: 'read' | 'acknowledged' | 'actioned') {
  const d = await ownDelivery(ctx, deliveryId);
  await authorize(ctx, 'post.read', d.label);
  await transact(ctx, async (tx) => {
    // Answered from the pigeon hole: the desk stops asking for it. The item is closed first, and
    // only if still pending, in one statement: a decision on the desk at the same instant then
    // either went first (and this finds it decided, below, or the copy moved on: 409) or waits
    // for this one and finds the item closed (409 there). Item before copy, as the desk does, so
    // the two never wait on each other.
    if (to !== 'read') await settleActionItem(tx, d, to);
    await refuseAgainstDesk(tx, d, to);
    await answerCopy(tx, d, to, {});
  });
  return getPigeonHoleItem(ctx, d.id);
}

/** Moves a copy to the answer (reading it first if it was unread: the answer implies the reading), audited. */
async function answerCopy(tx: Tx, d: DeliveryRow, to: 'read' | 'acknowledged' | 'actioned', detail: Record<string, unknown>) {
  const stamp = { read: 'read', acknowledged: 'acknowledged', actioned: 'actioned' }[to];
  // Who answered: on an office's copy, the member who did (the first member's reading reads it for the office).
  const by = tx.actor.personId ?? null;
  let cur = d;
  if (to !== 'read' && cur.state === 'delivered') {
    await advance(tx, cur, 'read', { read_at: tx.now.toISOString(), read_by: by });
    cur = { ...cur, state: 'read' };
  }
  if (!(await advance(tx, cur, to, { [`${stamp}_at`]: tx.now.toISOString(), [`${stamp}_by`]: by }))) throw PostErrors.state('someone changed it at the same moment: reload it');
  // A desk's answer names the official it was decided for: the record carries their label too.
  const actingFor = (detail.actingFor as { person?: string } | null | undefined)?.person;
  const told = actingFor ? join(d.label, await labelOfRecords(registryModule.references!.person, tx.db, [actingFor])) : d.label;
  tx.audit({ action: `post.${to === 'read' ? 'read' : to === 'acknowledged' ? 'acknowledge' : 'action'}`, objectType: 'post_delivery', objectId: d.id, ...auditedAt(told), detail: { messageId: d.message_id, ...detail } });
}

/** Who "recorded" a reply the desk wrote: not a username (those have no colon), so no account reads it as its recorder. */
const DESK_REPLY = 'desk:reply';

/**
 * A reply from a copy's recipient to the message's sender, at the message's label and precedence,
 * carried like any other (the aviary's jobs, in this transaction). Used by the desk's denial.
 */
async function replyToSender(tx: Tx, d: DeliveryRow, subject: string, body: string) {
  if (!d.sender_id) return;
  const id = newId();
  const at = tx.now;
  const routes = await hawkRoutes(tx.db);
  await insertMessages([tx], [{
    id, code: letterCodes.draw(tx), sender_id: d.recipient_id, from_village: d.at_village, subject, body: body.slice(0, 20_000),
    precedence: d.precedence, precedence_rank: rankOf(d.precedence), action_requested: boolParam(dialectOf(tx.db), false),
    // The reply is the recipient's (their desk's), not the writer's: an acting official who
    // denied for them must not keep reading it as its "recorder" once the delegation ends (who
    // wrote it stays in the audit, on behalf of the recipient). No account can be called so.
    in_reply_to: d.message_id, accepted_at: at.toISOString(), created_by: DESK_REPLY,
    classification: d.label.classification, compartments: toJson(d.label.compartments), version: 1, created_at: at.toISOString(), updated_at: at.toISOString(),
  }]);
  // No route back: it fails at dispatch, and the non-delivery notice tells the one who replied.
  const route = d.at_village === d.from_village ? null : routeBetween(routes, d.at_village, d.from_village);
  await addDeliveries(tx, id, d.precedence, at, d.label, [{ kind: 'person', id: d.sender_id, atVillage: d.from_village, route }]);
  tx.audit({ action: 'post.send', objectType: 'post_message', objectId: id, classification: d.label.classification, compartments: [...d.label.compartments], detail: { precedence: d.precedence, recipients: 1, inReplyTo: d.message_id, via: 'desk' } });
}

/** The desk's decisions on a copy, done as the recipient's own answers (post-desk.ts). */
export const copyAnswers: CopyAnswers = {
  answer: (ctx, d, to, detail) => transact(ctx, (tx) => answerCopy(tx, d, to, detail)),
  reply: (ctx, d, subject, body) => transact(ctx, (tx) => replyToSender(tx, d, subject, body)),
};

/** Replaces the hawk routes (the aviary's table of distances and speeds). */
export async function setRoutes(ctx: AppContext, input: TRoutes) {
  const p = parseInput(ZRoutes, input);
  await authorize(ctx, 'post.routes.manage');
  const seen = new Set<string>();
  for (const [i, r] of p.routes.entries()) {
    const key = [r.from, r.to].sort().join('|');
    if (seen.has(key)) throw PostErrors.noRoute(`body.routes.${i}`, r.from, r.to);
    seen.add(key);
    await villageExists(ctx, r.from, `body.routes.${i}.from`);
    await villageExists(ctx, r.to, `body.routes.${i}.to`);
  }
  await transact(ctx, async (tx) => {
    await tx.db.deleteFrom('post_route').execute();
    for (const r of p.routes) {
      const [a, b] = [r.from, r.to].sort() as [string, string];
      await tx.db.insertInto('post_route').values({ id: newId(), from_village: a, to_village: b, distance_km: r.distanceKm, hawk_kmh: r.hawkKmh, updated_at: tx.now.toISOString() }).execute();
    }
    tx.audit({ action: 'post.routes.manage', objectType: 'post_route', objectId: 'all', detail: { routes: p.routes.length } });
  });
  return { items: (await hawkRoutes(ctx.db)).map((r) => ({ ...r })) };
}
