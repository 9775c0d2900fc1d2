// Registry reads: people — search, one person with history, revisions — as of a date, label-filtered.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import { dialectOf, fromJson, jsonRows, labelVisible, toIsoInstant } from '../../../kernel/db/dialect.ts';
import { hotQuery, shapedQuery } from '../../../kernel/db/hot-query.ts';
import { readerKey, readerLabels } from '../../../kernel/auth/reader.ts';
import { cachedRead } from '../../../kernel/db/read-cache.ts';
import type { Label } from '../../../kernel/auth/labels.ts';
import { canRead, type AppContext } from '../../../kernel/context.ts';
import { displayName, queryTokens, prefixUpperBound } from '../names.ts';
import { refuse, showAccountNames } from '../../../kernel/references.ts';
import { RANK_LABELS, STATUS_LABELS, ZPeopleQuery, type TPerson, type TPersonSummary, type TPersonDetail, type TStatus, type TStatusFacet, type TRank } from '../registry.schema.ts';
import { auditClassifiedRead, isClassified, labelOf, organizationSubtree, resolveOrganizationId, resolvePersonId, resolveVillageId, today, villageRef, type Row } from './shared.ts';
import { membershipBase, membershipVisible, toMembership } from './memberships.ts';

export function statusEntry(r: Row | undefined) {
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

export async function searchPeople(ctx: AppContext, rawQuery: z.input<typeof ZPeopleQuery>): Promise<PeoplePage> {
  const q = ZPeopleQuery.parse(rawQuery);
  const page = await findPeople(ctx, q, q.asOf ?? today(ctx));
  await auditClassifiedRead(ctx, 'registry.person.read', 'person', page.items.map(summaryLabel));
  return page;
}

const summaryLabel = (p: TPersonSummary) => ({ id: p.id, label: { classification: p.classification, compartments: p.compartments } as Label });

/**
 * A page of the directory as UTF-8 JSON (encoded once, sent as it is), for the HTTP route: kept between identical searches while
 * the registry is unchanged (the reader's labels are part of the key), audited on every request.
 */
export async function searchPeopleDocument(ctx: AppContext, q: z.output<typeof ZPeopleQuery>): Promise<Buffer> {
  const asOf = q.asOf ?? today(ctx);
  const doc = await cachedRead(ctx, 'registry', `people|${asOf}|${readerKey(ctx)}|${JSON.stringify(q)}`, async () => {
    const page = await findPeople(ctx, q, asOf);
    return { json: Buffer.from(JSON.stringify(page)), read: page.items.filter((p) => isClassified(summaryLabel(p).label)).map(summaryLabel) };
  }, (d) => d.json.length + d.read.length * 100);
  await auditClassifiedRead(ctx, 'registry.person.read', 'person', doc.read);
  return doc.json;
}

interface PeoplePage { items: TPersonSummary[]; total: number; facets?: { status: TStatusFacet[] } }

async function findPeople(ctx: AppContext, q: z.output<typeof ZPeopleQuery>, asOf: string): Promise<PeoplePage> {
  const db = ctx.db;
  // A filter naming an organization the reader may not see answers as for an unknown one (404).
  const orgId = q.organization ? await resolveOrganizationId(ctx, q.organization) : null;
  const villageId = q.village ? await resolveVillageId(ctx, q.village) : null;
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
  const orgArg = orgId ? (shape.push('o'), arg(orgId)) : -1;
  const labels = readerLabels(ctx);
  const labelArgs = labels ? (shape.push('L'), [arg(labels.maxRank), arg(labels.compartments)] as const) : null;
  const countArity = args.length;
  const limitArg = arg(q.limit);
  const offsetArg = arg(q.offset);

  const where = <QB extends SelectQueryBuilder<any, any, any>>(qb: QB, ph: string[], opts: { ignoreStatus?: boolean } = {}): QB => {
    let out = qb as SelectQueryBuilder<any, any, any>;
    for (const [lo, hi] of tokenArgs) {
      out = out.where('p.id', 'in', (eb: any) =>
        eb.selectFrom('registry_person_name_token').select('person_id').where('token', '>=', ph[lo]).where('token', '<', ph[hi]),
      );
    }
    if (villageArg >= 0) out = out.where('p.allegiance_village_id', '=', ph[villageArg]);
    if (rankArg >= 0) out = out.where('p.rank', '=', ph[rankArg]);
    if (statusArg >= 0 && !opts.ignoreStatus) out = out.where('s.status', '=', ph[statusArg]);
    if (labelArgs) out = out.where(labelVisible(ctx.dialect, 'p', ph[labelArgs[0]], ph[labelArgs[1]]));
    if (orgArg >= 0) {
      // Members of the organization or of any unit under it that the reader may see, through
      // memberships the reader may see: a link shows only with both its ends (the person is
      // label-filtered above; the units by the walk).
      out = out.where('p.id', 'in', (eb: any) =>
        eb
          .selectFrom('registry_membership as m')
          .select('m.person_id')
          .where('m.organization_id', 'in', organizationSubtree(ph[orgArg], labelArgs ? labelVisible(ctx.dialect, 'o', ph[labelArgs[0]], ph[labelArgs[1]]) : undefined))
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
  const page: PeoplePage = { items: rows.map(toPersonSummary), total };
  if (q.facets === 'status') {
    // Every filter but the status one, so each status shows how many choosing it would find.
    // (The shape key keeps 's': argument positions follow the shape, and the status one is just unused.)
    const counts = await peopleQuery(db, 'facet:' + key, args.slice(0, countArity), (ph) =>
      where(
        db.selectFrom('registry_person as p')
          .leftJoin('registry_person_status as s', (join) => join.on('s.id', '=', statusInForce(ph[0]!)))
          .select(['s.status', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('s.status'),
        ph, { ignoreStatus: true },
      ),
    );
    const order = Object.keys(STATUS_LABELS);
    page.facets = {
      status: counts
        .map((c) => ({ status: (c.status ?? null) as TStatus | null, label: c.status ? STATUS_LABELS[c.status as TStatus] ?? c.status : 'no status recorded', count: Number(c.n) }))
        .sort((a, b) => (a.status === null ? 1 : b.status === null ? -1 : order.indexOf(a.status) - order.indexOf(b.status))),
    };
  }
  return page;
}

/**
 * A person with villages, the status in force on asOf, the whole status history and every
 * membership, in one statement (one round trip on PostgreSQL): the lists come back as JSON arrays.
 */
const personById = hotQuery<[string, string]>((db, id, asOf) => personBase(db, asOf!).where('p.id', '=', id!).select([
  jsonRows(dialectOf(db), db.selectFrom('registry_person_status').select(['id', 'status', 'valid_from', 'reason', 'recorded_at']).where('person_id', '=', id!)).as('status_history'),
  jsonRows(dialectOf(db), membershipBase(db).where('m.person_id', '=', id!)).as('memberships'),
]), 2);

/** Latest first; on the same day the later recording wins (the order statusInForce uses). */
const byStatusRecency = (a: Row, b: Row) => cmp(b.valid_from, a.valid_from) || cmp(b.recorded_at, a.recorded_at) || cmp(b.id, a.id);
/** Latest start first (no start sorts last), then by id, so the list is stable. */
const byMembershipStart = (a: Row, b: Row) => cmp(b.start_date ?? '0001-01-01', a.start_date ?? '0001-01-01') || cmp(a.id, b.id);
const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export async function getPerson(ctx: AppContext, id: string, asOf?: string): Promise<TPersonDetail> {
  const p = await loadPerson(ctx, id, asOf ?? today(ctx));
  await auditClassifiedRead(ctx, 'registry.person.read', 'person', [{ id, label: labelOf(p) }]);
  return p;
}

/** One person as UTF-8 JSON with its version (for the ETag): kept like searchPeopleDocument. */
export async function personDocument(ctx: AppContext, id: string, asOf?: string): Promise<{ json: Buffer; version: number }> {
  const day = asOf ?? today(ctx);
  const doc = await cachedRead(ctx, 'registry', `person|${day}|${readerKey(ctx)}|${id}`, async () => {
    const p = await loadPerson(ctx, id, day);
    return { json: Buffer.from(JSON.stringify(p)), version: p.version, label: labelOf(p) };
  }, (d) => d.json.length + 100);
  await auditClassifiedRead(ctx, 'registry.person.read', 'person', [{ id, label: doc.label }]);
  return doc;
}

/** A person as the reader may see it (hidden ones are audited and answered as not found); the read itself is not audited here. */
async function loadPerson(ctx: AppContext, id: string, asOf: string): Promise<TPersonDetail> {
  const db = ctx.db;
  // Resolved as the reader first: a hidden person and an unknown id run the same statements.
  await resolvePersonId(ctx, id);
  const [row] = await personById(db, id, asOf);
  if (!row || !canRead(ctx, labelOf(row))) throw await refuse(ctx, 'registry.person', id);
  const history = fromJson<Row[]>(row.status_history, []).map((h) => ({ ...h, recorded_at: toIsoInstant(h.recorded_at) })).sort(byStatusRecency);
  const memberships = fromJson<Row[]>(row.memberships, []).sort(byMembershipStart);
  return {
    ...toPerson(row, statusOfRow(row)),
    statusHistory: history.map((h) => statusEntry(h)!),
    memberships: memberships.filter((m) => membershipVisible(ctx, m)).map((m) => toMembership(ctx, m)),
  };
}

export async function personRevisions(ctx: AppContext, id: string) {
  await resolvePersonId(ctx, id);
  // Each revision under the label it was written with: after a declassification the versions
  // written while the person was secret stay secret.
  const L = readerLabels(ctx);
  let q = ctx.db.selectFrom('registry_revision as v').selectAll('v').where('v.entity_type', '=', 'person').where('v.entity_id', '=', id);
  if (L) q = q.where(labelVisible(ctx.dialect, 'v', L.maxRank, L.compartments));
  const rows = await q.orderBy('v.version', 'asc').execute();
  // Who recorded a revision is an account: withheld when its person is hidden from the reader.
  const names = await showAccountNames(ctx, rows.map((r) => r.recorded_by ?? null));
  return rows.map((r) => ({ version: Number(r.version), recordedAt: r.recorded_at, recordedBy: r.recorded_by ? names.get(r.recorded_by)! : null, snapshot: fromJson<Record<string, unknown>>(r.snapshot, {}) }));
}

