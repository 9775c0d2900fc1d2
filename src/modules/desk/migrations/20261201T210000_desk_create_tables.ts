// The Kazekage's desk (issue 12): items awaiting an official's decision, the delegations that let
// an acting official decide another's, and the weekly delinquency reports. An item carries the
// label of the record it concerns, so a desk is filtered by the reader's clearance in SQL like any
// labelled record: authority may be delegated, clearance never is.
import type { Kysely } from 'kysely';
import { columnTypes, labelledRecord } from '../../../kernel/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('desk_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull())               // the person whose desk it is on (a registry.person id)
    // Whose authority decides it: the owner's own, or — for an item delegated to the owner — the
    // person who delegated it (the decision acts for them, and may not be passed on again).
    .addColumn('authority_id', 'text', (c) => c.notNull())
    .addColumn('delegated_from', 'text')                              // the item it was delegated from
    .addColumn('kind', 'text', (c) => c.notNull())                    // `<module>.<what>`, e.g. legislature.bill.sign
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('record_kind', 'text', (c) => c.notNull())             // a reference kind (kernel/references.ts)
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('detail', t.json, (c) => c.notNull())                  // facts the raising module needs to act on it
    .addColumn('suspense', t.instant, (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('originator_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_at', t.instant)
    .addColumn('decided_by', 'text')                                  // the person who decided
    .addColumn('acting_for', 'text')                                  // the delegation under which they decided
    .addColumn('grounds', 'text')
    .addColumn('interim_reply', 'text')
    .addColumn('delegated_to', 'text')
    .addColumn('created_by', 'text')
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('desk_item_owner_idx').on('desk_item').columns(['owner_id', 'state', 'suspense']).execute();
  await db.schema.createIndex('desk_item_overdue_idx').on('desk_item').columns(['state', 'suspense']).execute();
  await db.schema.createIndex('desk_item_record_idx').on('desk_item').columns(['record_kind', 'record_id', 'kind']).execute();

  await db.schema
    .createTable('desk_delegation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grantor_id', 'text', (c) => c.notNull())
    .addColumn('delegate_id', 'text', (c) => c.notNull())
    .addColumn('from_at', t.instant, (c) => c.notNull())
    .addColumn('to_at', t.instant, (c) => c.notNull())
    .addColumn('scope', t.json, (c) => c.notNull())                   // kinds of item; [] = every kind
    .addColumn('max_days', 'integer', (c) => c.notNull())             // the limit it was granted under
    .addColumn('max_days_basis', 'text', (c) => c.notNull())
    .addColumn('revoked_at', t.instant)
    .addColumn('revoked_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('desk_delegation_delegate_idx').on('desk_delegation').columns(['delegate_id', 'to_at']).execute();
  await db.schema.createIndex('desk_delegation_grantor_idx').on('desk_delegation').columns(['grantor_id', 'to_at']).execute();

  await db.schema
    .createTable('desk_delinquency_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('generated_at', t.instant, (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .execute();
  // One row per overdue item in a report, labelled like the item, so a reader sees only the lines they are cleared for.
  await db.schema
    .createTable('desk_delinquency_line')
    .addColumn('report_id', 'text', (c) => c.notNull().references('desk_delinquency_report.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('suspense', t.instant, (c) => c.notNull())
    .addColumn('late_seconds', 'integer', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('compartments', t.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('desk_delinquency_line_pk', ['report_id', 'item_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['desk_delinquency_line', 'desk_delinquency_report', 'desk_delegation', 'desk_item']) await db.schema.dropTable(table).ifExists().execute();
}
