// A small Council for session tests: the organization `council` with seats `council-seat-1..n`,
// councillors holding them from 2022-04-01 (a former councillor held seat 7 until 2022-03-31, as
// in the world canon), and section 2-104 with its three versions (quorum six, then five from
// 2009-05-01, then seven from 2022-04-01), so a session's members and quorum come from the
// records of its date. Accounts for councillors are linked to their registry person.
import type { AppContext } from '../../../kernel/context.ts';
import { createAccount } from '../../../kernel/auth/accounts.ts';
import { createMembership, createOrganization, createPerson, createPost } from '../../registry/index.ts';
import { castBallot, closeVote, createSession, getBill, importStatutes, openVote, setAttendance, setSessionStatus } from '../index.ts';
import { membersOn } from '../sessions.read.ts';
import type { BillStage } from '../bill-stages.ts';

export const QUORUM_V1 = '(1) The quorum of the Council is six councillors.\n(2) Counted by the chair.';
export const QUORUM_V2 = '(1) The quorum of the Council is five councillors.\n(2) Counted by the chair.';
export const QUORUM_V3 = '(1) The quorum of the Council is seven councillors.\n(2) Counted by the chair.';

export interface Council { seats: string[]; former: string; names: string[] }

/** Seats 1..n held from 2022-04-01 by `Councillor 1..n`; seat 7 held by `Former councillor` until 2022-03-31. */
export async function seatCouncil(op: AppContext, n = 12): Promise<Council> {
  await createOrganization(op, { code: 'council', name: 'Council', kind: 'legislature' });
  const seats: string[] = [];
  const names: string[] = [];
  for (let i = 1; i <= n; i++) {
    await createPost(op, { code: `council-seat-${i}`, label: `Council seat ${i}`, role: 'councillor', organization: 'council' });
    const name = `Councillor ${i}`;
    const p = await createPerson(op, { name, rank: 'civilian' });
    await createMembership(op, { person: p.id, organization: 'council', post: `council-seat-${i}`, role: 'councillor', startDate: '2022-04-01' });
    seats.push(p.id);
    names.push(name);
  }
  const former = (await createPerson(op, { name: 'Former councillor', rank: 'civilian' })).id;
  if (n >= 7) await createMembership(op, { person: former, organization: 'council', post: 'council-seat-7', role: 'councillor', startDate: '2018-04-01', endDate: '2022-03-31' });
  await importStatutes(op, [{
    code: '2-104', heading: 'Quorum', titleNumber: 2, titleHeading: 'The Council',
    versions: [{ from: '2001-04-01', reason: 'enacted', markup: QUORUM_V1 }, { from: '2009-05-01', reason: 'amended', markup: QUORUM_V2 }, { from: '2022-04-01', reason: 'enlarged', markup: QUORUM_V3 }],
  }], { source: 'test' });
  return { seats, former, names };
}

/**
 * The context as on a day of the story, at 09:00 village time (UTC+03:00): an action is recorded
 * by hand on or after its day, never ahead of it, and a session sits and puts its questions only
 * on its own date. Call services with it outside a transaction (inside one the time is fixed).
 */
export function onDay<C extends { now: () => Date }>(ctx: C, day: string | { date: string }): C {
  const date = typeof day === 'string' ? day : day.date;
  const at = new Date(`${date}T09:00:00+03:00`);
  return { ...ctx, now: () => at };
}

let accounts = 0;
/** A logged-in councillor's actor for a person (what the session layer gives a request). */
export function councillorActor(personId: string, level: 'public' | 'secret' | 'top_secret' = 'top_secret', compartments: string[] = []) {
  return { kind: 'user' as const, role: 'councillor' as const, username: `councillor-${personId.slice(-6).toLowerCase()}`, personId, clearance: { level, compartments } };
}

/**
 * An account for a councillor cleared for ANBU and BREACH (top secret): the chair of a classified
 * session must hold an account cleared for its label.
 */
export async function clearForChair(op: AppContext, personId: string, compartments: string[] = ['ANBU', 'BREACH']): Promise<void> {
  await createAccount(op, { username: `chair-${++accounts}-${personId.slice(-6).toLowerCase()}`, personId, displayName: 'Chair', role: 'councillor', clearance: 'top_secret', compartments, password: `correct horse battery ${accounts} staple` });
}

/** An account for the person, with a password, for logging in over HTTP. */
export async function councillorAccount(op: AppContext, personId: string): Promise<{ username: string; password: string }> {
  const username = `councillor-${++accounts}-${personId.slice(-6).toLowerCase()}`;
  const password = `correct horse battery ${accounts} staple`;
  await createAccount(op, { username, personId, displayName: username, role: 'councillor', clearance: 'top_secret', compartments: [], password });
  return { username, password };
}

/**
 * Takes a bill through the Council's roll-call votes to each of `stages` in turn (readings,
 * passed, veto overridden), at one sitting on `on` of the bill's label: every seat holder that
 * day present, all but the chair (the first seat holder, unless named) answering yes as the clerk
 * records them, each vote under the majority its question needs (`urgent`: the passing certifies
 * the bill urgent, section 3-106(1)(a)). `op` must manage sessions and
 * see the bill; a vote that does not move the bill fails the test with its explanation.
 */
export async function voteBill(op: AppContext, code: string, stages: readonly BillStage[], on: string, opts: { chair?: string; urgent?: boolean } = {}): Promise<string> {
  const bill = await getBill(op, code);
  const members = (await membersOn(op.db, on)).map((m) => m.personId);
  const chair = opts.chair ?? members[0];
  if (!chair) throw new Error(`no council seat is held on ${on}: seat a council first (seatCouncil)`);
  const s = await createSession(op, {
    title: `Readings of ${code}`, date: on, startsAt: '09:00', place: 'Round table', chair, classification: bill.classification as any, compartments: [...bill.compartments],
    agenda: stages.map((stage) => ({ kind: 'bill_reading' as const, title: `${code} to ${stage}`, bill: code, stage })),
  });
  for (const m of members) await setAttendance(op, s.code, m, { status: 'present' });
  await setSessionStatus(onDay(op, on), s.code, { status: 'sitting' });
  for (const [i, stage] of stages.entries()) {
    const v = await openVote(onDay(op, on), s.code, { item: s.agenda[i]!.id, ...(stage === 'passed' && opts.urgent !== undefined ? { urgent: opts.urgent } : {}) });
    for (const m of members) if (m !== chair) await castBallot(op, v.id, { option: 'yes', member: m });
    const closed = await closeVote(op, v.id);
    if ((await getBill(op, code)).stage !== stage) throw new Error(`${code} did not reach ${stage}: ${closed.result?.explanation}`);
  }
  await setSessionStatus(op, s.code, { status: 'adjourned' });
  return s.code;
}
