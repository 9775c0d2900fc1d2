// The aviary's dispatch run on its own, on both databases, with no job runner: what one run takes
// (at most a batch of 256, most urgent first, only what was accepted by the run's time), and on
// PostgreSQL that two runs at the same moment take different deliveries (SKIP LOCKED) instead of
// the same ones or waiting on each other. Also the migration that moved the aviary's notices to a
// writer no account can be: only notices (no sender) move, never a hawk an account recorded. And
// that scheduling a letter's run as the aviary leaves its writer's transaction the writer's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { transact, type AppContext } from '../../kernel/context.ts';
import { parseInput } from '../../kernel/validation.ts';
import { createVillage } from '../registry/index.ts';
import { sendMessage } from './index.ts';
import { dispatchJob, prepareMessage, writeMessage } from './post.service.ts';
import { ZMessageSend } from './post.schema.ts';
import { nextWaiting } from './post.read.ts';
import { castPerson } from './testing/cast.ts';
import { departures } from './testing/bag.ts';
import { listen } from '../../kernel/testing/events.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { up as moveAviaryNotices } from './migrations/20261202T080500_post_aviary_writer.ts';

const T0 = '2026-11-20T06:00:00.000Z';
/** The design's batch (dispatch in batches of 256, more than a mail bag's 32): written here, not read from the service. */
const BATCH = 256;
const RANK = { flash: 0, immediate: 1, priority: 2, routine: 3 } as const;

describe.each(DIALECTS)('the aviary\'s dispatch run on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};
  const queued = async () => (await app.ctx.db.selectFrom('post_delivery').select('id').where('state', '=', 'queued').execute()).map((r) => r.id as string);
  const clearQueue = async () => { await app.ctx.db.updateTable('post_delivery').set({ state: 'delivered' }).where('state', '=', 'queued').execute(); };
  const run = () => dispatchJob.run(app.ctx, {} as never);
  /**
   * Two dispatch reads of `batch` at the same moment: the first's, then the second's, on another
   * connection while the first still holds its batch ('waited' if the second waited for it).
   */
  const twoRuns = (batch: number) => app.ctx.db.transaction().execute(async (first) => {
    const a = (await nextWaiting(first, clock.now(), batch)).map((d) => d.id);
    const b = await Promise.race([
      app.ctx.db.transaction().execute(async (second) => (await nextWaiting(second, clock.now(), batch)).map((d) => d.id)),
      new Promise<'waited'>((r) => setTimeout(() => r('waited'), 5000)),
    ]);
    return { a, b };
  });

  beforeAll(async () => {
    clock = new SimulatedClock(T0);
    // No runner: each dispatch run is started here, by hand.
    app = await openTestApp(dialect, { now: clock.now });
    await createVillage(app.ctx, { code: 'suna', name: 'Sunagakure', land: 'x', leaderTitle: 'x' });
    await castPerson(app.ctx, who, id, 'aiko', 'clerk', 'secret', ['ANBU']);
    await castPerson(app.ctx, who, id, 'matsuri', 'jounin', 'public');
  }, 120_000);
  afterAll(async () => app?.drop());

  it('one run sends at most a batch of 256, the most urgent first; the rest wait for the next run', async () => {
    await clearQueue();
    const sent: { id: string; rank: number; n: number }[] = [];
    const precedences = ['routine', 'flash', 'priority', 'immediate'] as const;
    for (let n = 0; n < BATCH + 8; n++) {
      const precedence = precedences[n % 4]!;
      const m = await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: `batch ${n}`, precedence });
      sent.push({ id: m.deliveries[0]!.id, rank: RANK[precedence], n });
      clock.set(clock.now().getTime() + 1000);
    }
    await run();
    const left = new Set(await queued());
    expect(left.size).toBe(8);
    // Those left are the last 8 by (precedence, acceptance): the routine ones sent last.
    const order = [...sent].sort((a, b) => a.rank - b.rank || a.n - b.n).map((s) => s.id);
    expect([...left].sort()).toEqual(order.slice(BATCH).sort());
    // The batch was full, so the run scheduled the next, keyed by the last delivery it sent: one run
    // per bag accepted leaves none behind. The next finds 8, fewer than a batch, and schedules none.
    const after = async () => (await app.ctx.db.selectFrom('kernel_job').select(['key', 'state', 'scheduled_by', 'on_behalf_of']).where('kind', '=', 'post.dispatch').where('key', 'like', 'after:%').execute());
    expect(await after()).toEqual([{ key: `after:${order[BATCH - 1]}`, state: 'pending', scheduled_by: 'system:post.aviary', on_behalf_of: null }]);
    await run();
    expect(await queued()).toEqual([]);
    expect(await after()).toHaveLength(1);
    await app.ctx.db.deleteFrom('kernel_job').where('kind', '=', 'post.dispatch').execute();
  });

  it('the run a full batch schedules carries the label of the run that scheduled it: a SECRET letter left waiting keeps a run only those cleared for it see', async () => {
    await clearQueue();
    for (let n = 0; n < BATCH + 1; n++) await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: `public ${n}`, precedence: 'flash' });
    // The bag run of a SECRET / ANBU letter, run when a full batch of more urgent public post waits.
    await dispatchJob.run(app.ctx, { label: { classification: 'secret', compartments: ['ANBU'] } } as never);
    const next = await app.ctx.db.selectFrom('kernel_job').select(['classification', 'compartments']).where('kind', '=', 'post.dispatch').where('key', 'like', 'after:%').execute();
    expect(next.map((j) => [j.classification, fromJson<string[]>(j.compartments, [])])).toEqual([['secret', ['ANBU']]]);
    await app.ctx.db.deleteFrom('kernel_job').where('kind', '=', 'post.dispatch').execute();
  });

  it('the run a full batch schedules is labelled with the batch\'s labels joined', async () => {
    await clearQueue();
    // 255 public letters and one SECRET / ANBU: exactly a batch, so a next run is scheduled.
    for (let n = 0; n < BATCH; n++) {
      await sendMessage(who.aiko!, { to: [{ person: n === 7 ? id.aiko! : id.matsuri! }], subject: `label ${n}`, precedence: 'routine', ...(n === 7 ? { classification: 'secret', compartments: ['ANBU'] } : {}) });
    }
    await run();
    const next = await app.ctx.db.selectFrom('kernel_job').select(['classification', 'compartments']).where('kind', '=', 'post.dispatch').where('key', 'like', 'after:%').execute();
    expect(next.map((j) => [j.classification, fromJson<string[]>(j.compartments, [])])).toEqual([['secret', ['ANBU']]]);
    await app.ctx.db.deleteFrom('kernel_job').where('kind', '=', 'post.dispatch').execute();
  });

  it('a run takes only deliveries accepted by its own time: a letter written ahead (the story\'s, at its hour) waits for it', async () => {
    await clearQueue();
    const now = await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: 'now', precedence: 'routine' });
    const later = await sendMessage({ ...who.aiko!, now: () => new Date(clock.now().getTime() + 3_600_000) }, { to: [{ person: id.matsuri! }], subject: 'in an hour', precedence: 'flash' });
    await run();
    expect(await queued()).toEqual([later.deliveries[0]!.id]);
    expect(now.deliveries[0]!.id).not.toBe(later.deliveries[0]!.id);
    clock.set(clock.now().getTime() + 3_600_000);
    await run();
    expect(await queued()).toEqual([]);
  });

  it('within a precedence a run sends in the order accepted, not the order written: a letter written first but accepted later goes after', async () => {
    await clearQueue();
    const t = clock.now().getTime();
    // Written first, accepted two seconds on (its sender's clock ahead); written second, accepted one second on.
    const later = await sendMessage({ ...who.aiko!, now: () => new Date(t + 2000) }, { to: [{ person: id.matsuri! }], subject: 'accepted later', precedence: 'priority' });
    const sooner = await sendMessage({ ...who.aiko!, now: () => new Date(t + 1000) }, { to: [{ person: id.matsuri! }], subject: 'accepted sooner', precedence: 'priority' });
    clock.set(t + 2000);
    const departed = await departures(run);
    expect(departed).toEqual([sooner.deliveries[0]!.id, later.deliveries[0]!.id]);
    await app.ctx.db.deleteFrom('kernel_job').where('kind', '=', 'post.dispatch').execute();
  });

  it.runIf(dialect === 'postgres')('two runs at the same moment take different deliveries, the second the next in order, without waiting for the first', async () => {
    await clearQueue();
    const ids: string[] = [];
    for (let n = 0; n < 4; n++) {
      ids.push((await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: `pair ${n}`, precedence: 'priority' })).deliveries[0]!.id);
      clock.set(clock.now().getTime() + 1000);
    }
    expect(await twoRuns(2)).toEqual({ a: ids.slice(0, 2), b: ids.slice(2, 4) });
  });

  it.runIf(dialect === 'postgres')('two runs at the same moment take deliveries of the same letter: only deliveries are locked, not their message', async () => {
    await clearQueue();
    const ds = (await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }, { person: id.aiko! }], subject: 'to two', precedence: 'priority' })).deliveries.map((d) => d.id).sort();
    expect(await twoRuns(1)).toEqual({ a: ds.slice(0, 1), b: ds.slice(1, 2) });
  });

  it('the aviary board\'s events (a letter accepted, a hawk that flew) are for the aviary\'s staff only: each is marked for those allowed post.aviary', async () => {
    await clearQueue();
    const bus = listen(app.ctx.events);
    const m = await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: 'seen by the aviary alone', precedence: 'flash' });
    await run();
    const aviary = (what: string) => bus.next((e) => e.type === 'post.aviary.changed' && e.payload.what === what, `the aviary's "${what}"`);
    // An id heard of by anyone cleared for the label would say a letter was sent, and when: the stream
    // gives an event marked allowedTo only to listeners the policy allows that action.
    // Nor does it name the letter: the board refetches, and a mail bag's letters are announced once.
    expect(await aviary('accepted')).toMatchObject({ payload: { what: 'accepted' }, allowedTo: 'post.aviary' });
    expect(JSON.stringify(bus.events.filter((e) => e.type === 'post.aviary.changed'))).not.toContain(m.id);
    expect((await aviary('delivered')).allowedTo).toBe('post.aviary');
    expect(bus.events.filter((e) => e.type === 'post.aviary.changed').map((e) => e.allowedTo)).toEqual(bus.events.filter((e) => e.type === 'post.aviary.changed').map(() => 'post.aviary'));
  });

  // A letter's run is scheduled as the aviary, through a copy of its writer's Tx: the writer's own
  // Tx stays theirs, so a second letter written in the same transaction (writeMessage, in the
  // caller's transaction) is recorded by its writer too, not by the aviary.
  it('two letters written in their writer\'s own transaction are both recorded by the writer; each one\'s run is the aviary\'s', async () => {
    await clearQueue();
    const letter = (subject: string) => prepareMessage(who.aiko!, parseInput(ZMessageSend, { to: [{ person: id.matsuri! }], subject }));
    const [first, second] = [await letter('first of two'), await letter('second of two')];
    const ids = await transact(who.aiko!, async (tx) => [await writeMessage(tx, first), await writeMessage(tx, second)]);
    const rows = await app.ctx.db.selectFrom('post_message').select(['id', 'created_by']).where('id', 'in', ids).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.created_by]))).toEqual({ [ids[0]!]: 'aiko', [ids[1]!]: 'aiko' });
    const deliveries = await app.ctx.db.selectFrom('post_delivery').select('id').where('message_id', 'in', ids).execute();
    const runs = await app.ctx.db.selectFrom('kernel_job').select(['key', 'scheduled_by']).where('kind', '=', 'post.dispatch').where('key', 'in', deliveries.map((d) => d.id)).execute();
    expect(runs.map((r) => r.scheduled_by)).toEqual(['system:post.aviary', 'system:post.aviary']);
  });

  it('the migration gives the aviary\'s notices (no sender, written as "aviary") the writer no account can be, and leaves a hawk an account called aviary recorded as it was', async () => {
    const notice = await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: 'an old notice' });
    const hawk = await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: 'a hawk recorded by the account aviary' });
    const other = await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: 'a letter of aiko' });
    await app.ctx.db.updateTable('post_message').set({ sender_id: null, created_by: 'aviary' }).where('id', '=', notice.id).execute();
    await app.ctx.db.updateTable('post_message').set({ created_by: 'aviary' }).where('id', '=', hawk.id).execute();
    await moveAviaryNotices(app.ctx.db);
    const rows = await app.ctx.db.selectFrom('post_message').select(['id', 'created_by']).where('id', 'in', [notice.id, hawk.id, other.id]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.created_by]))).toEqual({ [notice.id]: 'post:aviary', [hawk.id]: 'aviary', [other.id]: 'aiko' });
  });
});
