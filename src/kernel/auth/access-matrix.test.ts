// Every route × every role × each label, called over HTTP and compared with the policy oracle.
// Modules bring their rows (see kernel/testing/access.ts); a route in the OpenAPI document
// without a row fails the suite.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../testing/http.ts';
import { allowed, ROLES, type Role, type Subject } from './policy.ts';
import { dominates, type Label, type Level } from './labels.ts';
import { POLICY } from '../../app.ts';
import type { AccessFixture, AccessRow, ModuleAccess } from '../testing/access.ts';

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

// Each module brings its own rows and labelled records (src/modules/<name>/<name>.access.ts).
const MODULES_DIR = path.resolve(import.meta.dirname, '..', '..', 'modules');
const ACCESS: { name: string; access: ModuleAccess }[] = [];
for (const name of fs.readdirSync(MODULES_DIR).sort()) {
  const file = path.join(MODULES_DIR, name, `${name}.access.ts`);
  if (fs.existsSync(file)) ACCESS.push({ name, access: (await import(pathToFileURL(file).href)).access });
}
const ROUTES: Record<string, AccessRow> = Object.assign({}, ...ACCESS.map((m) => m.access.routes));

// Kernel routes open to all by design (health, docs, login) are listed as 'open'.
const OPEN = new Set(['GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/auth/me']);

let server: TestServer;

describe.each(DIALECTS)('access matrix on %s', (dialect) => {
  const fixtures: AccessFixture[] = [];
  const sessions: { subject: Subject; session: TestSession | null; name: string }[] = [];
  let counter = 0;
  let fresh: (label: Label) => Promise<AccessFixture>;

  beforeAll(async () => {
    server = await openTestServer(dialect);
    const op = server.app.ctx;
    for (const m of ACCESS) await m.access.setup?.(op);
    const make = async (label: Label): Promise<AccessFixture> => {
      const n = ++counter;
      const ids: Record<string, string> = {};
      for (const m of ACCESS) Object.assign(ids, await m.access.fixture?.(op, label, n));
      return { label, ids };
    };
    for (const l of LABELS) fixtures.push(await make(l));
    fresh = make;
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
          const req = await row.request(f, () => fresh(f.label), server.app.ctx);
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
      expect((await server.http.inject({ url: `/api/registry/people/${secret.ids.person}`, headers })).statusCode).toBe(404);
      const list = (await server.http.inject({ url: '/api/registry/people?q=matrix&limit=500', headers })).json();
      expect(list.items.some((p: any) => p.id === secret.ids.person)).toBe(false);
      expect(list.total).toBe(list.items.length);
      const popolo = (await server.http.inject({ url: '/api/registry/popolo', headers })).json();
      expect(JSON.stringify(popolo)).not.toContain(secret.ids.person);
      const org = (await server.http.inject({ url: '/api/registry/organizations/matrix-public', headers })).json();
      expect(org.members.some((m: any) => m.id === secret.ids.membership)).toBe(false);
    }
    expect((await server.http.inject({ url: `/api/registry/people/${secret.ids.person}`, headers: kazekage.headers() })).statusCode).toBe(200);
    // Reading it is audited as a classified read; the genin's attempt as a denial.
    const audit = await server.app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'outcome', 'actor']).where('object_id', '=', secret.ids.person).execute();
    expect(audit.some((a) => a.action === 'registry.person.read' && a.outcome === 'ok' && a.actor.startsWith('user:kazekage'))).toBe(true);
    expect(audit.some((a) => a.action === 'registry.person.read' && a.outcome === 'denied' && a.actor.startsWith('user:genin'))).toBe(true);
  });
});
