import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { transact } from '../context.ts';
import { verifyAuditLog, auditHead } from './audit-log.ts';
import type { Checkpoint, ChainVerdict } from './chain.ts';

class Rollback extends Error {}

/** Runs fn in a transaction that is always rolled back, so each tampering starts from the same log. */
async function inScratch(db: Kysely<any>, fn: (trx: Kysely<any>) => Promise<ChainVerdict>): Promise<ChainVerdict> {
  let verdict: ChainVerdict | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      verdict = await fn(trx);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return verdict!;
}

/** What an attacker holding the database file or a superuser login does first. */
async function dropGuards(trx: Kysely<any>, dialect: string) {
  if (dialect === 'postgres') await sql`alter table kernel_audit_log disable trigger user`.execute(trx);
  else {
    await sql`drop trigger kernel_audit_log_no_update`.execute(trx);
    await sql`drop trigger kernel_audit_log_no_delete`.execute(trx);
  }
}

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let app: TestApp;
  const N = 40;
  let checkpoint: Checkpoint;
  beforeAll(async () => {
    app = await openTestApp(dialect);
    for (let i = 0; i < N; i++) {
      await transact({ ...app.ctx, actor: { kind: 'user', username: `clerk${i % 3}`, personId: `p${i}` } }, async (tx) => {
        tx.audit({ action: 'test.change', objectType: 'thing', objectId: `t${i}`, classification: i % 5 === 0 ? 'secret' : 'public', compartments: i % 5 === 0 ? ['ANBU'] : [], detail: { i, note: `change ${i}` } });
      });
    }
    checkpoint = await auditHead(app.ctx.db);
  });
  afterAll(async () => app?.drop());

  it('chains every record and verifies clean', async () => {
    const v = await verifyAuditLog(app.ctx.db, checkpoint);
    expect(v).toMatchObject({ ok: true, records: N, head: checkpoint });
  });

  it('writes nothing when the transaction rolls back', async () => {
    await expect(transact(app.ctx, async (tx) => {
      tx.audit({ action: 'test.never' });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect((await auditHead(app.ctx.db)).seq).toBe(N);
  });

  it('refuses UPDATE and DELETE through the database itself', async () => {
    await expect(sql`update kernel_audit_log set action = 'x' where seq = 1`.execute(app.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from kernel_audit_log where seq = 1`.execute(app.ctx.db)).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(sql`truncate kernel_audit_log`.execute(app.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => transact(app.ctx, async (tx) => tx.audit({ action: 'test.concurrent', detail: { i } }))));
    const v = await verifyAuditLog(app.ctx.db);
    expect(v.ok).toBe(true);
    expect(v.records).toBe(N + 12);
  });

  it('detects and locates 100 random tamperings through a raw connection', async () => {
    const kinds = ['edit', 'edit-hash', 'edit-prev', 'delete', 'truncate', 'swap', 'move', 'rewrite'] as const;
    const cases = fc.sample(fc.tuple(fc.constantFrom(...kinds), fc.integer({ min: 1, max: N - 1 }), fc.constantFrom('action', 'actor', 'at', 'detail', 'classification', 'object_id', 'outcome')), { numRuns: 100, seed: 20261125 });
    const missed: string[] = [];
    for (const [kind, k, field] of cases) {
      const v = await inScratch(app.ctx.db, async (trx) => {
        await dropGuards(trx, dialect);
        const q = (s: string) => sql.raw(s).execute(trx);
        switch (kind) {
          case 'edit': {
            const value = field === 'detail' ? `'{"i":-1}'` : field === 'at' ? `'2020-01-01T00:00:00.000Z'` : field === 'outcome' ? `'denied'` : `'tampered'`;
            await q(`update kernel_audit_log set ${field} = ${value} where seq = ${k}`);
            break;
          }
          case 'edit-hash': await q(`update kernel_audit_log set hash = '${'f'.repeat(64)}' where seq = ${k}`); break;
          case 'edit-prev': await q(`update kernel_audit_log set prev_hash = '${'e'.repeat(64)}' where seq = ${k}`); break;
          case 'delete': await q(`delete from kernel_audit_log where seq = ${k}`); break;
          case 'truncate': await q(`delete from kernel_audit_log where seq >= ${k}`); break;
          case 'swap': {
            await q(`update kernel_audit_log set seq = -1 where seq = ${k}`);
            await q(`update kernel_audit_log set seq = ${k} where seq = ${k + 1}`);
            await q(`update kernel_audit_log set seq = ${k + 1} where seq = -1`);
            break;
          }
          case 'move': await q(`update kernel_audit_log set seq = 100000 where seq = ${k}`); break;
          case 'rewrite': {
            // Forge a consistent history from k on: recompute every hash after changing record k.
            await q(`update kernel_audit_log set action = 'forged' where seq = ${k}`);
            const rows = await trx.selectFrom('kernel_audit_log').selectAll().where('seq', '>=', k).orderBy('seq').execute();
            const { rowToRecord } = await import('./audit-log.ts');
            const { hashRecord } = await import('./chain.ts');
            const before = await trx.selectFrom('kernel_audit_log').select('hash').where('seq', '=', k - 1).executeTakeFirst();
            let prev = before?.hash ?? '0'.repeat(64);
            for (const r of rows) {
              const h = hashRecord(prev, rowToRecord(r));
              await trx.updateTable('kernel_audit_log').set({ prev_hash: prev, hash: h }).where('seq', '=', r.seq).execute();
              prev = h;
            }
            break;
          }
        }
        return verifyAuditLog(trx, checkpoint);
      });
      const expectedSeq = kind === 'rewrite' ? checkpoint.seq : kind === 'truncate' ? k : k;
      if (v.ok || v.problem!.seq !== expectedSeq) missed.push(`${kind} at ${k} (${field}) → ${v.ok ? 'not detected' : `located at ${v.problem!.seq}: ${v.problem!.message}`}`);
    }
    expect(missed).toEqual([]);
    // And the real log is untouched by all that.
    expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
  }, 120_000);
});
