// The vocabulary of search and rescue operations and the zod schemas of their requests and answers
// (Z… schemas, T… types), as /api/sar's contract gives them (/work/briefs/sar-api.md). Every number
// the search-theory core would refuse with a RangeError is refused here first, by field.
import { MOTION_CELL_STEPS_PER_DAY } from './sar-map.ts';
import { z } from 'zod';
import { withheldOr } from '../../kernel/references.ts';
import { id, requiredText, text } from '../../kernel/validation.ts';
import { LEVELS } from '../../kernel/auth/labels.ts';

export const PROFILES = ['shinobiOnFoot', 'kage', 'civilianHiker', 'child', 'injured'] as const;
export const STATUSES = ['active', 'found', 'called_off'] as const;
export const SIGHTING_KINDS = ['position', 'bearing', 'silent'] as const;
/** Cells per side of an operation's map at most (the contract's 1,000 × 1,000). */
export const MAX_SIDE_CELLS = 1000;
/** How far from the village any position may be, km: well beyond the Land of Wind. */
export const MAX_KM = 10_000;

export const ZClassification = z.enum(LEVELS);
const ZCompartments = z.array(requiredText(40).pipe(z.string().regex(/^[A-Z0-9_]+$/, { message: 'must be upper-case letters, digits or _' }))).max(20);

export { parseInput } from '../../kernel/validation.ts';

/** An instant with a date, a time and a zone (Z or ±hh:mm), years 0001–9999; kept as ISO-8601 UTC with milliseconds. */
export const instant = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'must be an instant like 2026-11-24T18:30:00Z (date, time and zone)' })
  .refine((s) => {
    const t = Date.parse(s);
    if (Number.isNaN(t) || t < Date.UTC(1, 0, 2) || t > Date.UTC(9999, 11, 30)) return false;
    // Date.parse rolls 2026-02-30 over into March: the calendar date written must exist.
    const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(2000, m - 1, d));
    return m >= 1 && m <= 12 && day.getUTCMonth() === m - 1 && day.getUTCDate() === d && Number(s.slice(11, 13)) < 24 && Number(s.slice(14, 16)) < 60 && y >= 1;
  }, { message: 'is not a real date and time' })
  .transform((s) => new Date(s).toISOString());

const km = z.number().min(-MAX_KM).max(MAX_KM);
const positiveKm = (max: number) => z.number().gt(0, { message: 'must be more than 0 km' }).max(max);
const probability = z.number().min(0).max(1);
/**
 * A false-alarm rate above 0: a report that could never come in unless the subject is where it
 * says would rule out every other place, and a late one could then contradict the whole map. With
 * every rate ≥ 10⁻⁴ a report's evidence is ≥ 10⁻⁴ whatever the map, so no replay can fail.
 */
const falseAlarm = z.number().min(0.0001, { message: 'must be at least 0.0001 (no report is certain: say how often such a report comes in for nothing)' }).max(1);
const bearing = z.number().min(0).max(360).describe('compass degrees from north, clockwise');
const note = text(2000).optional();
const label = {
  classification: ZClassification.optional().describe("at least the operation's; joined with it"),
  compartments: ZCompartments.optional(),
};

export const ZArea = z.object({
  minX: km, minY: km, maxX: km, maxY: km,
  cellKm: z.number().min(0.01, { message: 'must be at least 0.01 km (10 m)' }).max(50),
}).strict().superRefine((a, c) => {
  if (!(a.maxX > a.minX)) c.addIssue({ code: 'custom', path: ['maxX'], message: 'must be greater than minX' });
  if (!(a.maxY > a.minY)) c.addIssue({ code: 'custom', path: ['maxY'], message: 'must be greater than minY' });
  if (!(a.maxX > a.minX) || !(a.maxY > a.minY)) return;
  const w = areaCells(a.maxX - a.minX, a.cellKm);
  const h = areaCells(a.maxY - a.minY, a.cellKm);
  if (w > MAX_SIDE_CELLS || h > MAX_SIDE_CELLS) c.addIssue({ code: 'custom', path: ['cellKm'], message: `gives ${w} × ${h} cells; at most ${MAX_SIDE_CELLS} × ${MAX_SIDE_CELLS}: use larger cells or a smaller area` });
});

/** Cells along a side: whole cells covering the extent (a hair of rounding does not add one). */
export const areaCells = (extentKm: number, cellKm: number) => Math.max(1, Math.ceil(extentKm / cellKm - 1e-9));

export const ZOperationOpen = z.object({
  subject: id.describe('person id'),
  lastKnown: z.object({ x: km, y: km, at: instant, note }).strict(),
  profile: z.enum(PROFILES),
  direction: z.object({ bearing, kappa: z.number().min(0).max(50).describe('von Mises concentration: 0 no preference, 1 straight behind e^-2 as likely as ahead') }).strict().optional(),
  area: ZArea,
  movingKmh: z.number().gt(0).max(60).optional().describe('the subject keeps moving at about this speed: the map spreads between reports'),
  classification: ZClassification.default('public'),
  compartments: ZCompartments.default([]),
  title: text(200).optional(),
}).strict().superRefine((o, c) => {
  // A moving subject costs one pass over the grid per cell walked: a day of wandering over this
  // area must stay within MOTION_CELL_STEPS_PER_DAY, or every map of it would take minutes.
  if (!o.movingKmh || !(o.area.maxX > o.area.minX) || !(o.area.maxY > o.area.minY) || !(o.area.cellKm > 0)) return;
  const cells = areaCells(o.area.maxX - o.area.minX, o.area.cellKm) * areaCells(o.area.maxY - o.area.minY, o.area.cellKm);
  const perDay = Math.max(1, Math.ceil(o.movingKmh / o.area.cellKm)) * 24;
  if (perDay * cells > MOTION_CELL_STEPS_PER_DAY) {
    // steps a day ≈ 24·v/cell and cells ≈ area/cell², so the work falls as the cube of the cell size.
    const minCell = Math.cbrt((24 * o.movingKmh * cells * o.area.cellKm * o.area.cellKm) / MOTION_CELL_STEPS_PER_DAY);
    c.addIssue({ code: 'custom', path: ['movingKmh'], message: `a subject moving ${o.movingKmh} km/h takes ${perDay.toLocaleString('en')} steps of the random walk a day over ${cells.toLocaleString('en')} cells, more than the map can replay in time: use cells of at least ${(Math.ceil(minCell * 100) / 100).toString()} km, a smaller area, or a lower speed` });
  }
});
export type TOperationOpen = z.input<typeof ZOperationOpen>;


export const ZOperationClose = z.object({
  outcome: z.enum(['found', 'called_off']),
  at: instant,
  foundAt: z.object({ x: km, y: km }).strict().optional(),
  note,
}).strict();
export type TOperationClose = z.input<typeof ZOperationClose>;

export const ZSensorPostCreate = z.object({
  name: requiredText(200),
  x: km, y: km,
  rangeKm: positiveKm(1000),
  hitProbability: probability.describe('probability the post feels a subject within its range'),
  falseAlarm,
  ...label,
}).strict();
export type TSensorPostCreate = z.input<typeof ZSensorPostCreate>;

const hitAtLeastFalseAlarm = (s: { hitProbability: number; falseAlarm: number }, c: z.RefinementCtx) => {
  if (s.hitProbability < s.falseAlarm) c.addIssue({ code: 'custom', path: ['hitProbability'], message: 'must be at least the false-alarm rate (otherwise the report would point away from where it says)' });
};

export const ZSightingCreate = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('position'), at: instant, x: km, y: km, radiusKm: positiveKm(1000),
    hitProbability: probability, falseAlarm, reporter: id.optional().describe('person id'), note, ...label,
  }).strict(),
  z.object({
    kind: z.literal('bearing'), at: instant, sensorPost: id.describe('sensor post id'), bearing,
    sigmaDeg: z.number().gt(0).max(180), hitProbability: probability, falseAlarm, reporter: id.optional().describe('person id'), note, ...label,
  }).strict(),
  z.object({ kind: z.literal('silent'), at: instant, sensorPost: id.describe('sensor post id'), note, ...label }).strict(),
]).superRefine((s, c) => { if (s.kind !== 'silent') hitAtLeastFalseAlarm(s, c); });
export type TSightingCreate = z.input<typeof ZSightingCreate>;

export const ZHazardCreate = z.object({
  at: instant, x: km, y: km, radiusKm: positiveKm(1000), kind: requiredText(100), note, ...label,
}).strict();
export type THazardCreate = z.input<typeof ZHazardCreate>;

export const ZOperationParams = z.object({ id: id.describe('operation id or code') }).strict();
export const ZListQuery = z.object({ status: z.enum(['active', 'closed']).optional() }).strict();
const queryNumber = z.string().regex(/^-?\d{1,6}(\.\d{1,9})?$/, { message: 'must be a number in km, like -12.5' }).transform(Number);
export const ZMapQuery = z.object({ at: instant.optional() }).strict();
export const ZCellsQuery = z.object({ x: queryNumber, y: queryNumber, at: instant.optional() }).strict();
const queryHours = z.string().regex(/^\d{1,3}(\.\d{1,6})?$/, { message: 'must be a number of hours, like 4 or 2.5' }).transform(Number)
  .pipe(z.number().gt(0, { message: 'must be more than 0 hours' }).max(72, { message: 'must be at most 72 hours: plan a shift, not the whole search' }));
const querySquareKm = z.string().regex(/^\d{1,3}(\.\d{1,6})?$/, { message: 'must be a number in km, like 5' }).transform(Number)
  .pipe(z.number().min(0.1, { message: 'must be at least 0.1 km' }).max(100, { message: 'must be at most 100 km' }));
export const ZPlanQuery = z.object({
  hours: queryHours.default(4).describe('hours each team will search'),
  segmentKm: querySquareKm.default(5).describe("side of the map squares the teams are sent to, km (rounded to whole cells)"),
  at: instant.optional(),
}).strict();

// ---------- answers ----------

const ZPersonShown = withheldOr(z.object({ id: z.string(), name: z.string() }));
const ZRect = z.object({ minX: z.number(), minY: z.number(), maxX: z.number(), maxY: z.number() });

export const ZOperation = z.object({
  id: z.string(), code: z.string(), title: z.string(), subject: ZPersonShown,
  status: z.enum(STATUSES),
  lastKnown: z.object({ x: z.number(), y: z.number(), at: z.string(), note: z.string().nullable() }),
  profile: z.enum(PROFILES),
  direction: z.object({ bearing: z.number(), kappa: z.number() }).nullable(),
  area: ZRect.extend({ cellKm: z.number(), width: z.number(), height: z.number() }),
  movingKmh: z.number().nullable(),
  openedAt: z.string(), closedAt: z.string().nullable(),
  foundAt: z.object({ x: z.number(), y: z.number() }).nullable(),
  classification: z.string(), compartments: z.array(z.string()), version: z.number(),
});
export type TOperation = z.infer<typeof ZOperation>;

export const ZSensorPost = z.object({
  id: z.string(), name: z.string(), x: z.number(), y: z.number(), rangeKm: z.number(), hitProbability: z.number(), falseAlarm: z.number(),
  classification: z.string(), compartments: z.array(z.string()),
});
export type TSensorPost = z.infer<typeof ZSensorPost>;

export const ZSighting = z.object({
  id: z.string(), kind: z.enum(SIGHTING_KINDS), at: z.string(),
  x: z.number().optional(), y: z.number().optional(), radiusKm: z.number().optional(),
  sensorPost: z.string().optional(), bearing: z.number().optional(), sigmaDeg: z.number().optional(),
  hitProbability: z.number(), falseAlarm: z.number(),
  reporter: ZPersonShown.nullable(), note: z.string().nullable(), recordedAt: z.string(),
  classification: z.string(), compartments: z.array(z.string()),
});
export type TSighting = z.infer<typeof ZSighting>;

export const ZHazard = z.object({
  id: z.string(), at: z.string(), x: z.number(), y: z.number(), radiusKm: z.number(), kind: z.string(), note: z.string().nullable(),
  classification: z.string(), compartments: z.array(z.string()),
});
export type THazard = z.infer<typeof ZHazard>;

export const ZTeam = z.object({
  id: z.string(), name: z.string(), members: z.array(ZPersonShown), ninken: z.array(z.string()), speedKmh: z.number(), sweepWidthKm: z.number(),
  segment: ZRect.nullable(), classification: z.string(), compartments: z.array(z.string()),
});
export type TTeam = z.infer<typeof ZTeam>;

export const ZTrack = z.object({
  id: z.string(), team: z.string(), startedAt: z.string(), endedAt: z.string(), lengthKm: z.number(),
  points: z.array(z.object({ x: z.number(), y: z.number() })), pos: z.number().nullable(),
  classification: z.string(), compartments: z.array(z.string()),
});
export type TTrack = z.infer<typeof ZTrack>;

export const ZOperationDetail = ZOperation.extend({
  sensorPosts: z.array(ZSensorPost), sightings: z.array(ZSighting), hazards: z.array(ZHazard), teams: z.array(ZTeam), tracks: z.array(ZTrack),
});
export type TOperationDetail = z.infer<typeof ZOperationDetail>;

export const ZLastReport = z.object({ at: z.string(), kind: z.enum(['sighting', 'bearing', 'silence', 'hazard', 'track']) })
  .describe('the latest report the reader may see (a track by when it ended)');
export const ZOperationList = z.object({ items: z.array(ZOperation.extend({ lastReport: ZLastReport.nullable() })) });
export type TLastReport = z.infer<typeof ZLastReport>;

export const ZMapStep = z.object({ at: z.string(), kind: z.enum(['prior', 'sighting', 'search', 'motion']), id: z.string().nullable(), summary: z.string() });
export const ZMap = z.object({
  at: z.string(),
  grid: z.object({ width: z.number(), height: z.number(), cellKm: z.number(), originX: z.number(), originY: z.number() }),
  restOfWorld: z.number(), max: z.number(),
  p: z.string().describe('base64 of a little-endian Float32Array, width × height, row 0 = south'),
  steps: z.array(ZMapStep),
  coverage: z.string().nullable().describe('base64 Float32Array: cumulative POD per cell, null before any search'),
});
export type TMap = z.infer<typeof ZMap>;

export const ZCellAnswer = z.object({
  cell: z.object({ col: z.number(), row: z.number(), x: z.number(), y: z.number() }),
  p: z.number(),
  ledger: z.array(z.object({ at: z.string(), kind: z.string(), summary: z.string(), before: z.number().nullable(), after: z.number(), factor: z.number().nullable(), normaliser: z.number().optional() })),
});
export type TCellAnswer = z.infer<typeof ZCellAnswer>;

const ZPlanSquare = z.object({ id: z.string(), minX: z.number(), minY: z.number(), maxX: z.number(), maxY: z.number(), p: z.number(), cells: z.number() });
export const ZPlan = z.object({
  at: z.string(), hours: z.number(), segmentKm: z.number(), sweepKm2: z.number(),
  pos: z.number().describe("probability of success of the teams' plan"),
  optimalPos: z.number().describe("probability of success of Stone's optimal allocation of the same swept area: the most any split could achieve"),
  assignments: z.array(z.object({
    team: z.object({ id: z.string(), name: z.string() }), segment: ZPlanSquare, hours: z.number(), sweepKm2: z.number(), pod: z.number(), gain: z.number(),
    current: z.boolean().describe("the team's assigned segment is already this square"),
  })),
  unassigned: z.array(z.object({ id: z.string(), name: z.string() })),
  ideal: z.array(z.object({ segment: ZPlanSquare, effortKm2: z.number() })),
});
export type TPlan = z.infer<typeof ZPlan>;

const ZGeometry = z.union([
  z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) }),
]);
export const ZLand = z.object({
  features: z.array(z.object({
    id: z.string(), name: z.string(), kind: z.string(), terrain: z.enum(['impassable', 'hard', 'easy']).nullable(), geometry: ZGeometry, widthKm: z.number().optional(),
  })),
  bounds: ZRect,
});
