// The Kazekage's period for assent as the statute book states it (pure): section 3-105(1) gives
// the Kazekage so many days from receiving a passed bill to assent or return it; a bill neither
// assented to nor returned in that time "is treated as assented to on the day after that period
// ends" (3-105(2)). The number is read from the words in force on the day the bill passed, so
// an amendment of the statute changes the period from its date, with no code.
import { numberIn } from './session-rules.ts';
import { shiftDays } from '../../kernel/village-time.ts';

export const ASSENT_STATUTE = '3-105';
/** When no section 3-105 is in force, or its words state no period. */
export const DEFAULT_ASSENT_DAYS = 10;

/** The days a section's text gives for assent ("Within ten days of receiving a bill"), or null. */
export function assentDaysFromText(markup: string): number | null {
  const m = /within (\w+) days of receiving a bill/i.exec(markup);
  return m ? numberIn(m[1]!) : null;
}

/**
 * The day a bill received on `passedOn` is treated as assented to: the period runs the `days`
 * days after it was received, and the treatment takes effect the day after the period ends.
 */
export function deemedAssentDay(passedOn: string, days: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(passedOn)) throw new RangeError(`${passedOn} is not a date`);
  if (!Number.isInteger(days) || days < 0) throw new RangeError('the period of assent is a whole number of days, at least 0');
  return shiftDays(passedOn, days + 1);
}
