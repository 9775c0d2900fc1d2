// Where to spend the search effort (Stone; Charnes & Cooper).
//
// With the exponential detection function, effort t_i in cell i (hours, say) finds a subject
// who is there with probability 1 − exp(−w_i·t_i), w_i being the cell's sweep rate per unit of
// effort (sweep width × speed / cell area for one team). The plan maximising the probability of
// success Σ p_i(1 − exp(−w_i t_i)) subject to Σ t_i = T, t_i ≥ 0 is concave, and its KKT
// conditions say the marginal gain p_i·w_i·exp(−w_i t_i) equals one λ in every cell that gets
// effort, and p_i·w_i ≤ λ in every cell that gets none. So
//   t_i = max(0, ln(p_i w_i / λ) / w_i)
// ("water filling": effort goes first where p·w is highest, until it is brought down to the
// next cell's level). λ is the root of Σ_i max(0, (ln(p_i w_i) − ln λ)/w_i) = T. In x = ln λ that
// sum is piecewise linear, decreasing and convex, so Newton's method from the left (where the
// sum exceeds T) never overshoots and stops as soon as it has the right set of cells: exactly,
// in a few passes, each over only the cells still in play.
import { cellAreaKm2, type ProbabilityGrid } from './grid.ts';

export interface Allocation {
  /** Effort per cell, same units as the total. */
  readonly effort: Float64Array;
  /** The common marginal gain of every cell that got effort. */
  readonly lambda: number;
  /** Probability of success of the plan on p as given (not normalised). */
  readonly pos: number;
}

/** Stone's optimal allocation of `total` effort over cells with probability p and sweep rate w. */
export function optimalAllocation(p: ArrayLike<number>, w: ArrayLike<number>, total: number): Allocation {
  const n = p.length;
  if (w.length !== n) throw new RangeError(`allocation: ${w.length} sweep rates for ${n} cells`);
  if (!(total >= 0) || !Number.isFinite(total)) throw new RangeError(`allocation: total effort must be a finite number ≥ 0, got ${total}`);
  const effort = new Float64Array(n);
  // ln(p_i w_i), and the cells worth anything at all.
  const la = new Float64Array(n);
  const live = new Int32Array(n);
  let count = 0;
  let best = -1;
  for (let i = 0; i < n; i++) {
    const pi = p[i]!, wi = w[i]!;
    if (!(pi >= 0) || !(wi >= 0) || !Number.isFinite(pi) || !Number.isFinite(wi)) throw new RangeError(`allocation: cell ${i} needs finite p ≥ 0 and w ≥ 0, got p = ${pi}, w = ${wi}`);
    if (pi > 0 && wi > 0) {
      const v = Math.log(pi * wi);
      la[i] = v;
      live[count++] = i;
      if (best < 0 || v > la[best]!) best = i;
    }
  }
  if (total === 0) return { effort, lambda: best < 0 ? 0 : Math.exp(la[best]!), pos: 0 };
  if (best < 0) throw new RangeError('allocation: no cell has both probability and sweep rate above 0, so effort can find nothing');
  // Start left of the root: all T in the best cell alone would bring its level down to x0.
  let x = la[best]! - total * w[best]!;
  for (let iteration = 0; iteration < 200; iteration++) {
    let a = 0, b = 0, kept = 0;
    for (let j = 0; j < count; j++) {
      const i = live[j]!;
      const v = la[i]!;
      if (v > x) {
        const inv = 1 / w[i]!;
        a += v * inv;
        b += inv;
        live[kept++] = i; // x only grows, so a cell dropped now never comes back
      }
    }
    count = kept;
    const next = (a - total) / b;
    if (!(next > x + 1e-15 * Math.max(1, Math.abs(x)))) break;
    x = next;
  }
  let pos = 0;
  for (let j = 0; j < count; j++) {
    const i = live[j]!;
    const t = (la[i]! - x) / w[i]!;
    if (t > 0) {
      effort[i] = t;
      pos += p[i]! * (1 - Math.exp(-w[i]! * t));
    }
  }
  return { effort, lambda: Math.exp(x), pos };
}

export interface Team {
  readonly name: string;
  readonly speedKmh: number;
  readonly sweepWidthKm: number;
  readonly hours: number;
}

export interface Segment {
  readonly id: string;
  /** Cell indexes; segments must not share cells. */
  readonly cells: ArrayLike<number>;
}

export interface TeamAssignment {
  readonly team: string;
  readonly segment: string;
  readonly hours: number;
  /** The POS this assignment adds, given the assignments made before it. */
  readonly gain: number;
  /** The segment's POD with this team and those assigned to it before. */
  readonly segmentPod: number;
}

export interface TeamPlan {
  readonly assignments: TeamAssignment[];
  /** Probability of success of the whole plan. */
  readonly pos: number;
  /** Teams left without a segment (no hours, or nothing left to gain). */
  readonly unassigned: string[];
}

/**
 * Assigns each team, whole, to one segment, greedily: at every round the (team, segment) pair
 * with the largest gain in POS per team-hour is chosen, then the segment's effort is updated so
 * the next team sees what is left there. A team spreads its sweep area W·v·h at random over the
 * segment, so a segment of area A with accumulated sweep area Z has POD 1 − exp(−Z/A), and the
 * gain of a team adding z is P_seg·(exp(−Z/A) − exp(−(Z+z)/A)). Greedy is not optimal in
 * general (teams are indivisible), but it is explainable line by line and never sends a team
 * where another segment would gain more per hour at that point.
 */
export function assignTeams(grid: ProbabilityGrid, segments: readonly Segment[], teams: readonly Team[]): TeamPlan {
  const area = cellAreaKm2(grid);
  const owner = new Int32Array(grid.p.length).fill(-1);
  const mass: number[] = [];
  const segArea: number[] = [];
  segments.forEach((s, k) => {
    let m = 0;
    for (let j = 0; j < s.cells.length; j++) {
      const i = s.cells[j]!;
      if (!Number.isInteger(i) || i < 0 || i >= grid.p.length) throw new RangeError(`allocation: segment ${s.id} names cell ${i}, outside the grid`);
      if (owner[i] !== -1) throw new RangeError(`allocation: cell ${i} is in segments ${segments[owner[i]!]!.id} and ${s.id}`);
      owner[i] = k;
      m += grid.p[i]!;
    }
    mass.push(m);
    segArea.push(s.cells.length * area);
  });
  for (const t of teams) if (![t.speedKmh, t.sweepWidthKm, t.hours].every((v) => v >= 0 && Number.isFinite(v))) throw new RangeError(`allocation: team ${t.name} needs finite speed, sweep width and hours ≥ 0`);
  const swept = segments.map(() => 0);
  const left = new Set(teams.map((_, k) => k));
  const assignments: TeamAssignment[] = [];
  const missed = (k: number, z: number) => (segArea[k]! > 0 ? Math.exp(-z / segArea[k]!) : 1);
  for (;;) {
    let bestTeam = -1, bestSeg = -1, bestRate = 0, bestGain = 0;
    for (const t of left) {
      const team = teams[t]!;
      if (team.hours === 0) continue;
      const z = team.sweepWidthKm * team.speedKmh * team.hours;
      for (let k = 0; k < segments.length; k++) {
        const gain = mass[k]! * (missed(k, swept[k]!) - missed(k, swept[k]! + z));
        const rate = gain / team.hours;
        if (rate > bestRate) { bestRate = rate; bestTeam = t; bestSeg = k; bestGain = gain; }
      }
    }
    if (bestTeam < 0) break;
    const team = teams[bestTeam]!;
    swept[bestSeg]! += team.sweepWidthKm * team.speedKmh * team.hours;
    left.delete(bestTeam);
    assignments.push({ team: team.name, segment: segments[bestSeg]!.id, hours: team.hours, gain: bestGain, segmentPod: 1 - missed(bestSeg, swept[bestSeg]!) });
  }
  let pos = 0;
  for (let k = 0; k < segments.length; k++) pos += mass[k]! * (1 - missed(k, swept[k]!));
  return { assignments, pos, unassigned: [...left].map((t) => teams[t]!.name) };
}
