// Kills the server with SIGKILL in the middle of a stream of registry writes: every write it
// acknowledged must be there exactly once after a restart, and the database must be intact. Each
// write carries an Idempotency-Key, and the client retries every unanswered one against the
// restarted server: each must then exist exactly once — none lost, none doubled.
import { describe, it, expect } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, freshDatabase } from './testing/dialects.ts';
import { startChildServer, killHard } from './testing/child-server.ts';
import { openApp } from '../app.ts';
import { createAccount } from './auth/accounts.ts';
import { verifyAuditLog } from './audit/audit-log.ts';

describe.each(DIALECTS)('crash safety on %s', (dialect) => {
  it('keeps every acknowledged write exactly once across a SIGKILL', async () => {
    const db = await freshDatabase(dialect);
    try {
      const setup = await openApp(db);
      await createAccount(setup.ctx, { username: 'clerk', personId: 'p-clerk', displayName: 'Clerk', role: 'clerk', clearance: 'public', password: 'sand and wind 2026' });
      await setup.close();
      const first = await startChildServer(db);
      const login = await fetch(`${first.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'sand and wind 2026' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = await login.json();
      const acknowledged: { id: string; name: string }[] = [];
      const attempted = new Map<string, string>(); // Idempotency-Key → name
      let stop = false;
      let inFlight = 0;
      // Four writers in parallel, so the kill lands while transactions are open.
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const name = `Crash w${w} n${i}`;
          const key = `crash-w${w}-n${i}`;
          attempted.set(key, name);
          inFlight++;
          try {
            const r = await fetch(`${first.base}/api/registry/people`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, 'idempotency-key': key },
              body: JSON.stringify({ name, rank: 'genin' }),
            });
            if (r.status === 201) acknowledged.push({ id: (await r.json()).id, name });
          } catch {
            return; // the server is gone
          } finally {
            inFlight--;
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 5));
      expect(inFlight).toBeGreaterThan(0);
      await killHard(first);
      stop = true;
      await Promise.all(writers);

      // The database as it is on disk after the kill.
      const app = await openApp(db);
      try {
        const rows = await app.ctx.db.selectFrom('registry_person').select(['id', 'name']).where('name', 'like', 'Crash %').execute();
        const byId = new Map(rows.map((r) => [r.id, r.name]));
        for (const a of acknowledged) expect(byId.get(a.id)).toBe(a.name);
        const names = rows.map((r) => r.name);
        expect(new Set(names).size).toBe(names.length);
        // Each person came with its status and revision, in the same transaction.
        const orphans = await app.ctx.db.selectFrom('registry_person as p').select('p.id')
          .where((eb) => eb.not(eb.exists(eb.selectFrom('registry_person_status as s').select('s.id').whereRef('s.person_id', '=', 'p.id')))).execute();
        expect(orphans).toEqual([]);
        // And every acknowledged write left its audit record, in an unbroken chain.
        const chain = await verifyAuditLog(app.ctx.db);
        expect(chain.ok).toBe(true);
        const audited = await app.ctx.db.selectFrom('kernel_audit_log').select('object_id').where('action', '=', 'registry.person.create').execute();
        const auditedIds = new Set(audited.map((a) => a.object_id));
        for (const a of acknowledged) expect(auditedIds.has(a.id)).toBe(true);
        if (dialect === 'sqlite') {
          const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(app.ctx.db);
          expect(check.rows[0]!.integrity_check).toBe('ok');
          const fk = await sql`pragma foreign_key_check`.execute(app.ctx.db);
          expect(fk.rows).toEqual([]);
        }
      } finally {
        await app.close();
      }

      // And a restarted server serves them, and takes the retries of everything left unanswered.
      const second = await startChildServer(db);
      const answered = new Set(acknowledged.map((a) => a.name));
      const unanswered = [...attempted].filter(([, name]) => !answered.has(name));
      expect(unanswered.length).toBeGreaterThan(0);
      try {
        for (const a of acknowledged.slice(0, 20)) {
          const r = await fetch(`${second.base}/api/registry/people/${a.id}`);
          expect(r.status).toBe(200);
        }
        const again = await fetch(`${second.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'sand and wind 2026' }) });
        const headers = { 'content-type': 'application/json', cookie: again.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': (await again.json()).csrfToken };
        for (const [key, name] of unanswered) {
          const r = await fetch(`${second.base}/api/registry/people`, { method: 'POST', headers: { ...headers, 'idempotency-key': key }, body: JSON.stringify({ name, rank: 'genin' }) });
          // Done now, or done before the kill with its answer lost: either way, done once.
          if (r.status !== 201) expect({ status: r.status, code: (await r.json()).error.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_ANSWER_LOST' });
        }
      } finally {
        await killHard(second);
      }
      const after = await openApp(db);
      try {
        const names = (await after.ctx.db.selectFrom('registry_person').select('name').where('name', 'like', 'Crash %').execute()).map((r) => r.name);
        expect(names.sort()).toEqual([...attempted.values()].sort());
      } finally {
        await after.close();
      }
    } finally {
      await db.drop();
    }
  }, 120_000);
});
