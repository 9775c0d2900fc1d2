// A bill's life as a state machine (pure): which stage may follow which, and what a recorded
// action must say. Stages follow OpenStates' action classification (each stage names the
// classification its action carries, for Popolo/OCD exports); the service stores each action
// dated and attributed, and asks `advance` whether it may.
//
//   drafted → introduced → first reading → referred to committee → committee report
//           → second reading → third reading → passed | failed
//   passed → signed | vetoed (by the Kazekage, or an acting Kazekage)
//   vetoed → veto overridden (the Council, by two thirds of all councillors: section 3-105(3))
//   signed | veto overridden → enacted (on the commencement date, by the kernel's timed work)
// A reading may fail on its vote (second or third reading → failed). The committee stage may be
// dispensed with (first reading → second reading). Failed and enacted are final; a veto is final
// unless the Council overrides it.
//
// A bill the Kazekage neither signs nor returns within the period of section 3-105(1) is treated
// as signed (3-105(2)): the service records that "signed" itself, by the kernel's timed work.

export const BILL_STAGES = [
  'drafted', 'introduced', 'first_reading', 'referred', 'committee_report', 'second_reading', 'third_reading',
  'passed', 'failed', 'signed', 'vetoed', 'veto_overridden', 'enacted',
] as const;
export type BillStage = (typeof BILL_STAGES)[number];

/** The stages each stage may move to. */
export const NEXT_STAGES: Readonly<Record<BillStage, readonly BillStage[]>> = {
  drafted: ['introduced'],
  introduced: ['first_reading'],
  first_reading: ['referred', 'second_reading'],
  referred: ['committee_report'],
  committee_report: ['second_reading'],
  second_reading: ['third_reading', 'failed'],
  third_reading: ['passed', 'failed'],
  passed: ['signed', 'vetoed'],
  failed: [],
  signed: ['enacted'],
  vetoed: ['veto_overridden'],
  veto_overridden: ['enacted'],
  enacted: [],
};

/** OpenStates / OCD action classification of the action that brings a bill to each stage. */
export const OCD_CLASSIFICATION: Readonly<Record<BillStage, string>> = {
  drafted: 'filing',
  introduced: 'introduction',
  first_reading: 'reading-1',
  referred: 'referral-committee',
  committee_report: 'committee-passage',
  second_reading: 'reading-2',
  third_reading: 'reading-3',
  passed: 'passage',
  failed: 'failure',
  signed: 'executive-signature',
  vetoed: 'executive-veto',
  veto_overridden: 'veto-override-passage',
  enacted: 'became-law',
};

/** Plain words for each stage (pages, errors, minutes). */
export const STAGE_WORDS: Readonly<Record<BillStage, string>> = {
  drafted: 'drafted', introduced: 'introduced', first_reading: 'first reading', referred: 'referred to committee',
  committee_report: 'committee report', second_reading: 'second reading', third_reading: 'third reading',
  passed: 'passed', failed: 'failed', signed: 'signed', vetoed: 'vetoed', veto_overridden: 'veto overridden', enacted: 'enacted',
};

/** Stages reached by the Kazekage's hand (or an acting Kazekage's): the service checks who acts. */
export const EXECUTIVE_STAGES: ReadonlySet<BillStage> = new Set(['signed', 'vetoed']);
/**
 * Stages that record a vote of the Council: only the closed roll-call vote whose result they are
 * records them (a carried bill reading, or a lost one for "failed"); nobody records them by hand.
 */
export const VOTED_STAGES: ReadonlySet<BillStage> = new Set(['passed', 'failed', 'veto_overridden']);
/** The three readings of section 2-114(2). */
export const READINGS: ReadonlySet<BillStage> = new Set(['first_reading', 'second_reading', 'third_reading']);
/** Stages after which the bill becomes law on its commencement date. */
export const LAW_MAKING_STAGES: ReadonlySet<BillStage> = new Set(['signed', 'veto_overridden']);

export const isFinal = (s: BillStage): boolean => NEXT_STAGES[s].length === 0;

export interface BillAction {
  stage: BillStage;
  /** YYYY-MM-DD. */
  date: string;
}

export type AdvanceRefusal =
  | { reason: 'illegal'; message: string }
  | { reason: 'date'; message: string };

/**
 * Whether a bill whose last action is `last` may take `next`: the stage must follow, and the
 * date may not be earlier than the last action's. Returns null when it may, else why not, in
 * words that say what may come next.
 */
export function advanceRefusal(last: BillAction, next: BillAction): AdvanceRefusal | null {
  const allowed = NEXT_STAGES[last.stage];
  if (!allowed.includes(next.stage)) {
    const after = allowed.length
      ? `after ${STAGE_WORDS[last.stage]} comes ${allowed.map((s) => STAGE_WORDS[s]).join(' or ')}`
      : `the bill is ${STAGE_WORDS[last.stage]}, which is final`;
    return { reason: 'illegal', message: `a bill at ${STAGE_WORDS[last.stage]} cannot be ${STAGE_WORDS[next.stage]}: ${after}` };
  }
  if (next.date < last.date) {
    return { reason: 'date', message: `${STAGE_WORDS[next.stage]} on ${next.date} would come before ${STAGE_WORDS[last.stage]} on ${last.date}` };
  }
  return null;
}

/**
 * The stage a history of actions leaves a bill at, checking each step; the first action must be
 * its drafting. Throws RangeError naming the first illegal step (stored histories are written
 * through advanceRefusal, so this only fails on a damaged record).
 */
export function stageOf(actions: readonly BillAction[]): BillStage {
  if (actions.length === 0 || actions[0]!.stage !== 'drafted') throw new RangeError('a bill\'s history begins with its drafting');
  for (let i = 1; i < actions.length; i++) {
    const refusal = advanceRefusal(actions[i - 1]!, actions[i]!);
    if (refusal) throw new RangeError(`action ${i}: ${refusal.message}`);
  }
  return actions[actions.length - 1]!.stage;
}

/**
 * Section 2-114(3): "No two readings of a bill take place on the same day, unless the Council so
 * resolves by the majority required by section 2-111(2)(b)". The reading already held on the
 * day `next` would be held, when `next` is a reading; else null.
 */
export function sameDayReading(actions: readonly BillAction[], next: BillAction): BillAction | null {
  if (!READINGS.has(next.stage)) return null;
  return actions.find((a) => READINGS.has(a.stage) && a.date === next.date) ?? null;
}
