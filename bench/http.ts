// HTTP figures: Sandstone's registry routes against a bare Fastify route, measured in the same run.
import Fastify from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, buildHttp } from '../src/app.ts';
import { loadDemoWorld } from '../src/world/demo.ts';
import { searchPeople } from '../src/modules/registry/index.ts';
import { measure, type Load } from './load.ts';

export async function httpBench() {
  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  // The same bytes as our search answer, from a bare route: how much of the gap is just the body.
  let sameBody = Buffer.alloc(0);
  bare.get('/same-body', async (_req, reply) => reply.type('application/json; charset=utf-8').send(sameBody));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-bench-'));
  const app = await openApp({ dbPath: path.join(dir, 'bench.db') });
  await loadDemoWorld(app.ctx);
  const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const port = (http.server.address() as { port: number }).port;
  // The same database served by a second app that keeps no answers: what a read costs when computed.
  const cold = await openApp({ dbPath: path.join(dir, 'bench.db'), readCacheBytes: 0 });
  const coldHttp = await buildHttp(cold, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
  await coldHttp.listen({ port: 0, host: '127.0.0.1' });
  const coldPort = (coldHttp.server.address() as { port: number }).port;
  const [kankuro] = (await searchPeople(app.ctx, { q: 'kankuro' })).items;
  const person = `/api/registry/people/${kankuro!.id}`;
  const search = '/api/registry/people?q=ka&limit=25';
  // A statute of the demo book, as in force today (the legislature's point-in-time read).
  const statute = '/api/legislature/statutes/3-101';

  sameBody = Buffer.from(await (await fetch(`http://127.0.0.1:${port}${search}`)).arrayBuffer());
  const [anchor, bareSame, byId, found, byIdCold, foundCold, byCode] = await measure([
    `http://127.0.0.1:${barePort}/hello`,
    `http://127.0.0.1:${barePort}/same-body`,
    `http://127.0.0.1:${port}${person}`,
    `http://127.0.0.1:${port}${search}`,
    `http://127.0.0.1:${coldPort}${person}`,
    `http://127.0.0.1:${coldPort}${search}`,
    `http://127.0.0.1:${port}${statute}`,
  ]) as [Load, Load, Load, Load, Load, Load, Load];
  await http.close();
  await coldHttp.close();
  await bare.close();
  await app.close();
  await cold.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const figure = (name: string, r: Load, goal: boolean, least = 0.4) => ({
    name, unit: 'req/s', value: r.rps, anchor: anchor.rps, anchorName: 'bare Fastify route', ratio: r.rps / anchor.rps,
    goal: goal ? `≥ ${least} × anchor` : 'for comparison: every read computed from the database',
    pass: goal ? r.rps / anchor.rps >= least : null, p99ms: r.p99, errors: r.errors + r.non2xx,
  });
  return [
    figure('person by id (GET /api/registry/people/:id)', byId, true),
    figure('people search (GET /api/registry/people?q=ka&limit=25)', found, true),
    figure('statute by code (GET /api/legislature/statutes/:code)', byCode, true, 0.5),
    figure('person by id, nothing kept (SANDSTONE_READ_CACHE_MB=0)', byIdCold, false),
    figure('people search, nothing kept (SANDSTONE_READ_CACHE_MB=0)', foundCold, false),
    {
      name: `people search vs a bare route sending the same ${(sameBody.length / 1024).toFixed(1)} KB`, unit: 'req/s', value: found.rps, anchor: bareSame.rps,
      anchorName: 'bare Fastify route, same body', ratio: found.rps / bareSame.rps, goal: 'for comparison: what the body alone costs', pass: null, p99ms: found.p99, errors: 0,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await httpBench(), null, 2));
