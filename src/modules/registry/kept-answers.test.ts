// People pages and searches are kept between identical reads (kernel read cache). These tests
// hold it to its promise: never a stale answer, never one reader's answer for another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { openApp, buildHttp, type App } from '../../app.ts';
import { createMembership, createOrganization, createPerson, recordStatus, updatePerson } from './registry.service.ts';

const NOW = new Date('2026-11-25T09:00:00Z');

describe.each(DIALECTS)('kept registry answers on %s', (dialect) => {
  let s: TestServer; // server A, keeping answers
  let other: { app: App; http: FastifyInstance }; // server B on the same database, keeping answers too
  let fresh: { app: App; http: FastifyInstance }; // server C on the same database, keeping nothing
  let clerk: TestSession;
  let genin: TestSession;
  let person: string;
  let secret: string;

  const open = async (readCacheBytes?: number) => {
    const app = await openApp({ databaseUrl: s.app.databaseUrl, dbPath: s.app.dbPath, now: () => NOW, readCacheBytes });
    const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 }, { validateResponses: true });
    return { app, http };
  };
  const versionOf = async (id: string) => Number((await s.app.ctx.db.selectFrom('registry_person').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
  const get = (http: FastifyInstance, url: string, who?: TestSession) => http.inject({ method: 'GET', url, headers: who?.headers() ?? {} });

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => NOW });
    other = await open();
    fresh = await open(0);
    clerk = await loginAs(s, 'clerk', 'secret', ['ANBU']);
    genin = await loginAs(s, 'genin', 'public');
    const ctx = s.app.ctx;
    await createOrganization(ctx, { code: 'kept-guard', name: 'Kept guard', kind: 'unit' });
    await createOrganization(ctx, { code: 'kept-cell', name: 'Kept cell', kind: 'unit', classification: 'secret', compartments: ['ANBU'] });
    person = (await createPerson(ctx, { name: 'Tessa Keptwood', rank: 'chuunin', statusSince: '2026-01-01' })).id;
    secret = (await createPerson(ctx, { name: 'Tomo Keptshade', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] })).id;
    await createMembership(ctx, { person, organization: 'kept-guard', role: 'guard', startDate: '2026-01-01' });
    await createMembership(ctx, { person, organization: 'kept-cell', role: 'liaison', startDate: '2026-02-01', classification: 'secret', compartments: ['ANBU'] });
  });
  afterAll(async () => {
    await other?.http.close();
    await other?.app.close();
    await fresh?.http.close();
    await fresh?.app.close();
    await s?.close();
  });

  it('keeps a repeated read, and sees a change made through another server or by hand at once', async () => {
    const url = `/api/registry/people/${person}`;
    const first = await get(s.http, url);
    const hits = s.app.ctx.readCache!.hits;
    expect((await get(s.http, url)).body).toBe(first.body);
    expect(s.app.ctx.readCache!.hits).toBe(hits + 1);

    await updatePerson(other.app.ctx, person, { summary: 'Changed through server B' }, await versionOf(person));
    const afterB = await get(s.http, url);
    expect(afterB.json().summary).toBe('Changed through server B');
    expect(afterB.headers.etag).toBe('"2"');

    await sql`update registry_person set summary = 'Changed by hand' where id = ${person}`.execute(other.app.ctx.db);
    expect((await get(s.http, url)).json().summary).toBe('Changed by hand');

    await recordStatus(other.app.ctx, person, { status: 'medical_leave', since: '2026-11-20', reason: 'sprain' });
    const found = (await get(s.http, '/api/registry/people?q=keptwood')).json();
    expect(found.items[0].status.status).toBe('medical_leave');
  });

  it('never hands one reader an answer kept for another clearance', async () => {
    const url = `/api/registry/people/${person}`;
    const asClerk = (await get(s.http, url, clerk)).json();
    expect(asClerk.memberships.map((m: any) => m.organization.name).sort()).toEqual(['Kept cell', 'Kept guard']);
    const asGenin = (await get(s.http, url, genin)).json();
    expect(asGenin.memberships.map((m: any) => m.organization.name)).toEqual(['Kept guard']);
    const anonymous = (await get(s.http, url)).json();
    expect(anonymous.memberships.map((m: any) => m.organization.name)).toEqual(['Kept guard']);

    expect((await get(s.http, '/api/registry/people?q=kept', clerk)).json().total).toBe(2);
    expect((await get(s.http, '/api/registry/people?q=kept', genin)).json().total).toBe(1);
    expect((await get(s.http, `/api/registry/people/${secret}`, clerk)).statusCode).toBe(200);
    expect((await get(s.http, `/api/registry/people/${secret}`, genin)).statusCode).toBe(404);
  });

  it('audits a classified read on every request, kept or not', async () => {
    const count = async () => Number((await s.app.ctx.db.selectFrom('kernel_audit_log').select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'registry.person.read').where('object_id', '=', secret).executeTakeFirstOrThrow()).n);
    const before = await count();
    await get(s.http, `/api/registry/people/${secret}`, clerk);
    await get(s.http, `/api/registry/people/${secret}`, clerk);
    expect(await count()).toBe(before + 2);
  });

  it('after any sequence of changes, every kept answer equals a freshly computed one (property)', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('rename' as const), name: fc.constantFrom('Tessa Keptwood', 'Tess Keptwood', 'Tessa Keptwood-Sand') }),
      fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom('active', 'medical_leave', 'missing') as fc.Arbitrary<'active' | 'medical_leave' | 'missing'>, day: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ kind: fc.constant('read' as const), via: fc.constantFrom('A', 'B'), who: fc.constantFrom('anonymous', 'clerk', 'genin'), what: fc.constantFrom('person', 'search', 'asOf') }),
    );
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
      for (const st of steps) {
        if (st.kind === 'rename') await updatePerson(s.app.ctx, person, { name: st.name }, await versionOf(person));
        else if (st.kind === 'status') await recordStatus(s.app.ctx, person, { status: st.status, since: `2026-11-${String(st.day).padStart(2, '0')}` });
        else {
          const who = st.who === 'clerk' ? clerk : st.who === 'genin' ? genin : undefined;
          const url = st.what === 'person' ? `/api/registry/people/${person}` : st.what === 'asOf' ? `/api/registry/people/${person}?asOf=2026-11-10` : '/api/registry/people?q=kept&limit=5';
          const kept = await get(st.via === 'A' ? s.http : other.http, url, who);
          const truth = await get(fresh.http, url, who);
          expect(kept.statusCode).toBe(truth.statusCode);
          expect(kept.json()).toEqual(truth.json());
        }
      }
    }), { numRuns: 25 });
  });
});
