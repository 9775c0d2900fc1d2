// Task: see the village's timed work — what is due, running, failing or dead — and retry or cancel a job.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { Loading, Problem, ClassificationTag, WithheldRef } from '../../shared/ui.tsx';
import { isWithheld, type Withheld } from '../../app/types.ts';

interface Job {
  id: string; kind: string; key: string; state: string; view: View; runAt: string; attempts: number; lastError: string | null; scheduledBy: string | Withheld;
  onBehalfOf: string | Withheld | null; classification: string; compartments: string[]; recurrence: string | null; claimedBy: string | null; leaseUntil: string | null;
  finishedAt: string | null;
}
type View = 'due' | 'scheduled' | 'running' | 'failed' | 'dead' | 'done' | 'cancelled';

const VIEWS: [View, string, string][] = [
  ['due', 'Due', 'waiting for a server to pick them up'],
  ['running', 'Running', 'claimed by a server now'],
  ['failed', 'Failed', 'will be tried again after a wait'],
  ['dead', 'Dead', 'gave up after their last attempt: retry or cancel'],
  ['scheduled', 'Scheduled', 'due later'],
  ['done', 'Done', 'finished in the last 30 days'],
  ['cancelled', 'Cancelled', ''],
];

/** Times in village time (UTC+03:00), the clock the schedules are written in. */
const villageTime = (iso: string) => new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export function JobsPage() {
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') as View | null) ?? 'due';
  const session = useSession();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const jobs = useQuery({
    queryKey: ['jobs', view],
    queryFn: () => api<{ items: Job[]; total: number; counts: Record<View, number> }>(`/api/operations/jobs${qs({ view, limit: 100 })}`),
    placeholderData: keepPreviousData,
  });
  const act = useMutation({
    mutationFn: ({ job, what }: { job: Job; what: 'retry' | 'cancel' }) => api<Job>(`/api/operations/jobs/${job.id}/${what}`, { method: 'POST' }),
    onSuccess: (j, { what }) => {
      setNotice(what === 'retry' ? `${j.kind} (${j.key}) will run again now.` : `${j.kind} (${j.key}) is cancelled.`);
      void qc.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
  const mayManage = session.can('jobs.manage');
  return (
    <div>
      <h1>Timed work</h1>
      <p className="lede">Jobs the village's servers run at their time: escalations, reminders, reports, clean-ups. Each runs once, on one server; a failed one is tried again after 30 seconds, then 1, 2, 4 … minutes, up to an hour apart, and after its last attempt it is <strong>dead</strong> until someone retries or cancels it. Times are village time (UTC+03:00).</p>
      <div className="tally" role="group" aria-label="Jobs by state">
        <ul className="tally-list">
          {VIEWS.map(([v, label, hint]) => (
            <li key={v}>
              <button type="button" className="tally-item" aria-pressed={view === v} title={hint} onClick={() => { setNotice(null); setParams(new URLSearchParams({ view: v })); }}>
                {label} <span className="tally-count">{jobs.data?.counts[v] ?? '…'}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {notice && <div className="notice notice-success" role="status">{notice}</div>}
      {act.isError && <Problem error={act.error} />}
      {jobs.isPending ? <Loading what="the jobs" /> : jobs.isError ? <Problem error={jobs.error} /> : (
        <>
          <p className="result-count" aria-live="polite">{jobs.data.total === 0 ? `No ${VIEWS.find(([v]) => v === view)![1].toLowerCase()} jobs.` : `${jobs.data.total} job${jobs.data.total === 1 ? '' : 's'} — ${VIEWS.find(([v]) => v === view)![2]}`}</p>
          {jobs.data.items.length > 0 && (
            <table className="table jobs-table">
              <caption className="visually-hidden">{view} jobs</caption>
              <thead><tr><th scope="col">Kind</th><th scope="col">{view === 'running' ? 'Lease until' : view === 'failed' ? 'Next try' : 'Due'}</th><th scope="col">Attempts</th><th scope="col">For</th><th scope="col">What happened</th>{mayManage && <th scope="col"><span className="visually-hidden">Actions</span></th>}</tr></thead>
              <tbody>
                {jobs.data.items.map((j) => (
                  <tr key={j.id}>
                    <td data-label="Kind"><code>{j.kind}</code> <ClassificationTag classification={j.classification} compartments={j.compartments} /><br /><small className="muted">{j.recurrence ? `every "${j.recurrence}"` : j.key}</small></td>
                    <td data-label="Due" className="job-when">{villageTime(view === 'running' && j.leaseUntil ? j.leaseUntil : j.runAt)}</td>
                    <td data-label="Attempts">{j.attempts}</td>
                    <td data-label="For">{isWithheld(j.onBehalfOf ?? j.scheduledBy) ? <WithheldRef what="A person" /> : String(j.onBehalfOf ?? j.scheduledBy)}</td>
                    <td data-label="What happened">{j.lastError ?? (j.claimedBy && view === 'running' ? `on ${j.claimedBy}` : '—')}</td>
                    {mayManage && (
                      <td data-label="Actions" className="job-actions">
                        {['due', 'scheduled', 'failed', 'dead', 'cancelled'].includes(j.view) && <button type="button" className="button small secondary" disabled={act.isPending} onClick={() => act.mutate({ job: j, what: 'retry' })}>{j.view === 'dead' || j.view === 'cancelled' ? 'Retry' : 'Run now'}</button>}{' '}
                        {['due', 'scheduled', 'failed', 'dead'].includes(j.view) && <button type="button" className="button small secondary" disabled={act.isPending} onClick={() => act.mutate({ job: j, what: 'cancel' })}>Cancel</button>}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
