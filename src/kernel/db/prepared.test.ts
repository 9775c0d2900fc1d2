// PostgreSQL statements marked hot are prepared once per connection (named), the rest are not; and
// whatever fails on a connection, a marked statement still runs there afterwards (from an outside
// review, session 17).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { openDatabase, prepareOnPostgres, type Database } from './create-db.ts';
import { freshDatabase, openTestApp, type TestApp } from '../testing/dialects.ts';
import { appendAuditWrites, appendAuditWritesInOneStatement } from '../audit/audit-log.ts';
import { transact } from '../context.ts';
import { generationOf } from './generations.ts';

const PG = !!process.env.SANDSTONE_TEST_PG_URL;

/** The statements prepared on the connection `d` runs on. */
const preparedOn = async (d: Kysely<any>) => (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(d)).rows;

describe.skipIf(!PG)('which statements go prepared', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp('postgres');
  });
  afterAll(async () => {
    await app?.drop();
  });

  /** The statements prepared on the connection the transaction runs on, after running `run` there. */
  const preparedAfter = (run: (trx: Kysely<any>) => Promise<unknown>) =>
    app.ctx.db.transaction().execute(async (trx) => {
      await run(trx);
      return preparedOn(trx);
    });
  /** Runs of the prepared audit append on this connection (0 when not prepared here). */
  const appendRuns = async (trx: Kysely<any>) => {
    const r = await sql<{ n: number }>`select coalesce(sum(generic_plans + custom_plans), 0)::int as n from pg_prepared_statements where statement like '%kernel_audit_head h set seq = last.seq%'`.execute(trx);
    return Number(r.rows[0]!.n);
  };
  const write = (action: string, i: number) => ({ actor: { kind: 'system' as const }, at: new Date('2026-12-03T00:00:00Z'), entry: { action, objectType: 't', objectId: `o${i}` } });

  it('runs a marked text as a named statement, with its parameters, and sends an unmarked one unnamed', async () => {
    const marked = 'select $1::int + 1 as next';
    prepareOnPostgres(marked);
    const unmarked = 'select $1::int + 2 as next';
    let answers: unknown[] = [];
    const prepared = await preparedAfter(async (trx) => {
      answers = [(await trx.executeQuery(CompiledQuery.raw(marked, [41]))).rows, (await trx.executeQuery(CompiledQuery.raw(unmarked, [40]))).rows];
    });
    expect(answers).toEqual([[{ next: 42 }], [{ next: 42 }]]);
    expect(prepared.map((p) => p.statement)).toContain(marked);
    expect(prepared.map((p) => p.statement)).not.toContain(unmarked);
    expect(prepared.find((p) => p.statement === marked)!.name).toMatch(/^sandstone_[0-9a-f]{24}$/);
    // Marking it again changes nothing: still one statement of that text, still answering.
    prepareOnPostgres(marked);
    let again: unknown;
    const after = await preparedAfter(async (trx) => (again = (await trx.executeQuery(CompiledQuery.raw(marked, [1]))).rows));
    expect(again).toEqual([{ next: 2 }]);
    expect(after.filter((p) => p.statement === marked)).toHaveLength(1);
  });

  it('two marked texts that share a long prefix both run on one connection', async () => {
    const a = 'select $1::int + 1 as next, 1 as which';
    const b = 'select $1::int + 1 as next, 2 as which';
    prepareOnPostgres(a);
    prepareOnPostgres(b);
    const rows = await app.ctx.db.transaction().execute(async (trx) => [
      ...(await trx.executeQuery(CompiledQuery.raw(a, [1]))).rows,
      ...(await trx.executeQuery(CompiledQuery.raw(b, [1]))).rows,
    ]);
    expect(rows).toEqual([{ next: 2, which: 1 }, { next: 2, which: 2 }]);
  });

  it('hot queries are prepared', async () => {
    const prepared = await preparedAfter(async (trx) => generationOf(trx, 'no_such_scope').catch(() => {}));
    expect(prepared.some((p) => p.statement.includes('kernel_generation'))).toBe(true);
  });

  it('prepares the audit append, whose text is one for every batch size', async () => {
    const read = (i: number) => write('kernel.test.read', i);
    const prepared = await preparedAfter(async (trx) => {
      await appendAuditWritesInOneStatement(trx, [read(1)]);
      await appendAuditWritesInOneStatement(trx, [read(2), read(3), read(4)]);
    });
    expect(prepared.filter((p) => p.statement.includes('kernel_audit_head'))).toHaveLength(1);
    const seqs = await app.ctx.db.selectFrom('kernel_audit_log').select('object_id').where('action', '=', 'kernel.test.read').orderBy('seq').execute();
    expect(seqs.map((r) => r.object_id)).toEqual(['o1', 'o2', 'o3', 'o4']);
  });

  it.each([[1, 1], [2, 1], [500, 1], [501, 0], [1500, 0]])('an audited transaction of %i records runs the one-statement append %i time(s)', async (n, expected) => {
    const runs = await app.ctx.db.transaction().execute(async (trx) => {
      const before = await appendRuns(trx);
      await appendAuditWrites(trx, Array.from({ length: n }, (_, i) => write('kernel.test.path', i)));
      return (await appendRuns(trx)) - before;
    });
    expect(runs).toBe(expected);
  });

  it('transact() appends its records with the one-statement append', async () => {
    // transact's own transaction: look at the connection from inside it, after the audit is staged.
    let runs = -1;
    await transact(app.ctx, async (tx) => {
      tx.audit({ action: 'kernel.test.transact' });
      const before = await appendRuns(tx.db);
      await appendAuditWrites(tx.db, [write('kernel.test.path', 0)]);
      runs = (await appendRuns(tx.db)) - before;
    });
    expect(runs).toBe(1);
  });
});

describe.skipIf(!PG)('named prepared statements on one connection: failures never leave a statement unusable', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let database: Database;
  let db: Kysely<any>;
  const MARKED = 'select $1::int * 10 as v';
  const run = (d: Kysely<any>, values: unknown[], text = MARKED) => d.executeQuery(CompiledQuery.raw(text, values)).then((r) => r.rows);
  const pid = async (d: Kysely<any>) => (await sql<{ p: number }>`select pg_backend_pid() as p`.execute(d)).rows[0]!.p;
  const prepared = async (d: Kysely<any>) => (await preparedOn(d)).map((r) => r.statement);

  beforeAll(async () => {
    fresh = await freshDatabase('postgres');
    // One connection: every query below runs on the same backend unless it is replaced.
    database = openDatabase({ databaseUrl: fresh.databaseUrl, poolSize: 1 });
    db = database.kysely;
    prepareOnPostgres(MARKED);
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.drop();
  });

  it('a marked text first parsed inside an aborted transaction still works afterwards on that connection', async () => {
    const p = await pid(db);
    const text = 'select $1::int + 100 as v';
    prepareOnPostgres(text);
    await expect(db.transaction().execute(async (trx) => {
      await sql`select 1/0`.execute(trx).catch(() => {});
      await run(trx, [1], text); // Parse fails: transaction aborted
    })).rejects.toThrow(/aborted/);
    expect(await pid(db)).toBe(p);
    expect(await run(db, [1], text)).toEqual([{ v: 101 }]);
  });

  it('a statement prepared inside a rolled-back transaction survives it', async () => {
    const text = 'select $1::int + 200 as v';
    prepareOnPostgres(text);
    await expect(db.transaction().execute(async (trx) => {
      expect(await run(trx, [1], text)).toEqual([{ v: 201 }]);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await run(db, [2], text)).toEqual([{ v: 202 }]);
    expect(await prepared(db)).toContain(text);
  });

  it('a marked text run with the wrong number of parameters fails, and then runs again', async () => {
    expect(await run(db, [1])).toEqual([{ v: 10 }]);
    await expect(run(db, [1, 2])).rejects.toThrow(/parameters/);
    await expect(run(db, [])).rejects.toThrow(/parameters/);
    expect(await run(db, [3])).toEqual([{ v: 30 }]);
  });

  it('a marked text whose parameter cannot be sent (client-side bind error) does not poison the connection', async () => {
    const text = 'select $1::text as v';
    prepareOnPostgres(text);
    expect(await run(db, ['a'], text)).toEqual([{ v: 'a' }]);
    const p = await pid(db);
    // JSON.stringify throws on a BigInt inside an object: pg's prepareValue throws during Bind.
    await expect(run(db, [{ n: 1n }], text)).rejects.toThrow(/BigInt/);
    expect(await pid(db)).toBe(p);
    expect(await run(db, ['b'], text)).toEqual([{ v: 'b' }]);
  });

  it('same, when the failing bind is the very first use of the text on the connection', async () => {
    const text = 'select $1::text as w';
    prepareOnPostgres(text);
    await expect(run(db, [{ n: 1n }], text)).rejects.toThrow(/BigInt/);
    expect(await run(db, ['b'], text)).toEqual([{ w: 'b' }]);
  });

  it('a replaced client (backend killed) is wrapped too, and re-prepares', async () => {
    expect(await run(db, [4])).toEqual([{ v: 40 }]);
    const p = await pid(db);
    const admin = new pg.Client({ connectionString: fresh.databaseUrl });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [p]);
    await admin.end();
    await new Promise((r) => setTimeout(r, 100));
    // The first query on the dead client may fail; the pool then replaces it.
    await run(db, [5]).catch(() => {});
    expect(await run(db, [6])).toEqual([{ v: 60 }]);
    expect(await pid(db)).not.toBe(p);
    expect(await prepared(db)).toContain(MARKED);
  });

  it('a statement deallocated behind the client\'s back (DEALLOCATE ALL / DISCARD ALL)', async () => {
    expect(await run(db, [7])).toEqual([{ v: 70 }]);
    await sql`deallocate all`.execute(db);
    // Not something Sandstone does; shows what a pooler (PgBouncer) resetting connections would cause.
    await expect(run(db, [8])).rejects.toThrow(/does not exist/);
  });
});
