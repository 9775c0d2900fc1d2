// Turnaround of after-action reports (pure): days from the end of a mission to the acceptance of
// its report, summarised per month (of acceptance) as a median and a 90th percentile for the
// review queue's chart. A report counts in the month it is accepted, because only then is its
// turnaround known; reports not yet accepted are left out (the queue shows them as waiting).
//
// Percentiles are NEAREST-RANK: for N values sorted ascending, the p-th percentile (0 < p ≤ 100)
// is the value at 1-based rank ⌈p × N / 100⌉. It is always one of the observed values (a report
// that really took that long), never an interpolation. The median is the 50th percentile by the
// same rule, so for an even N it is the LOWER of the two middle values (N = 4: rank 2).
// The rank is computed as p × N / 100 with p a whole number: (p / 100) × N drifts in floating
// point (0.07 × 100 is 7.000000000000001, whose ceiling is 8).

export interface AcceptedReport {
  /** The day the mission ended, YYYY-MM-DD. */
  missionEnded: string;
  /** The day the report was accepted, YYYY-MM-DD; null while it is not. */
  accepted: string | null;
}

export interface MonthTurnaround {
  /** YYYY-MM. */
  month: string;
  /** Reports accepted in the month. */
  count: number;
  /** Days; null for a month with no report accepted. */
  median: number | null;
  p90: number | null;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March; a date must read back as written.
  if (!DATE.test(date) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) throw new RangeError(`"${date}" is not a date (YYYY-MM-DD)`);
  return t / DAY_MS;
}

/** Whole days from the mission's end to the report's acceptance: the same day is 0. RangeError if accepted before the end. */
export function turnaroundDays(missionEnded: string, accepted: string): number {
  const days = dayNumber(accepted) - dayNumber(missionEnded);
  if (days < 0) throw new RangeError(`a report accepted on ${accepted} cannot be about a mission that ended later, on ${missionEnded}`);
  return days;
}

/** The nearest-rank p-th percentile of `values` (need not be sorted); null for no values. */
export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (!Number.isInteger(p) || p <= 0 || p > 100) throw new RangeError(`a percentile is a whole number from 1 to 100, not ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[rank - 1]!;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Median and p90 turnaround per month of acceptance, months in order. With `from` and `to`
 * (YYYY-MM, inclusive) every month of the span is listed, empty ones with count 0 and nulls, so
 * the chart's axis has no holes; reports accepted outside the span are left out. Without them,
 * only months with an accepted report are listed.
 */
export function turnaroundByMonth(reports: readonly AcceptedReport[], span?: { from: string; to: string }): MonthTurnaround[] {
  if (span) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(span.from) || !/^\d{4}-(0[1-9]|1[0-2])$/.test(span.to)) throw new RangeError('a span runs between two months written YYYY-MM');
    if (span.from > span.to) throw new RangeError(`a span from ${span.from} cannot end before it, in ${span.to}`);
  }
  const byMonth = new Map<string, number[]>();
  for (const r of reports) {
    if (r.accepted === null) continue;
    const days = turnaroundDays(r.missionEnded, r.accepted);
    const month = r.accepted.slice(0, 7);
    if (span && (month < span.from || month > span.to)) continue;
    const list = byMonth.get(month);
    if (list) list.push(days); else byMonth.set(month, [days]);
  }
  let months = [...byMonth.keys()].sort();
  if (span) {
    months = [];
    for (let m = span.from; m <= span.to; m = nextMonth(m)) months.push(m);
  }
  return months.map((month) => {
    const days = byMonth.get(month) ?? [];
    return { month, count: days.length, median: nearestRankPercentile(days, 50), p90: nearestRankPercentile(days, 90) };
  });
}
