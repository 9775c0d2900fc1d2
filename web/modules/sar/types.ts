// Shapes the search-and-rescue API returns (the contract: /work/briefs/sar-api.md, routes under /api/sar).
import type { Ref } from '../../app/types.ts';

export interface Point { x: number; y: number }
export interface Bounds { minX: number; minY: number; maxX: number; maxY: number }

export type FeatureKind = 'village' | 'post' | 'arroyo' | 'desert' | 'dunes' | 'rock' | 'bluff' | 'oasis' | 'road' | 'riverbed';
export type Geometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: [number, number][] }
  | { type: 'Polygon'; coordinates: [number, number][][] };
export interface LandFeature { id: string; name: string; kind: FeatureKind | string; terrain: 'impassable' | 'hard' | 'easy' | null; geometry: Geometry }
export interface Land { features: LandFeature[]; bounds: Bounds }

export type Profile = 'shinobiOnFoot' | 'kage' | 'civilianHiker' | 'child' | 'injured';
export type OperationStatus = 'active' | 'found' | 'called_off';
export interface Area extends Bounds { cellKm: number; width: number; height: number }
export interface Operation {
  id: string; code: string; title: string; subject: Ref<{ id: string; name: string }>; status: OperationStatus;
  lastKnown: { x: number; y: number; at: string; note: string | null }; profile: Profile;
  direction: { bearing: number; kappa: number } | null; area: Area; movingKmh: number | null;
  openedAt: string; closedAt: string | null; foundAt: Point | null; classification: string; compartments: string[]; version: number;
  /** Only in the list: the latest report you may see. */
  lastReport?: { at: string; kind: 'sighting' | 'bearing' | 'silence' | 'hazard' | 'track' } | null;
}
export interface SensorPost { id: string; name: string; x: number; y: number; rangeKm: number; hitProbability: number; falseAlarm: number }
export interface Sighting {
  id: string; kind: 'position' | 'bearing' | 'silent'; at: string; x?: number | null; y?: number | null; radiusKm?: number | null;
  sensorPost?: string | null; bearing?: number | null; sigmaDeg?: number | null; hitProbability: number; falseAlarm: number;
  reporter: Ref<{ id: string; name: string }> | null; note: string | null; recordedAt: string;
}
export interface Hazard { id: string; at: string; x: number; y: number; radiusKm: number; kind: string; note: string }
export interface Team {
  id: string; name: string; members: Ref<{ id: string; name: string }>[]; ninken: string[]; speedKmh: number; sweepWidthKm: number;
  segment: Bounds | null;
}
export interface Track { id: string; team: string; startedAt: string; endedAt: string; lengthKm: number; points: Point[]; pos: number }
export interface OperationDetail extends Operation {
  sensorPosts: SensorPost[]; sightings: Sighting[]; hazards: Hazard[]; teams: Team[]; tracks: Track[];
}

export type StepKind = 'prior' | 'sighting' | 'search' | 'motion';
export interface Step { at: string; kind: StepKind; id: string | null; summary: string }
export interface MapGrid { width: number; height: number; cellKm: number; originX: number; originY: number }
export interface MapAnswer { at: string; grid: MapGrid; restOfWorld: number; max: number; p: string; steps: Step[]; coverage: string | null }
export interface CellAnswer {
  cell: { col: number; row: number; x: number; y: number }; p: number;
  ledger: { at: string; kind: string; summary: string; before: number | null; after: number; factor: number | null }[];
}

export const PROFILES: [Profile, string, string][] = [
  ['shinobiOnFoot', 'Shinobi on foot', 'half are found within 10 km, 95 % within 45 km'],
  ['kage', 'Kage', 'half within 20 km, 95 % within 75 km'],
  ['civilianHiker', 'Civilian hiker', 'half within 2.5 km, 95 % within 9 km'],
  ['child', 'Child (7–12)', 'half within 1.4 km, 95 % within 5 km'],
  ['injured', 'Injured, walking wounded', 'half within 0.8 km, 95 % within 3.5 km'],
];
export const PROFILE_LABEL: Record<string, string> = Object.fromEntries(PROFILES.map(([k, l]) => [k, l]));
export const STATUS_LABEL: Record<OperationStatus, string> = { active: 'active', found: 'found', called_off: 'called off' };
