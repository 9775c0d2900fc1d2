// Refused lookups: a hidden record's 404 against an unknown id's, for an anonymous prober. They
// must cost the same (the same statements, the same one counter write), or timing tells them apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, buildHttp } from '../src/app.ts';
import { loadDemoWorld } from '../src/world/demo.ts';
import { searchPeople } from '../src/modules/registry/index.ts';
import { measure, type Load } from './load.ts';

export async function referencesBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-bench-refs-'));
  const app = await openApp({ dbPath: path.join(dir, 'bench.db') });
  await loadDemoWorld(app.ctx);
  const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const port = (http.server.address() as { port: number }).port;
  // An ANBU bodyguard (secret / ANBU): hidden from anonymous readers.
  const hiddenPerson = (await searchPeople(app.ctx, { organization: 'personal-guard', rank: 'anbu' })).items[0]!.id;
  const hiddenUrl = `http://127.0.0.1:${port}/api/registry/people/${hiddenPerson}`;
  const unknownUrl = `http://127.0.0.1:${port}/api/registry/people/01JZZZZZZZZZZZZZZZZZZZZZZZ`;
  // In the order A B B A: whichever is measured first in a round runs slower on a busy machine,
  // so each figure is the mean of one early and one late position.
  const [h1, u1, u2, h2] = await measure([hiddenUrl, unknownUrl, unknownUrl, hiddenUrl]) as [Load, Load, Load, Load];
  const mean = (a: Load, b: Load): Load => ({ rps: Math.round((a.rps + b.rps) / 2), p99: Math.max(a.p99, b.p99), errors: a.errors + b.errors, non2xx: a.non2xx + b.non2xx });
  const hidden = mean(h1, h2);
  const unknown = mean(u1, u2);
  const counters = await app.ctx.db.selectFrom('kernel_denied_read').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  await http.close();
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const ratio = hidden.rps / unknown.rps;
  return [{
    name: 'hidden person 404 vs unknown id 404, anonymous (GET /api/registry/people/:id)', unit: 'req/s', value: hidden.rps, anchor: unknown.rps,
    anchorName: 'unknown id 404', ratio, goal: '0.8–1.25 × anchor (timing must not tell them apart)', pass: ratio >= 0.8 && ratio <= 1.25,
    p99ms: hidden.p99, anchorP99ms: unknown.p99, counterRows: Number(counters.n), errors: hidden.errors + unknown.errors,
  }];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await referencesBench(), null, 2));
