// partOf (context.ts): a part of a transaction that fails is wound back alone, on both databases.
// Its writes, the events and audit records it staged, and what it said once are gone; the rest of
// the transaction, before and after it, commits. What is expected comes from that rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, openTestApp, type TestApp } from './testing/dialects.ts';
import { actingAs, partOf, transact } from './context.ts';
import type { SandstoneEvent } from './events/event-bus.ts';

describe.each(DIALECTS)('partOf on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp(dialect);
    await app.ctx.db.schema.createTable('part_rows').addColumn('id', 'text', (c) => c.primaryKey()).execute();
  }, 60_000);
  afterAll(async () => app?.drop());

  const rows = async () => (await sql<{ id: string }>`select id from part_rows order by id`.execute(app.ctx.db)).rows.map((r) => r.id);
  const audited = async (prefix: string) => (await app.ctx.db.selectFrom('kernel_audit_log').select('action').where('action', 'like', `${prefix}%`).orderBy('seq').execute()).map((r) => r.action);

  it('winds back a part that throws, and only it: its rows, events and audit records; what it said may be said again', async () => {
    const heard: SandstoneEvent[] = [];
    let ended!: () => void;
    const end = new Promise<void>((r) => { ended = r; });
    const off = app.ctx.events.subscribe((e) => {
      if (!e.type.startsWith('test.part')) return;
      heard.push(e);
      if (e.type === 'test.part.end') ended();
    });
    const caught = await transact(app.ctx, async (tx) => {
      await sql`insert into part_rows (id) values ('before')`.execute(tx.db);
      tx.audit({ action: 'test.part.before' });
      let error: unknown;
      try {
        await partOf(tx, async () => {
          await sql`insert into part_rows (id) values ('inside')`.execute(tx.db);
          tx.emit('test.part.said', { n: 1 });
          tx.audit({ action: 'test.part.inside' });
          // A statement that fails, as a database error would: PostgreSQL refuses the rest of the
          // transaction after one, unless it is rolled back to the savepoint.
          await sql`insert into part_rows (id) values ('before')`.execute(tx.db);
        });
      } catch (e) {
        error = e;
      }
      await sql`insert into part_rows (id) values ('after')`.execute(tx.db);
      tx.emit('test.part.said', { n: 1 });
      tx.audit({ action: 'test.part.after' });
      tx.emit('test.part.end', {});
      return error;
    });
    await end;
    off();
    expect(caught).toBeDefined();
    expect(await rows()).toEqual(['after', 'before']);
    expect(await audited('test.part.')).toEqual(['test.part.before', 'test.part.after']);
    // Said inside the part and again after it: heard once, from after it.
    expect(heard.map((e) => e.type)).toEqual(['test.part.said', 'test.part.end']);
  });

  it('keeps a part that succeeds, and answers what it answered', async () => {
    const out = await transact(app.ctx, async (tx) => partOf(tx, async () => {
      await sql`insert into part_rows (id) values ('kept')`.execute(tx.db);
      tx.audit({ action: 'test.kept' });
      return 42;
    }));
    expect(out).toBe(42);
    expect(await rows()).toContain('kept');
    expect(await audited('test.kept')).toEqual(['test.kept']);
  });

  it('knows only the Tx the transaction made: a copy of it (a spread, Object.assign) is not wound back, nor acted through', async () => {
    await transact(app.ctx, async (tx) => {
      expect(actingAs(tx, { kind: 'system' })).toBeDefined();
      for (const copy of [{ ...tx }, Object.assign({}, tx, { actor: { kind: 'system' as const } })]) {
        expect(actingAs(copy, { kind: 'system' })).toBeUndefined();
      }
    });
    // Through a copy, a failing part is the transaction's failure: nothing of it commits.
    await expect(transact(app.ctx, async (tx) => {
      await sql`insert into part_rows (id) values ('copied')`.execute(tx.db);
      await partOf({ ...tx }, async () => { throw new Error('the part fails'); });
    })).rejects.toThrow('the part fails');
    expect(await rows()).not.toContain('copied');
  });
});
