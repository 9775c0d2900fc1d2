// Properties of timed work on the simulated clock: jobs fire in runAt order within a kind and
// never before their time; retries back off exactly as the table in backoff.ts says; recurring
// schedules land on the stated instants of village time, across month ends and leap days.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { SimulatedClock } from '../testing/clock.ts';
import { MODULES } from '../../modules.ts';
import { transact } from '../context.ts';
import type { SandstoneModule } from '../module.ts';
import { schedule } from './schedule.ts';
import { retryDelayMs } from './backoff.ts';
import { JobRunner, collectJobKinds } from './runner.ts';
import { nextSlot, VILLAGE_UTC_OFFSET_MINUTES } from './recurrence.ts';

interface Fire { kind: string; key: string; runAt: string; at: string; attempt: number }

const fires: Fire[] = [];
const record = (kind: string) => async (ctx: { now: () => Date }, job: { key: string; runAt: string; attempts: number }) => {
  fires.push({ kind, key: job.key, runAt: job.runAt, at: ctx.now().toISOString(), attempt: job.attempts });
};
const orderModule: SandstoneModule = {
  name: 'order',
  migrations: {},
  jobs: {
    'order.a': { run: record('order.a') },
    'order.b': { run: record('order.b') },
    'order.flaky': {
      maxAttempts: 6,
      async run(ctx, job) {
        await record('order.flaky')(ctx, job);
        if (job.attempts <= Number(job.payload.failures)) throw new Error(`fails on purpose, attempt ${job.attempts}`);
      },
    },
    // The 29th of every month at 08:00 village time: skips February except in leap years.
    'order.monthly': { cron: '0 8 29 * *', run: record('order.monthly') },
  },
};

const VILLAGE_MS = VILLAGE_UTC_OFFSET_MINUTES * 60_000;

/** The oracle for "M H D * *" in village time, written independently of cron-parser: walk the days. */
function nextMonthly(minute: number, hour: number, day: number | 'L', after: Date): Date {
  const local = new Date(after.getTime() + VILLAGE_MS);
  for (let y = local.getUTCFullYear(), m = local.getUTCMonth(); ; m++) {
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const d = day === 'L' ? last : day;
    if (d > last) continue;
    const at = new Date(Date.UTC(y, m, d, hour, minute) - VILLAGE_MS);
    if (at.getTime() > after.getTime()) return at;
  }
}

/** The oracle for "M H * * W" in village time. */
function nextWeekly(minute: number, hour: number, weekday: number, after: Date): Date {
  const local = new Date(after.getTime() + VILLAGE_MS);
  for (let i = 0; ; i++) {
    const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + i, hour, minute));
    if (day.getUTCDay() !== weekday) continue;
    const at = new Date(day.getTime() - VILLAGE_MS);
    if (at.getTime() > after.getTime()) return at;
  }
}

describe('recurring schedules land on the stated instants (village time, UTC+03:00)', () => {
  // Instants from 2027 to 2033, biased towards the edges of months and leap days.
  const instant = fc.oneof(
    fc.integer({ min: Date.UTC(2027, 0, 1), max: Date.UTC(2033, 0, 1) }),
    fc.tuple(fc.integer({ min: 2027, max: 2032 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -180, max: 1440 }))
      .map(([y, m, d, min]) => Date.UTC(y, m + 1, d, 0, min)),
    fc.constantFrom(Date.UTC(2028, 1, 28, 20, 59), Date.UTC(2028, 1, 29, 4, 59), Date.UTC(2028, 1, 29, 21, 0), Date.UTC(2032, 1, 28, 21, 0)),
  ).map((t) => new Date(t));

  it('monthly on a given day (28–31, the 29th of February only in leap years) and on the last day', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant('L' as const)), instant, (minute, hour, day, after) => {
      const cron = `${minute} ${hour} ${day} * *`;
      let t = after;
      // Three slots in a row, each the oracle's next after the one before.
      for (let i = 0; i < 3; i++) {
        const want = nextMonthly(minute, hour, day, t);
        expect(nextSlot(cron, t).toISOString()).toBe(want.toISOString());
        t = want;
      }
    }), { numRuns: 400 });
  });

  it('weekly on a given weekday ("Mondays 08:00")', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 6 }), instant, (minute, hour, weekday, after) => {
      const want = nextWeekly(minute, hour, weekday, after);
      expect(nextSlot(`${minute} ${hour} * * ${weekday}`, after).toISOString()).toBe(want.toISOString());
    }), { numRuns: 300 });
  });

  it('says Mondays 08:00 village time is 05:00 UTC', () => {
    expect(nextSlot('0 8 * * 1', new Date('2026-12-01T00:00:00Z')).toISOString()).toBe('2026-12-07T05:00:00.000Z');
  });
});

describe.each(DIALECTS)('jobs on the simulated clock on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const runs = dialect === 'postgres' ? 12 : 25;

  beforeAll(async () => {
    clock = new SimulatedClock('2027-12-01T00:00:00.000Z');
    app = await openTestApp(dialect, { now: clock.now, modules: [...MODULES, orderModule] });
    // A runner of this module's kinds only: the kernel's own (every 15 minutes) would make months of
    // simulated time cost thousands of runs that say nothing here.
    clock.drive(new JobRunner(app.ctx, collectJobKinds([orderModule])));
    await clock.runDue();
  });
  afterAll(async () => app?.drop());

  let batch = 0;
  it('fires every job once, never before its time, in runAt order within its kind', async () => {
    const job = fc.record({ kind: fc.constantFrom('order.a', 'order.b'), offset: fc.integer({ min: 0, max: 3_600_000 }) });
    // Each step either advances the clock (stopping at every instant a job falls due) or jumps
    // (as after downtime), leaving several jobs overdue at once.
    const step = fc.record({ ms: fc.integer({ min: 60_000, max: 900_000 }), jump: fc.boolean() });
    await fc.assert(fc.asyncProperty(fc.array(job, { minLength: 1, maxLength: 25 }), fc.array(step, { minLength: 1, maxLength: 8 }), async (jobs, steps) => {
      batch++;
      fires.length = 0;
      const base = clock.now().getTime();
      // Scheduled in arbitrary order, a few to a transaction.
      for (let i = 0; i < jobs.length; i += 3) {
        await transact(app.ctx, async (tx) => {
          for (let j = i; j < Math.min(jobs.length, i + 3); j++) await schedule(tx, jobs[j]!.kind, new Date(base + jobs[j]!.offset), {}, { key: `b${batch}-${j}` });
        });
      }
      for (let t = base, i = 0; t <= base + 3_600_000; i++) {
        const s = steps[i % steps.length]!;
        t += s.ms;
        if (s.jump) {
          clock.set(t);
          await clock.runDue();
        } else {
          await clock.advanceTo(t);
        }
      }
      const mine = fires.filter((f) => f.key.startsWith(`b${batch}-`));
      expect(mine.map((f) => f.key).sort()).toEqual(jobs.map((_, j) => `b${batch}-${j}`).sort());
      for (const f of mine) expect(f.at >= f.runAt, `${f.key} fired at ${f.at}, due ${f.runAt}`).toBe(true);
      // Without jumps, each fires at its very instant.
      if (!steps.some((s) => s.jump)) for (const f of mine) expect(f.at).toBe(f.runAt);
      for (const kind of ['order.a', 'order.b']) {
        const order = mine.filter((f) => f.kind === kind).map((f) => f.runAt);
        expect(order).toEqual([...order].sort());
      }
    }), { numRuns: runs });
  }, 240_000);

  it('retries after 30 s, 1, 2, 4, 8 min … and dead-letters after the last attempt', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 7 }), async (failures) => {
      batch++;
      fires.length = 0;
      const start = clock.now().getTime();
      const { id } = await transact(app.ctx, (tx) => schedule(tx, 'order.flaky', new Date(start), { failures }, { key: `flaky-${batch}` }));
      await clock.advance(6 * 3_600_000);
      const mine = fires.filter((f) => f.key === `flaky-${batch}`);
      const attempts = Math.min(failures + 1, 6);
      expect(mine.map((f) => f.attempt)).toEqual(Array.from({ length: attempts }, (_, i) => i + 1));
      let t = start;
      for (let i = 0; i < mine.length; i++) {
        expect(Date.parse(mine[i]!.at)).toBe(t);
        t += retryDelayMs(i + 1);
      }
      const row = await app.ctx.db.selectFrom('kernel_job').select(['state', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ state: failures >= 6 ? 'dead' : 'done', attempts });
    }), { numRuns: runs });
  }, 240_000);

  it('runs a recurring kind on each stated instant, across the leap day, and once after downtime', async () => {
    fires.length = 0;
    clock.set('2028-01-10T00:00:00.000Z');
    // Down since early December: the missed 29 December runs once, now.
    await clock.runDue();
    await clock.advanceTo('2028-04-01T00:00:00.000Z');
    // Down again over three slots (29 April, 29 May, 29 June): one run when it is back.
    clock.set('2028-07-02T00:00:00.000Z');
    await clock.runDue();
    await clock.advanceTo('2028-08-01T00:00:00.000Z');
    expect(fires.filter((f) => f.kind === 'order.monthly').map((f) => f.at)).toEqual([
      '2028-01-10T00:00:00.000Z', '2028-01-29T05:00:00.000Z', '2028-02-29T05:00:00.000Z', '2028-03-29T05:00:00.000Z',
      '2028-07-02T00:00:00.000Z', '2028-07-29T05:00:00.000Z',
    ]);
  }, 120_000);
});
