// Registry writes: each validates, checks references, writes in one transaction and keeps history.
import type { Kysely } from 'kysely';
import { transact, authorize, inTx, type AppContext, type Tx } from '../../kernel/context.ts';
import { refuse, resolveReference } from '../../kernel/references.ts';
import { join, labelDominates, type Label } from '../../kernel/auth/labels.ts';
import { toJson, fromJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { validationError, humanIssue } from '../../kernel/errors.ts';
import { displayName, nameTokens, sortKey } from './names.ts';
import { RegistryErrors } from './registry.errors.ts';
import { postOrganization } from './registry.references.ts';
import {
  ZPersonCreate, ZPersonPatch, ZStatusChange, ZMembershipCreate, ZMembershipEnd, ZOrganizationCreate, ZPostCreate, ZVillageCreate, ZRelabel,
  type TRelabel, type TPersonCreate, type TPersonPatch, type TStatusChange, type TMembershipCreate, type TOrganizationCreate, type TPostCreate, type TVillageCreate,
} from './registry.schema.ts';
import {
  getPerson, getMembership, getOrganization, getPost, resolveVillageId, today,
} from './registry.read.ts';
import type { z } from 'zod';

const actorName = (tx: Tx) => tx.actor.username ?? tx.actor.kind;

/** Parses with zod and reports every bad field by its path under "body". */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    throw validationError(r.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: humanIssue(i.message, i.code, input, i.path) })));
  }
  return r.data;
}

/** A person's label, for the policy check; a person the actor cannot see is "not found" (404), as an unknown one. */
async function personLabel(ctx: AppContext, id: string): Promise<Label> {
  return (await resolveReference(ctx, 'registry.person', id)).labels[0]!;
}

const REVISED_TABLES: Record<string, string> = { person: 'registry_person', organization: 'registry_organization', post: 'registry_post', membership: 'registry_membership' };

/**
 * Keeps a version of a record, under the label the record has as it is written (read back from
 * its row, which the caller has just written), or `label` when the revision tells more than the
 * record does (a relabel names the old label too). Reads filter revisions by this label, so a
 * revision written while a record was secret stays secret after the record is declassified.
 */
export async function recordRevision(tx: Tx, entityType: string, entityId: string, version: number, snapshot: Record<string, unknown>, label?: Label) {
  let written = label;
  const table = REVISED_TABLES[entityType];
  if (!written && table) {
    const row = await tx.db.selectFrom(table).select(['classification', 'compartments']).where('id', '=', entityId).executeTakeFirstOrThrow();
    written = { classification: row.classification, compartments: fromJson<string[]>(row.compartments, []) };
  }
  written ??= { classification: 'public', compartments: [] };
  await tx.db
    .insertInto('registry_revision')
    .values({
      id: newId(), entity_type: entityType, entity_id: entityId, version, snapshot: toJson(snapshot), recorded_at: tx.now.toISOString(), recorded_by: actorName(tx),
      classification: written.classification, compartments: toJson([...written.compartments].sort()),
    })
    .execute();
}

/** The fields that differ between two snapshots, as { field: [before, after] }. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) out[k] = [before[k] ?? null, after[k] ?? null];
  }
  return out;
}

export async function writeNameTokens(db: Kysely<any>, personId: string, tokens: string[]) {
  await db.deleteFrom('registry_person_name_token').where('person_id', '=', personId).execute();
  if (tokens.length) await db.insertInto('registry_person_name_token').values(tokens.map((token) => ({ token, person_id: personId }))).execute();
}

async function personSnapshot(db: Kysely<any>, id: string) {
  const r = await db.selectFrom('registry_person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    name: r.name ?? null,
    givenName: r.given_name ?? null,
    familyName: r.family_name ?? null,
    otherNames: fromJson<string[]>(r.other_names, []),
    birthVillageId: r.birth_village_id ?? null,
    allegianceVillageId: r.allegiance_village_id ?? null,
    rank: r.rank,
    specialities: fromJson<string[]>(r.specialities, []),
    summary: r.summary ?? null,
    classification: r.classification,
    compartments: fromJson<string[]>(r.compartments, []),
  };
}

export async function createPerson(ctx: AppContext, input: TPersonCreate) {
  const p = parseInput(ZPersonCreate, input);
  await authorize(ctx, 'registry.person.create', { classification: p.classification, compartments: p.compartments });
  const id = await transact(ctx, async (tx) => {
    const birth = p.birthVillage ? await resolveVillageId(inTx(ctx, tx), p.birthVillage, 'body.birthVillage') : null;
    const allegiance = p.allegianceVillage ? await resolveVillageId(inTx(ctx, tx), p.allegianceVillage, 'body.allegianceVillage') : null;
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db
      .insertInto('registry_person')
      .values({
        id,
        name: p.name ?? null,
        given_name: p.givenName ?? null,
        family_name: p.familyName || null,
        other_names: toJson(p.otherNames),
        sort_name: sortKey(displayName(p)),
        birth_village_id: birth,
        allegiance_village_id: allegiance,
        rank: p.rank,
        specialities: toJson(p.specialities),
        summary: p.summary || null,
        classification: p.classification,
        compartments: toJson(p.compartments),
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await writeNameTokens(tx.db, id, nameTokens(p));
    await tx.db
      .insertInto('registry_person_status')
      .values({ id: newId(), person_id: id, status: p.status, valid_from: p.statusSince ?? today(ctx), reason: p.statusReason || null, recorded_at: at, recorded_by: actorName(tx) })
      .execute();
    const snapshot = await personSnapshot(tx.db, id);
    await recordRevision(tx, 'person', id, 1, snapshot);
    tx.audit({ action: 'registry.person.create', objectType: 'person', objectId: id, classification: p.classification, compartments: p.compartments, detail: { after: snapshot, status: p.status } });
    tx.emit('registry.person.created', { id }, { classification: p.classification, compartments: p.compartments });
    return id;
  });
  return getPerson(ctx, id);
}

/** expectedVersion is the version the editor read (If-Match over HTTP); without it the change is refused. */
export async function updatePerson(ctx: AppContext, id: string, input: TPersonPatch, expectedVersion?: number) {
  const p = parseInput(ZPersonPatch, input);
  const expected = expectedVersion;
  await authorize(ctx, 'registry.person.update', await personLabel(ctx, id), { type: 'person', id });
  await transact(ctx, async (tx) => {
    const cur = await tx.db.selectFrom('registry_person').selectAll().where('id', '=', id).executeTakeFirst();
    if (!cur) throw await refuse(inTx(ctx, tx), 'registry.person', id);
    if (expected === undefined) throw RegistryErrors.versionRequired('person');
    if (Number(cur.version) !== expected) throw RegistryErrors.staleVersion('person', expected, Number(cur.version));
    const next = {
      name: p.name !== undefined ? p.name : cur.name,
      givenName: p.givenName !== undefined ? p.givenName : cur.given_name,
      familyName: p.familyName !== undefined ? p.familyName || null : cur.family_name,
      otherNames: p.otherNames ?? fromJson<string[]>(cur.other_names, []),
    };
    if (!displayName(next)) throw validationError([{ path: 'body.givenName', message: 'a person must keep a name' }]);
    // Compared with the person as it stands, not with the last revision: after a relabel that
    // revision is the relabel's (both labels), which must not travel into this record's audit.
    const before = await personSnapshot(tx.db, id);
    const set: Record<string, unknown> = {
      name: next.name ?? null,
      given_name: next.givenName ?? null,
      family_name: next.familyName ?? null,
      other_names: toJson(next.otherNames),
      sort_name: sortKey(displayName(next)),
      version: expected + 1,
      updated_at: tx.now.toISOString(),
    };
    if (p.birthVillage !== undefined) set.birth_village_id = p.birthVillage ? await resolveVillageId(inTx(ctx, tx), p.birthVillage, 'body.birthVillage') : null;
    if (p.allegianceVillage !== undefined) set.allegiance_village_id = p.allegianceVillage ? await resolveVillageId(inTx(ctx, tx), p.allegianceVillage, 'body.allegianceVillage') : null;
    if (p.rank !== undefined) set.rank = p.rank;
    if (p.specialities !== undefined) set.specialities = toJson(p.specialities);
    if (p.summary !== undefined) set.summary = p.summary || null;
    // The version check is repeated in the UPDATE so two concurrent writers cannot both win.
    const res = await tx.db.updateTable('registry_person').set(set).where('id', '=', id).where('version', '=', expected).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw RegistryErrors.staleVersion('person', expected, expected + 1);
    await writeNameTokens(tx.db, id, nameTokens(next));
    const after = await personSnapshot(tx.db, id);
    await recordRevision(tx, 'person', id, expected + 1, after);
    tx.audit({ action: 'registry.person.update', objectType: 'person', objectId: id, classification: cur.classification, compartments: fromJson<string[]>(cur.compartments, []), detail: { version: expected + 1, changed: changedFields(before, after) } });
    tx.emit('registry.person.updated', { id, version: expected + 1 }, { classification: cur.classification, compartments: fromJson<string[]>(cur.compartments, []) });
  });
  return getPerson(ctx, id);
}

export async function recordStatus(ctx: AppContext, personId: string, input: TStatusChange) {
  const s = parseInput(ZStatusChange, input);
  await authorize(ctx, 'registry.person.status', await personLabel(ctx, personId), { type: 'person', id: personId });
  await transact(ctx, async (tx) => {
    const exists = await tx.db.selectFrom('registry_person').select(['id', 'classification', 'compartments']).where('id', '=', personId).executeTakeFirst();
    if (!exists) throw await refuse(inTx(ctx, tx), 'registry.person', personId);
    await tx.db
      .insertInto('registry_person_status')
      .values({ id: newId(), person_id: personId, status: s.status, valid_from: s.since, reason: s.reason || null, recorded_at: tx.now.toISOString(), recorded_by: actorName(tx) })
      .execute();
    tx.audit({ action: 'registry.person.status', objectType: 'person', objectId: personId, classification: exists.classification, compartments: fromJson<string[]>(exists.compartments, []), detail: s });
    tx.emit('registry.person.status', { id: personId, status: s.status, since: s.since }, { classification: exists.classification, compartments: fromJson<string[]>(exists.compartments, []) });
  });
  return getPerson(ctx, personId);
}

export async function createMembership(ctx: AppContext, input: TMembershipCreate) {
  const m = parseInput(ZMembershipCreate, input);
  await authorize(ctx, 'registry.membership.create', { classification: m.classification, compartments: m.compartments });
  const id = await transact(ctx, async (tx) => {
    // Every record named is resolved as the caller, in the transaction, before anything is
    // written: one the caller may not see is refused as unknown (422) and nothing commits.
    const as = inTx(ctx, tx);
    const person = await resolveReference(as, 'registry.person', m.person, { path: 'body.person' });
    const org = await resolveReference(as, 'registry.organization', m.organization, { path: 'body.organization' });
    const orgId = org.id;
    let postId: string | null = null;
    let post: Awaited<ReturnType<typeof resolveReference>> | null = null;
    if (m.post) {
      post = await resolveReference(as, 'registry.post', m.post, { path: 'body.post' });
      const postOrg = postOrganization(post);
      if (postOrg && postOrg !== orgId) throw RegistryErrors.postNotInOrganization(m.post, m.organization);
      postId = post.id;
    }
    const behalfRef = m.onBehalfOf ? await resolveReference(as, 'registry.organization', m.onBehalfOf, { path: 'body.onBehalfOf' }) : null;
    const behalf = behalfRef?.id ?? null;
    // The event and the audit record name the person, the organization, the post: they are
    // labelled with the join of every label named, so only a reader who may see all hears of it.
    const own: Label = { classification: m.classification, compartments: m.compartments };
    const named = [own, ...person.labels, ...org.labels, ...(post?.labels ?? []), ...(behalfRef?.labels ?? [])].reduce(join);
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db
      .insertInto('registry_membership')
      .values({
        id, person_id: m.person, organization_id: orgId, post_id: postId, role: m.role || null, on_behalf_of_id: behalf,
        start_date: m.startDate ?? null, end_date: m.endDate ?? null, classification: m.classification,
        compartments: toJson(m.compartments), version: 1, created_at: at, updated_at: at,
      })
      .execute();
    await recordRevision(tx, 'membership', id, 1, { personId: m.person, organizationId: orgId, postId, role: m.role ?? null, startDate: m.startDate ?? null, endDate: m.endDate ?? null });
    tx.audit({ action: 'registry.membership.create', objectType: 'membership', objectId: id, classification: named.classification, compartments: [...named.compartments], detail: { personId: m.person, organizationId: orgId, postId, role: m.role ?? null, startDate: m.startDate ?? null, endDate: m.endDate ?? null } });
    tx.emit('registry.membership.created', { id, personId: m.person, organizationId: orgId }, named);
    return id;
  });
  return getMembership(ctx, id);
}

export async function endMembership(ctx: AppContext, id: string, input: z.input<typeof ZMembershipEnd>) {
  const e = parseInput(ZMembershipEnd, input);
  // A membership the actor cannot see is "not found", before any question of permission.
  const visible = await getMembership(ctx, id);
  await authorize(ctx, 'registry.membership.end', { classification: visible.classification, compartments: visible.compartments }, { type: 'membership', id });
  await transact(ctx, async (tx) => {
    const cur = await tx.db.selectFrom('registry_membership').selectAll().where('id', '=', id).executeTakeFirst();
    if (!cur) throw await refuse(inTx(ctx, tx), 'registry.membership', id);
    if (cur.end_date) throw RegistryErrors.membershipAlreadyEnded(id, cur.end_date);
    if (cur.start_date && e.endDate < cur.start_date) throw RegistryErrors.endBeforeStart(cur.start_date);
    const version = Number(cur.version) + 1;
    await tx.db.updateTable('registry_membership').set({ end_date: e.endDate, end_reason: e.reason || null, version, updated_at: tx.now.toISOString() }).where('id', '=', id).execute();
    await recordRevision(tx, 'membership', id, version, { endDate: e.endDate, endReason: e.reason ?? null });
    // The event names the person too: labelled with the membership's and both ends' labels.
    const named = (await resolveReference(inTx(ctx, tx), 'registry.membership', id)).labels.reduce(join);
    // The audit record is about the link, so it is read only by those who may see both its ends.
    tx.audit({ action: 'registry.membership.end', objectType: 'membership', objectId: id, classification: named.classification, compartments: [...named.compartments], detail: { endDate: e.endDate, reason: e.reason ?? null } });
    tx.emit('registry.membership.ended', { id, personId: cur.person_id, endDate: e.endDate }, named);
  });
  return getMembership(ctx, id);
}

async function assertCodeFree(db: Kysely<any>, table: string, what: string, code: string | undefined) {
  if (!code) return;
  const row = await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst();
  if (row) throw RegistryErrors.duplicateCode(what, code);
}

export async function createOrganization(ctx: AppContext, input: TOrganizationCreate) {
  const o = parseInput(ZOrganizationCreate, input);
  await authorize(ctx, 'registry.organization.create', { classification: o.classification, compartments: o.compartments });
  const id = await transact(ctx, async (tx) => {
    await assertCodeFree(tx.db, 'registry_organization', 'organization', o.code);
    // A parent the caller may not see is unknown (422): nobody adds a unit under what they cannot see.
    const parentRef = o.parent ? await resolveReference(inTx(ctx, tx), 'registry.organization', o.parent, { path: 'body.parent' }) : null;
    const parent = parentRef?.id ?? null;
    const village = o.village ? await resolveVillageId(inTx(ctx, tx), o.village, 'body.village') : null;
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db
      .insertInto('registry_organization')
      .values({
        id, code: o.code ?? null, name: o.name, kind: o.kind, description: o.description || null, parent_id: parent, village_id: village,
        founding_date: o.foundingDate ?? null, classification: o.classification, compartments: toJson(o.compartments), version: 1, created_at: at, updated_at: at,
      })
      .execute();
    await recordRevision(tx, 'organization', id, 1, { ...o });
    // The audit record names the parent too: labelled with the join of both labels.
    const named = [{ classification: o.classification, compartments: o.compartments }, ...(parentRef?.labels ?? [])].reduce(join);
    tx.audit({ action: 'registry.organization.create', objectType: 'organization', objectId: id, classification: named.classification, compartments: [...named.compartments], detail: { ...o } });
    tx.emit('registry.organization.created', { id }, { classification: o.classification, compartments: o.compartments });
    return id;
  });
  return getOrganization(ctx, id);
}

export async function createPost(ctx: AppContext, input: TPostCreate) {
  const p = parseInput(ZPostCreate, input);
  await authorize(ctx, 'registry.post.create', { classification: p.classification, compartments: p.compartments });
  const id = await transact(ctx, async (tx) => {
    await assertCodeFree(tx.db, 'registry_post', 'post', p.code);
    // An organization the caller may not see is unknown (422): no post is added under it.
    const orgRef = await resolveReference(inTx(ctx, tx), 'registry.organization', p.organization, { path: 'body.organization' });
    const org = orgRef.id;
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db
      .insertInto('registry_post')
      .values({ id, code: p.code ?? null, label: p.label, role: p.role || null, organization_id: org, classification: p.classification, compartments: toJson(p.compartments), version: 1, created_at: at, updated_at: at })
      .execute();
    await recordRevision(tx, 'post', id, 1, { ...p, organization: org });
    // The audit record names the organization too: labelled with the join of both labels.
    const named = [{ classification: p.classification, compartments: p.compartments }, ...orgRef.labels].reduce(join);
    tx.audit({ action: 'registry.post.create', objectType: 'post', objectId: id, classification: named.classification, compartments: [...named.compartments], detail: { ...p, organization: org } });
    tx.emit('registry.post.created', { id }, { classification: p.classification, compartments: p.compartments });
    return id;
  });
  return getPost(ctx, id);
}

export async function createVillage(ctx: AppContext, input: TVillageCreate) {
  const v = parseInput(ZVillageCreate, input);
  await authorize(ctx, 'registry.village.create');
  return transact(ctx, async (tx) => {
    await assertCodeFree(tx.db, 'registry_village', 'village', v.code);
    const id = newId();
    await tx.db
      .insertInto('registry_village')
      .values({ id, code: v.code, name: v.name, land: v.land || null, leader_title: v.leaderTitle || null, created_at: tx.now.toISOString() })
      .execute();
    tx.audit({ action: 'registry.village.create', objectType: 'village', objectId: id, detail: { ...v } });
    tx.emit('registry.village.created', { id });
    return { id, code: v.code, name: v.name, land: v.land || null, leaderTitle: v.leaderTitle || null };
  });
}

const LABELLED_TABLES = { person: 'registry_person', organization: 'registry_organization', post: 'registry_post', membership: 'registry_membership' } as const;
export type LabelledEntity = keyof typeof LABELLED_TABLES;

/**
 * Changes a record's label. Raising it (or keeping it) is an edit; lowering any part of it —
 * a lower level or a compartment removed — is declassification, which only the roles allowed
 * `registry.declassify` may do. Either way the old and new labels and the reason are audited.
 */
export async function relabel(ctx: AppContext, entity: LabelledEntity, ref: string, input: TRelabel) {
  const r = parseInput(ZRelabel, input);
  const table = LABELLED_TABLES[entity];
  // Resolved as the actor, by id or code (a membership also needs its person and organization
  // visible): what the actor cannot see answers 404, as an unknown one.
  const { id: recordId } = await resolveReference(ctx, `registry.${entity}`, ref);
  const id = recordId;
  const row = await ctx.db.selectFrom(table).select(['id', 'classification', 'compartments', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const from: Label = { classification: row.classification, compartments: fromJson<string[]>(row.compartments, []) };
  const to: Label = { classification: r.classification, compartments: [...new Set(r.compartments)].sort() };
  const lowering = !labelDominates(to, from);
  // Declassifying is checked against the label it had; raising against the label it gets.
  await authorize(ctx, lowering ? 'registry.declassify' : 'registry.relabel', lowering ? from : to, { type: entity, id });
  await transact(ctx, async (tx) => {
    const version = Number(row.version) + 1;
    const res = await tx.db.updateTable(table).set({ classification: to.classification, compartments: toJson(to.compartments), version, updated_at: tx.now.toISOString() })
      .where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw RegistryErrors.staleVersion(entity, Number(row.version), Number(row.version) + 1);
    // The revision and the audit record name both labels, so each is classified at their join:
    // a reader cleared only for the old label must not learn of the raise, nor one cleared only
    // for the new label what it was before a declassification.
    // A link (membership) is seen only with both its ends, so its record joins their labels too.
    const ends = entity === 'membership' ? (await resolveReference(inTx(ctx, tx), 'registry.membership', id)).labels.reduce(join) : to;
    const both = join(join(from, to), ends);
    await recordRevision(tx, entity, id, version, { label: to, previousLabel: from, reason: r.reason }, both);
    tx.audit({ action: lowering ? 'registry.declassify' : 'registry.relabel', objectType: entity, objectId: id, classification: both.classification, compartments: [...both.compartments], detail: { from, to, reason: r.reason } });
    tx.emit(`registry.${entity}.relabelled`, { id }, both);
  });
  return { id, entity, label: { ...to, compartments: [...to.compartments] }, previous: { ...from, compartments: [...from.compartments] }, declassified: lowering };
}
