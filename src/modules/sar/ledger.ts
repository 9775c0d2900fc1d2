// Explanation: for any cell, how its probability got there — the prior, then for every step
// the cell's value before, the factor the step applied to it (1 − POD for a search, the
// likelihood for a sighting), the renormalisation every cell shared, and the value after.
//
// What is stored is the prior (one copy of the grid) and the steps with their scalar results
// (normaliser, POS, evidence): a search keeps its POD (sparse for a track), a sighting its report
// (the likelihood of any cell is recomputed from it), a motion step its kernel. A cell's ledger is
// then recomputed on demand: multiplicative steps need only the cell's own factor and the stored
// normaliser; a motion step mixes neighbours, so from the first motion step on the whole grid
// is replayed from the prior.
import { cloneGrid, type ProbabilityGrid } from './grid.ts';
import { motionStep, type MotionKernel } from './motion.ts';
import { searchUpdate, sparseSearchUpdate, type SparsePod } from './search-update.ts';
import { applySighting, likelihoodAt, type SightingReport } from './sighting.ts';

export type LedgerStep =
  | { readonly kind: 'search'; readonly label: string; readonly pod: SparsePod | Float64Array }
  | { readonly kind: 'sighting'; readonly label: string; readonly report: SightingReport }
  | { readonly kind: 'motion'; readonly label: string; readonly kernel: MotionKernel; readonly steps: number };

export interface LedgerEntry {
  readonly step: LedgerStep;
  /** The factor every cell and rest of world was multiplied by afterwards (1 for motion). */
  readonly normaliser: number;
  /** A search's probability of success. */
  readonly pos?: number;
  /** A sighting's P(report). */
  readonly evidence?: number;
}

export interface Ledger {
  readonly priorLabel: string;
  readonly prior: ProbabilityGrid;
  readonly entries: LedgerEntry[];
}

export type CellLine =
  | { readonly kind: 'prior'; readonly label: string; readonly after: number }
  | { readonly kind: 'search'; readonly label: string; readonly before: number; readonly pod: number; readonly factor: number; readonly normaliser: number; readonly after: number }
  | { readonly kind: 'sighting'; readonly label: string; readonly before: number; readonly likelihood: number; readonly factor: number; readonly normaliser: number; readonly after: number }
  | { readonly kind: 'motion'; readonly label: string; readonly before: number; readonly steps: number; readonly after: number };

/** Starts a ledger from a prior (copied, so the live grid can move on). */
export function startLedger(prior: ProbabilityGrid, label: string): Ledger {
  return { priorLabel: label, prior: cloneGrid(prior), entries: [] };
}

/** Applies a step to the grid in place and returns what the ledger keeps of it. */
export function applyStep(grid: ProbabilityGrid, step: LedgerStep): LedgerEntry {
  switch (step.kind) {
    case 'search': {
      const r = step.pod instanceof Float64Array ? searchUpdate(grid, step.pod) : sparseSearchUpdate(grid, step.pod);
      return { step, normaliser: r.normaliser, pos: r.pos };
    }
    case 'sighting': {
      const r = applySighting(grid, step.report);
      return { step, normaliser: r.normaliser, evidence: r.evidence };
    }
    case 'motion':
      for (let s = 0; s < step.steps; s++) motionStep(grid, step.kernel);
      return { step, normaliser: 1 };
  }
}

/** Applies the step to the live grid and records it. */
export function record(ledger: Ledger, grid: ProbabilityGrid, step: LedgerStep): LedgerEntry {
  const entry = applyStep(grid, step);
  ledger.entries.push(entry);
  return entry;
}

function podAt(pod: SparsePod | Float64Array, cell: number): number {
  if (pod instanceof Float64Array) return pod[cell]!;
  let lo = 0, hi = pod.cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = pod.cells[mid]!;
    if (c === cell) return pod.pod[mid]!;
    if (c < cell) lo = mid + 1; else hi = mid - 1;
  }
  return 0;
}

/** The ledger of one cell, prior first. */
export function explainCell(ledger: Ledger, cell: number): CellLine[] {
  const { prior, entries } = ledger;
  if (!Number.isInteger(cell) || cell < 0 || cell >= prior.p.length) throw new RangeError(`ledger: no cell ${cell} in a grid of ${prior.p.length}`);
  const lines: CellLine[] = [{ kind: 'prior', label: ledger.priorLabel, after: prior.p[cell]! }];
  let value = prior.p[cell]!;
  let replay: ProbabilityGrid | null = null;
  entries.forEach((entry, e) => {
    const { step } = entry;
    if (!replay && step.kind === 'motion') {
      replay = cloneGrid(prior);
      for (let k = 0; k < e; k++) applyStep(replay, entries[k]!.step);
    }
    const before = value;
    if (replay) {
      applyStep(replay, step);
      value = replay.p[cell]!;
    }
    switch (step.kind) {
      case 'search': {
        const pod = podAt(step.pod, cell);
        if (!replay) value = before * (1 - pod) * entry.normaliser;
        lines.push({ kind: 'search', label: step.label, before, pod, factor: 1 - pod, normaliser: entry.normaliser, after: value });
        break;
      }
      case 'sighting': {
        const likelihood = likelihoodAt(prior, step.report, cell);
        if (!replay) value = before * likelihood * entry.normaliser;
        lines.push({ kind: 'sighting', label: step.label, before, likelihood, factor: likelihood, normaliser: entry.normaliser, after: value });
        break;
      }
      case 'motion':
        lines.push({ kind: 'motion', label: step.label, before, steps: step.steps, after: value });
        break;
    }
  });
  return lines;
}
