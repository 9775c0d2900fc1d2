// An operation's probability map at any instant: the prior from the last known point, then every
// report (sightings, silent sensors, searched tracks) in the order of when it happened, with the
// subject's wandering between reports when the operation says the subject keeps moving. No I/O:
// the service reads the operation and its reports and hands them here.
//
// Late reports. A report may come in after others that happened later (a patrol's radio was
// down). The map is never patched in arrival order: it is the replay, in time order, of the report
// set as it stands. To keep that cheap, the state after each report is kept (a snapshot, a copy of
// the grid) in memory, keyed by the report set: a new report replays only from the last snapshot
// before its time, and a map asked for at any instant starts from the snapshot of the last report
// at or before it. The key of a snapshot is the sequence of every report up to it (their content,
// not only their ids), so a snapshot is reused only for exactly the reports it was made from:
// a cache can make a map faster, never different. Readers who may see different reports get
// different sequences and so different timelines.
//
// Motion. With `movingKmh`, the subject wanders between reports (motion.ts: a random walk on the
// terrain). We use a move probability of 1: the spread per hour of a random walk does not depend on
// it (n·m moves per hour either way), and a larger m needs fewer, equally costly steps. Between two
// reports (and from the last one to the instant asked for) at most MAX_MOTION_HOURS of wandering
// are applied: a lost subject rests, and the cost of a map stays bounded however old the operation.
import { cellAt, cellCentre, cloneGrid, type GridShape, type ProbabilityGrid } from './grid.ts';
import { prior, SUBJECT_PROFILES } from './prior.ts';
import { terrainWeights, type Terrain } from './terrain.ts';
import { motionKernel, stepsPerHour, type MotionKernel } from './motion.ts';
import { trackPod, type SparsePod } from './search-update.ts';
import { applyStep, explainCell, type Ledger, type LedgerEntry, type LedgerStep } from './ledger.ts';
import type { SightingReport } from './sighting.ts';
import { terrainFor } from './land-of-wind.ts';

export const MOVE_PROBABILITY = 1;
export const MAX_MOTION_HOURS = 24;
/**
 * The motion work one stretch of wandering may cost, cells × random-walk steps (about 3 s on a
 * million cells): operations are refused at opening when a day would need more, and a stretch is
 * cut to it here (its line says so) for any stored before that rule.
 */
export const MOTION_CELL_STEPS_PER_DAY = 200_000_000;
/** Snapshots kept across every operation, bytes (8 a cell): the oldest timelines go first. */
export const SNAPSHOT_BUDGET_BYTES = 256 * 1024 * 1024;
/** Timelines kept per operation (readers who see different reports of it). */
const TIMELINES_PER_OPERATION = 3;

export type Profile = keyof typeof SUBJECT_PROFILES;

/** What the map needs of an operation. */
export interface MapOperation {
  id: string;
  area: { minX: number; minY: number; maxX: number; maxY: number; cellKm: number };
  lastKnown: { x: number; y: number; at: string };
  profile: Profile;
  direction: { bearing: number; kappa: number } | null;
  movingKmh: number | null;
}

/** One report, as the map applies it: a sighting (or silence) or a searched track. */
export type MapReport =
  | { kind: 'sighting'; id: string; at: string; summary: string; report: SightingReport }
  | { kind: 'search'; id: string; at: string; summary: string; points: readonly { x: number; y: number }[]; sweepWidthKm: number };

export interface MapStepLine { at: string; kind: 'prior' | 'sighting' | 'search' | 'motion'; id: string | null; summary: string }

export interface MapState {
  at: string;
  grid: ProbabilityGrid;
  steps: MapStepLine[];
  /** Cumulative POD per cell from the searched tracks up to `at`; null before any. */
  coverage: Float64Array | null;
  /** Each search's probability of success, as replayed in time order, by report id. */
  pos: Map<string, number>;
}

interface Applied {
  /** The report's content, in a canonical form: equal keys mean the same report. */
  key: string;
  report: MapReport;
  atMs: number;
  /** The motion step before it (hours since the previous report), if any. */
  motion: LedgerEntry | null;
  motionLine: MapStepLine | null;
  entry: LedgerEntry;
  line: MapStepLine;
  /** The grid after it; null when not kept. */
  snapshot: ProbabilityGrid | null;
}

interface Timeline {
  operationKey: string;
  shape: GridShape;
  prior: ProbabilityGrid;
  priorLine: MapStepLine;
  lkpMs: number;
  kernel: MotionKernel | null;
  stepsPerHour: number;
  applied: Applied[];
  /** The last tail of motion after a report, kept because "now" is asked for again and again. */
  tail: { after: number; steps: number; grid: ProbabilityGrid } | null;
  usedAt: number;
}

const timelines = new Map<string, Timeline[]>();
let clock = 0;

/** The grid an operation's area draws: whole cells from the south-west corner. */
export function shapeOf(area: MapOperation['area']): GridShape {
  const cells = (extent: number) => Math.max(1, Math.ceil(extent / area.cellKm - 1e-9));
  return { width: cells(area.maxX - area.minX), height: cells(area.maxY - area.minY), cellKm: area.cellKm, originX: area.minX, originY: area.minY };
}

const operationKey = (op: MapOperation) => JSON.stringify([op.area, op.lastKnown.x, op.lastKnown.y, op.lastKnown.at, op.profile, op.direction, op.movingKmh]);
const reportKey = (r: MapReport) => JSON.stringify(r);
const byTime = (a: MapReport, b: MapReport) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function newTimeline(op: MapOperation, terrain?: Terrain): Timeline {
  const shape = shapeOf(op.area);
  const t = terrain ?? terrainFor(shape);
  const profile = SUBJECT_PROFILES[op.profile];
  const grid = prior({
    shape, lkp: op.lastKnown, profile, terrain: t,
    ...(op.direction ? { direction: { bearingDeg: op.direction.bearing, concentration: op.direction.kappa } } : {}),
  });
  const kernel = op.movingKmh ? motionKernel(shape.width, shape.height, terrainWeights(t), { moveProbability: MOVE_PROBABILITY }) : null;
  const dir = op.direction ? `, heading ${op.direction.bearing}° (κ ${op.direction.kappa})` : '';
  return {
    operationKey: operationKey(op), shape, prior: grid, lkpMs: Date.parse(op.lastKnown.at), kernel,
    stepsPerHour: op.movingKmh ? stepsPerHour(op.movingKmh, shape.cellKm, MOVE_PROBABILITY) : 0,
    priorLine: { at: new Date(op.lastKnown.at).toISOString(), kind: 'prior', id: null, summary: `prior: ${profile.label} from the last known point (${op.lastKnown.x}, ${op.lastKnown.y}) km${dir}` },
    applied: [], tail: null, usedAt: ++clock,
  };
}

function motionSteps(tl: Timeline, fromMs: number, toMs: number): number {
  if (!tl.kernel || !(toMs > fromMs)) return 0;
  const hours = Math.min(MAX_MOTION_HOURS, (toMs - fromMs) / 3_600_000);
  const cap = Math.max(1, Math.floor(MOTION_CELL_STEPS_PER_DAY / (tl.shape.width * tl.shape.height)));
  return Math.min(cap, Math.round(hours * tl.stepsPerHour));
}

function motionEntry(tl: Timeline, steps: number, fromMs: number, toMs: number): { entry: LedgerEntry; line: MapStepLine } {
  const hours = (toMs - fromMs) / 3_600_000;
  const wanted = Math.round(Math.min(hours, MAX_MOTION_HOURS) * tl.stepsPerHour);
  const capped = (hours > MAX_MOTION_HOURS ? ` (of ${hours.toFixed(1)} h: at most ${MAX_MOTION_HOURS} h of wandering between reports)` : '')
    + (steps < wanted ? ` (cut from ${wanted} steps: the most one stretch may cost on this grid)` : '');
  const summary = `moving ${Math.min(hours, MAX_MOTION_HOURS).toFixed(1)} h${capped}: ${steps} steps of the random walk on the terrain`;
  const step: LedgerStep = { kind: 'motion', label: summary, kernel: tl.kernel!, steps };
  return { entry: { step, normaliser: 1 }, line: { at: new Date(toMs).toISOString(), kind: 'motion', id: null, summary } };
}

/** Applies `steps` motion steps to a copy of `from` — or continues the kept tail when it is on the way. */
function moved(tl: Timeline, after: number, from: ProbabilityGrid, steps: number): ProbabilityGrid {
  const useTail = tl.tail && tl.tail.after === after && tl.tail.steps <= steps;
  const grid = cloneGrid(useTail ? tl.tail!.grid : from);
  const done = useTail ? tl.tail!.steps : 0;
  if (steps > done) applyStep(grid, { kind: 'motion', label: '', kernel: tl.kernel!, steps: steps - done });
  if (steps > 0) tl.tail = { after, steps, grid: cloneGrid(grid) };
  return grid;
}

function stepOf(tl: Timeline, r: MapReport): LedgerStep {
  if (r.kind === 'sighting') return { kind: 'sighting', label: r.summary, report: r.report };
  const pod: SparsePod = trackPod(tl.shape, r.points, r.sweepWidthKm);
  return { kind: 'search', label: r.summary, pod };
}

/** The grid after applied[index] (index −1: the prior), as a fresh copy, from the nearest snapshot. */
function stateAfter(tl: Timeline, index: number): ProbabilityGrid {
  let k = index;
  while (k >= 0 && !tl.applied[k]!.snapshot) k--;
  const grid = cloneGrid(k < 0 ? tl.prior : tl.applied[k]!.snapshot!);
  for (let j = k + 1; j <= index; j++) {
    const a = tl.applied[j]!;
    if (a.motion) applyStep(grid, a.motion.step);
    applyStep(grid, a.entry.step);
  }
  return grid;
}

/** Brings the timeline to exactly this sorted report sequence, replaying from the first difference. */
function bringUpTo(tl: Timeline, sorted: readonly MapReport[]): void {
  let same = 0;
  while (same < sorted.length && same < tl.applied.length && tl.applied[same]!.key === reportKey(sorted[same]!)) same++;
  if (same < tl.applied.length) {
    tl.applied.length = same;
    if (tl.tail && tl.tail.after >= same) tl.tail = null;
  }
  if (same === sorted.length) return;
  let grid = stateAfter(tl, same - 1);
  let prevMs = same > 0 ? tl.applied[same - 1]!.atMs : tl.lkpMs;
  // Snapshots within the budget however many reports: every `stride`-th report keeps one (and the
  // last), so a late report replays at most stride − 1 reports beyond its snapshot.
  const bytes = grid.p.byteLength;
  const stride = Math.max(1, Math.ceil((sorted.length * bytes) / SNAPSHOT_BUDGET_BYTES));
  for (let j = same; j < sorted.length; j++) {
    const r = sorted[j]!;
    const atMs = Date.parse(r.at);
    const steps = motionSteps(tl, prevMs, atMs);
    let motion: LedgerEntry | null = null;
    let motionLine: MapStepLine | null = null;
    if (steps > 0) {
      grid = moved(tl, j - 1, grid, steps);
      ({ entry: motion, line: motionLine } = motionEntry(tl, steps, prevMs, atMs));
    }
    const entry = applyStep(grid, stepOf(tl, r));
    const line: MapStepLine = { at: new Date(atMs).toISOString(), kind: r.kind, id: r.id, summary: r.summary + (entry.pos !== undefined ? ` (POS ${(entry.pos * 100).toFixed(1)} %)` : '') };
    const keep = j === sorted.length - 1 || (j + 1) % stride === 0;
    tl.applied.push({ key: reportKey(r), report: r, atMs, motion, motionLine, entry, line, snapshot: keep ? cloneGrid(grid) : null });
    prevMs = atMs;
  }
}

function snapshotBytes(tl: Timeline): number {
  return tl.applied.reduce((s, a) => s + (a.snapshot ? a.snapshot.p.byteLength : 0), 0) + tl.prior.p.byteLength * 2;
}

/** Drops the least recently used timelines while over the budget (never the one in use). */
function keepWithinBudget(current: Timeline): void {
  const all = [...timelines.entries()].flatMap(([opId, list]) => list.map((tl) => ({ opId, tl })));
  let total = all.reduce((s, x) => s + snapshotBytes(x.tl), 0);
  for (const { opId, tl } of all.sort((a, b) => a.tl.usedAt - b.tl.usedAt)) {
    if (total <= SNAPSHOT_BUDGET_BYTES) break;
    if (tl === current) continue;
    total -= snapshotBytes(tl);
    const list = timelines.get(opId)!.filter((t) => t !== tl);
    if (list.length) timelines.set(opId, list); else timelines.delete(opId);
  }
  // Alone over the budget: keep only every other snapshot (a map then replays one report more).
  if (total > SNAPSHOT_BUDGET_BYTES) current.applied.forEach((a, i) => { if (i % 2 === 0) a.snapshot = null; });
}

/** The timeline of this operation that shares the longest start with this report sequence. */
function timelineFor(op: MapOperation, sorted: readonly MapReport[], terrain?: Terrain): Timeline {
  const key = operationKey(op);
  const list = (timelines.get(op.id) ?? []).filter((t) => t.operationKey === key);
  let best: Timeline | null = null;
  let bestSame = -1;
  for (const tl of list) {
    let same = 0;
    while (same < sorted.length && same < tl.applied.length && tl.applied[same]!.key === reportKey(sorted[same]!)) same++;
    if (same > bestSame) { best = tl; bestSame = same; }
  }
  // Another reader's timeline with nothing in common is left for that reader.
  if (!best || (bestSame === 0 && best.applied.length > 0 && list.length < TIMELINES_PER_OPERATION)) {
    best = newTimeline(op, terrain);
    list.push(best);
    while (list.length > TIMELINES_PER_OPERATION) list.splice(list.indexOf(list.reduce((a, b) => (a.usedAt <= b.usedAt ? a : b))), 1);
  }
  timelines.set(op.id, list);
  best.usedAt = ++clock;
  return best;
}

/** Forgets every kept timeline (tests, and a server that must free memory). */
export function forgetMaps(): void {
  timelines.clear();
}

/**
 * The map as it stood at `at`: every report with `at` up to then applied in time order, and the
 * subject's wandering since the last of them. Throws RangeError only for reports the core refuses
 * (the service validates them first).
 */
export function mapAt(op: MapOperation, reports: readonly MapReport[], at: string, options: { terrain?: Terrain } = {}): MapState {
  return stateAt(prepared(op, reports, options.terrain), at);
}

/** The operation's timeline, brought up to exactly these reports. */
function prepared(op: MapOperation, reports: readonly MapReport[], terrain?: Terrain): Timeline {
  const sorted = [...reports].sort(byTime);
  const tl = timelineFor(op, sorted, terrain);
  bringUpTo(tl, sorted);
  keepWithinBudget(tl);
  return tl;
}

function stateAt(tl: Timeline, at: string): MapState {
  const atMs = Date.parse(at);
  let last = -1;
  while (last + 1 < tl.applied.length && tl.applied[last + 1]!.atMs <= atMs) last++;
  const before = tl.applied.slice(0, last + 1);
  const lastMs = last >= 0 ? tl.applied[last]!.atMs : tl.lkpMs;
  const steps = motionSteps(tl, lastMs, atMs);
  const base = stateAfter(tl, last);
  const grid = steps > 0 ? moved(tl, last, base, steps) : base;
  const lines: MapStepLine[] = [tl.priorLine];
  for (const a of before) {
    if (a.motionLine) lines.push(a.motionLine);
    lines.push(a.line);
  }
  if (steps > 0) lines.push(motionEntry(tl, steps, lastMs, atMs).line);
  const pos = new Map<string, number>();
  for (const a of tl.applied) if (a.entry.pos !== undefined) pos.set(a.report.id, a.entry.pos);
  return { at: new Date(atMs).toISOString(), grid, steps: lines, coverage: coverageOf(tl.shape, before), pos };
}

function coverageOf(shape: GridShape, applied: readonly Applied[]): Float64Array | null {
  const searches = applied.filter((a) => a.entry.step.kind === 'search');
  if (!searches.length) return null;
  // 1 − Π(1 − POD): keep the product of misses, then flip it.
  const miss = new Float64Array(shape.width * shape.height).fill(1);
  for (const a of searches) {
    const pod = (a.entry.step as Extract<LedgerStep, { kind: 'search' }>).pod as SparsePod;
    for (let j = 0; j < pod.cells.length; j++) miss[pod.cells[j]!]! *= 1 - pod.pod[j]!;
  }
  for (let i = 0; i < miss.length; i++) miss[i] = 1 - miss[i]!;
  return miss;
}

export interface CellExplanation {
  cell: { col: number; row: number; x: number; y: number };
  p: number;
  /** Per step: the cell before and after; a report's factor (likelihood, or 1 − POD) and the normaliser every cell shared. */
  ledger: { at: string; kind: string; summary: string; before: number | null; after: number; factor: number | null; normaliser?: number }[];
}

/** How one cell's probability got where it is at `at` (the core's explainCell); null outside the area. */
export function explainAt(op: MapOperation, reports: readonly MapReport[], at: string, x: number, y: number, options: { terrain?: Terrain } = {}): CellExplanation | null {
  const tl = prepared(op, reports, options.terrain);
  const state = stateAt(tl, at);
  const index = cellAt(tl.shape, x, y);
  if (index < 0) return null;
  const atMs = Date.parse(at);
  const entries: LedgerEntry[] = [];
  const lines: MapStepLine[] = [];
  let lastMs = tl.lkpMs;
  for (const a of tl.applied) {
    if (a.atMs > atMs) break;
    if (a.motion) { entries.push(a.motion); lines.push(a.motionLine!); }
    entries.push(a.entry);
    lines.push(a.line);
    lastMs = a.atMs;
  }
  const steps = motionSteps(tl, lastMs, atMs);
  if (steps > 0) {
    const m = motionEntry(tl, steps, lastMs, atMs);
    entries.push(m.entry);
    lines.push(m.line);
  }
  const ledger: Ledger = { priorLabel: tl.priorLine.summary, prior: tl.prior, entries };
  const explained = explainCell(ledger, index);
  const col = index % tl.shape.width;
  const centre = cellCentre(tl.shape, index);
  return {
    cell: { col, row: (index - col) / tl.shape.width, x: centre.x, y: centre.y },
    p: state.grid.p[index]!,
    ledger: explained.map((l, k) => {
      const line = k === 0 ? tl.priorLine : lines[k - 1]!;
      if (l.kind === 'prior') return { at: line.at, kind: 'prior', summary: line.summary, before: null, after: l.after, factor: null };
      if (l.kind === 'motion') return { at: line.at, kind: 'motion', summary: line.summary, before: l.before, after: l.after, factor: null };
      return { at: line.at, kind: l.kind, summary: line.summary, before: l.before, after: l.after, factor: l.factor, normaliser: l.normaliser };
    }),
  };
}
