// GET /api/legislature/search over HTTP on both databases: the contract's shape (responses are
// validated against the documented schema here), 400s that name the parameter, and what an
// anonymous caller sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { replaceSearchDocs } from './search-index.ts';

describe.each(DIALECTS)('GET /api/legislature/search on %s', (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => new Date('2026-12-01T09:00:00Z') });
    const base = { titleNumber: 14, validFrom: '2001-01-01', validTo: null, repealedOn: null, latest: true };
    await replaceSearchDocs(s.app.ctx.db, 'statute', 's1', [{ ...base, versionId: 'v1', code: '14-203', heading: 'Acting Kazekage', body: '(1) The acting Kazekage holds the office.\n(2) The council is told.', label: { classification: 'public', compartments: [] } }]);
    await replaceSearchDocs(s.app.ctx.db, 'statute', 's2', [{ ...base, versionId: 'v2', code: '14-204', heading: 'Kazekage guard', body: '(1) The ANBU guard the Kazekage.', label: { classification: 'secret', compartments: ['ANBU'] } }]);
  });
  afterAll(async () => s.close());
  const get = (url: string) => s.http.inject({ method: 'GET', url });

  it('answers the contract', async () => {
    const r = await get('/api/legislature/search?q=acting%20kazekage');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      items: [{ kind: 'statute', code: '14-203', heading: 'Acting Kazekage', titleNumber: 14, snippet: '(1) The acting Kazekage holds the office. (2) The council is told.',
        highlights: [[8, 14], [15, 23]], validFrom: '2001-01-01', validTo: null, status: 'in_force', url: '/statutes/14-203' }],
      total: 1, totalExact: true, query: { text: 'acting kazekage', corrected: null }, jump: null,
    });
    const jump = (await get('/api/legislature/search?q=14-203(2)')).json();
    expect(jump.jump).toEqual({ code: '14-203', eId: 'sec_14-203__subsec_2', url: '/statutes/14-203#sec_14-203__subsec_2' });
    // Hidden from an anonymous caller: neither found, nor counted, nor jumped to.
    expect((await get('/api/legislature/search?q=guard')).json()).toMatchObject({ items: [], total: 0, jump: null });
    expect((await get('/api/legislature/search?q=14-204')).json()).toMatchObject({ total: 0, jump: null });
  });

  it('says "more than" past the horizon of the page (offset + limit + 32), and the OpenAPI document says so', async () => {
    const base = { titleNumber: 15, validFrom: '2001-01-01', validTo: null, repealedOn: null, latest: true, label: { classification: 'public' as const, compartments: [] } };
    // 40 documents hold "tallowmark": a page of 1 counts to 33, a page of 8 to 40.
    for (let i = 0; i < 40; i++) await replaceSearchDocs(s.app.ctx.db, 'statute', `t${i}`, [{ ...base, versionId: `t${i}`, code: `15-${100 + i}`, heading: 'Tallow', body: `(1) The tallowmark ${i}.` }]);
    expect((await get('/api/legislature/search?q=tallowmark&limit=1')).json()).toMatchObject({ total: 33, totalExact: false });
    expect((await get('/api/legislature/search?q=tallowmark&limit=7')).json()).toMatchObject({ total: 39, totalExact: false });
    expect((await get('/api/legislature/search?q=tallowmark&limit=8')).json()).toMatchObject({ total: 40, totalExact: true });
    const answer = (await get('/api/openapi.json')).json().paths['/api/legislature/search'].get.responses['200'].content['application/json'].schema;
    expect(answer.properties.total.description).toContain('offset + limit + 32');
    expect(answer.properties.totalExact.description).toContain('lower bound');
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    for (const [query, name] of [['q=a&limit=101', 'limit'], ['q=a&limit=x', 'limit'], ['q=a&offset=-1', 'offset'], ['q=a&at=2026-13-01', 'at'], ['q=a&kind=minute', 'kind'], ['q=a&title=abc', 'title'], ['q=a&limit=1e2', 'limit'], ['q=a&offset=0x10', 'offset'], ['', 'q'], [`q=${'x'.repeat(501)}`, 'q']] as const) {
      const r = await get(`/api/legislature/search?${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(JSON.stringify(r.json().error), query).toContain(name);
    }
  });

  it('never fails on hostile queries', async () => {
    for (const q of ['"', "'); drop table x; --", 'NEAR(a b)', '%00', '%E2%80%AE', 'a*b*', '-', '((((', '%F0%9F%8F%9C']) {
      const r = await get(`/api/legislature/search?q=${q}`);
      expect(r.statusCode, q).toBeLessThan(500);
    }
  });
});
