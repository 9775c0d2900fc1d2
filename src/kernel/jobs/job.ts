// What a job is, and what a module gives the kernel to run one (SandstoneModule.jobs).
import type { AppContext } from '../context.ts';
import type { Label, Level } from '../auth/labels.ts';
import { fromJson } from '../db/dialect.ts';

export type JobState = 'pending' | 'running' | 'done' | 'dead' | 'cancelled';

export interface Job {
  id: string;
  /** `<module>.<what>`, e.g. `post.flash.escalate`. */
  kind: string;
  /** Unique within the kind: scheduling the same key twice keeps one job. */
  key: string;
  state: JobState;
  /** When it is due (after a failure, when it is retried), ISO-8601 UTC. */
  runAt: string;
  payload: Record<string, unknown>;
  /** Attempts started so far, this one included while it runs. */
  attempts: number;
  lastError: string | null;
  /** Who scheduled it, as the audit log names actors (`user:kankuro`, `system:job:…`). */
  scheduledBy: string;
  /** The person on whose behalf it runs: its audit records say so. */
  onBehalfOf: string | null;
  label: Label;
  /** The cron expression (village time) of a recurring kind's occurrence. */
  recurrence: string | null;
  claimedBy: string | null;
  /** While running: when the claim's lease ends and another server may take it over. */
  leaseUntil: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A kind of job, as a module registers it in its `jobs` record. `run` gets a context joined to
 * the transaction that marks the job done, acting as the system on behalf of whoever scheduled
 * it: what it writes (records, audit, events, further jobs) commits together with "done", or not
 * at all. It must not have effects outside the database that cannot be repeated (see docs).
 */
export interface JobKind {
  run(ctx: AppContext, job: Job): Promise<void>;
  /** Attempts before the job is dead-lettered (default 8; see backoff.ts). */
  maxAttempts?: number;
  /**
   * Makes the kind recurring: a cron expression in village time (UTC+03:00), e.g. "0 8 * * 1"
   * for Mondays 08:00. The kernel keeps exactly one occurrence scheduled; after downtime a
   * missed occurrence runs once, and the next one is the first slot after it ran.
   */
  cron?: string;
}

export function rowToJob(r: Record<string, any>): Job {
  return {
    id: r.id, kind: r.kind, key: r.key, state: r.state, runAt: r.run_at, payload: fromJson<Record<string, unknown>>(r.payload, {}),
    attempts: Number(r.attempts), lastError: r.last_error ?? null, scheduledBy: r.scheduled_by, onBehalfOf: r.on_behalf_of ?? null,
    label: { classification: r.classification as Level, compartments: fromJson<string[]>(r.compartments, []) },
    recurrence: r.recurrence ?? null, claimedBy: r.claimed_by ?? null, leaseUntil: r.state === 'running' ? r.next_at ?? null : null,
    startedAt: r.started_at ?? null, finishedAt: r.finished_at ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
