// Turnaround figures worked by hand with the nearest-rank rule (rank ⌈p·N/100⌉ of the sorted values).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nearestRankPercentile, turnaroundByMonth, turnaroundDays } from './turnaround.ts';

describe('turnaround days', () => {
  it('counts whole days from the end of the mission to acceptance', () => {
    expect(turnaroundDays('2026-11-20', '2026-11-20')).toBe(0);
    expect(turnaroundDays('2026-11-20', '2026-11-27')).toBe(7);
    // Across a month end and a leap day: 2028-02-28 → 2028-03-01 is 2 days.
    expect(turnaroundDays('2028-02-28', '2028-03-01')).toBe(2);
    expect(turnaroundDays('2026-12-31', '2027-01-01')).toBe(1);
    expect(() => turnaroundDays('2026-11-20', '2026-11-19')).toThrow('cannot be about a mission that ended later, on 2026-11-20');
    expect(() => turnaroundDays('2026-02-30', '2026-03-05')).toThrow('"2026-02-30" is not a date');
    expect(() => turnaroundDays('2026-11-20', '20 Nov')).toThrow(RangeError);
  });
});

describe('nearest-rank percentiles', () => {
  it('hand-worked examples', () => {
    // The textbook set: 15, 20, 35, 40, 50 (N = 5). p30: ⌈1.5⌉ = 2 → 20; p40: ⌈2⌉ = 2 → 20;
    // p50: ⌈2.5⌉ = 3 → 35; p90: ⌈4.5⌉ = 5 → 50; p100: 5 → 50; p1: ⌈0.05⌉ = 1 → 15.
    const five = [50, 15, 40, 35, 20];
    expect([1, 30, 40, 50, 90, 100].map((p) => nearestRankPercentile(five, p))).toEqual([15, 20, 20, 35, 50, 50]);
    // N = 4: median rank ⌈2⌉ = 2, the lower middle value; p90 rank ⌈3.6⌉ = 4.
    expect(nearestRankPercentile([3, 1, 4, 2], 50)).toBe(2);
    expect(nearestRankPercentile([3, 1, 4, 2], 90)).toBe(4);
    // N = 10: p90 rank 9 exactly; N = 11: ⌈9.9⌉ = 10.
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRankPercentile(ten, 90)).toBe(9);
    expect(nearestRankPercentile([...ten, 11], 90)).toBe(10);
    // p7 of 1..100: rank 7 × 100 / 100 = 7 exactly (0.07 × 100 would be 7.000000000000001, rank 8).
    expect(nearestRankPercentile(Array.from({ length: 100 }, (_, i) => i + 1), 7)).toBe(7);
    expect(nearestRankPercentile([7], 50)).toBe(7);
    expect(nearestRankPercentile([], 50)).toBeNull();
    for (const p of [0, 101, 50.5, -1]) expect(() => nearestRankPercentile(five, p)).toThrow(RangeError);
  });

  it('is an observed value with at least p% of values at or below it, and fewer than p% strictly below', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 100 }), (values, p) => {
      const v = nearestRankPercentile(values, p)!;
      expect(values).toContain(v);
      expect(values.filter((x) => x <= v).length * 100).toBeGreaterThanOrEqual(p * values.length);
      expect(values.filter((x) => x < v).length * 100).toBeLessThan(p * values.length);
    }), { numRuns: 2000 });
  });
});

describe('turnaround by month of acceptance', () => {
  const reports = [
    // Accepted in November 2026: 2, 5, 9, 30 days.
    { missionEnded: '2026-11-01', accepted: '2026-11-03' },
    { missionEnded: '2026-11-10', accepted: '2026-11-15' },
    { missionEnded: '2026-10-25', accepted: '2026-11-03' },
    { missionEnded: '2026-10-20', accepted: '2026-11-19' },
    // Accepted in January 2027: 12 days.
    { missionEnded: '2026-12-26', accepted: '2027-01-07' },
    // Not accepted yet: not counted.
    { missionEnded: '2026-11-05', accepted: null },
  ];

  it('gives median and p90 of the month, months in order', () => {
    // November: sorted 2, 5, 9, 30; median rank ⌈2⌉ = 2 → 5; p90 rank ⌈3.6⌉ = 4 → 30.
    expect(turnaroundByMonth(reports)).toEqual([
      { month: '2026-11', count: 4, median: 5, p90: 30 },
      { month: '2027-01', count: 1, median: 12, p90: 12 },
    ]);
    expect(turnaroundByMonth([])).toEqual([]);
  });

  it('takes the month\'s p90 at rank ⌈0.9 N⌉, apart from its other ranks', () => {
    // Ten reports on missions that ended on 1 March, accepted 1 to 10 days later (listed out of
    // order): the median is rank ⌈5⌉ → 5 days, the p90 rank ⌈9⌉ → 9 days; the 80th or the 95th
    // percentile would be 8 or 10, the upper middle 6.
    const days = [7, 2, 10, 4, 1, 9, 3, 8, 6, 5];
    const march = days.map((d) => ({ missionEnded: '2026-03-01', accepted: `2026-03-${String(1 + d).padStart(2, '0')}` }));
    expect(turnaroundByMonth(march)).toEqual([{ month: '2026-03', count: 10, median: 5, p90: 9 }]);
  });

  it('takes the p90 of a hundred reports at rank 90 exactly, not a rank near it', () => {
    // A hundred reports accepted on 30 June, on missions that ended 1 to 100 days before: sorted,
    // rank r is r days. Median rank ⌈50⌉ = 50 → 50 days; p90 rank ⌈90⌉ = 90 → 90 days. (Ten
    // reports cannot tell rank ⌈0.9 N⌉ from ⌈0.89 N⌉; a hundred can.)
    const june30 = Date.parse('2026-06-30T00:00:00Z');
    const hundred = Array.from({ length: 100 }, (_, i) => ({ missionEnded: new Date(june30 - (i + 1) * 86_400_000).toISOString().slice(0, 10), accepted: '2026-06-30' }));
    expect(turnaroundByMonth(hundred)).toEqual([{ month: '2026-06', count: 100, median: 50, p90: 90 }]);
  });

  it('over a span lists every month, empty ones with nulls, and leaves out the rest', () => {
    expect(turnaroundByMonth(reports, { from: '2026-12', to: '2027-02' })).toEqual([
      { month: '2026-12', count: 0, median: null, p90: null },
      { month: '2027-01', count: 1, median: 12, p90: 12 },
      { month: '2027-02', count: 0, median: null, p90: null },
    ]);
    expect(turnaroundByMonth(reports, { from: '2026-11', to: '2026-11' })).toEqual([{ month: '2026-11', count: 4, median: 5, p90: 30 }]);
    expect(() => turnaroundByMonth(reports, { from: '2027-02', to: '2026-12' })).toThrow('cannot end before it');
    expect(() => turnaroundByMonth(reports, { from: '2026-13', to: '2027-01' })).toThrow('YYYY-MM');
  });

  it('refuses a damaged record rather than chart it', () => {
    expect(() => turnaroundByMonth([{ missionEnded: '2026-11-20', accepted: '2026-11-01' }])).toThrow(RangeError);
  });
});
