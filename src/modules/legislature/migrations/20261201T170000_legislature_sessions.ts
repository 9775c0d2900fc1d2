// Council sessions: the sitting (a labelled record: date, time, place, chair, status), its agenda
// in order, the attendance of each member, the speaker queue as a log of events (folded with
// speaker-queue.ts), motions (an amendment is a motion whose parent is a motion), roll-call votes
// with the rule, quorum and result stored beside the counts, and one ballot per member and vote
// (the primary key is what makes it one, however many requests race). A bill's action records
// the vote that moved it on.
import { sql, type Kysely } from 'kysely';
import { columnTypes, labelledRecord } from '../../../kernel/db/dialect.ts';
import { unwatchTables, watchTables } from '../../../kernel/db/generations.ts';

const TABLES = [
  'legislature_session', 'legislature_session_item', 'legislature_session_attendance', 'legislature_session_queue',
  'legislature_motion', 'legislature_vote', 'legislature_ballot',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('legislature_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())          // CS-YYYY-NNN
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sitting_on', t.date, (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())              // HH:MM, village time
    .addColumn('minutes_long', 'integer', (c) => c.notNull())        // planned length, for calendars
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('chair_id', 'text', (c) => c.notNull())               // a registry person
    .addColumn('status', 'text', (c) => c.notNull())                 // scheduled | sitting | adjourned
    .addColumn('opened_at', t.instant)
    .addColumn('adjourned_at', t.instant)
    .addColumn('created_by', 'text')
    .$call(labelledRecord(t))
    .addUniqueConstraint('legislature_session_year_number_key', ['year', 'number'])
    .execute();
  await db.schema.createIndex('legislature_session_date_idx').on('legislature_session').columns(['sitting_on']).execute();

  await db.schema
    .createTable('legislature_session_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('legislature_session.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())                   // bill_reading | motion | report
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('bill_id', 'text', (c) => c.references('legislature_bill.id'))
    .addColumn('bill_stage', 'text')                                 // the stage a passed vote moves the bill to
    .execute();
  await db.schema.createIndex('legislature_session_item_session_idx').on('legislature_session_item').columns(['session_id', 'position']).execute();

  await db.schema
    .createTable('legislature_session_attendance')
    .addColumn('session_id', 'text', (c) => c.notNull().references('legislature_session.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())                 // present | absent | excused
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addPrimaryKeyConstraint('legislature_session_attendance_pkey', ['session_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('legislature_session_queue')
    .addColumn('session_id', 'text', (c) => c.notNull().references('legislature_session.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())                   // request | withdraw | grant | yield
    .addColumn('member_id', 'text')
    .addColumn('kind', 'text')                                       // speak | point_of_order
    .addColumn('limit_seconds', 'integer')
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    // Two requests folded onto the same queue at once: the second's seq is taken, and it folds again.
    .addPrimaryKeyConstraint('legislature_session_queue_pkey', ['session_id', 'seq'])
    .execute();

  await db.schema
    .createTable('legislature_motion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('legislature_session.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.references('legislature_session_item.id'))
    .addColumn('parent_id', 'text', (c) => c.references('legislature_motion.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('mover_id', 'text', (c) => c.notNull())
    .addColumn('seconder_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())                 // moved | seconded | withdrawn | voted
    .addColumn('moved_at', t.instant, (c) => c.notNull())
    .addColumn('seconded_at', t.instant)
    .addColumn('recorded_by', 'text')
    .addUniqueConstraint('legislature_motion_number_key', ['session_id', 'number'])
    .execute();

  await db.schema
    .createTable('legislature_vote')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('legislature_session.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('motion_id', 'text', (c) => c.references('legislature_motion.id'))
    .addColumn('item_id', 'text', (c) => c.references('legislature_session_item.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('majority', 'text', (c) => c.notNull())               // simple | two_thirds
    .addColumn('majority_basis', 'text', (c) => c.notNull())         // the statute that requires it (or the standing rule)
    .addColumn('quorum', 'integer', (c) => c.notNull())
    .addColumn('quorum_basis', 'text', (c) => c.notNull())
    .addColumn('members', t.json, (c) => c.notNull().defaultTo(sql`'[]'`)) // entitled to vote: seat holders on the day
    .addColumn('status', 'text', (c) => c.notNull())                 // open | closed
    .addColumn('opened_at', t.instant, (c) => c.notNull())
    .addColumn('closed_at', t.instant)
    .addColumn('outcome', 'text')                                    // passed | failed | no_quorum
    .addColumn('yes_count', 'integer')
    .addColumn('no_count', 'integer')
    .addColumn('abstain_count', 'integer')
    .addColumn('absent_count', 'integer')
    .addColumn('present_count', 'integer')
    .addColumn('needed', 'integer')
    .addColumn('explanation', 'text')
    .addColumn('opened_by', 'text')
    .addColumn('closed_by', 'text')
    .addUniqueConstraint('legislature_vote_number_key', ['session_id', 'number'])
    .execute();

  await db.schema
    .createTable('legislature_ballot')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('legislature_vote.id'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('option', 'text', (c) => c.notNull())                 // yes | no | abstain | absent
    .addColumn('cast_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('called_aloud', t.bool, (c) => c.notNull())           // the clerk recorded an answer given aloud
    // Exactly one ballot per member and vote, however many requests race.
    .addPrimaryKeyConstraint('legislature_ballot_pkey', ['vote_id', 'member_id'])
    .execute();

  await db.schema.alterTable('legislature_bill_action').addColumn('vote_id', 'text').execute();

  await watchTables(db, 'legislature', TABLES);
}

export async function down(db: Kysely<any>): Promise<void> {
  await unwatchTables(db, TABLES);
  await db.schema.alterTable('legislature_bill_action').dropColumn('vote_id').execute();
  for (const table of [...TABLES].reverse()) await db.schema.dropTable(table).ifExists().execute();
}
