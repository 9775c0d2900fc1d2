// An injury puts the person on leave in the registry, whose status every reader of the person
// sees. It may name the mission and say what happened only where each such reader may read the
// mission too: a BREACH mission's code and the reason given were shown on the registry page to
// readers the mission is hidden from (found by the outside attack a13c).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import type { Role } from '../../kernel/auth/policy.ts';
import type { Level } from '../../kernel/auth/labels.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson, createVillage } from '../registry/index.ts';

describe.each(DIALECTS)('an injury on a mission, as the registry tells it, on %s', (dialect) => {
  let s: TestServer;
  const clock = new SimulatedClock('2026-11-10T08:00:00.000Z');
  const hdr: Record<string, Record<string, string>> = {};
  let n = 0;
  async function cast(key: string, role: Role, level: Level, compartments: string[] = []) {
    const p = await createPerson(s.app.ctx, { givenName: key, rank: 'jounin' });
    const password = `correct horse battery ${++n} staple`;
    await createAccount(s.app.ctx, { username: key, personId: p.id, displayName: key, role, clearance: level, compartments, password });
    hdr[key] = (await logIn(s, key, password)).headers();
  }
  beforeAll(async () => {
    s = await openTestServer(dialect, { now: clock.now });
    await createVillage(s.app.ctx, { code: 'suna', name: 'Sunagakure', land: 'Land of Wind', leaderTitle: 'Kazekage' });
    await cast('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    // Same level, differing only by compartment: the BREACH officer may read the mission, the ANBU one may not.
    await cast('breach', 'jounin', 'secret', ['BREACH']);
    await cast('anbu', 'jounin', 'secret', ['ANBU']);
  }, 120_000);
  afterAll(async () => s?.close());

  async function injure(label: { classification: string; compartments: string[] }, reason: string) {
    const who = (await createPerson(s.app.ctx, { givenName: `Lee ${++n}`, rank: 'jounin' })).id;
    const plan = await s.http.inject({ method: 'POST', url: '/api/missions/', headers: hdr.gaara, payload: {
      rank: 'S', objective: 'Follow-up', client: 'Kazekage', villages: ['suna'], plannedStart: '2026-11-01', plannedEnd: '2026-11-05',
      ...label, team: [{ person: who, role: 'leader' }] } });
    expect(plan.statusCode).toBe(201);
    const code: string = plan.json().code;
    expect((await s.http.inject({ method: 'POST', url: `/api/missions/${code}/start`, headers: hdr.gaara, payload: { on: '2026-11-01' } })).statusCode).toBe(200);
    const inj = await s.http.inject({ method: 'POST', url: `/api/missions/${code}/injuries`, headers: hdr.gaara, payload: {
      person: who, on: '2026-11-02', description: 'senbon', leave: 'medical', leaveFrom: '2026-11-02', leaveTo: '2026-11-04', reason } });
    expect(inj.statusCode).toBe(201);
    return { who, code };
  }
  const personPage = (reader: string, id: string) => s.http.inject({ method: 'GET', url: `/api/registry/people/${id}`, headers: hdr[reader] });
  const history = async (reader: string, id: string) => {
    const page = await personPage(reader, id);
    expect(page.statusCode).toBe(200);
    return page.body;
  };

  it('names neither a hidden mission nor the reason given, to anyone, on the registry page; the mission keeps them for its readers', async () => {
    const { who, code } = await injure({ classification: 'secret', compartments: ['BREACH'] }, 'poisoned by the BREACH suspect');
    expect((await s.http.inject({ method: 'GET', url: `/api/missions/${code}`, headers: hdr.anbu })).statusCode).toBe(404);
    for (const reader of ['anbu', 'breach', 'gaara']) {
      const body = await history(reader, who);
      expect(body).not.toContain(code);
      expect(body).not.toContain('BREACH suspect');
      expect(body).toContain('medical_leave');
      expect(body).toContain('injured on duty');
    }
    // The mission's own page, for those who may read it, still tells the reason.
    const mission = await s.http.inject({ method: 'GET', url: `/api/missions/${code}`, headers: hdr.breach });
    expect(mission.statusCode).toBe(200);
    expect(mission.body).toContain('poisoned by the BREACH suspect');
  });

  it('names the mission and the reason where every reader of the person may read the mission', async () => {
    const { who, code } = await injure({ classification: 'public', compartments: [] }, 'sprained ankle on the dunes');
    for (const reader of ['anbu', 'breach']) {
      const body = await history(reader, who);
      expect(body).toContain(`sprained ankle on the dunes (mission ${code})`);
      expect(body).toContain(`after an injury on mission ${code}`);
    }
  });
});
