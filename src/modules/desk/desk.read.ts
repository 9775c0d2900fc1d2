// Reading the desk: an official's items (their own, and those they may decide acting for another
// while a delegation is in force), one item, the delegations one granted or holds, and the weekly
// delinquency reports. Delegations are read from the database on every request, never kept, so
// a revocation or the end of a delegation holds from the very next request. Items are filtered
// by the reader's own clearance in SQL: authority passes to an acting official, clearance does
// not, and what they may not see is only counted ("withheld").
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { authorize, canRead, type AppContext } from '../../kernel/context.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { readerSees, storedLabel } from '../../kernel/auth/reader.ts';
import type { AppError } from '../../kernel/errors.ts';
import type { DeskDecision } from '../../kernel/module.ts';
import { isWithheld, showMixedReferences, showReferences, WITHHELD } from '../../kernel/references.ts';
import { actingDecision, inForce, type Delegation } from './delegation.ts';
import { DeskErrors } from './desk.errors.ts';
import { PENDING_STATES, type ItemState, type Priority, type TItem } from './desk.schema.ts';

type Row = Record<string, any>;
const instant = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const operator = (ctx: AppContext) => ctx.actor.kind === 'local' || ctx.actor.kind === 'system';

export const delegationOf = (r: Row): Delegation & { createdAt: string; maxDays: number; maxDaysBasis: string } => ({
  id: r.id, grantor: r.grantor_id, delegate: r.delegate_id, from: instant(r.from_at)!, to: instant(r.to_at)!,
  scope: fromJson<string[]>(r.scope, []), revokedAt: instant(r.revoked_at), createdAt: instant(r.created_at)!,
  maxDays: Number(r.max_days), maxDaysBasis: r.max_days_basis,
});

/** The delegations a person holds that are in force at `at` (read now: never cached). */
export async function delegationsHeld(db: Kysely<any>, person: string, at: Date): Promise<Delegation[]> {
  const now = at.toISOString();
  const rows = await db.selectFrom('desk_delegation').selectAll().where('delegate_id', '=', person)
    .where('from_at', '<=', now).where('to_at', '>', now)
    .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', now)])).execute();
  // The pure rule decides to the second; the query only narrows.
  return rows.map(delegationOf).filter((d) => inForce(d, at));
}

export async function itemRow(db: Kysely<any>, id: string): Promise<Row | undefined> {
  return db.selectFrom('desk_item').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The items a person may see on their desk: their own, and each delegation's grantor's (of its kinds, their own authority). */
function onDeskOf(me: string, held: readonly Delegation[]) {
  return (eb: any): Expression<SqlBool> => eb.or([
    eb('i.owner_id', '=', me),
    ...held.map((d) => eb.and([
      eb('i.owner_id', '=', d.grantor),
      // A single item delegated to the grantor is theirs alone to decide: an acting official may not take it further.
      eb('i.authority_id', '=', d.grantor),
      ...(d.scope.length ? [eb('i.kind', 'in', d.scope)] : []),
    ])),
  ]);
}

type PersonShown = { id: string; name: string } | typeof WITHHELD;
async function people(ctx: AppContext, ids: readonly (string | null | undefined)[]): Promise<Map<string, PersonShown>> {
  const shown = await showReferences(ctx, 'registry.person', [...new Set(ids.filter((x): x is string => !!x))]);
  return new Map([...shown].map(([id, s]) => [id, isWithheld(s) ? WITHHELD : { id: String(s.id), name: String(s.displayName ?? s.name ?? '') }]));
}

/**
 * Whether the desk has denied the items of a kind about a record: for a module whose record may
 * also be answered elsewhere (post's copy from the pigeon hole), so that it does not then do
 * what the desk refused. Inside the caller's transaction (its `db`).
 */
export async function deniedOnDesk(db: Kysely<any>, s: { record: { kind: string; id: string }; kind: string }): Promise<boolean> {
  const r = await db.selectFrom('desk_item').select('id').where('record_kind', '=', s.record.kind).where('record_id', '=', s.record.id)
    .where('kind', '=', s.kind).where('state', '=', 'denied').limit(1).executeTakeFirst();
  return !!r;
}

export const isPending = (state: string): boolean => (PENDING_STATES as readonly string[]).includes(state);

/** The item as the module that raised it is told of a decision on it. */
export const decisionItem = (r: Row): DeskDecision['item'] => ({
  id: r.id, kind: r.kind, title: r.title, record: { kind: r.record_kind, id: r.record_id }, detail: fromJson<Record<string, unknown>>(r.detail, {}),
});

/** A refusal: the words shown beside the item (whyNot) and the error a decision answers with. */
export interface Refusal { why: string; error: AppError }

export type Decider =
  | { refused: Refusal }
  | {
    refused: null;
    /** The delegation they act under (decided "acting for"), or null on their own desk. */
    delegation: Delegation | null;
    /** Whose authority the decision exercises when not the decider's own (DeskDecision.actingFor). */
    acting: DeskDecision['actingFor'];
    /** Why they may not approve or deny it under the owning module's rules (they may still defer it), or null. */
    approval: Refusal | null;
  };

/**
 * Whether `me` may decide the pending item at `now`, and how: the one rule that both the desk's
 * reads (mayDecide, whyNot) and the decision ask. Not theirs (no delegation in force covering it,
 * or a matter they originated): refused. Theirs: acting for whom, and whether the owning module's
 * own rule (its deskDecisions refusal, e.g. section 3-106(1)(a) for a bill) lets them approve or deny.
 */
export function decider(ctx: Pick<AppContext, 'deskDecisions'>, row: Row, me: string, now: Date, held: readonly Delegation[]): Decider {
  const may = actingDecision(me, { owner: row.owner_id, kind: row.kind, originator: row.originator_id ?? null, authority: row.authority_id ?? null }, now, held);
  if (!may.may) return { refused: { why: may.message, error: DeskErrors.notYours(may.message) } };
  const delegation = may.delegation;
  // Whose authority the decision exercises: the owner's (acting under a delegation), or whoever
  // delegated this single item to its owner.
  const authority = delegation ? row.owner_id as string : row.authority_id as string;
  const acting = authority !== me ? { person: authority, delegation: delegation?.id ?? null } : null;
  const error = ctx.deskDecisions?.get(row.kind)?.refusal?.({ item: decisionItem(row), actingFor: acting }) ?? null;
  return { refused: null, delegation, acting, approval: error ? { why: error.message, error } : null };
}

/**
 * Why one who may decide an item may not pass it on to another official (null: they may), with
 * the refusal decideItem gives: the one rule behind the desk's whyNotPassOn and the decision. The
 * owning module may want it decided in person (inPerson); an acting official decides what they
 * hold, never hands it on; nor is an item delegated once delegated again.
 */
export function passOnRefusal(row: Row, may: Extract<Decider, { refused: null }>, inPerson: { why: string } | undefined): Refusal | null {
  if (inPerson) {
    const error = may.acting
      ? DeskErrors.inPerson('delegate it for them', inPerson.why, 'Leave it on their desk.')
      : DeskErrors.inPerson('pass it on', inPerson.why, 'Approve or deny it yourself.');
    return { why: inPerson.why, error };
  }
  if (may.delegation) return { why: 'you hold it only as an acting official', error: DeskErrors.noReDelegation('you hold it only as an acting official, and what you hold so is yours to decide, not to pass on') };
  if (row.authority_id !== row.owner_id) return { why: 'it was itself delegated to you', error: DeskErrors.noReDelegation('it was itself delegated to you') };
  return null;
}

async function itemsOut(ctx: AppContext, rows: readonly Row[], me: string | undefined, held: readonly Delegation[]): Promise<TItem[]> {
  const now = ctx.now();
  const shown = await people(ctx, rows.flatMap((r) => [r.owner_id, r.authority_id, r.originator_id, r.decided_by, r.delegated_to]));
  // What the reader may see of each item's record, through the owning module's reference kind.
  const recordShown = await showMixedReferences(ctx, rows.map((r) => ({ kind: r.record_kind, id: r.record_id })));
  const who = (id: string | null | undefined) => (id ? shown.get(id) ?? WITHHELD : null);
  return rows.map((r) => {
    const suspense = instant(r.suspense)!;
    const pending = isPending(r.state);
    const late = now.getTime() - Date.parse(suspense);
    const acting = me && r.owner_id !== me ? held.find((d) => d.grantor === r.owner_id) ?? null : null;
    let mayDecide = pending;
    let whyNot: string | null = pending ? null : `it is ${r.state}`;
    // Said before anyone tries: the rules decideItem applies to passing it on.
    let whyNotPassOn: string | null = whyNot;
    if (pending && me) {
      const d = decider(ctx, r, me, now, held);
      const no = d.refused ?? d.approval;
      if (no) { mayDecide = false; whyNot = no.why; }
      whyNotPassOn = d.refused ? d.refused.why : passOnRefusal(r, d, ctx.deskDecisions?.get(r.kind)?.inPerson)?.why ?? null;
    } else if (pending && !me) {
      mayDecide = false; whyNot = 'only an official decides, on their own desk or acting for another';
      whyNotPassOn = whyNot;
    }
    const label = storedLabel(r);
    return {
      id: r.id, kind: r.kind, title: r.title,
      record: { kind: r.record_kind, id: r.record_id, shown: recordShown(r.record_kind, r.record_id) },
      owner: who(r.owner_id)!, authority: r.authority_id !== r.owner_id ? who(r.authority_id) : null, originator: who(r.originator_id),
      priority: r.priority as Priority, suspense,
      overdue: pending && late > 0, lateBySeconds: pending && late > 0 ? Math.floor(late / 1000) : null,
      state: r.state as ItemState,
      actingFor: acting ? { delegation: acting.id, person: who(acting.grantor)! } : null,
      mayDecide, whyNot, whyNotPassOn,
      decidedAt: instant(r.decided_at), decidedBy: who(r.decided_by), decidedActingFor: r.acting_for ?? null,
      grounds: r.grounds ?? null, interimReply: r.interim_reply ?? null, delegatedTo: who(r.delegated_to),
      classification: label.classification, compartments: [...label.compartments], createdAt: instant(r.created_at)!,
    };
  });
}

export interface ItemQuery { state: 'pending' | 'decided' | 'all' }

/**
 * The reader's desk: their own items and those they may decide acting for another (marked), the
 * pending ones by default, most overdue first; items the reader is not cleared for only counted.
 */
export async function listItems(ctx: AppContext, query: ItemQuery = { state: 'pending' }) {
  await authorize(ctx, 'desk.read');
  const me = ctx.actor.personId;
  if (!me && !operator(ctx)) return { items: [], withheld: 0, overdue: 0 };
  const held = me ? await delegationsHeld(ctx.db, me, ctx.now()) : [];
  let desks = ctx.db.selectFrom('desk_item as i');
  if (me) desks = desks.where(onDeskOf(me, held));
  // Withheld: what awaits the reader's decision (pending, on desks they hold now) that they may not
  // see — whichever list they asked for; a decided item awaits no one.
  const withheld = Number((await desks.select((eb) => eb.fn.countAll().as('n')).where('i.state', 'in', [...PENDING_STATES])
    .where(sql<boolean>`not ${readerSees(ctx, 'i')}`).executeTakeFirstOrThrow()).n);
  let q = desks;
  if (query.state === 'pending') q = q.where('i.state', 'in', [...PENDING_STATES]);
  if (query.state === 'decided') q = q.where('i.state', 'not in', [...PENDING_STATES]);
  const rows = await q.selectAll('i').where(readerSees(ctx, 'i'))
    .orderBy('i.suspense').orderBy('i.priority_rank').orderBy('i.id').limit(500).execute();
  const items = await itemsOut(ctx, rows, me, held);
  return { items, withheld, overdue: items.filter((i) => i.overdue).length };
}

/**
 * One item, for its owner or an official acting for the owner now (an acting official's hold on
 * it ends with the delegation, even on the items they decided); anyone else — and anyone not cleared for its label — gets the same 404 as for no such item.
 */
export async function getItem(ctx: AppContext, id: string): Promise<TItem> {
  await authorize(ctx, 'desk.read');
  const { row, held } = await itemFor(ctx, id);
  return (await itemsOut(ctx, [row], ctx.actor.personId, held))[0]!;
}

/** The item if the reader may see it (see getItem), with the delegations they hold now. */
export async function itemFor(ctx: AppContext, id: string): Promise<{ row: Row; held: Delegation[] }> {
  const me = ctx.actor.personId;
  const row = await itemRow(ctx.db, id);
  const held = me ? await delegationsHeld(ctx.db, me, ctx.now()) : [];
  const concerns = row && (operator(ctx) || (me !== undefined && (row.owner_id === me
    || held.some((d) => d.grantor === row.owner_id && row.authority_id === d.grantor && (d.scope.length === 0 || d.scope.includes(row.kind))))));
  if (!row || !concerns || !canRead(ctx, storedLabel(row))) throw DeskErrors.itemNotFound(id);
  return { row, held };
}

export async function delegationsOut(ctx: AppContext, rows: readonly Row[]) {
  const shown = await people(ctx, rows.flatMap((r) => [r.grantor_id, r.delegate_id]));
  const now = ctx.now();
  return rows.map((r) => {
    const d = delegationOf(r);
    return {
      id: d.id, grantor: shown.get(d.grantor) ?? WITHHELD, delegate: shown.get(d.delegate) ?? WITHHELD, from: d.from, to: d.to, scope: [...d.scope],
      revokedAt: d.revokedAt, inForce: inForce(d, now), maxDays: { days: d.maxDays, basis: d.maxDaysBasis }, createdAt: d.createdAt,
    };
  });
}

/** The delegations the reader granted and those they hold, latest first. */
export async function listDelegations(ctx: AppContext) {
  await authorize(ctx, 'desk.read');
  const me = ctx.actor.personId;
  if (!me) return { granted: [], held: [] };
  const rows = await ctx.db.selectFrom('desk_delegation').selectAll().where((eb) => eb.or([eb('grantor_id', '=', me), eb('delegate_id', '=', me)]))
    .orderBy('from_at', 'desc').orderBy('id', 'desc').limit(500).execute();
  const out = await delegationsOut(ctx, rows);
  return { granted: out.filter((_, i) => rows[i]!.grantor_id === me), held: out.filter((_, i) => rows[i]!.delegate_id === me) };
}

export async function getDelegation(ctx: AppContext, id: string) {
  const r = await ctx.db.selectFrom('desk_delegation').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw DeskErrors.delegationNotFound(id);
  return (await delegationsOut(ctx, [r]))[0]!;
}

/** The weekly delinquency reports, latest first; each shows the lines the reader is cleared for and counts the rest. */
export async function listDelinquencyReports(ctx: AppContext, query: { limit: number } = { limit: 8 }) {
  await authorize(ctx, 'desk.reports.read');
  const reports = await ctx.db.selectFrom('desk_delinquency_report').selectAll().orderBy('generated_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  if (!reports.length) return { items: [] };
  const ids = reports.map((r) => r.id);
  const lines = await ctx.db.selectFrom('desk_delinquency_line as l').selectAll('l').where('l.report_id', 'in', ids).where(readerSees(ctx, 'l'))
    .orderBy('l.late_seconds', 'desc').orderBy('l.item_id').execute();
  const hidden = await ctx.db.selectFrom('desk_delinquency_line as l').select(['l.report_id']).select((eb) => eb.fn.countAll().as('n'))
    .where('l.report_id', 'in', ids).where(sql<boolean>`not ${readerSees(ctx, 'l')}`).groupBy('l.report_id').execute();
  const shown = await people(ctx, lines.map((l) => l.owner_id));
  return {
    items: reports.map((r) => ({
      id: r.id, generatedAt: instant(r.generated_at)!,
      lines: lines.filter((l) => l.report_id === r.id).map((l) => {
        const label = storedLabel(l);
        return { item: l.item_id, owner: shown.get(l.owner_id) ?? WITHHELD, kind: l.kind, title: l.title, suspense: instant(l.suspense)!, lateBySeconds: Number(l.late_seconds), classification: label.classification, compartments: [...label.compartments] };
      }),
      withheld: Number(hidden.find((h) => h.report_id === r.id)?.n ?? 0),
    })),
  };
}
