// Task: follow an inter-village request and take its next step. Its stages from the draft to the
// surrender as a tracker; each step taken with the notice the requesting village was given (the
// hawk's message, or why it was kept on the record); the grounds of a denial; the persons sought.
// Only the next legal steps are offered, the decision only to whoever may decide, and approval
// never to the request's drafter (the server refuses it too).
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { isWithheld } from '../../app/types.ts';
import { Breadcrumbs, ClassificationTag, Loading, Problem, WithheldRef } from '../../shared/ui.tsx';
import { REQUEST_TRANSITION_WORDS, groundWords, requestNextSteps, requestStages, villageTime } from './case-words.ts';
import { casePath, useCasesWrite, useRequest } from './queries.ts';
import { RequestStateBadge, Refusal, Who } from './parts.tsx';
import { villageName } from './CasesPage.tsx';
import { DENIAL_GROUNDS, DENIAL_GROUND_WORDS, REQUEST_KIND_WORDS, REQUEST_STATE_WORDS, type RequestDetail, type RequestState, type RequestTransition } from './types.ts';

const STATUS_WORDS = { done: 'done', current: 'current stage', ahead: 'ahead', not_reached: 'not reached' } as const;

export function RequestPage() {
  const { code = '' } = useParams();
  const q = useRequest(code);
  if (q.isPending) return <Loading what="the request" />;
  if (q.isError) return <div className="cases"><Breadcrumbs trail={[['Cases', '/cases'], ['Requests', '/cases/requests'], [code]]} /><Problem error={q.error} retry={() => q.refetch()} /></div>;
  const r = q.data;
  return (
    <article className="cases request-page">
      <Breadcrumbs trail={[['Cases', '/cases'], ['Requests', '/cases/requests'], [r.code]]} />
      <h1>{REQUEST_KIND_WORDS[r.kind]} {r.code}: {villageName(r.requestingVillage)} asks {villageName(r.requestedVillage)}</h1>
      <p className="cases-sub">
        <RequestStateBadge state={r.state} /> <ClassificationTag classification={r.classification} compartments={r.compartments} />
        <span> drafted {villageTime(r.createdAt)}{r.draftedBy && <> by <Who person={r.draftedBy} /></>}</span>
        {r.case && <span> · case {isWithheld(r.case) ? <WithheldRef what="Case" /> : <Link to={casePath(r.case.code)}>{r.case.code}</Link>}</span>}
      </p>
      <ol className="stage-tracker" aria-label="Stages of the request">
        {requestStages(r.state).map((s) => (
          <li key={s.state} className={`stage stage-${s.status}`} aria-current={s.status === 'current' ? 'step' : undefined}>
            <span className="stage-dot" aria-hidden="true" />
            <span className="stage-label">{s.label}</span>
            <span className="visually-hidden"> ({STATUS_WORDS[s.status]})</span>
          </li>
        ))}
      </ol>
      <NextSteps r={r} />
      {r.state === 'denied' && r.grounds.length > 0 && (
        <section aria-labelledby="grounds-h" className="notice">
          <h2 id="grounds-h">Denied on the grounds of</h2>
          <ul>{r.grounds.map((g) => <li key={g}>{groundWords(g)}</li>)}</ul>
        </section>
      )}
      <div className="cases-columns">
        <section aria-labelledby="persons-h">
          <h2 id="persons-h">Persons sought</h2>
          <ul className="cases-persons">{r.persons.map((p, i) => <li key={isWithheld(p) ? `w${i}` : p.id}><Who person={p} /></li>)}</ul>
          <h2>Basis</h2>
          <p className="cases-basis">{r.basis}</p>
        </section>
        <section aria-labelledby="steps-h">
          <h2 id="steps-h">Steps taken and notices sent</h2>
          {r.steps.length === 0 ? <p className="muted">Still a draft: nothing sent yet.</p> : (
            <ol className="request-steps">
              {r.steps.map((s) => (
                <li key={s.seq}>
                  <p><strong>{REQUEST_STATE_WORDS[s.to as RequestState] ?? s.to}</strong> · <time dateTime={s.at}>{villageTime(s.at)}</time>{s.by && <> · by <Who person={s.by} /></>}</p>
                  {s.grounds.length > 0 && <p className="small">Grounds: {s.grounds.map(groundWords).join('; ')}</p>}
                  <p className="small request-notice">
                    {s.noticeVia === 'hawk' && s.noticeMessage
                      ? <>Notice sent by hawk: <Link to={`/post/messages/${encodeURIComponent(s.noticeMessage)}`}>“{s.notice}”</Link></>
                      : <>Notice on the record: “{s.notice}”{s.noticeNote && <span className="muted"> — {s.noticeNote}</span>}</>}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <p className="hint">Times are village time (UTC+03:00).</p>
    </article>
  );
}

function NextSteps({ r }: { r: RequestDetail }) {
  const session = useSession();
  const [denying, setDenying] = useState(false);
  const step = useCasesWrite<{ transition: RequestTransition; grounds?: string[] }, RequestDetail>(() => `/api/cases/requests/${encodeURIComponent(r.code)}/steps`);
  const isDrafter = !!r.draftedBy && !isWithheld(r.draftedBy) && r.draftedBy.id === session.user?.personId;
  const next = requestNextSteps(r.state, { canWrite: session.can('cases.write'), canDecide: session.can('cases.request.decide'), isDrafter });
  const onDeny = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    step.mutate({ transition: 'deny', grounds: new FormData(e.currentTarget).getAll('grounds').map(String) }, { onSuccess: () => setDenying(false) });
  };
  const decisionWithheld = r.state === 'legal_review' && isDrafter && session.can('cases.request.decide');
  if (!next.length && !decisionWithheld) return null;
  return (
    <section aria-labelledby="rnext-h" className="panel cases-next">
      <h2 id="rnext-h">Next step</h2>
      {next.length > 0 && (
        <div className="actions" role="group" aria-label="Next steps">
          {next.map((t) => (
            <button key={t} type="button" className={t === 'deny' ? 'button secondary' : 'button'} disabled={step.isPending}
              aria-expanded={t === 'deny' ? denying : undefined}
              onClick={() => (t === 'deny' ? setDenying(!denying) : step.mutate({ transition: t }))}>
              {t === 'deny' ? 'Deny…' : REQUEST_TRANSITION_WORDS[t]}
            </button>
          ))}
        </div>
      )}
      {decisionWithheld && <p className="hint">You drafted this request, so another official must approve it.</p>}
      {denying && (
        <form onSubmit={onDeny} className="cases-step-form" aria-label="Deny the request">
          <fieldset className="fieldset">
            <legend>Grounds for denial</legend>
            <p className="hint">At least one, from the treaty's list.</p>
            {DENIAL_GROUNDS.map((g) => (
              <div className="check" key={g}>
                <input type="checkbox" id={`ground-${g}`} name="grounds" value={g} />
                <label htmlFor={`ground-${g}`}>{DENIAL_GROUND_WORDS[g]}</label>
              </div>
            ))}
          </fieldset>
          <div className="actions"><button className="button" type="submit" disabled={step.isPending}>Deny on these grounds</button>
            <button className="link-button" type="button" onClick={() => setDenying(false)}>Cancel</button></div>
        </form>
      )}
      <Refusal error={step.error} />
    </section>
  );
}
