// Writing missions: create one with its team, change the team while it is planned, move it
// through its life (mission-lifecycle.ts decides what is legal), record injuries (which put the
// person on leave in the registry, through its own service, in the same transaction), and the
// after-action reports' life (report-lifecycle.ts). Every write is checked, audited and announced.
import { authorize, inTx, subjectOf, transact, type AppContext, type Tx } from '../../kernel/context.ts';
import { allowed } from '../../kernel/auth/policy.ts';
import { forUpdate, toJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { join, labelDominates, PUBLIC_LABEL, type Label, sortedLabel } from '../../kernel/auth/labels.ts';
import { labelOfReferences, resolveReference, UnknownReference } from '../../kernel/references.ts';
import { nextCode } from '../../kernel/code-series.ts';
import { shiftDays, villageDay, villageYear } from '../../kernel/village-time.ts';
import { parseInput } from '../../kernel/validation.ts';
import { getPerson, recordStatus } from '../registry/index.ts';
import { sendMessage } from '../post/index.ts';
import { isAppError, validationError } from '../../kernel/errors.ts';
import { earliestStepDay, latestLeaveEnd, latestLeaveStart, missionStep, planRefusals, teamDraftRefusal, LEAVE_STARTS_WITHIN_DAYS, MISSION_STATUS_WORDS, RECORDED_LATE_DAYS, type MissionTransition, type TeamPlace } from './mission-lifecycle.ts';
import { dueRefusal, reportActorRefusal, reportDue, reportStep, REPORT_STATE_WORDS, type ReportTransition } from './report-lifecycle.ts';
import { MissionErrors } from './missions.errors.ts';
import { getMission, getReport, teamAsSeen, teamOf, visibleMission, visibleReport, type StoredMission, type StoredReport } from './missions.read.ts';
import {
  ZInjury, ZMissionCreate, ZMissionStep, ZReportCreate, ZReportEdit, ZReportReturn, ZTeam,
  type TInjury, type TMissionCreate, type TMissionStep, type TReportCreate, type TReportEdit, type TReportReturn, type TTeam,
} from './missions.schema.ts';

const actorName = (tx: Tx) => tx.actor.username ?? tx.actor.kind;

/** The next mission code in the transaction's year and the mission's label: M-2026-004, M-2026-R-001. */
const nextMissionCode = (tx: Tx, label: Label) => nextCode(tx, { prefix: 'M', year: villageYear(tx.now), label, width: 3 });

async function villagesExist(ctx: AppContext, villages: readonly string[]) {
  for (const [i, v] of villages.entries()) {
    try {
      await resolveReference(ctx, 'registry.village', v, { path: `body.villages.${i}` });
    } catch (e) {
      if (e instanceof UnknownReference) throw MissionErrors.unknownVillage(`body.villages.${i}`, v);
      throw e;
    }
  }
}

/** The team as given, each person resolved as the writer sees them (a hidden person is an unknown one), its shape checked. */
async function checkedTeam(ctx: AppContext, team: readonly TeamPlace[]): Promise<TeamPlace[]> {
  const out: TeamPlace[] = [];
  for (const [i, p] of team.entries()) {
    const r = await resolveReference(ctx, 'registry.person', p.person, { path: `body.team.${i}.person` });
    out.push({ person: r.id, role: p.role });
  }
  const refusal = teamDraftRefusal(out);
  if (refusal) throw MissionErrors.teamRefused(refusal);
  return out;
}

async function writeTeam(tx: Tx, missionId: string, team: readonly TeamPlace[]) {
  await tx.db.deleteFrom('missions_team').where('mission_id', '=', missionId).execute();
  for (const [seq, p] of team.entries()) await tx.db.insertInto('missions_team').values({ mission_id: missionId, person_id: p.person, role: p.role, seq }).execute();
}

/** The label an audit entry naming these people on this mission carries: nobody learns of a hidden person from it. */
async function auditLabel(ctx: AppContext, mission: Label, people: readonly string[], db?: Tx['db']): Promise<Label> {
  return join(mission, await labelOfReferences(ctx, 'registry.person', people, db));
}

export async function createMission(ctx: AppContext, input: TMissionCreate) {
  const p = parseInput(ZMissionCreate, input);
  const label = sortedLabel(p);
  await authorize(ctx, 'missions.write', label);
  const plan = planRefusals(p.plannedStart, p.plannedEnd, villageDay(ctx.now()));
  if (plan.length) throw validationError(plan.map((x) => ({ path: `body.${x.path}`, message: x.message })));
  await villagesExist(ctx, p.villages);
  const team = await checkedTeam(ctx, p.team);
  const code = await transact(ctx, async (tx) => {
    const id = newId();
    const code = await nextMissionCode(tx, label);
    const at = tx.now.toISOString();
    await tx.db.insertInto('missions_mission').values({
      id, code, rank: p.rank, objective: p.objective, client: p.client, villages: toJson(p.villages), status: 'planned',
      planned_start: p.plannedStart, planned_end: p.plannedEnd, started_on: null, ended_on: null, outcome: null, created_by: actorName(tx),
      classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
    }).execute();
    await writeTeam(tx, id, team);
    const audited = await auditLabel(ctx, label, team.map((t) => t.person), tx.db);
    tx.audit({ action: 'missions.mission.create', objectType: 'mission', objectId: id, classification: audited.classification, compartments: [...audited.compartments], detail: { code, rank: p.rank, team: team.length } });
    tx.emit('missions.mission.changed', { code, status: 'planned' }, label);
    return code;
  });
  return getMission(ctx, code);
}

/** Replaces the team of a mission still planned: once it has set out, who went is history. */
export async function setTeam(ctx: AppContext, ref: string, input: TTeam) {
  const p = parseInput(ZTeam, input);
  const m = await visibleMission(ctx, ref);
  await authorize(ctx, 'missions.write', m.label, { type: 'mission', id: m.id });
  if (m.status !== 'planned') throw MissionErrors.teamFixed(m.code, MISSION_STATUS_WORDS[m.status]);
  const given = await checkedTeam(ctx, p.team);
  await transact(ctx, async (tx) => {
    // The mission's row first: the team is read once no other write to it is under way (read
    // committed would otherwise read a team that another team write then replaces, and drop its
    // hidden member: outside attack a13f).
    await forUpdate(tx.dialect, tx.db.selectFrom('missions_mission').select('id').where('id', '=', m.id)).execute();
    // A writer replaces the part of the team they may see; members they may not see stay as they
    // are (nobody changes what they cannot see). Where a hidden member already holds the one
    // leader's place, naming another is refused in words that name nobody: the rule holds over
    // the whole team, and this one bit is what keeping it costs.
    const { hidden } = await teamAsSeen(inTx(ctx, tx), m.id);
    if (hidden.some((t) => t.role === 'leader') && given.some((t) => t.role === 'leader')) throw MissionErrors.teamRefused('the team already has its leader, among members you may not see: name the others as members or escorts, or ask someone cleared for the whole team');
    const team = [...hidden, ...given];
    const moved = await tx.db.updateTable('missions_mission').set({ version: m.version + 1, updated_at: tx.now.toISOString() })
      .where('id', '=', m.id).where('status', '=', 'planned').executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw MissionErrors.teamFixed(m.code, 'no longer planned');
    await writeTeam(tx, m.id, team);
    const audited = await auditLabel(ctx, m.label, team.map((t) => t.person), tx.db);
    tx.audit({ action: 'missions.mission.team', objectType: 'mission', objectId: m.id, classification: audited.classification, compartments: [...audited.compartments], detail: { code: m.code, team: team.length } });
    tx.emit('missions.mission.changed', { code: m.code, status: m.status }, m.label);
  });
  return getMission(ctx, m.code);
}

/** Moves a mission on (start, complete, fail, abort), on the day given (default today). */
export async function stepMission(ctx: AppContext, ref: string, transition: MissionTransition, input: TMissionStep = {}) {
  const p = parseInput(ZMissionStep, input);
  const m = await visibleMission(ctx, ref);
  await authorize(ctx, 'missions.write', m.label, { type: 'mission', id: m.id });
  const on = p.on ?? villageDay(ctx.now());
  if (on > villageDay(ctx.now())) throw MissionErrors.dateRefused('body.on', `must not be after today (${villageDay(ctx.now())}): record a step when it has happened`);
  const earliest = earliestStepDay(villageDay(new Date(m.createdAt)));
  if (on < earliest) throw MissionErrors.dateRefused('body.on', `must not be before ${earliest}: a mission is recorded within ${RECORDED_LATE_DAYS} days of setting out, so no step of ${m.code} is older`);
  await transact(ctx, async (tx) => {
    // The mission's row first, so the team checked is the one the step is taken with.
    await forUpdate(tx.dialect, tx.db.selectFrom('missions_mission').select('id').where('id', '=', m.id)).execute();
    // The team as the writer sees it: a leader they may not see does not lead for them (nor is
    // counted, References 3); someone who may see the whole team starts such a mission.
    const step = missionStep(m.status, transition, (await teamAsSeen(inTx(ctx, tx), m.id)).seen);
    if (!step.ok) throw MissionErrors.refused(m.code, step.refusal);
    if (transition !== 'start' && m.startedOn && on < m.startedOn) throw MissionErrors.dateRefused('body.on', `must not be before the mission started (${m.startedOn})`);
    const set: Record<string, unknown> = { status: step.status, version: m.version + 1, updated_at: tx.now.toISOString() };
    if (transition === 'start') set.started_on = on;
    else set.ended_on = on;
    if (p.note) set.outcome = p.note;
    // The status read is repeated in the UPDATE: two steps at once cannot both be taken.
    const r = await tx.db.updateTable('missions_mission').set(set).where('id', '=', m.id).where('status', '=', m.status).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw MissionErrors.refused(m.code, 'it was changed by someone else at the same moment: reload it');
    tx.audit({ action: `missions.mission.${transition}`, objectType: 'mission', objectId: m.id, classification: m.label.classification, compartments: [...m.label.compartments], detail: { code: m.code, from: m.status, to: step.status, on, ...(p.note ? { note: p.note } : {}) } });
    tx.emit('missions.mission.changed', { code: m.code, status: step.status }, m.label);
  });
  return getMission(ctx, m.code);
}

const LEAVE_STATUS = { medical: 'medical_leave', administrative: 'administrative_leave' } as const;
const dayAfter = (d: string) => shiftDays(d, 1);

/**
 * Records an injury on a mission and puts the person on the leave it calls for, in the registry
 * (its own service, so its rules and audit hold), in one transaction: from leaveFrom, and back to
 * active the day after leaveTo when an end is known.
 */
export async function recordInjury(ctx: AppContext, ref: string, input: TInjury) {
  const p = parseInput(ZInjury, input);
  const m = await visibleMission(ctx, ref);
  await authorize(ctx, 'missions.injury', m.label, { type: 'mission', id: m.id });
  if (m.status === 'planned') throw MissionErrors.refused(m.code, 'it is planned: an injury is recorded on a mission that has set out');
  const person = await resolveReference(ctx, 'registry.person', p.person, { path: 'body.person' });
  const team = await teamOf(ctx.db, m.id);
  if (!team.some((t) => t.person === person.id)) throw MissionErrors.notOnTeam('body.person', m.code);
  if (m.startedOn && p.on < m.startedOn) throw MissionErrors.dateRefused('body.on', `must not be before the mission started (${m.startedOn})`);
  if (p.on > villageDay(ctx.now())) throw MissionErrors.dateRefused('body.on', `must not be after today (${villageDay(ctx.now())}): an injury is recorded once it has happened`);
  if (m.endedOn && p.on > m.endedOn) throw MissionErrors.dateRefused('body.on', `must not be after the mission ended (${m.endedOn})`);
  const lastStart = latestLeaveStart(m.endedOn, villageDay(ctx.now()));
  if (p.leaveFrom > lastStart) throw MissionErrors.dateRefused('body.leaveFrom', `must not be after ${lastStart}: leave for an injury starts within ${LEAVE_STARTS_WITHIN_DAYS} days of the ${m.endedOn ? 'party\'s return' : 'day it is recorded, while the party is away'}`);
  if (p.leaveTo && p.leaveTo > latestLeaveEnd(p.leaveFrom)) throw MissionErrors.dateRefused('body.leaveTo', `must not be after ${latestLeaveEnd(p.leaveFrom)}: leave for an injury is granted for a year at most; leave it open until the hospital clears them`);
  const id = newId();
  await transact(ctx, async (tx) => {
    await tx.db.insertInto('missions_injury').values({
      id, mission_id: m.id, person_id: person.id, injured_on: p.on, description: p.description, leave_kind: p.leave,
      leave_from: p.leaveFrom, leave_to: p.leaveTo ?? null, reason: p.reason, recorded_at: tx.now.toISOString(), recorded_by: actorName(tx),
    }).execute();
    const c = inTx(ctx, tx);
    // What the person would be the day after this leave, as recorded before it: an open-ended
    // leave (Kankuro's ribs) is not ended by a short one for a later injury — they go back to it.
    const resumes = p.leaveTo ? (await getPerson(c, person.id, dayAfter(p.leaveTo))).status : null;
    // The status is read by everyone who may see the person. It names the mission and tells what
    // happened only where each of them may read the mission too; otherwise it says no more than
    // that the leave is for an injury on duty (a BREACH mission's code and the reason given were
    // shown on the registry page to readers the mission itself is hidden from).
    const personLabel = person.labels.reduce(join, PUBLIC_LABEL);
    const told = labelDominates(personLabel, m.label);
    const onMission = told ? `mission ${m.code}` : 'a mission';
    await recordStatus(c, person.id, { status: LEAVE_STATUS[p.leave], since: p.leaveFrom, reason: told ? `${p.reason} (mission ${m.code})` : 'injured on duty' });
    if (p.leaveTo) {
      const back = resumes && resumes.status !== 'active'
        ? { status: resumes.status, reason: `back on ${resumes.label ?? resumes.status} after ${p.leave} leave for an injury on ${onMission}` }
        : { status: 'active' as const, reason: `back from ${p.leave} leave after an injury on ${onMission}` };
      await recordStatus(c, person.id, { ...back, since: dayAfter(p.leaveTo) });
    }
    const audited = person.labels.reduce(join, m.label);
    tx.audit({ action: 'missions.injury', objectType: 'mission', objectId: m.id, classification: audited.classification, compartments: [...audited.compartments], detail: { code: m.code, injury: id, person: person.id, leave: p.leave, leaveFrom: p.leaveFrom, leaveTo: p.leaveTo ?? null } });
    tx.emit('missions.mission.changed', { code: m.code, status: m.status, injury: id }, audited);
  });
  return getMission(ctx, m.code);
}

// ---------- after-action reports ----------

/** Opens a report on an ended mission: the writer's own, or (for the office) a team member's. */
export async function createReport(ctx: AppContext, ref: string, input: TReportCreate) {
  const p = parseInput(ZReportCreate, input);
  const m = await visibleMission(ctx, ref);
  await authorize(ctx, 'missions.report.write', m.label, { type: 'mission', id: m.id });
  const me = ctx.actor.personId ?? null;
  let author = me;
  if (p.author !== undefined) {
    author = (await resolveReference(ctx, 'registry.person', p.author, { path: 'body.author' })).id;
    // Opening a report for someone else is the office's work.
    if (author !== me) await authorize(ctx, 'missions.report.review', m.label, { type: 'mission', id: m.id });
  }
  if (!author) throw MissionErrors.notOnTeam('body.author', m.code);
  const team = await teamOf(ctx.db, m.id);
  if (!team.some((t) => t.person === author)) throw MissionErrors.notOnTeam('body.author', m.code);
  if (!m.endedOn) throw MissionErrors.notEnded(m.code, MISSION_STATUS_WORDS[m.status]);
  const due = p.due ?? reportDue(m.endedOn);
  const late = dueRefusal(due, m.endedOn, allowed(ctx.policy, subjectOf(ctx.actor), 'missions.report.review', m.label));
  if (late) throw MissionErrors.dateRefused('body.due', late);
  const id = newId();
  await transact(ctx, async (tx) => {
    const taken = await tx.db.selectFrom('missions_report').select('id').where('mission_id', '=', m.id).where('author_id', '=', author).executeTakeFirst();
    if (taken) throw MissionErrors.reportTwice(m.code);
    const at = tx.now.toISOString();
    await tx.db.insertInto('missions_report').values({
      id, mission_id: m.id, author_id: author, state: 'draft', body: p.body, comments: null, due_on: due, version: 1, created_at: at, updated_at: at,
    }).execute();
    // At the author's label too: the record says that this member wrote on this mission.
    const audited = await auditLabel(ctx, m.label, [author], tx.db);
    tx.audit({ action: 'missions.report.create', objectType: 'report', objectId: id, classification: audited.classification, compartments: [...audited.compartments], detail: { mission: m.code, due } });
    tx.emit('missions.report.changed', { id, mission: m.code, state: 'draft' }, m.label, [author]);
  });
  return getReport(ctx, id);
}

/** Rewrites a draft: its author only, naming the version read (If-Match). */
export async function editReport(ctx: AppContext, id: string, input: TReportEdit, expectedVersion: number | undefined) {
  const p = parseInput(ZReportEdit, input);
  const r = await ownReport(ctx, id, 'edit');
  if (r.state !== 'draft') throw MissionErrors.reportState(`a report that is ${REPORT_STATE_WORDS[r.state]} is not edited${r.state === 'returned' ? ': take it back for revision first' : ''}`);
  if (expectedVersion === undefined) throw MissionErrors.versionRequired();
  if (expectedVersion !== r.version) throw MissionErrors.stale(expectedVersion, r.version);
  await transact(ctx, async (tx) => {
    const done = await tx.db.updateTable('missions_report').set({ body: p.body, version: r.version + 1, updated_at: tx.now.toISOString() })
      .where('id', '=', r.id).where('version', '=', r.version).where('state', '=', 'draft').executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) {
      const now = await tx.db.selectFrom('missions_report').select('version').where('id', '=', r.id).executeTakeFirstOrThrow();
      throw MissionErrors.stale(expectedVersion, Number(now.version));
    }
    const audited = await auditLabel(ctx, r.label, [r.authorId], tx.db);
    tx.audit({ action: 'missions.report.edit', objectType: 'report', objectId: r.id, classification: audited.classification, compartments: [...audited.compartments], detail: { mission: r.missionCode, version: r.version + 1 } });
    tx.emit('missions.report.changed', { id: r.id, mission: r.missionCode, state: 'draft' }, r.label, [r.authorId]);
  });
  return getReport(ctx, r.id);
}

/**
 * A report for its author's own step (edit, submit, revise): to anyone else it is no report of
 * theirs (404, like another's draft of a letter), whatever they may read of it.
 */
async function ownReport(ctx: AppContext, id: string, step: 'edit' | 'submit' | 'revise'): Promise<StoredReport> {
  await authorize(ctx, 'missions.report.write');
  const r = await visibleReport(ctx, id);
  await authorize(ctx, 'missions.report.write', r.label, { type: 'report', id: r.id });
  if (reportActorRefusal(step, r.authorId, ctx.actor.personId ?? null)) throw MissionErrors.notYourReport(id);
  return r;
}

const REVIEW_STEPS: readonly ReportTransition[] = ['begin_review', 'accept', 'return'];

/** A step of a report's life: submit and revise by its author; begin_review, accept and return by a reviewer who is not its author. */
export async function stepReport(ctx: AppContext, id: string, transition: ReportTransition, input: Partial<TReportReturn> = {}) {
  const comments = transition === 'return' ? parseInput(ZReportReturn, input).comments : null;
  let r: StoredReport;
  if (REVIEW_STEPS.includes(transition)) {
    // A review step acts on a report the reviewer may see: a hidden one is unknown, before any question of permission.
    r = await visibleReport(ctx, id);
    await authorize(ctx, 'missions.report.review', r.label, { type: 'report', id: r.id });
    const own = reportActorRefusal(transition, r.authorId, ctx.actor.personId ?? null);
    if (own) throw MissionErrors.reportNotYours(own);
  } else {
    r = await ownReport(ctx, id, transition as 'submit' | 'revise');
  }
  const step = reportStep(r.state, transition, { comments });
  if (!step.ok) throw MissionErrors.reportState(step.refusal);
  await transact(ctx, async (tx) => {
    const at = tx.now.toISOString();
    const set: Record<string, unknown> = { state: step.state, version: r.version + 1, updated_at: at };
    if (transition === 'submit') set.submitted_at = at;
    if (transition === 'begin_review') Object.assign(set, { review_started_at: at, reviewer_id: ctx.actor.personId ?? null });
    if (transition === 'accept') Object.assign(set, { accepted_at: at, accepted_on: villageDay(tx.now), reviewer_id: ctx.actor.personId ?? r.reviewerId });
    if (transition === 'return') Object.assign(set, { returned_at: at, comments, reviewer_id: ctx.actor.personId ?? r.reviewerId });
    const done = await tx.db.updateTable('missions_report').set(set).where('id', '=', r.id).where('state', '=', r.state).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw MissionErrors.reportState('someone changed it at the same moment: reload it');
    const notice = transition === 'return' ? await returnNotice(inTx(ctx, tx), r, comments!) : null;
    const audited = await auditLabel(ctx, r.label, [r.authorId], tx.db);
    tx.audit({ action: `missions.report.${transition}`, objectType: 'report', objectId: r.id, classification: audited.classification, compartments: [...audited.compartments], detail: { mission: r.missionCode, from: r.state, to: step.state, ...(notice ? { notice } : {}) } });
    tx.emit('missions.report.changed', { id: r.id, mission: r.missionCode, state: step.state }, r.label, [r.authorId]);
  });
  return getReport(ctx, r.id);
}

/**
 * Tells the author by hawk that their report came back, with the comments, when hawk post is part of
 * this system (its records are in the reference catalogue). The letter carries the mission's label,
 * so nobody not cleared for the mission learns of it, and names the report only by its mission's
 * code, which its author reads on the report itself. A letter that cannot go (its author no longer
 * cleared for the label, say) does not undo the return: the report shows the comments, and the
 * audit says why no hawk flew.
 */
async function returnNotice(ctx: AppContext, r: StoredReport, comments: string): Promise<{ message: string | null; note: string | null } | null> {
  if (!ctx.references?.has('post.message')) return null;
  try {
    const m = await sendMessage(ctx, {
      to: [{ person: r.authorId }], subject: `Your after-action report on mission ${r.missionCode} was returned`,
      body: `The administration office returned your after-action report on mission ${r.missionCode} with these comments:\n\n${comments}\n\nTake it back as a draft, revise it and submit it again.`,
      precedence: 'priority', attachments: [{ kind: 'missions.report', ref: r.id }],
      classification: r.label.classification, compartments: [...r.label.compartments],
    });
    return { message: m.code, note: null };
  } catch (err) {
    if (isAppError(err) && err.status < 500 && err.status !== 401) return { message: null, note: `no hawk: ${err.message}` };
    throw err;
  }
}

export type { StoredMission };
