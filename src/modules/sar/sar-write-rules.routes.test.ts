// The order and edges of a report's checks, over HTTP on both databases: a report may be dated
// exactly when the subject was last seen or exactly now (neither is before the one nor after the
// other); a closed operation is answered 409 before anything in the body is looked at (so a
// writer learns it is closed, not that their times are off); and a writer may not label a report
// or a team beyond their own clearance (403, nothing written) — a secret/BREACH writer asking for
// ANBU differs from an ANBU writer only by compartment.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { createPerson } from '../registry/index.ts';
import { closeOperation, createTeam, openOperation } from './index.ts';

const NOW = '2026-11-25T08:00:00.000Z';
const LKP = '2026-11-24T15:00:00.000Z';

describe.each(DIALECTS)('the checks of a report, in order, on %s', (dialect) => {
  let s: TestServer;
  let anbu: TestSession;
  let breach: TestSession;
  let op = { id: '', code: '' };
  let closed = { id: '', code: '' };

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => new Date(NOW) });
    const ctx = s.app.ctx;
    subject = (await createPerson(ctx, { givenName: 'Gaara', rank: 'kage' })).id;
    const open = () => openOperation(ctx, { subject, profile: 'shinobiOnFoot', lastKnown: { x: 0, y: 0, at: LKP }, area: { minX: -20, minY: -10, maxX: 10, maxY: 10, cellKm: 0.5 } });
    op = await open();
    closed = await open();
    await createTeam(ctx, closed.id, { name: 'Late team', speedKmh: 5, sweepWidthKm: 0.5 });
    await closeOperation(ctx, closed.id, { outcome: 'called_off', at: '2026-11-25T00:00:00Z' });
    anbu = await loginAs(s, 'anbu', 'secret', ['ANBU']);
    breach = await loginAs(s, 'anbu', 'secret', ['BREACH']);
  }, 60_000);
  afterAll(async () => s?.close());

  const post = (url: string, payload: object, who: TestSession) => s.http.inject({ method: 'POST', url, payload, headers: who.headers() });
  const counts = async () => {
    const db = s.app.ctx.db;
    const out: Record<string, number> = {};
    for (const t of ['sar_operation', 'sar_sensor_post', 'sar_sighting', 'sar_hazard', 'sar_team', 'sar_track']) out[t] = Number((await db.selectFrom(t).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };
  let subject = '';
  const sighting = (at: string) => ({ kind: 'position', at, x: -2, y: 0, radiusKm: 1, hitProbability: 0.8, falseAlarm: 0.05 });
  const hazard = (at: string, extra: object = {}) => ({ at, x: -5, y: 0, radiusKm: 1, kind: 'quicksand', ...extra });

  it('takes a report dated exactly when the subject was last seen, or exactly now; a millisecond outside either is refused', async () => {
    // Written in the village's zone (UTC+03:00): the same instants.
    const atLkp = await post(`/api/sar/operations/${op.id}/sightings`, sighting('2026-11-24T18:00:00+03:00'), anbu);
    expect(atLkp.statusCode, atLkp.body).toBe(201);
    expect(atLkp.json().at).toBe(LKP);
    const atNow = await post(`/api/sar/operations/${op.id}/hazards`, hazard('2026-11-25T11:00:00+03:00'), anbu);
    expect(atNow.statusCode, atNow.body).toBe(201);
    expect(atNow.json().at).toBe(NOW);
    const before = await counts();
    const early = await post(`/api/sar/operations/${op.id}/sightings`, sighting('2026-11-24T14:59:59.999Z'), anbu);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.map((d: any) => d.path)).toEqual(['body.at']);
    const late = await post(`/api/sar/operations/${op.id}/hazards`, hazard('2026-11-25T08:00:00.001Z'), anbu);
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details.map((d: any) => d.path)).toEqual(['body.at']);
    expect(await counts()).toEqual(before);
  });

  it('a closed operation is answered 409 before the times or the place in the body are looked at', async () => {
    const before = await counts();
    const cases: [string, object][] = [
      // Before the last known time: 422 on an open operation, but this one is closed.
      ['sightings', sighting('2026-11-24T12:00:00Z')],
      ['hazards', hazard('2026-11-26T00:00:00Z')],
      // A segment wholly outside the area.
      ['teams/Late%20team/segment', { minX: 50, minY: 50, maxX: 60, maxY: 60 }],
      // A track that ended before the subject was last seen.
      ['tracks', { team: 'Late team', startedAt: '2026-11-24T10:00:00Z', endedAt: '2026-11-24T11:00:00Z', points: [{ x: 0, y: 0 }, { x: 1, y: 0 }] }],
    ];
    for (const [path, body] of cases) {
      const r = await post(`/api/sar/operations/${closed.id}/${path}`, body, anbu);
      expect(r.statusCode, `${path}: ${r.body}`).toBe(409);
      expect(r.json().error.code, path).toBe('SAR_OPERATION_CLOSED');
    }
    expect(await counts()).toEqual(before);
  });

  it('a writer may not label a report or a team beyond their clearance: 403, nothing written (BREACH asking for ANBU)', async () => {
    const before = await counts();
    const asks: [string, object][] = [
      ['sensor-posts', { name: 'Masked post', x: 0, y: 0, rangeKm: 5, hitProbability: 0.8, falseAlarm: 0.02, classification: 'secret', compartments: ['ANBU'] }],
      ['sightings', { ...sighting('2026-11-24T16:00:00Z'), classification: 'secret', compartments: ['ANBU'] }],
      ['hazards', hazard('2026-11-24T16:00:00Z', { classification: 'secret', compartments: ['ANBU'] })],
      ['teams', { name: 'Masked team', speedKmh: 5, sweepWidthKm: 0.5, classification: 'secret', compartments: ['ANBU'] }],
    ];
    for (const [path, body] of asks) {
      const r = await post(`/api/sar/operations/${op.id}/${path}`, body, breach);
      expect(r.statusCode, `${path}: ${r.body}`).toBe(403);
      expect(r.json().error.code, path).toBe('AUTH_FORBIDDEN');
    }
    expect(await counts()).toEqual(before);
    // The same asks from a writer cleared for ANBU are taken.
    for (const [path, body] of asks) expect((await post(`/api/sar/operations/${op.id}/${path}`, body, anbu)).statusCode, path).toBe(201);
  });

  it('refuses a field it does not know, naming it: a misspelt classification must not open a public record', async () => {
    const before = await counts();
    const cases: [string, object, string][] = [
      ['/api/sar/operations', { subject, profile: 'shinobiOnFoot', lastKnown: { x: 0, y: 0, at: LKP }, area: { minX: -20, minY: -10, maxX: 10, maxY: 10, cellKm: 0.5 }, classfication: 'secret' }, 'classfication'],
      [`/api/sar/operations/${op.id}/hazards`, hazard('2026-11-24T16:00:00Z', { compartment: ['ANBU'] }), 'compartment'],
      [`/api/sar/operations/${op.id}/sensor-posts`, { name: 'Post', x: 0, y: 0, rangeKm: 5, hitProbability: 0.8, falseAlarm: 0.02, clasification: 'secret' }, 'clasification'],
      [`/api/sar/operations/${op.id}/sightings`, { ...sighting('2026-11-24T16:00:00Z'), compartmnets: ['ANBU'] }, 'compartmnets'],
    ];
    for (const [url, body, key] of cases) {
      const r = await post(url, body, anbu);
      expect([400, 422], `${key}: ${r.body}`).toContain(r.statusCode);
      expect(r.body, key).toContain(key);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a sighting less likely where it says than anywhere else (hit rate below the false-alarm rate)', async () => {
    const before = await counts();
    const r = await post(`/api/sar/operations/${op.id}/sightings`, { ...sighting('2026-11-24T16:00:00Z'), hitProbability: 0.04, falseAlarm: 0.05 }, anbu);
    expect([400, 422], r.body).toContain(r.statusCode);
    expect(r.json().error.details.map((d: any) => d.path)).toEqual(['body.hitProbability']);
    expect(await counts()).toEqual(before);
    // Equal rates are allowed (the report then says nothing, but is not contradictory).
    expect((await post(`/api/sar/operations/${op.id}/sightings`, { ...sighting('2026-11-24T16:00:00Z'), hitProbability: 0.05, falseAlarm: 0.05 }, anbu)).statusCode).toBe(201);
  });
});
