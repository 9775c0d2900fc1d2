// The polling loop under a stream of work: jobs scheduled while a batch runs, or just after, are
// gathered and claimed together after gatherMs instead of one claim (one commit) each; a job
// scheduled when the loop is idle is still claimed at once. Timers are fake (setTimeout only);
// the databases are real, and the test waits for them by yielding, never by sleeping.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { probeModule } from '../testing/job-probe.ts';
import { MODULES } from '../../modules.ts';
import { transact, withActor, type AppContext } from '../context.ts';
import { schedule } from './schedule.ts';
import { JobRunner, collectJobKinds } from './runner.ts';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const clerk = { kind: 'user' as const, username: 'kankuro', personId: 'p-kankuro', accountId: 'a-1', role: 'clerk' as const, clearance: { level: 'secret' as const, compartments: [] } };

describe.each(DIALECTS)('the job loop gathering work on %s', (dialect) => {
  let app: TestApp;
  let ctx: AppContext;
  let runner: JobRunner;
  let claims: number[];
  const effects = async () => (await app.ctx.db.selectFrom('probe_effect').select('job_key').execute()).map((e) => e.job_key).sort();
  /**
   * Yields to real I/O until cond holds (the database answers on its own time; no timer is
   * involved), for up to 20 s of the real clock (Date is not faked): a loaded machine answers late.
   */
  const until = async (cond: () => Promise<boolean>) => {
    for (const end = Date.now() + 20_000; Date.now() < end;) {
      if (await cond()) return;
      await new Promise((r) => setImmediate(r));
    }
    throw new Error(`the job loop did not get there (claims ${JSON.stringify(claims)}, waiting ${(runner as any).halt !== null}, for work ${(runner as any).wake !== null}, effects ${JSON.stringify(await effects())})`);
  };
  /** The loop is in a wait: gathering (a job does not end it) or waiting for work (a job does). */
  const waiting = (forWork: boolean) => until(async () => (runner as any).halt !== null && ((runner as any).wake !== null) === forWork);
  /** Yields to real I/O for a while, no timer moving: what the loop would do now, it has done. */
  const settle = async () => {
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
  };
  /** A runner (pollMs 1 s) whose claims are counted in `claims` (the probe jobs each claimed). */
  const track = (opts: { gatherMs?: number }) => {
    const r = new JobRunner(app.ctx, collectJobKinds([...MODULES, probeModule]), { ...opts, pollMs: 1000, onError: (e) => { throw e; } });
    claims = [];
    const claim = (r as any).claim.bind(r);
    (r as any).claim = async () => {
      const c = await claim();
      claims.push(c.jobs.filter((j: { kind: string }) => j.kind === 'probe.effect').length);
      return c;
    };
    return r;
  };
  const add = (...keys: string[]) => transact(ctx, async (tx) => {
    for (const key of keys) await schedule(tx, 'probe.effect', NOW, {}, { key });
  });
  /** Stops the loop and waits for it by real I/O only: no timer moves, so no wait of its own may be left to run out. */
  const stopsWithoutTime = async () => {
    let stopped = false;
    void runner.stop().then(() => { stopped = true; });
    await until(async () => stopped);
  };
  /** Starts the loop with one job due and waits until it has run it and is gathering. */
  const runFirstJob = async () => {
    await add('first');
    runner.start();
    await until(async () => (await effects()).includes('first'));
    await waiting(false);
  };
  /** Starts the loop with nothing due, lets the gathering pass, and schedules a job while it waits for work. */
  const runJobScheduledWhileIdle = async () => {
    runner.start();
    await waiting(false);
    // Past the gathering, waiting for work (up to pollMs): a job wakes it without any time passing.
    await vi.advanceTimersByTimeAsync(50);
    await waiting(true);
    await add('idle');
    await until(async () => (await effects()).includes('idle'));
  };

  beforeEach(async () => {
    app = await openTestApp(dialect, { now: () => NOW, modules: [...MODULES, probeModule] });
    ctx = withActor(app.ctx, clerk);
    runner = track({ gatherMs: 50 });
    // Faked only now that openTestApp has LISTEN in place for the jobs' announcements: the PostgreSQL client's timers must be real until then.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(async () => {
    const stopped = runner.stop();
    await vi.runOnlyPendingTimersAsync();
    await stopped;
    vi.useRealTimers();
    await app.drop();
  });

  it('claims the jobs scheduled during its wait together, and not before the wait is over', async () => {
    await runFirstJob();
    // In its wait now: what is scheduled meanwhile does not cut it short.
    await add('a', 'b');
    await add('c');
    await vi.advanceTimersByTimeAsync(49);
    await settle();
    expect(await effects()).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(1);
    await until(async () => (await effects()).length === 4);
    expect(claims.filter((n) => n > 0)).toEqual([1, 3]);
  });

  it('claims at once a job scheduled while it is idle', async () => {
    await runJobScheduledWhileIdle();
    expect(claims.filter((n) => n > 0)).toEqual([1]);
  });

  it('after a claim that found less than a full batch, claims nothing more (not even an empty claim) before gatherMs', async () => {
    await runFirstJob();
    await settle();
    expect(claims).toEqual([1]);
  });

  it('once the gathered jobs are done it is idle again: the next claim comes pollMs after the last, or when a job wakes it', async () => {
    await runFirstJob();
    await add('a');
    await vi.advanceTimersByTimeAsync(50);
    await until(async () => (await effects()).length === 2);
    // The gathering (50 ms), then a wait for work. (On PostgreSQL the notice of 'a' may come after the
    // claim that took it began: one more claim, empty, and one more gathering, then the wait.)
    for (let i = 0; i < 2; i++) {
      await until(async () => (runner as any).halt !== null);
      if ((runner as any).wake !== null) break;
      await vi.advanceTimersByTimeAsync(50);
    }
    await waiting(true);
    const n = claims.length;
    // Waiting for work for the rest of pollMs (950 ms): no claim in 949 ms, one at 950.
    await vi.advanceTimersByTimeAsync(949);
    await settle();
    expect(claims.length).toBe(n);
    await vi.advanceTimersByTimeAsync(1);
    await until(async () => claims.length === n + 1);
  });

  it('gathers 10 ms by default', async () => {
    runner = track({});
    await runFirstJob();
    await add('a');
    await vi.advanceTimersByTimeAsync(9);
    await settle();
    expect(await effects()).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(1);
    await until(async () => (await effects()).length === 2);
  });

  it('stops at once while it gathers, without waiting the gathering out', async () => {
    runner.start();
    await waiting(false);
    await stopsWithoutTime();
  });

  it('stops at once while it gathers after a job woke it, even when jobs are scheduled meanwhile', async () => {
    await runJobScheduledWhileIdle();
    await waiting(false);
    await add('meanwhile');
    await stopsWithoutTime();
  });

  it('stops at once when the stop began during its last query (when it had no wait to end)', async () => {
    const nextDueAt = runner.nextDueAt.bind(runner);
    let stopped: boolean | null = null;
    runner.nextDueAt = async () => {
      if (stopped === null) {
        stopped = false;
        void runner.stop().then(() => { stopped = true; });
      }
      return nextDueAt();
    };
    runner.start();
    await until(async () => stopped === true);
  });
});
