// Village days: UTC+03:00 all year, so a village day runs from 21:00 UTC the day before.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { shiftDays, shiftYears, villageDay, villageMidnight } from './village-time.ts';

describe('village time', () => {
  it('turns the day at 21:00 UTC', () => {
    expect(villageDay('2026-12-02T20:59:59.999Z')).toBe('2026-12-02');
    expect(villageDay('2026-12-02T21:00:00.000Z')).toBe('2026-12-03');
    expect(villageDay(new Date('2026-12-31T22:00:00Z'))).toBe('2027-01-01');
    expect(villageMidnight('2026-12-03').toISOString()).toBe('2026-12-02T21:00:00.000Z');
  });

  it('a village day begins at its midnight and ends before the next (property)', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }), (at) => {
      const day = villageDay(at);
      const start = villageMidnight(day).getTime();
      expect(start <= at.getTime() && at.getTime() < start + 86_400_000).toBe(true);
    }), { numRuns: 2000 });
  });

  it('counts calendar days across months, years and leap days', () => {
    expect(shiftDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(shiftDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDays('2026-11-16', 0)).toBe('2026-11-16');
    expect(shiftDays('2026-11-24', 7)).toBe('2026-12-01');
    expect(shiftYears('2028-02-29', 1)).toBe('2029-03-01');
    expect(shiftYears('2026-12-03', 1)).toBe('2027-12-03');
  });

  it('n days on and n days back is the same day, and each step is one day of 24 hours (property)', () => {
    const anyDay = fc.integer({ min: 0, max: 400_000 }).map((n) => new Date(Date.UTC(1900, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(fc.property(anyDay, fc.integer({ min: -5000, max: 5000 }), (day, n) => {
      expect(shiftDays(shiftDays(day, n), -n)).toBe(day);
      expect(Date.parse(`${shiftDays(day, n)}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)).toBe(n * 86_400_000);
    }), { numRuns: 2000 });
  });
});
