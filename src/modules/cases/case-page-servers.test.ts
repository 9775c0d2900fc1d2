// The case page on two servers sharing one database, read by many requests at once (as the bench
// does): requests of one turn share their session lookup and generation read, yet each is
// answered for its own session, each read is audited, and a logout or a change made on the other
// server is seen by the very next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { openApp, buildHttp, type App } from '../../app.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';
import { addEvidence, openCase } from './index.ts';

describe.each(DIALECTS)('the case page on two servers, requests at once (%s)', (dialect) => {
  let a: TestServer;
  let b: { app: App; http: FastifyInstance };
  let code = '';
  let caseId = '';
  let collector = '';
  beforeAll(async () => {
    a = await openTestServer(dialect);
    const app = await openApp({ databaseUrl: a.app.databaseUrl, dbPath: a.app.dbPath });
    b = { app, http: await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 }, { validateResponses: true }) };
    const op = a.app.ctx;
    // Two readers of the same level who differ only by compartment.
    for (const [username, compartments] of [['breach-reader', ['BREACH']], ['anbu-reader', ['ANBU']]] as const) {
      const person = (await createPerson(op, { givenName: username, rank: 'jounin' })).id;
      await createAccount(op, { username, personId: person, displayName: username, role: 'jounin', clearance: 'secret', compartments: [...compartments], password: `sand ${username.length} dunes of the 42 winds` });
    }
    collector = (await createPerson(op, { givenName: 'Collector', rank: 'chuunin' })).id;
    const c = await openCase(op, { kind: 'inquest', title: 'The breach in Snow', classification: 'secret', compartments: ['BREACH'] });
    code = c.code;
    caseId = c.id;
    await addEvidence(op, c.id, { description: 'Item 1', condition: 'sealed', collectedBy: collector, collectedAt: '2026-11-14T00:00:00Z', collectedWhere: 'the pass' });
  });
  afterAll(async () => {
    await b?.http.close();
    await b?.app.close();
    await a?.close();
  });

  const login = async (http: FastifyInstance, username: string) => {
    const r = await http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: `sand ${username.length} dunes of the 42 winds` } });
    expect(r.statusCode).toBe(200);
    return { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken as string };
  };
  const page = (http: FastifyInstance, cookie: string) => http.inject({ url: `/api/cases/cases/${code}`, headers: { cookie } });
  /** n requests sent in the same turn, as concurrent clients' would be. */
  const burst = (n: number, http: FastifyInstance, cookie: string) => Promise.all(Array.from({ length: n }, () => page(http, cookie)));
  const reads = async (actor: string) => Number((await a.app.ctx.db.selectFrom('kernel_audit_log').select((eb) => eb.fn.countAll().as('n'))
    .where('action', '=', 'cases.read').where('outcome', '=', 'ok').where('object_id', '=', caseId).where('actor', '=', `user:${actor}`).executeTakeFirstOrThrow()).n);

  it('answers each of many requests at once for its own session, and audits every read', async () => {
    const breach = await login(a.http, 'breach-reader');
    const anbu = await login(a.http, 'anbu-reader');
    const before = await reads('breach-reader');
    // Both sessions' requests interleaved in one turn: a shared lookup must never answer one for the other.
    const [mine, theirs] = await Promise.all([burst(8, a.http, breach.cookie), burst(8, a.http, anbu.cookie)]);
    for (const r of mine) expect([r.statusCode, r.json().code]).toEqual([200, code]);
    expect(new Set(mine.map((r) => r.body)).size).toBe(1);
    for (const r of theirs) expect(r.statusCode).toBe(404); // ANBU without BREACH: as an unknown case
    expect(await reads('breach-reader')).toBe(before + 8);
    expect(await reads('anbu-reader')).toBe(0); // their refusals are audited as denied, never as reads
  });

  it('a change made on the other server is seen by the next requests, all of them', async () => {
    const breach = await login(a.http, 'breach-reader');
    const first = await burst(4, a.http, breach.cookie);
    expect(first.map((r) => r.json().evidenceTotal)).toEqual([1, 1, 1, 1]);
    await addEvidence(b.app.ctx, caseId, { description: 'Item 2', condition: 'sealed', collectedBy: collector, collectedAt: '2026-11-15T00:00:00Z', collectedWhere: 'the gate' });
    const next = await burst(4, a.http, breach.cookie);
    expect(next.map((r) => r.json().evidenceTotal)).toEqual([2, 2, 2, 2]);
  });

  it('a logout on the other server ends the session for the very next requests, all of them', async () => {
    const breach = await login(a.http, 'breach-reader');
    expect((await burst(4, a.http, breach.cookie)).map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    // Requests still being answered on A while B ends the session: those sent after the logout must all fail.
    const during = burst(4, a.http, breach.cookie);
    const out = await b.http.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: breach.cookie, 'x-csrf-token': breach.csrf } });
    expect(out.statusCode).toBe(204);
    await during;
    expect((await burst(4, a.http, breach.cookie)).map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);
  });
});
