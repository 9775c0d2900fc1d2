// The stage tracker's model (pure): a bill's OpenStates stages as one line of steps — done, the
// current one, what may come next, what was skipped (the committee, dispensed with) and what was
// never reached (after a failed vote or a veto). The line has one slot per step; "passed" and
// "failed" share a slot, as do "signed" and "vetoed": a bill takes one or the other. A vetoed
// bill gains a step the others never show: the Council's override (section 3-105(3)).
import type { BillStage } from './types.ts';

export const STAGE_WORDS: Record<BillStage, string> = {
  drafted: 'drafted', introduced: 'introduced', first_reading: 'first reading', referred: 'referred to committee',
  committee_report: 'committee report', second_reading: 'second reading', third_reading: 'third reading',
  passed: 'passed', failed: 'failed', signed: 'signed', vetoed: 'vetoed', veto_overridden: 'veto overridden', enacted: 'enacted',
};
/** Every stage, in the order of a bill's life (the list's stage filter). */
export const BILL_STAGES = Object.keys(STAGE_WORDS) as BillStage[];

const SLOTS: readonly (readonly BillStage[])[] = [
  ['drafted'], ['introduced'], ['first_reading'], ['referred'], ['committee_report'], ['second_reading'], ['third_reading'],
  ['passed', 'failed'], ['signed', 'vetoed'], ['veto_overridden'], ['enacted'],
];
const OVERRIDE_SLOT = 9;
const BAD: ReadonlySet<BillStage> = new Set(['failed', 'vetoed']);

export type StepState = 'done' | 'current' | 'next' | 'skipped' | 'not-reached' | 'later';
export interface Step {
  /** The stage shown: the one reached, else the first the slot offers. */
  stage: BillStage;
  words: string;
  state: StepState;
  /** The date the stage was reached. */
  on: string | null;
  /** A failed vote or a veto. */
  bad: boolean;
}

export function stageTrack(current: BillStage, actions: readonly { stage: BillStage; on: string }[], next: readonly BillStage[]): Step[] {
  const vetoed = current === 'vetoed' || actions.some((a) => a.stage === 'vetoed');
  const slots = SLOTS.filter((_, i) => i !== OVERRIDE_SLOT || vetoed);
  const reachedAt = slots.map((slot) => [...actions].reverse().find((a) => slot.includes(a.stage)) ?? null);
  // A veto the Council may still override has not ended the bill.
  const ended = BAD.has(current) && next.length === 0;
  // The last slot reached on the way forward (a failure or veto does not make earlier steps "skipped").
  const lastGood = reachedAt.reduce((last, a, i) => (a && !BAD.has(a.stage) ? i : last), -1);
  return slots.map((slot, i) => {
    const a = reachedAt[i];
    if (a) return { stage: a.stage, words: STAGE_WORDS[a.stage], state: a.stage === current ? 'current' : 'done', on: a.on, bad: BAD.has(a.stage) };
    const offered = slot.filter((s) => next.includes(s));
    if (offered.length) return { stage: offered[0]!, words: offered.map((s) => STAGE_WORDS[s]).join(' or '), state: 'next', on: null, bad: false };
    const state: StepState = i < lastGood ? 'skipped' : ended ? 'not-reached' : 'later';
    return { stage: slot[0]!, words: STAGE_WORDS[slot[0]!], state, on: null, bad: false };
  });
}

/** Words for a step's state, for screen readers and the tracker's key (colour is never the only cue). */
export const STATE_WORDS: Record<StepState, string> = {
  done: 'done', current: 'current stage', next: 'may come next', skipped: 'skipped', 'not-reached': 'not reached', later: 'later',
};
