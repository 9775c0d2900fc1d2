// The prior: where a lost subject is before any search, from the last known point (LKP) alone.
//
// Lost-person behaviour statistics (Koester's "Lost Person Behavior", built on the International
// Search & Rescue Incident Database, and Syrotuck's earlier analysis) tabulate, per subject
// category and terrain, the straight-line distance from the LKP within which 25 %, 50 %, 75 %
// and 95 % of found subjects were found. Planners draw those four distances as rings around the
// LKP. The profiles below are that shape with OUR OWN numbers for the Land of Wind (open desert,
// shinobi who run on chakra): they are not copied from any table and are meant to be replaced by
// the village's own statistics as found-subject reports accumulate.
//
// Mass: 25 % inside the 25 % distance, 25 % in each of the next two rings, 20 % between the
// 75 % and 95 % distances, and the last 5 % (beyond the 95 % distance) in rest of world. Why rest
// of world rather than the grid's outer band: "beyond d95" is unbounded; spreading it over
// whatever band the grid happens to leave would make its density depend on where someone drew
// the grid edge, and would let enough searching inside the area drive "somewhere in the area"
// to certainty. Likewise any part of a ring that falls outside the grid goes to rest of world
// (by area: the share of the ring's area the grid does not cover).
//
// Within a ring, mass is spread over the cells whose centre lies in it in proportion to the
// cell's terrain weight (impassable 0) times, optionally, a direction-of-travel weight
// exp(κ·(cos Δ − 1)) on the bearing difference Δ from the LKP (a von Mises shape: 1 straight
// ahead, e^(−2κ) straight behind). So terrain and direction move mass within a ring, never
// between rings: the distance statistics stay what they are.
import { cellAreaKm2, createGrid, type GridShape, type ProbabilityGrid } from './grid.ts';
import { terrainWeights, type Terrain, type TerrainWeights } from './terrain.ts';

/** km from the LKP within which 25 / 50 / 75 / 95 % of such subjects are found. */
export interface SubjectProfile {
  readonly label: string;
  readonly ringsKm: readonly [number, number, number, number];
}

/** Our own ring distances (km) for the Land of Wind; see the note at the top. */
export const SUBJECT_PROFILES = {
  shinobiOnFoot: { label: 'shinobi on foot', ringsKm: [4, 10, 20, 45] },
  // A Kage runs on more chakra than any shinobi and rides the sand itself: the same shape, drawn
  // about twice as wide (our own numbers, like the others; the village has found one lost Kage).
  kage: { label: 'Kage', ringsKm: [8, 20, 40, 75] },
  civilianHiker: { label: 'civilian hiker', ringsKm: [1.2, 2.5, 4.5, 9] },
  child: { label: 'child (7–12)', ringsKm: [0.6, 1.4, 2.6, 5] },
  injured: { label: 'injured (walking wounded)', ringsKm: [0.3, 0.8, 1.7, 3.5] },
} as const satisfies Record<string, SubjectProfile>;

/** Mass in each ring, innermost first; the remaining 5 % is rest of world. */
export const RING_MASSES = [0.25, 0.25, 0.25, 0.2] as const;
export const BEYOND_RINGS_MASS = 0.05;

export interface DirectionOfTravel {
  /** Compass degrees (0 north, 90 east). */
  readonly bearingDeg: number;
  /** von Mises concentration κ ≥ 0: 0 is no preference; 1 makes straight behind e^-2 ≈ 0.14 as likely as ahead. */
  readonly concentration: number;
}

export interface PriorInput {
  readonly shape: GridShape;
  /** LKP, km in the grid's coordinates. */
  readonly lkp: { readonly x: number; readonly y: number };
  readonly profile: SubjectProfile;
  /** Terrain class per cell; absent means all easy. */
  readonly terrain?: Terrain;
  readonly terrainWeights?: TerrainWeights;
  readonly direction?: DirectionOfTravel;
}

export function checkProfile(profile: SubjectProfile): void {
  const r = profile.ringsKm;
  if (r.length !== 4 || !r.every((d, i) => Number.isFinite(d) && d > 0 && (i === 0 || d > r[i - 1]!))) throw new RangeError(`prior: profile "${profile.label}" needs four increasing positive distances, got ${r.join(', ')}`);
}

/** The prior grid: ring masses spread by terrain and direction, the rest in rest of world. */
export function prior(input: PriorInput): ProbabilityGrid {
  const { shape, lkp, profile, terrain, direction } = input;
  checkProfile(profile);
  const grid = createGrid(shape);
  const n = grid.p.length;
  if (terrain && terrain.length !== n) throw new RangeError(`prior: terrain has ${terrain.length} cells, the grid ${n}`);
  if (direction && (!Number.isFinite(direction.bearingDeg) || !(direction.concentration >= 0) || !Number.isFinite(direction.concentration))) throw new RangeError('prior: direction needs a finite bearing and a concentration ≥ 0');
  const weightOf = terrain ? terrainWeights(terrain, input.terrainWeights) : null;
  const [r1, r2, r3, r4] = profile.ringsKm;
  const edges = [0, r1, r2, r3, r4];
  const ring = new Int8Array(n); // 0–3, or -1 beyond the 95 % distance
  const counts = [0, 0, 0, 0];
  const weights = [0, 0, 0, 0];
  const theta = direction ? (direction.bearingDeg * Math.PI) / 180 : 0;
  const kappa = direction?.concentration ?? 0;
  const { width, height, cellKm, originX, originY } = grid;
  const p = grid.p;
  for (let row = 0, i = 0; row < height; row++) {
    const dy = originY + (row + 0.5) * cellKm - lkp.y;
    for (let col = 0; col < width; col++, i++) {
      const dx = originX + (col + 0.5) * cellKm - lkp.x;
      const d = Math.sqrt(dx * dx + dy * dy);
      const k = d < r1 ? 0 : d < r2 ? 1 : d < r3 ? 2 : d < r4 ? 3 : -1;
      ring[i] = k;
      if (k < 0) continue;
      counts[k]!++;
      let w = weightOf ? weightOf[i]! : 1;
      // cos of the angle between the direction of travel and the way to this cell; the LKP's own cell has no bearing and counts as ahead.
      if (kappa > 0 && w > 0 && d > 0) w *= Math.exp(kappa * ((dx * Math.sin(theta) + dy * Math.cos(theta)) / d - 1));
      p[i] = w;
      weights[k]! += w;
    }
  }
  const area = cellAreaKm2(grid);
  const inside = (r: number) => lkp.x - r >= originX && lkp.x + r <= originX + width * cellKm && lkp.y - r >= originY && lkp.y + r <= originY + height * cellKm;
  const scale = [0, 0, 0, 0];
  let placed = 0;
  for (let k = 0; k < 4; k++) {
    const ringArea = Math.PI * (edges[k + 1]! ** 2 - edges[k]! ** 2);
    const wholly = inside(edges[k + 1]!);
    if (wholly && counts[k] === 0) throw new RangeError(`prior: no cell centre lies in ring ${k + 1} (${edges[k]}–${edges[k + 1]} km); use cells smaller than ${cellKm} km`);
    const share = wholly ? 1 : Math.min(1, (counts[k]! * area) / ringArea);
    // A ring all impassable has nowhere to put its mass in the grid: it goes to rest of world.
    if (weights[k]! > 0) {
      scale[k] = (RING_MASSES[k]! * share) / weights[k]!;
      placed += RING_MASSES[k]! * share;
    }
  }
  for (let i = 0; i < n; i++) {
    const k = ring[i]!;
    p[i] = k < 0 ? 0 : p[i]! * scale[k]!;
  }
  grid.restOfWorld = 1 - placed;
  return grid;
}
