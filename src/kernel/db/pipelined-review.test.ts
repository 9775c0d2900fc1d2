// Review of pipelinedOn (create-db.ts): cases where a write not waited for meets savepoints
// (partOf), a caller that handles a part's failure, and statements sent at once in one transaction.
// On both databases the outcome must be what an awaited write gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { DIALECTS, type TestDialect } from '../testing/dialects.ts';
import { openPipedTable, UNIQUE_VIOLATION, type PipedTable } from '../testing/piped-table.ts';
import { openDatabase } from './create-db.ts';
import { insertRows } from './dialect.ts';
import { partOf, stagingTx, type Tx } from '../context.ts';
import type { AuditWrite } from '../audit/audit-log.ts';

describe.each(DIALECTS)('writes not waited for, reviewed, on %s', (dialect: TestDialect) => {
  let t: PipedTable;
  let db: Kysely<any>;
  beforeAll(async () => {
    t = await openPipedTable(dialect);
    db = t.db;
    await insertRows(db, 'piped', [{ id: 'a1', code: 'A1' }]);
  });
  afterAll(async () => t?.close());

  const ids = () => t.ids();
  const put = (trx: Kysely<any>, rows: { id: string; code: string }[]) => t.put(trx, rows);
  const txOn = (trx: Kysely<any>, audits: AuditWrite[] = []): Tx => stagingTx(trx, dialect, new Date(), { kind: 'system', username: 'test' }, [], audits);

  it('a part that throws its own error after a failed write: its error is the one raised, its audit records are dropped, the transaction goes on', async () => {
    const audits: AuditWrite[] = [];
    let raised: unknown;
    await db.transaction().execute(async (trx) => {
      const tx = txOn(trx, audits);
      await put(trx, [{ id: 'p1', code: 'P1' }]);
      try {
        await partOf(tx, async () => {
          tx.audit({ action: 'test.part', objectType: 'piped', objectId: 'p2' });
          if (dialect === 'postgres') await put(trx, [{ id: 'p2', code: 'A1' }]); // fails, unseen yet
          throw new Error('the part changed its mind');
        });
      } catch (e) {
        raised = e;
      }
      await put(trx, [{ id: 'p3', code: 'P3' }]);
    });
    // partOf drops what the failed part staged: nothing of it may be audited as done.
    expect(audits).toEqual([]);
    expect(String(raised)).toMatch('the part changed its mind');
    expect(await ids()).toEqual(['a1', 'p1', 'p3']);
  });

  it('a write that failed before a part is not taken for the part\'s failure: the transaction fails with the write\'s error', async () => {
    const failed = db.transaction().execute(async (trx) => {
      const tx = txOn(trx);
      await put(trx, [{ id: 'q1', code: 'A1' }]); // fails (on PostgreSQL, unseen yet)
      // The caller of a part handles its failure and goes on, as partOf means it to.
      await partOf(tx, async () => 'nothing').catch(() => 'the part failed');
    });
    await expect(failed).rejects.toThrow(UNIQUE_VIOLATION[dialect]);
    expect(await ids()).toEqual(['a1', 'p1', 'p3']);
  });

  it('reads sent at once after a failed write all raise the write\'s error', async () => {
    const failed = db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'r1', code: 'A1' }]);
      await Promise.all([sql`select 1`.execute(trx), sql`select 2`.execute(trx)]);
    });
    await expect(failed).rejects.toThrow(UNIQUE_VIOLATION[dialect]);
    expect(await ids()).toEqual(['a1', 'p1', 'p3']);
  });

  it('the connection serves the next transaction after all of these', async () => {
    await db.transaction().execute((trx) => put(trx, [{ id: 's1', code: 'S1' }]));
    expect(await ids()).toEqual(['a1', 'p1', 'p3', 's1']);
  });
});

describe.runIf(DIALECTS.includes('postgres'))('writes not waited for, reviewed: a connection that breaks or a statement that cannot be sent', () => {
  let t: PipedTable;
  let db: Kysely<any>;
  beforeAll(async () => {
    t = await openPipedTable('postgres');
    db = t.db;
  });
  afterAll(async () => t?.close());
  const ids = () => t.ids();
  const put = (trx: Kysely<any>, rows: { id: string; code: string }[]) => t.put(trx, rows);

  it('a value that cannot be serialized fails its statement and the transaction with its own error; the connection serves the next', async () => {
    const failed = db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'v1', code: 'V1' }]);
      await sql`select ${{ toPostgres: () => { throw new Error('cannot be sent'); } }}::text`.execute(trx);
    });
    await expect(failed).rejects.toThrow('cannot be sent');
    expect(await ids()).toEqual([]);
    await db.transaction().execute((trx) => put(trx, [{ id: 'v2', code: 'V2' }]));
    expect(await ids()).toEqual(['v2']);
  });

  it('a connection the server ends while writes are unanswered: the transaction fails, keeps nothing, and the pool opens another', async () => {
    const killer = openDatabase({ databaseUrl: t.url, poolSize: 1 });
    try {
      const failed = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await put(trx, [{ id: 'k1', code: 'K1' }]);
        // Ends this connection once the write has been sent (the next turn), before its answer is read.
        await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(killer.kysely);
        await put(trx, [{ id: 'k2', code: 'K2' }]);
        await sql`select 1`.execute(trx);
      });
      await expect(failed).rejects.toThrow(/terminat|Connection terminated|not queryable|ECONNRESET|EPIPE/);
      expect(await ids()).toEqual(['v2']);
      await db.transaction().execute((trx) => put(trx, [{ id: 'k3', code: 'K3' }]));
      expect(await ids()).toEqual(['k3', 'v2']);
    } finally {
      await killer.close();
    }
  });
});

// Mutants of pipelinedOn that src/kernel left green on f4515a4: a ROLLBACK that left the connection
// "in a transaction", an awaited statement held back to the end of the turn, unawaited writes held
// back until the next awaited statement.
describe.runIf(DIALECTS.includes('postgres'))('writes not waited for, reviewed: the connection after a rollback, and when statements leave', () => {
  let t: PipedTable;
  let db: Kysely<any>;
  /** Whether each statement Kysely waited for had left when its query call returned. */
  const leftAtOnce: boolean[] = [];
  beforeAll(async () => {
    t = await openPipedTable('postgres', {
      onConnect: (client, sends) => {
        // After pipelinedOn's wrapper (registered first).
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as { query: unknown }).query = (...args: unknown[]) => {
          const before = sends();
          const r = query(...args);
          if (args[0] === 'select 42') leftAtOnce.push(sends() > before);
          return r;
        };
      },
    });
    db = t.db;
    await insertRows(db, 'piped', [{ id: 'a1', code: 'A1' }]);
  });
  afterAll(async () => t?.close());
  const put = (trx: Kysely<any>, rows: { id: string; code: string }[]) => t.put(trx, rows);

  it('after a rolled back transaction, a marked write outside a transaction is waited for: its failure is its own call\'s', async () => {
    await expect(db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'b1', code: 'B1' }]);
      throw new Error('changed its mind');
    })).rejects.toThrow('changed its mind');
    await expect(put(db, [{ id: 'b2', code: 'A1' }])).rejects.toThrow(/duplicate key value/);
  });

  it('a statement waited for leaves at once, with the writes before it', async () => {
    leftAtOnce.length = 0;
    await db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'c1', code: 'C1' }]);
      await sql.raw('select 42').execute(trx);
    });
    expect(leftAtOnce).toEqual([true]);
  });

  it('writes not waited for leave by the end of the turn, even when the transaction next waits for something else', async () => {
    await db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'd1', code: 'D1' }]);
      const before = t.sends();
      // The turn ends (the uncork was scheduled before this, so it runs first) with no statement waited for.
      await new Promise((r) => setImmediate(r));
      expect(t.sends() - before).toBe(1);
    });
  });
});
