// A picture of a statute's life: one bar per version from the day it came into force to the day
// the next replaced it (or today), the repeal marked, the date being read marked. Clicking a bar
// reads that version; the list of versions below the picture is the keyboard's way to do the same.
import type { TimelineEntry } from './types.ts';
import { formatDate } from '../../shared/ui.tsx';

const DAY = 86_400_000;
const toTime = (d: string) => Date.parse(d + 'T00:00:00Z');

export function VersionTimeline({ timeline, shownSeq, at, today, onPick }: {
  timeline: TimelineEntry[]; shownSeq: number | null; at: string; today: string; onPick: (date: string) => void;
}) {
  const texts = timeline.filter((t) => t.kind === 'text');
  const repeal = timeline.find((t) => t.kind === 'repeal') ?? null;
  if (texts.length === 0) return null;
  const now = toTime(today);
  const first = toTime(texts[0]!.validFrom);
  const last = Math.max(now, repeal ? toTime(repeal.validFrom) : 0, toTime(at));
  const from = Date.UTC(new Date(first).getUTCFullYear(), 0, 1);
  const to = last + 120 * DAY;
  const width = 760;
  const left = 8;
  const right = 12;
  const barY = 26;
  const barH = 26;
  const height = 84;
  const x = (t: number) => left + ((t - from) / (to - from)) * (width - left - right);
  const years: number[] = [];
  for (let y = new Date(from).getUTCFullYear(); Date.UTC(y, 0, 1) <= to; y++) years.push(y);
  const step = Math.max(1, Math.ceil(years.length / 10));
  const end = (t: TimelineEntry) => t.validTo ? toTime(t.validTo) : repeal ? toTime(repeal.validFrom) : now;
  return (
    <figure className="timeline version-timeline">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="vt-title vt-desc">
        <title id="vt-title">Versions over time</title>
        <desc id="vt-desc">{`${texts.length} ${texts.length === 1 ? 'version' : 'versions'} from ${formatDate(texts[0]!.validFrom)}${repeal ? `; repealed on ${formatDate(repeal.validFrom)}` : ''}. The list of versions below says the same.`}</desc>
        {years.filter((_, i) => i % step === 0).map((y) => (
          <g key={y}>
            <line x1={x(Date.UTC(y, 0, 1))} x2={x(Date.UTC(y, 0, 1))} y1={14} y2={height - 18} className="timeline-grid" />
            <text x={x(Date.UTC(y, 0, 1)) + 3} y={height - 5} className="timeline-year">{y}</text>
          </g>
        ))}
        {texts.map((t) => {
          const s = x(toTime(t.validFrom));
          const e = x(end(t));
          const shown = t.seq === shownSeq;
          return (
            <g key={t.seq} className={`vt-version${shown ? ' vt-shown' : ''}`} onClick={() => onPick(t.validFrom)}>
              <rect x={s} y={barY} width={Math.max(4, e - s - 1.5)} height={barH} rx={3} className="vt-bar">
                <title>{`Version ${t.seq}: ${formatDate(t.validFrom)} – ${t.validTo ? formatDate(t.validTo) : repeal ? formatDate(repeal.validFrom) : 'today'} · ${t.reason}. Click to read it.`}</title>
              </rect>
              {e - s > 26 && <text x={s + 9} y={barY + 17} className="vt-bar-label">{t.seq}</text>}
              <circle cx={s} cy={barY + barH / 2} r={4} className="vt-start" />
            </g>
          );
        })}
        {repeal && (
          <g className="vt-repeal">
            <line x1={x(toTime(repeal.validFrom))} x2={x(toTime(repeal.validFrom))} y1={barY - 10} y2={barY + barH + 6} />
            {/* Right of its line (the date read is always before a repeal, and labelled left of its own), unless at the edge. */}
            <text x={x(toTime(repeal.validFrom)) + (x(toTime(repeal.validFrom)) + 80 > width ? -5 : 5)} y={barY - 13} textAnchor={x(toTime(repeal.validFrom)) + 80 > width ? 'end' : 'start'}>✕ repealed</text>
          </g>
        )}
        <g className="vt-at">
          <line x1={x(toTime(at))} x2={x(toTime(at))} y1={10} y2={barY + barH + 6} />
          <text x={x(toTime(at)) + (x(toTime(at)) < 70 ? 4 : -4)} y={12} textAnchor={x(toTime(at)) < 70 ? 'start' : 'end'}>{at === today ? 'today' : 'reading'}</text>
        </g>
      </svg>
      <figcaption className="muted">Each bar is a version, from the day it came into force; the dark bar is the one shown, the line marks the date you are reading.{repeal ? ' The cross marks the repeal.' : ''} Click a bar to read that version.</figcaption>
    </figure>
  );
}
