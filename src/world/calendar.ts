// The demo world's calendar: WORLD.md counts days from the party's return to Suna (day 0).
export const DAY_ZERO = '2026-11-16';

export function day(n: number): string {
  const d = new Date(DAY_ZERO + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
