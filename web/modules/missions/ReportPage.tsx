// Task: write, submit and revise one's after-action report; or, for the administration office,
// take it up, accept it, or return it with comments that say what to change. The draft is saved
// against the version it was read at (If-Match): someone else's change meanwhile is never
// overwritten unseen.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api.ts';
import { isWithheld } from '../../app/types.ts';
import { useSession } from '../../app/session.tsx';
import { Breadcrumbs, ClassificationTag, Loading, Problem, formatDate } from '../../shared/ui.tsx';
import { reportKey, reportPath, useReport } from './queries.ts';
import { OverdueMark, PersonLink, ReportStateBadge } from './parts.tsx';
import type { Report } from './types.ts';

export function ReportPage() {
  const { id = '' } = useParams();
  const r = useReport(id);
  if (r.isPending) return <Loading what="the report" />;
  if (r.isError) return <><Breadcrumbs trail={[['Missions', '/missions'], ['Report']]} /><Problem error={r.error} retry={() => r.refetch()} /></>;
  return <ReportView r={r.data} />;
}

/** "2 Dec 2026 11:19" in village time (UTC+03:00), whatever the browser's own zone. */
const VILLAGE_TIME = (iso: string | null) => {
  if (!iso) return '—';
  const local = new Date(Date.parse(iso) + 3 * 3_600_000).toISOString();
  return `${formatDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
};

function ReportView({ r }: { r: Report }) {
  const session = useSession();
  const mine = !isWithheld(r.author) && r.author.id === session.user?.personId;
  const reviewer = !mine && session.can('missions.report.review');
  return (
    <article className="missions report-page">
      <Breadcrumbs trail={[['Missions', '/missions'], [r.mission.code, `/missions/${encodeURIComponent(r.mission.code)}`], ['After-action report']]} />
      <h1>After-action report on {r.mission.code}</h1>
      <p className="mission-sub">
        <ReportStateBadge state={r.state} /> {r.overdue && <OverdueMark />} <ClassificationTag classification={r.classification} compartments={r.compartments} />
      </p>
      <p className="mission-objective">{r.mission.objective}</p>
      <dl className="facts">
        <dt>Author</dt><dd><PersonLink person={r.author} />{mine && <span className="muted"> (you)</span>}</dd>
        <dt>Mission ended</dt><dd>{formatDate(r.mission.endedOn)}</dd>
        <dt>Due</dt><dd>{formatDate(r.due)}</dd>
        {r.submittedAt && <><dt>Submitted</dt><dd>{VILLAGE_TIME(r.submittedAt)}</dd></>}
        {r.reviewer && <><dt>Reviewer</dt><dd><PersonLink person={r.reviewer} /></dd></>}
        {r.acceptedAt && <><dt>Accepted</dt><dd>{VILLAGE_TIME(r.acceptedAt)}</dd></>}
      </dl>

      {r.comments && (r.state === 'returned' || r.state === 'draft') && (
        <section className="notice report-comments" aria-labelledby="comments-h">
          <h2 id="comments-h">{r.state === 'returned' ? 'Returned with comments' : 'Comments from the last review'}</h2>
          <p className="report-comment-text">{r.comments}</p>
          {r.returnedAt && <p className="muted small">Returned {VILLAGE_TIME(r.returnedAt)}{r.reviewer ? <> by <PersonLink person={r.reviewer} /></> : null}</p>}
        </section>
      )}

      {mine && r.state === 'draft' ? <DraftEditor r={r} /> : (
        <section aria-labelledby="body-h">
          <h2 id="body-h">Report</h2>
          {r.body.trim() ? <div className="report-body">{r.body.split(/\n{2,}/).map((p, i) => <p key={i}>{p}</p>)}</div> : <p className="muted">Nothing written yet.</p>}
        </section>
      )}

      {mine && r.state === 'returned' && <StepButtons r={r} steps={[['revise', 'Take it back to revise']]} hint="Take the report back as a draft, change it as the comments ask, then submit it again." />}
      {mine && (r.state === 'submitted' || r.state === 'under_review') && <p className="hint">With the administration office{r.state === 'under_review' ? ', under review' : ', waiting to be taken up'}: you will be told if it comes back.</p>}
      {reviewer && r.state === 'submitted' && <StepButtons r={r} steps={[['begin-review', 'Begin review']]} hint="Take the report up: it is then yours to accept or return." />}
      {reviewer && r.state === 'under_review' && <Review r={r} />}
      <p className="hint"><Link to={`/missions/${encodeURIComponent(r.mission.code)}`}>Back to mission {r.mission.code}</Link>{session.can('missions.report.review') && <> · <Link to="/missions/queue">Review queue</Link></>}. Times are village time (UTC+03:00).</p>
    </article>
  );
}

/** Posts a step and puts the answer in place; a refusal is given in the server's words. */
function useStep(r: Report) {
  const qc = useQueryClient();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const run = async (path: string, json?: unknown, headers?: Record<string, string>, method: 'POST' | 'PUT' = 'POST'): Promise<Report | null> => {
    setPending(true);
    setError(null);
    try {
      const answer = await api<Report>(`${reportPath(r.id)}${path}`, { method, json: json ?? {}, headers });
      qc.setQueryData(reportKey(r.id), answer);
      void qc.invalidateQueries({ queryKey: ['missions'], predicate: (q) => q.queryKey[1] !== 'report' });
      return answer;
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e)));
      return null;
    } finally {
      setPending(false);
    }
  };
  return { run, error, pending, setError };
}

function StepButtons({ r, steps, hint }: { r: Report; steps: [string, string][]; hint: string }) {
  const { run, error, pending } = useStep(r);
  return (
    <section className="panel report-steps" aria-label="Next step">
      <p className="hint">{hint}</p>
      {error && <div className="notice notice-error" role="alert"><p>{error.message}</p></div>}
      <div className="actions">
        {steps.map(([path, label]) => <button key={path} type="button" className="button" disabled={pending} onClick={() => void run(`/${path}`)}>{label}</button>)}
      </div>
    </section>
  );
}

function DraftEditor({ r }: { r: Report }) {
  const qc = useQueryClient();
  const { run, error, pending, setError } = useStep(r);
  const [text, setText] = useState(r.body);
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState('');
  // The version the text in the box was read at: what a save names in If-Match. A newer version
  // arriving while the author types (the page refetches on every event) must not be overwritten
  // unseen, so the save then meets the conflict instead.
  const [base, setBase] = useState(r.version);
  useEffect(() => { if (!dirty) { setText(r.body); setBase(r.version); } }, [r.body, r.version, dirty]);
  const conflict = error?.status === 412;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved('');
    const answer = await run('', { body: text }, { 'if-match': `"${base}"` }, 'PUT');
    if (answer) {
      setDirty(false);
      setText(answer.body);
      setBase(answer.version);
      setSaved('Draft saved.');
    }
  };
  const submit = async () => {
    setSaved('');
    await run('/submit');
  };
  const reload = async () => {
    setDirty(false);
    setError(null);
    await qc.invalidateQueries({ queryKey: reportKey(r.id) });
  };
  return (
    <section aria-labelledby="draft-h" className="report-draft">
      <h2 id="draft-h">Your draft</h2>
      <form onSubmit={save}>
        <label htmlFor="report-body">What happened on the mission: the route, contacts, injuries, what was achieved, what should be done next time</label>
        <textarea id="report-body" rows={14} value={text} onChange={(e) => { setText(e.target.value); setDirty(true); setSaved(''); }} />
        {dirty && base !== r.version && <p className="hint" role="status">This report was changed elsewhere (now version {r.version}) since you began editing version {base}.</p>}
        {error && (
          <div className="notice notice-error" role="alert">
            {conflict
              ? <p><strong>Someone changed this report meanwhile — reload it.</strong> Your text is still in the box: copy it, press “Reload the report”, then make your change again.</p>
              : <p>{error.message}</p>}
            {conflict && <button type="button" className="button secondary" onClick={() => void reload()}>Reload the report</button>}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={pending || !dirty}>Save the draft</button>
          <button type="button" className="button secondary" disabled={pending || dirty || !r.body.trim()} onClick={() => void submit()}>Submit to the office</button>
          {dirty && <span className="hint">Save your changes before submitting.</span>}
          {!dirty && !r.body.trim() && <span className="hint">Write the report before submitting it.</span>}
        </div>
        <p role="status" aria-live="polite" className="report-saved">{saved}</p>
      </form>
    </section>
  );
}

function Review({ r }: { r: Report }) {
  const { run, error, pending, setError } = useStep(r);
  const [comments, setComments] = useState('');
  const [missing, setMissing] = useState(false);
  const giveBack = async (e: FormEvent) => {
    e.preventDefault();
    if (!comments.trim()) {
      setMissing(true);
      setError(null);
      document.getElementById('return-comments')?.focus();
      return;
    }
    setMissing(false);
    if (await run('/return', { comments: comments.trim() })) setComments('');
  };
  const commentError = missing ? 'Write what the author should change: a report is returned with comments.' : error?.details.find((d) => d.path === 'body.comments')?.message;
  return (
    <section className="panel report-review" aria-labelledby="review-h">
      <h2 id="review-h">Review</h2>
      {error && !commentError && <div className="notice notice-error" role="alert"><p>{error.message}</p></div>}
      <div className="actions">
        <button type="button" className="button" disabled={pending} onClick={() => void run('/accept')}>Accept the report</button>
      </div>
      <form onSubmit={giveBack} noValidate>
        <div className={`field${commentError ? ' field-error' : ''}`}>
          <label htmlFor="return-comments">Or return it with comments</label>
          <p className="hint" id="return-comments-hint">Say what to change; the author is sent them by hawk.</p>
          {commentError && <p className="error-message" id="return-comments-error" role="alert">{commentError}</p>}
          <textarea id="return-comments" rows={4} value={comments} onChange={(e) => setComments(e.target.value)}
            aria-describedby={`return-comments-hint${commentError ? ' return-comments-error' : ''}`} aria-invalid={!!commentError} />
        </div>
        <div className="actions"><button type="submit" className="button secondary" disabled={pending}>Return with comments</button></div>
      </form>
    </section>
  );
}
