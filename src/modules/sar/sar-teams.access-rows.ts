// Teams, tracks and exports in the access matrix (merged into sar.access.ts): per label, a team in
// the operation with that label, and a team with that label inside a public operation.
// A team or track a reader may not see is answered as an unknown one; naming a hidden person as a
// member, or a hidden team in a track, is refused as naming an unknown one, and writes nothing.
import type { AppContext } from '../../kernel/context.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import type { AccessRow } from '../../kernel/testing/access.ts';
import { createPerson } from '../registry/index.ts';
import { createTeam, recordTrack } from './sar-teams.service.ts';
import { openOperation } from './sar.service.ts';
import { toLatLon, writeGpx } from './sar-gpx.ts';

let publicOp = '';
let subject = '';
let writes = 0;
/** A distinct value per request, so no write collides with an earlier one (team names are unique in an operation). */
const unique = () => `${++writes}`;
const labelled = (l: Label) => ({ classification: l.classification, compartments: [...l.compartments] });

// After the operations' last known time in sar.access.ts (2026-11-24T15:00Z).
const TRACK = { startedAt: '2026-11-24T16:00:00Z', endedAt: '2026-11-24T17:00:00Z', points: [{ x: -1, y: 0 }, { x: -3, y: 1 }] };
const GPX = writeGpx({ creator: 'matrix', tracks: [{ name: 'matrix', segments: [[
  { ...toLatLon({ x: -1, y: -1 }), time: '2026-11-24T16:00:00Z' }, { ...toLatLon({ x: -2, y: -3 }), time: '2026-11-24T17:00:00Z' },
]] }] });

/** The public operation the labelled teams are put in. */
export async function teamsAccessSetup(op: AppContext): Promise<void> {
  subject = (await createPerson(op, { givenName: 'Matrix', familyName: 'Searched', rank: 'genin' })).id;
  publicOp = (await openOperation(op, {
    subject, title: 'Matrix teams search.', profile: 'shinobiOnFoot', lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00Z' },
    area: { minX: -10, minY: -10, maxX: 10, maxY: 10, cellKm: 0.5 },
  })).id;
}

/** A team in the fixture's labelled operation (`sarOperation`); a team with the label in the public operation, and a track of it. */
export async function teamsAccessFixture(op: AppContext, label: Label, n: number, teamsOp: string): Promise<Record<string, string>> {
  const teamsOpTeam = (await createTeam(op, teamsOp, { name: `Matrix team ${n}.`, speedKmh: 5, sweepWidthKm: 0.5 })).id;
  const labelledTeam = (await createTeam(op, publicOp, { name: `Matrix labelled team ${n}.`, speedKmh: 5, sweepWidthKm: 0.5, ...labelled(label) })).id;
  const labelledTrack = (await recordTrack(op, publicOp, { ...TRACK, team: labelledTeam })).id;
  return { teamsOp, teamsOpTeam, labelledTeam, labelledTrack };
}

/** A write naming the fixture's record `target` in its body. */
const reference = (target: string, url: () => string, payload: (ref: string) => object): AccessRow => ({
  action: 'sar.report', kind: 'reference', target,
  request: async (f) => ({ method: 'POST', url: url(), payload: payload(f.ids[target]!) }),
});

export const teamsAccessRows: Record<string, AccessRow> = {
  'GET /api/sar/operations/{id}/teams': {
    action: 'sar.read', kind: 'read-list',
    request: async () => ({ method: 'GET', url: `/api/sar/operations/${publicOp}/teams` }),
    contains: (b, f) => b.items.some((t: { id: string }) => t.id === f.ids.labelledTeam),
  },
  'GET /api/sar/operations/{id}/teams [of a labelled operation]': {
    action: 'sar.read', kind: 'read-one',
    request: async (f) => ({ method: 'GET', url: `/api/sar/operations/${f.ids.teamsOp}/teams` }),
  },
  'POST /api/sar/operations/{id}/teams': {
    action: 'sar.report', kind: 'create',
    request: async (f) => ({ method: 'POST', url: `/api/sar/operations/${publicOp}/teams`, payload: { name: `Matrix new team ${unique()}`, speedKmh: 4, sweepWidthKm: 0.3, ...labelled(f.label) } }),
  },
  'POST /api/sar/operations/{id}/teams [in a labelled operation]': {
    action: 'sar.report', kind: 'write-existing',
    request: async (f) => ({ method: 'POST', url: `/api/sar/operations/${f.ids.teamsOp}/teams`, payload: { name: `Matrix new team ${unique()}`, speedKmh: 4, sweepWidthKm: 0.3 } }),
  },
  'POST /api/sar/operations/{id}/teams [a member]': reference('person', () => `/api/sar/operations/${publicOp}/teams`, (ref) => ({ name: `Matrix member team ${unique()}`, members: [ref], speedKmh: 4, sweepWidthKm: 0.3 })),
  'POST /api/sar/operations/{id}/teams/{team}/segment': {
    action: 'sar.report', kind: 'write-existing',
    request: async (f) => ({ method: 'POST', url: `/api/sar/operations/${publicOp}/teams/${f.ids.labelledTeam}/segment`, payload: { minX: -10, minY: -5, maxX: -2, maxY: 3 } }),
  },
  'POST /api/sar/operations/{id}/tracks': {
    action: 'sar.report', kind: 'write-existing',
    request: async (f) => ({ method: 'POST', url: `/api/sar/operations/${f.ids.teamsOp}/tracks`, payload: { ...TRACK, team: f.ids.teamsOpTeam } }),
  },
  'POST /api/sar/operations/{id}/tracks [its team]': reference('labelledTeam', () => `/api/sar/operations/${publicOp}/tracks`, (ref) => ({ ...TRACK, team: ref })),
  'POST /api/sar/operations/{id}/tracks/gpx': {
    action: 'sar.report', kind: 'write-existing',
    request: async (f) => ({ method: 'POST', url: `/api/sar/operations/${f.ids.teamsOp}/tracks/gpx?team=${f.ids.teamsOpTeam}`, payload: GPX as unknown as object, headers: { 'content-type': 'application/gpx+xml' } }),
  },
  'GET /api/sar/operations/{id}/geojson': {
    action: 'sar.read', kind: 'read-one',
    request: async (f) => ({ method: 'GET', url: `/api/sar/operations/${f.ids.teamsOp}/geojson?at=2026-11-24T18:00:00Z` }),
  },
  'GET /api/sar/operations/{id}/geojson [labelled teams left out]': {
    action: 'sar.read', kind: 'withheld', hidden: ['labelledTeam', 'labelledTrack'], marker: false,
    request: async () => ({ method: 'GET', url: `/api/sar/operations/${publicOp}/geojson?at=2026-11-24T18:00:00Z` }),
  },
  'GET /api/sar/operations/{id}/tracks.gpx': {
    action: 'sar.read', kind: 'read-one',
    request: async (f) => ({ method: 'GET', url: `/api/sar/operations/${f.ids.teamsOp}/tracks.gpx` }),
  },
};
