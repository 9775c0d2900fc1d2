// WORLD.md days 6–7: the search for the Kazekage, recorded through the sar services in the order
// the reports came in. On day 6 (2026-11-22) he left the legislative building telling his aide
// only that he was going out for air; by the morning of day 7 nobody had seen him. The western
// command post's sensors had felt his chakra the evening before, past the post and heading into
// the Demon Desert, then lost it. Kankuro formed a search party: the ANBU bodyguards, jounin (two
// with ninken), Kankuro and Lee. The village, the arroyo and the ground towards the post were
// searched without finding him; a giant red scorpion attacked in the Demon Desert; Lee found him
// at the bluff's hidden oasis.
//
// Times are UTC (the village keeps UTC+03:00): 12:00Z is three in the afternoon in Suna.
// Positions are km from the village centre (x east, y north), on the land of land-of-wind.ts: the
// post at (−25, 0), the Demon Desert west of about x = −35, the bluff's oasis at (−60.2, −6).
//
// The numbers a planner would choose, and why:
// - The operation is opened on the western command post's report (the morning of day 7): its
//   sensors felt him heading west into the Demon Desert, so the direction of travel is west
//   (260°, the bearing they gave) with κ = 2 (straight back e⁻⁴ as likely as straight ahead).
// - Cells of 1 km over 100 × 80 km: the search lanes below are 1 km apart, so every row of cells
//   in a searched block is swept (the core counts track length cell by cell).
// - The post's sensors feel a Kage's chakra up to 30 km away. The bearing: no one else's chakra
//   feels like his, so it is rarely reported where he is not (false alarm 1 %, hit 80 %, ±8°).
// - The post watched its 30 km all night and felt nothing: by then he was beyond its range.
// - He was resting, not walking on, when found: the subject is not modelled as moving.
// - He is the Kazekage: the "Kage" profile (95 % within 75 km), not "shinobi on foot" (45 km),
//   whose rings would end before the bluff, 60 km out, and so put no chance on it at all.
// So before he is found, the map points past the post into the desert, towards the bluff, and the
// bluff's oasis holds more chance than the village.
import type { AppContext } from '../kernel/context.ts';
import {
  openOperation, addSensorPost, addSighting, addHazard, closeOperation, listOperations,
  createTeam, assignSegment, recordTrack,
} from '../modules/sar/index.ts';

export const SEARCH_TITLE = 'Search for the Kazekage';

/** Lanes `spacing` km apart across a rectangle, west–east and back: how a team sweeps a block. */
export function lanes(minX: number, minY: number, maxX: number, maxY: number, spacing = 1): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  let k = 0;
  for (let y = minY + spacing / 2; y < maxY; y += spacing, k++) {
    if (k % 2 === 0) points.push({ x: minX, y }, { x: maxX, y });
    else points.push({ x: maxX, y }, { x: minX, y });
  }
  return points;
}

export interface KazekageSearch { operationId: string; code: string; created: boolean }

/** The demo registry's people, by their canon key (canon.ts). */
export type PersonIds = (key: string) => string;

/**
 * Records the search, closing it as found unless `close` is false (tests look at the map before
 * the end). Does nothing if the operation is already recorded (the demo loads twice unchanged).
 */
export async function loadKazekageSearch(ctx: AppContext, person: PersonIds, options: { close?: boolean } = {}): Promise<KazekageSearch> {
  const existing = (await listOperations(ctx)).items.find((o) => o.title === SEARCH_TITLE);
  if (existing) return { operationId: existing.id, code: existing.code, created: false };

  // Day 7, morning: the western command post's report has come in; Kankuro opens the operation.
  const op = await openOperation(ctx, {
    subject: person('gaara'), title: SEARCH_TITLE, profile: 'kage', direction: { bearing: 260, kappa: 2 },
    lastKnown: { x: 0.2, y: 0.3, at: '2026-11-22T12:00:00Z', note: 'left the legislative building, telling his aide he was going out for air' },
    area: { minX: -80, minY: -40, maxX: 20, maxY: 40, cellKm: 1 },
  });
  const id = op.id;

  // The western command post reports what its sensors felt the evening before.
  const post = await addSensorPost(ctx, id, { name: 'Western command post', x: -25, y: 0, rangeKm: 30, hitProbability: 0.8, falseAlarm: 0.01 });
  await addSighting(ctx, id, {
    kind: 'bearing', at: '2026-11-22T15:30:00Z', sensorPost: post.id, bearing: 260, sigmaDeg: 8, hitProbability: 0.8, falseAlarm: 0.01,
    reporter: person('sensor-1'), note: "felt the Kazekage's chakra approach the post and pass it, heading west into the Demon Desert",
  });
  await addSighting(ctx, id, { kind: 'silent', at: '2026-11-22T18:00:00Z', sensorPost: post.id, note: 'lost him: nothing within range all night' });

  // The search party.
  const anbu = await createTeam(ctx, id, {
    name: 'ANBU bodyguards', members: ['anbu-1', 'anbu-2', 'anbu-3', 'anbu-4'].map(person), speedKmh: 8, sweepWidthKm: 1,
    classification: 'secret', compartments: ['ANBU'],
  });
  const kankuro = await createTeam(ctx, id, { name: "Kankuro's party", members: [person('kankuro'), person('guard-captain')], speedKmh: 5, sweepWidthKm: 0.8 });
  const takumi = await createTeam(ctx, id, { name: 'Ninken: Takumi', members: [person('ninken-1')], ninken: ['Tetsu', 'Goro'], speedKmh: 6, sweepWidthKm: 1.5 });
  const mei = await createTeam(ctx, id, { name: 'Ninken: Mei', members: [person('ninken-2')], ninken: ['Ame'], speedKmh: 6, sweepWidthKm: 1.5 });
  const garrison = await createTeam(ctx, id, { name: 'Western garrison', members: [person('garrison-commander'), person('sensor-2')], speedKmh: 6, sweepWidthKm: 1 });
  const lee = await createTeam(ctx, id, { name: 'Lee', members: [person('rock-lee')], speedKmh: 12, sweepWidthKm: 0.5 });

  await assignSegment(ctx, id, mei.id, { minX: -4, minY: -4, maxX: 4, maxY: 4 });
  await assignSegment(ctx, id, kankuro.id, { minX: -6, minY: -4, maxX: -1, maxY: 1 });
  await assignSegment(ctx, id, takumi.id, { minX: -10, minY: -5, maxX: -4, maxY: 3 });
  await assignSegment(ctx, id, garrison.id, { minX: -25, minY: -2, maxX: -1, maxY: 2 });
  await assignSegment(ctx, id, anbu.id, { minX: -3, minY: -3, maxX: 3, maxY: 3 });
  await assignSegment(ctx, id, lee.id, { minX: -65, minY: -12, maxX: -35, maxY: 4 });

  // Searched, found nothing, in the order they came back.
  await recordTrack(ctx, id, { team: mei.id, startedAt: '2026-11-23T02:00:00Z', endedAt: '2026-11-23T05:00:00Z', points: lanes(-4, -4, 4, 4) });
  await recordTrack(ctx, id, { team: kankuro.id, startedAt: '2026-11-23T03:00:00Z', endedAt: '2026-11-23T06:00:00Z', points: lanes(-6, -4, -1, 1) });
  await recordTrack(ctx, id, { team: takumi.id, startedAt: '2026-11-23T04:00:00Z', endedAt: '2026-11-23T08:00:00Z', points: lanes(-10, -5, -4, 3) });
  await recordTrack(ctx, id, { team: garrison.id, startedAt: '2026-11-23T06:00:00Z', endedAt: '2026-11-23T09:00:00Z', points: [{ x: -1, y: 0.1 }, { x: -8, y: 0.8 }, { x: -16, y: 0.4 }, { x: -25, y: 0 }] });
  // A late report: the bodyguards had swept the village walls the night before, and said so only now.
  await recordTrack(ctx, id, { team: anbu.id, startedAt: '2026-11-22T19:00:00Z', endedAt: '2026-11-22T23:00:00Z', points: lanes(-3, -3, 3, 3) });

  // Following Lee into the Demon Desert, the party is attacked.
  await addHazard(ctx, id, { at: '2026-11-23T10:00:00Z', x: -47, y: -5, radiusKm: 3, kind: 'giant red scorpion', note: 'attacked the party following Lee; minor wounds' });

  if (options.close !== false) {
    await closeOperation(ctx, id, { outcome: 'found', at: '2026-11-23T13:00:00Z', foundAt: { x: -60.2, y: -6 }, note: "Lee found him at the bluff's hidden oasis; he asked to be met at the arroyo at night" });
  }
  return { operationId: id, code: op.code, created: true };
}
