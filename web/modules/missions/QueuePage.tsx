// Task (the administration office): take up the reports waiting longest first, see at a glance
// how many wait and how many are late, and whether reviews are getting faster or slower.
import { Link } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { Breadcrumbs, Loading, Problem, formatDate } from '../../shared/ui.tsx';
import { useQueue, useTurnaround } from './queries.ts';
import { OverdueMark, PersonLink, ReportStateBadge } from './parts.tsx';
import { monthSpan } from './chart-model.ts';
import { TurnaroundChart, TurnaroundTable } from './TurnaroundChart.tsx';

const MONTHS_SHOWN = 12;

export function QueuePage() {
  const session = useSession();
  const allowed = session.can('missions.report.review');
  const queue = useQueue(allowed);
  const span = monthSpan(new Date().toISOString().slice(0, 10), MONTHS_SHOWN);
  const turnaround = useTurnaround(span, allowed);
  if (!allowed) {
    return (
      <div className="missions">
        <Breadcrumbs trail={[['Missions', '/missions'], ['Review queue']]} />
        <h1>Review queue</h1>
        <p className="notice">The review of after-action reports is the administration office's work. Your own reports are on your missions' pages.</p>
      </div>
    );
  }
  return (
    <div className="missions queue-page">
      <Breadcrumbs trail={[['Missions', '/missions'], ['Review queue']]} />
      <h1>Review queue</h1>
      <p className="lede">After-action reports submitted to the administration office, waiting longest first. A report is overdue once past its due date and not yet accepted.</p>
      {queue.isPending ? <Loading what="the queue" /> : queue.isError ? <Problem error={queue.error} retry={() => queue.refetch()} /> : (
        <>
          <p className="queue-tally" aria-live="polite">
            <span className="queue-count"><strong>{queue.data.total}</strong> waiting</span>
            <span className={`queue-count${queue.data.overdue ? ' queue-late' : ''}`}><strong>{queue.data.overdue}</strong> overdue</span>
          </p>
          {queue.data.items.length === 0 ? <p className="notice notice-success">Nothing waiting: every submitted report has been reviewed.</p> : (
            <table className="table queue-table">
              <caption className="visually-hidden">Reports waiting for review, longest waiting first</caption>
              <thead><tr><th scope="col">Mission</th><th scope="col">Author</th><th scope="col">State</th><th scope="col">Submitted</th><th scope="col">Due</th><th scope="col">Report</th></tr></thead>
              <tbody>
                {queue.data.items.map((r) => (
                  <tr key={r.id} className={r.overdue ? 'queue-overdue' : undefined}>
                    <th scope="row" data-label="Mission"><Link to={`/missions/${encodeURIComponent(r.missionCode)}`}>{r.missionCode}</Link></th>
                    <td data-label="Author"><PersonLink person={r.author} /></td>
                    <td data-label="State"><ReportStateBadge state={r.state} /></td>
                    <td data-label="Submitted" className="nowrap">{formatDate(r.submittedAt)}<div className="muted small">waiting {r.waitingDays} {r.waitingDays === 1 ? 'day' : 'days'}</div></td>
                    <td data-label="Due" className="nowrap">{formatDate(r.due)} {r.overdue && <OverdueMark />}</td>
                    <td data-label="Report"><Link to={`/missions/reports/${r.id}`}>{r.state === 'submitted' ? 'Open to review' : 'Continue the review'}</Link></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}

      <section aria-labelledby="turnaround-h">
        <h2 id="turnaround-h">Turnaround</h2>
        <p className="hint">Days from the end of a mission to the acceptance of its report, over the last {MONTHS_SHOWN} months: the median (half took less) and the 90th percentile (nine in ten took less).</p>
        {turnaround.isPending ? <Loading what="the turnaround" /> : turnaround.isError ? <Problem error={turnaround.error} retry={() => turnaround.refetch()} /> : (
          <>
            <TurnaroundChart months={turnaround.data.months} />
            <details className="turnaround-numbers">
              <summary>The numbers</summary>
              <TurnaroundTable months={turnaround.data.months} />
            </details>
          </>
        )}
      </section>
    </div>
  );
}
