// The mail bag's carriers (mail-bag.ts postInBag/carry, bagsFor) where its tests stayed green on
// broken code (a mutation pass): each test names the change it catches. The rules (bagsFor):
// PostgreSQL carries bags of 16, at most two in the database at once, a second only once a full
// bag waits for it; SQLite one bag of 32 at a time.
//
// The writer here holds each bag inside its transaction until the test lets it go, so the test
// sees which bags are in the database at once. That no further bag starts is checked after the
// bags that should have started are inside, and after as many database round trips again as a
// bag needs to get there (PostgreSQL; SQLite cannot start a second transaction while one is open).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { postInBag, type BagWriter } from './mail-bag.ts';
import { nextWaiting } from './post.read.ts';

const T0 = '2026-11-20T06:00:00.000Z';

describe.each(DIALECTS)('the mail bag\'s carriers and the waiting read, the mutants their first tests missed, on %s', (dialect) => {
  let app: TestApp;
  const pg = dialect === 'postgres';
  beforeAll(async () => {
    app = await openTestApp(dialect, { now: new SimulatedClock(T0).now });
  }, 120_000);
  afterAll(async () => app?.drop());

  /** A writer that keeps each bag in the database until let go; `calls` are the bags, in the order they got there. */
  function heldWriter() {
    const calls: { size: number; letGo(): void }[] = [];
    let inside = 0;
    let most = 0;
    let all = false;
    const waiters: { n: number; done(): void }[] = [];
    const write: BagWriter<string, string> = async (_txs, letters) => {
      most = Math.max(most, ++inside);
      let letGo!: () => void;
      const gate = new Promise<void>((r) => { letGo = r; });
      calls.push({ size: letters.length, letGo });
      if (all) letGo();
      for (const w of waiters.filter((x) => calls.length >= x.n)) w.done();
      await gate;
      inside--;
      return letters.map((l) => `${l} written`);
    };
    return {
      write,
      calls,
      most: () => most,
      /** Until `n` bags have got into the database. */
      until: (n: number) => new Promise<void>((done) => (calls.length >= n ? done() : waiters.push({ n, done }))),
      /** Lets every bag go, those inside and those to come. */
      letAllGo() {
        all = true;
        for (const c of calls) c.letGo();
      },
    };
  }

  /** Time for a bag that was started to reach its writer: PostgreSQL, several round trips on warm connections; SQLite, turns of the event loop. */
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
    if (pg) for (let i = 0; i < 4; i++) await sql`select 1`.execute(app.ctx.db);
  };
  /** Connections open in the pool beforehand, so a bag's transaction does not wait to connect. */
  const warm = async () => {
    if (pg) await Promise.all(Array.from({ length: 6 }, () => sql`select 1`.execute(app.ctx.db)));
  };
  const post = (w: ReturnType<typeof heldWriter>, names: string[]) => names.map((n) => postInBag(app.ctx, n, w.write));
  const letters = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

  // Kills: no limit on the carriers (a third bag, and more, in the database at once on PostgreSQL:
  // transactions and connections beyond what bagsFor allows).
  it('48 letters at once: never more bags in the database at once than allowed (PostgreSQL two of 16, SQLite one of 32)', async () => {
    await warm();
    const w = heldWriter();
    const names = letters('many', 48);
    const written = Promise.all(post(w, names));
    await w.until(pg ? 2 : 1);
    await settle();
    expect(w.calls.map((c) => c.size)).toEqual(pg ? [16, 16] : [32]);
    w.letAllGo();
    expect(await written).toEqual(names.map((n) => `${n} written`));
    expect(w.calls.map((c) => c.size)).toEqual(pg ? [16, 16, 16] : [32, 16]);
    expect(w.most()).toBe(pg ? 2 : 1);
  });

  // Kills: a second carrier started for letters that do not fill a bag (`>=` turned round), which
  // split them off the bag they should share, into a commit of their own.
  it('letters that do not fill a bag, handed in while a bag is in the database, wait for it and go in one bag', async () => {
    await warm();
    const w = heldWriter();
    const first = Promise.all(post(w, letters('held', 2)));
    await w.until(1);
    const later = letters('later', 3);
    const second = Promise.all(post(w, later));
    await settle();
    expect(w.calls.map((c) => c.size)).toEqual([2]);
    w.letAllGo();
    await first;
    expect(await second).toEqual(later.map((n) => `${n} written`));
    expect(w.calls.map((c) => c.size)).toEqual([2, 3]);
    expect(w.most()).toBe(1);
  });

  // Kills: a second carrier only once more than a full bag waits (`>` for `>=`): 16 letters waiting
  // on PostgreSQL sat until the first bag committed.
  it('a full bag handed in while a bag is in the database goes at once on PostgreSQL, after it on SQLite', async () => {
    await warm();
    const w = heldWriter();
    const first = Promise.all(post(w, letters('held', 2)));
    await w.until(1);
    const full = letters('full', pg ? 16 : 32);
    const second = Promise.all(post(w, full));
    // The second bag is awaited, or time for it to come: a carrier that never starts fails here, not by a timeout.
    if (pg) await Promise.race([w.until(2), settle().then(settle)]);
    await settle();
    expect(w.calls.map((c) => c.size)).toEqual(pg ? [2, 16] : [2]);
    w.letAllGo();
    await first;
    expect(await second).toEqual(full.map((n) => `${n} written`));
    expect(w.calls.map((c) => c.size)).toEqual([2, full.length]);
    expect(w.most()).toBe(pg ? 2 : 1);
  });

  // nextWaiting (post.read.ts waitingQuery), read by every mail bag and run: the dispatch order is
  // total (precedence, then acceptance, then id), so when a batch is cut among deliveries of the same
  // precedence accepted at the same instant, those with the smallest ids go first.
  // Kills: the order without its last key, the id (the cut among ties left to the database: on
  // PostgreSQL without the queue index, the rows the scan met first, here the largest ids).
  it('a batch cut among deliveries of one precedence and instant takes the smallest ids', async () => {
    const db = app.ctx.db;
    const at = '2026-11-20T05:00:00.000Z';
    await db.insertInto('post_message').values({
      id: 'msg-tie', code: 'TIE-1', sender_id: null, from_village: 'suna', subject: 'ties', body: 'b', precedence: 'routine', precedence_rank: 3,
      action_requested: pg ? false : 0, in_reply_to: null, accepted_at: at, created_by: null, created_at: at, updated_at: at,
    }).execute();
    // 300 deliveries written largest id first, so the table holds them in descending order of id.
    const ids = Array.from({ length: 300 }, (_, i) => `del-${String(i).padStart(3, '0')}`);
    const rows = [...ids].reverse().map((id) => ({
      id, message_id: 'msg-tie', recipient_kind: 'person', recipient_id: `p-${id}`, at_village: 'suna', precedence_rank: 3, accepted_at: at,
      state: 'queued', due_at: at, classification: 'public', compartments: '[]', updated_at: at,
    }));
    for (const r of rows) await db.insertInto('post_delivery').values(r).execute();
    const batch = await db.transaction().execute(async (trx) => {
      // PostgreSQL: a plan without the queue index (a sort of the rows as scanned), as the planner may choose.
      if (pg) await sql`set local enable_indexscan = off; set local enable_bitmapscan = off; set local enable_indexonlyscan = off; set local enable_hashjoin = off; set local enable_mergejoin = off`.execute(trx);
      return nextWaiting(trx, new Date(T0), 256);
    });
    expect(batch.map((d) => d.id)).toEqual(ids.slice(0, 256));
  }, 60_000);
});
