// The desk's instants (a deferral's suspense, a delegation's start and end) name a calendar day that
// exists in the year written: 29 February of a year without one was taken and moved to 1 March
// (outside attack, session 31). The leap-year rule written out: every fourth year, but not every
// hundredth, yet every four hundredth.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instant } from './desk.schema.ts';

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

describe('a desk instant', () => {
  it('takes 29 February in a leap year only, and never 31 April', () => {
    fc.assert(fc.property(fc.integer({ min: 1000, max: 2999 }), (y) => {
      const year = String(y).padStart(4, '0');
      expect(instant.safeParse(`${year}-02-29T12:00Z`).success).toBe(leap(y));
      expect(instant.safeParse(`${year}-04-31T12:00Z`).success).toBe(false);
      expect(instant.parse(`${year}-02-28T12:00Z`)).toBe(`${year}-02-28T12:00:00.000Z`);
    }));
    expect(instant.parse('2028-02-29T12:00Z')).toBe('2028-02-29T12:00:00.000Z');
  });
});
