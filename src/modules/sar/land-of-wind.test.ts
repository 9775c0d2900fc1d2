// The land: canon places have the terrain the story gives them, the raster agrees with a plain
// per-cell point-in-polygon test, and the hidden oasis is reached only through the cleft.
import { describe, it, expect } from 'vitest';
import { cellAt, cellCentre, type GridShape } from './grid.ts';
import { LAND_BOUNDS, LAND_OF_WIND, landOfWind, terrainFor, type LandFeature } from './land-of-wind.ts';
import { EASY, HARD, IMPASSABLE } from './terrain.ts';

// 0.1 km cells from x −70 to 10, y −20 to 10: the bluff, the arroyo and the village all inside.
const west: GridShape = { width: 800, height: 300, cellKm: 0.1, originX: -70, originY: -20 };
const terrain = terrainFor(west);
const at = (x: number, y: number, g: GridShape = west, t = terrain) => t[cellAt(g, x, y)];

describe('the Land of Wind', () => {
  it('gives the canon places their terrain', () => {
    expect(at(0, 0)).toBe(EASY);                 // the village
    expect(at(0.6, -0.5)).toBe(EASY);
    expect(at(-62.3, -5)).toBe(IMPASSABLE);      // the bluff's rock
    expect(at(-61.5, -7.5)).toBe(IMPASSABLE);
    expect(at(-58, -7.5)).toBe(IMPASSABLE);
    expect(at(-60.2, -6)).toBe(EASY);            // the oasis inside it
    expect(at(-45, 0)).toBe(HARD);               // the Demon Desert
    expect(at(-45, -15)).toBe(HARD);
    expect(at(-30, 3)).toBe(EASY);               // the plain east of the frontier
    expect(at(-2.3, -1.0)).toBe(HARD);           // the arroyo's broken ground
    expect(at(-3.1, -1.4)).toBe(IMPASSABLE);     // and its rock pillars
    expect(at(-12, 0.64)).toBe(EASY);            // the patrol road crossing the plain
  });

  it('has a dune sea north of the village, rocky ground south-west, and the riverbed easy across it', () => {
    const g: GridShape = { width: 400, height: 240, cellKm: 0.25, originX: -20, originY: -20 };
    const t = terrainFor(g);
    expect(at(0, 30, g, t)).toBe(HARD);
    expect(at(-16, -17, g, t)).toBe(IMPASSABLE); // black rocks
    expect(at(-12, -18, g, t)).toBe(HARD);       // the stone shelf
    expect(at(-9.5, -18, g, t)).toBe(EASY);      // the dry riverbed crossing it
    expect(at(20, 1.72, g, t)).toBe(EASY);       // the caravan road
  });

  it('paints polygons exactly as a per-cell point-in-polygon test would', () => {
    // Reference: for each cell centre, the last polygon feature containing it (ray casting).
    const g: GridShape = { width: 180, height: 100, cellKm: 1, originX: -100, originY: -50 };
    const polygons = LAND_OF_WIND.filter((f) => f.geometry.type === 'Polygon');
    const t = terrainFor(g, polygons);
    const cls = { impassable: IMPASSABLE, hard: HARD, easy: EASY } as const;
    let mismatches = 0;
    for (let i = 0; i < t.length; i++) {
      const c = cellCentre(g, i);
      let expected: number = EASY;
      for (const f of polygons) if (contains(f, c.x, c.y)) expected = cls[f.terrain!];
      if (t[i] !== expected) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('reaches the hidden oasis only through the cleft', () => {
    const g: GridShape = { width: 200, height: 120, cellKm: 0.1, originX: -68, originY: -12 };
    const start = cellAt(g, -52, -6); // open desert east of the bluff
    const oasis = cellAt(g, -60.2, -6);
    expect(reachable(g, terrainFor(g), start).has(oasis)).toBe(true);
    const withoutCleft = LAND_OF_WIND.filter((f) => f.id !== 'cleft');
    expect(reachable(g, terrainFor(g, withoutCleft), start).has(oasis)).toBe(false);
  });

  it('treats cells beyond the map as easy plain and a grid off the map as all easy', () => {
    const g: GridShape = { width: 10, height: 10, cellKm: 1, originX: LAND_BOUNDS.maxX + 5, originY: 0 };
    expect([...terrainFor(g)].every((c) => c === EASY)).toBe(true);
  });

  it('serves every feature with a kind from the contract and GeoJSON geometry', () => {
    const land = landOfWind();
    const kinds = new Set(['village', 'post', 'arroyo', 'desert', 'dunes', 'rock', 'bluff', 'oasis', 'road', 'riverbed']);
    expect(land.features.every((f) => kinds.has(f.kind))).toBe(true);
    expect(new Set(land.features.map((f) => f.id)).size).toBe(land.features.length);
    for (const f of land.features) {
      if (f.geometry.type === 'Polygon') for (const ring of f.geometry.coordinates) expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    expect(land.features.find((f) => f.id === 'western-post')?.geometry).toEqual({ type: 'Point', coordinates: [-25, 0] });
  });
});

function contains(f: LandFeature, x: number, y: number): boolean {
  if (f.geometry.type !== 'Polygon') return false;
  let inside = false;
  for (const ring of f.geometry.coordinates) {
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [xa, ya] = ring[a]!;
      const [xb, yb] = ring[b]!;
      if ((ya > y) !== (yb > y) && x < xa + ((y - ya) / (yb - ya)) * (xb - xa)) inside = !inside;
    }
  }
  return inside;
}

/** Cells reachable from start through passable cells, 8 neighbours (as the motion model moves). */
function reachable(g: GridShape, t: Uint8Array, start: number): Set<number> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const i = queue.pop()!;
    const col = i % g.width;
    const row = (i - col) / g.width;
    for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
      const c = col + dc;
      const r = row + dr;
      if (c < 0 || r < 0 || c >= g.width || r >= g.height) continue;
      const j = r * g.width + c;
      if (t[j] !== IMPASSABLE && !seen.has(j)) { seen.add(j); queue.push(j); }
    }
  }
  return seen;
}
