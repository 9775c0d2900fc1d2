// Durable jobs on both databases, driven by a simulated clock: scheduled in the caller's
// transaction, deduplicated by key, cancelled and rescheduled; run at their time in the
// transaction that marks them done, as the system for whoever scheduled them; retried with the
// documented backoff, dead-lettered, taken over when a claim's lease runs out; recurring kinds.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { SimulatedClock } from '../testing/clock.ts';
import { probeModule } from '../testing/job-probe.ts';
import { MODULES } from '../../modules.ts';
import { actingAs, canRead, transact, withActor, type AppContext } from '../context.ts';
import type { Label } from '../auth/labels.ts';
import { schedule, scheduleEach, unschedule, reschedule, JOB_SCHEDULED_EVENT } from './schedule.ts';
import { rowToJob } from './job.ts';
import { dueJobs } from './runner.ts';
import { CompiledQuery, sql } from 'kysely';
import { retryDelayMs } from './backoff.ts';
import { listJobs, retryJob, cancelJob } from './oversight.ts';
import { boolParam } from '../db/dialect.ts';
import { listen } from '../testing/events.ts';

const START = '2026-12-01T00:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(START) + ms);
const clerk = { kind: 'user' as const, username: 'kankuro', personId: 'p-kankuro', accountId: 'a-1', role: 'clerk' as const, clearance: { level: 'secret' as const, compartments: [] } };

describe.each(DIALECTS)('jobs on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  let ctx: AppContext;
  const effects = async () => (await app.ctx.db.selectFrom('probe_effect').selectAll().orderBy('at').orderBy('id').execute());
  const job = async (id: string) => rowToJob(await app.ctx.db.selectFrom('kernel_job').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

  beforeEach(async () => {
    clock = new SimulatedClock(START);
    app = await openTestApp(dialect, { now: clock.now, modules: [...MODULES, probeModule] });
    clock.drive(app.jobs);
    ctx = withActor(app.ctx, clerk);
  });
  afterEach(async () => app.drop());

  it('exists only if the change that scheduled it commits', async () => {
    await expect(transact(ctx, async (tx) => {
      await schedule(tx, 'probe.effect', at(1000), {}, { key: 'rolled-back' });
      throw new Error('the change fails');
    })).rejects.toThrow('the change fails');
    const { id } = await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(1000), {}, { key: 'committed' }));
    const jobs = await app.ctx.db.selectFrom('kernel_job').select('key').where('kind', '=', 'probe.effect').execute();
    expect(jobs.map((j) => j.key)).toEqual(['committed']);
    expect((await job(id)).scheduledBy).toBe('user:kankuro');
  });

  it('keeps one job per key, and can cancel and reschedule it', async () => {
    const a = await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(1000), {}, { key: 'k' }));
    const b = await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(9000), {}, { key: 'k' }));
    expect(b).toEqual({ id: a.id, created: false });
    expect((await job(a.id)).runAt).toBe(at(1000).toISOString());
    expect(await transact(ctx, (tx) => reschedule(tx, 'probe.effect', 'k', at(5000)))).toBe(true);
    await clock.advance(4999);
    expect(await effects()).toHaveLength(0);
    expect(await transact(ctx, (tx) => unschedule(tx, 'probe.effect', 'k'))).toBe(true);
    await clock.advance(10_000);
    expect(await effects()).toHaveLength(0);
    expect((await job(a.id)).state).toBe('cancelled');
    // A cancelled job can be brought back.
    expect(await transact(ctx, (tx) => reschedule(tx, 'probe.effect', 'k', at(20_000)))).toBe(true);
    await clock.advance(10_000);
    expect(await effects()).toHaveLength(1);
    expect(await transact(ctx, (tx) => unschedule(tx, 'probe.effect', 'k'))).toBe(false);
  });

  it('schedules many in one transaction, each key once, and announces each one asked for; rolled back, none is kept', async () => {
    const heard = listen(app.ctx.events);
    await heard.settle(app.ctx.db);
    await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(1000), {}, { key: 'each-taken' }));
    await transact(ctx, (tx) => scheduleEach([
      { tx, kind: 'probe.effect', runAt: at(2000), payload: { n: 1 }, opts: { key: 'each-new' } },
      { tx, kind: 'probe.effect', runAt: at(3000), payload: { n: 2 }, opts: { key: 'each-taken' } },
      { tx, kind: 'probe.effect', runAt: at(4000), payload: { n: 3 }, opts: { key: 'each-new' } },
    ]));
    const rows = await app.ctx.db.selectFrom('kernel_job').select(['key', 'run_at', 'payload']).where('key', 'like', 'each-%').orderBy('key').execute();
    // The first asked for a key keeps it; a key already taken keeps its job.
    expect(rows.map((r) => [r.key, new Date(r.run_at).toISOString()])).toEqual([['each-new', at(2000).toISOString()], ['each-taken', at(1000).toISOString()]]);
    const runAts = [2000, 3000, 4000].map((ms) => at(ms).toISOString());
    for (const runAt of runAts) await heard.next((e) => e.type === JOB_SCHEDULED_EVENT && e.payload.runAt === runAt, `the announcement of the job asked for ${runAt}`);
    await expect(transact(ctx, async (tx) => {
      await scheduleEach([{ tx, kind: 'probe.effect', runAt: at(5000), payload: {}, opts: { key: 'each-rolled-back' } }]);
      throw new Error('the change fails');
    })).rejects.toThrow('the change fails');
    expect(await app.ctx.db.selectFrom('kernel_job').select('key').where('key', '=', 'each-rolled-back').execute()).toEqual([]);
  });

  it('schedules many at once: each announcement carries its own job\'s label (heard by a reader of its compartment, not by one differing only by compartment), and each row its label, compartments sorted', async () => {
    const heard = listen(app.ctx.events);
    await heard.settle(app.ctx.db);
    await transact(ctx, (tx) => scheduleEach([
      { tx, kind: 'probe.effect', runAt: at(2000), payload: {}, opts: { key: 'lab-anbu', label: { classification: 'secret', compartments: ['ANBU'] } } },
      { tx, kind: 'probe.effect', runAt: at(3000), payload: {}, opts: { key: 'lab-open' } },
      { tx, kind: 'probe.effect', runAt: at(4000), payload: {}, opts: { key: 'lab-two', label: { classification: 'restricted', compartments: ['BREACH', 'ANBU'] } } },
    ]));
    const announced = async (ms: number) => (await heard.next((e) => e.type === JOB_SCHEDULED_EVENT && e.payload.runAt === at(ms).toISOString(), `the announcement of the job at ${ms}`)).label;
    expect(await announced(2000)).toEqual({ classification: 'secret', compartments: ['ANBU'] });
    expect(await announced(3000)).toEqual({ classification: 'public', compartments: [] });
    expect(await announced(4000)).toEqual({ classification: 'restricted', compartments: ['BREACH', 'ANBU'] });
    // As the event stream decides (kernel/http/build-server.ts): SECRET·ANBU is heard by a SECRET reader of ANBU only.
    const anbu = withActor(app.ctx, { ...clerk, clearance: { level: 'secret', compartments: ['ANBU'] } });
    const breach = withActor(app.ctx, { ...clerk, clearance: { level: 'secret', compartments: ['BREACH'] } });
    const label = (await announced(2000))!;
    expect([canRead(anbu, label as Label), canRead(breach, label as Label)]).toEqual([true, false]);
    const rows = await app.ctx.db.selectFrom('kernel_job').select(['key', 'classification', 'compartments']).where('key', 'like', 'lab-%').orderBy('key').execute();
    expect(rows.map((r) => [r.key, r.classification, typeof r.compartments === 'string' ? JSON.parse(r.compartments) : r.compartments])).toEqual([
      ['lab-anbu', 'secret', ['ANBU']], ['lab-open', 'public', []], ['lab-two', 'restricted', ['ANBU', 'BREACH']],
    ]);
  });

  // scheduleEach writes the rows schedule writes: each made and last changed at its own writer's
  // instant (a mail bag's writers share a transaction, each at its own time), to run at its own.
  it('schedules many with the rows schedule writes: each created and updated at its writer\'s instant, run at its own time', async () => {
    await transact(ctx, async (tx) => {
      const later = actingAs(tx, clerk, at(500))!;
      await schedule(tx, 'probe.effect', at(9000), {}, { key: 'when-alone' });
      await scheduleEach([
        { tx, kind: 'probe.effect', runAt: at(7000), payload: {}, opts: { key: 'when-first' } },
        { tx: later, kind: 'probe.effect', runAt: at(8000), payload: {}, opts: { key: 'when-later' } },
      ]);
    });
    const rows = await app.ctx.db.selectFrom('kernel_job').selectAll().where('key', 'like', 'when-%').orderBy('key').execute();
    const iso = (v: string) => new Date(v).toISOString();
    expect(rows.map(rowToJob).map((j) => [j.key, iso(j.createdAt), iso(j.updatedAt), iso(j.runAt), j.state, j.scheduledBy])).toEqual([
      ['when-alone', START, START, at(9000).toISOString(), 'pending', 'user:kankuro'],
      ['when-first', START, START, at(7000).toISOString(), 'pending', 'user:kankuro'],
      ['when-later', at(500).toISOString(), at(500).toISOString(), at(8000).toISOString(), 'pending', 'user:kankuro'],
    ]);
  });

  it('runs a job at its time, never before, once; its effect and audit commit as the system for the scheduler', async () => {
    const { id } = await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(60_000), { audit: true }, { key: 'a1', label: { classification: 'secret', compartments: [] } }));
    await clock.advance(59_999);
    expect(await effects()).toHaveLength(0);
    await clock.advance(1);
    const e = await effects();
    expect(e).toHaveLength(1);
    expect(e[0]!.at).toBe(at(60_000).toISOString());
    await clock.advance(3_600_000);
    expect(await effects()).toHaveLength(1);
    const j = await job(id);
    expect(j.state).toBe('done');
    expect(j.attempts).toBe(1);
    const audit = await app.ctx.db.selectFrom('kernel_audit_log').selectAll().where('action', '=', 'probe.effect').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'system:job:probe.effect', on_behalf_of: 'p-kankuro', object_id: 'a1', classification: 'secret' });
  });

  it('rolls a failed run back, retries after 30 s, 1, 2, 4 min, and dead-letters after its last attempt', async () => {
    const { id } = await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(0), { failUntilAttempt: 99 }, { key: 'f' }));
    await clock.runDue();
    // The effect row of a failed run was rolled back with it.
    expect(await effects()).toHaveLength(0);
    let j = await job(id);
    expect(j).toMatchObject({ state: 'pending', attempts: 1, runAt: at(retryDelayMs(1)).toISOString() });
    expect(j.lastError).toContain('failing on purpose (attempt 1)');
    await clock.advance(retryDelayMs(1) - 1);
    expect((await job(id)).attempts).toBe(1);
    await clock.advance(1);
    j = await job(id);
    expect(j).toMatchObject({ state: 'pending', attempts: 2, runAt: at(retryDelayMs(1) + retryDelayMs(2)).toISOString() });
    // Attempts 3 and 4 fail after 2 and 4 minutes; the fifth (the probe's last) dead-letters it.
    for (let n = 2; n <= 4; n++) {
      await clock.advance(retryDelayMs(n));
      expect((await job(id)).attempts).toBe(n + 1);
    }
    j = await job(id);
    expect(j.state).toBe('dead');
    expect(j.attempts).toBe(5);
    await clock.advance(86_400_000);
    expect((await job(id)).attempts).toBe(5);
  });

  it('commits jobs due together in one group, each audited for its own scheduler; a failing one leaves the others done', async () => {
    const temari = withActor(app.ctx, { ...clerk, username: 'temari', personId: 'p-temari' });
    const heard = listen(app.ctx.events);
    await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(1000), { audit: true, announceTo: ['p-kankuro'] }, { key: 'g1' }));
    await transact(temari, (tx) => schedule(tx, 'probe.effect', at(1000), { audit: true, announceTo: ['p-temari', 'p-kazekage'] }, { key: 'g2' }));
    await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(2000), { failUntilAttempt: 1 }, { key: 'g3' }));
    await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(2000), {}, { key: 'g4' }));
    await clock.advance(1000);
    expect((await effects()).map((e) => e.job_key).sort()).toEqual(['g1', 'g2']);
    const audit = await app.ctx.db.selectFrom('kernel_audit_log').select(['object_id', 'on_behalf_of', 'actor']).where('action', '=', 'probe.effect').orderBy('object_id').execute();
    expect(audit).toEqual([{ object_id: 'g1', on_behalf_of: 'p-kankuro', actor: 'system:job:probe.effect' }, { object_id: 'g2', on_behalf_of: 'p-temari', actor: 'system:job:probe.effect' }]);
    // Each job's announcement keeps its audience: a group does not widen who hears of it. (On
    // PostgreSQL announcements come back through LISTEN/NOTIFY a moment after the commit.)
    for (const key of ['g1', 'g2']) await heard.next((e) => e.type === 'probe.effect' && e.payload.key === key, `the announcement of ${key}`);
    expect(heard.events.filter((e) => e.type === 'probe.effect').map((e) => [e.payload.key, e.audience])).toEqual([['g1', ['p-kankuro']], ['g2', ['p-temari', 'p-kazekage']]]);
    // g3 fails in the group with g4: the group is rolled back, g4 then commits alone, g3 is retried.
    await clock.advance(1000);
    expect((await effects()).map((e) => e.job_key).sort()).toEqual(['g1', 'g2', 'g4']);
    await clock.advance(retryDelayMs(1));
    expect((await effects()).map((e) => e.job_key).sort()).toEqual(['g1', 'g2', 'g3', 'g4']);
  });

  it('hands back the jobs it claimed but did not start when it stops, instead of leaving them to their lease', async () => {
    await transact(ctx, async (tx) => {
      for (let i = 0; i < 40; i++) await schedule(tx, 'probe.effect', at(0), {}, { key: `stop-${i}` });
    });
    app.jobs.start();
    await app.jobs.stop();
    const rows = await app.ctx.db.selectFrom('kernel_job').select(['state', 'attempts', 'claim']).where('kind', '=', 'probe.effect').execute();
    expect(rows.filter((r) => r.state !== 'pending' || r.attempts !== 0 || r.claim !== null)).toEqual([]);
    expect(await clock.runDue()).toBe(40);
    expect(await effects()).toHaveLength(40);
  });

  it('succeeds on a retry with its effect exactly once', async () => {
    const { id } = await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(0), { failUntilAttempt: 1 }, { key: 'r' }));
    await clock.advance(retryDelayMs(1));
    expect((await effects()).map((e) => e.attempt)).toEqual([2]);
    expect((await job(id)).state).toBe('done');
  });

  it('takes over a claim whose server died once its lease runs out, and the dead server cannot commit', async () => {
    const { id } = await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(0), {}, { key: 'lease' }));
    // A server claims it and dies: the row stays running, under its claim, until the lease ends.
    const lease = at(60_000).toISOString();
    await app.ctx.db.updateTable('kernel_job').set({ state: 'running', claim: 'dead-server-claim', claimed_by: 'dead', next_at: lease, attempts: 1 }).where('id', '=', id).execute();
    await clock.advance(59_999);
    expect(await effects()).toHaveLength(0);
    await clock.advance(1);
    expect((await effects()).map((e) => e.attempt)).toEqual([2]);
    // The dead server's run, had it gone on, is refused: its claim is no longer the job's.
    expect(await app.jobs.runOne(await job(id), 'dead-server-claim')).toBe('lost');
    expect(await effects()).toHaveLength(1);
  });

  it('keeps the kernel\'s recurring work scheduled, and runs a missed recurrence once after downtime', async () => {
    await app.jobs.ensureRecurring();
    const open = async () => app.ctx.db.selectFrom('kernel_job').select(['kind', 'run_at', 'state']).where('kind', '=', 'kernel.sessions.purge').where('state', '=', 'pending').execute();
    expect((await open()).map((j) => j.run_at)).toEqual(['2026-12-01T00:15:00.000Z']);
    // Down for a day: 96 slots missed, one run (one for each of the four kernel kinds, and one for
    // the legislature's daily move of the search at village midnight), and the next slot after it.
    clock.set('2026-12-02T00:07:00.000Z');
    expect(await clock.runDue()).toBe(5);
    expect((await open()).map((j) => j.run_at)).toEqual(['2026-12-02T00:15:00.000Z']);
    const done = await app.ctx.db.selectFrom('kernel_job').select('run_at').where('kind', '=', 'kernel.sessions.purge').where('state', '=', 'done').execute();
    expect(done).toHaveLength(1);
    // A second ensure (another server starting) adds nothing.
    await app.jobs.ensureRecurring();
    expect(await open()).toHaveLength(1);
  });

  it('clears the login throttle\'s old rows and old anonymous refusal counts, keeping what the throttle still reads', async () => {
    const t = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();
    const ids = ['old', 'recent'];
    await app.ctx.db.insertInto('kernel_login_attempt').values([
      { id: ids[0], username: 'guess', ip: '10.0.0.1', at: t(-86_400_001), success: boolParam(dialect, false) },
      { id: ids[1], username: 'guess', ip: '10.0.0.1', at: t(-3_500_000), success: boolParam(dialect, false) },
    ]).execute();
    await app.ctx.db.insertInto('kernel_login_gate').values([{ key: 'account:stale', touched_at: t(-3_600_001) }, { key: 'account:fresh', touched_at: t(-60_000) }]).execute();
    await app.ctx.db.insertInto('kernel_denied_read').values([
      { address: '10.0.0.9', minute: t(-90 * 86_400_000 - 60_000).slice(0, 16), denials: 3 },
      { address: '10.0.0.9', minute: t(-89 * 86_400_000).slice(0, 16), denials: 2 },
    ]).execute();
    await app.jobs.ensureRecurring();
    await clock.advance(20 * 60_000);
    expect((await app.ctx.db.selectFrom('kernel_login_attempt').select('id').execute()).map((r) => r.id)).toEqual(['recent']);
    expect((await app.ctx.db.selectFrom('kernel_login_gate').select('key').execute()).map((r) => r.key)).toEqual(['account:fresh']);
    expect((await app.ctx.db.selectFrom('kernel_denied_read').select('denials').execute()).map((r) => Number(r.denials))).toEqual([2]);
  });

  it('shows staff the jobs by view, only those their clearance dominates; they retry a dead one and cancel a waiting one, audited', async () => {
    const secret = { classification: 'secret' as const, compartments: ['ANBU'] };
    const dead = await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(0), { failUntilAttempt: 99 }, { key: 'dead', label: secret }));
    const waiting = await transact(ctx, (tx) => schedule(tx, 'probe.effect', at(86_400_000), {}, { key: 'waiting' }));
    await clock.advance(3_600_000);
    expect((await job(dead.id)).state).toBe('dead');
    const anbu = withActor(app.ctx, { ...clerk, role: 'anbu', clearance: { level: 'secret', compartments: ['ANBU'] } });
    const plainClerk = withActor(app.ctx, { ...clerk, clearance: { level: 'secret', compartments: [] } });
    const seen = await listJobs(anbu, { kind: 'probe.effect' });
    expect(seen.counts).toMatchObject({ dead: 1, scheduled: 1, due: 0, failed: 0 });
    expect((await listJobs(anbu, { view: 'dead' })).items.map((j) => j.id)).toEqual([dead.id]);
    // Not cleared for ANBU: the dead job is not there at all, not even in the counts.
    const hidden = await listJobs(plainClerk, { kind: 'probe.effect' });
    expect(hidden.items.map((j) => j.id)).toEqual([waiting.id]);
    expect(hidden.counts.dead).toBe(0);
    await expect(retryJob(plainClerk, dead.id)).rejects.toMatchObject({ code: 'JOBS_NOT_FOUND' });
    // ANBU may read but not manage.
    await expect(retryJob(anbu, dead.id)).rejects.toMatchObject({ code: 'AUTH_FORBIDDEN' });
    const kazekage = withActor(app.ctx, { ...clerk, username: 'gaara', role: 'kazekage', clearance: { level: 'top_secret', compartments: ['ANBU'] } });
    expect((await retryJob(kazekage, dead.id)).state).toBe('pending');
    expect((await cancelJob(plainClerk, waiting.id)).state).toBe('cancelled');
    const audit = await app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'actor', 'object_id']).where('action', 'in', ['jobs.retry', 'jobs.cancel']).orderBy('seq').execute();
    expect(audit).toEqual([{ action: 'jobs.retry', actor: 'user:gaara', object_id: dead.id }, { action: 'jobs.cancel', actor: 'user:kankuro', object_id: waiting.id }]);
  });
});

// SQLite's plan: with only (next_at, id) to go by it read every job of the claimed kinds ever run.
describe('claiming on SQLite', () => {
  it('finds due jobs through the index of unfinished jobs by kind, not through every job of those kinds ever run', async () => {
    const app = await openTestApp('sqlite');
    try {
      const rows = Array.from({ length: 3000 }, (_, i) => ({
        id: `j${String(i).padStart(5, '0')}`, kind: i % 2 ? 'post.dispatch' : 'probe.echo', key: `k${i}`, state: i % 300 ? 'done' : 'pending', run_at: '2026-11-01T00:00:00.000Z',
        next_at: i % 300 ? null : '2026-11-01T00:00:00.000Z', payload: '{}', scheduled_by: 'test', created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z',
      }));
      for (let i = 0; i < rows.length; i += 500) await app.ctx.db.insertInto('kernel_job').values(rows.slice(i, i + 500)).execute();
      const c = dueJobs(app.ctx.db, ['post.dispatch', 'probe.echo', 'kernel.other'], '2026-12-01T00:00:00.000Z', 32).compile();
      const plan = async () => (await app.ctx.db.executeQuery(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]))).rows.map((r: any) => r.detail).join(' | ');
      // Either index of unfinished jobs will do (with statistics SQLite may take the one by due time); never the (kind, key) one.
      for (const stats of [false, true]) {
        if (stats) await sql`analyze`.execute(app.ctx.db);
        const p = await plan();
        expect(p, p).toMatch(/USING (COVERING )?INDEX kernel_job_(kind_)?next_idx/);
      }
      expect((await dueJobs(app.ctx.db, ['post.dispatch', 'probe.echo'], '2026-12-01T00:00:00.000Z', 32).execute()).map((r) => r.id)).toEqual(rows.filter((r) => r.next_at).map((r) => r.id));
    } finally {
      await app.drop();
    }
  });
});
