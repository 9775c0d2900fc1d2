// Reports as evidence: each report kind gives a likelihood L_i = P(this report | subject in
// cell i), and Bayes gives p_i ← p_i·L_i / Σ_j p_j·L_j (rest of world included, with its own
// likelihood). Unlike a search, a report can raise a cell's probability.
//
// A report has a hit probability h (a subject really at the reported place is reported) and a
// false-alarm rate f (such a report comes in although the subject is not there: a mirage, a
// stranger, a mistaken chakra signature). With g_i ∈ [0, 1] saying how well cell i matches the
// report, L_i = f + (h − f)·g_i: h where the report points, f where it cannot be about the
// subject. Rest of world gets f (a report from inside the area about someone outside it is a
// false alarm) — conservative for a bearing, which may point past the grid edge.
//   - position: g = exp(−d²/(2r²)), d the distance from the reported position to the cell
//     centre and r the uncertainty radius (one standard deviation, km).
//   - bearing only (a sensor post felt chakra in a direction): g = exp(−Δ²/(2σ²)), Δ the wrapped
//     difference in degrees between the reported bearing and the bearing from the post to the
//     cell centre; 0 beyond the post's range if one is given, and 0 more than 9σ off the bearing
//     (where it is below 3·10⁻¹⁸). The post's own cell has no bearing and matches.
//   - silence: a sensor covering an area that reports nothing is negative evidence:
//     L = 1 − Pd inside its range, 1 outside (and for rest of world). It is a search by another
//     name.
import type { ProbabilityGrid } from './grid.ts';

export interface PositionReport {
  readonly kind: 'position';
  /** km. */
  readonly x: number;
  readonly y: number;
  /** One standard deviation of the position, km. */
  readonly radiusKm: number;
  readonly hit: number;
  readonly falseAlarm: number;
}

export interface BearingReport {
  readonly kind: 'bearing';
  /** The sensor post, km. */
  readonly x: number;
  readonly y: number;
  /** Compass degrees from the post. */
  readonly bearingDeg: number;
  readonly sigmaDeg: number;
  /** How far the post can feel, km; absent is unlimited. */
  readonly rangeKm?: number;
  readonly hit: number;
  readonly falseAlarm: number;
}

export interface SilentSensor {
  readonly kind: 'silent';
  readonly x: number;
  readonly y: number;
  readonly rangeKm: number;
  /** Probability the sensor would have reported a subject within range. */
  readonly pd: number;
}

export type SightingReport = PositionReport | BearingReport | SilentSensor;

export interface SightingOutcome {
  /** P(report) under the grid before the update: Σ p_i·L_i (rest of world included). */
  readonly evidence: number;
  /** 1 / evidence: the renormalisation factor. */
  readonly normaliser: number;
}

const unit = (name: string, v: number) => {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`sighting: ${name} must be between 0 and 1, got ${v}`);
};
const positive = (name: string, v: number) => {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`sighting: ${name} must be a positive number, got ${v}`);
};
const finite = (name: string, v: number) => {
  if (!Number.isFinite(v)) throw new RangeError(`sighting: ${name} must be a finite number, got ${v}`);
};

export function checkReport(r: SightingReport): void {
  finite('x', r.x);
  finite('y', r.y);
  if (r.kind === 'silent') {
    positive('rangeKm', r.rangeKm);
    unit('pd', r.pd);
    return;
  }
  unit('hit', r.hit);
  unit('falseAlarm', r.falseAlarm);
  if (r.kind === 'position') positive('radiusKm', r.radiusKm);
  else {
    finite('bearingDeg', r.bearingDeg);
    positive('sigmaDeg', r.sigmaDeg);
    if (r.rangeKm !== undefined) positive('rangeKm', r.rangeKm);
  }
}

/**
 * A bearing report says nothing about cells more than this many σ off its bearing: the Gaussian
 * there is below e^−40.5 ≈ 3·10⁻¹⁸, and counting it as 0 lets the update skip the arctangent
 * for every cell outside the wedge (a cosine test does).
 */
export const BEARING_CUTOFF_SIGMAS = 9;

/** Difference of two compass bearings, wrapped into [−180, 180). */
export function bearingDifference(a: number, b: number): number {
  const d = (((a - b) % 360) + 540) % 360 - 180;
  return d;
}

/** Compass bearing (degrees, [0, 360)) from one point to another. */
export function bearingTo(fromX: number, fromY: number, toX: number, toY: number): number {
  const deg = (Math.atan2(toX - fromX, toY - fromY) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}

/** L = P(report | subject outside the grid). */
export function restOfWorldLikelihood(r: SightingReport): number {
  return r.kind === 'silent' ? 1 : r.falseAlarm;
}

/** L_i for one cell (the ledger's factor, and the reference the fast paths are tested against). */
export function likelihoodAt(grid: ProbabilityGrid, r: SightingReport, index: number): number {
  const col = index % grid.width;
  const row = (index - col) / grid.width;
  const dx = grid.originX + (col + 0.5) * grid.cellKm - r.x;
  const dy = grid.originY + (row + 0.5) * grid.cellKm - r.y;
  const d2 = dx * dx + dy * dy;
  switch (r.kind) {
    case 'position':
      return r.falseAlarm + (r.hit - r.falseAlarm) * Math.exp(-d2 / (2 * r.radiusKm * r.radiusKm));
    case 'bearing': {
      if (r.rangeKm !== undefined && d2 > r.rangeKm * r.rangeKm) return r.falseAlarm;
      if (d2 === 0) return r.hit;
      const delta = bearingDifference(bearingTo(r.x, r.y, r.x + dx, r.y + dy), r.bearingDeg);
      if (Math.abs(delta) > BEARING_CUTOFF_SIGMAS * r.sigmaDeg) return r.falseAlarm;
      return r.falseAlarm + (r.hit - r.falseAlarm) * Math.exp(-(delta * delta) / (2 * r.sigmaDeg * r.sigmaDeg));
    }
    case 'silent':
      return d2 <= r.rangeKm * r.rangeKm ? 1 - r.pd : 1;
  }
}

/** Likelihood per cell as a dense array (for maps and for `likelihoodUpdate`). */
export function likelihoods(grid: ProbabilityGrid, r: SightingReport): Float64Array {
  checkReport(r);
  const out = new Float64Array(grid.p.length);
  for (let i = 0; i < out.length; i++) out[i] = likelihoodAt(grid, r, i);
  return out;
}

function finish(grid: ProbabilityGrid, evidence: number): SightingOutcome {
  if (!(evidence > 0)) throw new RangeError('sighting: the report is impossible wherever the subject may be (likelihood 0 everywhere there is probability)');
  const k = 1 / evidence;
  const p = grid.p;
  for (let i = 0; i < p.length; i++) p[i]! *= k;
  grid.restOfWorld *= k;
  return { evidence, normaliser: k };
}

/** Bayes with a likelihood per cell, in place; the grid must be normalised. */
export function likelihoodUpdate(grid: ProbabilityGrid, likelihood: Float64Array, restOfWorld: number): SightingOutcome {
  const p = grid.p;
  if (likelihood.length !== p.length) throw new RangeError(`sighting: ${likelihood.length} likelihoods for ${p.length} cells`);
  let evidence = grid.restOfWorld * restOfWorld;
  grid.restOfWorld = evidence;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]! * likelihood[i]!;
    p[i] = v;
    evidence += v;
  }
  return finish(grid, evidence);
}

/** Applies a report to the grid in place; the grid must be normalised. */
export function applySighting(grid: ProbabilityGrid, r: SightingReport): SightingOutcome {
  checkReport(r);
  if (r.kind === 'position') return applyPosition(grid, r);
  if (r.kind === 'silent') return applySilence(grid, r);
  return applyBearing(grid, r);
}

// The same arithmetic as likelihoodAt, in one loop without the per-cell dispatch; cells beyond
// the range skip the arctangent.
function applyBearing(grid: ProbabilityGrid, r: BearingReport): SightingOutcome {
  const { width, height, cellKm, originX, originY } = grid;
  const p = grid.p;
  const f = r.falseAlarm, a = r.hit - f;
  const s = 1 / (2 * r.sigmaDeg * r.sigmaDeg);
  const range2 = r.rangeKm === undefined ? Infinity : r.rangeKm * r.rangeKm;
  const toDeg = 180 / Math.PI;
  // Outside the wedge |Δ| ≤ 9σ the likelihood is f; cos Δ = (dx·sin θ + dy·cos θ)/d tells which side a cell is on without an arctangent.
  const cut = BEARING_CUTOFF_SIGMAS * r.sigmaDeg;
  const cosCut = cut >= 180 ? -Infinity : Math.cos((cut * Math.PI) / 180);
  const sinT = Math.sin((r.bearingDeg * Math.PI) / 180), cosT = Math.cos((r.bearingDeg * Math.PI) / 180);
  const theta = ((r.bearingDeg % 360) + 360) % 360;
  let evidence = grid.restOfWorld * f;
  grid.restOfWorld = evidence;
  for (let row = 0, i = 0; row < height; row++) {
    const dy = originY + (row + 0.5) * cellKm - r.y;
    for (let col = 0; col < width; col++, i++) {
      const dx = originX + (col + 0.5) * cellKm - r.x;
      const d2 = dx * dx + dy * dy;
      let L: number;
      if (d2 > range2) L = f;
      else if (d2 === 0) L = r.hit;
      else if (dx * sinT + dy * cosT < cosCut * Math.sqrt(d2)) L = f;
      else {
        // bearingDifference without its two floating-point remainders, which cost more than the arctangent.
        let bearing = Math.atan2(dx, dy) * toDeg;
        if (bearing < 0) bearing += 360;
        let delta = bearing - theta;
        if (delta >= 180) delta -= 360;
        else if (delta < -180) delta += 360;
        L = Math.abs(delta) > cut ? f : f + a * Math.exp(-delta * delta * s);
      }
      const v = p[i]! * L;
      p[i] = v;
      evidence += v;
    }
  }
  return finish(grid, evidence);
}

// The Gaussian is separable, exp(−(dx²+dy²)/2r²) = exp(−dx²/2r²)·exp(−dy²/2r²), so one
// exponential per column and per row replaces one per cell: the update is a multiply per cell.
function applyPosition(grid: ProbabilityGrid, r: PositionReport): SightingOutcome {
  const { width, height, cellKm, originX, originY } = grid;
  const s = 1 / (2 * r.radiusKm * r.radiusKm);
  const gx = new Float64Array(width);
  for (let col = 0; col < width; col++) {
    const dx = originX + (col + 0.5) * cellKm - r.x;
    gx[col] = Math.exp(-dx * dx * s);
  }
  const f = r.falseAlarm;
  const p = grid.p;
  let evidence = grid.restOfWorld * f;
  grid.restOfWorld = evidence;
  for (let row = 0, i = 0; row < height; row++) {
    const dy = originY + (row + 0.5) * cellKm - r.y;
    const a = (r.hit - f) * Math.exp(-dy * dy * s);
    // Four running sums, as in searchUpdate, so the additions need not wait on each other.
    let e0 = 0, e1 = 0, e2 = 0, e3 = 0;
    let col = 0;
    for (; col + 3 < width; col += 4, i += 4) {
      const v0 = p[i]! * (f + a * gx[col]!), v1 = p[i + 1]! * (f + a * gx[col + 1]!), v2 = p[i + 2]! * (f + a * gx[col + 2]!), v3 = p[i + 3]! * (f + a * gx[col + 3]!);
      p[i] = v0; p[i + 1] = v1; p[i + 2] = v2; p[i + 3] = v3;
      e0 += v0; e1 += v1; e2 += v2; e3 += v3;
    }
    for (; col < width; col++, i++) {
      const v = p[i]! * (f + a * gx[col]!);
      p[i] = v;
      e0 += v;
    }
    evidence += e0 + e1 + e2 + e3;
  }
  return finish(grid, evidence);
}

// Only the rows and columns within range can change; the rest keep likelihood 1.
function applySilence(grid: ProbabilityGrid, r: SilentSensor): SightingOutcome {
  const { width, height, cellKm, originX, originY } = grid;
  const p = grid.p;
  const miss = 1 - r.pd;
  const r2 = r.rangeKm * r.rangeKm;
  let evidence = 1; // Σ p_i·L_i = 1 − Σ_{in range} p_i·pd on a normalised grid
  const rowLo = Math.max(0, Math.floor((r.y - r.rangeKm - originY) / cellKm));
  const rowHi = Math.min(height - 1, Math.floor((r.y + r.rangeKm - originY) / cellKm));
  const colLo = Math.max(0, Math.floor((r.x - r.rangeKm - originX) / cellKm));
  const colHi = Math.min(width - 1, Math.floor((r.x + r.rangeKm - originX) / cellKm));
  for (let row = rowLo; row <= rowHi; row++) {
    const dy = originY + (row + 0.5) * cellKm - r.y;
    for (let col = colLo; col <= colHi; col++) {
      const dx = originX + (col + 0.5) * cellKm - r.x;
      if (dx * dx + dy * dy > r2) continue;
      const i = row * width + col;
      evidence -= p[i]! * r.pd;
      p[i] = p[i]! * miss;
    }
  }
  return finish(grid, evidence);
}
