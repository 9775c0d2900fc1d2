// HTTP figures: Sandstone's registry routes against a bare Fastify route, measured in the same run.
import Fastify from 'fastify';
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, buildHttp } from '../src/app.ts';
import { loadDemoWorld } from '../src/world/demo.ts';
import { searchPeople } from '../src/modules/registry/index.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

async function load(url: string): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const r = await autocannon({ url, connections: 16, duration: DURATION, pipelining: 1 });
  return { rps: Math.round(r.requests.average), p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export async function httpBench() {
  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-bench-'));
  const app = await openApp({ dbPath: path.join(dir, 'bench.db') });
  await loadDemoWorld(app.ctx);
  const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const port = (http.server.address() as { port: number }).port;
  const [kankuro] = (await searchPeople(app.ctx, { q: 'kankuro' })).items;

  const anchor = await load(`http://127.0.0.1:${barePort}/hello`);
  const byId = await load(`http://127.0.0.1:${port}/api/registry/people/${kankuro!.id}`);
  const search = await load(`http://127.0.0.1:${port}/api/registry/people?q=ka&limit=25`);
  await http.close();
  await bare.close();
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    { name: 'person by id (GET /api/registry/people/:id)', unit: 'req/s', value: byId.rps, anchor: anchor.rps, anchorName: 'bare Fastify route', ratio: byId.rps / anchor.rps, goal: '≥ 0.4 × anchor', pass: byId.rps / anchor.rps >= 0.4, p99ms: byId.p99, errors: byId.errors + byId.non2xx },
    { name: 'people search (GET /api/registry/people?q=ka)', unit: 'req/s', value: search.rps, anchor: anchor.rps, anchorName: 'bare Fastify route', ratio: search.rps / anchor.rps, goal: '≥ 0.4 × anchor', pass: search.rps / anchor.rps >= 0.4, p99ms: search.p99, errors: search.errors + search.non2xx },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await httpBench(), null, 2));
