// The probability grid: where the subject may be, cell by cell, plus the mass for "not in the
// area at all" (rest of world). Every update in this module keeps total mass 1 across the cells
// and the rest of world together.
//
// Coordinates are kilometres on a local flat map: x east, y north, origin at the grid's
// south-west corner (originX, originY). Cell (col, row) covers
// [originX + col·cellKm, originX + (col+1)·cellKm) × [originY + row·cellKm, originY + (row+1)·cellKm)
// and is stored at index row·width + col. Bearings elsewhere are compass degrees (0 = north,
// 90 = east).
//
// Updates change the grid in place: a 1,000 × 1,000 grid is 8 MB, and copying it for every
// report would cost more than the update itself. Keep an earlier state with `cloneGrid`.

export interface GridShape {
  /** Cells west–east. */
  readonly width: number;
  /** Cells south–north. */
  readonly height: number;
  /** Side of one square cell, km. */
  readonly cellKm: number;
  /** km of the grid's south-west corner. */
  readonly originX: number;
  readonly originY: number;
}

export interface ProbabilityGrid extends GridShape {
  /** Probability per cell, index row·width + col. */
  readonly p: Float64Array;
  /** Probability that the subject is outside the grid. */
  restOfWorld: number;
}

/** Limits that keep a grid's index arithmetic exact and its memory bounded (8 bytes a cell). */
export const MAX_CELLS = 16_000_000;

export function createGrid(shape: GridShape): ProbabilityGrid {
  const { width, height, cellKm, originX, originY } = shape;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`grid: width and height must be positive integers, got ${width} × ${height}`);
  if (width * height > MAX_CELLS) throw new RangeError(`grid: ${width} × ${height} cells is more than ${MAX_CELLS}`);
  if (!(cellKm > 0) || !Number.isFinite(cellKm)) throw new RangeError(`grid: cellKm must be a positive number, got ${cellKm}`);
  if (!Number.isFinite(originX) || !Number.isFinite(originY)) throw new RangeError('grid: origin must be finite');
  return { width, height, cellKm, originX, originY, p: new Float64Array(width * height), restOfWorld: 0 };
}

/** A grid with the given probabilities, normalised (for tests and `calc`: one row of cells, 1 km each). */
export function gridOf(p: ArrayLike<number>, restOfWorld = 0, shape?: Partial<GridShape>): ProbabilityGrid {
  const grid = createGrid({ width: shape?.width ?? p.length, height: shape?.height ?? 1, cellKm: shape?.cellKm ?? 1, originX: shape?.originX ?? 0, originY: shape?.originY ?? 0 });
  if (grid.p.length !== p.length) throw new RangeError(`grid: ${p.length} probabilities for ${grid.p.length} cells`);
  grid.p.set(p);
  grid.restOfWorld = restOfWorld;
  normalise(grid);
  return grid;
}

export function cloneGrid(grid: ProbabilityGrid): ProbabilityGrid {
  return { width: grid.width, height: grid.height, cellKm: grid.cellKm, originX: grid.originX, originY: grid.originY, p: grid.p.slice(), restOfWorld: grid.restOfWorld };
}

export function cellAreaKm2(grid: GridShape): number {
  return grid.cellKm * grid.cellKm;
}

/** Index of the cell containing the point, or -1 outside the grid. */
export function cellAt(grid: GridShape, xKm: number, yKm: number): number {
  const col = Math.floor((xKm - grid.originX) / grid.cellKm);
  const row = Math.floor((yKm - grid.originY) / grid.cellKm);
  if (col < 0 || row < 0 || col >= grid.width || row >= grid.height) return -1;
  return row * grid.width + col;
}

/** km of the centre of cell `index`. */
export function cellCentre(grid: GridShape, index: number): { x: number; y: number } {
  const col = index % grid.width;
  const row = (index - col) / grid.width;
  return { x: grid.originX + (col + 0.5) * grid.cellKm, y: grid.originY + (row + 0.5) * grid.cellKm };
}

/** Cells plus rest of world. */
export function totalMass(grid: ProbabilityGrid): number {
  const p = grid.p;
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i]!;
  return s + grid.restOfWorld;
}

/**
 * Scales cells and rest of world to total 1 and returns the factor used (1 / old total), which
 * the ledger keeps. A grid with no mass anywhere has no distribution to normalise: that is the
 * caller's contradiction (evidence ruling out every place), so it throws.
 */
export function normalise(grid: ProbabilityGrid, total = totalMass(grid)): number {
  if (!(total > 0) || !Number.isFinite(total)) throw new RangeError(`grid: cannot normalise a total mass of ${total}`);
  const k = 1 / total;
  if (k === 1) return 1;
  const p = grid.p;
  for (let i = 0; i < p.length; i++) p[i]! *= k;
  grid.restOfWorld *= k;
  return k;
}
