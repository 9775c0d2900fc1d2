// The turnaround chart's arithmetic, with answers worked by hand.
import { describe, expect, it } from 'vitest';
import { dayAxis, monthLabel, monthName, monthSpan, runs } from './chart-model.ts';

describe('the turnaround chart model', () => {
  it('asks for the months ending with this one, across a year boundary', () => {
    expect(monthSpan('2026-12-02', 12)).toEqual({ from: '2026-01', to: '2026-12' });
    expect(monthSpan('2026-03-31', 6)).toEqual({ from: '2025-10', to: '2026-03' });
    expect(monthSpan('2026-01-15', 1)).toEqual({ from: '2026-01', to: '2026-01' });
  });

  it('labels months short, with the year on January and where asked', () => {
    expect(monthLabel('2026-06')).toBe('Jun');
    expect(monthLabel('2027-01')).toBe('Jan 2027');
    expect(monthLabel('2026-06', true)).toBe('Jun 2026');
    expect(monthName('2026-08')).toBe('August 2026');
  });

  it('tops the day axis at a round number at or above the largest value, at least 5, in steps of 1, 2, 5, 10, 20, 25, 50… with at most five intervals', () => {
    expect(dayAxis(0)).toEqual({ top: 5, ticks: [0, 1, 2, 3, 4, 5] });
    expect(dayAxis(22)).toEqual({ top: 25, ticks: [0, 5, 10, 15, 20, 25] });
    expect(dayAxis(9)).toEqual({ top: 10, ticks: [0, 2, 4, 6, 8, 10] });
    expect(dayAxis(26)).toEqual({ top: 30, ticks: [0, 10, 20, 30] });
    expect(dayAxis(130)).toEqual({ top: 150, ticks: [0, 50, 100, 150] });
  });

  it('breaks a line at a month with no value', () => {
    expect(runs([3, 4, null, null, 7, null, 1, 2])).toEqual([[[0, 3], [1, 4]], [[4, 7]], [[6, 1], [7, 2]]]);
    expect(runs([null, null])).toEqual([]);
    expect(runs([0])).toEqual([[[0, 0]]]);
  });
});
