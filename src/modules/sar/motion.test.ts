// Motion: the terrain-weighted Markov step conserves mass and never enters impassable cells; the dense matrix step for calc.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { gridOf, totalMass } from './grid.ts';
import { matrixStep, motionKernel, motionStep, moveFor, stepsPerHour } from './motion.ts';

const close = (a: ArrayLike<number>, b: readonly number[], digits = 12) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(a[i]).toBeCloseTo(b[i]!, digits);
};

describe('the terrain-weighted step', () => {
  it('known answer, 4 neighbours on a row of three', () => {
    // m = 0.5; cell 1 has neighbours 0 and 2 (W = 2): it keeps 0.5 and sends 0.25 each way.
    const g = gridOf([0, 1, 0]);
    motionStep(g, motionKernel(3, 1, Float64Array.of(1, 1, 1), { moveProbability: 0.5, neighbours: 4 }));
    close(g.p, [0.25, 0.5, 0.25]);
  });

  it('an impassable neighbour receives nothing: the share goes to the passable one', () => {
    // Cell 2 impassable: W_1 = 1, so cell 1 sends all its 0.5 to cell 0.
    const g = gridOf([0, 1, 0]);
    motionStep(g, motionKernel(3, 1, Float64Array.of(1, 1, 0), { moveProbability: 0.5, neighbours: 4 }));
    close(g.p, [0.5, 0.5, 0]);
  });

  it('terrain weights split the moving mass: easy 1 against hard 1/3 takes 3/4 of it', () => {
    // W_1 = 1 + 1/3; m = 0.4: cell 0 gets 0.4·1/(4/3) = 0.3, cell 2 0.4·(1/3)/(4/3) = 0.1.
    const g = gridOf([0, 1, 0]);
    motionStep(g, motionKernel(3, 1, Float64Array.of(1, 1, 1 / 3), { moveProbability: 0.4, neighbours: 4 }));
    close(g.p, [0.3, 0.6, 0.1]);
  });

  it('known answer, 8 neighbours from the centre of 3 × 3', () => {
    // m = 0.8, all easy: W = 4 + 4/√2; each side neighbour gets 0.8/W, each corner 0.8/(√2·W), centre keeps 0.2.
    const p = new Float64Array(9);
    p[4] = 1;
    const g = gridOf(p, 0, { width: 3, height: 3 });
    motionStep(g, motionKernel(3, 3, new Float64Array(9).fill(1), { moveProbability: 0.8 }));
    const W = 4 + 4 * Math.SQRT1_2;
    const side = 0.8 / W, corner = (0.8 * Math.SQRT1_2) / W;
    close(g.p, [corner, side, corner, side, 0.2, side, corner, side, corner]);
  });

  it('a cell walled in by impassable cells keeps its mass', () => {
    const w = Float64Array.of(0, 0, 0, 0, 1, 0, 0, 0, 0);
    const p = new Float64Array(9);
    p[4] = 1;
    const g = gridOf(p, 0, { width: 3, height: 3 });
    motionStep(g, motionKernel(3, 3, w, { moveProbability: 0.9 }));
    expect(g.p[4]).toBe(1);
  });

  it('properties: mass conserved (rest of world untouched), impassable cells stay at 0, nothing negative', () => {
    const dims = fc.record({ width: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 9 }) });
    fc.assert(fc.property(dims.chain(({ width, height }) => fc.record({
      width: fc.constant(width), height: fc.constant(height),
      terrain: fc.array(fc.constantFrom(0, 1 / 3, 1), { minLength: width * height, maxLength: width * height }),
      mass: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: width * height, maxLength: width * height }),
      rest: fc.double({ min: 0, max: 1, noNaN: true }),
      m: fc.double({ min: 0, max: 1, noNaN: true }),
      neighbours: fc.constantFrom(4 as const, 8 as const),
      steps: fc.integer({ min: 1, max: 6 }),
    })).filter((c) => c.mass.some((x, i) => x > 1e-9 && c.terrain[i]! > 0)), (c) => {
      const w = Float64Array.from(c.terrain);
      const g = gridOf(c.mass.map((x, i) => (w[i]! > 0 ? x : 0)), c.rest, { width: c.width, height: c.height });
      const rest = g.restOfWorld;
      const kernel = motionKernel(c.width, c.height, w, { moveProbability: c.m, neighbours: c.neighbours });
      for (let s = 0; s < c.steps; s++) motionStep(g, kernel);
      expect(totalMass(g)).toBeCloseTo(1, 12);
      expect(g.restOfWorld).toBe(rest);
      for (let i = 0; i < g.p.length; i++) {
        expect(g.p[i]).toBeGreaterThanOrEqual(0);
        if (w[i] === 0) expect(g.p[i]).toBe(0);
      }
    }));
  });

  it('steps per hour follow the walking speed', () => {
    // 3 km/h over 0.5 km cells, moving with probability 0.5 per step: 3 / (0.5·0.5) = 12 steps.
    expect(stepsPerHour(3, 0.5, 0.5)).toBe(12);
    expect(stepsPerHour(0, 1, 0.5)).toBe(1);
    const g = gridOf([0, 1, 0]);
    expect(moveFor(g, motionKernel(3, 1, Float64Array.of(1, 1, 1), { moveProbability: 0.5 }), 2, 1)).toBe(4);
  });
});

describe('the dense matrix step', () => {
  it('known answer: out_j = Σ_i p_i·M[i][j]', () => {
    // p = [1, 0], M = [[0.5, 0.5], [0.2, 0.8]] → [0.5, 0.5] → [0.5·0.5 + 0.5·0.2, 0.5·0.5 + 0.5·0.8] = [0.35, 0.65].
    const M = [[0.5, 0.5], [0.2, 0.8]];
    const once = matrixStep(Float64Array.of(1, 0), M);
    close(once, [0.5, 0.5]);
    close(matrixStep(once, M), [0.35, 0.65]);
  });
});
