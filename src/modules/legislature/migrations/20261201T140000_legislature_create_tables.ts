// The statute book: titles, statutes (labelled records), their dated versions, and bills imported
// from Akoma Ntoso (kept for the bills module). Nothing is overwritten: a new version is a new row,
// and the one thing a later write changes in an older version is its valid_to, which closes it.
import { sql, type Kysely } from 'kysely';
import { columnTypes, labelledRecord } from '../../../kernel/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('legislature_title')
    .addColumn('number', 'integer', (c) => c.primaryKey())
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  await db.schema
    .createTable('legislature_statute')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title_number', 'integer', (c) => c.notNull().references('legislature_title.number'))
    // Sorting within a title: 14-99 before 14-203 (the code compares as text otherwise).
    .addColumn('section_number', 'integer', (c) => c.notNull())
    // The latest version's heading, kept here for lists; each version keeps its own.
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('in_force_from', t.date, (c) => c.notNull())
    .addColumn('repealed_on', t.date)
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('legislature_statute_title_idx').on('legislature_statute').columns(['title_number', 'section_number']).execute();

  await db.schema
    .createTable('legislature_statute_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('statute_id', 'text', (c) => c.notNull().references('legislature_statute.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())            // text | repeal
    .addColumn('valid_from', t.date, (c) => c.notNull())      // inclusive
    .addColumn('valid_to', t.date)                            // exclusive; null = still open
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('markup', 'text')                              // null for a repeal
    .addColumn('made_by_kind', 'text', (c) => c.notNull())    // import | consolidation | bill
    .addColumn('made_by_reason', 'text', (c) => c.notNull())
    .addColumn('made_by_ref', 'text')
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addUniqueConstraint('legislature_statute_version_seq_uq', ['statute_id', 'seq'])
    .execute();
  await db.schema.createIndex('legislature_statute_version_from_idx').on('legislature_statute_version').columns(['statute_id', 'valid_from']).execute();

  await db.schema
    .createTable('legislature_imported_bill')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('number', 'text')
    .addColumn('date', t.date)
    .addColumn('frbr', t.json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('articles', t.json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('source', 'text', (c) => c.notNull())
    .$call(labelledRecord(t))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['legislature_imported_bill', 'legislature_statute_version', 'legislature_statute', 'legislature_title']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
