// Popolo JSON adapter: import (idempotent, all-or-nothing, with a report) and export.
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { readerLabels } from '../../kernel/auth/reader.ts';
import { transact, authorize, type AppContext, type Tx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { fromJson, toJson, labelVisible } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { displayName, nameTokens, sortKey } from './names.ts';
import { checkPopolo, parentsFirst, PopoloChecker, type PopoloProblem, type PopoloWarning, type PersonIn, type OrganizationIn, type PostIn, type MembershipIn } from './popolo-check.ts';
import { readTopLevel, PopoloFileError } from './popolo-stream.ts';
import { today } from './registry.read.ts';

export const POPOLO_SCHEME = 'popolo';
const CHUNK = 400;

type Kind = 'persons' | 'organizations' | 'posts' | 'memberships';
type Counts = Record<Kind, number>;
export interface ImportReport {
  created: Counts;
  updated: Counts;
  skipped: Counts;
  warnings: PopoloWarning[];
}
export interface ImportOptions {
  onProgress?: (done: number, total: number) => void;
}

const zero = (): Counts => ({ persons: 0, organizations: 0, posts: 0, memberships: 0 });

/** JSON with sorted keys, so values read back from jsonb compare equal to what we wrote. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as any)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

async function insertChunked(db: Kysely<any>, table: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    if (part.length) await db.insertInto(table).values(part).execute();
  }
}

/** Finds the ids our database already has for the file's keys: our own ids first, then remembered Popolo ids. */
async function existingIds(db: Kysely<any>, entity: string, table: string, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    const own = await db.selectFrom(table).select('id').where('id', 'in', part).execute();
    for (const r of own) out.set(r.id, r.id);
    const known = await db.selectFrom('registry_identifier').select(['identifier', 'entity_id'])
      .where('entity_type', '=', entity).where('scheme', '=', POPOLO_SCHEME).where('identifier', 'in', part).execute();
    for (const r of known) if (!out.has(r.identifier)) out.set(r.identifier, r.entity_id);
  }
  return out;
}

async function loadRows(db: Kysely<any>, table: string, ids: string[]): Promise<Map<string, Record<string, any>>> {
  const out = new Map<string, Record<string, any>>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of await db.selectFrom(table).selectAll().where('id', 'in', ids.slice(i, i + CHUNK)).execute()) out.set(r.id, r);
  }
  return out;
}

interface Plan<T> { create: T[]; update: { item: T; id: string; row: Record<string, any> }[]; skip: number }

async function plan<T extends { key: string }>(tx: Tx, entity: string, table: string, items: T[], differs: (item: T, row: Record<string, any>) => boolean, ids: Map<string, string>): Promise<Plan<T>> {
  const found = await existingIds(tx.db, entity, table, items.map((i) => i.key));
  const rows = await loadRows(tx.db, table, [...new Set(found.values())]);
  const out: Plan<T> = { create: [], update: [], skip: 0 };
  for (const item of items) {
    const id = found.get(item.key);
    const row = id ? rows.get(id) : undefined;
    if (id && row) {
      ids.set(item.key, id);
      if (differs(item, row)) out.update.push({ item, id, row });
      else out.skip++;
    } else {
      const fresh = newId();
      ids.set(item.key, fresh);
      out.create.push(item);
    }
  }
  return out;
}

function identifierRows(entity: string, items: { key: string }[], ids: Map<string, string>) {
  // Our own ids (re-importing an export) need no alias.
  return items.filter((i) => ids.get(i.key) !== i.key).map((i) => ({ entity_type: entity, scheme: POPOLO_SCHEME, identifier: i.key, entity_id: ids.get(i.key)! }));
}

/** Revisions of imported records, each under the label its record has (`row`, for an update of a record already here; created ones are public). */
function revisionRows(tx: Tx, entity: string, entries: { id: string; version: number; snapshot: unknown; row?: Record<string, any> }[]) {
  return entries.map((e) => ({
    id: newId(), entity_type: entity, entity_id: e.id, version: e.version, snapshot: toJson(e.snapshot), recorded_at: tx.now.toISOString(), recorded_by: 'popolo-import',
    classification: e.row?.classification ?? 'public', compartments: e.row ? toJson([...fromJson<string[]>(e.row.compartments, [])].sort()) : '[]',
  }));
}

/**
 * What an import reads: organizations and posts whole (a registry has hundreds), persons and
 * memberships in chunks, so a file of any size is imported with a bounded working set.
 */
interface PopoloSource {
  organizations: OrganizationIn[];
  posts: PostIn[];
  persons(): AsyncIterable<PersonIn[]>;
  memberships(): AsyncIterable<MembershipIn[]>;
  counts: { persons: number; memberships: number };
  warnings: PopoloWarning[];
}

const ENTRY_CHUNK = CHUNK * 5;

function refuse(errors: PopoloProblem[]): never {
  const first = errors[0]!;
  throw new AppError(
    'REGISTRY_POPOLO_INVALID',
    'unprocessable',
    `The Popolo file was not imported (nothing was changed): ${first.path} ${first.message}` + (errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : ''),
    errors.map((e) => ({ ...e })),
  );
}

async function* inChunks<T>(items: T[]): AsyncIterable<T[]> {
  for (let i = 0; i < items.length; i += ENTRY_CHUNK) yield items.slice(i, i + ENTRY_CHUNK);
}

/** Imports a Popolo document already in memory (an HTTP body, a test). */
export async function importPopolo(ctx: AppContext, doc: unknown, opts: ImportOptions = {}): Promise<ImportReport> {
  await authorize(ctx, 'registry.popolo.import');
  const checked = checkPopolo(doc);
  if (checked.errors.length) refuse(checked.errors);
  return importSource(ctx, {
    organizations: checked.organizations, posts: checked.posts, warnings: checked.warnings,
    counts: { persons: checked.persons.length, memberships: checked.memberships.length },
    persons: () => inChunks(checked.persons), memberships: () => inChunks(checked.memberships),
  }, opts);
}

const ELSEWHERE = new Set(['events', 'areas', 'motions', 'vote_events', 'speeches']);

/**
 * Imports a Popolo file by streaming it, never holding the whole document: a first pass checks
 * every entry (nothing is written when any is wrong) keeping organizations and posts and, for
 * persons and memberships, only their ids and folded names; then, in one transaction, persons
 * and memberships are read again from the file a chunk at a time.
 */
export async function importPopoloFile(ctx: AppContext, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  await authorize(ctx, 'registry.popolo.import');
  const { organizations, posts, counts, warnings, errors, repeatedMemberships } = await checkPopoloFile(file);
  if (errors.length) refuse(errors);

  // The second reading only converts entries (the checks passed), keeping nothing per entry:
  // memberships repeated in the file were found by position in the first.
  const again = new PopoloChecker({ crossChecks: false });
  for (const p of posts) again.knowPost(p);
  async function* entries<T>(list: string, convert: (e: unknown, i: number) => T | null): AsyncIterable<T[]> {
    let chunk: T[] = [];
    for await (const v of readTopLevel(file, new Set([list]))) {
      const item = v.index === undefined ? null : convert(v.value, v.index);
      if (item) chunk.push(item);
      if (chunk.length === ENTRY_CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length) yield chunk;
  }
  return importSource(ctx, {
    organizations, posts, warnings, counts,
    persons: () => entries('persons', (e, i) => again.person(e, i)),
    memberships: () => entries('memberships', (e, i) => (repeatedMemberships.has(i) ? null : again.membership(e, i))),
  }, opts);
}

/**
 * The checking pass over a file, in the order the checks need (a membership may take its
 * organization from its post), whatever the file's order. Its per-entry state (ids, names,
 * membership keys) is dropped when it returns, before anything is imported.
 */
async function checkPopoloFile(file: string) {
  const checker = new PopoloChecker();
  const organizations: OrganizationIn[] = [];
  const posts: PostIn[] = [];
  const counts = { persons: 0, memberships: 0 };
  const topLevel: Record<string, unknown> = {};
  const read = (lists: Set<string>, values: Set<string>) => readTopLevel(file, lists, values, undefined, (key) => { topLevel[key] ??= undefined; });
  try {
    // First what the file holds besides entries (its fields, its producer's warnings, the
    // collections not imported), reported first as for a document in memory.
    for await (const v of read(ELSEWHERE, new Set(['warnings']))) {
      if (v.key === 'warnings') topLevel.warnings = v.value;
      else topLevel[v.key] = v.index === undefined ? v.value : ((topLevel[v.key] as number | undefined) ?? 0) + 1;
    }
    checker.topLevel(topLevel);
    for await (const v of read(new Set(['organizations']), new Set())) {
      if (v.index === undefined) checker.notAList(v.key);
      else {
        const o = checker.organization(v.value, v.index);
        if (o) organizations.push(o);
      }
    }
    for await (const v of read(new Set(['persons']), new Set())) {
      if (v.index === undefined) checker.notAList(v.key);
      else if (checker.person(v.value, v.index)) counts.persons++;
    }
    for await (const v of read(new Set(['posts']), new Set())) {
      if (v.index === undefined) checker.notAList(v.key);
      else {
        const p = checker.post(v.value, v.index);
        if (p) posts.push(p);
      }
    }
    for await (const v of read(new Set(['memberships']), new Set())) {
      if (v.index === undefined) checker.notAList(v.key);
      else if (checker.membership(v.value, v.index)) counts.memberships++;
    }
  } catch (e) {
    if (e instanceof PopoloFileError) throw new AppError('REGISTRY_POPOLO_UNREADABLE', 'unprocessable', `${e.message}. Nothing was imported.`);
    throw e;
  }
  return { organizations, posts, counts, repeatedMemberships: checker.repeatedMemberships, ...checker.finish() };
}

async function importSource(ctx: AppContext, source: PopoloSource, opts: ImportOptions): Promise<ImportReport> {
  const { ordered: orgs, cycle } = parentsFirst(source.organizations);
  if (cycle) throw new AppError('REGISTRY_POPOLO_INVALID', 'unprocessable', `The Popolo file was not imported: organization "${cycle}" is its own ancestor.`, [{ path: 'organizations', message: `cycle at ${cycle}` }]);

  const total = orgs.length + source.posts.length + source.counts.persons + source.counts.memberships;
  let done = 0;
  const progress = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };
  const report: ImportReport = { created: zero(), updated: zero(), skipped: zero(), warnings: source.warnings };

  await transact(ctx, async (tx) => {
    const at = tx.now.toISOString();
    const orgIds = new Map<string, string>();
    const postIds = new Map<string, string>();

    // Keys that the file references but does not define must already be in the database.
    const resolveRef = async (entity: string, table: string, map: Map<string, string>, key: string | null, path: string) => {
      if (!key) return null;
      const hit = map.get(key);
      if (hit) return hit;
      const found = await existingIds(tx.db, entity, table, [key]);
      const id = found.get(key);
      if (!id) throw new AppError('REGISTRY_POPOLO_INVALID', 'unprocessable', `The Popolo file was not imported (nothing was changed): ${path} names "${key}", which is neither in the file nor in the registry.`, [{ path, message: 'unknown reference' }]);
      map.set(key, id);
      return id;
    };

    // ---- organizations (parents first, one at a time so children see their parent's id) ----
    const orgPlan = await plan<OrganizationIn>(tx, 'organization', 'registry_organization', orgs, (o, r) =>
      o.name !== r.name || o.kind !== r.kind || (o.foundingDate ?? null) !== (r.founding_date ?? null) || (o.dissolutionDate ?? null) !== (r.dissolution_date ?? null) ||
      stable(o.extra) !== stable(fromJson(r.extra, {})) || (o.parentKey ? orgIds.get(o.parentKey) ?? o.parentKey : null) !== (r.parent_id ?? null), orgIds);
    const orgRows = [];
    for (const o of orgPlan.create) {
      orgRows.push({
        id: orgIds.get(o.key)!, code: null, name: o.name, kind: o.kind, description: null,
        parent_id: await resolveRef('organization', 'registry_organization', orgIds, o.parentKey, `organization "${o.key}" parent_id`),
        village_id: null, founding_date: o.foundingDate, dissolution_date: o.dissolutionDate, extra: toJson(o.extra),
        classification: 'public', compartments: '[]', version: 1, created_at: at, updated_at: at,
      });
    }
    // Parents first within the batch, so the foreign key holds row by row.
    for (const row of orgRows) await tx.db.insertInto('registry_organization').values(row).execute();
    for (const u of orgPlan.update) {
      const version = Number(u.row.version) + 1;
      await tx.db.updateTable('registry_organization').set({
        name: u.item.name, kind: u.item.kind, founding_date: u.item.foundingDate, dissolution_date: u.item.dissolutionDate, extra: toJson(u.item.extra),
        parent_id: await resolveRef('organization', 'registry_organization', orgIds, u.item.parentKey, `organization "${u.item.key}" parent_id`),
        version, updated_at: at,
      }).where('id', '=', u.id).execute();
      await insertChunked(tx.db, 'registry_revision', revisionRows(tx, 'organization', [{ id: u.id, version, snapshot: u.item, row: u.row }]));
    }
    await insertChunked(tx.db, 'registry_identifier', identifierRows('organization', orgPlan.create, orgIds));
    await insertChunked(tx.db, 'registry_revision', revisionRows(tx, 'organization', orgPlan.create.map((o) => ({ id: orgIds.get(o.key)!, version: 1, snapshot: o }))));
    report.created.organizations = orgPlan.create.length;
    report.updated.organizations = orgPlan.update.length;
    report.skipped.organizations = orgPlan.skip;
    progress(orgs.length);

    // ---- posts ----
    const postPlan = await plan<PostIn>(tx, 'post', 'registry_post', source.posts, (p, r) =>
      p.label !== r.label || (p.role ?? null) !== (r.role ?? null) || (p.organizationKey ? orgIds.get(p.organizationKey) ?? null : null) !== (r.organization_id ?? null), postIds);
    const postRows = [];
    for (const p of postPlan.create) {
      postRows.push({
        id: postIds.get(p.key)!, code: null, label: p.label, role: p.role,
        organization_id: await resolveRef('organization', 'registry_organization', orgIds, p.organizationKey, `post "${p.key}" organization_id`),
        classification: 'public', compartments: '[]', version: 1, created_at: at, updated_at: at,
      });
    }
    await insertChunked(tx.db, 'registry_post', postRows);
    for (const u of postPlan.update) {
      const version = Number(u.row.version) + 1;
      await tx.db.updateTable('registry_post').set({
        label: u.item.label, role: u.item.role, version, updated_at: at,
        organization_id: await resolveRef('organization', 'registry_organization', orgIds, u.item.organizationKey, `post "${u.item.key}" organization_id`),
      }).where('id', '=', u.id).execute();
    }
    await insertChunked(tx.db, 'registry_identifier', identifierRows('post', postPlan.create, postIds));
    report.created.posts = postPlan.create.length;
    report.updated.posts = postPlan.update.length;
    report.skipped.posts = postPlan.skip;
    progress(source.posts.length);

    // ---- persons, in chunks so a 100,000-person file keeps a bounded working set ----
    const personDiffers = (p: PersonIn, r: Record<string, any>) =>
      p.name !== r.name || (p.givenName ?? null) !== (r.given_name ?? null) || (p.familyName ?? null) !== (r.family_name ?? null) ||
      stable(p.otherNames) !== stable(fromJson(r.other_names, [])) || (p.summary ?? null) !== (r.summary ?? null) || stable(p.extra) !== stable(fromJson(r.extra, {}));
    const day = today(ctx);
    for await (const chunk of source.persons()) {
      // Ids are kept per chunk only: memberships look their persons up again, by the chunk.
      const personIds = new Map<string, string>();
      const pp = await plan<PersonIn>(tx, 'person', 'registry_person', chunk, personDiffers, personIds);
      const rows = pp.create.map((p) => ({
        id: personIds.get(p.key)!, name: p.name, given_name: p.givenName, family_name: p.familyName, other_names: toJson(p.otherNames),
        sort_name: sortKey(displayName(p)), birth_village_id: null, allegiance_village_id: null, rank: 'civilian', specialities: '[]',
        summary: p.summary, extra: toJson(p.extra), classification: 'public', compartments: '[]', version: 1, created_at: at, updated_at: at,
      }));
      await insertChunked(tx.db, 'registry_person', rows);
      await insertChunked(tx.db, 'registry_person_name_token', pp.create.flatMap((p) => nameTokens(p).map((token) => ({ token, person_id: personIds.get(p.key)! }))));
      await insertChunked(tx.db, 'registry_person_status', pp.create.map((p) => ({
        id: newId(), person_id: personIds.get(p.key)!, status: p.deathDate ? 'deceased' : 'active', valid_from: p.deathDate ?? day,
        reason: p.deathDate ? 'date of death in imported Popolo record' : 'imported from Popolo', recorded_at: at, recorded_by: 'popolo-import',
      })));
      await insertChunked(tx.db, 'registry_identifier', identifierRows('person', pp.create, personIds));
      await insertChunked(tx.db, 'registry_revision', revisionRows(tx, 'person', pp.create.map((p) => ({ id: personIds.get(p.key)!, version: 1, snapshot: p }))));
      for (const u of pp.update) {
        const version = Number(u.row.version) + 1;
        await tx.db.updateTable('registry_person').set({
          name: u.item.name, given_name: u.item.givenName, family_name: u.item.familyName, other_names: toJson(u.item.otherNames),
          sort_name: sortKey(displayName(u.item)), summary: u.item.summary, extra: toJson(u.item.extra), version, updated_at: at,
        }).where('id', '=', u.id).execute();
        await tx.db.deleteFrom('registry_person_name_token').where('person_id', '=', u.id).execute();
        await insertChunked(tx.db, 'registry_person_name_token', nameTokens(u.item).map((token) => ({ token, person_id: u.id })));
        await insertChunked(tx.db, 'registry_revision', revisionRows(tx, 'person', [{ id: u.id, version, snapshot: u.item, row: u.row }]));
      }
      report.created.persons += pp.create.length;
      report.updated.persons += pp.update.length;
      report.skipped.persons += pp.skip;
      progress(chunk.length);
    }

    // ---- memberships ----
    for await (const chunk of source.memberships()) {
      const membershipIds = new Map<string, string>();
      // One lookup for the chunk's persons instead of one per membership.
      const personIds = await existingIds(tx.db, 'person', 'registry_person', [...new Set(chunk.map((m) => m.personKey))]);
      const resolved: (MembershipIn & { personId: string; orgId: string; postId: string | null; behalfId: string | null })[] = [];
      for (const m of chunk) {
        resolved.push({
          ...m,
          personId: (await resolveRef('person', 'registry_person', personIds, m.personKey, `membership "${m.key}" person_id`))!,
          orgId: (await resolveRef('organization', 'registry_organization', orgIds, m.organizationKey, `membership "${m.key}" organization_id`))!,
          postId: await resolveRef('post', 'registry_post', postIds, m.postKey, `membership "${m.key}" post_id`),
          behalfId: await resolveRef('organization', 'registry_organization', orgIds, m.onBehalfOfKey, `membership "${m.key}" on_behalf_of_id`),
        });
      }
      const mp = await plan(tx, 'membership', 'registry_membership', resolved, (m, r) =>
        m.personId !== r.person_id || m.orgId !== r.organization_id || m.postId !== (r.post_id ?? null) || (m.role ?? null) !== (r.role ?? null) ||
        m.behalfId !== (r.on_behalf_of_id ?? null) || (m.startDate ?? null) !== (r.start_date ?? null) || (m.endDate ?? null) !== (r.end_date ?? null) ||
        stable(m.extra) !== stable(fromJson(r.extra, {})), membershipIds);
      await insertChunked(tx.db, 'registry_membership', mp.create.map((m) => ({
        id: membershipIds.get(m.key)!, person_id: m.personId, organization_id: m.orgId, post_id: m.postId, role: m.role, on_behalf_of_id: m.behalfId,
        start_date: m.startDate, end_date: m.endDate, extra: toJson(m.extra), classification: 'public', compartments: '[]', version: 1, created_at: at, updated_at: at,
      })));
      await insertChunked(tx.db, 'registry_identifier', identifierRows('membership', mp.create, membershipIds));
      for (const u of mp.update) {
        await tx.db.updateTable('registry_membership').set({
          person_id: u.item.personId, organization_id: u.item.orgId, post_id: u.item.postId, role: u.item.role, on_behalf_of_id: u.item.behalfId,
          start_date: u.item.startDate, end_date: u.item.endDate, extra: toJson(u.item.extra), version: Number(u.row.version) + 1, updated_at: at,
        }).where('id', '=', u.id).execute();
      }
      report.created.memberships += mp.create.length;
      report.updated.memberships += mp.update.length;
      report.skipped.memberships += mp.skip;
      progress(chunk.length);
    }
    const changed = Object.values(report.created).reduce((a, b) => a + b, 0) + Object.values(report.updated).reduce((a, b) => a + b, 0);
    // One audit record for the whole import: what came in and what it changed.
    tx.audit({ action: 'registry.popolo.import', objectType: 'registry', detail: { created: report.created, updated: report.updated, skipped: report.skipped, warnings: report.warnings.map((w) => ({ code: w.code, count: w.count })) } });
    if (changed) tx.emit('registry.imported', { format: 'popolo', created: report.created, updated: report.updated });
  });
  return report;
}

// ---------------------------------------------------------------- export

async function identifiersByEntity(db: Kysely<any>, entity: string) {
  const rows = await db.selectFrom('registry_identifier').select(['entity_id', 'scheme', 'identifier']).where('entity_type', '=', entity).execute();
  const out = new Map<string, { scheme: string; identifier: string }[]>();
  for (const r of rows) out.set(r.entity_id, [...(out.get(r.entity_id) ?? []), { scheme: r.scheme, identifier: r.identifier }]);
  return out;
}

const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));

function withIdentifiers(extra: Record<string, unknown>, ours: { scheme: string; identifier: string }[] | undefined) {
  const theirs = Array.isArray(extra.identifiers) ? (extra.identifiers as { scheme: string; identifier: string }[]) : [];
  const all = [...theirs];
  for (const i of ours ?? []) if (!all.some((a) => a.scheme === i.scheme && a.identifier === i.identifier)) all.push(i);
  return all;
}

/** The registry as one Popolo document. Original ids of imported records travel as identifiers. */
export async function toPopolo(ctx: AppContext) {
  await authorize(ctx, 'registry.popolo.export');
  const db = ctx.db;
  // Only what the reader may see, filtered in SQL: a membership needs its person and organization visible too.
  const L = readerLabels(ctx);
  const vis = <QB extends SelectQueryBuilder<any, any, any>>(qb: QB, ...aliases: string[]): QB =>
    L ? aliases.reduce((q, a) => q.where(labelVisible(ctx.dialect, a, L.maxRank, L.compartments)) as QB, qb) : qb;
  const [people, orgs, posts, memberships, pIds, oIds] = await Promise.all([
    vis(db.selectFrom('registry_person as p').selectAll('p'), 'p').orderBy('sort_name').orderBy('id').execute(),
    vis(db.selectFrom('registry_organization as o').selectAll('o'), 'o').orderBy('name').orderBy('id').execute(),
    vis(db.selectFrom('registry_post as t').selectAll('t'), 't').orderBy('label').orderBy('id').execute(),
    vis(db.selectFrom('registry_membership as m').innerJoin('registry_person as p', 'p.id', 'm.person_id').innerJoin('registry_organization as o', 'o.id', 'm.organization_id').selectAll('m'), 'm', 'p', 'o').orderBy('m.id').execute(),
    identifiersByEntity(db, 'person'),
    identifiersByEntity(db, 'organization'),
  ]);
  // A reference to a record the reader may not see is left out (Popolo's *_id fields are plain
  // strings, so there is no room for { withheld: true } that a re-import would understand): the
  // export never names what the reader may not see.
  const seenOrgs = new Set(orgs.map((o) => o.id));
  const seenPosts = new Set(posts.map((t) => t.id));
  const ifSeen = (set: Set<string>, id: string | null) => (id && set.has(id) ? id : undefined);
  return {
    persons: people.map((p) => {
      const extra = fromJson<Record<string, unknown>>(p.extra, {});
      const otherNames = fromJson<string[]>(p.other_names, []);
      return compact({
        ...extra,
        id: p.id,
        name: displayName({ name: p.name, givenName: p.given_name, familyName: p.family_name }),
        given_name: p.given_name,
        family_name: p.family_name,
        other_names: extra.other_names ?? otherNames.map((name) => ({ name })),
        summary: p.summary,
        identifiers: withIdentifiers(extra, pIds.get(p.id)),
      });
    }),
    organizations: orgs.map((o) => {
      const extra = fromJson<Record<string, unknown>>(o.extra, {});
      return compact({
        ...extra,
        id: o.id,
        name: o.name,
        classification: o.kind,
        parent_id: ifSeen(seenOrgs, o.parent_id),
        founding_date: o.founding_date,
        dissolution_date: o.dissolution_date,
        description: extra.description ?? o.description,
        identifiers: withIdentifiers(extra, [...(oIds.get(o.id) ?? []), ...(o.code ? [{ scheme: 'sandstone-code', identifier: o.code }] : [])]),
      });
    }),
    // Popolo posts and memberships have no identifiers; re-import matches them by their id.
    posts: posts.map((t) => compact({ id: t.id, label: t.label, role: t.role, organization_id: ifSeen(seenOrgs, t.organization_id) })),
    memberships: memberships.map((m) => {
      const extra = fromJson<Record<string, unknown>>(m.extra, {});
      return compact({
        ...extra,
        id: m.id,
        person_id: m.person_id,
        organization_id: m.organization_id,
        post_id: ifSeen(seenPosts, m.post_id),
        role: m.role,
        on_behalf_of_id: ifSeen(seenOrgs, m.on_behalf_of_id),
        start_date: m.start_date,
        end_date: m.end_date,
      });
    }),
  };
}
