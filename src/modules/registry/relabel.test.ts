import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { createPerson } from './index.ts';

describe.each(DIALECTS)('relabelling and declassification on %s', (dialect) => {
  let s: TestServer;
  let clerk: TestSession;
  let kazekage: TestSession;
  let genin: TestSession;
  const label = (who: TestSession, id: string, body: object) => s.http.inject({ method: 'POST', url: `/api/registry/people/${id}/label`, payload: body, headers: who.headers() });
  beforeAll(async () => {
    s = await openTestServer(dialect);
    clerk = await loginAs(s, 'clerk', 'secret', ['ANBU']);
    kazekage = await loginAs(s, 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    genin = await loginAs(s, 'genin', 'public');
  });
  afterAll(async () => s?.close());

  it('a clerk raises a label; the genin then no longer sees the person', async () => {
    const p = await createPerson(s.app.ctx, { givenName: 'Raised', rank: 'anbu' });
    expect((await s.http.inject({ url: `/api/registry/people/${p.id}`, headers: genin.headers() })).statusCode).toBe(200);
    const r = await label(clerk, p.id, { classification: 'secret', compartments: ['ANBU'], reason: 'joined the ANBU' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ declassified: false, label: { classification: 'secret', compartments: ['ANBU'] } });
    expect((await s.http.inject({ url: `/api/registry/people/${p.id}`, headers: genin.headers() })).statusCode).toBe(404);
  });

  it('nobody raises a label above their own clearance', async () => {
    const p = await createPerson(s.app.ctx, { givenName: 'Too high', rank: 'genin' });
    const r = await label(clerk, p.id, { classification: 'top_secret', compartments: [], reason: 'test' });
    expect(r.statusCode).toBe(403);
    // The clerk's role may relabel: what stops them is their clearance, and the answer says so.
    expect(r.json().error.message).toMatch(/^Your clearance \(secret.*\) does not reach that label/);
    const role = await label(genin, p.id, { classification: 'restricted', compartments: [], reason: 'test' });
    expect(role.json().error.message).toMatch(/^Your role does not allow this/);
  });

  it('lowering is declassification: refused to a clerk, done by the Kazekage, audited with the reason', async () => {
    const p = await createPerson(s.app.ctx, { givenName: 'Declassified', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] });
    const refused = await label(clerk, p.id, { classification: 'public', compartments: [], reason: 'retired' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/registry\.declassify/);
    const removeCompartment = await label(clerk, p.id, { classification: 'secret', compartments: [], reason: 'retired' });
    expect(removeCompartment.statusCode).toBe(403);
    const ok = await label(kazekage, p.id, { classification: 'public', compartments: [], reason: 'retired from the ANBU; identity released by the Council' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().declassified).toBe(true);
    expect((await s.http.inject({ url: `/api/registry/people/${p.id}`, headers: genin.headers() })).statusCode).toBe(200);
    const audit = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'outcome', 'detail']).where('object_id', '=', p.id).where('action', '=', 'registry.declassify').execute();
    expect(audit.map((a) => a.outcome).sort()).toEqual(['denied', 'denied', 'ok'].sort());
    expect(JSON.stringify(audit.find((a) => a.outcome === 'ok')!.detail)).toMatch(/identity released/);
  });

  it('needs a reason', async () => {
    const p = await createPerson(s.app.ctx, { givenName: 'Reasonless', rank: 'genin' });
    const r = await label(kazekage, p.id, { classification: 'restricted', compartments: [] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('body.reason');
  });
});
