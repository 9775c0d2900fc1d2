// Kills the server with SIGKILL in the middle of a stream of registry writes: every write it
// acknowledged must be there exactly once after a restart, and the database must be intact.
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
      let stop = false;
      let inFlight = 0;
      // Four writers in parallel, so the kill lands while transactions are open.
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const name = `Crash w${w} n${i}`;
          inFlight++;
          try {
            const r = await fetch(`${first.base}/api/registry/people`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
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

      // And a restarted server serves them.
      const second = await startChildServer(db);
      try {
        for (const a of acknowledged.slice(0, 20)) {
          const r = await fetch(`${second.base}/api/registry/people/${a.id}`);
          expect(r.status).toBe(200);
        }
      } finally {
        await killHard(second);
      }
    } finally {
      await db.drop();
    }
  }, 120_000);
});
