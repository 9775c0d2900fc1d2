// Every route × a covering set of roles and clearances × each label, called over HTTP and compared
// with an oracle written HERE from docs/POLICY.md and docs/SECURITY.md — never from the production
// policy code (allowed, dominates, POLICY, LEVELS), so a bug there cannot agree with itself.
// Modules bring their rows (see kernel/testing/access.ts); a route in the OpenAPI document without
// a row fails the suite.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../testing/http.ts';
import { newId } from '../ids.ts';
import { routeOf, type AccessFixture, type AccessRow, type ModuleAccess } from '../testing/access.ts';

// ---------- the oracle: docs/POLICY.md's table, transcribed by hand ----------

const ROLE_COLUMNS = ['kazekage', 'councillor', 'clerk', 'jounin', 'chuunin', 'genin', 'anbu', 'medic', 'envoy', 'public'] as const;
type OracleRole = (typeof ROLE_COLUMNS)[number];
const EVERYONE = ROLE_COLUMNS.join(' ');
/** action → [roles with a ✔, label-checked]. A test below holds this to POLICY.md's text. */
const TABLE: Record<string, [string, boolean]> = {
  'audit.read': ['kazekage anbu', true],
  'cases.custody': ['kazekage clerk jounin chuunin anbu medic', true],
  'cases.read': ['kazekage councillor clerk jounin chuunin genin anbu medic envoy', true],
  'cases.request.decide': ['kazekage', true],
  'cases.write': ['kazekage clerk jounin anbu', true],
  'auth.account.manage': ['kazekage', false],
  'desk.decide': ['kazekage councillor clerk jounin chuunin genin anbu medic envoy', true],
  'desk.delegate': ['kazekage councillor clerk jounin chuunin genin anbu medic envoy', false],
  'desk.read': ['kazekage councillor clerk jounin chuunin genin anbu medic envoy', true],
  'desk.reports.read': ['kazekage clerk', true],
  'jobs.manage': ['kazekage clerk', true],
  'jobs.read': ['kazekage clerk anbu', true],
  'legislature.akn.import': ['kazekage clerk', true],
  'legislature.bill.advance': ['kazekage clerk', true],
  'legislature.bill.create': ['kazekage councillor clerk', true],
  'legislature.bill.edit': ['kazekage councillor clerk', true],
  'legislature.bill.sign': ['kazekage', true],
  'legislature.read': [EVERYONE, true],
  'legislature.session.manage': ['kazekage clerk', true],
  'legislature.session.take-part': ['councillor', true],
  'legislature.statute.amend': ['kazekage clerk', true],
  'legislature.statute.create': ['kazekage clerk', true],
  'legislature.statute.repeal': ['kazekage clerk', true],
  'legislature.title.create': ['kazekage clerk', false],
  'missions.injury': ['kazekage clerk medic', true],
  'missions.read': ['kazekage councillor clerk jounin chuunin genin anbu medic envoy', true],
  'missions.report.review': ['kazekage clerk', true],
  'missions.report.write': ['kazekage councillor clerk jounin chuunin genin anbu medic envoy', true],
  'missions.write': ['kazekage clerk jounin', true],
  'post.aviary': ['kazekage clerk jounin anbu', true],
  'post.read': ['kazekage councillor clerk jounin chuunin genin anbu medic envoy', true],
  'post.routes.manage': ['kazekage clerk', false],
  'post.send': ['kazekage councillor clerk jounin chuunin genin anbu medic envoy', true],
  'registry.declassify': ['kazekage', true],
  'registry.membership.create': ['kazekage clerk', true],
  'registry.membership.end': ['kazekage clerk', true],
  'registry.organization.create': ['kazekage clerk', true],
  'registry.person.create': ['kazekage clerk', true],
  'registry.person.status': ['kazekage clerk medic', true],
  'registry.person.update': ['kazekage clerk', true],
  'registry.popolo.export': [EVERYONE, true],
  'registry.popolo.import': ['kazekage clerk', false],
  'registry.post.create': ['kazekage clerk', true],
  'registry.read': [EVERYONE, true],
  'registry.relabel': ['kazekage clerk', true],
  'registry.village.create': ['kazekage clerk', false],
  'sar.operation.close': ['kazekage clerk jounin anbu', true],
  'sar.operation.open': ['kazekage clerk jounin anbu', true],
  'sar.read': [EVERYONE, true],
  'sar.report': ['kazekage clerk jounin chuunin anbu medic', true],
};

// ---------- the oracle: SECURITY.md's lattice, written out ----------

/** "public < restricted < secret < top_secret" */
const ORDER = ['public', 'restricted', 'secret', 'top_secret'];
interface OLabel { classification: string; compartments: string[] }
interface OClearance { level: string; compartments: string[] }
/** "Read is allowed only if the clearance dominates the label: level ≥ and compartments ⊇." */
function sees(c: OClearance, l: OLabel): boolean {
  const rank = (x: string) => { const i = ORDER.indexOf(x); if (i < 0) throw new Error(`oracle: unknown level ${x}`); return i; };
  return rank(c.level) >= rank(l.classification) && l.compartments.every((x) => c.compartments.includes(x));
}
const mayDo = (role: OracleRole, action: string): boolean => {
  const row = TABLE[action];
  return !!row && row[0].split(' ').includes(role);
};
/** "A label-checked action also needs the clearance to dominate the record's label." */
const mayDoTo = (s: OSubject, action: string, label: OLabel): boolean => mayDo(s.role, action) && (!TABLE[action]![1] || sees(s.clearance, label));

interface OSubject { role: OracleRole; clearance: OClearance; authenticated: boolean }

// ---------- who and what is tried ----------

const L = (classification: string, ...compartments: string[]): OLabel => ({ classification, compartments });
/** Every level, and labels that differ only by compartment at secret and at top secret. */
const LABELS: OLabel[] = [L('public'), L('restricted'), L('secret'), L('secret', 'ANBU'), L('top_secret', 'BREACH'), L('top_secret', 'ANBU', 'BREACH')];

/**
 * Clearances, most compartments first within a level: a reader with fewer compartments then asks
 * right after one with more, at the same level, so a kept answer filed under a key that forgets
 * compartments is served to the wrong reader and shows.
 */
const C = (level: string, ...compartments: string[]): OClearance => ({ level, compartments });
const FULL_RANGE: OClearance[] = [C('top_secret', 'ANBU', 'BREACH'), C('top_secret', 'BREACH'), C('secret', 'ANBU'), C('secret'), C('restricted'), C('public')];
/**
 * The covering set (not every role × every clearance, to keep the run short): the clerk, who
 * may write, gets every clearance, since what one may create, edit, relabel and name in a write
 * turns on it; the kazekage (the clerk's rights plus declassify and audit.read) a full and a
 * partial clearance; medic and anbu, the only other holders of an action (status, audit.read),
 * pairs that differ only by compartment; the read-only roles, identical in POLICY.md, one
 * clearance each, spread over the range; and the anonymous caller.
 */
const SUBJECT_PLAN: [OracleRole, OClearance[]][] = [
  ['clerk', FULL_RANGE],
  ['kazekage', [C('top_secret', 'ANBU', 'BREACH'), C('secret')]],
  ['medic', [C('secret', 'ANBU'), C('secret')]],
  ['anbu', [C('top_secret', 'ANBU', 'BREACH'), C('top_secret', 'BREACH')]],
  ['councillor', [C('top_secret', 'ANBU', 'BREACH')]],
  ['jounin', [C('secret', 'ANBU')]],
  ['envoy', [C('secret')]],
  ['chuunin', [C('restricted')]],
  ['genin', [C('public')]],
];

const show = (l: { classification?: string; level?: string; compartments: string[] }) => `${l.classification ?? l.level}${l.compartments.length ? '+' + l.compartments.join('+') : ''}`;

// Each module brings its own rows and labelled records (src/modules/<name>/<name>.access.ts).
const MODULES_DIR = path.resolve(import.meta.dirname, '..', '..', 'modules');
const ACCESS: { name: string; access: ModuleAccess }[] = [];
for (const name of fs.readdirSync(MODULES_DIR).sort()) {
  const file = path.join(MODULES_DIR, name, `${name}.access.ts`);
  if (fs.existsSync(file)) ACCESS.push({ name, access: (await import(pathToFileURL(file).href)).access });
}
const ROWS: Record<string, AccessRow> = Object.assign({}, ...ACCESS.map((m) => m.access.routes));

// Kernel routes open to all by design (health, docs, login) are listed as 'open'.
const OPEN = new Set(['GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/auth/me']);

describe('the oracle', () => {
  it("transcribes docs/POLICY.md's table exactly", () => {
    const md = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/POLICY.md'), 'utf8');
    const lines = md.split('\n').filter((l) => l.startsWith('| `'));
    const header = md.split('\n').find((l) => l.startsWith('| action |'))!.split('|').map((c) => c.trim()).filter(Boolean);
    expect(header.slice(1, 1 + ROLE_COLUMNS.length)).toEqual([...ROLE_COLUMNS]);
    expect(header[1 + ROLE_COLUMNS.length]).toBe('label-checked');
    const fromDoc: Record<string, [string, boolean]> = {};
    for (const l of lines) {
      const cells = l.split('|').slice(1, -1).map((c) => c.trim());
      const action = cells[0]!.replace(/`/g, '');
      fromDoc[action] = [ROLE_COLUMNS.filter((_, i) => cells[1 + i] === '✔').join(' '), cells[1 + ROLE_COLUMNS.length] === 'yes'];
    }
    expect(fromDoc).toEqual(TABLE);
  });

  it('owes nothing to the production policy code', () => {
    const own = fs.readFileSync(import.meta.filename, 'utf8');
    const imports = [...own.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.filter((i) => /policy|labels|reader|app\.ts|schema/.test(i!))).toEqual([]);
  });

  it('has dominance as SECURITY.md says it', () => {
    const md = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/SECURITY.md'), 'utf8');
    expect(md).toContain('`public < restricted < secret < top_secret`');
    expect(md).toContain('level ≥ and compartments ⊇');
    expect(sees(C('top_secret', 'BREACH'), L('secret', 'ANBU'))).toBe(false);
    expect(sees(C('secret', 'ANBU'), L('restricted', 'ANBU'))).toBe(true);
    expect(sees(C('secret'), L('secret', 'ANBU'))).toBe(false);
  });
});

describe.each(DIALECTS)('access matrix on %s', (dialect) => {
  let server: TestServer;
  const fixtures: AccessFixture[] = [];
  const sessions: { subject: OSubject; session: TestSession | null; name: string }[] = [];
  let counter = 0;
  let fresh: (label: OLabel) => Promise<AccessFixture>;

  beforeAll(async () => {
    server = await openTestServer(dialect);
    const op = server.app.ctx;
    for (const m of ACCESS) await m.access.setup?.(op);
    const make = async (label: OLabel): Promise<AccessFixture> => {
      const n = ++counter;
      const ids: Record<string, string> = {};
      for (const m of ACCESS) Object.assign(ids, await m.access.fixture?.(op, label as any, n, { ...ids }));
      return { label: label as any, ids };
    };
    for (const l of LABELS) fixtures.push(await make(l));
    fresh = make;
    sessions.push({ subject: { role: 'public', clearance: C('public'), authenticated: false }, session: null, name: 'anonymous' });
    for (const [role, clearances] of SUBJECT_PLAN) {
      for (const c of clearances) {
        sessions.push({ subject: { role, clearance: c, authenticated: true }, session: await loginAs(server, role, c.level as any, c.compartments), name: `${role}/${show(c)}` });
      }
    }
  }, 180_000);
  afterAll(async () => server?.close());

  it('has a row for every route in the OpenAPI document, and every row names an action of POLICY.md', async () => {
    const doc = (await server.http.inject({ url: '/api/openapi.json' })).json();
    const routes = Object.entries<any>(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const covered = new Set(Object.keys(ROWS).map(routeOf));
    expect(routes.filter((r) => !covered.has(r) && !OPEN.has(r))).toEqual([]);
    for (const [key, r] of Object.entries(ROWS)) expect(TABLE[r.action], `${key}: ${r.action}`).toBeDefined();
  });


  /** Module generations: a write to any module's table moves its scope's counter. */
  const generations = async () => JSON.stringify((await sql`select scope, generation from kernel_generation order by scope`.execute(server.app.ctx.db)).rows);
  /** An answer with one string masked out, to compare a hidden record's answer with an unknown one's. */
  const masked = (status: number, body: string, ref: string) => `${status} ${body.split(ref).join('<ref>')}`;

  it('answers every row × subject × label as the oracle says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    const call = (req: { method: string; url: string; payload?: object; headers?: Record<string, string> }, s: (typeof sessions)[number]) =>
      server.http.inject({ method: req.method as any, url: req.url, payload: req.payload, headers: { ...(req.headers ?? {}), ...(s.session ? s.session.headers() : {}) } });
    for (const [key, row] of Object.entries(ROWS)) {
      for (const f of fixtures) {
        const label = f.label as unknown as OLabel;
        for (const s of sessions) {
          const subject = s.subject;
          const canSee = sees(subject.clearance, label);
          const may = mayDo(subject.role, row.action);
          const denied = String(subject.authenticated ? 403 : 401);
          // Cells about a reference to a record the subject may not see.
          const hiddenRefCell = (row.kind === 'reference' || row.kind === 'filter' || row.kind === 'withheld') && may && !canSee;
          const where = `${key} as ${s.name} on ${show(label)}`;
          const before = row.kind === 'reference' && hiddenRefCell ? await generations() : '';
          const req = await row.request(f, () => fresh(label), server.app.ctx);
          const r = await call(req, s);
          checked++;
          let want: string;
          let got = String(r.statusCode);
          const ok2xx = r.statusCode >= 200 && r.statusCode < 300;
          switch (row.kind) {
            case 'read-one':
              want = !may ? denied : canSee ? '200' : '404';
              break;
            case 'read-list':
              want = !may ? denied : `200 ${canSee ? 'with' : 'without'}`;
              if (r.statusCode === 200) got = `200 ${row.contains!(r.json(), f) ? 'with' : 'without'}`;
              break;
            case 'write-existing':
              // "acting on a hidden record is a 404", before any question of permission.
              want = !canSee ? '404' : !may ? denied : '2xx';
              break;
            case 'create':
              want = mayDoTo(subject, row.action, label) ? '2xx' : denied;
              break;
            case 'plain':
              want = may ? '2xx' : denied;
              break;
            case 'private':
              want = may ? '404' : denied;
              break;
            case 'holder':
              want = !canSee ? '404' : !may ? denied : '403';
              break;
            case 'reference':
            case 'filter': {
              want = !may ? denied : canSee ? (row.kind === 'reference' ? '2xx' : '200') : 'as unknown';
              if (want === 'as unknown') {
                const ref = f.ids[row.target!]!;
                const unknownRef = row.target!.endsWith('Code') ? `matrix-nowhere-${newId().toLowerCase()}` : newId();
                const u = await call(await row.request({ ...f, ids: { ...f.ids, [row.target!]: unknownRef } }, () => fresh(label), server.app.ctx), s);
                const same = masked(r.statusCode, r.body, ref) === masked(u.statusCode, u.body, unknownRef);
                got = same ? 'as unknown' : `${r.statusCode} ${r.body.slice(0, 100)} (unknown: ${u.statusCode} ${u.body.slice(0, 100)})`;
                if (row.kind === 'reference' && (u.statusCode !== 422)) got = `unknown answered ${u.statusCode}, not 422`;
                if (row.kind === 'reference' && (await generations()) !== before) got += ' and something was written';
              }
              break;
            }
            case 'withheld': {
              want = !may ? denied : canSee ? '200 shown' : `200 withheld`;
              if (r.statusCode === 200) {
                const leaks = row.hidden!.filter((k) => r.body.includes(JSON.stringify(f.ids[k])));
                if (canSee) got = r.body.includes(JSON.stringify(f.ids[row.hidden![0]!])) ? '200 shown' : '200 not shown to a reader who may see it';
                else got = leaks.length ? `200 showing ${leaks.join(', ')}` : row.marker && !/"withheld":\s*true/.test(r.body) ? '200 without {"withheld":true}' : '200 withheld';
              }
              break;
            }
          }
          if (want === '2xx' && ok2xx) got = '2xx';
          if (got !== want) mismatches.push(`${where}: wanted ${want}, got ${got} ${r.statusCode >= 400 && got === String(r.statusCode) ? r.body.slice(0, 120) : ''}`);
        }
      }
    }
    expect(mismatches.slice(0, 40)).toEqual([]);
    expect(checked).toBe(Object.keys(ROWS).length * LABELS.length * sessions.length);
  }, 600_000);

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
