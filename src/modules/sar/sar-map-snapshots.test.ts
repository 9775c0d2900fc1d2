// The snapshots behind the map are a cache: they may make a map faster, never different. A
// snapshot is reused only for exactly the reports, and the operation, it was made from — by
// content, not by id: the same report id carrying another report, or the same operation id
// with another last known point or area, is replayed from scratch. Expected maps are the core
// applied by hand in time order.
import { describe, it, expect, beforeEach } from 'vitest';
import { prior, SUBJECT_PROFILES } from './prior.ts';
import { applySighting } from './sighting.ts';
import { sparseSearchUpdate, trackPod } from './search-update.ts';
import { forgetMaps, mapAt, shapeOf, type MapOperation, type MapReport } from './sar-map.ts';
import { terrainFor } from './land-of-wind.ts';

const op: MapOperation = {
  id: 'op-snap', area: { minX: -20, minY: -10, maxX: 10, maxY: 10, cellKm: 0.5 },
  lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00.000Z' }, profile: 'shinobiOnFoot', direction: null, movingKmh: null,
};
const END = '2026-11-25T00:00:00.000Z';
const seen = (x: number): MapReport => ({ kind: 'sighting', id: 'a', at: '2026-11-24T17:00:00.000Z', summary: 'seen', report: { kind: 'position', x, y: 0, radiusKm: 1, hit: 0.9, falseAlarm: 0.05 } });
const swept: MapReport = { kind: 'search', id: 'b', at: '2026-11-24T19:00:00.000Z', summary: 'swept', points: [{ x: -4, y: -1 }, { x: 2, y: -1 }], sweepWidthKm: 0.5 };

/** The reports applied by hand with the core, in time order, to the operation's own prior (no motion). */
function byHand(o: MapOperation, reports: MapReport[]) {
  const shape = shapeOf(o.area);
  const grid = prior({ shape, lkp: o.lastKnown, profile: SUBJECT_PROFILES[o.profile], terrain: terrainFor(shape) });
  for (const r of [...reports].sort((x, y) => Date.parse(x.at) - Date.parse(y.at))) {
    if (r.kind === 'sighting') applySighting(grid, r.report);
    else sparseSearchUpdate(grid, trackPod(shape, r.points, r.sweepWidthKm));
  }
  return grid;
}

beforeEach(() => forgetMaps());

describe('the map snapshots', () => {
  it('a report id now carrying another report is replayed, not read from the snapshot of the old one', () => {
    const east = mapAt(op, [seen(5), swept], END);
    expect(east.grid.p).toEqual(byHand(op, [seen(5), swept]).p);
    const west = mapAt(op, [seen(-10), swept], END);
    expect(west.grid.p).toEqual(byHand(op, [seen(-10), swept]).p);
    expect(west.grid.p).not.toEqual(east.grid.p);
  });

  it('an operation id with another last known point or area starts from its own prior', () => {
    mapAt(op, [seen(-3), swept], END);
    const moved: MapOperation = { ...op, lastKnown: { ...op.lastKnown, x: -8, y: 2 } };
    expect(mapAt(moved, [seen(-3), swept], END).grid.p).toEqual(byHand(moved, [seen(-3), swept]).p);
    const wider: MapOperation = { ...op, area: { ...op.area, minX: -30 } };
    const m = mapAt(wider, [seen(-3), swept], END);
    expect(m.grid.width).toBe(80);
    expect(m.grid.p).toEqual(byHand(wider, [seen(-3), swept]).p);
  });
});
