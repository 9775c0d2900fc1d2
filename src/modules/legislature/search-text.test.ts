// The snippet's word matching: plain ASCII text takes a faster path (lowercase once) than other
// text (fold word by word); both must find the same words at the same offsets.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchedSpans } from './search-text.ts';
import type { QueryTerm } from './search-query.ts';

const WORDS = ['Water', 'water', 'WATER', 'council', 'Kazekage', 'kaze', '14', '203', 'a', 'the'];
const SEPARATORS = [' ', '  ', '-', '(', ') ', '. ', ', ', '\n', '_', '#'];

describe('matchedSpans', () => {
  it('finds, by hand, the words and phrases of a plain text, case folded, prefixes and phrases as one span', () => {
    const term = (words: string[], prefix = false): QueryTerm => ({ words, prefix, negated: false, quoted: false });
    expect(matchedSpans('The Council met; council-men left.', [term(['council'])])).toEqual([[4, 11], [17, 24]]);
    expect(matchedSpans('The Kazekage, KAZE', [term(['kaze'], true)])).toEqual([[4, 12], [14, 18]]);
    expect(matchedSpans('see 14-203 and 14 203', [term(['14', '203'])])).toEqual([[4, 10], [15, 21]]);
  });

  it('gives the same spans on the ASCII path as on the general one', () => {
    const text = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    const terms = fc.array(fc.record({
      words: fc.array(fc.constantFrom('water', 'council', 'kaze', 'kazekage', '14', '203', 'the', 'a'), { minLength: 1, maxLength: 2 }),
      prefix: fc.boolean(), negated: fc.boolean(), quoted: fc.constant(false),
    }), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(text, terms, (t, q) => {
      // A non-ASCII letter at the end sends the text down the general path without moving any offset.
      const general = matchedSpans(`${t} é`, q).filter(([, e]) => e <= t.length);
      expect(matchedSpans(t, q)).toEqual(general);
    }), { numRuns: 500 });
  });
});
