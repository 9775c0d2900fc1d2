// Missions (issue 13): a mission with its team and the injuries on it, and the team's
// after-action reports. A report carries no label of its own: it is about its mission and is read
// at the mission's label (reads join the mission and filter on it).
import type { Kysely } from 'kysely';
import { columnTypes, labelledRecord } from '../../../kernel/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  // M-YYYY-NNN: the last number given per year, taken in the creating transaction. Codes are
  // given, not chosen, so that a code already taken by a mission the creator may not see tells
  // them nothing.
  await db.schema
    .createTable('missions_counter')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('missions_mission')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('rank', 'text', (c) => c.notNull())
    .addColumn('objective', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('villages', t.json, (c) => c.notNull())            // registry village codes
    .addColumn('status', 'text', (c) => c.notNull())              // mission-lifecycle.ts
    .addColumn('planned_start', t.date, (c) => c.notNull())
    .addColumn('planned_end', t.date, (c) => c.notNull())
    .addColumn('started_on', t.date)
    .addColumn('ended_on', t.date)
    .addColumn('outcome', 'text')
    .addColumn('created_by', 'text')
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('missions_mission_status_idx').on('missions_mission').columns(['status', 'planned_start']).execute();

  await db.schema
    .createTable('missions_team')
    .addColumn('mission_id', 'text', (c) => c.notNull().references('missions_mission.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())           // a registry.person
    .addColumn('role', 'text', (c) => c.notNull())                // leader | member | escort
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('missions_team_pkey', ['mission_id', 'person_id'])
    .execute();
  await db.schema.createIndex('missions_team_person_idx').on('missions_team').columns(['person_id']).execute();

  await db.schema
    .createTable('missions_injury')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mission_id', 'text', (c) => c.notNull().references('missions_mission.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('injured_on', t.date, (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('leave_kind', 'text', (c) => c.notNull())          // medical | administrative
    .addColumn('leave_from', t.date, (c) => c.notNull())
    .addColumn('leave_to', t.date)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('missions_injury_mission_idx').on('missions_injury').columns(['mission_id', 'injured_on']).execute();

  await db.schema
    .createTable('missions_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mission_id', 'text', (c) => c.notNull().references('missions_mission.id'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())               // report-lifecycle.ts
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('comments', 'text')                                // the reviewer's, on the last return
    .addColumn('due_on', t.date, (c) => c.notNull())
    .addColumn('submitted_at', t.instant)
    .addColumn('reviewer_id', 'text')
    .addColumn('review_started_at', t.instant)
    .addColumn('accepted_at', t.instant)
    .addColumn('accepted_on', t.date)                             // the village day of acceptance, for turnaround
    .addColumn('returned_at', t.instant)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('missions_report_author_key', ['mission_id', 'author_id'])
    .execute();
  // The review queue's order, and turnaround by day of acceptance.
  await db.schema.createIndex('missions_report_queue_idx').on('missions_report').columns(['state', 'submitted_at', 'id']).execute();
  await db.schema.createIndex('missions_report_accepted_idx').on('missions_report').columns(['accepted_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['missions_report', 'missions_injury', 'missions_team', 'missions_mission', 'missions_counter']) await db.schema.dropTable(table).ifExists().execute();
}
