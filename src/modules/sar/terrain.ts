// Terrain classes per cell, and what they weigh for where a subject goes: nobody walks through
// an impassable cliff or deep quicksand, and fewer people end up in hard ground (dune fields,
// scree) than on easy ground (wadis, tracks), because travel follows the path of least effort.

/** One byte per cell, in grid index order. */
export type Terrain = Uint8Array;

export const IMPASSABLE = 0;
export const HARD = 1;
export const EASY = 2;

export interface TerrainWeights {
  /** Relative weight of a hard cell; impassable is always 0. */
  readonly hard: number;
  /** Relative weight of an easy cell. */
  readonly easy: number;
}

/** Our own default: hard ground a third as likely as easy ground per cell. */
export const DEFAULT_TERRAIN_WEIGHTS: TerrainWeights = { hard: 1 / 3, easy: 1 };

/** The weight of each terrain class as a lookup table indexed by class. */
export function terrainWeightTable(weights: TerrainWeights = DEFAULT_TERRAIN_WEIGHTS): Float64Array {
  if (!(weights.hard >= 0) || !(weights.easy >= 0) || !Number.isFinite(weights.hard) || !Number.isFinite(weights.easy)) throw new RangeError('terrain: weights must be finite and non-negative');
  return Float64Array.of(0, weights.hard, weights.easy);
}

/** Per-cell weights from terrain classes (unknown classes count as impassable). */
export function terrainWeights(terrain: Terrain, weights: TerrainWeights = DEFAULT_TERRAIN_WEIGHTS): Float64Array {
  const table = terrainWeightTable(weights);
  const out = new Float64Array(terrain.length);
  for (let i = 0; i < terrain.length; i++) out[i] = table[terrain[i]!] ?? 0;
  return out;
}
