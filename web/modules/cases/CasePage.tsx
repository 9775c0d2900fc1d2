// Task: follow a case and move it on. Its state and the steps it may legally take next (closing
// asks a resolution from the fixed list; the server refuses a closure with open tasks, and its
// words appear beside the form), its history as a vertical timeline, its parties, links, tasks,
// testimony and findings, and its evidence, paged when the case holds many items.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { isWithheld } from '../../app/types.ts';
import { Breadcrumbs, ClassificationTag, Loading, Pagination, Problem, WithheldRef } from '../../shared/ui.tsx';
import { CASE_TRANSITION_WORDS, caseNextTransitions, caseTimeline, evidenceTotal, villageTime, type TimelineEvent } from './case-words.ts';
import { PAGE, evidencePath, useCase, useCasesWrite, useEvidencePage } from './queries.ts';
import { CaseStateBadge, Refusal, Who } from './parts.tsx';
import {
  CASE_KIND_WORDS, CASE_RESOLUTIONS, DISPOSITION_WORDS, RESOLUTION_WORDS,
  type CaseDetail, type CaseTransition, type EvidenceSummary,
} from './types.ts';

export function CasePage() {
  const { code = '' } = useParams();
  const c = useCase(code);
  if (c.isPending) return <Loading what="the case" />;
  if (c.isError) return <div className="cases"><Breadcrumbs trail={[['Cases', '/cases'], [code]]} /><Problem error={c.error} retry={() => c.refetch()} /></div>;
  const k = c.data;
  const resolution = k.resolution ? RESOLUTION_WORDS[k.resolution as keyof typeof RESOLUTION_WORDS] ?? k.resolution : null;
  return (
    <article className="cases case-page">
      <Breadcrumbs trail={[['Cases', '/cases'], [k.code]]} />
      <h1>{k.title}</h1>
      <p className="cases-sub">
        <span className="cases-code">{k.code}</span> · {CASE_KIND_WORDS[k.kind]} · <CaseStateBadge state={k.state} />{' '}
        <ClassificationTag classification={k.classification} compartments={k.compartments} />
      </p>
      <dl className="facts cases-facts">
        <div><dt>Opened</dt><dd>{villageTime(k.openedAt)}{k.openedBy && <> by <Who person={k.openedBy} /></>}</dd></div>
        {k.closedAt && <div><dt>Closed</dt><dd>{villageTime(k.closedAt)}{resolution && ` — ${resolution}`}</dd></div>}
        <div><dt>Label</dt><dd>{k.classification.replace('_', ' ')}{k.compartments.length ? ` / ${k.compartments.join(', ')}` : ''}</dd></div>
      </dl>
      {k.summary && <p className="cases-summary">{k.summary}</p>}
      <NextSteps k={k} />
      <div className="cases-columns">
        <section aria-labelledby="timeline-h" className="cases-timeline-section">
          <h2 id="timeline-h">Timeline</h2>
          <Timeline events={caseTimeline(k)} />
        </section>
        <div>
          <Parties k={k} />
          <Links k={k} />
          <Tasks k={k} />
        </div>
      </div>
      <Entries k={k} />
      <EvidenceTable k={k} />
      <p className="hint">Times are village time (UTC+03:00).</p>
    </article>
  );
}

/** The case's next legal steps, as buttons, for whoever may move cases; closing and reopening ask what they need first. */
function NextSteps({ k }: { k: CaseDetail }) {
  const session = useSession();
  const [asking, setAsking] = useState<CaseTransition | null>(null);
  const step = useCasesWrite<{ transition: CaseTransition; resolution?: string; reason?: string }, CaseDetail>(() => `/api/cases/cases/${encodeURIComponent(k.code)}/transitions`);
  if (!session.can('cases.write')) return null;
  const next = caseNextTransitions(k.state);
  const take = (transition: CaseTransition, extra: { resolution?: string; reason?: string } = {}) =>
    step.mutate({ transition, ...extra }, { onSuccess: () => setAsking(null) });
  const onClose = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const resolution = String(new FormData(e.currentTarget).get('resolution') ?? '');
    take('close', resolution ? { resolution } : {});
  };
  const onReopen = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    take('reopen', { reason: String(new FormData(e.currentTarget).get('reason') ?? '') });
  };
  return (
    <section aria-labelledby="next-h" className="panel cases-next">
      <h2 id="next-h">Move the case on</h2>
      <div className="actions" role="group" aria-label="Next steps">
        {next.map((t) => (
          <button key={t} type="button" className={t === 'return_to_investigation' ? 'button secondary' : 'button'} disabled={step.isPending}
            aria-expanded={t === 'close' || t === 'reopen' ? asking === t : undefined}
            onClick={() => (t === 'close' || t === 'reopen' ? setAsking(asking === t ? null : t) : take(t))}>
            {CASE_TRANSITION_WORDS[t]}
          </button>
        ))}
      </div>
      {asking === 'close' && (
        <form className="cases-step-form" onSubmit={onClose} aria-label="Close the case">
          <fieldset className="fieldset">
            <legend>Resolution</legend>
            <p className="hint">A case closes with one of these, and only with no task left open. Its findings are final once it closes.</p>
            {CASE_RESOLUTIONS.map((r) => (
              <div className="check" key={r}>
                <input type="radio" id={`resolution-${r}`} name="resolution" value={r} />
                <label htmlFor={`resolution-${r}`}>{RESOLUTION_WORDS[r]}</label>
              </div>
            ))}
          </fieldset>
          <div className="actions"><button className="button" type="submit" disabled={step.isPending}>Close with this resolution</button>
            <button className="link-button" type="button" onClick={() => setAsking(null)}>Cancel</button></div>
        </form>
      )}
      {asking === 'reopen' && (
        <form className="cases-step-form" onSubmit={onReopen} aria-label="Reopen the case">
          <div className="field">
            <label htmlFor="reopen-reason">Why it is reopened</label>
            <textarea id="reopen-reason" name="reason" rows={3} />
          </div>
          <div className="actions"><button className="button" type="submit" disabled={step.isPending}>Reopen</button>
            <button className="link-button" type="button" onClick={() => setAsking(null)}>Cancel</button></div>
        </form>
      )}
      <Refusal error={step.error} />
    </section>
  );
}

const EVENT_MARK: Record<TimelineEvent['kind'], string> = { transition: 'Step', collected: 'Evidence', handed_over: 'Custody', testimony: 'Testimony', finding: 'Finding' };

function Timeline({ events }: { events: TimelineEvent[] }) {
  if (!events.length) return <p className="muted">Nothing has happened on this case yet.</p>;
  return (
    <ol className="cases-timeline">
      {events.map((e, i) => (
        <li key={i} className={`cases-tl cases-tl-${e.kind}`}>
          <span className="cases-tl-mark" aria-hidden="true" />
          <div className="cases-tl-body">
            <p className="cases-tl-head">
              <span className="cases-tl-kind">{EVENT_MARK[e.kind]}</span>{' '}
              <time dateTime={e.at}>{e.kind === 'testimony' || e.kind === 'finding' ? villageTime(e.at.slice(0, 10)) : villageTime(e.at)}</time>
            </p>
            <p className="cases-tl-title">
              {'item' in e ? <Link to={evidencePath(e.item.id)}>{e.title}</Link> : e.title}
              {'frozen' in e && e.frozen && <span className="badge cases-frozen">final</span>}
            </p>
            {e.detail && <p className="cases-tl-detail">{e.detail}</p>}
            {e.by && <p className="muted small">by <Who person={e.by} /></p>}
          </div>
        </li>
      ))}
    </ol>
  );
}

const ROLE_WORDS: Record<string, string> = { subject: 'Subject', witness: 'Witness', investigator: 'Investigator', counsel: 'Counsel' };

function Parties({ k }: { k: CaseDetail }) {
  return (
    <section aria-labelledby="parties-h">
      <h2 id="parties-h">Parties</h2>
      {k.parties.length === 0 ? <p className="muted">No party named yet.</p> : (
        <table className="table cases-parties">
          <caption className="visually-hidden">Parties to the case</caption>
          <thead><tr><th scope="col">Person</th><th scope="col">Role</th></tr></thead>
          <tbody>{k.parties.map((p) => <tr key={p.id}><td data-label="Person"><Who person={p.person} /></td><td data-label="Role">{ROLE_WORDS[p.role] ?? p.role}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}

/** Where a linked record lives in the web app, and how it reads. */
function linkTarget(kind: string, r: Record<string, unknown>): { to: string | null; label: string } {
  const id = String(r.id ?? '');
  switch (kind) {
    case 'registry.person': return { to: `/people/${encodeURIComponent(id)}`, label: `Person: ${String(r.displayName ?? r.name ?? id)}` };
    case 'missions.mission': return { to: `/missions/${encodeURIComponent(String(r.code ?? id))}`, label: `Mission ${String(r.code ?? '')}${r.objective ? ` — ${String(r.objective)}` : ''}` };
    case 'post.message': return { to: `/post/messages/${encodeURIComponent(String(r.code ?? id))}`, label: `Message ${String(r.code ?? '')}${r.subject ? ` — ${String(r.subject)}` : ''}` };
    default: return { to: null, label: `${kind}: ${String(r.code ?? r.title ?? id)}` };
  }
}

function Links({ k }: { k: CaseDetail }) {
  return (
    <section aria-labelledby="links-h">
      <h2 id="links-h">Linked records</h2>
      {k.links.length === 0 ? <p className="muted">No mission, person or message linked.</p> : (
        <ul className="cases-links">
          {k.links.map((l) => {
            if (isWithheld(l.record)) return <li key={l.id} className="muted">withheld — a {l.kind.split('.')[1] ?? 'record'} not shown at your clearance</li>;
            const { to, label } = linkTarget(l.kind, l.record);
            return <li key={l.id}>{to ? <Link to={to}>{label}</Link> : label}{l.note && <span className="muted"> — {l.note}</span>}</li>;
          })}
        </ul>
      )}
    </section>
  );
}

function Tasks({ k }: { k: CaseDetail }) {
  const session = useSession();
  const done = useCasesWrite<string, CaseDetail>((task) => `/api/cases/cases/${encodeURIComponent(k.code)}/tasks/${encodeURIComponent(task)}/done`, () => undefined);
  const open = k.tasks.filter((t) => t.state === 'open');
  return (
    <section aria-labelledby="tasks-h">
      <h2 id="tasks-h">Tasks <span className="muted small">({open.length} open)</span></h2>
      {k.tasks.length === 0 ? <p className="muted">No task set.</p> : (
        <ul className="cases-tasks">
          {k.tasks.map((t) => (
            <li key={t.id} className={`cases-task-${t.state}`}>
              <span className="badge">{t.state === 'open' ? 'open' : 'done'}</span> {t.title}
              <span className="muted small"> — set {villageTime(t.createdAt)}{t.doneAt ? `, done ${villageTime(t.doneAt)}` : ''}</span>
              {t.state === 'open' && session.can('cases.write') && (
                <button type="button" className="link-button cases-task-done-button" disabled={done.isPending} onClick={() => done.mutate(t.id)}>
                  Mark done<span className="visually-hidden">: {t.title}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <Refusal error={done.error} />
    </section>
  );
}

function Entries({ k }: { k: CaseDetail }) {
  return (
    <section aria-labelledby="entries-h">
      <h2 id="entries-h">Testimony and findings</h2>
      {k.entries.length === 0 ? <p className="muted">No testimony or finding recorded.</p> : (
        <ul className="cases-entries">
          {k.entries.map((e) => (
            <li key={e.id} className={`cases-entry cases-entry-${e.kind}`}>
              <p className="cases-entry-head">
                <strong>{e.kind === 'finding' ? 'Finding' : 'Testimony'}</strong> · <time dateTime={e.on}>{villageTime(e.on)}</time>
                {e.by && <> · <Who person={e.by} /></>}
                {e.frozen && <span className="badge cases-frozen" title="The case is closed: this finding can no longer change">frozen</span>}
              </p>
              <blockquote>{e.text}</blockquote>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EvidenceTable({ k }: { k: CaseDetail }) {
  const [offset, setOffset] = useState(0);
  const total = evidenceTotal(k);
  const later = useEvidencePage(k.code, offset, offset > 0);
  const items: EvidenceSummary[] = offset === 0 ? k.evidence : later.data?.items ?? [];
  return (
    <section aria-labelledby="evidence-h">
      <h2 id="evidence-h">Evidence <span className="muted small">({total === 1 ? '1 item' : `${total} items`})</span></h2>
      {total === 0 ? <p className="muted">No evidence collected.</p> : offset > 0 && later.isPending ? <Loading what="evidence" /> : offset > 0 && later.isError ? <Problem error={later.error} retry={() => later.refetch()} /> : (
        <table className="table cases-evidence">
          <caption className="visually-hidden">Evidence of the case, in the order collected</caption>
          <thead><tr><th scope="col">Code</th><th scope="col">Description</th><th scope="col">Custodian</th><th scope="col">Transfers</th><th scope="col">Seal</th><th scope="col">Condition</th><th scope="col">Disposition</th></tr></thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <th scope="row" data-label="Code"><Link to={evidencePath(e.id)}>{e.code}</Link></th>
                <td data-label="Description">{e.description}{e.quantity > 1 && <span className="muted"> (×{e.quantity})</span>}{e.sha256 && <div className="muted small">digital item</div>}</td>
                <td data-label="Custodian">{isWithheld(e.custodian) ? <WithheldRef what="Custodian" /> : <Who person={e.custodian} />}</td>
                <td data-label="Transfers">{e.transfers}</td>
                <td data-label="Seal">{e.sealNumber ?? <span className="muted">none</span>}</td>
                <td data-label="Condition">{e.condition}</td>
                <td data-label="Disposition">{e.disposition ? DISPOSITION_WORDS[e.disposition as keyof typeof DISPOSITION_WORDS] ?? e.disposition : k.state === 'closed' ? <strong className="error-message">needed</strong> : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > k.evidence.length && <Pagination total={total} limit={PAGE} offset={offset} onPage={setOffset} />}
    </section>
  );
}
