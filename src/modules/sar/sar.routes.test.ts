// /api/sar over HTTP on both databases, with response validation on: opening and closing with the
// subject's registry status, a hidden operation answered as an unknown one (readers differing only
// by compartment), a late sighting, the map after a westward bearing, and bad input refused by
// field with nothing written. Last, an operation opened after 21:00 UTC on 31 December is coded
// with the village's new year.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { createPerson } from '../registry/index.ts';
import type { SandstoneEvent } from '../../kernel/events/event-bus.ts';
import { listen, type HeardEvents } from '../../kernel/testing/events.ts';
import { forgetMaps } from './sar-map.ts';

const NOW = new Date('2026-11-25T08:00:00Z');
const area = { minX: -40, minY: -20, maxX: 10, maxY: 20, cellKm: 0.5 };

describe.each(DIALECTS)('/api/sar on %s', (dialect) => {
  let s: TestServer;
  let jounin: TestSession;
  let anbu: TestSession;
  let breach: TestSession;
  let genin: TestSession;
  let gaara = '';
  let covert = '';
  let lee = '';
  let bus: HeardEvents;
  let now = NOW;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    gaara = (await createPerson(op, { givenName: 'Gaara', rank: 'kage' })).id;
    lee = (await createPerson(op, { givenName: 'Rock', familyName: 'Lee', rank: 'jounin' })).id;
    covert = (await createPerson(op, { givenName: 'Masked', familyName: 'Operative', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] })).id;
    jounin = await loginAs(s, 'jounin', 'restricted');
    anbu = await loginAs(s, 'anbu', 'secret', ['ANBU']);
    breach = await loginAs(s, 'anbu', 'secret', ['BREACH']);
    genin = await loginAs(s, 'genin', 'public');
    bus = listen(s.app.ctx.events);
  }, 60_000);
  afterAll(async () => s?.close());

  const get = (url: string, who?: TestSession) => s.http.inject({ url, headers: who ? who.headers() : {} });
  const post = (url: string, payload: object, who: TestSession) => s.http.inject({ method: 'POST', url, payload, headers: who.headers() });
  const open = (who: TestSession, extra: object = {}) => post('/api/sar/operations', {
    subject: gaara, lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00Z', note: 'left the legislative building for air' }, profile: 'shinobiOnFoot', area, ...extra,
  }, who);
  const statusOf = async (person: string) => (await get(`/api/registry/people/${person}`, anbu)).json().status?.status ?? null;
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of ['sar_operation', 'sar_sensor_post', 'sar_sighting', 'sar_hazard']) out[t] = Number((await s.app.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };
  const heard = (pred: (e: SandstoneEvent) => boolean) => bus.heard(pred);
  /** The map's cells as numbers again. */
  const cellsOf = (m: any) => {
    const b = Buffer.from(m.p, 'base64');
    return Float32Array.from({ length: m.grid.width * m.grid.height }, (_, i) => b.readFloatLE(i * 4));
  };

  it('opens an operation (the subject is missing from then), lists it, and closes it as found (active again)', async () => {
    expect(await statusOf(gaara)).toBe('active');
    const r = await open(jounin, { direction: { bearing: 270, kappa: 1 } });
    expect(r.statusCode).toBe(201);
    const o = r.json();
    expect(o).toMatchObject({
      code: expect.stringMatching(/^SAR-2026-\d{4}$/), title: 'Search for Gaara', subject: { id: gaara, name: 'Gaara' }, status: 'active',
      lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00.000Z', note: 'left the legislative building for air' },
      area: { ...area, width: 100, height: 80 }, direction: { bearing: 270, kappa: 1 }, movingKmh: null, classification: 'public', compartments: [],
    });
    expect(await statusOf(gaara)).toBe('missing');
    expect(await heard((e) => e.type === 'sar.operation.changed' && e.payload.operationId === o.id && e.payload.kind === 'opened')).toBe(true);
    const list = (await get('/api/sar/operations?status=active', genin)).json();
    expect(list.items.map((i: any) => i.code)).toContain(o.code);
    expect((await get(`/api/sar/operations/${o.code}`, genin)).json()).toMatchObject({ id: o.id, sensorPosts: [], sightings: [], hazards: [], teams: [], tracks: [] });

    const closed = await post(`/api/sar/operations/${o.code}/close`, { outcome: 'found', at: '2026-11-25T06:00:00Z', foundAt: { x: -60.2, y: -6 } }, jounin);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'found', closedAt: '2026-11-25T06:00:00.000Z', foundAt: { x: -60.2, y: -6 }, version: 2 });
    expect(await statusOf(gaara)).toBe('active');
    expect((await get('/api/sar/operations?status=closed', genin)).json().items.map((i: any) => i.id)).toContain(o.id);
    // Closed: it takes no more reports, and is not closed twice.
    const late = await post(`/api/sar/operations/${o.id}/hazards`, { at: '2026-11-24T20:00:00Z', x: -50, y: 0, radiusKm: 2, kind: 'scorpion', note: 'giant red scorpion' }, jounin);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SAR_OPERATION_CLOSED');
    expect((await post(`/api/sar/operations/${o.id}/close`, { outcome: 'called_off', at: '2026-11-25T07:00:00Z' }, jounin)).statusCode).toBe(409);
  });

  it('answers a hidden operation exactly as an unknown one, to a reader differing only by compartment', async () => {
    const r = await open(anbu, { subject: covert, classification: 'secret', compartments: ['ANBU'], title: 'Covert search' });
    expect(r.statusCode).toBe(201);
    const o = r.json();
    expect(o).toMatchObject({ classification: 'secret', compartments: ['ANBU'] });
    // Its code is numbered in a series of its label's own, marked so: the first ANBU operation is
    // 0001 whatever public ones came before, so its number counts nothing its readers may not see.
    expect(o.code).toBe('SAR-2026-S.ANBU-0001');
    const hidden = await get(`/api/sar/operations/${o.code}`, breach);
    const unknown = await get('/api/sar/operations/SAR-2026-9999', breach);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('SAR_OPERATION_NOT_FOUND');
    expect(hidden.body.replace(o.code, 'X')).toBe(unknown.body.replace('SAR-2026-9999', 'X'));
    for (const path of ['map', 'cells?x=0&y=0']) expect((await get(`/api/sar/operations/${o.id}/${path}`, breach)).statusCode).toBe(404);
    expect((await get('/api/sar/operations', breach)).json().items.map((i: any) => i.id)).not.toContain(o.id);
    expect((await post(`/api/sar/operations/${o.id}/hazards`, { at: '2026-11-24T20:00:00Z', x: 0, y: 0, radiusKm: 1, kind: 'x' }, breach)).statusCode).toBe(404);
    expect((await get(`/api/sar/operations/${o.code}`, anbu)).statusCode).toBe(200);
    expect((await get('/api/sar/operations', anbu)).json().items.map((i: any) => i.id)).toContain(o.id);
    // The event is labelled like the operation.
    expect(await heard((e) => e.type === 'sar.operation.changed' && e.payload.operationId === o.id)).toBe(true);
    expect(bus.events.find((e) => e.type === 'sar.operation.changed' && e.payload.operationId === o.id)?.label).toEqual({ classification: 'secret', compartments: ['ANBU'] });
  });

  it('a covert subject makes the operation secret even when opened unlabelled; a hidden subject is refused as unknown', async () => {
    const o = (await open(anbu, { subject: covert })).json();
    expect(o).toMatchObject({ classification: 'secret', compartments: ['ANBU'] });
    const before = await counts();
    const r = await open(jounin, { subject: covert });
    const unknown = await open(jounin, { subject: '01UNKNOWNPERSON0000000000' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details).toEqual([{ path: 'body.subject', message: 'unknown person' }]);
    expect(r.body.replace(covert, 'X')).toBe(unknown.body.replace('01UNKNOWNPERSON0000000000', 'X'));
    expect(await counts()).toEqual(before);
  });

  it('applies a late sighting in time order: the same map as when it came in on time', async () => {
    forgetMaps();
    const a = (await open(jounin, { movingKmh: 2 })).json();
    const b = (await open(jounin, { movingKmh: 2 })).json();
    const postA = (await post(`/api/sar/operations/${a.id}/sensor-posts`, { name: 'Western command post', x: -25, y: 0, rangeKm: 15, hitProbability: 0.8, falseAlarm: 0.02 }, jounin)).json();
    const postB = (await post(`/api/sar/operations/${b.id}/sensor-posts`, { name: 'Western command post', x: -25, y: 0, rangeKm: 15, hitProbability: 0.8, falseAlarm: 0.02 }, jounin)).json();
    const bearing = (sp: string) => ({ kind: 'bearing', at: '2026-11-24T19:00:00Z', sensorPost: sp, bearing: 270, sigmaDeg: 10, hitProbability: 0.8, falseAlarm: 0.02, reporter: lee, note: 'chakra approaching, heading west' });
    const silent = (sp: string) => ({ kind: 'silent', at: '2026-11-24T23:00:00Z', sensorPost: sp, note: 'lost him' });
    const seen = { kind: 'position', at: '2026-11-24T16:00:00Z', x: -3, y: -1, radiusKm: 1, hitProbability: 0.7, falseAlarm: 0.05, note: 'seen near the arroyo' };
    // A: in time order. B: the bearing (19:00) comes in after the silence (23:00), the map asked for in between.
    for (const body of [seen, bearing(postA.id), silent(postA.id)]) expect((await post(`/api/sar/operations/${a.id}/sightings`, body, jounin)).statusCode).toBe(201);
    for (const body of [seen, silent(postB.id)]) expect((await post(`/api/sar/operations/${b.id}/sightings`, body, jounin)).statusCode).toBe(201);
    const at = '2026-11-25T02:00:00Z';
    const beforeLate = (await get(`/api/sar/operations/${b.id}/map?at=${at}`, genin)).json();
    const late = await post(`/api/sar/operations/${b.id}/sightings`, bearing(postB.id), jounin);
    expect(late.statusCode).toBe(201);
    expect(late.json()).toMatchObject({ kind: 'bearing', sensorPost: postB.id, bearing: 270, reporter: { id: lee, name: 'Rock Lee' }, recordedAt: NOW.toISOString() });
    const mapA = (await get(`/api/sar/operations/${a.id}/map?at=${at}`, genin)).json();
    const mapB = (await get(`/api/sar/operations/${b.id}/map?at=${at}`, genin)).json();
    expect(mapB.p).toBe(mapA.p);
    expect(mapB.restOfWorld).toBe(mapA.restOfWorld);
    expect(mapB.p).not.toBe(beforeLate.p);
    expect(mapB.steps.map((x: any) => x.kind)).toEqual(['prior', 'motion', 'sighting', 'motion', 'sighting', 'motion', 'sighting', 'motion']);
    expect(mapB.steps.filter((x: any) => x.kind === 'sighting').map((x: any) => x.at)).toEqual(['2026-11-24T16:00:00.000Z', '2026-11-24T19:00:00.000Z', '2026-11-24T23:00:00.000Z']);
    // The ledger of a cell ends at the map's value there.
    const cell = (await get(`/api/sar/operations/${b.id}/cells?x=-30&y=0.2&at=${at}`, genin)).json();
    expect(cell.ledger[0].kind).toBe('prior');
    const { col, row } = cell.cell;
    expect(cellsOf(mapB)[row * mapB.grid.width + col]).toBeCloseTo(cell.p, 6);
    expect(cell.ledger.at(-1).after).toBeCloseTo(cell.p, 12);
  });

  it('puts more mass west than east of the post after a westward bearing', async () => {
    const o = (await open(jounin)).json();
    const sp = (await post(`/api/sar/operations/${o.id}/sensor-posts`, { name: 'Village watchtower', x: 0, y: 0, rangeKm: 30, hitProbability: 0.9, falseAlarm: 0.02 }, jounin)).json();
    const half = (m: any) => {
      const p = cellsOf(m);
      let west = 0, east = 0;
      for (let i = 0; i < p.length; i++) {
        const x = m.grid.originX + ((i % m.grid.width) + 0.5) * m.grid.cellKm;
        if (x < 0) west += p[i]!; else if (x > 0) east += p[i]!;
      }
      return { west, east };
    };
    const before = half((await get(`/api/sar/operations/${o.id}/map?at=2026-11-24T20:00:00Z`, genin)).json());
    expect((await post(`/api/sar/operations/${o.id}/sightings`, { kind: 'bearing', at: '2026-11-24T18:00:00Z', sensorPost: sp.id, bearing: 270, sigmaDeg: 10, hitProbability: 0.9, falseAlarm: 0.02 }, jounin)).statusCode).toBe(201);
    const after = half((await get(`/api/sar/operations/${o.id}/map?at=2026-11-24T20:00:00Z`, genin)).json());
    // East of the post the likelihood is the false-alarm rate f = 0.02; west of it (all within 9σ = 90°
    // of the bearing) f + (h − f)·exp(−Δ²/2σ²), about 0.02 + 0.88 × 0.14 = 0.14 on average over Δ:
    // west against east moves by about 7 (by terrain and distance, not exactly).
    expect(after.west).toBeGreaterThan(after.east);
    expect(after.west / after.east).toBeGreaterThan(5 * (before.west / before.east));
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const o = (await open(jounin)).json();
    const sp = (await post(`/api/sar/operations/${o.id}/sensor-posts`, { name: 'Post', x: 0, y: 0, rangeKm: 5, hitProbability: 0.8, falseAlarm: 0.01 }, jounin)).json();
    // A subject of their own: a refused opening must not record them missing either.
    const hiker = (await createPerson(s.app.ctx, { givenName: 'Lost', familyName: 'Hiker', rank: 'civilian' })).id;
    const before = await counts();
    const cases: [string, object, string][] = [
      ['/api/sar/operations', { subject: hiker, lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00Z' }, profile: 'shinobiOnFoot', area: { ...area, cellKm: 0.01 } }, 'body.area.cellKm'],
      ['/api/sar/operations', { subject: hiker, lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00Z' }, profile: 'shinobiOnFoot', area: { ...area, cellKm: 30 } }, 'body.area.cellKm'],
      ['/api/sar/operations', { subject: hiker, lastKnown: { x: 0, y: 0, at: '2026-02-30T15:00:00Z' }, profile: 'shinobiOnFoot', area }, 'body.lastKnown.at'],
      ['/api/sar/operations', { subject: hiker, lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00Z' }, profile: 'tourist', area }, 'body.profile'],
      ['/api/sar/operations', { subject: hiker, lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00Z' }, profile: 'child', area: { ...area, maxX: -50 } }, 'body.area.maxX'],
      ['/api/sar/operations', { subject: hiker, lastKnown: { x: 0, y: 0, at: '2099-11-24T15:00:00Z' }, profile: 'child', area }, 'body.lastKnown.at'],
      [`/api/sar/operations/${o.id}/sightings`, { kind: 'position', at: '2026-11-24T16:00:00Z', x: 0, y: 0, radiusKm: 0, hitProbability: 0.8, falseAlarm: 0.05 }, 'body.radiusKm'],
      [`/api/sar/operations/${o.id}/sightings`, { kind: 'position', at: '2026-11-24T16:00:00Z', x: 0, y: 0, radiusKm: 1, hitProbability: 1.5, falseAlarm: 0.05 }, 'body.hitProbability'],
      [`/api/sar/operations/${o.id}/sightings`, { kind: 'position', at: '2026-11-24T16:00:00Z', x: 0, y: 0, radiusKm: 1, hitProbability: 0.8, falseAlarm: 0 }, 'body.falseAlarm'],
      [`/api/sar/operations/${o.id}/sightings`, { kind: 'position', at: '2026-11-24T14:00:00Z', x: 0, y: 0, radiusKm: 1, hitProbability: 0.8, falseAlarm: 0.1 }, 'body.at'],
      [`/api/sar/operations/${o.id}/sightings`, { kind: 'position', at: '2026-11-24T16:00:00Z', x: 0, y: 0, radiusKm: 1, hitProbability: 0.8, falseAlarm: 0.1, reporter: covert }, 'body.reporter'],
      [`/api/sar/operations/${o.id}/sightings`, { kind: 'bearing', at: '2026-11-24T16:00:00Z', sensorPost: sp.id, bearing: 400, sigmaDeg: 5, hitProbability: 0.8, falseAlarm: 0.1 }, 'body.bearing'],
      [`/api/sar/operations/${o.id}/sightings`, { kind: 'bearing', at: '2026-11-24T16:00:00Z', sensorPost: sp.id, bearing: 90, sigmaDeg: 0, hitProbability: 0.8, falseAlarm: 0.1 }, 'body.sigmaDeg'],
      [`/api/sar/operations/${o.id}/sightings`, { kind: 'silent', at: '2026-11-24T16:00:00Z', sensorPost: 'no-such-post' }, 'body.sensorPost'],
      [`/api/sar/operations/${o.id}/sightings`, { kind: 'rumour', at: '2026-11-24T16:00:00Z' }, 'body.kind'],
      [`/api/sar/operations/${o.id}/sensor-posts`, { name: 'Post', x: 0, y: 0, rangeKm: -1, hitProbability: 0.8, falseAlarm: 0.01 }, 'body.rangeKm'],
      [`/api/sar/operations/${o.id}/hazards`, { at: '2026-11-24T16:00:00Z', x: 'west', y: 0, radiusKm: 1, kind: 'scorpion' }, 'body.x'],
    ];
    for (const [url, body, path] of cases) {
      const r = await post(url, body, jounin);
      expect(r.statusCode, `${path}: ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${path}: ${r.body}`).toBeLessThan(500);
      expect(r.json().error.details.map((d: any) => d.path), `${path}: ${r.body}`).toContain(path);
    }
    expect(await counts()).toEqual(before);
    expect(await statusOf(hiker)).toBe('active');
    for (const q of ['at=yesterday', 'at=2026-11-24', 'zzz=1']) expect((await get(`/api/sar/operations/${o.id}/map?${q}`, genin)).statusCode).toBe(400);
    const outside = await get(`/api/sar/operations/${o.id}/cells?x=500&y=0`, genin);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.details[0].path).toBe('query.x');
  });

  it('lets only the roles of the policy write', async () => {
    const o = (await open(jounin)).json();
    expect((await open(genin)).statusCode).toBe(403);
    expect((await post(`/api/sar/operations/${o.id}/hazards`, { at: '2026-11-24T16:00:00Z', x: -50, y: 0, radiusKm: 2, kind: 'scorpion' }, genin)).statusCode).toBe(403);
    const chuunin = await loginAs(s, 'chuunin', 'public');
    const h = await post(`/api/sar/operations/${o.id}/hazards`, { at: '2026-11-24T16:00:00Z', x: -50, y: 0, radiusKm: 2, kind: 'scorpion', note: 'red scorpion' }, chuunin);
    expect(h.statusCode).toBe(201);
    expect(h.json()).toMatchObject({ kind: 'scorpion', x: -50, radiusKm: 2, note: 'red scorpion' });
    expect((await post(`/api/sar/operations/${o.id}/close`, { outcome: 'called_off', at: '2026-11-25T07:00:00Z' }, chuunin)).statusCode).toBe(403);
  });

  it('serves the land', async () => {
    const r = await get('/api/sar/land');
    expect(r.statusCode).toBe(200);
    expect(r.json().features.find((f: any) => f.id === 'bluff')).toMatchObject({ kind: 'bluff', terrain: 'impassable', geometry: { type: 'Polygon' } });
  });

  it('codes an operation opened after 21:00 UTC on 31 December with the village\'s new year: it is 1 January there', async () => {
    now = new Date('2026-12-31T21:30:00Z'); // 00:30 on 1 January 2027 in the village
    const searcher = await loginAs(s, 'jounin', 'restricted');
    const r = await open(searcher, { subject: lee, lastKnown: { x: 0, y: 0, at: '2026-12-31T20:00:00Z', note: 'last seen at the new year\'s bonfire' } });
    expect(r.statusCode, r.body).toBe(201);
    // The first public operation of 2027: its series starts at 1.
    expect(r.json().code).toBe('SAR-2027-0001');
  });
});
