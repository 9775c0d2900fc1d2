// An after-action report's life (pure).
//
//   draft → submitted → under review → accepted
//                                    → returned with comments → draft (revised) → submitted …
//
// A return must say what to change: the author cannot revise against a bare "no". Acceptance is
// final; it is the instant the turnaround figures count to.

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
