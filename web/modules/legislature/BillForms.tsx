// The bill page's forms: the next stage (only the stages the API says may follow, only those the
// reader's role may record, and never a stage the Council's vote records: passed, failed, veto overridden), a new text, the drafting assignment, the amendments. Each shows
// the API's problems next to the field they name, and a summary at the top that links to them.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api.ts';
import { ErrorSummary, Field, FormActions, fieldError, formatDate } from '../../shared/ui.tsx';
import { billKey, parsePath, villageToday } from './queries.ts';
import { PersonLookup, isWithheldPerson, type Picked } from './BillParts.tsx';
import type { Amendment, AmendmentOp, Bill, BillStage } from './types.ts';

/** Stages only the Kazekage records (bill-stages.ts EXECUTIVE_STAGES). */
export const EXECUTIVE: ReadonlySet<BillStage> = new Set(['signed', 'vetoed']);
/** Stages only the Council's closed roll-call vote records, never a form (bill-stages.ts VOTED_STAGES). */
export const VOTED: ReadonlySet<BillStage> = new Set(['passed', 'failed', 'veto_overridden']);
/** Once the Council has voted, the text and the amendments are fixed (bills.service.ts LOCKED). */
export const LOCKED: ReadonlySet<BillStage> = new Set(['passed', 'failed', 'signed', 'vetoed', 'veto_overridden', 'enacted']);

/** A form saved: what to say, and the bill as it now is (the page knows the change was its own). */
type Done = (message: string, fresh: Bill) => void;

/** A write to the bill that answers with the bill: the page takes the answer at once. */
function useBillWrite(b: Bill, method: 'POST' | 'PUT', path: string, onDone: (fresh: Bill) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<Bill>(`/api/legislature/bills/${encodeURIComponent(b.code)}${path}`, { method, json: body }),
    onSuccess: async (fresh) => {
      qc.setQueryData(billKey(b.code), fresh);
      // The list, the drafting board and the search show the bill too.
      await qc.invalidateQueries({ queryKey: ['legislature'], predicate: (q) => q.queryKey[1] !== 'bill' });
      onDone(fresh);
    },
  });
}

const ACT_WORDS: Partial<Record<BillStage, string>> = { signed: 'Sign (assent)', vetoed: 'Veto (return with reasons)' };

export function StageForm({ bill: b, choices, title, onDone, onCancel }: { bill: Bill; choices: Bill['nextStages']; title: string; onDone: Done; onCancel: () => void }) {
  const [stage, setStage] = useState<BillStage>(choices[0]!.stage);
  const write = useBillWrite(b, 'POST', '/actions', (fresh) => onDone(`Bill ${fresh.code} is now at “${fresh.stageWords}”.`, fresh));
  const err = write.error;
  const e = (f: string) => fieldError(err, f);
  const executive = choices.every((c) => EXECUTIVE.has(c.stage));
  const submit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const note = String(f.get('note') ?? '').trim();
    write.mutate({ stage, on: String(f.get('on') ?? ''), ...(note ? { note } : {}) });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="stage-form-h">
      <h2 id="stage-form-h">{title}</h2>
      <ErrorSummary error={err} fieldIds={{ stage: `st-${choices[0]!.stage}`, on: 'st-on', note: 'st-note' }} />
      <fieldset className={`fieldset${e('stage') ? ' field-error' : ''}`} aria-describedby={e('stage') ? 'st-stage-error' : undefined}>
        <legend>{executive ? 'The Kazekage’s decision' : `After ${b.stageWords}, the bill is`}</legend>
        {e('stage') && <p className="error-message" id="st-stage-error">{e('stage')}</p>}
        {choices.map((c) => (
          <div className="check" key={c.stage}>
            <input type="radio" id={`st-${c.stage}`} name="stage" value={c.stage} checked={stage === c.stage} onChange={() => setStage(c.stage)} />
            <label htmlFor={`st-${c.stage}`}>{ACT_WORDS[c.stage] ?? c.words}</label>
          </div>
        ))}
        {stage === 'signed' && !b.commencement && <p className="hint">Signing needs a commencement date: set it with the amendments first.</p>}
        {stage === 'signed' && b.commencement && <p className="hint">Signing schedules the enactment on {formatDate(b.commencement)}.</p>}
        {stage === 'vetoed' && <p className="hint">Section 3-105(1): the bill goes back to the Council with written reasons. Write them below.</p>}
      </fieldset>
      <div className="row">
        <Field id="st-on" label="Date" hint={`Not before ${formatDate(b.stageOn)}, when it was ${b.stageWords}.`} error={e('on')}>
          <input id="st-on" name="on" type="date" defaultValue={villageToday()} min={b.stageOn} aria-describedby="st-on-hint" />
        </Field>
        <Field id="st-note" label={stage === 'vetoed' ? 'Reasons for the veto' : 'Note (optional)'} error={e('note')}>
          {stage === 'vetoed' ? <textarea id="st-note" name="note" rows={3} /> : <input id="st-note" name="note" autoComplete="off" />}
        </Field>
      </div>
      <FormActions pending={write.isPending} submit={executive ? (stage === 'signed' ? 'Sign the bill' : 'Veto the bill') : 'Record the stage'} onCancel={onCancel} />
    </form>
  );
}

export function TextForm({ bill: b, onDone, onCancel }: { bill: Bill; onDone: Done; onCancel: () => void }) {
  const write = useBillWrite(b, 'POST', '/texts', (fresh) => onDone(`Version ${fresh.texts.length} of the text was added.`, fresh));
  const err = write.error;
  const e = (f: string) => fieldError(err, f);
  return (
    <form className="panel" noValidate aria-labelledby="text-form-h"
      onSubmit={(ev) => { ev.preventDefault(); const f = new FormData(ev.currentTarget); write.mutate({ text: String(f.get('text') ?? ''), note: String(f.get('note') ?? '').trim() }); }}>
      <h2 id="text-form-h">Add a text version</h2>
      <ErrorSummary error={err} fieldIds={{ text: 'tx-text', note: 'tx-note' }} />
      <Field id="tx-text" label={`The whole text, as version ${b.texts.length + 1}`} hint={b.text ? `Starts as version ${b.text.seq}: change what needs changing.` : 'Cite the code as “section 11-107(2)”.'} error={e('text')}>
        <textarea id="tx-text" name="text" rows={10} className="bill-textarea" defaultValue={b.text?.text ?? ''} aria-describedby="tx-text-hint" />
      </Field>
      <Field id="tx-note" label="What changed" hint="A line for the list of versions, e.g. “second reading amendments”." error={e('note')}>
        <input id="tx-note" name="note" autoComplete="off" aria-describedby="tx-note-hint" />
      </Field>
      <FormActions pending={write.isPending} submit="Add the version" onCancel={onCancel} />
    </form>
  );
}

export function DraftingForm({ bill: b, onDone, onCancel }: { bill: Bill; onDone: Done; onCancel: () => void }) {
  const current = b.drafting?.drafter ?? null;
  // The drafter as chosen: unchanged (undefined), someone picked, or nobody (null).
  const [drafter, setDrafter] = useState<Picked | null | undefined>(undefined);
  const write = useBillWrite(b, 'PUT', '/drafting', (fresh) => onDone('The drafting assignment was saved.', fresh));
  const err = write.error;
  const e = (f: string) => fieldError(err, f);
  const shownName = drafter === undefined ? (current ? (isWithheldPerson(current) ? 'withheld' : current.displayName) : null) : drafter?.name ?? null;
  const submit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const date = (k: string) => String(f.get(k) ?? '').trim() || null;
    write.mutate({ ...(drafter !== undefined ? { drafter: drafter?.id ?? null } : {}), due: date('due'), draftedOn: date('draftedOn') });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="drafting-form-h">
      <h2 id="drafting-form-h">Drafting assignment</h2>
      <ErrorSummary error={err} fieldIds={{ drafter: 'df-drafter', due: 'df-due', draftedOn: 'df-handed' }} />
      {shownName ? (
        <div className={`field${e('drafter') ? ' field-error' : ''}`}>
          <span className="field-label">Drafter</span>
          {e('drafter') && <p className="error-message">{e('drafter')}</p>}
          <p className="chosen"><strong>{shownName}</strong> <button type="button" className="link-button" id="df-drafter" onClick={() => setDrafter(null)}>Choose someone else, or nobody</button></p>
        </div>
      ) : <PersonLookup id="df-drafter" label="Drafter" hint="Type part of a name, then choose from the list. Leave empty (and the due date too) for no assignment." error={e('drafter')} onPick={setDrafter} />}
      <div className="row">
        <Field id="df-due" label="Due on" error={e('due')}>
          <input id="df-due" name="due" type="date" defaultValue={b.drafting?.due ?? ''} />
        </Field>
        <Field id="df-handed" label="Handed in on" hint="Leave empty while the draft is awaited." error={e('draftedOn')}>
          <input id="df-handed" name="draftedOn" type="date" defaultValue={b.drafting?.draftedOn ?? ''} aria-describedby="df-handed-hint" />
        </Field>
      </div>
      <FormActions pending={write.isPending} submit="Save the assignment" onCancel={onCancel} />
    </form>
  );
}

interface Row { key: number; code: string; op: AmendmentOp; path: string; text: string; after: string; newNum: string; heading: string }
const OPS: [AmendmentOp, string][] = [['substitute', 'Substitute (replace the words)'], ['insert', 'Insert (a new subdivision or section)'], ['repeal', 'Repeal'], ['renumber', 'Renumber']];
let rowKeys = 0;
const rowOf = (a?: Amendment): Row => ({
  key: ++rowKeys, code: a?.code ?? '', op: a?.op ?? 'substitute', path: (a?.path ?? []).map((p) => `(${p})`).join(''),
  text: a?.text ?? '', after: a?.after ?? '', newNum: a?.newNum ?? '', heading: a?.heading ?? '',
});

/** "B-2026-001 amendment 2: statute 11-107 has no (9)" (a marked code too: B-2026-S.ANBU-001): the form says which amendment already. */
const withoutRef = (message: string) => message.replace(/^B-\d{4}-(?:(?:P|R|S|TS)(?:\.[A-Z0-9_]+)*-)?\d{3,} amendment \d+: /, '');

/** The API's problems for one amendment (paths "body.amendments.N…"), and the field each names. */
function rowProblems(err: unknown, i: number): { field: string | null; message: string }[] {
  if (!(err instanceof ApiError)) return [];
  return err.details.flatMap((d) => {
    const m = /^(?:body\.)?amendments\.(\d+)(?:\.(\w+))?/.exec(d.path ?? '');
    return m && Number(m[1]) === i ? [{ field: m[2] ?? null, message: withoutRef(d.message) }] : [];
  });
}

export function AmendmentsForm({ bill: b, onDone, onCancel }: { bill: Bill; onDone: Done; onCancel: () => void }) {
  const [rows, setRows] = useState<Row[]>(() => (b.amendments.length ? b.amendments.map(rowOf) : [rowOf()]));
  const [commencement, setCommencement] = useState(b.commencement ?? '');
  const write = useBillWrite(b, 'PUT', '/amendments', (fresh) => onDone(`${fresh.amendments.length} ${fresh.amendments.length === 1 ? 'amendment' : 'amendments'} saved${fresh.commencement ? `, from ${formatDate(fresh.commencement)}` : ''}.`, fresh));
  const err = write.error;
  const set = (k: number, patch: Partial<Row>) => setRows(rows.map((r) => (r.key === k ? { ...r, ...patch } : r)));
  const submit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const amendments = rows.filter((r) => r.code.trim() || r.text.trim()).map((r) => ({
      code: r.code.trim(), op: r.op, path: parsePath(r.path),
      ...(r.op !== 'repeal' && r.op !== 'renumber' && r.text.trim() ? { text: r.text } : {}),
      ...(r.op === 'insert' && r.after.trim() ? { after: r.after.trim() } : {}),
      ...(r.op === 'renumber' && r.newNum.trim() ? { newNum: r.newNum.trim() } : {}),
      ...(r.heading.trim() ? { heading: r.heading.trim() } : {}),
    }));
    write.mutate({ commencement: commencement || null, amendments });
  };

  return (
    <form className="panel amendments-form" onSubmit={submit} noValidate aria-labelledby="amend-form-h">
      <h2 id="amend-form-h">Amendments and commencement</h2>
      <p className="hint">The amendments apply in order to the statutes as in force on the commencement date; they are checked when you save. Nothing is saved if one cannot apply.</p>
      <AmendmentProblems error={err} rows={rows} />
      <Field id="am-commencement" label="Comes into force on" hint="Needed before the Kazekage signs." error={fieldError(err, 'commencement')}>
        <input id="am-commencement" type="date" value={commencement} onChange={(e) => setCommencement(e.target.value)} aria-describedby="am-commencement-hint" />
      </Field>
      <ol className="amendment-rows">
        {rows.map((r, i) => {
          const problems = rowProblems(err, i);
          const of = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message).join('; ') || undefined;
          const whole = problems.filter((p) => p.field === null).map((p) => p.message);
          const id = (f: string) => `am-${r.key}-${f}`;
          return (
            <li key={r.key} className={`amendment-row${problems.length ? ' amendment-row-error' : ''}`}>
              <fieldset className="fieldset">
                <legend>Amendment {i + 1}</legend>
                {whole.map((m, j) => <p className="error-message" id={j === 0 ? id('problem') : undefined} key={j}>{m}</p>)}
                <div className="row">
                  <Field id={id('op')} label="Change" error={of('op')}>
                    <select id={id('op')} value={r.op} onChange={(e) => set(r.key, { op: e.target.value as AmendmentOp })}>
                      {OPS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                    </select>
                  </Field>
                  <Field id={id('code')} label="Statute" hint="e.g. 11-107" error={of('code')}>
                    <input id={id('code')} value={r.code} autoComplete="off" onChange={(e) => set(r.key, { code: e.target.value })} aria-describedby={`${id('code')}-hint`} />
                  </Field>
                  <Field id={id('path')} label="Subdivision" hint="e.g. (3) or (2)(b); empty for the whole section" error={of('path')}>
                    <input id={id('path')} value={r.path} autoComplete="off" onChange={(e) => set(r.key, { path: e.target.value })} aria-describedby={`${id('path')}-hint`} />
                  </Field>
                  {r.op === 'insert' && (
                    <Field id={id('after')} label="After (optional)" hint="the number it follows" error={of('after')}>
                      <input id={id('after')} value={r.after} autoComplete="off" onChange={(e) => set(r.key, { after: e.target.value })} aria-describedby={`${id('after')}-hint`} />
                    </Field>
                  )}
                  {r.op === 'renumber' && (
                    <Field id={id('newNum')} label="New number" error={of('newNum')}>
                      <input id={id('newNum')} value={r.newNum} autoComplete="off" onChange={(e) => set(r.key, { newNum: e.target.value })} />
                    </Field>
                  )}
                </div>
                {r.op === 'insert' && r.path.trim() === '' && (
                  <Field id={id('heading')} label="Heading of the new section" error={of('heading')}>
                    <input id={id('heading')} value={r.heading} autoComplete="off" onChange={(e) => set(r.key, { heading: e.target.value })} />
                  </Field>
                )}
                {(r.op === 'substitute' || r.op === 'insert') && (
                  <Field id={id('text')} label="New text" hint="With its number, e.g. “(3) The welfare officer …”." error={of('text')}>
                    <textarea id={id('text')} rows={3} value={r.text} onChange={(e) => set(r.key, { text: e.target.value })} aria-describedby={`${id('text')}-hint`} />
                  </Field>
                )}
                <button type="button" className="link-button" onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>Remove amendment {i + 1}</button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {rows.length === 0 && <p className="muted">No amendments: saving leaves the bill amending no statute.</p>}
      <button type="button" className="button secondary" id="am-add" onClick={() => setRows([...rows, rowOf()])}>Add an amendment</button>
      <FormActions pending={write.isPending} submit="Save the amendments" onCancel={onCancel} />
    </form>
  );
}

const ROW_FIELD_WORDS: Record<string, string> = { code: 'statute', op: 'change', path: 'subdivision', text: 'new text', after: 'after', newNum: 'new number', heading: 'heading' };

/**
 * The form's problems at its top, each linking to where it is: an amendment's field ("Amendment 2,
 * statute: unknown statute"), the amendment as a whole, or the commencement date.
 */
function AmendmentProblems({ error, rows }: { error: unknown; rows: Row[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const items = (e?.details.length ? e.details : [{ path: undefined, message: e?.message ?? String(error) }]).map((d) => {
    const m = /^(?:body\.)?amendments\.(\d+)(?:\.(\w+))?/.exec(d.path ?? '');
    const row = m ? rows[Number(m[1])] : undefined;
    if (m && row) {
      const field = m[2] && ROW_FIELD_WORDS[m[2]] ? m[2] : null;
      return { href: `#am-${row.key}-${field ?? 'problem'}`, text: `Amendment ${Number(m[1]) + 1}${field ? `, ${ROW_FIELD_WORDS[field]}` : ''}: ${withoutRef(d.message)}` };
    }
    if (d.path?.replace(/^body\./, '') === 'commencement') return { href: '#am-commencement', text: `Comes into force on: ${d.message}` };
    return { href: null, text: e?.message ?? d.message };
  });
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="am-problems-h">
      <h2 id="am-problems-h">There is a problem</h2>
      <ul>{items.map((i, k) => <li key={k}>{i.href ? <a href={i.href}>{i.text}</a> : i.text}</li>)}</ul>
    </div>
  );
}
