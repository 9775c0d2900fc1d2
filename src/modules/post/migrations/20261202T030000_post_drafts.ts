// Drafts (issue 12): a message being written, before it is sent. Kept apart from post_message so
// that a message is always an accepted one (its code, its acceptance instant, its deliveries and
// their jobs): a draft has none of these, and nothing carries it until it is sent. Its content is
// the message as its author last saved it; its label columns let the author's clearance filter it.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../../kernel/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('post_draft')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author', 'text', (c) => c.notNull())         // the account that wrote it (its username): only it sees the draft
    .addColumn('author_person_id', 'text')                   // a registry.person, when the account is one
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('content', t.json, (c) => c.notNull())        // the message as saved (post.schema.ts ZDraft, parsed)
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('compartments', t.json, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_draft_author_idx').on('post_draft').columns(['author', 'updated_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('post_draft').execute();
}
