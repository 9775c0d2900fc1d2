// Every kind of report carries its own label inside a public operation: a secret/ANBU sensor post,
// sighting, hazard, team and track are left out — of the operation's record, its map, a cell's
// ledger, the tracks list and the GPX — for a secret/BREACH reader (who differs only by
// compartment), exactly as if they had never been reported; the ANBU reader sees them all. The
// BREACH reader's map is compared with a twin operation that never had those reports: same
// area, same last known point, so the same prior, bit for bit.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { createPerson } from '../registry/index.ts';
import { forgetMaps } from './sar-map.ts';

const NOW = new Date('2026-11-25T08:00:00Z');
const ANBU = { classification: 'secret', compartments: ['ANBU'] };

describe.each(DIALECTS)('labelled reports in a public operation on %s', (dialect) => {
  let s: TestServer;
  let anbu: TestSession;
  let breach: TestSession;
  let op = { id: '', code: '' };
  let twin = { id: '', code: '' };
  let track = '';

  const get = (url: string, who: TestSession) => s.http.inject({ url, headers: who.headers() });
  const post = async (url: string, payload: object, who: TestSession) => {
    const r = await s.http.inject({ method: 'POST', url, payload, headers: who.headers() });
    expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(300);
    return r.json();
  };

  beforeAll(async () => {
    forgetMaps();
    s = await openTestServer(dialect, { now: () => NOW });
    const ctx = s.app.ctx;
    const gaara = (await createPerson(ctx, { givenName: 'Gaara', rank: 'kage' })).id;
    const baki = (await createPerson(ctx, { givenName: 'Baki', rank: 'jounin' })).id;
    anbu = await loginAs(s, 'anbu', 'secret', ['ANBU']);
    breach = await loginAs(s, 'anbu', 'secret', ['BREACH']);
    const open = () => post('/api/sar/operations', {
      subject: gaara, lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00Z' }, profile: 'shinobiOnFoot', area: { minX: -20, minY: -10, maxX: 10, maxY: 10, cellKm: 0.5 },
    }, anbu);
    op = await open();
    twin = await open();
    const base = `/api/sar/operations/${op.id}`;
    await post(`${base}/sensor-posts`, { name: 'Open post', x: 5, y: 5, rangeKm: 2, hitProbability: 0.8, falseAlarm: 0.02 }, anbu);
    const hiddenPost = await post(`${base}/sensor-posts`, { name: 'Masked post', x: -5, y: 0, rangeKm: 6, hitProbability: 0.8, falseAlarm: 0.02, ...ANBU }, anbu);
    await post(`${base}/sightings`, { kind: 'position', at: '2026-11-24T16:00:00Z', x: -3, y: 0, radiusKm: 1, hitProbability: 0.9, falseAlarm: 0.05, ...ANBU }, anbu);
    await post(`${base}/sightings`, { kind: 'silent', at: '2026-11-24T17:00:00Z', sensorPost: hiddenPost.id }, anbu);
    await post(`${base}/hazards`, { at: '2026-11-24T18:00:00Z', x: -8, y: 2, radiusKm: 1, kind: 'quicksand', ...ANBU }, anbu);
    await post(`${base}/teams`, { name: 'Masked team', members: [baki], speedKmh: 5, sweepWidthKm: 0.5, ...ANBU }, anbu);
    track = (await post(`${base}/tracks`, { team: 'Masked team', startedAt: '2026-11-24T19:00:00Z', endedAt: '2026-11-24T21:00:00Z', points: [{ x: -1, y: -1 }, { x: -1, y: 1 }] }, anbu)).id;
  }, 60_000);
  afterAll(async () => s?.close());

  it("the ANBU reader sees every report, and the map moves with them", async () => {
    const d = (await get(`/api/sar/operations/${op.id}`, anbu)).json();
    expect(d.sensorPosts.map((p: any) => p.name).sort()).toEqual(['Masked post', 'Open post']);
    expect(d.sightings.map((x: any) => x.kind)).toEqual(['position', 'silent']);
    expect(d.hazards.map((h: any) => h.kind)).toEqual(['quicksand']);
    expect(d.teams.map((t: any) => t.name)).toEqual(['Masked team']);
    expect(d.tracks.map((t: any) => t.id)).toEqual([track]);
    // A track takes the label of the team that walked it (secret/ANBU), not the operation's (public).
    expect(d.tracks[0]).toMatchObject({ classification: 'secret', compartments: ['ANBU'] });
    const mine = (await get(`/api/sar/operations/${op.id}/map`, anbu)).json();
    const bare = (await get(`/api/sar/operations/${twin.id}/map`, anbu)).json();
    expect(mine.p).not.toBe(bare.p);
    expect(mine.steps.map((l: any) => l.kind)).toEqual(['prior', 'sighting', 'sighting', 'search']);
  });

  it('the BREACH reader gets the operation as if they had never been reported: record, map, ledger, tracks, GPX', async () => {
    const d = (await get(`/api/sar/operations/${op.id}`, breach)).json();
    expect(d.sensorPosts.map((p: any) => p.name)).toEqual(['Open post']);
    expect(d.sightings).toEqual([]);
    expect(d.hazards).toEqual([]);
    expect(d.teams).toEqual([]);
    expect(d.tracks).toEqual([]);
    const mine = (await get(`/api/sar/operations/${op.id}/map`, breach)).json();
    const bare = (await get(`/api/sar/operations/${twin.id}/map`, breach)).json();
    expect(mine.steps.map((l: any) => l.kind)).toEqual(['prior']);
    expect(mine.p).toBe(bare.p);
    expect(mine.coverage).toBeNull();
    const cell = (await get(`/api/sar/operations/${op.id}/cells?x=-3&y=0`, breach)).json();
    expect(cell.ledger.map((l: any) => l.kind)).toEqual(['prior']);
    const tracks = await get(`/api/sar/operations/${op.id}/tracks.gpx`, breach);
    expect(tracks.statusCode).toBe(200);
    expect(tracks.body).not.toContain(track);
    expect(tracks.body).not.toContain('Masked');
    const plan = (await get(`/api/sar/operations/${op.id}/plan?hours=2`, breach)).json();
    expect(plan.assignments).toEqual([]);
    expect(plan.unassigned).toEqual([]);
    expect(JSON.stringify(d) + JSON.stringify(mine)).not.toMatch(/Masked|quicksand/);
  });
});
