// The stage tracker's model, with expected lines worked out from the stages' rules (bill-stages.ts):
// the committee may be dispensed with, either reading may fail, a passed bill is signed or vetoed.
import { describe, expect, it } from 'vitest';
import { stageTrack } from './stage-track.ts';
import type { BillStage } from './types.ts';

const walk = (...stages: BillStage[]) => stages.map((stage, i) => ({ stage, on: `2026-11-${String(10 + i).padStart(2, '0')}` }));
const line = (steps: ReturnType<typeof stageTrack>) => steps.map((s) => `${s.words}:${s.state}${s.bad ? '!' : ''}`);

describe('stageTrack', () => {
  it('a new bill: drafted is current, introduction may come next, the rest later', () => {
    expect(line(stageTrack('drafted', walk('drafted'), ['introduced']))).toEqual([
      'drafted:current', 'introduced:next', 'first reading:later', 'referred to committee:later', 'committee report:later',
      'second reading:later', 'third reading:later', 'passed:later', 'signed:later', 'enacted:later',
    ]);
  });

  it('after the first reading both the committee and the second reading may come next', () => {
    const steps = stageTrack('first_reading', walk('drafted', 'introduced', 'first_reading'), ['referred', 'second_reading']);
    expect(line(steps).slice(0, 6)).toEqual(['drafted:done', 'introduced:done', 'first reading:current', 'referred to committee:next', 'committee report:later', 'second reading:next']);
    expect(steps[1]!.on).toBe('2026-11-11');
  });

  it('a committee dispensed with is skipped, not pending', () => {
    const steps = stageTrack('second_reading', walk('drafted', 'introduced', 'first_reading', 'second_reading'), ['third_reading', 'failed']);
    expect(line(steps)).toEqual([
      'drafted:done', 'introduced:done', 'first reading:done', 'referred to committee:skipped', 'committee report:skipped',
      'second reading:current', 'third reading:next', 'failed:next', 'signed:later', 'enacted:later',
    ]);
  });

  it('at the third reading the shared slot offers "passed or failed"', () => {
    const steps = stageTrack('third_reading', walk('drafted', 'introduced', 'first_reading', 'referred', 'committee_report', 'second_reading', 'third_reading'), ['passed', 'failed']);
    expect(steps[7]).toMatchObject({ words: 'passed or failed', state: 'next' });
  });

  it('a bill failed at its second reading: the failure is current and marked, the third reading and the rest never reached', () => {
    const steps = stageTrack('failed', walk('drafted', 'introduced', 'first_reading', 'second_reading', 'failed'), []);
    expect(line(steps)).toEqual([
      'drafted:done', 'introduced:done', 'first reading:done', 'referred to committee:skipped', 'committee report:skipped',
      'second reading:done', 'third reading:not-reached', 'failed:current!', 'signed:not-reached', 'enacted:not-reached',
    ]);
  });

  it('a vetoed bill: passed done, the veto current and marked, the Council\'s override may come next, enactment later', () => {
    const steps = stageTrack('vetoed', walk('drafted', 'introduced', 'first_reading', 'second_reading', 'third_reading', 'passed', 'vetoed'), ['veto_overridden']);
    expect(line(steps).slice(6)).toEqual(['third reading:done', 'passed:done', 'vetoed:current!', 'veto overridden:next', 'enacted:later']);
  });

  it('an overridden veto: the veto stays marked, the override is current, enactment later; once enacted all are done', () => {
    const stages = ['drafted', 'introduced', 'first_reading', 'second_reading', 'third_reading', 'passed', 'vetoed', 'veto_overridden'] as const;
    expect(line(stageTrack('veto_overridden', walk(...stages), [])).slice(7)).toEqual(['passed:done', 'vetoed:done!', 'veto overridden:current', 'enacted:later']);
    expect(line(stageTrack('enacted', walk(...stages, 'enacted'), [])).slice(7)).toEqual(['passed:done', 'vetoed:done!', 'veto overridden:done', 'enacted:current']);
  });

  it('a signed bill waits for enactment (the system records it): later, not next', () => {
    const steps = stageTrack('signed', walk('drafted', 'introduced', 'first_reading', 'second_reading', 'third_reading', 'passed', 'signed'), []);
    expect(line(steps).slice(7)).toEqual(['passed:done', 'signed:current', 'enacted:later']);
  });
});
