// What answers a request that matches no route: the web app for a page, a 404 in the one error
// format for everything else (a missing file, another method, a path outside the app).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildHttp } from '../../app.ts';
import { openTestApp, type TestApp } from '../testing/dialects.ts';

describe('requests that match no route', () => {
  let app: TestApp;
  let withWeb: FastifyInstance;
  let withoutWeb: FastifyInstance;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Sandstone</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    app = await openTestApp('sqlite');
    const config = { logLevel: 'silent' as const, bodyLimitBytes: 1_048_576, trustProxy: false };
    withWeb = await buildHttp(app, { ...config, webDist: dir });
    withoutWeb = await buildHttp(app, { ...config, webDist: '/nonexistent' });
  });
  afterAll(async () => {
    await withWeb?.close();
    await withoutWeb?.close();
    await app?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expectError = (r: { statusCode: number; headers: Record<string, unknown>; json(): any }, code: string, message: RegExp) => {
    expect(r.statusCode).toBe(404);
    expect(String(r.headers['content-type'])).toMatch(/^application\/json/);
    expect(r.json()).toMatchObject({ error: { code, message: expect.stringMatching(message) } });
  };

  it('serves the web app for a page the client routes, and the files that exist', async () => {
    for (const url of ['/', '/people', '/people/gaara', '/statutes/14-203?at=2020-01-01']) {
      const r = await withWeb.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/^text\/html/);
    }
    expect((await withWeb.inject({ method: 'GET', url: '/assets/app.js' })).body).toBe('console.log(1)');
  });

  it('answers a file that is not there with a 404, never with the web app', async () => {
    for (const url of ['/assets/nope.js', '/assets/gone', '/favicon.ico', '/x/style.css']) {
      expectError(await withWeb.inject({ method: 'GET', url }), 'FILE_NOT_FOUND', /no file .*Reload/);
    }
  });

  it('answers any other method outside the API with a 404 in the error format', async () => {
    for (const [method, url] of [['POST', '/'], ['PUT', '/people'], ['DELETE', '/assets/app.js'], ['PATCH', '/statutes/14-203'], ['OPTIONS', '/']] as const) {
      expectError(await withWeb.inject({ method, url }), 'ROUTE_NOT_FOUND', new RegExp(`no ${method} .*GET`));
      expectError(await withoutWeb.inject({ method, url }), 'ROUTE_NOT_FOUND', new RegExp(`no ${method}`));
    }
    expectError(await withWeb.inject({ method: 'POST', url: '/api/nothing' }), 'ROUTE_NOT_FOUND', /api\/docs/);
  });

  it('says how to build the web app when it is not built', async () => {
    expectError(await withoutWeb.inject({ method: 'GET', url: '/people' }), 'WEB_NOT_BUILT', /npm run build/);
  });
});
