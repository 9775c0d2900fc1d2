// oneOf (dialect.ts): "the column is one of these", the list as one parameter, so that a hot query's text is the
// same for any number of ids. Checked against a plain IN list on both databases, with ids that an
// array literal or a JSON text must quote (commas, braces, quotes, backslashes, spaces, NULL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql, type CompiledQuery } from 'kysely';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { hotQuery } from './hot-query.ts';
import { idList, oneOf } from './dialect.ts';
import { createPerson } from '../../modules/registry/index.ts';
import { registryReferences } from '../../modules/registry/registry.references.ts';

const ODD = ['a,b', '{x}', '"q"', 'back\\slash', ' spaced ', 'NULL', 'null', '', 'é', "it's"];

const byIds = hotQuery<[unknown]>((db, ids) => db.selectFrom('one_of_probe').select('id').where(oneOf(db, 'id', ids!)).orderBy('id'), 1);

describe.each(DIALECTS)('oneOf on %s', (dialect) => {
  let app: TestApp;
  const stored = [...ODD, ...Array.from({ length: 40 }, (_, i) => `id-${i}`)];
  beforeAll(async () => {
    app = await openTestApp(dialect);
    await sql`create table one_of_probe (id text primary key)`.execute(app.ctx.db);
    await app.ctx.db.insertInto('one_of_probe').values(stored.map((id) => ({ id }))).execute();
  }, 60_000);
  afterAll(async () => app?.drop());

  it('finds exactly the stored ids among those asked, for lists of any length and spelling', async () => {
    const asked = fc.array(fc.oneof(fc.constantFrom(...stored), fc.string({ maxLength: 6 }).filter((s) => !s.includes('\0'))), { maxLength: 60 });
    await fc.assert(fc.asyncProperty(asked, async (ids) => {
      const got = (await byIds(app.ctx.db, idList(app.ctx.db, ids))).map((r) => r.id as string);
      // What the rule says, not what the database says: the stored ids that were asked for, once each.
      const want = stored.filter((id) => ids.includes(id));
      expect(new Set(got)).toEqual(new Set(want));
      expect(got).toHaveLength(want.length);
    }), { numRuns: 60 });
  });

  // fast-check keeps the property's lists short (about ten ids, whatever maxLength says), so a
  // list cut to its first few dozen ids would pass it: thousands are asked here, the stored ids
  // first, in the middle and last.
  it('finds every stored id in a list of thousands, wherever it stands', async () => {
    const absent = Array.from({ length: 6000 }, (_, i) => `absent-${i}`);
    const ids = [stored[0]!, ...absent.slice(0, 3000), ...stored.slice(1, -1), ...absent.slice(3000), stored.at(-1)!];
    const got = (await byIds(app.ctx.db, idList(app.ctx.db, ids))).map((r) => r.id as string);
    expect(got).toHaveLength(stored.length);
    expect(new Set(got)).toEqual(new Set(stored));
  });

  it('answers an empty list with nothing', async () => {
    expect(await byIds(app.ctx.db, idList(app.ctx.db, []))).toEqual([]);
  });

  it('the people finder asks one statement text whatever the number of people', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createPerson(app.ctx, { givenName: `Probe ${i}`, rank: 'genin' })).id);
    const texts = new Set<string>();
    const seen = app.ctx.db.withPlugin({
      transformQuery: (a) => a.node,
      transformResult: async (a) => a.result,
    });
    // The text each lookup sends, caught at the driver.
    const exec = seen.getExecutor() as unknown as { executeQuery(q: CompiledQuery): Promise<unknown> };
    const original = exec.executeQuery.bind(exec);
    exec.executeQuery = (q) => {
      texts.add(q.sql);
      return original(q);
    };
    const one = await registryReferences.person!.find(seen, ids.slice(0, 1));
    const three = await registryReferences.person!.find(seen, ids);
    expect(one.map((r) => r.id)).toEqual(ids.slice(0, 1));
    expect(three.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(texts.size).toBe(1);
  });
});
