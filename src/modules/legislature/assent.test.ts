// The period of assent, read from section 3-105(1)'s words, and the day a bill is treated as
// assented to — counted by hand from the statute's words here.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assentDaysFromText, deemedAssentDay } from './assent.ts';

describe('assent (section 3-105)', () => {
  it('reads the period from the words in force', () => {
    expect(assentDaysFromText('(1) Within ten days of receiving a bill passed by the Council, the Kazekage assents to it or returns it')).toBe(10);
    expect(assentDaysFromText('(1) Within 14 days of receiving a bill passed by the Council, …')).toBe(14);
    expect(assentDaysFromText('(1) The Kazekage assents to every bill.')).toBeNull();
  });

  it('a bill passed on 1 December, with ten days (2 … 11 December), is treated as assented to on 12 December', () => {
    expect(deemedAssentDay('2026-12-01', 10)).toBe('2026-12-12');
    // Across a month and a leap day.
    expect(deemedAssentDay('2028-02-25', 10)).toBe('2028-03-07');
    expect(deemedAssentDay('2026-12-31', 0)).toBe('2027-01-01');
  });

  it('is always the period plus one days later, and refuses nonsense', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 60 }), (n, days) => {
      const passed = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      const deemed = deemedAssentDay(passed, days);
      expect((Date.parse(deemed) - Date.parse(passed)) / 86_400_000).toBe(days + 1);
    }));
    expect(() => deemedAssentDay('1 December', 10)).toThrow('not a date');
    expect(() => deemedAssentDay('2026-12-01', -1)).toThrow('whole number');
  });
});
