// textPrefix (validation.ts) and the error texts clipped with it: a cut never leaves half a
// surrogate pair, and takes as much of the text as that allows.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { textPrefix } from './validation.ts';
import { clip } from './errors.ts';

describe('textPrefix', () => {
  it('is the longest prefix of at most max units that does not end inside a surrogate pair', () => {
    const texts = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
    fc.assert(fc.property(texts, fc.integer({ min: 1, max: 60 }), (s, max) => {
      const p = textPrefix(s, max);
      expect(s.startsWith(p)).toBe(true);
      // As long as allowed, one unit shorter only when the next unit would split a pair.
      const whole = Math.min(s.length, max);
      const splitsAPair = whole < s.length && /[\uD800-\uDBFF]/.test(s[whole - 1]!) && /[\uDC00-\uDFFF]/.test(s[whole]!);
      expect(p.length).toBe(splitsAPair ? whole - 1 : whole);
      if (s.isWellFormed()) expect(p.isWellFormed()).toBe(true);
    }));
  });

  it('an error text cut at its length keeps whole characters', () => {
    const long = 'x'.repeat(280) + '\u{1F985}'.repeat(20);
    const out = clip(long);
    expect(out.isWellFormed()).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(clip('short')).toBe('short');
  });
});
