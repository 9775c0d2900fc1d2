// Logging in and out: throttled, audited, with an optional second factor.
import { z } from 'zod';
import { transact, type AppContext } from '../context.ts';
import { AppError, validationError } from '../errors.ts';
import { newId } from '../ids.ts';
import { boolParam, fromJson, toBool } from '../db/dialect.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { createSession, endSession, type SessionTimes } from './sessions.ts';
import { throttle, type Attempt } from './throttle.ts';
import { totpValid } from './totp.ts';

export const ZLogin = z.object({
  username: z.string().min(1).max(64),
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
  const since = new Date(now.getTime() - 3_600_000).toISOString();
  const toAttempt = (r: Record<string, any>): Attempt => ({ at: new Date(r.at).getTime(), success: toBool(r.success), ip: r.ip });
  const [forAccount, fromAddress] = await Promise.all([
    ctx.db.selectFrom('kernel_login_attempt').select(['at', 'success', 'ip']).where('username', '=', username).where('at', '>', since).execute(),
    ctx.db.selectFrom('kernel_login_attempt').select(['at', 'success', 'ip']).where('ip', '=', meta.ip).where('at', '>', since).execute(),
  ]);
  const verdict = throttle(now.getTime(), meta.ip, forAccount.map(toAttempt), fromAddress.map(toAttempt));
  if (!verdict.allowed) {
    await transact(ctx, async (tx) => tx.audit({ action: 'auth.login', outcome: 'denied', detail: { username, ip: meta.ip, reason: verdict.reason } }));
    const e = new AppError('AUTH_THROTTLED', 'too_many_requests', `Too many failed logins (${verdict.reason}). Try again in ${verdict.retryAfterSeconds} seconds.`);
    e.retryAfterSeconds = verdict.retryAfterSeconds;
    throw e;
  }

  const account = await ctx.db.selectFrom('kernel_account').selectAll().where('username', '=', username).executeTakeFirst();
  const passwordOk = await verifyPassword(account?.password_hash ?? (await decoyHash()), parsed.data.password);
  const record = async (success: boolean, reason?: string) =>
    transact(ctx, async (tx) => {
      await tx.db.insertInto('kernel_login_attempt').values({ id: newId(), username, ip: meta.ip, at: tx.now.toISOString(), success: boolParam(tx.dialect, success) }).execute();
      if (!success) tx.audit({ action: 'auth.login', outcome: 'failed', objectType: account ? 'account' : undefined, objectId: account?.id, detail: { username, ip: meta.ip, reason } });
    });

  if (!account || !passwordOk || account.disabled_at) {
    await record(false, !account ? 'unknown username' : !passwordOk ? 'wrong password' : 'account disabled');
    throw failed();
  }
  if (account.totp_secret || toBool(account.totp_required)) {
    const code = parsed.data.totp?.trim();
    if (!code) throw new AppError('AUTH_TOTP_REQUIRED', 'unauthorized', 'Enter the 6-digit code from your authenticator.', [{ path: 'body.totp', message: 'is required for this account' }]);
    if (!account.totp_secret || !totpValid(account.totp_secret, code, now)) {
      await record(false, 'wrong one-time code');
      throw new AppError('AUTH_TOTP_INVALID', 'unauthorized', 'The one-time code is wrong or has expired. Enter the code shown now.', [{ path: 'body.totp', message: 'wrong or expired' }]);
    }
  }
  const session = await transact({ ...ctx, actor: { kind: 'user', accountId: account.id, username, personId: account.person_id } }, async (tx) => {
    await tx.db.insertInto('kernel_login_attempt').values({ id: newId(), username, ip: meta.ip, at: tx.now.toISOString(), success: boolParam(tx.dialect, true) }).execute();
    const s = await createSession(tx.db, account.id, tx.now, times, meta);
    tx.audit({ action: 'auth.login', objectType: 'account', objectId: account.id, detail: { ip: meta.ip } });
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
    tx.audit({ action: 'auth.logout', objectType: 'account', objectId: ctx.actor.accountId });
  });
}
