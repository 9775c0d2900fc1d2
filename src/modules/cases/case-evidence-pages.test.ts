// The case page's evidence, a page at a time, over HTTP on both databases: the page shows the
// first 50 items (in the order they were added) and how many there are; /cases/:ref/evidence
// pages through the rest, its bounds refused at the field; a hidden case is exactly an unknown
// one, and reading either is audited like the case. The page is a kept answer: two readers who
// differ only by compartment (BREACH, ANBU) never get each other's, and any change to the case or
// to a person it names is seen by the next read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';
import { addEvidence, openCase } from './index.ts';

const ITEMS = 120;
const WITHHELD = { withheld: true };

describe.each(DIALECTS)('case evidence pages on %s', (dialect) => {
  let s: TestServer;
  const id: Record<string, string> = {};
  const now = new Date('2026-11-20T09:00:00Z');
  // Kankuro and Hawk hold the same level; only their compartments differ.
  const CAST = [
    ['gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']],
    ['kankuro', 'jounin', 'secret', ['BREACH']],
    ['hawk', 'jounin', 'secret', ['ANBU']],
    ['naruto', 'genin', 'public', []],
  ] as const;
  type Caller = (method: string, url: string, payload?: object, headers?: Record<string, string>) => Promise<Awaited<ReturnType<TestServer['http']['inject']>>>;
  const http: Record<string, Caller> = {};
  let inquest = '';
  /** A secret case with no compartment, both readers see it; its witness and its items' collector is an ANBU person. */
  let shared = '';

  async function as(username: string): Promise<Caller> {
    return (await logIn(s, username, `sand ${username.length} dunes of the 42 winds`)).call;
  }
  const reads = async (caseId: string, actor: string) => Number((await s.app.ctx.db.selectFrom('kernel_audit_log').select((eb) => eb.fn.countAll().as('n'))
    .where('action', '=', 'cases.read').where('object_id', '=', caseId).where('actor', '=', `user:${actor}`).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    for (const [key, role, level, comps] of CAST) {
      id[key] = (await createPerson(op, { givenName: key, rank: 'jounin' })).id;
      await createAccount(op, { username: key, personId: id[key]!, displayName: key, role, clearance: level, compartments: [...comps], password: `sand ${key.length} dunes of the 42 winds` });
      http[key] = await as(key);
    }
    id.masked = (await createPerson(op, { givenName: 'Masked', rank: 'jounin', classification: 'secret', compartments: ['ANBU'] })).id;
    const c = await openCase(op, { kind: 'inquest', title: 'The breach in Snow', classification: 'secret', compartments: ['BREACH'] });
    inquest = c.code;
    // Items collected a minute apart, added in that order: item n is E-n.
    for (let n = 1; n <= ITEMS; n++) {
      await addEvidence(op, c.id, { description: `Item ${n}`, condition: 'sealed', collectedBy: id.kankuro!, collectedAt: new Date(Date.parse('2026-11-14T00:00:00Z') + n * 60_000).toISOString(), collectedWhere: 'the pass' });
    }
    shared = (await openCase(op, { kind: 'investigation', title: 'The man at the gate', classification: 'secret', parties: [{ person: id.masked, role: 'witness' }] })).code;
    await addEvidence(op, shared, { description: 'Mask', condition: 'cracked', collectedBy: id.masked!, collectedAt: '2026-11-15T00:00:00Z', collectedWhere: 'the gate' });
  }, 240_000);
  afterAll(async () => s?.close());

  const code = (n: number) => `${inquest}/E-${String(n).padStart(2, '0')}`;
  const codes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => code(from + i));

  it('shows the first 50 items on the case page, in the order they were added, and how many there are', async () => {
    const r = await http.kankuro!('GET', `/api/cases/cases/${inquest}`);
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json();
    expect(page.evidenceTotal).toBe(ITEMS);
    expect(page.evidence.map((e: any) => e.code)).toEqual(codes(1, 50));
    expect(page.evidence[0]).toMatchObject({ description: 'Item 1', collectedBy: { id: id.kankuro, name: 'kankuro' }, custodian: { id: id.kankuro }, transfers: 0 });
  });

  it('pages through the evidence: the first page, a middle one, the last part, past the end', async () => {
    const get = async (query: string) => {
      const r = await http.kankuro!('GET', `/api/cases/cases/${inquest}/evidence${query}`);
      expect(r.statusCode, r.body).toBe(200);
      const b = r.json();
      expect(b.total).toBe(ITEMS);
      return b.items.map((e: any) => e.code);
    };
    expect(await get('')).toEqual(codes(1, 50));
    expect(await get('?limit=30&offset=45')).toEqual(codes(46, 75));
    expect(await get('?offset=100&limit=50')).toEqual(codes(101, 120));
    expect(await get('?limit=200')).toEqual(codes(1, 120));
    expect(await get('?limit=1&offset=119')).toEqual([code(120)]);
    expect(await get(`?offset=${ITEMS}`)).toEqual([]);
    expect(await get('?offset=5000')).toEqual([]);
    // By id as by code, the same items.
    const caseId = (await http.kankuro!('GET', `/api/cases/cases/${inquest}`)).json().id;
    expect((await http.kankuro!('GET', `/api/cases/cases/${caseId}/evidence?limit=2&offset=60`)).json().items.map((e: any) => e.code)).toEqual(codes(61, 62));
  });

  it('refuses a limit or offset out of bounds at the field, changing nothing', async () => {
    for (const [query, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=ten', 'limit'], ['limit=-1', 'limit'], ['offset=-1', 'offset'], ['offset=1.5', 'offset']] as const) {
      const r = await http.kankuro!('GET', `/api/cases/cases/${inquest}/evidence?${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
      expect(r.json().error.details.map((d: any) => d.path), query).toEqual([`querystring.${field}`]);
    }
    const extra = await http.kankuro!('GET', `/api/cases/cases/${inquest}/evidence?page=2`);
    expect(extra.statusCode).toBe(400);
  });

  it('answers a hidden case exactly as an unknown one, on the page and its evidence, even just after a cleared reader read it', async () => {
    for (const outsider of ['hawk', 'naruto']) {
      for (const path of ['', '/evidence', '/evidence?limit=10&offset=20']) {
        await http.kankuro!('GET', `/api/cases/cases/${inquest}${path}`);
        const hidden = await http[outsider]!('GET', `/api/cases/cases/${inquest}${path}`);
        const unknown = await http[outsider]!('GET', `/api/cases/cases/INQ-2026-999${path}`);
        expect(hidden.statusCode, `${outsider} ${path}`).toBe(404);
        expect(hidden.body.replace(inquest, 'X')).toBe(unknown.body.replace('INQ-2026-999', 'X'));
        expect(hidden.body).not.toContain('Item');
      }
    }
  });

  it('audits every read of a classified case, its page kept or not, and of its evidence pages', async () => {
    const caseId = (await http.gaara!('GET', `/api/cases/cases/${inquest}`)).json().id;
    const before = await reads(caseId, 'kankuro');
    for (let i = 0; i < 3; i++) expect((await http.kankuro!('GET', `/api/cases/cases/${inquest}`)).statusCode).toBe(200);
    expect((await http.kankuro!('GET', `/api/cases/cases/${inquest}/evidence?offset=50`)).statusCode).toBe(200);
    expect(await reads(caseId, 'kankuro')).toBe(before + 4);
    const row = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['classification', 'compartments']).where('action', '=', 'cases.read').where('object_id', '=', caseId).where('actor', '=', 'user:kankuro').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(row.classification).toBe('secret');
    expect(JSON.parse(typeof row.compartments === 'string' ? row.compartments : JSON.stringify(row.compartments))).toEqual(['BREACH']);
  });

  it('never serves one reader\'s kept page to a reader who differs only by compartment', async () => {
    const cache = s.app.ctx.readCache!;
    const hits = cache.hits;
    // In turns, each twice: the second read of each is a kept answer, and each sees only what it may.
    for (let round = 0; round < 2; round++) {
      const seenByHawk = (await http.hawk!('GET', `/api/cases/cases/${shared}`)).json();
      expect(seenByHawk.parties[0].person).toEqual({ id: id.masked, name: 'Masked' });
      expect(seenByHawk.evidence[0].collectedBy).toEqual({ id: id.masked, name: 'Masked' });
      const byKankuro = await http.kankuro!('GET', `/api/cases/cases/${shared}`);
      // The masked party is a link to a person he may not see: not shown, not counted.
      expect(byKankuro.json().parties).toEqual([]);
      expect(byKankuro.json().evidence[0].collectedBy).toEqual(WITHHELD);
      expect(byKankuro.body).not.toContain(id.masked);
      expect(byKankuro.body).not.toContain('Masked');
    }
    expect(cache.hits).toBeGreaterThanOrEqual(hits + 2);
    // The evidence pages show the collector alike.
    expect((await http.kankuro!('GET', `/api/cases/cases/${shared}/evidence`)).json().items[0].collectedBy).toEqual(WITHHELD);
    expect((await http.hawk!('GET', `/api/cases/cases/${shared}/evidence`)).json().items[0].collectedBy).toEqual({ id: id.masked, name: 'Masked' });
  });

  it('sees every change on the next read: evidence added, a person renamed, a link added', async () => {
    const page = async () => (await http.hawk!('GET', `/api/cases/cases/${shared}`)).json();
    const first = await page();
    expect(first.evidenceTotal).toBe(1);
    await page();
    const added = await http.gaara!('POST', `/api/cases/cases/${shared}/evidence`, { description: 'Second mask', condition: 'whole', collectedBy: id.hawk, collectedAt: '2026-11-16T00:00:00Z', collectedWhere: 'the wall' });
    expect(added.statusCode, added.body).toBe(201);
    const second = await page();
    expect(second.evidenceTotal).toBe(2);
    expect(second.evidence.map((e: any) => e.description)).toEqual(['Mask', 'Second mask']);
    // The registry changes a name the page shows: the next page says it.
    const etag = String((await http.gaara!('GET', `/api/registry/people/${id.masked}`)).headers.etag);
    const renamed = await http.gaara!('PATCH', `/api/registry/people/${id.masked}`, { givenName: 'Unmasked' }, { 'if-match': etag });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const third = await page();
    expect(third.parties[0].person).toEqual({ id: id.masked, name: 'Unmasked' });
    expect(third.evidence[0].collectedBy).toEqual({ id: id.masked, name: 'Unmasked' });
    // A link is shown to each reader as they may see it, on a kept page too.
    expect((await http.gaara!('POST', `/api/cases/cases/${shared}/links`, { kind: 'registry.person', ref: id.masked })).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) {
      expect((await page()).links.map((l: any) => l.record.id)).toEqual([id.masked]);
      expect((await http.kankuro!('GET', `/api/cases/cases/${shared}`)).json().links).toEqual([]);
    }
  });
});
