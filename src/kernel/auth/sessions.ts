// Server-side sessions: a random token in an HttpOnly cookie; only its hash is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fromJson } from '../db/dialect.ts';
import { hotQuery } from '../db/hot-query.ts';
import type { Database } from '../db/create-db.ts';
import type { Actor } from '../context.ts';
import type { Level } from './labels.ts';
import type { Role } from './policy.ts';

export interface SessionTimes {
  idleMinutes: number;
  absoluteHours: number;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 256 random bits, URL-safe. */
export const newToken = () => randomBytes(32).toString('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function createSession(db: Kysely<any>, accountId: string, now: Date, times: SessionTimes, meta: { ip?: string; userAgent?: string }) {
  const token = newToken();
  const csrfToken = newToken();
  await db
    .insertInto('kernel_session')
    .values({
      token_hash: hashToken(token), account_id: accountId, csrf_token: csrfToken, created_at: now.toISOString(), last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + times.absoluteHours * 3_600_000).toISOString(), ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

export interface ResolvedSession {
  tokenHash: string;
  csrfToken: string;
  actor: Actor;
  lastSeenAt: string;
  expiresAt: string;
}

// Every request with a cookie runs this: compiled once.
const sessionByHash = hotQuery<[string]>((db, hash) =>
  db
    .selectFrom('kernel_session as s')
    .innerJoin('kernel_account as a', 'a.id', 's.account_id')
    .select(['s.token_hash', 's.csrf_token', 's.last_seen_at', 's.expires_at', 'a.id as account_id', 'a.username', 'a.person_id', 'a.role', 'a.clearance_level', 'a.compartments', 'a.disabled_at'])
    .where('s.token_hash', '=', hash!), 1);

/**
 * The live session for a cookie token, or null when unknown, idle too long, past its end, or its
 * account is disabled. Every request with a cookie runs this, so it answers synchronously when it
 * can (SQLite's committed reader, nothing to write) and returns a promise otherwise: on
 * PostgreSQL, when a session has just ended (its row is deleted), or when the idle clock is due
 * for its once-a-minute refresh.
 */
export function lookupSession(database: Database, token: string, now: Date, times: SessionTimes): ResolvedSession | null | Promise<ResolvedSession | null> {
  if (!token || token.length > 100) return null;
  const hash = hashToken(token);
  // Committed sessions only: a login still in its transaction is not yet a session.
  const rows = sessionByHash.committedNow(database, hash);
  if (rows) return settle(database.kysely, rows[0], now, times);
  return sessionByHash.committed(database, hash).then(([row]) => settle(database.kysely, row, now, times));
}

/**
 * Rows from the committed reader are shared while nothing has been committed (see hot-query.ts),
 * so the session built from one is too: the same row, the same frozen session and actor, and
 * only the clock checks run again. (On PostgreSQL each read brings a new row and a new session.)
 */
interface Built { session: ResolvedSession; lastSeen: number; expires: number; disabled: boolean }
const built = new WeakMap<object, Built>();

function build(row: Record<string, any>): Built {
  let b = built.get(row);
  if (b) return b;
  const actor = Object.freeze({
    kind: 'user' as const,
    accountId: row.account_id,
    username: row.username,
    personId: row.person_id,
    role: row.role as Role,
    clearance: Object.freeze({ level: row.clearance_level as Level, compartments: Object.freeze(fromJson<string[]>(row.compartments, [])) as string[] }),
  });
  const session = Object.freeze({ tokenHash: row.token_hash, csrfToken: row.csrf_token, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, actor });
  b = { session, lastSeen: Date.parse(row.last_seen_at), expires: Date.parse(row.expires_at), disabled: !!row.disabled_at };
  built.set(row, b);
  return b;
}

/** Idle too long, past its end, or its account disabled. */
const ended = (b: Built, now: Date, times: SessionTimes) =>
  b.disabled || now.getTime() >= b.lastSeen + times.idleMinutes * 60_000 || now.getTime() >= b.expires;

/**
 * Is a session still live? For what outlasts its request (an event stream): asking does not
 * refresh the idle clock, so an open stream alone never keeps a session alive.
 */
export async function sessionStillLive(database: Database, tokenHash: string, now: Date, times: SessionTimes): Promise<boolean> {
  const [row] = await sessionByHash.committed(database, tokenHash);
  return !!row && !ended(build(row), now, times);
}

function settle(db: Kysely<any>, row: Record<string, any> | undefined, now: Date, times: SessionTimes): ResolvedSession | null | Promise<ResolvedSession | null> {
  if (!row) return null;
  const b = build(row);
  if (ended(b, now, times)) return endSession(db, row.token_hash).then(() => null);
  // The idle clock is refreshed at most once a minute, so reads do not turn into a write each —
  // and at least four times per idle period, or a short idle limit would end a busy session.
  if (now.getTime() - b.lastSeen < Math.min(60_000, (times.idleMinutes * 60_000) / 4)) return b.session;
  return db.updateTable('kernel_session').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', row.token_hash).execute().then(() => b.session);
}

export const endSession = (db: Kysely<any>, tokenHash: string) => db.deleteFrom('kernel_session').where('token_hash', '=', tokenHash).execute();
export const endAccountSessions = (db: Kysely<any>, accountId: string) => db.deleteFrom('kernel_session').where('account_id', '=', accountId).execute();

