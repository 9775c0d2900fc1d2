// Council sessions in the access matrix (merged into legislature.access.ts): a sitting session per
// label with an agenda item, a motion and an open vote; rows for every route. The writes that use
// a session up (opening it, a vote, a ballot, a second) get a fresh one of the fixture's label per
// request. A councillor takes part only as a seat holder on the session's date, so the matrix's
// councillor accounts are each linked to a person holding a seat (see linkCouncillors).
import type { AppContext } from '../../kernel/context.ts';
import { withActor } from '../../kernel/context.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { keptUntilUsed, type AccessRow } from '../../kernel/testing/access.ts';
import { createMembership, createOrganization, createPerson, createPost } from '../registry/index.ts';
import { castBallot, createSession, moveMotion, openVote, queueAction, secondMotion, setAttendance, setSessionStatus } from './sessions.service.ts';
import { getQueue } from './sessions.read.ts';
import { draftMinutes } from './minutes.service.ts';
import { createBill, recordBillAction } from './bills.service.ts';
import { villageToday } from './legislature.read.ts';
import { councillorActor } from './testing/council.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';

/** The sittings' date: today in the village (set in setup), so the reading bill's stages are in order. */
let DATE = '';
/** Seat holders made here: two to move, second and queue in the fresh sessions. */
const seated: string[] = [];
/** Persons linked to the matrix's councillor accounts (they hold seats too). */
const linked: string[] = [];
let chair = '';
/** A public bill at its introduction: a vote on its first reading opens without a motion (and, closed without answers, lacks a quorum and leaves it there). */
let readingBill = '';

const labelled = (l: Label) => ({ classification: l.classification as any, compartments: [...l.compartments] });
const as = (op: AppContext, person: string) => withActor(op, councillorActor(person, 'top_secret', ['ANBU', 'BREACH']));

export async function sessionAccessSetup(op: AppContext) {
  // Once per database: the matrix runs on each in turn.
  seated.length = 0;
  linked.length = 0;
  await createOrganization(op, { code: 'council', name: 'Council', kind: 'legislature' });
  for (let i = 1; i <= 3; i++) {
    await createPost(op, { code: `council-seat-${i}`, label: `Council seat ${i}`, organization: 'council' });
    const p = (await createPerson(op, { name: `Matrix councillor ${i}`, rank: 'civilian' })).id;
    await createMembership(op, { person: p, organization: 'council', post: `council-seat-${i}`, startDate: '2020-01-01' });
    seated.push(p);
  }
  DATE = villageToday(op);
  chair = seated[0]!;
  // The chair of a classified session holds an account cleared for it (not a councillor's: those are relinked below).
  await createAccount(op, { username: 'matrix-chair', personId: chair, displayName: 'Matrix chair', role: 'genin', clearance: 'top_secret', compartments: ['ANBU', 'BREACH'], password: 'matrix chair sand castle 91' });
  readingBill = (await createBill(op, { title: 'Matrix reading bill', sponsors: [chair] })).code;
  await recordBillAction(op, readingBill, { stage: 'introduced', on: DATE });
}

/**
 * The matrix logs its subjects in after the fixtures are made; the first row that needs a
 * councillor to take part links each councillor account to a person of its own holding seat 3
 * (a test-only change of the account's person: the matrix's accounts name no registry person).
 */
async function linkCouncillors(op: AppContext) {
  const accounts = await op.db.selectFrom('kernel_account').select(['id', 'person_id']).where('role', '=', 'councillor').execute();
  for (const a of accounts) {
    if (linked.includes(a.person_id)) continue;
    const p = (await createPerson(op, { name: `Matrix seat holder ${linked.length + 1}`, rank: 'civilian' })).id;
    await createMembership(op, { person: p, organization: 'council', post: 'council-seat-3', startDate: '2020-01-01' });
    await op.db.updateTable('kernel_account').set({ person_id: p }).where('id', '=', a.id).execute();
    linked.push(p);
  }
}

/** A sitting session of the label, with the seat holders (and the linked councillors) present. */
async function sitting(op: AppContext, label: Label, title = 'Matrix sitting') {
  const s = await createSession(op, { title, date: DATE, startsAt: '09:00', place: 'Matrix hall', chair, agenda: [{ kind: 'report', title: 'Matrix report' }], ...labelled(label) });
  await setSessionStatus(op, s.code, { status: 'sitting' });
  for (const p of [...seated, ...linked]) await setAttendance(op, s.code, p, { status: 'present' });
  return s;
}

/** A sitting with motion 1 moved (and seconded when asked), by the matrix's own seat holders. */
async function withMotion(op: AppContext, label: Label, seconded: boolean) {
  const s = await sitting(op, label);
  await moveMotion(as(op, seated[1]!), s.code, { text: 'That the matrix be tested, as section 99-101 says.' });
  if (seconded) await secondMotion(as(op, seated[2]!), s.code, 1, {});
  return s;
}

/** A sitting of the label whose only item is the reading bill's first reading (cheap to make: a vote on it needs no motion). */
async function readingSitting(op: AppContext, label: Label) {
  const s = await createSession(op, { title: 'Matrix reading', date: DATE, startsAt: '09:00', place: 'Matrix hall', chair, agenda: [{ kind: 'bill_reading', title: 'First reading', bill: readingBill, stage: 'first_reading' }], ...labelled(label) });
  await setSessionStatus(op, s.code, { status: 'sitting' });
  return { code: s.code, item: s.agenda[0]!.id };
}

/** An adjourned sitting of the label (minutes are drafted only then), its minutes drafted when asked: its code. */
async function adjourned(op: AppContext, label: Label, drafted: boolean) {
  const s = await sitting(op, label, 'Matrix minuted sitting');
  await setSessionStatus(op, s.code, { status: 'adjourned' });
  if (drafted) await draftMinutes(op, s.code, {});
  return s.code;
}

async function withOpenVote(op: AppContext, label: Label) {
  const s = await readingSitting(op, label);
  return { code: s.code, vote: (await openVote(op, s.code, { item: s.item })).id };
}

// The records the rows below use up, each kept until a request has used it (keptUntilUsed).
const minutes = (op: AppContext, code: string) => op.db.selectFrom('legislature_minutes as m').innerJoin('legislature_session as s', 's.id', 'm.session_id').select(['m.status', 'm.version']).where('s.code', '=', code).executeTakeFirst();
const ballotsIn = async (op: AppContext, vote: string) => Number((await op.db.selectFrom('legislature_ballot').select((eb) => eb.fn.countAll().as('n')).where('vote_id', '=', vote).executeTakeFirstOrThrow()).n);
const voteOpen = async (op: AppContext, vote: string) => (await op.db.selectFrom('legislature_vote').select('status').where('id', '=', vote).executeTakeFirst())?.status === 'open';
const undrafted = keptUntilUsed((op, label) => adjourned(op, label, false), async (op, code) => !(await minutes(op, code)));
const drafted = {
  toEdit: keptUntilUsed((op, label) => adjourned(op, label, true), async (op, code) => Number((await minutes(op, code))?.version) === 1),
  toApprove: keptUntilUsed((op, label) => adjourned(op, label, true), async (op, code) => { const m = await minutes(op, code); return m?.status === 'draft' && Number(m.version) === 1; }),
};
const voteToAnswer = keptUntilUsed(withOpenVote, async (op, v) => (await voteOpen(op, v.vote)) && (await ballotsIn(op, v.vote)) === 0);
const voteToClose = keptUntilUsed(withOpenVote, async (op, v) => voteOpen(op, v.vote));

/** A motion just moved (by a seat holder) in the fixture's session: its number. */
async function freshMotion(op: AppContext, code: string): Promise<number> {
  return (await moveMotion(op, code, { text: 'That the matrix move again.', mover: seated[1] })).number;
}

export async function sessionAccessFixture(op: AppContext, label: Label, n: number): Promise<Record<string, string>> {
  const s = await withMotion(op, label, true);
  const vote = await openVote(op, s.code, { motion: 1 });
  await castBallot(as(op, seated[1]!), vote.id, { option: 'yes' });
  const motion = (await op.db.selectFrom('legislature_motion').select('id').where('session_id', '=', s.id).executeTakeFirstOrThrow()).id as string;
  void n;
  return { sessionCode: s.code, voteId: vote.id, motionId: motion };
}

const read = (url: (f: { ids: Record<string, string> }) => string): AccessRow => ({ action: 'legislature.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: url(f) }) });
const manage = 'legislature.session.manage';
const takePart = 'legislature.session.take-part';
const S = '/api/legislature/sessions';

export const sessionAccessRows: Record<string, AccessRow> = {
  'GET /api/legislature/sessions': {
    action: 'legislature.read', kind: 'read-list', request: async () => ({ method: 'GET', url: `${S}?limit=200` }),
    contains: (b, f) => b.items.some((i: any) => i.code === f.ids.sessionCode),
  },
  // The calendar is text, not JSON: the policy alone here; what it shows by label is in sessions.test.ts.
  'GET /api/legislature/sessions.ics': { action: 'legislature.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/legislature/sessions.ics' }) },
  'GET /api/legislature/sessions/{code}': read((f) => `${S}/${f.ids.sessionCode}`),
  'GET /api/legislature/sessions/{code}.ics': read((f) => `${S}/${f.ids.sessionCode}.ics`),
  'GET /api/legislature/sessions/{code}/queue': read((f) => `${S}/${f.ids.sessionCode}/queue`),
  'GET /api/legislature/sessions/{code}/minutes': read((f) => `${S}/${f.ids.sessionCode}/minutes`),
  'GET /api/legislature/votes/{id}': read((f) => `/api/legislature/votes/${f.ids.voteId}`),
  'GET /api/legislature/motions/{id}': read((f) => `/api/legislature/motions/${f.ids.motionId}`),
  'POST /api/legislature/sessions': {
    action: manage, kind: 'create',
    request: async (f) => ({ method: 'POST', url: S, payload: { title: 'Matrix new sitting', date: DATE, startsAt: '09:00', place: 'Matrix hall', chair, ...labelled(f.label) } }),
  },
  // A public session chaired by the fixture's person: only a writer who may see the person names them.
  'POST /api/legislature/sessions [a chair named]': {
    action: manage, kind: 'reference', target: 'person',
    request: async (f) => ({ method: 'POST', url: S, payload: { title: 'Matrix chaired sitting', date: DATE, startsAt: '09:00', place: 'Matrix hall', chair: f.ids.person } }),
  },
  'POST /api/legislature/sessions/{code}/status': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => {
      const s = await createSession(op, { title: 'Matrix sitting to open', date: DATE, startsAt: '09:00', place: 'Matrix hall', chair, ...labelled(f.label) });
      return { method: 'POST', url: `${S}/${s.code}/status`, payload: { status: 'sitting' } };
    },
  },
  'POST /api/legislature/sessions/{code}/items': {
    action: manage, kind: 'write-existing',
    request: async (f) => ({ method: 'POST', url: `${S}/${f.ids.sessionCode}/items`, payload: { kind: 'motion', title: 'Matrix item' } }),
  },
  'PUT /api/legislature/sessions/{code}/items': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => {
      const items = await op.db.selectFrom('legislature_session_item as i').innerJoin('legislature_session as s', 's.id', 'i.session_id').select('i.id').where('s.code', '=', f.ids.sessionCode!).orderBy('i.position', 'desc').execute();
      return { method: 'PUT', url: `${S}/${f.ids.sessionCode}/items`, payload: { items: items.map((i) => i.id) } };
    },
  },
  'PUT /api/legislature/sessions/{code}/attendance/{member}': {
    action: manage, kind: 'write-existing',
    request: async (f) => ({ method: 'PUT', url: `${S}/${f.ids.sessionCode}/attendance/${seated[2]}`, payload: { status: 'excused' } }),
  },
  'PUT /api/legislature/sessions/{code}/attendance/{member} [me]': {
    action: takePart, kind: 'write-existing',
    request: async (f, _fresh, op) => {
      await linkCouncillors(op);
      return { method: 'PUT', url: `${S}/${f.ids.sessionCode}/attendance/me`, payload: { status: 'present' } };
    },
  },
  'POST /api/legislature/sessions/{code}/queue': {
    action: takePart, kind: 'write-existing',
    request: async (f, _fresh, op) => {
      // Only the councillor's request is taken, once per fixture: the fixture's sitting serves.
      await linkCouncillors(op);
      return { method: 'POST', url: `${S}/${f.ids.sessionCode}/queue`, payload: { type: 'request', kind: 'point_of_order' } };
    },
  },
  'POST /api/legislature/sessions/{code}/queue [the floor given]': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => {
      // The floor free and someone waiting, in the fixture's sitting.
      const code = f.ids.sessionCode!;
      const q = await getQueue(op, code);
      if (q.floor) await queueAction(op, code, { type: 'yield' });
      if (!q.waiting.length) await queueAction(as(op, seated[1]!), code, { type: 'request' });
      return { method: 'POST', url: `${S}/${code}/queue`, payload: { type: 'grant', limitSeconds: 60 } };
    },
  },
  'POST /api/legislature/sessions/{code}/queue [a hand raised, recorded for a member]': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => {
      // The member asks afresh each time: a request still waiting is withdrawn first (by the clerk, for them).
      const code = f.ids.sessionCode!;
      const q = await getQueue(op, code);
      if (q.waiting.some((w) => 'id' in w.member && w.member.id === seated[2])) await queueAction(op, code, { type: 'withdraw', member: seated[2]! });
      return { method: 'POST', url: `${S}/${code}/queue`, payload: { type: 'request', kind: 'speak', member: seated[2] } };
    },
  },
  'POST /api/legislature/sessions/{code}/motions': {
    action: takePart, kind: 'write-existing',
    request: async (f, _fresh, op) => {
      await linkCouncillors(op);
      for (const p of linked) await setAttendance(op, f.ids.sessionCode!, p, { status: 'present' });
      return { method: 'POST', url: `${S}/${f.ids.sessionCode}/motions`, payload: { text: 'That the matrix move.' } };
    },
  },
  'POST /api/legislature/sessions/{code}/motions [a mover named]': {
    action: manage, kind: 'write-existing',
    request: async (f) => ({ method: 'POST', url: `${S}/${f.ids.sessionCode}/motions`, payload: { text: 'That the clerk records a motion.', mover: seated[1] } }),
  },
  'POST /api/legislature/sessions/{code}/motions/{number}/second': {
    action: takePart, kind: 'write-existing',
    request: async (f, _fresh, op) => {
      await linkCouncillors(op);
      for (const p of linked) await setAttendance(op, f.ids.sessionCode!, p, { status: 'present' });
      return { method: 'POST', url: `${S}/${f.ids.sessionCode}/motions/${await freshMotion(op, f.ids.sessionCode!)}/second`, payload: {} };
    },
  },
  'POST /api/legislature/sessions/{code}/motions/{number}/withdraw': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => ({ method: 'POST', url: `${S}/${f.ids.sessionCode}/motions/${await freshMotion(op, f.ids.sessionCode!)}/withdraw` }),
  },
  'POST /api/legislature/sessions/{code}/votes': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => {
      const s = await readingSitting(op, f.label);
      return { method: 'POST', url: `${S}/${s.code}/votes`, payload: { item: s.item, majority: 'simple' } };
    },
  },
  'POST /api/legislature/votes/{id}/ballots': {
    action: takePart, kind: 'write-existing',
    request: async (f, _fresh, op) => {
      await linkCouncillors(op);
      return { method: 'POST', url: `/api/legislature/votes/${(await voteToAnswer(op, f.label)).vote}/ballots`, payload: { option: 'yes' } };
    },
  },
  'POST /api/legislature/votes/{id}/ballots [an answer called aloud]': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => ({ method: 'POST', url: `/api/legislature/votes/${(await voteToAnswer(op, f.label)).vote}/ballots`, payload: { option: 'no', member: seated[2] } }),
  },
  // Minutes: each write on an adjourned sitting of its own, kept until a write uses it up.
  'POST /api/legislature/sessions/{code}/minutes': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => ({ method: 'POST', url: `${S}/${await undrafted(op, f.label)}/minutes`, payload: {} }),
  },
  'PUT /api/legislature/sessions/{code}/minutes': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => ({ method: 'PUT', url: `${S}/${await drafted.toEdit(op, f.label)}/minutes`, payload: { text: 'Matrix minutes, edited.' }, headers: { 'if-match': '"1"' } }),
  },
  'POST /api/legislature/sessions/{code}/minutes/approve': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => ({ method: 'POST', url: `${S}/${await drafted.toApprove(op, f.label)}/minutes/approve`, payload: {}, headers: { 'if-match': '"1"' } }),
  },
  'POST /api/legislature/votes/{id}/close': {
    action: manage, kind: 'write-existing',
    request: async (f, _fresh, op) => ({ method: 'POST', url: `/api/legislature/votes/${(await voteToClose(op, f.label)).vote}/close` }),
  },
};
