// Anonymous callers refused by the policy (401) are counted per address and minute, never an
// audit record each: a prober cannot grow the log request by request (issue 7, finding 4).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../testing/dialects.ts';
import { openTestServer, loginAs, type TestServer } from '../testing/http.ts';

describe.each(DIALECTS)('anonymous refusals on %s', (dialect) => {
  let s: TestServer;
  const now = new Date('2026-11-28T10:00:00Z');
  beforeAll(async () => { s = await openTestServer(dialect, { now: () => now }); });
  afterAll(async () => s?.close());

  const auditCount = async () => Number((await s.app.ctx.db.selectFrom('kernel_audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('writes no audit record for 30 refused anonymous requests, and one counter row for the address and minute', async () => {
    const before = await auditCount();
    for (let i = 0; i < 30; i++) {
      const r = await s.http.inject({ url: '/api/operations/jobs' });
      expect(r.statusCode).toBe(401);
      const w = await s.http.inject({ method: 'POST', url: '/api/registry/organizations', payload: { code: `anon-${i}`, name: 'Nope', kind: 'unit' } });
      expect(w.statusCode).toBe(401);
    }
    expect(await auditCount()).toBe(before);
    const rows = await s.app.ctx.db.selectFrom('kernel_denied_read').selectAll().execute();
    expect(rows.length).toBe(1);
  });

  it('still audits a logged-in caller refused by the policy, by name', async () => {
    const genin = await loginAs(s, 'genin', 'public', []);
    const before = await auditCount();
    const r = await s.http.inject({ url: '/api/operations/jobs', headers: genin.headers() });
    expect(r.statusCode).toBe(403);
    const added = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'outcome', 'actor']).where('seq', '>', before).execute();
    expect(added.some((a) => a.action === 'jobs.read' && a.outcome === 'denied' && String(a.actor).startsWith('user:genin'))).toBe(true);
  });
});
