// Writing the desk: raising an item (other modules, inside their own transaction), deciding one
// (approve, deny, defer, or delegate that single item), granting and revoking delegations of
// authority, and the weekly delinquency report. A decision on an item acts on its record through
// the owning module's service (its `deskDecisions` in the module record), in the same transaction
// as the decision: the item is decided exactly when its record changed. An acting official's
// decision is recorded as acting for the desk's owner — in the item, in the audit (on behalf of)
// and in the record's own action — and is made with the owner's role but the acting official's
// own clearance.
import { authorize, inTx, transact, withActor, type Actor, type AppContext, type Tx } from '../../kernel/context.ts';
import { toJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { villageDay } from '../../kernel/village-time.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { personCleared } from '../../kernel/auth/accounts.ts';
import { labelOfRecords, labelOfReferences, resolveReference } from '../../kernel/references.ts';
import type { JobKind } from '../../kernel/jobs/index.ts';
import { parseInput } from '../../kernel/validation.ts';
import type { DeskDecision } from '../../kernel/module.ts';
import { councilDate, getStatute } from '../legislature/index.ts';
import { postHoldersOn, registryModule } from '../registry/index.ts';
import { grantRefusals } from './delegation.ts';
import { DEFAULT_MAX_DAYS, DESIGNATION_STATUTE, maxDaysFromText } from './designation-limit.ts';
import { DeskErrors } from './desk.errors.ts';
import { PENDING_STATES, PRIORITIES, ZDecision, ZDelegationGrant, type Priority, type TDecision, type TDelegationGrant } from './desk.schema.ts';
import { decider, decisionItem, passOnRefusal, getDelegation, getItem, isPending, itemFor } from './desk.read.ts';
import { storedLabel } from '../../kernel/auth/reader.ts';
import { auditedAt, join, PUBLIC_LABEL, sortedLabel } from '../../kernel/auth/labels.ts';

export const DELINQUENCY_JOB = 'desk.delinquency';

export interface RaiseDeskItem {
  /** The person whose desk it goes on. */
  owner: string;
  /** `<module>.<what>`: the module that declares it in its `deskDecisions` acts on the decision. */
  kind: string;
  title: string;
  /** The record it concerns, as a reference kind (kernel/references.ts) and its id. */
  record: { kind: string; id: string };
  /** The record's label: the item carries it, so only those cleared for the record see the item. */
  label: Label;
  suspense: Date;
  priority?: Priority;
  originator?: string | null;
  /** Facts the raising module needs back when the item is decided. */
  detail?: Record<string, unknown>;
}

/**
 * Puts an item on an official's desk, inside the caller's own transaction: the item exists if and
 * only if the caller's write commits. Returns the item's id.
 */
export async function raiseDeskItem(tx: Tx, r: RaiseDeskItem): Promise<string> {
  const id = newId();
  const label = sortedLabel(r.label);
  const at = tx.now.toISOString();
  const priority = r.priority ?? 'normal';
  await tx.db.insertInto('desk_item').values({
    id, owner_id: r.owner, authority_id: r.owner, delegated_from: null, kind: r.kind, title: r.title.slice(0, 500),
    record_kind: r.record.kind, record_id: r.record.id, detail: toJson(r.detail ?? {}), suspense: r.suspense.toISOString(),
    priority, priority_rank: PRIORITIES.indexOf(priority), originator_id: r.originator ?? null, state: 'open',
    created_by: tx.actor.username ?? tx.actor.kind, classification: label.classification, compartments: toJson(label.compartments),
    version: 1, created_at: at, updated_at: at,
  }).execute();
  // The record names the owner: it is labelled with the owner's labels too, so the log tells of a
  // hidden owner (the receiver of a secret item) nobody the item's record would not tell.
  const told = join(label, await labelOfRecords(registryModule.references!.person, tx.db, [r.owner]));
  tx.audit({ action: 'desk.raise', objectType: 'desk_item', objectId: id, classification: told.classification, compartments: [...told.compartments], detail: { kind: r.kind, record: r.record, owner: r.owner, suspense: r.suspense.toISOString() } });
  tx.emit('desk.item.changed', { itemId: id, what: 'raised', kind: r.kind }, label, [r.owner]);
  return id;
}

/**
 * For a module whose record was decided elsewhere (a bill signed through its own page, or
 * treated as assented to): the pending items of that kind about the record are closed with the
 * outcome, inside the module's own transaction, so no desk keeps asking for a decision already made.
 * Each item is closed only if it is still pending in the same statement (a decision on the desk
 * at the same instant takes it first, or waits for this one and then finds it decided: never
 * both). Returns how many this call closed; a caller for whom "none" means "the desk decided it
 * meanwhile" compares that with what it expected.
 */
export async function settleDeskItems(tx: Tx, s: { record: { kind: string; id: string }; kind: string; state: 'approved' | 'denied'; note: string }): Promise<number> {
  const open = await tx.db.selectFrom('desk_item').selectAll().where('record_kind', '=', s.record.kind).where('record_id', '=', s.record.id)
    .where('kind', '=', s.kind).where('state', 'in', [...PENDING_STATES]).execute();
  let settled = 0;
  for (const r of open) {
    const label = storedLabel(r);
    const u = await tx.db.updateTable('desk_item').set({ state: s.state, decided_at: tx.now.toISOString(), decided_by: tx.actor.personId ?? null, grounds: s.note.slice(0, 4000), updated_at: tx.now.toISOString(), version: Number(r.version) + 1 })
      .where('id', '=', r.id).where('state', 'in', [...PENDING_STATES]).executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) continue;
    settled += 1;
    tx.audit({ action: 'desk.settle', objectType: 'desk_item', objectId: r.id, classification: label.classification, compartments: [...label.compartments], detail: { state: s.state, record: s.record, note: s.note } });
    tx.emit('desk.item.changed', { itemId: r.id, what: s.state, kind: r.kind }, label, [r.owner_id]);
  }
  return settled;
}

/** An office as the registry records it: a post (by code) of an organization (by code). */
export interface Office { organization: string; post: string }

/**
 * Who holds an office on a day (village date): the person whose membership in that post had begun
 * and not ended, as the registry's memberships say (through its public index, never its tables),
 * or null when it is vacant. For modules that raise items for an office: the desk follows the post,
 * whatever accounts exist. Were two recorded in it on one day, the registry's first.
 */
export async function officeHolder(db: AppContext['db'], office: Office, day: string): Promise<string | null> {
  const holders = await postHoldersOn(db, office.organization, day);
  return holders.find((h) => h.postCode === office.post)?.personId ?? null;
}

/**
 * Why a date given as an instant is outside the years the system keeps its dates in (the
 * legislature's councilDate: 1000 to 2999), or null. Its UTC date is the one the databases write.
 */
function yearsRefusal(iso: string): string | null {
  const r = councilDate.safeParse(iso.slice(0, 10));
  return r.success ? null : r.error.issues[0]?.message ?? 'is outside the years dates may have';
}

/**
 * Why an item may not be deferred to `until`, saying what is allowed, or null: later than both
 * the present suspense and now (a deferral only moves the item later), in the years dates may have.
 */
function deferralRefusal(until: string, suspense: Date, now: Date): string | null {
  const floor = suspense > now ? `the present suspense, ${suspense.toISOString()}` : `now, ${now.toISOString()}`;
  const years = yearsRefusal(until);
  if (years) return `the new date must be later than ${floor}, and ${years}`;
  if (Date.parse(until) <= Math.max(suspense.getTime(), now.getTime())) return `the new date must be later than ${floor}`;
  return null;
}

/** The role of the person whose authority an acting official exercises (their account's), or the caller's own. */
async function roleOf(db: AppContext['db'], personId: string, fallback: Actor['role']): Promise<Actor['role']> {
  const a = await db.selectFrom('kernel_account').select('role').where('person_id', '=', personId).where('disabled_at', 'is', null).orderBy('created_at').limit(1).executeTakeFirst();
  return (a?.role as Actor['role']) ?? fallback;
}

/**
 * Decides an item: approve or deny (acting on its record through its module), defer (a later
 * suspense and an interim reply) or delegate this one item to a named official. Who may: the
 * item's owner, or an acting official under a delegation from the owner that is in force now and
 * covers the kind — never for an item they originated, and never passing it on.
 */
export async function decideItem(ctx: AppContext, id: string, input: TDecision) {
  const p = parseInput(ZDecision, input);
  // Who may decide at all comes first (anonymous: 401); the item's label is checked once it is found.
  await authorize(ctx, 'desk.decide');
  const me = ctx.actor.personId;
  if (!me) throw DeskErrors.noPerson();
  const { row, held } = await itemFor(ctx, id);
  const label = storedLabel(row);
  await authorize(ctx, 'desk.decide', label, { type: 'desk_item', id });
  if (!isPending(row.state)) throw DeskErrors.decided(row.state);
  // The same rule the desk's reads show as mayDecide.
  const may = decider(ctx, row, me, ctx.now(), held);
  if (may.refused) throw may.refused.error;
  if ((p.decision === 'approve' || p.decision === 'deny') && may.approval) throw may.approval.error;
  const { delegation, acting } = may;
  const authority = acting?.person ?? me;
  const actor: Actor = acting ? { ...ctx.actor, onBehalfOf: authority, role: await roleOf(ctx.db, authority, ctx.actor.role) } : ctx.actor;
  const as = withActor(ctx, actor);

  const handler = ctx.deskDecisions?.get(row.kind);
  // A matter to be decided in person is not deferred by another either.
  if (handler?.inPerson && acting && p.decision !== 'delegate') throw DeskErrors.inPerson(`${p.decision} it for them`, handler.inPerson.why, 'Leave it on their desk.');
  let to: string | null = null;
  if (p.decision === 'delegate') {
    // The same rule the desk's reads show as whyNotPassOn.
    const no = passOnRefusal(row, may, handler?.inPerson);
    if (no) throw no.error;
    to = (await resolveReference(ctx, 'registry.person', p.to!, { path: 'body.to' })).id;
    if (to === me) throw DeskErrors.notCleared('body.to', 'it is already on your desk: name someone else');
    if (to === row.originator_id) throw DeskErrors.notCleared('body.to', 'they originated this matter, and may not decide it for you: name someone else');
    if (!(await personCleared(ctx.db, to, label))) throw DeskErrors.notCleared('body.to', `no account of theirs is cleared for ${label.classification}${label.compartments.length ? ` (${label.compartments.join(', ')})` : ''}`);
  }
  if (p.decision === 'defer') {
    const problem = deferralRefusal(p.until!, new Date(row.suspense), ctx.now());
    if (problem) throw DeskErrors.deferral('body.until', problem);
  }
  await transact(as, async (tx) => {
    const at = tx.now.toISOString();
    const state = { approve: 'approved', deny: 'denied', defer: 'deferred', delegate: 'delegated' }[p.decision];
    const set: Record<string, unknown> = { state, updated_at: at, version: Number(row.version) + 1, decided_at: at, decided_by: me, acting_for: delegation?.id ?? null };
    if (p.decision === 'approve' || p.decision === 'deny') set.grounds = p.grounds ?? null;
    if (p.decision === 'defer') Object.assign(set, { suspense: p.until, interim_reply: p.interimReply, grounds: p.grounds ?? null });
    if (p.decision === 'delegate') Object.assign(set, { delegated_to: to, grounds: p.grounds ?? null });
    const r = await tx.db.updateTable('desk_item').set(set).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      // Decided or answered elsewhere at the same moment (its record's own page, the pigeon hole): say how it stands now.
      const now = await tx.db.selectFrom('desk_item').select('state').where('id', '=', id).executeTakeFirst();
      throw DeskErrors.decided(now && !isPending(now.state) ? `${now.state} (at the same moment, elsewhere)` : 'changed by someone else at the same moment');
    }
    if ((p.decision === 'approve' || p.decision === 'deny') && handler) {
      const d: DeskDecision = { decision: p.decision, grounds: p.grounds ?? null, actingFor: acting, item: decisionItem(row) };
      await handler[p.decision](inTx(as, tx), d);
    }
    if (p.decision === 'delegate') {
      await tx.db.insertInto('desk_item').values({
        id: newId(), owner_id: to, authority_id: row.authority_id, delegated_from: id, kind: row.kind, title: row.title,
        record_kind: row.record_kind, record_id: row.record_id, detail: typeof row.detail === 'string' ? row.detail : toJson(row.detail), suspense: new Date(row.suspense).toISOString(),
        priority: row.priority, priority_rank: row.priority_rank, originator_id: row.originator_id, state: 'open', created_by: tx.actor.username ?? tx.actor.kind,
        classification: row.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
      }).execute();
    }
    // The record names the official decided for and the one passed to: labelled with them too.
    const told = join(label, await labelOfReferences(as, 'registry.person', [acting?.person, to], tx.db));
    tx.audit({
      action: 'desk.decide', objectType: 'desk_item', objectId: id, classification: told.classification, compartments: [...told.compartments],
      detail: { decision: p.decision, kind: row.kind, record: { kind: row.record_kind, id: row.record_id }, actingFor: acting, ...(to ? { to } : {}), ...(p.until ? { until: p.until } : {}) },
    });
    tx.emit('desk.item.changed', { itemId: id, what: state, kind: row.kind }, label, [...new Set([row.owner_id, me, authority, ...(to ? [to] : [])])]);
  });
  return getItem(ctx, id);
}

/**
 * The longest a delegation granted on `day` may last: section 3-104 as in force that day, or the
 * stated default when no words of it in force give a limit; with which of the two applied.
 */
export async function designationLimit(ctx: AppContext, day: string): Promise<{ days: number; basis: string }> {
  try {
    // The statute book is public law; read as the system, so the limit is the same whoever grants.
    const s = await getStatute(withActor(ctx, { kind: 'system' }), DESIGNATION_STATUTE, day);
    const days = maxDaysFromText(s.markup);
    if (days !== null) return { days, basis: `section ${DESIGNATION_STATUTE} as in force on ${day} (from ${s.version.validFrom})` };
  } catch (e) {
    if (!(e instanceof Error && 'kind' in e && (e as any).kind === 'not_found')) throw e;
  }
  return { days: DEFAULT_MAX_DAYS, basis: `${DEFAULT_MAX_DAYS} days, the default (no limit in section ${DESIGNATION_STATUTE} in force on ${day})` };
}

/** Grants the caller's authority over their own desk (all kinds, or the kinds named) to an acting official, for a period. */
export async function grantDelegation(ctx: AppContext, input: TDelegationGrant) {
  const p = parseInput(ZDelegationGrant, input);
  await authorize(ctx, 'desk.delegate');
  const me = ctx.actor.personId;
  if (!me) throw DeskErrors.noPerson();
  const delegate = await resolveReference(ctx, 'registry.person', p.delegate, { path: 'body.delegate' });
  const day = villageDay(ctx.now());
  const limit = await designationLimit(ctx, day);
  const problems = grantRefusals({ grantor: me, delegate: delegate.id, from: p.from, to: p.to }, limit.days);
  for (const f of ['from', 'to'] as const) {
    const years = yearsRefusal(p[f]);
    if (years) problems.push([f, years]);
  }
  if (problems.length) throw DeskErrors.delegation(problems);
  const id = await transact(ctx, async (tx) => {
    const id = newId();
    await tx.db.insertInto('desk_delegation').values({
      id, grantor_id: me, delegate_id: delegate.id, from_at: p.from, to_at: p.to, scope: toJson([...new Set(p.scope)].sort()),
      max_days: limit.days, max_days_basis: limit.basis, revoked_at: null, revoked_by: null, created_by: tx.actor.username ?? tx.actor.kind, created_at: tx.now.toISOString(),
    }).execute();
    // The record names the grantor and the delegate: labelled with both.
    tx.audit({ action: 'desk.delegate', objectType: 'desk_delegation', objectId: id, ...auditedAt(await labelOfReferences(ctx, 'registry.person', [me, delegate.id], tx.db)), detail: { grantor: me, delegate: delegate.id, from: p.from, to: p.to, scope: p.scope, limit } });
    tx.emit('desk.delegation.changed', { delegationId: id, what: 'granted' }, undefined, [me, delegate.id]);
    return id;
  });
  return getDelegation(ctx, id);
}

/** Ends a delegation now: only its grantor may (anyone else: the same 404 as for none). Effective on the next request. */
export async function revokeDelegation(ctx: AppContext, id: string) {
  await authorize(ctx, 'desk.delegate');
  const me = ctx.actor.personId;
  const row = await ctx.db.selectFrom('desk_delegation').selectAll().where('id', '=', id).executeTakeFirst();
  const operator = ctx.actor.kind === 'local' || ctx.actor.kind === 'system';
  if (!row || (!operator && row.grantor_id !== me)) throw DeskErrors.delegationNotFound(id);
  if (row.revoked_at) throw DeskErrors.revoked();
  await transact(ctx, async (tx) => {
    const r = await tx.db.updateTable('desk_delegation').set({ revoked_at: tx.now.toISOString(), revoked_by: me ?? tx.actor.kind }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw DeskErrors.revoked();
    tx.audit({ action: 'desk.delegate', objectType: 'desk_delegation', objectId: id, ...auditedAt(await labelOfReferences(ctx, 'registry.person', [row.grantor_id, row.delegate_id], tx.db)), detail: { revoked: true, grantor: row.grantor_id, delegate: row.delegate_id } });
    tx.emit('desk.delegation.changed', { delegationId: id, what: 'revoked' }, undefined, [row.grantor_id, row.delegate_id]);
  });
  return getDelegation(ctx, id);
}

/** Writes the delinquency report: every item still pending past its suspense, how late, at this instant. */
export async function writeDelinquencyReport(ctx: AppContext): Promise<string> {
  return transact(ctx, async (tx) => {
    const at = tx.now.toISOString();
    const late = await tx.db.selectFrom('desk_item').selectAll().where('state', 'in', ['open', 'deferred']).where('suspense', '<', at).orderBy('suspense').orderBy('id').execute();
    const id = newId();
    await tx.db.insertInto('desk_delinquency_report').values({ id, generated_at: at, items: late.length }).execute();
    if (late.length) {
      await tx.db.insertInto('desk_delinquency_line').values(late.map((r) => ({
        report_id: id, item_id: r.id, owner_id: r.owner_id, kind: r.kind, title: r.title, suspense: new Date(r.suspense).toISOString(),
        late_seconds: Math.floor((tx.now.getTime() - new Date(r.suspense).getTime()) / 1000), classification: r.classification, compartments: typeof r.compartments === 'string' ? r.compartments : toJson(r.compartments),
      }))).execute();
    }
    // The count is of items of every label: the record is labelled with all of them, so only one
    // who may see every item counted reads how many there are.
    tx.audit({ action: 'desk.delinquency', objectType: 'desk_delinquency_report', objectId: id, ...auditedAt(late.map(storedLabel).reduce(join, PUBLIC_LABEL)), detail: { items: late.length } });
    // Heard of by those who may read the reports, and without its count: the report counts items
    // of every label, while each reader is shown only theirs and how many are withheld.
    tx.emit('desk.delinquency.reported', { reportId: id }, undefined, { allowedTo: 'desk.reports.read' });
    return id;
  });
}

/** The weekly delinquency report, Mondays 06:00 village time; the kernel plans each next Monday after one runs. */
export const delinquencyJob: JobKind = {
  cron: '0 6 * * 1',
  async run(ctx) {
    await writeDelinquencyReport(ctx);
  },
};

