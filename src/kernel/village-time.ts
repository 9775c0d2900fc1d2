// Sunagakure keeps UTC+03:00 all year (a fixed offset: no daylight saving, so every wall-clock time
// exists exactly once). Days a record carries (a step taken, testimony given, a report due) are
// village days: the same instant is the 3rd in the village from 21:00 UTC on the 2nd.

export const VILLAGE_TIME_ZONE = 'UTC+3';
export const VILLAGE_UTC_OFFSET_MINUTES = 180;

/**
 * An instant as ISO-8601 text in UTC, as toISOString writes it (an invalid date throws alike). The
 * last instant written is kept: a unit of work writes its one instant many times (a letter about
 * fifteen: its rows, its audit record, its events, its day) and V8's toISOString costs about half
 * a microsecond on this machine.
 */
export function isoInstant(at: Date): string {
  const ms = at.getTime();
  if (ms !== lastMs) {
    lastIso = at.toISOString();
    lastMs = ms;
  }
  return lastIso;
}
let lastMs = NaN;
let lastIso = '';

/** The village's calendar day (YYYY-MM-DD) of an instant. */
export function villageDay(at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (ms === lastDayMs) return lastDay;
  const day = new Date(ms + VILLAGE_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
  lastDayMs = ms;
  lastDay = day;
  return day;
}
// villageDay's last answer, as isoInstant keeps its own (every letter's code is numbered by its year).
let lastDayMs = NaN;
let lastDay = '';

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
