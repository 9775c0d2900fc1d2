// Statements not waited for (create-db.ts pipelinedOn): on PostgreSQL a transaction's BEGIN and
// its marked writes go out with the statement that follows, in one send, and a marked write's
// failure is raised by that statement; on both databases the transaction then fails with the
// write's own error and keeps nothing, exactly as if it had been awaited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { DIALECTS, type TestDialect } from '../testing/dialects.ts';
import { openPipedTable, UNIQUE_VIOLATION, type PipedTable } from '../testing/piped-table.ts';
import { partOf, stagingTx, type Tx } from '../context.ts';

describe.each(DIALECTS)('writes not waited for, on %s', (dialect: TestDialect) => {
  let t: PipedTable;
  let db: Kysely<any>;
  beforeAll(async () => {
    t = await openPipedTable(dialect);
    db = t.db;
  });
  afterAll(async () => t?.close());

  const ids = () => t.ids();
  const put = (trx: Kysely<any>, rows: { id: string; code: string }[]) => t.put(trx, rows);

  it('writes in order: the statement after them reads them, and the commit keeps them', async () => {
    const seen = await db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'a1', code: 'A1' }]);
      await put(trx, [{ id: 'a2', code: 'A2' }, { id: 'a3', code: 'A3' }]);
      return (await sql<{ id: string }>`select id from piped order by id`.execute(trx)).rows.map((r) => r.id);
    });
    expect(seen).toEqual(['a1', 'a2', 'a3']);
    expect(await ids()).toEqual(['a1', 'a2', 'a3']);
  });

  it('a write that fails fails its transaction with its own error, raised at the latest by the commit, and nothing of it is kept', async () => {
    let wentOn = false;
    const failed = db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'b1', code: 'B1' }]);
      await put(trx, [{ id: 'b2', code: 'A1' }]); // the code a1 holds
      wentOn = true;
    });
    await expect(failed).rejects.toThrow(UNIQUE_VIOLATION[dialect]);
    // Not waited for on PostgreSQL: the transaction went on past it and its COMMIT raised it.
    expect(wentOn).toBe(dialect === 'postgres');
    expect(await ids()).toEqual(['a1', 'a2', 'a3']);
  });

  it('a read after a failed write raises the write\'s error, not its own', async () => {
    const failed = db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'c1', code: 'A2' }]);
      await sql`select id from piped`.execute(trx);
    });
    await expect(failed).rejects.toThrow(UNIQUE_VIOLATION[dialect]);
    expect(await ids()).toEqual(['a1', 'a2', 'a3']);
  });

  it('an error thrown by the transaction itself stays the one raised, and the connection serves the next transaction', async () => {
    const failed = db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'd1', code: 'D1' }]);
      if (dialect === 'postgres') await put(trx, [{ id: 'd2', code: 'A3' }]); // fails, unseen yet
      throw new Error('the caller changed its mind');
    });
    await expect(failed).rejects.toThrow('the caller changed its mind');
    expect(await ids()).toEqual(['a1', 'a2', 'a3']);
    await db.transaction().execute((trx) => put(trx, [{ id: 'd3', code: 'D3' }]));
    expect(await ids()).toEqual(['a1', 'a2', 'a3', 'd3']);
  });

  it('a failed write inside a part (a savepoint) undoes only the part; the transaction goes on and commits the rest', async () => {
    await db.transaction().execute(async (trx) => {
      const tx: Tx = stagingTx(trx, dialect, new Date(), { kind: 'system', username: 'test' }, [], []);
      await put(trx, [{ id: 'e1', code: 'E1' }]);
      await expect(partOf(tx, () => put(trx, [{ id: 'e2', code: 'E1' }]))).rejects.toThrow(UNIQUE_VIOLATION[dialect]);
      await put(trx, [{ id: 'e3', code: 'E3' }]);
    });
    expect(await ids()).toEqual(['a1', 'a2', 'a3', 'd3', 'e1', 'e3']);
  });

  it('outside a transaction a marked write is waited for: its failure is its own call\'s', async () => {
    await expect(put(db, [{ id: 'f1', code: 'A1' }])).rejects.toThrow(UNIQUE_VIOLATION[dialect]);
    await put(db, [{ id: 'f2', code: 'F2' }]);
    expect(await ids()).toContain('f2');
  });

  it.runIf(dialect === 'postgres')('BEGIN, the writes and the COMMIT leave in one send', async () => {
    const before = t.sends();
    await db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'g1', code: 'G1' }]);
      await put(trx, [{ id: 'g2', code: 'G2' }]);
    });
    expect(t.sends() - before).toBe(1);
    // A read between them is waited for: BEGIN and the first write leave with it, the rest with the COMMIT.
    const between = t.sends();
    await db.transaction().execute(async (trx) => {
      await put(trx, [{ id: 'h1', code: 'H1' }]);
      await sql`select 1`.execute(trx);
      await put(trx, [{ id: 'h2', code: 'H2' }]);
    });
    expect(t.sends() - between).toBe(2);
    expect(await ids()).toEqual(expect.arrayContaining(['g1', 'g2', 'h1', 'h2']));
  });
});
