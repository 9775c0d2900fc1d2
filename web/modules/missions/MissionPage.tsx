// Task: see a mission whole — what it was for, who went, who was hurt and the leave it put them
// on, its reports and which are late — and take its next step (start, complete, fail, abort), or,
// as one of the team, write one's after-action report.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api.ts';
import { isWithheld } from '../../app/types.ts';
import { useSession } from '../../app/session.tsx';
import { Breadcrumbs, ClassificationTag, Loading, Problem, formatDate } from '../../shared/ui.tsx';
import { missionPath, useMission } from './queries.ts';
import { MissionStatusBadge, OverdueMark, PersonLink, ReportStateBadge, useVillageWords } from './parts.tsx';
import { MissionDates } from './MissionsPage.tsx';
import { ROLE_WORDS, type Mission, type MissionStatus, type Report } from './types.ts';

type Step = 'start' | 'complete' | 'fail' | 'abort';
/** The lifecycle's legal steps from each status (src/modules/missions/mission-lifecycle.ts). */
const NEXT_STEPS: Record<MissionStatus, Step[]> = { planned: ['start', 'abort'], under_way: ['complete', 'fail', 'abort'], completed: [], failed: [], aborted: [] };
const STEP_WORDS: Record<Step, { button: string; note: string; hint: string }> = {
  start: { button: 'Start the mission', note: 'Note (optional)', hint: 'The team sets out: it needs exactly one leader.' },
  complete: { button: 'Record it completed', note: 'Outcome (optional)', hint: 'What was achieved.' },
  fail: { button: 'Record it failed', note: 'What happened (optional)', hint: 'Why the objective was not met.' },
  abort: { button: 'Call it off', note: 'Why it was called off (optional)', hint: 'Before or after the team set out.' },
};

export function MissionPage() {
  const { code = '' } = useParams();
  const m = useMission(code);
  if (m.isPending) return <Loading what="the mission" />;
  if (m.isError) return <><Breadcrumbs trail={[['Missions', '/missions'], [code]]} /><Problem error={m.error} retry={() => m.refetch()} /></>;
  return <MissionView m={m.data} />;
}

function MissionView({ m }: { m: Mission }) {
  const session = useSession();
  const villageWords = useVillageWords();
  const me = session.user?.personId;
  const onTeam = m.team.some((t) => !isWithheld(t.person) && t.person.id === me);
  const mine = m.reports.find((r) => !isWithheld(r.author) && r.author.id === me);
  return (
    <article className="missions mission-page">
      <Breadcrumbs trail={[['Missions', '/missions'], [m.code]]} />
      <h1>{m.code} <span className="mission-rank" aria-label={`${m.rank}-rank`}>{m.rank}</span></h1>
      <p className="mission-sub"><MissionStatusBadge status={m.status} /> <ClassificationTag classification={m.classification} compartments={m.compartments} /></p>
      <p className="mission-objective">{m.objective}</p>
      <dl className="facts">
        <dt>Client</dt><dd>{m.client}</dd>
        <dt>{m.villages.length === 1 ? 'Village' : 'Villages'}</dt><dd>{villageWords(m.villages)}</dd>
        <dt>Rank</dt><dd>{m.rank}-rank</dd>
        <dt>Planned</dt><dd>{formatDate(m.plannedStart)} – {formatDate(m.plannedEnd)}</dd>
        {(m.startedOn || m.endedOn) && <><dt>Took place</dt><dd><MissionDates m={m} /></dd></>}
        {m.outcome && <><dt>Outcome</dt><dd>{m.outcome}</dd></>}
      </dl>

      {session.can('missions.write') && NEXT_STEPS[m.status].length > 0 && <NextSteps m={m} />}

      <section aria-labelledby="team-h">
        <h2 id="team-h">Team</h2>
        {m.team.length === 0 ? <p className="muted">No team named yet: a mission sets out only with one, led by exactly one leader.</p> : (
          <ul className="mission-team">
            {m.team.map((t, i) => <li key={i}><PersonLink person={t.person} /> <span className="muted">— {ROLE_WORDS[t.role]}</span></li>)}
          </ul>
        )}
      </section>

      <section aria-labelledby="injuries-h">
        <h2 id="injuries-h">Injuries</h2>
        {m.injuries.length === 0 ? <p className="muted">No injury recorded on this mission.</p> : (
          <table className="table">
            <caption className="visually-hidden">Injuries on the mission and the leave each put the person on</caption>
            <thead><tr><th scope="col">Who</th><th scope="col">When</th><th scope="col">Injury</th><th scope="col">Leave</th></tr></thead>
            <tbody>
              {m.injuries.map((i) => (
                <tr key={i.id}>
                  <th scope="row" data-label="Who"><PersonLink person={i.person} /></th>
                  <td data-label="When" className="nowrap">{formatDate(i.on)}</td>
                  <td data-label="Injury">{i.description}</td>
                  <td data-label="Leave">
                    <span className={`badge badge-${i.leave}_leave`}>{i.leave} leave</span>
                    <div className="small">from {formatDate(i.leaveFrom)}{i.leaveTo ? ` to ${formatDate(i.leaveTo)}` : ', until the hospital clears them'}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="reports-h">
        <h2 id="reports-h">After-action reports</h2>
        {m.reports.length === 0 ? <p className="muted">{m.endedOn ? 'No report opened yet.' : 'Reports are written once the mission has ended.'}</p> : (
          <table className="table">
            <caption className="visually-hidden">After-action reports on the mission</caption>
            <thead><tr><th scope="col">Author</th><th scope="col">State</th><th scope="col">Due</th><th scope="col">Report</th></tr></thead>
            <tbody>
              {m.reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row" data-label="Author"><PersonLink person={r.author} /></th>
                  <td data-label="State"><ReportStateBadge state={r.state} /></td>
                  <td data-label="Due" className="nowrap">{formatDate(r.due)} {r.overdue && <OverdueMark />}</td>
                  <td data-label="Report"><Link to={`/missions/reports/${r.id}`}>{r === mine ? 'Open my report' : 'Read the report'}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {onTeam && !mine && m.endedOn && <WriteMyReport code={m.code} />}
        {onTeam && !m.endedOn && <p className="hint">You are on this team: you can write your report once the mission has ended.</p>}
      </section>
    </article>
  );
}

/** The legal next steps, each a button that opens its small form (the day, a note); the server's refusal shown beside it. */
function NextSteps({ m }: { m: Mission }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState<Step | null>(null);
  const step = useMutation({
    mutationFn: ({ s, body }: { s: Step; body: Record<string, string> }) => api<Mission>(`${missionPath(m.code)}/${s}`, { method: 'POST', json: body }),
    onSuccess: async (updated) => {
      qc.setQueryData(['missions', 'mission', m.code], updated);
      setOpen(null);
      await qc.invalidateQueries({ queryKey: ['missions'] });
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body: Record<string, string> = {};
    for (const k of ['on', 'note']) {
      const v = String(f.get(k) ?? '').trim();
      if (v) body[k] = v;
    }
    step.mutate({ s: open!, body });
  };
  const err = step.error instanceof ApiError ? step.error : step.error ? new ApiError(0, 'X', String(step.error)) : null;
  return (
    <section aria-labelledby="steps-h" className="panel mission-steps">
      <h2 id="steps-h">Next step</h2>
      <div className="actions" role="group" aria-label="Steps this mission may take">
        {NEXT_STEPS[m.status].map((s) => (
          <button key={s} type="button" className={`button${s === 'abort' || s === 'fail' ? ' secondary' : ''}`} aria-expanded={open === s}
            onClick={() => { step.reset(); setOpen(open === s ? null : s); }}>{STEP_WORDS[s].button}</button>
        ))}
      </div>
      {open && (
        <form className="mission-step-form" onSubmit={submit} noValidate aria-label={STEP_WORDS[open].button}>
          <p className="hint">{STEP_WORDS[open].hint}</p>
          {err && (
            <div className="notice notice-error" role="alert">
              <p>{err.message}</p>
              {err.details.filter((d) => d.path && d.path !== 'body').map((d, i) => <p key={i} className="error-message">{d.path!.replace(/^body\./, '') === 'on' ? 'The day' : 'The note'} {d.message}</p>)}
            </div>
          )}
          <div className="row">
            <div className="field">
              <label htmlFor="step-on">On the day (empty: today)</label>
              <input id="step-on" name="on" type="date" />
            </div>
            <div className="field grow">
              <label htmlFor="step-note">{STEP_WORDS[open].note}</label>
              <input id="step-note" name="note" />
            </div>
          </div>
          <div className="actions">
            <button className="button" type="submit" disabled={step.isPending}>{step.isPending ? 'Saving…' : STEP_WORDS[open].button}</button>
            <button className="link-button" type="button" onClick={() => setOpen(null)}>Cancel</button>
          </div>
        </form>
      )}
    </section>
  );
}

function WriteMyReport({ code }: { code: string }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const open = useMutation({
    mutationFn: () => api<Report>(`${missionPath(code)}/reports`, { method: 'POST', json: {} }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['missions'] });
      navigate(`/missions/reports/${r.id}`);
    },
  });
  return (
    <div className="mission-write">
      {open.isError && <div className="notice notice-error" role="alert">{(open.error as Error).message}</div>}
      <button type="button" className="button" disabled={open.isPending} onClick={() => open.mutate()}>Write my report</button>
    </div>
  );
}
