// A picture of a person's memberships over time: one bar per membership on a shared year axis.
import { isWithheld, type Membership } from '../../app/types.ts';

const DAY = 86_400_000;
const toTime = (d: string) => new Date(d + 'T00:00:00Z').getTime();

export function MembershipTimeline({ memberships, today }: { memberships: Membership[]; today: string }) {
  const dated = memberships.filter((m) => m.startDate || m.endDate);
  if (dated.length === 0) return null;
  const now = toTime(today);
  const starts = dated.map((m) => toTime(m.startDate ?? m.endDate!));
  const ends = dated.map((m) => (m.endDate ? toTime(m.endDate) : now));
  const min = new Date(Math.min(...starts));
  const from = Date.UTC(min.getUTCFullYear(), 0, 1);
  const to = Math.max(now, ...ends) + 30 * DAY;
  const width = 720;
  const labelW = 200;
  const rowH = 28;
  const x = (t: number) => labelW + ((t - from) / (to - from)) * (width - labelW - 10);
  const years: number[] = [];
  for (let y = new Date(from).getUTCFullYear(); Date.UTC(y, 0, 1) <= to; y++) years.push(y);
  const step = Math.ceil(years.length / 8);
  const height = dated.length * rowH + 30;
  return (
    <figure className="timeline">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="timeline-title">
        <title id="timeline-title">Memberships over time</title>
        {years.filter((_, i) => i % step === 0).map((y) => (
          <g key={y}>
            <line x1={x(Date.UTC(y, 0, 1))} x2={x(Date.UTC(y, 0, 1))} y1={0} y2={height - 20} className="timeline-grid" />
            <text x={x(Date.UTC(y, 0, 1)) + 3} y={height - 6} className="timeline-year">{y}</text>
          </g>
        ))}
        <line x1={x(now)} x2={x(now)} y1={0} y2={height - 20} className="timeline-today" />
        {dated.map((m, i) => {
          const s = x(toTime(m.startDate ?? m.endDate!));
          const e = x(m.endDate ? toTime(m.endDate) : now);
          const y = i * rowH + 4;
          const label = m.post && !isWithheld(m.post) ? m.post.label : m.organization.name;
          return (
            <g key={m.id}>
              <text x={0} y={y + 15} className="timeline-label">{label.length > 28 ? label.slice(0, 27) + '…' : label}</text>
              <rect x={s} y={y + 3} width={Math.max(3, e - s)} height={rowH - 10} rx={3} className={m.endDate ? 'timeline-bar ended' : 'timeline-bar'}>
                <title>{`${label} · ${m.organization.name}: ${m.startDate ?? '?'} – ${m.endDate ?? 'present'}`}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">Bars run from start to end; open bars continue to today (the dashed line).</figcaption>
    </figure>
  );
}
