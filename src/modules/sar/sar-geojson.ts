// An operation as a GeoJSON FeatureCollection (pure, no I/O): what a GIS or another planner's tool
// needs to redraw our map. Coordinates are the operation's km (x east, y north), not WGS84, so the
// collection carries no "crs" (RFC 7946 dropped it) and says so in a foreign member, `units`.
// Each feature's `properties.kind` says what it is: lastKnown, sighting, sensorPost, hazard,
// segment, track, cell.

export interface KmXY { readonly x: number; readonly y: number }
export interface KmRect { readonly minX: number; readonly minY: number; readonly maxX: number; readonly maxY: number }

type Position = [number, number];
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] };

export type FeatureKind = 'lastKnown' | 'sighting' | 'sensorPost' | 'hazard' | 'segment' | 'track' | 'cell';

export interface Feature {
  type: 'Feature';
  id?: string;
  geometry: Geometry;
  properties: { kind: FeatureKind } & Record<string, unknown>;
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  /** Foreign members: what the numbers mean, and how much of the map the cell features hold. */
  units: 'km';
  operation: Record<string, unknown>;
  cells: { at: string; share: number; mass: number; count: number; truncated: boolean } | null;
  features: Feature[];
}

export interface GeoSensorPost { readonly id: string; readonly name: string; readonly x: number; readonly y: number; readonly rangeKm: number; readonly hitProbability: number; readonly falseAlarm: number }
export interface GeoSighting {
  readonly id: string; readonly kind: 'position' | 'bearing' | 'silent'; readonly at: string;
  readonly x?: number | null; readonly y?: number | null; readonly radiusKm?: number | null;
  readonly sensorPost?: string | null; readonly bearing?: number | null; readonly sigmaDeg?: number | null;
  readonly hitProbability?: number | null; readonly falseAlarm?: number | null;
  readonly reporter?: unknown; readonly note?: string | null;
}
export interface GeoHazard { readonly id: string; readonly at: string; readonly x: number; readonly y: number; readonly radiusKm: number; readonly kind: string; readonly note?: string | null }
export interface GeoTeam { readonly id: string; readonly name: string; readonly segment: KmRect | null }
export interface GeoTrack { readonly id: string; readonly team: string; readonly startedAt: string; readonly endedAt: string; readonly lengthKm: number; readonly points: readonly KmXY[] }
export interface GeoGrid { readonly width: number; readonly height: number; readonly cellKm: number; readonly originX: number; readonly originY: number; readonly p: ArrayLike<number> }

export interface OperationGeo {
  readonly operation: { readonly id: string; readonly code: string; readonly title: string; readonly status: string; readonly lastKnown: KmXY & { readonly at: string; readonly note?: string | null } } & Record<string, unknown>;
  readonly sensorPosts: readonly GeoSensorPost[];
  readonly sightings: readonly GeoSighting[];
  readonly hazards: readonly GeoHazard[];
  readonly teams: readonly GeoTeam[];
  readonly tracks: readonly GeoTrack[];
  /** The probability map at `at`, for the cell features; null leaves them out. */
  readonly map: { readonly at: string; readonly grid: GeoGrid } | null;
}

/** The share of the area's mass the cell features hold. */
export const CELL_SHARE = 0.9;
/** At most this many cell features: a diffuse map over a million cells would otherwise make a file of hundreds of MB. */
export const MAX_CELL_FEATURES = 20_000;

const point = (x: number, y: number): Geometry => ({ type: 'Point', coordinates: [x, y] });
const rectangle = (r: KmRect): Geometry => ({
  type: 'Polygon',
  // Exterior ring counter-clockwise, closed (RFC 7946 §3.1.6).
  coordinates: [[[r.minX, r.minY], [r.maxX, r.minY], [r.maxX, r.maxY], [r.minX, r.maxY], [r.minX, r.minY]]],
});

/**
 * The highest-probability cells that together hold `share` of the mass in the grid's cells
 * (rest of world left out: it is nowhere on the map), largest first; ties at the threshold are
 * taken in index order. Sorting a copy of the values finds the threshold without sorting a
 * million indices.
 */
export function highestCells(p: ArrayLike<number>, share: number, limit = Infinity): { cells: number[]; mass: number; total: number; truncated: boolean } {
  let total = 0;
  for (let i = 0; i < p.length; i++) total += p[i]!;
  if (!(total > 0)) return { cells: [], mass: 0, total, truncated: false };
  const sorted = Float64Array.from(p as ArrayLike<number>).sort().reverse();
  // A hair under the goal, so 0.4 + 0.3 + 0.2 (0.8999999999999999 in floating point) is 90 %.
  const goal = share * total * (1 - 1e-12);
  let mass = 0;
  let k = 0;
  while (k < sorted.length && mass < goal && sorted[k]! > 0) mass += sorted[k++]!;
  const threshold = sorted[k - 1]!;
  // Cells strictly above the threshold are all in; of those equal to it, as many as the sum needed.
  let atThreshold = 0;
  for (let j = 0; j < k; j++) if (sorted[j] === threshold) atThreshold++;
  const chosen: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > threshold) chosen.push(i);
    else if (v === threshold && atThreshold > 0) { chosen.push(i); atThreshold--; }
  }
  chosen.sort((a, b) => p[b]! - p[a]! || a - b);
  const truncated = chosen.length > limit;
  const cells = truncated ? chosen.slice(0, limit) : chosen;
  let kept = 0;
  for (const i of cells) kept += p[i]!;
  return { cells, mass: kept, total, truncated };
}

/** The FeatureCollection of an operation, as the API contract's export describes it. */
export function operationGeoJson(input: OperationGeo, options: { share?: number; maxCells?: number } = {}): FeatureCollection {
  const { operation } = input;
  const features: Feature[] = [];
  features.push({
    type: 'Feature', id: `lastKnown:${operation.id}`,
    geometry: point(operation.lastKnown.x, operation.lastKnown.y),
    properties: { kind: 'lastKnown', at: operation.lastKnown.at, note: operation.lastKnown.note ?? null },
  });
  const posts = new Map(input.sensorPosts.map((s) => [s.id, s]));
  for (const s of input.sensorPosts) {
    features.push({ type: 'Feature', id: s.id, geometry: point(s.x, s.y), properties: { kind: 'sensorPost', name: s.name, rangeKm: s.rangeKm, hitProbability: s.hitProbability, falseAlarm: s.falseAlarm } });
  }
  for (const s of input.sightings) {
    const properties = {
      kind: 'sighting' as const, sighting: s.kind, at: s.at, radiusKm: s.radiusKm ?? null, sensorPost: s.sensorPost ?? null, bearing: s.bearing ?? null, sigmaDeg: s.sigmaDeg ?? null,
      hitProbability: s.hitProbability ?? null, falseAlarm: s.falseAlarm ?? null, reporter: s.reporter ?? null, note: s.note ?? null,
    };
    const post = s.sensorPost ? posts.get(s.sensorPost) : undefined;
    let geometry: Geometry | null = null;
    if (s.kind === 'position' && s.x != null && s.y != null) geometry = point(s.x, s.y);
    else if (s.kind === 'bearing' && post && s.bearing != null) {
      // The line of the bearing from the post out to its range: compass degrees, 0 north, 90 east.
      const rad = (s.bearing * Math.PI) / 180;
      geometry = { type: 'LineString', coordinates: [[post.x, post.y], [post.x + post.rangeKm * Math.sin(rad), post.y + post.rangeKm * Math.cos(rad)]] };
    } else if (post) geometry = point(post.x, post.y);
    if (geometry) features.push({ type: 'Feature', id: s.id, geometry, properties });
  }
  for (const h of input.hazards) {
    features.push({ type: 'Feature', id: h.id, geometry: point(h.x, h.y), properties: { kind: 'hazard', hazard: h.kind, at: h.at, radiusKm: h.radiusKm, note: h.note ?? null } });
  }
  const teamNames = new Map(input.teams.map((t) => [t.id, t.name]));
  for (const t of input.teams) {
    if (t.segment) features.push({ type: 'Feature', id: `segment:${t.id}`, geometry: rectangle(t.segment), properties: { kind: 'segment', team: t.id, teamName: t.name } });
  }
  for (const tr of input.tracks) {
    // A LineString needs two positions; a track of one point is where a team stood.
    const coordinates = tr.points.map((q): Position => [q.x, q.y]);
    if (coordinates.length === 0) continue;
    const geometry: Geometry = coordinates.length >= 2 ? { type: 'LineString', coordinates } : point(coordinates[0]![0], coordinates[0]![1]);
    features.push({ type: 'Feature', id: tr.id, geometry, properties: { kind: 'track', team: tr.team, teamName: teamNames.get(tr.team) ?? null, startedAt: tr.startedAt, endedAt: tr.endedAt, lengthKm: tr.lengthKm } });
  }
  let cells: FeatureCollection['cells'] = null;
  if (input.map) {
    const { grid, at } = input.map;
    const share = options.share ?? CELL_SHARE;
    const best = highestCells(grid.p, share, options.maxCells ?? MAX_CELL_FEATURES);
    for (const i of best.cells) {
      const col = i % grid.width;
      const row = (i - col) / grid.width;
      const minX = grid.originX + col * grid.cellKm, minY = grid.originY + row * grid.cellKm;
      features.push({ type: 'Feature', id: `cell:${col}:${row}`, geometry: rectangle({ minX, minY, maxX: minX + grid.cellKm, maxY: minY + grid.cellKm }), properties: { kind: 'cell', col, row, p: grid.p[i]! } });
    }
    cells = { at, share, mass: best.mass, count: best.cells.length, truncated: best.truncated };
  }
  return { type: 'FeatureCollection', units: 'km', operation: { ...operation }, cells, features };
}
