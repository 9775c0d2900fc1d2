// How free text is read for the bills it names: the disguises an outside attack used (session 10)
// each still name the bill, and ordinary prose names none.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { billCodesIn, textAsRead, titleAsRead } from './bill-mentions.ts';

const found = (text: string) => { const c = billCodesIn(text); return [...c.written, ...c.madeOut]; };

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
    ['a Cyrillic В', '\u0412-2026-002'],
    ['a Greek Β', '\u0392-2026-002'],
    ['a small-capital ʙ', '\u0299-2026-002'],
    ['a combining mark on the B', 'B\u0336-2026-002'],
    ['Arabic-Indic digits', 'B-\u0662\u0660\u0662\u0666-\u0660\u0660\u0662'],
  ])('reads the code written with %s as written', (_how, text) => {
    expect(billCodesIn(text)).toEqual({ written: ['B-2026-002'], madeOut: [] });
  });

  it.each([
    ['split across lines', 'B-2026-\n002'],
    ['spaced out', 'B - 2026 - 002'],
    ['slashes', 'bill b/2026/002'],
    ['division slashes', 'B\u22152026\u2215002'],
    ['colons', 'B:2026:002'],
    ['spaces only', 'bill B 2026 002'],
    ['nothing between', 'see B2026002 now'],
    ['letter O for zero', 'B-2O26-OO2'],
    ['a Hangul filler and a Braille blank', 'B\u31642026\u2800002'],
    ['four marks', 'B -- 2026 -- 002'],
  ])('makes out the code written with %s', (_how, text) => {
    expect(found(text)).toContain('B-2026-002');
    expect(billCodesIn(text).written).toEqual([]);
  });

  it('keeps the number whole and lists each code once, in order of mention', () => {
    expect(billCodesIn('B-2026-0021, then B-2025-010 and b-2026-0021 again')).toEqual({ written: ['B-2026-0021', 'B-2025-010'], madeOut: [] });
  });

  it('never reads prose with numbers in it as a written code', () => {
    for (const text of ['The club 2026 1000 members met.', 'Room B, 2026: 14 seats', 'Section 14-203(2)(b) 2026', 'Plan B - 2026 - 300 ryo for the wells.', 'Gate B. 1999. 250 guards.', 'Route B_2026_100']) {
      expect(billCodesIn(text).written).toEqual([]);
    }
  });

  it('reads a long text of digits and letter o in time', () => {
    const text = `b${'o'.repeat(200_000)}${'1'.repeat(200_000)}`;
    expect(billCodesIn(text).written).toEqual([]);
  });

  it('finds every code put into any text as written, whatever surrounds it', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 99_999 }), fc.string(), (before, year, n, after) => {
      const code = `B-${year}-${String(n).padStart(3, '0')}`;
      // A digit right after the code would lengthen its number: a different code.
      fc.pre(!/^\p{Nd}/u.test(after.normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '')));
      expect(billCodesIn(`${before} ${code}${after}`).written).toContain(code);
    }), { numRuns: 2000 });
  });
});

describe('a title named in a text (titleAsRead held by textAsRead, as checkBillMentions asks the database)', () => {
  const namesTitle = (text: string, title: string) => {
    const t = titleAsRead(title);
    return t !== null && textAsRead(text).includes(t);
  };
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
    ['with its words run together', 'the SandShieldCovertFunding1uh5Bill'],
    ['with a dotless ı', 'the Sand Shıeld Covert Fundıng 1uh5 Bıll'],
  ])('finds the title written %s', (_how, text) => {
    expect(namesTitle(text, title)).toBe(true);
  });

  it('does not find part of the title', () => {
    expect(namesTitle('the Sand Shield Covert Funding', title)).toBe(false);
    expect(namesTitle('the Shield Covert Funding 1uh5 Bill', title)).toBe(false);
    expect(namesTitle('anything at all', '  ')).toBe(false);
    // A title too plain to name one bill is not looked for.
    expect(namesTitle('The budget is set for the year.', 'Budget')).toBe(false);
    expect(namesTitle('The water tax is due.', 'Water Tax')).toBe(false);
  });

  it('stores a title too plain to name one bill as nothing, and a distinctive one as its words read and run together', () => {
    expect(titleAsRead('Budget')).toBeNull(); // one word
    expect(titleAsRead('Water Tax')).toBeNull(); // two words, eight letters
    expect(titleAsRead('  ')).toBeNull();
    expect(titleAsRead('Sand-Shield  Covert\u00A0Funding')).toBe('sandshieldcovertfunding');
    expect(titleAsRead('Orphans (Care) Bill')).toBe('orphanscarebill');
  });
});
