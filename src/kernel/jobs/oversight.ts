// What cleared staff see of timed work and may do to it: list jobs (due, scheduled, running,
// failed, dead, done, cancelled), look one up, retry or cancel one. Label-filtered in SQL like
// every other read: a job about a secret record is shown only to those cleared for it.
import { sql } from 'kysely';
import { authorize, transact, type AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { labelVisible } from '../db/dialect.ts';
import { readerLabels } from '../auth/reader.ts';
import { join, PUBLIC_LABEL } from '../auth/labels.ts';
import { rowToJob, type Job } from './job.ts';
import { planNextOccurrence } from './runner.ts';
import { JOB_LISTENERS, JOB_SCHEDULED_EVENT } from './schedule.ts';

/** What the jobs page shows: each job is in exactly one view. */
export const JOB_VIEWS = ['due', 'scheduled', 'running', 'failed', 'dead', 'done', 'cancelled'] as const;
export type JobView = (typeof JOB_VIEWS)[number];

export interface JobListQuery {
  view?: JobView;
  kind?: string;
  limit?: number;
  offset?: number;
}

const isClassified = (j: Job) => j.label.classification !== 'public' || j.label.compartments.length > 0;

/** Where a job stands in the views, for one instant. */
function viewWhere(view: JobView, now: string) {
  return (qb: any) => {
    switch (view) {
      case 'due': return qb.where('j.state', '=', 'pending').where('j.attempts', '=', 0).where('j.run_at', '<=', now);
      case 'scheduled': return qb.where('j.state', '=', 'pending').where('j.attempts', '=', 0).where('j.run_at', '>', now);
      case 'failed': return qb.where('j.state', '=', 'pending').where('j.attempts', '>', 0);
      default: return qb.where('j.state', '=', view);
    }
  };
}

export function viewOf(j: Job, now: Date): JobView {
  if (j.state !== 'pending') return j.state;
  if (j.attempts > 0) return 'failed';
  return Date.parse(j.runAt) <= now.getTime() ? 'due' : 'scheduled';
}

/** Jobs in a view (all views when none is given), soonest first, with a count per view. */
export async function listJobs(ctx: AppContext, q: JobListQuery = {}): Promise<{ items: Job[]; total: number; counts: Record<JobView, number> }> {
  await authorize(ctx, 'jobs.read');
  const now = ctx.now().toISOString();
  const L = readerLabels(ctx);
  let base = ctx.db.selectFrom('kernel_job as j');
  if (L) base = base.where(labelVisible(ctx.dialect, 'j', L.maxRank, L.compartments));
  if (q.kind) base = base.where('j.kind', '=', q.kind);
  const listed = q.view ? base.$call(viewWhere(q.view, now)) : base;
  const finished = q.view === 'done' || q.view === 'cancelled' || q.view === 'dead';
  const [rows, total, byView] = await Promise.all([
    listed.selectAll('j').orderBy('j.run_at', finished ? 'desc' : 'asc').orderBy('j.id').limit(q.limit ?? 100).offset(q.offset ?? 0).execute(),
    listed.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    base.select([
      sql<string>`case when j.state <> 'pending' then j.state when j.attempts > 0 then 'failed' when j.run_at <= ${now} then 'due' else 'scheduled' end`.as('view'),
      sql<number>`count(*)`.as('n'),
    ]).groupBy('view').execute(),
  ]);
  const counts = Object.fromEntries(JOB_VIEWS.map((v) => [v, 0])) as Record<JobView, number>;
  for (const r of byView) counts[r.view as JobView] = Number(r.n);
  const items = rows.map(rowToJob);
  await auditClassifiedRead(ctx, items);
  return { items, total: Number(total.n), counts };
}

/** One job, or JOBS_NOT_FOUND (also for one the reader is not cleared to see). */
export async function getJob(ctx: AppContext, id: string): Promise<Job> {
  await authorize(ctx, 'jobs.read');
  const job = await visibleJob(ctx, id);
  await auditClassifiedRead(ctx, [job]);
  return job;
}

/**
 * Runs a job again from its first attempt, now: a dead or cancelled one is revived, a pending
 * one (scheduled, due, failed) is brought forward. A running or done job cannot be retried.
 */
export async function retryJob(ctx: AppContext, id: string): Promise<Job> {
  const job = await visibleJob(ctx, id);
  await authorize(ctx, 'jobs.manage', job.label, { type: 'job', id });
  return transact(ctx, async (tx) => {
    const at = tx.now.toISOString();
    const r = await tx.db.updateTable('kernel_job').set({ state: 'pending', run_at: at, next_at: at, attempts: 0, finished_at: null, updated_at: at })
      .where('id', '=', id).where('state', 'in', ['pending', 'dead', 'cancelled']).returningAll().executeTakeFirst();
    if (!r) throw notNow(job, 'retried');
    tx.audit({ action: 'jobs.retry', objectType: 'job', objectId: id, classification: job.label.classification, compartments: [...job.label.compartments], detail: { kind: job.kind, key: job.key, was: job.state } });
    tx.emit(JOB_SCHEDULED_EVENT, { kind: job.kind, runAt: at }, job.label, JOB_LISTENERS);
    return rowToJob(r);
  });
}

/** Cancels a job that has not run (cancelling a cancelled one changes nothing). A recurring kind's next occurrence is planned. */
export async function cancelJob(ctx: AppContext, id: string): Promise<Job> {
  const job = await visibleJob(ctx, id);
  await authorize(ctx, 'jobs.manage', job.label, { type: 'job', id });
  if (job.state === 'cancelled') return job;
  return transact(ctx, async (tx) => {
    const at = tx.now.toISOString();
    const r = await tx.db.updateTable('kernel_job').set({ state: 'cancelled', next_at: null, finished_at: at, updated_at: at })
      .where('id', '=', id).where('state', 'in', ['pending', 'dead']).returningAll().executeTakeFirst();
    if (!r) throw notNow(job, 'cancelled');
    if (job.recurrence) await planNextOccurrence(tx, job.kind, job.recurrence);
    tx.audit({ action: 'jobs.cancel', objectType: 'job', objectId: id, classification: job.label.classification, compartments: [...job.label.compartments], detail: { kind: job.kind, key: job.key, was: job.state } });
    tx.emit('kernel.jobs.cancelled', { kind: job.kind }, job.label, JOB_LISTENERS);
    return rowToJob(r);
  });
}

async function visibleJob(ctx: AppContext, id: string): Promise<Job> {
  const L = readerLabels(ctx);
  let q = ctx.db.selectFrom('kernel_job as j').selectAll('j').where('j.id', '=', id);
  if (L) q = q.where(labelVisible(ctx.dialect, 'j', L.maxRank, L.compartments));
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('JOBS_NOT_FOUND', 'not_found', `There is no job ${id}. List jobs with GET /api/operations/jobs or \`sandstone jobs list\`.`);
  return rowToJob(row);
}

function notNow(job: Job, what: string): AppError {
  return new AppError('JOBS_NOT_NOW', 'conflict', `Job ${job.id} is ${job.state === 'running' ? 'running now' : job.state}, so it cannot be ${what}. ${job.state === 'running' ? 'Wait for it to finish or fail.' : 'Schedule new work instead.'}`);
}

/** Reading classified jobs is audited, like any classified read (the console's reads are not). */
async function auditClassifiedRead(ctx: AppContext, jobs: Job[]) {
  if (ctx.actor.kind === 'local' || ctx.actor.kind === 'system' || ctx.tx) return;
  const classified = jobs.filter(isClassified);
  if (!classified.length) return;
  const top = classified.map((j) => j.label).reduce(join, PUBLIC_LABEL);
  await transact(ctx, async (tx) => tx.audit({
    action: 'jobs.read', objectType: 'job', objectId: classified.length === 1 ? classified[0]!.id : undefined,
    classification: top.classification, compartments: [...top.compartments], detail: { ids: classified.map((j) => j.id) },
  }));
}
