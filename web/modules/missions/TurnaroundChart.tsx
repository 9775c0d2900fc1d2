// The turnaround chart: median and 90th-percentile days from a mission's end to its report's
// acceptance, per month of acceptance, as two lines drawn in SVG. The lines differ by stroke
// (solid, dashed) and by marker (circle, square), not by colour alone; the same numbers are in
// the table beside it for a screen reader and for anyone who wants them exact.
import { dayAxis, monthLabel, monthName, runs } from './chart-model.ts';
import type { MonthTurnaround } from './types.ts';

const W = 720;
const H = 280;
const M = { top: 16, right: 32, bottom: 52, left: 56 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

const SERIES = [
  { key: 'median', label: 'Median', className: 'chart-median', marker: 'circle' },
  { key: 'p90', label: '90th percentile', className: 'chart-p90', marker: 'square' },
] as const;

export function TurnaroundChart({ months }: { months: MonthTurnaround[] }) {
  const largest = Math.max(0, ...months.flatMap((m) => [m.median ?? 0, m.p90 ?? 0]));
  const { top, ticks } = dayAxis(largest);
  const step = months.length > 1 ? PLOT_W / (months.length - 1) : 0;
  const x = (i: number) => M.left + (months.length > 1 ? i * step : PLOT_W / 2);
  const y = (v: number) => M.top + PLOT_H - (v / top) * PLOT_H;
  const counted = months.filter((m) => m.count > 0);
  const summary = counted.length === 0
    ? `No report was accepted from ${monthName(months[0]!.month)} to ${monthName(months[months.length - 1]!.month)}.`
    : counted.map((m) => `${monthName(m.month)}: median ${m.median} days, 90th percentile ${m.p90} days (${m.count} ${m.count === 1 ? 'report' : 'reports'})`).join('; ') + '.';

  return (
    <figure className="turnaround">
      <svg viewBox={`0 0 ${W} ${H}`} className="turnaround-chart" role="img" aria-labelledby="turnaround-title turnaround-desc">
        <title id="turnaround-title">Days from a mission's end to the acceptance of its report, per month</title>
        <desc id="turnaround-desc">{summary}</desc>
        {ticks.map((t) => (
          <g key={t} className="chart-tick">
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className={t === 0 ? 'chart-axis' : 'chart-grid'} />
            <text x={M.left - 8} y={y(t)} dy="0.32em" textAnchor="end">{t}</text>
          </g>
        ))}
        <text className="chart-axis-label" transform={`translate(14 ${M.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle">days</text>
        {months.map((m, i) => (
          <text key={m.month} x={x(i)} y={H - M.bottom + 20} textAnchor="middle" className={m.count ? undefined : 'chart-empty-month'}>{monthLabel(m.month, i === 0)}</text>
        ))}
        <text className="chart-axis-label" x={M.left + PLOT_W / 2} y={H - 8} textAnchor="middle">month of acceptance</text>
        {/* The median drawn last: where the two meet, its circle shows inside the p90's square. */}
        {[...SERIES].reverse().map((s) => (
          <g key={s.key} className={s.className}>
            {runs(months.map((m) => m[s.key])).map((run, ri) => (
              <g key={ri}>
                {run.length > 1 && <polyline fill="none" points={run.map(([i, v]) => `${x(i)},${y(v)}`).join(' ')} />}
                {run.map(([i, v]) => (s.marker === 'circle'
                  ? <circle key={i} cx={x(i)} cy={y(v)} r={4.5} />
                  : <rect key={i} x={x(i) - 4.5} y={y(v) - 4.5} width={9} height={9} />))}
              </g>
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="chart-legend">
        {SERIES.map((s) => (
          <span key={s.key} className={`chart-key ${s.className}`}>
            <svg width="34" height="12" aria-hidden="true" focusable="false">
              <line x1="1" x2="33" y1="6" y2="6" />
              {s.marker === 'circle' ? <circle cx="17" cy="6" r="4" /> : <rect x="13" y="2" width="8" height="8" />}
            </svg>
            {s.label}
          </span>
        ))}
        <span className="muted small">Months with no report accepted are left blank.</span>
      </figcaption>
    </figure>
  );
}

/** The chart's numbers, month by month. */
export function TurnaroundTable({ months }: { months: MonthTurnaround[] }) {
  return (
    <table className="table turnaround-table">
      <caption>Turnaround in days, per month of acceptance</caption>
      <thead><tr><th scope="col">Month</th><th scope="col">Reports accepted</th><th scope="col">Median</th><th scope="col">90th percentile</th></tr></thead>
      <tbody>
        {months.map((m) => (
          <tr key={m.month}>
            <th scope="row" data-label="Month">{monthName(m.month)}</th>
            <td data-label="Reports accepted">{m.count}</td>
            <td data-label="Median">{m.median ?? '—'}</td>
            <td data-label="90th percentile">{m.p90 ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
