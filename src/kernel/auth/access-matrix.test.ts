// Every route × every role × each label, called over HTTP and compared with the policy oracle.
// A route that appears in the OpenAPI document without a row in ROUTES fails the suite.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../testing/http.ts';
import { allowed, ROLES, type Role, type Subject } from './policy.ts';
import { dominates, type Label, type Level } from './labels.ts';
import { POLICY } from '../../app.ts';
import { createPerson, createOrganization, createPost, createMembership, createVillage, getPerson } from '../../modules/registry/index.ts';

const LABELS: Label[] = [
  { classification: 'public', compartments: [] },
  { classification: 'restricted', compartments: [] },
  { classification: 'secret', compartments: ['ANBU'] },
  { classification: 'top_secret', compartments: ['BREACH'] },
];
const CLEARANCES: { level: Level; compartments: string[] }[] = [
  { level: 'public', compartments: [] },
  { level: 'secret', compartments: ['ANBU'] },
  { level: 'top_secret', compartments: ['ANBU', 'BREACH'] },
];

type Kind = 'read-one' | 'read-list' | 'write-existing' | 'create' | 'plain';
interface Fixture { person: string; org: string; post: string; membership: string; label: Label }
interface Row {
  action: string;
  kind: Kind;
  request: (f: Fixture, fresh: () => Promise<Fixture>) => Promise<{ method: string; url: string; payload?: object; headers?: Record<string, string> }>;
  /** For lists: is the labelled object in the answer? */
  contains?: (body: any, f: Fixture) => boolean;
}

// Kernel routes open to all by design (health, docs, login) are listed as 'open'.
const OPEN = new Set(['GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/auth/me']);

let server: TestServer;
let version = async (id: string) => (await getPerson(server.app.ctx, id)).version;

const ROUTES: Record<string, Row> = {
  'GET /api/registry/people': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/people?q=matrix&limit=500' }), contains: (b, f) => b.items.some((p: any) => p.id === f.person) },
  'GET /api/registry/people/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/people/${f.person}` }) },
  'GET /api/registry/people/{id}/revisions': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/people/${f.person}/revisions` }) },
  'POST /api/registry/people': { action: 'registry.person.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/people', payload: { givenName: 'Matrix', rank: 'genin', classification: f.label.classification, compartments: f.label.compartments } }) },
  'PATCH /api/registry/people/{id}': { action: 'registry.person.update', kind: 'write-existing', request: async (f) => ({ method: 'PATCH', url: `/api/registry/people/${f.person}`, payload: { summary: `edited ${Math.random()}` }, headers: { 'if-match': `"${await version(f.person)}"` } }) },
  'POST /api/registry/people/{id}/status': { action: 'registry.person.status', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/people/${f.person}/status`, payload: { status: 'active', since: '2026-11-20' } }) },
  'GET /api/registry/organizations': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/organizations?q=matrix&limit=1000' }), contains: (b, f) => b.items.some((o: any) => o.id === f.org) },
  'GET /api/registry/organizations/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/organizations/${f.org}` }) },
  'POST /api/registry/organizations': { action: 'registry.organization.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/organizations', payload: { name: 'Matrix unit', kind: 'unit', classification: f.label.classification, compartments: f.label.compartments } }) },
  'GET /api/registry/posts': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/posts?limit=1000' }), contains: (b, f) => b.items.some((t: any) => t.id === f.post) },
  'GET /api/registry/posts/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/posts/${f.post}` }) },
  'POST /api/registry/posts': { action: 'registry.post.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/posts', payload: { label: 'Matrix post', organization: 'matrix-public', classification: f.label.classification, compartments: f.label.compartments } }) },
  'GET /api/registry/memberships': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/memberships?organization=matrix-public&limit=1000' }), contains: (b, f) => b.items.some((m: any) => m.id === f.membership) },
  'GET /api/registry/memberships/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/memberships/${f.membership}` }) },
  'POST /api/registry/memberships': { action: 'registry.membership.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/memberships', payload: { person: f.person, organization: 'matrix-public', classification: f.label.classification, compartments: f.label.compartments } }) },
  'POST /api/registry/memberships/{id}/end': { action: 'registry.membership.end', kind: 'write-existing', request: async (_f, fresh) => { const g = await fresh(); return { method: 'POST', url: `/api/registry/memberships/${g.membership}/end`, payload: { endDate: '2026-11-30' } }; } },
  'POST /api/registry/people/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/people/${f.person}/label`, payload: { ...f.label, reason: 'matrix: same label again' } }) },
  'POST /api/registry/organizations/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/organizations/${f.org}/label`, payload: { ...f.label, reason: 'matrix: same label again' } }) },
  'POST /api/registry/posts/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/posts/${f.post}/label`, payload: { ...f.label, reason: 'matrix: same label again' } }) },
  'POST /api/registry/memberships/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/memberships/${f.membership}/label`, payload: { ...f.label, reason: 'matrix: same label again' } }) },
  'GET /api/registry/villages': { action: 'registry.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/registry/villages' }) },
  'POST /api/registry/villages': { action: 'registry.village.create', kind: 'plain', request: async () => ({ method: 'POST', url: '/api/registry/villages', payload: { code: `v-${Math.random().toString(36).slice(2, 10)}`, name: 'Matrix village' } }) },
  'GET /api/registry/popolo': { action: 'registry.popolo.export', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/popolo' }), contains: (b, f) => b.persons.some((p: any) => p.id === f.person) },
  'GET /api/security/audit': { action: 'audit.read', kind: 'read-list', request: async (f) => ({ method: 'GET', url: `/api/security/audit?objectId=${f.person}&action=registry.person.create` }), contains: (b) => b.items.length === 1 },
};

describe.each(DIALECTS)('access matrix on %s', (dialect) => {
  const fixtures: Fixture[] = [];
  const sessions: { subject: Subject; session: TestSession | null; name: string }[] = [];
  let counter = 0;

  beforeAll(async () => {
    server = await openTestServer(dialect);
    const op = server.app.ctx;
    await createVillage(op, { code: 'suna', name: 'Sunagakure' });
    await createOrganization(op, { code: 'matrix-public', name: 'Matrix public unit', kind: 'unit' });
    const publicPerson = await createPerson(op, { givenName: 'Matrix', familyName: 'Public holder', rank: 'genin' });
    const make = async (label: Label): Promise<Fixture> => {
      const n = ++counter;
      const person = await createPerson(op, { givenName: 'Matrix', familyName: `P${n}`, rank: 'genin', ...label, compartments: [...label.compartments] });
      const org = await createOrganization(op, { code: `matrix-${n}`, name: `Matrix unit ${n}`, kind: 'unit', ...label, compartments: [...label.compartments] });
      const post = await createPost(op, { label: `Matrix post ${n}`, organization: 'matrix-public', ...label, compartments: [...label.compartments] });
      const m = await createMembership(op, { person: publicPerson.id, organization: 'matrix-public', role: `m${n}`, ...label, compartments: [...label.compartments] });
      return { person: person.id, org: org.id, post: post.id, membership: m.id, label };
    };
    for (const l of LABELS) fixtures.push(await make(l));
    (globalThis as any).__fresh = make;
    sessions.push({ subject: { role: 'public', clearance: { level: 'public', compartments: [] }, authenticated: false }, session: null, name: 'anonymous' });
    for (const role of ROLES.filter((r) => r !== 'public')) {
      for (const c of CLEARANCES) {
        sessions.push({ subject: { role, clearance: c, authenticated: true }, session: await loginAs(server, role as Role, c.level, c.compartments), name: `${role}/${c.level}${c.compartments.length ? '+' + c.compartments.join('+') : ''}` });
      }
    }
  }, 120_000);
  afterAll(async () => server?.close());

  it('has a row for every route in the OpenAPI document', async () => {
    const doc = (await server.http.inject({ url: '/api/openapi.json' })).json();
    const routes = Object.entries<any>(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const missing = routes.filter((r) => !ROUTES[r] && !OPEN.has(r));
    expect(missing).toEqual([]);
    for (const r of Object.values(ROUTES)) expect(POLICY.has(r.action), r.action).toBe(true);
  });

  it('answers every route × role × label as the oracle says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const [route, row] of Object.entries(ROUTES)) {
      for (const f of fixtures) {
        for (const s of sessions) {
          const req = await row.request(f, () => (globalThis as any).__fresh(f.label));
          const headers = { ...(req.headers ?? {}), ...(s.session ? s.session.headers() : {}) };
          const r = await server.http.inject({ method: req.method as any, url: req.url, payload: req.payload, headers });
          checked++;
          const sees = dominates(s.subject.clearance, f.label);
          const may = allowed(POLICY, s.subject, row.action);
          const deniedStatus = s.subject.authenticated ? 403 : 401;
          let want: string;
          let got = String(r.statusCode);
          switch (row.kind) {
            case 'read-one': want = !may ? String(deniedStatus) : sees ? '200' : '404'; break;
            case 'read-list': {
              want = !may ? String(deniedStatus) : `200 ${sees ? 'with' : 'without'}`;
              if (r.statusCode === 200) got = `200 ${row.contains!(r.json(), f) ? 'with' : 'without'}`;
              break;
            }
            case 'write-existing': want = !sees ? '404' : !may ? String(deniedStatus) : '2xx'; break;
            case 'create': want = allowed(POLICY, s.subject, row.action, f.label) ? '2xx' : String(deniedStatus); break;
            case 'plain': want = may ? '2xx' : String(deniedStatus); break;
          }
          if (want === '2xx' && r.statusCode >= 200 && r.statusCode < 300) got = '2xx';
          if (got !== want) mismatches.push(`${route} as ${s.name} on ${f.label.classification}${f.label.compartments.length ? '+' + f.label.compartments.join('+') : ''}: wanted ${want}, got ${got} ${r.statusCode >= 400 ? r.body.slice(0, 120) : ''}`);
        }
      }
    }
    expect(mismatches.slice(0, 40)).toEqual([]);
    expect(checked).toBe(Object.keys(ROUTES).length * LABELS.length * sessions.length);
  }, 300_000);

  it('hides ANBU identities from anonymous and genin users everywhere, and shows them to the Kazekage', async () => {
    const secret = fixtures.find((f) => f.label.compartments.includes('ANBU'))!;
    const genin = sessions.find((s) => s.name === 'genin/public')!.session!;
    const kazekage = sessions.find((s) => s.name === 'kazekage/top_secret+ANBU+BREACH')!.session!;
    for (const headers of [{}, genin.headers()]) {
      expect((await server.http.inject({ url: `/api/registry/people/${secret.person}`, headers })).statusCode).toBe(404);
      const list = (await server.http.inject({ url: '/api/registry/people?q=matrix&limit=500', headers })).json();
      expect(list.items.some((p: any) => p.id === secret.person)).toBe(false);
      expect(list.total).toBe(list.items.length);
      const popolo = (await server.http.inject({ url: '/api/registry/popolo', headers })).json();
      expect(JSON.stringify(popolo)).not.toContain(secret.person);
      const org = (await server.http.inject({ url: '/api/registry/organizations/matrix-public', headers })).json();
      expect(org.members.some((m: any) => m.id === secret.membership)).toBe(false);
    }
    expect((await server.http.inject({ url: `/api/registry/people/${secret.person}`, headers: kazekage.headers() })).statusCode).toBe(200);
    // Reading it is audited as a classified read; the genin's attempt as a denial.
    const audit = await server.app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'outcome', 'actor']).where('object_id', '=', secret.person).execute();
    expect(audit.some((a) => a.action === 'registry.person.read' && a.outcome === 'ok' && a.actor.startsWith('user:kazekage'))).toBe(true);
    expect(audit.some((a) => a.action === 'registry.person.read' && a.outcome === 'denied' && a.actor.startsWith('user:genin'))).toBe(true);
  });
});
