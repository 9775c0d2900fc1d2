// The header lookup's reading of what is typed: a statute reference, a title, or words to search.
import { describe, expect, it } from 'vitest';
import { isDate, parseLookup, parseTitleLookup } from './queries.ts';

describe('the statute lookup', () => {
  it('reads "Title 14" as the title, in any case and spacing, and nothing else as one', () => {
    expect(parseTitleLookup('Title 14')).toBe(14);
    expect(parseTitleLookup('  title   5 ')).toBe(5);
    expect(parseTitleLookup('TITLE 99')).toBe(99);
    for (const text of ['Title 0', 'Title 100', 'Title 14-203', 'title', 'Titles 14', 'the title 14', '14']) expect(parseTitleLookup(text), text).toBeNull();
  });

  it('reads a statute reference with the subdivision it names, and leaves words alone', () => {
    expect(parseLookup('§ 14-203(2)(b)')).toEqual({ code: '14-203', eId: 'sec_14-203__subsec_2__para_b' });
    expect(parseLookup('s. 12–106')).toEqual({ code: '12-106', eId: 'sec_12-106' });
    expect(parseLookup('Title 14')).toBeNull();
    expect(parseLookup('water ration')).toBeNull();
  });
});

describe('a date in a page\'s address', () => {
  it('is a real calendar date or none (the page then reads today, instead of failing)', () => {
    expect(['2026-02-28', '2024-02-29', '2000-02-29', '0001-01-01'].filter((d) => isDate(d))).toEqual(['2026-02-28', '2024-02-29', '2000-02-29', '0001-01-01']);
    expect(['2026-02-30', '2026-02-29', '1900-02-29', '2026-13-01', '2026-2-3', '', null].filter((d) => isDate(d))).toEqual([]);
  });
});
