// insertRows (dialect.ts) stores exactly what Kysely's own insert of the same rows stores, on both
// databases: the expected rows are written by Kysely beside them, never worked out from the
// function under test. On PostgreSQL its text does not depend on the number of rows, so it is
// prepared once per connection (the reason it exists: bench/post.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { columnTypes, insertRows } from './dialect.ts';

describe.each(DIALECTS)('insertRows on %s', (dialect) => {
  let app: TestApp;
  let db: Kysely<any>;
  beforeAll(async () => {
    app = await openTestApp(dialect);
    db = app.ctx.db;
    const t = columnTypes(db);
    for (const table of ['rows_ours', 'rows_kysely']) {
      await db.schema.createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.unique())
        .addColumn('n', 'integer')
        .addColumn('flag', t.bool)
        .addColumn('at', t.instant)
        .addColumn('tags', t.json)
        .addColumn('note', 'text', (c) => c.defaultTo('none'))
        .execute();
    }
  });
  afterAll(async () => {
    await app?.drop();
  });

  const stored = async (table: string) => (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by id`.execute(db)).rows;
  const flag = (b: boolean) => (dialect === 'postgres' ? b : b ? 1 : 0);
  const both = async (rows: Record<string, unknown>[]) => {
    await insertRows(db, 'rows_ours', rows);
    await db.insertInto('rows_kysely').values(rows).execute();
  };

  it('stores text, numbers, booleans, instants, JSON text and nulls as Kysely does', async () => {
    const rows = [
      { id: 'a', code: 'A-1', n: 7, flag: flag(true), at: '2026-12-04T10:00:00.000Z', tags: JSON.stringify(['x', 'y"z']), note: 'quote \' and "double" and \\ back, émoji 🦅' },
      { id: 'b', code: null, n: -3, flag: flag(false), at: '2026-01-31T23:59:59.999Z', tags: '[]', note: '' },
      { id: 'c', code: 'C-3', n: null, flag: null, at: null, tags: JSON.stringify({ k: [1, null, true] }), note: 'lone \ud800 surrogate' },
    ];
    await both(rows);
    const ours = await stored('rows_ours');
    expect(ours).toEqual(await stored('rows_kysely'));
    expect(ours).toHaveLength(3);
    // Not stored as a JSON string holding the text: the array itself.
    if (dialect === 'postgres') {
      const kinds = await sql<{ k: string }>`select jsonb_typeof(tags) as k from rows_ours order by id`.execute(db);
      expect(kinds.rows.map((r) => r.k)).toEqual(['array', 'array', 'object']);
    }
  });

  it('fills a column a row leaves out as Kysely does (its default on PostgreSQL, null on SQLite)', async () => {
    await both([{ id: 'd', code: 'D-4', n: 1 }, { id: 'e', code: 'E-5', n: 2, note: 'given' }]);
    const pick = async (table: string) => (await stored(table)).filter((r) => ['d', 'e'].includes(r.id as string)).map((r) => [r.id, r.note]);
    expect(await pick('rows_ours')).toEqual([['d', dialect === 'postgres' ? 'none' : null], ['e', 'given']]);
    expect(await pick('rows_ours')).toEqual(await pick('rows_kysely'));
  });

  it('skips rows that conflict, with one another or with rows stored, and returns only those written', async () => {
    const back = await insertRows<{ id: string }>(db, 'rows_ours', [
      { id: 'f', code: 'A-1', n: 1 }, // taken by a stored row
      { id: 'g', code: 'G-7', n: 2 },
      { id: 'h', code: 'G-7', n: 3 }, // taken by the row before it
      { id: 'i', code: 'I-9', n: 4 },
    ].map((r) => ({ ...r, note: 'x' })), { skipConflictOn: ['code'], returning: ['id'] });
    expect(back.map((r) => r.id).sort()).toEqual(['g', 'i']);
    const ids = (await stored('rows_ours')).map((r) => r.id);
    expect(ids).toContain('g');
    expect(ids).not.toContain('f');
    expect(ids).not.toContain('h');
  });

  it('refuses a column the table does not have, and writes none of the rows', async () => {
    const before = (await stored('rows_ours')).length;
    await expect(insertRows(db, 'rows_ours', [{ id: 'j', nope: 1 }])).rejects.toThrow(/nope/);
    expect(await stored('rows_ours')).toHaveLength(before);
  });

  it('refuses a text too long for its column as Kysely does, rather than cutting it short (PostgreSQL; SQLite keeps any length)', async () => {
    for (const table of ['short_ours', 'short_kysely']) {
      await db.schema.createTable(table).addColumn('id', 'text', (c) => c.primaryKey()).addColumn('tag', sql`varchar(3)`).execute();
    }
    const rows = [{ id: 's1', tag: 'abc' }, { id: 's2', tag: 'abcdef' }];
    const outcome = (p: Promise<unknown>) => p.then(() => 'stored', (e: Error) => e.message);
    const ours = await outcome(insertRows(db, 'short_ours', rows));
    const kysely = await outcome(db.insertInto('short_kysely').values(rows).execute());
    expect(ours).toBe(kysely);
    expect(ours).toBe(dialect === 'postgres' ? 'value too long for type character varying(3)' : 'stored');
    expect(await stored('short_ours')).toEqual(await stored('short_kysely'));
  });

  it('writes a table whose name needs quoting, and a column added after its first rows were written', async () => {
    await db.schema.createTable('Mixed Case').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('n', 'integer').execute();
    await insertRows(db, 'Mixed Case', [{ id: 'm1', n: 1 }, { id: 'm2', n: 2 }]);
    await db.schema.alterTable('Mixed Case').addColumn('later', 'text').execute();
    await insertRows(db, 'Mixed Case', [{ id: 'm3', n: 3, later: 'yes' }, { id: 'm4', n: 4, later: null }]);
    expect(await stored('Mixed Case')).toEqual([
      { id: 'm1', n: 1, later: null }, { id: 'm2', n: 2, later: null }, { id: 'm3', n: 3, later: 'yes' }, { id: 'm4', n: 4, later: null },
    ]);
  });

  it('writes nothing and answers nothing for no rows', async () => {
    expect(await insertRows(db, 'rows_ours', [], { returning: ['id'] })).toEqual([]);
  });

  it.skipIf(dialect !== 'postgres')('sends one prepared text whatever the number of rows', async () => {
    const prepared = await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'rows_ours', [{ id: 'k1', n: 1 }, { id: 'k2', n: 2 }]);
      await insertRows(trx, 'rows_ours', [{ id: 'k3', n: 3 }, { id: 'k4', n: 4 }, { id: 'k5', n: 5 }]);
      return (await sql<{ statement: string }>`select statement from pg_prepared_statements where statement like 'insert into "rows_ours" ("id", "n")%'`.execute(trx)).rows;
    });
    expect(prepared).toHaveLength(1);
  });
});
