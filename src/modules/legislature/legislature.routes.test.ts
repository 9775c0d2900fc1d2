// /api/legislature over HTTP, with response validation on: the contract's shapes, ETags and
// If-Match, the 404s with their details, Akoma Ntoso out, and a clerk's writes.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { readAkn, type AknAct } from './akn.ts';
import { importStatutes } from './index.ts';

describe.each(DIALECTS)('/api/legislature on %s', (dialect) => {
  let s: TestServer;
  let clerk: TestSession;
  let genin: TestSession;
  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => new Date('2026-12-01T09:00:00Z') });
    await importStatutes(s.app.ctx, [
      {
        code: '9-105', heading: 'Water rationing', titleNumber: 9, titleHeading: 'Water and greenhouses',
        versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) Water is rationed in drought.' }, { from: '2010-07-01', reason: 'consolidation: Drought Act', markup: '(1) Water is rationed in drought and in siege.' }],
        repealed: { on: '2019-03-01', reason: 'repealed by the Water Act' },
      },
      { code: '9-110', heading: 'Greenhouses', titleNumber: 9, versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) Greenhouses are kept by the village.' }] },
      { code: '5-201', heading: 'Charter of the ANBU', titleNumber: 5, titleHeading: 'Security', label: { classification: 'secret', compartments: ['ANBU'] }, versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) The ANBU exists.' }] },
    ], { source: 'routes test' });
    clerk = await loginAs(s, 'clerk', 'secret', ['ANBU']);
    genin = await loginAs(s, 'genin', 'restricted');
  }, 60_000);
  afterAll(async () => s?.close());

  const get = (url: string, who?: TestSession) => s.http.inject({ url, headers: who ? who.headers() : {} });
  const post = (url: string, payload: object, who: TestSession, headers: Record<string, string> = {}) => s.http.inject({ method: 'POST', url, payload, headers: who.headers(headers) });

  it('GET a statute on a date, with its ETag; the three 404s in the error shape', async () => {
    const r = await get('/api/legislature/statutes/9-105?at=2012-01-01');
    expect(r.statusCode).toBe(200);
    expect(r.headers.etag).toBe('"1"');
    expect(r.json()).toMatchObject({ code: '9-105', at: '2012-01-01', version: { seq: 2 }, titleHeading: 'Water and greenhouses' });
    const repealed = await get('/api/legislature/statutes/9-105');
    expect(repealed.statusCode).toBe(404);
    expect(repealed.json().error).toMatchObject({
      code: 'LEGISLATURE_STATUTE_REPEALED', message: 'Statute 9-105 was repealed on 2019-03-01. Its history: /api/legislature/statutes/9-105/history',
      details: [{ path: 'at', message: expect.any(String) }],
    });
    expect((await get('/api/legislature/statutes/9-105?at=2000-01-01')).json().error.code).toBe('LEGISLATURE_STATUTE_NOT_YET');
    expect((await get('/api/legislature/statutes/99-999')).json().error.code).toBe('LEGISLATURE_STATUTE_NOT_FOUND');
    expect((await get('/api/legislature/statutes/9-105?at=2019-02-30')).statusCode).toBe(400);
  });

  it('a hidden statute answers exactly as an unknown one', async () => {
    const hidden = await get('/api/legislature/statutes/5-201', genin);
    const unknown = await get('/api/legislature/statutes/5-299', genin);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body.replace('5-201', 'X')).toBe(unknown.body.replace('5-299', 'X'));
    expect((await get('/api/legislature/statutes/5-201', clerk)).statusCode).toBe(200);
  });

  it('history, diff, titles and citations in their documented shapes', async () => {
    const h = await get('/api/legislature/statutes/9-105/history');
    expect(h.json().items.map((i: any) => i.kind)).toEqual(['text', 'text', 'repeal']);
    const d = await get('/api/legislature/statutes/9-105/diff?from=2005-01-01&to=2015-01-01');
    expect(d.statusCode).toBe(200);
    expect(d.json().redline.segments.filter((x: any) => x.op === 'insert').map((x: any) => x.text).join('')).toContain('siege');
    const t = await get('/api/legislature/titles?at=2020-01-01');
    expect(t.json().items.map((x: any) => [x.number, x.statutes.map((y: any) => `${y.code}:${y.status}`)])).toEqual([[5, []], [9, ['9-105:repealed', '9-110:in_force']]]);
    const c = await post('/api/legislature/citations/resolve', { text: 'See 9-110(1) and 5-201.', at: '2020-01-01' }, genin);
    expect(c.statusCode).toBe(200);
    expect(c.json().citations.map((x: any) => [x.code, x.status, x.excerpt])).toEqual([['9-110', 'in_force', '(1) Greenhouses are kept by the village.'], ['5-201', 'unknown', null]]);
  });

  it('GET …/akn is an Akoma Ntoso act that reads back to the statute', async () => {
    const r = await get('/api/legislature/statutes/9-110/akn');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/akn\+xml/);
    const back = readAkn(r.body);
    expect(back.ok).toBe(true);
    expect((back as { document: AknAct }).document.statutes[0]).toMatchObject({ code: '9-110', heading: 'Greenhouses', versions: [{ from: '2001-04-01', text: '(1) Greenhouses are kept by the village.' }] });
    // A repealed statute is exported without a date, history and repeal (as the CLI does); on a
    // date it must have been in force.
    const repealed = await get('/api/legislature/statutes/9-105/akn');
    expect(repealed.statusCode).toBe(200);
    expect((readAkn(repealed.body) as { document: AknAct }).document.statutes[0]).toMatchObject({ code: '9-105', repealed: { on: '2019-03-01' } });
    expect((await get('/api/legislature/statutes/9-105/akn?at=2020-01-01')).json().error.code).toBe('LEGISLATURE_STATUTE_REPEALED');
    expect((await get('/api/legislature/statutes/9-105/akn?at=2015-01-01')).statusCode).toBe(200);
  });

  it('a clerk consolidates with If-Match (428 without, 412 stale), the ETag moves; bad markup is 422 naming the line', async () => {
    const url = '/api/legislature/statutes/9-110/versions';
    const body = { validFrom: '2025-01-01', markup: '(1) Greenhouses are kept by the village and its farmers.', reason: 'consolidation: Farms Act' };
    expect((await post(url, body, clerk)).statusCode).toBe(428);
    expect((await post(url, body, clerk, { 'if-match': '"7"' })).statusCode).toBe(412);
    const bad = await post(url, { ...body, markup: '(1) ok\n (a) one space' }, clerk, { 'if-match': '"1"' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([{ path: 'body.markup', message: expect.stringMatching(/^line 2: /) }]);
    const ok = await post(url, body, clerk, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(201);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({ at: '2025-01-01', version: { seq: 2, madeBy: { kind: 'consolidation', reason: 'consolidation: Farms Act' } } });
    expect((await get('/api/legislature/statutes/9-110')).headers.etag).toBe('"2"');
    const rep = await post('/api/legislature/statutes/9-110/repeal', { on: '2026-06-01', reason: 'repealed' }, clerk, { 'if-match': '"2"' });
    expect(rep.statusCode).toBe(200);
    expect(rep.json()).toMatchObject({ repealedOn: '2026-06-01', items: [{ seq: 1 }, { seq: 2, validTo: '2026-06-01' }, { seq: 3, kind: 'repeal' }] });
    expect(rep.headers.etag).toBe('"3"');
  });

  it('a clerk adds a title and a statute; a genin may not', async () => {
    expect((await post('/api/legislature/titles', { number: 12, heading: 'Emergencies' }, clerk)).statusCode).toBe(201);
    const made = await post('/api/legislature/statutes', { code: '12-101', heading: 'Sandstorm warnings', markup: '(1) A warning is sounded.', validFrom: '2026-01-01', reason: 'enacted' }, clerk);
    expect(made.statusCode).toBe(201);
    expect(made.headers.location).toBe('/api/legislature/statutes/12-101');
    expect(made.json()).toMatchObject({ code: '12-101', version: { seq: 1 } });
    expect((await post('/api/legislature/statutes', { code: '12-102', heading: 'x', markup: '(1) x.', validFrom: '2026-01-01', reason: 'x' }, genin)).statusCode).toBe(403);
  });
});
