// Reading missions and after-action reports. Every read filters by the reader's clearance IN SQL
// on the mission's label (a report is read at its mission's): a mission the reader may not see is
// answered exactly as one that does not exist (kernel/references.ts `refuse`), and lists and
// counts never include it.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../kernel/context.ts';
import { authorize } from '../../kernel/context.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { readerSees, storedLabel } from '../../kernel/auth/reader.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { isWithheld, refuse, resolveReference, showReferences, WITHHELD, type Withheld } from '../../kernel/references.ts';
import { parseInput } from '../../kernel/validation.ts';
import { villageDay } from '../../kernel/village-time.ts';
import { isReportOverdue, isReviewOverdue, type ReportState } from './report-lifecycle.ts';
import { turnaroundByMonth } from './turnaround.ts';
import type { MissionStatus, MissionRank, TeamPlace, TeamRole } from './mission-lifecycle.ts';
import { ZMissionListQuery, ZTurnaroundQuery, type LeaveKind, type TMission, type TMissionListQuery, type TReport } from './missions.schema.ts';

type Row = Record<string, any>;
const instant = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
/** A date column: text on SQLite, a Date (at UTC midnight) from PostgreSQL. */
export const dateOf = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

type PersonShown = { id: string; name: string } | Withheld;
async function people(ctx: AppContext, ids: readonly (string | null | undefined)[]): Promise<Map<string, PersonShown>> {
  const shown = await showReferences(ctx, 'registry.person', ids.filter((x): x is string => !!x));
  return new Map([...shown].map(([id, s]) => [id, isWithheld(s) ? WITHHELD : { id: String(s.id), name: String(s.displayName ?? '') }]));
}
const person = (shown: Map<string, PersonShown>, id: string | null | undefined): PersonShown | null => (id ? shown.get(id) ?? WITHHELD : null);
/** Whether the reader may see this person (of those looked up in shown). */
const sees = (shown: Map<string, PersonShown>, id: string): boolean => !isWithheld(person(shown, id)!);

/** The mission as stored, for the service's checks (no label filter: the service checks it). */
export interface StoredMission {
  id: string; code: string; status: MissionStatus; label: Label; version: number;
  startedOn: string | null; endedOn: string | null; plannedStart: string; plannedEnd: string;
  /** When the mission was recorded (an instant). */
  createdAt: string;
}
const storedOf = (r: Row): StoredMission => ({
  id: r.id, code: r.code, status: r.status, label: storedLabel(r), version: Number(r.version),
  startedOn: dateOf(r.started_on), endedOn: dateOf(r.ended_on), plannedStart: dateOf(r.planned_start)!, plannedEnd: dateOf(r.planned_end)!,
  createdAt: instant(r.created_at)!,
});

/** The mission (id or code) the reader may see, or the same refusal as for one that does not exist. */
export async function visibleMission(ctx: AppContext, ref: string, db: Kysely<any> = ctx.db): Promise<StoredMission> {
  const r = await db.selectFrom('missions_mission as m').selectAll('m')
    .where((eb) => eb.or([eb('m.id', '=', ref), eb('m.code', '=', ref)])).where(readerSees(ctx, 'm'))
    .orderBy(sql`case when m.id = ${ref} then 0 else 1 end`).limit(1).executeTakeFirst();
  if (!r) throw await refuse(ctx, 'missions.mission', ref, { db });
  return storedOf(r);
}

export async function teamOf(db: Kysely<any>, missionId: string): Promise<{ person: string; role: TeamRole }[]> {
  const rows = await db.selectFrom('missions_team').select(['person_id', 'role']).where('mission_id', '=', missionId).orderBy('seq').execute();
  return rows.map((r) => ({ person: r.person_id, role: r.role }));
}

/**
 * The team split by what the reader may see (References 3: a member shows only with both ends).
 * What the reader is told of the team, its rules included ("needs a leader"), is of `seen` only;
 * `hidden` is kept as it is by a writer who may not see it.
 */
export async function teamAsSeen(ctx: AppContext, missionId: string): Promise<{ seen: TeamPlace[]; hidden: TeamPlace[] }> {
  const team = await teamOf(ctx.db, missionId);
  const shown = await people(ctx, team.map((t) => t.person));
  const hidden = (t: TeamPlace) => !sees(shown, t.person);
  return { seen: team.filter((t) => !hidden(t)), hidden: team.filter(hidden) };
}

/** Whether the reader may see the person: a report by someone they may not see shows a hidden member of the team, so it is left out as the member is. */
async function seesPerson(ctx: AppContext, id: string): Promise<boolean> {
  return sees(await people(ctx, [id]), id);
}

const missionFields = (r: Row) => ({
  id: r.id as string, code: r.code as string, rank: r.rank as MissionRank, objective: r.objective as string, client: r.client as string,
  villages: fromJson<string[]>(r.villages, []), status: r.status as MissionStatus,
  plannedStart: dateOf(r.planned_start)!, plannedEnd: dateOf(r.planned_end)!, startedOn: dateOf(r.started_on), endedOn: dateOf(r.ended_on),
  outcome: (r.outcome as string | null) ?? null,
  classification: r.classification, compartments: fromJson<string[]>(r.compartments, []), version: Number(r.version),
  createdAt: instant(r.created_at)!, updatedAt: instant(r.updated_at)!,
});

function overdue(state: ReportState, due: string, today: string) {
  return isReportOverdue(state, due, today) || isReviewOverdue(state, due, today);
}

export async function getMission(ctx: AppContext, ref: string): Promise<TMission> {
  await authorize(ctx, 'missions.read');
  const m = await visibleMission(ctx, ref);
  await authorize(ctx, 'missions.read', m.label, { type: 'mission', id: m.id });
  const row = await ctx.db.selectFrom('missions_mission').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
  const team = await teamOf(ctx.db, m.id);
  const injuries = await ctx.db.selectFrom('missions_injury').selectAll().where('mission_id', '=', m.id).orderBy('injured_on').orderBy('recorded_at').orderBy('id').execute();
  const reports = await ctx.db.selectFrom('missions_report').selectAll().where('mission_id', '=', m.id).orderBy('created_at').orderBy('id').execute();
  const shown = await people(ctx, [...team.map((t) => t.person), ...injuries.map((i) => i.person_id), ...reports.map((r) => r.author_id)]);
  const today = villageDay(ctx.now());
  return {
    ...missionFields(row),
    // A team member is a link of the mission to a person: shown only to a reader who may see both
    // ends (SECURITY.md, References 3), so a hidden escort is not even counted.
    team: team.map((t) => ({ person: person(shown, t.person)!, role: t.role })).filter((t) => !isWithheld(t.person)),
    // An injury is a record about its person (their body, their leave, audited at the join of the
    // labels): a reader who may not see the person is not shown it, not even as withheld.
    injuries: injuries.filter((i) => sees(shown, i.person_id)).map((i) => ({
      id: i.id, person: person(shown, i.person_id)!, on: dateOf(i.injured_on)!, description: i.description, leave: i.leave_kind as LeaveKind,
      leaveFrom: dateOf(i.leave_from)!, leaveTo: dateOf(i.leave_to), reason: i.reason, recordedAt: instant(i.recorded_at)!,
    })),
    // A report is its author's, a member of the team: by someone the reader may not see, it would
    // show a member the team leaves out, so it is left out too.
    reports: reports.filter((r) => sees(shown, r.author_id)).map((r) => ({
      id: r.id, mission: m.code, author: person(shown, r.author_id)!, state: r.state, due: dateOf(r.due_on)!, overdue: overdue(r.state, dateOf(r.due_on)!, today),
      submittedAt: instant(r.submitted_at), acceptedAt: instant(r.accepted_at),
    })),
  };
}

export async function listMissions(ctx: AppContext, query: TMissionListQuery) {
  const q = parseInput(ZMissionListQuery, query, 'query');
  await authorize(ctx, 'missions.read');
  let base = ctx.db.selectFrom('missions_mission as m').where(readerSees(ctx, 'm'));
  if (q.status) base = base.where('m.status', '=', q.status);
  if (q.rank) base = base.where('m.rank', '=', q.rank);
  // The person is named as the reader: one they may not see is unknown, a 404 (References 1).
  const member = q.person ? (await resolveReference(ctx, 'registry.person', q.person)).id : null;
  if (member) base = base.where((eb) => eb.exists(eb.selectFrom('missions_team as t').select('t.person_id').whereRef('t.mission_id', '=', 'm.id').where('t.person_id', '=', member)));
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const today = villageDay(ctx.now());
  const rows = await base.selectAll('m').orderBy('m.planned_start', 'desc').orderBy('m.code', 'desc').limit(q.limit).offset(q.offset).execute();
  // Team size, leader and overdue reports as the mission page shows them: of the members the reader may see.
  const ids = rows.map((r) => r.id);
  const [team, late] = ids.length ? await Promise.all([
    ctx.db.selectFrom('missions_team').select(['mission_id', 'person_id', 'role']).where('mission_id', 'in', ids).orderBy('seq').execute(),
    // Overdue as report-lifecycle.ts has it: with its author past the due date, or with the office past it.
    ctx.db.selectFrom('missions_report').select(['mission_id', 'author_id']).where('mission_id', 'in', ids)
      .where('state', 'in', ['draft', 'returned', 'submitted', 'under_review']).where('due_on', '<', today).execute(),
  ]) : [[], []];
  const shown = await people(ctx, [...team.map((t) => t.person_id), ...late.map((r) => r.author_id)]);
  const seen = team.filter((t) => sees(shown, t.person_id));
  const lateSeen = late.filter((r) => sees(shown, r.author_id));
  return {
    items: rows.map((r) => {
      const mine = seen.filter((t) => t.mission_id === r.id);
      const leader = mine.find((t) => t.role === 'leader');
      return { ...missionFields(r), teamSize: mine.length, leader: leader ? person(shown, leader.person_id) : null, overdueReports: lateSeen.filter((l) => l.mission_id === r.id).length };
    }),
    total,
  };
}

/** A report as stored, with its mission's code, label and end, for the service's checks. */
export interface StoredReport {
  id: string; missionId: string; missionCode: string; missionEnded: string | null; authorId: string; state: ReportState; version: number; label: Label; reviewerId: string | null;
}

/** The report the reader may see (at its mission's label), or the same refusal as for one that does not exist. */
export async function visibleReport(ctx: AppContext, id: string, db: Kysely<any> = ctx.db): Promise<StoredReport> {
  const r = await db.selectFrom('missions_report as r').innerJoin('missions_mission as m', 'm.id', 'r.mission_id')
    .select(['r.id', 'r.mission_id', 'r.author_id', 'r.state', 'r.version', 'r.reviewer_id', 'm.code', 'm.ended_on', 'm.classification', 'm.compartments'])
    .where('r.id', '=', id).where(readerSees(ctx, 'm')).executeTakeFirst();
  if (!r || !(await seesPerson(ctx, r.author_id))) throw await refuse(ctx, 'missions.report', id, { db });
  return { id: r.id, missionId: r.mission_id, missionCode: r.code, missionEnded: dateOf(r.ended_on), authorId: r.author_id, state: r.state, version: Number(r.version), label: storedLabel(r), reviewerId: r.reviewer_id ?? null };
}

export async function getReport(ctx: AppContext, id: string): Promise<TReport> {
  await authorize(ctx, 'missions.read');
  const s = await visibleReport(ctx, id);
  await authorize(ctx, 'missions.read', s.label, { type: 'report', id: s.id });
  const r = await ctx.db.selectFrom('missions_report as r').innerJoin('missions_mission as m', 'm.id', 'r.mission_id')
    .selectAll('r').select(['m.code', 'm.rank', 'm.objective', 'm.ended_on', 'm.classification', 'm.compartments'])
    .where('r.id', '=', s.id).executeTakeFirstOrThrow();
  const shown = await people(ctx, [r.author_id, r.reviewer_id]);
  const due = dateOf(r.due_on)!;
  return {
    id: r.id, mission: { id: r.mission_id, code: r.code, rank: r.rank, objective: r.objective, endedOn: dateOf(r.ended_on) },
    author: person(shown, r.author_id)!, state: r.state, body: r.body, comments: r.comments ?? null,
    due, overdue: overdue(r.state, due, villageDay(ctx.now())),
    submittedAt: instant(r.submitted_at), reviewer: person(shown, r.reviewer_id), reviewStartedAt: instant(r.review_started_at),
    acceptedAt: instant(r.accepted_at), returnedAt: instant(r.returned_at),
    version: Number(r.version), createdAt: instant(r.created_at)!, updatedAt: instant(r.updated_at)!,
    classification: r.classification, compartments: fromJson<string[]>(r.compartments, []),
  };
}

const DAY_MS = 86_400_000;
/** The first day of the month after `month` (YYYY-MM): the end of a span, exclusive. */
const monthAfter = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * The administration office's review queue: reports submitted or under review, the one waiting
 * longest first (by when it was submitted), each flagged overdue once past its due date.
 */
export async function reviewQueue(ctx: AppContext) {
  await authorize(ctx, 'missions.report.review');
  const rows = await ctx.db.selectFrom('missions_report as r').innerJoin('missions_mission as m', 'm.id', 'r.mission_id')
    .select(['r.id', 'r.mission_id', 'r.author_id', 'r.state', 'r.due_on', 'r.submitted_at', 'r.accepted_at', 'm.code'])
    .where('r.state', 'in', ['submitted', 'under_review']).where(readerSees(ctx, 'm'))
    .orderBy('r.submitted_at').orderBy('r.id').execute();
  const shown = await people(ctx, rows.map((r) => r.author_id));
  const now = ctx.now();
  const today = villageDay(now);
  // A report by someone the reader may not see is left out, as on the mission page.
  const items = rows.filter((r) => sees(shown, r.author_id)).map((r) => {
    const due = dateOf(r.due_on)!;
    const submitted = instant(r.submitted_at)!;
    return {
      id: r.id, mission: r.code, missionCode: r.code, author: person(shown, r.author_id)!, state: r.state as ReportState, due,
      overdue: isReviewOverdue(r.state, due, today), submittedAt: submitted, acceptedAt: instant(r.accepted_at),
      waitingDays: Math.max(0, Math.floor((now.getTime() - Date.parse(submitted)) / DAY_MS)),
    };
  });
  return { items, total: items.length, overdue: items.filter((i) => i.overdue).length };
}

/**
 * Turnaround per month of acceptance, from the end of each mission the reader may see to the day
 * its report was accepted (turnaround.ts: nearest-rank median and p90).
 */
export async function reportTurnaround(ctx: AppContext, query: { from: string; to: string }) {
  const q = parseInput(ZTurnaroundQuery, query, 'query');
  await authorize(ctx, 'missions.report.review');
  const rows = await ctx.db.selectFrom('missions_report as r').innerJoin('missions_mission as m', 'm.id', 'r.mission_id')
    .select(['r.accepted_on', 'r.author_id', 'm.ended_on'])
    .where('r.state', '=', 'accepted').where('r.accepted_on', '>=', `${q.from}-01`).where('r.accepted_on', '<', monthAfter(q.to))
    .where('m.ended_on', 'is not', null).where(readerSees(ctx, 'm')).execute();
  // Counted only where the reader may see the author: each report counted is one of the team they are shown.
  const shown = await people(ctx, rows.map((r) => r.author_id));
  // A report accepted before its mission's recorded end (the end corrected later) counts as the same day.
  const reports = rows.filter((r) => sees(shown, r.author_id)).map((r) => {
    const ended = dateOf(r.ended_on)!;
    const accepted = dateOf(r.accepted_on)!;
    return { missionEnded: accepted < ended ? accepted : ended, accepted };
  });
  return { from: q.from, to: q.to, months: turnaroundByMonth(reports, q) };
}
