// The demo world's missions (WORLD.md): the diplomatic escort to Snow (days -12 to 0) with its
// injuries — Lee poisoned, Kankuro's broken ribs and pneumothorax, which put him on administrative
// leave — and Lee's after-action report, submitted on day 3 and waiting for the administration
// office; the transfer of a Konoha-born prisoner to the Land of Fire (days 4–5), whose report Lee
// still owes (event 8); and older missions whose reports were accepted over the past months, so
// that the turnaround chart has something to show. Each step through the missions services, as
// the person who took it, at its own instant of the story.
import { withActor, type AppContext } from '../kernel/context.ts';
import { createMission, createReport, recordInjury, stepMission, stepReport } from '../modules/missions/index.ts';
import { day } from './calendar.ts';
import type { PersonIds } from './kazekage-search.ts';

export const SNOW_OBJECTIVE = 'Diplomatic escort of the Kazekage to Yukigakure and back';
const OFFICE = "Kazekage's office";

/**
 * Older missions for the turnaround chart: [rank, objective, village, team keys (leader first),
 * start, end, report submitted, accepted]. Acceptance spread over June to November, with a slow
 * month (August, the administration office short-handed) so the p90 stands apart from the median.
 */
const OLDER: [string, string, string, string[], string, string, string, string][] = [
  ['C', 'Guard the caravan of salt merchants to the Land of Rivers border', 'suna', ['temari', 'akiyama'], '2026-05-20', '2026-05-26', '2026-05-29', '2026-06-02'],
  ['D', 'Clear the sand from the eastern irrigation channels', 'suna', ['ishizaki', 'akiyama'], '2026-06-08', '2026-06-09', '2026-06-11', '2026-06-15'],
  ['B', 'Escort the envoy of Kirigakure home', 'kiri', ['kankuro', 'temari'], '2026-06-22', '2026-07-04', '2026-07-08', '2026-07-13'],
  ['C', 'Track the red scorpion seen near the western command post', 'suna', ['kankuro', 'ishizaki'], '2026-07-15', '2026-07-18', '2026-07-21', '2026-07-24'],
  ['B', 'Deliver the treaty copies to Iwagakure', 'iwa', ['temari', 'rock-lee'], '2026-07-20', '2026-08-01', '2026-08-06', '2026-08-28'],
  ['D', 'Repair the greenhouse roof after the sandstorm', 'suna', ['akiyama', 'ishizaki'], '2026-08-03', '2026-08-04', '2026-08-10', '2026-08-19'],
  ['C', 'Bring the academy students back from the desert survival exercise', 'suna', ['ishizaki', 'akiyama'], '2026-08-10', '2026-08-12', '2026-08-14', '2026-08-17'],
  ['A', 'Guard the Kazekage at the five-village summit', 'kumo', ['kankuro', 'temari', 'rock-lee'], '2026-09-01', '2026-09-14', '2026-09-16', '2026-09-21'],
  ['C', 'Survey the hidden oasis route for the water board', 'suna', ['akiyama', 'ishizaki'], '2026-10-05', '2026-10-07', '2026-10-09', '2026-10-12'],
  ['B', 'Escort the Takigakure delegation through the Demon Desert', 'taki', ['temari', 'kankuro'], '2026-10-12', '2026-10-20', '2026-10-22', '2026-10-29'],
  ['D', 'Patrol the bazaar bridge during the harvest fair', 'suna', ['rock-lee', 'akiyama'], '2026-10-28', '2026-10-30', '2026-11-02', '2026-11-04'],
];

export async function loadMissions(ctx: AppContext, person: PersonIds): Promise<{ created: number }> {
  const known = await ctx.db.selectFrom('missions_mission').select('id').where('objective', '=', SNOW_OBJECTIVE).executeTakeFirst();
  if (known) return { created: 0 };
  const now = ctx.now().getTime();
  /** The story's instant, or the loader's own when the story has not reached it yet. */
  const at = (iso: string): AppContext => ({ ...ctx, now: () => new Date(Math.min(Date.parse(iso), now)) });
  const as = (c: AppContext, key: string, role: 'jounin' | 'clerk' | 'envoy'): AppContext =>
    withActor(c, { kind: 'user', role, username: `demo-${key}`, personId: person(key), clearance: { level: 'top_secret', compartments: ['ANBU', 'BREACH'] } });
  const team = (keys: string[]) => keys.map((k, i) => ({ person: person(k), role: i === 0 ? 'leader' as const : 'member' as const }));
  let created = 0;

  for (const [rank, objective, village, keys, start, end, submitted, accepted] of OLDER) {
    const m = await createMission(at(`${start}T06:00:00.000Z`), {
      rank: rank as 'C', objective, client: OFFICE, villages: [village], plannedStart: start, plannedEnd: end, team: team(keys),
    });
    await stepMission(at(`${start}T07:00:00.000Z`), m.code, 'start', { on: start });
    await stepMission(at(`${end}T18:00:00.000Z`), m.code, 'complete', { on: end });
    const author = keys[0]!;
    const r = await createReport(as(at(`${submitted}T08:00:00.000Z`), author, 'jounin'), m.code, { body: `${objective}: done as ordered.` });
    await stepReport(as(at(`${submitted}T09:00:00.000Z`), author, 'jounin'), r.id, 'submit');
    await stepReport(as(at(`${accepted}T08:00:00.000Z`), 'aide', 'clerk'), r.id, 'begin_review');
    await stepReport(as(at(`${accepted}T10:00:00.000Z`), 'aide', 'clerk'), r.id, 'accept');
    created++;
  }

  // The escort to Snow: the party left twelve days before its return (day 0); attacked on day -5.
  const snow = await createMission(at(`${day(-13)}T09:00:00.000Z`), {
    rank: 'A', objective: SNOW_OBJECTIVE, client: OFFICE, villages: ['yuki'], plannedStart: day(-12), plannedEnd: day(0), classification: 'restricted',
    team: [{ person: person('gaara'), role: 'leader' }, { person: person('rock-lee'), role: 'member' }, { person: person('kankuro'), role: 'member' }, { person: person('naruto'), role: 'escort' }],
  });
  await stepMission(at(`${day(-12)}T05:00:00.000Z`), snow.code, 'start', { on: day(-12) });
  await stepMission(at(`${day(0)}T16:00:00.000Z`), snow.code, 'complete', {
    on: day(0), note: 'The Kazekage conferred with the Yukikage; three deserters of Snow attacked the party and were taken; they stand trial in Snow.',
  });
  const injuries = at(`${day(0)}T18:00:00.000Z`);
  await recordInjury(injuries, snow.code, {
    person: person('rock-lee'), on: day(-5), description: 'Poisoned during the attack; treated with an antidote at Snow’s hospital',
    leave: 'medical', leaveFrom: day(-5), leaveTo: day(-3), reason: 'poisoned during the attack in Yukigakure; treated with an antidote at Snow’s hospital',
  });
  await recordInjury(injuries, snow.code, {
    person: person('kankuro'), on: day(-5), description: 'Broken ribs and a small pneumothorax in the fight with Akito',
    leave: 'administrative', leaveFrom: day(0), reason: 'broken ribs and a small pneumothorax from the fight with Akito in Yukigakure',
  });
  const lee = await createReport(as(at(`${day(2)}T19:00:00.000Z`), 'rock-lee', 'envoy'), snow.code, {
    body: 'We left Suna on the morning of the twelfth day before our return. On the fifth day before it, three deserters of Yukigakure attacked the party; the Kazekage uncovered their plot before anyone died. I was poisoned and treated with an antidote at Snow’s hospital; Kankuro’s ribs were broken.',
  });
  await stepReport(as(at(`${day(3)}T08:30:00.000Z`), 'rock-lee', 'envoy'), lee.id, 'submit');
  created++;

  // The Konoha-born prisoner handed over at the border for trial in the Land of Fire; Lee's report is due.
  const transfer = await createMission(at(`${day(3)}T12:00:00.000Z`), {
    rank: 'B', objective: 'Transfer of a Konoha-born prisoner to the Land of Fire for trial', client: OFFICE, villages: ['konoha'],
    plannedStart: day(4), plannedEnd: day(5), classification: 'restricted',
    team: [{ person: person('rock-lee'), role: 'leader' }, { person: person('might-gai'), role: 'escort' }],
  });
  await stepMission(at(`${day(4)}T05:00:00.000Z`), transfer.code, 'start', { on: day(4) });
  await stepMission(at(`${day(5)}T17:00:00.000Z`), transfer.code, 'complete', { on: day(5), note: 'Handed over at the border post to the Land of Fire.' });
  await createReport(as(at(`${day(5)}T18:00:00.000Z`), 'aide', 'clerk'), transfer.code, { author: person('rock-lee') });
  created++;
  return { created };
}
