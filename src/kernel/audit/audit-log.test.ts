import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { transact } from '../context.ts';
import { toJson } from '../db/dialect.ts';
import * as canonicalStorage from './migrations/20261201T120000_kernel_audit_canonical_storage.ts';
import { verifyAuditLog, auditHead, selectStoredAudit, storedRowsToRecords } from './audit-log.ts';
import { hashRecord, type Checkpoint, type ChainVerdict } from './chain.ts';

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

/** Recomputes the stored hash of record seq from what it now holds, as a forger would. */
async function rehash(trx: Kysely<any>, dialect: string, seq: number) {
  const rows = await selectStoredAudit(trx.selectFrom('kernel_audit_log as a'), dialect as any, 'a').where('a.seq', '=', seq).execute();
  const [r] = await storedRowsToRecords(trx, rows as any[]);
  await trx.updateTable('kernel_audit_log').set({ hash: hashRecord(r!.prevHash, r!) }).where('seq', '=', seq).execute();
}

/** Every column covered by the hash but seq (changing seq is a move, tried below). */
const HASHED = ['at', 'actor', 'actor_person_id', 'on_behalf_of', 'action', 'outcome', 'object_type', 'object_id', 'classification', 'compartments', 'detail'] as const;
// Record FULL has every nullable field filled and two compartments; record BARE has them all empty.
const FULL = 7;
const BARE = 8;

/** A value other than the one record k holds, for each hashed column (nullable ones also to NULL). */
function otherValues(field: (typeof HASHED)[number]): string[] {
  switch (field) {
    case 'at': return [`'2020-01-01T00:00:00.000Z'`];
    case 'outcome': return [`case when outcome = 'ok' then 'denied' else 'ok' end`];
    case 'classification': return [`case when classification = 'secret' then 'public' else 'secret' end`];
    case 'compartments': return [`'["X"]'`, `'[]'`];
    case 'detail': return [`'{"i":-1}'`, 'null'];
    case 'actor_person_id': case 'on_behalf_of': case 'object_type': case 'object_id': return [`'tampered'`, 'null'];
    default: return [`'tampered'`];
  }
}

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let app: TestApp;
  const N = 40;
  let checkpoint: Checkpoint;
  beforeAll(async () => {
    app = await openTestApp(dialect);
    for (let i = 0; i < N; i++) {
      const seq = i + 1;
      const full = seq === FULL || (seq !== BARE && i % 4 === 1);
      const bare = seq === BARE || (seq !== FULL && i % 4 === 3);
      const actor = bare ? { kind: 'anonymous' as const } : { kind: 'user' as const, username: `clerk${i % 3}`, personId: `p${i}`, onBehalfOf: full ? `kazekage` : undefined };
      await transact({ ...app.ctx, actor }, async (tx) => {
        tx.audit(bare
          ? { action: 'test.view', outcome: 'denied' }
          : { action: 'test.change', objectType: 'thing', objectId: `t${i}`, classification: full ? 'secret' : 'public', compartments: full ? ['BREACH', 'ANBU'] : [], detail: { i, note: `change ${i}` } });
      });
    }
    checkpoint = await auditHead(app.ctx.db);
  });
  afterAll(async () => app?.drop());

  /** Runs a tampering in a rolled-back transaction and says what verify found, or '' if it found what was expected. */
  async function tamper(expected: { seq: number; kind?: string }, fn: (trx: Kysely<any>, q: (s: string) => Promise<unknown>) => Promise<void>): Promise<string> {
    const v = await inScratch(app.ctx.db, async (trx) => {
      await dropGuards(trx, dialect);
      await fn(trx, (s: string) => sql.raw(s).execute(trx));
      return verifyAuditLog(trx, checkpoint);
    });
    if (v.ok) return 'not detected';
    if (v.problem!.seq !== expected.seq || (expected.kind && v.problem!.kind !== expected.kind)) return `located at ${v.problem!.seq} (${v.problem!.kind}): ${v.problem!.message}`;
    return '';
  }

  it('chains every record and verifies clean', async () => {
    const v = await verifyAuditLog(app.ctx.db, checkpoint);
    expect(v).toMatchObject({ ok: true, records: N, head: checkpoint });
  });

  it('stores compartments sorted and no detail as SQL NULL, as verify expects', async () => {
    const full = await app.ctx.db.selectFrom('kernel_audit_log').selectAll().where('seq', '=', FULL).executeTakeFirstOrThrow();
    const bare = await app.ctx.db.selectFrom('kernel_audit_log').selectAll().where('seq', '=', BARE).executeTakeFirstOrThrow();
    expect(typeof full.compartments === 'string' ? JSON.parse(full.compartments) : full.compartments).toEqual(['ANBU', 'BREACH']);
    expect(full.on_behalf_of).toBe('kazekage');
    expect(bare).toMatchObject({ detail: null, actor_person_id: null, on_behalf_of: null, object_type: null, object_id: null });
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

  it('names the edited record for every hashed field, whether or not its own hash was recomputed', async () => {
    const missed: string[] = [];
    let tried = 0;
    for (const field of HASHED) {
      for (const value of otherValues(field)) {
        for (const k of [FULL, BARE]) {
          for (const recompute of [false, true]) {
            tried++;
            const found = await tamper({ seq: k, kind: 'edited' }, async (trx, q) => {
              await q(`update kernel_audit_log set ${field} = ${value} where seq = ${k}`);
              if (recompute) await rehash(trx, dialect, k);
            });
            // Setting a field to what it already holds is no tampering (e.g. NULL on the bare record).
            if (found && found !== 'not detected') missed.push(`${field} = ${value} at ${k}${recompute ? ' (hash recomputed)' : ''} → ${found}`);
            if (found === 'not detected' && !(value === 'null' || value === `'[]'`) ) missed.push(`${field} = ${value} at ${k}${recompute ? ' (hash recomputed)' : ''} → not detected`);
          }
        }
      }
    }
    expect(missed).toEqual([]);
    expect(tried).toBeGreaterThan(60);
  }, 120_000);

  it('refuses rows not stored as the writer stores them, even with their hash recomputed', async () => {
    const json = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const cases: Array<[string, number, (trx: Kysely<any>, q: (s: string) => Promise<unknown>) => Promise<void>]> = [
      ['compartments reordered', FULL, async (_t, q) => { await q(`update kernel_audit_log set compartments = '["BREACH","ANBU"]' where seq = ${FULL}`); }],
      ['compartments not a list', BARE, async (_t, q) => { await q(`update kernel_audit_log set compartments = '"ANBU"' where seq = ${BARE}`); }],
      ['compartments a list of numbers', BARE, async (_t, q) => { await q(`update kernel_audit_log set compartments = '[1]' where seq = ${BARE}`); }],
      ['JSON null in a null detail', BARE, async (_t, q) => { await q(`update kernel_audit_log set detail = 'null' where seq = ${BARE}`); }],
      ['detail with a number written 3.0', FULL, async (_t, q) => { await q(`update kernel_audit_log set detail = ${json(`{"i":${FULL - 1}.0,"note":"change ${FULL - 1}"}`)} where seq = ${FULL}`); }],
    ];
    if (dialect === 'sqlite') {
      cases.push(
        ['text in a null detail', BARE, async (_t, q) => { await q(`update kernel_audit_log set detail = 'anything at all' where seq = ${BARE}`); }],
        ['garbage in compartments', BARE, async (_t, q) => { await q(`update kernel_audit_log set compartments = 'garbage' where seq = ${BARE}`); }],
        ['detail with a number written 6e0', FULL, async (_t, q) => { await q(`update kernel_audit_log set detail = ${json(`{"i":${FULL - 1}e0,"note":"change ${FULL - 1}"}`)} where seq = ${FULL}`); }],
        ['detail with spaces', FULL, async (_t, q) => { await q(`update kernel_audit_log set detail = ${json(`{ "i": ${FULL - 1}, "note": "change ${FULL - 1}" }`)} where seq = ${FULL}`); }],
        ['detail with its keys reordered', FULL, async (_t, q) => { await q(`update kernel_audit_log set detail = ${json(`{"note":"change ${FULL - 1}","i":${FULL - 1}}`)} where seq = ${FULL}`); }],
        ['compartments with spaces', FULL, async (_t, q) => { await q(`update kernel_audit_log set compartments = '["ANBU", "BREACH"]' where seq = ${FULL}`); }],
        ['at with an offset instead of Z', FULL, async (_t, q) => { await q(`update kernel_audit_log set at = replace(at, 'Z', '+00:00') where seq = ${FULL}`); }],
        ['an action stored as bytes', FULL, async (_t, q) => { await q(`update kernel_audit_log set action = cast(action as blob) where seq = ${FULL}`); }],
      );
    } else {
      cases.push(
        ['at with microseconds', FULL, async (_t, q) => { await q(`update kernel_audit_log set at = at + interval '1 microsecond' where seq = ${FULL}`); }],
        ['at at infinity', FULL, async (_t, q) => { await q(`update kernel_audit_log set at = 'infinity' where seq = ${FULL}`); }],
      );
    }
    const missed: string[] = [];
    for (const [name, k, fn] of cases) {
      for (const recompute of [false, true]) {
        const found = await tamper({ seq: k, kind: 'not_canonical' }, async (trx, q) => {
          await fn(trx, q);
          if (recompute) await rehash(trx, dialect, k);
        });
        if (found) missed.push(`${name}${recompute ? ' (hash recomputed)' : ''} → ${found}`);
      }
    }
    expect(missed).toEqual([]);
  }, 60_000);

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
            const value = field === 'detail' ? `'{"i":-1}'` : field === 'at' ? `'2020-01-01T00:00:00.000Z'` : field === 'outcome' ? `case when outcome = 'ok' then 'denied' else 'ok' end` : `'tampered'`;
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
            const rows = await selectStoredAudit(trx.selectFrom('kernel_audit_log as a'), dialect, 'a').where('a.seq', '>=', k).orderBy('a.seq').execute();
            const before = await trx.selectFrom('kernel_audit_log').select('hash').where('seq', '=', k - 1).executeTakeFirst();
            let prev = before?.hash ?? '0'.repeat(64);
            for (const r of await storedRowsToRecords(trx, rows as any[])) {
              const h = hashRecord(prev, r);
              await trx.updateTable('kernel_audit_log').set({ prev_hash: prev, hash: h }).where('seq', '=', r.seq).execute();
              prev = h;
            }
            break;
          }
        }
        return verifyAuditLog(trx, checkpoint);
      });
      const expectedSeq = kind === 'rewrite' ? checkpoint.seq : k;
      if (v.ok || v.problem!.seq !== expectedSeq) missed.push(`${kind} at ${k} (${field}) → ${v.ok ? 'not detected' : `located at ${v.problem!.seq}: ${v.problem!.message}`}`);
    }
    expect(missed).toEqual([]);
    // And the real log is untouched by all that.
    expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
  }, 120_000);

  it('accepts details stored in written key order only before the upgrade that began canonical storage', async () => {
    const old = await openTestApp(dialect);
    try {
      const db = old.ctx.db;
      // Three records as the writer before canonical storage left them: detail keys in written order.
      let prev = '0'.repeat(64);
      for (let seq = 1; seq <= 3; seq++) {
        const content = { seq, at: new Date(Date.UTC(2026, 10, 20, 0, 0, seq)).toISOString(), actor: 'system', actorPersonId: null, onBehalfOf: null, action: 'test.old', outcome: 'ok' as const, objectType: null, objectId: null, classification: 'public', compartments: [], detail: { zeta: seq, alpha: 'first written last' } };
        const hash = hashRecord(prev, content);
        await db.insertInto('kernel_audit_log').values({ seq, at: content.at, actor: content.actor, action: content.action, outcome: content.outcome, classification: 'public', compartments: '[]', detail: toJson(content.detail), prev_hash: prev, hash }).execute();
        prev = hash;
      }
      await db.updateTable('kernel_audit_head').set({ seq: 3, hash: prev }).where('id', '=', 1).execute();
      if (dialect === 'sqlite') expect((await verifyAuditLog(db)).problem).toMatchObject({ seq: 1, kind: 'not_canonical' });
      await db.transaction().execute((trx) => canonicalStorage.up(trx));
      await transact(old.ctx, async (tx) => tx.audit({ action: 'test.new', detail: { zeta: 4, alpha: 'sorted when stored' } }));
      expect(await verifyAuditLog(db)).toMatchObject({ ok: true, records: 5 });
      if (dialect === 'sqlite') {
        // (PostgreSQL's jsonb keeps keys in its own order whatever the text sent.)
        const stored = await db.selectFrom('kernel_audit_log').select('detail').where('seq', '=', 5).executeTakeFirstOrThrow();
        expect(stored.detail).toBe('{"alpha":"sorted when stored","zeta":4}');
        const v = await inScratch(db, async (trx) => {
          await dropGuards(trx, dialect);
          await sql`update kernel_audit_log set detail = '{"zeta":4,"alpha":"sorted when stored"}' where seq = 5`.execute(trx);
          return verifyAuditLog(trx);
        });
        expect(v.problem).toMatchObject({ seq: 5, kind: 'not_canonical' });
      }
    } finally {
      await old.drop();
    }
  });
});

describe.each(DIALECTS)('audit log on %s: one transaction that audits thousands of records', (dialect) => {
  it('appends them all, chained, past the databases\' bound-parameter limits for one statement', async () => {
    const app = await openTestApp(dialect);
    try {
      // 13 columns a row: 5,000 rows in one statement would pass SQLite's 32,766 and PostgreSQL's 65,535.
      await transact(app.ctx, async (tx) => {
        for (let i = 0; i < 5000; i++) tx.audit({ action: 'test.import', objectType: 'thing', objectId: `t${i}` });
      });
      const head = await auditHead(app.ctx.db);
      expect(head.seq).toBe(5000);
      expect(await verifyAuditLog(app.ctx.db, head)).toMatchObject({ ok: true, records: 5000 });
    } finally {
      await app.drop();
    }
  });
});

describe.each(DIALECTS)('audit appends across statements on %s', (dialect) => {
  it('one transaction auditing more records than one statement carries keeps every record, in order, and a head that verifies', async () => {
    const app = await openTestApp(dialect);
    try {
      // 1,000 rows a statement: 2,345 records take three, the last one with the new head.
      const sizes = [1, 999, 1000, 1001, 2345];
      for (const n of sizes) await transact(app.ctx, async (tx) => { for (let i = 0; i < n; i++) tx.audit({ action: 'test.bulk', objectId: `${n}.${i}` }); });
      const total = sizes.reduce((a, b) => a + b, 0);
      const head = await auditHead(app.ctx.db);
      expect(head.seq).toBe(total);
      const ids = (await app.ctx.db.selectFrom('kernel_audit_log').select(['seq', 'object_id']).orderBy('seq').execute()).map((r) => r.object_id);
      expect(ids).toEqual(sizes.flatMap((n) => Array.from({ length: n }, (_, i) => `${n}.${i}`)));
      expect(await verifyAuditLog(app.ctx.db, head)).toMatchObject({ ok: true, records: total, head });
    } finally {
      await app.drop();
    }
  });
});
