// Search and rescue reads: operations and their reports as the API shows them, and the probability
// map replayed from the reports the reader may see. Every read filters by the reader's clearance in
// SQL; an operation the reader may not see is answered exactly as one that does not exist.
import os from 'node:os';
import type { Kysely } from 'kysely';
import { fromJson, toIsoInstant } from '../../kernel/db/dialect.ts';
import { readerSees, storedLabel } from '../../kernel/auth/reader.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { isWithheld, refuse, showReferences, WITHHELD, type Withheld } from '../../kernel/references.ts';
import { explainAt, mapAt, shapeOf, type MapOperation, type MapReport, type Profile } from './sar-map.ts';
import { SarErrors } from './sar.errors.ts';
import { effortPlan } from './effort-plan.ts';
import { terrainFor } from './land-of-wind.ts';
import type { TLastReport, TPlan, TCellAnswer, THazard, TMap, TOperation, TOperationDetail, TSensorPost, TSighting, TTeam, TTrack } from './sar.schema.ts';

type Row = Record<string, any>;
const instantText = (v: unknown): string | null => (v === null || v === undefined ? null : toIsoInstant(v instanceof Date ? v.toISOString() : String(v)));
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Keeps only rows (alias a) the reader's clearance dominates; no filter for the operator. */
type PersonShown = { id: string; name: string } | Withheld;
async function people(ctx: AppContext, ids: readonly (string | null | undefined)[]): Promise<Map<string, PersonShown>> {
  const shown = await showReferences(ctx, 'registry.person', ids.filter((x): x is string => !!x));
  return new Map([...shown].map(([id, s]) => [id, isWithheld(s) ? WITHHELD : { id: s.id as string, name: String(s.displayName ?? '') }]));
}

/** The operation record as stored, for the service and the reads. */
export interface StoredOperation extends MapOperation {
  code: string;
  title: string;
  subjectId: string;
  status: 'active' | 'found' | 'called_off';
  lastKnown: { x: number; y: number; at: string; note: string | null };
  openedAt: string;
  closedAt: string | null;
  foundAt: { x: number; y: number } | null;
  label: Label;
  version: number;
  /** The subject's registry status before the operation made it "missing" (null: not known). */
  subjectStatusBefore: string | null;
}

export function toStored(r: Row): StoredOperation {
  return {
    id: r.id, code: r.code, title: r.title, subjectId: r.subject_id, status: r.status,
    lastKnown: { x: num(r.lkp_x), y: num(r.lkp_y), at: instantText(r.lkp_at)!, note: r.lkp_note ?? null },
    profile: r.profile as Profile, direction: fromJson<{ bearing: number; kappa: number } | null>(r.direction, null),
    area: { minX: num(r.area_min_x), minY: num(r.area_min_y), maxX: num(r.area_max_x), maxY: num(r.area_max_y), cellKm: num(r.cell_km) },
    movingKmh: numOrNull(r.moving_kmh), openedAt: instantText(r.opened_at)!, closedAt: instantText(r.closed_at),
    foundAt: r.found_x === null || r.found_x === undefined ? null : { x: num(r.found_x), y: num(r.found_y) },
    label: storedLabel(r), version: Number(r.version), subjectStatusBefore: r.subject_status_before ?? null,
  };
}

function toOperation(o: StoredOperation, subject: PersonShown): TOperation {
  const shape = shapeOf(o.area);
  return {
    id: o.id, code: o.code, title: o.title, subject, status: o.status, lastKnown: o.lastKnown, profile: o.profile, direction: o.direction,
    area: { ...o.area, width: shape.width, height: shape.height }, movingKmh: o.movingKmh, openedAt: o.openedAt, closedAt: o.closedAt, foundAt: o.foundAt,
    classification: o.label.classification, compartments: [...o.label.compartments], version: o.version,
  };
}

/** Finds an operation by id or code among all (no label filter): for the writers' own checks inside a transaction. */
export async function findOperation(db: Kysely<any>, ref: string): Promise<StoredOperation | null> {
  const r = await db.selectFrom('sar_operation').selectAll().where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)])).execute();
  const row = r.find((x) => x.id === ref) ?? r[0];
  return row ? toStored(row) : null;
}

/** The operation the reader names, if they may see it; otherwise the unknown-operation answer (404). */
export async function visibleOperation(ctx: AppContext, ref: string): Promise<StoredOperation> {
  const rows = await ctx.db.selectFrom('sar_operation as o').selectAll().where((eb) => eb.or([eb('o.id', '=', ref), eb('o.code', '=', ref)])).where(readerSees(ctx, 'o')).execute();
  const row = rows.find((x) => x.id === ref) ?? rows[0];
  if (row) return toStored(row);
  throw await refuse(ctx, 'sar.operation', ref);
}

export async function listOperations(ctx: AppContext, status?: 'active' | 'closed'): Promise<{ items: (TOperation & { lastReport: TLastReport | null })[] }> {
  let q = ctx.db.selectFrom('sar_operation as o').selectAll().where(readerSees(ctx, 'o'));
  if (status === 'active') q = q.where('o.status', '=', 'active');
  if (status === 'closed') q = q.where('o.status', '<>', 'active');
  const rows = (await q.orderBy('o.opened_at', 'desc').orderBy('o.id', 'desc').execute()).map(toStored);
  const [shown, last] = await Promise.all([people(ctx, rows.map((o) => o.subjectId)), lastReports(ctx, rows.map((o) => o.id))]);
  return { items: rows.map((o) => ({ ...toOperation(o, shown.get(o.subjectId) ?? WITHHELD), lastReport: last.get(o.id) ?? null })) };
}

const SIGHTING_WORD: Record<string, TLastReport['kind']> = { position: 'sighting', bearing: 'bearing', silent: 'silence' };

/**
 * Each operation's latest report the reader may see, in three grouped statements whatever the
 * number of operations (the same visibility as reportRows: a sighting through a hidden post, a
 * track of a hidden team, count as nothing).
 */
async function lastReports(ctx: AppContext, ids: string[]): Promise<Map<string, TLastReport>> {
  const out = new Map<string, TLastReport>();
  if (!ids.length) return out;
  const [sightings, hazards, tracks] = await Promise.all([
    ctx.db.selectFrom('sar_sighting as a').leftJoin('sar_sensor_post as sp', 'sp.id', 'a.sensor_post_id')
      .select(['a.operation_id', 'a.kind']).select((eb) => eb.fn.max('a.at').as('at'))
      .where('a.operation_id', 'in', ids).where(readerSees(ctx, 'a'))
      .where((eb) => eb.or([eb('a.sensor_post_id', 'is', null), readerSees(ctx, 'sp')]))
      .groupBy(['a.operation_id', 'a.kind']).execute(),
    ctx.db.selectFrom('sar_hazard as a').select('a.operation_id').select((eb) => eb.fn.max('a.at').as('at'))
      .where('a.operation_id', 'in', ids).where(readerSees(ctx, 'a')).groupBy('a.operation_id').execute(),
    ctx.db.selectFrom('sar_track as a').innerJoin('sar_team as t', 't.id', 'a.team_id').select('a.operation_id').select((eb) => eb.fn.max('a.ended_at').as('at'))
      .where('a.operation_id', 'in', ids).where(readerSees(ctx, 'a')).where(readerSees(ctx, 't')).groupBy('a.operation_id').execute(),
  ]);
  const consider = (opId: string, at: unknown, kind: TLastReport['kind']) => {
    const t = instantText(at);
    if (!t) return;
    const had = out.get(opId);
    if (!had || t > had.at) out.set(opId, { at: t, kind });
  };
  for (const r of sightings) consider(r.operation_id, r.at, SIGHTING_WORD[r.kind] ?? 'sighting');
  for (const r of hazards) consider(r.operation_id, r.at, 'hazard');
  for (const r of tracks) consider(r.operation_id, r.at, 'track');
  return out;
}

export async function getOperation(ctx: AppContext, ref: string): Promise<TOperation> {
  const o = await visibleOperation(ctx, ref);
  return toOperation(o, (await people(ctx, [o.subjectId])).get(o.subjectId) ?? WITHHELD);
}

// ---------- the reports ----------

export function toSensorPost(r: Row): TSensorPost {
  return { id: r.id, name: r.name, x: num(r.x), y: num(r.y), rangeKm: num(r.range_km), hitProbability: num(r.hit_probability), falseAlarm: num(r.false_alarm), classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) };
}

export function toSighting(r: Row, reporter: PersonShown | null): TSighting {
  const s: TSighting = {
    id: r.id, kind: r.kind, at: instantText(r.at)!, hitProbability: num(r.hit_probability), falseAlarm: num(r.false_alarm),
    reporter, note: r.note ?? null, recordedAt: instantText(r.recorded_at)!, classification: r.classification, compartments: fromJson<string[]>(r.compartments, []),
  };
  if (r.kind === 'position') Object.assign(s, { x: num(r.x), y: num(r.y), radiusKm: num(r.radius_km) });
  else Object.assign(s, { sensorPost: r.sensor_post_id });
  if (r.kind === 'bearing') Object.assign(s, { bearing: num(r.bearing), sigmaDeg: num(r.sigma_deg) });
  return s;
}

export function toHazard(r: Row): THazard {
  return { id: r.id, at: instantText(r.at)!, x: num(r.x), y: num(r.y), radiusKm: num(r.radius_km), kind: r.kind, note: r.note ?? null, classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) };
}

const pointsOf = (v: unknown) => fromJson<[number, number][]>(v, []).map(([x, y]) => ({ x, y }));

function toTeam(r: Row, members: PersonShown[]): TTeam {
  return {
    id: r.id, name: r.name, members, ninken: fromJson<string[]>(r.ninken, []), speedKmh: num(r.speed_kmh), sweepWidthKm: num(r.sweep_width_km),
    segment: r.segment_min_x === null || r.segment_min_x === undefined ? null : { minX: num(r.segment_min_x), minY: num(r.segment_min_y), maxX: num(r.segment_max_x), maxY: num(r.segment_max_y) },
    classification: r.classification, compartments: fromJson<string[]>(r.compartments, []),
  };
}

function toTrack(r: Row, pos: number | null): TTrack {
  return {
    id: r.id, team: r.team_id, startedAt: instantText(r.started_at)!, endedAt: instantText(r.ended_at)!, lengthKm: num(r.length_km), points: pointsOf(r.points), pos,
    classification: r.classification, compartments: fromJson<string[]>(r.compartments, []),
  };
}

/** Every report of the operation the reader may see (a report naming a post or team the reader may not see is left out too). */
async function reportRows(ctx: AppContext, opId: string) {
  const [posts, sightings, hazards, teams, tracks] = await Promise.all([
    ctx.db.selectFrom('sar_sensor_post as a').selectAll().where('a.operation_id', '=', opId).where(readerSees(ctx, 'a')).orderBy('a.id').execute(),
    ctx.db.selectFrom('sar_sighting as a').leftJoin('sar_sensor_post as sp', 'sp.id', 'a.sensor_post_id')
      .selectAll('a').select(['sp.x as post_x', 'sp.y as post_y', 'sp.range_km as post_range_km', 'sp.hit_probability as post_pd', 'sp.name as post_name'])
      .where('a.operation_id', '=', opId).where(readerSees(ctx, 'a'))
      .where((eb) => eb.or([eb('a.sensor_post_id', 'is', null), readerSees(ctx, 'sp')]))
      .orderBy('a.at').orderBy('a.id').execute(),
    ctx.db.selectFrom('sar_hazard as a').selectAll().where('a.operation_id', '=', opId).where(readerSees(ctx, 'a')).orderBy('a.at').orderBy('a.id').execute(),
    ctx.db.selectFrom('sar_team as a').selectAll().where('a.operation_id', '=', opId).where(readerSees(ctx, 'a')).orderBy('a.name').execute(),
    ctx.db.selectFrom('sar_track as a').innerJoin('sar_team as t', 't.id', 'a.team_id').selectAll('a').select(['t.sweep_width_km', 't.name as team_name'])
      .where('a.operation_id', '=', opId).where(readerSees(ctx, 'a')).where(readerSees(ctx, 't')).orderBy('a.ended_at').orderBy('a.id').execute(),
  ]);
  return { posts, sightings, hazards, teams, tracks };
}

const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

/** What the map applies of the reader's reports: sightings and silences (with their post), and searched tracks. */
function mapReports(rows: Awaited<ReturnType<typeof reportRows>>): MapReport[] {
  const out: MapReport[] = [];
  for (const r of rows.sightings) {
    const at = instantText(r.at)!;
    const note = r.note ? `: ${r.note}` : '';
    if (r.kind === 'position') {
      out.push({ kind: 'sighting', id: r.id, at, summary: `sighting at (${round(num(r.x))}, ${round(num(r.y))}) ± ${round(num(r.radius_km))} km${note}`, report: { kind: 'position', x: num(r.x), y: num(r.y), radiusKm: num(r.radius_km), hit: num(r.hit_probability), falseAlarm: num(r.false_alarm) } });
    } else if (r.kind === 'bearing') {
      out.push({ kind: 'sighting', id: r.id, at, summary: `${r.post_name}: bearing ${round(num(r.bearing), 1)}° ± ${round(num(r.sigma_deg), 1)}°${note}`, report: { kind: 'bearing', x: num(r.post_x), y: num(r.post_y), bearingDeg: num(r.bearing), sigmaDeg: num(r.sigma_deg), rangeKm: num(r.post_range_km), hit: num(r.hit_probability), falseAlarm: num(r.false_alarm) } });
    } else {
      out.push({ kind: 'sighting', id: r.id, at, summary: `${r.post_name}: silent within ${round(num(r.post_range_km))} km${note}`, report: { kind: 'silent', x: num(r.post_x), y: num(r.post_y), rangeKm: num(r.post_range_km), pd: num(r.post_pd) } });
    }
  }
  for (const r of rows.tracks) {
    out.push({ kind: 'search', id: r.id, at: instantText(r.ended_at)!, summary: `${r.team_name}: searched ${round(num(r.length_km), 2)} km of track, nothing found`, points: pointsOf(r.points), sweepWidthKm: num(r.sweep_width_km) });
  }
  return out;
}

export async function operationDetail(ctx: AppContext, ref: string): Promise<TOperationDetail> {
  const o = await visibleOperation(ctx, ref);
  const rows = await reportRows(ctx, o.id);
  const members = rows.teams.length
    ? await ctx.db.selectFrom('sar_team_member').select(['team_id', 'person_id']).where('team_id', 'in', rows.teams.map((t) => t.id)).orderBy('person_id').execute()
    : [];
  const shown = await people(ctx, [o.subjectId, ...rows.sightings.map((s) => s.reporter_id), ...members.map((m) => m.person_id)]);
  // A track's POS is the share of the probability its search took, as the map replays it in time order.
  const pos = rows.tracks.length ? replayed(o.code, () => mapAt(o, mapReports(rows), mapInstant(ctx, o))).pos : new Map<string, number>();
  return {
    ...toOperation(o, shown.get(o.subjectId) ?? WITHHELD),
    sensorPosts: rows.posts.map(toSensorPost),
    sightings: rows.sightings.map((r) => toSighting(r, r.reporter_id ? shown.get(r.reporter_id) ?? WITHHELD : null)),
    hazards: rows.hazards.map(toHazard),
    teams: rows.teams.map((t) => toTeam(t, members.filter((m) => m.team_id === t.id).map((m) => shown.get(m.person_id) ?? WITHHELD))),
    tracks: rows.tracks.map((t) => toTrack(t, pos.get(t.id) ?? null)),
  };
}

/** The instant a map shows by default: now, or when a closed operation was closed. */
function mapInstant(ctx: AppContext, o: StoredOperation, at?: string): string {
  // The future is refused: nothing is known of it, and wandering up to any far instant is what
  // would cost (the motion is replayed up to the instant asked).
  if (at && at > ctx.now().toISOString()) throw SarErrors.notYet('query.at');
  if (at) return at;
  const now = ctx.now().toISOString();
  return o.closedAt && o.closedAt < now ? o.closedAt : now;
}

/** Float32, little-endian, base64 (what the web page draws). */
export function float32Base64(values: Float64Array): string {
  const f32 = Float32Array.from(values);
  if (os.endianness() === 'LE') return Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength).toString('base64');
  const buf = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) buf.writeFloatLE(f32[i]!, i * 4);
  return buf.toString('base64');
}

/**
 * The core refuses only what cannot happen with valid reports (every false-alarm rate is above 0,
 * so no report rules out every place); should floating point ever get there, the reader is told so,
 * never answered 500.
 */
function replayed<T>(code: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RangeError) throw SarErrors.contradiction(code, e.message);
    throw e;
  }
}

export async function operationMap(ctx: AppContext, ref: string, at?: string): Promise<TMap> {
  const o = await visibleOperation(ctx, ref);
  const rows = await reportRows(ctx, o.id);
  const m = replayed(o.code, () => mapAt(o, mapReports(rows), mapInstant(ctx, o, at)));
  const p = m.grid.p;
  let max = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > max) max = p[i]!;
  const { width, height, cellKm, originX, originY } = m.grid;
  return {
    at: m.at, grid: { width, height, cellKm, originX, originY }, restOfWorld: m.grid.restOfWorld, max,
    p: float32Base64(p), steps: m.steps, coverage: m.coverage ? float32Base64(m.coverage) : null,
  };
}

export async function operationCell(ctx: AppContext, ref: string, x: number, y: number, at?: string): Promise<TCellAnswer> {
  const o = await visibleOperation(ctx, ref);
  const rows = await reportRows(ctx, o.id);
  const e = replayed(o.code, () => explainAt(o, mapReports(rows), mapInstant(ctx, o, at), x, y));
  if (!e) throw SarErrors.outsideArea(o.code, o.area);
  return e;
}

/**
 * Where the teams should search next: the map as it stands at `at` (default now), every team the
 * reader may see for `hours` each, sent to squares of `segmentKm` (effort-plan.ts), beside Stone's
 * optimal allocation of the same swept area. A team already assigned a segment equal to the
 * square it is sent to is marked `current`.
 */
export async function operationPlan(ctx: AppContext, ref: string, query: { hours: number; segmentKm: number; at?: string }): Promise<TPlan> {
  const o = await visibleOperation(ctx, ref);
  if (o.status !== 'active') throw SarErrors.closed(o.code, o.status);
  const rows = await reportRows(ctx, o.id);
  const m = replayed(o.code, () => mapAt(o, mapReports(rows), mapInstant(ctx, o, query.at)));
  const teams = rows.teams.map((t) => ({ id: t.id as string, name: t.name as string, speedKmh: num(t.speed_kmh), sweepWidthKm: num(t.sweep_width_km) }));
  const plan = effortPlan({ grid: m.grid, terrain: terrainFor(m.grid), teams, hours: query.hours, segmentKm: query.segmentKm });
  const teamRows = new Map(rows.teams.map((t) => [t.id as string, t]));
  const same = (a: number, b: unknown) => b !== null && b !== undefined && Math.abs(a - num(b)) < 1e-9;
  return {
    at: m.at, hours: plan.hours, segmentKm: plan.segmentKm, sweepKm2: plan.sweepKm2, pos: plan.pos, optimalPos: plan.optimalPos,
    assignments: plan.assignments.map((a) => {
      const r = teamRows.get(a.team.id)!;
      const current = same(a.segment.minX, r.segment_min_x) && same(a.segment.minY, r.segment_min_y) && same(a.segment.maxX, r.segment_max_x) && same(a.segment.maxY, r.segment_max_y);
      return { team: { id: a.team.id, name: a.team.name }, segment: { ...a.segment }, hours: a.hours, sweepKm2: a.sweepKm2, pod: a.pod, gain: a.gain, current };
    }),
    unassigned: plan.unassigned.map((t) => ({ id: t.id, name: t.name })),
    ideal: plan.ideal.map((s) => ({ segment: { ...s.segment }, effortKm2: s.effortKm2 })),
  };
}
