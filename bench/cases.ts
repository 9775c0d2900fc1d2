// A case page over HTTP: one inquest with 1,000 items of evidence and 10,000 custody transfers
// (ten per item), read by a cleared jounin, beside a bare Fastify route answering the same bytes
// in the same run (and a bare "hello" for scale). The page is one statement with its lists as JSON
// columns, plus one lookup of the people it names, so its cost grows with the items shown, not
// with the length of their chains. SQLite always; PostgreSQL when SANDSTONE_TEST_PG_URL or DATABASE_URL is set.
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
    const shown = JSON.parse(body.toString()).evidence.length;
    if (page.status !== 200 || shown !== ITEMS) throw new Error(`bench: the case page answered ${page.status} with ${shown} items`);

    const bare = Fastify();
    bare.get('/hello', async () => ({ hello: 'world' }));
    bare.get('/same-body', async (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;
    const [same, hello, casePage] = await measure([`http://127.0.0.1:${barePort}/same-body`, `http://127.0.0.1:${barePort}/hello`, { url, headers: { cookie } }]);
    await bare.close();
    await http.close();
    return { same: same!, hello: hello!, casePage: casePage!, bytes: body.length };
  } finally {
    await app.close();
  }
}

export async function casesBench() {
  const runs = await onBothDatabases('cases', benchOne);
  return runs.map(({ dialect, r }) => {
    const ratio = r.casePage.rps / r.same.rps;
    return {
      name: `case page with ${ITEMS} items and ${ITEMS * PER_ITEM} custody transfers over HTTP (${dialect})`, unit: 'req/s', value: r.casePage.rps,
      anchor: r.same.rps, anchorName: `bare Fastify route sending the same ${Math.round(r.bytes / 1024)} KB`, ratio, goal: '≥ 0.3 × anchor', pass: ratio >= 0.3,
      p99ms: r.casePage.p99, anchorP99ms: r.same.p99, helloRps: r.hello.rps, errors: r.casePage.errors + r.same.errors, non2xx: r.casePage.non2xx,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await casesBench(), null, 2));
