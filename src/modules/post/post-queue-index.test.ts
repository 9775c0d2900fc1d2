// The aviary's read of the queue (post.read.ts nextWaiting) is served by the queue's index, which
// holds the queued deliveries only (migration 20261205T040000), on both databases; on PostgreSQL
// also by the plan a statement prepared once keeps (a generic plan), which is why the read writes
// 'queued' out rather than binding it. Found by a mutation pass: an index on the wrong state, or a
// bound state, left every test green (the answers stay right; every read scans the deliveries).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { nextWaiting } from './post.read.ts';

const T0 = '2026-11-20T06:00:00.000Z';

/** The statements `fn` sends through db, as sent. */
async function sent(db: Kysely<any>, fn: (db: Kysely<any>) => Promise<unknown>): Promise<CompiledQuery[]> {
  const out: CompiledQuery[] = [];
  const spy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'executeQuery') return (c: CompiledQuery) => { out.push(c); return target.executeQuery(c); };
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  await fn(spy);
  return out;
}

describe.each(DIALECTS)('the queue\'s index on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp(dialect, { now: new SimulatedClock(T0).now });
  }, 120_000);
  afterAll(async () => app?.drop());

  it('holds the queued deliveries only, and the aviary\'s read of the queue goes through it', async () => {
    const db = app.ctx.db;
    const [read] = (await sent(db, (d) => nextWaiting(d, new Date(T0), 256))).filter((c) => /post_delivery/.test(c.sql));
    expect(read).toBeDefined();
    if (dialect === 'sqlite') {
      const def = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and name = 'post_delivery_queue_idx'`.execute(db);
      expect(def.rows[0]!.sql.replace(/\s+/g, ' ')).toMatch(/\("?precedence_rank"?, "?accepted_at"?, "?id"?\) where state = 'queued'$/i);
      const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${read!.sql}`, [...read!.parameters]));
      expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(/USING (COVERING )?INDEX post_delivery_queue_idx/);
      return;
    }
    const def = await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'post_delivery_queue_idx'`.execute(db);
    expect(def.rows[0]!.indexdef).toMatch(/\(precedence_rank, accepted_at, id\) WHERE \(state = 'queued'::text\)$/);
    // The plan a prepared statement keeps: generic, made without its arguments.
    const plan = await db.transaction().execute(async (trx) => {
      await sql`set local plan_cache_mode = force_generic_plan`.execute(trx);
      await sql`set local enable_seqscan = off`.execute(trx);
      await trx.executeQuery(CompiledQuery.raw(`prepare queue_read as ${read!.sql}`));
      const r = await trx.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (format json) execute queue_read(${read!.parameters.map((p) => (typeof p === 'number' ? String(p) : `'${String(p)}'`)).join(', ')})`));
      await trx.executeQuery(CompiledQuery.raw('deallocate queue_read'));
      return JSON.stringify(r.rows[0]!['QUERY PLAN']);
    });
    expect(plan).toContain('"Index Name":"post_delivery_queue_idx"');
  });
});
