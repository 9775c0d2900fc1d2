// References between registry records, as the kernel's rule says (kernel/references.ts and
// docs/SECURITY.md "References"): a record the caller cannot see answers as an unknown one, in
// paths, bodies and filters, and nothing is written; a referenced record the reader cannot see is
// withheld; a membership shows only with both its ends. Subjects differ by compartment alone.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { DIALECTS, openTestApp } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { buildHttp } from '../../app.ts';
import { listen, type HeardEvents } from '../../kernel/testing/events.ts';
import { createMembership, createOrganization, createPerson, createPost } from './index.ts';

const TS = { classification: 'top_secret' as const, compartments: ['BREACH'] };
const ANBU = { classification: 'secret' as const, compartments: ['ANBU'] };

/** An error answer with the value the caller gave blanked out: hidden and unknown must then be equal. */
const shape = (r: { statusCode: number; body: string }, given: string) => ({ status: r.statusCode, body: r.body.split(given).join('<given>') });

/** What the registry holds, row by row: a refused write must leave it exactly as it was. */
async function registryFingerprint(s: TestServer): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const t of ['registry_person', 'registry_organization', 'registry_post', 'registry_membership', 'registry_revision', 'registry_person_status']) {
    out[t] = await s.app.ctx.db.selectFrom(t).selectAll().orderBy('id').execute();
  }
  return JSON.stringify(out);
}

describe.each(DIALECTS)('references between registry records on %s', (dialect) => {
  let s: TestServer;
  let kazekage: TestSession;
  let clerkSecret: TestSession; // secret, no compartment
  let clerkAnbu: TestSession; // secret + ANBU
  let clerkBreach: TestSession; // top secret + BREACH only
  let genin: TestSession;
  const ids: Record<string, string> = {};
  let bus: HeardEvents;
  const as = (who: TestSession | null) => (who ? who.headers() : {});
  const get = (who: TestSession | null, url: string) => s.http.inject({ url, headers: as(who) });
  const post = (who: TestSession | null, url: string, payload: object) => s.http.inject({ method: 'POST', url, payload, headers: as(who) });

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => new Date('2026-12-01T09:00:00Z') });
    const op = s.app.ctx;
    bus = listen(s.app.ctx.events);
    ids.root = (await createOrganization(op, { code: 'ref-root', name: 'Root office', kind: 'office' })).id;
    ids.ts = (await createOrganization(op, { code: 'ref-breach', name: 'Breach cell', kind: 'cell', parent: 'ref-root', ...TS })).id;
    ids.anbu = (await createOrganization(op, { code: 'ref-anbu', name: 'Anbu cell', kind: 'cell', parent: 'ref-root', ...ANBU })).id;
    ids.tsChild = (await createOrganization(op, { code: 'ref-breach-child', name: 'Public desk of the cell', kind: 'desk', parent: 'ref-breach' })).id;
    ids.tsPost = (await createPost(op, { code: 'ref-breach-post', label: 'Public post in the cell', organization: 'ref-breach' })).id;
    ids.anbuPost = (await createPost(op, { code: 'ref-anbu-post', label: 'Masked adviser', organization: 'ref-root', ...ANBU })).id;
    ids.public = (await createPerson(op, { givenName: 'Open', familyName: 'Member', rank: 'chuunin' })).id;
    ids.quiet = (await createPerson(op, { givenName: 'Quiet', familyName: 'Member', rank: 'chuunin' })).id;
    ids.tsPerson = (await createPerson(op, { givenName: 'Breach', familyName: 'Agent', rank: 'jounin', ...TS })).id;
    ids.anbuPerson = (await createPerson(op, { givenName: 'Masked', familyName: 'Agent', rank: 'anbu', ...ANBU })).id;
    // Public links: to a hidden post and on behalf of a hidden organization; into a hidden unit.
    ids.mAdviser = (await createMembership(op, { person: ids.public!, organization: 'ref-root', post: 'ref-anbu-post', onBehalfOf: 'ref-breach', role: 'adviser' })).id;
    ids.mQuiet = (await createMembership(op, { person: ids.quiet!, organization: 'ref-breach', role: 'member' })).id;
    ids.mTsPerson = (await createMembership(op, { person: ids.tsPerson!, organization: 'ref-root', role: 'liaison' })).id;
    ids.mSecretLink = (await createMembership(op, { person: ids.public!, organization: 'ref-root', role: 'secret link', ...ANBU })).id;
    kazekage = await loginAs(s, 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    clerkSecret = await loginAs(s, 'clerk', 'secret');
    clerkAnbu = await loginAs(s, 'clerk', 'secret', ['ANBU']);
    clerkBreach = await loginAs(s, 'clerk', 'top_secret', ['BREACH']);
    genin = await loginAs(s, 'genin', 'public');
  }, 60_000);
  afterAll(async () => s?.close());

  it('a record named in a path answers 404 alike whether hidden or unknown, by id or by code; compartments alone decide', async () => {
    const cases: { url: (ref: string) => string; hidden: string[]; unknown: string; code: string }[] = [
      { url: (r) => `/api/registry/organizations/${r}`, hidden: [ids.ts!, 'ref-breach'], unknown: 'no-such-unit', code: 'REGISTRY_ORGANIZATION_NOT_FOUND' },
      { url: (r) => `/api/registry/posts/${r}`, hidden: [ids.anbuPost!, 'ref-anbu-post'], unknown: 'no-such-post', code: 'REGISTRY_POST_NOT_FOUND' },
      { url: (r) => `/api/registry/people/${r}`, hidden: [ids.tsPerson!], unknown: '01JZZZZZZZZZZZZZZZZZZZZZZZ', code: 'REGISTRY_PERSON_NOT_FOUND' },
      { url: (r) => `/api/registry/people/${r}/revisions`, hidden: [ids.tsPerson!], unknown: '01JZZZZZZZZZZZZZZZZZZZZZZZ', code: 'REGISTRY_PERSON_NOT_FOUND' },
      { url: (r) => `/api/registry/memberships/${r}`, hidden: [ids.mQuiet!, ids.mSecretLink!], unknown: '01JZZZZZZZZZZZZZZZZZZZZZZZ', code: 'REGISTRY_MEMBERSHIP_NOT_FOUND' },
    ];
    for (const who of [null, genin, clerkSecret]) {
      for (const c of cases) {
        const unknown = await get(who, c.url(c.unknown));
        expect(unknown.statusCode).toBe(404);
        expect(unknown.json().error.code).toBe(c.code);
        for (const h of c.hidden) expect(shape(await get(who, c.url(h)), h), c.url(h)).toEqual(shape(unknown, c.unknown));
      }
    }
    // Compartments alone: secret without ANBU does not see the ANBU post; with ANBU it does; top secret with BREACH only does not.
    expect((await get(clerkSecret, '/api/registry/posts/ref-anbu-post')).statusCode).toBe(404);
    expect((await get(clerkAnbu, '/api/registry/posts/ref-anbu-post')).statusCode).toBe(200);
    expect((await get(clerkBreach, '/api/registry/posts/ref-anbu-post')).statusCode).toBe(404);
    expect((await get(clerkBreach, '/api/registry/organizations/ref-breach')).statusCode).toBe(200);
    expect((await get(clerkAnbu, '/api/registry/organizations/ref-breach')).statusCode).toBe(404);
  });

  it('a filter naming a hidden record answers exactly as one naming an unknown record', async () => {
    const filters = [
      ['/api/registry/people?organization=', 'ref-breach', 'no-such-unit'],
      ['/api/registry/people?organization=', ids.ts!, 'no-such-unit'],
      ['/api/registry/memberships?organization=', 'ref-breach', 'no-such-unit'],
      ['/api/registry/organizations?parent=', 'ref-breach', 'no-such-unit'],
      ['/api/registry/posts?organization=', 'ref-breach', 'no-such-unit'],
      ['/api/registry/memberships?post=', 'ref-anbu-post', 'no-such-post'],
      ['/api/registry/memberships?person=', ids.tsPerson!, '01JZZZZZZZZZZZZZZZZZZZZZZZ'],
    ] as const;
    for (const who of [null, genin, clerkSecret]) {
      for (const [url, hidden, unknown] of filters) {
        const u = await get(who, url + unknown);
        expect(u.statusCode, url + unknown).toBe(404);
        expect(shape(await get(who, url + hidden), hidden), url + hidden).toEqual(shape(u, unknown));
      }
    }
    // The same filters work for whoever may see the record.
    expect((await get(clerkBreach, '/api/registry/posts?organization=ref-breach')).json().items.map((t: any) => t.id)).toEqual([ids.tsPost]);
  });

  it('a write naming a record the writer cannot see is refused as for an unknown one (422), and nothing is written', async () => {
    const writes: { url: string; body: (ref: string) => object; hidden: string; unknown: string; path: string }[] = [
      { url: '/api/registry/posts', body: (r) => ({ label: 'Smuggled post', organization: r }), hidden: 'ref-breach', unknown: 'no-such-unit', path: 'body.organization' },
      { url: '/api/registry/posts', body: (r) => ({ label: 'Smuggled post', organization: r }), hidden: ids.ts!, unknown: 'no-such-unit', path: 'body.organization' },
      { url: '/api/registry/organizations', body: (r) => ({ name: 'Smuggled unit', kind: 'unit', parent: r }), hidden: 'ref-breach', unknown: 'no-such-unit', path: 'body.parent' },
      { url: '/api/registry/memberships', body: (r) => ({ person: r, organization: 'ref-root' }), hidden: ids.tsPerson!, unknown: '01JZZZZZZZZZZZZZZZZZZZZZZZ', path: 'body.person' },
      { url: '/api/registry/memberships', body: (r) => ({ person: ids.public!, organization: r }), hidden: 'ref-breach', unknown: 'no-such-unit', path: 'body.organization' },
      { url: '/api/registry/memberships', body: (r) => ({ person: ids.public!, organization: 'ref-root', post: r }), hidden: 'ref-anbu-post', unknown: 'no-such-post', path: 'body.post' },
      { url: '/api/registry/memberships', body: (r) => ({ person: ids.public!, organization: 'ref-root', onBehalfOf: r }), hidden: 'ref-breach', unknown: 'no-such-unit', path: 'body.onBehalfOf' },
    ];
    for (const w of writes) {
      const before = await registryFingerprint(s);
      const unknown = await post(clerkSecret, w.url, w.body(w.unknown));
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().error.details).toEqual([{ path: w.path, message: expect.stringMatching(/^unknown /) }]);
      const hidden = await post(clerkSecret, w.url, w.body(w.hidden));
      expect(shape(hidden, w.hidden), `${w.url} ${w.path}`).toEqual(shape(unknown, w.unknown));
      expect(await registryFingerprint(s)).toBe(before);
    }
    // Compartments alone: the ANBU clerk may name the ANBU post, the secret clerk without ANBU may not.
    expect((await post(clerkAnbu, '/api/registry/memberships', { person: ids.public!, organization: 'ref-root', post: 'ref-anbu-post', classification: 'secret', compartments: ['ANBU'] })).statusCode).toBe(201);
    expect((await post(clerkBreach, '/api/registry/posts', { label: 'A post for the cell', organization: 'ref-breach', ...TS })).statusCode).toBe(201);
    expect((await post(clerkBreach, '/api/registry/memberships', { person: ids.public!, organization: 'ref-root', post: 'ref-anbu-post' })).statusCode).toBe(422);
  });

  it('relabelling by code works like by id; a hidden one by code is 404 as unknown; a refusal by code is audited', async () => {
    const code = (await createOrganization(s.app.ctx, { code: 'ref-relabel', name: 'Relabelled unit', kind: 'unit' })).id;
    const byCode = await post(clerkAnbu, '/api/registry/organizations/ref-relabel/label', { classification: 'restricted', compartments: [], reason: 'by code' });
    expect(byCode.statusCode).toBe(200);
    expect(byCode.json()).toMatchObject({ id: code, label: { classification: 'restricted' } });
    expect((await post(clerkAnbu, '/api/registry/posts/ref-anbu-post/label', { ...ANBU, reason: 'same again, by code' })).statusCode).toBe(200);
    const unknown = await post(clerkSecret, '/api/registry/organizations/no-such-unit/label', { ...ANBU, reason: 'probe' });
    expect(unknown.statusCode).toBe(404);
    expect(shape(await post(clerkSecret, '/api/registry/organizations/ref-breach/label', { ...ANBU, reason: 'probe' }), 'ref-breach')).toEqual(shape(unknown, 'no-such-unit'));
    const open = (await createOrganization(s.app.ctx, { code: 'ref-relabel-open', name: 'Open unit', kind: 'unit' })).id;
    const refused = await post(genin, '/api/registry/organizations/ref-relabel-open/label', { classification: 'restricted', compartments: [], reason: 'not mine' });
    expect(refused.statusCode).toBe(403);
    const audit = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'outcome', 'object_id', 'actor']).where('action', '=', 'registry.relabel').where('outcome', '=', 'denied').execute();
    expect(audit.some((a) => a.object_id === open && a.actor === `user:${genin.username}`)).toBe(true);
  });

  it('shows a referenced record only to a reader who may see it, and { withheld: true } otherwise', async () => {
    for (const [who, seesBreach, seesAnbu] of [[null, false, false], [clerkSecret, false, false], [clerkAnbu, false, true], [clerkBreach, true, false], [kazekage, true, true]] as const) {
      const posts = (await get(who, '/api/registry/posts?limit=1000')).json().items;
      const tsPost = posts.find((t: any) => t.id === ids.tsPost);
      expect(tsPost.organizationId).toEqual(seesBreach ? ids.ts : { withheld: true });
      expect(tsPost.organizationName).toEqual(seesBreach ? 'Breach cell' : { withheld: true });
      const orgs = (await get(who, '/api/registry/organizations?limit=1000')).json().items;
      expect(orgs.find((o: any) => o.id === ids.tsChild).parentId).toEqual(seesBreach ? ids.ts : { withheld: true });
      const person = (await get(who, `/api/registry/people/${ids.public}`)).json();
      const adviser = person.memberships.find((m: any) => m.id === ids.mAdviser);
      expect(adviser.post).toEqual(seesAnbu ? { id: ids.anbuPost, code: 'ref-anbu-post', label: 'Masked adviser' } : { withheld: true });
      expect(adviser.onBehalfOf).toEqual(seesBreach ? { id: ids.ts, name: 'Breach cell' } : { withheld: true });
      const root = (await get(who, '/api/registry/organizations/ref-root')).json();
      expect(root.members.find((m: any) => m.id === ids.mAdviser).post).toEqual(seesAnbu ? expect.objectContaining({ id: ids.anbuPost }) : { withheld: true });
      // The export names no hidden record at all, not even by id.
      const popolo = JSON.stringify((await get(who, '/api/registry/popolo')).json());
      for (const id of ['ts', 'tsPerson', 'mQuiet']) expect(popolo.includes(ids[id]!), id).toBe(seesBreach);
      for (const id of ['anbuPost', 'anbu', 'anbuPerson', 'mSecretLink']) expect(popolo.includes(ids[id]!), id).toBe(seesAnbu);
      expect(popolo.includes('Masked adviser')).toBe(seesAnbu);
    }
  });

  it('the OpenAPI document declares where { withheld: true } may stand', async () => {
    const doc = (await s.http.inject({ url: '/api/openapi.json' })).json();
    const where = (schema: any, at: string[]): string[] => {
      if (!schema || typeof schema !== 'object') return [];
      const here = (schema.anyOf ?? schema.oneOf ?? []).some((v: any) => v?.properties?.withheld?.const === true || v?.properties?.withheld?.enum?.[0] === true) ? [at.join('.')] : [];
      return [...here, ...Object.entries(schema).flatMap(([k, v]) => where(v, [...at, k]))];
    };
    const posts = JSON.stringify(where(doc.paths['/api/registry/posts'].get.responses['200'], []));
    for (const field of ['organizationId', 'organizationName']) expect(posts).toContain(field);
    const person = JSON.stringify(where(doc.paths['/api/registry/people/{id}'].get.responses['200'], []));
    for (const field of ['post', 'onBehalfOf']) expect(person).toContain(field);
    expect(JSON.stringify(where(doc.paths['/api/registry/organizations'].get.responses['200'], []))).toContain('parentId');
  });

  it('a membership shows only to readers who may see both its ends and itself: lists, counts, facets, person and organization pages, the people search', async () => {
    for (const [who, seesBreach, seesAnbu] of [[null, false, false], [clerkSecret, false, false], [clerkAnbu, false, true], [clerkBreach, true, false], [kazekage, true, true]] as const) {
      const quiet = (await get(who, `/api/registry/people/${ids.quiet}`)).json();
      expect(quiet.memberships.map((m: any) => m.id)).toEqual(seesBreach ? [ids.mQuiet] : []);
      const mine = (await get(who, `/api/registry/memberships?person=${ids.public}&limit=1000`)).json();
      expect(mine.items.some((m: any) => m.id === ids.mSecretLink)).toBe(seesAnbu);
      expect(mine.total).toBe(mine.items.length);
      const root = (await get(who, '/api/registry/organizations/ref-root')).json();
      expect(root.members.some((m: any) => m.id === ids.mTsPerson)).toBe(seesBreach);
      expect(root.members.some((m: any) => m.id === ids.mSecretLink)).toBe(seesAnbu);
      // A public person reached only through a public membership of a hidden unit under the root.
      const search = (await get(who, '/api/registry/people?organization=ref-root&facets=status&limit=100')).json();
      expect(search.items.some((p: any) => p.id === ids.quiet)).toBe(seesBreach);
      expect(search.total).toBe(search.items.length);
      expect(search.facets.status.reduce((n: number, f: any) => n + f.count, 0)).toBe(search.total);
    }
  });

  it('an event and an audit record name only records their label covers: a public membership of a top-secret person is labelled top secret', async () => {
    bus.clear();
    const m = await createMembership(s.app.ctx, { person: ids.tsPerson!, organization: 'ref-anbu', role: 'visitor' });
    const e = await bus.next((x) => x.type === 'registry.membership.created' && x.payload.id === m.id, 'the membership\'s event');
    expect(e.payload.personId).toBe(ids.tsPerson);
    expect(e.label).toEqual({ classification: 'top_secret', compartments: ['ANBU', 'BREACH'] });
    const audit = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['classification', 'compartments']).where('object_id', '=', m.id).executeTakeFirstOrThrow();
    expect(audit.classification).toBe('top_secret');
    // So are the audit records of a public post and a public unit added under a top-secret organization.
    for (const id of [ids.tsPost, ids.tsChild]) {
      const created = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'classification', 'compartments']).where('object_id', '=', id!).where('outcome', '=', 'ok').executeTakeFirstOrThrow();
      expect([created.action, created.classification, typeof created.compartments === 'string' ? JSON.parse(created.compartments) : created.compartments], created.action).toEqual([expect.stringMatching(/create$/), 'top_secret', ['BREACH']]);
    }
  });
});

describe.each(DIALECTS)('hidden and unknown cost the same on %s', (dialect) => {
  let s: TestServer;
  let clock = new Date('2026-12-01T09:00:00Z');
  let statements = 0;
  let genin: TestSession;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const app = await openTestApp(dialect, { now: () => clock });
    // Counts every statement the server runs (Kysely hands each result to its plugins).
    const counter: KyselyPlugin = { transformQuery: (a) => a.node, transformResult: async (a) => (statements++, a.result) };
    app.ctx.db = app.ctx.db.withPlugin(counter);
    const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 }, { validateResponses: true });
    await http.ready();
    s = { app, http, close: async () => { await http.close(); await app.drop(); } };
    ids.person = (await createPerson(app.ctx, { givenName: 'Hidden', rank: 'anbu', ...ANBU })).id;
    ids.org = (await createOrganization(app.ctx, { code: 'cost-hidden', name: 'Hidden unit', kind: 'unit', ...TS })).id;
    genin = await loginAs(s, 'genin', 'public');
  }, 60_000);
  afterAll(async () => s?.close());

  const rows = async () => ({
    audit: Number((await s.app.ctx.db.selectFrom('kernel_audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    denied: await s.app.ctx.db.selectFrom('kernel_denied_read').select(['address', 'minute', 'denials']).execute(),
  });
  /** The statements run and the rows written by one request. */
  async function cost(url: string, headers: Record<string, string>) {
    const before = await rows();
    statements = 0;
    const r = await s.http.inject({ url, headers });
    const ran = statements;
    const after = await rows();
    return { status: r.statusCode, ran, audit: after.audit - before.audit, deniedRows: after.denied.length - before.denied.length, denials: after.denied.reduce((n, d) => n + Number(d.denials), 0) - before.denied.reduce((n, d) => n + Number(d.denials), 0) };
  }

  it('a logged-in reader: the same statements and one audit record either way, the hidden one naming who and what', async () => {
    for (const [hidden, unknown] of [[`/api/registry/people/${ids.person}`, '/api/registry/people/01JZZZZZZZZZZZZZZZZZZZZZZZ'], ['/api/registry/organizations/cost-hidden', '/api/registry/organizations/cost-nothing'], ['/api/registry/people?organization=cost-hidden', '/api/registry/people?organization=cost-nothing']]) {
      const h = await cost(hidden!, genin.headers());
      const u = await cost(unknown!, genin.headers());
      expect(h).toEqual(u);
      expect(h).toMatchObject({ status: 404, audit: 1, deniedRows: 0 });
    }
    const denied = await s.app.ctx.db.selectFrom('kernel_audit_log').selectAll().where('object_id', '=', ids.person!).where('outcome', '=', 'denied').execute();
    expect(denied.map((d) => [d.action, d.actor, d.classification])).toEqual([['registry.person.read', `user:${genin.username}`, 'secret']]);
  });

  it('an anonymous reader: the same statements either way, and about one write per address and minute, never an audit record', async () => {
    const auditBefore = (await rows()).audit;
    // The first refusal of an address in a minute writes its counter row, hidden or unknown alike…
    clock = new Date('2026-12-01T09:01:00Z');
    const h = await cost(`/api/registry/people/${ids.person}`, {});
    clock = new Date('2026-12-01T09:02:00Z');
    const u = await cost('/api/registry/people/01JZZZZZZZZZZZZZZZZZZZZZZZ', {});
    expect(h).toEqual(u);
    expect(h).toMatchObject({ status: 404, audit: 0, deniedRows: 1, denials: 1 });
    // …later ones in that minute write nothing, hidden or unknown alike.
    const h2 = await cost('/api/registry/organizations/cost-hidden', {});
    const u2 = await cost('/api/registry/organizations/cost-nothing', {});
    expect(h2).toEqual(u2);
    expect(h2).toMatchObject({ status: 404, audit: 0, deniedRows: 0, denials: 0 });
    for (let i = 0; i < 20; i++) await s.http.inject({ url: i % 2 ? '/api/registry/organizations/cost-hidden' : '/api/registry/organizations/cost-nothing' });
    // The minute's count is added once it is over.
    clock = new Date('2026-12-01T09:03:00Z');
    await s.http.inject({ url: '/api/registry/people/01JZZZZZZZZZZZZZZZZZZZZZZZ' });
    const { denied, audit } = await rows();
    expect(denied.map((d) => [d.minute, Number(d.denials)]).sort()).toEqual([['2026-12-01T09:01', 1], ['2026-12-01T09:02', 23], ['2026-12-01T09:03', 1]]);
    expect(new Set(denied.map((d) => d.address))).toEqual(new Set(['127.0.0.1']));
    expect(audit).toBe(auditBefore);
  });
});
