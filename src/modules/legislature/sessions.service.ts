// Writing council sessions: the sitting and its agenda (the clerk's or the Kazekage's), the
// attendance (the clerk's, or a councillor marking themself present), the speaker queue (a
// councillor's own request, the chair's grant), motions (moved and seconded by members present),
// and roll-call votes: the chair opens one under a rule, each member answers once from their own
// account (or the clerk records an answer called aloud), and closing computes the result with
// roll-call.ts from the stored ballots and keeps the rule, quorum and counts beside it. A passed
// bill reading moves the bill on, its action linked to the vote.
import { sql } from 'kysely';
import { authorize, inTx, subjectOf, transact, type AppContext, type Tx } from '../../kernel/context.ts';
import { allowed } from '../../kernel/auth/policy.ts';
import { boolParam, forShare, fromJson, toBool, toJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { auditedAt, dominates, join, labelDominates, type Label, sortedLabel } from '../../kernel/auth/labels.ts';
import { labelOfReferences, resolveReference, UnknownReference } from '../../kernel/references.ts';
import { AppError } from '../../kernel/errors.ts';
import { voteResult, type Ballot } from './roll-call.ts';
import { findCitations } from './citations.ts';
import { checkBillMentions } from './bill-mentions.ts';
import { queueAfter, queueOf, QueueRefusal, type QueueEvent } from './speaker-queue.ts';
import { advanceRefusal, sameDayReading, type BillAction, type BillStage } from './bill-stages.ts';
import { majorityFor } from './session-rules.ts';
import { CHAIR_REFUSED, SessionErrors } from './legislature.errors.ts';
import { parseInput } from './legislature.schema.ts';
import { billOf } from './bills.read.ts';
import { villageToday } from './legislature.read.ts';
import { recordBillAction } from './bills.service.ts';
import {
  getQueue, getSession, membersOn, motionView, queueEvents, quorumOn, seatsOn, sessionOf, visibleSession, visibleVote, type StoredSession,
} from './sessions.read.ts';
import {
  SESSION_CODE_WIDTH, SESSION_LIMITS, SESSION_PREFIX, ZAgendaOrder, ZAttendanceSet, ZBallotCast, ZItemAdd, ZMotionCreate, ZMotionSecond, ZQueueAction, ZSessionCreate, ZSessionStatus, ZVoteOpen,
  type TAgendaOrder, type TAttendanceSet, type TBallotCast, type TItemAdd, type TMotionCreate, type TMotionSecond, type TQueueAction, type TSessionCreate,
  type TSessionStatus, type TVoteOpen,
} from './sessions.schema.ts';
import { nextCode, parseCode } from '../../kernel/code-series.ts';

export const MANAGE = 'legislature.session.manage';
export const TAKE_PART = 'legislature.session.take-part';
const CHANGED = 'legislature.session.changed';

const actorName = (tx: Tx) => tx.actor.username ?? tx.actor.kind;
const mayManage = (ctx: AppContext, s: StoredSession) => allowed(ctx.policy, subjectOf(ctx.actor), MANAGE, s.label);

/** The session, for a write by the clerk or the Kazekage: hidden = unknown (404), then the policy. */
async function forManager(ctx: AppContext, code: string): Promise<StoredSession> {
  const s = await visibleSession(ctx, code);
  await authorize(ctx, MANAGE, s.label, { type: 'session', id: s.id });
  return s;
}

/** The acting councillor's own person, a member on the session's date (else 403). */
async function asMember(ctx: AppContext, s: StoredSession): Promise<string> {
  await authorize(ctx, TAKE_PART, s.label, { type: 'session', id: s.id });
  const me = ctx.actor.personId;
  if (!me || !(await membersOn(ctx.db, s.date)).some((m) => m.personId === me)) throw SessionErrors.notMember(s.code, s.date);
  return me;
}

/** A person named in a request who must be a member on the session's date (422 at `path` if not, hidden = unknown). */
async function namedMember(ctx: AppContext, s: StoredSession, ref: string, path: string): Promise<string> {
  const p = await resolveReference(ctx, 'registry.person', ref, { path });
  if (!(await membersOn(ctx.db, s.date)).some((m) => m.personId === p.id)) throw SessionErrors.notAMemberNamed(s.code, s.date, path);
  return p.id;
}

/** Inside the transaction: the session as stored now, its version moved on (and, on PostgreSQL, its row held until commit). */
async function claim(tx: Tx, s: StoredSession, set: Record<string, unknown> = {}): Promise<StoredSession> {
  await tx.db.updateTable('legislature_session').set({ ...set, version: sql`version + 1`, updated_at: tx.now.toISOString() }).where('id', '=', s.id).execute();
  return sessionOf(await tx.db.selectFrom('legislature_session').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow());
}

/**
 * A session sits, and puts questions, only on its own date (village time): its votes date the
 * bill's readings by it, and a sitting held on another day would let readings recorded for days
 * still to come count as held on different days (section 2-114(3)).
 */
function mustSitToday(ctx: AppContext, s: StoredSession, doing: string) {
  const today = villageToday(ctx);
  if (s.date !== today) throw SessionErrors.state(s.code, `it is dated ${s.date}, and today is ${today} (village time): ${doing} is possible only on the session's own date`);
}

function mustBe(s: StoredSession, allowedStates: readonly StoredSession['status'][], doing: string) {
  if (!allowedStates.includes(s.status)) throw SessionErrors.state(s.code, `it is ${s.status}, so ${doing} is not possible (only while ${allowedStates.join(' or ')})`);
}

/**
 * The bills an agenda names, each one the session's own readers may see. A bill classified above
 * the session is refused rather than withheld at read: everything the sitting stores about its
 * reading (the vote's question and result, the minutes, their search document, the agenda title
 * the clerk types) is text at the session's label that names the bill, and free text cannot be
 * withheld after the fact. A secret bill is read at a sitting cleared for it; a public bill may be
 * read at any sitting (reading down names nothing hidden).
 */
async function resolveItemBills(ctx: AppContext, session: Label, items: readonly { kind: string; bill?: string }[], path: (i: number) => string) {
  const out: (string | null)[] = [];
  const readerAtSession = { level: session.classification, compartments: session.compartments };
  for (const [i, it] of items.entries()) {
    if (it.kind !== 'bill_reading') { out.push(null); continue; }
    const bill = await resolveReference(ctx, 'legislature.bill', it.bill!, { path: path(i) });
    if (!bill.labels.every((l) => dominates(readerAtSession, l))) throw SessionErrors.billAboveSession(bill.code ?? it.bill!, path(i));
    out.push(bill.id);
  }
  return out;
}

const labelWords = (l: Label) => `${l.classification.replace(/_/g, ' ')}${l.compartments.length ? ` (${l.compartments.join(', ')})` : ''}`;

/**
 * The chair of a session: a person the writer may see, and, for a session above public, one with
 * an account cleared for its label — the chair runs the sitting and reads all it holds. An unknown
 * or hidden person and an uncleared one get the same answer (the refusal names no clearance).
 */
async function chairFor(ctx: AppContext, label: Label, ref: string, path: string) {
  const open = label.classification === 'public' && label.compartments.length === 0;
  if (open) return resolveReference(ctx, 'registry.person', ref, { path });
  const refused = (denial?: UnknownReference['denial']) => {
    const message = `No person with the id "${ref}" may chair this session: the chair of a session labelled ${labelWords(label)} is a person of the registry whose account is cleared for that label. Check the id, or choose another chair.`;
    const details = [{ path, message: 'not a person who may chair this session' }];
    return denial ? new UnknownReference(CHAIR_REFUSED, 'unprocessable', message, details, denial) : new AppError(CHAIR_REFUSED, 'unprocessable', message, details);
  };
  let chair;
  try {
    chair = await resolveReference(ctx, 'registry.person', ref, { path });
  } catch (e) {
    if (e instanceof UnknownReference) throw refused(e.denial);
    throw e;
  }
  const accounts = await ctx.db.selectFrom('kernel_account').select(['clearance_level', 'compartments']).where('person_id', '=', chair.id).where('disabled_at', 'is', null).execute();
  if (!accounts.some((a) => dominates({ level: a.clearance_level, compartments: fromJson<string[]>(a.compartments, []) }, label))) throw refused();
  return chair;
}


/**
 * The label of a sitting's record naming these members: the sitting's joined with theirs, so the
 * log tells of a member nobody the session page would not tell of (a masked councillor's
 * attendance, motion or ballot; attack a13k).
 */
async function naming(ctx: AppContext, tx: Tx, label: Label, members: readonly (string | null | undefined)[]): Promise<Label> {
  return join(label, await labelOfReferences(ctx, 'registry.person', members, tx.db));
}
export async function createSession(ctx: AppContext, input: TSessionCreate) {
  const p = parseInput(ZSessionCreate, input);
  const label = sortedLabel(p);
  await authorize(ctx, MANAGE, label);
  const code = await transact(ctx, async (tx) => {
    const as = inTx(ctx, tx);
    const chair = await chairFor(as, label, p.chair, 'body.chair');
    const bills = await resolveItemBills(as, label, p.agenda, (i) => `body.agenda.${i}.bill`);
    await checkBillMentions(as, label, p.title, 'body.title');
    await checkBillMentions(as, label, p.place, 'body.place');
    for (const [i, it] of p.agenda.entries()) await checkBillMentions(as, label, it.title, `body.agenda.${i}.title`);
    const year = Number(p.date.slice(0, 4));
    // Numbered in the series of its label: a gap in the codes a reader sees never counts a session they may not.
    const code = await nextCode(tx, { prefix: SESSION_PREFIX, year, label, width: SESSION_CODE_WIDTH });
    const number = parseCode(code, SESSION_CODE_WIDTH)!.number;
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db.insertInto('legislature_session').values({
      id, code, year, number, title: p.title, sitting_on: p.date, starts_at: p.startsAt, minutes_long: p.minutesLong, place: p.place,
      chair_id: chair.id, status: 'scheduled', opened_at: null, adjourned_at: null, created_by: actorName(tx),
      classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
    }).execute();
    if (p.agenda.length) {
      await tx.db.insertInto('legislature_session_item').values(p.agenda.map((it, i) => ({
        id: newId(), session_id: id, position: i + 1, kind: it.kind, title: it.title, bill_id: bills[i], bill_stage: it.kind === 'bill_reading' ? it.stage : null,
      }))).execute();
    }
    const named = chair.labels.reduce(join, label);
    tx.audit({ action: MANAGE, objectType: 'session', objectId: id, ...auditedAt(named), detail: { code, created: true, date: p.date, chair: chair.id, items: p.agenda.length } });
    tx.emit(CHANGED, { code, what: 'created' }, label);
    return code;
  });
  return getSession(ctx, code);
}

/** Adds an agenda item (at a place, default last) while the session is scheduled or sitting. */
export async function addAgendaItem(ctx: AppContext, code: string, input: TItemAdd) {
  const p = parseInput(ZItemAdd, input);
  const s = await forManager(ctx, code);
  mustBe(s, ['scheduled', 'sitting'], 'changing its agenda');
  await transact(ctx, async (tx) => {
    await claim(tx, s);
    const [bill] = await resolveItemBills(inTx(ctx, tx), s.label, [p as { kind: string; bill?: string }], () => 'body.bill');
    await checkBillMentions(inTx(ctx, tx), s.label, p.title, 'body.title');
    const items = await tx.db.selectFrom('legislature_session_item').select(['id', 'position']).where('session_id', '=', s.id).orderBy('position').execute();
    if (items.length >= SESSION_LIMITS.agendaItems) throw SessionErrors.limit(s.code, `its agenda has ${items.length} items, the most a session takes (${SESSION_LIMITS.agendaItems})`, 'body');
    const position = Math.min(p.position ?? items.length + 1, items.length + 1);
    for (const it of items.filter((i) => Number(i.position) >= position).reverse()) {
      await tx.db.updateTable('legislature_session_item').set({ position: Number(it.position) + 1 }).where('id', '=', it.id).execute();
    }
    const id = newId();
    await tx.db.insertInto('legislature_session_item').values({ id, session_id: s.id, position, kind: p.kind, title: p.title, bill_id: bill ?? null, bill_stage: p.kind === 'bill_reading' ? p.stage : null }).execute();
    tx.audit({ action: MANAGE, objectType: 'session', objectId: s.id, ...auditedAt(s.label), detail: { code: s.code, item: id, kind: p.kind, position } });
    tx.emit(CHANGED, { code: s.code, what: 'agenda' }, s.label);
  });
  return getSession(ctx, s.code);
}

/** Puts the agenda in a new order: every item named once. */
export async function orderAgenda(ctx: AppContext, code: string, input: TAgendaOrder) {
  const p = parseInput(ZAgendaOrder, input);
  const s = await forManager(ctx, code);
  mustBe(s, ['scheduled', 'sitting'], 'changing its agenda');
  await transact(ctx, async (tx) => {
    await claim(tx, s);
    const items = await tx.db.selectFrom('legislature_session_item').select('id').where('session_id', '=', s.id).execute();
    const ids = new Set(items.map((i) => i.id as string));
    const unknown = p.items.find((i) => !ids.has(i));
    if (unknown !== undefined) throw SessionErrors.itemUnknown(s.code, unknown, `body.items.${p.items.indexOf(unknown)}`);
    if (new Set(p.items).size !== p.items.length) throw SessionErrors.agendaOrder(s.code, 'an item is named twice: name each once');
    if (p.items.length !== ids.size) throw SessionErrors.agendaOrder(s.code, `name all ${ids.size} items, in their new order (${p.items.length} named)`);
    for (const [i, id] of p.items.entries()) await tx.db.updateTable('legislature_session_item').set({ position: i + 1 }).where('id', '=', id).execute();
    tx.audit({ action: MANAGE, objectType: 'session', objectId: s.id, ...auditedAt(s.label), detail: { code: s.code, order: p.items } });
    tx.emit(CHANGED, { code: s.code, what: 'agenda' }, s.label);
  });
  return getSession(ctx, s.code);
}

/** scheduled → sitting → adjourned; a session with an open vote is not adjourned. */
export async function setSessionStatus(ctx: AppContext, code: string, input: TSessionStatus) {
  const p = parseInput(ZSessionStatus, input);
  const s = await forManager(ctx, code);
  if (p.status === 'sitting') {
    mustBe(s, ['scheduled'], 'opening the sitting');
    mustSitToday(ctx, s, 'opening the sitting');
  } else mustBe(s, ['sitting'], 'adjourning it');
  await transact(ctx, async (tx) => {
    if (p.status === 'adjourned') {
      const open = await tx.db.selectFrom('legislature_vote').select('number').where('session_id', '=', s.id).where('status', '=', 'open').executeTakeFirst();
      if (open) throw SessionErrors.voteOpen(s.code, Number(open.number));
    }
    const at = tx.now.toISOString();
    // Claimed only from the state read: a second click races and is told where the session is.
    const r = await tx.db.updateTable('legislature_session')
      .set({ status: p.status, ...(p.status === 'sitting' ? { opened_at: at } : { adjourned_at: at }), version: sql`version + 1`, updated_at: at })
      .where('id', '=', s.id).where('status', '=', s.status).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw SessionErrors.state(s.code, 'its status changed meanwhile: reload it');
    tx.audit({ action: MANAGE, objectType: 'session', objectId: s.id, ...auditedAt(s.label), detail: { code: s.code, status: p.status } });
    tx.emit(CHANGED, { code: s.code, what: 'status', status: p.status }, s.label);
  });
  return getSession(ctx, s.code);
}

/**
 * A member's attendance. "me": a councillor marks themself present; naming a member (or any other
 * answer) is the clerk's.
 */
export async function setAttendance(ctx: AppContext, code: string, memberRef: string, input: TAttendanceSet) {
  const p = parseInput(ZAttendanceSet, input);
  const s = await visibleSession(ctx, code);
  let member: string;
  if (memberRef === 'me') {
    member = await asMember(ctx, s);
    if (p.status !== 'present') {
      // Only presence is a councillor's own to record; absent or excused is the clerk's finding.
      await authorize(ctx, MANAGE, s.label, { type: 'session', id: s.id });
    }
  } else {
    await authorize(ctx, MANAGE, s.label, { type: 'session', id: s.id });
    member = await namedMember(ctx, s, memberRef, 'params.member');
  }
  mustBe(s, ['scheduled', 'sitting'], 'recording attendance');
  await transact(ctx, async (tx) => {
    await claim(tx, s);
    const at = tx.now.toISOString();
    await tx.db.insertInto('legislature_session_attendance').values({ session_id: s.id, person_id: member, status: p.status, recorded_at: at, recorded_by: actorName(tx) })
      .onConflict((oc) => oc.columns(['session_id', 'person_id']).doUpdateSet({ status: p.status, recorded_at: at, recorded_by: actorName(tx) })).execute();
    tx.audit({ action: memberRef === 'me' && p.status === 'present' ? TAKE_PART : MANAGE, objectType: 'session', objectId: s.id, ...auditedAt(await naming(ctx, tx, s.label, [member])), detail: { code: s.code, member, attendance: p.status } });
    tx.emit(CHANGED, { code: s.code, what: 'attendance', status: p.status }, s.label);
  });
  return getSession(ctx, s.code);
}

/**
 * One event of the speaker queue, folded onto the session's log with queueAfter: a councillor asks
 * to speak (or raises a point of order) or withdraws, for themself, or the clerk records it for a
 * member who raised a hand; the chair (or the clerk) gives the floor; the speaker yields, or the
 * chair ends the turn.
 */
export async function queueAction(ctx: AppContext, code: string, input: TQueueAction) {
  const p = parseInput(ZQueueAction, input);
  const s = await visibleSession(ctx, code);
  const me = ctx.actor.personId ?? null;
  let member: string | null = null;
  let action = MANAGE;
  /** A councillor ending their own turn: checked against the floor inside the transaction. */
  let ownYield = false;
  const mayTakePart = () => allowed(ctx.policy, subjectOf(ctx.actor), TAKE_PART, s.label);
  if (p.type === 'request' || p.type === 'withdraw') {
    if (p.member === undefined || p.member === me) {
      member = await asMember(ctx, s);
      action = TAKE_PART;
    } else if (mayManage(ctx, s)) {
      await authorize(ctx, MANAGE, s.label, { type: 'session', id: s.id });
      member = await namedMember(ctx, s, p.member, 'body.member');
    } else if (mayTakePart()) {
      throw SessionErrors.onlyYourself(p.type === 'request' ? 'asks for the floor' : 'withdraws a request to speak');
    } else await authorize(ctx, MANAGE, s.label, { type: 'session', id: s.id });
  } else if (mayManage(ctx, s)) await authorize(ctx, MANAGE, s.label, { type: 'session', id: s.id });
  else if (me !== null && me === s.chairId) {
    await authorize(ctx, TAKE_PART, s.label, { type: 'session', id: s.id });
    action = TAKE_PART;
  } else if (p.type === 'yield' && mayTakePart()) {
    await asMember(ctx, s);
    action = TAKE_PART;
    ownYield = true;
  } else if (mayTakePart()) throw SessionErrors.notChair(s.code);
  else await authorize(ctx, MANAGE, s.label, { type: 'session', id: s.id });
  mustBe(s, ['sitting'], 'using the speaker queue');
  await transact(ctx, async (tx) => {
    await claim(tx, s);
    const at = tx.now.toISOString();
    const events = await queueEvents(tx.db, s.id);
    const before = queueOf(events);
    if (ownYield && before.floor?.member !== me) {
      throw SessionErrors.queue(s.code, 'only the member who has the floor yields it; the chair ends another\'s turn');
    }
    const event: QueueEvent = p.type === 'request' ? { type: 'request', member: member!, kind: p.kind, at }
      : p.type === 'withdraw' ? { type: 'withdraw', member: member!, at }
        : p.type === 'grant' ? { type: 'grant', at, limitSeconds: p.limitSeconds }
          : { type: 'yield', at };
    try {
      queueAfter(before, event);
    } catch (e) {
      if (e instanceof QueueRefusal) throw SessionErrors.queue(s.code, e.message);
      throw e;
    }
    await tx.db.insertInto('legislature_session_queue').values({
      session_id: s.id, seq: events.length + 1, type: event.type, member_id: 'member' in event ? event.member : null,
      kind: event.type === 'request' ? event.kind : null, limit_seconds: event.type === 'grant' ? event.limitSeconds : null, at, recorded_by: actorName(tx),
    }).execute();
    tx.audit({ action, objectType: 'session', objectId: s.id, ...auditedAt(await naming(ctx, tx, s.label, ['member' in event ? event.member : null])), detail: { code: s.code, queue: event } });
    tx.emit(CHANGED, { code: s.code, what: 'queue', type: event.type }, s.label);
  });
  return getQueue(ctx, s.code);
}

/** A bill's actions (stage and date), oldest first: section 2-114(3) looks for a reading on the same day. */
async function billActions(tx: Tx, billId: string): Promise<BillAction[]> {
  const rows = await tx.db.selectFrom('legislature_bill_action').select(['stage', 'on_date']).where('bill_id', '=', billId).orderBy('seq').execute();
  return rows.map((r) => ({ stage: r.stage as BillStage, date: String(r.on_date instanceof Date ? r.on_date.toISOString() : r.on_date).slice(0, 10) }));
}

async function presentMembers(db: AppContext['db'], sessionId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('legislature_session_attendance').select('person_id').where('session_id', '=', sessionId).where('status', '=', 'present').execute();
  return new Set(rows.map((r) => r.person_id as string));
}

/** Who acts for a motion: a councillor for themself; the clerk or the Kazekage names the member. */
async function motionActor(ctx: AppContext, s: StoredSession, ref: string | undefined, path: string): Promise<string> {
  if (ref === undefined || ref === ctx.actor.personId) return asMember(ctx, s);
  await authorize(ctx, MANAGE, s.label, { type: 'session', id: s.id });
  return namedMember(ctx, s, ref, path);
}

export async function moveMotion(ctx: AppContext, code: string, input: TMotionCreate) {
  const p = parseInput(ZMotionCreate, input);
  const s = await visibleSession(ctx, code);
  const mover = await motionActor(ctx, s, p.mover, 'body.mover');
  mustBe(s, ['sitting'], 'moving a motion');
  await checkBillMentions(ctx, s.label, p.text, 'body.text');
  const cites = findCitations(p.text).length;
  if (cites > SESSION_LIMITS.citationsPerMotion) throw SessionErrors.limit(s.code, `the motion cites ${cites} statutes; a motion cites at most ${SESSION_LIMITS.citationsPerMotion}`, 'body.text');
  const number = await transact(ctx, async (tx) => {
    await claim(tx, s);
    const texts = await tx.db.selectFrom('legislature_motion').select('text').where('session_id', '=', s.id).execute();
    if (texts.length >= SESSION_LIMITS.motions) throw SessionErrors.limit(s.code, `it has ${texts.length} motions, the most a session takes (${SESSION_LIMITS.motions}): continue at another sitting`, 'body.text');
    const cited = texts.reduce((n, t) => n + findCitations(t.text).length, 0);
    if (cited + cites > SESSION_LIMITS.citations) {
      throw SessionErrors.limit(s.code, `its motions cite ${cited} statutes and this one ${cites}; a session's motions cite at most ${SESSION_LIMITS.citations}`, 'body.text');
    }
    if (!(await presentMembers(tx.db, s.id)).has(mover)) throw SessionErrors.motionRule(s.code, 'the mover must be present (marked present in the attendance)', 'body.mover');
    let parentId: string | null = null;
    if (p.amends !== undefined) {
      const parent = await tx.db.selectFrom('legislature_motion').select(['id', 'status']).where('session_id', '=', s.id).where('number', '=', p.amends).executeTakeFirst();
      if (!parent) throw SessionErrors.motionRule(s.code, `there is no motion ${p.amends} to amend`, 'body.amends');
      if (parent.status === 'withdrawn' || parent.status === 'voted') throw SessionErrors.motionRule(s.code, `motion ${p.amends} is ${parent.status}: it takes no amendment`, 'body.amends');
      parentId = parent.id;
    }
    if (p.item !== undefined) {
      const item = await tx.db.selectFrom('legislature_session_item').select('id').where('session_id', '=', s.id).where('id', '=', p.item).executeTakeFirst();
      if (!item) throw SessionErrors.itemUnknown(s.code, p.item, 'body.item');
    }
    const last = await tx.db.selectFrom('legislature_motion').select((eb) => eb.fn.max('number').as('n')).where('session_id', '=', s.id).executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const id = newId();
    await tx.db.insertInto('legislature_motion').values({
      id, session_id: s.id, number, item_id: p.item ?? null, parent_id: parentId, text: p.text, mover_id: mover, seconder_id: null,
      status: 'moved', moved_at: tx.now.toISOString(), seconded_at: null, recorded_by: actorName(tx),
    }).execute();
    tx.audit({ action: mover === ctx.actor.personId ? TAKE_PART : MANAGE, objectType: 'motion', objectId: id, ...auditedAt(await naming(ctx, tx, s.label, [mover])), detail: { code: s.code, motion: number, mover, amends: p.amends ?? null } });
    tx.emit(CHANGED, { code: s.code, what: 'motion', motion: number, status: 'moved' }, s.label);
    return number;
  });
  return { motion: await motionView(ctx, s, number), number };
}

export async function secondMotion(ctx: AppContext, code: string, number: number, input: TMotionSecond) {
  const p = parseInput(ZMotionSecond, input);
  const s = await visibleSession(ctx, code);
  const seconder = await motionActor(ctx, s, p.seconder, 'body.seconder');
  mustBe(s, ['sitting'], 'seconding a motion');
  await transact(ctx, async (tx) => {
    await claim(tx, s);
    const m = await tx.db.selectFrom('legislature_motion').selectAll().where('session_id', '=', s.id).where('number', '=', number).executeTakeFirst();
    if (!m) throw SessionErrors.motionRule(s.code, `there is no motion ${number}`, 'params.number');
    if (m.status !== 'moved') throw SessionErrors.motionRule(s.code, `motion ${number} is ${m.status}: only a motion just moved is seconded`, 'params.number');
    if (m.mover_id === seconder) throw SessionErrors.motionRule(s.code, 'the mover cannot second their own motion', 'body.seconder');
    if (!(await presentMembers(tx.db, s.id)).has(seconder)) throw SessionErrors.motionRule(s.code, 'the seconder must be present (marked present in the attendance)', 'body.seconder');
    await tx.db.updateTable('legislature_motion').set({ seconder_id: seconder, status: 'seconded', seconded_at: tx.now.toISOString() }).where('id', '=', m.id).where('status', '=', 'moved').execute();
    tx.audit({ action: seconder === ctx.actor.personId ? TAKE_PART : MANAGE, objectType: 'motion', objectId: m.id, ...auditedAt(await naming(ctx, tx, s.label, [seconder])), detail: { code: s.code, motion: number, seconder } });
    tx.emit(CHANGED, { code: s.code, what: 'motion', motion: number, status: 'seconded' }, s.label);
  });
  return motionView(ctx, s, number);
}

/** The mover withdraws their motion (or the clerk records it), before it is put to the vote. */
export async function withdrawMotion(ctx: AppContext, code: string, number: number) {
  const s = await visibleSession(ctx, code);
  const m = await ctx.db.selectFrom('legislature_motion').selectAll().where('session_id', '=', s.id).where('number', '=', number).executeTakeFirst();
  if (m && m.mover_id === ctx.actor.personId && !mayManage(ctx, s)) await asMember(ctx, s);
  else await authorize(ctx, MANAGE, s.label, { type: 'session', id: s.id });
  if (!m) throw SessionErrors.motionRule(s.code, `there is no motion ${number}`, 'params.number');
  mustBe(s, ['sitting'], 'withdrawing a motion');
  await transact(ctx, async (tx) => {
    await claim(tx, s);
    const open = await tx.db.selectFrom('legislature_vote').select('id').where('motion_id', '=', m.id).executeTakeFirst();
    const r = await tx.db.updateTable('legislature_motion').set({ status: 'withdrawn' }).where('id', '=', m.id).where('status', 'in', ['moved', 'seconded']).executeTakeFirst();
    if (open || Number(r.numUpdatedRows) !== 1) throw SessionErrors.motionRule(s.code, `motion ${number} has been put to the vote or withdrawn already`, 'params.number');
    tx.audit({ action: m.mover_id === ctx.actor.personId ? TAKE_PART : MANAGE, objectType: 'motion', objectId: m.id, ...auditedAt(s.label), detail: { code: s.code, motion: number, withdrawn: true } });
    tx.emit(CHANGED, { code: s.code, what: 'motion', motion: number, status: 'withdrawn' }, s.label);
  });
  return motionView(ctx, s, number);
}

/**
 * The chair puts a question: a seconded motion, or a bill reading on the agenda (its vote, if
 * carried, moves the bill to the item's stage). The rule is fixed now: the majority (two thirds
 * only citing the statute that requires it), the quorum from section 2-104 and the seats from
 * section 2-101 that day, and the members entitled to answer (the seat holders on the session's date).
 */
export async function openVote(ctx: AppContext, code: string, input: TVoteOpen) {
  const p = parseInput(ZVoteOpen, input);
  const s = await forManager(ctx, code);
  mustBe(s, ['sitting'], 'opening a vote');
  mustSitToday(ctx, s, 'opening a vote');
  await checkBillMentions(ctx, s.label, p.basis, 'body.basis');
  const id = await transact(ctx, async (tx) => {
    await claim(tx, s);
    const open = await tx.db.selectFrom('legislature_vote').select('number').where('session_id', '=', s.id).where('status', '=', 'open').executeTakeFirst();
    if (open) throw SessionErrors.voteOpen(s.code, Number(open.number));
    let motionId: string | null = null;
    let itemId: string | null = null;
    let question: string;
    let rule: ReturnType<typeof majorityFor>;
    if (p.motion !== undefined) {
      const m = await tx.db.selectFrom('legislature_motion').selectAll().where('session_id', '=', s.id).where('number', '=', p.motion).executeTakeFirst();
      if (!m) throw SessionErrors.motionRule(s.code, `there is no motion ${p.motion}`, 'body.motion');
      if (p.urgent !== undefined) throw SessionErrors.motionRule(s.code, 'the Council certifies a bill urgent on the vote that passes it (a bill reading to "passed"), not on a motion', 'body.urgent');
      if (m.status !== 'seconded') throw SessionErrors.motionRule(s.code, `motion ${p.motion} is ${m.status}: only a seconded motion is put to the vote`, 'body.motion');
      motionId = m.id;
      question = `Motion ${p.motion}: ${m.text}`;
      rule = majorityFor({ kind: 'motion' }, p);
      if ('refused' in rule) throw SessionErrors.majority(s.code, rule);
    } else {
      const it = await tx.db.selectFrom('legislature_session_item').selectAll().where('session_id', '=', s.id).where('id', '=', p.item!).executeTakeFirst();
      if (!it) throw SessionErrors.itemUnknown(s.code, p.item!, 'body.item');
      if (it.kind !== 'bill_reading') throw SessionErrors.motionRule(s.code, `agenda item ${Number(it.position)} is a ${it.kind}, not a bill reading: put a motion on it instead`, 'body.item');
      const bill = billOf(await tx.db.selectFrom('legislature_bill').selectAll().where('id', '=', it.bill_id).executeTakeFirstOrThrow());
      // Refused on the agenda since; an item put there before is not voted at a label that would name it.
      if (!labelDominates(s.label, bill.label)) throw SessionErrors.billAboveSession(bill.code, 'body.item');
      const refusal = advanceRefusal({ stage: bill.stage, date: bill.stageOn }, { stage: it.bill_stage as BillStage, date: s.date });
      if (refusal) throw SessionErrors.motionRule(s.code, `bill ${bill.code} cannot be moved on by this vote: ${refusal.message}`, 'body.item');
      if (it.bill_stage === 'passed' && !bill.commencement) throw SessionErrors.motionRule(s.code, noCommencement(bill.code), 'body.item');
      // Sections 3-105(3) and 2-114(3): an override, or a reading on the day of another, needs two thirds (2-111(2)(a), (b)).
      const sameDay = sameDayReading(await billActions(tx, bill.id), { stage: it.bill_stage as BillStage, date: s.date }) !== null;
      rule = majorityFor({ kind: 'bill', stage: it.bill_stage, sameDay }, p);
      if ('refused' in rule) throw SessionErrors.majority(s.code, { ...rule, message: `bill ${bill.code}: ${rule.message}` });
      if (p.urgent !== undefined && it.bill_stage !== 'passed') throw SessionErrors.motionRule(s.code, `the Council certifies bill ${bill.code} urgent on the vote that passes it (a reading to "passed"), not on its ${String(it.bill_stage).replace(/_/g, ' ')}`, 'body.urgent');
      itemId = it.id;
      question = `${it.title} (bill ${bill.code}, to ${String(it.bill_stage).replace(/_/g, ' ')})`;
    }
    const members = await membersOn(tx.db, s.date);
    const quorum = await quorumOn(tx.db, s.date, members.length);
    const seats = await seatsOn(tx.db, s.date);
    const last = await tx.db.selectFrom('legislature_vote').select((eb) => eb.fn.max('number').as('n')).where('session_id', '=', s.id).executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const id = newId();
    await tx.db.insertInto('legislature_vote').values({
      id, session_id: s.id, number, motion_id: motionId, item_id: itemId, question,
      majority: rule.majority, majority_basis: rule.basis, quorum: quorum.needed, quorum_basis: quorum.basis,
      seats: seats.seats, seats_basis: seats.basis, members: toJson(members.map((m) => m.personId)), status: 'open', opened_at: tx.now.toISOString(), opened_by: actorName(tx),
      urgent: p.urgent === undefined ? null : boolParam(tx.dialect, p.urgent),
    }).execute();
    tx.audit({ action: MANAGE, objectType: 'vote', objectId: id, ...auditedAt(s.label), detail: { code: s.code, vote: number, motion: p.motion ?? null, item: itemId, majority: rule.majority, basis: rule.basis, quorum: quorum.needed, seats: seats.seats } });
    tx.emit(CHANGED, { code: s.code, what: 'vote', vote: id, status: 'open' }, s.label);
    return id;
  });
  return voteOf(ctx, s.code, id);
}

/** Final passage needs the day the bill comes into force: a bill passed without one could be neither signed nor amended. */
const noCommencement = (code: string) =>
  `bill ${code} has no commencement date: set it first (with its amendments, PUT /api/legislature/bills/${code}/amendments), then put its final passage to the vote`;

async function voteOf(ctx: AppContext, code: string, id: string) {
  return (await getSession(ctx, code)).votes.find((v) => v.id === id)!;
}

/**
 * One member's answer. A councillor answers for themself; the clerk records an answer called
 * aloud by naming the member. Exactly one ballot per member: the (vote, member) key refuses a
 * second, however many requests race; the vote row is held shared so closing waits for answers
 * being written, and an answer after the close sees it closed.
 */
export async function castBallot(ctx: AppContext, voteId: string, input: TBallotCast) {
  const p = parseInput(ZBallotCast, input);
  const { session: s, vote } = await visibleVote(ctx, voteId);
  let member: string;
  let aloud = false;
  if (p.member === undefined || p.member === ctx.actor.personId) member = await asMember(ctx, s);
  else {
    await authorize(ctx, MANAGE, s.label, { type: 'vote', id: vote.id });
    member = (await resolveReference(ctx, 'registry.person', p.member, { path: 'body.member' })).id;
    aloud = true;
  }
  if (!fromJson<string[]>(vote.members, []).includes(member)) throw SessionErrors.notAMemberNamed(s.code, s.date, 'body.member');
  // Section 2-105(3): the presiding councillor votes only to break a tie, which the result does by itself.
  if (member === s.chairId) throw SessionErrors.chairAnswersNone(s.code, aloud ? 'body.member' : 'body.option');
  await transact(ctx, async (tx) => {
    const now = await forShare(tx.dialect, tx.db.selectFrom('legislature_vote').select('status').where('id', '=', vote.id)).executeTakeFirstOrThrow();
    if (now.status !== 'open') throw SessionErrors.voteClosed();
    const attendance = await tx.db.selectFrom('legislature_session_attendance').select('status').where('session_id', '=', s.id).where('person_id', '=', member).executeTakeFirst();
    if (attendance?.status === 'excused') throw SessionErrors.excused(s.code, aloud ? 'body.member' : 'body.option');
    const r = await tx.db.insertInto('legislature_ballot').values({
      vote_id: vote.id, member_id: member, option: p.option, cast_at: tx.now.toISOString(), recorded_by: actorName(tx), called_aloud: boolParam(tx.dialect, aloud),
    }).onConflict((oc) => oc.columns(['vote_id', 'member_id']).doNothing()).executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) {
      const had = await tx.db.selectFrom('legislature_ballot').select('option').where('vote_id', '=', vote.id).where('member_id', '=', member).executeTakeFirst();
      throw SessionErrors.alreadyAnswered(had?.option ?? 'recorded');
    }
    tx.audit({ action: aloud ? MANAGE : TAKE_PART, objectType: 'vote', objectId: vote.id, ...auditedAt(await naming(ctx, tx, s.label, [member])), detail: { code: s.code, vote: Number(vote.number), member, option: p.option, calledAloud: aloud } });
    // Who voted is not in the event: every listener cleared for the sitting hears it, and may not
    // see every member (the roll call shows a hidden member withheld; the page reloads it).
    tx.emit(CHANGED, { code: s.code, what: 'ballot', vote: vote.id }, s.label);
  });
  return voteOf(ctx, s.code, vote.id);
}

/**
 * Closes the vote: the result from the stored ballots with voteResult, members who gave none
 * recorded absent, counts, rule and quorum kept with the outcome. A carried bill reading moves
 * the bill on, the action naming the vote.
 */
export async function closeVote(ctx: AppContext, voteId: string) {
  const { session: s, vote } = await visibleVote(ctx, voteId);
  await authorize(ctx, MANAGE, s.label, { type: 'vote', id: vote.id });
  await transact(ctx, async (tx) => {
    const at = tx.now.toISOString();
    // Taken first: waits for answers being written, and turns away any after it.
    const r = await tx.db.updateTable('legislature_vote').set({ status: 'closed', closed_at: at, closed_by: actorName(tx) }).where('id', '=', vote.id).where('status', '=', 'open').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw SessionErrors.voteClosed();
    await claim(tx, s);
    const members = fromJson<string[]>(vote.members, []);
    const rows = await tx.db.selectFrom('legislature_ballot').select(['member_id', 'option']).where('vote_id', '=', vote.id).execute();
    const ballots = new Map(rows.map((b) => [b.member_id as string, b.option as Ballot]));
    // The chair answers no roll call, but sitting at the table counts for the quorum (sections 2-105(3), 2-104(4)).
    const chairHere = await tx.db.selectFrom('legislature_session_attendance').select('status').where('session_id', '=', s.id).where('person_id', '=', s.chairId).executeTakeFirst();
    const result = voteResult(ballots, members, { majority: vote.majority, quorum: Number(vote.quorum), seats: Number(vote.seats), basis: vote.majority_basis }, { member: s.chairId, present: chairHere?.status === 'present' });
    const absent = members.filter((m) => !ballots.has(m) && m !== s.chairId);
    if (absent.length) {
      await tx.db.insertInto('legislature_ballot').values(absent.map((m) => ({ vote_id: vote.id, member_id: m, option: 'absent', cast_at: at, recorded_by: actorName(tx), called_aloud: boolParam(tx.dialect, false) }))).execute();
    }
    // The outcome is written before the bill moves: the bill's action is checked against the vote's result.
    await tx.db.updateTable('legislature_vote').set({
      outcome: result.outcome, yes_count: result.tally.yes, no_count: result.tally.no, abstain_count: result.tally.abstain, absent_count: result.tally.absent,
      present_count: result.tally.present, needed: result.needed, explanation: result.explanation,
    }).where('id', '=', vote.id).execute();
    if (vote.item_id && result.outcome !== 'no_quorum') {
      const moved = await moveBillOn(ctx, tx, s, vote, result.outcome);
      if (moved) await tx.db.updateTable('legislature_vote').set({ explanation: result.explanation + moved }).where('id', '=', vote.id).execute();
    }
    if (vote.motion_id) await tx.db.updateTable('legislature_motion').set({ status: 'voted' }).where('id', '=', vote.motion_id).execute();
    tx.audit({ action: MANAGE, objectType: 'vote', objectId: vote.id, ...auditedAt(s.label), detail: { code: s.code, vote: Number(vote.number), outcome: result.outcome, tally: result.tally, needed: result.needed, rule: result.rule } });
    tx.emit(CHANGED, { code: s.code, what: 'vote', vote: vote.id, status: 'closed', outcome: result.outcome }, s.label);
  });
  return voteOf(ctx, s.code, vote.id);
}

/**
 * What the closed vote does to the bill: carried, the bill moves to the item's stage; lost, a
 * reading the bill may fail on (third reading, or the vote on the whole) records it failed. A lost
 * resolution to read the bill again the same day (section 2-114(3)) fails nothing: the reading may
 * be held another day. The action names the vote. Returns the words added to the explanation.
 */
async function moveBillOn(ctx: AppContext, tx: Tx, s: StoredSession, vote: Record<string, any>, outcome: 'passed' | 'failed'): Promise<string> {
  const item = await tx.db.selectFrom('legislature_session_item').selectAll().where('id', '=', vote.item_id).executeTakeFirstOrThrow();
  const bill = billOf(await tx.db.selectFrom('legislature_bill').selectAll().where('id', '=', item.bill_id).executeTakeFirstOrThrow());
  const stage = item.bill_stage as Exclude<BillStage, 'drafted'>;
  const words = (st: string) => st.replace(/_/g, ' ');
  if (outcome === 'failed') {
    if (vote.majority === 'two_thirds' && sameDayReading(await billActions(tx, bill.id), { stage, date: s.date })) {
      return ` The Council did not resolve by two thirds to read bill ${bill.code} again the same day (section 2-114(3)): it stays at ${words(bill.stage)}, to be read another day.`;
    }
    if (stage === 'veto_overridden') return ` The veto of bill ${bill.code} stands.`;
    if (advanceRefusal({ stage: bill.stage, date: bill.stageOn }, { stage: 'failed', date: s.date })) return ` Bill ${bill.code} stays at ${words(bill.stage)}.`;
    await recordBillAction(inTx(ctx, tx), bill.code, { stage: 'failed', on: s.date }, { voteId: vote.id });
    return ` Bill ${bill.code} fails.`;
  }
  const refusal = advanceRefusal({ stage: bill.stage, date: bill.stageOn }, { stage, date: s.date });
  if (refusal) return ` Bill ${bill.code} was not moved on: ${refusal.message}.`;
  // Its commencement cleared since the vote was opened: the bill stays where it is.
  if (stage === 'passed' && !bill.commencement) return ` Bill ${bill.code} was not moved on: ${noCommencement(bill.code)}.`;
  // Another reading may have been held today since the vote was opened under a simple majority.
  if (vote.majority !== 'two_thirds' && sameDayReading(await billActions(tx, bill.id), { stage, date: s.date })) {
    return ` Bill ${bill.code} was not moved on: it was read already on ${s.date}, and a second reading that day needs two thirds of all councillors (sections 2-114(3) and 2-111(2)(b)).`;
  }
  // No note naming the session: the action is stored at the bill's label, which may be below the
  // session's; the bill's page names the vote from the reference, for a reader who may see it.
  await recordBillAction(inTx(ctx, tx), bill.code, { stage, on: s.date, ...(stage === 'passed' && toBool(vote.urgent) ? { urgent: true } : {}) }, { voteId: vote.id });
  return ` Bill ${bill.code} moves to ${words(stage)}.`;
}
