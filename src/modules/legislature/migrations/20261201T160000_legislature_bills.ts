// Bills from draft to enactment: the bill (a labelled record, its stage and its drafting
// assignment), its sponsors (registry people), its full-text versions, its dated actions (the
// stage history, each attributed) and its structured amendments to the statute book. Nothing is
// overwritten: a new text or action is a new row; amendments may be replaced until the bill passes.
import { sql, type Kysely } from 'kysely';
import { columnTypes, labelledRecord } from '../../../kernel/db/dialect.ts';
import { unwatchTables, watchTables } from '../../../kernel/db/generations.ts';

const TABLES = ['legislature_bill', 'legislature_bill_sponsor', 'legislature_bill_text', 'legislature_bill_action', 'legislature_bill_amendment'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('legislature_bill')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())          // B-YYYY-NNN
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_on', t.date, (c) => c.notNull())
    .addColumn('drafter_id', 'text')                                 // a registry person
    .addColumn('draft_due', t.date)
    .addColumn('drafted_on', t.date)                                 // the drafter handed the draft in
    .addColumn('commencement', t.date)
    .addColumn('created_by', 'text')
    .$call(labelledRecord(t))
    .addUniqueConstraint('legislature_bill_year_number_key', ['year', 'number'])
    .execute();
  await db.schema.createIndex('legislature_bill_due_idx').on('legislature_bill').columns(['draft_due']).execute();

  await db.schema
    .createTable('legislature_bill_sponsor')
    .addColumn('bill_id', 'text', (c) => c.notNull().references('legislature_bill.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('legislature_bill_sponsor_pkey', ['bill_id', 'seq'])
    .execute();

  await db.schema
    .createTable('legislature_bill_text')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bill_id', 'text', (c) => c.notNull().references('legislature_bill.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addUniqueConstraint('legislature_bill_text_seq_key', ['bill_id', 'seq'])
    .execute();

  await db.schema
    .createTable('legislature_bill_action')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bill_id', 'text', (c) => c.notNull().references('legislature_bill.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('on_date', t.date, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    // Two writers racing to advance one bill: the second's seq is taken, and it is told to look again.
    .addUniqueConstraint('legislature_bill_action_seq_key', ['bill_id', 'seq'])
    .execute();

  await db.schema
    .createTable('legislature_bill_amendment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bill_id', 'text', (c) => c.notNull().references('legislature_bill.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('statute_code', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('path', t.json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('text', 'text')
    .addColumn('after_num', 'text')
    .addColumn('new_num', 'text')
    .addColumn('heading', 'text')
    .addUniqueConstraint('legislature_bill_amendment_seq_key', ['bill_id', 'seq'])
    .execute();

  await watchTables(db, 'legislature', TABLES);
}

export async function down(db: Kysely<any>): Promise<void> {
  await unwatchTables(db, TABLES);
  for (const table of [...TABLES].reverse()) await db.schema.dropTable(table).ifExists().execute();
}
