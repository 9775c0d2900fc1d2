// After-action report states against the legal steps written out here from the issue.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isReportOverdue, REPORT_STATES, REPORT_TRANSITIONS, reportStep, type ReportState } from './report-lifecycle.ts';

const LEGAL: Record<string, string> = {
  'draft>submit': 'submitted',
  'submitted>begin_review': 'under_review',
  'under_review>accept': 'accepted',
  'under_review>return': 'returned',
  'returned>revise': 'draft',
};

describe('after-action reports', () => {
  it('allows exactly the legal steps', () => {
    for (const state of REPORT_STATES) {
      for (const t of REPORT_TRANSITIONS) {
        const legal = LEGAL[`${state}>${t}`];
        expect(reportStep(state, t, { comments: 'name the escort' }), `${state} ${t}`).toEqual(legal ? { ok: true, state: legal } : expect.objectContaining({ ok: false }));
      }
    }
    expect(reportStep('draft', 'accept')).toEqual({ ok: false, refusal: 'a report that is in draft cannot be accepted: it can only be submitted' });
    expect(reportStep('accepted', 'return', { comments: 'x' })).toEqual({ ok: false, refusal: 'a report that is accepted cannot be returned: being accepted is final' });
  });

  it('a return says what to change', () => {
    for (const comments of [undefined, null, '', ' \t']) {
      expect(reportStep('under_review', 'return', { comments })).toEqual({ ok: false, refusal: 'a report is returned with comments that say what to change' });
    }
    expect(reportStep('under_review', 'return', { comments: 'Give the times of the ambush.' })).toEqual({ ok: true, state: 'returned' });
  });

  it('returned reports go round again until accepted, by random walks', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...REPORT_TRANSITIONS), { minLength: 200, maxLength: 200 }), (walk) => {
      let state: ReportState = 'draft';
      for (const t of walk) {
        const step = reportStep(state, t, { comments: 'more detail' });
        const legal = LEGAL[`${state}>${t}`];
        expect(step.ok).toBe(Boolean(legal));
        if (step.ok) state = step.state;
      }
    }), { numRuns: 50 });
  });

  it('is overdue only while with its author, after the due day', () => {
    expect(isReportOverdue('draft', '2026-11-30', '2026-11-30')).toBe(false);
    expect(isReportOverdue('draft', '2026-11-30', '2026-12-01')).toBe(true);
    expect(isReportOverdue('returned', '2026-11-30', '2026-12-01')).toBe(true);
    expect(isReportOverdue('under_review', '2026-11-30', '2026-12-01')).toBe(false);
    expect(isReportOverdue('submitted', '2026-11-30', '2026-12-01')).toBe(false);
    expect(isReportOverdue('accepted', '2026-11-30', '2027-01-01')).toBe(false);
  });
});
