// How the amendments form reads a subdivision as typed, and where an amendment's link lands on its
// statute's page (the eIds the statute page anchors: sec_CODE__subsec_N__para_X__item_Y).
import { describe, expect, it } from 'vitest';
import { amendmentAnchor, parsePath } from './queries.ts';

describe('parsePath', () => {
  it('takes a citation\'s brackets, spaces or dots alike', () => {
    expect(parsePath('(2)(b)')).toEqual(['2', 'b']);
    expect(parsePath('2 b')).toEqual(['2', 'b']);
    expect(parsePath('2.b.iv')).toEqual(['2', 'b', 'iv']);
    expect(parsePath(' (3A) ')).toEqual(['3A']);
  });
  it('empty means the whole section', () => {
    expect(parsePath('')).toEqual([]);
    expect(parsePath(' () ')).toEqual([]);
  });
});

describe('amendmentAnchor', () => {
  it('names the section, or the subdivision down to an item', () => {
    expect(amendmentAnchor('11-107', [])).toBe('sec_11-107');
    expect(amendmentAnchor('11-107', ['3'])).toBe('sec_11-107__subsec_3');
    expect(amendmentAnchor('11-101', ['1', 'c', 'ii'])).toBe('sec_11-101__subsec_1__para_c__item_ii');
  });
});
