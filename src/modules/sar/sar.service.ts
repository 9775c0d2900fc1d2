// Search and rescue writes: open and close operations, and record the reports that move the map
// (sensor posts, sightings, hazards). The helpers every report's write goes through (the operation
// for a write, still open, the report's label and time, the change event) are exported for the
// module's other writers (teams and tracks). Each validates every field with zod first (the search-theory
// core throws RangeError on what it cannot use: none may reach a caller as a 500), resolves the
// people it names as the caller, writes in one transaction, audits and announces the change.
import { authorize, canRead, inTx, transact, type AppContext, type Tx } from '../../kernel/context.ts';
import { join, type Label } from '../../kernel/auth/labels.ts';
import { resolveReference, type ReferencedRecord } from '../../kernel/references.ts';
import { nextCode } from '../../kernel/code-series.ts';
// A registry status is dated the village day (kernel/village-time.ts) the operation opens or
// closes, not the last known time: the status in force is the latest by date, and one recorded
// earlier today must not outrank it.
import { villageDay, villageYear } from '../../kernel/village-time.ts';
import { toJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { getPerson, recordStatus } from '../registry/index.ts';
import { SUBJECT_PROFILES } from './prior.ts';
import { findOperation, getOperation, toHazard, toSensorPost, toSighting, visibleOperation, type StoredOperation } from './sar.read.ts';
import { mapAt } from './sar-map.ts';
import { SarErrors } from './sar.errors.ts';
import {
  parseInput, ZHazardCreate, ZOperationClose, ZOperationOpen, ZSensorPostCreate, ZSightingCreate,
  type THazard, type THazardCreate, type TOperation, type TOperationClose, type TOperationOpen, type TSensorPost, type TSensorPostCreate, type TSighting, type TSightingCreate,
} from './sar.schema.ts';
import { storedLabel } from '../../kernel/auth/reader.ts';

export const actorName = (tx: Tx) => tx.actor.username ?? tx.actor.kind;
const sorted = (l: Label): Label => ({ classification: l.classification, compartments: [...new Set(l.compartments)].sort() });
const ownLabel = (p: { classification?: string; compartments?: string[] }): Label => ({ classification: (p.classification ?? 'public') as Label['classification'], compartments: p.compartments ?? [] });

/** Announces a change to the operation to every reader cleared for the item's label (an open map refetches). */
export function changed(tx: Tx, operationId: string, kind: string, label: Label) {
  tx.emit('sar.operation.changed', { operationId, kind, at: tx.now.toISOString() }, label);
}

/**
 * The registry records a person's status under its own policy (registry.person.status); opening or
 * closing an operation records it as part of the act that sar.operation.open / close allow, so it
 * runs as the system inside the caller's transaction (the audit and recorded_by still name the caller).
 */
function asSystem(ctx: AppContext, tx: Tx): AppContext {
  return { ...inTx(ctx, tx), actor: { kind: 'system', username: tx.actor.username ?? tx.actor.kind } };
}

/** The next operation code in the transaction's year and the operation's own label: SAR-2026-0001, SAR-2026-S.ANBU-0001. */
const nextOperationCode = (tx: Tx, label: Label) => nextCode(tx, { prefix: 'SAR', year: villageYear(tx.now), label, width: 4 });

export async function openOperation(ctx: AppContext, input: TOperationOpen): Promise<TOperation> {
  const p = parseInput(ZOperationOpen, input);
  const own = sorted(ownLabel(p));
  await authorize(ctx, 'sar.operation.open', own);
  const lkpAt = p.lastKnown.at;
  if (lkpAt > ctx.now().toISOString()) throw SarErrors.notYet('body.lastKnown.at');
  const id = await transact(ctx, async (tx) => {
    const as = inTx(ctx, tx);
    const subject = await resolveReference(as, 'registry.person', p.subject, { path: 'body.subject' });
    // The operation names its subject: it is at least as secret as the person.
    const label = sorted([own, ...subject.labels].reduce(join));
    const subjectLabel = sorted(subject.labels.reduce(join));
    const before = (await getPerson(asSystem(ctx, tx), subject.id)).status?.status ?? null;
    if (before === 'deceased') throw SarErrors.invalid('body.subject', 'is recorded as deceased in the registry: there is no one to search for');
    const id = newId();
    const code = await nextOperationCode(tx, label);
    const at = tx.now.toISOString();
    const name = String(subject.shown.displayName ?? 'the subject');
    const row = {
      id, code, title: p.title || `Search for ${name}`, subject_id: subject.id, status: 'active',
      lkp_x: p.lastKnown.x, lkp_y: p.lastKnown.y, lkp_at: lkpAt, lkp_note: p.lastKnown.note || null, profile: p.profile,
      direction: p.direction ? toJson(p.direction) : null,
      area_min_x: p.area.minX, area_min_y: p.area.minY, area_max_x: p.area.maxX, area_max_y: p.area.maxY, cell_km: p.area.cellKm,
      moving_kmh: p.movingKmh ?? null, subject_status_before: before, opened_at: at, closed_at: null, found_x: null, found_y: null, close_note: null, created_by: actorName(tx),
      classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
    };
    await tx.db.insertInto('sar_operation').values(row).execute();
    // The prior must be drawable on this area (a ring with no cell centre in it: cells too coarse).
    try {
      mapAt(await findOperation(tx.db, id) as StoredOperation, [], lkpAt);
    } catch (e) {
      if (e instanceof RangeError) throw SarErrors.area('body.area.cellKm', `${e.message.replace(/^prior: /, '')} (${SUBJECT_PROFILES[p.profile].label}: rings of ${SUBJECT_PROFILES[p.profile].ringsKm.join(', ')} km)`);
      throw e;
    }
    // The status is the person's (read at the person's label); it names the operation only when the
    // operation is no more secret than the person, so a classified search does not show through it.
    const named = sameLabel(label, subjectLabel);
    await recordStatus(asSystem(ctx, tx), subject.id, { status: 'missing', since: villageDay(tx.now), reason: named ? `search and rescue operation ${code}: last known ${lkpAt}` : 'reported missing' });
    tx.audit({ action: 'sar.operation.open', objectType: 'sar_operation', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { code, subject: subject.id, lastKnown: p.lastKnown, profile: p.profile, area: p.area } });
    changed(tx, id, 'opened', label);
    return id;
  });
  return getOperation(ctx, id);
}

/** The operation for a write: hidden = 404 as unknown, then the policy against its label, then open (409 once closed). */
export async function operationForWrite(ctx: AppContext, ref: string, action: string, label?: (o: StoredOperation) => Label): Promise<StoredOperation> {
  const o = await visibleOperation(ctx, ref);
  await authorize(ctx, action, label ? label(o) : o.label, { type: 'sar_operation', id: o.id });
  if (o.status !== 'active') throw SarErrors.closed(o.code, o.status);
  return o;
}

/** Inside the transaction: still open (a close may have committed since the check above). */
export async function stillOpen(tx: Tx, o: StoredOperation): Promise<void> {
  const now = await findOperation(tx.db, o.id);
  if (!now || now.status !== 'active') throw SarErrors.closed(o.code, now?.status ?? 'closed');
}

export async function closeOperation(ctx: AppContext, ref: string, input: TOperationClose): Promise<TOperation> {
  const p = parseInput(ZOperationClose, input);
  const o = await operationForWrite(ctx, ref, 'sar.operation.close');
  if (p.at < o.lastKnown.at) throw SarErrors.beforeLastKnown('body.at', o.lastKnown.at);
  if (p.at > ctx.now().toISOString()) throw SarErrors.notYet('body.at');
  if (p.outcome !== 'found' && p.foundAt) throw SarErrors.invalid('body.foundAt', 'only an operation closed as found has a place the subject was found');
  const latest = await latestReportAt(ctx, o.id);
  if (latest && p.at < latest) throw SarErrors.invalid('body.at', `must not be before the latest report (${latest}): the map would drop it`);
  await transact(ctx, async (tx) => {
    await stillOpen(tx, o);
    const r = await tx.db.updateTable('sar_operation')
      .set({ status: p.outcome, closed_at: p.at, found_x: p.foundAt?.x ?? null, found_y: p.foundAt?.y ?? null, close_note: p.note || null, version: o.version + 1, updated_at: tx.now.toISOString() })
      .where('id', '=', o.id).where('status', '=', 'active').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw SarErrors.closed(o.code, 'closed');
    if (p.outcome === 'found') {
      // Back to the status held before the search (a deserter found is still a missing-nin).
      const subjectLabel = (await resolveReference(asSystem(ctx, tx), 'registry.person', o.subjectId, { path: 'body' })).labels.reduce(join);
      const named = sameLabel(o.label, sorted(subjectLabel));
      const status = (o.subjectStatusBefore && o.subjectStatusBefore !== 'missing' ? o.subjectStatusBefore : 'active') as 'active';
      await recordStatus(asSystem(ctx, tx), o.subjectId, { status, since: villageDay(tx.now), reason: named ? `found ${p.at}: search and rescue operation ${o.code}` : 'found' });
    }
    tx.audit({ action: 'sar.operation.close', objectType: 'sar_operation', objectId: o.id, classification: o.label.classification, compartments: [...o.label.compartments], detail: { code: o.code, ...p } });
    changed(tx, o.id, 'closed', o.label);
  });
  return getOperation(ctx, o.id);
}

const sameLabel = (a: Label, b: Label) => a.classification === b.classification && [...a.compartments].sort().join() === [...b.compartments].sort().join();

/** When the latest report of the operation happened (any label: closing must not drop one), or null. */
async function latestReportAt(ctx: AppContext, opId: string): Promise<string | null> {
  const [s, h, t] = await Promise.all([
    ctx.db.selectFrom('sar_sighting').select((eb) => eb.fn.max('at').as('at')).where('operation_id', '=', opId).executeTakeFirst(),
    ctx.db.selectFrom('sar_hazard').select((eb) => eb.fn.max('at').as('at')).where('operation_id', '=', opId).executeTakeFirst(),
    ctx.db.selectFrom('sar_track').select((eb) => eb.fn.max('ended_at').as('at')).where('operation_id', '=', opId).executeTakeFirst(),
  ]);
  const all = [s?.at, h?.at, t?.at].filter((v) => v !== null && v !== undefined).map((v) => new Date(v instanceof Date ? v : String(v)).toISOString());
  return all.length ? all.sort().at(-1)! : null;
}

/** A report's label: the operation's, the body's own, and every record it names. */
export const reportLabel = (o: StoredOperation, body: { classification?: string; compartments?: string[] }, named: readonly Label[] = []): Label =>
  sorted([o.label, ownLabel(body), ...named].reduce(join));

/** A report's time: not before the last known point (the map starts there), not in the future. */
export function checkReportTime(ctx: AppContext, o: StoredOperation, at: string, path = 'body.at') {
  if (Date.parse(at) < Date.parse(o.lastKnown.at)) throw SarErrors.beforeLastKnown(path, o.lastKnown.at);
  if (at > ctx.now().toISOString()) throw SarErrors.notYet(path);
}

export async function addSensorPost(ctx: AppContext, ref: string, input: TSensorPostCreate): Promise<TSensorPost> {
  const p = parseInput(ZSensorPostCreate, input);
  const o = await operationForWrite(ctx, ref, 'sar.report', (op) => reportLabel(op, p));
  const label = reportLabel(o, p);
  return transact(ctx, async (tx) => {
    await stillOpen(tx, o);
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db.insertInto('sar_sensor_post').values({
      id, operation_id: o.id, name: p.name, x: p.x, y: p.y, range_km: p.rangeKm, hit_probability: p.hitProbability, false_alarm: p.falseAlarm,
      created_by: actorName(tx), classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
    }).execute();
    tx.audit({ action: 'sar.report', objectType: 'sar_sensor_post', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { operation: o.code, ...p } });
    changed(tx, o.id, 'sensorPost', label);
    return toSensorPost(await tx.db.selectFrom('sar_sensor_post').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function addSighting(ctx: AppContext, ref: string, input: TSightingCreate): Promise<TSighting> {
  const p = parseInput(ZSightingCreate, input);
  const o = await operationForWrite(ctx, ref, 'sar.report', (op) => reportLabel(op, p));
  checkReportTime(ctx, o, p.at);
  return transact(ctx, async (tx) => {
    await stillOpen(tx, o);
    const as = inTx(ctx, tx);
    let post: Record<string, any> | undefined;
    if (p.kind !== 'position') {
      // A post of this operation the caller may see; any other is unknown, alike.
      post = await tx.db.selectFrom('sar_sensor_post').selectAll().where('id', '=', p.sensorPost).where('operation_id', '=', o.id).executeTakeFirst();
      if (!post || !canRead(as, storedLabel(post))) throw SarErrors.sensorPostUnknown('body.sensorPost');
    }
    let reporter: ReferencedRecord | null = null;
    if (p.kind !== 'silent' && p.reporter) reporter = await resolveReference(as, 'registry.person', p.reporter, { path: 'body.reporter' });
    // The caller may see the post and the reporter (else refused above): the label they add is theirs to write.
    const label = reportLabel(o, p, [...(post ? [storedLabel(post)] : []), ...(reporter?.labels ?? [])]);
    const id = newId();
    const at = tx.now.toISOString();
    const pd = post ? Number(post.hit_probability) : null;
    await tx.db.insertInto('sar_sighting').values({
      id, operation_id: o.id, kind: p.kind, at: p.at,
      x: p.kind === 'position' ? p.x : null, y: p.kind === 'position' ? p.y : null, radius_km: p.kind === 'position' ? p.radiusKm : null,
      sensor_post_id: post?.id ?? null, bearing: p.kind === 'bearing' ? p.bearing : null, sigma_deg: p.kind === 'bearing' ? p.sigmaDeg : null,
      // A silence is the post's own detection probability; it raises no false alarm (its likelihood outside range is 1).
      hit_probability: p.kind === 'silent' ? pd : p.hitProbability, false_alarm: p.kind === 'silent' ? 0 : p.falseAlarm,
      reporter_id: reporter?.id ?? null, note: p.note || null, recorded_at: at, recorded_by: actorName(tx),
      classification: label.classification, compartments: toJson(label.compartments),
    }).execute();
    tx.audit({ action: 'sar.report', objectType: 'sar_sighting', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { operation: o.code, ...p } });
    changed(tx, o.id, 'sighting', label);
    const row = await tx.db.selectFrom('sar_sighting').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return toSighting(row, reporter ? { id: reporter.id, name: String(reporter.shown.displayName ?? '') } : null);
  });
}

export async function addHazard(ctx: AppContext, ref: string, input: THazardCreate): Promise<THazard> {
  const p = parseInput(ZHazardCreate, input);
  const o = await operationForWrite(ctx, ref, 'sar.report', (op) => reportLabel(op, p));
  checkReportTime(ctx, o, p.at);
  const label = reportLabel(o, p);
  return transact(ctx, async (tx) => {
    await stillOpen(tx, o);
    const id = newId();
    await tx.db.insertInto('sar_hazard').values({
      id, operation_id: o.id, at: p.at, x: p.x, y: p.y, radius_km: p.radiusKm, kind: p.kind, note: p.note || null,
      recorded_at: tx.now.toISOString(), recorded_by: actorName(tx), classification: label.classification, compartments: toJson(label.compartments),
    }).execute();
    tx.audit({ action: 'sar.report', objectType: 'sar_hazard', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { operation: o.code, ...p } });
    changed(tx, o.id, 'hazard', label);
    return toHazard(await tx.db.selectFrom('sar_hazard').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

