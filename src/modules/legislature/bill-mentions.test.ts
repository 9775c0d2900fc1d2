// How free text is read for the bills it names: the disguises an outside attack used (session 10)
// each still name the bill, and ordinary prose names none.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { billCodesIn, codeAsRead, codesAsRead, textAsRead, titleAsRead } from './bill-mentions.ts';
import { formatCode } from '../../kernel/code-series.ts';
import { LEVELS, type Label } from '../../kernel/auth/labels.ts';

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

describe('billCodesIn: a code with its label\'s mark (kernel/code-series.ts)', () => {
  const CODE = 'B-2026-S.ANBU-001';
  it.each([
    ['plain', `see ${CODE} now`],
    ['lower case', 'see b-2026-s.anbu-001 now'],
    ['glued to words', 'billB-2026-S.ANBU-001x'],
    ['between underscores', '_B-2026-S.ANBU-001_'],
    ['non-breaking hyphens (U+2011)', 'B\u20112026\u2011S.ANBU\u2011001'],
    ['en dashes', 'B\u20132026\u2013S.ANBU\u2013001'],
    ['minus signs (U+2212)', 'B\u22122026\u2212S.ANBU\u2212001'],
    ['a zero-width space in the mark', 'B-2026-S.AN\u200BBU-001'],
    ['a soft hyphen in the mark', 'B-2026-S.\u00ADANBU-001'],
    ['a full-width full stop', 'B-2026-S\uFF0EANBU-001'],
    ['full-width letters', 'B-2026-\uFF33.\uFF21\uFF2E\uFF22\uFF35-001'],
    ['HTML character references', 'B&#45;2026&#x2d;S&period;ANBU&minus;001'],
    ['a Cyrillic Ѕ and А in the mark', 'B-2026-\u0405.\u0410NBU-001'],
    ['small capitals in the mark', 'B-2026-\uA731.ANʙᴜ-001'],
    ['a combining mark on the S', 'B-2026-S\u0336.ANBU-001'],
    ['Arabic-Indic digits', 'B-\u0662\u0660\u0662\u0666-S.ANBU-\u0660\u0660\u0661'],
  ])('reads the marked code written with %s as written', (_how, text) => {
    expect(billCodesIn(text)).toEqual({ written: [CODE], madeOut: [] });
  });

  it('reads a mark\'s compartments in any order, each once, as the code of that label', () => {
    expect(billCodesIn('B-2026-TS.BREACH.ANBU-001 and b-2026-ts.anbu.breach.anbu-001').written).toEqual(['B-2026-TS.ANBU.BREACH-001']);
    expect(billCodesIn('B-2026-R-004, B-2026-P.ANBU-002, B-2026-004').written).toEqual(['B-2026-R-004', 'B-2026-P.ANBU-002', 'B-2026-004']);
  });

  it('never reads the number after a mark as an unmarked code, nor the mark as prose', () => {
    expect(billCodesIn('B-2026-S.ANBU-001')).toEqual({ written: ['B-2026-S.ANBU-001'], madeOut: [] });
    expect(billCodesIn('B-2026-S-014')).toEqual({ written: ['B-2026-S-014'], madeOut: [] });
  });

  it('finds every marked code put into any text as written, whatever surrounds it and however its hyphens are drawn', () => {
    const compartment = fc.stringMatching(/^[A-Z0-9_]{1,12}$/);
    const label = fc.record({ classification: fc.constantFrom(...LEVELS), compartments: fc.uniqueArray(compartment, { maxLength: 4 }) });
    const hyphen = fc.constantFrom('-', '\u2010', '\u2011', '\u2013', '\u2212', '\uFE63', '&#45;', '&hyphen;');
    fc.assert(fc.property(fc.string(), label, fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 99_999 }), hyphen, fc.string(), (before, l: Label, year, n, h, after) => {
      const code = formatCode({ prefix: 'B', year, label: l, width: 3 }, n);
      fc.pre(!/^\p{Nd}/u.test(after.normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '')));
      // The compartments written in the reverse order name the same label.
      const [, mark] = /^B-\d{4}-(?:(.*)-)?\d+$/.exec(code)!;
      const reversed = mark ? code.replace(mark, [mark.split('.')[0], ...mark.split('.').slice(1).reverse()].join('.')) : code;
      expect(billCodesIn(`${before} ${code}${after}`).written).toContain(code);
      expect(billCodesIn(`${before} ${reversed.replace(/-/g, h)}${after}`).written).toContain(code);
    }), { numRuns: 2000 });
  });

  it('reads a long text of marks and letters in time', () => {
    expect(billCodesIn(`b-2026-ts${'.anbu'.repeat(40_000)}x`).written).toEqual([]);
    expect(billCodesIn(`b-2026-s.${'a'.repeat(200_000)}`).written).toEqual([]);
    expect(billCodesIn('b-2026-s.a '.repeat(20_000)).written).toEqual([]);
  });
});

describe('a marked code made out in a text (codeAsRead held by codesAsRead, as checkBillMentions asks the database)', () => {
  const madeOut = (text: string, code: string) => codesAsRead(text).includes(codeAsRead(code));
  const CODE = 'B-2026-S.ANBU-001';
  it.each([
    ['split across lines', 'B-2026-S.ANBU-\n001'],
    ['spaced out', 'B - 2026 - S . ANBU - 001'],
    ['spaces only', 'bill B 2026 S ANBU 001'],
    ['slashes', 'bill b/2026/s/anbu/001'],
    ['division slashes', 'B\u22152026\u2215S.ANBU\u2215001'],
    ['a middle dot for the full stop', 'B-2026-S\u00B7ANBU-001'],
    ['colons', 'B:2026:S:ANBU:001'],
    ['nothing between', 'see B2026SANBU001 now'],
    ['letter O for zero', 'B-2O26-S.ANBU-OO1'],
    ['a Hangul filler and a Braille blank', 'B\u31642026\u2800S.ANBU\u2800001'],
    ['many marks', 'B ---- 2026 ---- S ---- ANBU ---- 001'],
    ['a Cyrillic В and full-width digits', '\u0412 \uFF12\uFF10\uFF12\uFF16 S ANBU \uFF10\uFF10\uFF11'],
  ])('makes out the marked code written with %s', (_how, text) => {
    expect(madeOut(text, CODE)).toBe(true);
    expect(billCodesIn(text).written).toEqual([]);
  });

  it('does not make out another number, another label or prose', () => {
    expect(madeOut('B 2026 S ANBU 002', CODE)).toBe(false);
    expect(madeOut('B 2026 S BREACH 001', CODE)).toBe(false);
    expect(madeOut('B 2025 S ANBU 001', CODE)).toBe(false);
    expect(madeOut('Plan B - 2026 - 300 ryo for the wells.', 'B-2026-S.ANBU-300')).toBe(false);
    expect(codesAsRead('B-2026-S.ANBU-001')).toBe(codeAsRead(CODE));
  });

  it('makes out any marked code however its parts are marked off and its letters drawn, whatever surrounds it', () => {
    const compartment = fc.stringMatching(/^[A-Z0-9_]{1,12}$/);
    const label = fc.record({ classification: fc.constantFrom(...LEVELS), compartments: fc.uniqueArray(compartment, { maxLength: 4 }) });
    const marks = fc.array(fc.constantFrom(' ', '-', '/', '\u2215', ':', '.', '_', '\u2011', '\u200B', '\n', '\u3164', '\u2800', '\u00B7', '*', '&nbsp;'), { maxLength: 4 }).map((m) => m.join(''));
    fc.assert(fc.property(fc.string(), label, fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 99_999 }), fc.array(marks, { minLength: 30, maxLength: 30 }), fc.boolean(), fc.string(), (before, l: Label, year, n, between, disguise, after) => {
      const code = formatCode({ prefix: 'B', year, label: l, width: 3 }, n);
      // Its parts: B, the year, the mark's level and compartments, the number.
      const parts = code.split(/[-.]/);
      let text = parts.map((p, i) => (i ? between[i]! : '') + p).join('');
      if (disguise) text = text.replace(/^B/, '\u0412').replace(/0/g, 'O').toLowerCase();
      expect(madeOut(`${before}${text}${after}`, code)).toBe(true);
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
