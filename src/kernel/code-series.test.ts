// Record codes: one run of numbers per prefix, year and label, so no reader learns from a gap that
// records exist which they may not see. The pure form first, then the series on both databases.
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import fc from 'fast-check';
import { carryOverCounters, CROCKFORD_ALPHABET, formatCode, MAX_CODE_LENGTH, labelMark, nextCode, parseCode, parseUnorderedCode, reserveCodes, unorderedCode, type Series } from './code-series.ts';
import { LEVELS, type Label } from './auth/labels.ts';
import { DIALECTS, openTestApp, type TestApp } from './testing/dialects.ts';
import { transact, withActor, type AppContext } from './context.ts';

const PUBLIC: Label = { classification: 'public', compartments: [] };
const inq = (label: Label, year = 2026): Series => ({ prefix: 'INQ', year, label, width: 3 });

describe('the written code', () => {
  it('is prefix, year and a padded number for public records, with the label\'s mark for any other', () => {
    expect(formatCode(inq(PUBLIC), 3)).toBe('INQ-2026-003');
    expect(formatCode(inq(PUBLIC), 1000)).toBe('INQ-2026-1000');
    expect(formatCode({ prefix: 'HP', year: 2026, label: PUBLIC, width: 5 }, 17)).toBe('HP-2026-00017');
    expect(formatCode(inq({ classification: 'secret', compartments: ['BREACH'] }), 1)).toBe('INQ-2026-S.BREACH-001');
    expect(formatCode(inq({ classification: 'restricted', compartments: [] }), 2)).toBe('INQ-2026-R-002');
    expect(formatCode(inq({ classification: 'top_secret', compartments: ['BREACH', 'ANBU'] }), 1)).toBe('INQ-2026-TS.ANBU.BREACH-001');
    // Public in a compartment is not public to all: it has a mark of its own.
    expect(formatCode(inq({ classification: 'public', compartments: ['ANBU'] }), 1)).toBe('INQ-2026-P.ANBU-001');
  });

  it('refuses what no code can be', () => {
    expect(() => formatCode(inq(PUBLIC), 0)).toThrow('whole number from 1, not 0');
    expect(() => formatCode(inq(PUBLIC), 1.5)).toThrow(RangeError);
    expect(() => formatCode(inq(PUBLIC, 999), 1)).toThrow('from 1000 to 2999, not 999');
    expect(() => formatCode(inq(PUBLIC, 3000), 1)).toThrow(RangeError);
    expect(() => formatCode({ ...inq(PUBLIC), prefix: 'inq' }, 1)).toThrow('capital letters');
  });

  it('reads back exactly what it writes, and nothing else', () => {
    expect(parseCode('INQ-2026-003', 3)).toEqual({ prefix: 'INQ', year: 2026, label: PUBLIC, number: 3 });
    expect(parseCode('INQ-2026-S.BREACH-001', 3)).toEqual({ prefix: 'INQ', year: 2026, label: { classification: 'secret', compartments: ['BREACH'] }, number: 1 });
    for (const bad of ['inq-2026-003', 'INQ-2026-3', 'INQ-2026-0003', 'INQ-2026-000', 'INQ-26-003', 'INQ-0999-003', 'INQ-3000-001',
      ' INQ-2026-003', 'INQ-2026-003 ', 'INQ–2026–003', 'INQ-2026-003a', '', 'INQ-2026-P-001', 'INQ-2026-S.BREACH.ANBU-001',
      'INQ-2026-S.ANBU.ANBU-001', 'INQ-2026-s.BREACH-001', 'INQ-2026-X.BREACH-001', 'INQ-2026-S.-001', 'INQ-2026-S.BREACH001']) {
      expect(parseCode(bad, 3), bad).toBeNull();
    }
  });

  const labels = fc.record({
    classification: fc.constantFrom(...LEVELS),
    compartments: fc.uniqueArray(fc.stringMatching(/^[A-Z0-9_]{1,8}$/), { maxLength: 4 }),
  });

  it('is the same code only for the same prefix, year, label and number (property)', () => {
    const key = (l: Label) => `${l.classification}|${[...new Set(l.compartments)].sort().join(',')}`;
    fc.assert(fc.property(labels, labels, fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (a, b, m, n) => {
      const same = formatCode(inq(a), m) === formatCode(inq(b), n);
      expect(same).toBe(key(a) === key(b) && m === n);
      expect(labelMark(a) === labelMark(b)).toBe(key(a) === key(b));
    }), { numRuns: 2000 });
  });

  it('parses every code it writes back to its parts (property)', () => {
    fc.assert(fc.property(labels, fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 6 }), (label, year, number, width) => {
      const code = formatCode({ prefix: 'SAR', year, label, width }, number);
      expect(parseCode(code, width)).toEqual({ prefix: 'SAR', year, label: { classification: label.classification, compartments: [...label.compartments].sort() }, number });
    }), { numRuns: 2000 });
  });
});

describe('the unordered code', () => {
  it('is the prefix, the year and eight Crockford characters in two groups of four', () => {
    expect(CROCKFORD_ALPHABET).toBe('0123456789ABCDEFGHJKMNPQRSTVWXYZ');
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    for (let i = 0; i < 200; i++) {
      const code = unorderedCode('HP', 2026);
      expect(code).toMatch(/^HP-2026-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(code).not.toMatch(/[ILOU]/);
      expect(encodeURIComponent(code)).toBe(code);
      expect(parseUnorderedCode(code)).toEqual({ prefix: 'HP', year: 2026 });
      // Never the shape of a numbered code: the two kinds are told apart by their form alone.
      expect(parseCode(code, 5)).toBeNull();
    }
    expect(unorderedCode('M', 1000)).toMatch(/^M-1000-/);
  });

  it('refuses a prefix or year no code can have', () => {
    expect(() => unorderedCode('hp', 2026)).toThrow('capital letters');
    expect(() => unorderedCode('HP', 999)).toThrow(RangeError);
    expect(() => unorderedCode('HP', 3000)).toThrow(RangeError);
  });

  it('takes a prefix of one to four capital letters, no more and none fewer, as the written code does', () => {
    for (const prefix of ['I', 'INQV']) {
      expect(parseUnorderedCode(unorderedCode(prefix, 2026))).toEqual({ prefix, year: 2026 });
      expect(formatCode({ ...inq(PUBLIC), prefix }, 1)).toBe(`${prefix}-2026-001`);
    }
    for (const prefix of ['INQVX', '']) {
      expect(() => unorderedCode(prefix, 2026), prefix).toThrow('one to four capital letters');
      expect(() => formatCode({ ...inq(PUBLIC), prefix }, 1), prefix).toThrow('one to four capital letters');
    }
  });

  it('reads only what it writes: not numbered codes, lower case, the letters left out, other lengths', () => {
    expect(parseUnorderedCode('HP-2026-7K3Q-XW9D')).toEqual({ prefix: 'HP', year: 2026 });
    for (const bad of ['HP-2026-00017', 'HP-2026-S.BREACH-00001', 'hp-2026-7K3Q-XW9D', 'HP-2026-7k3q-xw9d', 'HP-2026-7K3QXW9D', 'HP-2026-7K3Q-XW9', 'HP-2026-7K3Q-XW9DA',
      'HP-2026-IK3Q-XW9D', 'HP-2026-LK3Q-XW9D', 'HP-2026-OK3Q-XW9D', 'HP-2026-UK3Q-XW9D', 'HP-0999-7K3Q-XW9D', 'HP-26-7K3Q-XW9D', ' HP-2026-7K3Q-XW9D', 'HP-2026-7K3Q-XW9D ', '']) {
      expect(parseUnorderedCode(bad), bad).toBeNull();
    }
  });

  it('draws are distinct, and every character of the alphabet comes up in every place', () => {
    const codes = Array.from({ length: 20_000 }, () => unorderedCode('HP', 2026));
    // 4 000 draws of 40 bits share a code about once in 140 000 runs; 20 000 would once in 5 500.
    expect(new Set(codes.slice(0, 4000)).size).toBe(4000);
    const parts = codes.map((c) => c.slice('HP-2026-'.length).replace('-', ''));
    for (let place = 0; place < 8; place++) {
      const seen = new Map<string, number>();
      for (const p of parts) seen.set(p[place]!, (seen.get(p[place]!) ?? 0) + 1);
      expect(new Set(seen.keys())).toEqual(new Set(CROCKFORD_ALPHABET));
      // Uniform: each of the 32 characters about 625 times in 20 000 draws (the bounds are seven standard deviations out: only a broken draw falls outside).
      for (const n of seen.values()) {
        expect(n).toBeGreaterThan(450);
        expect(n).toBeLessThan(800);
      }
    }
  });
});

describe('consecutive unordered codes', () => {
  it('share no random bytes: one code tells nothing of the next', () => {
    const bits = Array.from({ length: 4000 }, () => [...unorderedCode('HP', 2026).slice(8).replace('-', '')].reduce((n, c) => n * 32 + CROCKFORD_ALPHABET.indexOf(c), 0));
    for (let k = 1; k <= 4; k++) {
      // The last k bytes of a draw equal the first k of the next about 4000 / 256^k times (under 16 for k = 1) when the bytes are fresh.
      let same = 0;
      for (let i = 1; i < bits.length; i++) if (bits[i - 1]! % 2 ** (8 * k) === Math.floor(bits[i]! / 2 ** (8 * (5 - k)))) same++;
      expect(same, `${k} bytes`).toBeLessThan(60);
    }
  });
});

describe.each(DIALECTS)('series on %s', (dialect) => {
  let app: TestApp;
  let ctx: AppContext;
  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => new Date('2026-12-03T12:00:00Z') });
    ctx = withActor(app.ctx, { kind: 'system', username: 'test' });
  });
  afterAll(async () => app.drop());

  const take = (series: Series, n = 1) => transact(ctx, (tx) => reserveCodes(tx, series, n));

  it('numbers each label apart: a record of one label moves no other label\'s series', async () => {
    const breach: Label = { classification: 'secret', compartments: ['BREACH'] };
    const anbu: Label = { classification: 'secret', compartments: ['ANBU'] };
    expect(await take(inq(PUBLIC))).toEqual(['INQ-2026-001']);
    expect(await take(inq(breach))).toEqual(['INQ-2026-S.BREACH-001']);
    expect(await take(inq(breach))).toEqual(['INQ-2026-S.BREACH-002']);
    expect(await take(inq(anbu))).toEqual(['INQ-2026-S.ANBU-001']);
    expect(await take(inq(PUBLIC))).toEqual(['INQ-2026-002']);
    // Another prefix and another year are series of their own.
    expect(await take({ prefix: 'INV', year: 2026, label: PUBLIC, width: 3 })).toEqual(['INV-2026-001']);
    expect(await take(inq(PUBLIC, 2027))).toEqual(['INQ-2027-001']);
    expect(await take({ prefix: 'HP', year: 2026, label: breach, width: 5 }, 3)).toEqual(['HP-2026-S.BREACH-00001', 'HP-2026-S.BREACH-00002', 'HP-2026-S.BREACH-00003']);
  });

  it('gives a number back when the transaction rolls back', async () => {
    const series = inq({ classification: 'restricted', compartments: [] });
    await expect(transact(ctx, async (tx) => { await nextCode(tx, series); throw new Error('rolled back'); })).rejects.toThrow('rolled back');
    expect(await take(series)).toEqual(['INQ-2026-R-001']);
  });

  it('never gives one code twice to transactions at once', async () => {
    const series = { prefix: 'M', year: 2026, label: PUBLIC, width: 3 };
    const codes = (await Promise.all(Array.from({ length: 20 }, () => take(series, 2)))).flat();
    expect(new Set(codes).size).toBe(40);
    expect(codes.map((c) => parseCode(c, 3)!.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('a module\'s old counter carries over into its public series only', async () => {
    await carryOverCounters(app.ctx.db, [{ prefix: 'TRL', year: 2026, last: 7 }]);
    expect(await take({ prefix: 'TRL', year: 2026, label: PUBLIC, width: 3 })).toEqual(['TRL-2026-008']);
    expect(await take({ prefix: 'TRL', year: 2026, label: { classification: 'restricted', compartments: [] }, width: 3 })).toEqual(['TRL-2026-R-001']);
  });
});

describe('the longest code', () => {
  it('is as long as MAX_CODE_LENGTH says, and is read back: routes take codes up to that length', () => {
    const compartments = Array.from({ length: 20 }, (_, i) => `C${String(i).padStart(2, '0')}`.padEnd(40, 'X'));
    const series: Series = { prefix: 'ABCD', year: 2026, label: { classification: 'top_secret', compartments }, width: 16 };
    const code = formatCode(series, Number.MAX_SAFE_INTEGER);
    expect(code).toHaveLength(MAX_CODE_LENGTH);
    expect(parseCode(code, 16)).toMatchObject({ prefix: 'ABCD', year: 2026, number: Number.MAX_SAFE_INTEGER });
  });
});
