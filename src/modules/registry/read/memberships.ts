// Registry reads: memberships (person · organization · post · role · dates), label-filtered.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import { fromJson } from '../../../kernel/db/dialect.ts';
import { canRead, type AppContext } from '../../../kernel/context.ts';
import { displayName } from '../names.ts';
import { refuse, resolveReference, shown } from '../../../kernel/references.ts';
import { ZMembershipsQuery, type TMembership } from '../registry.schema.ts';
import { labelOf, onlyVisible, resolveOrganizationId, resolvePersonId, resolvePost, type Row } from './shared.ts';

export function membershipBase(db: Kysely<any>) {
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
      't.id as t_id', 't.code as t_code', 't.label as t_label', 't.classification as t_classification', 't.compartments as t_compartments',
      'b.id as b_id', 'b.name as b_name', 'b.classification as b_classification', 'b.compartments as b_compartments',
    ]);
}

/**
 * A membership as the reader may see it. Only visible memberships get here (its label and both
 * ends' are dominated); its post and the organization it acts for are references of their own,
 * withheld from a reader who may not see them.
 */
export const toMembership = (ctx: AppContext, r: Row): TMembership => ({
  id: r.id,
  person: { id: r.p_id, displayName: displayName({ name: r.p_name, givenName: r.p_given, familyName: r.p_family }), rank: r.p_rank },
  organization: { id: r.o_id, code: r.o_code ?? null, name: r.o_name },
  post: r.t_id ? shown(ctx, labelOf(r, 't_'), { id: r.t_id, code: r.t_code ?? null, label: r.t_label }) : null,
  role: r.role ?? null,
  onBehalfOf: r.b_id ? shown(ctx, labelOf(r, 'b_'), { id: r.b_id, name: r.b_name }) : null,
  startDate: r.start_date ?? null,
  endDate: r.end_date ?? null,
  endReason: r.end_reason ?? null,
  classification: r.classification,
  compartments: fromJson<string[]>(r.compartments, []),
  version: Number(r.version),
});

/** A membership shows only when its own label, its person's and its organization's are all readable. */
export function membershipVisible(ctx: AppContext, r: Row): boolean {
  return canRead(ctx, labelOf(r)) && canRead(ctx, labelOf(r, 'p_')) && canRead(ctx, labelOf(r, 'o_'));
}

export async function listMemberships(ctx: AppContext, raw: z.input<typeof ZMembershipsQuery>) {
  const q = ZMembershipsQuery.parse(raw);
  const db = ctx.db;
  // Filters name records too: one the reader may not see answers as an unknown one (404).
  const personId = q.person ? await resolvePersonId(ctx, q.person) : null;
  const orgId = q.organization ? await resolveOrganizationId(ctx, q.organization) : null;
  const postId = q.post ? (await resolvePost(ctx, q.post)).id : null;
  const filter = <QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB => {
    let out = qb as SelectQueryBuilder<any, any, any>;
    if (personId) out = out.where('m.person_id', '=', personId);
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
  return { items: rows.map((r) => toMembership(ctx, r)), total: Number(n.n) };
}

export async function getMembership(ctx: AppContext, id: string) {
  // Resolved first, as the reader: a hidden membership and an unknown one take the same path.
  await resolveReference(ctx, 'registry.membership', id);
  const row = await membershipBase(ctx.db).where('m.id', '=', id).executeTakeFirst();
  if (!row || !membershipVisible(ctx, row)) throw await refuse(ctx, 'registry.membership', id);
  return toMembership(ctx, row);
}


export interface PostHolder { personId: string; postCode: string; postLabel: string }

/**
 * Who held the posts of an organization on a date (a membership in one of its posts that had begun
 * and not ended), in the order of the posts' codes (seat 2 before seat 10). Not label-filtered:
 * the legislature needs every seat holder to count a quorum and a roll call, whoever asks; the
 * caller shows the people only through the references (a hidden one is withheld).
 */
export async function postHoldersOn(db: Kysely<any>, organizationCode: string, date: string): Promise<PostHolder[]> {
  const rows = await db.selectFrom('registry_membership as m')
    .innerJoin('registry_organization as o', 'o.id', 'm.organization_id')
    .innerJoin('registry_post as t', 't.id', 'm.post_id')
    .select(['m.person_id', 't.code', 't.label'])
    .where('o.code', '=', organizationCode)
    .where((eb) => eb.or([eb('m.start_date', 'is', null), eb('m.start_date', '<=', date)]))
    .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', date)]))
    .execute();
  const number = (code: string) => Number(/(\d+)$/.exec(code)?.[1] ?? Number.MAX_SAFE_INTEGER);
  const holders = rows.map((r) => ({ personId: r.person_id as string, postCode: String(r.code ?? ''), postLabel: String(r.label) }));
  holders.sort((a, b) => number(a.postCode) - number(b.postCode) || a.postCode.localeCompare(b.postCode) || a.personId.localeCompare(b.personId));
  // One person in two seats counts once.
  return holders.filter((h, i) => holders.findIndex((x) => x.personId === h.personId) === i);
}

/**
 * How many posts an organization has, held or vacant (the Council's seats, filled or not). Not
 * label-filtered, for the same reason as postHoldersOn: a count reveals no one.
 */
export async function postCountOf(db: Kysely<any>, organizationCode: string): Promise<number> {
  const r = await db.selectFrom('registry_post as t').innerJoin('registry_organization as o', 'o.id', 't.organization_id')
    .select((eb) => eb.fn.countAll().as('n')).where('o.code', '=', organizationCode).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Memberships current on a date: begun (or undated) and not ended before it. */
const currentOn = <QB extends SelectQueryBuilder<any, any, any>>(qb: QB, date: string): QB =>
  qb.where((eb: any) => eb.or([eb('m.start_date', 'is', null), eb('m.start_date', '<=', date)]))
    .where((eb: any) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', date)])) as QB;

/**
 * The people with a membership in an organization (its id) current on a date. Not label-filtered,
 * like postHoldersOn: hawk post asks who may read an office's mail, whoever sends it; the caller
 * shows no one from it.
 */
export async function membersOn(db: Kysely<any>, organizationId: string, date: string): Promise<string[]> {
  const rows = await currentOn(db.selectFrom('registry_membership as m').select('m.person_id').where('m.organization_id', '=', organizationId), date).execute();
  return [...new Set(rows.map((r) => r.person_id as string))].sort();
}

/** The organizations (ids) a person has a membership in current on a date. Not label-filtered (see membersOn). */
export async function organizationsOfOn(db: Kysely<any>, personId: string, date: string): Promise<string[]> {
  const rows = await currentOn(db.selectFrom('registry_membership as m').select('m.organization_id').where('m.person_id', '=', personId), date).execute();
  return [...new Set(rows.map((r) => r.organization_id as string))].sort();
}
