// Brute-force throttling, decided by a pure function over recent failed attempts.
//  - per account and address: after 5 failures in a row, wait 1 s, 2 s, 4 s … up to 15 minutes;
//  - per account: at most 100 failures an hour, from everywhere together;
//  - per address: at most 50 failures in 15 minutes, across all accounts.
// Every wait ends by itself, so an attacker can slow the real user down but never lock them out for good.
// The attempts it is given must include those still being checked: login-attempts.ts reserves each
// one before its password is checked, which is what makes the limits hold under concurrency.

export interface Attempt {
  at: number; // epoch ms
  success: boolean;
  ip: string;
}

export interface ThrottleVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
  reason?: string;
}

const HOUR = 3_600_000;
const QUARTER = 900_000;

export const LIMITS = { consecutiveFree: 5, maxDelayMs: QUARTER, perAccountPerHour: 100, perAddressPerQuarter: 50 } as const;

/** `forAccount`: attempts on this username (any address); `fromAddress`: attempts from this address (any username). */
export function throttle(now: number, ip: string, forAccount: Attempt[], fromAddress: Attempt[]): ThrottleVerdict {
  const wait = (until: number, reason: string): ThrottleVerdict => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)), reason });

  const accountFailures = forAccount.filter((a) => !a.success && a.at > now - HOUR).sort((a, b) => a.at - b.at);
  if (accountFailures.length >= LIMITS.perAccountPerHour) {
    const oldest = accountFailures[accountFailures.length - LIMITS.perAccountPerHour]!;
    return wait(oldest.at + HOUR, 'too many failed logins for this account in the last hour');
  }

  const addressFailures = fromAddress.filter((a) => !a.success && a.at > now - QUARTER).sort((a, b) => a.at - b.at);
  if (addressFailures.length >= LIMITS.perAddressPerQuarter) {
    const oldest = addressFailures[addressFailures.length - LIMITS.perAddressPerQuarter]!;
    return wait(oldest.at + QUARTER, 'too many failed logins from this address');
  }

  // Consecutive failures for this account from this address since its last success there.
  const here = forAccount.filter((a) => a.ip === ip).sort((a, b) => a.at - b.at);
  let streak = 0;
  let last = 0;
  for (const a of here) {
    if (a.success) streak = 0;
    else {
      streak++;
      last = a.at;
    }
  }
  if (streak >= LIMITS.consecutiveFree) {
    const delay = Math.min(LIMITS.maxDelayMs, 1000 * 2 ** (streak - LIMITS.consecutiveFree));
    if (now < last + delay) return wait(last + delay, 'too many failed logins in a row');
  }
  return { allowed: true, retryAfterSeconds: 0 };
}
