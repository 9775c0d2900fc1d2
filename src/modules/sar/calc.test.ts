// `sandstone sar calc`: the JSON contract, known answers worked by hand, and one-line messages for invalid problems.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { calc, calcJson, CalcError } from './calc.ts';

const close = (a: readonly number[], b: readonly number[], digits = 12) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(a[i]).toBeCloseTo(b[i]!, digits);
};

describe('calc', () => {
  it('known answer: normalise, search, report, move, allocate', () => {
    // cells [2, 1, 1] → [0.5, 0.25, 0.25].
    // step 0, search pod [0.5, 0, 0]: POS 0.25; [0.25, 0.25, 0.25]/0.75 → [1/3, 1/3, 1/3].
    // step 1, report in cell 2, hit 0.9, falseAlarm 0.3: L = [0.3, 0.3, 0.9], Σ = 0.5 → [0.2, 0.2, 0.6].
    // step 2, move: cell 2 sends half to cell 1: [0.2, 0.2 + 0.3, 0.3] = [0.2, 0.5, 0.3].
    // allocate w = [1, 1, 1], total 1, on p = [0.2, 0.5, 0.3]: levels ln 0.5 − ln 0.3 = 0.511 < 1, ln 0.5 − ln 0.2 = 0.916 < 1.
    //   Try cells 1 and 2 only: t1 − t2 = ln(5/3), t1 + t2 = 1 → t1 = 0.7554, t2 = 0.2446, level e^−x = 0.5·e^−0.7554 = 0.2349 > 0.2 → right set.
    const r = calc({
      cells: [2, 1, 1],
      steps: [{ search: { pod: [0.5, 0, 0] } }, { sighting: { cell: 2, hit: 0.9, falseAlarm: 0.3 } }, { move: { matrix: [[1, 0, 0], [0, 1, 0], [0, 0.5, 0.5]] } }],
      allocate: { w: [1, 1, 1], total: 1 },
    });
    close(r.pos, [0.25, 0, 0]);
    close(r.cells, [0.2, 0.5, 0.3]);
    const t1 = (1 + Math.log(5 / 3)) / 2;
    close(r.allocation!, [0, t1, 1 - t1]);
  });

  it('a likelihood vector, an allocation on given p, and no steps', () => {
    // [0.5, 0.5] with L = [0.2, 0.6]: Σ 0.4 → [0.25, 0.75].
    const r = calc({ cells: [1, 1], steps: [{ sighting: { likelihood: [0.2, 0.6] } }], allocate: { w: [1, 1], p: [0.5, 0.5], total: 2 } });
    close(r.cells, [0.25, 0.75]);
    close(r.allocation!, [1, 1]);
    expect(calc({ cells: [3, 1] })).toEqual({ cells: [0.75, 0.25], pos: [] });
    expect(calcJson('{"cells":[1,1],"steps":[{"search":{"pod":[1,0]}}]}')).toEqual({ cells: [0, 1], pos: [0.5] });
  });

  const refused: [string, unknown, RegExp][] = [
    ['not an object', [1, 2], /^the problem must be a JSON object/],
    ['no cells', { steps: [] }, /^cells: is missing$/],
    ['negative probability', { cells: [0.5, -0.1] }, /^cells\[1\]: must be a finite number ≥ 0, got -0.1$/],
    ['NaN probability', { cells: [0.5, NaN] }, /^cells\[1\]: must be a number, got NaN$/],
    ['all zero', { cells: [0, 0] }, /^cells: must have a finite positive total, got 0$/],
    ['a string', { cells: [1, '2'] }, /^cells\[1\]: must be a number, got "2"$/],
    ['pod length', { cells: [1, 1], steps: [{ search: { pod: [0.5] } }] }, /^steps\[0\]\.search\.pod: has 1 entries but there are 2 cells$/],
    ['pod above 1', { cells: [1, 1], steps: [{ move: { matrix: [[1, 0], [0, 1]] } }, { search: { pod: [0.5, 1.5] } }] }, /^steps\[1\]\.search\.pod\[1\]: must be a probability between 0 and 1, got 1.5$/],
    ['pod NaN', { cells: [1, 1], steps: [{ search: { pod: [NaN, 0] } }] }, /^steps\[0\]\.search\.pod\[0\]: must be a number, got NaN$/],
    ['certain search', { cells: [1, 0], steps: [{ search: { pod: [1, 0] } }] }, /^steps\[0\]\.search\.pod: finds the subject for certain/],
    ['likelihood negative', { cells: [1, 1], steps: [{ sighting: { likelihood: [-1, 0] } }] }, /^steps\[0\]\.sighting\.likelihood\[0\]: must be a probability between 0 and 1, got -1$/],
    ['impossible report', { cells: [1, 0], steps: [{ sighting: { likelihood: [0, 1] } }] }, /^steps\[0\]\.sighting: the report is impossible/],
    ['cell out of range', { cells: [1, 1], steps: [{ sighting: { cell: 2, hit: 0.9, falseAlarm: 0.1 } }] }, /^steps\[0\]\.sighting\.cell: must be a cell index from 0 to 1, got 2$/],
    ['hit missing', { cells: [1, 1], steps: [{ sighting: { cell: 0, falseAlarm: 0.1 } }] }, /^steps\[0\]\.sighting\.hit: must be a number, got nothing$/],
    ['matrix row sum', { cells: [1, 1], steps: [{ move: { matrix: [[0.5, 0.5], [0.5, 0.4]] } }] }, /^steps\[0\]\.move\.matrix\[1\]: row sums to 0\.9, not 1 \(within 2e-9\)$/],
    ['matrix rows', { cells: [1, 1], steps: [{ move: { matrix: [[1, 0]] } }] }, /^steps\[0\]\.move\.matrix: has 1 rows but there are 2 cells$/],
    ['matrix row length', { cells: [1, 1], steps: [{ move: { matrix: [[1, 0], [1]] } }] }, /^steps\[0\]\.move\.matrix\[1\]: has 1 entries but there are 2 cells$/],
    ['unknown step', { cells: [1], steps: [{ teleport: {} }] }, /^steps\[0\]: unknown step "teleport"/],
    ['two kinds', { cells: [1], steps: [{ search: { pod: [0] }, move: { matrix: [[1]] } }] }, /^steps\[0\]: must have exactly one of/],
    ['typo', { cells: [1], steps: [{ search: { pods: [0] } }] }, /^steps\[0\]\.search: unknown field "pods"/],
    ['allocate w length', { cells: [1, 1], allocate: { w: [1], total: 1 } }, /^allocate\.w: has 1 entries but there are 2 cells$/],
    ['allocate total', { cells: [1, 1], allocate: { w: [1, 1], total: -1 } }, /^allocate\.total: must be a finite number ≥ 0, got -1$/],
    ['allocate nothing to find', { cells: [1, 1], allocate: { w: [0, 0], total: 1 } }, /^allocate: no cell has both/],
  ];

  it.each(refused)('refuses %s with a one-line message naming where', (_, problem, message) => {
    let error: unknown;
    try {
      calc(problem);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalcError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('a row within 1e-9·n of 1 is accepted', () => {
    expect(() => calc({ cells: [1, 1], steps: [{ move: { matrix: [[0.5, 0.5 + 1.5e-9], [0, 1]] } }] })).not.toThrow();
  });

  it('text that is not JSON is one line too', () => {
    expect(() => calcJson('{"cells": [1,')).toThrow(/^the problem is not JSON: /);
  });
});

describe('calc against the rules written out plainly', () => {
  // The oracle: Bayes and the Markov step in the plainest arithmetic, on number arrays.
  const normalised = (p: number[]) => { const s = p.reduce((a, b) => a + b, 0); return p.map((x) => x / s); };

  it('random problems give the oracle\'s cells and POS', () => {
    const prob = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true }));
    const problem = fc.integer({ min: 1, max: 6 }).chain((n) => fc.record({
      cells: fc.array(fc.double({ min: 0.01, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
      steps: fc.array(fc.oneof(
        fc.array(fc.double({ min: 0, max: 0.9, noNaN: true }), { minLength: n, maxLength: n }).map((pod) => ({ search: { pod } })),
        fc.array(prob, { minLength: n, maxLength: n }).filter((l) => l.every((x) => x > 0)).map((likelihood) => ({ sighting: { likelihood } })),
        fc.record({ cell: fc.integer({ min: 0, max: n - 1 }), hit: fc.double({ min: 0.01, max: 1, noNaN: true }), falseAlarm: fc.double({ min: 0.01, max: 1, noNaN: true }) }).map((s) => ({ sighting: s })),
        fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }).filter((r) => r.some((x) => x > 0)), { minLength: n, maxLength: n })
          .map((rows) => ({ move: { matrix: rows.map((r) => { const s = r.reduce((a, b) => a + b, 0); return r.map((x) => x / s); }) } })),
      ), { maxLength: 6 }),
    }));
    fc.assert(fc.property(problem, ({ cells, steps }) => {
      let p = normalised(cells);
      const pos: number[] = [];
      for (const step of steps) {
        if ('search' in step) {
          const found = p.reduce((s, x, i) => s + x * step.search.pod[i]!, 0);
          pos.push(found);
          p = p.map((x, i) => (x * (1 - step.search.pod[i]!)) / (1 - found));
        } else if ('sighting' in step) {
          const s = step.sighting;
          const L = 'likelihood' in s ? s.likelihood : p.map((_, i) => (i === s.cell ? s.hit : s.falseAlarm));
          p = normalised(p.map((x, i) => x * L[i]!));
          pos.push(0);
        } else {
          p = p.map((_, j) => p.reduce((acc, x, i) => acc + x * step.move.matrix[i]![j]!, 0));
          pos.push(0);
        }
      }
      const r = calc({ cells, steps });
      close(r.cells, p, 10);
      close(r.pos, pos, 10);
    }));
  });
});
