// The core end to end on the night the Kazekage walked into the desert (WORLD.md day 6–7), in a
// test-local geometry (the module will draw the real map from project data): after the western
// post's reports, the village searched empty and hours of walking, the probability lies west
// towards the Demon Desert, not in the village — and the ledger can say why for any cell.
import { describe, it, expect } from 'vitest';
import { cellAt, cellCentre, totalMass } from './grid.ts';
import { prior, SUBJECT_PROFILES } from './prior.ts';
import { EASY, HARD, IMPASSABLE, terrainWeights } from './terrain.ts';
import { trackPod } from './search-update.ts';
import { motionKernel, stepsPerHour } from './motion.ts';
import { explainCell, record, startLedger } from './ledger.ts';
import { optimalAllocation } from './allocation.ts';

// 80 × 40 km at 250 m: the village in the east at (65, 20), the western command post at (50, 20),
// the Demon Desert (hard dunes) west of x = 35, the bluff at (22, 24), a rock ridge along the north edge.
const shape = { width: 320, height: 160, cellKm: 0.25, originX: 0, originY: 0 };
const VILLAGE = { x: 65, y: 20 };
const POST = { x: 50, y: 20 };

describe('the Kazekage missing', () => {
  it('ends west of the command post, not in the village', () => {
    const n = shape.width * shape.height;
    const terrain = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = cellCentre(shape, i);
      terrain[i] = c.y > 37 ? IMPASSABLE : c.x < 35 ? HARD : EASY;
    }
    const grid = prior({ shape, lkp: VILLAGE, profile: SUBJECT_PROFILES.shinobiOnFoot, terrain });
    const ledger = startLedger(grid, 'prior: shinobi on foot from the legislative building');
    // Evening: the post's sensors feel his chakra approaching, within about 3 km of the post (a Kage's chakra is
    // hard to mistake: false alarms 1 %)…
    record(ledger, grid, { kind: 'sighting', label: 'western post: chakra approaching', report: { kind: 'position', x: POST.x, y: POST.y, radiusKm: 3, hit: 0.8, falseAlarm: 0.01 } });
    // …then heading west (± 10°), within their 15 km.
    record(ledger, grid, { kind: 'sighting', label: 'western post: chakra heading west', report: { kind: 'bearing', x: POST.x, y: POST.y, bearingDeg: 270, sigmaDeg: 10, rangeKm: 15, hit: 0.8, falseAlarm: 0.01 } });
    // Then the post loses him: its sensors stay silent within 8 km.
    record(ledger, grid, { kind: 'sighting', label: 'western post: silent', report: { kind: 'silent', x: POST.x, y: POST.y, rangeKm: 8, pd: 0.9 } });
    // Kankuro's team sweeps the village streets (a lawnmower track, 100 m sweep width) and finds nothing.
    const streets = Array.from({ length: 13 }, (_, k) => [{ x: 62, y: 17 + k * 0.5 }, { x: 68, y: 17 + k * 0.5 }]).flatMap((pair, k) => (k % 2 ? pair.reverse() : pair));
    const pod = trackPod(shape, streets, 0.1);
    record(ledger, grid, { kind: 'search', label: 'Kankuro: village streets', pod });
    // A night of walking: six hours at 4 km/h on the move.
    const kernel = motionKernel(shape.width, shape.height, terrainWeights(terrain), { moveProbability: 0.8 });
    record(ledger, grid, { kind: 'motion', label: 'six hours', kernel, steps: 6 * stepsPerHour(4, shape.cellKm, 0.8) });

    expect(totalMass(grid)).toBeCloseTo(1, 9);
    let best = 0, west = 0, village = 0;
    for (let i = 0; i < n; i++) {
      if (grid.p[i]! > grid.p[best]!) best = i;
      const c = cellCentre(shape, i);
      if (c.x < POST.x) west += grid.p[i]!;
      if (Math.hypot(c.x - VILLAGE.x, c.y - VILLAGE.y) < 4) village += grid.p[i]!;
      if (terrain[i] === IMPASSABLE) expect(grid.p[i]).toBe(0);
    }
    expect(cellCentre(shape, best).x).toBeLessThan(POST.x);
    expect(west).toBeGreaterThan(3 * village); // 0.45 against 0.08 when written
    // The ledger of the bluff's cell multiplies out to its value now.
    const bluff = cellAt(shape, 22, 24);
    const lines = explainCell(ledger, bluff);
    expect(lines.map((l) => l.kind)).toEqual(['prior', 'sighting', 'sighting', 'sighting', 'search', 'motion']);
    expect(lines.at(-1)!.after).toBeCloseTo(grid.p[bluff]!, 15);
    // And tomorrow's effort goes west too: 200 team-hours allocated by Stone's rule.
    const w = Float64Array.from(terrain, (t) => (t === EASY ? 0.8 : t === HARD ? 0.4 : 0));
    const { effort } = optimalAllocation(grid.p, w, 200);
    let effortWest = 0, effortVillage = 0;
    for (let i = 0; i < n; i++) {
      const c = cellCentre(shape, i);
      if (c.x < POST.x) effortWest += effort[i]!;
      if (Math.hypot(c.x - VILLAGE.x, c.y - VILLAGE.y) < 4) effortVillage += effort[i]!;
    }
    expect(effortWest).toBeGreaterThan(3 * effortVillage);
  });
});
