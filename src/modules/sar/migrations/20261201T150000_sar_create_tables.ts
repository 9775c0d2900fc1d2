// Search and rescue operations (issue 11, docs/SAR.md): an operation for one missing person, and
// the reports that move its probability map — sensor posts, sightings, hazards, teams and the
// tracks they searched. Reports are never overwritten: the map is replayed from them in the order
// of `at` (when it happened), so a late report takes its place in time, not in arrival order.
// Every row that is a record carries its label (at least the operation's) and its operation_id.
import { sql, type Kysely } from 'kysely';
import { columnTypes, labelledRecord } from '../../../kernel/db/dialect.ts';

// Kilometres, degrees and probabilities: 8-byte floats on both (SQLite gives this REAL affinity).
const FLOAT = sql`double precision`;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // SAR-YYYY-NNNN: the last number given per year, taken in the opening transaction.
  await db.schema
    .createTable('sar_operation_counter')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sar_operation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())                 // a registry.person
    .addColumn('status', 'text', (c) => c.notNull())                     // active | found | called_off
    .addColumn('lkp_x', FLOAT, (c) => c.notNull())
    .addColumn('lkp_y', FLOAT, (c) => c.notNull())
    .addColumn('lkp_at', t.instant, (c) => c.notNull())
    .addColumn('lkp_note', 'text')
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('direction', t.json)                                      // {bearing, kappa} or null
    .addColumn('area_min_x', FLOAT, (c) => c.notNull())
    .addColumn('area_min_y', FLOAT, (c) => c.notNull())
    .addColumn('area_max_x', FLOAT, (c) => c.notNull())
    .addColumn('area_max_y', FLOAT, (c) => c.notNull())
    .addColumn('cell_km', FLOAT, (c) => c.notNull())
    .addColumn('moving_kmh', FLOAT)
    .addColumn('opened_at', t.instant, (c) => c.notNull())
    .addColumn('closed_at', t.instant)
    .addColumn('found_x', FLOAT)
    .addColumn('found_y', FLOAT)
    .addColumn('close_note', 'text')
    .addColumn('created_by', 'text')
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('sar_operation_status_idx').on('sar_operation').columns(['status', 'opened_at']).execute();
  await db.schema.createIndex('sar_operation_subject_idx').on('sar_operation').column('subject_id').execute();

  await db.schema
    .createTable('sar_sensor_post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operation_id', 'text', (c) => c.notNull().references('sar_operation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('x', FLOAT, (c) => c.notNull())
    .addColumn('y', FLOAT, (c) => c.notNull())
    .addColumn('range_km', FLOAT, (c) => c.notNull())
    .addColumn('hit_probability', FLOAT, (c) => c.notNull())
    .addColumn('false_alarm', FLOAT, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('sar_sensor_post_operation_idx').on('sar_sensor_post').column('operation_id').execute();

  await db.schema
    .createTable('sar_sighting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operation_id', 'text', (c) => c.notNull().references('sar_operation.id'))
    .addColumn('kind', 'text', (c) => c.notNull())                       // position | bearing | silent
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('x', FLOAT)
    .addColumn('y', FLOAT)
    .addColumn('radius_km', FLOAT)
    .addColumn('sensor_post_id', 'text', (c) => c.references('sar_sensor_post.id'))
    .addColumn('bearing', FLOAT)
    .addColumn('sigma_deg', FLOAT)
    .addColumn('hit_probability', FLOAT)
    .addColumn('false_alarm', FLOAT)
    .addColumn('reporter_id', 'text')                                    // a registry.person
    .addColumn('note', 'text')
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('compartments', t.json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
  await db.schema.createIndex('sar_sighting_operation_idx').on('sar_sighting').columns(['operation_id', 'at']).execute();

  await db.schema
    .createTable('sar_hazard')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operation_id', 'text', (c) => c.notNull().references('sar_operation.id'))
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('x', FLOAT, (c) => c.notNull())
    .addColumn('y', FLOAT, (c) => c.notNull())
    .addColumn('radius_km', FLOAT, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('compartments', t.json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
  await db.schema.createIndex('sar_hazard_operation_idx').on('sar_hazard').columns(['operation_id', 'at']).execute();

  await db.schema
    .createTable('sar_team')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operation_id', 'text', (c) => c.notNull().references('sar_operation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ninken', t.json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('speed_kmh', FLOAT, (c) => c.notNull())
    .addColumn('sweep_width_km', FLOAT, (c) => c.notNull())
    // The assigned search segment, a km rectangle; all four null until one is assigned.
    .addColumn('segment_min_x', FLOAT)
    .addColumn('segment_min_y', FLOAT)
    .addColumn('segment_max_x', FLOAT)
    .addColumn('segment_max_y', FLOAT)
    .addColumn('created_by', 'text')
    .$call(labelledRecord(t))
    .addUniqueConstraint('sar_team_name_uq', ['operation_id', 'name'])
    .execute();

  await db.schema
    .createTable('sar_team_member')
    .addColumn('team_id', 'text', (c) => c.notNull().references('sar_team.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())                  // a registry.person
    .addPrimaryKeyConstraint('sar_team_member_pk', ['team_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('sar_track')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operation_id', 'text', (c) => c.notNull().references('sar_operation.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('sar_team.id'))
    .addColumn('started_at', t.instant, (c) => c.notNull())
    .addColumn('ended_at', t.instant, (c) => c.notNull())               // the search is applied to the map at ended_at
    .addColumn('points', t.json, (c) => c.notNull())                     // [[x, y], …] km
    .addColumn('length_km', FLOAT, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('drawn'))  // drawn | gpx
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('compartments', t.json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
  await db.schema.createIndex('sar_track_operation_idx').on('sar_track').columns(['operation_id', 'ended_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['sar_track', 'sar_team_member', 'sar_team', 'sar_hazard', 'sar_sighting', 'sar_sensor_post', 'sar_operation', 'sar_operation_counter']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
