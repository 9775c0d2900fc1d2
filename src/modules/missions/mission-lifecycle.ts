// A mission's life (pure): ranks, status and team roles, and what starting a mission needs.
//
//   planned → under way → completed | failed | aborted
//   planned → aborted (called off before departure)
//
// A team leaves with exactly one leader: orders on the road come from one person, and the
// after-action report is theirs to write. Completed, failed and aborted are final: what happened
// after is a new mission.
import { shiftDays, shiftYears } from '../../kernel/village-time.ts';

export const MISSION_RANKS = ['D', 'C', 'B', 'A', 'S'] as const;
export type MissionRank = (typeof MISSION_RANKS)[number];

export const MISSION_STATUSES = ['planned', 'under_way', 'completed', 'failed', 'aborted'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

export const MISSION_STATUS_WORDS: Readonly<Record<MissionStatus, string>> = {
  planned: 'planned', under_way: 'under way', completed: 'completed', failed: 'failed', aborted: 'aborted',
};

export const TEAM_ROLES = ['leader', 'member', 'escort'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface TeamPlace {
  person: string;
  role: TeamRole;
}

export const MISSION_TRANSITIONS = ['start', 'complete', 'fail', 'abort'] as const;
export type MissionTransition = (typeof MISSION_TRANSITIONS)[number];

export const MISSION_TRANSITION_RULES: Readonly<Record<MissionTransition, { from: readonly MissionStatus[]; to: MissionStatus }>> = {
  start: { from: ['planned'], to: 'under_way' },
  complete: { from: ['under_way'], to: 'completed' },
  fail: { from: ['under_way'], to: 'failed' },
  abort: { from: ['planned', 'under_way'], to: 'aborted' },
};

const TRANSITION_WORDS: Readonly<Record<MissionTransition, string>> = {
  start: 'started', complete: 'completed', fail: 'marked failed', abort: 'aborted',
};

export type MissionStep = { ok: true; status: MissionStatus } | { ok: false; refusal: string };

/** Why a team may not set out, or null when it may: people in it, each once, exactly one leader. */
export function teamRefusal(team: readonly TeamPlace[]): string | null {
  if (team.length === 0) return 'a mission cannot start without a team';
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const p of team) (seen.has(p.person) ? twice : seen).add(p.person);
  if (twice.size) return `each person has one place on the team: ${[...twice].join(', ')} ${twice.size === 1 ? 'is' : 'are'} listed more than once`;
  const leaders = team.filter((p) => p.role === 'leader').map((p) => p.person);
  if (leaders.length === 0) return 'a mission needs a leader to start: name one of the team';
  if (leaders.length > 1) return `a mission has exactly one leader, not ${leaders.length} (${leaders.join(', ')})`;
  return null;
}

/** The status a mission at `status` reaches by `transition`, or why it may not. */
export function missionStep(status: MissionStatus, transition: MissionTransition, team: readonly TeamPlace[] = []): MissionStep {
  const rule = MISSION_TRANSITION_RULES[transition];
  if (!rule.from.includes(status)) {
    const possible = MISSION_TRANSITIONS.filter((t) => MISSION_TRANSITION_RULES[t].from.includes(status)).map((t) => TRANSITION_WORDS[t]);
    const instead = possible.length ? `it can only be ${possible.join(' or ')}` : `being ${MISSION_STATUS_WORDS[status]} is final`;
    return { ok: false, refusal: `a mission that is ${MISSION_STATUS_WORDS[status]} cannot be ${TRANSITION_WORDS[transition]}: ${instead}` };
  }
  if (transition === 'start') {
    const refusal = teamRefusal(team);
    if (refusal) return { ok: false, refusal };
  }
  return { ok: true, status: rule.to };
}

/**
 * Why a team being put together (before it sets out) may not stand so, or null: it may still lack
 * a leader, or anyone at all, but no one is listed twice and there is never more than one leader.
 */
export function teamDraftRefusal(team: readonly TeamPlace[]): string | null {
  if (team.length === 0 || !team.some((p) => p.role === 'leader')) {
    const withLeader = teamRefusal([...team, { person: '\u0000leader', role: 'leader' }]);
    return withLeader;
  }
  return teamRefusal(team);
}

// ---------- the dates a mission's record may carry ----------
//
// Each bound is a rule of the mission desk, not a sanity limit: without them a mission planned for
// December could be started and completed in 1900, and its report's turnaround read 46,355 days.

/** A party that left in haste is recorded late, but within a month of setting out. */
export const RECORDED_LATE_DAYS = 30;
/** The desk books missions at most a year ahead (the same day of the next year). */
export const PLANNED_AHEAD_YEARS = 1;
/** A mission lasts at most a year; a longer posting is a membership in the registry. */
export const LONGEST_MISSION_YEARS = 1;
/** Leave for an injury is granted for a year at most; a longer one is left open until the hospital clears them. */
export const LONGEST_LEAVE_YEARS = 1;
/** Leave for an injury starts within a month of the party's return (or of today, while it is away). */
export const LEAVE_STARTS_WITHIN_DAYS = 30;


export interface DateProblem { path: string; message: string }

/** What is wrong with a plan recorded on `today` (village days), field by field; empty when nothing. */
export function planRefusals(plannedStart: string, plannedEnd: string, today: string): DateProblem[] {
  const problems: DateProblem[] = [];
  const earliest = shiftDays(today, -RECORDED_LATE_DAYS);
  const latest = shiftYears(today, PLANNED_AHEAD_YEARS);
  if (plannedStart < earliest) problems.push({ path: 'plannedStart', message: `must not be before ${earliest}: a mission is recorded when it is planned, or within ${RECORDED_LATE_DAYS} days of setting out` });
  else if (plannedStart > latest) problems.push({ path: 'plannedStart', message: `must not be after ${latest}: missions are booked at most a year ahead` });
  const longest = shiftYears(plannedStart, LONGEST_MISSION_YEARS);
  if (plannedEnd > longest) problems.push({ path: 'plannedEnd', message: `must not be after ${longest}: a mission lasts at most a year (a longer posting is a membership in the registry)` });
  return problems;
}

/** The earliest day a step of a mission recorded on `recordedDay` may carry. */
export const earliestStepDay = (recordedDay: string): string => shiftDays(recordedDay, -RECORDED_LATE_DAYS);

/** The latest day leave for an injury may start: a month after the mission ended, or after today while it is under way. */
export const latestLeaveStart = (endedOn: string | null, today: string): string => shiftDays(endedOn ?? today, LEAVE_STARTS_WITHIN_DAYS);

/** The last day a leave starting on `leaveFrom` may be given an end. */
export const latestLeaveEnd = (leaveFrom: string): string => shiftYears(leaveFrom, LONGEST_LEAVE_YEARS);
