// The delegation limit read from the words of section 3-104, as a person reading it would.
import { describe, expect, it } from 'vitest';
import { maxDaysFromText, wholeNumberIn } from './designation-limit.ts';

describe('the longest designation, from the words of section 3-104', () => {
  it('reads the number of days in words or digits', () => {
    expect(maxDaysFromText('(5) A designation has effect for no more than thirty days, and may be renewed.')).toBe(30);
    expect(maxDaysFromText('(5) A designation has effect for no more than forty-five days.')).toBe(45);
    expect(maxDaysFromText('(5) A designation has effect for no more than 14 days.')).toBe(14);
    expect(maxDaysFromText('(5) A designation has effect for no more than one day.')).toBe(1);
  });
  it('finds no limit where the words state none', () => {
    expect(maxDaysFromText('(4) The designation ends when the Kazekage returns.')).toBeNull();
    expect(maxDaysFromText('(5) A designation has effect for no more than many days.')).toBeNull();
    expect(maxDaysFromText('(5) A designation has effect for no more than zero days.')).toBeNull();
  });
  it('reads numbers below a hundred', () => {
    expect([wholeNumberIn('seven'), wholeNumberIn('twenty'), wholeNumberIn('ninety nine'), wholeNumberIn('twenty-zero'), wholeNumberIn('ten five')]).toEqual([7, 20, 99, null, null]);
  });
});
