// PostgreSQL statements marked hot are prepared once per connection (named), the rest are not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { prepareOnPostgres } from './create-db.ts';
import { openTestApp, type TestApp } from '../testing/dialects.ts';
import { appendAuditWritesInOneStatement } from '../audit/audit-log.ts';

const PG = !!process.env.SANDSTONE_TEST_PG_URL;

describe.skipIf(!PG)('statements prepared on PostgreSQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp('postgres');
  });
  afterAll(async () => {
    await app?.drop();
  });

  /** The statements prepared on the connection the transaction runs on, after running `run` there. */
  const preparedAfter = (run: (trx: any) => Promise<unknown>) =>
    app.ctx.db.transaction().execute(async (trx) => {
      await run(trx);
      const rows = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
      return rows.rows;
    });

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

  it('prepares the audit append, whose text is one for every batch size', async () => {
    const write = (i: number) => ({ actor: { kind: 'system' as const }, at: new Date('2026-12-03T00:00:00Z'), entry: { action: 'kernel.test.read', objectType: 't', objectId: `o${i}` } });
    const prepared = await preparedAfter(async (trx) => {
      await appendAuditWritesInOneStatement(trx, [write(1)]);
      await appendAuditWritesInOneStatement(trx, [write(2), write(3), write(4)]);
    });
    expect(prepared.filter((p) => p.statement.includes('kernel_audit_head'))).toHaveLength(1);
    const seqs = await app.ctx.db.selectFrom('kernel_audit_log').select('object_id').where('action', '=', 'kernel.test.read').orderBy('seq').execute();
    expect(seqs.map((r) => r.object_id)).toEqual(['o1', 'o2', 'o3', 'o4']);
  });
});
