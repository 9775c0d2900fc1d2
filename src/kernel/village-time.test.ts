// Village days: UTC+03:00 all year, so a village day runs from 21:00 UTC the day before.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { villageDay, villageMidnight } from './village-time.ts';

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
});
