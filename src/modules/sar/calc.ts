// `sandstone sar calc`: the core's arithmetic on a small problem given as JSON, for planners
// checking numbers by hand. The contract (issue 11):
//
//   {"cells": [p…],                                 probabilities per cell, any positive total
//    "steps": [ {"search": {"pod": [POD…]}}          an unsuccessful search
//             | {"sighting": {"likelihood": [L…]}}    a report with P(report | cell)
//             | {"sighting": {"cell": i, "hit": h, "falseAlarm": f}}   L = h in cell i, f elsewhere
//             | {"move": {"matrix": [[…]…]}} ],      matrix[i][j] = P(cell i → cell j), rows sum to 1
//    "allocate"?: {"w": [w…], "p"?: [p…], "total": T}}
//   → {"cells": [p…], "pos": [POS per step, 0 for non-search steps], "allocation"?: [t…]}
//
// Cells are indexed from 0; there is no rest of world here (the cells are the whole world).
// `cells` in the result is the final distribution, normalised; `allocation` is Stone's optimal
// effort per cell for sweep rates w and total T, on `p` if given, else on the final cells.
// An invalid problem throws a CalcError whose message is one line naming where the problem is
// (`steps[2].move.matrix[1]: …`) and what is wrong with it.
import { gridOf, normalise } from './grid.ts';
import { matrixStep } from './motion.ts';
import { searchUpdate } from './search-update.ts';
import { likelihoodUpdate } from './sighting.ts';
import { optimalAllocation } from './allocation.ts';

export type CalcStep =
  | { search: { pod: number[] } }
  | { sighting: { likelihood: number[] } }
  | { sighting: { cell: number; hit: number; falseAlarm: number } }
  | { move: { matrix: number[][] } };

export interface CalcProblem {
  cells: number[];
  steps?: CalcStep[];
  allocate?: { w: number[]; p?: number[]; total: number };
}

export interface CalcResult {
  cells: number[];
  pos: number[];
  allocation?: number[];
}

export class CalcError extends Error {
  override readonly name = 'CalcError';
  /** Where in the problem, e.g. `steps[2].move.matrix[1]` (empty for the whole problem). */
  readonly path: string;
  constructor(path: string, problem: string) {
    super(path ? `${path}: ${problem}` : problem);
    this.path = path;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === 'number' ? String(v) : v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v));

function onlyKeys(v: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw new CalcError(path, `unknown field "${k}" (expected ${allowed.map((a) => `"${a}"`).join(', ')})`);
}

function number(v: unknown, path: string, what: 'probability' | 'non-negative' | 'index', n = 0): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new CalcError(path, `must be a number, got ${show(v)}`);
  if (what === 'probability' && !(v >= 0 && v <= 1)) throw new CalcError(path, `must be a probability between 0 and 1, got ${v}`);
  if (what === 'non-negative' && !(v >= 0 && Number.isFinite(v))) throw new CalcError(path, `must be a finite number ≥ 0, got ${v}`);
  if (what === 'index' && !(Number.isInteger(v) && v >= 0 && v < n)) throw new CalcError(path, `must be a cell index from 0 to ${n - 1}, got ${v}`);
  return v;
}

function vector(v: unknown, path: string, what: 'probability' | 'non-negative', n?: number): Float64Array {
  if (!Array.isArray(v)) throw new CalcError(path, `must be an array of numbers, got ${show(v)}`);
  if (n !== undefined && v.length !== n) throw new CalcError(path, `has ${v.length} entries but there are ${n} cells`);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = number(v[i], `${path}[${i}]`, what);
  return out;
}

/** Checks a matrix is n×n, entries in [0, 1], each row summing to 1 within 1e-9·n. */
function matrix(v: unknown, path: string, n: number): number[][] {
  if (!Array.isArray(v)) throw new CalcError(path, `must be an array of ${n} rows, got ${show(v)}`);
  if (v.length !== n) throw new CalcError(path, `has ${v.length} rows but there are ${n} cells`);
  const tolerance = 1e-9 * n;
  return v.map((row, i) => {
    const r = vector(row, `${path}[${i}]`, 'probability', n);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += r[j]!;
    if (!(Math.abs(sum - 1) <= tolerance)) throw new CalcError(`${path}[${i}]`, `row sums to ${sum}, not 1 (within ${tolerance})`);
    return Array.from(r);
  });
}

/** Runs a `sandstone sar calc` problem (parsed JSON of any shape) and returns its result. */
export function calc(problem: unknown): CalcResult {
  if (!isObject(problem)) throw new CalcError('', `the problem must be a JSON object with "cells", got ${show(problem)}`);
  onlyKeys(problem, '', ['cells', 'steps', 'allocate']);
  if (problem.cells === undefined) throw new CalcError('cells', 'is missing');
  const cells = vector(problem.cells, 'cells', 'non-negative');
  const n = cells.length;
  if (n === 0) throw new CalcError('cells', 'must have at least one cell');
  let total = 0;
  for (let i = 0; i < n; i++) total += cells[i]!;
  if (!(total > 0) || !Number.isFinite(total)) throw new CalcError('cells', `must have a finite positive total, got ${total}`);
  const steps = problem.steps ?? [];
  if (!Array.isArray(steps)) throw new CalcError('steps', `must be an array, got ${show(steps)}`);
  const grid = gridOf(cells);
  const pos: number[] = [];
  steps.forEach((step, k) => {
    const at = `steps[${k}]`;
    if (!isObject(step)) throw new CalcError(at, `must be an object with one of "search", "sighting", "move", got ${show(step)}`);
    const kinds = Object.keys(step);
    if (kinds.length !== 1) throw new CalcError(at, `must have exactly one of "search", "sighting", "move", got ${kinds.length ? kinds.map((x) => `"${x}"`).join(', ') : 'none'}`);
    const kind = kinds[0]!;
    const body = step[kind];
    if (!isObject(body)) throw new CalcError(`${at}.${kind}`, `must be an object, got ${show(body)}`);
    switch (kind) {
      case 'search': {
        onlyKeys(body, `${at}.search`, ['pod']);
        const pod = vector(body.pod, `${at}.search.pod`, 'probability', n);
        let found = 0;
        for (let i = 0; i < n; i++) found += grid.p[i]! * pod[i]!;
        if (!(1 - found > 1e-12)) throw new CalcError(`${at}.search.pod`, 'finds the subject for certain (Σ p·pod = 1), so the search cannot have come back empty');
        pos.push(searchUpdate(grid, pod).pos);
        return;
      }
      case 'sighting': {
        let likelihood: Float64Array;
        if ('likelihood' in body) {
          onlyKeys(body, `${at}.sighting`, ['likelihood']);
          likelihood = vector(body.likelihood, `${at}.sighting.likelihood`, 'probability', n);
        } else {
          onlyKeys(body, `${at}.sighting`, ['cell', 'hit', 'falseAlarm']);
          const cell = number(body.cell, `${at}.sighting.cell`, 'index', n);
          const hit = number(body.hit, `${at}.sighting.hit`, 'probability');
          const falseAlarm = number(body.falseAlarm, `${at}.sighting.falseAlarm`, 'probability');
          likelihood = new Float64Array(n).fill(falseAlarm);
          likelihood[cell] = hit;
        }
        let evidence = 0;
        for (let i = 0; i < n; i++) evidence += grid.p[i]! * likelihood[i]!;
        if (!(evidence > 0)) throw new CalcError(`${at}.sighting`, 'the report is impossible wherever the subject may be (Σ p·likelihood = 0)');
        likelihoodUpdate(grid, likelihood, 0);
        pos.push(0);
        return;
      }
      case 'move': {
        onlyKeys(body, `${at}.move`, ['matrix']);
        const m = matrix(body.matrix, `${at}.move.matrix`, n);
        grid.p.set(matrixStep(grid.p, m));
        // Rows sum to 1 only within the tolerance: renormalise so the result stays a distribution.
        normalise(grid);
        pos.push(0);
        return;
      }
      default:
        throw new CalcError(at, `unknown step "${kind}" (expected "search", "sighting" or "move")`);
    }
  });
  const result: CalcResult = { cells: Array.from(grid.p), pos };
  if (problem.allocate !== undefined) {
    const a = problem.allocate;
    if (!isObject(a)) throw new CalcError('allocate', `must be an object with "w" and "total", got ${show(a)}`);
    onlyKeys(a, 'allocate', ['w', 'p', 'total']);
    const w = vector(a.w, 'allocate.w', 'non-negative', n);
    const p = a.p === undefined ? grid.p : vector(a.p, 'allocate.p', 'non-negative', n);
    const t = number(a.total, 'allocate.total', 'non-negative');
    let worth = false;
    for (let i = 0; i < n; i++) if (p[i]! > 0 && w[i]! > 0) worth = true;
    if (t > 0 && !worth) throw new CalcError('allocate', 'no cell has both p > 0 and w > 0, so no effort can find anything');
    result.allocation = Array.from(optimalAllocation(p, w, t).effort);
  }
  return result;
}

/** `calc` on JSON text, with a one-line CalcError for text that is not JSON. */
export function calcJson(text: string): CalcResult {
  let problem: unknown;
  try {
    problem = JSON.parse(text);
  } catch (e) {
    throw new CalcError('', `the problem is not JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`);
  }
  return calc(problem);
}
