// The replay of an operation's reports into its map: time order whatever the arrival order, the
// same answer from snapshots as from scratch, motion between reports, coverage and the ledger.
import { describe, it, expect, beforeEach } from 'vitest';
import { cellAt, cellCentre, cloneGrid } from './grid.ts';
import { prior, SUBJECT_PROFILES } from './prior.ts';
import { terrainWeights } from './terrain.ts';
import { motionKernel, motionStep, stepsPerHour } from './motion.ts';
import { applySighting } from './sighting.ts';
import { sparseSearchUpdate, trackPod } from './search-update.ts';
import { explainAt, forgetMaps, mapAt, MAX_MOTION_HOURS, MOVE_PROBABILITY, shapeOf, type MapOperation, type MapReport } from './sar-map.ts';
import { terrainFor } from './land-of-wind.ts';

// 40 × 30 km around the village at 0.25 km: 160 × 120 cells.
const still: MapOperation = {
  id: 'op-1', area: { minX: -30, minY: -15, maxX: 10, maxY: 15, cellKm: 0.25 },
  lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00.000Z' }, profile: 'shinobiOnFoot', direction: null, movingKmh: null,
};
const moving: MapOperation = { ...still, id: 'op-2', movingKmh: 3 };

const A: MapReport = { kind: 'sighting', id: 'a', at: '2026-11-24T17:00:00.000Z', summary: 'seen by the gate', report: { kind: 'position', x: -3, y: 0, radiusKm: 2, hit: 0.8, falseAlarm: 0.05 } };
const B: MapReport = { kind: 'sighting', id: 'b', at: '2026-11-24T19:00:00.000Z', summary: 'the post felt chakra to the west', report: { kind: 'bearing', x: -12, y: 0, bearingDeg: 270, sigmaDeg: 10, rangeKm: 15, hit: 0.8, falseAlarm: 0.02 } };
const C: MapReport = { kind: 'search', id: 'c', at: '2026-11-24T21:00:00.000Z', summary: 'Kankuro swept the arroyo', points: [{ x: -5, y: -3 }, { x: -1, y: -3 }, { x: -1, y: -2 }, { x: -5, y: -2 }], sweepWidthKm: 0.2 };
const D: MapReport = { kind: 'sighting', id: 'd', at: '2026-11-24T22:30:00.000Z', summary: 'the post went silent', report: { kind: 'silent', x: -12, y: 0, rangeKm: 6, pd: 0.9 } };

beforeEach(() => forgetMaps());

/** The replay done by hand with the core, in time order: the expected answer. */
function byHand(op: MapOperation, reports: MapReport[], at: string) {
  const shape = shapeOf(op.area);
  const terrain = terrainFor(shape);
  const grid = prior({ shape, lkp: op.lastKnown, profile: SUBJECT_PROFILES[op.profile], terrain });
  const kernel = op.movingKmh ? motionKernel(shape.width, shape.height, terrainWeights(terrain), { moveProbability: MOVE_PROBABILITY }) : null;
  const perHour = op.movingKmh ? stepsPerHour(op.movingKmh, shape.cellKm, MOVE_PROBABILITY) : 0;
  let t = Date.parse(op.lastKnown.at);
  const walk = (to: number) => {
    if (!kernel || to <= t) return;
    const steps = Math.round(Math.min(MAX_MOTION_HOURS, (to - t) / 3.6e6) * perHour);
    for (let s = 0; s < steps; s++) motionStep(grid, kernel);
  };
  for (const r of [...reports].sort((x, y) => Date.parse(x.at) - Date.parse(y.at))) {
    if (Date.parse(r.at) > Date.parse(at)) break;
    walk(Date.parse(r.at));
    if (r.kind === 'sighting') applySighting(grid, r.report);
    else sparseSearchUpdate(grid, trackPod(shape, r.points, r.sweepWidthKm));
    t = Date.parse(r.at);
  }
  walk(Date.parse(at));
  return grid;
}

describe.each([['a subject who stays put', still], ['a moving subject', moving]] as const)('the map of %s', (_name, op) => {
  const end = '2026-11-25T00:00:00.000Z';

  it('is the reports replayed in time order, checked against the core by hand', () => {
    const m = mapAt(op, [A, B, C, D], end);
    const expected = byHand(op, [A, B, C, D], end);
    expect(m.grid.p).toEqual(expected.p);
    expect(m.grid.restOfWorld).toBe(expected.restOfWorld);
    expect(m.steps.map((s) => s.kind)).toEqual(op.movingKmh
      ? ['prior', 'motion', 'sighting', 'motion', 'sighting', 'motion', 'search', 'motion', 'sighting', 'motion']
      : ['prior', 'sighting', 'sighting', 'search', 'sighting']);
  });

  it('gives a late report exactly the map an in-order recording gives', () => {
    // In order: A, B, C, D, the map asked for after each (snapshots made along the way).
    for (const k of [1, 2, 3, 4]) mapAt(op, [A, B, C, D].slice(0, k), end);
    const inOrder = mapAt(op, [A, B, C, D], end);
    forgetMaps();
    // B (19:00) comes in last, after C (21:00) and D (22:30) were recorded and mapped.
    mapAt(op, [A], end);
    mapAt(op, [A, C], end);
    const without = mapAt(op, [A, C, D], end);
    const late = mapAt(op, [A, C, D, B], end);
    expect(late.grid.p).toEqual(inOrder.grid.p);
    expect(late.grid.restOfWorld).toBe(inOrder.grid.restOfWorld);
    expect(late.steps).toEqual(inOrder.steps);
    // And B did change it (the test would pass vacuously otherwise).
    expect(late.grid.p).not.toEqual(without.grid.p);
    // Applying B last, on the map as it stood (arrival order), is not what the operation shows.
    if (op.movingKmh) {
      const arrival = cloneGrid(without.grid);
      applySighting(arrival, (B as Extract<MapReport, { kind: 'sighting' }>).report);
      expect(late.grid.p).not.toEqual(arrival.p);
    }
  });

  it('shows the map as it stood at an earlier instant', () => {
    const at = '2026-11-24T20:00:00.000Z';
    const m = mapAt(op, [A, B, C, D], at);
    expect(m.grid.p).toEqual(byHand(op, [A, B, C, D], at).p);
    expect(m.steps.filter((s) => s.kind !== 'motion').map((s) => s.id)).toEqual([null, 'a', 'b']);
    expect(m.coverage).toBeNull();
  });
});

describe('the map', () => {
  const end = '2026-11-25T00:00:00.000Z';

  it('puts more mass west than east after a westward bearing from a post', () => {
    const post: MapReport = { kind: 'sighting', id: 'w', at: '2026-11-24T18:00:00.000Z', summary: 'chakra to the west', report: { kind: 'bearing', x: 0, y: 0, bearingDeg: 270, sigmaDeg: 10, hit: 0.9, falseAlarm: 0.02 } };
    const area = { minX: -20, minY: -20, maxX: 20, maxY: 20, cellKm: 0.25 };
    const op: MapOperation = { ...still, id: 'op-w', area };
    const before = mapAt(op, [], end).grid;
    const after = mapAt(op, [post], end).grid;
    const side = (p: Float64Array) => {
      let west = 0, east = 0;
      for (let i = 0; i < p.length; i++) { const c = cellCentre(after, i); if (c.x < 0) west += p[i]!; else east += p[i]!; }
      return { west, east };
    };
    const b = side(before.p);
    const a = side(after.p);
    // East of the post every cell is more than 9σ off the bearing: its likelihood is the false-alarm
    // rate f, while cells near due west get up to the hit probability h, 45 times more.
    expect(a.west).toBeGreaterThan(a.east * 3);
    // Averaged over the west half (all within 9σ = 90° of the bearing), the likelihood is about
    // f + (h − f)·√(2π)·σ/180° ≈ 0.02 + 0.88 × 0.14 = 0.14 against f = 0.02 east: about 7 times.
    expect(a.west / a.east).toBeGreaterThan(5 * (b.west / b.east));
    const dueWest = cellAt(after, -8, 0.1);
    const dueEast = cellAt(after, 8, 0.1);
    const c = cellCentre(after, dueWest);
    const off = 270 - (Math.atan2(c.x, c.y) * 180 / Math.PI + 360);
    const likelihood = 0.02 + 0.88 * Math.exp(-(off * off) / (2 * 10 * 10));
    expect(after.p[dueWest]! / after.p[dueEast]!).toBeCloseTo((likelihood / 0.02) * (before.p[dueWest]! / before.p[dueEast]!), 6);
  });

  it('accumulates coverage from the searched tracks: 1 − Π(1 − POD)', () => {
    const C2: MapReport = { ...C, id: 'c2', at: '2026-11-24T23:00:00.000Z' } as MapReport;
    const m = mapAt(still, [A, C, C2], end);
    const pod = trackPod(shapeOf(still.area), (C as Extract<MapReport, { kind: 'search' }>).points, 0.2);
    const cell = pod.cells[0]!;
    expect(m.coverage![cell]).toBeCloseTo(1 - (1 - pod.pod[0]!) ** 2, 12);
    expect(m.coverage![cellAt(m.grid, 5, 10)]).toBe(0);
    expect(m.pos.get('c')).toBeGreaterThan(0);
    expect(m.pos.get('c2')).toBeLessThan(m.pos.get('c')!); // the same ground searched again holds less
  });

  it('explains a cell: prior, then each report with its factor, ending at the map value', () => {
    const e = explainAt(moving, [A, B, C, D], end, -8, 0.1)!;
    const m = mapAt(moving, [A, B, C, D], end);
    expect(e.ledger[0]!.kind).toBe('prior');
    expect(e.ledger.map((l) => l.kind).filter((k) => k !== 'motion')).toEqual(['prior', 'sighting', 'sighting', 'search', 'sighting']);
    expect(e.ledger.at(-1)!.after).toBeCloseTo(e.p, 15);
    expect(e.p).toBe(m.grid.p[cellAt(m.grid, -8, 0.1)]);
    for (const l of e.ledger) if (l.kind === 'sighting' || l.kind === 'search') expect(l.factor).not.toBeNull();
    expect(explainAt(moving, [A], end, 500, 0)).toBeNull();
  });

  it('keeps separate timelines for readers who see different reports, and each stays right', () => {
    const all = mapAt(still, [A, B, C, D], end);
    const some = mapAt(still, [B, D], end);
    const allAgain = mapAt(still, [A, B, C, D], end);
    expect(allAgain.grid.p).toEqual(all.grid.p);
    expect(some.grid.p).toEqual(byHand(still, [B, D], end).p);
  });
});
