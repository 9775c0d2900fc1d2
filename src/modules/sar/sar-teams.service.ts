// Teams, their segments and the tracks they searched (issue 11, "Teams from the registry…"): the
// writes and the reads an operation's page and exports show. A searched track that found nothing
// moves the map: it is stored here, and the map (sar-ops' replay) applies it at its end time, in
// time order among the other reports.
//
// Labels: a team carries at least its operation's label, joined with its members' (registry
// people) and with any label asked for (the Kazekage's ANBU bodyguards are secret/ANBU inside a
// public operation). A track carries its team's. A reader who may not see a team sees neither it
// nor its tracks; a hidden team is exactly an unknown one.
import type { Kysely } from 'kysely';
import { transact, authorize, type AppContext } from '../../kernel/context.ts';
import { resolveReference, showReferences, isWithheld, WITHHELD, type Withheld } from '../../kernel/references.ts';
import { operationDetail, operationMap, visibleOperation, type StoredOperation } from './sar.read.ts';
import { actorName, changed, stillOpen } from './sar.service.ts';
import { operationGeoJson, type FeatureCollection } from './sar-geojson.ts';
import { join, type Label } from '../../kernel/auth/labels.ts';
import { readerLabels, storedLabel } from '../../kernel/auth/reader.ts';
import { fromJson, labelVisible, toJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { AppError, humanIssue, validationError } from '../../kernel/errors.ts';
import type { z } from 'zod';
import { SarErrors } from './sar.errors.ts';
import { gpxSegments, parseGpx, polylineKm, timesAlong, toKm, toLatLon, writeGpx, GpxError, type GpxPoint, type KmPoint } from './sar-gpx.ts';
import {
  ZGpxQuery, ZInstant, ZRect, ZTeamCreate, ZTrackCreate, MAX_TRACK_POINTS,
  type TRect, type TTeam, type TTeamCreate, type TTrack, type TTrackCreate,
} from './sar-teams.schema.ts';

/** Parses with zod and reports every bad field by its path under `where` ("body", "query"). */
function parse<S extends z.ZodTypeAny>(schema: S, input: unknown, where = 'body'): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: humanIssue(i.message, i.code, input, i.path) })));
  return r.data;
}

const sorted = (l: Label): Label => ({ classification: l.classification, compartments: [...l.compartments].sort() });

// ---------- the operation reported into ----------

type OperationRow = StoredOperation;

function refuseClosed(op: OperationRow) {
  if (op.status !== 'active') throw SarErrors.closed(op.code, op.status);
}

// Inside the writing transaction, as every report's write does (sar.service.ts): still open (a
// close committed since the first look wins), and the change announced (an open map refetches).
/** Segments one GPX upload may carry: each becomes a track, and each track a step of every replay of the map. */
export const MAX_GPX_SEGMENTS = 200;
const stillActive = stillOpen;
const announce = changed;

// ---------- teams ----------

const TEAM_COLUMNS = ['id', 'operation_id', 'name', 'ninken', 'speed_kmh', 'sweep_width_km', 'segment_min_x', 'segment_min_y', 'segment_max_x', 'segment_max_y', 'classification', 'compartments', 'version'] as const;
type TeamRow = Record<(typeof TEAM_COLUMNS)[number], any>;

const teamNotFound = (ref: string) =>
  new AppError('SAR_TEAM_NOT_FOUND', 'not_found', `This operation has no team with the id or name "${ref.slice(0, 100)}".`);

/** The reader's visible teams of an operation, optionally only the one with this id or name: one statement, filtered by label in SQL. */
async function teamRows(ctx: AppContext, operationId: string, ref?: string, db: Kysely<any> = ctx.db): Promise<TeamRow[]> {
  const reader = readerLabels(ctx);
  let q = db.selectFrom('sar_team as t').select(TEAM_COLUMNS.map((c) => `t.${c}` as const)).where('t.operation_id', '=', operationId);
  if (ref !== undefined) q = q.where((eb) => eb.or([eb('t.id', '=', ref), eb('t.name', '=', ref)]));
  if (reader) q = q.where(labelVisible(ctx.dialect, 't', reader.maxRank, reader.compartments));
  return (await q.orderBy('t.name').orderBy('t.id').execute()) as TeamRow[];
}

/** A team the reader may see, by id or name; hidden and unknown alike. `path` set: 422 naming it (a body field), else 404. */
async function visibleTeam(ctx: AppContext, operationId: string, ref: string, path?: string, db?: Kysely<any>): Promise<TeamRow> {
  const rows = await teamRows(ctx, operationId, ref, db);
  // An id wins over a name spelled the same.
  const row = rows.find((r) => r.id === ref) ?? rows[0];
  if (!row) throw path ? SarErrors.teamUnknown(path) : teamNotFound(ref);
  return row;
}

async function teamsShown(ctx: AppContext, rows: TeamRow[], db: Kysely<any> = ctx.db): Promise<TTeam[]> {
  if (!rows.length) return [];
  const members = await db.selectFrom('sar_team_member').select(['team_id', 'person_id']).where('team_id', 'in', rows.map((r) => r.id)).orderBy('team_id').orderBy('person_id').execute();
  const people = await showReferences({ ...ctx, db }, 'registry.person', members.map((m) => m.person_id));
  const byTeam = new Map<string, ({ id: string; name: string } | Withheld)[]>();
  for (const m of members) {
    const shown = people.get(m.person_id);
    const person = !shown || isWithheld(shown) ? WITHHELD : { id: String(shown.id), name: String(shown.displayName) };
    (byTeam.get(m.team_id) ?? byTeam.set(m.team_id, []).get(m.team_id)!).push(person);
  }
  return rows.map((r) => {
    const label = storedLabel(r);
    return {
      id: r.id, name: r.name, members: byTeam.get(r.id) ?? [], ninken: fromJson<string[]>(r.ninken, []),
      speedKmh: Number(r.speed_kmh), sweepWidthKm: Number(r.sweep_width_km),
      segment: r.segment_min_x === null || r.segment_min_x === undefined ? null
        : { minX: Number(r.segment_min_x), minY: Number(r.segment_min_y), maxX: Number(r.segment_max_x), maxY: Number(r.segment_max_y) },
      classification: label.classification, compartments: [...label.compartments], version: Number(r.version),
    };
  });
}

/** An operation's teams the reader may see (members they may not see withheld), by name. */
export async function listTeams(ctx: AppContext, operationId: string): Promise<TTeam[]> {
  return teamsShown(ctx, await teamRows(ctx, operationId));
}

export async function getTeam(ctx: AppContext, operationRef: string, teamRef: string): Promise<TTeam> {
  const op = await visibleOperation(ctx, operationRef);
  return (await teamsShown(ctx, [await visibleTeam(ctx, op.id, teamRef)]))[0]!;
}

/** `POST /api/sar/operations/:id/teams`. */
export async function createTeam(ctx: AppContext, operationRef: string, input: TTeamCreate): Promise<TTeam> {
  const t = parse(ZTeamCreate, input);
  const op = await visibleOperation(ctx, operationRef);
  // The role first (a writer who may not report learns nothing of the people named), the label once it is known.
  await authorize(ctx, 'sar.report', undefined, { type: 'sar.operation', id: op.id });
  // Members are registry people the writer may see; a hidden one is refused as an unknown one.
  let label = op.label;
  const members: string[] = [];
  for (const [i, ref] of t.members.entries()) {
    const person = await resolveReference(ctx, 'registry.person', ref, { path: `body.members.${i}` });
    if (members.includes(person.id)) throw SarErrors.invalid(`body.members.${i}`, 'names a person already in the team');
    members.push(person.id);
    for (const l of person.labels) label = join(label, l);
  }
  if (t.classification || t.compartments) label = join(label, { classification: t.classification ?? 'public', compartments: t.compartments ?? [] });
  label = sorted(label);
  await authorize(ctx, 'sar.report', label, { type: 'sar.operation', id: op.id });
  refuseClosed(op);
  const id = await transact(ctx, async (tx) => {
    await stillActive(tx, op);
    // Names are unique in an operation, hidden teams' too: the one place a hidden team's
    // existence shows (its name taken, not what it is), as with registry codes (SECURITY.md).
    const taken = await tx.db.selectFrom('sar_team').select('id').where('operation_id', '=', op.id).where('name', '=', t.name).executeTakeFirst();
    if (taken) throw new AppError('SAR_TEAM_NAME_TAKEN', 'conflict', `Operation ${op.code} already has a team named "${t.name}". Choose another name.`, [{ path: 'body.name', message: 'already taken in this operation' }]);
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db.insertInto('sar_team').values({
      id, operation_id: op.id, name: t.name, ninken: toJson(t.ninken), speed_kmh: t.speedKmh, sweep_width_km: t.sweepWidthKm,
      segment_min_x: null, segment_min_y: null, segment_max_x: null, segment_max_y: null, created_by: actorName(tx),
      classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
    }).execute();
    if (members.length) await tx.db.insertInto('sar_team_member').values(members.map((person_id) => ({ team_id: id, person_id }))).execute();
    tx.audit({ action: 'sar.team.create', objectType: 'sar.team', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { operation: op.id, name: t.name, members, ninken: t.ninken, speedKmh: t.speedKmh, sweepWidthKm: t.sweepWidthKm } });
    announce(tx, op.id, 'team', label);
    return id;
  });
  return (await teamsShown(ctx, [await visibleTeam(ctx, op.id, id)]))[0]!;
}

/** `POST /api/sar/operations/:id/teams/:team/segment`: the km rectangle the team is to search. */
export async function assignSegment(ctx: AppContext, operationRef: string, teamRef: string, input: TRect): Promise<TTeam> {
  const s = parse(ZRect, input);
  const op = await visibleOperation(ctx, operationRef);
  const team = await visibleTeam(ctx, op.id, teamRef);
  const label = storedLabel(team);
  await authorize(ctx, 'sar.report', label, { type: 'sar.team', id: team.id });
  refuseClosed(op);
  const a = op.area;
  if (s.maxX <= a.minX || s.minX >= a.maxX || s.maxY <= a.minY || s.minY >= a.maxY) {
    throw SarErrors.invalid('body', `the segment lies wholly outside the operation's area (x ${a.minX} to ${a.maxX}, y ${a.minY} to ${a.maxY} km)`);
  }
  await transact(ctx, async (tx) => {
    await stillActive(tx, op);
    const at = tx.now.toISOString();
    await tx.db.updateTable('sar_team').set({ segment_min_x: s.minX, segment_min_y: s.minY, segment_max_x: s.maxX, segment_max_y: s.maxY, version: Number(team.version) + 1, updated_at: at })
      .where('id', '=', team.id).execute();
    tx.audit({ action: 'sar.team.segment', objectType: 'sar.team', objectId: team.id, classification: label.classification, compartments: [...label.compartments], detail: { operation: op.id, segment: s } });
    announce(tx, op.id, 'segment', label);
  });
  return (await teamsShown(ctx, [await visibleTeam(ctx, op.id, team.id)]))[0]!;
}

// ---------- tracks ----------

type TrackRow = { id: string; team_id: string; started_at: string; ended_at: string; points: unknown; length_km: number; source: string; recorded_at: string; classification: string; compartments: unknown };

const shownTrack = (r: TrackRow): TTrack => ({
  id: r.id, team: r.team_id, startedAt: new Date(r.started_at).toISOString(), endedAt: new Date(r.ended_at).toISOString(),
  lengthKm: Number(r.length_km), points: fromJson<[number, number][]>(r.points, []).map(([x, y]) => ({ x, y })),
  pos: null, source: r.source === 'gpx' ? 'gpx' : 'drawn', recordedAt: new Date(r.recorded_at).toISOString(),
  classification: r.classification, compartments: fromJson<string[]>(r.compartments, []),
});

/** An operation's tracks the reader may see, in the order they ended; `team` narrows to one team's. */
export async function listTracks(ctx: AppContext, operationId: string, team?: string): Promise<TTrack[]> {
  const reader = readerLabels(ctx);
  let q = ctx.db.selectFrom('sar_track as k')
    .select(['k.id', 'k.team_id', 'k.started_at', 'k.ended_at', 'k.points', 'k.length_km', 'k.source', 'k.recorded_at', 'k.classification', 'k.compartments'])
    .where('k.operation_id', '=', operationId);
  if (team) q = q.where('k.team_id', '=', team);
  if (reader) q = q.where(labelVisible(ctx.dialect, 'k', reader.maxRank, reader.compartments));
  return ((await q.orderBy('k.ended_at').orderBy('k.id').execute()) as TrackRow[]).map(shownTrack);
}

interface TrackPlan { startedAt: string; endedAt: string; points: KmPoint[] }

/** Checks that hold for a track however it came: not ended before the subject was last seen, not in the future. */
function checkTrackTimes(op: OperationRow, plan: TrackPlan, now: Date, path: string) {
  if (plan.endedAt < op.lastKnown.at) throw SarErrors.beforeLastKnown(path, op.lastKnown.at);
  // A device's clock a few minutes fast is common; a track ending later than that is a mistake.
  if (Date.parse(plan.endedAt) > now.getTime() + 10 * 60_000) throw SarErrors.notYet(path);
}

/** The policy, then the operation's state: before any work on what the request carries. */
async function mayReportFor(ctx: AppContext, op: OperationRow, team: TeamRow) {
  await authorize(ctx, 'sar.report', storedLabel(team), { type: 'sar.team', id: team.id });
  refuseClosed(op);
}

async function writeTracks(ctx: AppContext, op: OperationRow, team: TeamRow, plans: TrackPlan[], source: 'drawn' | 'gpx'): Promise<string[]> {
  const label = storedLabel(team);
  return transact(ctx, async (tx) => {
    await stillActive(tx, op);
    const recordedAt = tx.now.toISOString();
    const ids: string[] = [];
    for (const plan of plans) {
      const id = newId();
      const lengthKm = polylineKm(plan.points);
      await tx.db.insertInto('sar_track').values({
        id, operation_id: op.id, team_id: team.id, started_at: plan.startedAt, ended_at: plan.endedAt,
        points: toJson(plan.points.map((p) => [p.x, p.y])), length_km: lengthKm, source, recorded_at: recordedAt, recorded_by: actorName(tx),
        classification: label.classification, compartments: toJson(label.compartments),
      }).execute();
      tx.audit({ action: 'sar.track.create', objectType: 'sar.track', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { operation: op.id, team: team.id, startedAt: plan.startedAt, endedAt: plan.endedAt, points: plan.points.length, lengthKm, source } });
      announce(tx, op.id, 'track', label);
      ids.push(id);
    }
    return ids;
  });
}

/** The tracks just written, as the reader sees them, each with its search's POS on the map replayed in time order. */
async function tracksByIds(ctx: AppContext, operationId: string, ids: string[]): Promise<TTrack[]> {
  const all = await listTracks(ctx, operationId);
  const byId = new Map(all.map((t) => [t.id, t]));
  const pos = new Map((await operationDetail(ctx, operationId)).tracks.map((t) => [t.id, t.pos]));
  return ids.map((id) => byId.get(id)).filter((t): t is TTrack => !!t).map((t) => ({ ...t, pos: pos.get(t.id) ?? null }));
}

/** `POST /api/sar/operations/:id/tracks`: a track drawn on the map, searched without finding the subject. */
export async function recordTrack(ctx: AppContext, operationRef: string, input: TTrackCreate): Promise<TTrack> {
  const t = parse(ZTrackCreate, input);
  const op = await visibleOperation(ctx, operationRef);
  await authorize(ctx, 'sar.report', undefined, { type: 'sar.operation', id: op.id });
  const team = await visibleTeam(ctx, op.id, t.team, 'body.team');
  await mayReportFor(ctx, op, team);
  const plan = { startedAt: t.startedAt, endedAt: t.endedAt, points: t.points };
  checkTrackTimes(op, plan, ctx.now(), 'body.endedAt');
  const [id] = await writeTracks(ctx, op, team, [plan], 'drawn');
  return (await tracksByIds(ctx, op.id, [id!]))[0]!;
}

/**
 * `POST /api/sar/operations/:id/tracks/gpx?team=`: a GPX file from a team's device. Each track
 * segment (and route) is one searched track — a device stops recording between segments, so the
 * gap was not searched. Times come from the points; a segment without any takes its share of
 * `startedAt`–`endedAt` from the query, by distance walked.
 */
export async function importGpxTrack(ctx: AppContext, operationRef: string, query: { team: string; startedAt?: string; endedAt?: string }, gpxText: string): Promise<TTrack[]> {
  const q = parse(ZGpxQuery, query, 'query');
  const op = await visibleOperation(ctx, operationRef);
  await authorize(ctx, 'sar.report', undefined, { type: 'sar.operation', id: op.id });
  const team = await visibleTeam(ctx, op.id, q.team, 'query.team');
  await mayReportFor(ctx, op, team);
  // Counted before parsing, so that a file over the limit costs no parse.
  const pointTags = (gpxText.match(/<(?:[\w.-]+:)?(?:trkpt|rtept)[\s/>]/g) ?? []).length;
  if (pointTags > MAX_TRACK_POINTS) throw new AppError('SAR_GPX_INVALID', 'unprocessable', `The GPX file has ${pointTags} points; at most ${MAX_TRACK_POINTS} are taken in one upload. Split it.`, [{ path: 'body', message: 'too many points' }]);
  let segments: GpxPoint[][];
  try {
    segments = gpxSegments(parseGpx(gpxText));
  } catch (e) {
    if (!(e instanceof GpxError)) throw e;
    throw new AppError('SAR_GPX_INVALID', 'unprocessable', `The GPX file cannot be read: ${e.message}`, [{ path: 'body', message: e.reason, line: e.line, ...(e.column !== null ? { column: e.column } : {}) }]);
  }
  if (segments.length > MAX_GPX_SEGMENTS) throw new AppError('SAR_GPX_INVALID', 'unprocessable', `The GPX file has ${segments.length} track segments; at most ${MAX_GPX_SEGMENTS} are taken in one upload, each being a searched track of its own. Join the segments of one walk, or split the file.`, [{ path: 'body', message: 'too many segments' }]);
  if (!segments.length) throw new AppError('SAR_GPX_INVALID', 'unprocessable', 'The GPX file has no track or route points: there is nothing to record as searched.', [{ path: 'body', message: 'no <trkpt> or <rtept>' }]);
  const points = segments.reduce((n, s) => n + s.length, 0);
  if (points > MAX_TRACK_POINTS) throw new AppError('SAR_GPX_INVALID', 'unprocessable', `The GPX file has ${points} points; at most ${MAX_TRACK_POINTS} are taken in one upload. Split it.`, [{ path: 'body', message: 'too many points' }]);
  const kmSegments = segments.map((s) => s.map((p) => toKm(p)));
  if (q.startedAt && q.endedAt && q.endedAt < q.startedAt) throw SarErrors.invalid('query.endedAt', `must not be before startedAt (${q.startedAt})`);
  // Shares of the query's span for segments without times: by distance along the whole upload.
  const untimed = segments.some((s) => s.every((p) => p.time === undefined));
  if (untimed && !(q.startedAt && q.endedAt)) {
    throw SarErrors.invalid(q.startedAt ? 'query.endedAt' : 'query.startedAt', 'the GPX points carry no times: give startedAt and endedAt (ISO instants) in the query');
  }
  const spread = untimed ? timesAlong(kmSegments.flat(), q.startedAt!, q.endedAt!) : [];
  let offset = 0;
  const plans: TrackPlan[] = segments.map((seg, i) => {
    const times = seg.map((p) => p.time).filter((t): t is string => t !== undefined).sort();
    const plan = times.length
      ? { startedAt: times[0]!, endedAt: times[times.length - 1]!, points: kmSegments[i]! }
      : { startedAt: spread[offset]!, endedAt: spread[offset + seg.length - 1]!, points: kmSegments[i]! };
    offset += seg.length;
    return plan;
  });
  for (const plan of plans) checkTrackTimes(op, plan, ctx.now(), untimed ? 'query.endedAt' : 'body');
  const ids = await writeTracks(ctx, op, team, plans, 'gpx');
  return tracksByIds(ctx, op.id, ids);
}

// ---------- GPX out ----------

/** `GET …/tracks.gpx`: every track the reader may see, one `<trk>` each, times spread along it. */
export async function tracksGpx(ctx: AppContext, operationRef: string): Promise<string> {
  const op = await visibleOperation(ctx, operationRef);
  const [teams, tracks] = [await listTeams(ctx, op.id), await listTracks(ctx, op.id)];
  const names = new Map(teams.map((t) => [t.id, t.name]));
  return writeGpx({
    creator: 'Sandstone', name: `${op.code} ${op.title}`, time: ctx.now().toISOString(),
    tracks: tracks.map((t) => {
      const times = timesAlong(t.points, t.startedAt, t.endedAt);
      return {
        name: `${names.get(t.team) ?? t.team}`, description: `${op.code} track ${t.id}, team ${t.team}, ${t.lengthKm.toFixed(3)} km`,
        segments: [t.points.map((p, i) => ({ ...toLatLon(p), time: times[i]! }))],
      };
    }),
  });
}

// ---------- GeoJSON out ----------

/**
 * `GET …/geojson` and `sandstone sar export geojson`: the operation as the reader sees it — its
 * reports, segments and tracks, and the map at `at` (default: now, or when it was closed) as the
 * cells holding 90 % of the probability in the area.
 */
export async function operationGeoJsonDocument(ctx: AppContext, operationRef: string, at?: string): Promise<FeatureCollection> {
  const when = at === undefined ? undefined : parse(ZInstant, at, 'query.at');
  const detail = await operationDetail(ctx, operationRef);
  const map = await operationMap(ctx, detail.id, when);
  const bytes = Buffer.from(map.p, 'base64');
  const p = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const { sensorPosts, sightings, hazards, teams, tracks, ...operation } = detail;
  return operationGeoJson({
    operation: { ...operation, lastKnown: { ...operation.lastKnown } },
    sensorPosts, sightings, hazards, teams, tracks,
    map: { at: map.at, grid: { ...map.grid, p } },
  });
}
