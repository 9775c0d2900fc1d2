// Task: send a message by hawk. Recipients are people (received at home, or where they are posted),
// offices (one copy, read by their members cleared for it) or another village's aviary; a member
// of an office may send in its name; the precedence says how fast it must arrive, with the objective in
// words. A recipient who may not read the message's label is refused before anything is sent, and
// the problem is shown beside that recipient. "Save draft" keeps it unsent (checked as a message,
// recipients optional) to finish later from the pigeon hole's drafts (/post/compose?draft=ID).
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, qs } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { PersonLookup } from '../../shared/person-lookup.tsx';
import { Breadcrumbs, Field, Loading, Problem, fieldError } from '../../shared/ui.tsx';
import { OBJECTIVE_WORDS, PRECEDENCES, PRECEDENCE_WORDS, type Draft, type Message, type Precedence } from './types.ts';

const HOME = 'suna';
const LEVELS = [['public', 'Public'], ['restricted', 'Restricted'], ['secret', 'Secret'], ['top_secret', 'Top secret']] as const;
/** Records a message may point at by their code, and what a clerk calls them. */
const ATTACHABLE: [string, string][] = [['legislature.bill', 'Bill'], ['legislature.statute', 'Statute'], ['legislature.session', 'Council session'], ['sar.operation', 'Search operation']];

type Recipient = { kind: 'person'; id: string; name: string; at: string } | { kind: 'village'; code: string; name: string } | { kind: 'office'; id: string; name: string };
type Office = { id: string; code: string | null; name: string };
const keyOf = (r: Recipient) => (r.kind === 'village' ? `v:${r.code}` : `${r.kind}:${r.id}`);

export function ComposePage() {
  const [params] = useSearchParams();
  const draftId = params.get('draft');
  const draft = useQuery({ queryKey: ['post', 'draft', draftId], enabled: !!draftId, queryFn: () => api<Draft>(`/api/post/drafts/${encodeURIComponent(draftId!)}`) });
  if (draftId && draft.isPending) return <div className="post"><Loading what="your draft" /></div>;
  if (draftId && draft.isError) return <div className="post"><Problem error={draft.error} retry={() => draft.refetch()} /></div>;
  return <ComposeForm key={draftId ?? 'new'} draft={draftId ? draft.data ?? null : null} />;
}

/** A draft's recipients as the form holds them (a person withheld from the author now is dropped: it would be refused). */
function recipientsOf(d: Draft | null): Recipient[] {
  return (d?.to ?? []).flatMap((r): Recipient[] => ('village' in r ? [{ kind: 'village', code: r.village, name: r.village }]
    : 'office' in r ? ('withheld' in r.office ? [] : [{ kind: 'office', id: r.office.id, name: r.office.name }])
    : 'withheld' in r.person ? [] : [{ kind: 'person', id: r.person.id, name: r.person.name, at: r.at ?? HOME }]));
}

function ComposeForm({ draft }: { draft: Draft | null }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const session = useSession();
  const villages = useQuery({ queryKey: ['villages'], queryFn: () => api<{ code: string; name: string }[]>('/api/registry/villages') });
  const organizations = useQuery({ queryKey: ['organizations', 'all'], queryFn: () => api<{ items: Office[] }>('/api/registry/organizations?limit=1000'), staleTime: 60_000 });
  // The offices one may write in the name of: one's memberships current today.
  const today = new Date().toISOString().slice(0, 10);
  const myOffices = useQuery({
    queryKey: ['memberships', 'mine', session.user?.personId, today], enabled: !!session.user?.personId,
    queryFn: () => api<{ items: { organization: Office }[] }>(`/api/registry/memberships${qs({ person: session.user!.personId, asOf: today, limit: 1000 })}`),
  });
  const [office, setOffice] = useState('');
  const [fromOffice, setFromOffice] = useState(draft?.from && !('withheld' in draft.from.office) ? draft.from.office.id : '');
  const [to, setTo] = useState<Recipient[]>(recipientsOf(draft));
  const [precedence, setPrecedence] = useState<Precedence>(draft?.precedence ?? 'routine');
  const [village, setVillage] = useState('');
  const [attachments, setAttachments] = useState<{ kind: string; ref: string }[]>(draft?.attachments ?? []);
  const [attachKind, setAttachKind] = useState(ATTACHABLE[0]![0]);
  const [attachRef, setAttachRef] = useState('');
  // A new draft's first save moves to its own address, which mounts the form afresh: the notice comes along.
  const location = useLocation();
  const [saved, setSaved] = useState<string | null>((location.state as { saved?: string } | null)?.saved ?? null);
  const send = useMutation({
    // A draft is saved as it stands, then sent: what goes is exactly what the form shows.
    mutationFn: async (body: unknown) => {
      if (!draft) return api<Message>('/api/post/messages', { method: 'POST', json: body });
      await api<Draft>(`/api/post/drafts/${draft.id}`, { method: 'PUT', json: body });
      return api<Message>(`/api/post/drafts/${draft.id}/send`, { method: 'POST' });
    },
    onSuccess: async (m) => {
      await qc.invalidateQueries({ queryKey: ['post'] });
      navigate(`/post/messages/${m.code}`);
    },
  });
  const keep = useMutation({
    mutationFn: (body: unknown) => (draft ? api<Draft>(`/api/post/drafts/${draft.id}`, { method: 'PUT', json: body }) : api<Draft>('/api/post/drafts', { method: 'POST', json: body })),
    onSuccess: async (d) => {
      send.reset();
      const notice = `Draft saved at ${new Date(d.updatedAt).toISOString().slice(11, 16)}Z. It is in your pigeon hole's drafts; nobody else can see it.`;
      setSaved(notice);
      await qc.invalidateQueries({ queryKey: ['post'] });
      if (!draft) navigate(`/post/compose?draft=${d.id}`, { replace: true, state: { saved: notice } });
    },
  });
  const discard = useMutation({
    mutationFn: () => api<null>(`/api/post/drafts/${draft!.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['post'] });
      navigate('/post');
    },
  });
  const err = send.error ?? keep.error ?? discard.error;
  const e = (f: string) => fieldError(err, f);
  /** The problem the API named for recipient i (any field of body.to.i), if any. */
  const attachmentError = (i: number) => (err instanceof ApiError ? err.details?.find((d) => d.path?.startsWith(`body.attachments.${i}.`) || d.path === `body.attachments.${i}`)?.message : undefined);
  const recipientError = (i: number) => (err instanceof ApiError ? err.details?.find((d) => d.path?.startsWith(`body.to.${i}.`) || d.path === `body.to.${i}`)?.message : undefined);
  const submit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const compartments = String(f.get('compartments') ?? '').split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
    const body = {
      to: to.map((r) => (r.kind === 'person' ? { person: r.id, ...(r.at !== HOME ? { at: r.at } : {}) } : r.kind === 'office' ? { office: r.id } : { village: r.code })),
      ...(fromOffice ? { from: { office: fromOffice } } : {}),
      subject: String(f.get('subject') ?? ''), body: String(f.get('body') ?? ''), precedence,
      actionRequested: f.get('actionRequested') === 'on', classification: String(f.get('classification') ?? 'public'), compartments,
      attachments,
    };
    setSaved(null);
    const intent = ((ev.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;
    if (intent === 'draft') { send.reset(); keep.mutate(body); } else { keep.reset(); send.mutate(body); }
  };
  const others = (villages.data ?? []).filter((v) => v.code !== HOME);
  const problems = err instanceof ApiError ? err.details ?? [] : [];
  // About the list itself (none named, too many); a problem with one recipient is shown beside it.
  const toError = problems.find((d) => d.path === 'body.to')?.message;
  const fromError = problems.find((d) => d.path?.startsWith('body.from'))?.message;
  const mine = [...new Map((myOffices.data?.items ?? []).map((m) => [m.organization.id, m.organization])).values()];
  return (
    <div className="post">
      <Breadcrumbs trail={[['Pigeon hole', '/post'], [draft ? 'A draft' : 'Write a message']]} />
      <h1>{draft ? 'Finish a draft' : 'Write a message'}</h1>
      {saved && <p className="notice" role="status">{saved}</p>}
      <form className="panel post-compose" onSubmit={submit} noValidate aria-labelledby="compose-h">
        <h2 id="compose-h" className="visually-hidden">The message</h2>
        {err ? (
          <div className="error-summary" role="alert" tabIndex={-1}>
            <h2>There is a problem</h2>
            <p>{(err as Error).message}</p>
            {problems.length > 1 && <ul>{problems.map((d, i) => <li key={i}>{d.path?.replace(/^body\./, '')}: {d.message}</li>)}</ul>}
          </div>
        ) : null}
        {(mine.length > 0 || fromOffice) && (
          <Field id="compose-from" label="From" hint="Send in your own name, or in the name of an office you belong to (the reader sees the office, and that you wrote it)." error={fromError}>
            <select id="compose-from" value={fromOffice} aria-describedby="compose-from-hint" onChange={(ev) => setFromOffice(ev.target.value)}>
              <option value="">Myself</option>
              {mine.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </Field>
        )}
        <fieldset className={`fieldset${toError ? ' field-error' : ''}`} id="compose-to">
          <legend>To</legend>
          {toError && <p className="error-message">{toError}</p>}
          {to.length === 0 && <p className="hint">Nobody yet: find a person below, or choose another village's aviary.</p>}
          <ul className="post-recipients" aria-label="Recipients chosen">
            {to.map((r, i) => (
              <li key={keyOf(r)} className={recipientError(i) ? 'field-error' : undefined} id={`compose-to-${i}`}>
                {r.kind === 'person' ? <>{r.name}
                  <label className="small"> receives it at{' '}
                    <select value={r.at} onChange={(ev) => setTo(to.map((x, k) => (k === i && x.kind === 'person' ? { ...x, at: ev.target.value } : x)))}>
                      <option value={HOME}>home (Sunagakure)</option>
                      {others.map((v) => <option key={v.code} value={v.code}>{v.name}</option>)}
                    </select>
                  </label></> : r.kind === 'office' ? <>the office: {r.name} <span className="muted small">(its members cleared for it read it)</span></> : <>the aviary of {r.name}</>}
                {' '}<button type="button" className="link-button" onClick={() => setTo(to.filter((_, k) => k !== i))}>Remove</button>
                {recipientError(i) && <p className="error-message">{recipientError(i)}</p>}
              </li>
            ))}
          </ul>
          <PersonLookup id="compose-person" label="Add a person" hint="Type two letters of a name." exclude={to.flatMap((r) => (r.kind === 'person' ? [r.id] : []))}
            onPick={(p) => setTo([...to, { kind: 'person', id: p.id, name: p.name, at: HOME }])} />
          <div className="field">
            <label htmlFor="compose-office">Or an office</label>
            <div className="row">
              <select id="compose-office" value={office} onChange={(ev) => setOffice(ev.target.value)}>
                <option value="">Choose an office</option>
                {(organizations.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
              <button type="button" className="button secondary" disabled={!office || to.some((r) => r.kind === 'office' && r.id === office)}
                onClick={() => { const o = organizations.data!.items.find((x) => x.id === office)!; setTo([...to, { kind: 'office', id: o.id, name: o.name }]); setOffice(''); }}>Add the office</button>
            </div>
          </div>
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
          <input id="compose-subject" name="subject" autoComplete="off" defaultValue={draft?.subject ?? ''} />
        </Field>
        <Field id="compose-body" label="Message" hint="Cite the code as “section 14-203(2)”: it is linked for the reader." error={e('body')}>
          <textarea id="compose-body" name="body" rows={8} aria-describedby="compose-body-hint" defaultValue={draft?.body ?? ''} />
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
          <input type="checkbox" id="compose-action" name="actionRequested" defaultChecked={draft?.actionRequested ?? false} />
          <label htmlFor="compose-action">Action requested (the recipient should act, not only read)</label>
        </div>
        <div className="row">
          <Field id="compose-classification" label="Classification" error={e('classification')}>
            <select id="compose-classification" name="classification" defaultValue={draft?.classification ?? 'public'}>{LEVELS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>
          </Field>
          <Field id="compose-compartments" label="Compartments (optional)" hint="Comma-separated, e.g. ANBU." error={e('compartments')}>
            <input id="compose-compartments" name="compartments" autoComplete="off" aria-describedby="compose-compartments-hint" defaultValue={draft?.compartments.join(', ') ?? ''} />
          </Field>
        </div>
        <div className="actions">
          <button className="button" type="submit" name="intent" value="send" disabled={send.isPending || keep.isPending}>{send.isPending ? 'Sending…' : 'Send by hawk'}</button>
          <button className="button secondary" type="submit" name="intent" value="draft" disabled={send.isPending || keep.isPending}>{keep.isPending ? 'Saving…' : 'Save draft'}</button>
          {draft && <button className="link-button" type="button" disabled={discard.isPending} onClick={() => { if (window.confirm('Throw this draft away? It cannot be brought back.')) discard.mutate(); }}>Delete draft</button>}
          <button className="link-button" type="button" onClick={() => navigate('/post')}>Cancel</button>
        </div>
      </form>
    </div>
  );
}
