// Finds gathered across askers (findRecords): many requests at once naming records of one kind go
// to the database as one statement, and each asker still gets exactly what its own find returns;
// inside a transaction a find is the transaction's own. On both databases, with the registry's
// organizations (found by id or by code).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DIALECTS, openTestApp, type TestApp } from './testing/dialects.ts';
import { findRecords, type ReferencedRecord, type ReferenceKind } from './references.ts';
import { createOrganization } from '../modules/registry/index.ts';

const byId = (rows: readonly ReferencedRecord[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe.each(DIALECTS)('finds gathered across askers on %s', (dialect) => {
  let app: TestApp;
  let kind: ReferenceKind;
  const pool: string[] = [];
  const orgs: { id: string; code: string }[] = [];

  /** The kind as declared, its statements counted: the database underneath is the real one. */
  const counted = () => {
    const c = { statements: 0, kind: undefined as unknown as ReferenceKind };
    c.kind = { ...kind, find: (db, refs) => { c.statements++; return kind.find(db, refs); } };
    return c;
  };

  beforeAll(async () => {
    app = await openTestApp(dialect);
    kind = app.ctx.references!.get('registry.organization')!;
    for (let i = 0; i < 8; i++) {
      const o = await createOrganization(app.ctx, { code: `gather-${i}`, name: `Office ${i}`, kind: 'office' });
      orgs.push({ id: o.id, code: `gather-${i}` });
    }
    // Each office by id and by code, and names no record has.
    pool.push(...orgs.flatMap((o) => [o.id, o.code]), 'gather-none', '01JZZZZZZZZZZZZZZZZZZZZZZZ');
  }, 120_000);
  afterAll(async () => app?.drop());

  it('answers each asker exactly what its own find would, in one statement for all of them', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.subarray(pool, { minLength: 1 }), { minLength: 1, maxLength: 8 }), async (askers) => {
      const c = counted();
      const together = await Promise.all(askers.map((refs) => findRecords(c.kind, app.ctx.db, refs)));
      expect(c.statements).toBe(1);
      for (const [i, refs] of askers.entries()) expect(byId(together[i]!)).toEqual(byId(await kind.find(app.ctx.db, refs)));
    }), { numRuns: 40 });
  });

  it('gives a record found by its code only to askers who named it, by id or code', async () => {
    const [a, b] = orgs;
    const c = counted();
    const [byCode, other, both] = await Promise.all([
      findRecords(c.kind, app.ctx.db, [a!.code]),
      findRecords(c.kind, app.ctx.db, [b!.id]),
      findRecords(c.kind, app.ctx.db, [a!.id, b!.code]),
    ]);
    expect(c.statements).toBe(1);
    expect(byCode.map((r) => r.id)).toEqual([a!.id]);
    expect(other.map((r) => r.id)).toEqual([b!.id]);
    expect(byId(both).map((r) => r.id)).toEqual([a!.id, b!.id].sort());
  });

  it('finds many names in several statements, each record once however it was named', async () => {
    // Each office's id in the first statement, its code in the second.
    const many = [...orgs.map((o) => o.id), ...Array.from({ length: 450 }, (_, i) => `gather-missing-${i}`), ...orgs.map((o) => o.code)];
    const c = counted();
    const rows = await findRecords(c.kind, app.ctx.db, many);
    expect(c.statements).toBe(2);
    expect(rows.map((r) => r.id).sort()).toEqual(orgs.map((o) => o.id).sort());
  });

  it('inside a transaction finds on its own, seeing what the transaction wrote', async () => {
    const c = counted();
    await app.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('registry_organization').values({ ...(await trx.selectFrom('registry_organization').selectAll().where('id', '=', orgs[0]!.id).executeTakeFirstOrThrow()), id: '01JGATHERTXXXXXXXXXXXXXXXX', code: 'gather-tx' }).execute();
      const [mine, theirs] = await Promise.all([findRecords(c.kind, trx, ['gather-tx']), findRecords(c.kind, trx, [orgs[1]!.id])]);
      expect([mine.map((r) => r.id), theirs.map((r) => r.id)]).toEqual([['01JGATHERTXXXXXXXXXXXXXXXX'], [orgs[1]!.id]]);
      expect(c.statements).toBe(2);
      throw new Error('roll back');
    }).catch((e: Error) => expect(e.message).toBe('roll back'));
    expect(await findRecords(kind, app.ctx.db, ['gather-tx'])).toEqual([]);
  });

  it('a find that fails fails every asker gathered with it, and the next gathering is a new one', async () => {
    let fail = true;
    const flaky: ReferenceKind = { ...kind, find: (db, refs) => (fail ? Promise.reject(new Error('database gone')) : kind.find(db, refs)) };
    const settled = await Promise.allSettled([findRecords(flaky, app.ctx.db, [orgs[0]!.id]), findRecords(flaky, app.ctx.db, [orgs[1]!.code])]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect((await findRecords(flaky, app.ctx.db, [orgs[1]!.code])).map((r) => r.id)).toEqual([orgs[1]!.id]);
  });
});
