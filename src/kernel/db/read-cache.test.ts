// Kept answers: the pure LRU, and generations bumped by triggers on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ReadCache, cachedRead } from './read-cache.ts';
import { committedGeneration, generationOf, watchTables } from './generations.ts';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { transact } from '../context.ts';

describe('ReadCache', () => {
  it('answers only for the generation an entry was kept under, and forgets it on a mismatch', () => {
    const c = new ReadCache(10_000);
    c.set('k', 3, 'three', 10);
    expect(c.get('k', 3)).toBe('three');
    expect(c.get('k', 4)).toBeUndefined();
    expect(c.get('k', 3)).toBeUndefined();
    expect(c.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('evicts the least recently used first and never keeps one answer bigger than a quarter of it', () => {
    const c = new ReadCache(100);
    for (const k of ['a', 'b', 'c', 'd']) c.set(k, 1, k.toUpperCase(), 25);
    c.get('a', 1); // a is now the most recent
    c.set('e', 1, 'E', 25);
    expect(c.get('b', 1)).toBeUndefined();
    for (const k of ['a', 'c', 'd', 'e']) expect(c.get(k, 1)).toBe(k.toUpperCase());
    expect(c.size).toEqual({ entries: 4, bytes: 100 });
    c.set('huge', 1, 'H', 26);
    expect(c.get('huge', 1)).toBeUndefined();
  });

  it('keeps its byte count exact and within bounds under any sequence of uses (property)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 9 }), gen: fc.integer({ min: 0, max: 3 }), bytes: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 9 }), gen: fc.integer({ min: 0, max: 3 }) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const c = new ReadCache(1000);
      const model = new Map<string, { gen: number; value: string; bytes: number }>();
      for (const o of ops) {
        const key = `k${o.key}`;
        if (o.kind === 'set') {
          c.set(key, o.gen, `${key}@${o.gen}`, o.bytes);
          if (o.bytes <= 250) model.set(key, { gen: o.gen, value: `${key}@${o.gen}`, bytes: o.bytes });
        } else {
          const got = c.get(key, o.gen);
          // Whatever it answers was kept for exactly this key and generation.
          if (got !== undefined) expect(got).toBe(`${key}@${o.gen}`);
        }
        expect(c.size.bytes).toBeLessThanOrEqual(1000);
        expect(c.size.bytes).toBeGreaterThanOrEqual(0);
      }
    }));
  });
});

describe.each(DIALECTS)('generations and cachedRead (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp(dialect);
    await sql`create table test_gadget (id text primary key, name text not null)`.execute(app.ctx.db);
    await watchTables(app.ctx.db, 'test_scope', ['test_gadget']);
  });
  afterAll(async () => app.drop());

  const gen = () => committedGeneration(app.ctx, 'test_scope');

  it('moves on every committed insert, update and delete, however the change is made', async () => {
    const g0 = await gen();
    await app.ctx.db.insertInto('test_gadget').values({ id: 'a', name: 'kunai' }).execute();
    const g1 = await gen();
    expect(g1).toBeGreaterThan(g0);
    await sql`update test_gadget set name = 'shuriken' where id = 'a'`.execute(app.ctx.db);
    const g2 = await gen();
    expect(g2).toBeGreaterThan(g1);
    await app.ctx.db.deleteFrom('test_gadget').where('id', '=', 'a').execute();
    expect(await gen()).toBeGreaterThan(g2);
  });

  it('does not move for a rolled-back change, and an open transaction bump is invisible outside it', async () => {
    const before = await gen();
    await expect(transact(app.ctx, async (tx) => {
      await tx.db.insertInto('test_gadget').values({ id: 'b', name: 'scroll' }).execute();
      expect(await generationOf(tx.db, 'test_scope')).toBeGreaterThan(before); // the transaction sees its own change
      expect(await gen()).toBe(before); // nobody else does, yet
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await gen()).toBe(before);
  });

  it('recomputes after a change and reuses the answer while nothing changes; inside a transaction it always computes', async () => {
    let computed = 0;
    const read = () => cachedRead(app.ctx, 'test_scope', 'all', async () => {
      computed++;
      return (await app.ctx.db.selectFrom('test_gadget').select('name').orderBy('name').execute()).map((r) => r.name).join(',');
    }, (v) => v.length);
    expect(await read()).toBe('');
    expect(await read()).toBe('');
    expect(computed).toBe(1);
    await app.ctx.db.insertInto('test_gadget').values({ id: 'c', name: 'tag' }).execute();
    expect(await read()).toBe('tag');
    expect(computed).toBe(2);
    await transact(app.ctx, async (tx) => {
      const inner = await cachedRead({ ...app.ctx, db: tx.db, tx }, 'test_scope', 'all', async () => 'inside', (v) => v.length);
      expect(inner).toBe('inside');
    });
    expect(await read()).toBe('tag');
    expect(computed).toBe(2);
  });

  it('refuses names that are not plain identifiers', async () => {
    await expect(watchTables(app.ctx.db, 'x; drop table y', ['test_gadget'])).rejects.toThrow(/plain identifier/);
  });
});
