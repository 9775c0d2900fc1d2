// The mail bag (mail-bag.ts) on both databases: letters handed in at once by different senders
// share one transaction, yet each is accepted as if alone — its own code, audit record under its
// own sender, its delivery, the answer its sender would read back — a bag sends its own post as the
// aviary would, and one letter's failure in a bag neither fails nor loses another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { schedule } from '../../kernel/jobs/index.ts';
import { verifyAuditLog } from '../../kernel/audit/audit-log.ts';
import type { AppContext, Tx } from '../../kernel/context.ts';
import type { SandstoneEvent } from '../../kernel/events/event-bus.ts';
import { createVillage } from '../registry/index.ts';
import { getMessage, sendMessage, setRoutes } from './index.ts';
import { type writeLetters } from './post.service.ts';
import { postInBag, type BagWriter } from './mail-bag.ts';
import { castPerson } from './testing/cast.ts';
import { departures, oneBag } from './testing/bag.ts';
import { openPostWorld } from './testing/world.ts';

const SENDERS = ['aiko', 'baki', 'chiyo', 'daiki'] as const;

describe.each(DIALECTS)('the mail bag on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    for (const s of SENDERS) await castPerson(app.ctx, who, id, s, 'clerk', 'secret');
    await castPerson(app.ctx, who, id, 'matsuri', 'jounin', 'secret');
  }, 120_000);
  afterAll(async () => app?.drop());

  it('four senders at once: each letter its own code, its sender\'s audit record, and the answer it reads back; a bag sends its own post, a letter alone leaves it to a run', async () => {
    const answers = await Promise.all(SENDERS.map((s, i) => sendMessage(who[s]!, { to: [{ person: id.matsuri! }], subject: `at once ${i}`, precedence: 'priority', classification: i === 3 ? 'secret' : 'restricted' })));
    expect(new Set(answers.map((a) => a.code)).size).toBe(SENDERS.length);
    for (const [i, s] of SENDERS.entries()) {
      const a = answers[i]!;
      expect(a.subject).toBe(`at once ${i}`);
      // The answer made from the rows written is what the sender reads back.
      // (A letter answered as waiting may since have been sent by a later bag: PostgreSQL.)
      const now = await getMessage(who[s]!, a.id);
      expect(a).toEqual(a.deliveries[0]!.state === 'queued' ? { ...now, deliveries: now.deliveries.map((x) => ({ ...x, state: 'queued', deliveredAt: null })) } : now);
      const audit = await app.ctx.db.selectFrom('kernel_audit_log').select(['actor', 'actor_person_id']).where('action', '=', 'post.send').where('object_id', '=', a.id).execute();
      expect(audit).toEqual([{ actor: `user:${s}`, actor_person_id: id[s] }]);
    }
    // A letter in a bag was delivered in the bag's commit and has no run; a letter alone waits for
    // its run, keyed by its delivery and labelled as it is. SQLite packs the four in one bag;
    // PostgreSQL's lookups may finish apart.
    const keys = answers.map((a) => a.deliveries[0]!.id);
    const runs = await app.ctx.db.selectFrom('kernel_job').select(['key', 'scheduled_by', 'on_behalf_of', 'classification']).where('kind', '=', 'post.dispatch').where('key', 'in', keys).execute();
    for (const [i, a] of answers.entries()) {
      const run = runs.find((j) => j.key === keys[i]);
      if (a.deliveries[0]!.state === 'delivered') expect(run).toBeUndefined();
      else expect(run).toEqual({ key: keys[i], scheduled_by: 'system:post.aviary', on_behalf_of: null, classification: i === 3 ? 'secret' : 'restricted' });
    }
    if (dialect === 'sqlite') {
      expect(answers.map((a) => a.deliveries[0]!.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
      expect(runs).toEqual([]);
    }
    expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
  });

  it('a bag sends the post as the aviary would: the most urgent waiting first, at the bag\'s instant, a desk item raised by the aviary, the recipient told, no run left', async () => {
    // Whatever the last test left waiting is sent; then a FLASH alone waits for its run (the clock stands still).
    await clock.runDue();
    const flash = await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: 'flash alone', precedence: 'flash' });
    expect(flash.deliveries[0]!.state).toBe('queued');
    const told: string[] = [];
    let allTold!: () => void;
    const heardAll = new Promise<void>((r) => { allTold = r; });
    const off = app.ctx.events.subscribe((e) => {
      if (e.type !== 'post.delivery.changed' || e.payload.state !== 'delivered' || !e.audience?.includes(id.matsuri!)) return;
      told.push(String(e.payload.deliveryId));
      if (told.length === 5) allTold();
    });
    let written!: Awaited<ReturnType<typeof writeLetters>>;
    const departed = await departures(async () => {
      written = await oneBag(SENDERS.map((s) => who[s]!), SENDERS.map((_, i) => ({ to: [{ person: id.matsuri! }], subject: `bagged ${i}`, precedence: i < 2 ? 'routine' : 'immediate', actionRequested: i === 3 })));
    });
    const d = written.map((w) => w.deliveries[0]!);
    // The FLASH waiting first, then the IMMEDIATE, then the ROUTINE, each pair in the order written.
    expect(departed).toEqual([flash.deliveries[0]!.id, d[2]!.id, d[3]!.id, d[0]!.id, d[1]!.id]);
    const rows = await app.ctx.db.selectFrom('post_delivery').select(['id', 'state', 'delivered_at']).where('id', 'in', departed).orderBy('id').execute();
    expect(rows).toEqual([...departed].sort().map((x) => ({ id: x, state: 'delivered', delivered_at: clock.now().toISOString() })));
    // What the writer answers (for asSent) is the rows as they are after the sending.
    expect(d.map((x) => x.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    // The desk item of the letter marked action is the aviary's doing, not the bag's first sender's.
    const raised = await app.ctx.db.selectFrom('kernel_audit_log').select(['actor', 'on_behalf_of']).where('action', '=', 'desk.raise').execute();
    expect(raised).toEqual([{ actor: 'system:post.aviary', on_behalf_of: null }]);
    await heardAll;
    off();
    expect(told.sort()).toEqual([...departed].sort());
    // No run for the bag; the FLASH's own run finds nothing left to send.
    const runs = await app.ctx.db.selectFrom('kernel_job').select('key').where('kind', '=', 'post.dispatch').where('state', '=', 'pending').execute();
    expect(runs.map((r) => r.key)).toEqual([flash.deliveries[0]!.id]);
    expect(await departures(() => clock.runDue())).toEqual([]);
    expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
  });

  /** What the sender's answer shows of a delivery row (post.read.ts deliveryOf), times as instants. */
  const answered = (r: Record<string, any>) => Object.fromEntries(
    ['id', 'recipient_kind', 'recipient_id', 'at_village', 'state', 'read_by', 'acknowledged_by', 'actioned_by', 'failure'].map((k) => [k, r[k] ?? null])
      .concat(['due_at', 'released_at', 'eta', 'delivered_at', 'read_at', 'acknowledged_at', 'actioned_at', 'failed_at', 'escalated_at'].map((k) => [k, r[k] == null ? null : new Date(r[k]).toISOString()])));

  it('a bag\'s letter to another village flies from the bag: its answer says in transit, with its release and ETA as stored', async () => {
    await clock.runDue();
    await createVillage(app.ctx, { code: 'konoha', name: 'Konohagakure', land: 'x', leaderTitle: 'x' });
    await setRoutes(app.ctx, { routes: [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }] });
    const letters = [{ to: [{ village: 'konoha' }], subject: 'by hawk' }, { to: [{ person: id.matsuri! }], subject: 'by hand' }];
    const written = await oneBag(letters.map((_, i) => who[SENDERS[i]!]!), letters);
    const [hawk, hand] = [written[0]!.deliveries[0]!, written[1]!.deliveries[0]!];
    const stored = await app.ctx.db.selectFrom('post_delivery').selectAll().where('id', 'in', [hawk.id, hand.id]).orderBy('id').execute();
    expect([hawk, hand].sort((a, b) => (a.id < b.id ? -1 : 1)).map(answered)).toEqual(stored.map(answered));
    expect(hawk).toMatchObject({ state: 'in_transit', released_at: clock.now().toISOString(), eta: new Date(clock.now().getTime() + 12 * 3600e3).toISOString() });
    expect(hand).toMatchObject({ state: 'delivered', delivered_at: clock.now().toISOString() });
  });

  it('32 letters at once: one bag on SQLite; on PostgreSQL two bags of 16, in the database at the same time', async () => {
    const calls: number[] = [];
    // Each bag on PostgreSQL waits, inside its transaction, for the other to be inside its own: bags
    // carried one after the other would never both get there (and the test would time out).
    let inside = 0;
    let bothInside!: () => void;
    const both = new Promise<void>((r) => { bothInside = r; });
    const write: BagWriter<string, string> = async (txs, letters) => {
      calls.push(letters.length);
      if (dialect === 'postgres' && letters.length > 1) {
        if (++inside === 2) bothInside();
        await both;
      }
      return letters.map((l) => `${l} written`);
    };
    const names = Array.from({ length: 32 }, (_, i) => `letter-${i}`);
    const written = await Promise.all(names.map((n, i) => postInBag(who[SENDERS[i % SENDERS.length]!]!, n, write)));
    expect(written).toEqual(names.map((n) => `${n} written`));
    expect(calls).toEqual(dialect === 'postgres' ? [16, 16] : [32]);
  });

  it('a letter that fails in a bag fails alone: the others are written, each once, with their audit records and events', async () => {
    const calls: number[] = [];
    const heard: SandstoneEvent[] = [];
    // PostgreSQL announces in commit order, after the commit: the last good letter's event is the last to hear.
    let lastHeard!: () => void;
    const allHeard = new Promise<void>((r) => { lastHeard = r; });
    const off = app.ctx.events.subscribe((e) => {
      if (e.type !== 'test.bag.letter') return;
      heard.push(e);
      if (e.payload.name === 'good-3') lastHeard();
    });
    // Writes each letter as a job keyed by its name, audited and announced; "bad" cannot be written.
    const write: BagWriter<string, string> = async (txs: readonly Tx[], letters: readonly string[]) => {
      calls.push(letters.length);
      const out: string[] = [];
      for (const [i, name] of letters.entries()) {
        const tx = txs[i]!;
        await schedule(tx, 'post.bag-test', tx.now, {}, { key: name });
        tx.audit({ action: 'post.bag-test', objectType: 'letter', objectId: name });
        tx.emit('test.bag.letter', { name });
        if (name.startsWith('bad')) throw new Error(`${name} cannot be written`);
        out.push(`${name} written`);
      }
      return out;
    };
    const names = ['good-1', 'bad-1', 'good-2', 'good-3'];
    const settled = await Promise.allSettled(names.map((n, i) => postInBag(who[SENDERS[i]!]!, n, write)));
    await allHeard;
    off();
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String((s.reason as Error).message)))).toEqual(['good-1 written', 'bad-1 cannot be written', 'good-2 written', 'good-3 written']);
    // Tried together first, then each on its own.
    expect(calls).toEqual([4, 1, 1, 1, 1]);
    const jobs = await app.ctx.db.selectFrom('kernel_job').select('key').where('kind', '=', 'post.bag-test').orderBy('key').execute();
    expect(jobs.map((j) => j.key)).toEqual(['good-1', 'good-2', 'good-3']);
    const audit = await app.ctx.db.selectFrom('kernel_audit_log').select(['object_id', 'actor']).where('action', '=', 'post.bag-test').orderBy('seq').execute();
    expect(audit).toEqual([{ object_id: 'good-1', actor: 'user:aiko' }, { object_id: 'good-2', actor: 'user:chiyo' }, { object_id: 'good-3', actor: 'user:daiki' }]);
    expect(heard.map((e) => e.payload.name)).toEqual(['good-1', 'good-2', 'good-3']);
    expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
  });

  it('a bag whose letters were handed in at different instants sends them all, at the latest of them: none waits for a run', async () => {
    await clock.runDue();
    // The first letter's sender's clock is behind the second's by a second; the bag is one
    // transaction at the later instant, so the later letter is as much waiting as the earlier.
    const early = clock.now();
    const late = new Date(early.getTime() + 1000);
    const ctxs = [who.aiko!, { ...who.baki!, now: () => late }];
    const written = await oneBag(ctxs, ctxs.map((_, i) => ({ to: [{ person: id.matsuri! }], subject: `at ${i ? 'late' : 'early'}` })));
    const [a, b] = [written[0]!.deliveries[0]!, written[1]!.deliveries[0]!];
    expect([a.accepted_at, b.accepted_at]).toEqual([early.toISOString(), late.toISOString()]);
    const rows = await app.ctx.db.selectFrom('post_delivery').select(['id', 'state', 'delivered_at']).where('id', 'in', [a.id, b.id]).orderBy('id').execute();
    expect(rows).toEqual([a.id, b.id].sort().map((x) => ({ id: x, state: 'delivered', delivered_at: late.toISOString() })));
    expect([a, b].map((d) => [d.state, d.delivered_at])).toEqual([['delivered', late.toISOString()], ['delivered', late.toISOString()]]);
    const runs = await app.ctx.db.selectFrom('kernel_job').select('key').where('kind', '=', 'post.dispatch').where('state', '=', 'pending').execute();
    expect(runs).toEqual([]);
  });

  it('a bag whose batch is full leaves its own letters to the next run, labelled with the bag\'s letters too: a SECRET letter left waiting keeps a run only those cleared for it see', async () => {
    await clock.runDue();
    // A full batch (the design's 256, written here) of more urgent PUBLIC post waits, each letter alone with its run not yet claimed.
    for (let n = 0; n < 256; n++) await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: `ahead ${n}`, precedence: 'flash' });
    // Then a bag: a PUBLIC letter first, a SECRET one second.
    const letters = [{ subject: 'bag public' }, { subject: 'bag secret', classification: 'secret' }];
    const written = await oneBag(letters.map((_, i) => who[SENDERS[i]!]!), letters.map((l) => ({ to: [{ person: id.matsuri! }], ...l })));
    const ours = written.map((w) => w.deliveries[0]!);
    expect(ours.map((d) => d.state)).toEqual(['queued', 'queued']);
    // The bag sent the 256 FLASH and scheduled the next run, which the SECRET letter now waits for.
    const next = await app.ctx.db.selectFrom('kernel_job').select(['classification', 'scheduled_by']).where('kind', '=', 'post.dispatch').where('key', 'like', 'after:%').where('state', '=', 'pending').execute();
    expect(next).toEqual([{ classification: 'secret', scheduled_by: 'system:post.aviary' }]);
    // And that run sends them.
    await clock.runDue();
    const now = await app.ctx.db.selectFrom('post_delivery').select('state').where('id', 'in', ours.map((d) => d.id)).execute();
    expect(now).toEqual([{ state: 'delivered' }, { state: 'delivered' }]);
  }, 60_000);
});
