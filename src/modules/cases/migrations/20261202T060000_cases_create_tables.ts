// Cases (issue 13): inquests, investigations, trials and inter-village requests, with their
// parties, links, tasks, history, testimony and findings; evidence with its chain of custody.
// A case's evidence and entries carry no label of their own: they are the case's, and every read
// joins the case to filter them. The custody chain's unique (item, seq) is the last guard against
// two hand-overs following the same link (the service also locks the item row while it decides).
// Findings of a closed case are frozen by a trigger on each database, whatever writes to them.
import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf, labelledRecord, type DialectName } from '../../../kernel/db/dialect.ts';
import { unwatchTables, watchTables } from '../../../kernel/db/generations.ts';

const TABLES = ['cases_counter', 'cases_case', 'cases_party', 'cases_link', 'cases_task', 'cases_step', 'cases_entry', 'cases_evidence', 'cases_transfer', 'cases_request', 'cases_request_person', 'cases_request_step'];

const FREEZE: Record<DialectName, { up: string[]; down: string[] }> = {
  postgres: {
    up: [
      `create function cases_finding_frozen() returns trigger language plpgsql as $$
      begin
        if old.kind = 'finding' and exists (select 1 from cases_case c where c.id = old.case_id and c.state = 'closed') then
          raise exception 'cases_entry: findings of a closed case are immutable: % refused', tg_op;
        end if;
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end $$`,
      'create trigger cases_finding_frozen before update or delete on cases_entry for each row execute function cases_finding_frozen()',
    ],
    down: ['drop function if exists cases_finding_frozen() cascade'],
  },
  sqlite: {
    up: ['update', 'delete'].map((op) => `create trigger cases_finding_frozen_${op} before ${op} on cases_entry
      when old.kind = 'finding' and exists (select 1 from cases_case c where c.id = old.case_id and c.state = 'closed')
      begin select raise(abort, 'cases_entry: findings of a closed case are immutable: ${op.toUpperCase()} refused'); end`),
    down: ['drop trigger if exists cases_finding_frozen_update', 'drop trigger if exists cases_finding_frozen_delete'],
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  // The last number given per kind and year (INQ-2026-003), taken in the creating transaction.
  await db.schema.createTable('cases_counter')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cases_counter_pkey', ['kind', 'year'])
    .execute();

  await db.schema.createTable('cases_case')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('opened_by', 'text')                         // registry.person, when a person opened it
    .addColumn('opened_at', t.instant, (c) => c.notNull())
    .addColumn('closed_at', t.instant)
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('cases_case_list_idx').on('cases_case').columns(['kind', 'state', 'opened_at']).execute();

  await db.schema.createTable('cases_party')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases_case.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())     // registry.person
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('cases_party_key', ['case_id', 'person_id', 'role'])
    .execute();

  await db.schema.createTable('cases_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases_case.id'))
    .addColumn('ref_kind', 'text', (c) => c.notNull())      // missions.mission | registry.person | post.message
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('added_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('cases_link_key', ['case_id', 'ref_kind', 'ref_id'])
    .execute();

  await db.schema.createTable('cases_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases_case.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())          // open | done
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('done_at', t.instant)
    .execute();
  await db.schema.createIndex('cases_task_case_idx').on('cases_task').columns(['case_id', 'state']).execute();

  // Every transition taken: the case's timeline.
  await db.schema.createTable('cases_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases_case.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('reason', 'text')
    .addColumn('by_person', 'text')
    .addColumn('at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('cases_step_key', ['case_id', 'seq'])
    .execute();

  // Testimony and findings: dated entries.
  await db.schema.createTable('cases_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases_case.id'))
    .addColumn('kind', 'text', (c) => c.notNull())           // testimony | finding
    .addColumn('on_date', t.date, (c) => c.notNull())
    .addColumn('by_person', 'text')                          // the witness, or whoever made the finding
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('cases_entry_case_idx').on('cases_entry').columns(['case_id', 'on_date']).execute();

  await db.schema.createTable('cases_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases_case.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique()) // INQ-2026-003/E-01
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('seal_number', 'text')
    .addColumn('collected_by', 'text', (c) => c.notNull())   // registry.person
    .addColumn('collected_at', t.instant, (c) => c.notNull())
    .addColumn('collected_where', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('storage_location', 'text')
    .addColumn('disposition', 'text')
    // Kept by each transfer, so the case page lists items without reading their chains.
    .addColumn('custodian_id', 'text', (c) => c.notNull())
    .addColumn('transfers', 'integer', (c) => c.notNull())
    .addColumn('last_at', t.instant, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('cases_evidence_seq_key', ['case_id', 'seq'])
    .execute();

  await db.schema.createTable('cases_transfer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('cases_evidence.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('released_by', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('seal_intact', t.bool, (c) => c.notNull())
    .addColumn('releaser_confirmed', t.bool, (c) => c.notNull())
    .addColumn('receiver_confirmed', t.bool, (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addUniqueConstraint('cases_transfer_link_key', ['item_id', 'seq'])
    .execute();

  await db.schema.createTable('cases_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())  // IVR-2026-001
    .addColumn('kind', 'text', (c) => c.notNull())           // extradition | prisoner_transfer
    .addColumn('requesting_village', 'text', (c) => c.notNull()) // registry.village ids
    .addColumn('requested_village', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('grounds', t.json, (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases_case.id'))
    .addColumn('drafted_by', 'text')                         // registry.person
    .$call(labelledRecord(t))
    .execute();

  await db.schema.createTable('cases_request_person')
    .addColumn('request_id', 'text', (c) => c.notNull().references('cases_request.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cases_request_person_pkey', ['request_id', 'person_id'])
    .execute();

  // Every step of a request, with the notice the requesting village was given of it.
  await db.schema.createTable('cases_request_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('cases_request.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('grounds', t.json, (c) => c.notNull())
    .addColumn('by_person', 'text')
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('notice_via', 'text', (c) => c.notNull())     // hawk | record
    .addColumn('notice_message', 'text')                     // post.message, when sent by hawk
    .addColumn('notice_note', 'text')
    .addUniqueConstraint('cases_request_step_key', ['request_id', 'seq'])
    .execute();

  for (const s of FREEZE[dialectOf(db)].up) await sql.raw(s).execute(db);
  await watchTables(db, 'cases', TABLES);
}

export async function down(db: Kysely<any>): Promise<void> {
  await unwatchTables(db, TABLES);
  for (const s of FREEZE[dialectOf(db)].down) await sql.raw(s).execute(db);
  for (const table of [...TABLES].reverse()) await db.schema.dropTable(table).ifExists().execute();
}
