// A team member shows only with both its ends (SECURITY.md, References 3; outside attack a13e):
// a member the reader may not see is not shown, counted, given away by a rule's refusal, nor
// removed by a writer who cannot see them, and their after-action report is left out with them.
// Kankuro (secret / BREACH) and a masked escort (secret / ANBU) he may not see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import type { Role } from '../../kernel/auth/policy.ts';
import type { Level } from '../../kernel/auth/labels.ts';
import { createPerson, createVillage } from '../registry/index.ts';

describe.each(DIALECTS)('hidden team members on %s', (dialect) => {
  let s: TestServer;
  const clock = new SimulatedClock('2026-11-10T08:00:00.000Z');
  const who: Record<string, { id: string; headers: () => Record<string, string> }> = {};
  let masked = '';
  let n = 0;

  /** An account for a person of their own (or the one given), logged in. */
  async function cast(key: string, role: Role, level: Level, compartments: string[] = [], personId?: string) {
    const id = personId ?? (await createPerson(s.app.ctx, { givenName: key[0]!.toUpperCase() + key.slice(1), rank: 'jounin' })).id;
    const password = `correct horse battery ${++n} staple`;
    await createAccount(s.app.ctx, { username: key, personId: id, displayName: key, role, clearance: level, compartments, password });
    const session = await logIn(s, key, password);
    who[key] = { id, headers: () => session.headers() };
  }
  const call = (k: string, method: string, url: string, payload?: object) => s.http.inject({ method: method as any, url, headers: who[k]!.headers(), ...(payload ? { payload } : {}) });
  const ok = async (k: string, method: string, url: string, payload?: object) => {
    const r = await call(k, method, url, payload);
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const mission = (team: object[]) => ({
    rank: 'B', objective: 'Escort', client: 'Merchants', villages: ['suna'], plannedStart: '2026-11-08', plannedEnd: '2026-11-12', classification: 'public', team,
  });

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: clock.now });
    await createVillage(s.app.ctx, { code: 'suna', name: 'Sunagakure', land: 'x', leaderTitle: 'x' });
    await cast('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await cast('kankuro', 'jounin', 'secret', ['BREACH']);
    masked = (await createPerson(s.app.ctx, { givenName: 'Masked', rank: 'jounin', classification: 'secret', compartments: ['ANBU'] })).id;
  }, 120_000);
  afterAll(async () => s?.close());

  it('answers "start" alike for two missions whose teams the reader sees alike (a hidden leader or member is not counted)', async () => {
    // Kankuro sees both teams as [Kankuro, member]; one also has the masked escort as its leader.
    const hiddenLeader = await ok('gaara', 'POST', '/api/missions', mission([{ person: who.kankuro!.id, role: 'member' }, { person: masked, role: 'leader' }]));
    const noLeader = await ok('gaara', 'POST', '/api/missions', mission([{ person: who.kankuro!.id, role: 'member' }]));
    expect((await ok('kankuro', 'GET', `/api/missions/${hiddenLeader.code}`)).team).toEqual((await ok('kankuro', 'GET', `/api/missions/${noLeader.code}`)).team);
    const a = await call('kankuro', 'POST', `/api/missions/${noLeader.code}/start`, { on: '2026-11-10' });
    const b = await call('kankuro', 'POST', `/api/missions/${hiddenLeader.code}/start`, { on: '2026-11-10' });
    expect(a.statusCode).toBe(409);
    // A leader he may not see does not lead for him: the same refusal as for a team without one.
    expect(b.statusCode).toBe(a.statusCode);
    expect(b.json().error.message.replace(hiddenLeader.code, 'M')).toBe(a.json().error.message.replace(noLeader.code, 'M'));
    // Someone who sees the whole team starts it.
    expect((await call('gaara', 'POST', `/api/missions/${hiddenLeader.code}/start`, { on: '2026-11-10' })).statusCode).toBe(200);
    // Two teams seen empty: one holds only the masked escort. The refusals must be the same words.
    const onlyHidden = await ok('gaara', 'POST', '/api/missions', mission([{ person: masked, role: 'member' }]));
    const empty = await ok('gaara', 'POST', '/api/missions', mission([]));
    const c = await call('kankuro', 'POST', `/api/missions/${onlyHidden.code}/start`, { on: '2026-11-10' });
    const d = await call('kankuro', 'POST', `/api/missions/${empty.code}/start`, { on: '2026-11-10' });
    expect(c.statusCode).toBe(409);
    expect(c.json().error.message.replace(onlyHidden.code, 'M')).toBe(d.json().error.message.replace(empty.code, 'M'));
  });

  it('keeps the members a writer may not see when he replaces a team (he may not act on what he cannot see)', async () => {
    const m = await ok('gaara', 'POST', '/api/missions', mission([{ person: who.kankuro!.id, role: 'leader' }, { person: masked, role: 'escort' }]));
    const other = (await createPerson(s.app.ctx, { givenName: 'Other', rank: 'chuunin' })).id;
    const after = await ok('kankuro', 'PUT', `/api/missions/${m.code}/team`, { team: [{ person: who.kankuro!.id, role: 'leader' }, { person: other, role: 'member' }] });
    expect(after.team.map((t: any) => t.person.id)).toEqual([who.kankuro!.id, other]);
    const whole = (await ok('gaara', 'GET', `/api/missions/${m.code}`)).team.map((t: any) => [t.person.id, t.role]);
    expect(whole).toHaveLength(3);
    expect(whole).toEqual(expect.arrayContaining([[masked, 'escort'], [who.kankuro!.id, 'leader'], [other, 'member']]));
  });

  it('refuses a second leader where a hidden member leads, in words that name nobody, and changes nothing', async () => {
    const m = await ok('gaara', 'POST', '/api/missions', mission([{ person: masked, role: 'leader' }, { person: who.kankuro!.id, role: 'member' }]));
    const r = await call('kankuro', 'PUT', `/api/missions/${m.code}/team`, { team: [{ person: who.kankuro!.id, role: 'leader' }] });
    expect(r.statusCode).toBe(422);
    expect(r.body).not.toContain(masked);
    expect(r.body).not.toContain('Masked');
    expect((await ok('gaara', 'GET', `/api/missions/${m.code}`)).team.map((t: any) => [t.person.id, t.role])).toEqual([[masked, 'leader'], [who.kankuro!.id, 'member']]);
    // As a member he is kept, the hidden leader too.
    await ok('kankuro', 'PUT', `/api/missions/${m.code}/team`, { team: [{ person: who.kankuro!.id, role: 'escort' }] });
    expect((await ok('gaara', 'GET', `/api/missions/${m.code}`)).team.map((t: any) => [t.person.id, t.role])).toEqual([[masked, 'leader'], [who.kankuro!.id, 'escort']]);
  });

  it('does not show a hidden team member\'s after-action report (as a withheld author) on the mission page or in the review queue', async () => {
    const m = await ok('gaara', 'POST', '/api/missions', mission([{ person: who.kankuro!.id, role: 'leader' }, { person: masked, role: 'escort' }]));
    await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-08' });
    await ok('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-10' });
    await ok('gaara', 'POST', `/api/missions/${m.code}/reports`, { author: masked, body: 'What the escort saw.' });
    const page = await ok('kankuro', 'GET', `/api/missions/${m.code}`);
    expect(page.team.map((t: any) => t.person)).toEqual([{ id: who.kankuro!.id, name: 'Kankuro' }]);
    expect(page.reports).toEqual([]);
    expect((await ok('gaara', 'GET', `/api/missions/${m.code}`)).reports).toHaveLength(1);
  });

  it("does not count a hidden member's overdue report on the mission list", async () => {
    const m = await ok('gaara', 'POST', '/api/missions', mission([{ person: who.kankuro!.id, role: 'leader' }, { person: masked, role: 'escort' }]));
    await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-08' });
    await ok('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-09' });
    // Due the day the mission ended, so overdue today (the 10th).
    await ok('gaara', 'POST', `/api/missions/${m.code}/reports`, { author: masked, body: 'Late.', due: '2026-11-09' });
    const row = async (k: string) => (await ok(k, 'GET', `/api/missions?limit=200`)).items.find((i: any) => i.code === m.code);
    expect((await row('gaara')).overdueReports).toBe(1);
    expect((await row('kankuro')).overdueReports).toBe(0);
  });

  it("leaves a hidden member's report out of the office's queue and turnaround, and answers it as one that does not exist", async () => {
    await cast('clerk', 'clerk', 'secret', ['BREACH']);
    await cast('escort', 'jounin', 'secret', ['ANBU'], masked);
    who.masked = who.escort!;
    const m = await ok('gaara', 'POST', '/api/missions', mission([{ person: who.kankuro!.id, role: 'leader' }, { person: masked, role: 'escort' }]));
    await ok('gaara', 'POST', `/api/missions/${m.code}/start`, { on: '2026-11-08' });
    await ok('gaara', 'POST', `/api/missions/${m.code}/complete`, { on: '2026-11-09' });
    const mine = await ok('kankuro', 'POST', `/api/missions/${m.code}/reports`, { body: 'What the leader saw.' });
    const theirs = await ok('masked', 'POST', `/api/missions/${m.code}/reports`, { body: 'What the escort saw.' });
    for (const [k, r] of [['kankuro', mine], ['masked', theirs]] as const) await ok(k, 'POST', `/api/missions/reports/${r.id}/submit`, {});
    const queued = (k: string) => ok(k, 'GET', '/api/missions/reports/queue').then((q) => q.items.filter((i: any) => i.mission === m.code).map((i: any) => i.id));
    expect(await queued('clerk')).toEqual([mine.id]);
    expect((await queued('gaara')).sort()).toEqual([mine.id, theirs.id].sort());
    // The hidden member's report is answered as an unknown one: the same status and code.
    const hidden = await call('clerk', 'GET', `/api/missions/reports/${theirs.id}`);
    const unknown = await call('clerk', 'GET', '/api/missions/reports/01J0000000000000000000000Z');
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([unknown.statusCode, unknown.json().error.code]);
    expect(hidden.statusCode).toBe(404);
    // Nor may the clerk act on it.
    expect((await call('clerk', 'POST', `/api/missions/reports/${theirs.id}/begin-review`, {})).statusCode).toBe(404);
    for (const r of [mine, theirs]) {
      await ok('gaara', 'POST', `/api/missions/reports/${r.id}/begin-review`, {});
      await ok('gaara', 'POST', `/api/missions/reports/${r.id}/accept`, {});
    }
    const counted = async (k: string) => (await ok(k, 'GET', '/api/missions/reports/turnaround?from=2026-11&to=2026-11')).months.reduce((n: number, x: any) => n + x.count, 0);
    expect((await counted('gaara')) - (await counted('clerk'))).toBe(1);

    // Named elsewhere (a letter's attachment, outside attack a13f), the hidden report is unknown too.
    const attach = (ref: string) => call('kankuro', 'POST', '/api/post/messages', { to: [{ person: who.gaara!.id }], subject: 'About a report', body: 'See the report.', attachments: [{ kind: 'missions.report', ref }] });
    const hiddenAttached = await attach(theirs.id);
    const unknownAttached = await attach('01J0000000000000000000000Z');
    expect(hiddenAttached.statusCode).toBe(422);
    expect([hiddenAttached.statusCode, hiddenAttached.json().error.code]).toEqual([unknownAttached.statusCode, unknownAttached.json().error.code]);
    expect((await call('kankuro', 'POST', '/api/post/messages', { to: [{ person: who.gaara!.id }], subject: 'About a report', body: 'See the report.', attachments: [{ kind: 'missions.report', ref: mine.id }] })).statusCode).toBe(201);

    // The audit log names the hidden member's report only to an auditor who may see its author.
    await cast('auditor', 'anbu', 'secret', ['BREACH']);
    const audited = async (k: string, id: string) => (await ok(k, 'GET', `/api/security/audit?objectId=${id}`)).items.map((i: any) => i.action).sort();
    expect(await audited('auditor', theirs.id)).toEqual([]);
    expect(await audited('gaara', theirs.id)).toEqual(expect.arrayContaining(['missions.report.accept', 'missions.report.begin_review', 'missions.report.create', 'missions.report.submit']));
    expect(await audited('auditor', mine.id)).toEqual(expect.arrayContaining(['missions.report.create', 'missions.report.submit']));
  });

  it('keeps a hidden member when another team write lands while the writer replaces his part (the mission row is taken first)', async () => {
    if (dialect !== 'postgres') return; // SQLite has one writer at a time: the interleaving cannot happen there.
    const m = await ok('gaara', 'POST', '/api/missions', mission([{ person: who.kankuro!.id, role: 'leader' }]));
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    // Another team write, held open with the mission's row taken: a masked leader, Kankuro a member.
    const other = s.app.ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('missions_mission').set({ version: 2 }).where('id', '=', m.id).execute();
      locked();
      await gate;
      await trx.deleteFrom('missions_team').where('mission_id', '=', m.id).execute();
      await trx.insertInto('missions_team').values([{ mission_id: m.id, person_id: masked, role: 'leader', seq: 0 }, { mission_id: m.id, person_id: who.kankuro!.id, role: 'member', seq: 1 }]).execute();
    });
    await isLocked;
    const mine = call('kankuro', 'PUT', `/api/missions/${m.code}/team`, { team: [{ person: who.kankuro!.id, role: 'member' }] });
    // Let the other write go on only once Kankuro's waits for the mission's row.
    const { sql } = await import('kysely');
    for (;;) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(s.app.ctx.db);
      if (rows[0]!.n > 0) break;
      await new Promise((r) => setImmediate(r));
    }
    release();
    await other;
    expect((await mine).statusCode).toBe(200);
    expect((await ok('gaara', 'GET', `/api/missions/${m.code}`)).team.map((t: any) => [t.person.id, t.role])).toEqual([[masked, 'leader'], [who.kankuro!.id, 'member']]);
  });
});
