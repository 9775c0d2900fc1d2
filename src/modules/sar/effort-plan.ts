// The effort plan: where the teams' next hours should go. Two answers, side by side, because a
// planner needs both:
//
// - Stone's optimal allocation (allocation.ts) of the teams' whole sweep area over the cells, as
//   if effort could be poured anywhere in any amount. Its probability of success is the most any
//   split of those hours could achieve: the yardstick.
// - A plan the teams can walk: the area cut into square segments (map squares named like a
//   grid reference, column letter from the west, row number from the south), and each team, whole,
//   sent to one segment by assignTeams' greedy rule. Its POS beside the yardstick says how much
//   is lost by sending teams rather than pouring effort.
//
// Units. Effort is swept area in km²: a team of sweep width W km walking v km/h for h hours sweeps
// W·v·h km². Spread at random over a cell of area A, swept area z finds a subject who is there
// with probability 1 − exp(−z/A), so every passable cell has sweep rate w = 1/A per km² of effort;
// impassable cells hold no probability and take no effort (w = 0).
import { cellAreaKm2, type ProbabilityGrid } from './grid.ts';
import { IMPASSABLE, type Terrain } from './terrain.ts';
import { assignTeams, optimalAllocation } from './allocation.ts';

export interface PlanTeam {
  readonly id: string;
  readonly name: string;
  readonly speedKmh: number;
  readonly sweepWidthKm: number;
}

export interface PlanSegment {
  /** Map square: column letters from the west, row number from the south ("C7"). */
  readonly id: string;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  /** Probability that the subject is in this square now. */
  readonly p: number;
  /** Passable cells in the square (impassable ones cannot be searched). */
  readonly cells: number;
}

export interface PlannedTeam {
  readonly team: PlanTeam;
  readonly segment: PlanSegment;
  readonly hours: number;
  readonly sweepKm2: number;
  /** The square's probability of detection with this team and those sent there before it. */
  readonly pod: number;
  /** Probability of success this team adds, given the teams sent before it. */
  readonly gain: number;
}

export interface IdealSquare {
  readonly segment: PlanSegment;
  /** Swept area the optimal allocation puts in this square, km². */
  readonly effortKm2: number;
}

export interface EffortPlan {
  readonly hours: number;
  /** The squares' side, km: the asked size rounded to whole cells. */
  readonly segmentKm: number;
  readonly sweepKm2: number;
  /** Probability of success of the teams' plan. */
  readonly pos: number;
  /** Probability of success of Stone's optimal allocation of the same sweep area (the most possible). */
  readonly optimalPos: number;
  readonly assignments: readonly PlannedTeam[];
  /** Teams the plan sends nowhere: nothing left to gain with them (or no hours). */
  readonly unassigned: readonly PlanTeam[];
  /** Where the optimal allocation puts its effort, by square, most first (at most `idealSquares`). */
  readonly ideal: readonly IdealSquare[];
}

export interface PlanInput {
  readonly grid: ProbabilityGrid;
  readonly terrain: Terrain;
  readonly teams: readonly PlanTeam[];
  readonly hours: number;
  readonly segmentKm: number;
  readonly idealSquares?: number;
}

/** "A", "B", … "Z", "AA", "AB": spreadsheet-style column letters for a 0-based column. */
export function columnLetters(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export function effortPlan(input: PlanInput): EffortPlan {
  const { grid, terrain, teams, hours } = input;
  const n = grid.p.length;
  if (terrain.length !== n) throw new RangeError(`plan: terrain has ${terrain.length} cells, the grid ${n}`);
  if (!(hours > 0) || !Number.isFinite(hours)) throw new RangeError(`plan: hours must be a finite number above 0, got ${hours}`);
  if (!(input.segmentKm > 0) || !Number.isFinite(input.segmentKm)) throw new RangeError(`plan: segment size must be above 0 km, got ${input.segmentKm}`);
  const side = Math.max(1, Math.round(input.segmentKm / grid.cellKm));
  const area = cellAreaKm2(grid);

  // Squares: cells grouped by square, impassable cells left out.
  const squaresAcross = Math.ceil(grid.width / side);
  const squaresUp = Math.ceil(grid.height / side);
  const squareOf = new Int32Array(n);
  const counts = new Int32Array(squaresAcross * squaresUp);
  const mass = new Float64Array(squaresAcross * squaresUp);
  for (let row = 0; row < grid.height; row++) {
    const sRow = Math.floor(row / side) * squaresAcross;
    for (let col = 0; col < grid.width; col++) {
      const i = row * grid.width + col;
      if (terrain[i] === IMPASSABLE) { squareOf[i] = -1; continue; }
      const s = sRow + Math.floor(col / side);
      squareOf[i] = s;
      counts[s]!++;
      mass[s]! += grid.p[i]!;
    }
  }
  const segmentOf = (s: number): PlanSegment => {
    const col = s % squaresAcross, row = Math.floor(s / squaresAcross);
    const minX = grid.originX + col * side * grid.cellKm;
    const minY = grid.originY + row * side * grid.cellKm;
    return {
      id: `${columnLetters(col)}${row + 1}`, minX, minY,
      maxX: Math.min(grid.originX + grid.width * grid.cellKm, minX + side * grid.cellKm),
      maxY: Math.min(grid.originY + grid.height * grid.cellKm, minY + side * grid.cellKm),
      p: mass[s]!, cells: counts[s]!,
    };
  };

  // Only squares holding probability can gain anything: the others are left out of the greedy search.
  const live: number[] = [];
  for (let s = 0; s < counts.length; s++) if (counts[s]! > 0 && mass[s]! > 0) live.push(s);
  const members = live.map(() => [] as number[]);
  const slot = new Int32Array(counts.length).fill(-1);
  live.forEach((s, k) => { slot[s] = k; });
  for (let i = 0; i < n; i++) { const s = squareOf[i]!; if (s >= 0 && slot[s]! >= 0) members[slot[s]!]!.push(i); }

  const sweepOf = (t: PlanTeam) => t.sweepWidthKm * t.speedKmh * hours;
  const teamPlan = assignTeams(grid, live.map((s, k) => ({ id: String(s), cells: members[k]! })),
    teams.map((t) => ({ name: t.id, speedKmh: t.speedKmh, sweepWidthKm: t.sweepWidthKm, hours })));
  const byId = new Map(teams.map((t) => [t.id, t]));
  const assignments = teamPlan.assignments.map((a) => {
    const team = byId.get(a.team)!;
    return { team, segment: segmentOf(Number(a.segment)), hours, sweepKm2: sweepOf(team), pod: a.segmentPod, gain: a.gain };
  });

  // The yardstick: the same swept area poured optimally.
  const sweepKm2 = teams.reduce((sum, t) => sum + sweepOf(t), 0);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = terrain[i] === IMPASSABLE ? 0 : 1 / area;
  let optimalPos = 0;
  const effortBySquare = new Float64Array(counts.length);
  if (sweepKm2 > 0 && live.length > 0) {
    const optimal = optimalAllocation(grid.p, w, sweepKm2);
    optimalPos = optimal.pos;
    for (let i = 0; i < n; i++) { const e = optimal.effort[i]!; if (e > 0) effortBySquare[squareOf[i]!]! += e; }
  }
  const ideal = live.filter((s) => effortBySquare[s]! > 0)
    .sort((a, b) => effortBySquare[b]! - effortBySquare[a]! || a - b)
    .slice(0, input.idealSquares ?? 12)
    .map((s) => ({ segment: segmentOf(s), effortKm2: effortBySquare[s]! }));

  return {
    hours, segmentKm: side * grid.cellKm, sweepKm2, pos: teamPlan.pos, optimalPos, assignments,
    unassigned: teamPlan.unassigned.map((id) => byId.get(id)!), ideal,
  };
}
