// Reads audited by group commit, on both databases: every record of many reads made at once is
// in the log, with its own actor and time, committed by the time its read is answered, in one
// unbroken chain; reads made together share commits, none larger than one append statement
// carries; a read inside a transaction goes with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { openApp } from '../../app.ts';
import { transact, withActor, type AppContext } from '../context.ts';
import { auditRead, readAuditCommits } from './read-audit.ts';
import { ONE_STATEMENT_APPEND_MAX, verifyAuditLog } from './audit-log.ts';

describe.each(DIALECTS)('reads audited by group commit on %s', (dialect) => {
  let app: TestApp;
  let clock = Date.parse('2026-11-20T09:00:00Z');
  const reader = (username: string, compartments: string[]): AppContext => ({
    ...withActor(app.ctx, { kind: 'user', username, personId: null as any, role: 'jounin', clearance: { level: 'secret', compartments } }),
    now: () => new Date(clock),
  });
  beforeAll(async () => {
    app = await openTestApp(dialect);
  });
  afterAll(async () => app?.close());

  const records = (action: string) => app.ctx.db.selectFrom('kernel_audit_log').select(['seq', 'actor', 'object_id', 'at']).where('action', '=', action).orderBy('seq').execute();

  it('records every one of many reads made at once, each committed before its read is answered, in one chain', async () => {
    const anbu = reader('hawk', ['ANBU']);
    const breach = reader('kankuro', ['BREACH']);
    const seenWhenAnswered: boolean[] = [];
    const reads = Array.from({ length: 40 }, (_, i) => {
      clock += 1000;
      const ctx = { ...(i % 2 ? anbu : breach), now: () => new Date(Date.parse('2026-11-20T10:00:00Z') + i * 1000) };
      return auditRead(ctx, { action: 'test.read', objectType: 'thing', objectId: `t-${i}`, classification: 'secret', compartments: i % 2 ? ['ANBU'] : ['BREACH'] })
        // Answered: the record is there for anyone reading the log (committed), not only in a transaction.
        .then(async () => seenWhenAnswered.push(!!(await app.ctx.db.selectFrom('kernel_audit_log').select('seq').where('action', '=', 'test.read').where('object_id', '=', `t-${i}`).executeTakeFirst())));
    });
    await Promise.all(reads);
    expect(seenWhenAnswered).toEqual(Array(40).fill(true));
    const rows = await records('test.read');
    expect(rows.map((r) => r.object_id).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `t-${i}`).sort());
    for (const r of rows) {
      const i = Number(String(r.object_id).slice(2));
      expect(r.actor).toBe(i % 2 ? 'user:hawk' : 'user:kankuro');
      expect(new Date(r.at as string).toISOString()).toBe(new Date(Date.parse('2026-11-20T10:00:00Z') + i * 1000).toISOString());
    }
    // Consecutive: nothing else wrote between them, and the chain holds.
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, k) => Number(rows[0]!.seq) + k));
    expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
  });

  it('shares commits between reads made together', async () => {
    const seqBefore = Number((await app.ctx.db.selectFrom('kernel_audit_head').select('seq').executeTakeFirstOrThrow()).seq);
    const commitsBefore = readAuditCommits(app.ctx.db);
    const ctx = reader('kankuro', ['BREACH']);
    await Promise.all(Array.from({ length: 20 }, (_, i) => auditRead(ctx, { action: 'test.together', objectId: `x-${i}`, classification: 'secret', compartments: ['BREACH'] })));
    expect(Number((await app.ctx.db.selectFrom('kernel_audit_head').select('seq').executeTakeFirstOrThrow()).seq)).toBe(seqBefore + 20);
    const commits = readAuditCommits(app.ctx.db) - commitsBefore;
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(20);
    expect((await records('test.together'))).toHaveLength(20);
  });

  it('puts no more reads in one commit than one append statement carries', async () => {
    const commitsBefore = readAuditCommits(app.ctx.db);
    const ctx = reader('kankuro', ['BREACH']);
    const n = 2 * ONE_STATEMENT_APPEND_MAX + 1;
    await Promise.all(Array.from({ length: n }, (_, i) => auditRead(ctx, { action: 'test.many', objectId: `m-${i}` })));
    expect(readAuditCommits(app.ctx.db) - commitsBefore).toBeGreaterThanOrEqual(3);
    expect((await records('test.many'))).toHaveLength(n);
  });

  // PostgreSQL only: two servers on one SQLite file are two processes, each waiting for the lock
  // synchronously; two handles in this one process would each block the other's event loop.
  it.runIf(dialect === 'postgres')('keeps one chain when two servers audit reads and writes on the same database at once, whatever the records say', async () => {
    const second = await openApp({ dbPath: app.dbPath, databaseUrl: app.databaseUrl });
    try {
      const on = (base: AppContext, username: string): AppContext => ({
        ...withActor(base, { kind: 'user', username, personId: 'p-ü', onBehalfOf: username === 'baki' ? 'gaara' : undefined, role: 'jounin', clearance: { level: 'secret', compartments: ['BREACH'] } } as any),
        now: () => new Date(clock),
      });
      const ours = on(app.ctx, 'kankuro');
      const theirs = on(second.ctx, 'baki');
      // Details with what canonical JSON spells carefully: non-ASCII, escapes, numbers, nesting, key order.
      const detail = (i: number) => (i % 3 === 0 ? undefined : { zeta: i, alpha: 'sunagakure — 砂隠れ "quoted" \\ back\nline', n: [1.5, -0, 1e21, i], nested: { b: null, a: true } });
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 60; i++) {
        work.push(auditRead(i % 2 ? ours : theirs, { action: 'test.two-servers', objectId: `r-${i}`, classification: 'secret', compartments: ['BREACH', 'ANBU'], detail: detail(i) }));
        if (i % 10 === 0) work.push(transact(i % 20 ? ours : theirs, async (tx) => tx.audit({ action: 'test.two-servers.write', objectId: `w-${i}`, detail: detail(i + 1) })));
      }
      await Promise.all(work);
      const rows = await records('test.two-servers');
      expect(rows).toHaveLength(60);
      expect(new Set(rows.map((r) => r.actor))).toEqual(new Set(['user:kankuro', 'user:baki']));
      const verdict = await verifyAuditLog(app.ctx.db);
      expect(verdict.problem).toBeUndefined();
      expect(verdict.ok).toBe(true);
      const head = await app.ctx.db.selectFrom('kernel_audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
      expect({ seq: Number(head.seq), hash: head.hash }).toEqual(verdict.head);
    } finally {
      await second.close();
    }
  });

  // Committed is not enough: a read must not be answered before its record is on disk (a commit
  // made without waiting for its flush would be visible at once and lost in a crash). The head's
  // page carries the position in the log of its last change: the flushed position must have
  // reached it when the read is answered. A commit left unflushed is flushed by the log's writer
  // up to 200 ms later, so a check made at once sees it. An audited write is checked alike.
  it.runIf(dialect === 'postgres')('answers a read only once its record is on disk, and a write alike', async () => {
    await sql`create extension if not exists pageinspect`.execute(app.ctx.db);
    const onDisk = async () => {
      const { rows } = await sql<{ flushed: boolean }>`select pg_current_wal_flush_lsn() >= (select lsn from page_header(get_raw_page('kernel_audit_head', 0))) as flushed`.execute(app.ctx.db);
      return rows[0]!.flushed;
    };
    const ctx = reader('kankuro', ['BREACH']);
    const reads: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      await auditRead(ctx, { action: 'test.on-disk', objectId: `d-${i}`, classification: 'secret', compartments: ['BREACH'] });
      reads.push(await onDisk());
    }
    expect(reads).toEqual(Array(10).fill(true));
    const writes: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      await transact(ctx, async (tx) => tx.audit({ action: 'test.on-disk.write', objectId: `w-${i}` }));
      writes.push(await onDisk());
    }
    expect(writes).toEqual(Array(5).fill(true));
    expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
  });

  it('records a read inside a transaction with that transaction, rolled back with it', async () => {
    await expect(transact(reader('kankuro', ['BREACH']), async (tx) => {
      await auditRead({ ...app.ctx, tx, db: tx.db }, { action: 'test.in-tx', objectId: 'rolled back' });
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await records('test.in-tx')).toHaveLength(0);
    await transact(reader('kankuro', ['BREACH']), async (tx) => auditRead({ ...app.ctx, tx, db: tx.db }, { action: 'test.in-tx', objectId: 'kept' }));
    expect((await records('test.in-tx')).map((r) => r.object_id)).toEqual(['kept']);
  });
});
