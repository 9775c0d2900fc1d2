// What every service function receives: the database, the event bus, the clock, the actor.
import type { Kysely } from 'kysely';
import type { Database } from './db/create-db.ts';
import type { EventBus, SandstoneEvent } from './events/event-bus.ts';
import type { DialectName } from './db/dialect.ts';
import { appendAudit, type AuditEntry } from './audit/audit-log.ts';

/** Who is acting. The security kernel fills this in from the session. */
export interface Actor {
  kind: 'local' | 'system' | 'user' | 'anonymous';
  personId?: string;
  username?: string;
  accountId?: string;
  /** The person on whose behalf the actor acts (an acting Kazekage, a delegate). */
  onBehalfOf?: string;
}

export interface AppContext {
  db: Kysely<any>;
  dialect: DialectName;
  database: Database;
  events: EventBus;
  now: () => Date;
  actor: Actor;
  /** Set while running inside transact(): nested service calls join this transaction. */
  tx?: Tx;
}

export interface Tx {
  db: Kysely<any>;
  dialect: DialectName;
  now: Date;
  actor: Actor;
  emit(type: string, payload: Record<string, unknown>): void;
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
  const audits: AuditEntry[] = [];
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const out = await fn({
      db: trx,
      dialect: ctx.dialect,
      now,
      actor: ctx.actor,
      emit: (type, payload) => events.push({ type, payload, at: now.toISOString() }),
      audit: (entry) => audits.push(entry),
    });
    await appendAudit(trx, ctx.actor, now, audits);
    if (events.length) await ctx.events.stage(trx, events);
    return out;
  });
  if (events.length) ctx.events.committed(events);
  return result;
}

/** A context whose reads and writes all go through tx, so several service calls commit as one. */
export function inTx(ctx: AppContext, tx: Tx): AppContext {
  return { ...ctx, db: tx.db, tx };
}

export function withActor(ctx: AppContext, actor: Actor): AppContext {
  return { ...ctx, actor };
}
