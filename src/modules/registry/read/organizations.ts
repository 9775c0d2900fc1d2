// Registry reads: organizations, posts and villages, label-filtered.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import { fromJson } from '../../../kernel/db/dialect.ts';
import { canRead, type AppContext } from '../../../kernel/context.ts';
import { refuse, shown } from '../../../kernel/references.ts';
import { ZOrganizationsQuery, ZPostsQuery, type TOrganization, type TPost } from '../registry.schema.ts';
import { labelOf, onlyVisible, resolveOrganizationId, resolvePost, resolveVillageId, today, villageRef, type Row } from './shared.ts';
import { listMemberships } from './memberships.ts';
function orgBase(db: Kysely<any>) {
  return db
    .selectFrom('registry_organization as o')
    .leftJoin('registry_village as v', 'v.id', 'o.village_id')
    .leftJoin('registry_organization as po', 'po.id', 'o.parent_id')
    .select(['o.id', 'o.code', 'o.name', 'o.kind', 'o.description', 'o.parent_id', 'o.founding_date', 'o.dissolution_date',
      'o.classification', 'o.compartments', 'o.version', 'v.id as v_id', 'v.code as v_code', 'v.name as v_name',
      'po.classification as po_classification', 'po.compartments as po_compartments']);
}

/** The parent is a reference: withheld from a reader who may not see it. */
function toOrganization(ctx: AppContext, r: Row): TOrganization {
  return {
    id: r.id,
    code: r.code ?? null,
    name: r.name,
    kind: r.kind,
    description: r.description ?? null,
    parentId: r.parent_id ? shown(ctx, labelOf(r, 'po_'), r.parent_id as string) : null,
    village: villageRef(r.v_id, r.v_code, r.v_name),
    foundingDate: r.founding_date ?? null,
    dissolutionDate: r.dissolution_date ?? null,
    classification: r.classification,
    compartments: fromJson<string[]>(r.compartments, []),
    version: Number(r.version),
  };
}

export async function listOrganizations(ctx: AppContext, raw: z.input<typeof ZOrganizationsQuery>) {
  const q = ZOrganizationsQuery.parse(raw);
  const db = ctx.db;
  const villageId = q.village ? await resolveVillageId(ctx, q.village) : null;
  const parentId = q.parent ? await resolveOrganizationId(ctx, q.parent) : null;
  const filter = <QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB => {
    let out = qb as SelectQueryBuilder<any, any, any>;
    if (q.q) out = out.where(sql`lower(o.name)`, 'like', `%${q.q.toLowerCase().replace(/[%_\\]/g, '')}%`);
    if (villageId) out = out.where('o.village_id', '=', villageId);
    if (parentId) out = out.where('o.parent_id', '=', parentId);
    if (q.kind) out = out.where('o.kind', '=', q.kind);
    return onlyVisible(ctx, out as QB, 'o');
  };
  const [rows, count] = await Promise.all([
    filter(orgBase(db)).orderBy('o.name').orderBy('o.id').limit(q.limit).offset(q.offset).execute(),
    filter(db.selectFrom('registry_organization as o').select((eb) => eb.fn.countAll<number>().as('n'))).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toOrganization(ctx, r)), total: Number(count.n) };
}

export async function getOrganization(ctx: AppContext, ref: string, asOf?: string) {
  const db = ctx.db;
  // Resolved as the reader: a hidden organization answers as an unknown one (404).
  const id = await resolveOrganizationId(ctx, ref);
  const row = await orgBase(db).where('o.id', '=', id).executeTakeFirst();
  if (!row || !canRead(ctx, labelOf(row))) throw await refuse(ctx, 'registry.organization', ref);
  const [children, posts, members] = await Promise.all([
    onlyVisible(ctx, orgBase(db).where('o.parent_id', '=', id), 'o').orderBy('o.name').execute(),
    listPosts(ctx, { organization: id, limit: 1000 }),
    listMemberships(ctx, { organization: id, asOf: asOf ?? today(ctx), limit: 1000 }),
  ]);
  return { ...toOrganization(ctx, row), children: children.map((c) => toOrganization(ctx, c)), posts: posts.items, members: members.items };
}

function postBase(db: Kysely<any>) {
  return db
    .selectFrom('registry_post as t')
    .leftJoin('registry_organization as o', 'o.id', 't.organization_id')
    .select(['t.id', 't.code', 't.label', 't.role', 't.organization_id', 'o.name as org_name', 't.classification', 't.compartments', 't.version',
      'o.classification as o_classification', 'o.compartments as o_compartments']);
}

/** The post's organization is a reference: its id and name are withheld from a reader who may not see it. */
const toPost = (ctx: AppContext, r: Row): TPost => ({
  id: r.id,
  code: r.code ?? null,
  label: r.label,
  role: r.role ?? null,
  organizationId: r.organization_id ? shown(ctx, labelOf(r, 'o_'), r.organization_id as string) : null,
  organizationName: r.organization_id ? shown(ctx, labelOf(r, 'o_'), r.org_name as string) : null,
  classification: r.classification,
  compartments: fromJson<string[]>(r.compartments, []),
  version: Number(r.version),
});

export async function listPosts(ctx: AppContext, raw: z.input<typeof ZPostsQuery>) {
  const q = ZPostsQuery.parse(raw);
  const orgId = q.organization ? await resolveOrganizationId(ctx, q.organization) : null;
  let base = onlyVisible(ctx, postBase(ctx.db), 't');
  let count = onlyVisible(ctx, ctx.db.selectFrom('registry_post as t').select((eb) => eb.fn.countAll<number>().as('n')), 't');
  if (orgId) {
    base = base.where('t.organization_id', '=', orgId);
    count = count.where('t.organization_id', '=', orgId);
  }
  const [rows, n] = await Promise.all([base.orderBy('t.label').orderBy('t.id').limit(q.limit).offset(q.offset).execute(), count.executeTakeFirstOrThrow()]);
  return { items: rows.map((r) => toPost(ctx, r)), total: Number(n.n) };
}

export async function getPost(ctx: AppContext, ref: string) {
  const { id } = await resolvePost(ctx, ref);
  const row = await postBase(ctx.db).where('t.id', '=', id).executeTakeFirst();
  if (!row || !canRead(ctx, labelOf(row))) throw await refuse(ctx, 'registry.post', ref);
  const holders = await listMemberships(ctx, { post: id, limit: 1000 });
  return { ...toPost(ctx, row), holders: holders.items };
}

export async function listVillages(ctx: AppContext) {
  const rows = await ctx.db.selectFrom('registry_village').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, land: r.land ?? null, leaderTitle: r.leader_title ?? null }));
}

