// Accounts: who may log in, as which registry person, with which role and clearance.
import { z } from 'zod';
import { transact, authorize, type AppContext } from '../context.ts';
import { AppError, validationError } from '../errors.ts';
import { newId } from '../ids.ts';
import { toJson, fromJson, toBool, boolParam } from '../db/dialect.ts';
import { dominates, LEVELS, type Label } from './labels.ts';
import { ROLES, allowed, type Role } from './policy.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { endAccountSessions } from './sessions.ts';
import { newTotpSecret, totpUri } from './totp.ts';
import { labelOfReferences } from '../references.ts';

export const ZAccountCreate = z.object({
  username: z.string().min(2).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/, { message: 'must be lower-case letters, digits, dots, dashes or underscores' }),
  personId: z.string().min(1).max(100),
  displayName: z.string().min(1).max(300),
  role: z.enum(ROLES),
  clearance: z.enum(LEVELS),
  compartments: z.array(z.string().regex(/^[A-Z0-9_]{1,40}$/, { message: 'must be upper-case letters, digits or _' })).max(20).default([]),
  password: z.string(),
  totp: z.boolean().default(false),
});
export type TAccountCreate = z.input<typeof ZAccountCreate>;

export interface AccountView {
  id: string;
  username: string;
  personId: string;
  displayName: string;
  role: string;
  clearance: { level: string; compartments: string[] };
  totpRequired: boolean;
  disabled: boolean;
}

const toView = (r: Record<string, any>): AccountView => ({
  id: r.id, username: r.username, personId: r.person_id, displayName: r.display_name, role: r.role,
  clearance: { level: r.clearance_level, compartments: fromJson<string[]>(r.compartments, []) },
  totpRequired: toBool(r.totp_required), disabled: !!r.disabled_at,
});

/** Creates an account; with totp, returns the secret and its otpauth:// URI once, to put in an authenticator. */
export async function createAccount(ctx: AppContext, input: TAccountCreate): Promise<{ account: AccountView; totpSecret?: string; totpUri?: string }> {
  await authorize(ctx, 'auth.account.manage');
  const parsed = ZAccountCreate.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  const a = parsed.data;
  const problem = passwordProblem(a.password, a.username);
  if (problem) throw validationError([{ path: 'password', message: problem }], `The password ${problem}.`);
  const passwordHash = await hashPassword(a.password);
  const secret = a.totp ? newTotpSecret() : undefined;
  const id = await transact(ctx, async (tx) => {
    const taken = await tx.db.selectFrom('kernel_account').select('id').where('username', '=', a.username).executeTakeFirst();
    if (taken) throw new AppError('AUTH_USERNAME_TAKEN', 'conflict', `The username "${a.username}" is taken.`, [{ path: 'username', message: 'taken' }]);
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db.insertInto('kernel_account').values({
      id, username: a.username, person_id: a.personId, display_name: a.displayName, role: a.role, clearance_level: a.clearance,
      compartments: toJson([...new Set(a.compartments)].sort()), password_hash: passwordHash, totp_secret: secret ?? null,
      totp_required: boolParam(tx.dialect, a.totp), disabled_at: null, created_at: at, updated_at: at, version: 1,
    }).execute();
    // The record names the account's person: it carries the person's label, like any record naming another.
    const label = await labelOfReferences(ctx, 'registry.person', [a.personId], tx.db);
    tx.audit({ action: 'auth.account.create', objectType: 'account', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { username: a.username, personId: a.personId, role: a.role, clearance: a.clearance, compartments: a.compartments, totp: a.totp } });
    return id;
  });
  const row = await ctx.db.selectFrom('kernel_account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { account: toView(row), totpSecret: secret, totpUri: secret ? totpUri(secret, a.username) : undefined };
}

/** Disables an account and ends its sessions at once. */
export async function disableAccount(ctx: AppContext, username: string): Promise<AccountView> {
  await authorize(ctx, 'auth.account.manage');
  await transact(ctx, async (tx) => {
    const row = await tx.db.selectFrom('kernel_account').select(['id', 'disabled_at', 'person_id']).where('username', '=', username).executeTakeFirst();
    if (!row) throw new AppError('AUTH_ACCOUNT_NOT_FOUND', 'not_found', `There is no account "${username}".`);
    if (!row.disabled_at) await tx.db.updateTable('kernel_account').set({ disabled_at: tx.now.toISOString(), updated_at: tx.now.toISOString() }).where('id', '=', row.id).execute();
    await endAccountSessions(tx.db, row.id);
    const label = await labelOfReferences(ctx, 'registry.person', [row.person_id], tx.db);
    tx.audit({ action: 'auth.account.disable', objectType: 'account', objectId: row.id, classification: label.classification, compartments: [...label.compartments], detail: { username } });
  });
  return toView(await ctx.db.selectFrom('kernel_account').selectAll().where('username', '=', username).executeTakeFirstOrThrow());
}

export async function findAccountByUsername(ctx: AppContext, username: string) {
  const row = await ctx.db.selectFrom('kernel_account').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toView(row) : null;
}

/**
 * Whether the person has an enabled account cleared for the label: whether they could be given a
 * record so labelled (a desk item handed to them, a message sent them) and read it.
 */
/** Whether any of a person's accounts in use may do `action` to a record labelled `label` (its role and clearance). */
export async function personMay(ctx: Pick<AppContext, 'db' | 'policy'>, personId: string, action: string, label: Label): Promise<boolean> {
  const accounts = await ctx.db.selectFrom('kernel_account').select(['role', 'clearance_level', 'compartments']).where('person_id', '=', personId).where('disabled_at', 'is', null).execute();
  return accounts.some((a) => allowed(ctx.policy, { role: a.role as Role, clearance: { level: a.clearance_level, compartments: fromJson<string[]>(a.compartments, []) }, authenticated: true }, action, label));
}

/** Whether a person has an account in use (one they could sign in with). */
export async function hasAccount(db: AppContext['db'], personId: string): Promise<boolean> {
  return !!(await db.selectFrom('kernel_account').select('username').where('person_id', '=', personId).where('disabled_at', 'is', null).executeTakeFirst());
}

export async function personCleared(db: AppContext['db'], personId: string, label: Label): Promise<boolean> {
  const accounts = await db.selectFrom('kernel_account').select(['clearance_level', 'compartments']).where('person_id', '=', personId).where('disabled_at', 'is', null).execute();
  return accounts.some((a) => dominates({ level: a.clearance_level, compartments: fromJson<string[]>(a.compartments, []) }, label));
}
