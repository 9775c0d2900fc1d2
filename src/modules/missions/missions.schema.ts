// The vocabulary of missions and after-action reports, and the zod schemas of /api/missions.
import { z } from 'zod';
import { id, isoDate, MAX_REF_LENGTH, requiredText, text, wholeNumber } from '../../kernel/validation.ts';
import { LEVELS } from '../../kernel/auth/labels.ts';
import { withheldOr } from '../../kernel/references.ts';
import { MISSION_RANKS, MISSION_STATUSES, TEAM_ROLES } from './mission-lifecycle.ts';
import { REPORT_STATES } from './report-lifecycle.ts';

export const LEAVE_KINDS = ['medical', 'administrative'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

const villageCode = requiredText(40).pipe(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'must be a village code such as suna or yuki' }));
const ZCompartments = z.array(requiredText(40).pipe(z.string().regex(/^[A-Z0-9_]+$/, { message: 'must be upper-case letters, digits or _' }))).max(20);
export const ZTeamPlace = z.object({ person: id.describe('a registry person id'), role: z.enum(TEAM_ROLES) }).strict();

function datesInOrder(m: { plannedStart?: string; plannedEnd?: string }, c: z.RefinementCtx) {
  if (m.plannedStart && m.plannedEnd && m.plannedEnd < m.plannedStart) c.addIssue({ code: 'custom', path: ['plannedEnd'], message: `must not be before the planned start (${m.plannedStart})` });
}

export const ZMissionCreate = z.object({
  rank: z.enum(MISSION_RANKS),
  objective: requiredText(2000),
  client: requiredText(300),
  villages: z.array(villageCode).min(1, { message: 'name at least one village the mission goes to' }).max(20),
  team: z.array(ZTeamPlace).max(40).default([]).describe('may be filled in later; a mission starts only with exactly one leader'),
  plannedStart: isoDate,
  plannedEnd: isoDate,
  classification: z.enum(LEVELS).default('public'),
  compartments: ZCompartments.default([]),
}).strict().superRefine(datesInOrder);
export type TMissionCreate = z.input<typeof ZMissionCreate>;

export const ZTeam = z.object({ team: z.array(ZTeamPlace).max(40) }).strict();
export type TTeam = z.input<typeof ZTeam>;

export const ZMissionStep = z.object({
  on: isoDate.optional().describe('the day it happened; default today'),
  note: text(2000).optional().describe('what happened (an outcome, why it was called off)'),
}).strict();
export type TMissionStep = z.input<typeof ZMissionStep>;

export const ZInjury = z.object({
  person: id.describe('a registry person id: one of the team'),
  on: isoDate.describe('the day of the injury'),
  description: requiredText(2000),
  leave: z.enum(LEAVE_KINDS).describe('the leave it puts the person on, recorded in the registry'),
  leaveFrom: isoDate,
  leaveTo: isoDate.optional().describe('the last day of leave; absent: until the hospital clears them'),
  reason: requiredText(1000),
}).strict().superRefine((i, c) => {
  if (i.leaveFrom < i.on) c.addIssue({ code: 'custom', path: ['leaveFrom'], message: `leave for an injury starts on or after it (${i.on})` });
  if (i.leaveTo && i.leaveTo < i.leaveFrom) c.addIssue({ code: 'custom', path: ['leaveTo'], message: `must not be before the leave starts (${i.leaveFrom})` });
});
export type TInjury = z.input<typeof ZInjury>;

export const ZReportCreate = z.object({
  body: text(50_000).default(''),
  author: id.optional().describe('the team member who writes it (the office opens one for them); default yourself'),
  due: isoDate.optional().describe('default: the mission\'s end plus the days set in report-lifecycle.ts'),
}).strict();
export type TReportCreate = z.input<typeof ZReportCreate>;

export const ZReportEdit = z.object({ body: text(50_000) }).strict();
export type TReportEdit = z.input<typeof ZReportEdit>;

export const ZReportReturn = z.object({ comments: requiredText(5000).describe('what to change') }).strict();
export type TReportReturn = z.input<typeof ZReportReturn>;

export const ZMissionListQuery = z.object({
  status: z.enum(MISSION_STATUSES).optional(),
  rank: z.enum(MISSION_RANKS).optional(),
  person: id.optional().describe('only missions this person is on the team of'),
  ...{ limit: wholeNumber(1, 200).default(50), offset: wholeNumber(0, 1_000_000).default(0) },
}).strict();
export type TMissionListQuery = z.input<typeof ZMissionListQuery>;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month written YYYY-MM' });
export const ZTurnaroundQuery = z.object({ from: month, to: month }).strict()
  .refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] })
  .refine((q) => monthsBetween(q.from, q.to) <= 120, { message: 'a span is at most 120 months', path: ['to'] });
function monthsBetween(a: string, b: string) {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

export const ZMissionParams = z.object({ code: requiredText(MAX_REF_LENGTH) }).strict();
export const ZReportParams = z.object({ id: requiredText(MAX_REF_LENGTH) }).strict();

// ---------- answers (no transforms: they are only checked) ----------

const ZPerson = withheldOr(z.object({ id: z.string(), name: z.string() }));
export const ZInjuryOut = z.object({
  id: z.string(), person: ZPerson, on: z.string(), description: z.string(), leave: z.enum(LEAVE_KINDS),
  leaveFrom: z.string(), leaveTo: z.string().nullable(), reason: z.string(), recordedAt: z.string(),
});
export const ZReportSummary = z.object({
  id: z.string(), mission: z.string(), author: ZPerson, state: z.enum(REPORT_STATES), due: z.string(), overdue: z.boolean(),
  submittedAt: z.string().nullable(), acceptedAt: z.string().nullable(),
});
export const ZMission = z.object({
  id: z.string(), code: z.string(), rank: z.enum(MISSION_RANKS), objective: z.string(), client: z.string(), villages: z.array(z.string()),
  status: z.enum(MISSION_STATUSES), plannedStart: z.string(), plannedEnd: z.string(), startedOn: z.string().nullable(), endedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  team: z.array(z.object({ person: ZPerson, role: z.enum(TEAM_ROLES) })),
  injuries: z.array(ZInjuryOut),
  reports: z.array(ZReportSummary),
  classification: z.enum(LEVELS), compartments: z.array(z.string()), version: z.number(), createdAt: z.string(), updatedAt: z.string(),
});
export type TMission = z.infer<typeof ZMission>;
export const ZMissionListItem = ZMission.omit({ team: true, injuries: true, reports: true }).extend({
  teamSize: z.number(),
  leader: ZPerson.nullable().describe('the team leader, null while none is named'),
  overdueReports: z.number().describe('its after-action reports past their due date and not yet accepted'),
});
export const ZMissionList = z.object({ items: z.array(ZMissionListItem), total: z.number() });

export const ZReport = z.object({
  id: z.string(),
  mission: z.object({ id: z.string(), code: z.string(), rank: z.enum(MISSION_RANKS), objective: z.string(), endedOn: z.string().nullable() }),
  author: ZPerson, state: z.enum(REPORT_STATES), body: z.string(), comments: z.string().nullable(),
  due: z.string(), overdue: z.boolean(),
  submittedAt: z.string().nullable(), reviewer: ZPerson.nullable(), reviewStartedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(), returnedAt: z.string().nullable(),
  version: z.number(), createdAt: z.string(), updatedAt: z.string(),
  classification: z.enum(LEVELS), compartments: z.array(z.string()),
});
export type TReport = z.infer<typeof ZReport>;

export const ZQueue = z.object({
  items: z.array(ZReportSummary.extend({ missionCode: z.string(), waitingDays: z.number() })),
  total: z.number(),
  overdue: z.number(),
});
export const ZTurnaround = z.object({
  from: z.string(), to: z.string(),
  months: z.array(z.object({ month: z.string(), count: z.number(), median: z.number().nullable(), p90: z.number().nullable() })),
});
