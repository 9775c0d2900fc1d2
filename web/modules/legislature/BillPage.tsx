// Task: follow a bill from draft to law — where it stands and what may come next, who sponsors
// and drafts it, its texts and the changes between any two, the statutes it amends and from
// when — and, for those allowed, move it on: a new text, the next stage, the drafting, the
// amendments, and the Kazekage's signature or veto.
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { Breadcrumbs, ClassificationTag, Loading, Problem, formatDate } from '../../shared/ui.tsx';
import { CitedText } from '../../shared/citations.tsx';
import { amendmentAnchor, useBill, useBillDiff, villageToday } from './queries.ts';
import { Segments } from './RedlinePage.tsx';
import { StageTracker } from './StageTracker.tsx';
import { DraftingLine, OverdueBadge, PersonName, StageBadge } from './BillParts.tsx';
import { AmendmentsForm, DraftingForm, StageForm, TextForm, EXECUTIVE, LOCKED, VOTED } from './BillForms.tsx';
import type { Amendment, Bill } from './types.ts';

type Panel = 'none' | 'stage' | 'sign' | 'text' | 'drafting' | 'amendments';

export function BillPage() {
  const { code = '' } = useParams();
  const bill = useBill(code);
  const location = useLocation();
  const [flash, setFlash] = useState<string | null>((location.state as { flash?: string } | null)?.flash ?? null);
  const [panel, setPanel] = useState<Panel>('none');
  // The version this page last showed as its own (on loading, or after its own save). A newer one
  // arriving live (the shell refetches on every change) was someone else's: say so, so a reader
  // mid-way through the page knows why it moved.
  const [seen, setSeen] = useState<{ code: string; version: number } | null>(null);
  useEffect(() => setPanel('none'), [code]);
  useEffect(() => {
    if (bill.data && seen?.code !== bill.data.code) setSeen({ code: bill.data.code, version: bill.data.version });
  }, [bill.data, seen]);

  if (bill.isPending) return <Loading what={`bill ${code}`} />;
  if (bill.isError) return <BillMissing code={code} error={bill.error} retry={() => bill.refetch()} />;
  const b = bill.data;
  const changedElsewhere = seen?.code === b.code && b.version > seen.version;
  return (
    <BillView b={b} panel={panel} flash={flash} changedElsewhere={changedElsewhere}
      setPanel={(p) => { setPanel(p); setFlash(null); setSeen({ code: b.code, version: b.version }); }}
      saved={(message, fresh) => { setPanel('none'); setFlash(message); setSeen({ code: fresh.code, version: fresh.version }); }} />
  );
}

function BillView({ b, panel, setPanel, flash, saved, changedElsewhere }: {
  b: Bill; panel: Panel; setPanel: (p: Panel) => void; flash: string | null; saved: (message: string, fresh: Bill) => void; changedElsewhere: boolean;
}) {
  const session = useSession();
  const today = villageToday();
  const can = session.can;
  const locked = LOCKED.has(b.stage);
  const ordinaryNext = b.nextStages.filter((n) => !EXECUTIVE.has(n.stage) && !VOTED.has(n.stage));
  const executiveNext = b.nextStages.filter((n) => EXECUTIVE.has(n.stage));
  const toggle = (p: Panel) => setPanel(panel === p ? 'none' : p);
  const buttons: [Panel, string, boolean][] = [
    ['stage', 'Record the next stage', ordinaryNext.length > 0 && can('legislature.bill.advance')],
    ['sign', 'Sign or veto', executiveNext.length > 0 && can('legislature.bill.sign')],
    ['text', 'Add a text version', !locked && can('legislature.bill.edit')],
    ['drafting', 'Edit the drafting assignment', can('legislature.bill.edit')],
    ['amendments', 'Edit the amendments', !locked && can('legislature.bill.edit')],
  ];
  const shown = buttons.filter(([, , ok]) => ok);

  return (
    <article className="bill-page">
      <Breadcrumbs trail={[['Bills', '/bills'], [b.code]]} />
      <h1><span className="bill-code">{b.code}</span> {b.title}</h1>
      <p className="statute-sub">
        <ClassificationTag classification={b.classification} compartments={b.compartments} />
        <StageBadge stage={b.stage} />
        <span>since {formatDate(b.stageOn)}</span>
        {b.commencement && <span>· comes into force on <strong>{formatDate(b.commencement)}</strong>{b.stage !== 'enacted' ? ' if enacted' : ''}</span>}
      </p>
      {flash && <Flash message={flash} />}
      {changedElsewhere && (
        <div className="notice changed-notice" role="status">
          <p>Someone else has just changed this bill: the page shows it as it is now{panel !== 'none' ? ' (check the form below before you save)' : ''}.
            {' '}<button type="button" className="link-button" onClick={() => setPanel(panel)}>Understood</button></p>
        </div>
      )}
      {b.drafting?.overdue && (
        <div className="notice notice-error overdue-notice">
          <p><OverdueBadge days={b.drafting.daysLate} /> The draft was due on <strong>{formatDate(b.drafting.due)}</strong> and has not been handed in. Drafter: <PersonName person={b.drafting.drafter} />.</p>
        </div>
      )}

      <section aria-labelledby="stages-h" className="bill-section">
        <h2 id="stages-h">Stages</h2>
        <StageTracker bill={b} />
        <NextLine b={b} />
      </section>

      {shown.length > 0 && (
        <div className="actions bill-actions" role="group" aria-label="Work on this bill">
          {shown.map(([p, label], i) => (
            <button key={p} className={`button${i === 0 ? '' : ' secondary'}`} aria-expanded={panel === p} onClick={() => toggle(p)}>{label}</button>
          ))}
        </div>
      )}
      {panel === 'stage' && <StageForm bill={b} choices={ordinaryNext} title="Record the next stage" onDone={saved} onCancel={() => setPanel('none')} />}
      {panel === 'sign' && <StageForm bill={b} choices={executiveNext} title="Sign or veto" onDone={saved} onCancel={() => setPanel('none')} />}
      {panel === 'text' && <TextForm bill={b} onDone={saved} onCancel={() => setPanel('none')} />}
      {panel === 'drafting' && <DraftingForm bill={b} onDone={saved} onCancel={() => setPanel('none')} />}
      {panel === 'amendments' && <AmendmentsForm bill={b} onDone={saved} onCancel={() => setPanel('none')} />}

      <div className="bill-columns">
        <div>
          {b.summary && <p className="bill-summary">{b.summary}</p>}
          <dl className="facts bill-facts">
            <dt>Sponsors</dt>
            <dd>{b.sponsors.length === 0 ? <span className="muted">none</span> : <ul className="inline-list">{b.sponsors.map((p, i) => <li key={i}><PersonName person={p} /></li>)}</ul>}</dd>
            <dt>Drafting</dt>
            <dd>{b.drafting ? <DraftingLine drafting={b.drafting} today={today} /> : <span className="muted">no drafting assignment</span>}</dd>
            <dt>Comes into force</dt>
            <dd>{b.commencement ? formatDate(b.commencement) : <span className="muted">no commencement date yet (needed before signing)</span>}</dd>
          </dl>
        </div>
      </div>

      <section aria-labelledby="text-h" className="bill-section">
        <h2 id="text-h">Text{b.text ? <span className="muted"> — version {b.text.seq} of {b.texts.length}</span> : null}</h2>
        {b.text ? (
          <>
            <p className="muted small">{b.text.note} · recorded {formatDate(b.text.recordedAt)}</p>
            <div className="bill-text"><CitedText text={b.text.text} /></div>
          </>
        ) : <p className="notice">No text yet{can('legislature.bill.edit') && !locked ? ': add the first with “Add a text version”.' : '.'}</p>}
      </section>

      <Versions b={b} />

      <section aria-labelledby="amend-h" className="bill-section">
        <h2 id="amend-h">Amendments to the statute book</h2>
        {b.amendments.length === 0 ? <p className="muted">This bill amends no statute yet.</p> : <AmendmentTable amendments={b.amendments} commencement={b.commencement} />}
      </section>

      <section aria-labelledby="history-h" className="bill-section">
        <h2 id="history-h">History</h2>
        <table className="table bill-history">
          <caption className="visually-hidden">What happened to bill {b.code}, in order</caption>
          <thead><tr><th scope="col">Date</th><th scope="col">Stage</th><th scope="col">Note</th><th scope="col">Recorded by</th></tr></thead>
          <tbody>
            {b.actions.map((a) => (
              <tr key={a.seq}>
                <td data-label="Date">{formatDate(a.on)}</td>
                <th scope="row" data-label="Stage"><StageBadge stage={a.stage} /> <span className="muted small" title="OpenStates action classification">{a.classification}</span></th>
                <td data-label="Note">{a.note || <span className="muted">—</span>}</td>
                <td data-label="Recorded by">{recorder(a.recordedBy)} <span className="muted small">on {formatDate(a.recordedAt)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}

/** What was just saved; it takes the focus, as the form that had it has closed. */
function Flash({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [message]);
  return <div className="notice notice-success" role="status" tabIndex={-1} ref={ref}>{message}</div>;
}

const recorder = (r: string | { withheld: true } | null) => r === null ? <span className="muted">the system</span> : typeof r === 'string' ? r : <span className="muted withheld">withheld</span>;

/** What may come next, in words, and who records it. */
function NextLine({ b }: { b: Bill }) {
  if (b.stage === 'passed' && b.assent) {
    return (
      <p className="next-line">Next: signed or vetoed by the Kazekage, by <strong>{formatDate(b.assent.by)}</strong>. If neither, it is treated as signed on {formatDate(b.assent.deemedOn)} <span className="muted small">({b.assent.basis}; section 3-105(2))</span>.</p>
    );
  }
  if (b.stage === 'veto_overridden') return <p className="next-line">The Council overrode the veto: the bill becomes law without assent, enacted by the system on {b.commencement ? formatDate(b.commencement) : 'its commencement date'}.</p>;
  if (b.stage === 'vetoed' && b.nextStages.length) return <p className="next-line">Vetoed: the bill is back with the Council, which may override the veto by a roll-call vote of two thirds of all councillors (sections 3-105(3) and 2-111(2)(a)): put its override on a session’s agenda.</p>;
  if (b.stage === 'third_reading') return <p className="next-line">Next: passed or failed, by the Council’s roll-call vote in a session (put “passed” on a session’s agenda as a bill reading).</p>;
  if (b.stage === 'signed') return <p className="next-line">Signed. It is enacted by the system on its commencement date{b.commencement ? `, ${formatDate(b.commencement)}` : ''}, and its amendments become statute versions.</p>;
  if (b.nextStages.length === 0) return <p className="next-line">{b.stage === 'enacted' ? 'Enacted: its amendments are in the statute book.' : `The bill ${b.stageWords}: this is final.`}</p>;
  return <p className="next-line">Next: {b.nextStages.map((n) => n.words).join(' or ')}{b.nextStages.some((n) => EXECUTIVE.has(n.stage)) ? ' (by the Kazekage)' : ''}{b.nextStages.some((n) => VOTED.has(n.stage)) ? ` (${b.nextStages.filter((n) => VOTED.has(n.stage)).map((n) => n.words).join(', ')} by the Council’s vote)` : ''}.</p>;
}

/** Every text of the bill, and a redline between any two of them (the choice is kept in the address). */
function Versions({ b }: { b: Bill }) {
  const [params, setParams] = useSearchParams();
  const n = b.texts.length;
  const num = (k: string, fallback: number) => { const v = Number(params.get(k)); return Number.isInteger(v) && v >= 1 && v <= n ? v : fallback; };
  const from = num('from', Math.max(1, n - 1));
  const to = num('to', n);
  const set = (k: 'from' | 'to', v: string) => {
    const next = new URLSearchParams(window.location.search);
    next.set(k, v);
    next.set(k === 'from' ? 'to' : 'from', String(k === 'from' ? to : from));
    setParams(next, { replace: true });
  };
  const diff = useBillDiff(b.code, n >= 2 ? from : null, n >= 2 ? to : null);
  if (n === 0) return null;
  return (
    <section aria-labelledby="versions-h" className="bill-section" id="versions">
      <h2 id="versions-h">Text versions</h2>
      <table className="table version-table">
        <caption className="visually-hidden">Texts of bill {b.code}, oldest first</caption>
        <thead><tr><th scope="col">Version</th><th scope="col">What changed</th><th scope="col">Recorded</th></tr></thead>
        <tbody>
          {b.texts.map((t) => (
            <tr key={t.seq} className={t.seq === n ? 'current-row' : undefined}>
              <th scope="row" data-label="Version">{t.seq}{t.seq === n && <span className="muted"> (latest)</span>}</th>
              <td data-label="What changed">{t.note}</td>
              <td data-label="Recorded">{formatDate(t.recordedAt)} <span className="muted small">by {recorder(t.recordedBy)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      {n < 2 ? <p className="muted">There is one text only, so there is nothing to compare yet.</p> : (
        <>
          <form className="compare-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="cmp-h">
            <h3 id="cmp-h">Compare two versions</h3>
            <div className="inline-fields">
              <div className="field">
                <label htmlFor="bill-cmp-from">From</label>
                <select id="bill-cmp-from" value={from} onChange={(e) => set('from', e.target.value)}>{b.texts.map((t) => <option key={t.seq} value={t.seq}>Version {t.seq}</option>)}</select>
              </div>
              <div className="field">
                <label htmlFor="bill-cmp-to">To</label>
                <select id="bill-cmp-to" value={to} onChange={(e) => set('to', e.target.value)}>{b.texts.map((t) => <option key={t.seq} value={t.seq}>Version {t.seq}</option>)}</select>
              </div>
            </div>
          </form>
          {diff.isPending ? <Loading what="the changes" /> : diff.isError ? <Problem error={diff.error} /> : (
            <div aria-live="polite">
              <p className="diff-summary">
                Version {from} against version {to}:{' '}
                {from === to ? <strong>the same version — pick two different ones.</strong>
                  : diff.data.segments.every((s) => s.op === 'equal') ? <strong>the words are the same.</strong>
                  : <strong>{diff.data.segments.filter((s) => s.op === 'insert').length} insertions, {diff.data.segments.filter((s) => s.op === 'delete').length} deletions.</strong>}
              </p>
              <p className="redline-key" aria-hidden="true"><ins>inserted words</ins> <del>deleted words</del></p>
              <div className="redline bill-redline"><Segments segments={diff.data.segments} /></div>
            </div>
          )}
        </>
      )}
    </section>
  );
}

const OP_WORDS: Record<Amendment['op'], string> = { substitute: 'substitute', insert: 'insert', repeal: 'repeal', renumber: 'renumber' };

function AmendmentTable({ amendments, commencement }: { amendments: Amendment[]; commencement: string | null }) {
  return (
    <>
      <p>{commencement ? <>From <strong>{formatDate(commencement)}</strong>, in this order:</> : 'In this order (no commencement date yet):'}</p>
      <table className="table amendment-table">
        <caption className="visually-hidden">Amendments, in the order they apply</caption>
        <thead><tr><th scope="col">#</th><th scope="col">Change</th><th scope="col">Where</th><th scope="col">New text</th></tr></thead>
        <tbody>
          {amendments.map((a, i) => {
            const where = `§ ${a.code}${a.path.map((p) => `(${p})`).join('')}`;
            // A new section (insert with no path) has no page yet.
            const linked = !(a.op === 'insert' && a.path.length === 0);
            return (
              <tr key={i}>
                <td data-label="#">{i + 1}</td>
                <th scope="row" data-label="Change"><span className={`badge badge-op badge-op-${a.op}`}>{OP_WORDS[a.op]}</span></th>
                <td data-label="Where">
                  {linked ? <Link to={`/statutes/${a.code}${commencement ? `?at=${commencement}` : ''}#${amendmentAnchor(a.code, a.op === 'insert' ? a.path.slice(0, -1) : a.path)}`}>{where}</Link> : <span>{where} <span className="muted small">(a new section)</span></span>}
                  {a.op === 'insert' && a.after && <div className="muted small">after ({a.after})</div>}
                  {a.op === 'renumber' && a.newNum && <div className="muted small">becomes ({a.newNum})</div>}
                  {a.heading && <div className="small">heading: {a.heading}</div>}
                </td>
                <td data-label="New text">{a.text ? <div className="amendment-text"><CitedText text={a.text} at={commencement} linkAt={false} /></div> : <span className="muted">{a.op === 'repeal' ? 'repealed' : '—'}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** No bill by that code — or one the reader may not see, which reads exactly the same. */
function BillMissing({ code, error, retry }: { code: string; error: unknown; retry: () => void }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div>
        <Breadcrumbs trail={[['Bills', '/bills'], [code]]} />
        <h1>No such bill: {code}</h1>
        <div className="notice notice-error"><p>{error.message}</p></div>
        <p><Link to="/bills">All bills</Link> · <Link to="/drafting">The drafting board</Link></p>
      </div>
    );
  }
  return <Problem error={error} retry={retry} />;
}
