// The citation parser: the issue's examples, its non-examples, and properties over random text.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { findCitations, normaliseCode, codesInRange, resolveCitations, citedKeys, statusOn, type CitationLookup } from './citations.ts';

const brief = (text: string) => findCitations(text).map((c) => ({ text: c.text, code: c.code, sub: c.subdivision?.path ?? null, ...(c.range ? { range: c.range } : {}) }));

describe('findCitations: the forms of the issue', () => {
  it.each([
    ['see 14-203.', [{ text: '14-203', code: '14-203', sub: null }]],
    ['Statute 14-203 applies', [{ text: 'Statute 14-203', code: '14-203', sub: null }]],
    ['under § 14-203(2)(b), the', [{ text: '§ 14-203(2)(b)', code: '14-203', sub: ['2', 'b'] }]],
    ['§14-203(2A)(aa)(iv)', [{ text: '§14-203(2A)(aa)(iv)', code: '14-203', sub: ['2A', 'aa', 'iv'] }]],
    ['s. 14-203', [{ text: 's. 14-203', code: '14-203', sub: null }]],
    ['section 14-203(2)(b) and', [{ text: 'section 14-203(2)(b)', code: '14-203', sub: ['2', 'b'] }]],
    ['(see 14-203)', [{ text: '14-203', code: '14-203', sub: null }]],
  ])('%s', (text, expected) => {
    expect(brief(text)).toEqual(expected);
  });

  it('ranges: one entry per code written, both ends carrying the range', () => {
    expect(brief('ss. 14-203–14-205')).toEqual([
      { text: 'ss. 14-203', code: '14-203', sub: null, range: { from: '14-203', to: '14-205' } },
      { text: '14-205', code: '14-205', sub: null, range: { from: '14-203', to: '14-205' } },
    ]);
    expect(brief('sections 14-203 to 14-207 apply')).toEqual([
      { text: 'sections 14-203', code: '14-203', sub: null, range: { from: '14-203', to: '14-207' } },
      { text: '14-207', code: '14-207', sub: null, range: { from: '14-203', to: '14-207' } },
    ]);
    // After a plural introducer any dash joins a range, spaced or not (a hyphen, as typed on a keyboard).
    for (const dash of ['-', '\u2011', '\u2012', ' - ']) {
      for (const intro of ['ss. ', '§§ ', 'sections ', 'Statutes ']) {
        expect(brief(`${intro}14-203${dash}14-205`), `${intro}14-203${dash}14-205`).toEqual([
          { text: `${intro}14-203`, code: '14-203', sub: null, range: { from: '14-203', to: '14-205' } },
          { text: '14-205', code: '14-205', sub: null, range: { from: '14-203', to: '14-205' } },
        ]);
      }
    }
    expect(brief('ss. 14-203(2)-14-205 apply').map((c) => [c.text, c.range])).toEqual([['ss. 14-203(2)', { from: '14-203', to: '14-205' }], ['14-205', { from: '14-203', to: '14-205' }]]);
    // Without one, "14-203-14-205" is no citation (it may be a number), and a plural range still stops at more digits.
    expect(brief('14-203-14-205')).toEqual([]);
    expect(brief('s. 14-203-14-205')).toEqual([]);
    expect(brief('ss. 14-203-14-2059')).toEqual([]);
    expect(codesInRange('14-203', '14-206')).toEqual(['14-203', '14-204', '14-205', '14-206']);
    expect(codesInRange('14-203', '15-101')).toEqual(['14-203', '15-101']);
  });

  it('lists', () => {
    expect(brief('14-203 and 14-205')).toEqual([{ text: '14-203', code: '14-203', sub: null }, { text: '14-205', code: '14-205', sub: null }]);
    expect(brief('sections 3-101, 3-102, or 3-104(1)').map((c) => c.text)).toEqual(['sections 3-101', '3-102', '3-104(1)']);
  });

  it('a list keeps its items up to one that runs into more digits', () => {
    expect(brief('14-203 and 14-204–14-2059')).toEqual([{ text: '14-203', code: '14-203', sub: null }]);
    expect(brief('ss. 14-203–14-205–1')).toEqual([]);
  });

  it('a very long list is read in one pass', () => {
    const text = `${Array.from({ length: 20000 }, (_, i) => `${1 + (i % 99)}-${100 + (i % 900)}`).join(' and ')}–14-2059`;
    const found = findCitations(text);
    expect(found).toHaveLength(19999);
  });

  it('titles', () => {
    expect(findCitations('under Title 14, the').map((c) => [c.text, c.kind, c.title, c.code, c.eId])).toEqual([['Title 14', 'title', 14, null, 'title_14']]);
    expect(findCitations('Titles 3 and 5').map((c) => [c.text, c.title])).toEqual([['Titles 3', 3], ['5', 5]]);
    expect(findCitations('Subtitle 3, Title 2026')).toEqual([]);
  });

  it('dash variants: hyphen, non-breaking hyphen, figure dash, en dash all give the ASCII code', () => {
    for (const d of ['-', '\u2010', '\u2011', '\u2012', '\u2013']) {
      const [c] = findCitations(`§ 14${d}203(2)`);
      expect(c?.code).toBe('14-203');
      expect(c?.text).toBe(`§ 14${d}203(2)`);
      expect(normaliseCode(`14${d}203`)).toBe('14-203');
    }
    expect(normaliseCode('14-20')).toBeNull();
  });

  it('spans are UTF-16 offsets, after astral characters too', () => {
    const text = '🏜️ Sand law: 🏜️ § 2-110 ok';
    const [c] = findCitations(text);
    expect(text.slice(c!.start, c!.end)).toBe('§ 2-110');
  });

  it('gives eIds and the subdivision eId suffix', () => {
    const [c] = findCitations('§ 14-203(2)(b)(iii)');
    expect(c!.eId).toBe('sec_14-203__subsec_2__para_b__item_iii');
    expect(c!.subdivision).toEqual({ path: ['2', 'b', 'iii'], text: '(2)(b)(iii)', eIdSuffix: '__subsec_2__para_b__item_iii' });
  });
});

describe('findCitations: no false hits', () => {
  it.each([
    'on 2026-11-16 at dawn', 'on 16-11-2026', 'on 11-16', 'from 14-20 h', 'from 08:00-09:30', 'pp. 14-203', 'pp. 14-203–14-205',
    'pages 12-15', 'p. 14-203', 'call 555-0123', 'call 0-800-123-456', 'won 14-2, then 3-1', 'mission A-2026-003', 'mission S-14-203',
    'mission M-14-203', 'won 3-105 in overtime', 'they lost 98-105', 'final score 88-104', 'Mission 14-203', 'missions 14-203 and 14-205', 'bill B-2026-017', 'in 2024-2026', 'tel. 12-345-67-890', 'version v1.14-203', 'at 12:14-203', 'ratio 14-203.5',
    'ISBN 978-3-16-148410-0', 'id #14-203', 'url /a/14-203/', 'ref 14-2030', 'ref 214-203',
    // Codes with a label's mark whose compartment is a number: secret, compartment 14, number 203.
    'bill B-2026-S.14-203', 'bill B\u20112026\u2011S.14\u2011203', 'bill B-2026-TS.ANBU.14-100', 'case INQ-2026-P.1.14-203(2)',
    // Each phone word alone before a number of a code's shape, and a digit with a comma before one.
    'tel. 55-123', 'Tel 14-203', 'phone 14-203', 'fax 14-203', 'ext. 12-345', 'counted 12,14-203',
  ])('%s', (text) => {
    expect(findCitations(text)).toEqual([]);
  });
});

// Prose that can form no code, no introducer and no page/phone word: letters without s, t, p, x, § or digits.
const prose = fc.string({ unit: fc.constantFrom(...'abcdeghijklmnoqruvwyz ,;!?'.split('')), maxLength: 30 });
const dash = fc.constantFrom('-', '\u2010', '\u2011', '\u2012', '\u2013');
const code = fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 100, max: 999 }));
const sub = fc.option(fc.tuple(fc.constantFrom('1', '2', '12', '2A'), fc.option(fc.tuple(fc.constantFrom('a', 'b', 'aa'), fc.option(fc.constantFrom('i', 'iv', 'xii'), { nil: undefined })), { nil: undefined })), { nil: undefined })
  .map((s) => (s ? [s[0], ...(s[1] ? [s[1][0], ...(s[1][1] ? [s[1][1]] : [])] : [])] : []));
const intro = fc.constantFrom('', '§ ', '§', 'Statute ', 's. ', 'section ', 'SECTIONS ', '§§ ');

describe('findCitations: properties', () => {
  it('finds a citation embedded in random prose, with the right span, code and subdivision', () => {
    fc.assert(fc.property(prose, prose, intro, code, dash, sub, (before, after, i, [t, s], d, path) => {
      const written = `${i}${t}${d}${s}${path.map((p) => `(${p})`).join('')}`;
      const text = `${before} ${written} ${after}`;
      const found = findCitations(text);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ start: before.length + 1, end: before.length + 1 + written.length, text: written, code: `${t}-${s}` });
      expect(found[0]!.subdivision?.path ?? []).toEqual(path);
    }));
  });

  it('every hit is the slice of its span, and hits never overlap', () => {
    // Fragments that make citations, half-citations and near misses when thrown together.
    const noisy = fc.array(fc.oneof(
      fc.constantFrom(...'0123456789-\u2011\u2012\u2013 ().,:§aT'.split('')),
      fc.constantFrom('14-203', '3\u2011101', '99-999', '(2)', '(b)', '(iv)', ' and ', ', ', ' to ', '–', '§ ', 's. ', 'ss. ', 'Title ', 'Titles ', 'pp. ', 'section '),
    ), { maxLength: 25 }).map((parts) => parts.join(''));
    expect(fc.sample(noisy, { numRuns: 200, seed: 7 }).filter((t) => findCitations(t).length > 0).length).toBeGreaterThan(10);
    fc.assert(fc.property(noisy, (text) => {
      let last = -1;
      for (const c of findCitations(text)) {
        expect(text.slice(c.start, c.end)).toBe(c.text);
        expect(c.start).toBeGreaterThanOrEqual(last);
        expect(c.end).toBeGreaterThan(c.start);
        last = c.end;
      }
    }), { numRuns: 300 });
  });

  it('a random date, time, phone number, score, page range, mission or bill code, or year range never yields a hit', () => {
    const n = (min: number, max: number, width = 0) => fc.integer({ min, max }).map((x) => String(x).padStart(width, '0'));
    const notCitation = fc.oneof(
      fc.tuple(n(1900, 2100), dash, n(1, 12, 2), dash, n(1, 31, 2)).map((p) => p.join('')),                 // 2026-11-16
      fc.tuple(n(1, 31, 2), dash, n(1, 12, 2), dash, n(1900, 2100)).map((p) => p.join('')),                 // 16-11-2026
      fc.tuple(n(1, 12), dash, n(1, 31)).map((p) => p.join('')),                                           // 11-16
      fc.tuple(n(0, 23, 2), fc.constant(':'), n(0, 59, 2), dash, n(0, 23, 2), fc.constant(':'), n(0, 59, 2)).map((p) => p.join('')), // 08:00-09:30
      fc.tuple(n(0, 23), dash, n(0, 59), fc.constant(' h')).map((p) => p.join('')),                        // 14-20 h
      fc.tuple(n(100, 999), dash, n(0, 9999, 4)).map((p) => p.join('')),                                   // 555-0123
      fc.tuple(n(0, 9), dash, n(100, 999), dash, n(100, 999), dash, n(100, 999)).map((p) => p.join('')),   // 0-800-123-456
      fc.tuple(fc.constantFrom('won ', 'lost ', 'drew '), n(0, 30), dash, n(0, 30)).map((p) => p.join('')), // won 14-2
      fc.tuple(fc.constantFrom('pp. ', 'p. ', 'pages ', 'page ', 'pp.'), n(1, 99), dash, n(1, 999)).map((p) => p.join('')), // pp. 14-203
      fc.tuple(fc.constantFrom('A', 'S', 'M', 'B', 'INQ'), dash, n(1900, 2100), dash, n(0, 999, 3)).map((p) => p.join('')), // A-2026-003
      // B-2026-S.14-203, INQ-2026-TS.ANBU.7-100: a label's mark (kernel/code-series.ts), its compartments numbers or names.
      fc.tuple(fc.constantFrom('B', 'M', 'INQ'), dash, n(1900, 2100), dash, fc.constantFrom('P', 'R', 'S', 'TS'),
        fc.array(fc.oneof(n(1, 99), fc.constantFrom('ANBU', 'BREACH', 'X_14')), { maxLength: 3 }).map((cs) => cs.map((c) => `.${c}`).join('')), dash, n(1, 999, 3)).map((p) => p.join('')),
      fc.tuple(fc.constantFrom('A', 'S', 'M'), dash, n(1, 99), dash, n(100, 999)).map((p) => p.join('')),  // S-14-203
      fc.tuple(n(1900, 2100), dash, n(1900, 2100)).map((p) => p.join('')),                                  // 2024-2026
    );
    fc.assert(fc.property(prose, notCitation, prose, (before, x, after) => {
      expect(findCitations(`${before} ${x} ${after}`)).toEqual([]);
    }), { numRuns: 500 });
  });
});

describe('resolveCitations', () => {
  const lookup: CitationLookup = {
    statute: (code) => ({
      '14-203': { heading: 'Extradition of deserters', inForceFrom: '2010-01-01' },
      '14-204': { heading: 'Transfer of prisoners', inForceFrom: '2010-01-01', repealedOn: '2020-06-01' },
      '14-205': { heading: 'Envoys in custody', inForceFrom: '2027-01-01' },
    })[code],
    title: (n) => (n === 14 ? { heading: 'Extradition and transfer of prisoners' } : null),
  };

  it('gives each citation its status on the date and its heading', () => {
    const cites = findCitations('§ 14-203(2), 14-204, 14-205, 14-999 and Title 14, Title 15');
    expect(citedKeys(cites)).toEqual({ codes: ['14-203', '14-204', '14-205', '14-999'], titles: [14, 15] });
    const answer = resolveCitations(cites, lookup, '2026-11-16');
    expect(answer.map((c) => [c.text, c.status, c.heading])).toEqual([
      ['§ 14-203(2)', 'in_force', 'Extradition of deserters'],
      ['14-204', 'repealed', 'Transfer of prisoners'],
      ['14-205', 'not_yet', 'Envoys in custody'],
      ['14-999', 'unknown', null],
      ['Title 14', 'in_force', 'Extradition and transfer of prisoners'],
      ['Title 15', 'unknown', null],
    ]);
    expect(answer[0]).toMatchObject({ start: 0, end: 11, code: '14-203', subdivision: { path: ['2'], text: '(2)', eId: 'sec_14-203__subsec_2' } });
    expect(answer[1]!.since).toBe('2020-06-01');
  });

  it('is in force from its first day and repealed from the day of repeal', () => {
    const f = { heading: 'x', inForceFrom: '2010-01-01', repealedOn: '2020-06-01' };
    expect(statusOn(f, '2009-12-31').status).toBe('not_yet');
    expect(statusOn(f, '2010-01-01').status).toBe('in_force');
    expect(statusOn(f, '2020-05-31').status).toBe('in_force');
    expect(statusOn(f, '2020-06-01').status).toBe('repealed');
  });
});
