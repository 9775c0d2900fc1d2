// Reports as likelihoods: positions with an uncertainty radius, bearings from a sensor post, silent sensors.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cloneGrid, createGrid, gridOf, totalMass, type ProbabilityGrid } from './grid.ts';
import { applySighting, bearingDifference, bearingTo, likelihoodAt, likelihoodUpdate, likelihoods, restOfWorldLikelihood, type SightingReport } from './sighting.ts';

const close = (a: ArrayLike<number>, b: readonly number[], digits = 12) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(a[i]).toBeCloseTo(b[i]!, digits);
};

describe('bearings', () => {
  it('compass bearings and wrapped differences', () => {
    expect(bearingTo(0, 0, 0, 1)).toBeCloseTo(0, 12);
    expect(bearingTo(0, 0, 1, 0)).toBeCloseTo(90, 12);
    expect(bearingTo(0, 0, 0, -1)).toBeCloseTo(180, 12);
    expect(bearingTo(0, 0, -1, 0)).toBeCloseTo(270, 12);
    // 350° to 10° is 20° apart, not 340°.
    expect(bearingDifference(350, 10)).toBeCloseTo(-20, 12);
    expect(bearingDifference(10, 350)).toBeCloseTo(20, 12);
    expect(bearingDifference(720 + 5, 0)).toBeCloseTo(5, 12);
    expect(Math.abs(bearingDifference(180, 0))).toBeCloseTo(180, 12);
  });
});

describe('a report in one cell (hit and false-alarm rate)', () => {
  it('known answer', () => {
    // p = [0.5, 0.25, 0.25], report points at cell 1 with h = 0.8, f = 0.1: L = [0.1, 0.8, 0.1].
    // Σ p·L = 0.05 + 0.2 + 0.025 = 0.275 → [0.05, 0.2, 0.025] / 0.275 = [2/11, 8/11, 1/11].
    const g = gridOf([0.5, 0.25, 0.25]);
    const r = likelihoodUpdate(g, Float64Array.of(0.1, 0.8, 0.1), 0.1);
    expect(r.evidence).toBeCloseTo(0.275, 15);
    close(g.p, [2 / 11, 8 / 11, 1 / 11]);
  });
});

describe('a position report', () => {
  it('known answer on three 1 km cells', () => {
    // Report at the centre of cell 1 (1.5, 0.5), r = 1 km, h = 0.9, f = 0.1, uniform prior.
    // g = [e^−½, 1, e^−½]; L = [0.1 + 0.8·e^−½, 0.9, same] = [0.58522..., 0.9, 0.58522...].
    const e = Math.exp(-0.5);
    const L = [0.1 + 0.8 * e, 0.9, 0.1 + 0.8 * e];
    const evidence = (L[0]! + L[1]! + L[2]!) / 3;
    const g = gridOf([1, 1, 1]);
    const r = applySighting(g, { kind: 'position', x: 1.5, y: 0.5, radiusKm: 1, hit: 0.9, falseAlarm: 0.1 });
    expect(r.evidence).toBeCloseTo(evidence, 14);
    close(g.p, L.map((l) => l / 3 / evidence));
  });

  it('rest of world gets the false-alarm rate', () => {
    // Cells [0.5, 0] rest 0.5; report exactly at cell 0 with r tiny: L = [0.9, f], rest f = 0.1.
    // Σ = 0.45 + 0.05 = 0.5 → cell 0 0.9, rest 0.1.
    const g = gridOf([0.5, 0], 0.5);
    applySighting(g, { kind: 'position', x: 0.5, y: 0.5, radiusKm: 1e-3, hit: 0.9, falseAlarm: 0.1 });
    expect(g.p[0]).toBeCloseTo(0.9, 12);
    expect(g.restOfWorld).toBeCloseTo(0.1, 12);
  });
});

describe('a silent sensor', () => {
  it('known answer: 1 − Pd in range, 1 outside', () => {
    // Sensor at (0.5, 0.5), range 0.6 km: covers cell 0 only. Pd = 0.8, uniform prior.
    // L = [0.2, 1, 1]; Σ = 2.2/3 → [0.2, 1, 1] / 2.2 = [1/11, 5/11, 5/11].
    const g = gridOf([1, 1, 1]);
    applySighting(g, { kind: 'silent', x: 0.5, y: 0.5, rangeKm: 0.6, pd: 0.8 });
    close(g.p, [1 / 11, 5 / 11, 5 / 11]);
  });
});

describe('a bearing report', () => {
  it('favours cells along the bearing, and beyond range only false alarms', () => {
    // Post at the centre of a 9 × 9 km grid, chakra felt due east (90°) ± 5°, range 3 km.
    const g = gridOf(new Float64Array(81).fill(1), 0, { width: 9, height: 9 });
    const r: SightingReport = { kind: 'bearing', x: 4.5, y: 4.5, bearingDeg: 90, sigmaDeg: 5, rangeKm: 3, hit: 0.9, falseAlarm: 0.05 };
    const at = (col: number, row: number) => row * 9 + col;
    expect(likelihoodAt(g, r, at(6, 4))).toBeCloseTo(0.9, 12); // due east, 2 km
    expect(likelihoodAt(g, r, at(4, 6))).toBeCloseTo(0.05, 12); // due north: 90° off, e^(−162) ≈ 0
    expect(likelihoodAt(g, r, at(8, 4))).toBeCloseTo(0.05, 12); // due east but 4 km, past the range
    expect(likelihoodAt(g, r, at(4, 4))).toBeCloseTo(0.9, 12); // the post's own cell
    // One cell NE of due east, (6,5) from (4,4): bearing atan2(2, 1) = 63.43°, 26.57° off → g = e^(−26.57²/50).
    const off = 90 - (Math.atan2(2, 1) * 180) / Math.PI;
    expect(likelihoodAt(g, r, at(6, 5))).toBeCloseTo(0.05 + 0.85 * Math.exp(-(off * off) / 50), 12);
    // More than 9σ off the bearing counts as no match at all: (8, 5) from (4, 4) is 14.04° off with σ = 1.5° (9.4σ).
    const narrow = { ...r, sigmaDeg: 1.5, rangeKm: undefined };
    expect(likelihoodAt(g, narrow, at(8, 5))).toBe(0.05);
    expect(likelihoodAt(g, narrow, at(8, 4))).toBeCloseTo(0.9, 12);
    applySighting(g, r);
    expect(g.p[at(6, 4)]! / g.p[at(4, 6)]!).toBeCloseTo(0.9 / 0.05, 9);
  });
});

const reportArb: fc.Arbitrary<SightingReport> = fc.oneof(
  fc.record({ kind: fc.constant('position' as const), x: fc.double({ min: -2, max: 8, noNaN: true }), y: fc.double({ min: -2, max: 6, noNaN: true }), radiusKm: fc.double({ min: 0.05, max: 5, noNaN: true }), hit: fc.double({ min: 0.01, max: 1, noNaN: true }), falseAlarm: fc.double({ min: 0.001, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('bearing' as const), x: fc.double({ min: -2, max: 8, noNaN: true }), y: fc.double({ min: -2, max: 6, noNaN: true }), bearingDeg: fc.double({ min: -360, max: 720, noNaN: true }), sigmaDeg: fc.double({ min: 1, max: 90, noNaN: true }), hit: fc.double({ min: 0.01, max: 1, noNaN: true }), falseAlarm: fc.double({ min: 0.001, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('silent' as const), x: fc.double({ min: -2, max: 8, noNaN: true }), y: fc.double({ min: -2, max: 6, noNaN: true }), rangeKm: fc.double({ min: 0.1, max: 6, noNaN: true }), pd: fc.double({ min: 0, max: 0.99, noNaN: true }) }),
);

describe('properties', () => {
  const grid = (w: number[], rest: number): ProbabilityGrid => {
    const g = createGrid({ width: 6, height: 4, cellKm: 1, originX: 0, originY: 0 });
    g.p.set(w);
    g.restOfWorld = rest;
    const t = totalMass(g);
    for (let i = 0; i < 24; i++) g.p[i]! /= t;
    g.restOfWorld /= t;
    return g;
  };
  const weights = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1, noNaN: true })), { minLength: 24, maxLength: 24 }).filter((w) => w.some((x) => x > 0));

  it('the fast paths equal Bayes with the per-cell likelihood, and the result is normalised', () => {
    fc.assert(fc.property(weights, fc.double({ min: 0, max: 1, noNaN: true }), reportArb, (w, rest, report) => {
      const g = grid(w, rest);
      const reference = cloneGrid(g);
      likelihoodUpdate(reference, likelihoods(g, report), restOfWorldLikelihood(report));
      applySighting(g, report);
      expect(totalMass(g)).toBeCloseTo(1, 12);
      for (let i = 0; i < 24; i++) expect(g.p[i]).toBeCloseTo(reference.p[i]!, 12);
      expect(g.restOfWorld).toBeCloseTo(reference.restOfWorld, 12);
    }));
  });

  it('a likelihood update only reorders mass in proportion to the likelihoods', () => {
    fc.assert(fc.property(weights, reportArb, (w, report) => {
      const g = grid(w, 0);
      const before = g.p.slice();
      applySighting(g, report);
      for (let i = 0; i < 24; i++) for (let j = 0; j < 24; j++) {
        if (before[i]! > 0 && before[j]! > 0 && g.p[j]! > 0) {
          const li = likelihoodAt(g, report, i), lj = likelihoodAt(g, report, j);
          expect(g.p[i]! / g.p[j]!).toBeCloseTo((before[i]! / before[j]!) * (li / lj), 6);
        }
      }
    }), { numRuns: 50 });
  });

  it('a report impossible everywhere is refused', () => {
    expect(() => applySighting(gridOf([1, 0]), { kind: 'silent', x: 0.5, y: 0.5, rangeKm: 0.2, pd: 1 })).toThrow(/impossible/);
  });
});
