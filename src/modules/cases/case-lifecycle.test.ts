// The case lifecycle against the legal steps written out here from the issue (not imported from
// the code under test), by hand and by a 10,000-step random walk; and case codes both ways.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CASE_RESOLUTIONS, CASE_STATES, CASE_TRANSITIONS, caseStep, type CaseState, type CaseTransition } from './case-lifecycle.ts';

// state>transition → next state. Intake → open → investigating → pending review → closed →
// reopened → back to investigating; a reviewer may send a case back to investigation.
const LEGAL: Record<string, string> = {
  'intake>open': 'open',
  'open>investigate': 'investigating',
  'investigating>submit_for_review': 'pending_review',
  'pending_review>return_to_investigation': 'investigating',
  'pending_review>close': 'closed',
  'closed>reopen': 'reopened',
  'reopened>investigate': 'investigating',
};

describe('case lifecycle', () => {
  it('allows exactly the legal steps (given what closing and reopening need)', () => {
    for (const state of CASE_STATES) {
      for (const t of CASE_TRANSITIONS) {
        const step = caseStep(state, t, { resolution: 'substantiated', openTasks: 0, reason: 'new evidence' });
        expect(step, `${state} ${t}`).toEqual(LEGAL[`${state}>${t}`] ? { ok: true, state: LEGAL[`${state}>${t}`] } : expect.objectContaining({ ok: false }));
      }
    }
  });

  it('says what the case can do instead when a step is out of turn', () => {
    expect(caseStep('intake', 'close', { resolution: 'withdrawn', openTasks: 0 })).toEqual({ ok: false, refusal: 'a case that is at intake cannot be closed: it can only be opened' });
    expect(caseStep('pending_review', 'reopen', { reason: 'x' })).toEqual({ ok: false, refusal: 'a case that is pending review cannot be reopened: it can only be returned to investigation or closed' });
    expect(caseStep('closed', 'close', { resolution: 'withdrawn', openTasks: 0 })).toEqual({ ok: false, refusal: 'a case that is closed cannot be closed: it can only be reopened' });
  });

  it('closing needs a resolution from the list and no open tasks', () => {
    const list = 'substantiated, unsubstantiated, referred to another authority, withdrawn, no further action';
    expect(caseStep('pending_review', 'close', { openTasks: 0 })).toEqual({ ok: false, refusal: `a case needs a resolution to close: one of ${list}`, field: 'resolution' });
    expect(caseStep('pending_review', 'close', { resolution: '', openTasks: 0 })).toEqual({ ok: false, refusal: `a case needs a resolution to close: one of ${list}`, field: 'resolution' });
    expect(caseStep('pending_review', 'close', { resolution: 'solved', openTasks: 0 })).toEqual({ ok: false, refusal: `"solved" is not a resolution: choose one of ${list}`, field: 'resolution' });
    expect(caseStep('pending_review', 'close', { resolution: 'referred', openTasks: 1 })).toEqual({ ok: false, refusal: '1 task is still open: finish or cancel it before closing the case' });
    expect(caseStep('pending_review', 'close', { resolution: 'referred', openTasks: 3 })).toEqual({ ok: false, refusal: '3 tasks are still open: finish or cancel them before closing the case' });
    for (const openTasks of [undefined, null, -1, 0.5]) {
      expect(caseStep('pending_review', 'close', { resolution: 'referred', openTasks })).toEqual({ ok: false, refusal: 'the number of open tasks must be known to close a case' });
    }
    for (const resolution of CASE_RESOLUTIONS) expect(caseStep('pending_review', 'close', { resolution, openTasks: 0 })).toEqual({ ok: true, state: 'closed' });
  });

  it('reopening needs a reason that says something', () => {
    for (const reason of [undefined, null, '', '   \n']) expect(caseStep('closed', 'reopen', { reason })).toEqual({ ok: false, refusal: 'a case needs a reason to be reopened', field: 'reason' });
    expect(caseStep('closed', 'reopen', { reason: 'the antidote record was altered' })).toEqual({ ok: true, state: 'reopened' });
  });

  it('a 10,000-step random walk takes only legal transitions and reaches every state', () => {
    const input = fc.record({
      transition: fc.constantFrom(...CASE_TRANSITIONS),
      resolution: fc.oneof(fc.constantFrom<string | null | undefined>(...CASE_RESOLUTIONS, 'solved', '', null, undefined)),
      openTasks: fc.constantFrom<number | null | undefined>(0, 0, 0, 1, 4, -2, null, undefined),
      reason: fc.constantFrom<string | null | undefined>('new witness', ' ', '', null, undefined),
    });
    const visited = new Set<CaseState>();
    let steps = 0;
    fc.assert(fc.property(fc.array(input, { minLength: 1000, maxLength: 1000 }), (walk) => {
      let state: CaseState = 'intake';
      for (const { transition, resolution, openTasks, reason } of walk) {
        steps++;
        const step = caseStep(state, transition as CaseTransition, { resolution, openTasks, reason });
        const legal = LEGAL[`${state}>${transition}`];
        const needsMet = transition === 'close'
          ? (CASE_RESOLUTIONS as readonly unknown[]).includes(resolution) && openTasks === 0
          : transition === 'reopen' ? typeof reason === 'string' && reason.trim() !== '' : true;
        if (legal && needsMet) {
          expect(step).toEqual({ ok: true, state: legal });
          state = legal as CaseState;
        } else {
          expect(step.ok).toBe(false);
          expect((step as { refusal: string }).refusal.length).toBeGreaterThan(0);
        }
        visited.add(state);
      }
    }), { numRuns: 10 });
    expect(steps).toBeGreaterThanOrEqual(10_000);
    expect([...visited].sort()).toEqual([...CASE_STATES].sort());
  });
});
