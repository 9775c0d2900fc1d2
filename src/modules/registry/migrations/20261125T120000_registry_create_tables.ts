// Registry tables: villages, organizations, posts, people, names, statuses, memberships, revisions.
import { sql, type Kysely } from 'kysely';
import { columnTypes, labelledRecord } from '../../../kernel/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('registry_village')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('land', 'text')
    .addColumn('leader_title', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('registry_organization')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('parent_id', 'text', (c) => c.references('registry_organization.id'))
    .addColumn('village_id', 'text', (c) => c.references('registry_village.id'))
    .addColumn('founding_date', t.date)
    .addColumn('dissolution_date', t.date)
    .addColumn('extra', t.json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('registry_organization_parent_idx').on('registry_organization').column('parent_id').execute();

  await db.schema
    .createTable('registry_post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('organization_id', 'text', (c) => c.references('registry_organization.id'))
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('registry_post_org_idx').on('registry_post').column('organization_id').execute();

  await db.schema
    .createTable('registry_person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('other_names', t.json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('sort_name', 'text', (c) => c.notNull())
    .addColumn('birth_village_id', 'text', (c) => c.references('registry_village.id'))
    .addColumn('allegiance_village_id', 'text', (c) => c.references('registry_village.id'))
    .addColumn('rank', 'text', (c) => c.notNull())
    .addColumn('specialities', t.json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('summary', 'text')
    .addColumn('extra', t.json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('registry_person_sort_idx').on('registry_person').columns(['sort_name', 'id']).execute();
  await db.schema.createIndex('registry_person_allegiance_idx').on('registry_person').column('allegiance_village_id').execute();
  await db.schema.createIndex('registry_person_rank_idx').on('registry_person').column('rank').execute();

  await db.schema
    .createTable('registry_person_name_token')
    .addColumn('token', t.bytewiseText, (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('registry_person.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('registry_person_name_token_pk', ['token', 'person_id'])
    .execute();
  await db.schema.createIndex('registry_person_name_token_person_idx').on('registry_person_name_token').column('person_id').execute();

  await db.schema
    .createTable('registry_person_status')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('registry_person.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('valid_from', t.date, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema
    .createIndex('registry_person_status_person_idx')
    .on('registry_person_status')
    .columns(['person_id', 'valid_from', 'recorded_at', 'id'])
    .execute();

  await db.schema
    .createTable('registry_membership')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('registry_person.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('registry_organization.id'))
    .addColumn('post_id', 'text', (c) => c.references('registry_post.id'))
    .addColumn('role', 'text')
    .addColumn('on_behalf_of_id', 'text', (c) => c.references('registry_organization.id'))
    .addColumn('start_date', t.date)
    .addColumn('end_date', t.date)
    .addColumn('end_reason', 'text')
    .addColumn('extra', t.json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .$call(labelledRecord(t))
    .execute();
  await db.schema.createIndex('registry_membership_person_idx').on('registry_membership').column('person_id').execute();
  await db.schema.createIndex('registry_membership_org_idx').on('registry_membership').column('organization_id').execute();
  await db.schema.createIndex('registry_membership_post_idx').on('registry_membership').column('post_id').execute();

  // Every version of every registry record, so nothing is ever overwritten without a trace.
  await db.schema
    .createTable('registry_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', t.json, (c) => c.notNull())
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addUniqueConstraint('registry_revision_entity_version_uq', ['entity_type', 'entity_id', 'version'])
    .execute();

  // Identifiers from other systems (a Popolo file's ids), so re-importing updates instead of duplicating.
  await db.schema
    .createTable('registry_identifier')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_identifier_pk', ['entity_type', 'scheme', 'identifier'])
    .execute();
  await db.schema.createIndex('registry_identifier_entity_idx').on('registry_identifier').columns(['entity_type', 'entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'registry_identifier', 'registry_revision', 'registry_membership', 'registry_person_status',
    'registry_person_name_token', 'registry_person', 'registry_post', 'registry_organization', 'registry_village',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
