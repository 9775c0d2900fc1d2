// The kernel's own timed work: clearing out ended sessions, expired idempotency keys and old
// finished jobs, each a recurring job instead of work done on the side of some request.
import type { JobKind } from './job.ts';
import { IDEMPOTENCY_TTL_MS } from '../http/idempotency.ts';

/** Finished jobs (done, cancelled) are kept this long for the jobs page, then removed; dead ones stay until handled. */
export const FINISHED_JOB_RETENTION_MS = 30 * 86_400_000;
/** Login attempts are kept a day (the throttle reads only the last hour), gate rows an hour after their last use. */
export const LOGIN_ATTEMPT_RETENTION_MS = 86_400_000;
const LOGIN_GATE_IDLE_MS = 3_600_000;
/** Anonymous refusal counts (per address and minute) are kept 90 days, for spotting probing. */
export const DENIED_READ_RETENTION_MS = 90 * 86_400_000;
/** The longest idle time a session can be configured with (SANDSTONE_SESSION_IDLE_MINUTES ≤ 24 h). */
const LONGEST_IDLE_MS = 24 * 3_600_000;

export const KERNEL_JOBS: Record<string, JobKind> = {
  'kernel.sessions.purge': {
    cron: '*/15 * * * *',
    // Requests already refuse an ended session; this only keeps the table small. A session idle
    // longer than any configurable idle limit has surely ended.
    async run(ctx) {
      const now = ctx.now().getTime();
      await ctx.db.deleteFrom('kernel_session').where((eb) => eb.or([
        eb('expires_at', '<=', new Date(now).toISOString()),
        eb('last_seen_at', '<=', new Date(now - LONGEST_IDLE_MS).toISOString()),
      ])).execute();
    },
  },
  'kernel.idempotency.purge': {
    cron: '5 * * * *',
    async run(ctx) {
      await ctx.db.deleteFrom('kernel_idempotency').where('created_at', '<', new Date(ctx.now().getTime() - IDEMPOTENCY_TTL_MS).toISOString()).execute();
    },
  },
  'kernel.logins.purge': {
    cron: '20 * * * *',
    // The throttle's own rows: without this, every guessed username and every address ever seen
    // would stay in these tables for good.
    async run(ctx) {
      const now = ctx.now().getTime();
      await ctx.db.deleteFrom('kernel_login_attempt').where('at', '<', new Date(now - LOGIN_ATTEMPT_RETENTION_MS).toISOString()).execute();
      await ctx.db.deleteFrom('kernel_login_gate').where('touched_at', '<', new Date(now - LOGIN_GATE_IDLE_MS).toISOString()).execute();
      await ctx.db.deleteFrom('kernel_denied_read').where('minute', '<', new Date(now - DENIED_READ_RETENTION_MS).toISOString().slice(0, 16)).execute();
    },
  },
  'kernel.jobs.purge': {
    cron: '30 3 * * *',
    async run(ctx) {
      await ctx.db.deleteFrom('kernel_job').where('state', 'in', ['done', 'cancelled'])
        .where('finished_at', '<', new Date(ctx.now().getTime() - FINISHED_JOB_RETENTION_MS).toISOString()).execute();
    },
  },
};
