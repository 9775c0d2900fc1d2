// A test-only module whose jobs leave evidence: each run of `probe.effect` inserts one row into
// probe_effect in the job's own transaction (no unique constraint, so a doubled effect shows up
// as two rows instead of being hidden by a refusal), and can fail on purpose or write an audit row.
import type { Kysely } from 'kysely';
import type { SandstoneModule } from '../module.ts';
import { columnTypes } from '../db/dialect.ts';
import { newId } from '../ids.ts';

export interface ProbePayload {
  /** Fail (throw) while the attempt number is at most this. */
  failUntilAttempt?: number;
  /** Write an audit record for the effect. */
  audit?: boolean;
  /** Take this long (ms) before the effect: work in hand long enough for a test to kill its server during it. */
  holdMs?: number;
  /** Announce the effect (event `probe.effect`) to these people only. */
  announceTo?: string[];
}

export const probeModule: SandstoneModule = {
  name: 'probe',
  migrations: {
    '20261201T130100_probe_create_effect': {
      async up(db: Kysely<any>) {
        const t = columnTypes(db);
        await db.schema.createTable('probe_effect')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('job_id', 'text', (c) => c.notNull())
          .addColumn('job_key', 'text', (c) => c.notNull())
          .addColumn('attempt', 'integer', (c) => c.notNull())
          .addColumn('at', t.instant, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('probe_effect_key_idx').on('probe_effect').column('job_key').execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.dropTable('probe_effect').ifExists().execute();
      },
    },
  },
  jobs: {
    'probe.effect': {
      // More than the exactly-once test's kills, so takeovers alone never dead-letter a probe.
      maxAttempts: 5,
      async run(ctx, job) {
        const p = job.payload as ProbePayload;
        if (p.holdMs) await new Promise((r) => setTimeout(r, p.holdMs));
        await ctx.db.insertInto('probe_effect').values({ id: newId(), job_id: job.id, job_key: job.key, attempt: job.attempts, at: ctx.now().toISOString() }).execute();
        if (p.audit) ctx.tx!.audit({ action: 'probe.effect', objectType: 'probe', objectId: job.key, classification: job.label.classification, compartments: [...job.label.compartments] });
        if (p.announceTo) ctx.tx!.emit('probe.effect', { key: job.key }, job.label, p.announceTo);
        if (p.failUntilAttempt && job.attempts <= p.failUntilAttempt) throw new Error(`probe failing on purpose (attempt ${job.attempts})`);
      },
    },
  },
};
