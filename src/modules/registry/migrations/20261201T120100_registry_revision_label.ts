// Each revision keeps the label it was written under, so reads filter revisions by clearance
// and a record declassified today does not hand out the text it had while it was secret.
import { sql, type Kysely } from 'kysely';
import { columnTypes, fromJson, toJson } from '../../../kernel/db/dialect.ts';
import { join, type Label } from '../../../kernel/auth/labels.ts';

const TABLES = { person: 'registry_person', organization: 'registry_organization', post: 'registry_post', membership: 'registry_membership' } as const;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('registry_revision').addColumn('classification', 'text', (c) => c.notNull().defaultTo('public')).execute();
  await db.schema.alterTable('registry_revision').addColumn('compartments', t.json, (c) => c.notNull().defaultTo(sql`'[]'`)).execute();
  await labelExistingRevisions(db);
}

/** Gives revisions written before labels were kept the best label known for them. */
export async function labelExistingRevisions(db: Kysely<any>): Promise<void> {
  // Best known for rows written before: the record's label now…
  for (const [entity, table] of Object.entries(TABLES)) {
    await sql`update registry_revision set
        classification = (select r.classification from ${sql.table(table)} r where r.id = registry_revision.entity_id),
        compartments = (select r.compartments from ${sql.table(table)} r where r.id = registry_revision.entity_id)
      where entity_type = ${entity} and exists (select 1 from ${sql.table(table)} r where r.id = registry_revision.entity_id)`.execute(db);
  }
  // …except that a relabel's own revision says what the label was before it: walking a relabelled
  // record's revisions from the newest back, each earlier one was written under that older label,
  // and the relabel itself is classified at the join of both (it names both).
  const relabelled = await db.selectFrom('registry_revision').select(['entity_type', 'entity_id']).distinct()
    .where(sql`cast(snapshot as text)`, 'like', '%previousLabel%').execute();
  for (const { entity_type, entity_id } of relabelled) {
    const revisions = await db.selectFrom('registry_revision').select(['id', 'snapshot', 'classification', 'compartments'])
      .where('entity_type', '=', entity_type).where('entity_id', '=', entity_id).orderBy('version', 'desc').execute();
    let current: Label | null = null;
    for (const r of revisions) {
      current ??= { classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) };
      const s = fromJson<Record<string, any>>(r.snapshot, {});
      let label: Label = current;
      if (isLabel(s.label) && isLabel(s.previousLabel)) {
        label = join(s.label, s.previousLabel);
        current = s.previousLabel;
      }
      await db.updateTable('registry_revision').set({ classification: label.classification, compartments: toJson([...label.compartments].sort()) }).where('id', '=', r.id).execute();
    }
  }
}

function isLabel(v: any): v is Label {
  return !!v && typeof v.classification === 'string' && Array.isArray(v.compartments) && v.compartments.every((c: unknown) => typeof c === 'string');
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registry_revision').dropColumn('compartments').execute();
  await db.schema.alterTable('registry_revision').dropColumn('classification').execute();
}
