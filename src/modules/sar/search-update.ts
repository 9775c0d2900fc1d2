// An unsuccessful search, and what it says (Koopman's search theory).
//
// Effort in a cell is the area swept: sweep width W (km: the width of the strip in which the
// searchers would detect the subject as often as they miss outside it) times the track length L
// (km) inside the cell. Spread at random over a cell of area A, that effort detects a subject
// who is there with probability POD = 1 − exp(−W·L/A) (the exponential detection function,
// Koopman's random search). After the search finds nothing, Bayes gives
//   p_i ← p_i·(1 − POD_i) / (1 − Σ_j p_j·POD_j)
// and rest of world, which no one searched, is only rescaled by the same denominator. The
// probability of success the search had, POS = Σ p_i·POD_i, is its expected yield.
// Repeated searches of a cell combine as 1 − Π(1 − POD_k): independent looks.
import { cellAreaKm2, type GridShape, type ProbabilityGrid } from './grid.ts';

/** POD of effort W·L spread at random over area A (all km, km²). */
export function podFromEffort(sweepWidthKm: number, trackKm: number, cellAreaKm2: number): number {
  return 1 - Math.exp((-sweepWidthKm * trackKm) / cellAreaKm2);
}

/** Combined POD of several independent searches of one cell. */
export function cumulativePod(pods: readonly number[]): number {
  let miss = 1;
  for (const pod of pods) miss *= 1 - pod;
  return 1 - miss;
}

/** Folds one more search into a per-cell cumulative POD, in place. */
export function accumulatePod(cumulative: Float64Array, pod: Float64Array): void {
  if (cumulative.length !== pod.length) throw new RangeError(`search: ${pod.length} PODs for ${cumulative.length} cells`);
  for (let i = 0; i < pod.length; i++) cumulative[i] = 1 - (1 - cumulative[i]!) * (1 - pod[i]!);
}

/** POD for only the cells a search touched: parallel arrays, cells ascending. */
export interface SparsePod {
  readonly cells: Int32Array;
  readonly pod: Float64Array;
}

export interface SearchOutcome {
  /** Probability that this search would have found the subject (before it came back empty). */
  readonly pos: number;
  /** 1 / (1 − POS): the renormalisation factor applied to every cell and rest of world. */
  readonly normaliser: number;
}

function failedSearch(pos: number): never {
  throw new RangeError(`search: this search was certain to find the subject (POS = ${pos}), so it cannot have come back empty`);
}

/** Updates the grid in place after an unsuccessful search with POD per cell (dense). */
export function searchUpdate(grid: ProbabilityGrid, pod: Float64Array): SearchOutcome {
  const p = grid.p;
  const n = p.length;
  if (pod.length !== n) throw new RangeError(`search: ${pod.length} PODs for ${n} cells`);
  // One pass finds the mass before and the mass missed (cells + rest of world); the second
  // rescales. Four running sums rather than one let the additions overlap instead of each
  // waiting on the last (a small gain, 0–15 % in the bench, kept because this is the hot path).
  let b0 = grid.restOfWorld, b1 = 0, b2 = 0, b3 = 0;
  let l0 = b0, l1 = 0, l2 = 0, l3 = 0;
  const m = n & ~3;
  for (let i = 0; i < m; i += 4) {
    const q0 = p[i]!, q1 = p[i + 1]!, q2 = p[i + 2]!, q3 = p[i + 3]!;
    const v0 = q0 - q0 * pod[i]!, v1 = q1 - q1 * pod[i + 1]!, v2 = q2 - q2 * pod[i + 2]!, v3 = q3 - q3 * pod[i + 3]!;
    p[i] = v0; p[i + 1] = v1; p[i + 2] = v2; p[i + 3] = v3;
    b0 += q0; b1 += q1; b2 += q2; b3 += q3;
    l0 += v0; l1 += v1; l2 += v2; l3 += v3;
  }
  for (let i = m; i < n; i++) {
    const q = p[i]!;
    const v = q - q * pod[i]!;
    p[i] = v;
    b0 += q;
    l0 += v;
  }
  const before = b0 + b1 + b2 + b3;
  const left = l0 + l1 + l2 + l3;
  if (!(left > 0)) failedSearch(1);
  const k = 1 / left;
  for (let i = 0; i < n; i++) p[i]! *= k;
  grid.restOfWorld *= k;
  return { pos: 1 - left / before, normaliser: k };
}

/** The same update for a search that touched few cells (on a normalised grid): work in proportion to them, plus one rescaling pass. */
export function sparseSearchUpdate(grid: ProbabilityGrid, sparse: SparsePod): SearchOutcome {
  const p = grid.p;
  let pos = 0;
  for (let j = 0; j < sparse.cells.length; j++) {
    const i = sparse.cells[j]!;
    const found = p[i]! * sparse.pod[j]!;
    pos += found;
    p[i]! -= found;
  }
  if (!(1 - pos > 0)) failedSearch(pos);
  const k = 1 / (1 - pos);
  for (let i = 0; i < p.length; i++) p[i]! *= k;
  grid.restOfWorld *= k;
  return { pos, normaliser: k };
}

/** POS of a search without applying it. */
export function probabilityOfSuccess(grid: ProbabilityGrid, pod: Float64Array): number {
  const p = grid.p;
  let pos = 0;
  for (let i = 0; i < p.length; i++) pos += p[i]! * pod[i]!;
  return pos;
}

/** Track length (km) per cell: parallel arrays, cells ascending. */
export interface CellLengths {
  readonly cells: Int32Array;
  readonly lengthsKm: Float64Array;
}

/**
 * Clips a polyline (km, grid coordinates) against the grid and measures its length in every
 * cell it crosses, exactly: each segment is first cut to the grid rectangle (Liang–Barsky), then
 * walked cell by cell (Amanatides & Woo's grid traversal), each cell getting the length of the
 * piece between the two boundaries where the segment enters and leaves it. Parts outside the grid
 * count nowhere.
 */
export function trackLengths(grid: GridShape, track: readonly { readonly x: number; readonly y: number }[]): CellLengths {
  const acc = new Map<number, number>();
  const { width, height, cellKm, originX, originY } = grid;
  for (let s = 1; s < track.length; s++) {
    const a = track[s - 1]!;
    const b = track[s]!;
    if (![a.x, a.y, b.x, b.y].every(Number.isFinite)) throw new RangeError(`track: point ${Number.isFinite(a.x) && Number.isFinite(a.y) ? s : s - 1} is not a finite position`);
    // In cell units from the grid corner.
    const u0 = (a.x - originX) / cellKm, v0 = (a.y - originY) / cellKm;
    const du = (b.x - a.x) / cellKm, dv = (b.y - a.y) / cellKm;
    const segKm = Math.hypot(b.x - a.x, b.y - a.y);
    if (segKm === 0) continue;
    // Liang–Barsky: the parameter range [t0, t1] of the segment inside [0, width] × [0, height].
    let t0 = 0, t1 = 1;
    const clip = (q: number, r: number): boolean => {
      // Inside where q·t ≤ r.
      if (q === 0) return r >= 0;
      const t = r / q;
      if (q < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
      else { if (t < t0) return false; if (t < t1) t1 = t; }
      return true;
    };
    if (!clip(-du, u0) || !clip(du, width - u0) || !clip(-dv, v0) || !clip(dv, height - v0) || t1 <= t0) continue;
    // Start cell: the point a hair inside the clipped piece, so a start on a boundary picks the cell the segment goes into.
    const tm = t0 + Math.min(1e-9, (t1 - t0) / 2);
    let col = Math.min(width - 1, Math.max(0, Math.floor(u0 + du * tm)));
    let row = Math.min(height - 1, Math.max(0, Math.floor(v0 + dv * tm)));
    const stepCol = du > 0 ? 1 : -1, stepRow = dv > 0 ? 1 : -1;
    const deltaU = du !== 0 ? Math.abs(1 / du) : Infinity;
    const deltaV = dv !== 0 ? Math.abs(1 / dv) : Infinity;
    let nextU = du > 0 ? (col + 1 - u0) / du : du < 0 ? (col - u0) / du : Infinity;
    let nextV = dv > 0 ? (row + 1 - v0) / dv : dv < 0 ? (row - v0) / dv : Infinity;
    let t = t0;
    while (t < t1) {
      const tNext = Math.min(nextU, nextV, t1);
      if (tNext > t) {
        const i = row * width + col;
        acc.set(i, (acc.get(i) ?? 0) + (tNext - t) * segKm);
      }
      t = tNext;
      if (t >= t1) break;
      if (nextU <= nextV) { col += stepCol; nextU += deltaU; } else { row += stepRow; nextV += deltaV; }
      if (col < 0 || row < 0 || col >= width || row >= height) break;
    }
  }
  const cells = Int32Array.from(acc.keys()).sort();
  const lengthsKm = new Float64Array(cells.length);
  for (let j = 0; j < cells.length; j++) lengthsKm[j] = acc.get(cells[j]!)!;
  return { cells, lengthsKm };
}

/** POD per touched cell of a track searched with the given sweep width. */
export function trackPod(grid: GridShape, track: readonly { readonly x: number; readonly y: number }[], sweepWidthKm: number): SparsePod {
  if (!(sweepWidthKm >= 0) || !Number.isFinite(sweepWidthKm)) throw new RangeError(`search: sweep width must be a finite number ≥ 0, got ${sweepWidthKm}`);
  const { cells, lengthsKm } = trackLengths(grid, track);
  const area = cellAreaKm2(grid);
  const pod = new Float64Array(cells.length);
  for (let j = 0; j < cells.length; j++) pod[j] = podFromEffort(sweepWidthKm, lengthsKm[j]!, area);
  return { cells, pod };
}

/** A sparse POD spread into a dense array (for cumulative coverage maps). */
export function densePod(n: number, sparse: SparsePod): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < sparse.cells.length; j++) out[sparse.cells[j]!] = sparse.pod[j]!;
  return out;
}
