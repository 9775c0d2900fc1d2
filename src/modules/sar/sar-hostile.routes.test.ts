// What an outside attack on the SAR routes found, each now refused or kept apart, on both databases:
// GPX files with a DOCTYPE, with absurd nesting or thousands of segments (422, nothing written);
// maps asked for the future (422); a moving subject whose wandering would cost minutes a map (422
// at opening); a classified search showing through the subject's registry status; closing as found
// turning a deserter or a person on leave "active"; a search for someone recorded dead; a close
// dated before the last report.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { createPerson, getPerson, recordStatus } from '../registry/index.ts';
import { openOperation, createTeam } from './index.ts';
import { MAX_GPX_SEGMENTS } from './sar-teams.service.ts';

const NOW = '2026-11-23T12:00:00.000Z';
const AREA = { minX: -20, minY: -20, maxX: 20, maxY: 20, cellKm: 0.5 };
const LKP = { x: 0, y: 0, at: '2026-11-22T10:00:00Z' };

describe.each(DIALECTS)('SAR under attack on %s', (dialect) => {
  let s: TestServer;
  let clerk: TestSession;   // top secret, ANBU and BREACH
  let genin: TestSession;   // public
  let op: { id: string; code: string };
  let person: (given: string, status?: 'medical_leave' | 'missing_nin' | 'deceased') => Promise<string>;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => new Date(NOW) });
    const ctx = s.app.ctx;
    person = async (given, status) => {
      const id = (await createPerson(ctx, { givenName: given, rank: 'jounin' })).id;
      if (status) await recordStatus(ctx, id, { status, since: NOW.slice(0, 10), reason: 'before the search' });
      return id;
    };
    op = await openOperation(ctx, { subject: await person('Target'), profile: 'shinobiOnFoot', lastKnown: LKP, area: AREA });
    await createTeam(ctx, op.id, { name: 'Walkers', speedKmh: 4, sweepWidthKm: 0.2 });
    clerk = await loginAs(s, 'clerk', 'top_secret', ['ANBU', 'BREACH']);
    genin = await loginAs(s, 'genin', 'public', []);
  }, 60_000);
  afterAll(async () => s?.close());

  const count = async (t: string) => Number((await s.app.ctx.db.selectFrom(t).select(s.app.ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const gpx = (body: string) => s.http.inject({ method: 'POST', url: `/api/sar/operations/${op.id}/tracks/gpx?team=Walkers`, payload: body, headers: clerk.headers({ 'content-type': 'application/gpx+xml' }) });
  const pt = (i: number) => `<trkpt lat="${(24.5 + i * 1e-4).toFixed(5)}" lon="31.00000"><time>2026-11-22T1${1 + (i % 8)}:00:00Z</time></trkpt>`;

  it('a GPX file with a DOCTYPE is refused before it is read (an entity could name a file)', async () => {
    const before = await count('sar_track');
    const r = await gpx(`<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<gpx version="1.1"><trk><trkseg>${pt(0)}${pt(1)}</trkseg></trk></gpx>`);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'SAR_GPX_INVALID', details: [expect.objectContaining({ path: 'body', line: 2 })] });
    expect(r.json().error.message).toMatch(/DOCTYPE/);
    expect(await count('sar_track')).toBe(before);
  });

  it('a GPX file nested beyond reason is refused as unreadable, not a server fault', async () => {
    const deep = '<a>'.repeat(20_000) + '</a>'.repeat(20_000);
    const r = await gpx(`<?xml version="1.0"?>\n<gpx version="1.1"><extensions>${deep}</extensions><trk><trkseg>${pt(0)}</trkseg></trk></gpx>`);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.code).toBe('SAR_GPX_INVALID');
  });

  it(`more than ${MAX_GPX_SEGMENTS} segments in one upload are refused, and nothing is written`, async () => {
    const before = await count('sar_track');
    const segs = Array.from({ length: MAX_GPX_SEGMENTS + 1 }, (_, i) => `<trkseg>${pt(i)}</trkseg>`).join('');
    const r = await gpx(`<?xml version="1.0"?>\n<gpx version="1.1"><trk>${segs}</trk></gpx>`);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.message).toMatch(new RegExp(`${MAX_GPX_SEGMENTS + 1} track segments`));
    expect(await count('sar_track')).toBe(before);
    // At the limit it is taken.
    const ok = await gpx(`<?xml version="1.0"?>\n<gpx version="1.1"><trk>${Array.from({ length: 3 }, (_, i) => `<trkseg>${pt(i)}${pt(i + 1)}</trkseg>`).join('')}</trk></gpx>`);
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a big GPX file reports the right line for a bad point far down (the line index)', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => pt(i));
    lines[4321] = '<trkpt lat="95" lon="31"/>';
    const r = await gpx(`<?xml version="1.0"?>\n<gpx version="1.1"><trk><trkseg>\n${lines.join('\n')}\n</trkseg></trk></gpx>`);
    expect(r.statusCode, r.body).toBe(422);
    // Line 1 the declaration, line 2 the opening tags, then point k on line k + 3.
    expect(r.json().error.details[0]).toMatchObject({ line: 4321 + 3 });
  });

  it('a map of the future is refused naming the instant, for anyone', async () => {
    for (const who of [clerk, genin]) {
      for (const path of ['map', 'plan', 'geojson']) {
        const r = await s.http.inject({ url: `/api/sar/operations/${op.id}/${path}?at=2026-12-25T00:00:00Z`, headers: who.headers() });
        if (r.statusCode === 403) continue; // a genin may not read operations at all
        expect(r.statusCode, `${path}: ${r.body}`).toBe(422);
        expect(r.json().error.details[0].path).toBe('query.at');
      }
    }
    const cell = await s.http.inject({ url: `/api/sar/operations/${op.id}/cells?x=0&y=0&at=2026-12-25T00:00:00Z`, headers: clerk.headers() });
    expect(cell.statusCode).toBe(422);
  });

  it('a moving subject whose day of wandering would cost minutes per map is refused at opening, saying what to change', async () => {
    const r = await s.http.inject({
      method: 'POST', url: '/api/sar/operations', headers: clerk.headers(),
      payload: { subject: await person('Runner'), profile: 'shinobiOnFoot', lastKnown: LKP, movingKmh: 10, area: { minX: -50, minY: -50, maxX: 50, maxY: 50, cellKm: 0.1 } },
    });
    expect(r.statusCode, r.body).toBe(400);
    const d = r.json().error.details.find((x: { path: string }) => x.path === 'body.movingKmh');
    // 10 km/h on 0.1 km cells: 100 steps an hour, 2,400 a day, over 1,000,000 cells.
    expect(d.message).toMatch(/2,400 steps .* over 1,000,000 cells/);
    expect(d.message).toMatch(/cells of at least/);
    // The same subject on 1 km cells: 10 steps an hour, 240 a day over 10,000 cells: taken.
    const ok = await s.http.inject({
      method: 'POST', url: '/api/sar/operations', headers: clerk.headers(),
      payload: { subject: await person('Walker'), profile: 'shinobiOnFoot', lastKnown: LKP, movingKmh: 10, area: { minX: -50, minY: -50, maxX: 50, maxY: 50, cellKm: 1 } },
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a classified search does not show through the subject\'s public registry status', async () => {
    const subject = await person('Ayame');
    const secret = await openOperation(s.app.ctx, { subject, profile: 'shinobiOnFoot', lastKnown: LKP, area: AREA, classification: 'secret', compartments: ['ANBU'] });
    const shown = await getPerson(s.app.ctx, subject);
    expect(shown.status).toMatchObject({ status: 'missing', reason: 'reported missing' });
    expect(JSON.stringify(shown)).not.toContain(secret.code);
    // A public search names itself: the person's status may say which search.
    const pub = await openOperation(s.app.ctx, { subject: await person('Botan'), profile: 'shinobiOnFoot', lastKnown: LKP, area: AREA });
    const p = await getPerson(s.app.ctx, (await s.app.ctx.db.selectFrom('sar_operation').select('subject_id').where('id', '=', pub.id).executeTakeFirstOrThrow()).subject_id);
    expect(p.status?.reason).toContain(pub.code);
  });

  it('closing as found gives back the status from before the search; no search for the dead; no close before the last report', async () => {
    for (const before of ['missing_nin', 'medical_leave'] as const) {
      const subject = await person(`Held-${before}`, before);
      const o = await openOperation(s.app.ctx, { subject, profile: 'shinobiOnFoot', lastKnown: LKP, area: AREA });
      expect((await getPerson(s.app.ctx, subject)).status?.status).toBe('missing');
      const r = await s.http.inject({ method: 'POST', url: `/api/sar/operations/${o.id}/close`, headers: clerk.headers(), payload: { outcome: 'found', at: '2026-11-23T06:00:00Z' } });
      expect(r.statusCode, r.body).toBe(200);
      expect((await getPerson(s.app.ctx, subject)).status?.status).toBe(before);
    }
    const dead = await s.http.inject({ method: 'POST', url: '/api/sar/operations', headers: clerk.headers(), payload: { subject: await person('Gone', 'deceased'), profile: 'shinobiOnFoot', lastKnown: LKP, area: AREA } });
    expect(dead.statusCode, dead.body).toBe(422);
    expect(dead.json().error.details[0].path).toBe('body.subject');

    const o = await openOperation(s.app.ctx, { subject: await person('Late'), profile: 'shinobiOnFoot', lastKnown: LKP, area: AREA });
    const seen = await s.http.inject({ method: 'POST', url: `/api/sar/operations/${o.id}/sightings`, headers: clerk.headers(), payload: { kind: 'position', at: '2026-11-22T15:00:00Z', x: 1, y: 1, radiusKm: 1, hitProbability: 0.7, falseAlarm: 0.05 } });
    expect(seen.statusCode, seen.body).toBe(201);
    const early = await s.http.inject({ method: 'POST', url: `/api/sar/operations/${o.id}/close`, headers: clerk.headers(), payload: { outcome: 'found', at: '2026-11-22T12:00:00Z' } });
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json().error.details[0].path).toBe('body.at');
    expect((await s.http.inject({ url: `/api/sar/operations/${o.id}`, headers: clerk.headers() })).json().status).toBe('active');
  });
});
