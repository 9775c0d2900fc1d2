// Durable jobs (kernel_job: one row per piece of timed work, written in the transaction of the
// change that needs it) and recurring schedules (kernel_job_schedule: one row per recurring kind,
// locked whenever its next occurrence is decided, so two servers never plan two).
import type { Kysely } from 'kysely';
import { columnTypes } from '../../db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('kernel_job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    // pending | running | done | dead | cancelled
    .addColumn('state', 'text', (c) => c.notNull())
    // When it is due (after a failure: when it is retried).
    .addColumn('run_at', t.instant, (c) => c.notNull())
    // When a runner may claim it: run_at while pending, the end of the lease while running; null once finished.
    .addColumn('next_at', t.instant)
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    // The token of the claim that holds it; the run commits only while this is still its token.
    .addColumn('claim', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('started_at', t.instant)
    .addColumn('finished_at', t.instant)
    // The cron expression (village time) of a recurring kind's occurrence; null for one-off jobs.
    .addColumn('recurrence', 'text')
    .addColumn('scheduled_by', 'text', (c) => c.notNull())
    .addColumn('on_behalf_of', 'text')
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('compartments', t.json, (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('kernel_job_kind_key', ['kind', 'key'])
    .execute();
  // Only unfinished jobs are in the claim index, so finished history does not slow claiming.
  await db.schema.createIndex('kernel_job_next_idx').on('kernel_job').columns(['next_at', 'id']).where('next_at', 'is not', null).execute();
  await db.schema.createIndex('kernel_job_state_idx').on('kernel_job').columns(['state', 'run_at']).execute();

  await db.schema
    .createTable('kernel_job_schedule')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kernel_job_schedule').ifExists().execute();
  await db.schema.dropTable('kernel_job').ifExists().execute();
}
