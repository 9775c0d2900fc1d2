// Registry reads, the shared parts: resolving references, label filters, audit of classified reads.
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { fromJson, labelVisible } from '../../../kernel/db/dialect.ts';
import { readerLabels } from '../../../kernel/auth/reader.ts';
import { transact, type AppContext } from '../../../kernel/context.ts';
import { join, type Label } from '../../../kernel/auth/labels.ts';
import { resolveReference } from '../../../kernel/references.ts';
import { postOrganization } from '../registry.references.ts';

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

export type Row = Record<string, any>;

// References named in a request are resolved as the caller, through the kernel: a hidden record
// answers exactly as an unknown one (kernel/references.ts). `path` is where a body named it (422);
// without it the answer is 404. Inside a transaction pass inTx(ctx, tx).
export async function resolveVillageId(ctx: AppContext, ref: string, path?: string): Promise<string> {
  return (await resolveReference(ctx, 'registry.village', ref, { path })).id;
}

export async function resolveOrganizationId(ctx: AppContext, ref: string, path?: string): Promise<string> {
  return (await resolveReference(ctx, 'registry.organization', ref, { path })).id;
}

export async function resolvePersonId(ctx: AppContext, ref: string, path?: string): Promise<string> {
  return (await resolveReference(ctx, 'registry.person', ref, { path })).id;
}

export async function resolvePost(ctx: AppContext, ref: string, path?: string): Promise<{ id: string; organization_id: string | null }> {
  const r = await resolveReference(ctx, 'registry.post', ref, { path });
  return { id: r.id, organization_id: postOrganization(r) };
}

/**
 * The ids of an organization and everything under it, as a subquery (both databases speak
 * WITH RECURSIVE). UNION, not UNION ALL: a cycle in the parent links ends instead of looping.
 * With `visible` (a label test on alias o), the walk goes only through units the reader may see,
 * so a hidden unit's members are not reached through the unit above it.
 */
export const organizationSubtree = (rootId: unknown, visible?: RawBuilder<boolean>) =>
  sql<{ id: string }>`(with recursive sub(id) as (select cast(${rootId} as text) union select o.id from registry_organization o join sub on o.parent_id = sub.id${visible ? sql` where ${visible}` : sql``}) select id from sub)`;

export const villageRef = (id: string | null, code: string | null, name: string | null) => (id ? { id, code: code!, name: name! } : null);

