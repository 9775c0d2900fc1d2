// Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s), for accounts that turn them on.
import * as OTPAuth from 'otpauth';

export const newTotpSecret = () => new OTPAuth.Secret({ size: 20 }).base32;

function totp(secret: string, label = 'account') {
  return new OTPAuth.TOTP({ issuer: 'Sandstone', label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

/**
 * The time step a code belongs to, accepting one step either side for clocks that drift a
 * little; null when the code is wrong. Callers refuse a step at or before the last one used, so
 * a code cannot be replayed.
 */
export function totpStep(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : Math.floor(at.getTime() / 30_000) + delta;
}

export const totpCode = (secret: string, at: Date) => totp(secret).generate({ timestamp: at.getTime() });
export const totpUri = (secret: string, username: string) => totp(secret, username).toString();
