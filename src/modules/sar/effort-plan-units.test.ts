// The effort plan's units on cells that are not 1 km²: swept area z over a cell of area A finds a
// subject there with probability 1 − exp(−z/A), so the yardstick's sweep rate is 1/A per km² of
// effort. On 1 km cells 1/A is 1 and a plan that forgot to divide by the area could not be told
// apart; on 0.5 km cells (A = 0.25 km²) it can.
import { describe, it, expect } from 'vitest';
import { gridOf } from './grid.ts';
import { EASY } from './terrain.ts';
import { effortPlan } from './effort-plan.ts';

describe('effort plan on 0.5 km cells', () => {
  it("the team's POD and Stone's yardstick both count effort per km² of cell", () => {
    // p = 0.6 and 0.2 (0.2 in rest of world), cells of 0.25 km². One team sweeping 0.5 km × 1 km/h × 1 h = 0.5 km².
    // Sent whole to A1: z/A = 2, POD = 1 − e^−2, POS = 0.6·(1 − e^−2).
    // Poured optimally (w = 4 per km²): 0.6·e^(−4·t0) = 0.2·e^(−4·t1) with t0 + t1 = 0.5, so
    // t0 − t1 = ln 3 / 4, t0 = (0.5 + ln 3 / 4) / 2, and each cell is left at 0.6·e^−1/√3 = 0.2·e^−1·√3:
    // POS = 0.8 − 2·√0.12·e^−1.
    const grid = gridOf([0.6, 0.2], 0.2, { width: 2, height: 1, cellKm: 0.5 });
    const plan = effortPlan({ grid, terrain: new Uint8Array(2).fill(EASY), teams: [{ id: 't', name: 'Team t', speedKmh: 1, sweepWidthKm: 0.5 }], hours: 1, segmentKm: 0.5 });
    expect(plan.sweepKm2).toBeCloseTo(0.5, 12);
    expect(plan.assignments.map((a) => a.segment.id)).toEqual(['A1']);
    expect(plan.assignments[0]!.pod).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(plan.pos).toBeCloseTo(0.6 * (1 - Math.exp(-2)), 12);
    expect(plan.optimalPos).toBeCloseTo(0.8 - 2 * Math.sqrt(0.12) * Math.exp(-1), 10);
    expect(plan.ideal.map((s) => s.segment.id)).toEqual(['A1', 'B1']);
    expect(plan.ideal[0]!.effortKm2).toBeCloseTo((0.5 + Math.log(3) / 4) / 2, 10);
    expect(plan.ideal[1]!.effortKm2).toBeCloseTo((0.5 - Math.log(3) / 4) / 2, 10);
  });
});
