// The effort plan over HTTP, on both databases: the squares it sends the teams to hold the map's
// own probability, a team already searching its square is marked so, a secret/ANBU team is planned
// for a secret/ANBU reader and not for a secret/BREACH one (who differs only by compartment), a
// closed operation has no plan, and bad parameters are refused naming the parameter. Also the
// list's "last report", which must not show a report of a team the reader may not see.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { createPerson } from '../registry/index.ts';
import { closeOperation, openOperation } from './index.ts';

const NOW = '2026-11-23T12:00:00.000Z';

/** The map's `p` decoded, the way a client does it. */
function decode(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}

describe.each(DIALECTS)('/api/sar effort plan on %s', (dialect) => {
  let s: TestServer;
  let anbu: TestSession;      // jounin, secret, ANBU
  let breach: TestSession;    // jounin, secret, BREACH: differs from `anbu` only by compartment
  let op: { id: string; code: string };
  let closedOp: { id: string; code: string };

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => new Date(NOW) });
    const ctx = s.app.ctx;
    const lee = (await createPerson(ctx, { givenName: 'Lee', familyName: 'Rock', rank: 'jounin' })).id;
    const bodyguard = (await createPerson(ctx, { givenName: 'Jun', familyName: 'Takeda', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] })).id;
    const subject = (await createPerson(ctx, { givenName: 'Gaara', rank: 'kage' })).id;
    const open = () => openOperation(ctx, {
      subject, profile: 'shinobiOnFoot', lastKnown: { x: -20, y: 0, at: '2026-11-22T10:00:00Z' }, area: { minX: -60, minY: -30, maxX: 0, maxY: 30, cellKm: 1 },
    });
    op = await open();
    closedOp = await open();
    await closeOperation(ctx, closedOp.id, { outcome: 'called_off', at: '2026-11-23T00:00:00Z' });
    anbu = await loginAs(s, 'jounin', 'secret', ['ANBU']);
    breach = await loginAs(s, 'jounin', 'secret', ['BREACH']);
    for (const [name, members, speedKmh, sweepWidthKm] of [['Lee', [lee], 6, 0.4], ['Bodyguards', [bodyguard], 8, 0.6]] as const) {
      const r = await s.http.inject({ method: 'POST', url: `/api/sar/operations/${op.id}/teams`, payload: { name, members, speedKmh, sweepWidthKm }, headers: anbu.headers() });
      expect(r.statusCode, r.body).toBe(201);
    }
  }, 60_000);
  afterAll(async () => s?.close());

  const get = (url: string, who: TestSession) => s.http.inject({ url, headers: who.headers() });

  it("sends each team to a square; the square's probability is the map's own, and the plan never beats Stone's yardstick", async () => {
    const r = await get(`/api/sar/operations/${op.code}/plan?hours=3&segmentKm=5`, anbu);
    expect(r.statusCode, r.body).toBe(200);
    const plan = r.json();
    expect(plan).toMatchObject({ hours: 3, segmentKm: 5, at: NOW });
    expect(plan.sweepKm2).toBeCloseTo(6 * 0.4 * 3 + 8 * 0.6 * 3, 9);
    expect(plan.assignments.map((a: any) => a.team.name).sort()).toEqual(['Bodyguards', 'Lee']);
    expect(plan.pos).toBeGreaterThan(0);
    expect(plan.pos).toBeLessThanOrEqual(plan.optimalPos + 1e-12);
    const map = (await get(`/api/sar/operations/${op.id}/map`, anbu)).json();
    const p = decode(map.p);
    const { width, cellKm, originX, originY } = map.grid;
    for (const a of plan.assignments) {
      const sq = a.segment;
      expect(sq.maxX - sq.minX).toBeCloseTo(5, 9);
      let mass = 0;
      for (let row = Math.round((sq.minY - originY) / cellKm); row < Math.round((sq.maxY - originY) / cellKm); row++) {
        for (let col = Math.round((sq.minX - originX) / cellKm); col < Math.round((sq.maxX - originX) / cellKm); col++) mass += p[row * width + col]!;
      }
      expect(sq.p).toBeCloseTo(mass, 5);
      expect(a.current).toBe(false);
    }
    // The squares with the most ideal effort hold probability near the last known point.
    expect(plan.ideal.length).toBeGreaterThan(0);
    const best = plan.ideal[0].segment;
    expect(Math.hypot((best.minX + best.maxX) / 2 + 20, (best.minY + best.maxY) / 2)).toBeLessThan(25);
  });

  it("a team sent to the square it already searches is marked current", async () => {
    const plan = (await get(`/api/sar/operations/${op.id}/plan?hours=3&segmentKm=5`, anbu)).json();
    const lee = plan.assignments.find((a: any) => a.team.name === 'Lee');
    const { minX, minY, maxX, maxY } = lee.segment;
    const r = await s.http.inject({ method: 'POST', url: `/api/sar/operations/${op.id}/teams/Lee/segment`, payload: { minX, minY, maxX, maxY }, headers: anbu.headers() });
    expect(r.statusCode, r.body).toBe(200);
    const again = (await get(`/api/sar/operations/${op.id}/plan?hours=3&segmentKm=5`, anbu)).json();
    expect(again.assignments.find((a: any) => a.team.name === 'Lee').current).toBe(true);
    expect(again.assignments.find((a: any) => a.team.name === 'Bodyguards').current).toBe(false);
  });

  it('plans only the teams the reader may see: BREACH differs from ANBU only by compartment', async () => {
    const a = (await get(`/api/sar/operations/${op.id}/plan?hours=3`, anbu)).json();
    const b = (await get(`/api/sar/operations/${op.id}/plan?hours=3`, breach)).json();
    expect(a.assignments.map((x: any) => x.team.name)).toContain('Bodyguards');
    expect([...b.assignments, ...b.unassigned].map((x: any) => x.team?.name ?? x.name)).toEqual(['Lee']);
    expect(b.sweepKm2).toBeCloseTo(6 * 0.4 * 3, 9);
    expect(JSON.stringify(b)).not.toContain('Bodyguards');
  });

  it('a closed operation has no plan; an unknown one is 404', async () => {
    const c = await get(`/api/sar/operations/${closedOp.id}/plan`, anbu);
    expect(c.statusCode).toBe(409);
    expect(c.json().error.code).toBe('SAR_OPERATION_CLOSED');
    const u = await get('/api/sar/operations/SAR-1999-999/plan', anbu);
    expect(u.statusCode).toBe(404);
  });

  it("the list says each operation's latest report the reader may see", async () => {
    const listed = async (who: TestSession) => new Map((await get('/api/sar/operations', who)).json().items.map((o: any) => [o.id, o.lastReport]));
    expect((await listed(anbu)).get(closedOp.id)).toBeNull();
    let r = await s.http.inject({ method: 'POST', url: `/api/sar/operations/${op.id}/hazards`, payload: { at: '2026-11-22T20:00:00Z', x: -30, y: 0, radiusKm: 1, kind: 'quicksand' }, headers: anbu.headers() });
    expect(r.statusCode, r.body).toBe(201);
    r = await s.http.inject({ method: 'POST', url: `/api/sar/operations/${op.id}/sightings`, payload: { kind: 'position', at: '2026-11-22T19:00:00Z', x: -25, y: 1, radiusKm: 1, hitProbability: 0.7, falseAlarm: 0.05 }, headers: anbu.headers() });
    expect(r.statusCode, r.body).toBe(201);
    // The bodyguards' sweep ended last (22:30); only an ANBU reader may know of it.
    r = await s.http.inject({ method: 'POST', url: `/api/sar/operations/${op.id}/tracks`, payload: { team: 'Bodyguards', startedAt: '2026-11-22T21:00:00Z', endedAt: '2026-11-22T22:30:00Z', points: [{ x: -21, y: 0 }, { x: -19, y: 0 }] }, headers: anbu.headers() });
    expect(r.statusCode, r.body).toBe(201);
    expect((await listed(anbu)).get(op.id)).toEqual({ at: '2026-11-22T22:30:00.000Z', kind: 'track' });
    expect((await listed(breach)).get(op.id)).toEqual({ at: '2026-11-22T20:00:00.000Z', kind: 'hazard' });
  });

  it('refuses bad parameters naming them', async () => {
    for (const [q, path] of [['hours=0', 'hours'], ['hours=100', 'hours'], ['hours=abc', 'hours'], ['segmentKm=0.01', 'segmentKm'], ['segmentKm=1e3', 'segmentKm'], ['at=yesterday', 'at'], ['teams=3', '']] as const) {
      const r = await get(`/api/sar/operations/${op.id}/plan?${q}`, anbu);
      expect(r.statusCode, q).toBe(400);
      const details = r.json().error.details as { path: string }[];
      expect(details.some((d) => d.path === (path ? `querystring.${path}` : 'querystring')), `${q}: ${JSON.stringify(details)}`).toBe(true);
    }
  });
});
