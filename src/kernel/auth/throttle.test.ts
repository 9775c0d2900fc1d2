import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { throttle, LIMITS, type Attempt } from './throttle.ts';

const T0 = Date.UTC(2026, 10, 25, 9);
const fail = (at: number, ip = '10.0.0.1'): Attempt => ({ at, success: false, ip });

describe('login throttling (pure)', () => {
  it('lets the first five failures in a row through, then waits 1 s, 2 s, 4 s …', () => {
    const attempts = Array.from({ length: 5 }, (_, i) => fail(T0 + i));
    expect(throttle(T0 + 10, '10.0.0.1', attempts.slice(0, 4), []).allowed).toBe(true);
    const v = throttle(T0 + 10, '10.0.0.1', attempts, []);
    expect(v).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    const seven = Array.from({ length: 7 }, (_, i) => fail(T0 + i));
    expect(throttle(T0 + 10, '10.0.0.1', seven, []).retryAfterSeconds).toBe(4);
  });

  it('a success resets the streak at that address', () => {
    const a = [...Array.from({ length: 5 }, (_, i) => fail(T0 + i)), { at: T0 + 6, success: true, ip: '10.0.0.1' }];
    expect(throttle(T0 + 7, '10.0.0.1', a, []).allowed).toBe(true);
  });

  it('caps an address at 50 failures in 15 minutes, whatever accounts it tries', () => {
    const fromAddress = Array.from({ length: LIMITS.perAddressPerQuarter }, (_, i) => fail(T0 + i * 1000, '10.6.6.6'));
    const v = throttle(T0 + 60_000, '10.6.6.6', [], fromAddress);
    expect(v.allowed).toBe(false);
    expect(v.reason).toMatch(/address/);
    expect(throttle(T0 + 16 * 60_000, '10.6.6.6', [], fromAddress).allowed).toBe(true);
  });

  it('never locks out for good: every refusal names a wait that ends within an hour', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ dt: fc.integer({ min: 0, max: 3_600_000 }), ip: fc.constantFrom('a', 'b', 'c'), success: fc.boolean() }), { maxLength: 300 }),
      fc.constantFrom('a', 'b', 'c'),
      (raw, ip) => {
        const attempts = raw.map((r) => ({ at: T0 + r.dt, ip: r.ip, success: r.success }));
        const now = T0 + 3_600_000;
        const v = throttle(now, ip, attempts, attempts.filter((a) => a.ip === ip));
        if (v.allowed) return true;
        if (v.retryAfterSeconds < 1 || v.retryAfterSeconds > 3600) return false;
        // After the wait, with no new attempts, the same caller is let through.
        return throttle(now + v.retryAfterSeconds * 1000 + 1, ip, attempts, attempts.filter((a) => a.ip === ip)).allowed || throttle(now + 3_600_001 + 900_000, ip, attempts, attempts.filter((a) => a.ip === ip)).allowed;
      },
    ));
  });

  it('refuses the 101st failure in an hour for one account, from any address', () => {
    const forAccount = Array.from({ length: LIMITS.perAccountPerHour }, (_, i) => fail(T0 + i * 1000, `10.0.${i}.1`));
    expect(throttle(T0 + 200_000, '10.9.9.9', forAccount, []).allowed).toBe(false);
  });
});
