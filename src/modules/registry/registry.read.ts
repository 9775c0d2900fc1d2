// Registry reads: rows → API shapes, people search, as-of queries. No writes here.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { fromJson } from '../../kernel/db/dialect.ts';
import { hotQuery, shapedQuery } from '../../kernel/db/hot-query.ts';
import { labelVisible } from '../../kernel/db/dialect.ts';
import { readerLabels } from '../../kernel/auth/reader.ts';
import { canRead, transact } from '../../kernel/context.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import type { AppContext } from '../../kernel/context.ts';
import { displayName, queryTokens, prefixUpperBound } from './names.ts';
import { RegistryErrors } from './registry.errors.ts';
import {
  RANK_LABELS, STATUS_LABELS, ZPeopleQuery, ZOrganizationsQuery, ZPostsQuery, ZMembershipsQuery,
  type TPerson, type TPersonSummary, type TPersonDetail, type TOrganization, type TPost, type TMembership, type TStatus, type TRank,
} from './registry.schema.ts';
import type { z } from 'zod';

export const today = (ctx: { now: () => Date }) => ctx.now().toISOString().slice(0, 10);

/** Keeps only rows whose labels (at each alias) the reader's clearance dominates; nothing for the operator. */
function onlyVisible<QB extends SelectQueryBuilder<any, any, any>>(ctx: AppContext, qb: QB, ...aliases: string[]): QB {
  const L = readerLabels(ctx);
  if (!L) return qb;
  let out = qb as SelectQueryBuilder<any, any, any>;
  for (const a of aliases) out = out.where(labelVisible(ctx.dialect, a, L.maxRank, L.compartments));
  return out as QB;
}

const labelOf = (r: Row, prefix = ''): Label => ({ classification: r[prefix + 'classification'], compartments: fromJson<string[]>(r[prefix + 'compartments'], []) });
const isClassified = (l: Label) => l.classification !== 'public' || l.compartments.length > 0;

/** Reading a classified record is audited; the operator's reads are not (the console has the file anyway). */
async function auditClassifiedRead(ctx: AppContext, action: string, objectType: string, objects: { id: string; label: Label }[]) {
  if (ctx.actor.kind === 'local' || ctx.actor.kind === 'system' || ctx.tx) return;
  const classified = objects.filter((o) => isClassified(o.label));
  if (!classified.length) return;
  const top = classified.reduce((a, o) => (['public', 'restricted', 'secret', 'top_secret'].indexOf(o.label.classification) > ['public', 'restricted', 'secret', 'top_secret'].indexOf(a.classification) ? o.label : a), classified[0]!.label);
  await transact(ctx, async (tx) => tx.audit({
    action, objectType, objectId: classified.length === 1 ? classified[0]!.id : undefined,
    classification: top.classification, compartments: [...new Set(classified.flatMap((o) => o.label.compartments))],
    detail: { ids: classified.map((o) => o.id) },
  }));
}

/** A record the reader may not see is answered as not found, and the attempt is audited as denied. */
async function hidden(ctx: AppContext, action: string, objectType: string, id: string, label: Label) {
  if (!ctx.tx) await transact(ctx, async (tx) => tx.audit({ action, outcome: 'denied', objectType, objectId: id, classification: label.classification, compartments: [...label.compartments] }));
}

type Row = Record<string, any>;

export async function resolveVillageId(db: Kysely<any>, ref: string, path?: string): Promise<string> {
  const row = await db.selectFrom('registry_village').select('id').where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)])).executeTakeFirst();
  if (!row) throw RegistryErrors.villageNotFound(ref, path);
  return row.id;
}

export async function resolveOrganizationId(db: Kysely<any>, ref: string, path?: string): Promise<string> {
  const row = await db.selectFrom('registry_organization').select('id').where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)])).executeTakeFirst();
  if (!row) throw RegistryErrors.organizationNotFound(ref, path);
  return row.id;
}

export async function resolvePost(db: Kysely<any>, ref: string, path?: string): Promise<{ id: string; organization_id: string | null }> {
  const row = await db.selectFrom('registry_post').select(['id', 'organization_id']).where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)])).executeTakeFirst();
  if (!row) throw RegistryErrors.postNotFound(ref, path);
  return row;
}

/** The organization and all organizations below it. */
export async function organizationSubtree(db: Kysely<any>, rootId: string): Promise<string[]> {
  const rows = await db.selectFrom('registry_organization').select(['id', 'parent_id']).execute();
  const children = new Map<string, string[]>();
  for (const r of rows) if (r.parent_id) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id]);
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.includes(id)) continue;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

const villageRef = (id: string | null, code: string | null, name: string | null) => (id ? { id, code: code!, name: name! } : null);

function statusEntry(r: Row | undefined) {
  if (!r) return null;
  return {
    id: r.id,
    status: r.status as TStatus,
    label: STATUS_LABELS[r.status as TStatus] ?? r.status,
    since: r.valid_from,
    reason: r.reason ?? null,
    recordedAt: r.recorded_at,
  };
}

/** A person with villages and the status in force on asOf, in one query. */
function personBase(db: Kysely<any>, asOf: string) {
  return db
    .selectFrom('registry_person as p')
    .leftJoin('registry_village as bv', 'bv.id', 'p.birth_village_id')
    .leftJoin('registry_village as av', 'av.id', 'p.allegiance_village_id')
    .leftJoin('registry_person_status as s', (join) => join.on('s.id', '=', statusInForce(asOf)))
    .select([
      'p.id', 'p.name', 'p.given_name', 'p.family_name', 'p.other_names', 'p.rank', 'p.specialities', 'p.summary',
      'p.classification', 'p.compartments', 'p.version', 'p.created_at', 'p.updated_at',
      'bv.id as bv_id', 'bv.code as bv_code', 'bv.name as bv_name',
      'av.id as av_id', 'av.code as av_code', 'av.name as av_name',
      's.id as s_id', 's.status as s_status', 's.valid_from as s_valid_from', 's.reason as s_reason', 's.recorded_at as s_recorded_at',
    ]);
}

/** The id of the status row in force on a date: latest valid_from on or before it, latest recording breaks ties. */
const statusInForce = (asOf: string) =>
  sql<string>`(select s2.id from registry_person_status s2 where s2.person_id = p.id and s2.valid_from <= ${asOf} order by s2.valid_from desc, s2.recorded_at desc, s2.id desc limit 1)`;

/** The narrower row behind lists: what a directory shows, nothing more (every column costs on a page of 50). */
function personSummaryBase(db: Kysely<any>, asOf: string) {
  return db
    .selectFrom('registry_person as p')
    .leftJoin('registry_village as av', 'av.id', 'p.allegiance_village_id')
    .leftJoin('registry_person_status as s', (join) => join.on('s.id', '=', statusInForce(asOf)))
    .select([
      'p.id', 'p.name', 'p.given_name', 'p.family_name', 'p.rank', 'p.classification', 'p.compartments', 'p.version',
      'av.id as av_id', 'av.code as av_code', 'av.name as av_name', 's.status as s_status', 's.valid_from as s_valid_from',
    ]);
}

function toPersonSummary(r: Row): TPersonSummary {
  return {
    id: r.id,
    displayName: displayName({ name: r.name, givenName: r.given_name, familyName: r.family_name }),
    rank: r.rank as TRank,
    rankLabel: RANK_LABELS[r.rank as TRank] ?? r.rank,
    allegianceVillage: villageRef(r.av_id, r.av_code, r.av_name),
    status: r.s_status ? { status: r.s_status, label: STATUS_LABELS[r.s_status as TStatus] ?? r.s_status, since: r.s_valid_from } : null,
    classification: r.classification,
    compartments: fromJson<string[]>(r.compartments, []),
    version: Number(r.version),
  };
}

const statusOfRow = (r: Row) =>
  r.s_id ? { id: r.s_id, status: r.s_status, valid_from: r.s_valid_from, reason: r.s_reason, recorded_at: r.s_recorded_at } : undefined;

function toPerson(r: Row, status: Row | undefined): TPerson {
  return {
    id: r.id,
    name: r.name ?? null,
    givenName: r.given_name ?? null,
    familyName: r.family_name ?? null,
    otherNames: fromJson<string[]>(r.other_names, []),
    displayName: displayName({ name: r.name, givenName: r.given_name, familyName: r.family_name }),
    birthVillage: villageRef(r.bv_id, r.bv_code, r.bv_name),
    allegianceVillage: villageRef(r.av_id, r.av_code, r.av_name),
    rank: r.rank as TRank,
    rankLabel: RANK_LABELS[r.rank as TRank] ?? r.rank,
    specialities: fromJson<string[]>(r.specialities, []),
    summary: r.summary ?? null,
    status: statusEntry(status),
    classification: r.classification,
    compartments: fromJson<string[]>(r.compartments, []),
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const peopleQuery = shapedQuery();

export async function searchPeople(ctx: AppContext, rawQuery: z.input<typeof ZPeopleQuery>): Promise<{ items: TPersonSummary[]; total: number }> {
  const q = ZPeopleQuery.parse(rawQuery);
  const db = ctx.db;
  const asOf = q.asOf ?? today(ctx);
  const orgIds = q.organization ? await organizationSubtree(db, await resolveOrganizationId(db, q.organization)) : null;
  const villageId = q.village ? await resolveVillageId(db, q.village) : null;
  const tokens = q.q ? queryTokens(q.q) : [];

  // Arguments in a fixed order; the shape names which filters are present, so each shape compiles once.
  const args: unknown[] = [asOf];
  const shape: string[] = [];
  const arg = (v: unknown) => (args.push(v), args.length - 1);
  const tokenArgs = tokens.map((t) => [arg(t), arg(prefixUpperBound(t))] as const);
  shape.push(`q${tokens.length}`);
  const villageArg = villageId ? (shape.push('v'), arg(villageId)) : -1;
  const rankArg = q.rank ? (shape.push('r'), arg(q.rank)) : -1;
  const statusArg = q.status ? (shape.push('s'), arg(q.status)) : -1;
  const orgArgs = orgIds ? (shape.push(`o${orgIds.length}`), orgIds.map(arg)) : [];
  const labels = readerLabels(ctx);
  const labelArgs = labels ? (shape.push('L'), [arg(labels.maxRank), arg(labels.compartments)] as const) : null;
  const countArity = args.length;
  const limitArg = arg(q.limit);
  const offsetArg = arg(q.offset);

  const where = <QB extends SelectQueryBuilder<any, any, any>>(qb: QB, ph: string[]): QB => {
    let out = qb as SelectQueryBuilder<any, any, any>;
    for (const [lo, hi] of tokenArgs) {
      out = out.where('p.id', 'in', (eb: any) =>
        eb.selectFrom('registry_person_name_token').select('person_id').where('token', '>=', ph[lo]).where('token', '<', ph[hi]),
      );
    }
    if (villageArg >= 0) out = out.where('p.allegiance_village_id', '=', ph[villageArg]);
    if (rankArg >= 0) out = out.where('p.rank', '=', ph[rankArg]);
    if (statusArg >= 0) out = out.where('s.status', '=', ph[statusArg]);
    if (labelArgs) out = out.where(labelVisible(ctx.dialect, 'p', ph[labelArgs[0]], ph[labelArgs[1]]));
    if (orgArgs.length) {
      out = out.where('p.id', 'in', (eb: any) =>
        eb
          .selectFrom('registry_membership as m')
          .select('m.person_id')
          .where('m.organization_id', 'in', orgArgs.map((i) => ph[i]))
          .where((w: any) => w.or([w('m.start_date', 'is', null), w('m.start_date', '<=', ph[0])]))
          .where((w: any) => w.or([w('m.end_date', 'is', null), w('m.end_date', '>=', ph[0])]))
          .where((w: any) => (labelArgs ? labelVisible(ctx.dialect, 'm', ph[labelArgs[0]], ph[labelArgs[1]]) : w.lit(true))),
      );
    }
    return out as QB;
  };

  const key = shape.join(',');
  const rows = await peopleQuery(db, 'page:' + key, args, (ph) =>
    where(personSummaryBase(db, ph[0]!), ph).orderBy('p.sort_name').orderBy('p.id').limit(ph[limitArg] as any).offset(ph[offsetArg] as any),
  );
  // A short first page is the whole answer: no need to count.
  let total = q.offset + rows.length;
  if (!(q.offset === 0 && rows.length < q.limit)) {
    const [n] = await peopleQuery(db, 'count:' + key, args.slice(0, countArity), (ph) =>
      where(
        db.selectFrom('registry_person as p')
          .leftJoin('registry_person_status as s', (join) => join.on('s.id', '=', statusInForce(ph[0]!)))
          .select((eb) => eb.fn.countAll<number>().as('n')),
        ph,
      ),
    );
    total = Number(n!.n);
  }
  const items = rows.map(toPersonSummary);
  await auditClassifiedRead(ctx, 'registry.person.read', 'person', items.map((p) => ({ id: p.id, label: { classification: p.classification, compartments: p.compartments } })));
  return { items, total };
}

const personById = hotQuery<[string, string]>((db, id, asOf) => personBase(db, asOf!).where('p.id', '=', id!), 2);
const statusHistoryOf = hotQuery<[string]>((db, id) =>
  db.selectFrom('registry_person_status').select(['id', 'status', 'valid_from', 'reason', 'recorded_at']).where('person_id', '=', id!)
    .orderBy('valid_from', 'desc').orderBy('recorded_at', 'desc').orderBy('id', 'desc'), 1);
const membershipsOf = hotQuery<[string]>((db, id) =>
  membershipBase(db).where('m.person_id', '=', id!).orderBy(sql`coalesce(m.start_date, '0001-01-01')`, 'desc').orderBy('m.id'), 1);

export async function getPerson(ctx: AppContext, id: string, asOf?: string): Promise<TPersonDetail> {
  const db = ctx.db;
  const [row] = await personById(db, id, asOf ?? today(ctx));
  if (!row) throw RegistryErrors.personNotFound(id);
  if (!canRead(ctx, labelOf(row))) {
    await hidden(ctx, 'registry.person.read', 'person', id, labelOf(row));
    throw RegistryErrors.personNotFound(id);
  }
  const [history, memberships] = await Promise.all([statusHistoryOf(db, id), membershipsOf(db, id)]);
  await auditClassifiedRead(ctx, 'registry.person.read', 'person', [{ id, label: labelOf(row) }]);
  return {
    ...toPerson(row, statusOfRow(row)),
    statusHistory: history.map((h) => statusEntry(h)!),
    memberships: memberships.filter((m) => membershipVisible(ctx, m)).map(toMembership),
  };
}

export async function personVersion(db: Kysely<any>, id: string): Promise<number> {
  const row = await db.selectFrom('registry_person').select('version').where('id', '=', id).executeTakeFirst();
  if (!row) throw RegistryErrors.personNotFound(id);
  return Number(row.version);
}

export async function personRevisions(ctx: AppContext, id: string) {
  const row = await ctx.db.selectFrom('registry_person').select(['classification', 'compartments']).where('id', '=', id).executeTakeFirst();
  if (!row) throw RegistryErrors.personNotFound(id);
  if (!canRead(ctx, labelOf(row))) {
    await hidden(ctx, 'registry.person.read', 'person', id, labelOf(row));
    throw RegistryErrors.personNotFound(id);
  }
  const rows = await ctx.db.selectFrom('registry_revision').selectAll().where('entity_type', '=', 'person').where('entity_id', '=', id).orderBy('version', 'asc').execute();
  return rows.map((r) => ({ version: Number(r.version), recordedAt: r.recorded_at, recordedBy: r.recorded_by ?? null, snapshot: fromJson<Record<string, unknown>>(r.snapshot, {}) }));
}

// ---------- organizations, posts, memberships ----------

function orgBase(db: Kysely<any>) {
  return db
    .selectFrom('registry_organization as o')
    .leftJoin('registry_village as v', 'v.id', 'o.village_id')
    .select(['o.id', 'o.code', 'o.name', 'o.kind', 'o.description', 'o.parent_id', 'o.founding_date', 'o.dissolution_date',
      'o.classification', 'o.compartments', 'o.version', 'v.id as v_id', 'v.code as v_code', 'v.name as v_name']);
}

function toOrganization(r: Row): TOrganization {
  return {
    id: r.id,
    code: r.code ?? null,
    name: r.name,
    kind: r.kind,
    description: r.description ?? null,
    parentId: r.parent_id ?? null,
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
  const villageId = q.village ? await resolveVillageId(db, q.village) : null;
  const parentId = q.parent ? await resolveOrganizationId(db, q.parent) : null;
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
  return { items: rows.map(toOrganization), total: Number(count.n) };
}

export async function getOrganization(ctx: AppContext, ref: string, asOf?: string) {
  const db = ctx.db;
  const id = await resolveOrganizationId(db, ref);
  const row = await orgBase(db).where('o.id', '=', id).executeTakeFirstOrThrow();
  if (!canRead(ctx, labelOf(row))) {
    await hidden(ctx, 'registry.organization.read', 'organization', id, labelOf(row));
    throw RegistryErrors.organizationNotFound(ref);
  }
  const [children, posts, members] = await Promise.all([
    onlyVisible(ctx, orgBase(db).where('o.parent_id', '=', id), 'o').orderBy('o.name').execute(),
    listPosts(ctx, { organization: id, limit: 1000 }),
    listMemberships(ctx, { organization: id, asOf: asOf ?? today(ctx), limit: 1000 }),
  ]);
  return { ...toOrganization(row), children: children.map(toOrganization), posts: posts.items, members: members.items };
}

function postBase(db: Kysely<any>) {
  return db
    .selectFrom('registry_post as t')
    .leftJoin('registry_organization as o', 'o.id', 't.organization_id')
    .select(['t.id', 't.code', 't.label', 't.role', 't.organization_id', 'o.name as org_name', 't.classification', 't.compartments', 't.version']);
}

const toPost = (r: Row): TPost => ({
  id: r.id,
  code: r.code ?? null,
  label: r.label,
  role: r.role ?? null,
  organizationId: r.organization_id ?? null,
  organizationName: r.org_name ?? null,
  classification: r.classification,
  compartments: fromJson<string[]>(r.compartments, []),
  version: Number(r.version),
});

export async function listPosts(ctx: AppContext, raw: z.input<typeof ZPostsQuery>) {
  const q = ZPostsQuery.parse(raw);
  const orgId = q.organization ? await resolveOrganizationId(ctx.db, q.organization) : null;
  let base = onlyVisible(ctx, postBase(ctx.db), 't');
  let count = onlyVisible(ctx, ctx.db.selectFrom('registry_post as t').select((eb) => eb.fn.countAll<number>().as('n')), 't');
  if (orgId) {
    base = base.where('t.organization_id', '=', orgId);
    count = count.where('t.organization_id', '=', orgId);
  }
  const [rows, n] = await Promise.all([base.orderBy('t.label').orderBy('t.id').limit(q.limit).offset(q.offset).execute(), count.executeTakeFirstOrThrow()]);
  return { items: rows.map(toPost), total: Number(n.n) };
}

export async function getPost(ctx: AppContext, ref: string) {
  const { id } = await resolvePost(ctx.db, ref);
  const row = await postBase(ctx.db).where('t.id', '=', id).executeTakeFirstOrThrow();
  if (!canRead(ctx, labelOf(row))) {
    await hidden(ctx, 'registry.post.read', 'post', id, labelOf(row));
    throw RegistryErrors.postNotFound(ref);
  }
  const holders = await listMemberships(ctx, { post: id, limit: 1000 });
  return { ...toPost(row), holders: holders.items };
}

function membershipBase(db: Kysely<any>) {
  return db
    .selectFrom('registry_membership as m')
    .innerJoin('registry_person as p', 'p.id', 'm.person_id')
    .innerJoin('registry_organization as o', 'o.id', 'm.organization_id')
    .leftJoin('registry_post as t', 't.id', 'm.post_id')
    .leftJoin('registry_organization as b', 'b.id', 'm.on_behalf_of_id')
    .select([
      'm.id', 'm.role', 'm.start_date', 'm.end_date', 'm.end_reason', 'm.classification', 'm.compartments', 'm.version',
      'p.classification as p_classification', 'p.compartments as p_compartments', 'o.classification as o_classification', 'o.compartments as o_compartments',
      'p.id as p_id', 'p.name as p_name', 'p.given_name as p_given', 'p.family_name as p_family', 'p.rank as p_rank',
      'o.id as o_id', 'o.code as o_code', 'o.name as o_name',
      't.id as t_id', 't.code as t_code', 't.label as t_label',
      'b.id as b_id', 'b.name as b_name',
    ]);
}

export const toMembership = (r: Row): TMembership => ({
  id: r.id,
  person: { id: r.p_id, displayName: displayName({ name: r.p_name, givenName: r.p_given, familyName: r.p_family }), rank: r.p_rank },
  organization: { id: r.o_id, code: r.o_code ?? null, name: r.o_name },
  post: r.t_id ? { id: r.t_id, code: r.t_code ?? null, label: r.t_label } : null,
  role: r.role ?? null,
  onBehalfOf: r.b_id ? { id: r.b_id, name: r.b_name } : null,
  startDate: r.start_date ?? null,
  endDate: r.end_date ?? null,
  endReason: r.end_reason ?? null,
  classification: r.classification,
  version: Number(r.version),
});

/** A membership shows only when its own label, its person's and its organization's are all readable. */
function membershipVisible(ctx: AppContext, r: Row): boolean {
  return canRead(ctx, labelOf(r)) && canRead(ctx, labelOf(r, 'p_')) && canRead(ctx, labelOf(r, 'o_'));
}

export async function listMemberships(ctx: AppContext, raw: z.input<typeof ZMembershipsQuery>) {
  const q = ZMembershipsQuery.parse(raw);
  const db = ctx.db;
  const orgId = q.organization ? await resolveOrganizationId(db, q.organization) : null;
  const postId = q.post ? (await resolvePost(db, q.post)).id : null;
  const filter = <QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB => {
    let out = qb as SelectQueryBuilder<any, any, any>;
    if (q.person) out = out.where('m.person_id', '=', q.person);
    if (orgId) out = out.where('m.organization_id', '=', orgId);
    if (postId) out = out.where('m.post_id', '=', postId);
    if (q.asOf) {
      const d = q.asOf;
      out = out
        .where((w: any) => w.or([w('m.start_date', 'is', null), w('m.start_date', '<=', d)]))
        .where((w: any) => w.or([w('m.end_date', 'is', null), w('m.end_date', '>=', d)]));
    }
    return out as QB;
  };
  const visible = <QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB => onlyVisible(ctx, filter(qb), 'm', 'p', 'o');
  const [rows, n] = await Promise.all([
    visible(membershipBase(db)).orderBy(sql`coalesce(m.start_date, '0001-01-01')`, 'desc').orderBy('m.id').limit(q.limit).offset(q.offset).execute(),
    visible(db.selectFrom('registry_membership as m').innerJoin('registry_person as p', 'p.id', 'm.person_id').innerJoin('registry_organization as o', 'o.id', 'm.organization_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toMembership), total: Number(n.n) };
}

export async function getMembership(ctx: AppContext, id: string) {
  const row = await membershipBase(ctx.db).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw RegistryErrors.membershipNotFound(id);
  if (!membershipVisible(ctx, row)) {
    await hidden(ctx, 'registry.membership.read', 'membership', id, labelOf(row));
    throw RegistryErrors.membershipNotFound(id);
  }
  return toMembership(row);
}

export async function listVillages(ctx: AppContext) {
  const rows = await ctx.db.selectFrom('registry_village').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, land: r.land ?? null, leaderTitle: r.leader_title ?? null }));
}
