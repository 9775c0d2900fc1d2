// The bill state machine, against the legal steps written out here from the issue (independently
// of NEXT_STAGES), and walked at random.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { advanceRefusal, BILL_STAGES, isFinal, NEXT_STAGES, OCD_CLASSIFICATION, sameDayReading, stageOf, type BillAction, type BillStage } from './bill-stages.ts';

// The path, plus a failed vote at either reading and a dispensed committee stage.
const LEGAL = new Set([
  'drafted>introduced', 'introduced>first_reading', 'first_reading>referred', 'first_reading>second_reading',
  'referred>committee_report', 'committee_report>second_reading', 'second_reading>third_reading', 'second_reading>failed',
  'third_reading>passed', 'third_reading>failed', 'passed>signed', 'passed>vetoed', 'signed>enacted',
  // Section 3-105(3): the Council may override a veto, and the bill then becomes law without assent.
  'vetoed>veto_overridden', 'veto_overridden>enacted',
]);

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

describe('bill stages', () => {
  it('allows exactly the legal steps', () => {
    for (const from of BILL_STAGES) {
      for (const to of BILL_STAGES) {
        const refusal = advanceRefusal({ stage: from, date: day(0) }, { stage: to, date: day(1) });
        expect(refusal === null, `${from} → ${to}`).toBe(LEGAL.has(`${from}>${to}`));
      }
    }
  });

  it('says what may come next when refusing, and refuses an action dated before the last', () => {
    expect(advanceRefusal({ stage: 'introduced', date: day(0) }, { stage: 'passed', date: day(1) })?.message)
      .toBe('a bill at introduced cannot be passed: after introduced comes first reading');
    expect(advanceRefusal({ stage: 'vetoed', date: day(0) }, { stage: 'enacted', date: day(1) })?.message)
      .toBe('a bill at vetoed cannot be enacted: after vetoed comes veto overridden');
    expect(advanceRefusal({ stage: 'enacted', date: day(0) }, { stage: 'vetoed', date: day(1) })?.message)
      .toBe('a bill at enacted cannot be vetoed: the bill is enacted, which is final');
    expect(advanceRefusal({ stage: 'introduced', date: day(5) }, { stage: 'first_reading', date: day(4) })).toEqual({
      reason: 'date', message: `first reading on ${day(4)} would come before introduced on ${day(5)}`,
    });
    // The same day is fine: a bill may be introduced and read once on one sitting day.
    expect(advanceRefusal({ stage: 'introduced', date: day(5) }, { stage: 'first_reading', date: day(5) })).toBeNull();
  });

  it('every walk from drafting by legal steps ends at a final stage, and its history checks out', () => {
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), fc.array(fc.nat({ max: 3 }), { minLength: 12, maxLength: 12 }), (choices, gaps) => {
      const history: BillAction[] = [{ stage: 'drafted', date: day(0) }];
      let d = 0;
      for (let i = 0; !isFinal(history.at(-1)!.stage); i++) {
        const next = NEXT_STAGES[history.at(-1)!.stage];
        d += gaps[i]!;
        history.push({ stage: next[choices[i]! % next.length]!, date: day(d) });
      }
      expect(['failed', 'enacted']).toContain(history.at(-1)!.stage);
      expect(stageOf(history)).toBe(history.at(-1)!.stage);
      // No stage twice: a bill never goes back.
      expect(new Set(history.map((a) => a.stage)).size).toBe(history.length);
    }));
  });

  it('finds the first illegal step in a damaged history', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...BILL_STAGES), { minLength: 1, maxLength: 8 }), (stages) => {
      const history = [{ stage: 'drafted' as BillStage, date: day(0) }, ...stages.map((stage, i) => ({ stage, date: day(i + 1) }))];
      const bad = history.findIndex((a, i) => i > 0 && !LEGAL.has(`${history[i - 1]!.stage}>${a.stage}`));
      if (bad < 0) expect(stageOf(history)).toBe(history.at(-1)!.stage);
      else expect(() => stageOf(history)).toThrow(`action ${bad}:`);
    }));
    expect(() => stageOf([{ stage: 'introduced', date: day(0) }])).toThrow('begins with its drafting');
  });

  it('gives every stage an OpenStates classification', () => {
    expect(OCD_CLASSIFICATION.first_reading).toBe('reading-1');
    expect(OCD_CLASSIFICATION.signed).toBe('executive-signature');
    expect(new Set(Object.values(OCD_CLASSIFICATION)).size).toBe(BILL_STAGES.length);
  });
});

describe('one reading a day (section 2-114(3))', () => {
  const history = [
    { stage: 'drafted', date: '2026-11-01' }, { stage: 'introduced', date: '2026-11-02' }, { stage: 'first_reading', date: '2026-11-03' },
  ] as const;
  it('finds the reading already held on the day of another reading', () => {
    expect(sameDayReading(history, { stage: 'second_reading', date: '2026-11-03' })).toEqual({ stage: 'first_reading', date: '2026-11-03' });
    expect(sameDayReading([...history, { stage: 'second_reading', date: '2026-11-04' }], { stage: 'third_reading', date: '2026-11-04' })).toMatchObject({ stage: 'second_reading' });
  });
  it('says nothing for a reading on a day of its own, or for a stage that is no reading', () => {
    expect(sameDayReading(history, { stage: 'second_reading', date: '2026-11-04' })).toBeNull();
    // The introduction is no reading: a first reading the day of the introduction is free.
    expect(sameDayReading(history.slice(0, 2), { stage: 'first_reading', date: '2026-11-02' })).toBeNull();
    // The vote on the bill as a whole (passed) and the committee stages are no readings.
    expect(sameDayReading(history, { stage: 'passed', date: '2026-11-03' })).toBeNull();
    expect(sameDayReading(history, { stage: 'referred', date: '2026-11-03' })).toBeNull();
  });
});
