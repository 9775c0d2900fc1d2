// Motion: a subject who keeps moving spreads out between reports. Each step is a Markov step on
// the cells: from cell i the subject stays with probability 1 − m, or moves (probability m) to
// one of its 8 (or 4) neighbours j in proportion to w_j·d_ij, where w_j is the neighbour's
// terrain weight (impassable 0: nobody enters it) and d_ij is 1 for a side neighbour and 1/√2 for
// a corner one (farther away, so chosen less often per step). A cell with no passable neighbour
// keeps its mass. Neighbours beyond the grid edge do not exist, so the edge reflects: mass leaves
// the grid only through rest of world, which motion leaves alone (someone outside the area is
// modelled as staying outside). Total mass is conserved; impassable cells receive nothing.
//
// This is a random walk — a lost, wandering subject — not a purposeful walker: after n steps the
// spread grows like √n cells. `stepsPerHour` turns a walking speed into steps.
//
// The step is a gather: new_j = p_j·stay_j + w_j·Σ_{i∈N(j)} d_ij·q_i with q_i = m·p_i / W_i and
// W_i = Σ_{k∈N(i)} w_k·d_ik precomputed per terrain, so a step is two passes without branches.
import type { ProbabilityGrid } from './grid.ts';

export interface MotionKernel {
  readonly width: number;
  readonly height: number;
  readonly neighbours: 4 | 8;
  /** Probability of leaving the cell in one step. */
  readonly moveProbability: number;
  /** Terrain weight per cell (0 impassable). */
  readonly weight: Float64Array;
  /** m / W_i per cell, 0 where no neighbour is passable. */
  readonly outShare: Float64Array;
  /** Probability of staying per cell. */
  readonly stay: Float64Array;
  /** Scratch, (width + 2) × (height + 2) with a zero border, reused across steps. */
  readonly q: Float64Array;
}

const DIAGONAL = Math.SQRT1_2;

export function motionKernel(width: number, height: number, weight: Float64Array, options: { moveProbability: number; neighbours?: 4 | 8 }): MotionKernel {
  const n = width * height;
  if (weight.length !== n) throw new RangeError(`motion: ${weight.length} terrain weights for ${n} cells`);
  const m = options.moveProbability;
  if (!(m >= 0 && m <= 1)) throw new RangeError(`motion: moveProbability must be between 0 and 1, got ${m}`);
  for (let i = 0; i < n; i++) if (!(weight[i]! >= 0) || !Number.isFinite(weight[i]!)) throw new RangeError(`motion: terrain weight of cell ${i} must be finite and ≥ 0, got ${weight[i]}`);
  const neighbours = options.neighbours ?? 8;
  const outShare = new Float64Array(n);
  const stay = new Float64Array(n);
  const w = (col: number, row: number) => (col < 0 || row < 0 || col >= width || row >= height ? 0 : weight[row * width + col]!);
  for (let row = 0, i = 0; row < height; row++) {
    for (let col = 0; col < width; col++, i++) {
      let W = w(col - 1, row) + w(col + 1, row) + w(col, row - 1) + w(col, row + 1);
      if (neighbours === 8) W += DIAGONAL * (w(col - 1, row - 1) + w(col + 1, row - 1) + w(col - 1, row + 1) + w(col + 1, row + 1));
      outShare[i] = W > 0 ? m / W : 0;
      stay[i] = W > 0 ? 1 - m : 1;
    }
  }
  return { width, height, neighbours, moveProbability: m, weight, outShare, stay, q: new Float64Array((width + 2) * (height + 2)) };
}

/** One Markov step, in place. */
export function motionStep(grid: ProbabilityGrid, kernel: MotionKernel): void {
  const { width, height, outShare, stay, weight, q } = kernel;
  if (grid.width !== width || grid.height !== height) throw new RangeError(`motion: kernel is ${width} × ${height}, grid ${grid.width} × ${grid.height}`);
  const p = grid.p;
  const stride = width + 2;
  for (let row = 0, i = 0; row < height; row++) {
    let k = (row + 1) * stride + 1;
    for (let col = 0; col < width; col++, i++, k++) q[k] = p[i]! * outShare[i]!;
  }
  if (kernel.neighbours === 8) {
    for (let row = 0, i = 0; row < height; row++) {
      let k = (row + 1) * stride + 1;
      for (let col = 0; col < width; col++, i++, k++) {
        const side = q[k - 1]! + q[k + 1]! + q[k - stride]! + q[k + stride]!;
        const corner = q[k - stride - 1]! + q[k - stride + 1]! + q[k + stride - 1]! + q[k + stride + 1]!;
        p[i] = p[i]! * stay[i]! + weight[i]! * (side + DIAGONAL * corner);
      }
    }
  } else {
    for (let row = 0, i = 0; row < height; row++) {
      let k = (row + 1) * stride + 1;
      for (let col = 0; col < width; col++, i++, k++) p[i] = p[i]! * stay[i]! + weight[i]! * (q[k - 1]! + q[k + 1]! + q[k - stride]! + q[k + stride]!);
    }
  }
}

/**
 * Steps for an hour of a subject walking at `speedKmh`: a step moves the subject with
 * probability m by about one cell, so covering speed/cellKm cells of walking takes
 * speed/(m·cellKm) steps (at least one).
 */
export function stepsPerHour(speedKmh: number, cellKm: number, moveProbability: number): number {
  if (!(speedKmh >= 0) || !(cellKm > 0) || !(moveProbability > 0)) throw new RangeError('motion: speed ≥ 0, cell size > 0 and move probability > 0 are needed');
  return Math.max(1, Math.ceil(speedKmh / (moveProbability * cellKm)));
}

/** Motion over elapsed hours, in place; returns the number of steps taken. */
export function moveFor(grid: ProbabilityGrid, kernel: MotionKernel, hours: number, speedKmh: number): number {
  if (!(hours >= 0)) throw new RangeError(`motion: hours must be ≥ 0, got ${hours}`);
  const steps = Math.round(hours * stepsPerHour(speedKmh, grid.cellKm, kernel.moveProbability));
  for (let s = 0; s < steps; s++) motionStep(grid, kernel);
  return steps;
}

/** A general dense Markov step (used by `calc`): out_j = Σ_i p_i·matrix[i][j]. Rows must sum to 1. */
export function matrixStep(p: Float64Array, matrix: ArrayLike<ArrayLike<number>>): Float64Array {
  const n = p.length;
  if (matrix.length !== n) throw new RangeError(`motion: matrix has ${matrix.length} rows for ${n} cells`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = matrix[i]!;
    if (row.length !== n) throw new RangeError(`motion: matrix row ${i} has ${row.length} entries for ${n} cells`);
    const pi = p[i]!;
    if (pi === 0) continue;
    for (let j = 0; j < n; j++) out[j]! += pi * row[j]!;
  }
  return out;
}
