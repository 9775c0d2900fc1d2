// The map's pure parts: decoding the probability grid, its colour scale, and the words that say
// where the subject most likely is. No DOM here beyond typed arrays, so the page stays thin.
import type { Bounds, LandFeature, MapGrid, Point } from './types.ts';

/** base64 of a little-endian Float32Array → the array (the API's `p` and `coverage`). */
export function decodeFloats(base64: string, expected: number): Float32Array {
  const bytes = base64Bytes(base64);
  const n = Math.floor(bytes.length / 4);
  if (n !== expected) throw new Error(`the map has ${n} cells, its grid says ${expected}`);
  // Every browser we serve runs little-endian: the bytes are the floats, no copy per value.
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, n);
  const out = new Float32Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** base64 → bytes: the platform's decoder when it has one (4 MB in a few ms), else atob. */
function base64Bytes(base64: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (native) return native(base64);
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** How many powers of ten below the highest cell the colour scale reaches; below that, no colour. */
export const DECADES = 4;

// A calm sequential scale for a sand-coloured map: cool and faint where the subject is unlikely,
// deep violet where likely, so the heat never reads as terrain. Stops as [t, r, g, b, alpha 0–255].
const STOPS: [number, number, number, number, number][] = [
  [0, 120, 190, 230, 0],
  [0.25, 100, 165, 220, 25],
  [0.5, 70, 115, 205, 95],
  [0.72, 95, 55, 175, 165],
  [0.88, 150, 30, 140, 210],
  [1, 200, 10, 90, 235],
];

/** 256 RGBA entries: the colour of a cell at scale position i/255. */
export function colourTable(): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    let k = 1;
    while (k < STOPS.length - 1 && STOPS[k]![0] < t) k++;
    const a = STOPS[k - 1]!;
    const b = STOPS[k]!;
    const f = (t - a[0]) / (b[0] - a[0] || 1);
    for (let c = 0; c < 4; c++) lut[i * 4 + c] = a[c + 1]! + (b[c + 1]! - a[c + 1]!) * f;
  }
  return lut;
}

/** Scale position (0–1) of a probability: log10 of its ratio to the highest cell, over DECADES. */
export function scalePosition(p: number, max: number): number {
  if (!(p > 0) || !(max > 0)) return 0;
  return Math.max(0, Math.min(1, 1 + Math.log10(p / max) / DECADES));
}

/**
 * RGBA pixels for the grid, one per cell, row 0 at the TOP (north), as an image wants them.
 * One pass with a table lookup: fast enough for 1,000 × 1,000 cells.
 */
export function heatPixels(p: Float32Array, grid: MapGrid, max: number, out?: Uint8ClampedArray): Uint8ClampedArray {
  const { width, height } = grid;
  const px = out ?? new Uint8ClampedArray(width * height * 4);
  const lut = LUT;
  if (!(max > 0)) {
    px.fill(0);
    return px;
  }
  // log10(p/max)/DECADES + 1 = ln(p)·a + b, so each cell costs one log.
  const a = 1 / (Math.LN10 * DECADES);
  const b = 1 - Math.log(max) * a;
  for (let row = 0; row < height; row++) {
    const src = row * width;
    const dst = (height - 1 - row) * width * 4;
    for (let col = 0; col < width; col++) {
      const v = p[src + col]!;
      const o = dst + col * 4;
      if (!(v > 0)) {
        px[o + 3] = 0;
        continue;
      }
      let t = Math.log(v) * a + b;
      if (t <= 0) {
        px[o + 3] = 0;
        continue;
      }
      if (t > 1) t = 1;
      const k = ((t * 255) | 0) * 4;
      px[o] = lut[k]!;
      px[o + 1] = lut[k + 1]!;
      px[o + 2] = lut[k + 2]!;
      px[o + 3] = lut[k + 3]!;
    }
  }
  return px;
}
const LUT = colourTable();

/** The searched-ground tint: blue, its opacity the cumulative POD (a cell searched to 100 % is half opaque). */
export const COVERAGE_RGB = [29, 79, 145] as const;
export const COVERAGE_MAX_ALPHA = 0.5;

/** Cumulative POD per cell → RGBA pixels, north up (same layout as heatPixels); cells never searched stay clear. */
export function coveragePixels(c: Float32Array, grid: MapGrid, out?: Uint8ClampedArray): Uint8ClampedArray {
  const { width, height } = grid;
  const px = out ?? new Uint8ClampedArray(width * height * 4);
  const [r, g, b] = COVERAGE_RGB;
  for (let row = 0; row < height; row++) {
    const src = row * width;
    const dst = (height - 1 - row) * width * 4;
    for (let col = 0; col < width; col++) {
      const v = c[src + col]!;
      const o = dst + col * 4;
      if (!(v > 0)) { px[o + 3] = 0; continue; }
      px[o] = r; px[o + 1] = g; px[o + 2] = b;
      px[o + 3] = Math.round(Math.min(1, v) * COVERAGE_MAX_ALPHA * 255);
    }
  }
  return px;
}

export const rgba = (t: number): string => {
  const k = Math.round(Math.max(0, Math.min(1, t)) * 255) * 4;
  return `rgba(${LUT[k]}, ${LUT[k + 1]}, ${LUT[k + 2]}, ${(LUT[k + 3]! / 255).toFixed(2)})`;
};

/** The cell holding a point, or null outside the grid. */
export function cellOf(grid: MapGrid, x: number, y: number): { col: number; row: number; index: number } | null {
  const col = Math.floor((x - grid.originX) / grid.cellKm);
  const row = Math.floor((y - grid.originY) / grid.cellKm);
  if (col < 0 || row < 0 || col >= grid.width || row >= grid.height) return null;
  return { col, row, index: row * grid.width + col };
}

export const cellCentre = (grid: MapGrid, index: number): Point => {
  const col = index % grid.width;
  const row = (index - col) / grid.width;
  return { x: grid.originX + (col + 0.5) * grid.cellKm, y: grid.originY + (row + 0.5) * grid.cellKm };
};

/**
 * Where the mass is: the probability-weighted centre of the highest cells that together hold
 * `share` of the mass in the grid, and the cell with the most. Cells are taken highest first, by
 * a histogram over the scale (no sort of a million cells).
 */
export function likelyRegion(p: Float32Array, grid: MapGrid, max: number, share = 0.5): { centre: Point; peak: Point; mass: number; cells: number; bounds: Bounds } | null {
  // 1,024 bins over DECADES·2 decades below the highest cell, each cell's bin worked out once
  // (one log a cell); then the threshold bin where the mass taken highest first passes `share`.
  const BINS = 1024;
  const NONE = 0xffff;
  const span = DECADES * 2;
  const bins = new Uint16Array(p.length);
  const mass = new Float64Array(BINS);
  const scale = BINS / (span * Math.LN10);
  const logMax = Math.log(max);
  let total = 0;
  let peak = -1;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (!(v > 0)) {
      bins[i] = NONE;
      continue;
    }
    total += v;
    if (peak < 0 || v > p[peak]!) peak = i;
    let b = Math.floor((logMax - Math.log(v)) * scale);
    if (b < 0) b = 0;
    else if (b >= BINS) b = BINS - 1;
    bins[i] = b;
    mass[b] += v;
  }
  if (!(total > 0) || peak < 0) return null;
  let cut = BINS - 1;
  let acc = 0;
  for (let k = 0; k < BINS; k++) {
    acc += mass[k]!;
    if (acc >= share * total) {
      cut = k;
      break;
    }
  }
  const { width, cellKm, originX, originY } = grid;
  let sx = 0, sy = 0, sm = 0, n = 0;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < p.length; i++) {
    if (bins[i]! > cut) continue; // NONE is above every bin
    const v = p[i]!;
    const col = i % width;
    const x = originX + (col + 0.5) * cellKm;
    const y = originY + ((i - col) / width + 0.5) * cellKm;
    sx += v * x;
    sy += v * y;
    sm += v;
    n++;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { centre: { x: sx / sm, y: sy / sm }, peak: cellCentre(grid, peak), mass: sm, cells: n, bounds: { minX, minY, maxX, maxY } };
}

// ---- geometry of the land's features, for words and for hit tests ----

export function featurePoints(f: LandFeature): [number, number][] {
  const g = f.geometry;
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'LineString') return g.coordinates;
  return g.coordinates[0] ?? [];
}

function pointInRing(x: number, y: number, ring: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentDistance(x: number, y: number, a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len)) : 0;
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

/** km from a point to a feature: 0 inside a polygon, else to its outline, line or point. */
export function distanceTo(f: LandFeature, x: number, y: number): number {
  const g = f.geometry;
  if (g.type === 'Point') return Math.hypot(x - g.coordinates[0], y - g.coordinates[1]);
  const pts = featurePoints(f);
  if (g.type === 'Polygon' && pointInRing(x, y, pts)) return 0;
  let d = Infinity;
  for (let i = 1; i < pts.length; i++) d = Math.min(d, segmentDistance(x, y, pts[i - 1]!, pts[i]!));
  if (pts.length === 1) d = Math.hypot(x - pts[0]![0], y - pts[0]![1]);
  return d;
}

/** A representative point of a feature (a polygon's vertex average, a line's middle vertex). */
export function featureCentre(f: LandFeature): Point {
  const g = f.geometry;
  if (g.type === 'Point') return { x: g.coordinates[0], y: g.coordinates[1] };
  const pts = featurePoints(f);
  if (g.type === 'LineString') {
    const m = pts[Math.floor(pts.length / 2)]!;
    return { x: m[0], y: m[1] };
  }
  const ring = pts.length > 1 && pts[0]![0] === pts[pts.length - 1]![0] && pts[0]![1] === pts[pts.length - 1]![1] ? pts.slice(0, -1) : pts;
  let sx = 0, sy = 0;
  for (const [x, y] of ring) {
    sx += x;
    sy += y;
  }
  return { x: sx / ring.length, y: sy / ring.length };
}

const COMPASS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'];
/** Compass word for the direction from a to b. */
export function compassWord(from: Point, to: Point): string {
  const deg = (Math.atan2(to.x - from.x, to.y - from.y) * 180) / Math.PI;
  return COMPASS[((Math.round(deg / 45) % 8) + 8) % 8]!;
}

/** Compass bearing (0 north, clockwise) from a to b, degrees 0–360. */
export function bearingDeg(from: Point, to: Point): number {
  return (((Math.atan2(to.x - from.x, to.y - from.y) * 180) / Math.PI) + 360) % 360;
}

export const km = (d: number): string => (d < 1 ? `${Math.round(d * 1000)} m` : d < 10 ? `${d.toFixed(1)} km` : `${Math.round(d)} km`);

/** Well-known places to measure from, and how much better known each is. */
const ANCHOR_WEIGHT: Record<string, number> = { village: 3, post: 1.5, bluff: 2, oasis: 1, arroyo: 1 };
/** Kinds that are ground one is "in" rather than a place one is "at" or "near". */
const AREA_KINDS = new Set(['desert', 'dunes']);

/** How a feature is named in a sentence: "the village", "the red sandstone bluff", "the Demon Desert". */
export function placeName(f: LandFeature): string {
  if (f.kind === 'village') return 'the village';
  const name = f.name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  if (/^the /i.test(name)) return 'the ' + name.slice(4);
  // Two capitalised words ("Demon Desert") are a proper name: keep it; else a common noun phrase.
  if (/^[A-Z][a-z]+ [A-Z]/.test(name)) return 'the ' + name;
  return 'the ' + name[0]!.toLowerCase() + name.slice(1);
}

/**
 * Words for where a point lies, from the land's features: "12 km west of the village, near the
 * red sandstone bluff, in the Demon Desert" — the nearest well-known place (village, command post,
 * oasis, bluff, arroyo) for distance and direction, the nearest other feature within a few km,
 * and the ground it is on.
 */
export function describePlace(features: LandFeature[], at: Point): string {
  const ranked = features.filter((f) => f.name).map((f) => ({ f, d: distanceTo(f, at.x, at.y) })).sort((a, b) => a.d - b.d);
  const isArea = (f: LandFeature) => AREA_KINDS.has(String(f.kind));
  // Inside a landmark (the oasis, the village): say so rather than "0 km from". The most particular
  // one wins (painted last: the oasis inside the bluff).
  const insideAll = features.filter((f) => f.name && !isArea(f) && f.geometry.type === 'Polygon' && distanceTo(f, at.x, at.y) === 0);
  const inside = insideAll.length ? { f: insideAll[insideAll.length - 1]!, d: 0 } : undefined;
  // Measure from the place people know best unless another is much nearer: the village counts
  // three times, the command post and the bluff twice as much as a small landmark.
  const anchor = features
    .filter((f) => ANCHOR_WEIGHT[String(f.kind)])
    .map((f) => {
      const c = featureCentre(f);
      return { f, c, d: Math.hypot(at.x - c.x, at.y - c.y), inside: distanceTo(f, at.x, at.y) === 0 };
    })
    .sort((a, b) => a.d / ANCHOR_WEIGHT[String(a.f.kind)]! - b.d / ANCHOR_WEIGHT[String(b.f.kind)]!)[0];
  const parts: string[] = [];
  if (inside) parts.push(`at ${placeName(inside.f)}`);
  if (anchor && anchor.f !== inside?.f) {
    if (anchor.inside) parts.push(`in ${placeName(anchor.f)}`);
    else parts.push(anchor.d < 0.5 ? `at ${placeName(anchor.f)}` : `${km(anchor.d)} ${compassWord(anchor.c, at)} of ${placeName(anchor.f)}`);
  }
  // Near something else within a few km — not a repetition ("the road to the command post" beside "of the command post").
  const said = [anchor, inside].filter(Boolean).map((r) => placeName(r!.f).replace(/^the /, ''));
  const near = ranked.find((r) => r.f !== anchor?.f && r.f !== inside?.f && r.d < 8 && !isArea(r.f) && !said.some((s) => placeName(r.f).includes(s)));
  if (near) parts.push(`near ${placeName(near.f)}`);
  // The ground: the last-painted (most particular) area holding the point, the open plain only when alone.
  const areas = features.filter((f) => isArea(f) && distanceTo(f, at.x, at.y) === 0);
  const ground = areas[areas.length - 1];
  if (ground && (areas.length > 1 || parts.length === 0)) parts.push(`in ${placeName(ground)}`);
  if (!parts.length) return `${km(Math.hypot(at.x, at.y))} ${compassWord({ x: 0, y: 0 }, at)} of the village`;
  return parts.join(', ');
}

/** A compact probability: "0.0012", "3.4 × 10⁻⁷". */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p === 0) return '0';
  if (p >= 0.001) return p.toPrecision(2).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  const e = Math.floor(Math.log10(p));
  const m = p / 10 ** e;
  return `${m.toFixed(1)} × 10${String(e).replace('-', '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!)}`;
}

export const formatFactor = (f: number | null | undefined): string => (f === null || f === undefined || !Number.isFinite(f) ? '' : `×${f >= 0.01 ? f.toPrecision(2).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') : formatP(f)}`);

export const percent = (p: number): string => (p >= 0.995 ? `${Math.round(p * 100)} %` : p >= 0.1 ? `${Math.round(p * 100)} %` : p >= 0.001 ? `${(p * 100).toFixed(1)} %` : '< 0.1 %');
