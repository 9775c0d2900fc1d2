// Unsuccessful searches: Koopman's POD, Bayes after an empty search, cumulative POD, and the exact track-to-cell lengths.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cellAt, createGrid, gridOf, totalMass } from './grid.ts';
import { accumulatePod, cumulativePod, densePod, podFromEffort, probabilityOfSuccess, searchUpdate, sparseSearchUpdate, trackLengths, trackPod } from './search-update.ts';

const close = (a: ArrayLike<number>, b: readonly number[], digits = 12) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(a[i]).toBeCloseTo(b[i]!, digits);
};

describe('POD from effort', () => {
  it('is 1 − exp(−W·L/A)', () => {
    // W = 0.1 km, L = 5 km, A = 1 km²: coverage 0.5, POD = 1 − e^−0.5 = 0.3934693402873666.
    expect(podFromEffort(0.1, 5, 1)).toBeCloseTo(0.3934693402873666, 15);
    // Twice the area halves the coverage: 1 − e^−0.25 = 0.22119921692859512.
    expect(podFromEffort(0.1, 5, 2)).toBeCloseTo(0.22119921692859512, 15);
    expect(podFromEffort(0.1, 0, 1)).toBe(0);
  });

  it('cumulative POD combines independent looks: 1 − Π(1 − POD_k)', () => {
    // 1 − 0.5·0.5 = 0.75; 1 − 0.8·0.5·1 = 0.6.
    expect(cumulativePod([0.5, 0.5])).toBeCloseTo(0.75, 15);
    expect(cumulativePod([0.2, 0.5, 0])).toBeCloseTo(0.6, 15);
    expect(cumulativePod([])).toBe(0);
    const c = Float64Array.of(0, 0.5);
    accumulatePod(c, Float64Array.of(0.5, 0.5));
    close(c, [0.5, 0.75]);
  });

  it('cumulative POD never decreases with more searches and stays within [0, 1]', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), (pods) => {
      let last = 0;
      for (let k = 1; k <= pods.length; k++) {
        const c = cumulativePod(pods.slice(0, k));
        expect(c).toBeGreaterThanOrEqual(last - 1e-15);
        expect(c).toBeLessThanOrEqual(1);
        last = c;
      }
    }));
  });
});

describe('the update after an unsuccessful search', () => {
  it('known answer, three cells', () => {
    // p = [0.5, 0.3, 0.2], POD = [0.6, 0, 0.5]: POS = 0.5·0.6 + 0.2·0.5 = 0.4.
    // Missed mass [0.2, 0.3, 0.1], divided by 1 − 0.4 = 0.6 → [1/3, 1/2, 1/6].
    const g = gridOf([0.5, 0.3, 0.2]);
    const r = searchUpdate(g, Float64Array.of(0.6, 0, 0.5));
    expect(r.pos).toBeCloseTo(0.4, 15);
    expect(r.normaliser).toBeCloseTo(1 / 0.6, 14);
    close(g.p, [1 / 3, 1 / 2, 1 / 6]);
  });

  it('rest of world is only rescaled', () => {
    // Cells [0.4, 0.4], rest 0.2; POD [0.5, 0]: POS 0.2, left 0.8 → cells [0.25, 0.5], rest 0.25.
    const g = gridOf([0.4, 0.4], 0.2);
    const r = searchUpdate(g, Float64Array.of(0.5, 0));
    expect(r.pos).toBeCloseTo(0.2, 15);
    close(g.p, [0.25, 0.5]);
    expect(g.restOfWorld).toBeCloseTo(0.25, 15);
  });

  it('a search certain to find the subject cannot come back empty', () => {
    expect(() => searchUpdate(gridOf([1, 0]), Float64Array.of(1, 0))).toThrow(/certain/);
  });

  const problem = fc.integer({ min: 1, max: 12 }).chain((n) => fc.record({
    p: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })), { minLength: n, maxLength: n }).filter((p) => p.some((x) => x > 0)),
    pod: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 0.99, noNaN: true })), { minLength: n, maxLength: n }),
    rest: fc.double({ min: 0, max: 1, noNaN: true }),
  }));

  it('properties: normalised after, POS ≤ 1, searched cells never gain on unsearched ones, sparse = dense', () => {
    fc.assert(fc.property(problem, ({ p, pod, rest }) => {
      const g = gridOf(p, rest);
      const before = g.p.slice();
      const pos0 = probabilityOfSuccess(g, Float64Array.from(pod));
      const r = searchUpdate(g, Float64Array.from(pod));
      expect(r.pos).toBeCloseTo(pos0, 12);
      expect(r.pos).toBeGreaterThanOrEqual(0);
      expect(r.pos).toBeLessThanOrEqual(1);
      expect(totalMass(g)).toBeCloseTo(1, 12);
      // Ratio p_i / p_j for i searched (POD > 0) and j unsearched never grows.
      for (let i = 0; i < p.length; i++) for (let j = 0; j < p.length; j++) {
        if (pod[i]! > 0 && pod[j] === 0 && before[j]! > 0) expect(g.p[i]! / g.p[j]!).toBeLessThanOrEqual((before[i]! / before[j]!) * (1 + 1e-12));
      }
      // The sparse form gives the same grid.
      const h = gridOf(p, rest);
      const cells = Int32Array.from(pod.flatMap((x, i) => (x > 0 ? [i] : [])));
      const s = sparseSearchUpdate(h, { cells, pod: Float64Array.from(cells, (i) => pod[i]!) });
      expect(s.pos).toBeCloseTo(r.pos, 12);
      close(h.p, Array.from(g.p));
    }));
  });
});

describe('track lengths per cell (exact traversal)', () => {
  const grid = createGrid({ width: 3, height: 3, cellKm: 1, originX: 0, originY: 0 });
  const asMap = (t: { cells: Int32Array; lengthsKm: Float64Array }) => Object.fromEntries(Array.from(t.cells, (c, j) => [c, +t.lengthsKm[j]!.toFixed(12)]));

  it('a straight track along a row: half, whole, half', () => {
    // (0.5, 0.5) → (2.5, 0.5): 0.5 km in cell 0, 1 km in cell 1, 0.5 km in cell 2.
    expect(asMap(trackLengths(grid, [{ x: 0.5, y: 0.5 }, { x: 2.5, y: 0.5 }]))).toEqual({ 0: 0.5, 1: 1, 2: 0.5 });
  });

  it('a diagonal through the corners: √2 in each diagonal cell, nothing in the ones it only touches', () => {
    const r = asMap(trackLengths(grid, [{ x: 0, y: 0 }, { x: 3, y: 3 }]));
    expect(r).toEqual({ 0: +Math.SQRT2.toFixed(12), 4: +Math.SQRT2.toFixed(12), 8: +Math.SQRT2.toFixed(12) });
  });

  it('clips what is outside the grid, walks leftwards, and sums a polyline', () => {
    // (−1, 1.5) → (4, 1.5): 5 km, of which 1 km in each of cells 3, 4, 5.
    expect(asMap(trackLengths(grid, [{ x: -1, y: 1.5 }, { x: 4, y: 1.5 }]))).toEqual({ 3: 1, 4: 1, 5: 1 });
    // From a boundary going west: (2, 0.5) → (0.5, 0.5): 1 km in cell 1, 0.5 km in cell 0.
    expect(asMap(trackLengths(grid, [{ x: 2, y: 0.5 }, { x: 0.5, y: 0.5 }]))).toEqual({ 0: 0.5, 1: 1 });
    // Up then right: (0.5, 0.5) → (0.5, 1.5) → (1.5, 1.5): cell 0: 0.5, cell 3: 0.5 + 0.5, cell 4: 0.5.
    expect(asMap(trackLengths(grid, [{ x: 0.5, y: 0.5 }, { x: 0.5, y: 1.5 }, { x: 1.5, y: 1.5 }]))).toEqual({ 0: 0.5, 3: 1, 4: 0.5 });
    // Wholly outside: nothing.
    expect(trackLengths(grid, [{ x: -1, y: -1 }, { x: -1, y: 5 }]).cells.length).toBe(0);
  });

  it('agrees with a fine sampling of the segment, cell by cell, and sums to the clipped length', () => {
    const g = createGrid({ width: 7, height: 5, cellKm: 0.5, originX: -1, originY: 2 });
    // Points never on a cell boundary (multiples of 0.5 km): along a boundary, which side gets the track is a matter of rounding.
    const coord = (lo: number, hi: number) => fc.integer({ min: lo * 1000, max: hi * 1000 }).map((k) => (k + 0.3) / 1000);
    fc.assert(fc.property(coord(-2, 4), coord(1, 6), coord(-2, 4), coord(1, 6), (x0, y0, x1, y1) => {
      const t = trackLengths(g, [{ x: x0, y: y0 }, { x: x1, y: y1 }]);
      const N = 4000;
      const len = Math.hypot(x1 - x0, y1 - y0);
      const sampled = new Map<number, number>();
      for (let k = 0; k < N; k++) {
        const s = (k + 0.5) / N;
        const c = cellAt(g, x0 + s * (x1 - x0), y0 + s * (y1 - y0));
        if (c >= 0) sampled.set(c, (sampled.get(c) ?? 0) + len / N);
      }
      const exact = new Map(Array.from(t.cells, (c, j) => [c, t.lengthsKm[j]!]));
      // Each boundary crossing can move at most one sample (len/N) between neighbouring cells.
      for (const c of new Set([...sampled.keys(), ...exact.keys()])) expect(Math.abs((exact.get(c) ?? 0) - (sampled.get(c) ?? 0))).toBeLessThanOrEqual((3 * len) / N + 1e-9);
      const total = [...exact.values()].reduce((a, b) => a + b, 0);
      const sampledTotal = [...sampled.values()].reduce((a, b) => a + b, 0);
      expect(Math.abs(total - sampledTotal)).toBeLessThanOrEqual((2 * len) / N + 1e-9);
    }), { numRuns: 300 });
  });

  it('a track gives POD per cell from its sweep width', () => {
    // 0.2 km sweep width over 1 km in cell 1 (area 1 km²): POD = 1 − e^−0.2.
    const pod = trackPod(grid, [{ x: 0.5, y: 0.5 }, { x: 2.5, y: 0.5 }], 0.2);
    close(densePod(9, pod), [1 - Math.exp(-0.1), 1 - Math.exp(-0.2), 1 - Math.exp(-0.1), 0, 0, 0, 0, 0, 0]);
  });
});
