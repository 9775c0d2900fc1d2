// The grid, and the prior from the last known point: ring masses, terrain, direction, and what falls outside the grid.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cellAt, cellCentre, createGrid, normalise, totalMass } from './grid.ts';
import { BEYOND_RINGS_MASS, prior, SUBJECT_PROFILES, checkProfile, type SubjectProfile } from './prior.ts';
import { EASY, HARD, IMPASSABLE } from './terrain.ts';

const profile: SubjectProfile = { label: 'test', ringsKm: [1, 2, 3, 4] };
// 200 × 200 cells of 0.1 km, LKP in the middle: every ring lies wholly inside.
const shape = { width: 200, height: 200, cellKm: 0.1, originX: 0, originY: 0 };
const lkp = { x: 10, y: 10 };

function ringMass(p: Float64Array, lo: number, hi: number): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const c = cellCentre(shape, i);
    const d = Math.hypot(c.x - lkp.x, c.y - lkp.y);
    if (d >= lo && d < hi) s += p[i]!;
  }
  return s;
}

describe('the grid', () => {
  it('indexes cells row by row from the south-west corner', () => {
    const g = createGrid({ width: 3, height: 2, cellKm: 2, originX: 10, originY: 20 });
    expect(cellAt(g, 10, 20)).toBe(0);
    expect(cellAt(g, 15.9, 21)).toBe(2);
    expect(cellAt(g, 11, 22)).toBe(3);
    expect(cellAt(g, 16, 21)).toBe(-1);
    expect(cellAt(g, 9.99, 21)).toBe(-1);
    expect(cellCentre(g, 4)).toEqual({ x: 13, y: 23 });
  });

  it('normalises cells and rest of world together, and refuses an empty grid', () => {
    const g = createGrid({ width: 2, height: 1, cellKm: 1, originX: 0, originY: 0 });
    g.p.set([1, 2]);
    g.restOfWorld = 1;
    expect(normalise(g)).toBeCloseTo(0.25, 15);
    expect(Array.from(g.p)).toEqual([0.25, 0.5]);
    expect(g.restOfWorld).toBe(0.25);
    const empty = createGrid({ width: 2, height: 1, cellKm: 1, originX: 0, originY: 0 });
    expect(() => normalise(empty)).toThrow(/total mass of 0/);
  });

  it('holds a million cells', () => {
    const g = createGrid({ width: 1000, height: 1000, cellKm: 0.05, originX: 0, originY: 0 });
    expect(g.p.length).toBe(1_000_000);
  });
});

describe('the prior', () => {
  it('puts 25/25/25/20 % in the rings and 5 % in rest of world', () => {
    const g = prior({ shape, lkp, profile });
    expect(g.restOfWorld).toBeCloseTo(BEYOND_RINGS_MASS, 12);
    expect(totalMass(g)).toBeCloseTo(1, 12);
    expect(ringMass(g.p, 0, 1)).toBeCloseTo(0.25, 12);
    expect(ringMass(g.p, 1, 2)).toBeCloseTo(0.25, 12);
    expect(ringMass(g.p, 2, 3)).toBeCloseTo(0.25, 12);
    expect(ringMass(g.p, 3, 4)).toBeCloseTo(0.2, 12);
    expect(ringMass(g.p, 4, 1e9)).toBe(0);
  });

  it('weighs terrain within a ring: impassable 0, hard a third of easy', () => {
    const terrain = new Uint8Array(shape.width * shape.height).fill(EASY);
    const east = cellAt(shape, 11.55, 10.05); // 1.5 km east: ring 2
    const west = cellAt(shape, 8.45, 10.05); // 1.5 km west
    const north = cellAt(shape, 10.05, 11.55);
    terrain[west] = HARD;
    terrain[north] = IMPASSABLE;
    const g = prior({ shape, lkp, profile, terrain });
    expect(g.p[north]).toBe(0);
    expect(g.p[west]! / g.p[east]!).toBeCloseTo(1 / 3, 12);
    expect(ringMass(g.p, 1, 2)).toBeCloseTo(0.25, 12);
  });

  it('a direction of travel moves mass ahead within a ring, by exp(κ(cos Δ − 1))', () => {
    const g = prior({ shape, lkp, profile, direction: { bearingDeg: 270, concentration: 1 } });
    // Cells 2.55 km due west and due east of the LKP (same ring): ahead 1, behind e^−2.
    const ahead = cellAt(shape, 10 - 2.5 + 0.05 - 0.1, 10.05);
    const behind = cellAt(shape, 10 + 2.5 + 0.05, 10.05);
    const ca = cellCentre(shape, ahead), cb = cellCentre(shape, behind);
    expect(Math.hypot(ca.x - 10, ca.y - 10)).toBeCloseTo(Math.hypot(cb.x - 10, cb.y - 10), 9);
    const cos = (c: { x: number; y: number }) => -(c.x - 10) / Math.hypot(c.x - 10, c.y - 10); // cos of the angle to due west
    expect(g.p[ahead]! / g.p[behind]!).toBeCloseTo(Math.exp(cos(ca) - 1) / Math.exp(cos(cb) - 1), 9);
    expect(ringMass(g.p, 2, 3)).toBeCloseTo(0.25, 12);
  });

  it('the part of a ring outside the grid goes to rest of world', () => {
    // LKP at the grid's south-west corner: only a quarter of every ring is inside.
    const g = prior({ shape, lkp: { x: 0, y: 0 }, profile });
    const inside = 1 - g.restOfWorld;
    // 0.95/4 = 0.2375, up to the cells' share of each ring's area.
    expect(inside).toBeGreaterThan(0.2375 * 0.97);
    expect(inside).toBeLessThan(0.2375 * 1.03);
    expect(totalMass(g)).toBeCloseTo(1, 12);
  });

  it('rings too fine for the cells, and bad profiles, are refused', () => {
    expect(() => prior({ shape: { ...shape, cellKm: 5, width: 4, height: 4 }, lkp: { x: 10, y: 10 }, profile: { label: 'tiny', ringsKm: [0.1, 0.2, 0.3, 0.4] } })).toThrow(/no cell centre lies in ring 1/);
    expect(() => checkProfile({ label: 'bad', ringsKm: [1, 3, 2, 4] })).toThrow(/increasing/);
    for (const p of Object.values(SUBJECT_PROFILES)) expect(() => checkProfile(p)).not.toThrow();
  });
});

describe('the prior, for any last known point, profile and terrain', () => {
  it('is a distribution: non-negative, total 1, nothing on impassable cells, at least 5 % in rest of world', () => {
    const small = { width: 30, height: 20, cellKm: 0.5, originX: -5, originY: 3 };
    fc.assert(fc.property(
      fc.double({ min: -10, max: 15, noNaN: true }), fc.double({ min: 0, max: 16, noNaN: true }),
      fc.array(fc.double({ min: 0.6, max: 6, noNaN: true }), { minLength: 4, maxLength: 4 }).map((d) => { const s = [...d].sort((a, b) => a - b); return [s[0]!, s[0]! + s[1]!, s[0]! + s[1]! + s[2]!, s[0]! + s[1]! + s[2]! + s[3]!] as [number, number, number, number]; }),
      fc.array(fc.constantFrom(IMPASSABLE, HARD, EASY), { minLength: 600, maxLength: 600 }),
      fc.option(fc.record({ bearingDeg: fc.double({ min: 0, max: 360, noNaN: true }), concentration: fc.double({ min: 0, max: 4, noNaN: true }) }), { nil: undefined }),
      (x, y, ringsKm, t, direction) => {
        const terrain = Uint8Array.from(t);
        const g = prior({ shape: small, lkp: { x, y }, profile: { label: 'random', ringsKm }, terrain, direction });
        expect(totalMass(g)).toBeCloseTo(1, 12);
        expect(g.restOfWorld).toBeGreaterThanOrEqual(BEYOND_RINGS_MASS - 1e-12);
        for (let i = 0; i < 600; i++) {
          expect(g.p[i]).toBeGreaterThanOrEqual(0);
          if (terrain[i] === IMPASSABLE) expect(g.p[i]).toBe(0);
        }
      },
    ));
  });
});
