// After-action report states against the legal steps written out here from the issue.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isReportOverdue, isReviewOverdue, REPORT_DUE_DAYS, REPORT_STATES, REPORT_TRANSITIONS, reportActorRefusal, reportDue, reportStep, type ReportState } from './report-lifecycle.ts';

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

describe('due dates and who may take each step', () => {
  it('a report is due a week after the mission ends, across a month and a year end', () => {
    expect(REPORT_DUE_DAYS).toBe(7);
    expect(reportDue('2026-11-16')).toBe('2026-11-23');
    expect(reportDue('2026-11-28')).toBe('2026-12-05');
    expect(reportDue('2026-12-28')).toBe('2027-01-04');
    expect(reportDue('2026-12-28', 0)).toBe('2026-12-28');
    expect(() => reportDue('16 Nov')).toThrow(RangeError);
  });
  it('only the author edits, submits and revises; nobody reviews, accepts or returns their own', () => {
    for (const t of ['edit', 'submit', 'revise'] as const) {
      expect(reportActorRefusal(t, 'lee', 'lee')).toBeNull();
      expect(reportActorRefusal(t, 'lee', 'aiko')).toMatch(/only its author/);
      expect(reportActorRefusal(t, 'lee', null)).toMatch(/only its author/);
    }
    for (const t of ['begin_review', 'accept', 'return'] as const) {
      expect(reportActorRefusal(t, 'lee', 'aiko')).toBeNull();
      expect(reportActorRefusal(t, 'lee', 'lee')).toMatch(/own report/);
    }
  });
});

describe('overdue in the review queue', () => {
  it('a submitted or under-review report past its due date is flagged; others are not', () => {
    expect(isReviewOverdue('submitted', '2026-11-23', '2026-11-24')).toBe(true);
    expect(isReviewOverdue('under_review', '2026-11-23', '2026-11-24')).toBe(true);
    expect(isReviewOverdue('submitted', '2026-11-23', '2026-11-23')).toBe(false);
    for (const s of ['draft', 'returned', 'accepted'] as const) expect(isReviewOverdue(s, '2026-11-23', '2026-12-24')).toBe(false);
  });
});
