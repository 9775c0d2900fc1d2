// Sessions across servers sharing one database: an ended session is refused everywhere at once,
// however the ending was done (logout on another server, an account disabled from the console).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../testing/dialects.ts';
import { openTestServer, loginAs, type TestServer } from '../testing/http.ts';
import { openApp, buildHttp, type App } from '../../app.ts';
import { disableAccount } from './accounts.ts';
import { transact } from '../context.ts';
import { openEventStream, until } from '../testing/sse.ts';

describe.each(DIALECTS)('sessions on two servers (%s)', (dialect) => {
  let a: TestServer;
  let b: { app: App; http: FastifyInstance };
  beforeAll(async () => {
    a = await openTestServer(dialect);
    const app = await openApp({ databaseUrl: a.app.databaseUrl, dbPath: a.app.dbPath });
    b = { app, http: await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 }, { validateResponses: true }) };
  });
  afterAll(async () => {
    await b?.http.close();
    await b?.app.close();
    await a?.close();
  });
  const me = async (http: FastifyInstance, cookie: string) => (await http.inject({ url: '/api/auth/me', headers: { cookie } })).json().user?.username ?? null;

  it('a logout on server A ends the session on server B with the very next request', async () => {
    const s = await loginAs(a, 'clerk', 'secret');
    expect(await me(b.http, s.cookie)).toBe(s.username);
    expect(await me(b.http, s.cookie)).toBe(s.username); // asked twice: the second may be answered from memory
    const out = await a.http.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers() });
    expect(out.statusCode).toBe(204);
    expect(await me(b.http, s.cookie)).toBeNull();
    expect(await me(a.http, s.cookie)).toBeNull();
  });

  it('disabling an account from the console ends its sessions on every server', async () => {
    const s = await loginAs(a, 'jounin', 'restricted');
    expect(await me(a.http, s.cookie)).toBe(s.username);
    expect(await me(b.http, s.cookie)).toBe(s.username);
    // The console is yet another connection to the database.
    const consoleApp = await openApp({ databaseUrl: a.app.databaseUrl, dbPath: a.app.dbPath });
    await disableAccount({ ...consoleApp.ctx, actor: { kind: 'local', username: 'operator' } }, s.username);
    await consoleApp.close();
    expect(await me(a.http, s.cookie)).toBeNull();
    expect(await me(b.http, s.cookie)).toBeNull();
  });

  it('an event stream ends when the session it was opened with ends, and hears nothing after', async () => {
    await b.http.listen({ port: 0, host: '127.0.0.1' });
    await b.app.ctx.events.ready();
    const s = await loginAs(a, 'clerk', 'secret');
    const stream = openEventStream((b.http.server.address() as { port: number }).port, { cookie: s.cookie });
    const announce = (what: string) => transact(b.app.ctx, async (tx) => tx.emit(`test.${what}`, {}));
    try {
      await until(() => stream.connected());
      await announce('before');
      await until(() => stream.events.some((e) => e.type === 'test.before'));
      expect((await a.http.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers() })).statusCode).toBe(204);
      await announce('after');
      await until(() => stream.ended());
      expect(stream.events.map((e) => e.type)).toEqual(['test.before']);
    } finally {
      stream.close();
    }
  });
});
