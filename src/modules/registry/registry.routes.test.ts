import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { loadDemoWorld } from '../../world/demo.ts';

describe.each(DIALECTS)('registry HTTP API on %s', (dialect) => {
  let s: TestServer;
  let clerk: TestSession;
  // A clerk cleared for secret/ANBU reads and writes; anonymous reads are tested in the access matrix.
  const get = (url: string) => s.http.inject({ method: 'GET', url, headers: clerk.headers() });
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => s.http.inject({ method: 'POST', url, payload: payload as object, headers: clerk.headers(headers) });
  const patch = (url: string, payload: unknown, headers: Record<string, string> = {}) => s.http.inject({ method: 'PATCH', url, payload: payload as object, headers: clerk.headers(headers) });
  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => new Date('2026-11-25T09:00:00Z') });
    await loadDemoWorld(s.app.ctx);
    clerk = await loginAs(s, 'clerk', 'secret', ['ANBU']);
  });
  afterAll(async () => s?.close());

  it('GET /api/health names the database', async () => {
    const r = await get('/api/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', database: dialect });
  });

  it('searches people and shows Kankuro on administrative leave', async () => {
    const r = await get('/api/registry/people?q=kankuro');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBe(1);
    expect(body.items[0].status.label).toBe('administrative leave');
    const one = await get(`/api/registry/people/${body.items[0].id}`);
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe('"1"');
    // The Snow mission is restricted: Kankuro's page, read by anyone, says only that he was injured on duty.
    expect(one.json().statusHistory[0].reason).toBe('injured on duty');
  });

  it('filters by village, rank, status and organization, with totals', async () => {
    const yuki = (await get('/api/registry/people?village=yuki&status=missing_nin')).json();
    expect(yuki.items.map((p: any) => p.displayName).sort()).toEqual(['Akito', 'Kaede', 'Yuya']);
    const anbu = (await get('/api/registry/people?rank=anbu')).json();
    expect(anbu.total).toBeGreaterThanOrEqual(4);
    const garrison = (await get('/api/registry/people?organization=western-garrison&limit=5')).json();
    expect(garrison.items).toHaveLength(5);
    expect(garrison.total).toBeGreaterThan(20);
  });

  it('counts the matches by status (facets=status); each count is what choosing that status finds, for every reader', async () => {
    const anonymous = (url: string) => s.http.inject({ method: 'GET', url });
    for (const read of [get, anonymous]) {
      for (const filters of ['', 'village=suna', 'village=yuki&status=missing_nin', 'rank=anbu', 'organization=military&asOf=2026-11-20', 'q=ka']) {
        const r = (await read(`/api/registry/people?facets=status&limit=1&${filters}`)).json();
        const withoutStatus = filters.replace(/&?status=[a-z_]+/, '');
        const all = (await read(`/api/registry/people?limit=1&${withoutStatus}`)).json();
        expect(r.facets.status.reduce((n: number, f: any) => n + f.count, 0)).toBe(all.total);
        for (const f of r.facets.status.filter((x: any) => x.status)) {
          expect((await read(`/api/registry/people?limit=1&${withoutStatus}&status=${f.status}`)).json().total).toBe(f.count);
        }
      }
    }
    // Without the parameter, no facets (and no cost).
    expect((await get('/api/registry/people?limit=1')).json().facets).toBeUndefined();
  });

  it('answers who held a post as of a date', async () => {
    const r = (await get('/api/registry/memberships?post=council-seat-7&asOf=2020-06-01')).json();
    expect(r.total).toBe(1);
    const later = (await get('/api/registry/memberships?post=council-seat-7&asOf=2026-11-25')).json();
    expect(later.items[0].person.id).not.toBe(r.items[0].person.id);
  });

  it('shows the western garrison under the military', async () => {
    const r = (await get('/api/registry/organizations/military')).json();
    expect(r.children.map((c: any) => c.name)).toContain('Western garrison');
  });

  it('adds, edits with If-Match, and records a status over HTTP', async () => {
    const created = await post('/api/registry/people', { givenName: 'Hana', familyName: 'Sunahara', rank: 'genin', allegianceVillage: 'suna' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.headers.location).toBe(`/api/registry/people/${id}`);

    const noMatch = await patch(`/api/registry/people/${id}`, { rank: 'chuunin' });
    expect(noMatch.statusCode).toBe(428);
    // The version travels in If-Match only: not in the body, with or without the header.
    for (const headers of [{}, { 'if-match': '"1"' }] as Record<string, string>[]) {
      const inBody = await patch(`/api/registry/people/${id}`, { rank: 'chuunin', expectedVersion: 1 }, headers);
      expect(inBody.statusCode).toBe(400);
      expect(JSON.stringify(inBody.json().error.details)).toContain('expectedVersion');
    }
    // The current version, but weak: If-Match compares strongly, so it never matches and changes nothing.
    const weak = await patch(`/api/registry/people/${id}`, { rank: 'chuunin' }, { 'if-match': 'W/"1"' });
    expect(weak.statusCode).toBe(412);
    expect(weak.json().error).toMatchObject({ code: 'PRECONDITION_WEAK', details: [{ path: 'headers.if-match', message: 'weak ETag' }] });
    expect(weak.json().error.message).toContain('"1" without W/');
    expect((await get(`/api/registry/people/${id}`)).json()).toMatchObject({ rank: 'genin', version: 1 });
    const ok = await patch(`/api/registry/people/${id}`, { rank: 'chuunin' }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await patch(`/api/registry/people/${id}`, { rank: 'jounin' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('REGISTRY_STALE_VERSION');

    const st = await post(`/api/registry/people/${id}/status`, { status: 'medical_leave', since: '2026-11-25', reason: 'scorpion sting' });
    expect(st.statusCode).toBe(201);
    expect(st.json().status.label).toBe('medical leave');
    const revisions = (await get(`/api/registry/people/${id}/revisions`)).json();
    expect(revisions.map((r: any) => r.snapshot.rank)).toEqual(['genin', 'chuunin']);
  });

  it('answers bad input with a coded 4xx that names the field', async () => {
    const r = await post('/api/registry/people', { givenName: 'X', rank: 'genin', birthVillage: 'atlantis' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'REGISTRY_VILLAGE_NOT_FOUND', details: [{ path: 'body.birthVillage' }] });
    const missing = await post('/api/registry/people', { givenName: 'X' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([{ path: 'body.rank', message: 'is required' }]);
    const extra = await post('/api/registry/people', { givenName: 'X', rank: 'genin', favouriteColour: 'red' });
    expect(extra.statusCode).toBe(400);
    const date = await post('/api/registry/memberships', { person: 'p', organization: 'council', startDate: '2026-02-30' });
    expect(date.json().error.details[0].path).toBe('body.startDate');
    const notJson = await s.http.inject({ method: 'POST', url: '/api/registry/people', payload: '{"givenName":', headers: clerk.headers({ 'content-type': 'application/json' }) });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('MALFORMED_BODY');
    const unknown = await get('/api/registry/people/01NOPE');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('REGISTRY_PERSON_NOT_FOUND');
    const route = await get('/api/registry/nothing-here');
    expect(route.statusCode).toBe(404);
    expect(route.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('serves an OpenAPI 3.1 document listing the registry routes', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/registry/people', '/api/registry/people/{id}', '/api/registry/memberships']));
    expect((await get('/api/docs/')).statusCode).toBe(200);
  });

  it('exports Popolo with every person, organization and membership', async () => {
    const doc = (await get('/api/registry/popolo')).json();
    const people = (await get('/api/registry/people?limit=1')).json().total;
    expect(doc.persons).toHaveLength(people);
    expect(doc.organizations.find((o: any) => o.name === 'Western garrison').parent_id).toBe(doc.organizations.find((o: any) => o.name === 'Military').id);
    expect(doc.memberships.length).toBeGreaterThan(100);
  });
});
