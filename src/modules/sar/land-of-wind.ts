// The Land of Wind as the search planner sees it: named places, each with a terrain class, on the
// flat km map of the operations (x east, y north, origin at the centre of Sunagakure). From them a
// terrain raster (terrain.ts: 0 impassable, 1 hard, 2 easy) is computed for any grid an operation
// draws. Pure data and geometry, no I/O.
//
// Canon (WORLD.md): the walled village around the origin; the arroyo just outside it to the
// west-south-west with its rock formations (Lee's training ground); the western frontier and its
// command post; the Demon Desert beyond it; the red sandstone bluff in the Demon Desert, whose
// cleft leads through a grotto to a hidden oasis with a waterfall and pool. The rest (dune seas,
// rocky ground, the caravan road east, the dry riverbed, the patrol road west) is ours, drawn to
// make a believable map. Distances are round numbers, not survey results.
import { EASY, HARD, IMPASSABLE, type Terrain } from './terrain.ts';
import type { GridShape } from './grid.ts';

export type FeatureKind = 'village' | 'post' | 'arroyo' | 'desert' | 'dunes' | 'rock' | 'bluff' | 'oasis' | 'road' | 'riverbed';
export type TerrainName = 'impassable' | 'hard' | 'easy';

type Position = [number, number];
export type LandGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] };

export interface LandFeature {
  id: string;
  name: string;
  kind: FeatureKind;
  /** What the feature makes of the ground under it; null for a place that changes nothing (a post). */
  terrain: TerrainName | null;
  geometry: LandGeometry;
  /** A line's width on the ground, km (roads, riverbeds, the cleft): the cells within half of it take its terrain. */
  widthKm?: number;
}

export interface LandBounds { minX: number; minY: number; maxX: number; maxY: number }

/** The map's extent; outside it (and under no feature) the ground counts as easy, like the open plain. */
export const LAND_BOUNDS: LandBounds = { minX: -100, minY: -50, maxX: 80, maxY: 50 };

const TERRAIN_CLASS: Record<TerrainName, number> = { impassable: IMPASSABLE, hard: HARD, easy: EASY };

/** A closed ring approximating an ellipse (n vertices), for the rounder places. */
function ellipse(cx: number, cy: number, rx: number, ry: number, n = 24, turnDeg = 0): Position[][] {
  const ring: Position[] = [];
  const turn = (turnDeg * Math.PI) / 180;
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const ex = rx * Math.cos(a);
    const ey = ry * Math.sin(a);
    ring.push([round(cx + ex * Math.cos(turn) - ey * Math.sin(turn)), round(cy + ex * Math.sin(turn) + ey * Math.cos(turn))]);
  }
  ring.push(ring[0]!);
  return [ring];
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const closed = (ring: Position[]): Position[][] => [[...ring, ring[0]!]];

/**
 * Painted in this order, each over the ones before it: the broad regions first, then the places
 * inside them (the oasis over the bluff that holds it, the cleft through the bluff's rock).
 */
export const LAND_OF_WIND: readonly LandFeature[] = [
  { id: 'plain', name: 'Gravel plain of the Land of Wind', kind: 'desert', terrain: 'easy',
    geometry: { type: 'Polygon', coordinates: closed([[LAND_BOUNDS.minX, LAND_BOUNDS.minY], [LAND_BOUNDS.maxX, LAND_BOUNDS.minY], [LAND_BOUNDS.maxX, LAND_BOUNDS.maxY], [LAND_BOUNDS.minX, LAND_BOUNDS.maxY]]) } },
  { id: 'demon-desert', name: 'Demon Desert', kind: 'desert', terrain: 'hard',
    geometry: { type: 'Polygon', coordinates: closed([[-100, -50], [-36, -50], [-34, -30], [-35, -10], [-33, 5], [-36, 25], [-35, 50], [-100, 50]]) } },
  { id: 'northern-erg', name: 'Northern dune sea', kind: 'dunes', terrain: 'hard',
    geometry: { type: 'Polygon', coordinates: closed([[-30, 12], [-12, 9], [4, 14], [18, 22], [22, 38], [5, 46], [-20, 44], [-32, 30]]) } },
  { id: 'southern-erg', name: 'Southern dune sea', kind: 'dunes', terrain: 'hard',
    geometry: { type: 'Polygon', coordinates: closed([[10, -12], [30, -10], [52, -18], [60, -36], [38, -46], [14, -40], [6, -26]]) } },
  { id: 'scorpion-dunes', name: 'Red dunes of the scorpions', kind: 'dunes', terrain: 'hard',
    geometry: { type: 'Polygon', coordinates: ellipse(-75, 18, 14, 9, 24, 15) } },
  { id: 'stone-shelf', name: 'Stone shelf (broken rocky ground)', kind: 'rock', terrain: 'hard',
    geometry: { type: 'Polygon', coordinates: closed([[-22, -8], [-10, -9], [-6, -18], [-14, -26], [-26, -22]]) } },
  { id: 'black-rocks', name: 'Black rocks', kind: 'rock', terrain: 'impassable',
    geometry: { type: 'Polygon', coordinates: ellipse(-16, -17, 2.5, 1.5, 16, 30) } },
  { id: 'dry-riverbed', name: 'Dry riverbed of the old river', kind: 'riverbed', terrain: 'easy', widthKm: 0.6,
    geometry: { type: 'LineString', coordinates: [[40, 45], [28, 30], [16, 18], [8, 8], [3, 3], [-1, -5], [-8, -14], [-14, -30], [-18, -50]] } },
  { id: 'arroyo', name: 'The arroyo (rock formations)', kind: 'arroyo', terrain: 'hard',
    geometry: { type: 'Polygon', coordinates: ellipse(-2.8, -1.2, 1.4, 0.8, 20, 20) } },
  { id: 'arroyo-pillars', name: 'Rock pillars of the arroyo', kind: 'rock', terrain: 'impassable',
    geometry: { type: 'Polygon', coordinates: ellipse(-3.1, -1.4, 0.35, 0.2, 12, 20) } },
  { id: 'village', name: 'Sunagakure (walled village)', kind: 'village', terrain: 'easy',
    geometry: { type: 'Polygon', coordinates: ellipse(0, 0, 1, 1, 24) } },
  { id: 'caravan-road', name: 'Caravan road east', kind: 'road', terrain: 'easy', widthKm: 0.2,
    geometry: { type: 'LineString', coordinates: [[1, 0], [12, 1.5], [30, 2], [50, 6], [80, 8]] } },
  { id: 'patrol-road', name: 'Patrol road to the western command post', kind: 'road', terrain: 'easy', widthKm: 0.2,
    geometry: { type: 'LineString', coordinates: [[-1, 0.1], [-8, 0.8], [-16, 0.4], [-25, 0]] } },
  { id: 'western-post', name: 'Western command post', kind: 'post', terrain: null,
    geometry: { type: 'Point', coordinates: [-25, 0] } },
  { id: 'bluff', name: 'Red sandstone bluff', kind: 'bluff', terrain: 'impassable',
    geometry: { type: 'Polygon', coordinates: closed([[-63, -7.5], [-61.5, -8.6], [-59, -8.4], [-57.2, -7], [-57, -5], [-58.4, -3.6], [-61, -3.5], [-62.8, -4.6]]) } },
  { id: 'oasis', name: 'Hidden oasis (waterfall and pool)', kind: 'oasis', terrain: 'easy',
    geometry: { type: 'Polygon', coordinates: ellipse(-60.2, -6, 0.9, 0.8, 16) } },
  // The cleft and its grotto, a passage through the rock from the bluff's eastern face to the oasis.
  { id: 'cleft', name: 'The cleft and grotto', kind: 'rock', terrain: 'easy', widthKm: 0.15,
    geometry: { type: 'LineString', coordinates: [[-56.5, -6.2], [-57.6, -6.1], [-58.6, -6.0], [-59.3, -6.0]] } },
];

/** The land as the API serves it (GET /api/sar/land). */
export function landOfWind(): { features: LandFeature[]; bounds: LandBounds } {
  return { features: LAND_OF_WIND.map((f) => ({ ...f })), bounds: { ...LAND_BOUNDS } };
}

/**
 * The terrain class of every cell of the grid, from the features painted in order (a cell takes
 * the class of the last feature that covers its centre; lines cover the cells within half their
 * width of the line and every cell the line passes through, so a narrow passage stays connected).
 * Polygons are rasterised by scanline — per row, the crossings of the row's centre line with the
 * polygon's edges, then runs of cells between pairs — so the cost is rows × edges plus cells
 * painted, not cells × polygons.
 */
export function terrainFor(grid: GridShape, features: readonly LandFeature[] = LAND_OF_WIND): Terrain {
  const out = new Uint8Array(grid.width * grid.height).fill(EASY);
  for (const f of features) {
    if (f.terrain === null) continue;
    const cls = TERRAIN_CLASS[f.terrain];
    if (f.geometry.type === 'Polygon') paintPolygon(out, grid, f.geometry.coordinates, cls);
    else if (f.geometry.type === 'LineString') paintLine(out, grid, f.geometry.coordinates, (f.widthKm ?? 0) / 2, cls);
  }
  return out;
}

/** Even-odd fill of every ring together (a second ring is a hole), sampled at cell centres. */
function paintPolygon(out: Uint8Array, g: GridShape, rings: readonly Position[][], cls: number): void {
  let minY = Infinity;
  let maxY = -Infinity;
  for (const ring of rings) for (const [, y] of ring) { if (y < minY) minY = y; if (y > maxY) maxY = y; }
  const rowFrom = Math.max(0, Math.ceil((minY - g.originY) / g.cellKm - 0.5));
  const rowTo = Math.min(g.height - 1, Math.floor((maxY - g.originY) / g.cellKm - 0.5));
  const xs: number[] = [];
  for (let row = rowFrom; row <= rowTo; row++) {
    const y = g.originY + (row + 0.5) * g.cellKm;
    xs.length = 0;
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [ax, ay] = ring[k]!;
        const [bx, by] = ring[k + 1]!;
        // Half-open in y, so a vertex exactly on the row counts once.
        if ((ay > y) !== (by > y)) xs.push(ax + ((y - ay) / (by - ay)) * (bx - ax));
      }
    }
    xs.sort((a, b) => a - b);
    const base = row * g.width;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Cells whose centre x lies in [xs[k], xs[k+1]).
      const from = Math.max(0, Math.ceil((xs[k]! - g.originX) / g.cellKm - 0.5));
      const to = Math.min(g.width, Math.ceil((xs[k + 1]! - g.originX) / g.cellKm - 0.5));
      if (to > from) out.fill(cls, base + from, base + to);
    }
  }
}

function paintLine(out: Uint8Array, g: GridShape, pts: readonly Position[], half: number, cls: number): void {
  for (let k = 0; k + 1 < pts.length; k++) {
    const [ax, ay] = pts[k]!;
    const [bx, by] = pts[k + 1]!;
    const len = Math.hypot(bx - ax, by - ay);
    // Walk the segment in steps under half a cell: every cell it passes through is painted.
    const n = Math.max(1, Math.ceil(len / (g.cellKm / 3)));
    for (let s = 0; s <= n; s++) {
      const x = ax + ((bx - ax) * s) / n;
      const y = ay + ((by - ay) * s) / n;
      const col = Math.floor((x - g.originX) / g.cellKm);
      const row = Math.floor((y - g.originY) / g.cellKm);
      if (col >= 0 && row >= 0 && col < g.width && row < g.height) out[row * g.width + col] = cls;
    }
    if (half * 2 < g.cellKm / 2) continue; // narrower than half a cell: the walk above is the line
    // Cells whose centre is within `half` of the segment: per row, the x-range of the capsule.
    const rowFrom = Math.max(0, Math.ceil((Math.min(ay, by) - half - g.originY) / g.cellKm - 0.5));
    const rowTo = Math.min(g.height - 1, Math.floor((Math.max(ay, by) + half - g.originY) / g.cellKm - 0.5));
    const colMin = Math.max(0, Math.ceil((Math.min(ax, bx) - half - g.originX) / g.cellKm - 0.5));
    const colMax = Math.min(g.width - 1, Math.floor((Math.max(ax, bx) + half - g.originX) / g.cellKm - 0.5));
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    for (let row = rowFrom; row <= rowTo; row++) {
      const cy = g.originY + (row + 0.5) * g.cellKm;
      for (let col = colMin; col <= colMax; col++) {
        const cx = g.originX + (col + 0.5) * g.cellKm;
        const t = len2 > 0 ? Math.min(1, Math.max(0, ((cx - ax) * dx + (cy - ay) * dy) / len2)) : 0;
        const ex = cx - (ax + t * dx);
        const ey = cy - (ay + t * dy);
        if (ex * ex + ey * ey <= half * half) out[row * g.width + col] = cls;
      }
    }
  }
}
