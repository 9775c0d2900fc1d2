// A case's life (pure): which step may follow which, what each step needs, and the case code.
// The service asks `caseStep` before every transition and audits the answer; a refusal is in words
// a clerk can act on, because it goes straight onto the page.
//
//   intake → open → investigating → pending review → closed (with a resolution)
//                         ↑               │
//                         └── returned ───┘        closed → reopened (with a reason) → investigating
//
// Only a reviewed case closes: a closure is the decision that ends a matter (findings freeze with
// it), so it always passes through pending review, even a withdrawn complaint. Reopening does not
// return the case to where it stopped: whatever reopened it is new matter, investigated again.

export const CASE_KINDS = ['inquest', 'investigation', 'trial', 'inter_village_request'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_KIND_WORDS: Readonly<Record<CaseKind, string>> = {
  inquest: 'inquest', investigation: 'investigation', trial: 'trial', inter_village_request: 'inter-village request',
};

export const CASE_STATES = ['intake', 'open', 'investigating', 'pending_review', 'closed', 'reopened'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_WORDS: Readonly<Record<CaseState, string>> = {
  intake: 'at intake', open: 'open', investigating: 'under investigation', pending_review: 'pending review',
  closed: 'closed', reopened: 'reopened',
};

/** How a case may end; the page, the register and the statistics all use these words. */
export const CASE_RESOLUTIONS = ['substantiated', 'unsubstantiated', 'referred', 'withdrawn', 'no_further_action'] as const;
export type CaseResolution = (typeof CASE_RESOLUTIONS)[number];

export const RESOLUTION_WORDS: Readonly<Record<CaseResolution, string>> = {
  substantiated: 'substantiated', unsubstantiated: 'unsubstantiated', referred: 'referred to another authority',
  withdrawn: 'withdrawn', no_further_action: 'no further action',
};

export const CASE_TRANSITIONS = ['open', 'investigate', 'submit_for_review', 'return_to_investigation', 'close', 'reopen'] as const;
export type CaseTransition = (typeof CASE_TRANSITIONS)[number];

/** Where each transition may start and where it leads. */
export const CASE_TRANSITION_RULES: Readonly<Record<CaseTransition, { from: readonly CaseState[]; to: CaseState }>> = {
  open: { from: ['intake'], to: 'open' },
  investigate: { from: ['open', 'reopened'], to: 'investigating' },
  submit_for_review: { from: ['investigating'], to: 'pending_review' },
  return_to_investigation: { from: ['pending_review'], to: 'investigating' },
  close: { from: ['pending_review'], to: 'closed' },
  reopen: { from: ['closed'], to: 'reopened' },
};

const TRANSITION_WORDS: Readonly<Record<CaseTransition, string>> = {
  open: 'opened', investigate: 'put under investigation', submit_for_review: 'sent for review',
  return_to_investigation: 'returned to investigation', close: 'closed', reopen: 'reopened',
};

/** What a transition carries besides its name; each is needed only by the step that uses it. */
export interface CaseTransitionInputs {
  /** Closing: how the case ended. */
  resolution?: string | null;
  /** Reopening: why (new evidence, an appeal…), kept on the record. */
  reason?: string | null;
  /** Closing: tasks of the case not yet done or cancelled. */
  openTasks?: number | null;
}

/** A refusal names the field of the step's input it concerns, where one does (`field`), so the answer can say where. */
export type CaseStep = { ok: true; state: CaseState } | { ok: false; refusal: string; field?: 'resolution' | 'reason' };

const isResolution = (r: unknown): r is CaseResolution => (CASE_RESOLUTIONS as readonly unknown[]).includes(r);

/** The state a case at `state` reaches by `transition`, or why it may not, in a clerk's words. */
export function caseStep(state: CaseState, transition: CaseTransition, inputs: CaseTransitionInputs = {}): CaseStep {
  const rule = CASE_TRANSITION_RULES[transition];
  if (!rule.from.includes(state)) {
    const possible = CASE_TRANSITIONS.filter((t) => CASE_TRANSITION_RULES[t].from.includes(state)).map((t) => TRANSITION_WORDS[t]);
    return { ok: false, refusal: `a case that is ${CASE_STATE_WORDS[state]} cannot be ${TRANSITION_WORDS[transition]}: it can only be ${possible.join(' or ')}` };
  }
  if (transition === 'close') {
    if (inputs.resolution == null || inputs.resolution === '') {
      return { ok: false, refusal: `a case needs a resolution to close: one of ${CASE_RESOLUTIONS.map((r) => RESOLUTION_WORDS[r]).join(', ')}`, field: 'resolution' };
    }
    if (!isResolution(inputs.resolution)) {
      return { ok: false, refusal: `"${inputs.resolution}" is not a resolution: choose one of ${CASE_RESOLUTIONS.map((r) => RESOLUTION_WORDS[r]).join(', ')}`, field: 'resolution' };
    }
    // Unknown is not zero: a closure must be made knowing that nothing is left undone.
    if (inputs.openTasks == null || !Number.isInteger(inputs.openTasks) || inputs.openTasks < 0) {
      return { ok: false, refusal: 'the number of open tasks must be known to close a case' };
    }
    if (inputs.openTasks > 0) {
      const tasks = inputs.openTasks === 1 ? '1 task is' : `${inputs.openTasks} tasks are`;
      return { ok: false, refusal: `${tasks} still open: finish or cancel ${inputs.openTasks === 1 ? 'it' : 'them'} before closing the case` };
    }
  }
  if (transition === 'reopen' && (inputs.reason == null || inputs.reason.trim() === '')) {
    return { ok: false, refusal: 'a case needs a reason to be reopened', field: 'reason' };
  }
  return { ok: true, state: rule.to };
}

// Case codes: `INQ-2026-003` is the third public inquest of 2026, `INQ-2026-S.BREACH-001` the first
// secret one in BREACH. Numbers run per kind, year and label (kernel/code-series.ts); three digits
// at least, so codes sort as written in the register up to 999, and grow past it.

export const CASE_CODE_PREFIX: Readonly<Record<CaseKind, string>> = {
  inquest: 'INQ', investigation: 'INV', trial: 'TRL', inter_village_request: 'IVR',
};
