// Reading council sessions: one session as every page draws it (agenda, members on its date with
// their attendance, the quorum from the statute in force that day, the speaker queue folded from
// its events with the floor clock, motions with their citations, votes with ballots), the list,
// votes and motions in Popolo's shapes, and the calendar. Every query filters by the reader's
// labels in SQL; a hidden session (or its vote or motion) is an unknown one.
import type { Kysely } from 'kysely';
import { subjectOf, type AppContext } from '../../kernel/context.ts';
import { allowed } from '../../kernel/auth/policy.ts';
import { fromJson, labelVisible, toBool } from '../../kernel/db/dialect.ts';
import { readerLabels } from '../../kernel/auth/reader.ts';
import { refuse, showReferences, UnknownReference, WITHHELD, type Withheld } from '../../kernel/references.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { postCountOf, postHoldersOn } from '../registry/index.ts';
import { queueOf, secondsLeft, type QueueEvent, type SpeakerQueue } from './speaker-queue.ts';
import { MOTION_NOT_FOUND, SESSION_NOT_FOUND, VOTE_NOT_FOUND } from './legislature.errors.ts';
import { loadStatutes, resolveCitationsInText, textOn } from './legislature.read.ts';
import { MAX_CITATION_TEXT } from './legislature.schema.ts';
import { defaultQuorum, MAJORITY_STATUTE, QUORUM_STATUTE, quorumFromText, SEATS_STATUTE, seatsFromText } from './session-rules.ts';
import { calendar, type CalendarEvent } from './ical.ts';
import { SESSION_CODE_WIDTH, SESSION_PREFIX, type TMotionView, type TSession, type TVoteView } from './sessions.schema.ts';
import { parseCode } from '../../kernel/code-series.ts';

type Row = Record<string, any>;
const day = (v: unknown): string => String(v instanceof Date ? v.toISOString() : v).slice(0, 10);
const instant = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const maybeInstant = (v: unknown): string | null => (v === null || v === undefined ? null : instant(v));

export const COUNCIL = 'council';

export interface StoredSession {
  id: string; code: string; title: string; date: string; startsAt: string; minutesLong: number; place: string;
  chairId: string; status: 'scheduled' | 'sitting' | 'adjourned'; openedAt: string | null; adjournedAt: string | null;
  label: Label; version: number;
}
export const sessionOf = (r: Row): StoredSession => ({
  id: r.id, code: r.code, title: r.title, date: day(r.sitting_on), startsAt: r.starts_at, minutesLong: Number(r.minutes_long), place: r.place,
  chairId: r.chair_id, status: r.status, openedAt: maybeInstant(r.opened_at), adjournedAt: maybeInstant(r.adjourned_at),
  label: { classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) }, version: Number(r.version),
});

const codeText = (code: string) => JSON.stringify(code.slice(0, 100)).slice(1, -1);
const sessionNotFound = (refused: UnknownReference, code: string) =>
  new UnknownReference(SESSION_NOT_FOUND, refused.kind as 'not_found' | 'unprocessable',
    `No council session has the code ${codeText(code)}. Check it, or find the session in the list (/sessions).`, refused.details as { path: string; message: string }[], refused.denial);

const visible = (ctx: AppContext, alias: string) => {
  const labels = readerLabels(ctx);
  return labels === null ? null : labelVisible(ctx.dialect, alias, labels.maxRank, labels.compartments);
};

/** The session a code names, if the reader may see it; else the same 404 for hidden and unknown. */
export async function visibleSession(ctx: AppContext, rawCode: string): Promise<StoredSession> {
  const code = rawCode.trim().toUpperCase();
  if (parseCode(code, SESSION_CODE_WIDTH)?.prefix === SESSION_PREFIX) {
    const where = visible(ctx, 's');
    const r = await ctx.db.selectFrom('legislature_session as s').selectAll('s').where('s.code', '=', code)
      .$if(where !== null, (q) => q.where(where!)).executeTakeFirst();
    if (r) return sessionOf(r);
    throw sessionNotFound(await refuse(ctx, 'legislature.session', code), code);
  }
  throw sessionNotFound(new UnknownReference(SESSION_NOT_FOUND, 'not_found', '', [], { action: 'legislature.read', objectType: 'session', objectId: rawCode.slice(0, 200), label: null }), rawCode);
}

/** A vote by id, with its session, if the reader may see the session; else 404 (hidden = unknown). */
export async function visibleVote(ctx: AppContext, id: string): Promise<{ session: StoredSession; vote: Row }> {
  const where = visible(ctx, 's');
  const r = await ctx.db.selectFrom('legislature_vote as v').innerJoin('legislature_session as s', 's.id', 'v.session_id')
    .selectAll('s').select(['v.id as vote_id']).where('v.id', '=', id).$if(where !== null, (q) => q.where(where!)).executeTakeFirst();
  if (!r) {
    const refused = await refuse(ctx, 'legislature.vote', id);
    throw new UnknownReference(VOTE_NOT_FOUND, refused.kind as 'not_found', `No vote has the id ${codeText(id)}. Votes are listed on their session's page.`, refused.details as any, refused.denial);
  }
  const vote = await ctx.db.selectFrom('legislature_vote').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { session: sessionOf(r), vote };
}

export async function visibleMotion(ctx: AppContext, id: string): Promise<{ session: StoredSession; motion: Row }> {
  const where = visible(ctx, 's');
  const r = await ctx.db.selectFrom('legislature_motion as m').innerJoin('legislature_session as s', 's.id', 'm.session_id')
    .selectAll('s').where('m.id', '=', id).$if(where !== null, (q) => q.where(where!)).executeTakeFirst();
  if (!r) {
    const refused = await refuse(ctx, 'legislature.motion', id);
    throw new UnknownReference(MOTION_NOT_FOUND, refused.kind as 'not_found', `No motion has the id ${codeText(id)}. Motions are listed on their session's page.`, refused.details as any, refused.denial);
  }
  return { session: sessionOf(r), motion: await ctx.db.selectFrom('legislature_motion').selectAll().where('id', '=', id).executeTakeFirstOrThrow() };
}

export interface Member { personId: string; seat: string }
/** The session's members: the council's seat holders on its date (seat order). */
export async function membersOn(db: Kysely<any>, date: string): Promise<Member[]> {
  return (await postHoldersOn(db, COUNCIL, date)).map((h) => ({ personId: h.personId, seat: h.postLabel }));
}

/** The quorum on a date: section 2-104 as in force that day says how many; without it, a majority of the members. */
export async function quorumOn(db: Kysely<any>, date: string, members: number): Promise<{ needed: number; basis: string }> {
  const s = (await loadStatutes(db, [QUORUM_STATUTE], null)).get(QUORUM_STATUTE);
  if (s) {
    try {
      const v = textOn(s, date);
      const n = quorumFromText(v.markup);
      if (n !== null) return { needed: n, basis: `section ${QUORUM_STATUTE}(1) as in force on ${date} (from ${v.validFrom})` };
    } catch { /* not in force that day: the default below */ }
  }
  return { needed: defaultQuorum(members), basis: `a majority of the ${members} members (no section ${QUORUM_STATUTE} in force on ${date})` };
}

/**
 * The seats of the Council on a date ("all councillors" of section 2-111(3)): section 2-101(1) as
 * in force that day says how many; without it, the council seats the registry has, filled or not.
 */
export async function seatsOn(db: Kysely<any>, date: string): Promise<{ seats: number; basis: string }> {
  const s = (await loadStatutes(db, [SEATS_STATUTE], null)).get(SEATS_STATUTE);
  if (s) {
    try {
      const v = textOn(s, date);
      const n = seatsFromText(v.markup);
      if (n !== null) return { seats: n, basis: `section ${SEATS_STATUTE}(1) as in force on ${date} (from ${v.validFrom})` };
    } catch { /* not in force that day: the registry's seats below */ }
  }
  const posts = await postCountOf(db, COUNCIL);
  // A registry without posts still has its seat holders (each holds a seat).
  const seats = Math.max(posts, (await membersOn(db, date)).length, 1);
  return { seats, basis: `the ${seats} council seats of the registry (no section ${SEATS_STATUTE} in force on ${date})` };
}

export const DEFAULT_MAJORITY_BASIS = `section ${MAJORITY_STATUTE}: a majority of the councillors voting`;

export const queueEventOf = (r: Row): QueueEvent => {
  const at = instant(r.at);
  switch (r.type) {
    case 'request': return { type: 'request', member: r.member_id, kind: r.kind, at };
    case 'withdraw': return { type: 'withdraw', member: r.member_id, at };
    case 'grant': return { type: 'grant', at, limitSeconds: Number(r.limit_seconds) };
    default: return { type: 'yield', at };
  }
};

export async function queueEvents(db: Kysely<any>, sessionId: string): Promise<QueueEvent[]> {
  const rows = await db.selectFrom('legislature_session_queue').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute();
  return rows.map(queueEventOf);
}

type People = Map<string, Record<string, unknown> | Withheld>;
const person = (people: People, id: string | null) => (id === null ? null : (people.get(id) ?? WITHHELD) as any);

function queueView(q: SpeakerQueue, now: Date, people: People) {
  const serverTime = now.toISOString();
  return {
    serverTime,
    floor: q.floor ? { member: person(people, q.floor.member), kind: q.floor.kind, since: q.floor.since, limitSeconds: q.floor.limitSeconds, secondsLeft: Math.round(secondsLeft(q.floor, serverTime)) } : null,
    waiting: q.waiting.map((w) => ({ member: person(people, w.member), kind: w.kind, at: w.at })),
    spoke: q.spoke.map((s) => ({ member: person(people, s.member), kind: s.kind, from: s.from, to: s.to })),
  };
}

/** The seats a vote was taken with, as kept with its rule. */
export const seatsOfVote = (v: Row): { seats: number; seatsBasis: string } => ({ seats: Number(v.seats), seatsBasis: String(v.seats_basis) });

function voteView(v: Row, ballots: Row[], people: People, session: StoredSession, motionNumber: number | null): TVoteView {
  const closed = v.status === 'closed';
  return {
    id: v.id, number: Number(v.number), session: session.code, question: v.question, motion: motionNumber, item: v.item_id ?? null,
    status: v.status,
    rule: {
      majority: v.majority, basis: v.majority_basis, quorum: Number(v.quorum), quorumBasis: v.quorum_basis,
      ...seatsOfVote(v),
    },
    openedAt: instant(v.opened_at), closedAt: maybeInstant(v.closed_at),
    ballots: ballots.map((b) => ({ member: person(people, b.member_id), option: b.option, calledAloud: toBool(b.called_aloud), castAt: instant(b.cast_at) })),
    answered: ballots.filter((b) => b.option !== 'absent').length,
    result: closed ? {
      outcome: v.outcome, needed: Number(v.needed), explanation: v.explanation,
      tally: { yes: Number(v.yes_count), no: Number(v.no_count), abstain: Number(v.abstain_count), absent: Number(v.absent_count), present: Number(v.present_count) },
    } : null,
  };
}

type Cited = Awaited<ReturnType<typeof resolveCitationsInText>>['citations'];
/**
 * The citations of several texts, resolved on a date in one pass of the statute book's resolver
 * (the texts joined by blank lines, each citation given back to its text with its own offsets).
 */
async function citationsOf(ctx: AppContext, texts: readonly string[], at: string): Promise<Cited[]> {
  const out: Cited[] = texts.map(() => []);
  const SEP = '\n\n';
  let batch: { i: number; offset: number }[] = [];
  let joined = '';
  const flush = async () => {
    if (!batch.length) return;
    const { citations } = await resolveCitationsInText(ctx, { text: joined, at });
    for (const c of citations) {
      const owner = [...batch].reverse().find((b) => c.start >= b.offset)!;
      out[owner.i]!.push({ ...c, start: c.start - owner.offset, end: c.end - owner.offset });
    }
    batch = [];
    joined = '';
  };
  for (const [i, t] of texts.entries()) {
    if (joined.length + SEP.length + t.length > MAX_CITATION_TEXT) await flush();
    if (batch.length) joined += SEP;
    batch.push({ i, offset: joined.length });
    joined += t;
  }
  await flush();
  return out;
}

export async function getSession(ctx: AppContext, code: string): Promise<TSession> {
  const s = await visibleSession(ctx, code);
  const [items, attendance, events, motions, votes, members] = await Promise.all([
    ctx.db.selectFrom('legislature_session_item').selectAll().where('session_id', '=', s.id).orderBy('position').execute(),
    ctx.db.selectFrom('legislature_session_attendance').selectAll().where('session_id', '=', s.id).execute(),
    queueEvents(ctx.db, s.id),
    ctx.db.selectFrom('legislature_motion').selectAll().where('session_id', '=', s.id).orderBy('number').execute(),
    ctx.db.selectFrom('legislature_vote').selectAll().where('session_id', '=', s.id).orderBy('number').execute(),
    membersOn(ctx.db, s.date),
  ]);
  const ballots = votes.length ? await ctx.db.selectFrom('legislature_ballot').selectAll().where('vote_id', 'in', votes.map((v) => v.id)).orderBy('cast_at').orderBy('member_id').execute() : [];
  const queue = queueOf(events);
  const peopleIds = [s.chairId, ...members.map((m) => m.personId), ...motions.flatMap((m) => [m.mover_id, ...(m.seconder_id ? [m.seconder_id] : [])]), ...ballots.map((b) => b.member_id),
    ...events.flatMap((e) => ('member' in e ? [e.member] : []))];
  const people = await showReferences(ctx, 'registry.person', peopleIds);
  const bills = await showReferences(ctx, 'legislature.bill', items.flatMap((i) => (i.bill_id ? [i.bill_id] : [])));
  const present = new Map(attendance.map((a) => [a.person_id as string, a.status as 'present' | 'absent' | 'excused']));
  const quorum = await quorumOn(ctx.db, s.date, members.length);
  const presentCount = members.filter((m) => present.get(m.personId) === 'present').length;
  const numberOf = new Map(motions.map((m) => [m.id as string, Number(m.number)]));
  const me = ctx.actor.personId ?? null;
  const subject = subjectOf(ctx.actor);
  return {
    id: s.id, code: s.code, title: s.title, date: s.date, startsAt: s.startsAt, minutesLong: s.minutesLong, place: s.place,
    chair: person(people, s.chairId), status: s.status, openedAt: s.openedAt, adjournedAt: s.adjournedAt,
    classification: s.label.classification, compartments: [...s.label.compartments], version: s.version,
    agenda: items.map((i) => ({ id: i.id, position: Number(i.position), kind: i.kind, title: i.title, bill: i.bill_id ? (bills.get(i.bill_id) ?? WITHHELD) as any : null, stage: i.bill_stage ?? null })),
    members: members.map((m) => ({ member: person(people, m.personId), seat: m.seat, attendance: present.get(m.personId) ?? null })),
    quorum: { needed: quorum.needed, basis: quorum.basis, present: presentCount, met: presentCount >= quorum.needed },
    you: {
      member: me !== null && members.some((m) => m.personId === me),
      chair: me !== null && me === s.chairId,
      manage: allowed(ctx.policy, subject, 'legislature.session.manage', s.label),
    },
    queue: queueView(queue, ctx.now(), people),
    motions: await (async () => {
      const cited = await citationsOf(ctx, motions.map((m) => m.text as string), s.date);
      return motions.map((m, i) => ({
        id: m.id, number: Number(m.number), amends: m.parent_id ? numberOf.get(m.parent_id) ?? null : null, item: m.item_id ?? null, text: m.text,
        mover: person(people, m.mover_id), seconder: person(people, m.seconder_id ?? null), status: m.status,
        movedAt: instant(m.moved_at), secondedAt: maybeInstant(m.seconded_at), citations: cited[i]!,
      }));
    })(),
    votes: votes.map((v) => voteView(v, ballots.filter((b) => b.vote_id === v.id), people, s, v.motion_id ? numberOf.get(v.motion_id) ?? null : null)),
  };
}

/**
 * One motion as the session page draws it, for the writes that answer the motion they wrote
 * rather than the whole session (which grows with every motion and its citations).
 */
export async function motionView(ctx: AppContext, s: StoredSession, number: number): Promise<TMotionView> {
  const m = await ctx.db.selectFrom('legislature_motion').selectAll().where('session_id', '=', s.id).where('number', '=', number).executeTakeFirstOrThrow();
  const parent = m.parent_id ? await ctx.db.selectFrom('legislature_motion').select('number').where('id', '=', m.parent_id).executeTakeFirst() : undefined;
  const people = await showReferences(ctx, 'registry.person', [m.mover_id, ...(m.seconder_id ? [m.seconder_id] : [])]);
  const [cited] = await citationsOf(ctx, [m.text as string], s.date);
  return {
    id: m.id, number: Number(m.number), amends: parent ? Number(parent.number) : null, item: m.item_id ?? null, text: m.text,
    mover: person(people, m.mover_id), seconder: person(people, m.seconder_id ?? null), status: m.status,
    movedAt: instant(m.moved_at), secondedAt: maybeInstant(m.seconded_at), citations: cited!,
  };
}

/** The queue alone, for the floor clock (cheaper than the whole session). */
export async function getQueue(ctx: AppContext, code: string) {
  const s = await visibleSession(ctx, code);
  const events = await queueEvents(ctx.db, s.id);
  const people = await showReferences(ctx, 'registry.person', events.flatMap((e) => ('member' in e ? [e.member] : [])));
  return queueView(queueOf(events), ctx.now(), people);
}

function sessionQuery(ctx: AppContext, q: { from?: string; to?: string; status?: string }) {
  const where = visible(ctx, 's');
  return ctx.db.selectFrom('legislature_session as s')
    .$if(where !== null, (x) => x.where(where!))
    .$if(q.from !== undefined, (x) => x.where('s.sitting_on', '>=', q.from!))
    .$if(q.to !== undefined, (x) => x.where('s.sitting_on', '<=', q.to!))
    .$if(q.status !== undefined, (x) => x.where('s.status', '=', q.status!));
}

/** Sessions the reader may see, latest first; by dates and status. */
export async function listSessions(ctx: AppContext, q: { from?: string; to?: string; status?: string; limit: number; offset: number }) {
  const base = sessionQuery(ctx, q);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('c')).executeTakeFirst())?.c ?? 0);
  const rows = (await base.selectAll('s').orderBy('s.sitting_on', 'desc').orderBy('s.number', 'desc').limit(q.limit).offset(q.offset).execute()).map(sessionOf);
  const people = await showReferences(ctx, 'registry.person', rows.map((s) => s.chairId));
  return {
    total,
    items: rows.map((s) => ({
      id: s.id, code: s.code, title: s.title, date: s.date, startsAt: s.startsAt, minutesLong: s.minutesLong, place: s.place,
      chair: person(people, s.chairId), status: s.status, classification: s.label.classification, compartments: [...s.label.compartments],
    })),
  };
}

const eventOf = async (ctx: AppContext, s: StoredSession): Promise<CalendarEvent> => {
  const items = await ctx.db.selectFrom('legislature_session_item').select(['position', 'title']).where('session_id', '=', s.id).orderBy('position').execute();
  return {
    uid: `${s.code.toLowerCase()}@sandstone.suna`, date: s.date, startsAt: s.startsAt, minutesLong: s.minutesLong, status: s.status,
    summary: `${s.code}: ${s.title}`, location: s.place,
    description: items.length ? `Agenda:\n${items.map((i) => `${Number(i.position)}. ${i.title}`).join('\n')}` : 'Agenda to follow.',
    url: `/sessions/${s.code}`,
  };
};

/** The calendar of the sessions the reader may see (all of them, oldest first). */
export async function sessionsCalendar(ctx: AppContext): Promise<string> {
  const rows = (await sessionQuery(ctx, {}).selectAll('s').orderBy('s.sitting_on').orderBy('s.number').limit(5000).execute()).map(sessionOf);
  const events = [];
  for (const s of rows) events.push(await eventOf(ctx, s));
  return calendar(events, ctx.now());
}

export async function sessionCalendar(ctx: AppContext, code: string): Promise<string> {
  const s = await visibleSession(ctx, code);
  return calendar([await eventOf(ctx, s)], ctx.now(), `Council: ${s.code}`);
}

const POPOLO_OPTION = ['yes', 'no', 'abstain', 'absent'] as const;
const orgId = 'council';

/** A vote as a Popolo vote event: the motion, the counts by option and each member's vote. */
export async function popoloVoteEvent(ctx: AppContext, id: string) {
  const { session: s, vote: v } = await visibleVote(ctx, id);
  const ballots = await ctx.db.selectFrom('legislature_ballot').selectAll().where('vote_id', '=', v.id).orderBy('member_id').execute();
  const motion = v.motion_id ? await ctx.db.selectFrom('legislature_motion').selectAll().where('id', '=', v.motion_id).executeTakeFirst() : null;
  const people = await showReferences(ctx, 'registry.person', ballots.map((b) => b.member_id));
  const closed = v.status === 'closed';
  const counts = closed
    ? POPOLO_OPTION.map((option) => ({ option, value: Number(v[`${option}_count`]) }))
    : POPOLO_OPTION.filter((o) => o !== 'absent').map((option) => ({ option, value: ballots.filter((b) => b.option === option).length }));
  return {
    id: v.id, identifier: `${s.code} vote ${Number(v.number)}`, organization_id: orgId, legislative_session_id: s.code,
    motion: { id: motion?.id ?? null, text: motion?.text ?? v.question, classification: v.item_id ? ['bill-passage'] : [], requirement: v.majority === 'simple' ? 'majority' : 'two-thirds' },
    start_date: instant(v.opened_at), end_date: maybeInstant(v.closed_at),
    result: closed ? (v.outcome === 'passed' ? 'pass' as const : 'fail' as const) : null,
    counts,
    votes: ballots.map((b) => {
      const shown = person(people, b.member_id);
      return { voter_id: 'withheld' in shown ? null : b.member_id, voter: shown, option: b.option };
    }),
    rule: {
      majority: v.majority, basis: v.majority_basis, quorum: Number(v.quorum), quorumBasis: v.quorum_basis,
      ...seatsOfVote(v),
    },
    explanation: v.explanation ?? null,
  };
}

/** A motion in Popolo's motion shape (with its mover as creator, and what it amends). */
export async function popoloMotion(ctx: AppContext, id: string) {
  const { session: s, motion: m } = await visibleMotion(ctx, id);
  const votes = await ctx.db.selectFrom('legislature_vote').select(['id', 'status', 'outcome', 'majority']).where('motion_id', '=', m.id).orderBy('number').execute();
  const people = await showReferences(ctx, 'registry.person', [m.mover_id, ...(m.seconder_id ? [m.seconder_id] : [])]);
  const last = votes.at(-1);
  const creator = person(people, m.mover_id);
  return {
    id: m.id, organization_id: orgId, legislative_session_id: s.code, identifier: `${s.code} motion ${Number(m.number)}`,
    text: m.text, classification: m.parent_id ? ['amendment'] : [], date: instant(m.moved_at), creator, creator_id: 'withheld' in creator ? null : m.mover_id,
    requirement: last ? (last.majority === 'simple' ? 'majority' : 'two-thirds') : null,
    result: last?.status === 'closed' ? (last.outcome === 'passed' ? 'pass' : 'fail') : m.status === 'withdrawn' ? 'withdrawn' : null,
    vote_events: votes.map((v) => v.id), amends: m.parent_id ?? null, seconder: person(people, m.seconder_id ?? null),
  };
}
