// A case page over HTTP: one inquest with 1,000 items of evidence and 10,000 custody transfers
// (ten per item), read by a cleared jounin. The page shows the first 50 items and how many there
// are (the rest come a page at a time), so its cost grows with what it shows, not with the
// evidence a case holds nor the length of the chains. The anchor, in the same run, is a bare
// Fastify route (same framework, same Node HTTP server, in the same process as the load) sending
// the page's very bytes: what any route answering this page must cost at least, so neither the
// bytes are held against the page nor a "hello" of 17 bytes flatters it; the bare "hello" is
// reported beside for scale. The page is a kept answer (unchanged data, the same reader labels),
// as every real server keeps it; the same page from a second server on the same database that
// keeps nothing is reported for comparison, as bench/http.ts does for the registry. SQLite
// always; PostgreSQL when SANDSTONE_TEST_PG_URL or DATABASE_URL is set.
import Fastify from 'fastify';
import { onBothDatabases, type BenchDialect } from './postgres-target.ts';
import { openApp, buildHttp } from '../src/app.ts';
import { boolParam } from '../src/kernel/db/dialect.ts';
import { newId } from '../src/kernel/ids.ts';
import { createAccount } from '../src/kernel/auth/accounts.ts';
import { createPerson } from '../src/modules/registry/index.ts';
import { openCase } from '../src/modules/cases/index.ts';
import { measure } from './load.ts';

const ITEMS = Number(process.env.BENCH_CASE_ITEMS ?? 1000);
const PER_ITEM = 10;

async function benchOne(dialect: BenchDialect, target: { dbPath?: string; databaseUrl?: string }) {
  const app = await openApp(target);
  try {
    const people: string[] = [];
    for (let i = 0; i < 20; i++) people.push((await createPerson(app.ctx, { givenName: `Custodian ${i}`, rank: 'chuunin' })).id);
    const reader = (await createPerson(app.ctx, { givenName: 'Reader', rank: 'jounin' })).id;
    await createAccount(app.ctx, { username: 'bench-reader', personId: reader, displayName: 'Reader', role: 'jounin', clearance: 'secret', compartments: ['BREACH'], password: 'bench reader of the dunes 42' });
    const c = await openCase(app.ctx, { kind: 'inquest', title: 'Bench inquest', classification: 'secret', compartments: ['BREACH'] });
    // Seeded in bulk: the chains are what transfers through the service would write (each released by the last receiver).
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const items: Record<string, unknown>[] = [];
    const transfers: Record<string, unknown>[] = [];
    for (let i = 1; i <= ITEMS; i++) {
      const id = newId();
      let holder = people[i % people.length]!;
      const chain: string[] = [];
      for (let k = 1; k <= PER_ITEM; k++) {
        const next = people[(i + k) % people.length]!;
        transfers.push({
          id: newId(), item_id: id, seq: k, released_by: holder, received_by: next, at: new Date(t0 + (i * PER_ITEM + k) * 60_000).toISOString(), purpose: 'bench', condition: 'sealed',
          seal_intact: boolParam(dialect, true), releaser_confirmed: boolParam(dialect, true), receiver_confirmed: boolParam(dialect, true), sha256: null, recorded_at: new Date(t0).toISOString(), recorded_by: 'bench',
        });
        chain.push(next);
        holder = next;
      }
      items.push({
        id, case_id: c.id, seq: i, code: `${c.code}/E-${String(i).padStart(2, '0')}`, description: `Item ${i}`, quantity: 1, condition: 'sealed', seal_number: `S-${i}`,
        collected_by: people[i % people.length], collected_at: new Date(t0 + i * PER_ITEM * 60_000 - 1000).toISOString(), collected_where: 'the pass', sha256: null, storage_location: 'store',
        disposition: null, custodian_id: holder, transfers: PER_ITEM, last_at: new Date(t0 + (i * PER_ITEM + PER_ITEM) * 60_000).toISOString(), created_at: new Date(t0).toISOString(),
      });
    }
    for (let i = 0; i < items.length; i += 200) await app.ctx.db.insertInto('cases_evidence').values(items.slice(i, i + 200)).execute();
    for (let i = 0; i < transfers.length; i += 500) await app.ctx.db.insertInto('cases_transfer').values(transfers.slice(i, i + 500)).execute();

    const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
    await http.listen({ port: 0, host: '127.0.0.1' });
    const port = (http.server.address() as { port: number }).port;
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-reader', password: 'bench reader of the dunes 42' }) });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const url = `http://127.0.0.1:${port}/api/cases/cases/${c.code}`;
    const page = await fetch(url, { headers: { cookie } });
    const body = Buffer.from(await page.arrayBuffer());
    const answer = JSON.parse(body.toString());
    if (page.status !== 200 || answer.evidence.length !== Math.min(ITEMS, 50) || answer.evidenceTotal !== ITEMS) throw new Error(`bench: the case page answered ${page.status} with ${answer.evidence?.length} of ${answer.evidenceTotal} items`);
    // The same database served by a second app that keeps no answers: what the page costs when computed.
    const cold = await openApp({ ...target, readCacheBytes: 0 });
    const coldHttp = await buildHttp(cold, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
    await coldHttp.listen({ port: 0, host: '127.0.0.1' });
    const coldUrl = `http://127.0.0.1:${(coldHttp.server.address() as { port: number }).port}/api/cases/cases/${c.code}`;
    const coldBody = Buffer.from(await (await fetch(coldUrl, { headers: { cookie } })).arrayBuffer());
    if (!coldBody.equals(body)) throw new Error('bench: the server keeping nothing answered other bytes than the one keeping answers');

    const bare = Fastify();
    bare.get('/hello', async () => ({ hello: 'world' }));
    bare.get('/same-body', async (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;
    const [same, hello, casePage, coldPage] = await measure([`http://127.0.0.1:${barePort}/same-body`, `http://127.0.0.1:${barePort}/hello`, { url, headers: { cookie } }, { url: coldUrl, headers: { cookie } }]);
    await bare.close();
    await http.close();
    await coldHttp.close();
    await cold.close();
    return { same: same!, hello: hello!, casePage: casePage!, coldPage: coldPage!, bytes: body.length };
  } finally {
    await app.close();
  }
}

export async function casesBench() {
  const runs = await onBothDatabases('cases', benchOne);
  return runs.flatMap(({ dialect, r }) => {
    const ratio = r.casePage.rps / r.same.rps;
    const anchorName = `bare Fastify route sending the same ${(r.bytes / 1024).toFixed(1)} KB`;
    return [{
      name: `case page with ${ITEMS} items and ${ITEMS * PER_ITEM} custody transfers over HTTP (${dialect})`, unit: 'req/s', value: r.casePage.rps,
      anchor: r.same.rps, anchorName, ratio, goal: '≥ 0.3 × anchor', pass: ratio >= 0.3,
      p99ms: r.casePage.p99, anchorP99ms: r.same.p99, helloRps: r.hello.rps, ratioToHello: r.casePage.rps / r.hello.rps, errors: r.casePage.errors + r.same.errors, non2xx: r.casePage.non2xx,
    }, {
      name: `the same case page, nothing kept (SANDSTONE_READ_CACHE_MB=0) (${dialect})`, unit: 'req/s', value: r.coldPage.rps,
      anchor: r.same.rps, anchorName, ratio: r.coldPage.rps / r.same.rps, goal: 'for comparison: every read computed from the database', pass: null,
      p99ms: r.coldPage.p99, errors: r.coldPage.errors + r.coldPage.non2xx,
    }];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await casesBench(), null, 2));
