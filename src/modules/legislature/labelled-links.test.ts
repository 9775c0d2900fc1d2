// Stored text at one label never names a record of a higher one (issue 10): a secret bill is not
// read at a sitting below it (everything the sitting stores would name it); a public bill moved on
// by a secret sitting names its vote only to a reader who may see the session; a public statute
// amended by a secret bill names the bill only to a reader cleared for it. Readers differ only by
// compartment (ANBU against BREACH), on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { transact, withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import {
  addAgendaItem, castBallot, closeVote, createBill, createSession, getBill, getSession, getStatute, importStatutes, openVote, setAttendance,
  setSessionStatus, statuteForAkn, statuteHistory,
} from './index.ts';
import { writeEnactment } from './legislature.service.ts';
import { clearForChair, councillorActor, seatCouncil, type Council, onDay } from './testing/council.ts';

const user = (role: Actor['role'], level: 'public' | 'secret' | 'top_secret' = 'top_secret', compartments: string[] = []): Actor =>
  ({ kind: 'user', role, username: `${role}-${compartments.join('') || 'x'}`, clearance: { level, compartments } });

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, message: e.message, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

describe.each(DIALECTS)('labelled links in the legislature on %s', (dialect) => {
  let app: TestApp;
  let anbu: AppContext, breach: AppContext, anon: AppContext;
  let council: Council;
  const sitting = (ctx: AppContext, date: string, extra: Record<string, unknown> = {}) =>
    createSession(ctx, { title: 'Ordinary sitting', date, startsAt: '09:00', place: 'Main assembly hall', chair: council.seats[0]!, ...extra } as any);

  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => new Date('2026-11-05T06:30:00.000Z') });
    anbu = withActor(app.ctx, user('clerk', 'secret', ['ANBU']));
    breach = withActor(app.ctx, user('clerk', 'secret', ['BREACH']));
    anon = withActor(app.ctx, { kind: 'anonymous', role: 'public', clearance: { level: 'public', compartments: [] } } as Actor);
    council = await seatCouncil(app.ctx);
    await clearForChair(app.ctx, council.seats[0]!);
  }, 120_000);
  afterAll(async () => app?.drop());

  it('refuses a secret bill on the agenda of a sitting below it (public, or another compartment); takes it at its own label', async () => {
    const bill = await createBill(anbu, { title: 'Operation Nightjar Funding Bill', sponsors: [council.seats[1]!], classification: 'secret', compartments: ['ANBU'] });
    const item = { kind: 'bill_reading', title: 'A bill: introduction', bill: bill.code, stage: 'introduced' };
    const publicAgenda = await refusal(sitting(anbu, '2026-11-06', { agenda: [{ kind: 'report', title: 'r' }, item] }));
    expect(publicAgenda).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_BILL_ABOVE_SESSION', details: [{ path: 'body.agenda.1.bill' }] });
    // Differing only by compartment: a secret/BREACH sitting is not cleared for a secret/ANBU bill (an officer holding both sets it up).
    const both = withActor(app.ctx, user('clerk', 'secret', ['ANBU', 'BREACH']));
    expect(await refusal(sitting(both, '2026-11-06', { classification: 'secret', compartments: ['BREACH'], agenda: [item] })))
      .toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_BILL_ABOVE_SESSION', details: [{ path: 'body.agenda.0.bill' }] });
    const open = await sitting(anbu, '2026-11-06');
    expect(await refusal(addAgendaItem(anbu, open.code, item as any))).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.bill' }] });
    const secret = await sitting(anbu, '2026-11-06', { classification: 'secret', compartments: ['ANBU'], agenda: [item] });
    expect(secret.agenda[0]).toMatchObject({ bill: { code: bill.code } });

    // An item put on a public agenda before the refusal existed is not voted there either.
    await transact(app.ctx, async (tx) => {
      await tx.db.insertInto('legislature_session_item').values({ id: newId(), session_id: open.id, position: 1, kind: 'bill_reading', title: 'An old item', bill_id: bill.id, bill_stage: 'introduced' }).execute();
    });
    await setSessionStatus(onDay(anbu, open), open.code, { status: 'sitting' });
    const itemId = (await getSession(anbu, open.code)).agenda[0]!.id;
    expect(await refusal(openVote(onDay(anbu, open), open.code, { item: itemId }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_BILL_ABOVE_SESSION', details: [{ path: 'body.item' }] });
  });

  it('a public bill moved on by a secret sitting names the vote only to a reader who may see the session', async () => {
    const bill = await createBill(anbu, { title: 'Public Roads Bill', sponsors: [council.seats[1]!] });
    const s = await sitting(anbu, '2026-11-07', { title: 'Private sitting', classification: 'secret', compartments: ['ANBU'], agenda: [{ kind: 'bill_reading', title: 'Roads: introduction', bill: bill.code, stage: 'introduced' }] });
    await setSessionStatus(onDay(anbu, s), s.code, { status: 'sitting' });
    for (let n = 1; n <= 7; n++) await setAttendance(anbu, s.code, council.seats[n - 1]!, { status: 'present' });
    const v = await openVote(onDay(anbu, s), s.code, { item: s.agenda[0]!.id });
    // Councillors 2-8 answer: the chair (councillor 1) answers no roll call (section 2-105(3)).
    for (let n = 2; n <= 8; n++) await castBallot(withActor(app.ctx, councillorActor(council.seats[n - 1]!, 'secret', ['ANBU'])), v.id, { option: 'yes' });
    expect((await closeVote(anbu, v.id)).result).toMatchObject({ outcome: 'passed' });

    expect((await getBill(anbu, bill.code)).actions.at(-1)).toMatchObject({ stage: 'introduced', note: `${s.code} vote 1`, vote: v.id });
    for (const reader of [breach, anon]) {
      const seen = await getBill(reader, bill.code);
      expect(seen.actions.at(-1)).toMatchObject({ stage: 'introduced', note: 'voted in a session withheld from you', vote: null });
      expect(JSON.stringify(seen)).not.toContain(s.code);
      expect(JSON.stringify(seen)).not.toContain(v.id);
    }
    // Nothing stored at the bill's (public) label names the session.
    const stored = await app.ctx.db.selectFrom('legislature_bill_action').select('note').where('bill_id', '=', bill.id).execute();
    expect(stored.map((r) => r.note).join(' ')).not.toContain(s.code);
  });

  it('a public statute amended by a secret bill names the bill only to a reader cleared for it', async () => {
    await importStatutes(app.ctx, [{ code: '9-101', heading: 'Night watch', titleNumber: 9, titleHeading: 'Watch', versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) The gate is watched at night.' }] }], { source: 'test' });
    const bill = await createBill(anbu, { title: 'Operation Nightjar Watch Bill', sponsors: [council.seats[1]!], classification: 'secret', compartments: ['ANBU'] });
    await transact(app.ctx, (tx) => writeEnactment(tx, { code: bill.code, title: 'Operation Nightjar Watch Bill', label: { classification: 'secret', compartments: ['ANBU'] } }, '2026-11-01',
      new Map([['9-101', { heading: 'Night watch', markup: '(1) The gate is watched at night by two.' }]])));

    const cleared = await statuteHistory(anbu, '9-101');
    expect(cleared.items.at(-1)!.madeBy).toEqual({ kind: 'bill', reason: `${bill.code}: Operation Nightjar Watch Bill`, ref: bill.code });
    for (const reader of [breach, anon]) {
      const history = await statuteHistory(reader, '9-101');
      expect(history.items.at(-1)!.madeBy).toEqual({ kind: 'bill', reason: 'made by a bill withheld from you', ref: null });
      const now = await getStatute(reader, '9-101', '2026-11-02');
      const akn = await statuteForAkn(reader, '9-101');
      for (const answer of [history, now, akn]) {
        expect(JSON.stringify(answer)).not.toContain(bill.code);
        expect(JSON.stringify(answer)).not.toContain('Nightjar');
      }
    }
    // Stored at the statute's (public) label: the reference, never the bill's words.
    const stored = await app.ctx.db.selectFrom('legislature_statute_version').select('made_by_reason').where('made_by_ref', '=', bill.code).execute();
    expect(stored.map((r) => r.made_by_reason).join(' ')).not.toMatch(/Nightjar|B-2026/);
  });
});
