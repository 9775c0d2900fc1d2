// How free text is read for the bills it names: the disguises an outside attack used (session 10)
// each still name the bill, and ordinary prose names none.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { billCodesIn, namesTitle } from './bill-mentions.ts';

describe('billCodesIn', () => {
  it.each([
    ['plain', 'see B-2026-002 now'],
    ['lower case', 'see b-2026-002 now'],
    ['glued to words', 'billB-2026-002x'],
    ['between underscores', '_B-2026-002_'],
    ['non-breaking hyphens (U+2011)', 'B\u20112026\u2011002'],
    ['en dashes', 'B\u20132026\u2013002'],
    ['minus signs (U+2212)', 'B\u22122026\u2212002'],
    ['a zero-width space inside', 'B-20\u200B26-002'],
    ['a soft hyphen inside', 'B-2026-\u00AD002'],
    ['full-width digits', 'B-\uFF12\uFF10\uFF12\uFF16-\uFF10\uFF10\uFF12'],
    ['HTML character references', 'B&#45;2026&#x2d;002'],
    ['a named reference', 'B&hyphen;2026&minus;002'],
    ['split across lines', 'B-2026-\n002'],
    ['spaced out', 'B - 2026 - 002'],
    ['a Cyrillic В', '\u0412-2026-002'],
    ['a Greek Β', '\u0392-2026-002'],
    ['slashes', 'bill b/2026/002'],
    ['spaces only', 'bill B 2026 002'],
    ['a combining mark on the B', 'B\u0336-2026-002'],
  ])('finds the code written with %s', (_how, text) => {
    expect(billCodesIn(text)).toEqual(['B-2026-002']);
  });

  it('keeps the number whole and lists each code once, in order of mention', () => {
    expect(billCodesIn('B-2026-0021, then B-2025-010 and b-2026-0021 again')).toEqual(['B-2026-0021', 'B-2025-010']);
  });

  it('finds nothing in prose with numbers in it', () => {
    for (const text of ['The club 2026 1000 members met.', 'Room B, 2026: 14 seats', 'Section 14-203(2)(b) 2026', 'tab 2026 001']) expect(billCodesIn(text)).toEqual([]);
  });

  it('finds every code put into any text, whatever surrounds it', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 99_999 }), fc.string(), (before, year, n, after) => {
      const code = `B-${year}-${String(n).padStart(3, '0')}`;
      // A digit right after the code would lengthen its number: a different code.
      fc.pre(!/^[\d\uFF10-\uFF19]/.test(after.normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '')));
      expect(billCodesIn(`${before} ${code}${after}`)).toContain(code);
    }), { numRuns: 2000 });
  });
});

describe('namesTitle', () => {
  const title = 'Sand Shield Covert Funding 1uh5 Bill';
  it.each([
    ['exactly', `Per the ${title}.`],
    ['in other case', 'per the SAND SHIELD covert funding 1UH5 bill'],
    ['with double spaces', 'the Sand  Shield Covert  Funding 1uh5 Bill'],
    ['with non-breaking spaces', 'the Sand\u00A0Shield\u00A0Covert Funding 1uh5 Bill'],
    ['with a zero-width space in a word', 'the Sand Shield Cov\u200Bert Funding 1uh5 Bill'],
    ['across a line break', 'the Sand Shield Covert\nFunding 1uh5 Bill'],
    ['with a Cyrillic а', 'the S\u0430nd Shield Covert Funding 1uh5 Bill'],
    ['with hyphens for spaces', 'the Sand-Shield-Covert-Funding-1uh5-Bill'],
  ])('finds the title written %s', (_how, text) => {
    expect(namesTitle(text, title)).toBe(true);
  });

  it('does not find part of the title, or its words inside longer words', () => {
    expect(namesTitle('the Sand Shield Covert Funding', title)).toBe(false);
    expect(namesTitle('Quicksand Shield Covert Funding 1uh5 Bills', title)).toBe(false);
    expect(namesTitle('anything at all', '  ')).toBe(false);
  });
});
