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
import { createPerson } from '../registry/index.ts';
import {
  addAgendaItem, castBallot, closeVote, createBill, createSession, getBill, getSession, importStatutes, moveMotion, openVote, orderAgenda,
  queueAction, recordBillAction, secondMotion, setAttendance, setSessionStatus, withdrawMotion, popoloVoteEvent, popoloMotion, sessionsCalendar, listSessions, getMinutes,
} from './index.ts';
import { councillorActor, seatCouncil, type Council } from './testing/council.ts';

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
    await setSessionStatus(clerk, s.code, { status: 'sitting' });
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
    await setSessionStatus(clerk, s.code, { status: 'sitting' });
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
    await setSessionStatus(anbu, hidden.code, { status: 'sitting' });
    expect(waiting(await queueAction(anbu, hidden.code, { type: 'request', member: council.seats[2]! }))).toEqual([[council.seats[2], 'speak']]);
    const seen = await refusal(queueAction(breach, hidden.code, { type: 'request', member: council.seats[3]! }));
    const unknown = await refusal(queueAction(breach, 'CS-2026-999', { type: 'request', member: council.seats[3]! }));
    expect(seen).toEqual({ ...unknown, message: unknown.message.replace('CS-2026-999', hidden.code) });
    expect(seen).toMatchObject({ status: 'not_found', code: 'LEGISLATURE_SESSION_NOT_FOUND' });
  });

  it('takes motions from members present, seconded by another, with amendments, and resolves statute citations', async () => {
    const s = await session('2026-11-09');
    await setSessionStatus(clerk, s.code, { status: 'sitting' });
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
    await setSessionStatus(clerk, s.code, { status: 'sitting' });
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) await setAttendance(c(n), s.code, 'me', { status: 'present' });
    await moveMotion(c(3), s.code, { text: 'That foreign-born shinobi be expelled.' });
    await secondMotion(c(4), s.code, 1, {});
    expect(await refusal(openVote(clerk, s.code, { motion: 1, majority: 'two_thirds' }))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.basis' }] });
    expect(await refusal(openVote(c(1), s.code, { motion: 1 }))).toMatchObject({ status: 'forbidden' });
    const v = await openVote(clerk, s.code, { motion: 1, majority: 'two_thirds', basis: 'section 2-111(2)(d)' });
    // No section 2-101 in this fixture: the seats are the registry's twelve council seats.
    expect(v).toMatchObject({ status: 'open', rule: { majority: 'two_thirds', basis: 'section 2-111(2)(d)', quorum: 7, seats: 12, seatsBasis: 'the 12 council seats of the registry (no section 2-101 in force on 2026-11-10)' }, answered: 0, result: null });
    expect(await refusal(openVote(clerk, s.code, { motion: 1 }))).toMatchObject({ code: 'LEGISLATURE_VOTE_OPEN' });
    // 8 answer: 5 yes, 2 no, 1 abstain; councillor 8's answer is called aloud and recorded by the clerk.
    const answers: [number, 'yes' | 'no' | 'abstain'][] = [[1, 'yes'], [2, 'yes'], [3, 'yes'], [4, 'yes'], [5, 'yes'], [6, 'no'], [7, 'no']];
    for (const [n, option] of answers) await castBallot(c(n), v.id, { option });
    await castBallot(clerk, v.id, { option: 'abstain', member: council.seats[7]! });
    expect(await refusal(castBallot(c(1), v.id, { option: 'no' }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_ALREADY_VOTED', message: expect.stringContaining('(yes)') });
    expect(await refusal(castBallot(c(2), v.id, { option: 'no', member: council.seats[8]! }))).toMatchObject({ status: 'forbidden' });
    const former = withActor(app.ctx, councillorActor(council.former));
    expect(await refusal(castBallot(former, v.id, { option: 'yes' }))).toMatchObject({ status: 'forbidden', code: 'LEGISLATURE_NOT_A_MEMBER' });
    const closed = await closeVote(clerk, v.id);
    // 8 present of 12 (quorum 7 met); two thirds of all 12 seats is 8 yes; 5 yes: lost.
    expect(closed.result).toMatchObject({ outcome: 'failed', needed: 8, tally: { yes: 5, no: 2, abstain: 1, absent: 4, present: 8 } });
    expect(closed.result!.explanation).toBe('Lost: 5 yes, 2 no, 1 abstaining, of 8 present; two thirds of all 12 councillors is 8 (section 2-111(2)(d)).');
    expect(closed.ballots.filter((b) => b.option === 'absent').map((b) => (b.member as any).id).sort()).toEqual(council.seats.slice(8).sort());
    expect(closed.ballots.find((b) => (b.member as any).id === council.seats[7])).toMatchObject({ option: 'abstain', calledAloud: true });
    expect(await refusal(castBallot(c(9), v.id, { option: 'yes' }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_VOTE_CLOSED' });
    expect((await getSession(clerk, s.code)).motions[0]!.status).toBe('voted');

    // Popolo: the counts and each member's vote.
    const popolo = await popoloVoteEvent(clerk, v.id);
    expect(popolo).toMatchObject({ identifier: `${s.code} vote 1`, legislative_session_id: s.code, result: 'fail', motion: { text: 'That foreign-born shinobi be expelled.', requirement: 'two-thirds' } });
    expect(popolo.counts).toEqual([{ option: 'yes', value: 5 }, { option: 'no', value: 2 }, { option: 'abstain', value: 1 }, { option: 'absent', value: 4 }]);
    expect(popolo.votes).toHaveLength(12);
    expect(popolo.votes.find((x) => x.voter_id === council.seats[5])).toMatchObject({ option: 'no', voter: { displayName: 'Councillor 6' } });
    const motion = await popoloMotion(clerk, (await getSession(clerk, s.code)).motions[0]!.id);
    expect(motion).toMatchObject({ creator_id: council.seats[2], result: 'fail', vote_events: [v.id], requirement: 'two-thirds' });

    // The minutes, generated from the record.
    const minutes = await getMinutes(clerk, s.code);
    expect(minutes.present).toEqual(council.names.slice(0, 8).map((n, i) => `${n} (Council seat ${i + 1})`));
    expect(minutes.notRecorded).toHaveLength(4);
    expect(minutes.motions[0]!.line).toBe('Motion 1, moved by Councillor 3, seconded by Councillor 4: "That foreign-born shinobi be expelled." — voted.');
    expect([minutes.votes[0]!.yes.sort(), minutes.votes[0]!.no.sort(), minutes.votes[0]!.abstain]).toEqual([council.names.slice(0, 5).sort(), council.names.slice(5, 7).sort(), ['Councillor 8 (aloud)']]);
    expect(minutes.votes[0]!.absent.sort()).toEqual(council.names.slice(8).sort());
    expect(minutes.text).toContain('two thirds (section 2-111(2)(d)), quorum 7: Lost: 5 yes, 2 no, 1 abstaining, of 8 present; two thirds of all 12 councillors is 8 (section 2-111(2)(d)).');
  });

  it('counts no quorum: fewer present than 2-104 requires, the vote does not count', async () => {
    const s = await session('2026-11-11');
    await setSessionStatus(clerk, s.code, { status: 'sitting' });
    for (const n of [1, 2]) await setAttendance(c(n), s.code, 'me', { status: 'present' });
    await moveMotion(c(1), s.code, { text: 'That the sitting continue.' });
    await secondMotion(c(2), s.code, 1, {});
    const v = await openVote(clerk, s.code, { motion: 1 });
    for (const n of [1, 2, 3]) await castBallot(c(n), v.id, { option: 'yes' });
    expect((await closeVote(clerk, v.id)).result).toMatchObject({ outcome: 'no_quorum', tally: { yes: 3, present: 3, absent: 9 } });
  });

  it('moves a bill on when its reading is carried; the action names the vote', async () => {
    const bill = await createBill(clerk, { title: 'Orphans Welfare Act', sponsors: [council.seats[3]!] });
    await recordBillAction(clerk, bill.code, { stage: 'introduced', on: '2026-11-05' });
    const s = await session('2026-11-12', { agenda: [{ kind: 'bill_reading', title: 'Orphans Welfare Act, first reading', bill: bill.code, stage: 'first_reading' }] });
    await setSessionStatus(clerk, s.code, { status: 'sitting' });
    const v = await openVote(clerk, s.code, { item: s.agenda[0]!.id });
    expect(v.question).toContain(bill.code);
    for (let n = 1; n <= 7; n++) await castBallot(c(n), v.id, { option: n <= 6 ? 'yes' : 'no' });
    const closed = await closeVote(clerk, v.id);
    // 7 present (quorum 7), all voting; a majority of the 7 voting is 4; 6 yes: carried.
    expect(closed.result).toMatchObject({ outcome: 'passed', needed: 4, tally: { yes: 6, no: 1, present: 7, absent: 5 } });
    const after = await getBill(clerk, bill.code);
    expect(after.stage).toBe('first_reading');
    expect(after.actions.at(-1)).toMatchObject({ stage: 'first_reading', on: '2026-11-12', vote: v.id });
    // A reading to a stage the bill cannot reach is refused when the vote is opened.
    const s2 = await session('2026-11-13', { agenda: [{ kind: 'bill_reading', title: 'Third reading', bill: bill.code, stage: 'third_reading' }] });
    await setSessionStatus(clerk, s2.code, { status: 'sitting' });
    expect(await refusal(openVote(clerk, s2.code, { item: s2.agenda[0]!.id }))).toMatchObject({ code: 'LEGISLATURE_MOTION_REFUSED', details: [{ path: 'body.item' }] });
  });

  it('overrides a veto only by two thirds of all councillors (sections 3-105(3), 2-111(2)(a)); carried, the bill becomes law without assent', async () => {
    const bill = await createBill(clerk, { title: 'Caravan Tolls Act', sponsors: [council.seats[3]!] });
    for (const stage of ['introduced', 'first_reading', 'second_reading', 'third_reading', 'passed'] as const) await recordBillAction(clerk, bill.code, { stage, on: '2026-11-05' });
    await recordBillAction(withActor(app.ctx, user('kazekage')), bill.code, { stage: 'vetoed', on: '2026-11-06', note: 'Tolls would close the western route.' });
    const s = await session('2026-11-16', { agenda: [{ kind: 'bill_reading', title: 'Caravan Tolls Act: override of the veto', bill: bill.code, stage: 'veto_overridden' }] });
    await setSessionStatus(clerk, s.code, { status: 'sitting' });
    for (let n = 1; n <= 12; n++) await setAttendance(c(n), s.code, 'me', { status: 'present' });
    expect(await refusal(openVote(clerk, s.code, { item: s.agenda[0]!.id }))).toMatchObject({
      code: 'LEGISLATURE_MOTION_REFUSED', details: [{ path: 'body.majority', message: expect.stringContaining('needs two thirds of all councillors (sections 3-105(3) and 2-111(2)(a))') }],
    });
    const v = await openVote(clerk, s.code, { item: s.agenda[0]!.id, majority: 'two_thirds', basis: 'section 2-111(2)(a)' });
    // Twelve seats: two thirds is 8; 8 yes, 4 no carries.
    for (let n = 1; n <= 12; n++) await castBallot(c(n), v.id, { option: n <= 8 ? 'yes' : 'no' });
    expect((await closeVote(clerk, v.id)).result).toMatchObject({ outcome: 'passed', needed: 8 });
    const after = await getBill(clerk, bill.code);
    expect(after).toMatchObject({ stage: 'veto_overridden', commencement: '2026-11-16' });
    expect(after.actions.at(-1)).toMatchObject({ stage: 'veto_overridden', classification: 'veto-override-passage', vote: v.id });
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
      await setSessionStatus(clerk, s.code, { status: 'sitting' });
      for (let n = 1; n <= 12; n++) await setAttendance(c(n), s.code, 'me', { status: 'present' });
      await moveMotion(c(2), s.code, { text: 'That a councillor be expelled.' });
      await secondMotion(c(3), s.code, 1, {});
      const v = await openVote(clerk, s.code, { motion: 1, majority, ...(majority === 'two_thirds' ? { basis: 'section 2-111(2)(d)' } : {}) });
      for (const [i, option] of answers.entries()) await castBallot(c(i + 1), v.id, { option });
      return closeVote(clerk, v.id);
    };
    const nineToThree = [...Array(9).fill('yes'), 'no', 'no', 'no'];
    // Twelve seats on 2026-11-20: two thirds of 12 is 8; 9 yes carries.
    const before = await vote('2026-11-20', 'two_thirds', nineToThree);
    expect(before.rule).toMatchObject({ seats: 12, seatsBasis: 'section 2-101(1) as in force on 2026-11-20 (from 2001-04-01)' });
    expect(before.result).toMatchObject({ outcome: 'passed', needed: 8 });
    // Fifteen seats from 2026-11-23 (three of them vacant: the registry has twelve): two thirds of 15 is 10; 9 yes is lost.
    const after = await vote('2026-11-24', 'two_thirds', nineToThree);
    expect(after.rule).toMatchObject({ seats: 15, seatsBasis: 'section 2-101(1) as in force on 2026-11-24 (from 2026-11-23)' });
    expect(after.result).toMatchObject({ outcome: 'failed', needed: 10, tally: { yes: 9, no: 3, abstain: 0, absent: 0, present: 12 } });
    expect(after.result!.explanation).toBe('Lost: 9 yes, 3 no, 0 abstaining, of 12 present; two thirds of all 15 councillors is 10 (section 2-111(2)(d)).');
    // 4 yes, 3 no, 5 abstaining: the 5 are present (a quorum of 12) but vote neither way; 4 of the 7 voting carries.
    const simple = await vote('2026-11-25', 'simple', ['yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'abstain', 'abstain', 'abstain', 'abstain', 'abstain']);
    expect(simple.result).toMatchObject({ outcome: 'passed', needed: 4, tally: { yes: 4, no: 3, abstain: 5, present: 12 } });
    expect(simple.result!.explanation).toBe('Carried: 4 yes, 3 no, 5 abstaining, of 12 present; a majority of the 7 councillors voting yes or no is 4 (section 2-111(1)).');
  });
});
