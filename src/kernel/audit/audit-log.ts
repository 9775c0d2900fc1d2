// Appending to, reading and verifying the audit log. Appends happen inside the writer's
// transaction, so a change and its audit record commit together or not at all.
import { sql, type Kysely } from 'kysely';
import { fromJson, toJson } from '../db/dialect.ts';
import type { Actor } from '../context.ts';
import { hashRecord, verifyChain, type AuditContent, type AuditRecord, type Checkpoint, type ChainVerdict } from './chain.ts';

export interface AuditEntry {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  objectType?: string;
  objectId?: string;
  classification?: string;
  compartments?: string[];
  detail?: unknown;
}

export function actorLabel(a: Actor): string {
  if (a.kind === 'user') return `user:${a.username}`;
  if (a.kind === 'anonymous') return 'anonymous';
  return `${a.kind}${a.username ? ':' + a.username : ''}`;
}

/** Appends entries in order; must run inside a transaction (the head row lock serializes appenders). */
export async function appendAudit(trx: Kysely<any>, actor: Actor, at: Date, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  // Taking seq first locks the head row (PostgreSQL) until commit; SQLite has one writer anyway.
  const head = await trx
    .updateTable('kernel_audit_head')
    .set({ seq: sql`seq + ${entries.length}` })
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let seq = Number(head.seq) - entries.length;
  let prev: string = head.hash;
  const rows = [];
  for (const e of entries) {
    seq++;
    const content: AuditContent = {
      seq,
      at: at.toISOString(),
      actor: actorLabel(actor),
      actorPersonId: actor.personId ?? null,
      onBehalfOf: actor.onBehalfOf ?? null,
      action: e.action,
      outcome: e.outcome ?? 'ok',
      objectType: e.objectType ?? null,
      objectId: e.objectId ?? null,
      classification: e.classification ?? 'public',
      compartments: [...(e.compartments ?? [])].sort(),
      detail: e.detail === undefined ? null : JSON.parse(JSON.stringify(e.detail)),
    };
    const hash = hashRecord(prev, content);
    rows.push({
      seq, at: content.at, actor: content.actor, actor_person_id: content.actorPersonId, on_behalf_of: content.onBehalfOf,
      action: content.action, outcome: content.outcome, object_type: content.objectType, object_id: content.objectId,
      classification: content.classification, compartments: toJson(content.compartments), detail: content.detail === null ? null : toJson(content.detail),
      prev_hash: prev, hash,
    });
    prev = hash;
  }
  await trx.insertInto('kernel_audit_log').values(rows).execute();
  await trx.updateTable('kernel_audit_head').set({ hash: prev }).where('id', '=', 1).execute();
}

export function rowToRecord(r: Record<string, any>): AuditRecord {
  return {
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    actorPersonId: r.actor_person_id ?? null,
    onBehalfOf: r.on_behalf_of ?? null,
    action: r.action,
    outcome: r.outcome,
    objectType: r.object_type ?? null,
    objectId: r.object_id ?? null,
    classification: r.classification,
    compartments: fromJson<string[]>(r.compartments, []),
    detail: fromJson<unknown>(r.detail, null),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Reads the whole log in pages, in stored order, and checks the chain (and a checkpoint, if given). */
export async function verifyAuditLog(db: Kysely<any>, checkpoint?: Checkpoint): Promise<ChainVerdict> {
  const PAGE = 5000;
  const all: AuditRecord[] = [];
  let after = -1;
  for (;;) {
    // Ordered by seq as stored: a reordered or duplicated seq shows up as a break in the walk.
    const rows = await db.selectFrom('kernel_audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
    for (const r of rows) all.push(rowToRecord(r));
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  return verifyChain(all, checkpoint);
}

export async function auditHead(db: Kysely<any>): Promise<Checkpoint> {
  const last = await db.selectFrom('kernel_audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: '0'.repeat(64) };
}
