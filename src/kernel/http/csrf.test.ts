// CSRF on every unsafe route: each POST/PUT/PATCH/DELETE of the OpenAPI document (the auth routes
// included), sent with a live session cookie but without its X-CSRF-Token or with a wrong one, is
// refused and changes nothing at all — every table's full content is compared before and after.
// The same request with the right token then succeeds, so the refusal was the token's doing.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../testing/http.ts';
import type { AccessFixture, AccessRow, ModuleAccess } from '../testing/access.ts';

// Valid requests for each module route come from the modules' access-matrix rows (<name>.access.ts).
const MODULES_DIR = path.resolve(import.meta.dirname, '..', '..', 'modules');
const ACCESS: ModuleAccess[] = [];
for (const name of fs.readdirSync(MODULES_DIR).sort()) {
  const file = path.join(MODULES_DIR, name, `${name}.access.ts`);
  if (fs.existsSync(file)) ACCESS.push((await import(pathToFileURL(file).href)).access);
}
const ROWS: Record<string, AccessRow> = Object.assign({}, ...ACCESS.map((m) => m.routes));
const UNSAFE = ['post', 'put', 'patch', 'delete'];

// No clock moves during the test, so a refused request cannot even refresh a session's idle time.
const clock = new Date('2026-12-01T10:00:00Z');

describe.each(DIALECTS)('CSRF on every unsafe route on %s', (dialect) => {
  let s: TestServer;
  let me: TestSession;
  let other: TestSession;
  /** Sessions per role: a route is sent as a role its action allows (a councillor takes part in a sitting for themself). */
  const sessions = new Map<string, [TestSession, TestSession]>();
  let fixture: AccessFixture;
  let fresh: () => Promise<AccessFixture>;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => clock });
    const op = s.app.ctx;
    for (const m of ACCESS) await m.setup?.(op);
    let n = 0;
    fresh = async () => {
      const ids: Record<string, string> = {};
      n++;
      for (const m of ACCESS) Object.assign(ids, await m.fixture?.(op, { classification: 'public', compartments: [] }, n, { ...ids }));
      return { label: { classification: 'public', compartments: [] }, ids };
    };
    fixture = await fresh();
    for (const role of ['kazekage', 'councillor'] as const) {
      sessions.set(role, [await loginAs(s, role, 'top_secret', ['ANBU', 'BREACH']), await loginAs(s, role, 'top_secret', ['ANBU', 'BREACH'])]);
    }
    [me, other] = sessions.get('kazekage')!;
  }, 60_000);
  afterAll(async () => s?.close());

  /** Every table, every row, every column: a digest per table, so a difference names its table. */
  async function fingerprint(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const t of await s.app.ctx.db.introspection.getTables()) {
      const rows = await s.app.ctx.db.selectFrom(t.name).selectAll().execute();
      const lines = rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k] instanceof Date ? r[k].toISOString() : r[k]]))).sort();
      out[t.name] = `${rows.length}:${crypto.createHash('sha256').update(lines.join('\n')).digest('hex')}`;
    }
    return out;
  }

  const wrongTokens = () => [
    ['no token', undefined],
    ['a random token', crypto.randomBytes(32).toString('base64url')],
    ["another session's token", other.csrfToken],
    ['an empty token', ''],
  ] as const;

  /** Sends the request without the right token in each wrong way; each must be 403 AUTH_CSRF_INVALID and leave every table as it was. */
  async function refusedEveryWay(label: string, req: { method: string; url: string; payload?: object; headers?: Record<string, string> }): Promise<string[]> {
    const problems: string[] = [];
    const before = await fingerprint();
    for (const [how, token] of wrongTokens()) {
      const headers: Record<string, string> = { cookie: me.cookie, ...req.headers };
      if (token !== undefined) headers['x-csrf-token'] = token;
      const r = await s.http.inject({ method: req.method as any, url: req.url, payload: req.payload, headers });
      if (r.statusCode !== 403 || r.json().error?.code !== 'AUTH_CSRF_INVALID') problems.push(`${label} with ${how} → ${r.statusCode} ${r.body.slice(0, 150)}`);
    }
    const after = await fingerprint();
    for (const t of Object.keys({ ...before, ...after })) if (before[t] !== after[t]) problems.push(`${label}: table ${t} changed`);
    return problems;
  }

  it('refuses every unsafe route of the OpenAPI document without the right token, and changes nothing', async () => {
    const doc = (await s.http.inject({ url: '/api/openapi.json' })).json();
    const routes = Object.entries<any>(doc.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => UNSAFE.includes(m)).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes).toEqual(expect.arrayContaining(['PATCH /api/registry/people/{id}', 'POST /api/auth/login', 'POST /api/auth/logout']));
    const problems: string[] = [];
    let tried = 0;
    for (const route of routes.filter((r) => !r.startsWith('POST /api/auth/'))) {
      const row = ROWS[route];
      if (!row) {
        problems.push(`${route}: no row in any <module>.access.ts gives a valid request for it`);
        continue;
      }
      const allowedRoles = s.app.ctx.policy.get(row.action)?.roles ?? [];
      [me, other] = sessions.get(allowedRoles.includes('kazekage') ? 'kazekage' : 'councillor')!;
      const req = await row.request(fixture, fresh, s.app.ctx);
      problems.push(...(await refusedEveryWay(route, req)));
      // The very same request with the right token goes through: what was refused was the token.
      const ok = await s.http.inject({ method: req.method as any, url: req.url, payload: req.payload, headers: me.headers(req.headers) });
      // A private record (a letter) is 404 to everyone but its participants: that answer comes from
      // the handler, past the token check, which is what this needs to show.
      if (row.kind === 'private' && ok.statusCode === 404) { tried++; continue; }
      // So is a step only a record's holder may take (a release of evidence), refused with 403 by the handler.
      if (row.kind === 'holder' && ok.statusCode === 403 && ok.json().error?.code !== 'AUTH_CSRF_INVALID') { tried++; continue; }
      if (ok.statusCode >= 300) problems.push(`${route} with the right token → ${ok.statusCode} ${ok.body.slice(0, 150)} (the request itself is not valid, so this test proves nothing for it)`);
      tried++;
    }
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(10);
  }, 180_000); // every unsafe route twice: 46 s on PostgreSQL on a busy machine, past the 30 s default

  it('refuses logout without the right token: the session lives on', async () => {
    const problems = await refusedEveryWay('POST /api/auth/logout', { method: 'POST', url: '/api/auth/logout' });
    expect(problems).toEqual([]);
    expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie: me.cookie } })).json().user.username).toBe(me.username);
  });

  it('refuses a login made from within a live session without its token, so a cross-site form cannot swap the session', async () => {
    const req = { method: 'POST', url: '/api/auth/login', payload: { username: other.username, password: 'not checked at all' } };
    const problems = await refusedEveryWay('POST /api/auth/login', req);
    expect(problems).toEqual([]);
    // Without a session (or with an ended one) no token exists yet, and login needs none.
    expect((await s.http.inject({ ...req, method: 'POST', headers: { cookie: 'sandstone=not-a-session' } })).statusCode).toBe(401);
  });
});
