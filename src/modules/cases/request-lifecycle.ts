// An inter-village request's life (pure): extradition or prisoner transfer, from the draft to the
// surrender. The requested village decides after a legal review; a denial names its grounds from
// a fixed list, because the requesting village may answer each ground (a promise not to seek the
// death penalty, a trial first) and the register counts them.
//
//   draft → transmitted → acknowledged → legal review → approved → surrender arranged → completed
//                                                     → denied (with grounds)
//
// Separation of duty: whoever drafted the request may not approve it. (Denying one's own draft is
// not barred: it grants nothing.) The requesting village is notified of every step: it waits on
// each, and by treaty practice it is told even of an acknowledgement.

export const REQUEST_STATES = ['draft', 'transmitted', 'acknowledged', 'legal_review', 'approved', 'denied', 'surrender_arranged', 'completed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_STATE_WORDS: Readonly<Record<RequestState, string>> = {
  draft: 'in draft', transmitted: 'transmitted', acknowledged: 'acknowledged', legal_review: 'under legal review',
  approved: 'approved', denied: 'denied', surrender_arranged: 'with its surrender arranged', completed: 'completed',
};

export const REQUEST_TRANSITIONS = ['transmit', 'acknowledge', 'begin_legal_review', 'approve', 'deny', 'arrange_surrender', 'complete'] as const;
export type RequestTransition = (typeof REQUEST_TRANSITIONS)[number];

export const REQUEST_TRANSITION_RULES: Readonly<Record<RequestTransition, { from: RequestState; to: RequestState }>> = {
  transmit: { from: 'draft', to: 'transmitted' },
  acknowledge: { from: 'transmitted', to: 'acknowledged' },
  begin_legal_review: { from: 'acknowledged', to: 'legal_review' },
  approve: { from: 'legal_review', to: 'approved' },
  deny: { from: 'legal_review', to: 'denied' },
  arrange_surrender: { from: 'approved', to: 'surrender_arranged' },
  complete: { from: 'surrender_arranged', to: 'completed' },
};

const TRANSITION_WORDS: Readonly<Record<RequestTransition, string>> = {
  transmit: 'transmitted', acknowledge: 'acknowledged', begin_legal_review: 'put under legal review', approve: 'approved',
  deny: 'denied', arrange_surrender: 'given a surrender arrangement', complete: 'completed',
};

/** The grounds on which a requested village may refuse, as extradition treaties list them. */
export const DENIAL_GROUNDS = [
  'dual_criminality_not_met', 'political_offence', 'pending_trial_in_requested_village', 'death_penalty_risk',
  'insufficient_evidence', 'own_national', 'already_tried', 'time_barred', 'military_offence', 'humanitarian',
] as const;
export type DenialGround = (typeof DENIAL_GROUNDS)[number];

export const DENIAL_GROUND_WORDS: Readonly<Record<DenialGround, string>> = {
  dual_criminality_not_met: 'dual criminality not met',
  political_offence: 'political offence',
  pending_trial_in_requested_village: 'pending trial in the requested village',
  death_penalty_risk: 'risk of the death penalty',
  insufficient_evidence: 'insufficient evidence',
  own_national: 'the person is a national of the requested village',
  already_tried: 'already tried for the same acts',
  time_barred: 'prosecution is time-barred',
  military_offence: 'purely military offence',
  humanitarian: 'humanitarian grounds (age or health)',
};

export interface RequestTransitionInputs {
  /** The person taking the step. */
  actor?: string | null;
  /** The person who drafted the request (separation of duty on approval). */
  draftedBy?: string | null;
  /** The person the actor acts for (a delegate deciding from their desk): the drafter approves through no one. */
  onBehalfOf?: string | null;
  /** Denying: the grounds, at least one, each from DENIAL_GROUNDS. */
  grounds?: readonly string[] | null;
}

/** A refusal names the field of the step's input it concerns, where one does (`field`), so the answer can say where. */
export type RequestStep = { ok: true; state: RequestState } | { ok: false; refusal: string; field?: 'grounds' };

const isGround = (g: unknown): g is DenialGround => (DENIAL_GROUNDS as readonly unknown[]).includes(g);

/** The state a request at `state` reaches by `transition`, or why it may not, in plain words. */
export function requestStep(state: RequestState, transition: RequestTransition, inputs: RequestTransitionInputs = {}): RequestStep {
  const rule = REQUEST_TRANSITION_RULES[transition];
  if (rule.from !== state) {
    const possible = REQUEST_TRANSITIONS.filter((t) => REQUEST_TRANSITION_RULES[t].from === state).map((t) => TRANSITION_WORDS[t]);
    const instead = possible.length ? `it can only be ${possible.join(' or ')}` : `being ${REQUEST_STATE_WORDS[state]} is final`;
    return { ok: false, refusal: `a request that is ${REQUEST_STATE_WORDS[state]} cannot be ${TRANSITION_WORDS[transition]}: ${instead}` };
  }
  if (transition === 'approve') {
    // Both must be known: an unknown drafter cannot be shown to differ from the approver.
    if (!inputs.actor || !inputs.draftedBy) return { ok: false, refusal: 'approving needs both the approver and the drafter of the request' };
    if (inputs.actor === inputs.draftedBy) return { ok: false, refusal: 'the drafter of a request cannot approve it: another official must' };
    if (inputs.onBehalfOf === inputs.draftedBy) return { ok: false, refusal: 'the drafter of a request cannot approve it through one acting for them: another official must, in their own name' };
  }
  if (transition === 'deny') {
    const grounds = inputs.grounds ?? [];
    if (grounds.length === 0) {
      return { ok: false, refusal: `a denial needs at least one ground: ${DENIAL_GROUNDS.map((g) => DENIAL_GROUND_WORDS[g]).join(', ')}`, field: 'grounds' };
    }
    const unknown = grounds.filter((g) => !isGround(g));
    if (unknown.length) return { ok: false, refusal: `not a ground for denial: ${unknown.map((g) => `"${g}"`).join(', ')}`, field: 'grounds' };
    if (new Set(grounds).size !== grounds.length) return { ok: false, refusal: 'each ground for denial is given once', field: 'grounds' };
  }
  return { ok: true, state: rule.to };
}

/** Steps the requesting village is told of: all of them, as the issue asks. */
export const NOTIFIES_REQUESTING_VILLAGE: Readonly<Record<RequestTransition, boolean>> = {
  transmit: true, acknowledge: true, begin_legal_review: true, approve: true, deny: true, arrange_surrender: true, complete: true,
};

/** The line of the notice the requesting village receives for a step taken. */
export function requestNotice(code: string, transition: RequestTransition, grounds: readonly DenialGround[] = []): string {
  const base = `Request ${code} has been ${TRANSITION_WORDS[transition]}`;
  return transition === 'deny' && grounds.length ? `${base} on the grounds of ${grounds.map((g) => DENIAL_GROUND_WORDS[g]).join('; ')}.` : `${base}.`;
}
