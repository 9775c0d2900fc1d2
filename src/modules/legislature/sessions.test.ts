// Council sessions through the services, on both databases: members are the seat holders on the
// session's date and the quorum is section 2-104 as in force that day; attendance, the speaker
// queue, motions and roll-call votes follow the Council's rules; a carried bill reading moves the
// bill on with the vote named; labels hide a session exactly as an unknown one. Expected answers
// are worked out here from the rules and the fixture, not taken from the code under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { createMembership, createPerson } from '../registry/index.ts';
import {
  addAgendaItem, castBallot, closeVote, createBill, createSession, getBill, getSession, importStatutes, moveMotion, openVote, orderAgenda,
  queueAction, recordBillAction, secondMotion, setAttendance, setBillAmendments, setSessionStatus, withdrawMotion, popoloVoteEvent, popoloMotion, sessionsCalendar, listSessions, getMinutes,
} from './index.ts';
import { clearForChair, councillorActor, seatCouncil, voteBill, type Council, onDay } from './testing/council.ts';

const user = (role: Actor['role'], level: 'public' | 'secret' | 'top_secret' = 'top_secret', compartments: string[] = []): Actor =>
  ({ kind: 'user', role, username: `${role}-${compartments.join('') || 'x'}`, clearance: { level, compartments } });

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, message: e.message, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

describe.each(DIALECTS)('council sessions on %s', (dialect) => {
  let app: TestApp;
  let clerk: AppContext, anbu: AppContext, breach: AppContext;
  let council: Council;
  /** Councillor n (1-based) acting for themself. */
  const c = (n: number) => withActor(app.ctx, councillorActor(council.seats[n - 1]!));
  let chairPerson = '';

  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => new Date('2026-11-05T06:30:00.000Z') });
    clerk = withActor(app.ctx, user('clerk'));
    anbu = withActor(app.ctx, user('clerk', 'secret', ['ANBU']));
    breach = withActor(app.ctx, user('clerk', 'secret', ['BREACH']));
    council = await seatCouncil(app.ctx);
    chairPerson = council.seats[0]!;
    await clearForChair(app.ctx, chairPerson);
    await importStatutes(app.ctx, [{ code: '2-111', heading: 'Majorities', titleNumber: 2, versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) A question is carried by a majority of the councillors voting.\n(2) Two thirds are required:\n  (d) to expel a councillor.' }] }], { source: 'test' });
  }, 120_000);
  afterAll(async () => app?.drop());

  const session = (date: string, extra: Record<string, unknown> = {}) =>
    createSession(clerk, { title: 'Ordinary sitting', date, startsAt: '09:00', place: 'Main assembly hall', chair: chairPerson, ...extra } as any);

  it('numbers sessions by year; members are the seat holders on the date; the quorum is 2-104 as in force that day', async () => {
    const now = await session('2026-11-05');
    expect(now.code).toBe('CS-2026-001');
    expect(now.status).toBe('scheduled');
    expect(now.members.map((m) => (m.member as any).displayName)).toEqual(council.names);
    expect(now.members[6]).toMatchObject({ seat: 'Council seat 7', member: { id: council.seats[6] } });
    expect(now.quorum).toMatchObject({ needed: 7, present: 0, met: false });
    expect(now.quorum.basis).toContain('2-104');

    // Before the enlargement: seat 7 was the former councillor's, nobody held the others, quorum five (v2).
    const before = await session('2022-03-15');
    expect(before.code).toBe('CS-2022-001');
    expect(before.members.map((m) => [m.seat, (m.member as any).id])).toEqual([['Council seat 7', council.former]]);
    expect(before.quorum.needed).toBe(5);
    expect((await session('2005-06-01')).quorum.needed).toBe(6);
  });

  it('keeps the agenda in order: items added at a place, reordered by naming every item', async () => {
    const bill = await createBill(clerk, { title: 'Orphans Welfare Act', sponsors: [council.seats[3]!] });
    const s = await session('2026-11-06', { agenda: [{ kind: 'report', title: 'Advisory committee report' }, { kind: 'motion', title: 'Expulsion of foreign-born shinobi' }] });
    const added = await addAgendaItem(clerk, s.code, { kind: 'bill_reading', title: 'Orphans Welfare Act, first reading', bill: bill.code, stage: 'first_reading', position: 1 });
    expect(added.agenda.map((i) => [i.position, i.kind, i.title])).toEqual([
      [1, 'bill_reading', 'Orphans Welfare Act, first reading'], [2, 'report', 'Advisory committee report'], [3, 'motion', 'Expulsion of foreign-born shinobi'],
    ]);
    expect(added.agenda[0]).toMatchObject({ bill: { code: bill.code }, stage: 'first_reading' });
    const ids = added.agenda.map((i) => i.id);
    const reordered = await orderAgenda(clerk, s.code, { items: [ids[2]!, ids[0]!, ids[1]!] });
    expect(reordered.agenda.map((i) => i.title)).toEqual(['Expulsion of foreign-born shinobi', 'Orphans Welfare Act, first reading', 'Advisory committee report']);
    expect(await refusal(orderAgenda(clerk, s.code, { items: [ids[0]!, ids[1]!] }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_AGENDA_ORDER' });
    expect(await refusal(orderAgenda(clerk, s.code, { items: [ids[0]!, ids[1]!, 'nope'] }))).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.items.2' }] });
    expect(await refusal(addAgendaItem(c(2), s.code, { kind: 'report', title: 'x' }))).toMatchObject({ status: 'forbidden' });
  });

  it('records attendance: a councillor marks only themself present; the clerk records anyone; a non-member is refused', async () => {
    const s = await session('2026-11-07');
    await setAttendance(c(2), s.code, 'me', { status: 'present' });
    expect(await refusal(setAttendance(c(2), s.code, council.seats[2]!, { status: 'present' }))).toMatchObject({ status: 'forbidden' });
    expect(await refusal(setAttendance(c(2), s.code, 'me', { status: 'excused' }))).toMatchObject({ status: 'forbidden' });
    await setAttendance(clerk, s.code, council.seats[2]!, { status: 'excused' });
    const after = await setAttendance(clerk, s.code, council.seats[3]!, { status: 'present' });
    expect(after.members.map((m) => m.attendance)).toEqual([null, 'present', 'excused', 'present', null, null, null, null, null, null, null, null]);
    expect(after.quorum).toMatchObject({ present: 2, needed: 7, met: false });
    const former = withActor(app.ctx, councillorActor(council.former));
    expect(await refusal(setAttendance(former, s.code, 'me', { status: 'present' }))).toMatchObject({ status: 'forbidden', code: 'LEGISLATURE_NOT_A_MEMBER' });
    expect(await refusal(setAttendance(clerk, s.code, council.former, { status: 'present' }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_NOT_A_MEMBER', details: [{ path: 'params.member' }] });
  });

  it('runs the speaker queue: own requests, a point of order first, the chair gives the floor with a clock', async () => {
    const s = await session('2026-11-08');
    expect(await refusal(queueAction(c(2), s.code, { type: 'request' }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_SESSION_STATE' });
    await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
    await queueAction(c(2), s.code, { type: 'request' });
    await queueAction(c(3), s.code, { type: 'request' });
    const q = await queueAction(c(4), s.code, { type: 'request', kind: 'point_of_order' });
    expect(q.waiting.map((w) => [(w.member as any).id, w.kind])).toEqual([[council.seats[3], 'point_of_order'], [council.seats[1], 'speak'], [council.seats[2], 'speak']]);
    expect(await refusal(queueAction(c(2), s.code, { type: 'request' }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_QUEUE_REFUSED' });
    // Only the chair (councillor 1) or the clerk gives the floor.
    expect(await refusal(queueAction(c(2), s.code, { type: 'grant' }))).toMatchObject({ status: 'forbidden', code: 'LEGISLATURE_NOT_THE_CHAIR' });
    const granted = await queueAction(c(1), s.code, { type: 'grant', limitSeconds: 120 });
    expect(granted.floor).toMatchObject({ member: { id: council.seats[3] }, kind: 'point_of_order', since: '2026-11-05T06:30:00.000Z', limitSeconds: 120, secondsLeft: 120 });
    expect(granted.serverTime).toBe('2026-11-05T06:30:00.000Z');
    // Someone else cannot yield the speaker's turn; the speaker can.
    expect(await refusal(queueAction(c(2), s.code, { type: 'yield' }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_QUEUE_REFUSED' });
    const yielded = await queueAction(c(4), s.code, { type: 'yield' });
    expect(yielded.floor).toBeNull();
    expect(yielded.spoke.map((x) => (x.member as any).id)).toEqual([council.seats[3]]);
    await queueAction(clerk, s.code, { type: 'grant' });
    expect((await getSession(clerk, s.code)).queue.floor).toMatchObject({ member: { id: council.seats[1] }, limitSeconds: 300 });
    await queueAction(c(3), s.code, { type: 'withdraw' });
    expect((await getSession(clerk, s.code)).queue.waiting).toEqual([]);
  });

  it('the clerk records a request to speak or a point of order for a member who raised a hand, and withdraws one; a councillor asks only for themself', async () => {
    const s = await session('2026-11-14');
    await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
    await queueAction(clerk, s.code, { type: 'request', member: council.seats[4]! });
    const q = await queueAction(clerk, s.code, { type: 'request', kind: 'point_of_order', member: council.seats[5]! });
    // The point of order goes ahead of the request to speak.
    const waiting = (x: { waiting: { member: unknown; kind: string }[] }) => x.waiting.map((w) => [(w.member as any).id, w.kind]);
    expect(waiting(q)).toEqual([[council.seats[5], 'point_of_order'], [council.seats[4], 'speak']]);
    // A councillor naming another member is refused, and nothing is written; naming oneself is one's own request.
    expect(await refusal(queueAction(c(2), s.code, { type: 'request', member: council.seats[6]! })))
      .toMatchObject({ status: 'forbidden', code: 'LEGISLATURE_ONLY_YOURSELF', message: 'A councillor asks for the floor only for themself; the clerk records it for another member.', details: [{ path: 'body.member' }] });
    expect(await refusal(queueAction(c(2), s.code, { type: 'withdraw', member: council.seats[4]! }))).toMatchObject({ status: 'forbidden', code: 'LEGISLATURE_ONLY_YOURSELF' });
    expect(waiting(await getSession(clerk, s.code).then((x) => x.queue))).toEqual([[council.seats[5], 'point_of_order'], [council.seats[4], 'speak']]);
    await queueAction(c(2), s.code, { type: 'request', member: council.seats[1]! });
    // The member named must hold a seat that day; an unknown person is refused as unknown.
    expect(await refusal(queueAction(clerk, s.code, { type: 'request', member: council.former }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_NOT_A_MEMBER', details: [{ path: 'body.member' }] });
    expect(await refusal(queueAction(clerk, s.code, { type: 'request', member: 'no-such-person' }))).toMatchObject({ status: 'unprocessable', code: 'REGISTRY_PERSON_NOT_FOUND', details: [{ path: 'body.member' }] });
    // The clerk withdraws the request of seat 5; a second withdrawal finds nobody waiting.
    await queueAction(clerk, s.code, { type: 'withdraw', member: council.seats[4]! });
    expect(await refusal(queueAction(clerk, s.code, { type: 'withdraw', member: council.seats[4]! }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_QUEUE_REFUSED' });
    expect(waiting((await getSession(clerk, s.code)).queue)).toEqual([[council.seats[5], 'point_of_order'], [council.seats[1], 'speak']]);
    // The clerk's entries are the clerk's in the audit, naming the member.
    const audited = await app.ctx.db.selectFrom('kernel_audit_log').select('detail').where('object_id', '=', s.id).where('action', '=', 'legislature.session.manage').orderBy('seq').execute();
    expect(audited.map((a) => fromJson<{ queue?: { type: string; member: string } }>(a.detail, {}).queue).filter((e) => e !== undefined).map((e) => [e!.type, e!.member]))
      .toEqual([['request', council.seats[4]], ['request', council.seats[5]], ['withdraw', council.seats[4]]]);
    // In a session labelled ANBU: the ANBU clerk records for a member; the BREACH clerk is told the session is unknown.
    const hidden = await createSession(anbu, { title: 'Private sitting', date: '2026-11-14', startsAt: '09:00', place: 'Main assembly hall', chair: chairPerson, classification: 'secret', compartments: ['ANBU'] });
    await setSessionStatus(onDay(anbu, hidden), hidden.code, { status: 'sitting' });
    expect(waiting(await queueAction(anbu, hidden.code, { type: 'request', member: council.seats[2]! }))).toEqual([[council.seats[2], 'speak']]);
    const seen = await refusal(queueAction(breach, hidden.code, { type: 'request', member: council.seats[3]! }));
    const unknown = await refusal(queueAction(breach, 'CS-2026-999', { type: 'request', member: council.seats[3]! }));
    expect(seen).toEqual({ ...unknown, message: unknown.message.replace('CS-2026-999', hidden.code) });
    expect(seen).toMatchObject({ status: 'not_found', code: 'LEGISLATURE_SESSION_NOT_FOUND' });
  });

  it('takes motions from members present, seconded by another, with amendments, and resolves statute citations', async () => {
    const s = await session('2026-11-09');
    await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
    for (const n of [2, 3, 4]) await setAttendance(c(n), s.code, 'me', { status: 'present' });
    expect(await refusal(moveMotion(c(5), s.code, { text: 'That the gates close at dusk.' }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_MOTION_REFUSED', details: [{ path: 'body.mover' }] });
    const moved = await moveMotion(c(3), s.code, { text: 'That foreign-born shinobi be expelled, two thirds being required by section 2-111(2)(d).' });
    expect(moved.number).toBe(1);
    const m = moved.motion;
    expect(m).toMatchObject({ number: 1, status: 'moved', mover: { id: council.seats[2] }, seconder: null, amends: null });
    expect(m.citations.map((x: any) => [x.text, x.status ?? x.kind])).toEqual([['section 2-111(2)(d)', expect.anything()]]);
    expect(await refusal(secondMotion(c(3), s.code, 1, {}))).toMatchObject({ code: 'LEGISLATURE_MOTION_REFUSED', message: expect.stringContaining('mover cannot second') });
    const seconded = await secondMotion(c(4), s.code, 1, {});
    expect(seconded).toMatchObject({ status: 'seconded', seconder: { id: council.seats[3] } });
    const amendment = await moveMotion(c(2), s.code, { text: 'To leave out "expelled" and insert "registered".', amends: 1 });
    expect(amendment.motion).toMatchObject({ number: 2, amends: 1 });
    await withdrawMotion(c(2), s.code, 2);
    expect((await getSession(clerk, s.code)).motions[1]!.status).toBe('withdrawn');
    expect(await refusal(moveMotion(c(2), s.code, { text: 'x', amends: 2 }))).toMatchObject({ code: 'LEGISLATURE_MOTION_REFUSED', details: [{ path: 'body.amends' }] });
    // The clerk names a mover, who must be a member.
    expect(await refusal(moveMotion(clerk, s.code, { text: 'x', mover: council.former }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_NOT_A_MEMBER' });
  });

  it('takes a roll call: one answer per member, the clerk records one called aloud, the result from the ballots under the stored rule', async () => {
    const s = await session('2026-11-10');
    await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) await setAttendance(c(n), s.code, 'me', { status: 'present' });
    await setAttendance(clerk, s.code, council.seats[9]!, { status: 'excused' });
    await moveMotion(c(3), s.code, { text: 'That foreign-born shinobi be expelled.' });
    await secondMotion(c(4), s.code, 1, {});
    expect(await refusal(openVote(onDay(clerk, s), s.code, { motion: 1, majority: 'two_thirds' }))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.basis' }] });
    expect(await refusal(openVote(onDay(c(1), s), s.code, { motion: 1 }))).toMatchObject({ status: 'forbidden' });
    // Two thirds only on the paragraph of 2-111(2) that requires it: not the veto's override, not free words.
    expect(await refusal(openVote(onDay(clerk, s), s.code, { motion: 1, majority: 'two_thirds', basis: 'section 2-111(2)(a)' }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_VOTE_BASIS', details: [{ path: 'body.basis' }] });
    expect(await refusal(openVote(onDay(clerk, s), s.code, { motion: 1, majority: 'two_thirds', basis: 'whatever text I like' }))).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.basis' }] });
    expect(await refusal(openVote(onDay(clerk, s), s.code, { motion: 1, basis: 'section 2-111(2)(d)' }))).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.basis' }] });
    const v = await openVote(onDay(clerk, s), s.code, { motion: 1, majority: 'two_thirds', basis: 'section 2-111(2)(d)' });
    // No section 2-101 in this fixture: the seats are the registry's twelve council seats.
    expect(v).toMatchObject({ status: 'open', rule: { majority: 'two_thirds', basis: 'section 2-111(2)(d): to expel a councillor', quorum: 7, seats: 12, seatsBasis: 'the 12 council seats of the registry (no section 2-101 in force on 2026-11-10)' }, answered: 0, result: null });
    expect(await refusal(openVote(onDay(clerk, s), s.code, { motion: 1 }))).toMatchObject({ code: 'LEGISLATURE_VOTE_OPEN' });
    // Section 2-105(3): the chair (councillor 1) answers no roll call, nor does the clerk record one for the chair.
    expect(await refusal(castBallot(c(1), v.id, { option: 'yes' }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_CHAIR_NO_BALLOT' });
    expect(await refusal(castBallot(clerk, v.id, { option: 'yes', member: chairPerson }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_CHAIR_NO_BALLOT', details: [{ path: 'body.member' }] });
    // An excused member (councillor 10) is not present: no answer, from themself or called aloud.
    expect(await refusal(castBallot(c(10), v.id, { option: 'yes' }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_MEMBER_EXCUSED' });
    expect(await refusal(castBallot(clerk, v.id, { option: 'yes', member: council.seats[9]! }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_MEMBER_EXCUSED', details: [{ path: 'body.member' }] });
    // A person holding no seat that day, named by the clerk: 422, nothing recorded.
    expect(await refusal(castBallot(clerk, v.id, { option: 'yes', member: council.former }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_NOT_A_MEMBER', details: [{ path: 'body.member' }] });
    // 8 answer: 5 yes, 2 no, 1 abstain; councillor 9's answer is called aloud and recorded by the clerk.
    const answers: [number, 'yes' | 'no' | 'abstain'][] = [[2, 'yes'], [3, 'yes'], [4, 'yes'], [5, 'yes'], [6, 'yes'], [7, 'no'], [8, 'no']];
    for (const [n, option] of answers) await castBallot(c(n), v.id, { option });
    await castBallot(clerk, v.id, { option: 'abstain', member: council.seats[8]! });
    expect(await refusal(castBallot(c(2), v.id, { option: 'no' }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_ALREADY_VOTED', message: expect.stringContaining('(yes)') });
    expect(await refusal(castBallot(c(2), v.id, { option: 'no', member: council.seats[10]! }))).toMatchObject({ status: 'forbidden' });
    const former = withActor(app.ctx, councillorActor(council.former));
    expect(await refusal(castBallot(former, v.id, { option: 'yes' }))).toMatchObject({ status: 'forbidden', code: 'LEGISLATURE_NOT_A_MEMBER' });
    const closed = await closeVote(clerk, v.id);
    // 8 answering and the chair at the table: 9 present of 12 (quorum 7 met); two thirds of all 12 seats is 8 yes; 5 yes: lost.
    expect(closed.result).toMatchObject({ outcome: 'failed', needed: 8, tally: { yes: 5, no: 2, abstain: 1, absent: 3, present: 9 } });
    expect(closed.result!.explanation).toBe('Lost: 5 yes, 2 no, 1 abstaining, of 9 present (the chair not voting); two thirds of all 12 councillors is 8 (section 2-111(2)(d)).');
    // Absent: the excused councillor 10 and councillors 11, 12; the chair has no ballot at all.
    expect(closed.ballots.filter((b) => b.option === 'absent').map((b) => (b.member as any).id).sort()).toEqual(council.seats.slice(9).sort());
    expect(closed.ballots.map((b) => (b.member as any).id)).not.toContain(chairPerson);
    expect(closed.ballots.find((b) => (b.member as any).id === council.seats[8])).toMatchObject({ option: 'abstain', calledAloud: true });
    // Closed twice: 409, and the result stands as it was.
    expect(await refusal(closeVote(clerk, v.id))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_VOTE_CLOSED' });
    expect((await getSession(clerk, s.code)).votes[0]).toEqual(closed);
    expect(await refusal(castBallot(c(9), v.id, { option: 'yes' }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_VOTE_CLOSED' });
    expect((await getSession(clerk, s.code)).motions[0]!.status).toBe('voted');

    // Popolo: the counts and each member's vote.
    const popolo = await popoloVoteEvent(clerk, v.id);
    expect(popolo).toMatchObject({ identifier: `${s.code} vote 1`, legislative_session_id: s.code, result: 'fail', motion: { text: 'That foreign-born shinobi be expelled.', requirement: 'two-thirds' } });
    expect(popolo.counts).toEqual([{ option: 'yes', value: 5 }, { option: 'no', value: 2 }, { option: 'abstain', value: 1 }, { option: 'absent', value: 3 }]);
    expect(popolo.votes).toHaveLength(11);
    expect(popolo.votes.find((x) => x.voter_id === council.seats[6])).toMatchObject({ option: 'no', voter: { displayName: 'Councillor 7' } });
    const motion = await popoloMotion(clerk, (await getSession(clerk, s.code)).motions[0]!.id);
    expect(motion).toMatchObject({ creator_id: council.seats[2], result: 'fail', vote_events: [v.id], requirement: 'two-thirds' });

    // The minutes, generated from the record.
    const minutes = await getMinutes(clerk, s.code);
    expect(minutes.present).toEqual(council.names.slice(0, 9).map((n, i) => `${n} (Council seat ${i + 1})`));
    expect(minutes.excused).toEqual(['Councillor 10 (Council seat 10)']);
    expect(minutes.notRecorded).toHaveLength(2);
    expect(minutes.motions[0]!.line).toBe('Motion 1, moved by Councillor 3, seconded by Councillor 4: "That foreign-born shinobi be expelled." — voted.');
    expect([minutes.votes[0]!.yes.sort(), minutes.votes[0]!.no.sort(), minutes.votes[0]!.abstain]).toEqual([council.names.slice(1, 6).sort(), council.names.slice(6, 8).sort(), ['Councillor 9 (aloud)']]);
    expect(minutes.votes[0]!.absent.sort()).toEqual(council.names.slice(9).sort());
    expect(minutes.text).toContain('two thirds (section 2-111(2)(d): to expel a councillor), quorum 7: Lost: 5 yes, 2 no, 1 abstaining, of 9 present (the chair not voting); two thirds of all 12 councillors is 8 (section 2-111(2)(d)).');
  });

  it('counts no quorum: fewer present than 2-104 requires, the vote does not count', async () => {
    const s = await session('2026-11-11');
    await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
    for (const n of [2, 3]) await setAttendance(c(n), s.code, 'me', { status: 'present' });
    await moveMotion(c(2), s.code, { text: 'That the sitting continue.' });
    await secondMotion(c(3), s.code, 1, {});
    const v = await openVote(onDay(clerk, s), s.code, { motion: 1 });
    for (const n of [2, 3, 4]) await castBallot(c(n), v.id, { option: 'yes' });
    // The chair (councillor 1) was never marked present: not counted, and absent.
    expect((await closeVote(clerk, v.id)).result).toMatchObject({ outcome: 'no_quorum', tally: { yes: 3, present: 3, absent: 9 } });
  });

  it('moves a bill on when its reading is carried; the action names the vote', async () => {
    const bill = await createBill(clerk, { title: 'Orphans Welfare Act', sponsors: [council.seats[3]!] });
    await recordBillAction(onDay(clerk, '2026-11-05'), bill.code, { stage: 'introduced', on: '2026-11-05' });
    const s = await session('2026-11-12', { agenda: [{ kind: 'bill_reading', title: 'Orphans Welfare Act, first reading', bill: bill.code, stage: 'first_reading' }] });
    await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
    await setAttendance(clerk, s.code, chairPerson, { status: 'present' });
    const v = await openVote(onDay(clerk, s), s.code, { item: s.agenda[0]!.id });
    expect(v.question).toContain(bill.code);
    expect(v.rule).toMatchObject({ majority: 'simple', basis: 'section 2-111(1): a majority of the councillors voting' });
    for (let n = 2; n <= 7; n++) await castBallot(c(n), v.id, { option: n <= 6 ? 'yes' : 'no' });
    const closed = await closeVote(clerk, v.id);
    // 6 answering and the chair present, not answering: 7 present, the quorum of 7 met only with the
    // chair (section 2-104(4): present is seated at the table); a majority of the 6 voting is 4; 5 yes: carried.
    expect(closed.result).toMatchObject({ outcome: 'passed', needed: 4, tally: { yes: 5, no: 1, present: 7, absent: 5 } });
    const after = await getBill(clerk, bill.code);
    expect(after.stage).toBe('first_reading');
    expect(after.actions.at(-1)).toMatchObject({ stage: 'first_reading', on: '2026-11-12', vote: v.id });
    // A reading to a stage the bill cannot reach is refused when the vote is opened.
    const s2 = await session('2026-11-13', { agenda: [{ kind: 'bill_reading', title: 'Third reading', bill: bill.code, stage: 'third_reading' }] });
    await setSessionStatus(onDay(clerk, s2), s2.code, { status: 'sitting' });
    expect(await refusal(openVote(onDay(clerk, s2), s2.code, { item: s2.agenda[0]!.id }))).toMatchObject({ code: 'LEGISLATURE_MOTION_REFUSED', details: [{ path: 'body.item' }] });
  });

  it('overrides a veto only by two thirds of all councillors (sections 3-105(3), 2-111(2)(a)); carried, the bill becomes law without assent', async () => {
    const bill = await createBill(clerk, { title: 'Caravan Tolls Act', sponsors: [council.seats[3]!] });
    // Stating a day before the override: in force from the override (section 3-105(3)).
    await setBillAmendments(clerk, bill.code, { commencement: '2026-11-10', amendments: [] });
    await recordBillAction(onDay(clerk, '2026-11-05'), bill.code, { stage: 'introduced', on: '2026-11-05' });
    await voteBill(clerk, bill.code, ['first_reading', 'second_reading', 'third_reading', 'passed'], '2026-11-05');
    await recordBillAction(onDay(withActor(app.ctx, user('kazekage')), '2026-11-06'), bill.code, { stage: 'vetoed', on: '2026-11-06', note: 'Tolls would close the western route.' });
    const s = await session('2026-11-16', { agenda: [{ kind: 'bill_reading', title: 'Caravan Tolls Act: override of the veto', bill: bill.code, stage: 'veto_overridden' }] });
    await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
    for (let n = 1; n <= 12; n++) await setAttendance(c(n), s.code, 'me', { status: 'present' });
    expect(await refusal(openVote(onDay(clerk, s), s.code, { item: s.agenda[0]!.id, majority: 'simple' }))).toMatchObject({
      status: 'conflict', code: 'LEGISLATURE_MOTION_REFUSED', details: [{ path: 'body.majority', message: expect.stringContaining('needs two thirds of all councillors (sections 3-105(3) and 2-111(2)(a))') }],
    });
    // The basis is the section that requires two thirds for this question, and no other.
    for (const basis of ['section 2-111(2)(d)', 'section 2-111(2)(b)', 'whatever text I like']) {
      expect(await refusal(openVote(onDay(clerk, s), s.code, { item: s.agenda[0]!.id, majority: 'two_thirds', basis }))).toMatchObject({
        status: 'unprocessable', code: 'LEGISLATURE_VOTE_BASIS', details: [{ path: 'body.basis', message: expect.stringContaining('the basis is section 2-111(2)(a)') }],
      });
    }
    const v = await openVote(onDay(clerk, s), s.code, { item: s.agenda[0]!.id, majority: 'two_thirds', basis: 's. 2-111 (2)(a)' });
    expect(v.rule).toMatchObject({ majority: 'two_thirds', basis: 'section 2-111(2)(a): to override a veto of the Kazekage (section 3-105(3))' });
    // Twelve seats: two thirds is 8; 8 yes, 3 no (the chair not voting) carries.
    for (let n = 2; n <= 12; n++) await castBallot(c(n), v.id, { option: n <= 9 ? 'yes' : 'no' });
    expect((await closeVote(clerk, v.id)).result).toMatchObject({ outcome: 'passed', needed: 8 });
    const after = await getBill(clerk, bill.code);
    expect(after).toMatchObject({ stage: 'veto_overridden', commencement: '2026-11-16' });
    expect(after.actions.at(-1)).toMatchObject({ stage: 'veto_overridden', classification: 'veto-override-passage', vote: v.id });
  });

  it('reads a bill again the same day only by two thirds of all councillors (sections 2-114(3), 2-111(2)(b)); a lost passing vote fails it', async () => {
    const bill = await createBill(clerk, { title: 'Wells Act', sponsors: [council.seats[3]!] });
    await setBillAmendments(clerk, bill.code, { commencement: '2027-01-01', amendments: [] });
    await recordBillAction(onDay(clerk, '2026-11-05'), bill.code, { stage: 'introduced', on: '2026-11-05' });
    const s = await session('2026-11-17', { agenda: (['first_reading', 'second_reading', 'third_reading', 'passed'] as const).map((stage) => ({ kind: 'bill_reading', title: `Wells Act: ${stage}`, bill: bill.code, stage })) });
    await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
    for (let n = 1; n <= 12; n++) await setAttendance(c(n), s.code, 'me', { status: 'present' });
    /** A vote on agenda item i: councillors 2.. answer in order (the chair, councillor 1, answers none). */
    const put = async (i: number, answers: ('yes' | 'no')[], asked: { majority?: 'simple' | 'two_thirds'; basis?: string } = {}) => {
      const v = await openVote(onDay(clerk, s), s.code, { item: s.agenda[i]!.id, ...asked });
      for (const [k, option] of answers.entries()) await castBallot(c(k + 2), v.id, { option });
      return closeVote(clerk, v.id);
    };
    const yes = (n: number, of = 11) => [...Array(n).fill('yes'), ...Array(of - n).fill('no')] as ('yes' | 'no')[];
    // Urgency (section 3-106(1)(a)) is certified on the vote that passes a bill, not on a reading.
    expect(await refusal(openVote(onDay(clerk, s), s.code, { item: s.agenda[0]!.id, urgent: true }))).toMatchObject({ status: 'conflict', details: [{ path: 'body.urgent' }] });
    // The first reading is the only one that day: a majority of those voting.
    const first = await put(0, yes(6));
    expect(first.rule).toMatchObject({ majority: 'simple', basis: 'section 2-111(1): a majority of the councillors voting' });
    expect((await getBill(clerk, bill.code)).stage).toBe('first_reading');
    // The second the same day: a simple majority is refused; two thirds of the 12 seats (8) is needed.
    expect(await refusal(openVote(onDay(clerk, s), s.code, { item: s.agenda[1]!.id, majority: 'simple' }))).toMatchObject({
      status: 'conflict', details: [{ path: 'body.majority', message: expect.stringContaining('sections 2-114(3) and 2-111(2)(b)') }],
    });
    expect(await refusal(openVote(onDay(clerk, s), s.code, { item: s.agenda[1]!.id, majority: 'two_thirds', basis: 'section 2-111(2)(d)' }))).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.basis' }] });
    // 7 yes, 4 no: a simple majority, short of two thirds: the Council did not so resolve; the bill is not failed, it waits for another day.
    const short = await put(1, yes(7));
    expect(short.rule).toMatchObject({ majority: 'two_thirds', basis: 'section 2-111(2)(b): two readings of a bill on the same day (section 2-114(3))' });
    expect(short.result).toMatchObject({ outcome: 'failed', needed: 8 });
    expect(short.result!.explanation).toContain('to be read another day');
    expect((await getBill(clerk, bill.code)).stage).toBe('first_reading');
    // 8 yes: read a second time, and a third.
    expect((await put(1, yes(8))).result).toMatchObject({ outcome: 'passed', needed: 8 });
    expect((await put(2, yes(8))).result).toMatchObject({ outcome: 'passed', needed: 8 });
    expect((await getBill(clerk, bill.code)).stage).toBe('third_reading');
    // The vote on the bill as a whole is no reading: a majority of those voting; lost 5 to 6, the bill fails, the action naming the vote.
    const whole = await put(3, yes(5));
    expect(whole.rule.majority).toBe('simple');
    expect(whole.result).toMatchObject({ outcome: 'failed' });
    const after = await getBill(clerk, bill.code);
    expect(after).toMatchObject({ stage: 'failed', nextStages: [] });
    expect(after.actions.at(-1)).toMatchObject({ stage: 'failed', on: '2026-11-17', vote: whole.id, classification: 'failure' });
  });

  it('two thirds is of all the seats, the vacant ones too: 12 posts, 9 filled, needs 8 yes', async () => {
    // In 2021 the former councillor held seat 7, councillors of that term seats 1-6, 8 and 9; seats 10-12 were vacant.
    const term: string[] = [];
    for (const n of [1, 2, 3, 4, 5, 6, 8, 9]) {
      const p = (await createPerson(app.ctx, { name: `Councillor of 2021, seat ${n}`, rank: 'civilian' })).id;
      await createMembership(app.ctx, { person: p, organization: 'council', post: `council-seat-${n}`, role: 'councillor', startDate: '2021-01-01', endDate: '2021-12-31' });
      term.push(p);
    }
    const s = await createSession(clerk, { title: 'Sitting of 2021', date: '2021-06-01', startsAt: '09:00', place: 'Main assembly hall', chair: term[0]! });
    expect(s.members).toHaveLength(9);
    await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
    for (const p of [...term, council.former]) await setAttendance(clerk, s.code, p, { status: 'present' });
    await moveMotion(clerk, s.code, { text: 'That a councillor be expelled.', mover: term[1]! });
    await secondMotion(clerk, s.code, 1, { seconder: term[2]! });
    const v = await openVote(onDay(clerk, s), s.code, { motion: 1, majority: 'two_thirds', basis: 'section 2-111(2)(d)' });
    expect(v.rule).toMatchObject({ seats: 12 });
    // The 8 who may answer: 7 yes, 1 no. Two thirds of the 9 filled seats (6) would carry it; of all 12 it needs 8.
    for (const p of term.slice(1)) await castBallot(clerk, v.id, { option: 'yes', member: p });
    await castBallot(clerk, v.id, { option: 'no', member: council.former });
    const closed = await closeVote(clerk, v.id);
    expect(closed.result).toMatchObject({ outcome: 'failed', needed: 8, tally: { yes: 7, no: 1, present: 9 } });
    expect(closed.result!.explanation).toContain('two thirds of all 12 councillors is 8');
  });

  it('hides a labelled session exactly as an unknown one, by compartment', async () => {
    const hidden = await createSession(anbu, { title: 'Private sitting', date: '2026-11-14', startsAt: '10:00', place: 'Closed chamber', chair: chairPerson, classification: 'secret', compartments: ['ANBU'] });
    expect((await getSession(anbu, hidden.code)).code).toBe(hidden.code);
    const seen = await refusal(getSession(breach, hidden.code));
    const unknown = await refusal(getSession(breach, 'CS-2026-999'));
    expect(seen).toEqual({ ...unknown, message: unknown.message.replace('CS-2026-999', hidden.code) });
    expect(seen).toMatchObject({ status: 'not_found', code: 'LEGISLATURE_SESSION_NOT_FOUND' });
    expect(await refusal(setAttendance(breach, hidden.code, council.seats[0]!, { status: 'present' }))).toMatchObject({ status: 'not_found' });
    // The calendar and the list show it only to a reader who may see it.
    expect(await sessionsCalendar(anbu)).toContain(`UID:${hidden.code.toLowerCase()}@`);
    expect(await sessionsCalendar(breach)).not.toContain(hidden.code.toLowerCase());
    expect((await listSessions(breach, { limit: 200, offset: 0 })).items.map((x) => x.code)).not.toContain(hidden.code);
    expect((await listSessions(anbu, { limit: 200, offset: 0 })).items.map((x) => x.code)).toContain(hidden.code);
    // A vote of the ANBU session, read by id: the ANBU reader sees it; a BREACH reader of the same level is told what an unknown id is told.
    await setSessionStatus(onDay(anbu, hidden), hidden.code, { status: 'sitting' });
    for (const n of [2, 3]) await setAttendance(anbu, hidden.code, council.seats[n - 1]!, { status: 'present' });
    await moveMotion(anbu, hidden.code, { text: 'That the sitting be private.', mover: council.seats[1]! });
    await secondMotion(anbu, hidden.code, 1, { seconder: council.seats[2]! });
    const v = await openVote(onDay(anbu, hidden), hidden.code, { motion: 1 });
    expect((await popoloVoteEvent(anbu, v.id)).identifier).toBe(`${hidden.code} vote 1`);
    const secretVote = await refusal(popoloVoteEvent(breach, v.id));
    const noVote = await refusal(popoloVoteEvent(breach, 'no-such-vote'));
    expect(secretVote).toEqual({ ...noVote, message: noVote.message.replace('no-such-vote', v.id) });
    expect(secretVote).toMatchObject({ status: 'not_found', code: 'LEGISLATURE_VOTE_NOT_FOUND' });
    await closeVote(anbu, v.id);
  });

  it('refuses an unknown chair or a hidden bill on the agenda as unknown, and writes nothing', async () => {
    const guard = (await createPerson(app.ctx, { name: 'Hidden Guard', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] })).id;
    const hidden = await refusal(createSession(breach, { title: 'x', date: '2026-12-01', startsAt: '09:00', place: 'Hall', chair: guard }));
    const unknown = await refusal(createSession(breach, { title: 'x', date: '2026-12-01', startsAt: '09:00', place: 'Hall', chair: 'no-such-person' }));
    expect(hidden).toEqual({ ...unknown, message: unknown.message.replace('no-such-person', guard) });
    expect(hidden).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.chair' }] });
    expect(await refusal(createSession(clerk, { title: 'x', date: '2026-12-01', startsAt: '25:00', place: 'Hall', chair: chairPerson }))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.startsAt' }] });
  });

  // Last: it puts section 2-101 in the statute book, which the votes opened after it read.
  it('two thirds is of the seats section 2-101(1) gives on the session date; a simple majority is of those voting yes or no', async () => {
    const seats = (n: string) => `(1) The Council is the legislature of the village. It consists of ${n} councillors, elected by the residents.\n(2) A councillor holds office for four years.`;
    await importStatutes(app.ctx, [{ code: '2-101', heading: 'Constitution of the Council', titleNumber: 2, versions: [
      { from: '2001-04-01', reason: 'enacted', markup: seats('twelve') }, { from: '2026-11-23', reason: 'amended', markup: seats('fifteen') },
    ] }], { source: 'test' });
    /** A vote in a sitting on the date with every member present: 9 yes and 3 no, or the answers given. */
    const vote = async (date: string, majority: 'simple' | 'two_thirds', answers: ('yes' | 'no' | 'abstain')[]) => {
      const s = await session(date);
      await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
      for (let n = 1; n <= 12; n++) await setAttendance(c(n), s.code, 'me', { status: 'present' });
      await moveMotion(c(2), s.code, { text: 'That a councillor be expelled.' });
      await secondMotion(c(3), s.code, 1, {});
      const v = await openVote(onDay(clerk, s), s.code, { motion: 1, majority, ...(majority === 'two_thirds' ? { basis: 'section 2-111(2)(d)' } : {}) });
      for (const [i, option] of answers.entries()) await castBallot(c(i + 2), v.id, { option });
      return closeVote(clerk, v.id);
    };
    // Eleven answer: the chair (councillor 1) is present and answers none.
    const nineToTwo = [...Array(9).fill('yes'), 'no', 'no'];
    // Twelve seats on 2026-11-20: two thirds of 12 is 8; 9 yes carries.
    const before = await vote('2026-11-20', 'two_thirds', nineToTwo);
    expect(before.rule).toMatchObject({ seats: 12, seatsBasis: 'section 2-101(1) as in force on 2026-11-20 (from 2001-04-01)' });
    expect(before.result).toMatchObject({ outcome: 'passed', needed: 8 });
    // Fifteen seats from 2026-11-23 (three of them vacant: the registry has twelve): two thirds of 15 is 10; 9 yes is lost.
    const after = await vote('2026-11-24', 'two_thirds', nineToTwo);
    expect(after.rule).toMatchObject({ seats: 15, seatsBasis: 'section 2-101(1) as in force on 2026-11-24 (from 2026-11-23)' });
    expect(after.result).toMatchObject({ outcome: 'failed', needed: 10, tally: { yes: 9, no: 2, abstain: 0, absent: 0, present: 12 } });
    expect(after.result!.explanation).toBe('Lost: 9 yes, 2 no, 0 abstaining, of 12 present (the chair not voting); two thirds of all 15 councillors is 10 (section 2-111(2)(d)).');
    // 4 yes, 3 no, 4 abstaining: the 4 are present (with the chair, a quorum of 12) but vote neither way; 4 of the 7 voting carries.
    const simple = await vote('2026-11-25', 'simple', ['yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'abstain', 'abstain', 'abstain', 'abstain']);
    expect(simple.result).toMatchObject({ outcome: 'passed', needed: 4, tally: { yes: 4, no: 3, abstain: 4, present: 12 } });
    expect(simple.result!.explanation).toBe('Carried: 4 yes, 3 no, 4 abstaining, of 12 present (the chair not voting); a majority of the 7 councillors voting yes or no is 4 (section 2-111(1)).');
    // Equal votes: the chair votes for the question to remain as it was, so it is lost (section 2-105(3)).
    const tie = await vote('2026-11-26', 'simple', ['yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'no', 'abstain', 'abstain', 'abstain']);
    expect(tie.result).toMatchObject({ outcome: 'failed', tally: { yes: 4, no: 4 } });
    expect(tie.result!.explanation).toContain('the votes are equal, and the chair votes for the question to remain as it was (section 2-105(3))');
  });
});
