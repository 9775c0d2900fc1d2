// The effort plan: map squares, the teams' plan and Stone's yardstick, against answers worked by hand.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { gridOf } from './grid.ts';
import { EASY, HARD, IMPASSABLE } from './terrain.ts';
import { columnLetters, effortPlan, type PlanTeam } from './effort-plan.ts';

const team = (id: string, sweepWidthKm: number, speedKmh: number): PlanTeam => ({ id, name: `Team ${id}`, speedKmh, sweepWidthKm });
const open = (n: number) => new Uint8Array(n).fill(EASY);

describe('effort plan', () => {
  it('names squares like a grid reference', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('one team, two cells: the team goes where p is highest; the yardstick splits the effort', () => {
    // Cells of 1 km² with p = 0.6 and 0.2 (0.2 in rest of world). One team sweeping
    // 0.5 km × 2 km/h × 3 h = 3 km². Sent whole to A1: POS = 0.6·(1 − e^−3).
    // Poured optimally: both cells get effort, t0 + t1 = 3 and t0 − t1 = ln 3, and the POS is
    // 0.8 − 2λ with λ = √(0.12·e^−3) (each cell left at level λ).
    const grid = gridOf([0.6, 0.2], 0.2, { width: 2, height: 1, cellKm: 1 });
    const plan = effortPlan({ grid, terrain: open(2), teams: [team('t1', 0.5, 2)], hours: 3, segmentKm: 1 });
    expect(plan.assignments).toHaveLength(1);
    expect(plan.assignments[0]!.segment).toMatchObject({ id: 'A1', minX: 0, maxX: 1, minY: 0, maxY: 1, cells: 1 });
    expect(plan.assignments[0]!.segment.p).toBeCloseTo(0.6, 12);
    expect(plan.assignments[0]!.sweepKm2).toBeCloseTo(3, 12);
    expect(plan.assignments[0]!.pod).toBeCloseTo(1 - Math.exp(-3), 12);
    expect(plan.pos).toBeCloseTo(0.6 * (1 - Math.exp(-3)), 12);
    expect(plan.optimalPos).toBeCloseTo(0.8 - 2 * Math.sqrt(0.12 * Math.exp(-3)), 10);
    expect(plan.ideal.map((s) => s.segment.id)).toEqual(['A1', 'B1']);
    expect(plan.ideal[0]!.effortKm2).toBeCloseTo((3 + Math.log(3)) / 2, 10);
    expect(plan.ideal[1]!.effortKm2).toBeCloseTo((3 - Math.log(3)) / 2, 10);
  });

  it('a second team goes to the other square when that gains more per hour', () => {
    // Same cells; two teams of 1 km² each (0.5 × 2 × 1 h). First: A1 gains 0.6(1 − e^−1) = 0.379.
    // Second: A1 again would gain 0.6(e^−1 − e^−2) = 0.139, B1 gains 0.2(1 − e^−1) = 0.126: A1.
    // With p = 0.5 / 0.3 instead, B1's 0.3(1 − e^−1) = 0.190 beats A1's 0.5(e^−1 − e^−2) = 0.116.
    let plan = effortPlan({ grid: gridOf([0.6, 0.2], 0.2, { width: 2, height: 1 }), terrain: open(2), teams: [team('a', 0.5, 2), team('b', 0.5, 2)], hours: 1, segmentKm: 1 });
    expect(plan.assignments.map((a) => a.segment.id)).toEqual(['A1', 'A1']);
    expect(plan.assignments[1]!.pod).toBeCloseTo(1 - Math.exp(-2), 12);
    plan = effortPlan({ grid: gridOf([0.5, 0.3], 0.2, { width: 2, height: 1 }), terrain: open(2), teams: [team('a', 0.5, 2), team('b', 0.5, 2)], hours: 1, segmentKm: 1 });
    expect(plan.assignments.map((a) => [a.team.id, a.segment.id])).toEqual([['a', 'A1'], ['b', 'B1']]);
    expect(plan.pos).toBeCloseTo(0.5 * (1 - Math.exp(-1)) + 0.3 * (1 - Math.exp(-1)), 12);
  });

  it('squares of several cells: bounds, names from the south-west, impassable cells left out', () => {
    // 4 × 3 cells of 0.5 km, squares of 1 km = 2 × 2 cells: A1 B1 (rows 0–1), A2 B2 (row 2 only).
    const p = [
      0.1, 0.1, 0.05, 0.05,
      0.1, 0.1, 0.05, 0.05,
      0.2, 0, 0.1, 0.1,
    ];
    const terrain = open(12);
    terrain[9] = IMPASSABLE;
    terrain[10] = HARD;
    const grid = gridOf(p, 0, { width: 4, height: 3, cellKm: 0.5, originX: -1, originY: 10 });
    const plan = effortPlan({ grid, terrain, teams: [team('x', 0.1, 1), team('y', 0.1, 1), team('z', 0.1, 1), team('w', 0.1, 1)], hours: 1, segmentKm: 1 });
    const seen = new Map(plan.assignments.map((a) => [a.segment.id, a.segment]));
    expect(seen.get('A1')).toMatchObject({ minX: -1, maxX: 0, minY: 10, maxY: 11, cells: 4 });
    expect(seen.get('A1')!.p).toBeCloseTo(0.4, 12);
    // A2 is the top row's two western cells, one impassable: one cell left, capped at the grid's edge.
    expect(seen.get('A2')).toMatchObject({ minX: -1, maxX: 0, minY: 11, maxY: 11.5, cells: 1 });
    expect(seen.get('A2')!.p).toBeCloseTo(0.2, 12);
    expect(plan.segmentKm).toBe(1);
  });

  it('a square with no probability is never planned, and a team with nothing to gain is left unassigned', () => {
    const grid = gridOf([1, 0, 0], 0, { width: 3, height: 1 });
    const plan = effortPlan({ grid, terrain: open(3), teams: [team('a', 1, 1)], hours: 1, segmentKm: 1 });
    expect(plan.assignments.map((a) => a.segment.id)).toEqual(['A1']);
    const none = effortPlan({ grid: gridOf([0, 0, 0], 1, { width: 3, height: 1 }), terrain: open(3), teams: [team('a', 1, 1)], hours: 1, segmentKm: 1 });
    expect(none.assignments).toEqual([]);
    expect(none.unassigned.map((t) => t.id)).toEqual(['a']);
    expect(none.pos).toBe(0);
    expect(none.optimalPos).toBe(0);
  });

  it('refuses what it cannot plan', () => {
    const grid = gridOf([1], 0);
    expect(() => effortPlan({ grid, terrain: open(2), teams: [], hours: 1, segmentKm: 1 })).toThrow(/terrain has 2 cells/);
    expect(() => effortPlan({ grid, terrain: open(1), teams: [], hours: 0, segmentKm: 1 })).toThrow(/hours/);
    expect(() => effortPlan({ grid, terrain: open(1), teams: [], hours: 1, segmentKm: Number.NaN })).toThrow(/segment size/);
  });

  it('property: the teams never beat the yardstick, gains add up to the plan, every team is placed once', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 6 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 42, maxLength: 42 }),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 42, maxLength: 42 }),
      fc.array(fc.record({ w: fc.double({ min: 0.01, max: 2, noNaN: true }), v: fc.double({ min: 0.1, max: 8, noNaN: true }) }), { maxLength: 6 }),
      fc.double({ min: 0.1, max: 12, noNaN: true }), fc.integer({ min: 1, max: 4 }),
      (width, height, raw, cls, crew, hours, side) => {
        const n = width * height;
        const terrain = Uint8Array.from(cls.slice(0, n));
        const p = raw.slice(0, n).map((v, i) => (terrain[i] === IMPASSABLE ? 0 : v));
        const total = p.reduce((a, b) => a + b, 0);
        const grid = gridOf(p, total === 0 ? 1 : 0.1, { width, height });
        const teams = crew.map((c, k) => team(`t${k}`, c.w, c.v));
        const plan = effortPlan({ grid, terrain, teams, hours, segmentKm: side });
        expect(plan.pos).toBeLessThanOrEqual(plan.optimalPos + 1e-9);
        expect(plan.assignments.reduce((s, a) => s + a.gain, 0)).toBeCloseTo(plan.pos, 9);
        const placed = [...plan.assignments.map((a) => a.team.id), ...plan.unassigned.map((t) => t.id)].sort();
        expect(placed).toEqual(teams.map((t) => t.id).sort());
        for (const a of plan.assignments) expect(a.segment.p).toBeGreaterThan(0);
        // Squares partition the passable cells: their counts add up.
        expect(plan.sweepKm2).toBeCloseTo(teams.reduce((s, t) => s + t.sweepWidthKm * t.speedKmh * hours, 0), 9);
      },
    ), { numRuns: 300 });
  });
});
