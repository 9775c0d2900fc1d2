// Scheduling work for later, inside the transaction of the change that needs it (a transactional
// outbox): the job exists if and only if that change commits. Also cancelling and rescheduling.
import { newId } from '../ids.ts';
import { fromJson, insertRows, toJson } from '../db/dialect.ts';
import { actorLabel } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import type { Tx } from '../context.ts';
import type { Label } from '../auth/labels.ts';
import { isoInstant } from '../village-time.ts';

export interface ScheduleOptions {
  /** Unique within the kind: scheduling the same key again keeps the one job (and changes nothing). */
  key: string;
  /** The label of what the job is about; only readers cleared for it see the job. Public when absent. */
  label?: Label;
  /** The person the job acts for; by default the person scheduling it (or whom they act for). */
  onBehalfOf?: string;
}

/** Announced (to this server and, on PostgreSQL, to every server) when a job is scheduled, so runners wake. */
export const JOB_SCHEDULED_EVENT = 'kernel.jobs.scheduled';
/** Timed work is heard of by those who may see the jobs, not by every listener cleared for a job's label. */
export const JOB_LISTENERS = { allowedTo: 'jobs.read' } as const;

const KIND = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/**
 * Schedules `kind` to run at `runAt` with `payload` (small JSON), in the caller's transaction.
 * Returns the job's id, and whether this call made it (false: the key already had a job).
 */
export async function schedule(tx: Tx, kind: string, runAt: Date | string, payload: Record<string, unknown>, opts: ScheduleOptions): Promise<{ id: string; created: boolean }> {
  if (!KIND.test(kind)) throw new AppError('JOBS_BAD_KIND', 'bad_request', `Job kind "${kind}" must be <module>.<what> in lower case, e.g. post.flash.escalate.`);
  if (!opts.key || opts.key.length > 200) throw new AppError('JOBS_BAD_KEY', 'bad_request', 'A job needs a key of 1–200 characters; it is what makes scheduling the same thing twice keep one job.');
  const at = new Date(runAt);
  if (Number.isNaN(at.getTime())) throw new AppError('JOBS_BAD_TIME', 'bad_request', `"${String(runAt)}" is not an instant; give a Date or an ISO-8601 time.`);
  const id = newId();
  const now = tx.now.toISOString();
  const label = opts.label ?? { classification: 'public', compartments: [] };
  const inserted = await tx.db
    .insertInto('kernel_job')
    .values({
      id, kind, key: opts.key, state: 'pending', run_at: at.toISOString(), next_at: at.toISOString(), payload: toJson(payload), attempts: 0,
      scheduled_by: actorLabel(tx.actor), on_behalf_of: opts.onBehalfOf ?? tx.actor.onBehalfOf ?? tx.actor.personId ?? null,
      classification: label.classification, compartments: toJson([...label.compartments].sort()), created_at: now, updated_at: now,
    })
    .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
    tx.emit(JOB_SCHEDULED_EVENT, { kind, runAt: at.toISOString() }, label, JOB_LISTENERS);
    return { id, created: true };
  }
  const prior = await tx.db.selectFrom('kernel_job').select('id').where('kind', '=', kind).where('key', '=', opts.key).executeTakeFirstOrThrow();
  return { id: prior.id, created: false };
}

/** Cancels the job of this kind and key if it has not run yet. True if it was cancelled by this call. */
export async function unschedule(tx: Tx, kind: string, key: string): Promise<boolean> {
  const r = await tx.db.updateTable('kernel_job').set({ state: 'cancelled', next_at: null, finished_at: tx.now.toISOString(), updated_at: tx.now.toISOString() })
    .where('kind', '=', kind).where('key', '=', key).where('state', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Moves the job of this kind and key to a new time. A pending job just moves; a cancelled or dead
 * one is revived (its attempts start again). False when there is none, or it is running or done.
 */
export async function reschedule(tx: Tx, kind: string, key: string, runAt: Date | string): Promise<boolean> {
  const at = new Date(runAt).toISOString();
  const r = await tx.db.updateTable('kernel_job').set({ state: 'pending', run_at: at, next_at: at, attempts: 0, finished_at: null, updated_at: tx.now.toISOString() })
    .where('kind', '=', kind).where('key', '=', key).where('state', 'in', ['pending', 'cancelled', 'dead'])
    .returning(['classification', 'compartments']).executeTakeFirst();
  if (!r) return false;
  tx.emit(JOB_SCHEDULED_EVENT, { kind, runAt: at }, { classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) }, JOB_LISTENERS);
  return true;
}

/** One job to schedule with scheduleEach: in its own writer's transaction view (actor, clock). */
export interface JobToSchedule { tx: Tx; kind: string; runAt: Date; payload: Record<string, unknown>; opts: ScheduleOptions }

/**
 * Schedules many jobs as `schedule` does each (same rows), in as few statements as the database
 * allows: a group commit writing several requests' work (post's mail bag) pays one insert, not one
 * per job. All `tx`s share one transaction. Each job asked for is announced, made now or already
 * there (its key taken), so that the insert's answer is not waited for (on PostgreSQL it goes out
 * with the transaction's next statements, kernel/db/create-db.ts): an announcement wakes a runner,
 * which then reads what is due, so one for a job already there costs a look and no more.
 */
export async function scheduleEach(jobs: readonly JobToSchedule[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += SCHEDULE_CHUNK) {
    const chunk = jobs.slice(i, i + SCHEDULE_CHUNK);
    const rows = chunk.map(({ tx, kind, runAt, payload, opts }) => {
      if (!KIND.test(kind)) throw new AppError('JOBS_BAD_KIND', 'bad_request', `Job kind "${kind}" must be <module>.<what> in lower case, e.g. post.flash.escalate.`);
      if (!opts.key || opts.key.length > 200) throw new AppError('JOBS_BAD_KEY', 'bad_request', 'A job needs a key of 1–200 characters; it is what makes scheduling the same thing twice keep one job.');
      const now = isoInstant(tx.now);
      const run = runAt.toISOString();
      const label = opts.label ?? { classification: 'public', compartments: [] };
      return {
        id: newId(), kind, key: opts.key, state: 'pending', run_at: run, next_at: run, payload: toJson(payload), attempts: 0,
        scheduled_by: actorLabel(tx.actor), on_behalf_of: opts.onBehalfOf ?? tx.actor.onBehalfOf ?? tx.actor.personId ?? null,
        classification: label.classification, compartments: toJson([...label.compartments].sort()), created_at: now, updated_at: now,
      };
    });
    await insertRows(chunk[0]!.tx.db, 'kernel_job', rows, { skipConflictOn: ['kind', 'key'], unawaited: true });
    for (const { tx, kind, runAt, opts } of chunk) tx.emit(JOB_SCHEDULED_EVENT, { kind, runAt: runAt.toISOString() }, opts.label ?? { classification: 'public', compartments: [] }, JOB_LISTENERS);
  }
}
/** Rows per insert: well under either database's limit on bound parameters. */
const SCHEDULE_CHUNK = 500;
