// An after-action report's life (pure).
//
//   draft → submitted → under review → accepted
//                                    → returned with comments → draft (revised) → submitted …
//
// A return must say what to change: the author cannot revise against a bare "no". Acceptance is
// final; it is the instant the turnaround figures count to.
import { shiftDays } from '../../kernel/village-time.ts';

export const REPORT_STATES = ['draft', 'submitted', 'under_review', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_STATE_WORDS: Readonly<Record<ReportState, string>> = {
  draft: 'in draft', submitted: 'submitted', under_review: 'under review', accepted: 'accepted', returned: 'returned with comments',
};

export const REPORT_TRANSITIONS = ['submit', 'begin_review', 'accept', 'return', 'revise'] as const;
export type ReportTransition = (typeof REPORT_TRANSITIONS)[number];

export const REPORT_TRANSITION_RULES: Readonly<Record<ReportTransition, { from: ReportState; to: ReportState }>> = {
  submit: { from: 'draft', to: 'submitted' },
  begin_review: { from: 'submitted', to: 'under_review' },
  accept: { from: 'under_review', to: 'accepted' },
  return: { from: 'under_review', to: 'returned' },
  revise: { from: 'returned', to: 'draft' },
};

const TRANSITION_WORDS: Readonly<Record<ReportTransition, string>> = {
  submit: 'submitted', begin_review: 'taken up for review', accept: 'accepted', return: 'returned', revise: 'taken back for revision',
};

export type ReportStep = { ok: true; state: ReportState } | { ok: false; refusal: string };

/** The state a report at `state` reaches by `transition` (a return carries its comments), or why not. */
export function reportStep(state: ReportState, transition: ReportTransition, inputs: { comments?: string | null } = {}): ReportStep {
  const rule = REPORT_TRANSITION_RULES[transition];
  if (rule.from !== state) {
    const possible = REPORT_TRANSITIONS.filter((t) => REPORT_TRANSITION_RULES[t].from === state).map((t) => TRANSITION_WORDS[t]);
    const instead = possible.length ? `it can only be ${possible.join(' or ')}` : `being ${REPORT_STATE_WORDS[state]} is final`;
    return { ok: false, refusal: `a report that is ${REPORT_STATE_WORDS[state]} cannot be ${TRANSITION_WORDS[transition]}: ${instead}` };
  }
  if (transition === 'return' && (inputs.comments == null || inputs.comments.trim() === '')) {
    return { ok: false, refusal: 'a report is returned with comments that say what to change' };
  }
  return { ok: true, state: rule.to };
}

/**
 * Overdue: still with its author (a draft, or returned) after its due date; both dates YYYY-MM-DD.
 * A report waiting on the reviewers is not the author's delay.
 */
export function isReportOverdue(state: ReportState, due: string, today: string): boolean {
  return (state === 'draft' || state === 'returned') && today > due;
}

/**
 * Days after a mission ends that its after-action report is due, unless the office sets another
 * date. A week: long enough for a team back from a far village (Snow is days away) to rest and
 * write, short enough that what happened is still fresh — Lee filed his on day ~3 of the week.
 */
export const REPORT_DUE_DAYS = 7;

/** The day a report on a mission that ended on `missionEnded` (YYYY-MM-DD) is due. */
export function reportDue(missionEnded: string, days: number = REPORT_DUE_DAYS): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(missionEnded) || Number.isNaN(Date.parse(`${missionEnded}T00:00:00Z`))) throw new RangeError(`"${missionEnded}" is not a date (YYYY-MM-DD)`);
  return shiftDays(missionEnded, days);
}

/**
 * Why this person may not take this step on a report by `author`, or null. Only the author writes,
 * submits and revises their report; review is someone else's — nobody takes up, accepts or returns
 * their own report, or the review would be no review.
 */
export function reportActorRefusal(transition: ReportTransition | 'edit', author: string, actor: string | null): string | null {
  const own = actor !== null && actor === author;
  if (transition === 'edit' || transition === 'submit' || transition === 'revise') {
    return own ? null : 'only its author writes, submits or revises a report';
  }
  return own ? 'nobody reviews their own report: another officer of the administration office must' : null;
}

/**
 * Overdue in the review queue: submitted or under review, and its due date past. The author was
 * in time or not; the office now holds it, and a report still unaccepted after its due date is the
 * office's to hurry (the queue flags it).
 */
export function isReviewOverdue(state: ReportState, due: string, today: string): boolean {
  return (state === 'submitted' || state === 'under_review') && today > due;
}

/**
 * The latest a report may be made due: eight weeks after the mission ended. The office may grant
 * more than the week (a team that went on to another mission), but a report written later than
 * that is no after-action report, and one due in 2999 would never show as overdue.
 */
export const REPORT_LATEST_DUE_DAYS = 56;

/**
 * What is wrong with a due date asked for a report on a mission that ended on `missionEnded`, or
 * null: not before the end; later than the week only when the office sets it; never past the limit.
 */
export function dueRefusal(due: string, missionEnded: string, byOffice: boolean): string | null {
  if (due < missionEnded) return `must not be before the mission ended (${missionEnded})`;
  const latest = reportDue(missionEnded, REPORT_LATEST_DUE_DAYS);
  if (due > latest) return `must not be after ${latest}: a report is due at most ${REPORT_LATEST_DUE_DAYS / 7} weeks after the mission ended`;
  const usual = reportDue(missionEnded);
  if (due > usual && !byOffice) return `only the administration office sets a report due later than a week after the mission ended (${usual}): leave it out, or ask the office`;
  return null;
}
