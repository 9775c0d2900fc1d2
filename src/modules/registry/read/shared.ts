// Registry reads, the shared parts: resolving references, label filters, audit of classified reads.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { fromJson, labelVisible } from '../../../kernel/db/dialect.ts';
import { readerLabels } from '../../../kernel/auth/reader.ts';
import { transact, type AppContext } from '../../../kernel/context.ts';
import { join, type Label } from '../../../kernel/auth/labels.ts';
import { RegistryErrors } from '../registry.errors.ts';

export const today = (ctx: { now: () => Date }) => ctx.now().toISOString().slice(0, 10);

/** Keeps only rows whose labels (at each alias) the reader's clearance dominates; nothing for the operator. */
export function onlyVisible<QB extends SelectQueryBuilder<any, any, any>>(ctx: AppContext, qb: QB, ...aliases: string[]): QB {
  const L = readerLabels(ctx);
  if (!L) return qb;
  let out = qb as SelectQueryBuilder<any, any, any>;
  for (const a of aliases) out = out.where(labelVisible(ctx.dialect, a, L.maxRank, L.compartments));
  return out as QB;
}

export const labelOf = (r: Row, prefix = ''): Label => ({ classification: r[prefix + 'classification'], compartments: fromJson<string[]>(r[prefix + 'compartments'], []) });
export const isClassified = (l: Label) => l.classification !== 'public' || l.compartments.length > 0;

/** Reading a classified record is audited; the operator's reads are not (the console has the file anyway). */
export async function auditClassifiedRead(ctx: AppContext, action: string, objectType: string, objects: { id: string; label: Label }[]) {
  if (ctx.actor.kind === 'local' || ctx.actor.kind === 'system' || ctx.tx) return;
  const classified = objects.filter((o) => isClassified(o.label));
  if (!classified.length) return;
  // The record is labelled with the least label that covers everything read.
  const top = classified.map((o) => o.label).reduce(join);
  await transact(ctx, async (tx) => tx.audit({
    action, objectType, objectId: classified.length === 1 ? classified[0]!.id : undefined,
    classification: top.classification, compartments: [...top.compartments],
    detail: { ids: classified.map((o) => o.id) },
  }));
}

/** A record the reader may not see is answered as not found, and the attempt is audited as denied. */
export async function hidden(ctx: AppContext, action: string, objectType: string, id: string, label: Label) {
  if (!ctx.tx) await transact(ctx, async (tx) => tx.audit({ action, outcome: 'denied', objectType, objectId: id, classification: label.classification, compartments: [...label.compartments] }));
}

export type Row = Record<string, any>;

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
/**
 * The ids of an organization and everything under it, as a subquery (both databases speak
 * WITH RECURSIVE). UNION, not UNION ALL: a cycle in the parent links ends instead of looping.
 */
export const organizationSubtree = (rootId: unknown) =>
  sql<{ id: string }>`(with recursive sub(id) as (select cast(${rootId} as text) union select o.id from registry_organization o join sub on o.parent_id = sub.id) select id from sub)`;

export const villageRef = (id: string | null, code: string | null, name: string | null) => (id ? { id, code: code!, name: name! } : null);

