// An in-process server over a test database, for route tests (Fastify inject: no sockets).
import type { FastifyInstance } from 'fastify';
import { buildHttp } from '../../app.ts';
import { openTestApp, type TestApp, type TestDialect } from './dialects.ts';

export interface TestServer {
  app: TestApp;
  http: FastifyInstance;
  close(): Promise<void>;
}

export async function openTestServer(dialect: TestDialect, opts: { now?: () => Date } = {}): Promise<TestServer> {
  const app = await openTestApp(dialect, opts);
  const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 }, { validateResponses: true });
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
