// isoInstant keeps the last instant it wrote: whatever the order of the instants asked, each is
// written as toISOString writes it, a date changed in place since is written anew, and an invalid
// date throws as toISOString does. villageDay keeps its last answer the same way.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoInstant, villageDay, VILLAGE_UTC_OFFSET_MINUTES } from './village-time.ts';

const MS = fc.integer({ min: -62_135_596_800_000, max: 253_402_200_000_000 }); // years 1 to 9999, a day short of its end (a village day in year 10000 is not written as four digits)

describe('isoInstant and villageDay', () => {
  it('write every instant as toISOString does, in any order, repeated or not', () => {
    fc.assert(fc.property(fc.array(fc.oneof(MS, fc.constantFrom(0, 1, 86_399_999)), { minLength: 1, maxLength: 30 }), (times) => {
      for (const ms of times) {
        expect(isoInstant(new Date(ms))).toBe(new Date(ms).toISOString());
        // The rule, written out: the UTC day of the instant moved to UTC+3.
        const shifted = new Date(ms + VILLAGE_UTC_OFFSET_MINUTES * 60_000);
        const day = `${String(shifted.getUTCFullYear()).padStart(4, '0')}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}-${String(shifted.getUTCDate()).padStart(2, '0')}`;
        expect(villageDay(new Date(ms))).toBe(day);
        expect(villageDay(new Date(ms).toISOString())).toBe(day);
      }
    }));
  });

  it('writes a date changed in place anew, and throws for an invalid one', () => {
    const d = new Date('2026-12-05T05:00:00.000Z');
    expect(isoInstant(d)).toBe('2026-12-05T05:00:00.000Z');
    d.setUTCHours(23);
    expect(isoInstant(d)).toBe('2026-12-05T23:00:00.000Z');
    expect(villageDay(d)).toBe('2026-12-06');
    expect(() => isoInstant(new Date(NaN))).toThrow(RangeError);
    expect(() => villageDay('not a date')).toThrow(RangeError);
    expect(isoInstant(d)).toBe('2026-12-05T23:00:00.000Z');
  });
});
