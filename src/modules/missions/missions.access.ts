// Missions in the access matrix: per label, a mission (ended, with a team of matrix people) whose
// leader's report is submitted, waiting in the review queue. Steps that use a mission or a report
// up (start, complete, review…) get one of their own per request, of the fixture's label. A
// report's own steps (edit, submit, revise) are its author's: no subject of the matrix is one, so
// they answer 404 to every subject the policy lets through.
import { keptUntilUsed, type AccessRow, type ModuleAccess } from '../../kernel/testing/access.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { createPerson, createVillage } from '../registry/index.ts';
import { createMission, createReport, stepMission, stepReport } from './index.ts';
import { villageDay } from '../../kernel/village-time.ts';

/** Days counted from the server's today, taken at setup (a mission is recorded within a month of setting out; servers run on the real clock or a fixed one). */
let today = new Date();
const day = (n: number) => villageDay(new Date(today.getTime() + n * 86_400_000));

const VILLAGE = 'missions-matrix';
let leader = '';
let member = '';
const labelled = (l: Label) => ({ classification: l.classification as any, compartments: [...l.compartments] });
/** The leader as themself, cleared for every label: the author of the matrix's reports. */
const asLeader = (op: AppContext) => withActor(op, { kind: 'user', role: 'jounin', username: 'missions-matrix-leader', personId: leader, clearance: { level: 'top_secret', compartments: ['ANBU', 'BREACH'] } });

type Stage = 'planned' | 'under_way' | 'ended' | 'submitted' | 'under_review';
/** A mission of the label taken to `stage`; from "submitted" on, its leader's report too. */
async function mission(op: AppContext, label: Label, stage: Stage): Promise<{ code: string; report: string | null }> {
  const m = await createMission(op, {
    rank: 'C', objective: 'Matrix escort', client: 'Matrix client', villages: [VILLAGE], plannedStart: day(-10), plannedEnd: day(-6),
    team: [{ person: leader, role: 'leader' }, { person: member, role: 'member' }], ...labelled(label),
  });
  if (stage === 'planned') return { code: m.code, report: null };
  await stepMission(op, m.code, 'start', { on: day(-10) });
  if (stage === 'under_way') return { code: m.code, report: null };
  await stepMission(op, m.code, 'complete', { on: day(-6) });
  if (stage === 'ended') return { code: m.code, report: null };
  const r = await createReport(asLeader(op), m.code, { body: 'Matrix report.' });
  await stepReport(asLeader(op), r.id, 'submit');
  if (stage === 'under_review') await stepReport(op, r.id, 'begin_review');
  return { code: m.code, report: r.id };
}

/**
 * A mission still at `stage`, of the label, for one row: the one made for an earlier request while no
 * request has moved it on (most are refused), else a new one (keptUntilUsed).
 */
const atStage = (stage: Stage) => keptUntilUsed((op, label) => mission(op, label, stage), async (op, m) => !!(m.report
  ? await op.db.selectFrom('missions_report').select('id').where('id', '=', m.report).where('state', '=', stage).executeTakeFirst()
  : await op.db.selectFrom('missions_mission as mm').select('mm.id').where('mm.code', '=', m.code)
    .where('mm.status', '=', stage === 'ended' ? 'completed' : stage)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('missions_report as r').select('r.id').whereRef('r.mission_id', '=', 'mm.id')))).executeTakeFirst()));

const plannedForTeam = atStage('planned');
const onFresh = (stage: Stage, action: string, url: (m: { code: string; report: string | null }) => string, payload?: () => object): AccessRow => {
  const kept = atStage(stage);
  return {
    action, kind: 'write-existing',
    request: async (f, _fresh, op) => ({ method: 'POST', url: url(await kept(op, f.label)), ...(payload ? { payload: payload() } : {}) }),
  };
};
const own = (method: string, path: string, payload?: object): AccessRow => ({
  action: 'missions.report.write', kind: 'private',
  request: async (f) => ({ method, url: `/api/missions/reports/${f.ids.missionReport}${path}`, ...(payload ? { payload, headers: { 'if-match': '"2"' } } : {}) }),
});

export const access: ModuleAccess = {
  async setup(op) {
    today = op.now();
    await createVillage(op, { code: VILLAGE, name: 'Matrix village', land: 'Matrix', leaderTitle: 'head' });
    leader = (await createPerson(op, { givenName: 'Matrix', familyName: 'Leader', rank: 'jounin' })).id;
    member = (await createPerson(op, { givenName: 'Matrix', familyName: 'Member', rank: 'chuunin' })).id;
  },
  async fixture(op, label) {
    const m = await mission(op, label, 'submitted');
    const underWay = await mission(op, label, 'under_way');
    return { missionCode: m.code, missionReport: m.report!, missionUnderWay: underWay.code };
  },
  routes: {
    'GET /api/missions/': {
      action: 'missions.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/missions/?limit=200' }),
      contains: (b, f) => b.items.some((m: any) => m.code === f.ids.missionCode),
    },
    'POST /api/missions/': {
      action: 'missions.write', kind: 'create',
      request: async (f) => ({ method: 'POST', url: '/api/missions/', payload: { rank: 'D', objective: 'Matrix plan', client: 'Matrix', villages: [VILLAGE], plannedStart: day(2), plannedEnd: day(3), ...labelled(f.label) } }),
    },
    'POST /api/missions/ [a labelled team member]': {
      action: 'missions.write', kind: 'reference', target: 'person',
      request: async (f) => ({ method: 'POST', url: '/api/missions/', payload: { rank: 'D', objective: 'Matrix plan', client: 'Matrix', villages: [VILLAGE], plannedStart: day(2), plannedEnd: day(3), team: [{ person: f.ids.person, role: 'member' }] } }),
    },
    'GET /api/missions/{code}': { action: 'missions.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/missions/${f.ids.missionCode}` }) },
    'PUT /api/missions/{code}/team': {
      action: 'missions.write', kind: 'write-existing',
      request: async (f, _fresh, op) => ({ method: 'PUT', url: `/api/missions/${(await plannedForTeam(op, f.label)).code}/team`, payload: { team: [{ person: leader, role: 'leader' }] } }),
    },
    'POST /api/missions/{code}/start': onFresh('planned', 'missions.write', (m) => `/api/missions/${m.code}/start`, () => ({ on: day(-9) })),
    'POST /api/missions/{code}/complete': onFresh('under_way', 'missions.write', (m) => `/api/missions/${m.code}/complete`, () => ({ on: day(-7) })),
    'POST /api/missions/{code}/fail': onFresh('under_way', 'missions.write', (m) => `/api/missions/${m.code}/fail`, () => ({ on: day(-7) })),
    'POST /api/missions/{code}/abort': onFresh('planned', 'missions.write', (m) => `/api/missions/${m.code}/abort`, () => ({})),
    'POST /api/missions/{code}/injuries': {
      action: 'missions.injury', kind: 'write-existing',
      request: async (f) => ({ method: 'POST', url: `/api/missions/${f.ids.missionUnderWay}/injuries`, payload: { person: member, on: day(-9), description: 'Matrix sprain', leave: 'medical', leaveFrom: day(-9), leaveTo: day(-8), reason: 'matrix' } }),
    },
    'POST /api/missions/{code}/reports': onFresh('ended', 'missions.report.review', (m) => `/api/missions/${m.code}/reports`, () => ({ author: member, body: 'Opened by the office for its member.' })),
    'GET /api/missions/reports/queue': {
      action: 'missions.report.review', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/missions/reports/queue' }),
      contains: (b, f) => b.items.some((r: any) => r.id === f.ids.missionReport),
    },
    'GET /api/missions/reports/turnaround': { action: 'missions.report.review', kind: 'plain', request: async () => ({ method: 'GET', url: `/api/missions/reports/turnaround?from=${day(-300).slice(0, 7)}&to=${day(0).slice(0, 7)}` }) },
    'GET /api/missions/reports/{id}': { action: 'missions.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/missions/reports/${f.ids.missionReport}` }) },
    'PUT /api/missions/reports/{id}': own('PUT', '', { body: 'Not mine to write.' }),
    'POST /api/missions/reports/{id}/submit': own('POST', '/submit'),
    'POST /api/missions/reports/{id}/revise': own('POST', '/revise'),
    'POST /api/missions/reports/{id}/begin-review': onFresh('submitted', 'missions.report.review', (m) => `/api/missions/reports/${m.report}/begin-review`),
    'POST /api/missions/reports/{id}/accept': onFresh('under_review', 'missions.report.review', (m) => `/api/missions/reports/${m.report}/accept`),
    'POST /api/missions/reports/{id}/return': onFresh('under_review', 'missions.report.review', (m) => `/api/missions/reports/${m.report}/return`, () => ({ comments: 'Say more.' })),
  },
};
