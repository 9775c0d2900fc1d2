// Missions over HTTP on both databases: validation errors name their paths; a mission hidden by
// its label answers exactly as an unknown one (two readers differing only by compartment, ANBU vs
// BREACH), in lists and counts too; the lifecycle refuses illegal steps with words (409); injuries
// put the person on leave in the registry; reports: If-Match (428 missing, 412 stale), authors edit
// only their own drafts, nobody reviews their own; the review queue is oldest first with overdue
// flagged; every write leaves its audit row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import type { Role } from '../../kernel/auth/policy.ts';
import type { Level } from '../../kernel/auth/labels.ts';
import { createPerson, createVillage, getPerson } from '../registry/index.ts';
import { withActor } from '../../kernel/context.ts';
import { editReport, stepReport } from './index.ts';

interface Who { id: string; headers: (extra?: Record<string, string>) => Record<string, string> }

describe.each(DIALECTS)('missions over HTTP on %s', (dialect) => {
  let s: TestServer;
  const clock = new SimulatedClock('2026-11-10T08:00:00.000Z');
  const who: Record<string, Who> = {};
  const passwords: Record<string, string> = {};
  let n = 0;

  async function login(key: string, personId: string) {
    const r = await s.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: key, password: passwords[key] } });
    if (r.statusCode !== 200) throw new Error(`login failed: ${r.body}`);
    const cookie = String(r.headers['set-cookie']).split(';')[0]!;
    const csrf = r.json().csrfToken as string;
    who[key] = { id: personId, headers: (extra = {}) => ({ cookie, 'x-csrf-token': csrf, ...extra }) };
  }
  /** Moves the story's clock on; sessions do not outlive days of it, so everyone logs in again. */
  async function setClock(at: string) {
    clock.set(at);
    for (const [k, w] of Object.entries(who)) await login(k, w.id);
  }

  async function cast(key: string, role: Role, level: Level, compartments: string[] = []) {
    const p = await createPerson(s.app.ctx, { givenName: key[0]!.toUpperCase() + key.slice(1), rank: 'jounin' });
    const password = `correct horse battery ${++n} staple`;
    passwords[key] = password;
    await createAccount(s.app.ctx, { username: key, personId: p.id, displayName: key, role, clearance: level, compartments, password });
    await login(key, p.id);
  }
  const call = (k: string, method: string, url: string, payload?: object, headers: Record<string, string> = {}) =>
    s.http.inject({ method: method as any, url, headers: who[k]!.headers(headers), ...(payload ? { payload } : {}) });
  const audits = async (action: string) => (await s.app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'object_id', 'outcome']).where('action', '=', action).execute());

  const snow = () => ({
    rank: 'A', objective: 'Escort the Kazekage to Yukigakure and back', client: "Kazekage's office", villages: ['yuki'],
    plannedStart: '2026-11-01', plannedEnd: '2026-11-15', classification: 'restricted',
    team: [{ person: who.gaara!.id, role: 'leader' }, { person: who.lee!.id, role: 'member' }, { person: who.kankuro!.id, role: 'member' }, { person: who.naruto!.id, role: 'escort' }],
  });

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: clock.now });
    for (const [code, name] of [['suna', 'Sunagakure'], ['yuki', 'Yukigakure']]) await createVillage(s.app.ctx, { code: code!, name: name!, land: 'x', leaderTitle: 'x' });
    await cast('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await cast('aiko', 'clerk', 'secret', ['ANBU']);
    await cast('masa', 'clerk', 'secret', ['ANBU', 'BREACH']);
    await cast('kankuro', 'jounin', 'secret', ['BREACH']);
    await cast('lee', 'envoy', 'restricted');
    await cast('naruto', 'genin', 'public');
    await cast('hawk', 'anbu', 'secret', ['ANBU']);
    await cast('owl', 'anbu', 'secret', ['BREACH']);
  }, 120_000);
  afterAll(async () => s?.close());

  it('refuses a malformed mission with every problem at its path, and unknown villages and people at theirs', async () => {
    const bad = await call('gaara', 'POST', '/api/missions', { ...snow(), rank: 'E', villages: [], plannedEnd: '2026-10-01', extra: 1 });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: any) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.rank', 'body.villages', 'body']));
    const village = await call('gaara', 'POST', '/api/missions', { ...snow(), villages: ['yuki', 'atlantis'] });
    expect(village.statusCode).toBe(422);
    expect(village.json().error.details).toEqual([{ path: 'body.villages.1', message: 'no such village' }]);
    const person = await call('gaara', 'POST', '/api/missions', { ...snow(), team: [{ person: 'nobody-at-all', role: 'leader' }] });
    expect(person.statusCode).toBe(422);
    expect(person.json().error.details).toEqual([{ path: 'body.team.0.person', message: 'unknown person' }]);
    const twoLeaders = await call('gaara', 'POST', '/api/missions', { ...snow(), team: [{ person: who.gaara!.id, role: 'leader' }, { person: who.lee!.id, role: 'leader' }] });
    expect(twoLeaders.statusCode).toBe(422);
    expect(twoLeaders.json().error.message).toMatch(/exactly one leader, not 2/);
    // A genin may read but not plan.
    expect((await call('naruto', 'POST', '/api/missions', snow())).statusCode).toBe(403);
    expect((await s.app.ctx.db.selectFrom('missions_mission').select('id').execute()).length).toBe(0);
  });

  it('takes a mission through its life, refusing illegal steps with words, each step audited', async () => {
    const created = await call('gaara', 'POST', '/api/missions', { ...snow(), team: [{ person: who.lee!.id, role: 'member' }] });
    expect(created.statusCode).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ code: 'M-2026-R-001', status: 'planned', rank: 'A', villages: ['yuki'], team: [{ role: 'member', person: { id: who.lee!.id } }] });
    const noLeader = await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-02' });
    expect(noLeader.statusCode).toBe(409);
    expect(noLeader.json().error.message).toMatch(/needs a leader to start/);
    const early = await call('gaara', 'POST', `/api/missions/${m.code}/complete`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(`Mission ${m.code}: a mission that is planned cannot be completed: it can only be started or aborted.`);
    expect((await call('gaara', 'PUT', `/api/missions/${m.code}/team`, { team: snow().team })).statusCode).toBe(200);
    const started = await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-02' });
    expect(started.json()).toMatchObject({ status: 'under_way', startedOn: '2026-11-02' });
    expect((await call('gaara', 'PUT', `/api/missions/${m.code}/team`, { team: snow().team })).statusCode).toBe(409);
    const before = await call('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-01' });
    expect(before.statusCode).toBe(422);
    expect(before.json().error.details).toEqual([{ path: 'body.on', message: 'must not be before the mission started (2026-11-02)' }]);
    const done = await call('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-09', note: 'Escorted there and back; attacked by three deserters.' });
    expect(done.json()).toMatchObject({ status: 'completed', endedOn: '2026-11-09', outcome: 'Escorted there and back; attacked by three deserters.' });
    const after = await call('gaara', 'POST', `/api/missions/${m.code}/abort`, {});
    expect(after.statusCode).toBe(409);
    expect(after.json().error.message).toMatch(/completed cannot be aborted: being completed is final/);
    expect((await audits('missions.mission.create')).map((a) => a.object_id)).toContain(m.id);
    for (const a of ['missions.mission.team', 'missions.mission.start', 'missions.mission.complete']) expect((await audits(a)).filter((r) => r.object_id === m.id)).toHaveLength(1);
  });

  it('a mission hidden by its compartment is exactly an unknown one, and missing from lists and counts', async () => {
    const breach = (await call('gaara', 'POST', '/api/missions', { ...snow(), objective: 'Bring the poison sample home', classification: 'secret', compartments: ['BREACH'] })).json();
    const anbu = (await call('gaara', 'POST', '/api/missions', { ...snow(), objective: 'Watch the border', classification: 'secret', compartments: ['ANBU'] })).json();
    // Numbered in a series of their label: Hawk's mission codes say nothing of the BREACH one.
    expect([breach.code, anbu.code]).toEqual(['M-2026-S.BREACH-001', 'M-2026-S.ANBU-001']);
    const hidden = await call('hawk', 'GET', `/api/missions/${breach.code}`);
    const unknown = await call('hawk', 'GET', '/api/missions/M-2026-999');
    expect(hidden.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ error: { ...unknown.json().error, message: unknown.json().error.message.replace('M-2026-999', breach.code) } });
    expect((await call('owl', 'GET', `/api/missions/${breach.code}`)).statusCode).toBe(200);
    expect((await call('owl', 'GET', `/api/missions/${anbu.code}`)).statusCode).toBe(404);
    const hawkList = (await call('hawk', 'GET', '/api/missions?limit=200')).json();
    const owlList = (await call('owl', 'GET', '/api/missions?limit=200')).json();
    expect(hawkList.items.map((m: any) => m.code)).toContain(anbu.code);
    expect(hawkList.items.map((m: any) => m.code)).not.toContain(breach.code);
    expect(owlList.items.map((m: any) => m.code)).toContain(breach.code);
    expect(owlList.items.map((m: any) => m.code)).not.toContain(anbu.code);
    expect(hawkList.total).toBe(owlList.total);
    const all = Number((await s.app.ctx.db.selectFrom('missions_mission').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(hawkList.total).toBe(all - 1);
    // A write on the hidden mission is refused as for an unknown one too.
    const write = await call('hawk', 'POST', `/api/missions/${breach.code}/abort`, {});
    expect(write.statusCode).toBe(404);
    expect(write.json().error.code).toBe('MISSIONS_MISSION_NOT_FOUND');
  });

  it('an injury on the mission puts the person on leave in the registry, from and until the days given', async () => {
    const m = (await call('gaara', 'POST', '/api/missions', snow())).json();
    await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-02' });
    const injury = { person: who.kankuro!.id, on: '2026-11-05', description: 'Broken ribs and a pneumothorax, fighting Akito', leave: 'administrative', leaveFrom: '2026-11-10', reason: 'fit for desk duties only' };
    const outsider = await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { ...injury, person: who.aiko!.id });
    expect(outsider.statusCode).toBe(422);
    expect(outsider.json().error.details).toEqual([{ path: 'body.person', message: 'not on the team of this mission' }]);
    const inverted = await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { ...injury, leaveFrom: '2026-11-04' });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().error.details).toEqual([{ path: 'body.leaveFrom', message: 'leave for an injury starts on or after it (2026-11-05)' }]);
    // A jounin may not record injuries (the registry's status is the medics' and the office's).
    expect((await call('kankuro', 'POST', `/api/missions/${m.code}/injuries`, injury)).statusCode).toBe(403);
    const r = await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, injury);
    expect(r.statusCode).toBe(201);
    expect(r.json().injuries).toMatchObject([{ person: { id: who.kankuro!.id }, leave: 'administrative', leaveFrom: '2026-11-10', leaveTo: null }]);
    const kankuro = await getPerson(s.app.ctx, who.kankuro!.id, '2026-11-10');
    expect(kankuro.status).toMatchObject({ status: 'administrative_leave', since: '2026-11-10' });
    // Lee's medical leave has an end: active again the day after it.
    await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { person: who.lee!.id, on: '2026-11-05', description: 'Poisoned', leave: 'medical', leaveFrom: '2026-11-05', leaveTo: '2026-11-08', reason: 'antidote at Snow hospital' });
    expect((await getPerson(s.app.ctx, who.lee!.id, '2026-11-08')).status).toMatchObject({ status: 'medical_leave', since: '2026-11-05' });
    expect((await getPerson(s.app.ctx, who.lee!.id, '2026-11-09')).status).toMatchObject({ status: 'active', since: '2026-11-09' });
    expect((await audits('missions.injury')).filter((a) => a.object_id === m.id).map((a) => a.outcome).sort()).toEqual(['denied', 'ok', 'ok']);
    expect((await audits('registry.person.status')).length).toBeGreaterThanOrEqual(3);
  });

  it('reports: only after the end; If-Match on drafts (428, 412); authors edit their own; nobody reviews their own; returned with comments, revised, accepted', async () => {
    const m = (await call('gaara', 'POST', '/api/missions', snow())).json();
    await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-02' });
    const tooSoon = await call('lee', 'POST', `/api/missions/${m.code}/reports`, { body: 'We set out.' });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().error.message).toMatch(/is under way: an after-action report is written once it has ended/);
    await call('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-09' });
    const notOnTeam = await call('aiko', 'POST', `/api/missions/${m.code}/reports`, {});
    expect(notOnTeam.statusCode).toBe(422);
    const created = await call('lee', 'POST', `/api/missions/${m.code}/reports`, { body: 'We set out on the second.' });
    expect(created.statusCode).toBe(201);
    const rep = created.json();
    expect(rep).toMatchObject({ state: 'draft', due: '2026-11-16', version: 1, author: { id: who.lee!.id } });
    expect(created.headers.etag).toBe('"1"');
    expect((await call('lee', 'POST', `/api/missions/${m.code}/reports`, {})).statusCode).toBe(409);
    const url = `/api/missions/reports/${rep.id}`;
    const missing = await call('lee', 'PUT', url, { body: 'More.' });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.details).toEqual([{ path: 'If-Match', message: 'missing' }]);
    const edited = await call('lee', 'PUT', url, { body: 'We set out on the second; attacked on the fifth.' }, { 'if-match': '"1"' });
    expect(edited.statusCode).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    const stale = await call('lee', 'PUT', url, { body: 'Lost.' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details).toEqual([{ path: 'If-Match', message: 'expected version 2' }]);
    const notAuthor = await call('kankuro', 'PUT', url, { body: 'Mine now.' }, { 'if-match': '"2"' });
    expect(notAuthor.statusCode).toBe(404);
    expect(notAuthor.json().error).toMatchObject({ code: 'MISSIONS_REPORT_NOT_YOURS', message: `No report ${rep.id} of yours: only its author writes, submits or revises a report.` });
    expect((await call('aiko', 'POST', `${url}/submit`)).statusCode).toBe(404);
    expect((await call('lee', 'POST', `${url}/begin-review`)).statusCode).toBe(403); // an envoy is no reviewer
    expect((await call('lee', 'POST', `${url}/submit`)).json()).toMatchObject({ state: 'submitted' });
    expect((await call('lee', 'PUT', url, { body: 'After.' }, { 'if-match': '"3"' })).statusCode).toBe(409);
    expect((await call('aiko', 'POST', `${url}/accept`)).json().error.message).toMatch(/a report that is submitted cannot be accepted: it can only be taken up for review/);
    expect((await call('aiko', 'POST', `${url}/begin-review`)).json()).toMatchObject({ state: 'under_review', reviewer: { id: who.aiko!.id } });
    const bare = await call('aiko', 'POST', `${url}/return`, { comments: '  ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details).toEqual([{ path: 'body.comments', message: 'must not be empty' }]);
    expect((await call('aiko', 'POST', `${url}/return`, { comments: 'Name the antidote.' })).json()).toMatchObject({ state: 'returned', comments: 'Name the antidote.' });
    expect((await call('lee', 'PUT', url, { body: 'x' }, { 'if-match': '"5"' })).json().error.message).toMatch(/take it back for revision first/);
    expect((await call('lee', 'POST', `${url}/revise`)).json()).toMatchObject({ state: 'draft', version: 6 });
    await call('lee', 'PUT', url, { body: 'The antidote was made at Snow hospital.' }, { 'if-match': '"6"' });
    await call('lee', 'POST', `${url}/submit`);
    await call('aiko', 'POST', `${url}/begin-review`);
    await setClock('2026-11-12T09:00:00.000Z');
    expect((await call('aiko', 'POST', `${url}/accept`)).json()).toMatchObject({ state: 'accepted', acceptedAt: '2026-11-12T09:00:00.000Z' });
    // The Kazekage's own report: he reviews others', never his own.
    const own = (await call('gaara', 'POST', `/api/missions/${m.code}/reports`, { body: 'The plot uncovered.' })).json();
    await call('gaara', 'POST', `/api/missions/reports/${own.id}/submit`);
    const self = await call('gaara', 'POST', `/api/missions/reports/${own.id}/begin-review`);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toMatch(/nobody reviews their own report/);
    for (const a of ['missions.report.create', 'missions.report.edit', 'missions.report.submit', 'missions.report.begin_review', 'missions.report.return', 'missions.report.revise', 'missions.report.accept']) {
      expect((await audits(a)).filter((r) => r.object_id === rep.id).length, a).toBeGreaterThanOrEqual(1);
    }
  });

  it('takes one of two edits of a draft made at once on the same version; the other is stale (412), and nothing is lost unseen', async () => {
    const m = (await call('gaara', 'POST', '/api/missions', snow())).json();
    await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-02' });
    await call('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-09' });
    const rep = (await call('kankuro', 'POST', `/api/missions/${m.code}/reports`, { body: 'Ribs.' })).json();
    const url = `/api/missions/reports/${rep.id}`;
    const bodies = ['Two ribs broken.', 'A pneumothorax as well.'];
    // Through the service, both at once: each reads version 1 before either writes.
    const kankuro = withActor(s.app.ctx, { kind: 'user', username: 'kankuro', personId: who.kankuro!.id, role: 'jounin', clearance: { level: 'secret', compartments: ['BREACH'] } });
    const edits = await Promise.allSettled(bodies.map((body) => editReport(kankuro, rep.id, { body }, 1)));
    expect(edits.map((e) => (e.status === 'fulfilled' ? 200 : e.reason.status)).sort()).toEqual([200, 412]);
    const won = bodies[edits.findIndex((e) => e.status === 'fulfilled')];
    expect((await call('kankuro', 'GET', url)).json()).toMatchObject({ version: 2, body: won });
  });

  it('the review queue: submitted and under review, waiting longest first, overdue flagged; hidden missions\' reports left out', async () => {
    const make = async (extra: object) => {
      const m = (await call('gaara', 'POST', '/api/missions', { ...snow(), ...extra })).json();
      await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-02' });
      await call('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-10' });
      return m;
    };
    const a = await make({});
    const b = await make({ classification: 'public' });
    const c = await make({ classification: 'secret', compartments: ['BREACH'], team: [{ person: who.kankuro!.id, role: 'leader' }] });
    const submit = async (k: string, code: string, at: string) => {
      await setClock(at);
      const r = (await call(k, 'POST', `/api/missions/${code}/reports`, { body: 'Report.' })).json();
      await call(k, 'POST', `/api/missions/reports/${r.id}/submit`);
      return r.id as string;
    };
    const first = await submit('naruto', b.code, '2026-11-13T08:00:00.000Z');
    const second = await submit('lee', a.code, '2026-11-14T08:00:00.000Z');
    const third = await submit('kankuro', c.code, '2026-11-15T08:00:00.000Z');
    await call('aiko', 'POST', `/api/missions/reports/${second}/begin-review`);
    await setClock('2026-11-18T09:00:00.000Z'); // due 2026-11-17: all three are overdue now
    const q = (await call('masa', 'GET', '/api/missions/reports/queue')).json();
    const mine = q.items.filter((i: any) => [first, second, third].includes(i.id));
    expect(mine.map((i: any) => i.id)).toEqual([first, second, third]);
    expect(mine.map((i: any) => [i.state, i.overdue, i.waitingDays])).toEqual([['submitted', true, 5], ['under_review', true, 4], ['submitted', true, 3]]);
    const times = q.items.map((i: any) => i.submittedAt);
    expect([...times].sort()).toEqual(times);
    // The ANBU clerk does not see the BREACH mission's report, not even counted.
    const aiko = (await call('aiko', 'GET', '/api/missions/reports/queue')).json();
    expect(aiko.items.map((i: any) => i.id)).not.toContain(third);
    expect(aiko.total).toBe(q.total - 1);
    expect((await call('lee', 'GET', '/api/missions/reports/queue')).statusCode).toBe(403);
    // The list names each mission's leader and marks its overdue reports (one each here: past 2026-11-17, not accepted).
    const list = (await call('masa', 'GET', '/api/missions?limit=200')).json().items;
    const row = (code: string) => list.find((m: any) => m.code === code);
    expect([a, b, c].map((m) => [row(m.code).leader, row(m.code).overdueReports])).toEqual([
      [{ id: who.gaara!.id, name: 'Gaara' }, 1], [{ id: who.gaara!.id, name: 'Gaara' }, 1], [{ id: who.kankuro!.id, name: 'Kankuro' }, 1],
    ]);
  });
  it('turnaround: per month of acceptance, nearest-rank median and p90 of days from the end, checked by hand; bad spans refused at their paths', async () => {
    // The two waiting longest are accepted: the Kazekage's own (its mission ended 2026-11-09), on
    // 2026-11-18 (9 days), and Naruto's (ended 2026-11-10), on 2026-11-20 (10 days). With Lee's
    // (ended 2026-11-09, accepted 2026-11-12: 3 days), November holds 3, 9, 10:
    // median = rank ceil(3/2) = 2 → 9; p90 = rank ceil(2.7) = 3 → 10. October holds none.
    const q = (await call('masa', 'GET', '/api/missions/reports/queue')).json();
    const waiting = q.items.filter((i: any) => i.state === 'submitted').slice(0, 2);
    expect(waiting.length).toBe(2);
    for (const [i, r] of waiting.entries()) {
      await call('masa', 'POST', `/api/missions/reports/${r.id}/begin-review`);
      await setClock(i === 0 ? '2026-11-18T10:00:00.000Z' : '2026-11-20T10:00:00.000Z');
      expect((await call('masa', 'POST', `/api/missions/reports/${r.id}/accept`)).statusCode).toBe(200);
    }
    const t = await call('masa', 'GET', '/api/missions/reports/turnaround?from=2026-10&to=2026-11');
    expect(t.statusCode).toBe(200);
    expect(t.json().months).toEqual([
      { month: '2026-10', count: 0, median: null, p90: null },
      { month: '2026-11', count: 3, median: 9, p90: 10 },
    ]);
    const bad = await call('masa', 'GET', '/api/missions/reports/turnaround?from=2026-13&to=2026-11');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toContainEqual({ path: 'querystring.from', message: 'must be a month written YYYY-MM' });
    const backwards = await call('masa', 'GET', '/api/missions/reports/turnaround?from=2026-11&to=2026-10');
    expect(backwards.json().error.details).toEqual([{ path: 'querystring.to', message: 'must not be before from' }]);
  });

  it('an injury to a team member the reader may not see is not shown: not its day, leave or words (an ANBU escort against a BREACH officer and a genin)', async () => {
    const masked = (await createPerson(s.app.ctx, { givenName: 'Masked', familyName: 'Escort', rank: 'jounin', classification: 'secret', compartments: ['ANBU'] })).id;
    const m = (await call('gaara', 'POST', '/api/missions', { ...snow(), classification: 'public', team: [{ person: who.lee!.id, role: 'leader' }, { person: masked, role: 'escort' }] })).json();
    expect((await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-02' })).statusCode).toBe(200);
    const stab = 'Stabbed in the side guarding the envoy';
    expect((await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { person: masked, on: '2026-11-03', description: stab, leave: 'medical', leaveFrom: '2026-11-03', leaveTo: '2027-01-17', reason: 'stab wound' })).statusCode).toBe(201);
    const cleared = (await call('hawk', 'GET', `/api/missions/${m.code}`)).json();
    expect(cleared.injuries).toMatchObject([{ person: { id: masked }, description: stab, leaveTo: '2027-01-17' }]);
    for (const reader of ['owl', 'naruto']) {
      const page = await call(reader, 'GET', `/api/missions/${m.code}`);
      expect(page.statusCode).toBe(200);
      expect(page.json().injuries, reader).toEqual([]);
      expect(page.body).not.toContain(stab);
      expect(page.body).not.toContain('2027-01-17');
    }
  });

  it('refuses a step or an injury dated after today at body.on, and changes nothing (the registry\'s leave included)', async () => {
    const m = (await call('gaara', 'POST', '/api/missions', { ...snow(), team: [{ person: who.gaara!.id, role: 'leader' }, { person: who.naruto!.id, role: 'escort' }] })).json();
    const ahead = await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2999-12-30' });
    expect(ahead.statusCode, ahead.body).toBe(422);
    expect(ahead.json().error.details.map((d: any) => d.path)).toEqual(['body.on']);
    expect((await call('gaara', 'GET', `/api/missions/${m.code}`)).json().status).toBe('planned');
    expect((await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-02' })).statusCode).toBe(200);
    const before = (await getPerson(s.app.ctx, who.naruto!.id)).status;
    const injured = await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { person: who.naruto!.id, on: '2999-12-30', description: 'Sprained ankle', leave: 'medical', leaveFrom: '2999-12-30', reason: 'sprain' });
    expect(injured.statusCode, injured.body).toBe(422);
    expect(injured.json().error.details.map((d: any) => d.path)).toEqual(['body.on']);
    expect((await getPerson(s.app.ctx, who.naruto!.id)).status).toEqual(before);
    const done = await call('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2999-12-31' });
    expect(done.statusCode, done.body).toBe(422);
    expect(done.json().error.details.map((d: any) => d.path)).toEqual(['body.on']);
    expect((await call('gaara', 'GET', `/api/missions/${m.code}`)).json()).toMatchObject({ status: 'under_way', endedOn: null, injuries: [] });
  });

  it('a short leave for a later injury does not end an open-ended leave the person was already on: they go back to it, not to active', async () => {
    const ribs = (await createPerson(s.app.ctx, { givenName: 'Ribs', rank: 'jounin' })).id;
    const m = (await call('gaara', 'POST', '/api/missions', { ...snow(), team: [{ person: who.gaara!.id, role: 'leader' }, { person: ribs, role: 'member' }] })).json();
    expect((await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-02' })).statusCode).toBe(200);
    const injure = (body: object) => call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { person: ribs, description: 'x', reason: 'x', ...body });
    expect((await injure({ on: '2026-11-03', leave: 'administrative', leaveFrom: '2026-11-03', description: 'Broken ribs', reason: 'desk duties until the hospital clears him' })).statusCode).toBe(201);
    expect((await injure({ on: '2026-11-05', leave: 'medical', leaveFrom: '2026-11-05', leaveTo: '2026-11-06', description: 'A cut hand', reason: 'stitches' })).statusCode).toBe(201);
    expect((await getPerson(s.app.ctx, ribs, '2026-11-06')).status).toMatchObject({ status: 'medical_leave' });
    expect((await getPerson(s.app.ctx, ribs, '2026-11-07')).status).toMatchObject({ status: 'administrative_leave', since: '2026-11-07' });
  });

  it('takes one of two reviews of a report made at once (accepted and returned); the other is refused, and the report is in one state', async () => {
    const m = (await call('gaara', 'POST', '/api/missions', snow())).json();
    await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-02' });
    await call('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-09' });
    const rep = (await call('kankuro', 'POST', `/api/missions/${m.code}/reports`, { body: 'Ribs.' })).json();
    const url = `/api/missions/reports/${rep.id}`;
    await call('kankuro', 'POST', `${url}/submit`);
    expect((await call('aiko', 'POST', `${url}/begin-review`)).statusCode).toBe(200);
    const clerk = (username: string, compartments: string[]) => withActor(s.app.ctx, { kind: 'user', username, personId: who[username]!.id, role: 'clerk', clearance: { level: 'secret', compartments } });
    const steps = await Promise.allSettled([stepReport(clerk('aiko', ['ANBU']), rep.id, 'accept'), stepReport(clerk('masa', ['ANBU', 'BREACH']), rep.id, 'return', { comments: 'Say when.' })]);
    expect(steps.map((r) => (r.status === 'fulfilled' ? 200 : r.reason.status)).sort()).toEqual([200, 409]);
    const won = steps[0]!.status === 'fulfilled' ? { state: 'accepted', comments: null } : { state: 'returned', comments: 'Say when.' };
    expect((await call('kankuro', 'GET', url)).json()).toMatchObject({ ...won, version: 4 });
  });
});
