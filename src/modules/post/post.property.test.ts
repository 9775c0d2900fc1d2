// Hawk post under random load, through its services and the kernel's timed work on a simulated
// clock, on both databases. The rules are written here on their own: the aviary always sends the
// most urgent waiting delivery (higher precedence first, first come first served within one, then
// by id); every FLASH within the village is delivered within its ten minutes; and a carrier that
// loses a fifth of its hawks, doubles a tenth and lands them out of order still puts every message
// in every recipient's pigeon hole exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { JobRunner, collectJobKinds } from '../../kernel/jobs/runner.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { createPerson, createVillage } from '../registry/index.ts';
import { pigeonHole, postModule, sendMessage, setRoutes } from './index.ts';
import { hawkCarrier, RELIABLE_CARRIER } from './post.service.ts';
import type { Precedence } from './precedence.ts';

// Messages per database and run, each run with a new seed (printed in the suite's name). The rule
// itself is checked on 10,000+ random messages in precedence.test.ts; here it is the SQL that
// orders real deliveries. POST_PROPERTY_MESSAGES=10000 runs the full count through the databases.
const MESSAGES = Number(process.env.POST_PROPERTY_MESSAGES ?? 600);
const LOSSY_MESSAGES = Number(process.env.POST_PROPERTY_LOSSY ?? 200);
const T0 = '2026-11-20T06:00:00.000Z';
const RANK: Record<Precedence, number> = { flash: 0, immediate: 1, priority: 2, routine: 3 };
const PRECEDENCES: Precedence[] = ['flash', 'immediate', 'priority', 'routine'];

/** A small seeded generator (mulberry32): a failing run can be repeated from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = Number(process.env.POST_PROPERTY_SEED ?? Date.now() % 1_000_000);

describe.each(DIALECTS)(`hawk post under random load on %s (seed ${SEED})`, (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  let runner: JobRunner;
  let clerk: AppContext;
  const people: string[] = [];
  const reader = (personId: string) => withActor(app.ctx, { kind: 'user', role: 'jounin', username: `p-${personId}`, personId, clearance: { level: 'public', compartments: [] } });

  beforeAll(async () => {
    clock = new SimulatedClock(T0);
    app = await openTestApp(dialect, { now: clock.now });
    runner = new JobRunner(app.ctx, collectJobKinds([postModule]));
    clock.drive(runner);
    for (const [code, name] of [['suna', 'Sunagakure'], ['konoha', 'Konohagakure'], ['yuki', 'Yukigakure']]) await createVillage(app.ctx, { code: code!, name: name!, land: 'x', leaderTitle: 'x' });
    await setRoutes(app.ctx, { routes: [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }, { from: 'suna', to: 'yuki', distanceKm: 900, hawkKmh: 45 }] });
    const sender = await createPerson(app.ctx, { givenName: 'Aiko', rank: 'chuunin' });
    clerk = withActor(app.ctx, { kind: 'user', role: 'clerk', username: 'aiko', personId: sender.id, clearance: { level: 'secret', compartments: [] } });
    for (let i = 0; i < 12; i++) people.push((await createPerson(app.ctx, { givenName: `Recipient ${i}`, rank: 'genin' })).id);
  }, 120_000);
  afterAll(async () => {
    hawkCarrier.current = RELIABLE_CARRIER;
    await app?.drop();
  });

  it('sends the most urgent waiting delivery first, first come first served within a precedence, and every FLASH within ten minutes', async () => {
    const rnd = random(SEED);
    const queued = new Map<string, { rank: number; acceptedAt: string; precedence: Precedence }>();
    const departed: string[] = [];
    hawkCarrier.current = { depart: (d) => { departed.push(d.id); }, land: () => [] };
    let sent = 0;
    let checked = 0;
    try {
      while (sent < MESSAGES) {
        // A burst: messages accepted seconds apart while the aviary is busy, then it works through them.
        const burst = Math.min(MESSAGES - sent, 1 + Math.floor(rnd() * 30));
        const pending = new Map<string, { rank: number; acceptedAt: string }>();
        for (let i = 0; i < burst; i++) {
          const precedence = PRECEDENCES[Math.floor(rnd() * 4)]!;
          const m = await sendMessage(clerk, { to: [{ person: people[Math.floor(rnd() * people.length)]! }], subject: `m${sent}`, precedence });
          const d = m.deliveries[0]!;
          pending.set(d.id, { rank: RANK[precedence], acceptedAt: m.acceptedAt });
          queued.set(d.id, { rank: RANK[precedence], acceptedAt: m.acceptedAt, precedence });
          sent++;
          clock.set(clock.now().getTime() + Math.floor(rnd() * 10_000));
        }
        departed.length = 0;
        await clock.runDue();
        // Each departure is the least of what was still waiting, by (precedence, acceptance, id).
        for (const id of departed) {
          const me = pending.get(id);
          expect(me, `delivery ${id} departed twice or was never waiting`).toBeDefined();
          for (const [other, o] of pending) {
            if (other === id) continue;
            const before = o.rank < me!.rank || (o.rank === me!.rank && (o.acceptedAt < me!.acceptedAt || (o.acceptedAt === me!.acceptedAt && other < id)));
            if (before) expect.fail(`seed ${SEED}: ${id} (${JSON.stringify(me)}) left while ${other} (${JSON.stringify(o)}) waited`);
          }
          pending.delete(id);
          checked++;
        }
        expect([...pending.keys()], 'every waiting delivery departs').toEqual([]);
        clock.set(clock.now().getTime() + Math.floor(rnd() * 600_000));
      }
    } finally {
      hawkCarrier.current = RELIABLE_CARRIER;
    }
    expect(checked).toBe(MESSAGES);
    // FLASH within the village: delivered within ten minutes of acceptance, every one.
    const flash = [...queued].filter(([, q]) => q.precedence === 'flash').map(([id]) => id);
    expect(flash.length).toBeGreaterThan(MESSAGES / 8);
    const rows = await app.ctx.db.selectFrom('post_delivery').select(['id', 'accepted_at', 'delivered_at', 'state']).where('id', 'in', flash).execute();
    expect(rows).toHaveLength(flash.length);
    for (const r of rows) {
      expect(r.state).toBe('delivered');
      expect(new Date(r.delivered_at).getTime() - new Date(r.accepted_at).getTime()).toBeLessThanOrEqual(10 * 60_000);
    }
  }, 900_000);

  it('puts every message in every pigeon hole exactly once though the carrier loses 20 %, doubles 10 % and reorders', async () => {
    const rnd = random(SEED + 1);
    const stats = { lost: 0, doubled: 0, landings: 0 };
    hawkCarrier.current = {
      depart: () => {},
      land: () => {
        stats.landings++;
        if (rnd() < 0.2) {
          stats.lost++;
          throw new Error('the hawk was lost');
        }
        if (rnd() < 0.1) {
          stats.doubled++;
          // A second hawk with the same letter lands up to a day later, after others sent since.
          return [Math.floor(rnd() * 86_400_000)];
        }
        return [];
      },
    };
    const abroad = people.slice(0, 6);
    const expected = new Map<string, Set<string>>(); // recipient → message ids
    try {
      for (let i = 0; i < LOSSY_MESSAGES; i++) {
        const to = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => abroad[Math.floor(rnd() * abroad.length)]!))];
        const m = await sendMessage(clerk, {
          to: to.map((person) => ({ person, at: rnd() < 0.5 ? 'konoha' : 'yuki' })),
          subject: `abroad ${i}`, precedence: PRECEDENCES[Math.floor(rnd() * 4)]!,
        });
        for (const p of to) (expected.get(p) ?? expected.set(p, new Set()).get(p)!).add(m.id);
        clock.set(clock.now().getTime() + Math.floor(rnd() * 120_000));
        if (rnd() < 0.1) await clock.runDue();
      }
      // Let the aviary and the hawks work until nothing is left to do.
      for (let guard = 0; guard < 100_000; guard++) {
        const next = await runner.nextDueAt();
        if (!next) break;
        await clock.advanceTo(Math.max(next.getTime(), clock.now().getTime()));
      }
    } finally {
      hawkCarrier.current = RELIABLE_CARRIER;
    }
    expect(stats.lost, 'hawks were lost').toBeGreaterThan(0);
    expect(stats.doubled, 'hawks were doubled').toBeGreaterThan(0);
    const dead = await app.ctx.db.selectFrom('kernel_job').select(['kind', 'last_error']).where('state', '=', 'dead').execute();
    expect(dead).toEqual([]);
    for (const [person, ids] of expected) {
      const seen: string[] = [];
      for (let offset = 0; ; offset += 200) {
        const page = await pigeonHole(reader(person), { state: 'all', limit: 200, offset });
        seen.push(...page.items.filter((it) => it.subject.startsWith('abroad ')).map((it) => it.id));
        if (page.items.length < 200) break;
      }
      expect(seen.length, `${person}: each message once`).toBe(new Set(seen).size);
      expect(new Set(seen)).toEqual(ids);
    }
    // A landing that found its delivery made changed nothing: the last change is the delivery itself
    // (or, for a FLASH left unacknowledged, its escalation ten minutes later).
    const rows = await app.ctx.db.selectFrom('post_delivery').select(['state', 'delivered_at', 'updated_at', 'escalated_at', 'eta']).where('at_village', '<>', 'suna').execute();
    expect(rows.length).toBe([...expected.values()].reduce((n, s) => n + s.size, 0));
    for (const r of rows) {
      expect(r.state).toBe('delivered');
      expect(new Date(r.updated_at).getTime()).toBe(new Date(r.escalated_at ?? r.delivered_at).getTime());
      expect(new Date(r.delivered_at).getTime()).toBeGreaterThanOrEqual(new Date(r.eta).getTime());
    }
  }, 900_000);
});
