// An in-process server over a test database, for route tests (Fastify inject: no sockets).
import type { FastifyInstance } from 'fastify';
import { buildHttp } from '../../app.ts';
import { openTestApp, type TestApp, type TestDialect } from './dialects.ts';
import { createAccount } from '../auth/accounts.ts';
import type { Role } from '../auth/policy.ts';
import type { Level } from '../auth/labels.ts';
import type { Faults } from '../context.ts';

export interface TestServer {
  app: TestApp;
  http: FastifyInstance;
  close(): Promise<void>;
}

export async function openTestServer(dialect: TestDialect, opts: { now?: () => Date; trustProxy?: boolean; faults?: Faults } = {}): Promise<TestServer> {
  const app = await openTestApp(dialect, opts);
  const http = await buildHttp(app, { logLevel: (process.env.TEST_LOG as any) ?? 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576, trustProxy: opts.trustProxy ?? false }, { validateResponses: true });
  await http.ready();
  return {
    app,
    http,
    async close() {
      await http.close();
      await app.drop();
    },
  };
}

/** Listens on a free port of the loopback, for what inject() cannot do (an event stream read as it comes): the port. */
export async function listening(s: Pick<TestServer, 'http'>): Promise<number> {
  await s.http.listen({ port: 0, host: '127.0.0.1' });
  return (s.http.server.address() as { port: number }).port;
}

let accounts = 0;

export interface TestSession {
  username: string;
  cookie: string;
  csrfToken: string;
  /** Headers for a request made in this session: the cookie, and the CSRF token for writes. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

/** A request in a session: the cookie and CSRF token sent, and payload (if any) as JSON. */
export type Caller = (method: string, url: string, payload?: object, headers?: Record<string, string>) => Promise<Awaited<ReturnType<TestServer['http']['inject']>>>;

/** Logs an existing account in over HTTP: its session, and a Caller making requests in it. */
export async function logIn(s: Pick<TestServer, 'http'>, username: string, password: string): Promise<TestSession & { call: Caller }> {
  const r = await s.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  const csrfToken = r.json().csrfToken as string;
  const headers = (extra: Record<string, string> = {}) => ({ cookie, 'x-csrf-token': csrfToken, ...extra });
  const call: Caller = (method, url, payload, extra) => s.http.inject({
    method: method as any, url, headers: headers({ ...(payload ? { 'content-type': 'application/json' } : {}), ...extra }), payload: payload ? JSON.stringify(payload) : undefined,
  });
  return { username, cookie, csrfToken, headers, call };
}

/** Creates an account with this role and clearance (as the console operator would) and logs it in over HTTP. */
export async function loginAs(s: TestServer, role: Role, clearance: Level = 'public', compartments: string[] = []): Promise<TestSession & { call: Caller }> {
  const username = `${role}-${clearance}-${compartments.join('-').toLowerCase() || 'none'}-${++accounts}`.replace(/_/g, '-');
  const password = `correct horse battery ${accounts} staple`;
  await createAccount(s.app.ctx, { username, personId: `test-person-${accounts}`, displayName: username, role, clearance, compartments, password });
  return logIn(s, username, password);
}
