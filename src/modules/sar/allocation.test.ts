// Stone's optimal allocation (known answers, KKT, beats random plans) and greedy team assignment.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { gridOf } from './grid.ts';
import { assignTeams, optimalAllocation } from './allocation.ts';

const objective = (p: number[], w: number[], t: ArrayLike<number>) => p.reduce((s, pi, i) => s + pi * (1 - Math.exp(-w[i]! * t[i]!)), 0);

describe('optimal allocation', () => {
  it('known answers worked by hand', () => {
    // Equal cells share equally.
    let a = optimalAllocation([0.5, 0.5], [1, 1], 2);
    expect(a.effort[0]).toBeCloseTo(1, 12);
    expect(a.effort[1]).toBeCloseTo(1, 12);
    // p = [0.8, 0.2], w = 1, T = 1: the levels ln 0.8 and ln 0.2 differ by ln 4 = 1.386 > T,
    // so all of T goes to cell 0 (its level after, 0.8·e^−1 = 0.294, is still above 0.2).
    a = optimalAllocation([0.8, 0.2], [1, 1], 1);
    expect(Array.from(a.effort)).toEqual([1, 0]);
    // T = 3: both get effort, t0 + t1 = 3 and t0 − t1 = ln 4 → t0 = (3 + ln 4)/2, t1 = (3 − ln 4)/2.
    a = optimalAllocation([0.8, 0.2], [1, 1], 3);
    expect(a.effort[0]).toBeCloseTo((3 + Math.log(4)) / 2, 12);
    expect(a.effort[1]).toBeCloseTo((3 - Math.log(4)) / 2, 12);
    // p = [0.5, 0.5], w = [2, 1], T = 1: t0 = −x/2, t1 = ln 0.5 − x with t0 + t1 = 1
    // → x = −(1 + ln 2)/1.5, t0 = (1 + ln 2)/3, t1 = 1 − t0; λ = e^x.
    a = optimalAllocation([0.5, 0.5], [2, 1], 1);
    const t0 = (1 + Math.LN2) / 3;
    expect(a.effort[0]).toBeCloseTo(t0, 12);
    expect(a.effort[1]).toBeCloseTo(1 - t0, 12);
    expect(a.lambda).toBeCloseTo(Math.exp(-(1 + Math.LN2) / 1.5), 12);
    expect(a.pos).toBeCloseTo(0.5 * (1 - Math.exp(-2 * t0)) + 0.5 * (1 - Math.exp(-(1 - t0))), 12);
    // Cells with p = 0 or w = 0 get nothing.
    a = optimalAllocation([0, 0.5, 0.5], [1, 0, 1], 2);
    expect(Array.from(a.effort)).toEqual([0, 0, 2]);
  });

  const problem = fc.integer({ min: 1, max: 15 }).chain((n) => fc.record({
    p: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-4, max: 1, noNaN: true })), { minLength: n, maxLength: n }),
    w: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-2, max: 10, noNaN: true })), { minLength: n, maxLength: n }),
    total: fc.double({ min: 1e-3, max: 50, noNaN: true }),
    random: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: 5, maxLength: 5 }),
  })).filter(({ p, w }) => p.some((x, i) => x > 0 && w[i]! > 0));

  it('satisfies the KKT conditions and beats random feasible plans', () => {
    fc.assert(fc.property(problem, ({ p, w, total, random }) => {
      const { effort, lambda, pos } = optimalAllocation(p, w, total);
      let sum = 0;
      for (let i = 0; i < p.length; i++) {
        const t = effort[i]!;
        expect(t).toBeGreaterThanOrEqual(0);
        sum += t;
        const marginal = p[i]! * w[i]! * Math.exp(-w[i]! * t);
        if (t > 0) expect(Math.abs(marginal - lambda)).toBeLessThanOrEqual(1e-9 * lambda);
        else expect(p[i]! * w[i]!).toBeLessThanOrEqual(lambda * (1 + 1e-9));
      }
      expect(sum).toBeCloseTo(total, 9);
      expect(pos).toBeCloseTo(objective(p, w, effort), 12);
      expect(pos).toBeLessThanOrEqual(p.reduce((a, b) => a + b, 0) + 1e-12);
      for (const r of random) {
        const s = r.reduce((a, b) => a + b, 0);
        const plan = s > 0 ? r.map((x) => (x / s) * total) : r.map((_, i) => (i === 0 ? total : 0));
        expect(objective(p, w, plan)).toBeLessThanOrEqual(pos + 1e-12);
      }
    }));
  });

  it('no effort, no plan; nothing to find with effort is refused', () => {
    expect(Array.from(optimalAllocation([0.5, 0.5], [1, 1], 0).effort)).toEqual([0, 0]);
    expect(() => optimalAllocation([0, 1], [1, 0], 1)).toThrow(/no cell/);
  });
});

describe('team assignment', () => {
  // Four 1 km cells; segment A = cells 0–1 (p 0.6), B = cells 2–3 (p 0.2); rest of world 0.2.
  const grid = gridOf([0.3, 0.3, 0.1, 0.1], 0.2, { width: 4, height: 1 });
  const segments = [{ id: 'A', cells: [0, 1] }, { id: 'B', cells: [2, 3] }];

  it('known answer: the second team still gains more where the first one went', () => {
    // Each team sweeps W·v·h = 0.5·2·2 = 2 km² — one coverage of a 2 km² segment.
    // First: A gains 0.6·(1 − e^−1) = 0.3793, B 0.2·(1 − e^−1) = 0.1264 → A.
    // Second: A gains 0.6·(e^−1 − e^−2) = 0.1395, B still 0.1264 → A again.
    const team = (name: string) => ({ name, speedKmh: 2, sweepWidthKm: 0.5, hours: 2 });
    const plan = assignTeams(grid, segments, [team('Kankuro'), team('Lee')]);
    expect(plan.assignments.map((a) => `${a.team}→${a.segment}`)).toEqual(['Kankuro→A', 'Lee→A']);
    expect(plan.assignments[0]!.gain).toBeCloseTo(0.6 * (1 - Math.exp(-1)), 12);
    expect(plan.assignments[1]!.gain).toBeCloseTo(0.6 * (Math.exp(-1) - Math.exp(-2)), 12);
    expect(plan.assignments[1]!.segmentPod).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(plan.pos).toBeCloseTo(0.6 * (1 - Math.exp(-2)), 12);
    // A third team tips it: A would gain 0.6·(e^−2 − e^−3) = 0.0513 < 0.1264 → B.
    const three = assignTeams(grid, segments, [team('Kankuro'), team('Lee'), team('Baki')]);
    expect(three.assignments.map((a) => a.segment)).toEqual(['A', 'A', 'B']);
    expect(three.pos).toBeCloseTo(0.6 * (1 - Math.exp(-2)) + 0.2 * (1 - Math.exp(-1)), 12);
  });

  it('ranks by gain per hour, leaves teams without hours, refuses overlapping segments', () => {
    // Fast team: 4 km/h × 0.5 km × 1 h = 2 km²; slow team: 1 km/h × 0.5 km × 4 h = 2 km².
    // Same area swept, but the fast one does it in a quarter of the hours: it goes first, to A.
    const plan = assignTeams(grid, segments, [
      { name: 'slow', speedKmh: 1, sweepWidthKm: 0.5, hours: 4 },
      { name: 'fast', speedKmh: 4, sweepWidthKm: 0.5, hours: 1 },
      { name: 'resting', speedKmh: 4, sweepWidthKm: 0.5, hours: 0 },
    ]);
    expect(plan.assignments.map((a) => `${a.team}→${a.segment}`)).toEqual(['fast→A', 'slow→A']);
    expect(plan.unassigned).toEqual(['resting']);
    expect(() => assignTeams(grid, [{ id: 'A', cells: [0, 1] }, { id: 'B', cells: [1, 2] }], [])).toThrow(/cell 1 is in segments A and B/);
  });
});
