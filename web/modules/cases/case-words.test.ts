// The cases pages' words and shapes, from the rules of issue 13: only legal next steps are offered,
// the drafter is never offered approval, a denial ends the stage line, the timeline is in time order.
import { describe, expect, it } from 'vitest';
import { caseNextTransitions, caseTimeline, evidenceTotal, requestNextSteps, requestStages, villageTime } from './case-words.ts';
import { CASE_RESOLUTIONS, CASE_STATES, DENIAL_GROUNDS, DENIAL_GROUND_WORDS, DISPOSITIONS, DISPOSITION_WORDS, REQUEST_STATES, RESOLUTION_WORDS, type EvidenceSummary } from './types.ts';

describe('caseNextTransitions', () => {
  it('offers the steps of the case lifecycle and no others', () => {
    expect(caseNextTransitions('intake')).toEqual(['open']);
    expect(caseNextTransitions('open')).toEqual(['investigate']);
    expect(caseNextTransitions('investigating')).toEqual(['submit_for_review']);
    expect(caseNextTransitions('pending_review')).toEqual(['return_to_investigation', 'close']);
    expect(caseNextTransitions('closed')).toEqual(['reopen']);
    expect(caseNextTransitions('reopened')).toEqual(['investigate']);
  });
  it('leaves no state without a way on', () => {
    for (const s of CASE_STATES) expect(caseNextTransitions(s).length).toBeGreaterThan(0);
  });
});

describe('requestNextSteps', () => {
  const decider = { canWrite: true, canDecide: true, isDrafter: false };
  it('offers approval and denial under legal review to a decider who did not draft it', () => {
    expect(requestNextSteps('legal_review', decider)).toEqual(['approve', 'deny']);
  });
  it('never offers the drafter approval (separation of duty), only denial', () => {
    expect(requestNextSteps('legal_review', { ...decider, isDrafter: true })).toEqual(['deny']);
  });
  it('offers no decision to a clerk who may write but not decide', () => {
    expect(requestNextSteps('legal_review', { canWrite: true, canDecide: false, isDrafter: false })).toEqual([]);
    expect(requestNextSteps('draft', { canWrite: true, canDecide: false, isDrafter: true })).toEqual(['transmit']);
  });
  it('offers nothing on a final request, nor to a reader', () => {
    expect(requestNextSteps('completed', decider)).toEqual([]);
    expect(requestNextSteps('denied', decider)).toEqual([]);
    expect(requestNextSteps('approved', { canWrite: false, canDecide: false, isDrafter: false })).toEqual([]);
  });
});

describe('requestStages', () => {
  it('marks the stages before the current one done and the rest ahead', () => {
    expect(requestStages('legal_review').map((s) => `${s.state}:${s.status}`)).toEqual([
      'draft:done', 'transmitted:done', 'acknowledged:done', 'legal_review:current', 'approved:ahead', 'surrender_arranged:ahead', 'completed:ahead',
    ]);
  });
  it('puts a denial in the place of approval and leaves the rest unreached', () => {
    expect(requestStages('denied').map((s) => `${s.state}:${s.status}`)).toEqual([
      'draft:done', 'transmitted:done', 'acknowledged:done', 'legal_review:done', 'denied:current', 'surrender_arranged:not_reached', 'completed:not_reached',
    ]);
  });
  it('has every stage done once completed', () => {
    expect(requestStages('completed').every((s) => s.status === 'done')).toBe(true);
  });
  it('has one stage for each state but one (approved or denied)', () => {
    expect(requestStages('draft')).toHaveLength(REQUEST_STATES.length - 1);
  });
});

const item = (over: Partial<EvidenceSummary>): EvidenceSummary => ({
  id: 'i1', code: 'INQ-2026-001/E-01', description: 'Poison sample', quantity: 1, condition: 'sealed', sealNumber: null,
  collectedBy: { id: 'p1', name: 'Kankuro' }, collectedAt: '2026-11-20T04:10:00.000Z', collectedWhere: 'Snow', sha256: null, storageLocation: null,
  disposition: null, custodian: { id: 'p2', name: 'Temari' }, transfers: 2, lastAt: '2026-12-01T14:00:00.000Z', ...over,
});

describe('caseTimeline', () => {
  it('puts transitions, entries, collections and the last hand-over in time order', () => {
    const events = caseTimeline({
      timeline: [
        { seq: 1, transition: 'open', from: 'intake', to: 'open', resolution: null, reason: null, by: null, at: '2026-11-29T06:35:00.000Z' },
        { seq: 2, transition: 'investigate', from: 'open', to: 'investigating', resolution: null, reason: null, by: null, at: '2026-11-29T14:00:00.000Z' },
      ],
      entries: [
        { id: 'n1', kind: 'testimony', on: '2026-11-29', by: null, text: 'seen', recordedAt: '2026-11-29T16:00:00.000Z', frozen: false },
        { id: 'n2', kind: 'finding', on: '2026-11-25', by: null, text: 'found', recordedAt: '2026-11-30T10:00:00.000Z', frozen: true },
      ],
      evidence: [item({})],
    });
    expect(events.map((e) => `${e.kind}@${e.at}`)).toEqual([
      'collected@2026-11-20T04:10:00.000Z',
      'finding@2026-11-25T00:00:00.000Z',
      'transition@2026-11-29T06:35:00.000Z',
      'transition@2026-11-29T14:00:00.000Z',
      'testimony@2026-11-29T16:00:00.000Z',
      'handed_over@2026-12-01T14:00:00.000Z',
    ]);
    expect(events[5]!.title).toBe('INQ-2026-001/E-01 handed over (its 2nd transfer)');
    expect(events[5]!.detail).toBe('now held by Temari');
  });
  it('shows no hand-over for an item never handed over, and a withheld holder as not shown', () => {
    expect(caseTimeline({ timeline: [], entries: [], evidence: [item({ transfers: 0 })] }).map((e) => e.kind)).toEqual(['collected']);
    const [, handed] = caseTimeline({ timeline: [], entries: [], evidence: [item({ transfers: 11, custodian: { withheld: true } })] });
    expect(handed!.title).toMatch(/its 11th transfer/);
    expect(handed!.detail).toBe('now held by a person not shown at your clearance');
  });
  it('names the resolution of a closure', () => {
    const [e] = caseTimeline({ timeline: [{ seq: 5, transition: 'close', from: 'pending_review', to: 'closed', resolution: 'no_further_action', reason: null, by: null, at: '2026-12-01T00:00:00Z' }], entries: [], evidence: [] });
    expect(e!.detail).toBe('Resolution: no further action');
  });
});

describe('evidenceTotal', () => {
  it('takes the server count, or what was sent when a server gives none', () => {
    expect(evidenceTotal({ evidence: [item({})], evidenceTotal: 1000 })).toBe(1000);
    expect(evidenceTotal({ evidence: [item({}), item({ id: 'i2' })] })).toBe(2);
  });
});

describe('villageTime', () => {
  it('shows instants three hours ahead of UTC, across a year end, and a date as a date', () => {
    expect(villageTime('2026-12-31T22:30:00Z')).toBe('1 Jan 2027, 01:30');
    expect(villageTime('2026-11-29')).toBe('29 Nov 2026');
    expect(villageTime(null)).toBe('—');
  });
});

describe('the word lists', () => {
  it('have words for every code of the fixed lists', () => {
    for (const r of CASE_RESOLUTIONS) expect(RESOLUTION_WORDS[r]).toBeTruthy();
    for (const g of DENIAL_GROUNDS) expect(DENIAL_GROUND_WORDS[g]).toBeTruthy();
    for (const d of DISPOSITIONS) expect(DISPOSITION_WORDS[d]).toBeTruthy();
  });
});
