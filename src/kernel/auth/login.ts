// Logging in and out: throttled, audited, with an optional second factor.
import { z } from 'zod';
import { transact, type AppContext } from '../context.ts';
import { AppError, validationError } from '../errors.ts';
import { requiredText } from '../validation.ts';
import { fromJson, toBool } from '../db/dialect.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { createSession, endSession, type SessionTimes } from './sessions.ts';
import { markSucceeded, releaseAttempt, reserveAttempt } from './login-attempts.ts';
import { totpStep } from './totp.ts';
import { labelOfReferences } from '../references.ts';
import { auditedAt, UNMATCHED_LABEL } from './labels.ts';
import type { Kysely } from 'kysely';

/** An audit record about an account names its person: it carries the person's label (see references.ts). */

export const ZLogin = z.object({
  // Text rules like every other field: PostgreSQL refuses NUL, and lone surrogates cannot be stored.
  username: requiredText(64),
  password: z.string().min(1).max(1024),
  totp: z.string().max(12).optional(),
}).strict();

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: { username: string; personId: string; displayName: string; role: string; clearance: { level: string; compartments: string[] } };
}

const failed = () => new AppError('AUTH_LOGIN_FAILED', 'unauthorized', 'The username or password is wrong.');

export async function login(ctx: AppContext, input: unknown, meta: { ip: string; userAgent?: string }, times: SessionTimes): Promise<LoginResult> {
  const parsed = ZLogin.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
  const username = parsed.data.username.trim().toLowerCase();
  const now = ctx.now();
  // The attempt is reserved (counted as a failure) before the password is checked: see login-attempts.ts.
  // A record naming a username says whether it is an account: it carries the account's person's
  // label, or — when no account has that name — the label no auditor holds (UNMATCHED_LABEL), so
  // the log tells no reader which names are accounts of people hidden from them.
  const labelOfName = async (db: Kysely<any>, account: { person_id?: string } | undefined) =>
    auditedAt(account?.person_id ? await labelOfReferences(ctx, 'registry.person', [account.person_id], db) : UNMATCHED_LABEL);
  const reservation = await reserveAttempt(ctx, username, meta.ip, async (tx, verdict) => {
    const owner = await tx.db.selectFrom('kernel_account').select('person_id').where('username', '=', username).executeTakeFirst();
    tx.audit({ action: 'auth.login', outcome: 'denied', detail: { username, ip: meta.ip, reason: verdict.reason }, ...(await labelOfName(tx.db, owner)) });
  });
  if (!reservation.allowed) {
    const { verdict } = reservation;
    const e = new AppError('AUTH_THROTTLED', 'too_many_requests', `Logging in is paused: ${verdict.reason}. Try again in ${verdict.retryAfterSeconds} second${verdict.retryAfterSeconds === 1 ? '' : 's'}.`);
    e.retryAfterSeconds = verdict.retryAfterSeconds;
    throw e;
  }
  const { attemptId } = reservation;

  const account = await ctx.db.selectFrom('kernel_account').selectAll().where('username', '=', username).executeTakeFirst();
  const passwordOk = await verifyPassword(account?.password_hash ?? (await decoyHash()), parsed.data.password);
  // The reserved attempt already counts as a failure; this only leaves its trace in the audit log.
  const record = async (reason: string) =>
    transact(ctx, async (tx) => tx.audit({
      action: 'auth.login', outcome: 'failed', objectType: account ? 'account' : undefined, objectId: account?.id, detail: { username, ip: meta.ip, reason },
      ...(await labelOfName(tx.db, account)),
    }));

  if (!account || !passwordOk || account.disabled_at) {
    await record(!account ? 'unknown username' : !passwordOk ? 'wrong password' : 'account disabled');
    throw failed();
  }
  let totpStepUsed: number | null = null;
  if (account.totp_secret || toBool(account.totp_required)) {
    const code = parsed.data.totp?.trim();
    if (!code) {
      // The right password and no code yet (the form asks for it next): not a failed guess.
      await releaseAttempt(ctx, attemptId);
      throw new AppError('AUTH_TOTP_REQUIRED', 'unauthorized', 'Enter the 6-digit code from your authenticator.', [{ path: 'body.totp', message: 'is required for this account' }]);
    }
    totpStepUsed = account.totp_secret ? totpStep(account.totp_secret, code, now) : null;
    const replayed = totpStepUsed !== null && account.totp_last_step !== null && totpStepUsed <= Number(account.totp_last_step);
    if (totpStepUsed === null || replayed) {
      await record(replayed ? 'one-time code used before' : 'wrong one-time code');
      throw new AppError('AUTH_TOTP_INVALID', 'unauthorized', replayed ? 'That one-time code was already used. Wait for the next code and enter it.' : 'The one-time code is wrong or has expired. Enter the code shown now.', [{ path: 'body.totp', message: replayed ? 'already used' : 'wrong or expired' }]);
    }
  }
  const session = await transact({ ...ctx, actor: { kind: 'user', accountId: account.id, username, personId: account.person_id } }, async (tx) => {
    await markSucceeded(tx, attemptId);
    if (totpStepUsed !== null) {
      // Only if no other login used this or a later code meanwhile (the condition makes it race-free).
      const used = await tx.db.updateTable('kernel_account').set({ totp_last_step: totpStepUsed }).where('id', '=', account.id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', totpStepUsed!)])).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw new AppError('AUTH_TOTP_INVALID', 'unauthorized', 'That one-time code was already used. Wait for the next code and enter it.', [{ path: 'body.totp', message: 'already used' }]);
    }
    const s = await createSession(tx.db, account.id, tx.now, times, meta);
    tx.audit({ action: 'auth.login', objectType: 'account', objectId: account.id, detail: { ip: meta.ip }, ...auditedAt(await labelOfReferences(ctx, 'registry.person', [account.person_id], tx.db)) });
    return s;
  });
  return {
    ...session,
    user: {
      username, personId: account.person_id, displayName: account.display_name, role: account.role,
      clearance: { level: account.clearance_level, compartments: fromJson<string[]>(account.compartments, []) },
    },
  };
}

export async function logout(ctx: AppContext, tokenHash: string): Promise<void> {
  await transact(ctx, async (tx) => {
    await endSession(tx.db, tokenHash);
    tx.audit({ action: 'auth.logout', objectType: 'account', objectId: ctx.actor.accountId, ...auditedAt(await labelOfReferences(ctx, 'registry.person', ctx.actor.personId ? [ctx.actor.personId] : [], tx.db)) });
  });
}
