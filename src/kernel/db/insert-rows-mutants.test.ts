// insertRows (dialect.ts) where its tests stayed green on broken code (a mutation pass): each
// test names the change it catches. As in insert-rows.test.ts, the rule is "stores what Kysely's
// own insert of the same rows stores", so rows are also written by Kysely beside ours; where the
// database's own rule gives the value (a column's default, an integer read from text), it is
// written out as well.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { insertRows } from './dialect.ts';

describe.each(DIALECTS)('insertRows, the mutants its first tests missed, on %s', (dialect) => {
  let app: TestApp;
  let db: Kysely<any>;
  const pg = dialect === 'postgres';
  beforeAll(async () => {
    app = await openTestApp(dialect);
    db = app.ctx.db;
    for (const table of ['m_ours', 'm_kysely']) {
      await db.schema.createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('n', 'integer')
        .addColumn('x', pg ? sql`double precision` : 'real')
        .addColumn('note', 'text', (c) => c.defaultTo('none'))
        .execute();
    }
  }, 60_000);
  afterAll(async () => {
    await app?.drop();
  });

  const stored = async (table: string, ids: string[]) =>
    (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by id`.execute(db)).rows.filter((r) => ids.includes(r.id as string));
  const both = async (rows: Record<string, unknown>[]) => {
    await insertRows(db, 'm_ours', rows);
    await db.insertInto('m_kysely').values(rows).execute();
    const ids = rows.map((r) => r.id as string);
    const ours = await stored('m_ours', ids);
    expect(ours).toEqual(await stored('m_kysely', ids));
    return ours;
  };

  // Kills: sameColumns checking only the number of keys (a row with as many keys as the first,
  // but others, went through the JSON path with the first row's columns: its own value dropped, a
  // column it leaves out null instead of its default).
  it('a row with as many keys as the first, but not the same ones, is stored with its own columns and the default for the rest', async () => {
    const ours = await both([{ id: 'k1', n: 1, note: 'given' }, { id: 'k2', n: 2, x: 1.5 }]);
    expect(ours.map((r) => [r.id, r.x, r.note])).toEqual([['k1', null, 'given'], ['k2', 1.5, pg ? 'none' : null]]);
  });

  // Kills: sameColumns letting any number through (JSON writes Infinity and NaN as null, so they
  // were stored as null instead of what was sent).
  it('a number JSON cannot carry (Infinity, -Infinity, NaN) is stored as sent, not as null', async () => {
    const ours = await both([{ id: 'f1', x: Infinity }, { id: 'f2', x: -Infinity }, { id: 'f3', x: NaN }]);
    expect(ours[0]!.x).toBe(Infinity);
    expect(ours[1]!.x).toBe(-Infinity);
    // SQLite keeps no NaN (it binds it as null); PostgreSQL's double precision does.
    if (pg) expect(ours[2]!.x).toBeNaN();
  });

  // Kills: sameColumns letting any value through (JSON.stringify throws on a bigint, which the
  // driver sends as its digits).
  it('a bigint is stored as its number', async () => {
    const ours = await both([{ id: 'b1', n: 5n }, { id: 'b2', n: -7n }]);
    expect(ours.map((r) => Number(r.n))).toEqual([5, -7]);
  });

  // Kills: RETURNING added when no columns are asked back.
  it('answers nothing for rows written when no columns are asked back', async () => {
    expect(await insertRows(db, 'm_ours', [{ id: 'r1', n: 1 }, { id: 'r2', n: 2 }])).toEqual([]);
    expect(await stored('m_ours', ['r1', 'r2'])).toHaveLength(2);
  });

  // Kills: a failed read of a table's columns kept in the cache (a table created after an insert
  // into it failed could then never be written through insertRows on that handle).
  it('a table that did not exist at a first insert is written once it does', async () => {
    await expect(insertRows(db, 'm_late', [{ id: 'l1', n: 1 }, { id: 'l2', n: 2 }])).rejects.toThrow();
    await db.schema.createTable('m_late').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('n', 'integer').execute();
    await insertRows(db, 'm_late', [{ id: 'l1', n: 1 }, { id: 'l2', n: 2 }]);
    expect((await sql<{ id: string; n: number }>`select id, n from m_late order by id`.execute(db)).rows).toEqual([{ id: 'l1', n: 1 }, { id: 'l2', n: 2 }]);
  });

  // Kills: the column types cached by table name for the whole process rather than per database
  // handle (a second database with a table of that name but other types got the first's casts).
  it('reads each database\'s own column types: the same table name with another type in another database', async () => {
    const other = await openTestApp(dialect);
    try {
      await db.schema.createTable('m_same').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('v', 'integer').execute();
      await other.ctx.db.schema.createTable('m_same').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('v', 'text').execute();
      const rows = [{ id: 's1', v: '007' }, { id: 's2', v: '010' }];
      await insertRows(db, 'm_same', rows);
      await insertRows(other.ctx.db, 'm_same', rows);
      const read = async (d: Kysely<any>) => (await sql<{ v: unknown }>`select v from m_same order by id`.execute(d)).rows.map((r) => r.v);
      // An integer column reads '007' as 7; a text column keeps it as written.
      expect(await read(db)).toEqual([7, 10]);
      expect(await read(other.ctx.db)).toEqual(['007', '010']);
    } finally {
      await other.drop();
    }
  }, 60_000);
});
