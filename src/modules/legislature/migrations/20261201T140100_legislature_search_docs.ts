// The documents the law search looks through: one row per text version of a statute (and per
// imported bill; minutes later), kept by the module's writes through search-index.ts. The
// full-text index over them (FTS5 on SQLite, tsvector on PostgreSQL) is the search's own migration.
import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../../../kernel/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('legislature_search_doc')
    // An integer key: FTS5's external-content table addresses rows by it.
    .addColumn('n', t.serialKey, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull().unique())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('title_number', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('valid_from', t.date)
    .addColumn('valid_to', t.date)
    .addColumn('repealed_on', t.date)
    .addColumn('latest', t.bool, (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('compartments', t.json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
  await db.schema.createIndex('legislature_search_doc_ref_idx').on('legislature_search_doc').columns(['kind', 'ref_id']).execute();
  await db.schema.createIndex('legislature_search_doc_code_idx').on('legislature_search_doc').columns(['code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legislature_search_doc').execute();
}
