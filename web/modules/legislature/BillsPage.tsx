// Task: find a bill, see where each stands and whose draft is late; draft a new one.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { CLASSIFICATIONS } from '../../app/types.ts';
import { ClassificationTag, ErrorSummary, Field, FormActions, Loading, Pagination, Problem, fieldError, formatDate } from '../../shared/ui.tsx';
import { useBills, villageToday } from './queries.ts';
import { BILL_STAGES, STAGE_WORDS } from './stage-track.ts';
import { DraftingLine, PersonLookup, StageBadge, type Picked } from './BillParts.tsx';
import type { Bill, BillStage } from './types.ts';

const LIMIT = 50;

export function BillsPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const stage = BILL_STAGES.includes(params.get('stage') as BillStage) ? (params.get('stage') as BillStage) : null;
  const offset = Number(params.get('offset') ?? 0) || 0;
  const bills = useBills({ stage, limit: LIMIT, offset });
  const [drafting, setDrafting] = useState(false);
  const canCreate = session.can('legislature.bill.create');
  const today = villageToday();
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(window.location.search);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'offset') next.delete('offset');
    setParams(next);
  };

  return (
    <div className="bills-page">
      <div className="page-head">
        <h1>Bills</h1>
        {canCreate && !drafting && <button className="button" onClick={() => setDrafting(true)}>Draft a bill</button>}
      </div>
      <p className="lede">Bills before the Council, newest first: the stage each has reached, and its drafting. <Link to="/drafting">The drafting board</Link> lists the drafts still to come, the late ones first.</p>
      {drafting && <NewBillForm onCancel={() => setDrafting(false)} />}
      <form className="search-panel" role="search" aria-label="Filter bills" onSubmit={(e) => e.preventDefault()}>
        <div className="filters">
          <div className="field">
            <label htmlFor="bill-stage">Stage</label>
            <select id="bill-stage" value={stage ?? ''} onChange={(e) => setParam('stage', e.target.value)}>
              <option value="">Any stage</option>
              {BILL_STAGES.map((s) => <option key={s} value={s}>{STAGE_WORDS[s]}</option>)}
            </select>
          </div>
        </div>
        {stage && <button type="button" className="link-button" onClick={() => setParams(new URLSearchParams())}>Show bills at any stage</button>}
      </form>
      {bills.isPending ? <Loading what="bills" /> : bills.isError ? <Problem error={bills.error} retry={() => bills.refetch()} /> : bills.data.items.length === 0 ? (
        <p className="notice">
          {stage ? <>No bill is at the stage “{STAGE_WORDS[stage]}”. <button type="button" className="link-button" onClick={() => setParams(new URLSearchParams())}>Show bills at any stage</button></>
            : <>No bill has been drafted yet{canCreate ? ': draft one with the button above.' : '.'}</>}
        </p>
      ) : (
        <>
          <p className="result-count" aria-live="polite">{bills.data.total} {bills.data.total === 1 ? 'bill' : 'bills'}{stage ? ` at the stage “${STAGE_WORDS[stage]}”` : ''}</p>
          <table className="table bills-table">
            <caption className="visually-hidden">Bills, newest first</caption>
            <thead><tr><th scope="col">Bill</th><th scope="col">Stage</th><th scope="col">Drafting</th><th scope="col">Comes into force</th></tr></thead>
            <tbody>
              {bills.data.items.map((b) => (
                <tr key={b.code} className={b.drafting?.overdue ? 'row-overdue' : undefined}>
                  <th scope="row" data-label="Bill">
                    <Link to={`/bills/${b.code}`} className="bill-code">{b.code}</Link> <ClassificationTag classification={b.classification} compartments={b.compartments} />
                    <div className="bill-title">{b.title}</div>
                  </th>
                  <td data-label="Stage"><StageBadge stage={b.stage} /><div className="muted small">since {formatDate(b.stageOn)}</div></td>
                  <td data-label="Drafting">{b.drafting ? <DraftingLine drafting={b.drafting} today={today} /> : <span className="muted">no assignment</span>}</td>
                  <td data-label="Comes into force">{b.commencement ? formatDate(b.commencement) : <span className="muted">not set</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {bills.data.total > LIMIT && <Pagination total={bills.data.total} limit={LIMIT} offset={offset} onPage={(o) => setParam('offset', o ? String(o) : '')} />}
        </>
      )}
    </div>
  );
}

const NEW_FIELDS: Record<string, string> = {
  title: 'nb-title', summary: 'nb-summary', sponsors: 'nb-sponsors', drafter: 'nb-drafter', draftDue: 'nb-due', text: 'nb-text',
  classification: 'nb-classification', compartments: 'nb-compartments',
};

/** Draft a bill: title, sponsors (at least one), optionally a drafter with a due date and a first text. */
function NewBillForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [sponsors, setSponsors] = useState<Picked[]>([]);
  const [drafter, setDrafter] = useState<Picked | null>(null);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Bill>('/api/legislature/bills', { method: 'POST', json: body }),
    onSuccess: async (b) => {
      await qc.invalidateQueries({ queryKey: ['legislature'] });
      navigate(`/bills/${b.code}`, { state: { flash: `Bill ${b.code} was drafted.` } });
    },
  });
  const err = create.error;
  const e = (f: string) => fieldError(err, f);
  const submit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const body: Record<string, unknown> = { title: s('title'), sponsors: sponsors.map((p) => p.id) };
    if (s('summary')) body.summary = s('summary');
    if (drafter) body.drafter = drafter.id;
    if (s('draftDue')) body.draftDue = s('draftDue');
    if (String(f.get('text') ?? '').trim()) body.text = String(f.get('text'));
    if (s('classification') && s('classification') !== 'public') body.classification = s('classification');
    if (s('compartments')) body.compartments = s('compartments').split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
    create.mutate(body);
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="new-bill-h">
      <h2 id="new-bill-h">Draft a bill</h2>
      <ErrorSummary error={err} fieldIds={NEW_FIELDS} />
      <Field id="nb-title" label="Title" error={e('title')}>
        <input id="nb-title" name="title" autoComplete="off" />
      </Field>
      <Field id="nb-summary" label="Summary (optional)" hint="What the bill does, in a sentence or two." error={e('summary')}>
        <textarea id="nb-summary" name="summary" rows={2} aria-describedby="nb-summary-hint" />
      </Field>
      <fieldset className="fieldset">
        <legend>Sponsors</legend>
        {sponsors.length > 0 && (
          <ul className="chosen-list" aria-label="Sponsors chosen">
            {sponsors.map((p) => (
              <li key={p.id}>{p.name} <button type="button" className="link-button" onClick={() => setSponsors(sponsors.filter((x) => x.id !== p.id))}>Remove<span className="visually-hidden"> {p.name}</span></button></li>
            ))}
          </ul>
        )}
        <PersonLookup id="nb-sponsors" label={sponsors.length ? 'Add another sponsor' : 'Sponsor'} hint="Type part of a name, then choose from the list. A bill needs at least one sponsor."
          error={e('sponsors')} exclude={sponsors.map((p) => p.id)} onPick={(p) => setSponsors([...sponsors, p])} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>Drafting assignment (optional)</legend>
        <div className="row">
          {drafter ? (
            <div className={`field${e('drafter') ? ' field-error' : ''}`}>
              <span className="field-label">Drafter</span>
              {e('drafter') && <p className="error-message">{e('drafter')}</p>}
              <p className="chosen"><strong>{drafter.name}</strong> <button type="button" className="link-button" id="nb-drafter" onClick={() => setDrafter(null)}>Choose someone else</button></p>
            </div>
          ) : <PersonLookup id="nb-drafter" label="Drafter" hint="Who writes the draft." error={e('drafter')} onPick={setDrafter} />}
          <Field id="nb-due" label="Due on" hint="Both a drafter and a due date, or neither." error={e('draftDue')}>
            <input id="nb-due" name="draftDue" type="date" aria-describedby="nb-due-hint" />
          </Field>
        </div>
      </fieldset>
      <Field id="nb-text" label="First text (optional)" hint="The whole text of the bill. Cite the code as “section 11-107(2)”." error={e('text')}>
        <textarea id="nb-text" name="text" rows={8} className="bill-textarea" aria-describedby="nb-text-hint" />
      </Field>
      <div className="row">
        <Field id="nb-classification" label="Classification" error={e('classification')}>
          <select id="nb-classification" name="classification" defaultValue="public">
            {CLASSIFICATIONS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </Field>
        <Field id="nb-compartments" label="Compartments (optional)" hint="Separate with commas, e.g. ANBU." error={e('compartments')}>
          <input id="nb-compartments" name="compartments" autoComplete="off" aria-describedby="nb-compartments-hint" />
        </Field>
      </div>
      <FormActions pending={create.isPending} submit="Draft the bill" onCancel={onCancel} />
    </form>
  );
}
