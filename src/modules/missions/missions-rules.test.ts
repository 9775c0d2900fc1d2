// Rules of missions that a mutation round (issue 13) found no test holding, over HTTP on both
// databases: an audit entry naming a person the mission does not show carries that person's label
// too (planning, re-teaming, an injury); the turnaround chart counts only missions the reader may
// see (two clerks differing only by compartment) and is the administration office's alone; and
// opening a report for another team member is the office's work, not a team mate's. Also: an
// injury only between a mission's start and end, a report due no earlier than the end, and the
// list filtered by person lists exactly that person's missions; a hidden mission's report, asked
// for by id, answers as an unknown one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import type { Role } from '../../kernel/auth/policy.ts';
import type { Level } from '../../kernel/auth/labels.ts';
import { createPerson, createVillage } from '../registry/index.ts';

describe.each(DIALECTS)('rules of missions on %s', (dialect) => {
  let s: TestServer;
  const clock = new SimulatedClock('2026-11-10T08:00:00.000Z');
  const who: Record<string, { id: string; headers: () => Record<string, string> }> = {};
  let masked = '';
  let n = 0;

  const passwords: Record<string, string> = {};
  async function login(key: string, personId: string) {
    const r = await s.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: key, password: passwords[key] } });
    if (r.statusCode !== 200) throw new Error(`login failed: ${r.body}`);
    const cookie = String(r.headers['set-cookie']).split(';')[0]!;
    const csrf = r.json().csrfToken as string;
    who[key] = { id: personId, headers: () => ({ cookie, 'x-csrf-token': csrf }) };
  }
  /** Moves the story's clock on; sessions do not outlive days of it, so everyone logs in again. */
  async function setClock(at: string) {
    clock.set(at);
    for (const [k, w] of Object.entries(who)) await login(k, w.id);
  }
  async function cast(key: string, role: Role, level: Level, compartments: string[] = []) {
    const p = await createPerson(s.app.ctx, { givenName: key[0]!.toUpperCase() + key.slice(1), rank: 'jounin' });
    passwords[key] = `correct horse battery ${++n} staple`;
    await createAccount(s.app.ctx, { username: key, personId: p.id, displayName: key, role, clearance: level, compartments, password: passwords[key]! });
    await login(key, p.id);
  }
  const call = (k: string, method: string, url: string, payload?: object) => s.http.inject({ method: method as any, url, headers: who[k]!.headers(), ...(payload ? { payload } : {}) });
  const ok = async (k: string, method: string, url: string, payload?: object) => {
    const r = await call(k, method, url, payload);
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  /** The labels of the audit entries of an action on an object. */
  const auditLabels = async (action: string, objectId: string) => (await s.app.ctx.db.selectFrom('kernel_audit_log').select(['classification', 'compartments'])
    .where('action', '=', action).where('object_id', '=', objectId).where('outcome', '=', 'ok').execute()).map((r) => `${r.classification}/${fromJson<string[]>(r.compartments, []).join('+')}`);

  const mission = (extra: object = {}) => ({
    rank: 'B', objective: 'Escort a caravan to the border', client: 'Merchants of the west', villages: ['suna'],
    plannedStart: '2026-11-01', plannedEnd: '2026-11-05', classification: 'public', team: [{ person: who.kankuro!.id, role: 'leader' }], ...extra,
  });

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: clock.now });
    await createVillage(s.app.ctx, { code: 'suna', name: 'Sunagakure', land: 'x', leaderTitle: 'x' });
    await cast('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await cast('kankuro', 'jounin', 'secret', ['BREACH']);
    await cast('lee', 'envoy', 'restricted');
    await cast('masa', 'clerk', 'secret', ['BREACH']);
    await cast('aiko', 'clerk', 'secret', ['ANBU']);
    masked = (await createPerson(s.app.ctx, { givenName: 'Masked', rank: 'jounin', classification: 'secret', compartments: ['ANBU'] })).id;
  }, 120_000);
  afterAll(async () => s?.close());

  it('audits planning, re-teaming and an injury at the label of a team member the mission does not show', async () => {
    const m = await ok('gaara', 'POST', '/api/missions', mission({ team: [{ person: who.kankuro!.id, role: 'leader' }, { person: masked, role: 'escort' }] }));
    expect(await auditLabels('missions.mission.create', m.id)).toEqual(['secret/ANBU']);
    await ok('gaara', 'PUT', `/api/missions/${m.code}/team`, { team: [{ person: who.kankuro!.id, role: 'leader' }, { person: masked, role: 'member' }] });
    expect(await auditLabels('missions.mission.team', m.id)).toEqual(['secret/ANBU']);
    // A team of people the mission shows: its own label, public.
    const plain = await ok('gaara', 'POST', '/api/missions', mission());
    expect(await auditLabels('missions.mission.create', plain.id)).toEqual(['public/']);
    await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-01' });
    await ok('gaara', 'POST', `/api/missions/${m.code}/injuries`, { person: masked, on: '2026-11-02', description: 'Sprained ankle', leave: 'medical', leaveFrom: '2026-11-02', leaveTo: '2026-11-04', reason: 'rest' });
    expect(await auditLabels('missions.injury', m.id)).toEqual(['secret/ANBU']);
    // Kankuro, cleared secret but not ANBU, sees the mission and not the person.
    const seen = await ok('kankuro', 'GET', `/api/missions/${m.code}`);
    // A team member is a link to a person: the masked escort is neither shown nor counted to him.
    expect(seen.team.map((t: any) => t.person)).toEqual([{ id: who.kankuro!.id, name: 'Kankuro' }]);
    expect((await ok('kankuro', 'GET', '/api/missions?limit=200')).items.find((i: any) => i.code === m.code).teamSize).toBe(1);
    expect((await ok('gaara', 'GET', '/api/missions?limit=200')).items.find((i: any) => i.code === m.code).teamSize).toBe(2);
    // Naming the masked escort in the list's filter is naming an unknown person: 404, as for an id nobody has.
    const hidden = await call('kankuro', 'GET', `/api/missions?person=${masked}`);
    const unknown = await call('kankuro', 'GET', '/api/missions?person=01JZZZZZZZZZZZZZZZZZZZZZZZ');
    expect([hidden.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(hidden.body.split(masked).join('<id>')).toBe(unknown.body.split('01JZZZZZZZZZZZZZZZZZZZZZZZ').join('<id>'));
    expect((await ok('gaara', 'GET', `/api/missions?person=${masked}`)).items.map((i: any) => i.code)).toContain(m.code);
  });

  it('names on the mission list only a leader the reader may see: a hidden leader is no leader to them, nor counted', async () => {
    const m = await ok('gaara', 'POST', '/api/missions', mission({ team: [{ person: masked, role: 'leader' }, { person: who.kankuro!.id, role: 'member' }] }));
    const row = async (k: string) => (await ok(k, 'GET', '/api/missions?limit=200')).items.find((i: any) => i.code === m.code);
    // As on the mission's page: Kankuro (secret, BREACH, not ANBU) sees a team of one, himself, and no leader.
    expect(await row('kankuro')).toMatchObject({ teamSize: 1, leader: null });
    expect(JSON.stringify(await row('kankuro'))).not.toContain(masked);
    expect(await row('gaara')).toMatchObject({ teamSize: 2, leader: { id: masked, name: 'Masked' } });
  });

  it('records an injury only between the mission\'s start and its end, and a report due no earlier than the end', async () => {
    const m = await ok('gaara', 'POST', '/api/missions', mission({ team: [{ person: who.kankuro!.id, role: 'leader' }, { person: who.lee!.id, role: 'member' }] }));
    const injury = { person: who.lee!.id, on: '2026-11-02', description: 'Burnt hand', leave: 'medical', leaveFrom: '2026-11-02', leaveTo: '2026-11-03', reason: 'burns' };
    const planned = await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, injury);
    expect(planned.statusCode).toBe(409);
    expect(planned.json().error.message).toMatch(/it is planned: an injury is recorded on a mission that has set out/);
    await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-01' });
    await ok('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-05' });
    const after = await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { ...injury, on: '2026-11-06', leaveFrom: '2026-11-06', leaveTo: '2026-11-07' });
    expect(after.statusCode).toBe(422);
    expect(after.json().error.details).toEqual([{ path: 'body.on', message: 'must not be after the mission ended (2026-11-05)' }]);
    expect((await ok('gaara', 'GET', `/api/missions/${m.code}`)).injuries).toEqual([]);
    // The bounds are the mission's own days: an injury on the day it set out, or on the day it ended, is recorded.
    await ok('gaara', 'POST', `/api/missions/${m.code}/injuries`, { ...injury, on: '2026-11-01', leaveFrom: '2026-11-01', leaveTo: '2026-11-01' });
    await ok('gaara', 'POST', `/api/missions/${m.code}/injuries`, { ...injury, on: '2026-11-05', leaveFrom: '2026-11-05', leaveTo: '2026-11-06' });
    expect((await ok('gaara', 'GET', `/api/missions/${m.code}`)).injuries).toHaveLength(2);
    const early = await call('lee', 'POST', `/api/missions/${m.code}/reports`, { due: '2026-11-04' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details).toEqual([{ path: 'body.due', message: 'must not be before the mission ended (2026-11-05)' }]);
    expect((await ok('lee', 'POST', `/api/missions/${m.code}/reports`, { due: '2026-11-05' })).due).toBe('2026-11-05');
  });

  it('keeps a mission\'s days to the desk\'s rules: recorded within a month of setting out, booked a year ahead, a year long; leave within a month of the return; a report due within eight weeks, later than a week only by the office', async () => {
    // Today is 2026-11-10 in the village.
    const count = async () => Number((await s.app.ctx.db.selectFrom('missions_mission').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const refused = async (body: object, details: { path: string; message: string }[]) => {
      const r = await call('gaara', 'POST', '/api/missions', mission(body));
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.details).toEqual(details);
    };
    await refused({ plannedStart: '2026-10-10', plannedEnd: '2026-10-12' }, [{ path: 'body.plannedStart', message: 'must not be before 2026-10-11: a mission is recorded when it is planned, or within 30 days of setting out' }]);
    await refused({ plannedStart: '1900-01-01', plannedEnd: '1900-01-03' }, [{ path: 'body.plannedStart', message: 'must not be before 2026-10-11: a mission is recorded when it is planned, or within 30 days of setting out' }]);
    await refused({ plannedStart: '2027-11-11', plannedEnd: '2027-11-12' }, [{ path: 'body.plannedStart', message: 'must not be after 2027-11-10: missions are booked at most a year ahead' }]);
    await refused({ plannedStart: '2026-11-20', plannedEnd: '2027-11-21' }, [{ path: 'body.plannedEnd', message: 'must not be after 2027-11-20: a mission lasts at most a year (a longer posting is a membership in the registry)' }]);
    expect(await count()).toBe(before);
    // On each bound, it is recorded.
    await ok('gaara', 'POST', '/api/missions', mission({ plannedStart: '2027-11-10', plannedEnd: '2028-11-10' }));
    const m = await ok('gaara', 'POST', '/api/missions', mission({ plannedStart: '2026-10-11', team: [{ person: who.kankuro!.id, role: 'leader' }, { person: who.lee!.id, role: 'member' }] }));
    // No step older than a month before the mission was recorded: not 1900, not 2026-10-10.
    for (const on of ['1900-01-01', '2026-10-10']) {
      const r = await call('gaara', 'POST', `/api/missions/${m.code}/start`, { on });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error.details).toEqual([{ path: 'body.on', message: `must not be before 2026-10-11: a mission is recorded within 30 days of setting out, so no step of ${m.code} is older` }]);
    }
    expect((await ok('gaara', 'GET', `/api/missions/${m.code}`)).status).toBe('planned');
    await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-10-11' });
    // While the party is away, leave starts within a month of today; after its return, of the return.
    const injury = { person: who.lee!.id, on: '2026-10-12', description: 'Burnt hand', leave: 'medical', reason: 'burns' };
    const away = await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { ...injury, leaveFrom: '2026-12-11' });
    expect(away.statusCode, away.body).toBe(422);
    expect(away.json().error.details).toEqual([{ path: 'body.leaveFrom', message: 'must not be after 2026-12-10: leave for an injury starts within 30 days of the day it is recorded, while the party is away' }]);
    await ok('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-01' });
    for (const leaveFrom of ['2026-12-02', '2099-01-01']) {
      const r = await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { ...injury, leaveFrom });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error.details).toEqual([{ path: 'body.leaveFrom', message: 'must not be after 2026-12-01: leave for an injury starts within 30 days of the party\'s return' }]);
    }
    expect((await ok('gaara', 'GET', `/api/missions/${m.code}`)).injuries).toEqual([]);
    // A year of leave at most: an end in 2999 would put the person's status at the top of their history for ever.
    const forever = await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { ...injury, leaveFrom: '2026-12-01', leaveTo: '2999-11-04' });
    expect(forever.statusCode, forever.body).toBe(422);
    expect(forever.json().error.details).toEqual([{ path: 'body.leaveTo', message: 'must not be after 2027-12-01: leave for an injury is granted for a year at most; leave it open until the hospital clears them' }]);
    expect((await call('gaara', 'POST', `/api/missions/${m.code}/injuries`, { ...injury, leaveFrom: '2026-12-01', leaveTo: '2027-12-02' })).statusCode).toBe(422);
    await ok('gaara', 'POST', `/api/missions/${m.code}/injuries`, { ...injury, leaveFrom: '2026-12-01', leaveTo: '2027-12-01' });
    // A report is due a week after the end (2026-11-08); its author may not put it off.
    const put = async (k: string, body: object) => call(k, 'POST', `/api/missions/${m.code}/reports`, body);
    for (const due of ['2026-11-09', '2999-12-31']) {
      const r = await put('lee', { due });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error.details[0].path).toBe('body.due');
    }
    expect((await put('lee', { due: '2026-11-09' })).json().error.details[0].message).toBe('only the administration office sets a report due later than a week after the mission ended (2026-11-08): leave it out, or ask the office');
    expect((await put('lee', { due: '2999-12-31' })).json().error.details[0].message).toBe('must not be after 2026-12-27: a report is due at most 8 weeks after the mission ended');
    expect((await ok('lee', 'POST', `/api/missions/${m.code}/reports`, {})).due).toBe('2026-11-08');
    // A jounin may plan and run missions, but is not the administration office: no more time for his own report either.
    const own = await put('kankuro', { due: '2026-11-09' });
    expect(own.statusCode, own.body).toBe(422);
    expect(own.json().error.details).toEqual([{ path: 'body.due', message: 'only the administration office sets a report due later than a week after the mission ended (2026-11-08): leave it out, or ask the office' }]);
    // The office may give more time, up to eight weeks; not beyond.
    const late = await call('masa', 'POST', `/api/missions/${m.code}/reports`, { author: who.kankuro!.id, due: '2026-12-28' });
    expect(late.statusCode, late.body).toBe(422);
    expect((await ok('masa', 'POST', `/api/missions/${m.code}/reports`, { author: who.kankuro!.id, due: '2026-12-27' })).due).toBe('2026-12-27');
  });

  it('counts a report as overdue on the mission list only after its due day, not on it', async () => {
    const m = await ok('gaara', 'POST', '/api/missions', mission({ team: [{ person: who.kankuro!.id, role: 'leader' }, { person: who.lee!.id, role: 'member' }] }));
    await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-01' });
    await ok('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-05' });
    // The clock in this story stands in the morning, so the village's day is the UTC one.
    const today = new Date(clock.now()).toISOString().slice(0, 10);
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await ok('lee', 'POST', `/api/missions/${m.code}/reports`, { due: today });
    const row = async () => (await ok('gaara', 'GET', '/api/missions?limit=200')).items.find((i: any) => i.code === m.code);
    expect((await row()).overdueReports).toBe(0);
    await ok('kankuro', 'POST', `/api/missions/${m.code}/reports`, { due: yesterday });
    expect((await row()).overdueReports).toBe(1);
  });

  it('lists, for a person, only the missions they are on', async () => {
    const withLee = await ok('gaara', 'POST', '/api/missions', mission({ objective: 'Carry letters to Konoha', team: [{ person: who.lee!.id, role: 'leader' }] }));
    const list = await ok('gaara', 'GET', `/api/missions?person=${who.lee!.id}&limit=200`);
    const onTeam = await s.app.ctx.db.selectFrom('missions_team').select('mission_id').distinct().where('person_id', '=', who.lee!.id).execute();
    expect(list.items.map((i: any) => i.id)).toContain(withLee.id);
    expect(list.items.map((i: any) => i.id).sort()).toEqual(onTeam.map((r) => r.mission_id).sort());
    expect(list.total).toBe(onTeam.length);
  });

  it('leaves a report for a team mate to the office: a team member may open only their own', async () => {
    const m = await ok('gaara', 'POST', '/api/missions', mission({ team: [{ person: who.kankuro!.id, role: 'leader' }, { person: who.lee!.id, role: 'member' }] }));
    await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-01' });
    await ok('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-05' });
    const forLee = await call('kankuro', 'POST', `/api/missions/${m.code}/reports`, { author: who.lee!.id, body: 'Lee says…' });
    expect(forLee.statusCode).toBe(403);
    expect((await ok('gaara', 'GET', `/api/missions/${m.code}`)).reports).toEqual([]);
    // His own he opens; the office opens Lee's for him, with Lee as its author.
    expect((await ok('kankuro', 'POST', `/api/missions/${m.code}/reports`, { body: 'We arrived.' })).author.id).toBe(who.kankuro!.id);
    expect((await ok('masa', 'POST', `/api/missions/${m.code}/reports`, { author: who.lee!.id })).author.id).toBe(who.lee!.id);
  });

  it('charts turnaround only over missions the reader may see, and only for the administration office', async () => {
    // Two ended missions, each with one report accepted: public (4 days) and secret / BREACH (12 days).
    const underReview = async (extra: object) => {
      const m = await ok('gaara', 'POST', '/api/missions', mission({ ...extra, team: [{ person: who.kankuro!.id, role: 'leader' }] }));
      await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-01' });
      await ok('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-06' });
      const r = await ok('kankuro', 'POST', `/api/missions/${m.code}/reports`, { body: 'Done.' });
      await ok('kankuro', 'POST', `/api/missions/reports/${r.id}/submit`);
      await ok('gaara', 'POST', `/api/missions/reports/${r.id}/begin-review`);
      return r.id as string;
    };
    const plain = await underReview({});
    const breach = await underReview({ classification: 'secret', compartments: ['BREACH'] });
    await setClock('2026-11-10T09:00:00.000Z');
    await ok('gaara', 'POST', `/api/missions/reports/${plain}/accept`);
    await setClock('2026-11-18T09:00:00.000Z');
    await ok('gaara', 'POST', `/api/missions/reports/${breach}/accept`);
    const chart = async (k: string) => (await ok(k, 'GET', '/api/missions/reports/turnaround?from=2026-11&to=2026-11')).months;
    // Masa (BREACH) counts both: 4 and 12 → median rank ⌈1⌉ = 4, p90 rank ⌈1.8⌉ = 12.
    expect(await chart('masa')).toEqual([{ month: '2026-11', count: 2, median: 4, p90: 12 }]);
    // Aiko, her twin but for ANBU in place of BREACH, counts the public one only.
    expect(await chart('aiko')).toEqual([{ month: '2026-11', count: 1, median: 4, p90: 4 }]);
    for (const k of ['kankuro', 'lee']) expect((await call(k, 'GET', '/api/missions/reports/turnaround?from=2026-11&to=2026-11')).statusCode, k).toBe(403);
    // The BREACH report itself, asked for by id, is to Aiko exactly what an unknown id is.
    const unknown = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const hidden = await call('aiko', 'GET', `/api/missions/reports/${breach}`);
    const none = await call('aiko', 'GET', `/api/missions/reports/${unknown}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body.split(breach).join('<id>')).toBe(none.body.split(unknown).join('<id>'));
    expect((await call('masa', 'GET', `/api/missions/reports/${breach}`)).statusCode).toBe(200);
  });

  it('bounds a step by the day the mission was recorded, not by today: a start recorded late is taken within a month before the recording', async () => {
    await setClock('2026-11-18T09:00:00.000Z');
    const m = await ok('gaara', 'POST', '/api/missions', mission({ plannedStart: '2026-11-18', plannedEnd: '2026-11-25' }));
    // Forty days on, the start is recorded at last: the day it happened counts from the recording (2026-11-18), not from today.
    await setClock('2026-12-28T09:00:00.000Z');
    // Every step, not only the start: an abort of the planned mission is dated no earlier either.
    for (const step of ['start', 'abort']) {
      const early = await call('gaara', 'POST', `/api/missions/${m.code}/${step}`, { on: '2026-10-18' });
      expect(early.statusCode, early.body).toBe(422);
      expect(early.json().error.details).toEqual([{ path: 'body.on', message: `must not be before 2026-10-19: a mission is recorded within 30 days of setting out, so no step of ${m.code} is older` }]);
    }
    expect((await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-20' })).startedOn).toBe('2026-11-20');
  });

  it('bounds a plan by the village\'s day (UTC+3): at 22:30Z it is already tomorrow there', async () => {
    await setClock('2026-12-28T22:30:00.000Z');
    // The village's today is 2026-12-29, so a mission set out on 2026-11-28 is more than 30 days old.
    const r = await call('gaara', 'POST', '/api/missions', mission({ plannedStart: '2026-11-28', plannedEnd: '2026-11-30' }));
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.details).toEqual([{ path: 'body.plannedStart', message: 'must not be before 2026-11-29: a mission is recorded when it is planned, or within 30 days of setting out' }]);
    expect((await ok('gaara', 'POST', '/api/missions', mission({ plannedStart: '2026-11-29', plannedEnd: '2026-11-30' }))).plannedStart).toBe('2026-11-29');
  });

  it('counts days in the village: after 21:00 UTC a step taken now is on the next day, and a report due the day before is overdue', async () => {
    await setClock('2026-12-29T21:30:00.000Z'); // 00:30 on the 30th in the village
    const team = [{ person: who.kankuro!.id, role: 'leader' }, { person: who.lee!.id, role: 'member' }];
    const now = await ok('gaara', 'POST', '/api/missions', mission({ plannedStart: '2026-12-28', plannedEnd: '2026-12-29', team }));
    expect((await ok('gaara', 'POST', `/api/missions/${now.code}/start`, {})).startedOn).toBe('2026-12-30');
    const m = await ok('gaara', 'POST', '/api/missions', mission({ plannedStart: '2026-12-28', plannedEnd: '2026-12-29', team }));
    await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-12-28' });
    await ok('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-12-29' });
    // Due on the 29th: overdue on the 30th in the village, though it is still the 29th in UTC.
    expect((await ok('lee', 'POST', `/api/missions/${m.code}/reports`, { due: '2026-12-29' })).overdue).toBe(true);
    expect((await ok('gaara', 'GET', '/api/missions?limit=200')).items.find((i: any) => i.code === m.code).overdueReports).toBe(1);
  });

  it('codes a mission recorded after 21:00 UTC on 31 December with the village\'s new year: it is 1 January there', async () => {
    await setClock('2026-12-31T21:30:00.000Z'); // 00:30 on 1 January 2027 in the village
    const m = await ok('gaara', 'POST', '/api/missions', mission({ plannedStart: '2027-01-01', plannedEnd: '2027-01-03' }));
    // The first public mission of 2027: its series starts at 1.
    expect(m.code).toBe('M-2027-001');
  });
});
