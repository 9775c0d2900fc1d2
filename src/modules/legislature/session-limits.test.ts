// What one session holds and which dates the Council's business takes (issue 10): a session takes
// at most 100 agenda items and 100 motions, a motion cites at most 50 statutes and a session's
// motions 500 in all, each refused with a 422 naming the field and the limit; a motion's writes
// answer the motion, not the whole session; dates are in the years 1000 to 2999 (the calendar and
// the assent period add to them). On both databases; the calendar's bound is pure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { addAgendaItem, createBill, createSession, getBill, moveMotion, recordBillAction, secondMotion, setAttendance, setBillAmendments, setSessionStatus, withdrawMotion } from './index.ts';
import { calendar } from './ical.ts';
import { councillorActor, seatCouncil, voteBill, type Council, onDay } from './testing/council.ts';

const user = (role: Actor['role']): Actor => ({ kind: 'user', role, username: role, clearance: { level: 'top_secret', compartments: [] } });

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, message: e.message, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

/** A motion text citing `n` different statutes (sections 5-101, 5-102, …). */
const citing = (n: number) => `That the following stand: ${Array.from({ length: n }, (_, i) => `section 5-${101 + i}`).join('; ')}.`;

describe.each(DIALECTS)('what a session holds on %s', (dialect) => {
  let app: TestApp;
  let clerk: AppContext;
  let council: Council;
  const c = (n: number) => withActor(app.ctx, councillorActor(council.seats[n - 1]!));
  const sitting = (date: string, extra: Record<string, unknown> = {}) =>
    createSession(clerk, { title: 'Ordinary sitting', date, startsAt: '09:00', place: 'Main assembly hall', chair: council.seats[0]!, ...extra } as any);

  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => new Date('2026-11-05T06:30:00.000Z') });
    clerk = withActor(app.ctx, user('clerk'));
    council = await seatCouncil(app.ctx);
  }, 120_000);
  afterAll(async () => app?.drop());

  it('caps citations per motion (50) and per session (500), and motions per session (100); a motion write answers the motion', async () => {
    const s = await sitting('2026-11-06');
    await setSessionStatus(onDay(clerk, s), s.code, { status: 'sitting' });
    for (const n of [2, 3]) await setAttendance(c(n), s.code, 'me', { status: 'present' });
    expect(await refusal(moveMotion(c(2), s.code, { text: citing(51) }))).toMatchObject({
      status: 'unprocessable', code: 'LEGISLATURE_SESSION_LIMIT', details: [{ path: 'body.text', message: 'the motion cites 51 statutes; a motion cites at most 50' }],
    });
    const first = await moveMotion(c(2), s.code, { text: citing(50) });
    // The answer is the motion written, with its citations, not the session.
    expect(first.motion).toMatchObject({ number: 1, status: 'moved', mover: { id: council.seats[1] } });
    expect(first.motion.citations).toHaveLength(50);
    expect(first.motion).not.toHaveProperty('members');
    const seconded = await secondMotion(c(3), s.code, 1, {});
    expect(seconded).toMatchObject({ number: 1, status: 'seconded', seconder: { id: council.seats[2] } });
    expect(seconded).not.toHaveProperty('agenda');
    for (let i = 2; i <= 10; i++) await moveMotion(c(2), s.code, { text: citing(50) });
    // Ten motions of 50 citations: the session's 500 are used up.
    expect(await refusal(moveMotion(c(2), s.code, { text: citing(1) }))).toMatchObject({
      status: 'unprocessable', code: 'LEGISLATURE_SESSION_LIMIT', details: [{ path: 'body.text', message: "its motions cite 500 statutes and this one 1; a session's motions cite at most 500" }],
    });
    expect(await withdrawMotion(c(2), s.code, 10)).toMatchObject({ number: 10, status: 'withdrawn' });
    for (let i = 11; i <= 100; i++) await moveMotion(c(2), s.code, { text: `That item ${i} be noted.` });
    expect(await refusal(moveMotion(c(2), s.code, { text: 'One more.' }))).toMatchObject({
      status: 'unprocessable', code: 'LEGISLATURE_SESSION_LIMIT', details: [{ path: 'body.text', message: 'it has 100 motions, the most a session takes (100): continue at another sitting' }],
    });
  });

  it('caps the agenda at 100 items, when scheduled and when added to', async () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'report', title: `Report ${i + 1}` }));
    expect(await refusal(sitting('2026-11-07', { agenda: items(101) }))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.agenda' }] });
    const s = await sitting('2026-11-07', { agenda: items(100) });
    expect(await refusal(addAgendaItem(clerk, s.code, { kind: 'report', title: 'One more' }))).toMatchObject({
      status: 'unprocessable', code: 'LEGISLATURE_SESSION_LIMIT', details: [{ path: 'body', message: 'its agenda has 100 items, the most a session takes (100)' }],
    });
  });

  it('takes the dates of the Council\'s business in the years 1000 to 2999, each refusal at its path', async () => {
    expect(await refusal(sitting('9999-12-31'))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.date', message: 'must be in the years 1000 to 2999' }] });
    expect(await refusal(sitting('0001-01-01'))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.date' }] });
    expect((await sitting('2999-12-31')).code).toBe('CS-2999-001');
    const bill = await createBill(clerk, { title: 'End of Time Bill', sponsors: [council.seats[1]!] });
    expect(await refusal(recordBillAction(onDay(clerk, '9999-12-31'), bill.code, { stage: 'introduced', on: '9999-12-31' }))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.on' }] });
    expect(await refusal(setBillAmendments(clerk, bill.code, { commencement: '9999-12-31', amendments: [] }))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.commencement' }] });
    // Passed on the last day taken, the assent period still ends on a four-digit date.
    await setBillAmendments(clerk, bill.code, { commencement: '2999-12-31', amendments: [] });
    await recordBillAction(onDay(clerk, '2999-12-31'), bill.code, { stage: 'introduced', on: '2999-12-31' });
    await voteBill(clerk, bill.code, ['first_reading', 'second_reading', 'third_reading', 'passed'], '2999-12-31');
    expect((await getBill(clerk, bill.code)).assent!.deemedOn).toMatch(/^3000-\d{2}-\d{2}$/);
  });
});

describe('the calendar at the end of the years', () => {
  it('writes an end past 9999-12-31 23:59 (a sitting stored before dates were bounded) as that minute', () => {
    const ics = calendar([{ uid: 'cs-9999-001', date: '9999-12-31', startsAt: '23:59', minutesLong: 1440, summary: 's', location: 'l', description: 'd', status: 'scheduled' }], new Date('2026-11-05T00:00:00Z'));
    expect(ics).toContain('DTSTART;TZID=Asia/Sunagakure:99991231T235900\r\n');
    expect(ics).toContain('DTEND;TZID=Asia/Sunagakure:99991231T235900\r\n');
  });
});
