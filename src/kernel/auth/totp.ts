// Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s), for accounts that turn them on.
import * as OTPAuth from 'otpauth';

export const newTotpSecret = () => new OTPAuth.Secret({ size: 20 }).base32;

function totp(secret: string, label = 'account') {
  return new OTPAuth.TOTP({ issuer: 'Sandstone', label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** Accepts the current code and one step either side, for clocks that drift a little. */
export function totpValid(secret: string, code: string, at: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totp(secret).validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null;
}

export const totpCode = (secret: string, at: Date) => totp(secret).generate({ timestamp: at.getTime() });
export const totpUri = (secret: string, username: string) => totp(secret, username).toString();
