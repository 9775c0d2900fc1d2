// The desk through its services on both databases and a simulated clock: items raised by other
// modules in their own transactions; an acting official sees and decides the delegated items,
// marked acting-for, and only what their own clearance covers (two acting officials differing
// only by compartment); no re-delegation; an originator may not decide their own matter; a passed
// bill on the Kazekage's desk signed or vetoed through the legislature, and section 3-106(1)(a)
// refusing an acting Kazekage a bill not certified urgent; the weekly delinquency report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { JobRunner, collectJobKinds } from '../../kernel/jobs/runner.ts';
import { transact, withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { AppError, isAppError } from '../../kernel/errors.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { createMembership, createOrganization, createPerson, createPost } from '../registry/index.ts';
import { castBallot, closeVote, createBill, createSession, getBill, importStatutes, openVote, recordBillAction, setAttendance, setBillAmendments, setSessionStatus } from '../legislature/index.ts';
import { decideItem, deskModule, officeHolder, settleDeskItems, designationLimit, getItem, grantDelegation, listDelegations, listDelinquencyReports, listItems, raiseDeskItem, revokeDelegation } from './index.ts';

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, message: e.message, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

// A Sunday morning, village time 09:00; the next Monday 06:00 village time is 2026-11-23T03:00Z.
const T0 = '2026-11-22T06:00:00.000Z';
const PASSWORD = 'correct horse battery staple 7';
const HOUR = 3_600_000;
const T3_104 = '(1) The Kazekage designates in writing a jounin to act as Kazekage during an absence.';

describe.each(DIALECTS)('the desk on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};
  const at = (ms: number) => new Date(Date.parse(T0) + ms);

  async function person(key: string, role: Actor['role'], level: 'public' | 'restricted' | 'secret' | 'top_secret', compartments: string[] = []) {
    const p = await createPerson(app.ctx, { givenName: key[0]!.toUpperCase() + key.slice(1), rank: 'jounin' });
    id[key] = p.id;
    await createAccount(app.ctx, { username: key, personId: p.id, displayName: key, role: role!, clearance: level, compartments, password: PASSWORD });
    who[key] = withActor(app.ctx, { kind: 'user', role, username: key, personId: p.id, clearance: { level, compartments } });
  }
  const raise = (owner: string, title: string, label: Label, o: { suspense?: Date; originator?: string; kind?: string } = {}) =>
    transact(app.ctx, (tx) => raiseDeskItem(tx, { owner: id[owner]!, kind: o.kind ?? 'test.review', title, record: { kind: 'registry.person', id: id.temari! }, label, suspense: o.suspense ?? at(24 * HOUR), originator: o.originator ?? null }));

  beforeAll(async () => {
    clock = new SimulatedClock(T0);
    app = await openTestApp(dialect, { now: clock.now });
    clock.drive(new JobRunner(app.ctx, collectJobKinds([deskModule])));
    await person('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await person('kankuro', 'jounin', 'secret', ['BREACH']);
    await person('baki', 'jounin', 'secret', ['ANBU']);
    await person('temari', 'jounin', 'restricted');
    await person('aiko', 'clerk', 'secret', ['ANBU']);
    // The Kazekage is whoever holds the post in the registry (the desk finds him there, not by his account's role).
    await createOrganization(app.ctx, { code: 'kazekage-office', name: "Kazekage's office", kind: 'executive' });
    await createPost(app.ctx, { code: 'kazekage', label: 'Kazekage', organization: 'kazekage-office' });
    await createPost(app.ctx, { code: 'kazekage-aide', label: "Kazekage's aide", organization: 'kazekage-office' });
    await createMembership(app.ctx, { person: id.gaara!, organization: 'kazekage-office', post: 'kazekage', startDate: '2020-01-01' });
    // Section 3-104 as the demo statute book has it: no limit in its words before 2025-04-01, thirty days from then.
    await importStatutes(app.ctx, [{ code: '3-104', heading: 'Acting Kazekage', titleNumber: 3, titleHeading: 'The Kazekage', versions: [
      { from: '2011-06-01', reason: 'enacted', markup: T3_104 },
      { from: '2025-04-01', reason: 'consolidation', markup: `${T3_104}\n(5) A designation has effect for no more than thirty days, and may be renewed.` },
    ] }], { source: 'test' });
  }, 120_000);
  afterAll(async () => app?.drop());

  it('the holder of an office is the person in its post on the day, from the registry: not an account with the role', async () => {
    const office = { organization: 'kazekage-office', post: 'kazekage' };
    // The Fourth Kazekage held it before Gaara, and has no account; Baki is the aide, not the Kazekage.
    const rasa = (await createPerson(app.ctx, { name: 'Rasa', rank: 'kage' })).id;
    await createMembership(app.ctx, { person: rasa, organization: 'kazekage-office', post: 'kazekage', startDate: '2008-01-01', endDate: '2019-12-31' });
    await createMembership(app.ctx, { person: id.baki!, organization: 'kazekage-office', post: 'kazekage-aide', startDate: '2015-01-01' });
    expect(await officeHolder(app.ctx.db, office, '2026-11-22')).toBe(id.gaara);
    expect(await officeHolder(app.ctx.db, office, '2020-01-01')).toBe(id.gaara);
    expect(await officeHolder(app.ctx.db, office, '2019-12-31')).toBe(rasa);
    expect(await officeHolder(app.ctx.db, office, '2015-06-01')).toBe(rasa);
    // Before anyone held it: vacant. An office nobody ever held: vacant.
    expect(await officeHolder(app.ctx.db, office, '2007-12-31')).toBeNull();
    expect(await officeHolder(app.ctx.db, { organization: 'kazekage-office', post: 'acting-kazekage' }, '2026-11-22')).toBeNull();
    expect(await officeHolder(app.ctx.db, { organization: 'kazekage-office', post: 'kazekage-aide' }, '2026-11-22')).toBe(id.baki);
  });

  it('lists an official\'s own items, most pressing first, and flags an overdue one with how late it is', async () => {
    await raise('gaara', 'Binder: the Wind daimyo\'s letter', { classification: 'public', compartments: [] }, { suspense: at(2 * HOUR) });
    await raise('gaara', 'ANBU roster', { classification: 'secret', compartments: ['ANBU'] });
    await raise('gaara', 'Breach inquest report', { classification: 'secret', compartments: ['BREACH'] });
    await raise('gaara', 'The one-tail seal', { classification: 'top_secret', compartments: [] });
    const desk = await listItems(who.gaara!);
    expect(desk).toMatchObject({ withheld: 0, overdue: 0 });
    expect(desk.items.map((i) => i.title)[0]).toBe('Binder: the Wind daimyo\'s letter');
    expect(desk.items).toHaveLength(4);
    clock.set(at(2 * HOUR + 90_000));
    const later = await listItems(who.gaara!);
    expect(later.overdue).toBe(1);
    expect(later.items[0]).toMatchObject({ overdue: true, lateBySeconds: 90, actingFor: null, mayDecide: true, whyNotPassOn: null });
    expect(later.items.slice(1).every((i) => !i.overdue && i.lateBySeconds === null)).toBe(true);
    // Nobody else's desk shows them.
    expect((await listItems(who.kankuro!)).items).toEqual([]);
  });

  it('a delegation shows the grantor\'s items to each acting official, marked acting-for, but only what their own clearance covers: two officials differing only by compartment', async () => {
    const from = clock.now().toISOString();
    const to = new Date(clock.now().getTime() + 10 * 24 * HOUR).toISOString();
    const k = await grantDelegation(who.gaara!, { delegate: id.kankuro!, from, to });
    await grantDelegation(who.gaara!, { delegate: id.baki!, from, to });
    expect(k).toMatchObject({ inForce: true, scope: [], maxDays: { days: 30, basis: expect.stringMatching(/^section 3-104 as in force on 2026-11-22 \(from 2025-04-01\)$/) } });
    const kankuro = await listItems(who.kankuro!);
    const baki = await listItems(who.baki!);
    expect(kankuro.items.map((i) => i.title).sort()).toEqual(['Binder: the Wind daimyo\'s letter', 'Breach inquest report']);
    expect(baki.items.map((i) => i.title).sort()).toEqual(['ANBU roster', 'Binder: the Wind daimyo\'s letter']);
    // Each is kept from the other's compartment and from the top secret item: counted, never shown.
    expect([kankuro.withheld, baki.withheld]).toEqual([2, 2]);
    expect(kankuro.items.every((i) => i.actingFor?.delegation === k.id && i.mayDecide)).toBe(true);
    // What an acting official holds is theirs to decide, not to pass on: said on the item before they try.
    expect(new Set(kankuro.items.map((i) => i.whyNotPassOn))).toEqual(new Set(['you hold it only as an acting official']));
    expect(kankuro.items[0]!.actingFor!.person).toEqual({ id: id.gaara, name: 'Gaara' });
    // An item withheld from him is an unknown one to him.
    const anbu = (await listItems(who.gaara!)).items.find((i) => i.title === 'ANBU roster')!;
    const hidden = await refusal(getItem(who.kankuro!, anbu.id));
    const unknown = await refusal(getItem(who.kankuro!, '01JZZZZZZZZZZZZZZZZZZZZZZZ'));
    expect(hidden).toEqual({ ...unknown, message: unknown.message.replace('01JZZZZZZZZZZZZZZZZZZZZZZZ', anbu.id) });
    expect((await refusal(decideItem(who.kankuro!, anbu.id, { decision: 'approve' }))).code).toBe('DESK_ITEM_NOT_FOUND');
    // The grantor and each delegate see the delegation.
    expect((await listDelegations(who.gaara!)).granted).toHaveLength(2);
    expect((await listDelegations(who.kankuro!)).held.map((d) => d.id)).toEqual([k.id]);
  });

  it('withheld counts only the hidden pending items on desks the reader holds: not a decided one, not one on a desk they do not hold (ANBU and BREACH readers)', async () => {
    // Kankuro (BREACH) and Baki (ANBU) act for Gaara; nobody acts for Temari.
    const withheld = async (reader: string) => Promise.all((['pending', 'decided', 'all'] as const).map(async (state) => (await listItems(who[reader]!, { state })).withheld));
    // Gaara's pending items hidden from each: the ANBU roster or the breach report, and the top secret seal.
    expect(await withheld('kankuro')).toEqual([2, 2, 2]);
    expect(await withheld('baki')).toEqual([2, 2, 2]);
    // Hidden from both, but on a desk neither holds: not theirs to count.
    await raise('temari', 'ANBU watch on the gate', { classification: 'secret', compartments: ['ANBU'] });
    await raise('temari', 'Breach witness list', { classification: 'secret', compartments: ['BREACH'] });
    await raise('temari', 'The gate seal', { classification: 'top_secret', compartments: [] });
    expect(await withheld('kankuro')).toEqual([2, 2, 2]);
    expect(await withheld('baki')).toEqual([2, 2, 2]);
    // On Gaara's desk, hidden from one of them each: counted while pending, by that one only.
    const anbu = await raise('gaara', 'ANBU night patrols', { classification: 'secret', compartments: ['ANBU'] });
    const breach = await raise('gaara', 'Breach: the forged pass', { classification: 'secret', compartments: ['BREACH'] });
    expect(await withheld('kankuro')).toEqual([3, 3, 3]);
    expect(await withheld('baki')).toEqual([3, 3, 3]);
    // Decided: no longer awaiting anyone, so not counted, whichever list is asked for.
    await decideItem(who.gaara!, anbu, { decision: 'approve' });
    await decideItem(who.gaara!, breach, { decision: 'deny', grounds: 'Forged, as the name says.' });
    expect(await withheld('kankuro')).toEqual([2, 2, 2]);
    expect(await withheld('baki')).toEqual([2, 2, 2]);
  });

  it('the longest delegation is read from section 3-104 in force on the day, with a stated default where it says none', async () => {
    const from = clock.now().toISOString();
    const tooLong = new Date(clock.now().getTime() + 30 * 24 * HOUR + 1000).toISOString();
    const r = await refusal(grantDelegation(who.gaara!, { delegate: id.temari!, from, to: tooLong }));
    expect(r).toMatchObject({ status: 'unprocessable', code: 'DESK_DELEGATION_REFUSED', details: [{ path: 'body.to', message: expect.stringContaining('at most 30 days') }] });
    expect(await designationLimit(app.ctx, '2025-03-31')).toEqual({ days: 30, basis: '30 days, the default (no limit in section 3-104 in force on 2025-03-31)' });
    expect(await designationLimit(app.ctx, '2025-04-01')).toEqual({ days: 30, basis: 'section 3-104 as in force on 2025-04-01 (from 2025-04-01)' });
    expect((await designationLimit(app.ctx, '2010-01-01')).basis).toMatch(/default/);
    expect((await refusal(grantDelegation(who.gaara!, { delegate: id.gaara!, from, to: new Date(clock.now().getTime() + HOUR).toISOString() }))).details).toEqual([{ path: 'body.delegate', message: expect.stringContaining('someone else') }]);
    expect((await refusal(grantDelegation(who.gaara!, { delegate: '01JZZZZZZZZZZZZZZZZZZZZZZZ', from, to: from }))).details).toEqual([{ path: 'body.delegate', message: 'unknown person' }]);
  });

  it('no re-delegation: what an acting official holds cannot pass on, by a delegation of their own or by delegating an item; a single item delegated cannot be passed again', async () => {
    const from = clock.now().toISOString();
    const to = new Date(clock.now().getTime() + 24 * HOUR).toISOString();
    // Kankuro delegates his own desk to Temari: that gives her nothing of Gaara's.
    await grantDelegation(who.kankuro!, { delegate: id.temari!, from, to });
    expect((await listItems(who.temari!)).items).toEqual([]);
    const binder = (await listItems(who.kankuro!)).items.find((i) => i.title.startsWith('Binder'))!;
    expect(await refusal(decideItem(who.kankuro!, binder.id, { decision: 'delegate', to: id.temari! }))).toMatchObject({ status: 'forbidden', code: 'DESK_NO_REDELEGATION' });
    // Gaara delegates one item to Kankuro; Kankuro may decide it but not pass it on.
    const single = await raise('gaara', 'Sand shipment to Konoha', { classification: 'public', compartments: [] }, { kind: 'test.single' });
    const delegated = await decideItem(who.gaara!, single, { decision: 'delegate', to: id.temari! });
    expect(delegated).toMatchObject({ state: 'delegated', delegatedTo: { id: id.temari } });
    const hers = (await listItems(who.temari!)).items;
    expect(hers).toHaveLength(1);
    expect(hers[0]).toMatchObject({ title: 'Sand shipment to Konoha', owner: { id: id.temari }, authority: { id: id.gaara }, mayDecide: true });
    expect(await refusal(decideItem(who.temari!, hers[0]!.id, { decision: 'delegate', to: id.kankuro! }))).toMatchObject({ code: 'DESK_NO_REDELEGATION' });
    // An acting official does not see the single item delegated away from the grantor's desk.
    expect((await listItems(who.kankuro!)).items.map((i) => i.title)).not.toContain('Sand shipment to Konoha');
    // A person not cleared for the item cannot be given it.
    const breach = (await listItems(who.gaara!)).items.find((i) => i.title === 'Breach inquest report')!;
    expect(await refusal(decideItem(who.gaara!, breach.id, { decision: 'delegate', to: id.baki! }))).toMatchObject({ status: 'unprocessable', code: 'DESK_DELEGATE_NOT_CLEARED', details: [{ path: 'body.to' }] });
  });

  it('an acting official may not decide a matter they originated; the owner may', async () => {
    const own = await raise('gaara', 'Kankuro\'s puppet brigade budget', { classification: 'public', compartments: [] }, { originator: id.kankuro });
    const seen = (await listItems(who.kankuro!)).items.find((i) => i.id === own)!;
    expect(seen).toMatchObject({ mayDecide: false, whyNot: expect.stringContaining('you originated this matter') });
    const r = await refusal(decideItem(who.kankuro!, own, { decision: 'approve' }));
    expect(r).toMatchObject({ status: 'forbidden', code: 'DESK_NOT_YOURS_TO_DECIDE', message: expect.stringContaining('originated') });
    expect((await getItem(who.gaara!, own)).state).toBe('open');
    // Nor by the single item handed to him: refused at the name, and nothing changes.
    const handed = await raise('gaara', 'Kankuro\'s request for new puppets', { classification: 'public', compartments: [] }, { originator: id.kankuro });
    expect(await refusal(decideItem(who.gaara!, handed, { decision: 'delegate', to: id.kankuro! }))).toMatchObject({ details: [{ path: 'body.to', message: expect.stringContaining('originated') }] });
    expect((await getItem(who.gaara!, handed)).state).toBe('open');
    expect(await decideItem(who.gaara!, own, { decision: 'approve' })).toMatchObject({ state: 'approved', decidedBy: { id: id.gaara }, decidedActingFor: null });
    await decideItem(who.gaara!, handed, { decision: 'approve' });
  });

  it('checks each decision: deny states grounds, defer moves the suspense later with an interim reply; a decided item is decided', async () => {
    const item = await raise('gaara', 'Festival permit', { classification: 'public', compartments: [] });
    expect(await refusal(decideItem(who.gaara!, item, { decision: 'deny' }))).toMatchObject({ status: 'bad_request', details: [{ path: 'body.grounds' }] });
    expect((await refusal(decideItem(who.gaara!, item, { decision: 'defer', until: at(48 * HOUR).toISOString() }))).details).toEqual([{ path: 'body.interimReply', message: 'a deferral gives an interim reply' }]);
    // Its suspense is T0 + 24 h, still ahead of the clock: a new date must be later than that.
    const suspense = at(24 * HOUR).toISOString();
    for (const until of [at(HOUR).toISOString(), at(23 * HOUR).toISOString(), suspense]) {
      expect(await refusal(decideItem(who.gaara!, item, { decision: 'defer', until, interimReply: 'Later.' }))).toMatchObject({ status: 'unprocessable', code: 'DESK_DEFERRAL_REFUSED', details: [{ path: 'body.until', message: `the new date must be later than the present suspense, ${suspense}` }] });
    }
    // Dates keep to the years the legislature allows its own (1000 to 2999): the year 9999 is refused, at the field, saying so.
    for (const until of ['9999-12-01T00:00:00Z', '3000-01-01T00:00:00Z', '0999-12-31T12:00:00Z']) {
      expect(await refusal(decideItem(who.gaara!, item, { decision: 'defer', until, interimReply: 'Later.' }))).toMatchObject({ status: 'unprocessable', code: 'DESK_DEFERRAL_REFUSED', details: [{ path: 'body.until', message: `the new date must be later than the present suspense, ${suspense}, and must be in the years 1000 to 2999` }] });
    }
    expect((await getItem(who.gaara!, item)).state).toBe('open');
    const deferred = await decideItem(who.gaara!, item, { decision: 'defer', until: at(48 * HOUR).toISOString(), interimReply: 'After the festival council.' });
    expect(deferred).toMatchObject({ state: 'deferred', suspense: at(48 * HOUR).toISOString(), interimReply: 'After the festival council.', mayDecide: true });
    // The last moment of the years allowed is allowed.
    expect(await decideItem(who.gaara!, item, { decision: 'defer', until: '2999-12-31T23:59:59Z', interimReply: 'Much later.' })).toMatchObject({ state: 'deferred', suspense: '2999-12-31T23:59:59.000Z' });
    const denied = await decideItem(who.gaara!, item, { decision: 'deny', grounds: 'The sandstorm season.' });
    expect(denied).toMatchObject({ state: 'denied', grounds: 'The sandstorm season.', mayDecide: false });
    expect(await refusal(decideItem(who.gaara!, item, { decision: 'approve' }))).toMatchObject({ status: 'conflict', code: 'DESK_ITEM_DECIDED' });
  });

  it('an overdue item is deferred only to a date later than now; a delegation keeps to the years dates may have', async () => {
    const item = await raise('gaara', 'Overdue well survey', { classification: 'public', compartments: [] }, { suspense: new Date(clock.now().getTime() - HOUR) });
    const now = clock.now().toISOString();
    for (const until of [new Date(clock.now().getTime() - 60_000).toISOString(), now]) {
      expect(await refusal(decideItem(who.gaara!, item, { decision: 'defer', until, interimReply: 'Soon.' }))).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.until', message: `the new date must be later than now, ${now}` }] });
    }
    expect(await decideItem(who.gaara!, item, { decision: 'defer', until: new Date(clock.now().getTime() + 1000).toISOString(), interimReply: 'Soon.' })).toMatchObject({ state: 'deferred' });
    await decideItem(who.gaara!, item, { decision: 'approve' });
    const r = await refusal(grantDelegation(who.gaara!, { delegate: id.temari!, from: '9999-01-01T00:00:00Z', to: '9999-01-02T00:00:00Z' }));
    expect(r).toMatchObject({ status: 'unprocessable', code: 'DESK_DELEGATION_REFUSED', details: [{ path: 'body.from', message: 'must be in the years 1000 to 2999' }, { path: 'body.to', message: 'must be in the years 1000 to 2999' }] });
  });

  it('a passed bill goes on the Kazekage\'s desk; an acting Kazekage may not sign one not certified urgent (3-106(1)(a)); signed and vetoed through the legislature, acting-for recorded in the item, the audit and the bill', async () => {
    const clerk = who.aiko!;
    // A Council of three seats: the readings and the passing are its roll-call votes (one sitting, the
    // later readings by two thirds, section 2-114(3)); the passing vote may certify the bill urgent.
    await createOrganization(app.ctx, { code: 'council', name: 'Council', kind: 'legislature' });
    const seats: string[] = [];
    for (let n = 1; n <= 3; n++) {
      await createPost(app.ctx, { code: `council-seat-${n}`, label: `Council seat ${n}`, organization: 'council' });
      seats.push((await createPerson(app.ctx, { name: `Councillor ${n}`, rank: 'civilian' })).id);
      await createMembership(app.ctx, { person: seats[n - 1]!, organization: 'council', post: `council-seat-${n}`, startDate: '2022-04-01' });
    }
    const pass = async (title: string, urgent?: boolean) => {
      const b = await createBill(clerk, { title, sponsors: [id.temari!], text: 'An Act.' });
      await setBillAmendments(clerk, b.code, { commencement: '2027-01-01', amendments: [] });
      await recordBillAction(clerk, b.code, { stage: 'introduced', on: '2026-11-22' });
      const stages = ['first_reading', 'second_reading', 'third_reading', 'passed'] as const;
      const s = await createSession(clerk, { title: `Readings of ${b.code}`, date: '2026-11-22', startsAt: '09:00', place: 'Round table', chair: seats[0]!, agenda: stages.map((stage) => ({ kind: 'bill_reading' as const, title: stage, bill: b.code, stage })) });
      await setSessionStatus(clerk, s.code, { status: 'sitting' });
      for (const p of seats) await setAttendance(clerk, s.code, p, { status: 'present' });
      for (const [i, stage] of stages.entries()) {
        const v = await openVote(clerk, s.code, { item: s.agenda[i]!.id, ...(stage === 'passed' && urgent !== undefined ? { urgent } : {}) });
        for (const p of seats.slice(1)) await castBallot(clerk, v.id, { option: 'yes', member: p });
        await closeVote(clerk, v.id);
      }
      const item = (await listItems(who.gaara!)).items.find((i) => i.kind === 'legislature.bill.sign' && i.title.includes(b.code))!;
      return { code: b.code, item };
    };
    // Passed on 2026-11-22: ten days to assent, so due at the start of 2026-12-03, village time.
    const orphans = await pass('Orphans Welfare Act');
    expect(orphans.item).toMatchObject({ title: `Assent or veto: ${orphans.code} Orphans Welfare Act`, suspense: '2026-12-02T21:00:00.000Z', priority: 'high', originator: { id: id.temari }, record: { kind: 'legislature.bill', shown: { code: orphans.code, stage: 'passed' } } });
    const scoped = await grantDelegation(who.gaara!, { delegate: id.temari!, from: clock.now().toISOString(), to: new Date(clock.now().getTime() + 24 * HOUR).toISOString(), scope: ['legislature.bill.sign'] });
    expect(scoped.scope).toEqual(['legislature.bill.sign']);
    // Kankuro acts for the Kazekage: his desk already says he may not decide it, for the reason
    // the decision gives (3-106(1)(a)); the Kazekage's own desk says he may.
    const shownToKankuro = (await listItems(who.kankuro!)).items.find((i) => i.id === orphans.item.id)!;
    expect(shownToKankuro).toMatchObject({ actingFor: { person: { id: id.gaara } }, mayDecide: false, whyNot: expect.stringContaining('section 3-106(1)(a)') });
    expect(await getItem(who.kankuro!, orphans.item.id)).toMatchObject({ mayDecide: false, whyNot: shownToKankuro.whyNot });
    expect(orphans.item).toMatchObject({ mayDecide: true, whyNot: null });
    const r = await refusal(decideItem(who.kankuro!, orphans.item.id, { decision: 'approve' }));
    expect(r.message).toBe(shownToKankuro.whyNot);
    expect(r).toMatchObject({ status: 'forbidden', code: 'LEGISLATURE_ACTING_KAZEKAGE_LIMIT', message: expect.stringContaining('section 3-106(1)(a)') });
    expect((await getItem(who.gaara!, orphans.item.id)).state).toBe('open');
    expect((await getBill(clerk, orphans.code)).stage).toBe('passed');
    expect(await refusal(decideItem(who.kankuro!, orphans.item.id, { decision: 'deny', grounds: 'Not while the Kazekage is away.' }))).toMatchObject({ code: 'LEGISLATURE_ACTING_KAZEKAGE_LIMIT' });
    // The limit is on assent and veto: he may still defer it to the Kazekage's return.
    expect(await decideItem(who.kankuro!, orphans.item.id, { decision: 'defer', until: '2026-12-03T21:00:00.000Z', interimReply: 'For the Kazekage on his return.' })).toMatchObject({ state: 'deferred', mayDecide: false });
    // The Kazekage signs it himself.
    expect(await decideItem(who.gaara!, orphans.item.id, { decision: 'approve' })).toMatchObject({ state: 'approved', record: { shown: { stage: 'signed' } } });
    expect((await getBill(clerk, orphans.code)).stage).toBe('signed');

    // Certified urgent: the acting Kazekage signs it, acting for the Kazekage.
    const urgent = await pass('Water Rationing Act', true);
    expect(urgent.item.priority).toBe('urgent');
    const k = (await listDelegations(who.kankuro!)).held[0]!;
    expect((await listItems(who.kankuro!)).items.find((i) => i.id === urgent.item.id)).toMatchObject({ actingFor: { delegation: k.id }, mayDecide: true, whyNot: null });
    const signed = await decideItem(who.kankuro!, urgent.item.id, { decision: 'approve' });
    expect(signed).toMatchObject({ state: 'approved', decidedBy: { id: id.kankuro }, decidedActingFor: k.id, actingFor: { delegation: k.id } });
    const bill = await getBill(clerk, urgent.code);
    expect(bill.stage).toBe('signed');
    expect(JSON.stringify(bill)).toContain(`by an acting Kazekage, for the Kazekage, under delegation ${k.id}`);
    const audit = await app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'actor', 'on_behalf_of', 'object_id']).where('action', 'in', ['desk.decide', 'legislature.bill.sign']).orderBy('seq', 'desc').limit(2).execute();
    // The decision and the signing it made, both by Kankuro on behalf of the Kazekage.
    expect(audit.map((a) => [a.action, a.actor, a.on_behalf_of]).sort()).toEqual([['desk.decide', 'user:kankuro', id.gaara], ['legislature.bill.sign', 'user:kankuro', id.gaara]]);

    // A veto: the grounds are the veto's written reasons.
    const sewers = await pass('Sewers Act');
    expect(await refusal(decideItem(who.gaara!, sewers.item.id, { decision: 'deny', grounds: 'Too dry.' }))).toMatchObject({ details: [{ path: 'body.grounds' }] });
    // Written reasons are at least ten characters: nine are refused.
    expect(await refusal(decideItem(who.gaara!, sewers.item.id, { decision: 'deny', grounds: 'Too vague' }))).toMatchObject({ details: [{ path: 'body.grounds' }] });
    await decideItem(who.gaara!, sewers.item.id, { decision: 'deny', grounds: 'The village cannot afford sewers this year.' });
    const vetoed = await getBill(clerk, sewers.code);
    expect(vetoed.stage).toBe('vetoed');
    expect(JSON.stringify(vetoed)).toContain('The village cannot afford sewers this year.');

    // Signed on the bill's own page, not on the desk: the item is closed with the outcome.
    const wells = await pass('Wells Act');
    // Signed the day it passed: an action is recorded on or after its day, never ahead of it.
    await recordBillAction(who.gaara!, wells.code, { stage: 'signed', on: '2026-11-22', note: 'Signed at the Council chamber.' });
    expect(await getItem(who.gaara!, wells.item.id)).toMatchObject({ state: 'approved', grounds: 'Signed at the Council chamber.' });
    expect((await listItems(who.gaara!)).items.map((i) => i.id)).not.toContain(wells.item.id);
  });

  it('mayDecide and the decision ask the same rule of the owning module: what one refuses the other shows refused', async () => {
    // A module whose rule refuses an acting official only (as 3-106(1)(a) does for a bill not certified urgent).
    const asked: string[] = [];
    const decisions = new Map([['test.guarded', {
      refusal: (d: { item: { id: string }; actingFor: unknown }) => {
        asked.push(d.item.id);
        return d.actingFor ? new AppError('TEST_GUARDED', 'forbidden', 'Only the owner decides a guarded matter.') : null;
      },
      approve: async () => {}, deny: async () => {},
    }]]);
    const as = (who_: AppContext) => ({ ...who_, deskDecisions: decisions });
    const item = await raise('gaara', 'Guarded matter', { classification: 'public', compartments: [] }, { kind: 'test.guarded' });
    const from = clock.now().toISOString();
    await grantDelegation(who.gaara!, { delegate: id.temari!, from, to: new Date(clock.now().getTime() + HOUR).toISOString(), scope: ['test.guarded'] });
    const shown = (await listItems(as(who.temari!))).items.find((i) => i.id === item)!;
    expect(shown).toMatchObject({ mayDecide: false, whyNot: 'Only the owner decides a guarded matter.' });
    expect(asked).toEqual([item]);
    expect(await refusal(decideItem(as(who.temari!), item, { decision: 'approve' }))).toMatchObject({ status: 'forbidden', code: 'TEST_GUARDED', message: shown.whyNot });
    expect(await refusal(decideItem(as(who.temari!), item, { decision: 'deny', grounds: 'No.' }))).toMatchObject({ code: 'TEST_GUARDED' });
    expect(asked).toEqual([item, item, item]);
    expect((await getItem(who.gaara!, item)).state).toBe('open');
    // The owner: shown decidable, and decides.
    expect((await listItems(as(who.gaara!))).items.find((i) => i.id === item)).toMatchObject({ mayDecide: true, whyNot: null });
    expect(await decideItem(as(who.gaara!), item, { decision: 'approve' })).toMatchObject({ state: 'approved' });
  });

  it('a record decided elsewhere settles its pending items: no desk keeps asking', async () => {
    const item = await raise('gaara', 'Temari\'s file', { classification: 'public', compartments: [] }, { kind: 'test.settle' });
    const other = await raise('gaara', 'Another matter about Temari', { classification: 'public', compartments: [] }, { kind: 'test.other' });
    const n = await transact(app.ctx, (tx) => settleDeskItems(tx, { record: { kind: 'registry.person', id: id.temari! }, kind: 'test.settle', state: 'approved', note: 'signed on its own page' }));
    expect(n).toBe(1);
    expect(await getItem(who.gaara!, item)).toMatchObject({ state: 'approved', grounds: 'signed on its own page', mayDecide: false });
    expect((await getItem(who.gaara!, other)).state).toBe('open');
    expect((await listItems(who.gaara!)).items.map((i) => i.id)).not.toContain(item);
    // Settling again finds nothing pending.
    expect(await transact(app.ctx, (tx) => settleDeskItems(tx, { record: { kind: 'registry.person', id: id.temari! }, kind: 'test.settle', state: 'denied', note: 'x' }))).toBe(0);
    await decideItem(who.gaara!, other, { decision: 'approve' });
  });

  it('revoking a delegation stops it at once; a delegation ends by itself', async () => {
    const from = clock.now().toISOString();
    const d = await grantDelegation(who.gaara!, { delegate: id.aiko!, from, to: new Date(clock.now().getTime() + HOUR).toISOString() });
    expect((await listItems(who.aiko!)).items.length).toBeGreaterThan(0);
    expect((await refusal(revokeDelegation(who.kankuro!, d.id))).code).toBe('DESK_DELEGATION_NOT_FOUND');
    expect(await revokeDelegation(who.gaara!, d.id)).toMatchObject({ inForce: false, revokedAt: clock.now().toISOString() });
    expect((await listItems(who.aiko!)).items).toEqual([]);
    expect((await refusal(revokeDelegation(who.gaara!, d.id))).code).toBe('DESK_DELEGATION_REVOKED');
  });

  it('the weekly delinquency report: Monday 06:00 village time, the overdue items, each reader shown the lines they are cleared for; the next Monday planned', async () => {
    // Everything still pending with a suspense before Monday 03:00Z.
    const late = await raise('gaara', 'Late: ANBU budget', { classification: 'secret', compartments: ['ANBU'] }, { suspense: at(5 * HOUR) });
    await raise('gaara', 'Late: breach file', { classification: 'secret', compartments: ['BREACH'] }, { suspense: at(5 * HOUR) });
    expect((await listDelinquencyReports(who.aiko!)).items).toEqual([]);
    await clock.advanceTo('2026-11-23T02:59:59.000Z');
    expect((await listDelinquencyReports(who.aiko!)).items).toEqual([]);
    await clock.advanceTo('2026-11-23T03:00:00.000Z');
    const [report] = (await listDelinquencyReports(who.aiko!)).items;
    expect(report).toMatchObject({ generatedAt: '2026-11-23T03:00:00.000Z' });
    const pending = (await listItems(withActor(app.ctx, { kind: 'system' }))).items.filter((i) => Date.parse(i.suspense) < Date.parse('2026-11-23T03:00:00.000Z'));
    const visibleToAiko = pending.filter((i) => i.compartments.every((c) => c === 'ANBU') && i.classification !== 'top_secret');
    expect(report!.lines.map((l) => l.item).sort()).toEqual(visibleToAiko.map((i) => i.id).sort());
    expect(report!.withheld).toBe(pending.length - visibleToAiko.length);
    expect(report!.lines.find((l) => l.item === late)).toMatchObject({ title: 'Late: ANBU budget', lateBySeconds: 16 * 3600, owner: { id: id.gaara } });
    // Not for everyone; and the next occurrence is the following Monday.
    expect((await refusal(listDelinquencyReports(who.kankuro!))).status).toBe('forbidden');
    const next = await app.ctx.db.selectFrom('kernel_job').select(['run_at']).where('kind', '=', 'desk.delinquency').where('state', '=', 'pending').execute();
    expect(next.map((j) => new Date(j.run_at).toISOString())).toEqual(['2026-11-30T03:00:00.000Z']);
  });
  it('an item delegated to its own holder is refused at body.to, and stays as it was', async () => {
    const item = await raise('gaara', 'Reroof the archive', { classification: 'public', compartments: [] });
    expect(await refusal(decideItem(who.gaara!, item, { decision: 'delegate', to: id.gaara! })))
      .toMatchObject({ status: 'unprocessable', details: [{ path: 'body.to', message: expect.stringContaining('already on your desk') }] });
    expect(await getItem(who.gaara!, item)).toMatchObject({ state: 'open', owner: { id: id.gaara }, delegatedTo: null });
    expect((await listItems(who.gaara!)).items.filter((i) => i.title === 'Reroof the archive')).toHaveLength(1);
  });
});
