// The job runner every server runs: claims due jobs under a lease, runs each one's handler in the
// transaction that marks it done, retries failures with backoff, dead-letters the hopeless, and
// keeps one occurrence of each recurring kind scheduled. Why this runs each job's effect exactly
// once, on any number of servers, is argued in docs/ARCHITECTURE.md ("Timed work").
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { inTx, stagingTx, transact, withActor, type Actor, type AppContext, type Tx } from '../context.ts';
import { appendAuditWrites, type AuditWrite } from '../audit/audit-log.ts';
import type { SandstoneEvent } from '../events/event-bus.ts';
import { skipLocked, toJson } from '../db/dialect.ts';
import { newId } from '../ids.ts';
import { rowToJob, type Job, type JobKind } from './job.ts';
import { DEFAULT_MAX_ATTEMPTS, retryDelayMs } from './backoff.ts';
import { nextSlot, parseRecurrence } from './recurrence.ts';
import { JOB_SCHEDULED_EVENT } from './schedule.ts';

export interface RunnerOptions {
  /** How long a claim holds a job before another server may take it over (default 60 s). */
  leaseMs?: number;
  /** The longest the polling loop sleeps when it knows of nothing due sooner (default 1 s). */
  pollMs?: number;
  /**
   * After a claim that found less than a full batch, the loop waits at least this long before the
   * next (default 10 ms), so that jobs scheduled meanwhile are claimed and committed together.
   */
  gatherMs?: number;
  /** Jobs claimed per statement (default 32). */
  batch?: number;
  /** Jobs of one batch run at once by the polling loop (default 4; runDue runs one at a time). */
  concurrency?: number;
  /** Jobs committed together in one transaction when none fails (default 16; 1 = a transaction each). */
  group?: number;
  /** Names this server in claimed_by (default host:pid:random). */
  serverId?: string;
  /** Where the polling loop reports what it could not do (default: stderr). */
  onError?: (e: unknown) => void;
}

/** The ids of the jobs of these kinds due by `at`, earliest first: what a claim takes (see kernel_job_kind_next_idx). */
export function dueJobs(db: Kysely<any>, kinds: readonly string[], at: string, limit: number) {
  return db.selectFrom('kernel_job').select('id').where('next_at', '<=', at).where('kind', 'in', [...kinds]).orderBy('next_at').orderBy('id').limit(limit);
}

/** The run of a job whose claim was taken over (its lease ran out): its transaction is rolled back. */
class ClaimLost extends Error {}

export type RunOutcome = 'done' | 'retry' | 'dead' | 'lost';

export class JobRunner {
  readonly serverId: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly gatherMs: number;
  private readonly batch: number;
  private readonly concurrency: number;
  private readonly group: number;
  private readonly onError: (e: unknown) => void;
  private readonly kindNames: string[];
  private recurringEnsured = false;
  private loop: Promise<void> | null = null;
  private stopping = false;
  /** Ends the loop's wait for jobs (a job was scheduled that is due soon). */
  private wake: (() => void) | null = null;
  /** Ends any wait of the loop (stopping). */
  private halt: (() => void) | null = null;
  /** A job due soon was scheduled since the last claim began (the loop then does not wait for one). */
  private scheduledSince = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly ctx: AppContext, private readonly kinds: ReadonlyMap<string, JobKind>, opts: RunnerOptions = {}) {
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 1000;
    this.gatherMs = Math.max(0, opts.gatherMs ?? 10);
    this.batch = opts.batch ?? 32;
    this.concurrency = opts.concurrency ?? 4;
    this.group = Math.max(1, opts.group ?? 16);
    this.serverId = opts.serverId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.onError = opts.onError ?? ((e) => console.error('jobs:', e));
    this.kindNames = [...kinds.keys()].sort();
    for (const k of kinds.values()) if (k.cron) parseRecurrence(k.cron);
  }

  /** The kinds this server can run. */
  get knownKinds(): readonly string[] {
    return this.kindNames;
  }

  /** Starts the polling loop (servers only; tests drive runDue on a simulated clock instead). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    // A job scheduled on this server (or, on PostgreSQL, on any) wakes the loop at once if it is
    // waiting for work; while it gathers (see poll), the job is claimed when the gathering ends.
    this.unsubscribe = this.ctx.events.subscribe((e) => {
      if (e.type === JOB_SCHEDULED_EVENT && Date.parse(String(e.payload.runAt)) <= this.ctx.now().getTime() + this.pollMs) {
        this.scheduledSince = true;
        this.wake?.();
      }
    });
    this.loop = this.poll();
  }

  /** Stops the loop after the batch in hand; claimed jobs it did not start are taken over after their lease. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.halt?.();
    await this.loop;
    this.loop = null;
  }

  private async poll(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      this.scheduledSince = false;
      try {
        if (!this.recurringEnsured) await this.ensureRecurring();
        claimed = await this.runBatch(this.concurrency);
      } catch (e) {
        if (!this.stopping) this.onError(e);
      }
      if (claimed === this.batch || this.stopping) continue;
      let wait = this.pollMs;
      try {
        const next = await this.nextDueAt();
        if (next) wait = Math.max(0, Math.min(wait, next.getTime() - this.ctx.now().getTime()));
      } catch (e) {
        if (!this.stopping) this.onError(e);
      }
      // Not straight back for the few jobs scheduled while this batch ran: each claim and each
      // group costs a commit (a flush to disk), so under a stream of work (a hawk post job per
      // letter accepted) claiming every few milliseconds commits many jobs at once instead of a
      // few. A job scheduled now waits at most this much longer; the post's objectives are minutes.
      // (Stopping may have begun during the await above, after halt() found no wait to end.)
      if (this.gatherMs > 0 && !this.stopping) await this.sleep(this.gatherMs, false);
      if (wait > this.gatherMs && !this.stopping && !this.scheduledSince) await this.sleep(wait - this.gatherMs, true);
    }
  }

  /** Waits ms, or less if the runner stops or (untilJobs) a job is scheduled that is due before then. */
  private sleep(ms: number, untilJobs: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.halt = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.halt = done;
      if (untilJobs) this.wake = done;
    });
  }

  /**
   * Runs every job due now (by the context's clock), one at a time in claim order, until none is
   * due; jobs that its handlers schedule for now run too. Returns how many runs it made. This is
   * how tests fire jobs on a simulated clock: no timers, no sleeps.
   */
  async runDue(): Promise<number> {
    if (!this.recurringEnsured) await this.ensureRecurring();
    let runs = 0;
    for (;;) {
      const n = await this.runBatch(1);
      runs += n;
      if (n === 0) return runs;
    }
  }

  /** When the earliest job this server can run becomes claimable, or null when there is none. */
  async nextDueAt(): Promise<Date | null> {
    if (!this.kindNames.length) return null;
    const r = await this.ctx.db.selectFrom('kernel_job').select('next_at').where('next_at', 'is not', null).where('kind', 'in', this.kindNames)
      .orderBy('next_at').limit(1).executeTakeFirst();
    return r ? new Date(r.next_at) : null;
  }

  /** Claims one batch and runs it; returns how many jobs were claimed. */
  private async runBatch(concurrency: number): Promise<number> {
    const claimed = await this.claim();
    let i = 0;
    const worker = async () => {
      while (i < claimed.jobs.length && !(this.stopping && concurrency > 1)) {
        const group = claimed.jobs.slice(i, i + this.group);
        i += group.length;
        await this.runGroup(group, claimed.token);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.jobs.length) }, worker));
    // Stopping: the claimed jobs not started are handed back at once, instead of waiting out their lease.
    const unstarted = claimed.jobs.slice(i).map((j) => j.id);
    if (unstarted.length) {
      await this.ctx.db.updateTable('kernel_job').set({ state: 'pending', next_at: sql`run_at`, claim: null, attempts: sql`attempts - 1` })
        .where('id', 'in', unstarted).where('claim', '=', claimed.token).where('state', '=', 'running').execute();
    }
    return claimed.jobs.length;
  }

  /**
   * One statement: the due jobs (pending and due, or running with an expired lease — their server
   * died) become running under a new claim token and a fresh lease. PostgreSQL skips rows another
   * server is claiming or running; SQLite serializes the statement against every process.
   */
  private async claim(): Promise<{ token: string; jobs: Job[] }> {
    const token = randomBytes(12).toString('base64url');
    if (!this.kindNames.length) return { token, jobs: [] };
    const now = this.ctx.now();
    const nowIso = now.toISOString();
    const db = this.ctx.db;
    const due = skipLocked(this.ctx.dialect, dueJobs(db, this.kindNames, nowIso, this.batch));
    const rows = await db.updateTable('kernel_job')
      .set({ state: 'running', claim: token, claimed_by: this.serverId, next_at: new Date(now.getTime() + this.leaseMs).toISOString(), started_at: nowIso, attempts: sql`attempts + 1`, updated_at: nowIso })
      .where('id', 'in', due)
      .returningAll()
      .execute();
    // RETURNING promises no order: run them in the order they were due.
    const jobs = rows.map(rowToJob).sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { token, jobs };
  }

  /**
   * Group commit: several claimed jobs run one after another in ONE transaction, each exactly as
   * runOne would (claim check and done-mark, handler, next occurrence, its own audit records under
   * its own actor, its events), so a commit — the costly part — is shared. If anything in the group
   * fails (a handler throws, a claim was lost), the whole group is rolled back and each job runs
   * again on its own with runOne, where a failure is that job's alone. Either way every job's
   * effects commit exactly once, together with its done-mark.
   */
  private async runGroup(jobs: Job[], token: string): Promise<void> {
    if (jobs.length < 2) {
      for (const j of jobs) await this.runOne(j, token);
      return;
    }
    const staged: SandstoneEvent[] = [];
    const audits: AuditWrite[] = [];
    try {
      await this.ctx.db.transaction().execute(async (trx) => {
        for (const job of jobs) {
          const kind = this.kinds.get(job.kind)!;
          if (job.attempts > (kind.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) throw new ClaimLost();
          const actor = this.actorFor(job);
          const now = this.ctx.now();
          const tx = stagingTx(trx, this.ctx.dialect, now, actor, staged, audits);
          await markDone(tx, job, token);
          await kind.run(inTx(withActor(this.ctx, actor), tx), job);
          if (kind.cron) await planNextOccurrence(tx, job.kind, kind.cron);
        }
        // The group's events and audit records in one statement each, the audit last: it takes the
        // head row's lock (PostgreSQL) that every audited write waits for, so it is held only to the commit.
        if (staged.length) await this.ctx.events.stage(trx, staged);
        await appendAuditWrites(trx, audits);
      });
    } catch {
      for (const j of jobs) await this.runOne(j, token);
      return;
    }
    if (staged.length) this.ctx.events.committed(staged);
  }

  /** The system, acting for whoever scheduled the job. */
  private actorFor(job: Job): Actor {
    return { kind: 'system', username: `job:${job.kind}`, ...(job.onBehalfOf ? { onBehalfOf: job.onBehalfOf } : {}) };
  }

  /**
   * Runs one claimed job: marks it done (only while the claim is still ours), runs its handler,
   * and for a recurring kind plans the next occurrence — all in one transaction. A failure rolls
   * all of it back and records the failure (retry later, or dead) under the same claim check.
   */
  async runOne(job: Job, token: string): Promise<RunOutcome> {
    const kind = this.kinds.get(job.kind)!;
    const maxAttempts = kind.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const sys = withActor(this.ctx, this.actorFor(job));
    // A job whose servers kept dying while running it (its attempts used up by takeovers) is not run again.
    if (job.attempts > maxAttempts) return this.failed(sys, job, token, kind, new Error(`its lease ran out ${job.attempts - 1} times (the server running it stopped)`), true);
    try {
      await transact(sys, async (tx) => {
        await markDone(tx, job, token);
        await kind.run(inTx(sys, tx), job);
        if (kind.cron) await planNextOccurrence(tx, job.kind, kind.cron);
      });
      return 'done';
    } catch (e) {
      if (e instanceof ClaimLost) return 'lost';
      return this.failed(sys, job, token, kind, e, job.attempts >= maxAttempts);
    }
  }

  private async failed(sys: AppContext, job: Job, token: string, kind: JobKind, e: unknown, dead: boolean): Promise<RunOutcome> {
    const message = describeError(e);
    const outcome = await transact(sys, async (tx) => {
      const now = tx.now;
      const retryAt = new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString();
      const r = await tx.db.updateTable('kernel_job')
        .set(dead
          ? { state: 'dead', next_at: null, claim: null, last_error: message, finished_at: now.toISOString(), updated_at: now.toISOString() }
          : { state: 'pending', run_at: retryAt, next_at: retryAt, claim: null, last_error: message, updated_at: now.toISOString() })
        .where('id', '=', job.id).where('claim', '=', token).where('state', '=', 'running')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return 'lost' as const;
      // A dead occurrence does not end its schedule.
      if (dead && kind.cron) await planNextOccurrence(tx, job.kind, kind.cron);
      return dead ? ('dead' as const) : ('retry' as const);
    });
    return outcome;
  }

  /**
   * Makes sure every recurring kind this server knows has its schedule row (with the current cron
   * expression) and one unfinished occurrence; an occurrence planned under an older expression is
   * moved to the new one's next slot. Runs once, before the first claim.
   */
  async ensureRecurring(): Promise<void> {
    for (const [kind, k] of this.kinds) {
      if (!k.cron) continue;
      const cron = k.cron;
      await transact(withActor(this.ctx, { kind: 'system', username: 'jobs' }), async (tx) => {
        await lockSchedule(tx, kind, cron);
        const open = await tx.db.selectFrom('kernel_job').select(['id', 'state', 'recurrence']).where('kind', '=', kind).where('state', 'in', ['pending', 'running']).execute();
        if (!open.length) return void (await insertOccurrence(tx, kind, cron));
        for (const o of open) {
          if (o.state !== 'pending' || o.recurrence === cron) continue;
          const at = nextSlot(cron, tx.now).toISOString();
          await tx.db.updateTable('kernel_job').set({ run_at: at, next_at: at, recurrence: cron, updated_at: tx.now.toISOString() }).where('id', '=', o.id).where('state', '=', 'pending').execute();
        }
      });
    }
    this.recurringEnsured = true;
  }
}

/** Marks a job done, in the transaction that runs it, only while the claim is still this one; else ClaimLost. */
async function markDone(tx: Tx, job: Job, token: string): Promise<void> {
  const mine = await tx.db.updateTable('kernel_job')
    .set({ state: 'done', next_at: null, claim: null, finished_at: tx.now.toISOString(), updated_at: tx.now.toISOString() })
    .where('id', '=', job.id).where('claim', '=', token).where('state', '=', 'running')
    .executeTakeFirst();
  if (Number(mine.numUpdatedRows) !== 1) throw new ClaimLost();
}

/** Takes the recurring kind's schedule row (creating it): whoever plans its next occurrence holds it until commit. */
async function lockSchedule(tx: Tx, kind: string, cron: string): Promise<void> {
  await tx.db.insertInto('kernel_job_schedule').values({ kind, cron, updated_at: tx.now.toISOString() })
    .onConflict((oc) => oc.column('kind').doUpdateSet({ cron, updated_at: tx.now.toISOString() }))
    .execute();
}

/**
 * After an occurrence finishes (done, dead or cancelled): the next one, at the first slot after
 * now — not after the finished one's slot, so slots missed while no server ran are skipped, and
 * a missed occurrence runs once. Nothing is planned while another occurrence is open (a dead one
 * retried by hand runs beside the schedule, it does not fork it).
 */
export async function planNextOccurrence(tx: Tx, kind: string, cron: string): Promise<void> {
  await lockSchedule(tx, kind, cron);
  const open = await tx.db.selectFrom('kernel_job').select('id').where('kind', '=', kind).where('state', 'in', ['pending', 'running']).limit(1).executeTakeFirst();
  if (!open) await insertOccurrence(tx, kind, cron);
}

async function insertOccurrence(tx: Tx, kind: string, cron: string): Promise<void> {
  const now = tx.now.toISOString();
  let after = tx.now;
  // A slot keeps its occurrence's key even once finished (an occurrence cancelled before its slot
  // came): then the next slot is the one after it.
  for (let tries = 0; tries < 100; tries++) {
    const slot = nextSlot(cron, after);
    const at = slot.toISOString();
    const r = await tx.db.insertInto('kernel_job')
      .values({ id: newId(), kind, key: `@${at}`, state: 'pending', run_at: at, next_at: at, payload: toJson({}), attempts: 0, recurrence: cron,
        scheduled_by: 'system:jobs', on_behalf_of: null, classification: 'public', compartments: '[]', created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) return;
    after = slot;
  }
}

function describeError(e: unknown): string {
  const err = e as { code?: string; name?: string; message?: string };
  const text = err && typeof err === 'object' ? `${err.code ?? err.name ?? 'Error'}: ${err.message ?? String(e)}` : String(e);
  return text.slice(0, 2000);
}

/** Every kind the kernel and modules register, checked: names are `<module>.<what>`, no kind twice. */
export function collectJobKinds(modules: readonly { name: string; jobs?: Record<string, JobKind> }[]): Map<string, JobKind> {
  const kinds = new Map<string, JobKind>();
  for (const m of modules) {
    for (const [kind, k] of Object.entries(m.jobs ?? {})) {
      if (!kind.startsWith(`${m.name}.`)) throw new Error(`Job kind ${kind} of module ${m.name} must start with "${m.name}."`);
      if (kinds.has(kind)) throw new Error(`Two job kinds named ${kind}`);
      kinds.set(kind, k);
    }
  }
  return kinds;
}
