// The inter-village request lifecycle against the legal steps written out here from the issue,
// separation of duty, the grounds of a denial, and a 10,000-step random walk.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DENIAL_GROUNDS, NOTIFIES_REQUESTING_VILLAGE, REQUEST_STATES, REQUEST_TRANSITIONS, requestNotice, requestStep, type RequestState, type RequestTransition } from './request-lifecycle.ts';

const LEGAL: Record<string, string> = {
  'draft>transmit': 'transmitted',
  'transmitted>acknowledge': 'acknowledged',
  'acknowledged>begin_legal_review': 'legal_review',
  'legal_review>approve': 'approved',
  'legal_review>deny': 'denied',
  'approved>arrange_surrender': 'surrender_arranged',
  'surrender_arranged>complete': 'completed',
};
const GROUND_WORDS = 'dual criminality not met, political offence, pending trial in the requested village, risk of the death penalty, '
  + 'insufficient evidence, the person is a national of the requested village, already tried for the same acts, prosecution is time-barred, '
  + 'purely military offence, humanitarian grounds (age or health)';

describe('inter-village request lifecycle', () => {
  it('allows exactly the legal steps', () => {
    for (const state of REQUEST_STATES) {
      for (const t of REQUEST_TRANSITIONS) {
        const step = requestStep(state, t, { actor: 'baki', draftedBy: 'yashamaru', grounds: ['political_offence'] });
        expect(step, `${state} ${t}`).toEqual(LEGAL[`${state}>${t}`] ? { ok: true, state: LEGAL[`${state}>${t}`] } : expect.objectContaining({ ok: false }));
      }
    }
  });

  it('says what comes next instead, or that the request is finished', () => {
    expect(requestStep('draft', 'approve', { actor: 'a', draftedBy: 'b' })).toEqual({ ok: false, refusal: 'a request that is in draft cannot be approved: it can only be transmitted' });
    expect(requestStep('legal_review', 'complete')).toEqual({ ok: false, refusal: 'a request that is under legal review cannot be completed: it can only be approved or denied' });
    expect(requestStep('denied', 'arrange_surrender')).toEqual({ ok: false, refusal: 'a request that is denied cannot be given a surrender arrangement: being denied is final' });
    expect(requestStep('completed', 'transmit')).toEqual({ ok: false, refusal: 'a request that is completed cannot be transmitted: being completed is final' });
  });

  it('the drafter cannot approve; an unknown approver or drafter cannot either', () => {
    expect(requestStep('legal_review', 'approve', { actor: 'baki', draftedBy: 'baki' })).toEqual({ ok: false, refusal: 'the drafter of a request cannot approve it: another official must' });
    expect(requestStep('legal_review', 'approve', { actor: 'baki' })).toEqual({ ok: false, refusal: 'approving needs both the approver and the drafter of the request' });
    expect(requestStep('legal_review', 'approve', { draftedBy: 'baki', actor: '' })).toEqual({ ok: false, refusal: 'approving needs both the approver and the drafter of the request' });
    expect(requestStep('legal_review', 'approve', { actor: 'gaara', draftedBy: 'baki' })).toEqual({ ok: true, state: 'approved' });
    // A delegate deciding from the drafter's desk acts for the drafter: refused; acting for another, allowed.
    expect(requestStep('legal_review', 'approve', { actor: 'hawk', onBehalfOf: 'baki', draftedBy: 'baki' })).toEqual({ ok: false, refusal: 'the drafter of a request cannot approve it through one acting for them: another official must, in their own name' });
    expect(requestStep('legal_review', 'approve', { actor: 'hawk', onBehalfOf: 'gaara', draftedBy: 'baki' })).toEqual({ ok: true, state: 'approved' });
    // Denying one's own draft grants nothing, so it is not barred.
    expect(requestStep('legal_review', 'deny', { actor: 'baki', draftedBy: 'baki', grounds: ['insufficient_evidence'] })).toEqual({ ok: true, state: 'denied' });
  });

  it('a denial names one or more grounds from the list, each once', () => {
    expect(requestStep('legal_review', 'deny', {})).toEqual({ ok: false, refusal: `a denial needs at least one ground: ${GROUND_WORDS}`, field: 'grounds' });
    expect(requestStep('legal_review', 'deny', { grounds: [] })).toEqual({ ok: false, refusal: `a denial needs at least one ground: ${GROUND_WORDS}`, field: 'grounds' });
    expect(requestStep('legal_review', 'deny', { grounds: ['political_offence', 'bad weather', 'spite'] })).toEqual({ ok: false, refusal: 'not a ground for denial: "bad weather", "spite"', field: 'grounds' });
    expect(requestStep('legal_review', 'deny', { grounds: ['political_offence', 'political_offence'] })).toEqual({ ok: false, refusal: 'each ground for denial is given once', field: 'grounds' });
    expect(requestStep('legal_review', 'deny', { grounds: ['pending_trial_in_requested_village', 'death_penalty_risk'] })).toEqual({ ok: true, state: 'denied' });
  });

  it('the requesting village is told of every step, with the grounds of a denial', () => {
    for (const t of REQUEST_TRANSITIONS) expect(NOTIFIES_REQUESTING_VILLAGE[t], t).toBe(true);
    expect(requestNotice('IVR-2026-001', 'acknowledge')).toBe('Request IVR-2026-001 has been acknowledged.');
    expect(requestNotice('IVR-2026-001', 'deny', ['pending_trial_in_requested_village', 'death_penalty_risk']))
      .toBe('Request IVR-2026-001 has been denied on the grounds of pending trial in the requested village; risk of the death penalty.');
  });

  it('a 10,000-step random walk takes only legal transitions and reaches every state', () => {
    const people = ['baki', 'gaara', 'temari', ''];
    const input = fc.record({
      transition: fc.constantFrom(...REQUEST_TRANSITIONS),
      actor: fc.constantFrom(...people),
      draftedBy: fc.constantFrom(...people),
      grounds: fc.constantFrom<string[]>([], ['political_offence'], ['time_barred', 'humanitarian'], ['revenge'], ['own_national', 'own_national']),
    });
    const visited = new Set<RequestState>();
    let steps = 0;
    fc.assert(fc.property(fc.array(input, { minLength: 1000, maxLength: 1000 }), fc.array(fc.nat(), { minLength: 1000, maxLength: 1000 }), (walk, restarts) => {
      let state: RequestState = 'draft';
      walk.forEach(({ transition, actor, draftedBy, grounds }, i) => {
        steps++;
        // The lifecycle has two final states: a new request starts now and then, so every state is walked through.
        if ((state === 'denied' || state === 'completed') && restarts[i]! % 3 === 0) state = 'draft';
        const step = requestStep(state, transition as RequestTransition, { actor, draftedBy, grounds });
        const legal = LEGAL[`${state}>${transition}`];
        const needsMet = transition === 'approve' ? actor !== '' && draftedBy !== '' && actor !== draftedBy
          : transition === 'deny' ? grounds.length > 0 && grounds.every((g) => (DENIAL_GROUNDS as readonly string[]).includes(g)) && new Set(grounds).size === grounds.length
            : true;
        if (legal && needsMet) {
          expect(step).toEqual({ ok: true, state: legal });
          state = legal as RequestState;
        } else {
          expect(step.ok).toBe(false);
        }
        visited.add(state);
      });
    }), { numRuns: 10 });
    expect(steps).toBeGreaterThanOrEqual(10_000);
    expect([...visited].sort()).toEqual([...REQUEST_STATES].sort());
  });
});
