// Teams, segments and tracks over HTTP, on both databases, with response validation on: the
// contract's shapes, the labels (a secret/ANBU team inside a public operation is hidden from a
// secret/BREACH reader exactly as an unknown one, while the operation stays visible), GPX in and
// back out, and malformed requests answered 4xx without changing anything.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { createPerson } from '../registry/index.ts';
import { listen, type HeardEvents } from '../../kernel/testing/events.ts';
import { toLatLon, toKm, parseGpx, writeGpx } from './sar-gpx.ts';
import { closeOperation, openOperation } from './index.ts';

const NOW = '2026-11-23T12:00:00.000Z';

describe.each(DIALECTS)('/api/sar teams and tracks on %s', (dialect) => {
  let s: TestServer;
  let all: TestSession;       // clerk, top secret, ANBU and BREACH
  let anbu: TestSession;      // jounin, secret, ANBU
  let breach: TestSession;    // jounin, secret, BREACH: differs from `anbu` only by compartment
  let councillor: TestSession;
  let op: { id: string; code: string };
  let closedOp: { id: string; code: string };
  let secretOp: { id: string; code: string };
  let lee: string, kankuro: string, bodyguard: string;
  let bus: HeardEvents;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => new Date(NOW) });
    const ctx = s.app.ctx;
    lee = (await createPerson(ctx, { givenName: 'Lee', familyName: 'Rock', rank: 'jounin' })).id;
    kankuro = (await createPerson(ctx, { givenName: 'Kankuro', rank: 'jounin' })).id;
    bodyguard = (await createPerson(ctx, { givenName: 'Jun', familyName: 'Takeda', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] })).id;
    const subject = (await createPerson(ctx, { givenName: 'Gaara', rank: 'kage' })).id;
    const open = (label: { classification?: 'secret'; compartments?: string[] } = {}) => openOperation(ctx, {
      subject, profile: 'shinobiOnFoot', lastKnown: { x: 0, y: 0, at: '2026-11-22T10:00:00Z' }, area: { minX: -80, minY: -40, maxX: 20, maxY: 40, cellKm: 0.5 }, ...label,
    });
    op = await open();
    closedOp = await open();
    await closeOperation(ctx, closedOp.id, { outcome: 'called_off', at: '2026-11-23T00:00:00Z' });
    secretOp = await open({ classification: 'secret', compartments: ['ANBU'] });
    all = await loginAs(s, 'clerk', 'top_secret', ['ANBU', 'BREACH']);
    anbu = await loginAs(s, 'jounin', 'secret', ['ANBU']);
    breach = await loginAs(s, 'jounin', 'secret', ['BREACH']);
    councillor = await loginAs(s, 'councillor', 'top_secret', ['ANBU', 'BREACH']);
    bus = listen(s.app.ctx.events);
  }, 60_000);
  afterAll(async () => s?.close());

  const get = (url: string, who: TestSession) => s.http.inject({ url, headers: who.headers() });
  const post = (url: string, payload: object | string, who: TestSession, headers: Record<string, string> = {}) =>
    s.http.inject({ method: 'POST', url, payload, headers: who.headers(headers) });
  const base = () => `/api/sar/operations/${op.id}`;
  /** Rows in the tables a write could touch: a refused request must leave them as they were. */
  const counts = async () => {
    const db = s.app.ctx.db;
    const n = async (t: string) => Number((await db.selectFrom(t).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { teams: await n('sar_team'), members: await n('sar_team_member'), tracks: await n('sar_track') };
  };

  it('adds a team of registry people with ninken; members shown by name; the operation announces the change', async () => {
    await bus.settle(s.app.ctx.db);
    const r = await post(`${base()}/teams`, { name: 'Kankuro and Lee', members: [kankuro, lee], ninken: ['Pakkun', 'Bisuke'], speedKmh: 6, sweepWidthKm: 0.4 }, all);
    expect(r.statusCode, r.body).toBe(201);
    const team = r.json();
    expect(team).toMatchObject({ name: 'Kankuro and Lee', ninken: ['Pakkun', 'Bisuke'], speedKmh: 6, sweepWidthKm: 0.4, segment: null, classification: 'public', compartments: [] });
    expect(team.members).toHaveLength(2);
    expect(team.members).toEqual(expect.arrayContaining([{ id: lee, name: 'Lee Rock' }, { id: kankuro, name: 'Kankuro' }]));
    // By code too, and listed.
    const list = await get(`/api/sar/operations/${op.code}/teams`, breach);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((t: any) => t.name)).toContain('Kankuro and Lee');
    await bus.next((e) => e.type === 'sar.operation.changed', 'the operation\'s change');
    expect(bus.events).toEqual([expect.objectContaining({ type: 'sar.operation.changed', payload: { operationId: op.id, kind: 'team', at: NOW } })]);
  });

  it('a secret/ANBU team inside a public operation: its label from its members, hidden from a secret/BREACH reader exactly as an unknown team', async () => {
    const made = await post(`${base()}/teams`, { name: 'Bodyguards', members: [bodyguard], speedKmh: 8, sweepWidthKm: 0.6 }, anbu);
    expect(made.statusCode, made.body).toBe(201);
    const team = made.json();
    expect(team).toMatchObject({ classification: 'secret', compartments: ['ANBU'], members: [{ id: bodyguard, name: 'Jun Takeda' }] });
    // The operation itself is visible to the BREACH reader; the team is not there.
    const seen = await get(`${base()}/teams`, breach);
    expect(seen.statusCode).toBe(200);
    expect(JSON.stringify(seen.json())).not.toContain(team.id);
    expect(seen.body).not.toContain('Bodyguards');
    expect((await get(`${base()}/teams`, anbu)).json().items.map((t: any) => t.id)).toContain(team.id);
    // Its segment: 404 exactly as for a team that does not exist (by id and by name).
    const rect = { minX: -10, minY: -5, maxX: -2, maxY: 3 };
    const before = await counts();
    for (const [hidden, unknown] of [[team.id, '01JZZZZZZZZZZZZZZZZZZZZZZZ'], ['Bodyguards', 'Nobody']] as const) {
      const h = await post(`${base()}/teams/${encodeURIComponent(hidden)}/segment`, rect, breach);
      const u = await post(`${base()}/teams/${encodeURIComponent(unknown)}/segment`, rect, breach);
      expect(h.statusCode).toBe(404);
      expect(h.body.replace(hidden, 'X')).toBe(u.body.replace(unknown, 'X'));
    }
    // A track for it: 422 on body.team, exactly as for an unknown team.
    const track = (t: string) => ({ team: t, startedAt: '2026-11-23T06:00:00Z', endedAt: '2026-11-23T08:00:00Z', points: [{ x: -3, y: 0 }, { x: -4, y: 0 }] });
    const h = await post(`${base()}/tracks`, track('Bodyguards'), breach);
    const u = await post(`${base()}/tracks`, track('Nobody'), breach);
    expect(h.statusCode).toBe(422);
    expect(h.body).toBe(u.body);
    expect(h.json().error.details).toEqual([{ path: 'body.team', message: expect.any(String) }]);
    expect(await counts()).toEqual(before);
    // The ANBU reader may; its track carries the team's label and stays hidden from the BREACH reader.
    const ok = await post(`${base()}/tracks`, track('Bodyguards'), anbu);
    expect(ok.statusCode, ok.body).toBe(201);
    const gpx = await get(`${base()}/tracks.gpx`, breach);
    expect(gpx.statusCode).toBe(200);
    expect(gpx.body).not.toContain('Bodyguards');
    expect(gpx.body).not.toContain(ok.json().id);
    expect((await get(`${base()}/tracks.gpx`, anbu)).body).toContain(ok.json().id);
  });

  it('a member the writer may not see is refused as an unknown person, and nothing is written', async () => {
    const before = await counts();
    const hidden = await post(`${base()}/teams`, { name: 'Probe', members: [lee, bodyguard], speedKmh: 5, sweepWidthKm: 0.3 }, breach);
    const unknown = await post(`${base()}/teams`, { name: 'Probe', members: [lee, '01JZZZZZZZZZZZZZZZZZZZZZZZ'], speedKmh: 5, sweepWidthKm: 0.3 }, breach);
    expect(hidden.statusCode).toBe(422);
    expect(hidden.body.replace(bodyguard, 'X')).toBe(unknown.body.replace('01JZZZZZZZZZZZZZZZZZZZZZZZ', 'X'));
    expect(hidden.json().error.details).toEqual([{ path: 'body.members.1', message: 'unknown person' }]);
    expect(await counts()).toEqual(before);
  });

  it('a hidden operation answers exactly as an unknown one; a closed one takes no more teams or tracks (409)', async () => {
    const body = { name: 'Late team', speedKmh: 5, sweepWidthKm: 0.3 };
    const hidden = await post(`/api/sar/operations/${secretOp.id}/teams`, body, breach);
    const unknown = await post('/api/sar/operations/SAR-2099-0001/teams', body, breach);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('SAR_OPERATION_NOT_FOUND');
    expect(hidden.body.replace(secretOp.id, 'X')).toBe(unknown.body.replace('SAR-2099-0001', 'X'));
    expect((await get(`/api/sar/operations/${secretOp.code}/tracks.gpx`, breach)).statusCode).toBe(404);
    expect((await post(`/api/sar/operations/${secretOp.id}/teams`, body, anbu)).statusCode).toBe(201);
    const closed = await post(`/api/sar/operations/${closedOp.id}/teams`, body, all);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('SAR_OPERATION_CLOSED');
  });

  it('the policy: a councillor reads teams but may not add one (403)', async () => {
    expect((await get(`${base()}/teams`, councillor)).statusCode).toBe(200);
    const r = await post(`${base()}/teams`, { name: 'Council walkers', speedKmh: 3, sweepWidthKm: 0.2 }, councillor);
    expect(r.statusCode).toBe(403);
  });

  it('assigns a segment; refuses one outside the area or upside down, naming the field', async () => {
    const made = (await post(`${base()}/teams`, { name: 'Ninken 1', members: [lee], ninken: ['Akamaru'], speedKmh: 7, sweepWidthKm: 0.5 }, all)).json();
    const r = await post(`${base()}/teams/Ninken%201/segment`, { minX: -20, minY: -6, maxX: -12, maxY: 2 }, all);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id: made.id, segment: { minX: -20, minY: -6, maxX: -12, maxY: 2 }, version: 2 });
    const outside = await post(`${base()}/teams/${made.id}/segment`, { minX: 500, minY: 0, maxX: 510, maxY: 5 }, all);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.message).toMatch(/outside the operation's area/);
    const flipped = await post(`${base()}/teams/${made.id}/segment`, { minX: 0, minY: 0, maxX: -1, maxY: 5 }, all);
    expect(flipped.statusCode).toBe(400);
    expect(flipped.json().error.details).toEqual([expect.objectContaining({ path: 'body.maxX' })]);
  });

  it('records a drawn track with its length and the POS of its search; the operation announces it', async () => {
    await bus.settle(s.app.ctx.db);
    // (−2, 0) → (−5, 4): a 3-4-5 triangle's hypotenuse, 5 km; then 1 km north.
    const r = await post(`${base()}/tracks`, { team: 'Kankuro and Lee', startedAt: '2026-11-23T05:00:00+03:00', endedAt: '2026-11-23T07:30:00+03:00', points: [{ x: -2, y: 0 }, { x: -5, y: 4 }, { x: -5, y: 5 }] }, all);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ startedAt: '2026-11-23T02:00:00.000Z', endedAt: '2026-11-23T04:30:00.000Z', source: 'drawn', points: [{ x: -2, y: 0 }, { x: -5, y: 4 }, { x: -5, y: 5 }] });
    expect(r.json().lengthKm).toBeCloseTo(6, 12);
    // Its search took some of the map's probability, never all of it.
    expect(r.json().pos).toBeGreaterThan(0);
    expect(r.json().pos).toBeLessThan(1);
    await bus.next((e) => e.type === 'sar.operation.changed', 'the operation\'s change');
    expect(bus.events).toEqual([expect.objectContaining({ type: 'sar.operation.changed', payload: { operationId: op.id, kind: 'track', at: NOW } })]);
  });

  it('refuses malformed requests with what is wrong and where, changing nothing', async () => {
    const before = await counts();
    const cases: [string, object | string, number, string?][] = [
      [`${base()}/teams`, { name: '', speedKmh: -1, sweepWidthKm: 0 }, 400, 'body.name'],
      [`${base()}/teams`, { name: 'X', speedKmh: 5, sweepWidthKm: 1, colour: 'red' }, 400],
      [`${base()}/teams`, { name: 'X', speedKmh: 5, sweepWidthKm: 1, members: [lee, lee] }, 400, 'body.members.1'],
      [`${base()}/teams`, { name: 'Kankuro and Lee', speedKmh: 5, sweepWidthKm: 1 }, 409, 'body.name'],
      [`${base()}/teams`, '{"name": "X", ', 400],
      [`${base()}/tracks`, { team: 'Kankuro and Lee', startedAt: 'yesterday', endedAt: '2026-11-23T04:00:00Z', points: [{ x: 0, y: 0 }] }, 400, 'body.startedAt'],
      [`${base()}/tracks`, { team: 'Kankuro and Lee', startedAt: '2026-11-23T04:00:00Z', endedAt: '2026-11-23T03:00:00Z', points: [{ x: 0, y: 0 }] }, 400, 'body.endedAt'],
      [`${base()}/tracks`, { team: 'Kankuro and Lee', startedAt: '2026-11-23T04:00:00Z', endedAt: '2026-11-23T05:00:00Z', points: [] }, 400, 'body.points'],
      [`${base()}/tracks`, { team: 'Kankuro and Lee', startedAt: '2026-11-23T04:00:00Z', endedAt: '2026-11-23T05:00:00Z', points: [{ x: 'west', y: 0 }] }, 400, 'body.points.0.x'],
      // Before the subject was last seen (the fixture's 2026-11-22T10:00Z), and in the future.
      [`${base()}/tracks`, { team: 'Kankuro and Lee', startedAt: '2026-11-21T04:00:00Z', endedAt: '2026-11-21T05:00:00Z', points: [{ x: 0, y: 0 }] }, 422, 'body.endedAt'],
      [`${base()}/tracks`, { team: 'Kankuro and Lee', startedAt: '2026-11-23T04:00:00Z', endedAt: '2026-11-24T05:00:00Z', points: [{ x: 0, y: 0 }] }, 422, 'body.endedAt'],
      [`${base()}/teams/Kankuro%20and%20Lee/segment`, { minX: 'a' }, 400],
    ];
    for (const [url, body, status, path] of cases) {
      const r = typeof body === 'string'
        ? await post(url, body, all, { 'content-type': 'application/json' })
        : await post(url, body, all);
      expect(r.statusCode, `${url} ${JSON.stringify(body)}: ${r.body}`).toBe(status);
      expect(r.json().error.message.length).toBeGreaterThan(10);
      if (path) expect(r.json().error.details.map((d: any) => d.path), r.body).toContain(path);
    }
    expect(await counts()).toEqual(before);
  });

  it('GET geojson: the operation\'s features in km, the hidden team\'s segment and tracks left out for a reader without its compartment', async () => {
    const r = await get(`${base()}/geojson`, all);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/geo\+json/);
    const doc = r.json();
    expect(doc).toMatchObject({ type: 'FeatureCollection', units: 'km', operation: { id: op.id, code: op.code } });
    const kinds = new Set(doc.features.map((f: any) => f.properties.kind));
    for (const k of ['lastKnown', 'segment', 'track', 'cell']) expect(kinds, k).toContain(k);
    expect(doc.features.find((f: any) => f.properties.kind === 'lastKnown').geometry).toEqual({ type: 'Point', coordinates: [0, 0] });
    // The cells hold 90 % of the area's probability (to Float32 precision).
    const cellMass = doc.features.filter((f: any) => f.properties.kind === 'cell').reduce((t: number, f: any) => t + f.properties.p, 0);
    expect(cellMass).toBeCloseTo(doc.cells.mass, 5);
    const bodyguards = (await get(`${base()}/teams`, anbu)).json().items.find((t: any) => t.name === 'Bodyguards');
    expect(r.body).toContain(bodyguards.id);
    const hidden = await get(`${base()}/geojson`, breach);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).not.toContain(bodyguards.id);
    expect(hidden.body).not.toContain('Bodyguards');
    expect((await get(`/api/sar/operations/${secretOp.id}/geojson`, breach)).statusCode).toBe(404);
    expect((await get(`${base()}/geojson?at=tomorrow`, all)).json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'querystring.at' })]));
  });

  describe('GPX', () => {
    const gpxOf = (segments: { lat: number; lon: number; time?: string }[][]) => writeGpx({ creator: 'device', tracks: [{ name: 'walk', segments }] });
    const upload = (text: string, query: string, who = all, type = 'application/gpx+xml') =>
      post(`${base()}/tracks/gpx?${query}`, text, who, { 'content-type': type });

    it('takes a device\'s GPX: one track per segment, km by the projection, times from the points', async () => {
      const a = [toLatLon({ x: -1, y: -1 }), toLatLon({ x: -4, y: -5 })];
      const b = [toLatLon({ x: -6, y: -5 }), toLatLon({ x: -6, y: -8 })];
      const text = gpxOf([
        [{ ...a[0]!, time: '2026-11-23T01:00:00Z' }, { ...a[1]!, time: '2026-11-23T02:00:00Z' }],
        [{ ...b[0]!, time: '2026-11-23T02:30:00Z' }, { ...b[1]! }],
      ]);
      const r = await upload(text, 'team=Kankuro%20and%20Lee');
      expect(r.statusCode, r.body).toBe(201);
      const body = r.json();
      expect(body.tracks).toHaveLength(2);
      expect(body.id).toBe(body.tracks[0].id);
      const [t1, t2] = body.tracks;
      expect(t1).toMatchObject({ source: 'gpx', startedAt: '2026-11-23T01:00:00.000Z', endedAt: '2026-11-23T02:00:00.000Z' });
      // The gap between the segments (from (−4, −5) to (−6, −5)) is not searched: 5 km and 3 km, not 10
      // (to a metre: 7 decimals of a degree round each point to about a centimetre).
      expect(t1.lengthKm).toBeCloseTo(5, 3);
      expect(t2.lengthKm).toBeCloseTo(3, 3);
      expect(t2).toMatchObject({ startedAt: '2026-11-23T02:30:00.000Z', endedAt: '2026-11-23T02:30:00.000Z' });
      expect(t1.points[1].x).toBeCloseTo(-4, 3);
      expect(t1.points[1].y).toBeCloseTo(-5, 3);
    });

    it('a GPX without times takes startedAt and endedAt from the query, and asks for them by name when absent', async () => {
      const text = gpxOf([[toLatLon({ x: 0, y: -1 }), toLatLon({ x: 0, y: -3 })]]);
      const missing = await upload(text, 'team=Kankuro%20and%20Lee');
      expect(missing.statusCode).toBe(422);
      expect(missing.json().error.details).toEqual([expect.objectContaining({ path: 'query.startedAt' })]);
      const r = await upload(text, 'team=Kankuro%20and%20Lee&startedAt=2026-11-23T03:00:00Z&endedAt=2026-11-23T04:00:00Z', all, 'application/xml');
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ startedAt: '2026-11-23T03:00:00.000Z', endedAt: '2026-11-23T04:00:00.000Z' });
      expect(r.json().lengthKm).toBeCloseTo(2, 3);
    });

    it('refuses malformed GPX with its line, and other bodies, writing nothing', async () => {
      const before = await counts();
      const broken = await upload('<?xml version="1.0"?>\n<gpx version="1.1">\n<trk><trkseg>\n<trkpt lat="24.5" lon="31">\n</trkseg></trk></gpx>', 'team=Kankuro%20and%20Lee&startedAt=2026-11-23T03:00:00Z&endedAt=2026-11-23T04:00:00Z');
      expect(broken.statusCode).toBe(422);
      expect(broken.json().error).toMatchObject({ code: 'SAR_GPX_INVALID', details: [expect.objectContaining({ path: 'body', line: 5 })] });
      expect(broken.json().error.message).toMatch(/line 5/);
      expect((await upload('<gpx version="1.1"/>', 'team=Kankuro%20and%20Lee')).statusCode).toBe(422);
      expect((await upload('<kml/>', 'team=Kankuro%20and%20Lee')).json().error.message).toMatch(/not <gpx>/);
      expect((await upload(gpxOf([[toLatLon({ x: 0, y: 0 })]]), 'team=Nobody&startedAt=2026-11-23T03:00:00Z&endedAt=2026-11-23T04:00:00Z')).json().error.details).toEqual([expect.objectContaining({ path: 'query.team' })]);
      expect((await upload(gpxOf([[toLatLon({ x: 0, y: 0 })]]), '')).statusCode).toBe(400);
      expect((await upload('x', 'team=Kankuro%20and%20Lee', all, 'application/octet-stream')).statusCode).toBe(415);
      expect(await counts()).toEqual(before);
    });

    it('tracks.gpx exports every visible track as GPX 1.1 that imports back to the same points and times', async () => {
      const out = await get(`${base()}/tracks.gpx`, all);
      expect(out.statusCode).toBe(200);
      expect(out.headers['content-type']).toMatch(/^application\/gpx\+xml/);
      const doc = parseGpx(out.body);
      expect(doc.version).toBe('1.1');
      const listed = await s.app.ctx.db.selectFrom('sar_track').select('id').where('operation_id', '=', op.id).execute();
      expect(doc.lines).toHaveLength(listed.length);
      // Into a fresh team: every track comes back, points within a metre, same start and end.
      await post(`${base()}/teams`, { name: 'Import check', speedKmh: 5, sweepWidthKm: 0.3 }, all);
      const back = await upload(out.body, 'team=Import%20check');
      expect(back.statusCode, back.body).toBe(201);
      const originals = doc.lines.map((l) => l.segments[0]!);
      expect(back.json().tracks).toHaveLength(originals.length);
      back.json().tracks.forEach((t: any, i: number) => {
        const want = originals[i]!.map((p) => toKm(p));
        expect(t.points).toHaveLength(want.length);
        t.points.forEach((p: any, k: number) => expect(Math.hypot(p.x - want[k]!.x, p.y - want[k]!.y)).toBeLessThan(0.001));
        expect(t.startedAt).toBe(originals[i]![0]!.time);
        expect(t.endedAt).toBe(originals[i]![originals[i]!.length - 1]!.time);
      });
    });
  });
});
