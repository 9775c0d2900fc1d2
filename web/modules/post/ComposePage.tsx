// Task: send a message by hawk. Recipients are people (received at home, or where they are posted)
// or another village's aviary; the precedence says how fast it must arrive, with the objective in
// words. A recipient who may not read the message's label is refused before anything is sent, and
// the problem is shown beside that recipient.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api.ts';
import { PersonLookup } from '../../shared/person-lookup.tsx';
import { Breadcrumbs, Field, FormActions, fieldError } from '../../shared/ui.tsx';
import { OBJECTIVE_WORDS, PRECEDENCES, PRECEDENCE_WORDS, type Message, type Precedence } from './types.ts';

const HOME = 'suna';
const LEVELS = [['public', 'Public'], ['restricted', 'Restricted'], ['secret', 'Secret'], ['top_secret', 'Top secret']] as const;
/** Records a message may point at by their code, and what a clerk calls them. */
const ATTACHABLE: [string, string][] = [['legislature.bill', 'Bill'], ['legislature.statute', 'Statute'], ['legislature.session', 'Council session'], ['sar.operation', 'Search operation']];

type Recipient = { kind: 'person'; id: string; name: string; at: string } | { kind: 'village'; code: string; name: string };

export function ComposePage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const villages = useQuery({ queryKey: ['villages'], queryFn: () => api<{ code: string; name: string }[]>('/api/registry/villages') });
  const [to, setTo] = useState<Recipient[]>([]);
  const [precedence, setPrecedence] = useState<Precedence>('routine');
  const [village, setVillage] = useState('');
  const [attachments, setAttachments] = useState<{ kind: string; ref: string }[]>([]);
  const [attachKind, setAttachKind] = useState(ATTACHABLE[0]![0]);
  const [attachRef, setAttachRef] = useState('');
  const send = useMutation({
    mutationFn: (body: unknown) => api<Message>('/api/post/messages', { method: 'POST', json: body }),
    onSuccess: async (m) => {
      await qc.invalidateQueries({ queryKey: ['post'] });
      navigate(`/post/messages/${m.code}`);
    },
  });
  const err = send.error;
  const e = (f: string) => fieldError(err, f);
  /** The problem the API named for recipient i (any field of body.to.i), if any. */
  const attachmentError = (i: number) => (err instanceof ApiError ? err.details?.find((d) => d.path?.startsWith(`body.attachments.${i}.`) || d.path === `body.attachments.${i}`)?.message : undefined);
  const recipientError = (i: number) => (err instanceof ApiError ? err.details?.find((d) => d.path?.startsWith(`body.to.${i}.`) || d.path === `body.to.${i}`)?.message : undefined);
  const submit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const compartments = String(f.get('compartments') ?? '').split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
    send.mutate({
      to: to.map((r) => (r.kind === 'person' ? { person: r.id, ...(r.at !== HOME ? { at: r.at } : {}) } : { village: r.code })),
      subject: String(f.get('subject') ?? ''), body: String(f.get('body') ?? ''), precedence,
      actionRequested: f.get('actionRequested') === 'on', classification: String(f.get('classification') ?? 'public'), compartments,
      attachments,
    });
  };
  const others = (villages.data ?? []).filter((v) => v.code !== HOME);
  const problems = err instanceof ApiError ? err.details ?? [] : [];
  // About the list itself (none named, too many); a problem with one recipient is shown beside it.
  const toError = problems.find((d) => d.path === 'body.to')?.message;
  return (
    <div className="post">
      <Breadcrumbs trail={[['Pigeon hole', '/post'], ['Write a message']]} />
      <h1>Write a message</h1>
      <form className="panel post-compose" onSubmit={submit} noValidate aria-labelledby="compose-h">
        <h2 id="compose-h" className="visually-hidden">The message</h2>
        {err ? (
          <div className="error-summary" role="alert" tabIndex={-1}>
            <h2>There is a problem</h2>
            <p>{(err as Error).message}</p>
            {problems.length > 1 && <ul>{problems.map((d, i) => <li key={i}>{d.path?.replace(/^body\./, '')}: {d.message}</li>)}</ul>}
          </div>
        ) : null}
        <fieldset className={`fieldset${toError ? ' field-error' : ''}`} id="compose-to">
          <legend>To</legend>
          {toError && <p className="error-message">{toError}</p>}
          {to.length === 0 && <p className="hint">Nobody yet: find a person below, or choose another village's aviary.</p>}
          <ul className="post-recipients" aria-label="Recipients chosen">
            {to.map((r, i) => (
              <li key={r.kind === 'person' ? r.id : r.code} className={recipientError(i) ? 'field-error' : undefined} id={`compose-to-${i}`}>
                {r.kind === 'person' ? <>{r.name}
                  <label className="small"> receives it at{' '}
                    <select value={r.at} onChange={(ev) => setTo(to.map((x, k) => (k === i && x.kind === 'person' ? { ...x, at: ev.target.value } : x)))}>
                      <option value={HOME}>home (Sunagakure)</option>
                      {others.map((v) => <option key={v.code} value={v.code}>{v.name}</option>)}
                    </select>
                  </label></> : <>the aviary of {r.name}</>}
                {' '}<button type="button" className="link-button" onClick={() => setTo(to.filter((_, k) => k !== i))}>Remove</button>
                {recipientError(i) && <p className="error-message">{recipientError(i)}</p>}
              </li>
            ))}
          </ul>
          <PersonLookup id="compose-person" label="Add a person" hint="Type two letters of a name." exclude={to.flatMap((r) => (r.kind === 'person' ? [r.id] : []))}
            onPick={(p) => setTo([...to, { kind: 'person', id: p.id, name: p.name, at: HOME }])} />
          <div className="field">
            <label htmlFor="compose-village">Or another village's aviary</label>
            <div className="row">
              <select id="compose-village" value={village} onChange={(ev) => setVillage(ev.target.value)}>
                <option value="">Choose a village</option>
                {others.map((v) => <option key={v.code} value={v.code}>{v.name}</option>)}
              </select>
              <button type="button" className="button secondary" disabled={!village || to.some((r) => r.kind === 'village' && r.code === village)}
                onClick={() => { const v = others.find((x) => x.code === village)!; setTo([...to, { kind: 'village', code: v.code, name: v.name }]); setVillage(''); }}>Add the aviary</button>
            </div>
          </div>
        </fieldset>
        <Field id="compose-subject" label="Subject" error={e('subject')}>
          <input id="compose-subject" name="subject" autoComplete="off" />
        </Field>
        <Field id="compose-body" label="Message" hint="Cite the code as “section 14-203(2)”: it is linked for the reader." error={e('body')}>
          <textarea id="compose-body" name="body" rows={8} aria-describedby="compose-body-hint" />
        </Field>
        <fieldset className="fieldset" id="compose-attachments">
          <legend>Attached records (optional)</legend>
          {attachments.length > 0 && (
            <ul className="post-recipients" aria-label="Records attached">
              {attachments.map((a, i) => (
                <li key={`${a.kind}:${a.ref}`} className={attachmentError(i) ? 'field-error' : undefined}>
                  {ATTACHABLE.find(([k]) => k === a.kind)?.[1] ?? a.kind} {a.ref}
                  {' '}<button type="button" className="link-button" onClick={() => setAttachments(attachments.filter((_, k) => k !== i))}>Remove</button>
                  {attachmentError(i) && <p className="error-message">{attachmentError(i)}</p>}
                </li>
              ))}
            </ul>
          )}
          <div className="row">
            <div className="field">
              <label htmlFor="compose-attach-kind">Kind of record</label>
              <select id="compose-attach-kind" value={attachKind} onChange={(ev) => setAttachKind(ev.target.value)}>
                {ATTACHABLE.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="compose-attach-ref">Its code</label>
              <input id="compose-attach-ref" value={attachRef} autoComplete="off" placeholder="e.g. B-2026-001 or 14-203" onChange={(ev) => setAttachRef(ev.target.value)}
                onKeyDown={(ev) => { if (ev.key === 'Enter') { ev.preventDefault(); (ev.currentTarget.closest('.row')?.querySelector('button') as HTMLButtonElement | null)?.click(); } }} />
            </div>
            <button type="button" className="button secondary" disabled={!attachRef.trim() || attachments.some((a) => a.kind === attachKind && a.ref === attachRef.trim())}
              onClick={() => { setAttachments([...attachments, { kind: attachKind, ref: attachRef.trim() }]); setAttachRef(''); }}>Attach</button>
          </div>
          <p className="hint">The reader sees each record only as far as their own clearance allows.</p>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Precedence</legend>
          {PRECEDENCES.map((p) => (
            <div className="check" key={p}>
              <input type="radio" id={`compose-${p}`} name="precedence" value={p} checked={precedence === p} onChange={() => setPrecedence(p)} />
              <label htmlFor={`compose-${p}`}><strong>{PRECEDENCE_WORDS[p]}</strong> — delivered {OBJECTIVE_WORDS[p]} in the village; the hawk's flight is added between villages{p === 'flash' ? '; escalates if not acknowledged within 10 minutes' : ''}</label>
            </div>
          ))}
        </fieldset>
        <div className="check">
          <input type="checkbox" id="compose-action" name="actionRequested" />
          <label htmlFor="compose-action">Action requested (the recipient should act, not only read)</label>
        </div>
        <div className="row">
          <Field id="compose-classification" label="Classification" error={e('classification')}>
            <select id="compose-classification" name="classification" defaultValue="public">{LEVELS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>
          </Field>
          <Field id="compose-compartments" label="Compartments (optional)" hint="Comma-separated, e.g. ANBU." error={e('compartments')}>
            <input id="compose-compartments" name="compartments" autoComplete="off" aria-describedby="compose-compartments-hint" />
          </Field>
        </div>
        <FormActions pending={send.isPending} submit="Send by hawk" onCancel={() => navigate('/post')} />
      </form>
    </div>
  );
}
