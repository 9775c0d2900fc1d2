// Council minutes over HTTP on both databases: drafted from the record once the session is
// adjourned, edited with If-Match (412 stale, 428 missing), approved, then immutable — refused by
// the service with who and when, and by the database's trigger to a raw UPDATE or DELETE; only the
// clerk writes them; a session hidden by compartment is unknown to every minutes route; approved
// minutes (never drafts) are found by the statute book's search, by cleared readers only; and a
// statute version made by a bill links to the minutes of the sitting whose vote passed it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { JobRunner, collectJobKinds } from '../../kernel/jobs/runner.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';
import { listen, type HeardEvents } from '../../kernel/testing/events.ts';
import {
  legislatureModule, createSession, setSessionStatus, setAttendance, moveMotion, secondMotion, openVote, castBallot, closeVote,
  createBill, recordBillAction, setBillAmendments, importStatutes,
} from './index.ts';
import { clearForChair, councillorActor, seatCouncil, type Council, onDay } from './testing/council.ts';

const S = '/api/legislature/sessions';
type Label = { classification: 'public' | 'secret'; compartments: string[] };
const PUBLIC: Label = { classification: 'public', compartments: [] };
const ANBU: Label = { classification: 'secret', compartments: ['ANBU'] };

describe.each(DIALECTS)('council minutes on %s', (dialect) => {
  let s: TestServer;
  let clock: SimulatedClock;
  let op: AppContext;
  let council: Council;
  let clerk: TestSession, councillor: TestSession, anbuClerk: TestSession, breachClerk: TestSession, anbuReader: TestSession, breachReader: TestSession;
  let bus: HeardEvents;
  let accounts = 0;

  /** An account linked to a public registry person (so its name is shown), logged in. */
  async function account(role: 'clerk' | 'councillor' | 'genin' | 'kazekage', level: 'public' | 'secret' | 'top_secret', compartments: string[], personId?: string): Promise<TestSession> {
    const username = `${role}-${level}-${compartments.join('-').toLowerCase() || 'none'}-${++accounts}`.replace(/_/g, '-');
    const password = `correct horse battery ${accounts} staple`;
    const person = personId ?? (await createPerson(s.app.ctx, { name: username, rank: 'civilian' })).id;
    await createAccount(s.app.ctx, { username, personId: person, displayName: username, role, clearance: level, compartments, password });
    const r = await s.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(r.statusCode, r.body).toBe(200);
    const cookie = String(r.headers['set-cookie']).split(';')[0]!;
    const csrfToken = r.json().csrfToken as string;
    return { username, cookie, csrfToken, headers: (extra = {}) => ({ cookie, 'x-csrf-token': csrfToken, ...extra }) };
  }

  beforeAll(async () => {
    clock = new SimulatedClock('2026-11-05T06:30:00.000Z');
    s = await openTestServer(dialect, { now: clock.now });
    clock.drive(new JobRunner(s.app.ctx, collectJobKinds([legislatureModule])));
    op = s.app.ctx;
    council = await seatCouncil(op);
    await clearForChair(op, council.seats[11]!);
    clerk = await account('clerk', 'top_secret', ['ANBU', 'BREACH']);
    councillor = await account('councillor', 'top_secret', ['ANBU', 'BREACH'], council.seats[3]);
    anbuClerk = await account('clerk', 'secret', ['ANBU']);
    breachClerk = await account('clerk', 'secret', ['BREACH']);
    anbuReader = await account('genin', 'secret', ['ANBU']);
    breachReader = await account('genin', 'secret', ['BREACH']);
    bus = listen(op.events);
  }, 120_000);
  afterAll(async () => s?.close());

  const call = (who: TestSession | null, method: string, url: string, payload?: object, extra: Record<string, string> = {}) =>
    s.http.inject({ method: method as any, url, headers: { ...(who ? who.headers() : {}), ...(payload ? { 'content-type': 'application/json' } : {}), ...extra }, payload: payload ? JSON.stringify(payload) : undefined });

  let day = 5;
  /** A session of the label that sat: everyone present, a motion citing section 2-104(1) about `word`, its vote (8 yes), then adjourned unless asked. */
  async function sat(label: Label, word: string, adjourn = true) {
    const date = `2026-11-${String(day++).padStart(2, '0')}`;
    const created = await createSession(op, { title: `Sitting on ${word}`, date, startsAt: '09:00', place: 'Main assembly hall', chair: council.seats[11]!, agenda: [{ kind: 'motion', title: `The ${word} motion` }], ...label });
    await setSessionStatus(onDay(op, created), created.code, { status: 'sitting' });
    for (const p of council.seats) await setAttendance(op, created.code, p, { status: 'present' });
    await moveMotion(op, created.code, { text: `That the ${word} be funded, as section 2-104(1) allows.`, mover: council.seats[1] });
    await secondMotion(op, created.code, 1, { seconder: council.seats[2] });
    const vote = await openVote(onDay(op, created), created.code, { motion: 1 });
    for (const p of council.seats.slice(0, 8)) await castBallot(withActor(op, councillorActor(p, 'top_secret', ['ANBU', 'BREACH'])), vote.id, { option: 'yes' });
    await closeVote(op, vote.id);
    if (adjourn) await setSessionStatus(op, created.code, { status: 'adjourned' });
    return created.code;
  }
  const search = async (who: TestSession | null, q: string) => {
    const r = await call(who, 'GET', `/api/legislature/search?q=${encodeURIComponent(q)}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { items: { kind: string; code: string; url: string }[]; total: number };
  };

  it('shows a preview until drafted, and refuses a draft before the session is adjourned', async () => {
    const code = await sat(PUBLIC, 'well', false);
    const preview = await call(councillor, 'GET', `${S}/${code}/minutes`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ session: code, state: 'preview', version: null, youManage: false, text: expect.stringContaining(`Minutes of the Council, ${code}`) });
    expect(preview.headers.etag).toBeUndefined();
    const early = await call(clerk, 'POST', `${S}/${code}/minutes`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'LEGISLATURE_MINUTES_REFUSED', message: `Session ${code} is sitting: minutes are drafted from the record once the session is adjourned.` });
    expect(await op.db.selectFrom('legislature_minutes').selectAll().execute()).toEqual([]);
  });

  it('drafts from the record, edits with If-Match, approves; approved minutes refuse every change', async () => {
    const code = await sat(PUBLIC, 'greenhouse');
    bus.clear();
    const drafted = await call(clerk, 'POST', `${S}/${code}/minutes`, {});
    expect(drafted.statusCode, drafted.body).toBe(201);
    expect(drafted.headers.etag).toBe('"1"');
    expect(drafted.headers.location).toBe(`${S}/${code}/minutes`);
    const d = drafted.json();
    expect(d).toMatchObject({ state: 'draft', version: 1, generatedBy: clerk.username, editedBy: null, approvedAt: null, youManage: true });
    // The record, by name: the mover, the seconder, the statute cited, each yes.
    expect(d.text).toContain('Motion 1, moved by Councillor 2, seconded by Councillor 3: "That the greenhouse be funded, as section 2-104(1) allows." — voted.');
    expect(d.text).toContain('Statutes cited: section 2-104(1).');
    expect(d.text).toContain('Yes: Councillor 1, Councillor 2, Councillor 3, Councillor 4, Councillor 5, Councillor 6, Councillor 7, Councillor 8.');
    expect((await bus.next((e) => e.type === 'legislature.session.changed' && (e.payload as any).what === 'minutes' && (e.payload as any).code === code)).payload).toMatchObject({ status: 'draft' });

    const again = await call(clerk, 'POST', `${S}/${code}/minutes`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('has minutes already');
    const regenerated = await call(clerk, 'POST', `${S}/${code}/minutes`, { regenerate: true });
    expect(regenerated.statusCode).toBe(201);
    expect(regenerated.json().version).toBe(2);

    const edited = 'Minutes of the Council, corrected by the clerk.\nThe greenhouse motion was carried; see section 2-104(1).';
    const missing = await call(clerk, 'PUT', `${S}/${code}/minutes`, { text: edited });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.code).toBe('LEGISLATURE_MINUTES_VERSION_REQUIRED');
    const stale = await call(clerk, 'PUT', `${S}/${code}/minutes`, { text: edited }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.message).toBe(`The minutes of session ${code} were changed by someone else (you read version 1, they are now at version 2). Reload them, then make your change again.`);
    const ok = await call(clerk, 'PUT', `${S}/${code}/minutes`, { text: edited }, { 'if-match': '"2"' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'draft', version: 3, text: edited, editedBy: clerk.username });
    expect(ok.headers.etag).toBe('"3"');
    // Drafts are not searched.
    expect((await search(clerk, 'corrected')).total).toBe(0);

    const staleApprove = await call(clerk, 'POST', `${S}/${code}/minutes/approve`, {}, { 'if-match': '"2"' });
    expect(staleApprove.statusCode).toBe(412);
    const approved = await call(clerk, 'POST', `${S}/${code}/minutes/approve`, {}, { 'if-match': '"3"' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', version: 4, text: edited, approvedBy: clerk.username, approvedAt: clock.now().toISOString() });

    const refusedMessage = `The minutes of session ${code} were approved on 2026-11-05 by ${clerk.username} and cannot change.`;
    for (const r of [
      await call(clerk, 'PUT', `${S}/${code}/minutes`, { text: 'Rewritten.' }, { 'if-match': '"4"' }),
      await call(clerk, 'POST', `${S}/${code}/minutes/approve`, {}, { 'if-match': '"4"' }),
      await call(clerk, 'POST', `${S}/${code}/minutes`, { regenerate: true }),
    ]) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({ code: 'LEGISLATURE_MINUTES_APPROVED', message: refusedMessage });
    }
    expect((await call(null, 'GET', `${S}/${code}/minutes`)).json()).toMatchObject({ state: 'approved', version: 4, text: edited });
    const audited = await op.db.selectFrom('kernel_audit_log').select('detail').where('object_type', '=', 'minutes').execute();
    expect(audited.length).toBeGreaterThanOrEqual(4);

    // Approved minutes are searchable: words of the approved text, linked to the minutes page.
    const found = await search(null, 'corrected greenhouse');
    expect(found.items).toEqual([expect.objectContaining({ kind: 'minutes', code, url: `/legislature/sessions/${code}/minutes` })]);
    expect((await search(null, 'corrected')).total).toBe(1);
  });

  it('the database refuses a raw UPDATE or DELETE of approved minutes; a draft stays writable', async () => {
    const code = await sat(PUBLIC, 'cistern');
    expect((await call(clerk, 'POST', `${S}/${code}/minutes`, {})).statusCode).toBe(201);
    const id = (await op.db.selectFrom('legislature_session').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    await op.db.updateTable('legislature_minutes').set({ text: 'Draft, changed directly.' }).where('session_id', '=', id).execute();
    expect((await call(clerk, 'POST', `${S}/${code}/minutes/approve`, {}, { 'if-match': '"1"' })).statusCode).toBe(200);
    await expect(op.db.updateTable('legislature_minutes').set({ text: 'Forged.' }).where('session_id', '=', id).execute()).rejects.toThrow(/approved minutes are immutable/);
    await expect(op.db.updateTable('legislature_minutes').set({ status: 'draft' }).where('session_id', '=', id).execute()).rejects.toThrow(/approved minutes are immutable/);
    await expect(op.db.deleteFrom('legislature_minutes').where('session_id', '=', id).execute()).rejects.toThrow(/approved minutes are immutable/);
    await expect(sql`update legislature_minutes set text = 'Forged.'`.execute(op.db)).rejects.toThrow(/approved minutes are immutable/);
    expect((await op.db.selectFrom('legislature_minutes').select(['text', 'status']).where('session_id', '=', id).executeTakeFirstOrThrow())).toEqual({ text: 'Draft, changed directly.', status: 'approved' });
  });

  it('only the clerk (or the Kazekage) writes minutes: a councillor is forbidden, an anonymous visitor asked to log in', async () => {
    const code = await sat(PUBLIC, 'orchard');
    for (const [who, status] of [[councillor, 403], [null, 401]] as const) {
      expect((await call(who, 'POST', `${S}/${code}/minutes`, {})).statusCode).toBe(status);
    }
    expect((await call(clerk, 'POST', `${S}/${code}/minutes`, {})).statusCode).toBe(201);
    for (const [who, status] of [[councillor, 403], [null, 401]] as const) {
      expect((await call(who, 'PUT', `${S}/${code}/minutes`, { text: 'Mine.' }, { 'if-match': '"1"' })).statusCode).toBe(status);
      expect((await call(who, 'POST', `${S}/${code}/minutes/approve`, {}, { 'if-match': '"1"' })).statusCode).toBe(status);
    }
    const read = await call(councillor, 'GET', `${S}/${code}/minutes`);
    expect(read.json()).toMatchObject({ state: 'draft', version: 1, youManage: false });
    expect((await call(null, 'GET', `${S}/${code}/minutes`)).statusCode).toBe(200);
  });

  it('a secret/ANBU session\'s minutes are unknown to a secret/BREACH reader or clerk, exactly like a session that does not exist, and never found', async () => {
    const code = await sat(ANBU, 'nightwatch');
    expect((await call(anbuClerk, 'POST', `${S}/${code}/minutes`, {})).statusCode).toBe(201);
    expect((await call(anbuClerk, 'POST', `${S}/${code}/minutes/approve`, {}, { 'if-match': '"1"' })).statusCode).toBe(200);
    const unknown = 'CS-2026-999';
    const same = async (who: TestSession, method: string, path: string, payload?: object, headers: Record<string, string> = {}) => {
      const hidden = await call(who, method, `${S}/${code}${path}`, payload, headers);
      const none = await call(who, method, `${S}/${unknown}${path}`, payload, headers);
      expect(hidden.statusCode).toBe(404);
      expect(none.statusCode).toBe(404);
      expect(hidden.json()).toEqual(JSON.parse(none.body.replaceAll(unknown, code)));
    };
    for (const who of [breachClerk, breachReader]) await same(who, 'GET', '/minutes');
    await same(breachClerk, 'POST', '/minutes', {});
    await same(breachClerk, 'PUT', '/minutes', { text: 'Hidden.' }, { 'if-match': '"2"' });
    await same(breachClerk, 'POST', '/minutes/approve', {}, { 'if-match': '"2"' });
    expect((await call(anbuReader, 'GET', `${S}/${code}/minutes`)).json()).toMatchObject({ state: 'approved' });
    // The search: found by ANBU, not by BREACH, not counted for it, not by a visitor.
    expect((await search(anbuReader, 'nightwatch')).items.map((i) => [i.kind, i.code])).toEqual([['minutes', code]]);
    for (const who of [breachReader, breachClerk, null]) expect(await search(who, 'nightwatch')).toMatchObject({ items: [], total: 0 });
  });

  it('the database refuses approved minutes replaced by an INSERT: INSERT OR REPLACE and REPLACE (SQLite), ON CONFLICT DO UPDATE (both)', async () => {
    const code = await sat(PUBLIC, 'aqueduct');
    expect((await call(clerk, 'POST', `${S}/${code}/minutes`, {})).statusCode).toBe(201);
    const id = (await op.db.selectFrom('legislature_session').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    // A draft may still be written over (the clerk's own regenerate does it through UPDATE; a raw upsert is no worse).
    const at = clock.now().toISOString();
    const upsert = (text: string) => sql`insert into legislature_minutes (session_id, text, status, generated_at, classification, compartments, version, created_at, updated_at)
      values (${id}, ${text}, 'draft', ${at}, 'public', ${'[]'}, 1, ${at}, ${at}) on conflict (session_id) do update set text = excluded.text`.execute(op.db);
    await upsert('Draft, upserted.');
    expect((await call(clerk, 'POST', `${S}/${code}/minutes/approve`, {}, { 'if-match': '"1"' })).statusCode).toBe(200);
    await expect(upsert('Forged by an upsert.')).rejects.toThrow(/approved minutes are immutable/);
    const replacing: Record<typeof dialect, string[]> = {
      sqlite: ['insert or replace into', 'replace into'],
      // PostgreSQL has neither; its only upsert is the ON CONFLICT above.
      postgres: [],
    };
    for (const verb of replacing[dialect]) {
      await expect(sql`${sql.raw(verb)} legislature_minutes (session_id, text, status, generated_at, classification, compartments, version, created_at, updated_at)
        values (${id}, 'Forged by REPLACE.', 'approved', ${at}, 'public', '[]', 9, ${at}, ${at})`.execute(op.db)).rejects.toThrow(/approved minutes are immutable/);
    }
    // A draft moved onto the approved minutes' session (SQLite's UPDATE OR REPLACE would take the
    // approved row out of its way): no UPDATE may change a row's session, on either database.
    const other = await sat(PUBLIC, 'cistern');
    expect((await call(clerk, 'POST', `${S}/${other}/minutes`, {})).statusCode).toBe(201);
    const otherId = (await op.db.selectFrom('legislature_session').select('id').where('code', '=', other).executeTakeFirstOrThrow()).id;
    const moving: Record<typeof dialect, string> = { sqlite: 'update or replace', postgres: 'update' };
    await expect(sql`${sql.raw(moving[dialect])} legislature_minutes set session_id = ${id}, text = 'Forged by a move.' where session_id = ${otherId}`.execute(op.db))
      .rejects.toThrow(/session of minutes never changes|duplicate key/);
    expect(await op.db.selectFrom('legislature_minutes').select(['text', 'status', 'version']).where('session_id', '=', id).executeTakeFirstOrThrow())
      .toEqual({ text: 'Draft, upserted.', status: 'approved', version: 2 });
    expect((await op.db.selectFrom('legislature_minutes').select('status').where('session_id', '=', otherId).executeTakeFirstOrThrow()).status).toBe('draft');
  });

  it('two edits of the same version at once: one is taken (200), the other told it is stale (412)', async () => {
    const code = await sat(PUBLIC, 'granary');
    expect((await call(clerk, 'POST', `${S}/${code}/minutes`, {})).statusCode).toBe(201);
    const [a, b] = await Promise.all(['First clerk\'s text.', 'Second clerk\'s text.'].map((text) => call(clerk, 'PUT', `${S}/${code}/minutes`, { text }, { 'if-match': '"1"' })));
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 412]);
    const won = a!.statusCode === 200 ? a! : b!;
    const lost = a!.statusCode === 200 ? b! : a!;
    expect(lost.json().error).toMatchObject({ code: 'LEGISLATURE_MINUTES_STALE_VERSION', details: [{ path: 'If-Match', message: 'expected version 2' }] });
    const now = (await call(clerk, 'GET', `${S}/${code}/minutes`)).json();
    expect(now).toMatchObject({ version: 2, text: won.json().text });
  });

  it('the sitting that approves minutes is a later one: the same sitting or an earlier one is refused (422) and nothing changes', async () => {
    const earlier = await sat(PUBLIC, 'terrace');
    const code = await sat(PUBLIC, 'quarry');
    const later = await sat(PUBLIC, 'kiln');
    expect((await call(clerk, 'POST', `${S}/${code}/minutes`, {})).statusCode).toBe(201);
    const own = await call(clerk, 'POST', `${S}/${code}/minutes/approve`, { sitting: code }, { 'if-match': '"1"' });
    expect(own.statusCode).toBe(422);
    expect(own.json().error).toMatchObject({ code: 'LEGISLATURE_MINUTES_REFUSED', details: [{ path: 'body.sitting', message: 'a sitting does not approve its own minutes: name the later sitting that approved them' }] });
    const before = await call(clerk, 'POST', `${S}/${code}/minutes/approve`, { sitting: earlier }, { 'if-match': '"1"' });
    expect(before.statusCode).toBe(422);
    expect(before.json().error.details).toEqual([{ path: 'body.sitting', message: expect.stringContaining(`${earlier} sat on`) }]);
    expect((await call(clerk, 'GET', `${S}/${code}/minutes`)).json()).toMatchObject({ state: 'draft', version: 1 });
    const ok = await call(clerk, 'POST', `${S}/${code}/minutes/approve`, { sitting: later }, { 'if-match': '"1"' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'approved', approvedIn: { code: later } });
  });

  it('drafts the minutes at the session\'s label, not the clerk\'s clearance: a chair hidden from its readers is not named', async () => {
    const shadow = (await createPerson(op, { name: 'Shadow Chair', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] })).id;
    const date = `2026-11-${String(day++).padStart(2, '0')}`;
    const created = await createSession(op, { title: 'Sitting under a shadow chair', date, startsAt: '09:00', place: 'Main assembly hall', chair: shadow });
    await setSessionStatus(onDay(op, created), created.code, { status: 'sitting' });
    for (const p of council.seats) await setAttendance(op, created.code, p, { status: 'present' });
    await setSessionStatus(op, created.code, { status: 'adjourned' });
    // The clerk drafting holds ANBU and sees the chair; the public minutes do not name them.
    expect((await call(clerk, 'GET', `${S}/${created.code}`)).json().chair).toMatchObject({ displayName: 'Shadow Chair' });
    const drafted = await call(clerk, 'POST', `${S}/${created.code}/minutes`, {});
    expect(drafted.statusCode, drafted.body).toBe(201);
    const stored = (await op.db.selectFrom('legislature_minutes').select('text').where('session_id', '=', created.id).executeTakeFirstOrThrow()).text;
    expect(stored).toContain('Chair: [withheld].');
    expect(stored).not.toContain('Shadow Chair');
  });

  it('a statute version made by a bill links to the minutes of the sitting whose vote passed it, withheld from a reader who cannot see that sitting', async () => {
    await importStatutes(op, [{ code: '9-101', heading: 'Wells', titleNumber: 9, titleHeading: 'Water', versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) Wells are kept clean.' }] }], { source: 'test' });
    const bill = await createBill(op, { title: 'Wells Act', sponsors: [council.seats[0]!] });
    await setBillAmendments(op, bill.code, { commencement: '2026-12-01', amendments: [{ code: '9-101', op: 'substitute', path: ['1'], text: '(1) Wells are kept clean and covered.' }] });
    // One reading a day (section 2-114(3)).
    for (const [i, stage] of (['introduced', 'first_reading', 'second_reading', 'third_reading'] as const).entries()) {
      const on = `2026-11-0${6 + Math.max(0, i - 1)}`;
      await recordBillAction(onDay(op, on), bill.code, { stage, on });
    }
    const date = '2026-11-20';
    const created = await createSession(op, { title: 'Third reading of the Wells Act', date, startsAt: '09:00', place: 'Main assembly hall', chair: council.seats[11]!, agenda: [{ kind: 'bill_reading', title: 'Wells Act', bill: bill.code, stage: 'passed' }], ...ANBU });
    await setSessionStatus(onDay(op, created), created.code, { status: 'sitting' });
    const vote = await openVote(onDay(op, created), created.code, { item: created.agenda[0]!.id });
    for (const p of council.seats.slice(0, 9)) await castBallot(withActor(op, councillorActor(p, 'top_secret', ['ANBU', 'BREACH'])), vote.id, { option: 'yes' });
    expect((await closeVote(op, vote.id)).result?.outcome).toBe('passed');
    await setSessionStatus(op, created.code, { status: 'adjourned' });
    await recordBillAction(onDay(withActor(op, { kind: 'user', role: 'kazekage', username: 'kazekage', clearance: { level: 'top_secret', compartments: [] } }), '2026-11-21'), bill.code, { stage: 'signed', on: '2026-11-21' });
    await clock.advance(Date.parse('2026-11-30T21:00:00.000Z') - clock.now().getTime());
    // Weeks later: the earlier logins have expired.
    const [anbu, breach, anbuWriter] = [await account('genin', 'secret', ['ANBU']), await account('genin', 'secret', ['BREACH']), await account('clerk', 'secret', ['ANBU'])];

    const read = async (who: TestSession) => {
      const r = await call(who, 'GET', '/api/legislature/statutes/9-101?at=2026-12-01');
      expect(r.statusCode, r.body).toBe(200);
      return r.json().version;
    };
    const v = await read(anbu);
    expect(v.madeBy).toEqual({ kind: 'bill', reason: `${bill.code}: Wells Act`, ref: bill.code });
    expect(v.minutes).toEqual({ session: created.code, date, vote: vote.id, state: 'preview', url: `/legislature/sessions/${created.code}/minutes` });
    expect((await read(breach)).minutes).toEqual({ withheld: true });
    expect((await call(anbuWriter, 'POST', `${S}/${created.code}/minutes`, {})).statusCode).toBe(201);
    expect((await read(anbu)).minutes).toMatchObject({ session: created.code, state: 'draft' });
    // The history lists the same link; the version before the bill has none.
    const h = (await call(anbu, 'GET', '/api/legislature/statutes/9-101/history')).json();
    expect(h.items.map((i: any) => i.minutes?.session ?? null)).toEqual([null, created.code]);
  });
});
