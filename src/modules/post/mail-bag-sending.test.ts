// How a mail bag sends its own post (post.service.ts sendBag), on both databases, by the aviary's
// rules rather than by how the bag does it: each delivery departs once, in the dispatch order
// (precedence, then acceptance, then id), its recipient hears of it in that order, each is stamped
// at the bag's instant (its latest letter's), and a bag whose post and the waiting fill exactly one
// batch sends them all without a next run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { createVillage } from '../registry/index.ts';
import { sendMessage, setRoutes } from './index.ts';
import { DISPATCH_BATCH, type writeLetters } from './post.service.ts';
import { castPerson } from './testing/cast.ts';
import { departures, oneBag } from './testing/bag.ts';
import { openPostWorld } from './testing/world.ts';


describe.each(DIALECTS)('a mail bag sending its own post on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    await createVillage(app.ctx, { code: 'konoha', name: 'Konohagakure', land: 'x', leaderTitle: 'x' });
    await setRoutes(app.ctx, { routes: [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }] });
    for (const s of ['aiko', 'baki', 'chiyo']) await castPerson(app.ctx, who, id, s, 'clerk', 'secret');
    await castPerson(app.ctx, who, id, 'matsuri', 'jounin', 'secret');
  }, 120_000);
  afterAll(async () => app?.drop());

  // Kills: the batch sorted ignoring accepted_at (ids are made in the order written); and own rows
  // written delivered without updated_at (left at their letter's acceptance).
  it('letters of one precedence handed in at different instants depart in the order accepted, not written; each is stored delivered and changed at the bag\'s instant', async () => {
    await clock.runDue();
    const early = clock.now();
    const late = new Date(early.getTime() + 1000);
    // The first letter written is the later accepted: its sender's clock is a second ahead.
    const ctxs = [{ ...who.aiko!, now: () => late }, who.baki!];
    let written!: Awaited<ReturnType<typeof writeLetters>>;
    const departed = await departures(async () => {
      written = await oneBag(ctxs, ctxs.map((_, i) => ({ to: [{ person: id.matsuri! }], subject: `routine ${i ? 'early' : 'late'}`, precedence: 'routine' })));
    });
    const [lateOne, earlyOne] = written.map((w) => w.deliveries[0]!);
    expect([lateOne!.accepted_at, earlyOne!.accepted_at]).toEqual([late.toISOString(), early.toISOString()]);
    // First come, first served within a precedence.
    expect(departed).toEqual([earlyOne!.id, lateOne!.id]);
    // Both delivered, and last changed, at the bag's instant: its latest letter's.
    const rows = await app.ctx.db.selectFrom('post_delivery').select(['id', 'state', 'delivered_at', 'updated_at']).where('id', 'in', departed).orderBy('id').execute();
    expect(rows.map((r) => ({ ...r, updated_at: new Date(r.updated_at).toISOString() })))
      .toEqual([...departed].sort().map((x) => ({ id: x, state: 'delivered', delivered_at: late.toISOString(), updated_at: late.toISOString() })));
  });

  // Kills: the waiting read after the bag's own rows are written (its own post to another village,
  // written waiting, then taken twice: one hawk too many).
  it('each delivery of a bag departs once: its letter to another village one hawk, its letter within the village one runner', async () => {
    await clock.runDue();
    clock.set(clock.now().getTime() + 1000);
    let written!: Awaited<ReturnType<typeof writeLetters>>;
    const departed = await departures(async () => {
      written = await oneBag([who.aiko!, who.baki!], [{ to: [{ village: 'konoha' }], subject: 'by hawk' }, { to: [{ person: id.matsuri! }], subject: 'by hand' }]);
    });
    const [hawk, hand] = written.map((w) => w.deliveries[0]!);
    expect([hawk!.state, hand!.state]).toEqual(['in_transit', 'delivered']);
    expect([...departed].sort()).toEqual([hawk!.id, hand!.id].sort());
    // One landing awaited for the one hawk.
    const landings = await app.ctx.db.selectFrom('kernel_job').select('key').where('kind', '=', 'post.arrive').where('key', '=', hawk!.id).execute();
    expect(landings).toEqual([{ key: hawk!.id }]);
  });

  // Kills: post within the village departing before post to another village whatever their
  // precedence (the order a batch once left in).
  it('a FLASH to another village departs before a ROUTINE within the village, in a bag as in the dispatch order', async () => {
    await clock.runDue();
    clock.set(clock.now().getTime() + 1000);
    let written!: Awaited<ReturnType<typeof writeLetters>>;
    const departed = await departures(async () => {
      written = await oneBag([who.aiko!, who.baki!], [{ to: [{ person: id.matsuri! }], subject: 'routine by hand', precedence: 'routine' }, { to: [{ village: 'konoha' }], subject: 'flash by hawk', precedence: 'flash' }]);
    });
    const [hand, hawk] = written.map((w) => w.deliveries[0]!);
    expect(departed).toEqual([hawk!.id, hand!.id]);
    expect([hawk!.state, hand!.state]).toEqual(['in_transit', 'delivered']);
  });

  // Kills: the bag's own deliveries (written delivered) announced after the waiting ones it moved,
  // whatever their order.
  it('the recipient hears of a bag\'s deliveries and the waiting ones it sends in the order they departed', async () => {
    await clock.runDue();
    const waiting = await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: 'routine waiting', precedence: 'routine' });
    expect(waiting.deliveries[0]!.state).toBe('queued');
    clock.set(clock.now().getTime() + 1000);
    const told: string[] = [];
    let allTold!: () => void;
    const heardAll = new Promise<void>((r) => { allTold = r; });
    const off = app.ctx.events.subscribe((e) => {
      if (e.type !== 'post.delivery.changed' || e.payload.state !== 'delivered' || !e.audience?.includes(id.matsuri!)) return;
      told.push(String(e.payload.deliveryId));
      if (told.length === 3) allTold();
    });
    let written!: Awaited<ReturnType<typeof writeLetters>>;
    const departed = await departures(async () => {
      written = await oneBag([who.baki!, who.chiyo!], [{ to: [{ person: id.matsuri! }], subject: 'bag routine', precedence: 'routine' }, { to: [{ person: id.matsuri! }], subject: 'bag flash', precedence: 'flash' }]);
    });
    const [routine, flash] = written.map((w) => w.deliveries[0]!.id);
    // The dispatch order: the FLASH, then the ROUTINE accepted earlier, then the bag's ROUTINE.
    expect(departed).toEqual([flash, waiting.deliveries[0]!.id, routine]);
    const rows = await app.ctx.db.selectFrom('post_delivery').select(['id', 'state', 'delivered_at']).where('id', 'in', departed).orderBy('id').execute();
    expect(rows).toEqual([...departed].sort().map((x) => ({ id: x, state: 'delivered', delivered_at: clock.now().toISOString() })));
    await heardAll;
    off();
    expect(told).toEqual(departed);
  });

  // Kills: the bag falling back to a run's path when the waiting and its own make exactly a batch
  // (>= for >): a full batch then leaves a next run behind for nothing.
  it('a bag whose post and the waiting make exactly one batch sends them all and leaves no next run', async () => {
    await clock.runDue();
    clock.set(clock.now().getTime() + 1000);
    const ahead: string[] = [];
    for (let n = 0; n < DISPATCH_BATCH - 2; n++) ahead.push((await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: `ahead ${n}`, precedence: 'flash' })).deliveries[0]!.id);
    const written = await oneBag([who.baki!, who.chiyo!], [{ to: [{ person: id.matsuri! }], subject: 'bag one' }, { to: [{ person: id.matsuri! }], subject: 'bag two' }]);
    const ours = written.map((w) => w.deliveries[0]!);
    expect(ours.map((d) => d.state)).toEqual(['delivered', 'delivered']);
    const states = await app.ctx.db.selectFrom('post_delivery').select('state').distinct().where('id', 'in', ahead).execute();
    expect(states).toEqual([{ state: 'delivered' }]);
    // A batch that was not more than full leaves nothing for a next run ("after:").
    const next = await app.ctx.db.selectFrom('kernel_job').select('key').where('kind', '=', 'post.dispatch').where('key', 'like', 'after:%').where('state', '=', 'pending').execute();
    expect(next).toEqual([]);
  }, 60_000);

  // Kills: the backlog counted in letters rather than deliveries (a letter to two recipients is two
  // deliveries of the batch).
  it('a bag whose deliveries, not letters, make the waiting more than a batch sends a batch and leaves the last of its own to the next run', async () => {
    await clock.runDue();
    clock.set(clock.now().getTime() + 1000);
    for (let n = 0; n < DISPATCH_BATCH - 2; n++) await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: `ahead ${n}`, precedence: 'flash' });
    // Two letters, three deliveries: the first to two recipients, the second accepted a second later.
    const late = new Date(clock.now().getTime() + 1000);
    const written = await oneBag([who.baki!, { ...who.chiyo!, now: () => late }], [
      { to: [{ person: id.matsuri! }, { person: id.aiko! }], subject: 'bag to two', precedence: 'routine' },
      { to: [{ person: id.matsuri! }], subject: 'bag later', precedence: 'routine' },
    ]);
    // A batch takes the 254 FLASH and the first letter's two; the later letter's one waits, with a next run.
    expect(written.map((w) => w.deliveries.map((d) => d.state))).toEqual([['delivered', 'delivered'], ['queued']]);
    const next = await app.ctx.db.selectFrom('kernel_job').select('key').where('kind', '=', 'post.dispatch').where('key', 'like', 'after:%').where('state', '=', 'pending').execute();
    expect(next).toHaveLength(1);
    // And the next run, at the bag's instant, sends it.
    clock.set(late);
    await clock.runDue();
    const left = await app.ctx.db.selectFrom('post_delivery').select('state').where('id', '=', written[1]!.deliveries[0]!.id).execute();
    expect(left).toEqual([{ state: 'delivered' }]);
  }, 60_000);
});
