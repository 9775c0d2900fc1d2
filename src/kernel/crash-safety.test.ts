// Crash safety of writes sent with an Idempotency-Key. A campaign of SIGKILLs in the middle of a
// stream of registry writes (SANDSTONE_CRASH_KILLS of them: 10 here, 100 in `npm run test:crash`),
// each followed by a restart and the retry of every write left unanswered: every write must end up
// there exactly once — none lost, none doubled — and the database intact. And, deterministically,
// a failure injected in the window between a change's commit and the storing of its answer: the
// retry must be told the change was made, never make it twice.
import { describe, it, expect, afterAll } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, freshDatabase } from './testing/dialects.ts';
import { startChildServer, killHard, bundledCli, removeBundledCli, type ChildServer } from './testing/child-server.ts';
import { openTestServer, loginAs } from './testing/http.ts';
import { openApp, buildHttp } from '../app.ts';
import { createAccount } from './auth/accounts.ts';
import { verifyAuditLog } from './audit/audit-log.ts';
import type { AppContext } from './context.ts';
// The demo population's seeded generator (mulberry32), so a failing campaign can be run again as it was.
import { prng } from '../world/population.ts';

const KILLS = Number(process.env.SANDSTONE_CRASH_KILLS ?? 10);
const SEED = Number(process.env.SANDSTONE_CRASH_SEED ?? 20261201);
const WRITERS = 4;


afterAll(() => removeBundledCli());

describe.each(DIALECTS)('crash safety on %s', (dialect) => {
  it(`keeps every write exactly once across ${KILLS} SIGKILLs, each followed by a restart and the retry of every unanswered write`, async () => {
    const db = await freshDatabase(dialect);
    const entry = await bundledCli();
    const rnd = prng(SEED + (dialect === 'postgres' ? 1 : 0));
    let server: ChildServer | undefined;
    try {
      const setup = await openApp(db);
      await createAccount(setup.ctx, { username: 'clerk', personId: 'p-clerk', displayName: 'Clerk', role: 'clerk', clearance: 'public', password: 'sand and wind 2026' });
      await setup.close();
      server = await startChildServer(db, [], { entry });
      const login = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'sand and wind 2026' }) });
      expect(login.status).toBe(200);
      // The session lives in the database, so it outlives every server process.
      const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': (await login.json()).csrfToken as string };

      const names = new Map<string, string>(); // Idempotency-Key → the name its write adds
      const unanswered = new Set<string>();
      const acknowledged = new Map<string, string>(); // id → name, for every 201
      const failures: string[] = [];
      let made = 0;
      let kills = 0;
      let killedInFlight = 0;
      for (let round = 0; round <= KILLS; round++) {
        const last = round === KILLS;
        if (round > 0) server = await startChildServer(db, [], { entry });
        const base = server!.base;
        // Every write left unanswered by an earlier server is sent again first, with its own key.
        const queue = [...unanswered];
        const target = last ? Infinity : 1 + Math.floor(rnd() * 12);
        let answeredNow = 0;
        let inFlight = 0;
        let stop = false;
        let reached!: () => void;
        const enough = new Promise<void>((r) => (reached = r));
        const next = (): string | undefined => {
          const retry = queue.shift();
          if (retry !== undefined || last) return retry;
          const key = `crash-${dialect}-${String(made).padStart(5, '0')}`;
          names.set(key, `Crash n${made++}`);
          unanswered.add(key);
          return key;
        };
        const writer = async () => {
          while (!stop) {
            const key = next();
            if (key === undefined) return;
            inFlight++;
            let r: Response;
            let body: any;
            try {
              r = await fetch(`${base}/api/registry/people`, { method: 'POST', headers: { ...headers, 'idempotency-key': key }, body: JSON.stringify({ name: names.get(key), rank: 'genin' }) });
              body = await r.json();
            } catch {
              return; // the server is gone: this write stays unanswered
            } finally {
              inFlight--;
            }
            unanswered.delete(key);
            if (r.status === 201) acknowledged.set(body.id, names.get(key)!);
            // Done before a kill, its answer lost (or done by a request the kill cut off): done once.
            else if (!(r.status === 409 && ['IDEMPOTENCY_ANSWER_LOST', 'IDEMPOTENCY_ALREADY_APPLIED'].includes(body?.error?.code))) failures.push(`${key} → ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
            if (++answeredNow >= target) reached();
          }
        };
        const writers = Array.from({ length: WRITERS }, writer);
        if (last) {
          await Promise.all(writers);
        } else {
          await Promise.race([enough, Promise.all(writers)]);
          if (inFlight > 0) killedInFlight++;
          await killHard(server!);
          kills++;
          stop = true;
          await Promise.all(writers);
        }
      }
      await killHard(server!);
      expect(failures).toEqual([]);
      expect(kills).toBe(KILLS);
      // The kill landed while writes were open, nearly every time (four writers never pause).
      expect(killedInFlight).toBeGreaterThanOrEqual(Math.ceil(KILLS * 0.8));
      expect(unanswered.size).toBe(0);

      // The database as the last kill left it.
      const app = await openApp(db);
      try {
        const rows = await app.ctx.db.selectFrom('registry_person').select(['id', 'name']).where('name', 'like', 'Crash %').execute();
        const byId = new Map(rows.map((r) => [r.id, r.name]));
        for (const [id, name] of acknowledged) expect(byId.get(id)).toBe(name);
        // Every write that was ever sent is there, exactly once.
        expect(rows.map((r) => r.name).sort()).toEqual([...names.values()].sort());
        // Each person came with its status and revision, in the same transaction.
        const orphans = await app.ctx.db.selectFrom('registry_person as p').select('p.id')
          .where((eb) => eb.not(eb.exists(eb.selectFrom('registry_person_status as s').select('s.id').whereRef('s.person_id', '=', 'p.id')))).execute();
        expect(orphans).toEqual([]);
        // And its one audit record, in an unbroken chain.
        expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
        const audited = await app.ctx.db.selectFrom('kernel_audit_log').select('object_id').where('action', '=', 'registry.person.create').execute();
        expect(audited.map((a) => a.object_id).sort()).toEqual(rows.map((r) => r.id).sort());
        // Every key that made a change is marked as having made it.
        const keys = await app.ctx.db.selectFrom('kernel_idempotency').select(['key', 'applied_at']).where('key', 'like', 'crash-%').execute();
        expect(keys.filter((k) => k.applied_at === null)).toEqual([]);
        expect(keys.length).toBe(names.size);
        if (dialect === 'sqlite') {
          const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(app.ctx.db);
          expect(check.rows[0]!.integrity_check).toBe('ok');
          expect((await sql`pragma foreign_key_check`.execute(app.ctx.db)).rows).toEqual([]);
        }
      } finally {
        await app.close();
      }
    } finally {
      if (server) await killHard(server);
      await db.drop();
    }
  }, 60_000 + KILLS * 15_000);

  it('a change that committed but whose answer was never stored is answered as done — on the same server and after a restart — and never done twice', async () => {
    // Test-only failure point: the server "dies" right after the commit of the first change made
    // for each of these keys, before it marks the key applied or stores the answer.
    const failed = new Set<string>();
    const faults = {
      afterCommit: (ctx: AppContext) => {
        const key = ctx.idempotency?.key;
        if (!key?.startsWith('fault-') || failed.has(key)) return;
        failed.add(key);
        throw new Error('injected failure: right after the commit');
      },
    };
    const s = await openTestServer(dialect, { faults });
    let restarted: { close(): Promise<void> } | undefined;
    try {
      const clerk = await loginAs(s, 'clerk', 'secret');
      const count = async (name: string) => Number((await s.app.ctx.db.selectFrom('registry_person').select((eb) => eb.fn.countAll().as('n')).where('name', '=', name).executeTakeFirstOrThrow()).n);
      const send = (http: typeof s.http, key: string, name: string) =>
        http.inject({ method: 'POST', url: '/api/registry/people', payload: { name, rank: 'genin' }, headers: clerk.headers({ 'idempotency-key': key }) });
      const keys = Array.from({ length: 10 }, (_, i) => [`fault-key-${i}-${dialect}`, `Fault ${dialect} ${i}`] as const);
      for (const [key, name] of keys) {
        const first = await send(s.http, key, name);
        expect(first.statusCode).toBe(500); // the injected failure
        expect(await count(name)).toBe(1); // ... came after the commit
        const retry = await send(s.http, key, name);
        expect({ status: retry.statusCode, code: retry.json().error?.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_ANSWER_LOST' });
        expect(await count(name)).toBe(1);
      }
      // A restarted server (another process on the same database, without the failure) knows too.
      const app = await openApp({ databaseUrl: s.app.databaseUrl, dbPath: s.app.dbPath });
      const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
      restarted = { close: async () => { await http.close(); await app.close(); } };
      for (const [key, name] of keys) {
        const retry = await send(http, key, name);
        expect({ status: retry.statusCode, code: retry.json().error?.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_ANSWER_LOST' });
        expect(await count(name)).toBe(1);
      }
      // Writes without the failure go on as before.
      expect((await send(http, 'after-the-fault-1', 'After the fault')).statusCode).toBe(201);
    } finally {
      await restarted?.close();
      await s.close();
    }
  });
});
