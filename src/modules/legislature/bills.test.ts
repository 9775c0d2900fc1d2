// Bills from draft to enacted law, through the services, on both databases and a simulated clock:
// codes, sponsors and drafting (overdue), legal stages only, who may sign, amendments checked
// against the law in force, enactment on the commencement date by the kernel's timed work, and
// labels (a hidden bill is an unknown one; readers differ only by compartment).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { JobRunner, collectJobKinds } from '../../kernel/jobs/runner.ts';
import { ANONYMOUS_ACTOR, withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { parseCode } from '../../kernel/code-series.ts';
import { generationOf } from '../../kernel/db/generations.ts';
import { sql } from 'kysely';
import { isAppError } from '../../kernel/errors.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { createPerson } from '../registry/index.ts';
import { legislatureModule } from './index.ts';
import { addBillText, billDiff, createBill, getBill, getSession, getStatute, importStatutes, listBills, recordBillAction, setBillAmendments, setBillDrafting, statuteHistory } from './index.ts';
import { seatCouncil, voteBill, onDay } from './testing/council.ts';
import * as billCodeSeries from './migrations/20261203T150000_legislature_bill_code_series.ts';

/** The readings and the passing vote, after the clerk introduces the bill: the Council's votes, the later readings the same day by two thirds. */
const THROUGH_THE_COUNCIL = ['first_reading', 'second_reading', 'third_reading', 'passed'] as const;

const TEXT = 'Deserters are returned.\n(1) A deserter is returned within 30 days.\n(2) The Council may extend the time:\n  (a) for illness; or\n  (b) for war.';
const user = (role: Actor['role'], level: 'public' | 'secret' | 'top_secret' = 'top_secret', compartments: string[] = []): Actor =>
  ({ kind: 'user', role, username: `${role}-${compartments.join('') || 'x'}`, clearance: { level, compartments } });

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, message: e.message, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

describe.each(DIALECTS)('bills on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  let clerk: AppContext, kazekage: AppContext, councillor: AppContext, anbu: AppContext, breach: AppContext;
  let masa: string, isamu: string, guard: string;

  beforeAll(async () => {
    clock = new SimulatedClock('2026-11-02T06:00:00.000Z');
    app = await openTestApp(dialect, { now: clock.now });
    clock.drive(new JobRunner(app.ctx, collectJobKinds([legislatureModule])));
    clerk = withActor(app.ctx, user('clerk'));
    kazekage = withActor(app.ctx, user('kazekage', 'top_secret', ['ANBU', 'BREACH']));
    councillor = withActor(app.ctx, user('councillor'));
    anbu = withActor(app.ctx, user('clerk', 'secret', ['ANBU']));
    breach = withActor(app.ctx, user('clerk', 'secret', ['BREACH']));
    masa = (await createPerson(app.ctx, { name: 'Masa', rank: 'jounin' })).id;
    isamu = (await createPerson(app.ctx, { name: 'Isamu', rank: 'jounin' })).id;
    guard = (await createPerson(app.ctx, { name: 'Hidden Guard', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] })).id;
    await seatCouncil(app.ctx);
    await importStatutes(app.ctx, [{ code: '14-203', heading: 'Extradition of deserters', titleNumber: 14, titleHeading: 'Extradition', versions: [{ from: '2001-04-01', reason: 'enacted', markup: TEXT }] }], { source: 'test' });
  }, 120_000);
  afterAll(async () => app?.drop());

  it('drafts a bill with its sponsors and a drafter due Monday; past the day it is overdue, until handed in', async () => {
    const b = await createBill(councillor, { title: 'Orphans Welfare Act', sponsors: [isamu], drafter: masa, draftDue: '2026-11-09', text: 'An Act for the orphans.' });
    expect(b).toMatchObject({ code: 'B-2026-001', stage: 'drafted', stageOn: '2026-11-02', drafting: { due: '2026-11-09', overdue: false, daysLate: 0 } });
    expect(b.sponsors).toEqual([expect.objectContaining({ id: isamu, displayName: 'Isamu' })]);
    expect(b.actions.map((a) => [a.stage, a.classification])).toEqual([['drafted', 'filing']]);
    clock.set('2026-11-11T06:00:00.000Z');
    expect((await getBill(clerk, 'B-2026-001')).drafting).toMatchObject({ overdue: true, daysLate: 2 });
    expect((await listBills(clerk, { drafting: 'open', limit: 50, offset: 0 })).items.map((i) => [i.code, i.drafting?.overdue])).toEqual([['B-2026-001', true]]);
    await setBillDrafting(clerk, 'B-2026-001', { draftedOn: '2026-11-11' });
    expect((await getBill(clerk, 'B-2026-001')).drafting).toMatchObject({ overdue: false, draftedOn: '2026-11-11' });
    expect((await listBills(clerk, { drafting: 'open', limit: 50, offset: 0 })).items).toEqual([]);
  });

  it('numbers bills within the year, and keeps each text for a redline', async () => {
    const b = await createBill(clerk, { title: 'Second bill', sponsors: [masa] });
    expect(b.code).toBe('B-2026-002');
    await addBillText(clerk, b.code, { text: 'The Council shall meet weekly.', note: 'first' });
    await addBillText(clerk, b.code, { text: 'The Council shall meet daily.', note: 'after debate' });
    const d = await billDiff(clerk, b.code, 1, 2);
    expect(d.segments.filter((s) => s.op !== 'equal').map((s) => [s.op, s.text.trim()])).toEqual([['delete', 'weekly'], ['insert', 'daily']]);
    expect(await refusal(billDiff(clerk, b.code, 1, 3))).toMatchObject({ status: 'not_found', code: 'LEGISLATURE_BILL_TEXT_NOT_FOUND' });
  });

  it('refuses a sponsor hidden from the drafter exactly as an unknown one, and writes nothing', async () => {
    const hidden = await refusal(createBill(breach, { title: 'x', sponsors: [guard] }));
    const unknown = await refusal(createBill(breach, { title: 'x', sponsors: ['no-such-person'] }));
    expect(hidden).toEqual({ ...unknown, message: unknown.message.replace('no-such-person', guard) });
    expect(hidden).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.sponsors.0' }] });
    expect((await listBills(app.ctx, { limit: 50, offset: 0 })).total).toBe(2);
  });

  it('takes only legal stages, dated in order; final passage needs a commencement date; signing is the Kazekage\'s', async () => {
    const code = 'B-2026-001';
    expect(await refusal(recordBillAction(onDay(clerk, '2026-11-11'), code, { stage: 'third_reading', on: '2026-11-11' }))).toMatchObject({
      status: 'conflict', code: 'LEGISLATURE_BILL_STAGE', message: 'Bill B-2026-001: a bill at drafted cannot be third reading: after drafted comes introduced.',
    });
    expect(await refusal(recordBillAction(onDay(clerk, '2026-11-01'), code, { stage: 'introduced', on: '2026-11-01' }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_BILL_STAGE_DATE' });
    expect(await refusal(recordBillAction(onDay(councillor, '2026-11-11'), code, { stage: 'introduced', on: '2026-11-11' }))).toMatchObject({ status: 'forbidden' });
    for (const stage of ['introduced', 'first_reading', 'referred', 'committee_report'] as const) await recordBillAction(onDay(clerk, '2026-11-12'), code, { stage, on: '2026-11-12' });
    // Section 2-114(3): no second reading the day of the first, but by the Council's resolution by two thirds: not by hand.
    expect(await refusal(recordBillAction(onDay(clerk, '2026-11-12'), code, { stage: 'second_reading', on: '2026-11-12' }))).toMatchObject({
      status: 'conflict', code: 'LEGISLATURE_BILL_STAGE', details: [{ path: 'body.stage', message: expect.stringContaining('no two readings of a bill take place on the same day unless the Council so resolves by two thirds of all councillors (sections 2-114(3) and 2-111(2)(b))') }],
    });
    await recordBillAction(onDay(clerk, '2026-11-13'), code, { stage: 'second_reading', on: '2026-11-13' });
    await recordBillAction(onDay(clerk, '2026-11-14'), code, { stage: 'third_reading', on: '2026-11-14' });
    // Passed and failed are the Council's vote, never the clerk's hand, whatever stage the bill is at.
    for (const stage of ['passed', 'failed'] as const) {
      expect(await refusal(recordBillAction(onDay(clerk, '2026-11-14'), code, { stage, on: '2026-11-14' }))).toMatchObject({
        status: 'unprocessable', code: 'LEGISLATURE_BILL_STAGE_VOTED', details: [{ path: 'body.stage', message: expect.stringContaining('comes from the Council\'s vote, not by hand') }],
      });
    }
    // Nor does naming a vote that is not this bill's result: the stage stays.
    expect(await refusal(recordBillAction(onDay(clerk, '2026-11-14'), code, { stage: 'passed', on: '2026-11-14' }, { voteId: 'no-such-vote' }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_BILL_STAGE_VOTED' });
    expect((await getBill(clerk, code)).stage).toBe('third_reading');
    // Nor another bill's vote, though it carried the same stage.
    const other = await createBill(clerk, { title: 'Another bill passed', sponsors: [masa] });
    await setBillAmendments(clerk, other.code, { commencement: '2026-12-01', amendments: [] });
    await recordBillAction(onDay(clerk, '2026-11-14'), other.code, { stage: 'introduced', on: '2026-11-14' });
    await voteBill(clerk, other.code, THROUGH_THE_COUNCIL, '2026-11-14');
    const othersVote = (await getBill(clerk, other.code)).actions.find((a) => a.stage === 'passed')!.vote!;
    expect(await refusal(recordBillAction(onDay(clerk, '2026-11-14'), code, { stage: 'passed', on: '2026-11-14' }, { voteId: othersVote }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_BILL_STAGE_VOTED' });
    expect((await getBill(clerk, code)).stage).toBe('third_reading');
    // Final passage needs the day the bill comes into force: passed without one it could be neither signed nor amended.
    expect(await refusal(voteBill(clerk, code, ['passed'], '2026-11-14'))).toMatchObject({ status: 'conflict', code: 'LEGISLATURE_MOTION_REFUSED', details: [{ path: 'body.item', message: expect.stringContaining('has no commencement date: set it first') }] });
    expect((await getBill(clerk, code)).stage).toBe('third_reading');
    await setBillAmendments(clerk, code, { commencement: '2026-12-01', amendments: [] });
    await voteBill(clerk, code, ['passed'], '2026-11-14');
    expect(await refusal(recordBillAction(onDay(clerk, '2026-11-14'), code, { stage: 'signed', on: '2026-11-14' }))).toMatchObject({ status: 'forbidden' });
    expect(await refusal(recordBillAction(onDay(kazekage, '2026-11-14'), code, { stage: 'enacted', on: '2026-11-14' }))).toMatchObject({ code: 'LEGISLATURE_BILL_ENACTED_BY_SYSTEM' });
    // Passed: its text and amendments are as voted.
    expect(await refusal(setBillAmendments(clerk, code, { commencement: '2026-12-01', amendments: [] }))).toMatchObject({ code: 'LEGISLATURE_BILL_LOCKED' });
  });

  it('checks amendments against the law in force on the commencement date, naming the one that cannot apply', async () => {
    const b = await createBill(clerk, { title: 'Deserters Amendment Act', sponsors: [masa] });
    expect(await refusal(setBillAmendments(clerk, b.code, { commencement: '2027-01-01', amendments: [
      { code: '14-203', op: 'substitute', path: ['1'], text: '(1) A deserter is returned within 14 days.' },
      { code: '14-203', op: 'repeal', path: ['5'] },
    ] }))).toMatchObject({ status: 'unprocessable', code: 'LEGISLATURE_BILL_AMENDMENTS_INVALID', details: [{ path: 'body.amendments.1', message: `${b.code} amendment 2: statute 14-203 has no (5)` }] });
    expect(await refusal(setBillAmendments(clerk, b.code, { commencement: '2027-01-01', amendments: [{ code: '77-777', op: 'repeal', path: [] }] })))
      .toMatchObject({ status: 'unprocessable', details: [{ path: 'body.amendments.0.code' }] });
    expect((await getBill(clerk, b.code)).amendments).toEqual([]);
  });

  it('enacts a signed bill on its commencement date: the statute\'s new version is made by the bill', async () => {
    const b = await createBill(clerk, { title: 'Deserters (Time) Act', sponsors: [masa, isamu] });
    await setBillAmendments(clerk, b.code, { commencement: '2026-12-01', amendments: [
      { code: '14-203', op: 'substitute', path: ['1'], text: '(1) A deserter is returned within 14 days.' },
      { code: '14-203', op: 'insert', path: ['2', 'c'], text: '(c) for famine.' },
    ] });
    await recordBillAction(onDay(clerk, '2026-11-20'), b.code, { stage: 'introduced', on: '2026-11-20' });
    await voteBill(clerk, b.code, THROUGH_THE_COUNCIL, '2026-11-20');
    await recordBillAction(onDay(kazekage, '2026-11-21'), b.code, { stage: 'signed', on: '2026-11-21' });
    // Not yet: the law is unchanged the day before.
    clock.set('2026-11-29T12:00:00.000Z');
    await clock.runDue();
    expect((await getBill(clerk, b.code)).stage).toBe('signed');
    // The village's midnight starting 1 December (21:00 UTC the day before).
    await clock.advance(Date.parse('2026-11-30T21:00:00.000Z') - clock.now().getTime());
    const after = await getBill(clerk, b.code);
    expect(after.stage).toBe('enacted');
    expect(after.actions.at(-1)).toMatchObject({ stage: 'enacted', on: '2026-12-01', classification: 'became-law' });
    const s = await getStatute(clerk, '14-203', '2026-12-01');
    expect(s.version.madeBy).toEqual({ kind: 'bill', reason: `${b.code}: Deserters (Time) Act`, ref: b.code });
    expect((s as any).text.subsections[0].text).toBe('A deserter is returned within 14 days.');
    expect((s as any).text.subsections[1].paragraphs.map((p: any) => p.num)).toEqual(['a', 'b', 'c']);
    // The day before, the old text; the history gained one version, closing the old one.
    expect(((await getStatute(clerk, '14-203', '2026-11-30')) as any).text.subsections[0].text).toBe('A deserter is returned within 30 days.');
    expect((await statuteHistory(clerk, '14-203')).items.map((i) => [i.validFrom, i.validTo])).toEqual([['2001-04-01', '2026-12-01'], ['2026-12-01', null]]);
  });

  it('hides a bill labelled ANBU from a reader holding BREACH, exactly as an unknown code; shows it to ANBU', async () => {
    const b = await createBill(kazekage, { title: 'ANBU Charter Amendment', sponsors: [masa], classification: 'secret', compartments: ['ANBU'] });
    expect((await getBill(anbu, b.code)).title).toBe('ANBU Charter Amendment');
    const hidden = await refusal(getBill(breach, b.code));
    const unknown = await refusal(getBill(breach, 'B-2026-999'));
    expect(hidden).toEqual({ ...unknown, message: unknown.message.replace('B-2026-999', b.code) });
    expect((await listBills(breach, { limit: 50, offset: 0 })).items.map((i) => i.code)).not.toContain(b.code);
    expect((await listBills(anbu, { limit: 50, offset: 0 })).items.map((i) => i.code)).toContain(b.code);
    expect(await refusal(recordBillAction(onDay(breach, '2026-12-01'), b.code, { stage: 'introduced', on: '2026-12-01' }))).toEqual(await refusal(recordBillAction(onDay(breach, '2026-12-01'), 'B-2026-999', { stage: 'introduced', on: '2026-12-01' })).then((u) => ({ ...u, message: u.message.replace('B-2026-999', b.code) })));
  });

  it('refuses bad input naming the field', async () => {
    expect(await refusal(createBill(clerk, { title: '', sponsors: [] } as any))).toMatchObject({ status: 'bad_request', details: expect.arrayContaining([expect.objectContaining({ path: 'body.title' }), expect.objectContaining({ path: 'body.sponsors' })]) });
    expect(await refusal(createBill(clerk, { title: 'x', sponsors: [masa], drafter: masa } as any))).toMatchObject({ details: [expect.objectContaining({ path: 'body.draftDue' })] });
    expect(await refusal(createBill(clerk, { title: 'x', sponsors: [masa, masa] }))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.sponsors', message: 'a sponsor is named twice: name each once' }] });
    expect(await refusal(recordBillAction(onDay(clerk, '2026-12-01'), 'B-2026-002', { stage: 'drafted', on: '2026-12-01' } as any))).toMatchObject({ status: 'bad_request', details: [expect.objectContaining({ path: 'body.stage' })] });
  });

  it('a veto returns the bill with written reasons; the Council overrides it and the bill becomes law without assent, from the override', async () => {
    const b = await createBill(clerk, { title: 'Deserters (Shorter Time) Act', sponsors: [isamu] });
    // Stated to commence on 1 December, a day that will have gone by when the Council overrides.
    await setBillAmendments(clerk, b.code, { commencement: '2026-12-01', amendments: [{ code: '14-203', op: 'substitute', path: ['1'], text: '(1) A deserter is returned within 7 days.' }] });
    await recordBillAction(onDay(clerk, '2026-12-01'), b.code, { stage: 'introduced', on: '2026-12-01' });
    await voteBill(clerk, b.code, THROUGH_THE_COUNCIL, '2026-12-01');
    // Section 3-105(1): "returns it to the Council with written reasons for a veto".
    expect(await refusal(recordBillAction(onDay(kazekage, '2026-12-02'), b.code, { stage: 'vetoed', on: '2026-12-02' }))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.note', message: expect.stringContaining('written reasons (section 3-105(1))') }] });
    // Ten characters at least: nine are refused.
    expect(await refusal(recordBillAction(onDay(kazekage, '2026-12-02'), b.code, { stage: 'vetoed', on: '2026-12-02', note: 'Too short' }))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.note' }] });
    expect(await refusal(recordBillAction(onDay(clerk, '2026-12-02'), b.code, { stage: 'vetoed', on: '2026-12-02', note: 'Seven days is too short for the desert crossings.' }))).toMatchObject({ status: 'forbidden' });
    const vetoed = await recordBillAction(onDay(kazekage, '2026-12-02'), b.code, { stage: 'vetoed', on: '2026-12-02', note: 'Seven days is too short for the desert crossings.' });
    expect(vetoed).toMatchObject({ stage: 'vetoed', assent: null, nextStages: [{ stage: 'veto_overridden', words: 'veto overridden' }] });
    expect(vetoed.actions.at(-1)).toMatchObject({ stage: 'vetoed', note: 'Seven days is too short for the desert crossings.', classification: 'executive-veto' });
    // The override is the Council's roll-call vote by two thirds, never the clerk's hand; the bill is in force from the override.
    expect(await refusal(recordBillAction(onDay(kazekage, '2026-12-03'), b.code, { stage: 'signed', on: '2026-12-03' }))).toMatchObject({ code: 'LEGISLATURE_BILL_STAGE' });
    expect(await refusal(recordBillAction(onDay(clerk, '2026-12-03'), b.code, { stage: 'veto_overridden', on: '2026-12-03' }))).toMatchObject({
      status: 'unprocessable', code: 'LEGISLATURE_BILL_STAGE_VOTED', details: [{ path: 'body.stage', message: expect.stringContaining('two thirds of all councillors (sections 3-105(3) and 2-111(2)(a))') }],
    });
    expect((await getBill(clerk, b.code)).stage).toBe('vetoed');
    const sitting = await voteBill(clerk, b.code, ['veto_overridden'], '2026-12-03');
    const vote = (await getSession(clerk, sitting)).votes[0]!;
    expect(vote.rule).toMatchObject({ majority: 'two_thirds', basis: expect.stringMatching(/^section 2-111\(2\)\(a\)/) });
    const over = await getBill(clerk, b.code);
    expect(over).toMatchObject({ stage: 'veto_overridden', commencement: '2026-12-03', nextStages: [] });
    expect(over.actions.at(-1)).toMatchObject({ classification: 'veto-override-passage', vote: vote.id });
    await clock.advanceTo('2026-12-02T21:00:00.000Z'); // the village's midnight starting 3 December
    await clock.runDue();
    const after = await getBill(clerk, b.code);
    expect(after.actions.map((x) => x.stage).slice(-3)).toEqual(['vetoed', 'veto_overridden', 'enacted']);
    expect(after.actions.at(-1)).toMatchObject({ on: '2026-12-03' });
    const s = await getStatute(clerk, '14-203', '2026-12-03');
    expect(s.version).toMatchObject({ validFrom: '2026-12-03', madeBy: { kind: 'bill', ref: b.code } });
    expect((s as any).text.subsections[0].text).toBe('A deserter is returned within 7 days.');
    // The default assent scheduled at its passing finds it vetoed, and leaves it alone.
    await clock.advanceTo('2026-12-13T00:00:00.000Z');
    expect((await getBill(clerk, b.code)).actions.map((x) => x.stage).slice(-1)).toEqual(['enacted']);
  });

  it('a bill neither signed nor vetoed within the period of section 3-105(1) is treated as signed the day after it ends, and enacted', async () => {
    // The period as this statute book states it: five days (the demo's says ten).
    await importStatutes(app.ctx, [{ code: '3-105', heading: 'Assent and veto', titleNumber: 3, titleHeading: 'The Kazekage', versions: [{ from: '2026-01-01', reason: 'enacted', markup: '(1) Within five days of receiving a bill passed by the Council, the Kazekage assents to it or returns it to the Council with written reasons for a veto.\n(2) A bill neither assented to nor returned within the period in subsection (1) is treated as assented to on the day after that period ends.' }] }], { source: 'test' });
    const b = await createBill(clerk, { title: 'Wells Act', sponsors: [masa] });
    // Stating a day before the assent: in force from the day it is treated as assented to.
    await setBillAmendments(clerk, b.code, { commencement: '2026-12-21', amendments: [] });
    await recordBillAction(onDay(clerk, '2026-12-20'), b.code, { stage: 'introduced', on: '2026-12-20' });
    await voteBill(clerk, b.code, THROUGH_THE_COUNCIL, '2026-12-20');
    // Received on the 20th: the five days are the 21st to the 25th; treated as assented to on the 26th.
    expect((await getBill(clerk, b.code)).assent).toEqual({ by: '2026-12-25', deemedOn: '2026-12-26', basis: 'section 3-105(1) as in force on 2026-12-20 (from 2026-01-01)' });
    await clock.advanceTo('2026-12-25T20:59:59.000Z'); // a second before the village's midnight starting the 26th
    await clock.runDue();
    expect((await getBill(clerk, b.code)).stage).toBe('passed');
    await clock.advanceTo('2026-12-25T21:00:00.000Z');
    await clock.runDue();
    const after = await getBill(clerk, b.code);
    expect(after).toMatchObject({ stage: 'enacted', commencement: '2026-12-26', assent: null });
    expect(after.actions.slice(-2)).toMatchObject([
      { stage: 'signed', on: '2026-12-26', note: 'treated as assented to under section 3-105(2): neither assented to nor returned within 5 days of 2026-12-20' },
      { stage: 'enacted', on: '2026-12-26' },
    ]);
    const audit = await app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'detail']).where('object_id', '=', after.id).where('action', '=', 'legislature.bill.sign').execute();
    expect(audit).toHaveLength(1);
    expect(fromJson<Record<string, unknown>>(audit[0]!.detail, {})).toMatchObject({ code: b.code, stage: 'signed', on: '2026-12-26', deemed: true });
  });

  it('an override, or assent by default, keeps a later commencement the bill states (section 2-114(5): "unless it states a later day")', async () => {
    // Overridden on 6 January, the bill stating 1 March: in force from 1 March, not from the override.
    const over = await createBill(clerk, { title: 'Caravans (Later Day) Act', sponsors: [masa] });
    await setBillAmendments(clerk, over.code, { commencement: '2027-03-01', amendments: [] });
    await recordBillAction(onDay(clerk, '2027-01-04'), over.code, { stage: 'introduced', on: '2027-01-04' });
    await voteBill(clerk, over.code, THROUGH_THE_COUNCIL, '2027-01-04');
    await recordBillAction(onDay(kazekage, '2027-01-05'), over.code, { stage: 'vetoed', on: '2027-01-05', note: 'The caravans need longer to prepare.' });
    await voteBill(clerk, over.code, ['veto_overridden'], '2027-01-06');
    expect(await getBill(clerk, over.code)).toMatchObject({ stage: 'veto_overridden', commencement: '2027-03-01' });
    // Passed on 4 January under the five days of this book's 3-105(1): treated as assented to on 10 January, stating 1 June.
    const deemed = await createBill(clerk, { title: 'Wells (Later Day) Act', sponsors: [masa] });
    await setBillAmendments(clerk, deemed.code, { commencement: '2027-06-01', amendments: [] });
    await recordBillAction(onDay(clerk, '2027-01-04'), deemed.code, { stage: 'introduced', on: '2027-01-04' });
    await voteBill(clerk, deemed.code, THROUGH_THE_COUNCIL, '2027-01-04');
    await clock.advanceTo('2027-01-09T21:00:00.000Z');
    await clock.runDue();
    const after = await getBill(clerk, deemed.code);
    expect(after).toMatchObject({ stage: 'signed', commencement: '2027-06-01' });
    expect(after.actions.at(-1)).toMatchObject({ stage: 'signed', on: '2027-01-10' });
    // Neither is enacted before its day.
    expect((await getBill(clerk, over.code)).stage).toBe('veto_overridden');
  });

  it('signed after the day it states, a bill comes into force on the signing; signed before it, on that day (section 2-114(5))', async () => {
    const late = await createBill(clerk, { title: 'Cisterns (Stated Day Passed) Act', sponsors: [masa] });
    await setBillAmendments(clerk, late.code, { commencement: '2027-02-02', amendments: [] });
    await recordBillAction(onDay(clerk, '2027-02-01'), late.code, { stage: 'introduced', on: '2027-02-01' });
    await voteBill(clerk, late.code, THROUGH_THE_COUNCIL, '2027-02-01');
    await recordBillAction(onDay(kazekage, '2027-02-04'), late.code, { stage: 'signed', on: '2027-02-04' });
    expect(await getBill(clerk, late.code)).toMatchObject({ stage: 'signed', commencement: '2027-02-04' });
    const early = await createBill(clerk, { title: 'Cisterns (Stated Day Ahead) Act', sponsors: [masa] });
    await setBillAmendments(clerk, early.code, { commencement: '2027-04-01', amendments: [] });
    await recordBillAction(onDay(clerk, '2027-02-01'), early.code, { stage: 'introduced', on: '2027-02-01' });
    await voteBill(clerk, early.code, THROUGH_THE_COUNCIL, '2027-02-01');
    await recordBillAction(onDay(kazekage, '2027-02-04'), early.code, { stage: 'signed', on: '2027-02-04' });
    expect(await getBill(clerk, early.code)).toMatchObject({ stage: 'signed', commencement: '2027-04-01' });
    // Enacted on the day each commences, not before.
    await clock.advanceTo('2027-02-03T21:00:00.000Z');
    await clock.runDue();
    expect((await getBill(clerk, late.code)).stage).toBe('enacted');
    expect((await getBill(clerk, early.code)).stage).toBe('signed');
  });
});

describe.each(DIALECTS)('bill codes on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  let masa: string;
  beforeAll(async () => {
    clock = new SimulatedClock('2026-11-02T06:00:00.000Z');
    app = await openTestApp(dialect, { now: clock.now });
    masa = (await createPerson(app.ctx, { name: 'Masa', rank: 'jounin' })).id;
  }, 120_000);
  afterAll(async () => app?.drop());

  it('numbers a bill per year and label: a reader without ANBU drafting public bills after a secret/ANBU bill gets B-2026-001, and the ANBU bill is B-2026-S.ANBU-001', async () => {
    const kazekage = withActor(app.ctx, user('kazekage', 'top_secret', ['ANBU', 'BREACH']));
    const anbu = withActor(app.ctx, user('clerk', 'secret', ['ANBU']));
    const breach = withActor(app.ctx, user('clerk', 'secret', ['BREACH']));
    const draft = async (who: AppContext, label: { classification?: 'restricted' | 'secret' | 'top_secret'; compartments?: string[] } = {}) =>
      (await createBill(who, { title: 'A bill', sponsors: [masa], ...label })).code;
    expect(await draft(kazekage, { classification: 'secret', compartments: ['ANBU'] })).toBe('B-2026-S.ANBU-001');
    // Breach (secret, BREACH, not ANBU) may not see the ANBU bill: no code he is given counts it.
    expect(await draft(breach)).toBe('B-2026-001');
    expect(await draft(breach)).toBe('B-2026-002');
    expect(await draft(breach, { classification: 'secret', compartments: ['BREACH'] })).toBe('B-2026-S.BREACH-001');
    expect(await draft(anbu, { classification: 'secret', compartments: ['ANBU'] })).toBe('B-2026-S.ANBU-002');
    expect(await draft(kazekage, { classification: 'top_secret', compartments: ['BREACH', 'ANBU'] })).toBe('B-2026-TS.ANBU.BREACH-001');
    expect(await draft(anbu, { classification: 'restricted' })).toBe('B-2026-R-001');
    expect(await draft(anbu)).toBe('B-2026-003');
    // Every series a reader sees runs 1, 2, 3… with no gap.
    for (const reader of [breach, anbu, kazekage, withActor(app.ctx, ANONYMOUS_ACTOR)]) {
      const series = new Map<string, number[]>();
      for (const i of (await listBills(reader, { limit: 200, offset: 0 })).items) {
        const m = /^(.*)-(\d+)$/.exec(i.code)!;
        series.set(m[1]!, [...(series.get(m[1]!) ?? []), Number(m[2])]);
      }
      expect(series.size).toBeGreaterThan(0);
      for (const [name, numbers] of series) expect(numbers.sort((a, b) => a - b), name).toEqual(numbers.map((_, k) => k + 1));
    }
    // The year is the village's (UTC+03:00): 21:30 UTC on 31 December is already 2027 there.
    await clock.advance(Date.parse('2026-12-31T21:30:00.000Z') - clock.now().getTime());
    expect(await draft(breach)).toBe('B-2027-001');
    // The year and number kept beside the code are those of its series.
    const rows = await app.ctx.db.selectFrom('legislature_bill').select(['code', 'year', 'number']).execute();
    for (const r of rows) expect({ year: Number(r.year), number: Number(r.number) }, String(r.code)).toEqual({ year: parseCode(String(r.code), 3)!.year, number: parseCode(String(r.code), 3)!.number });
  });
});

describe.each(DIALECTS)('the migration to a bill code series on %s', (dialect) => {
  let app: TestApp;
  let masa: string;
  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => new Date('2026-11-02T06:00:00.000Z') });
    masa = (await createPerson(app.ctx, { name: 'Masa', rank: 'jounin' })).id;
  }, 120_000);
  afterAll(async () => app?.drop());

  const indexes = async () => (dialect === 'postgres'
    ? await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'legislature_bill'`.execute(app.ctx.db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'legislature_bill'`.execute(app.ctx.db)).rows.map((r) => r.name);

  it('carries each year\'s last bill number, whatever its label, into the public series; old codes stay, and bills of two labels may share a number', async () => {
    const anbu = withActor(app.ctx, user('clerk', 'secret', ['ANBU']));
    // Bills as they were numbered before: per year across labels (B-2026-003 is secret/ANBU), and no B series.
    await billCodeSeries.down(app.ctx.db);
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await createBill(app.ctx, { title: `Bill ${i}`, sponsors: [masa] })).code);
    expect(made).toEqual(['B-2026-001', 'B-2026-002', 'B-2026-003']);
    await app.ctx.db.updateTable('legislature_bill').set({ classification: 'secret', compartments: JSON.stringify(['ANBU']) }).where('code', '=', 'B-2026-003').execute();
    await app.ctx.db.updateTable('legislature_bill').set({ code: 'B-2025-007', year: 2025, number: 7 }).where('code', '=', 'B-2026-001').execute();
    await app.ctx.db.deleteFrom('kernel_code_series').where('prefix', '=', 'B').execute();

    await billCodeSeries.up(app.ctx.db);
    const series = await app.ctx.db.selectFrom('kernel_code_series').select(['year', 'mark', 'last']).where('prefix', '=', 'B').orderBy('year').execute();
    expect(series.map((r) => [Number(r.year), r.mark, Number(r.last)])).toEqual([[2025, '', 7], [2026, '', 3]]);
    // No new public code repeats an old one, the hidden bill's included; a new ANBU bill is the first of its series.
    expect((await createBill(app.ctx, { title: 'After', sponsors: [masa] })).code).toBe('B-2026-004');
    const anbuBill = await createBill(anbu, { title: 'Hidden after', sponsors: [masa], classification: 'secret', compartments: ['ANBU'] });
    expect(anbuBill.code).toBe('B-2026-S.ANBU-001');
    await app.ctx.db.updateTable('legislature_bill').set({ number: 2 }).where('code', '=', anbuBill.code).execute(); // (2026, 2) is B-2026-002's too: no longer unique
    // The bills made before keep their codes, sponsors and labels.
    expect((await getBill(anbu, 'B-2026-003')).sponsors).toHaveLength(1);
    expect((await getBill(app.ctx, 'B-2025-007')).title).toBe('Bill 0');
    // The table is the same table: its indexes, its triggers (a write moves the module's generation on), its foreign keys.
    expect(await indexes()).toEqual(expect.arrayContaining(['legislature_bill_due_idx', 'legislature_bill_year_number_idx']));
    const before = await generationOf(app.ctx.db, 'legislature');
    await createBill(app.ctx, { title: 'One more', sponsors: [masa] });
    expect(await generationOf(app.ctx.db, 'legislature')).toBeGreaterThan(before);
    await expect(app.ctx.db.insertInto('legislature_bill_sponsor').values({ bill_id: 'no-such-bill', seq: 1, person_id: masa }).execute()).rejects.toThrow();
    await expect(app.ctx.db.updateTable('legislature_bill').set({ code: 'B-2026-002' }).where('code', '=', 'B-2026-004').execute()).rejects.toThrow();
  });
});
