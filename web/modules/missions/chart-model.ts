// The turnaround chart's arithmetic (pure): which months to ask for, the y-axis's round top and
// ticks, and where a line is broken. A month with no report accepted has no turnaround: its line
// is broken there rather than drawn through a zero that never happened.

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The `count` months ending with the month of `today` (YYYY-MM-DD), as the API's from and to (YYYY-MM). */
export function monthSpan(today: string, count: number): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const first = y * 12 + (m - 1) - (count - 1);
  const month = (n: number) => `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
  return { from: month(first), to: month(y * 12 + (m - 1)) };
}

/** "Jun" for 2026-06; the year is added for January and for the first month shown, so the axis says which year it is in. */
export function monthLabel(month: string, withYear = false): string {
  const name = SHORT_MONTHS[Number(month.slice(5, 7)) - 1] ?? month;
  return withYear || month.endsWith('-01') ? `${name} ${month.slice(0, 4)}` : name;
}

/** "June 2026" for 2026-06: the table's and screen reader's words. */
export function monthName(month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? month : d.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * The y-axis: a round top at or above the largest value (at least 5 days, so a quiet year is not
 * drawn as a cliff) and the ticks from 0 to it, four or five of them, in whole days.
 */
export function dayAxis(largest: number): { top: number; ticks: number[] } {
  const want = Math.max(5, Math.ceil(largest));
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => Math.ceil(want / s) <= 5) ?? Math.ceil(want / 5);
  const top = Math.ceil(want / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return { top, ticks };
}

/** The runs of months that have a value, each as [index, value] pairs: a line is drawn along each run, broken between. */
export function runs(values: readonly (number | null)[]): [number, number][][] {
  const out: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) out.push(run);
      run = [];
    } else run.push([i, v]);
  });
  if (run.length) out.push(run);
  return out;
}
