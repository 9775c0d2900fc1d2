// Login attempts reserved before the password is checked, so the throttle holds however many
// guesses arrive at once, on any number of servers sharing the database.
//
// Checking the limit and recording the failure in two steps lets every guess of a burst pass the
// check before any is recorded. Instead each login, in one transaction: locks its account's and
// its address's gate rows, reads the recent attempts, asks `throttle()`, and — if allowed —
// inserts its own attempt as a failure, then commits. Only after that commit is the password
// checked. The next guess for the same account or address waits on the lock and then sees the
// reservation, so at most as many passwords are checked as the limits allow. A reservation counts
// as a failure until the login proves right (`markSucceeded`), so one whose server dies halfway
// still counts.
import { transact, type AppContext, type Tx } from '../context.ts';
import { boolParam, toBool } from '../db/dialect.ts';
import { newId } from '../ids.ts';
import { throttle, type Attempt, type ThrottleVerdict } from './throttle.ts';

const HOUR = 3_600_000;

export type Reservation = { allowed: true; attemptId: string } | { allowed: false; verdict: ThrottleVerdict };

/**
 * Locks the gates of this username and address, in that order (every login takes them in the
 * same order, so two logins never wait on each other in a circle), decides, and reserves.
 * The upsert is a write, so on SQLite the transaction holds the write lock from its first
 * statement and reads the latest data; on PostgreSQL it holds the row lock until commit.
 */
export async function reserveAttempt(ctx: AppContext, username: string, ip: string, onDenied: (tx: Tx, verdict: ThrottleVerdict) => void | Promise<void>): Promise<Reservation> {
  return transact(ctx, async (tx) => {
    const at = tx.now.toISOString();
    for (const key of [`account:${username}`, `address:${ip}`]) {
      await tx.db.insertInto('kernel_login_gate').values({ key, touched_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ touched_at: at })).execute();
    }
    const since = new Date(tx.now.getTime() - HOUR).toISOString();
    const recent = (column: 'username' | 'ip', value: string) =>
      tx.db.selectFrom('kernel_login_attempt').select(['at', 'success', 'ip']).where(column, '=', value).where('at', '>', since)
        .orderBy('at').orderBy('id').execute();
    const toAttempt = (r: Record<string, any>): Attempt => ({ at: new Date(r.at).getTime(), success: toBool(r.success), ip: r.ip });
    const forAccount = (await recent('username', username)).map(toAttempt);
    const fromAddress = (await recent('ip', ip)).map(toAttempt);
    const verdict = throttle(tx.now.getTime(), ip, forAccount, fromAddress);
    if (!verdict.allowed) {
      await onDenied(tx, verdict);
      return { allowed: false, verdict };
    }
    const attemptId = newId();
    await tx.db.insertInto('kernel_login_attempt').values({ id: attemptId, username, ip, at, success: boolParam(tx.dialect, false) }).execute();
    return { allowed: true, attemptId };
  });
}

/** The reserved attempt turned out right: it no longer counts as a failure (and ends the streak). */
export async function markSucceeded(tx: Tx, attemptId: string): Promise<void> {
  await tx.db.updateTable('kernel_login_attempt').set({ success: boolParam(tx.dialect, true) }).where('id', '=', attemptId).execute();
}

/** The attempt was neither right nor wrong (the password was right, the one-time code still to come): forget it. */
export async function releaseAttempt(ctx: AppContext, attemptId: string): Promise<void> {
  await ctx.db.deleteFrom('kernel_login_attempt').where('id', '=', attemptId).execute();
}
