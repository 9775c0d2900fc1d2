// Sunagakure keeps UTC+03:00 all year (a fixed offset: no daylight saving, so every wall-clock time
// exists exactly once). Days a record carries (a step taken, testimony given, a report due) are
// village days: the same instant is the 3rd in the village from 21:00 UTC on the 2nd.

export const VILLAGE_TIME_ZONE = 'UTC+3';
export const VILLAGE_UTC_OFFSET_MINUTES = 180;

/** The village's calendar day (YYYY-MM-DD) of an instant. */
export function villageDay(at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + VILLAGE_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** The village's year of an instant: a record's code is numbered in the year the village dates it. */
export const villageYear = (at: Date | string): number => Number(villageDay(at).slice(0, 4));

/** The instant the village's day `day` (YYYY-MM-DD) begins. */
export function villageMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VILLAGE_UTC_OFFSET_MINUTES * 60_000);
}

/**
 * The calendar day `days` after `day` (YYYY-MM-DD; negative for before). Calendar arithmetic, the
 * same in every zone: a day of the village is a date, not an instant.
 */
export function shiftDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same day `years` later (29 February becomes 1 March in a year without one). */
export function shiftYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}
