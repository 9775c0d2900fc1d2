// What every service function receives: the database, the event bus, the clock, the actor.
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/create-db.ts';
import { newEvent, type EventBus, type SandstoneEvent } from './events/event-bus.ts';
import { isoInstant } from './village-time.ts';
import type { DialectName } from './db/dialect.ts';
import type { ReadCache } from './db/read-cache.ts';
import type { ReferenceCatalogue } from './references.ts';
import type { DeskDecisionKind } from './module.ts';
import { appendAuditWrites, type AuditEntry, type AuditWrite } from './audit/audit-log.ts';
import { AppError } from './errors.ts';
import { ANONYMOUS, OPERATOR, allowed, denied, deniedByClearance, type Policy, type Role, type Subject } from './auth/policy.ts';
import { NO_CLEARANCE, dominates, type Clearance, type Label } from './auth/labels.ts';

/** Who is acting. The security kernel fills this in from the session. */
export interface Actor {
  kind: 'local' | 'system' | 'user' | 'anonymous';
  personId?: string;
  username?: string;
  accountId?: string;
  /** The person on whose behalf the actor acts (an acting Kazekage, a delegate). */
  onBehalfOf?: string;
  /** Set for logged-in users; the console operator has neither and may do anything. */
  role?: Role;
  clearance?: Clearance;
}

export const ANONYMOUS_ACTOR: Actor = Object.freeze({ kind: 'anonymous', role: 'public', clearance: NO_CLEARANCE });

export function subjectOf(a: Actor): Subject {
  if (a.kind === 'local' || a.kind === 'system') return OPERATOR;
  if (a.kind === 'anonymous') return ANONYMOUS;
  return { role: a.role ?? 'public', clearance: a.clearance ?? NO_CLEARANCE, authenticated: true };
}

export interface AppContext {
  db: Kysely<any>;
  dialect: DialectName;
  database: Database;
  events: EventBus;
  now: () => Date;
  actor: Actor;
  policy: Policy;
  /** Answers kept while their module's generation stands (see cachedRead); absent = none kept. */
  readCache?: ReadCache;
  /** Every module's reference kinds (see references.ts): how records of one module are named from another. */
  references?: ReferenceCatalogue;
  /** Every module's desk item kinds (SandstoneModule.deskDecisions): how a decision acts on its record. */
  deskDecisions?: ReadonlyMap<string, DeskDecisionKind>;
  /** Set while running inside transact(): nested service calls join this transaction. */
  tx?: Tx;
  /** Set for a request sent with an Idempotency-Key: the change it makes is claimed for that key. */
  idempotency?: IdempotencyClaim;
  /** Test-only failure points (openApp's `faults`); production never sets them. */
  faults?: Faults;
}

/**
 * Failures a test injects to prove crash safety deterministically. afterCommit runs at the first
 * instant after a transaction commits, before anything else the kernel does after the commit
 * (marking the Idempotency-Key applied, storing the answer, delivering events); throwing there
 * stands for the server dying in that window.
 */
export interface Faults {
  afterCommit?: (ctx: AppContext) => void;
  /** Awaited by a keyed request after its change, before its answer is kept (http/idempotency.ts). */
  beforeAnswerKept?: () => Promise<void>;
  /** Called when a retry begins to wait for the answer of the same request still running here. */
  answerAwaited?: () => void;
}

/** applied turns true once this request's change, claimed for the key, has committed. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  applied: boolean;
}

export interface Tx {
  db: Kysely<any>;
  dialect: DialectName;
  now: Date;
  actor: Actor;
  /** `audience`: only these people (registry ids) hear of it, or only those allowed this action (`allowedTo`). */
  emit(type: string, payload: Record<string, unknown>, label?: Label, audience?: readonly string[] | { allowedTo: string }): void;
  /** Records what was done in the audit log, in this same transaction. */
  audit(entry: AuditEntry): void;
}

/**
 * Runs fn in one transaction. Events it emits are staged in the same transaction and
 * delivered only after commit, so subscribers never hear of a write that was rolled back.
 */
export async function transact<T>(ctx: AppContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (ctx.tx) return fn(ctx.tx);
  const events: SandstoneEvent[] = [];
  const audits: AuditWrite[] = [];
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const out = await fn(stagingTx(trx, ctx.dialect, now, ctx.actor, events, audits));
    // Every change announces itself; a change made for an Idempotency-Key also claims the key, in
    // this transaction. Only one claim can succeed, so a key never commits two changes, even when
    // a retry runs beside (or after the crash of) the first attempt.
    if (ctx.idempotency && events.length) await claimKey(trx, ctx.idempotency, now);
    // Events first, the audit last: appending takes the audit head's row lock (PostgreSQL), which
    // every audited write waits for in turn, so it is held only from there to the commit.
    if (events.length) await ctx.events.stage(trx, events);
    await appendAuditWrites(trx, audits);
    return out;
  });
  ctx.faults?.afterCommit?.(ctx);
  if (ctx.idempotency && events.length) ctx.idempotency.applied = true;
  if (events.length) ctx.events.committed(events);
  return result;
}

/**
 * A Tx on trx whose events and audit records are staged in the lists given, to be written by
 * whoever runs the transaction before it commits (the audit last: see transact) and the events
 * delivered after. Several Txs may share one transaction and its lists (a group commit).
 */
export function stagingTx(trx: Kysely<any>, dialect: DialectName, now: Date, actor: Actor, events: SandstoneEvent[], audits: AuditWrite[]): Tx {
  let at: string | undefined;
  const tx: Tx = {
    db: trx, dialect, now, actor,
    emit: (type, payload, label, audience) => {
      const { event, sameAs } = newEvent(type, payload, at ??= isoInstant(now), label, audience);
      // Said once per transaction: an event the same in all but its time as one already staged
      // (the aviary's "a letter was accepted" for each letter of a mail bag, a job scheduled for
      // each FLASH of a dispatch run) tells no listener more (a page refetches on any event), and
      // on PostgreSQL each one is a notification every server receives and parses.
      const said = stagedKeys.get(events) ?? stagedKeys.set(events, new Set()).get(events)!;
      if (said.has(sameAs)) return;
      said.add(sameAs);
      events.push(event);
    },
    audit: (entry) => audits.push({ actor, at: now, entry }),
  };
  Object.defineProperty(tx, STAGING, { value: { trx, events, audits } satisfies Staging });
  return tx;
}

/**
 * Where a staging Tx's transaction, events and audit records are (see actingAs): on the Tx itself,
 * under a symbol, not enumerable, so that a copy of the Tx (a spread, Object.assign) is not one
 * (a WeakMap's entry for every letter of a busy post office cost more).
 */
const STAGING = Symbol('sandstone.tx.staging');
interface Staging { trx: Kysely<any>; events: SandstoneEvent[]; audits: AuditWrite[] }
const stagingOf = (tx: Tx): Staging | undefined => (tx as Tx & { [STAGING]?: Staging })[STAGING];

/**
 * The same transaction as another actor's, at `now`: its audit records are that actor's and its
 * events and audit records are staged with tx's, written and delivered with them. For a system's
 * work done inside a caller's transaction (the aviary sending the post a mail bag accepted).
 * Undefined for a Tx not made by stagingTx (a copy, or a test's own): the caller does the work
 * another way.
 */
export function actingAs(tx: Tx, actor: Actor, now: Date = tx.now): Tx | undefined {
  const s = stagingOf(tx);
  return s && stagingTx(s.trx, tx.dialect, now, actor, s.events, s.audits);
}

/** The events already staged in each transaction's list, by what they say (see stagingTx). */
const stagedKeys = new WeakMap<SandstoneEvent[], Set<string>>();

let parts = 0;

/**
 * Runs fn as a part of tx's transaction that can fail on its own, inside a SAVEPOINT: when fn
 * throws, its writes are rolled back to there, the events and audit records it staged are dropped
 * with them (and what it said once may be said again), and the error is rethrown with the
 * transaction still usable. For one item of a batch whose failure must not sink the rest (the
 * aviary's sending: post.service.ts). A Tx not made by stagingTx cannot be wound back: fn runs
 * as it is, and a failure is the transaction's.
 */
export async function partOf<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const s = stagingOf(tx);
  if (!s) return fn();
  const savepoint = sql.raw(`sandstone_part_${++parts}`);
  const events = s.events.length;
  const audits = s.audits.length;
  const saidBefore = stagedKeys.get(s.events)?.size ?? 0;
  await sql`savepoint ${savepoint}`.execute(s.trx);
  try {
    const out = await fn();
    await sql`release savepoint ${savepoint}`.execute(s.trx);
    return out;
  } catch (e) {
    await sql`rollback to savepoint ${savepoint}`.execute(s.trx);
    await sql`release savepoint ${savepoint}`.execute(s.trx);
    s.events.length = events;
    s.audits.length = audits;
    // A set keeps its keys in the order added: those said inside fn are the last ones.
    const said = stagedKeys.get(s.events);
    if (said) [...said].slice(saidBefore).forEach((k) => said.delete(k));
    throw e;
  }
}

async function claimKey(db: Kysely<any>, claim: IdempotencyClaim, now: Date) {
  const r = await db.updateTable('kernel_idempotency').set({ applied_at: now.toISOString() })
    .where('scope', '=', claim.scope).where('key', '=', claim.key).where('applied_at', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) {
    throw new AppError('IDEMPOTENCY_ALREADY_APPLIED', 'conflict', 'Another request with this Idempotency-Key has already carried out this change, so it was not done twice. Look the record up to see it.');
  }
}

/** A context whose reads and writes all go through tx, so several service calls commit as one. */
export function inTx(ctx: AppContext, tx: Tx): AppContext {
  return Object.assign({}, ctx, { db: tx.db, tx });
}

/**
 * The context as another actor. Here and in inTx, Object.assign rather than a spread followed by
 * more keys: on Node 20's V8 an object spread first and then given a key costs over a microsecond
 * (ten times Object.assign), and every request makes these (ARCHITECTURE, Speed).
 */
export function withActor(ctx: AppContext, actor: Actor): AppContext {
  return Object.assign({}, ctx, { actor });
}

/**
 * Checks the policy before a service does anything. A refusal is itself audited (in its own
 * transaction, since the caller's work will not happen) and thrown as 401 or 403.
 */
export async function authorize(ctx: AppContext, action: string, label?: Label, object?: { type: string; id: string }): Promise<void> {
  const subject = subjectOf(ctx.actor);
  if (allowed(ctx.policy, subject, action, label)) return;
  // An anonymous caller's refusal is only counted, per address and minute, by the HTTP layer
  // (kernel/references.ts): a prober must not grow the audit log request by request.
  if (!ctx.tx && subject.authenticated) {
    await transact(ctx, async (tx) => tx.audit({ action, outcome: 'denied', objectType: object?.type, objectId: object?.id, classification: label?.classification, compartments: label ? [...label.compartments] : [] }));
  }
  // The role may do this, only not on this label: say so, rather than blame the role.
  throw label && subject.authenticated && allowed(ctx.policy, subject, action) ? deniedByClearance(subject, action) : denied(subject, action);
}

/** May the actor read something with this label? */
export const canRead = (ctx: AppContext, label: Label): boolean => dominates(subjectOf(ctx.actor).clearance, label);
