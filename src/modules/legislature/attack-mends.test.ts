// Mends of what the second outside attack on the legislature found (issue 10), through the
// services on both databases. Each expected answer comes from the rule the mend states:
// - F1: an action recorded by hand is dated on or before the village's today; a session sits and
//   opens votes only on its own date (so section 2-114(3) counts readings on the days they were held).
// - F8: a classified session's chair holds an account cleared for its label; an unknown, hidden
//   or uncleared person gets one answer (422 at body.chair).
// - F4: free text written at a label (a motion, a note on a bill's action, an agenda item's title)
//   names no bill hidden at that label: by code, unknown and hidden alike; by exact title, when
//   the writer is cleared for the bill (an uncleared writer's text is not searched).
// - M33: the statute book's link to the minutes names the sitting whose vote passed the bill,
//   not an earlier reading's nor a later override's.
// - F5: final passage is not put to the vote (nor recorded) for a bill with no commencement date,
//   which, passed, could be neither signed nor amended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import {
  addAgendaItem, addBillText, castBallot, draftMinutes, editMinutes, getMinutes, createTitle, createStatute, amendStatute, repealStatute, getStatute, moveMotion, closeVote, createBill, createSession, getBill, getSession, openVote, recordBillAction, setAttendance, setBillAmendments, setSessionStatus,
} from './index.ts';
import { clearForChair, seatCouncil, onDay, voteBill, type Council } from './testing/council.ts';
import { minutesOfBills } from './minutes-links.ts';
import { createAccount, disableAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';
import * as titleRead from './migrations/20261202T150000_legislature_bill_title_read.ts';

const user = (role: Actor['role'], level: 'public' | 'secret' | 'top_secret' = 'top_secret', compartments: string[] = []): Actor =>
  ({ kind: 'user', role, username: `${role}-${level}-${compartments.join('') || 'x'}`, clearance: { level, compartments } });

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, message: e.message, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

/** 2026-11-05 06:30 UTC: 09:30 on 2026-11-05 in the village (UTC+03:00). */
const NOW = new Date('2026-11-05T06:30:00.000Z');
const TODAY = '2026-11-05';

describe.each(DIALECTS)('mends of the second outside attack on %s', (dialect) => {
  let app: TestApp;
  let clerk: AppContext;
  let council: Council;

  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => NOW });
    clerk = withActor(app.ctx, user('clerk'));
    council = await seatCouncil(app.ctx);
  }, 120_000);
  afterAll(async () => app?.drop());

  const sitting = (date: string, agenda: { bill: string; stage: string }[] = []) =>
    createSession(clerk, {
      title: 'Ordinary sitting', date, startsAt: '09:00', place: 'Main assembly hall', chair: council.seats[0]!,
      agenda: agenda.map((a) => ({ kind: 'bill_reading' as const, title: `${a.bill} to ${a.stage}`, bill: a.bill, stage: a.stage as any })),
    });

  describe('F1: no action ahead of its day, no sitting on another day', () => {
    it('refuses a reading recorded by hand for tomorrow (422 at body.on, saying so) and records nothing; today is taken', async () => {
      const b = await createBill(clerk, { title: 'Caravan Tolls Act', sponsors: [council.seats[1]!] });
      const r = await refusal(recordBillAction(clerk, b.code, { stage: 'introduced', on: '2026-11-06' }));
      expect(r).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_BILL_STAGE_DATE', details: [{ path: 'body.on', message: expect.stringContaining(`after today (${TODAY}`) }] });
      expect((await getBill(clerk, b.code)).actions.map((a) => a.stage)).toEqual(['drafted']);
      // Just before midnight in the village (20:59 UTC) today is still the 5th; a minute past it, the 6th is today.
      const lateToday = { ...clerk, now: () => new Date('2026-11-05T20:59:00.000Z') };
      expect((await refusal(recordBillAction(lateToday, b.code, { stage: 'introduced', on: '2026-11-06' }))).code).toBe('LEGISLATURE_BILL_STAGE_DATE');
      expect((await recordBillAction({ ...clerk, now: () => new Date('2026-11-05T21:01:00.000Z') }, b.code, { stage: 'introduced', on: '2026-11-06' })).stage).toBe('introduced');
    });

    it('refuses the attack: readings on the coming days, then a later sitting set sitting today to pass the bill by a simple majority', async () => {
      const b = await createBill(clerk, { title: 'Night Gate Act', sponsors: [council.seats[1]!] });
      await setBillAmendments(clerk, b.code, { commencement: '2027-01-01', amendments: [] });
      await recordBillAction(clerk, b.code, { stage: 'introduced', on: TODAY });
      for (const [stage, on] of [['first_reading', '2026-11-06'], ['second_reading', '2026-11-07'], ['third_reading', '2026-11-08']] as const) {
        expect(await refusal(recordBillAction(clerk, b.code, { stage, on }))).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.on' }] });
      }
      expect((await getBill(clerk, b.code)).stage).toBe('introduced');
      // A session may be scheduled for a later date; it is not set sitting before that date.
      const later = await sitting('2026-11-09', [{ bill: b.code, stage: 'first_reading' }]);
      const early = await refusal(setSessionStatus(clerk, later.code, { status: 'sitting' }));
      expect(early).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_SESSION_STATE', message: expect.stringContaining('dated 2026-11-09') });
      expect(early.message).toContain(`today is ${TODAY}`);
      expect((await getSession(clerk, later.code)).status).toBe('scheduled');
    });

    it('refuses a sitting set sitting, or a vote opened, on a day after its date', async () => {
      const past = await sitting('2026-11-04');
      expect(await refusal(setSessionStatus(clerk, past.code, { status: 'sitting' }))).toMatchObject({ status: 'conflict', message: expect.stringContaining('dated 2026-11-04') });
      // Sat on its own day, it may be adjourned later; its votes are opened on its day only.
      const held = await sitting(TODAY);
      await setSessionStatus(clerk, held.code, { status: 'sitting' });
      for (const m of council.seats) await setAttendance(clerk, held.code, m, { status: 'present' });
      const b = await createBill(clerk, { title: 'Well Keepers Act', sponsors: [council.seats[1]!] });
      await recordBillAction(clerk, b.code, { stage: 'introduced', on: TODAY });
      const withItem = await addAgendaItem(clerk, held.code, { kind: 'bill_reading', title: 'Well Keepers Act', bill: b.code, stage: 'first_reading' });
      const tomorrow = onDay(clerk, '2026-11-06');
      expect(await refusal(openVote(tomorrow, held.code, { item: withItem.agenda[0]!.id }))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_SESSION_STATE', message: expect.stringContaining(`dated ${TODAY}`) });
      const v = await openVote(clerk, held.code, { item: withItem.agenda[0]!.id });
      for (const m of council.seats.slice(1)) await castBallot(clerk, v.id, { option: 'yes', member: m });
      await closeVote(clerk, v.id);
      expect((await getBill(clerk, b.code)).actions.at(-1)).toMatchObject({ stage: 'first_reading', on: TODAY });
      await setSessionStatus(tomorrow, held.code, { status: 'adjourned' });
    });
  });

  describe('F5: no final passage without a commencement date', () => {
    it('refuses to open the passing vote (409 at body.item, saying to set it first); a commencement cleared while the vote is open leaves the bill where it was', async () => {
      const b = await createBill(clerk, { title: 'Granary Act', sponsors: [council.seats[1]!] });
      await recordBillAction(clerk, b.code, { stage: 'introduced', on: TODAY });
      const stages = ['first_reading', 'second_reading', 'third_reading', 'passed'] as const;
      const s = await sitting(TODAY, stages.map((stage) => ({ bill: b.code, stage })));
      await setSessionStatus(clerk, s.code, { status: 'sitting' });
      for (const m of council.seats) await setAttendance(clerk, s.code, m, { status: 'present' });
      /** Every member but the chair (seat 1) answers yes: 11 of 12 seats, two thirds and more. */
      const carry = async (id: string) => {
        for (const m of council.seats.slice(1)) await castBallot(clerk, id, { option: 'yes', member: m });
        return closeVote(clerk, id);
      };
      for (const i of [0, 1, 2]) await carry((await openVote(clerk, s.code, { item: s.agenda[i]!.id, ...(i ? { majority: 'two_thirds' as const, basis: 'section 2-111(2)(b)' } : {}) })).id);
      expect((await getBill(clerk, b.code)).stage).toBe('third_reading');
      const r = await refusal(openVote(clerk, s.code, { item: s.agenda[3]!.id }));
      expect(r).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_MOTION_REFUSED', details: [{ path: 'body.item', message: expect.stringContaining(`bill ${b.code} has no commencement date: set it first`) }] });
      expect((await getSession(clerk, s.code)).votes).toHaveLength(3);
      // Set, the vote opens; cleared again before the close, the carried vote does not pass the bill.
      await setBillAmendments(clerk, b.code, { commencement: '2027-01-01', amendments: [] });
      const v = await openVote(clerk, s.code, { item: s.agenda[3]!.id });
      await setBillAmendments(clerk, b.code, { commencement: null, amendments: [] });
      const closed = await carry(v.id);
      expect(closed.result).toMatchObject({ outcome: 'passed' });
      expect(closed.result!.explanation).toContain(`Bill ${b.code} was not moved on: bill ${b.code} has no commencement date`);
      expect((await getBill(clerk, b.code))).toMatchObject({ stage: 'third_reading', commencement: null });
      // Stated, it passes with its day.
      await setBillAmendments(clerk, b.code, { commencement: '2027-01-01', amendments: [] });
      await carry((await openVote(clerk, s.code, { item: s.agenda[3]!.id })).id);
      expect(await getBill(clerk, b.code)).toMatchObject({ stage: 'passed', commencement: '2027-01-01' });
    });
  });

  describe('F8: the chair of a classified session is cleared for it', () => {
    it('refuses an uncleared chair exactly as an unknown or hidden person (422 at body.chair), writing nothing; takes a cleared one', async () => {
      const person = async (name: string, account?: { level: 'secret' | 'top_secret'; compartments: string[] }, label: { classification?: 'secret'; compartments?: string[] } = {}) => {
        const p = (await createPerson(app.ctx, { name, rank: 'jounin', ...label })).id;
        if (account) await createAccount(app.ctx, { username: name.toLowerCase().replace(/ /g, '-'), personId: p, displayName: name, role: 'jounin', clearance: account.level, compartments: account.compartments, password: `correct horse battery ${name} staple` });
        return p;
      };
      const noAccount = await person('Chair Without Account');
      const breachOnly = await person('Chair Cleared Breach', { level: 'top_secret', compartments: ['BREACH'] });
      const anbu = await person('Chair Cleared Anbu', { level: 'secret', compartments: ['ANBU'] });
      // A person labelled BREACH, hidden from the ANBU clerk writing, though cleared for ANBU.
      const hidden = await person('Chair Hidden', { level: 'top_secret', compartments: ['ANBU', 'BREACH'] }, { classification: 'secret', compartments: ['BREACH'] });
      const writer = withActor(app.ctx, user('clerk', 'secret', ['ANBU']));
      const create = (chair: string) => createSession(writer, { title: 'Closed sitting', date: TODAY, startsAt: '09:00', place: 'Closed chamber', chair, classification: 'secret', compartments: ['ANBU'] });
      const before = await app.ctx.db.selectFrom('legislature_session').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const unknown = await refusal(create('01JZZZZZZZZZZZZZZZZZZZZZZZ'));
      expect(unknown).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_CHAIR_REFUSED', details: [{ path: 'body.chair' }] });
      for (const chair of [noAccount, breachOnly, hidden]) {
        expect(await refusal(create(chair))).toEqual({ ...unknown, message: unknown.message.replace('01JZZZZZZZZZZZZZZZZZZZZZZZ', chair) });
      }
      expect(unknown.message).not.toMatch(/BREACH|account of theirs|clearance is/);
      const after = await app.ctx.db.selectFrom('legislature_session').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      expect((await create(anbu)).chair).toMatchObject({ id: anbu });
      // A public session needs no clearance of its chair (a councillor with no account chairs it).
      expect((await createSession(writer, { title: 'Open sitting', date: TODAY, startsAt: '09:00', place: 'Hall', chair: noAccount })).chair).toMatchObject({ id: noAccount });
      // A public session in a compartment is classified too: its chair needs an account cleared for it.
      const inAnbu = (chair: string) => createSession(writer, { title: 'Open sitting in ANBU', date: TODAY, startsAt: '10:00', place: 'Hall', chair, compartments: ['ANBU'] });
      expect(await refusal(inAnbu(noAccount))).toEqual({ ...unknown, message: unknown.message.replace('01JZZZZZZZZZZZZZZZZZZZZZZZ', noAccount).replace('labelled secret (ANBU)', 'labelled public (ANBU)') });
      // A disabled account clears nobody.
      const disabled = await person('Chair Disabled Anbu', { level: 'secret', compartments: ['ANBU'] });
      await disableAccount(app.ctx, 'chair-disabled-anbu');
      expect(await refusal(create(disabled))).toEqual({ ...unknown, message: unknown.message.replace('01JZZZZZZZZZZZZZZZZZZZZZZZ', disabled) });
      expect((await inAnbu(anbu)).chair).toMatchObject({ id: anbu });
    });
  });

  describe('M33: the minutes of the sitting that passed the bill', () => {
    it('links the vote of the "passed" action: first reading at S1, passed at S2 names S2; an override at S3 later still names S2', async () => {
      const kazekage = withActor(app.ctx, user('kazekage'));
      const b = await createBill(clerk, { title: 'Oasis Act', sponsors: [council.seats[1]!] });
      await setBillAmendments(clerk, b.code, { commencement: '2027-02-01', amendments: [] });
      await recordBillAction(onDay(clerk, '2026-11-10'), b.code, { stage: 'introduced', on: '2026-11-10' });
      const s1 = await voteBill(clerk, b.code, ['first_reading'], '2026-11-11');
      // Before it passes, the latest vote on any action is the link: S1.
      expect((await minutesOfBills(clerk, [b.code])).get(b.code)).toMatchObject({ session: s1, date: '2026-11-11' });
      const s2 = await voteBill(clerk, b.code, ['second_reading', 'third_reading', 'passed'], '2026-11-12');
      const passed = (await getBill(clerk, b.code)).actions.find((a) => a.stage === 'passed')!;
      expect(s2).not.toBe(s1);
      expect((await minutesOfBills(clerk, [b.code])).get(b.code)).toEqual({ session: s2, date: '2026-11-12', vote: passed.vote, state: 'preview', url: `/legislature/sessions/${s2}/minutes` });
      // Vetoed, and the veto overridden at a third sitting: the bill was passed at S2 all the same.
      await recordBillAction(onDay(kazekage, '2026-11-13'), b.code, { stage: 'vetoed', on: '2026-11-13', note: 'The oasis is the caravans\' by old treaty.' });
      const s3 = await voteBill(clerk, b.code, ['veto_overridden'], '2026-11-14');
      expect((await getBill(clerk, b.code)).stage).toBe('veto_overridden');
      expect(s3).not.toBe(s2);
      expect((await minutesOfBills(clerk, [b.code])).get(b.code)).toMatchObject({ session: s2, vote: passed.vote });
    });
  });

  describe('F4: free text names no bill its readers may not see', () => {
    it('finds a title in the database: only the bill the text names, only from a writer of its compartment, and not at a label that sees it', async () => {
      const anbuClerk = withActor(app.ctx, user('clerk', 'secret', ['ANBU']));
      const kiriClerk = withActor(app.ctx, user('clerk', 'secret', ['KIRI']));
      // Made first, so a search that stopped looking at the text would answer with this one's code.
      const unnamed = await createBill(anbuClerk, { title: 'Scorpion Venom Reserve Bill', sponsors: [council.seats[1]!], classification: 'secret', compartments: ['ANBU'] });
      const named = await createBill(anbuClerk, { title: 'Deep Well Ration Bill', sponsors: [council.seats[1]!], classification: 'secret', compartments: ['ANBU'] });
      const open = await createBill(clerk, { title: 'Open Market Days Bill', sponsors: [council.seats[1]!] });
      const note = (who: AppContext, code: string, text: string) => recordBillAction(who, code, { stage: 'introduced', on: TODAY, note: text });
      const titled = 'Read with the deep-well ration bill, as agreed.';
      // At the public label, the ANBU writer is refused the one bill the text names, by its code ...
      expect(await refusal(note(anbuClerk, open.code, titled))).toMatchObject({ code: 'LEGISLATURE_TEXT_NAMES_HIDDEN_BILL', details: [{ path: 'body.note', message: `names the title of bill ${named.code}, which readers of this record may not see; refer to it through the agenda` }] });
      // ... and a writer who differs only by compartment, who cannot see it, is not searched for it.
      expect((await note(kiriClerk, open.code, titled)).stage).toBe('introduced');
      // A text naming no hidden bill passes from the ANBU writer too, though hidden bills exist.
      expect((await note(anbuClerk, unnamed.code, 'Introduced with the reserve of well water.')).stage).toBe('introduced');
      // At the bills' own label (ANBU), both titles are seen by its readers: named freely.
      expect((await note(anbuClerk, named.code, 'Read with the Scorpion Venom Reserve Bill and the Deep Well Ration Bill.')).stage).toBe('introduced');
    });

    it('writes the title as read for the bills made before the column (the migration fills it)', async () => {
      const b = await createBill(clerk, { title: 'Dune Road Upkeep Bill', sponsors: [council.seats[1]!] });
      const plain = await createBill(clerk, { title: 'Roads', sponsors: [council.seats[1]!] });
      await titleRead.down(app.ctx.db);
      await titleRead.up(app.ctx.db);
      const rows = await app.ctx.db.selectFrom('legislature_bill').select(['code', 'title_read']).where('code', 'in', [b.code, plain.code]).orderBy('code').execute();
      expect(rows).toEqual([{ code: b.code, title_read: 'duneroadupkeepbill' }, { code: plain.code, title_read: null }]);
    });

    it('refuses a hidden bill named by code exactly as an unknown one, and by title only from a writer cleared for it; names a visible bill freely', async () => {
      const anbuClerk = withActor(app.ctx, user('clerk', 'secret', ['ANBU']));
      const breachClerk = withActor(app.ctx, user('clerk', 'secret', ['BREACH']));
      const hidden = await createBill(anbuClerk, { title: 'Masked Corps Pensions Bill', sponsors: [council.seats[1]!], classification: 'secret', compartments: ['ANBU'] });
      const open = await createBill(clerk, { title: 'Public Cisterns Bill', sponsors: [council.seats[1]!] });
      await recordBillAction(clerk, open.code, { stage: 'introduced', on: TODAY });
      const s = await sitting(TODAY);
      await setSessionStatus(clerk, s.code, { status: 'sitting' });
      for (const m of council.seats) await setAttendance(clerk, s.code, m, { status: 'present' });
      const motion = (who: AppContext, text: string) => moveMotion(who, s.code, { text, mover: council.seats[2]! });
      const UNKNOWN = 'B-2026-998';
      const expected = (code: string, path: string) => ({
        status: 'unprocessable', code: 'LEGISLATURE_TEXT_NAMES_HIDDEN_BILL',
        details: [{ path, message: `names bill ${code}, which readers of this record may not see; refer to it through the agenda` }],
      });

      // A motion of the public sitting: the ANBU bill by its code, written in any case, as an unknown code is.
      const byCode = await refusal(motion(anbuClerk, `That bill ${hidden.code.toLowerCase()} be funded first.`));
      expect(byCode).toMatchObject(expected(hidden.code, 'body.text'));
      const unknown = await refusal(motion(anbuClerk, `That bill ${UNKNOWN.toLowerCase()} be funded first.`));
      expect(byCode).toEqual({ ...unknown, message: unknown.message.replace(UNKNOWN, hidden.code), details: [{ ...unknown.details[0]!, message: unknown.details[0]!.message.replace(UNKNOWN, hidden.code) }] });
      // The same answers to a writer not cleared for the bill: no oracle.
      expect(await refusal(motion(breachClerk, `That bill ${hidden.code} be funded first.`))).toEqual(byCode);
      // By its exact title, any case: refused to the ANBU writer, who knows it ...
      const titled = 'That the masked corps pensions bill be read before the cisterns.';
      expect(await refusal(motion(anbuClerk, titled))).toMatchObject({
        status: 'unprocessable', code: 'LEGISLATURE_TEXT_NAMES_HIDDEN_BILL', details: [{ path: 'body.text', message: `names the title of bill ${hidden.code}, which readers of this record may not see; refer to it through the agenda` }],
      });
      expect((await getSession(clerk, s.code)).motions).toHaveLength(0);
      // ... and not searched in the text of a writer who could not know it: taken, telling nothing.
      expect((await motion(breachClerk, titled)).number).toBe(1);
      // A public bill is named freely, by code and by title.
      expect((await motion(anbuClerk, `That bill ${open.code}, the Public Cisterns Bill, be read.`)).number).toBe(2);

      // A note on a public bill's action, and an agenda item's title, at their labels.
      expect(await refusal(recordBillAction(anbuClerk, open.code, { stage: 'first_reading', on: TODAY, note: `Read with ${hidden.code}.` }))).toMatchObject(expected(hidden.code, 'body.note'));
      expect(await refusal(recordBillAction(anbuClerk, open.code, { stage: 'first_reading', on: TODAY, note: `Read with ${UNKNOWN}.` }))).toMatchObject(expected(UNKNOWN, 'body.note'));
      expect((await getBill(clerk, open.code)).stage).toBe('introduced');
      expect(await refusal(addAgendaItem(anbuClerk, s.code, { kind: 'report', title: `Report on ${hidden.code}` }))).toMatchObject(expected(hidden.code, 'body.title'));
      expect(await refusal(addBillText(anbuClerk, open.code, { text: 'An Act for the cisterns.', note: `As agreed with ${hidden.code}` }))).toMatchObject(expected(hidden.code, 'body.note'));
      expect((await getSession(clerk, s.code)).agenda).toHaveLength(0);

      // At the bill's own label the text may name it.
      await clearForChair(app.ctx, council.seats[0]!, ['ANBU']);
      const closed = await createSession(anbuClerk, { title: 'Closed sitting', date: TODAY, startsAt: '11:00', place: 'Closed chamber', chair: council.seats[0]!, classification: 'secret', compartments: ['ANBU'], agenda: [{ kind: 'report', title: `Report on ${hidden.code}, the Masked Corps Pensions Bill` }] });
      expect(closed.agenda[0]!.title).toContain(hidden.code);
    });

    it('reads a bill code with its label\'s mark as any code: written, refused exactly as an unknown one to every writer; made out, refused only to a writer cleared for the bill', async () => {
      const anbuClerk = withActor(app.ctx, user('clerk', 'secret', ['ANBU']));
      const breachClerk = withActor(app.ctx, user('clerk', 'secret', ['BREACH']));
      const hidden = await createBill(anbuClerk, { title: 'Masked Corps Boots Bill', sponsors: [council.seats[1]!], classification: 'secret', compartments: ['ANBU'] });
      const [, number] = /^B-2026-S\.ANBU-(\d{3})$/.exec(hidden.code)!;
      const s = await sitting(TODAY);
      await setSessionStatus(clerk, s.code, { status: 'sitting' });
      for (const m of council.seats) await setAttendance(clerk, s.code, m, { status: 'present' });
      const motion = (who: AppContext, text: string) => moveMotion(who, s.code, { text, mover: council.seats[2]! });
      const UNKNOWN = 'B-2026-S.ANBU-998';
      const expected = (code: string) => ({
        status: 'unprocessable', code: 'LEGISLATURE_TEXT_NAMES_HIDDEN_BILL',
        details: [{ path: 'body.text', message: `names bill ${code}, which readers of this record may not see; refer to it through the agenda` }],
      });
      const as = (answer: Awaited<ReturnType<typeof refusal>>, code: string) => JSON.parse(JSON.stringify(answer).replaceAll(UNKNOWN, code));

      // Written, in any case, with odd hyphens or its compartments in any order: the same answer as an
      // unknown marked code, to the writer cleared for the bill and to one who is not.
      const unknown = await refusal(motion(breachClerk, `That bill ${UNKNOWN} be funded.`));
      expect(unknown).toMatchObject(expected(UNKNOWN));
      for (const who of [anbuClerk, breachClerk]) {
        for (const written of [hidden.code, hidden.code.toLowerCase(), hidden.code.replace(/-/g, '\u2011'), hidden.code.replace('S.', '\u0405.')]) {
          expect(await refusal(motion(who, `That bill ${written} be funded.`))).toEqual(as(unknown, hidden.code));
        }
      }
      expect(await refusal(motion(breachClerk, 'That bill b-2026-ts.breach.anbu-998 be funded.'))).toMatchObject(expected('B-2026-TS.ANBU.BREACH-998'));

      // Made out (spaced, run together, O for zero): refused to the ANBU writer, who knows the bill ...
      const madeOut = [`B 2026 S ANBU ${number}`, `bill B2026SANBU${number}`, `B/2O26/S.ANBU/${number!.replace(/0/g, 'O')}`, `B-2026-S\u00B7ANBU-${number}`];
      for (const text of madeOut) expect(await refusal(motion(anbuClerk, `That ${text} be funded.`))).toMatchObject(expected(hidden.code));
      expect((await getSession(clerk, s.code)).motions).toHaveLength(0);
      // ... and, like an unknown code made out, taken from a writer who is not: the answer tells nothing.
      expect((await motion(breachClerk, 'That B 2026 S ANBU 998 be funded.')).number).toBe(1);
      for (const [i, text] of madeOut.entries()) expect((await motion(breachClerk, `That ${text} be funded.`)).number).toBe(i + 2);
      // At the bill's own label the text may name it, written or made out.
      const own = await createBill(anbuClerk, { title: 'Masked Corps Socks Bill', summary: `Follows ${hidden.code} and B 2026 S ANBU ${number}.`, sponsors: [council.seats[1]!], classification: 'secret', compartments: ['ANBU'] });
      expect(own.code).toBe(`B-2026-S.ANBU-${String(Number(number) + 1).padStart(3, '0')}`);
    });

    it('checks every free text a writer stores (amendments, a session\'s title and place, a vote\'s basis) and reads a code or title through its disguises (third attack)', async () => {
      const anbuClerk = withActor(app.ctx, user('clerk', 'secret', ['ANBU']));
      const hidden = await createBill(anbuClerk, { title: 'Sand Shield Covert Funding Bill', sponsors: [council.seats[1]!], classification: 'secret', compartments: ['ANBU'] });
      const open = await createBill(clerk, { title: 'Public Wells Bill', sponsors: [council.seats[1]!] });
      const named = (code: string, path: string) => ({ status: 'unprocessable', code: 'LEGISLATURE_TEXT_NAMES_HIDDEN_BILL', details: [{ path, message: `names bill ${code}, which readers of this record may not see; refer to it through the agenda` }] });
      const titled = (path: string) => ({ status: 'unprocessable', code: 'LEGISLATURE_TEXT_NAMES_HIDDEN_BILL', details: [{ path, message: `names the title of bill ${hidden.code}, which readers of this record may not see; refer to it through the agenda` }] });
      const disguised = hidden.code.replace(/-/g, '\u2011');

      // A public bill's amendments: the substituted text and the heading.
      const amend = (text: string, heading?: string) => setBillAmendments(anbuClerk, open.code, { commencement: '2027-01-01', amendments: [{ code: '2-104', op: 'substitute', path: [], text, ...(heading ? { heading } : {}) }] });
      expect(await refusal(amend(`(1) As in ${hidden.code}, a quorum is half the seats.`))).toMatchObject(named(hidden.code, 'body.amendments.0.text'));
      expect(await refusal(amend('(1) A quorum is half the seats.', `Quorum per ${disguised}`))).toMatchObject(named(hidden.code, 'body.amendments.0.heading'));
      expect(await refusal(amend('(1) A quorum, as the SAND  shield covert\nfunding bill wants.'))).toMatchObject(titled('body.amendments.0.text'));
      expect((await getBill(clerk, open.code)).amendments).toHaveLength(0);

      // A public session's title and place.
      const session = (title: string, place: string) => createSession(anbuClerk, { title, date: TODAY, startsAt: '15:00', place, chair: council.seats[0]!, agenda: [] });
      expect(await refusal(session(`Sitting on billB-2026-${hidden.code.slice(7)}x`, 'Main hall'))).toMatchObject(named(hidden.code, 'body.title'));
      expect(await refusal(session('Evening sitting', `Room for ${hidden.code.replace('B', '\u0412')}`))).toMatchObject(named(hidden.code, 'body.place'));

      // A vote's basis, at its session's label.
      const s = await sitting(TODAY, [{ bill: open.code, stage: 'introduced' }]);
      await setSessionStatus(clerk, s.code, { status: 'sitting' });
      for (const m of council.seats) await setAttendance(clerk, s.code, m, { status: 'present' });
      expect(await refusal(openVote(anbuClerk, s.code, { item: s.agenda[0]!.id, majority: 'two_thirds', basis: `2-111(2)(b), as ${hidden.code.replace(/-/g, '&#45;')}` }))).toMatchObject(named(hidden.code, 'body.basis'));
      expect((await getSession(clerk, s.code)).votes ?? []).toHaveLength(0);
      // Ordinary words and visible bills still pass.
      expect((await amend(`(1) As in ${open.code}, the Public Wells Bill, a quorum is half the seats.`, 'Quorum')).amendments).toHaveLength(1);

      // A new public bill's title, summary and text; a public bill's new text.
      const bills = async () => Number((await app.ctx.db.selectFrom('legislature_bill').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const billsBefore = await bills();
      const bill = (extra: { title?: string; summary?: string; text?: string }) => createBill(anbuClerk, { title: 'Public Baths Bill', sponsors: [council.seats[1]!], ...extra });
      expect(await refusal(bill({ title: `Baths, as ${hidden.code}` }))).toMatchObject(named(hidden.code, 'body.title'));
      expect(await refusal(bill({ summary: `Follows ${disguised}.` }))).toMatchObject(named(hidden.code, 'body.summary'));
      expect(await refusal(bill({ text: '(1) Funded as the Sand Shield Covert Funding Bill is.' }))).toMatchObject(titled('body.text'));
      expect(await bills()).toBe(billsBefore);
      const textsBefore = (await getBill(clerk, open.code)).texts.length;
      expect(await refusal(addBillText(anbuClerk, open.code, { text: `(1) As ${hidden.code} provides.`, note: 'Second draft' }))).toMatchObject(named(hidden.code, 'body.text'));
      expect((await getBill(clerk, open.code)).texts).toHaveLength(textsBefore);
      // A new public session's agenda.
      expect(await refusal(createSession(anbuClerk, { title: 'Morning sitting', date: TODAY, startsAt: '08:00', place: 'Main hall', chair: council.seats[0]!, agenda: [{ kind: 'report', title: `Report on ${hidden.code}` }] })))
        .toMatchObject(named(hidden.code, 'body.agenda.0.title'));
      // A public sitting's minutes, once adjourned.
      await setSessionStatus(clerk, s.code, { status: 'adjourned' });
      const draft = await draftMinutes(clerk, s.code, {});
      expect(await refusal(editMinutes(anbuClerk, s.code, { text: `${draft.text}\nAlso ${disguised} was discussed.` }, draft.version!))).toMatchObject(named(hidden.code, 'body.text'));
      expect((await getMinutes(clerk, s.code)).text).toBe(draft.text);

      // The statute book: a title's heading, a statute's heading, text and reason, an amendment's, a repeal's reason (fourth attack).
      expect(await refusal(createTitle(anbuClerk, { number: 77, heading: `Title for ${hidden.code}` }))).toMatchObject(named(hidden.code, 'body.heading'));
      const statute = (extra: { heading?: string; markup?: string; reason?: string }) =>
        createStatute(anbuClerk, { code: '2-931', heading: 'Wells', markup: '(1) Wells are kept clean.', validFrom: '2026-01-01', reason: 'consolidated', ...extra });
      expect(await refusal(statute({ heading: `Funding per ${hidden.code}` }))).toMatchObject(named(hidden.code, 'body.heading'));
      expect(await refusal(statute({ markup: `(1) As enacted by B\u22152026\u2215${hidden.code.slice(7)}.` }))).toMatchObject(named(hidden.code, 'body.markup'));
      expect(await refusal(statute({ reason: 'Enacted by the SandShieldCovertFundingBill' }))).toMatchObject(titled('body.reason'));
      await statute({});
      expect(await refusal(amendStatute(anbuClerk, '2-931', { markup: '(1) Wells are kept clean.', validFrom: '2026-02-01', reason: `Amended by ${hidden.code}` }, 1))).toMatchObject(named(hidden.code, 'body.reason'));
      expect(await refusal(repealStatute(anbuClerk, '2-931', { on: '2026-03-01', reason: `Repealed by ${hidden.code}` }, 1))).toMatchObject(named(hidden.code, 'body.reason'));
      expect((await getStatute(clerk, '2-931')).version).toMatchObject({ seq: 1 });
      // Prose that a reader could take for a code passes when no such bill exists; an unknown code written as one does not.
      await amendStatute(anbuClerk, '2-931', { markup: '(1) Plan B - 2026 - 300 ryo for the wells.', validFrom: '2026-02-01', reason: 'Ward B 2026 1200 households' }, 1);
      expect((await getStatute(clerk, '2-931', '2026-02-01')).version).toMatchObject({ seq: 2 });
      expect(await refusal(repealStatute(anbuClerk, '2-931', { on: '2026-03-01', reason: 'Repealed by B-2026-300' }, 2))).toMatchObject(named('B-2026-300', 'body.reason'));
    });
  });
});
