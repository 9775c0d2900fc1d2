import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { displayName, foldName, nameTokens, queryTokens, prefixUpperBound } from './names.ts';

describe('name folding', () => {
  it('folds case and accents so "Kankurō" and "KANKURO" search alike', () => {
    expect(foldName('Kankurō')).toBe('kankuro');
    expect(foldName('KANKURO')).toBe('kankuro');
    expect(foldName('Ōno')).toBe('ono');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => foldName(foldName(s)) === foldName(s)));
  });

  it('every word of a name is found by every prefix of itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,12}$/), fc.stringMatching(/^[A-Za-z]{1,12}$/), fc.nat(), (given, family, cut) => {
        const tokens = nameTokens({ givenName: given, familyName: family });
        for (const word of [given, family]) {
          const folded = foldName(word);
          const prefix = folded.slice(0, 1 + (cut % folded.length));
          const [q] = queryTokens(prefix);
          if (!q) continue;
          const hit = tokens.some((t) => t >= q && t < prefixUpperBound(q));
          if (!hit) return false;
        }
        return true;
      }),
    );
  });

  it('the prefix upper bound is above every extension of the prefix', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), fc.string(), (p, rest) => p + rest < prefixUpperBound(p) || (p + rest).startsWith(prefixUpperBound(p))));
  });

  it('splits names at apostrophes and dashes', () => {
    expect(nameTokens({ name: "Break O'Day" })).toEqual(['break', 'o', 'day']);
  });

  it('limits query words to eight', () => {
    expect(queryTokens('a b c d e f g h i j k')).toHaveLength(8);
  });
});

describe('displayName', () => {
  it('prefers the full name as written', () => {
    expect(displayName({ name: 'Rock Lee', givenName: 'Lee', familyName: 'Rock' })).toBe('Rock Lee');
  });
  it('falls back to given then family', () => {
    expect(displayName({ givenName: 'Naruto', familyName: 'Uzumaki' })).toBe('Naruto Uzumaki');
    expect(displayName({ familyName: 'Uzumaki' })).toBe('Uzumaki');
  });
});
