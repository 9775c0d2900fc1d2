// Recurring schedules: cron expressions read in village time, and the next slot after an instant.
import { CronExpressionParser } from 'cron-parser';
import { AppError } from '../errors.ts';

// Village time is UTC+03:00 all year (../village-time.ts): "Mondays 08:00" is always 05:00 UTC.
import { VILLAGE_TIME_ZONE } from '../village-time.ts';
export { VILLAGE_TIME_ZONE, VILLAGE_UTC_OFFSET_MINUTES } from '../village-time.ts';

/** Checks a cron expression (5 fields: minute hour day-of-month month day-of-week; 6 with seconds first). */
export function parseRecurrence(cron: string): void {
  try {
    CronExpressionParser.parse(cron, { tz: VILLAGE_TIME_ZONE });
  } catch (e) {
    throw new AppError('JOBS_BAD_RECURRENCE', 'bad_request', `"${cron}" is not a cron expression (${(e as Error).message}). Write minute hour day month weekday, e.g. "0 8 * * 1" for Mondays 08:00 village time.`);
  }
}

/** The first slot of the schedule strictly after `after`. */
export function nextSlot(cron: string, after: Date): Date {
  const it = CronExpressionParser.parse(cron, { tz: VILLAGE_TIME_ZONE, currentDate: after });
  return it.next().toDate();
}
