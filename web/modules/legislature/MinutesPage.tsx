// The minutes of a council session as a document: attendance, agenda, speakers, motions and votes
// by name, statute citations linked to the law as in force on the sitting's date. Its state is
// always in sight (a preview of the record, a draft and who edited it, or approved and by whom);
// the clerk drafts them from the record, edits the draft and records its approval, after which
// the text is read-only for everyone.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api.ts';
import { Breadcrumbs, formatDate, Loading, Problem } from '../../shared/ui.tsx';
import { CitedText } from '../../shared/citations.tsx';
import { villageTime } from './session-model.ts';
import type { StoredMinutes, Withheld } from './types.ts';

const minutesKey = (code: string) => ['legislature', 'minutes', code] as const;
const who = (a: string | Withheld | null) => (a === null ? 'someone' : typeof a === 'string' ? a : 'a clerk whose name you may not see');
const when = (instant: string | null) => (instant ? `${formatDate(instant)}, ${villageTime(instant)}` : '—');
/** Lines of the minutes' text that head a part of the document. */
const HEADINGS = new Set(['Agenda:', 'Speakers:']);

export function MinutesPage() {
  const { code = '' } = useParams();
  const q = useQuery({ queryKey: minutesKey(code), queryFn: () => api<StoredMinutes>(`/api/legislature/sessions/${encodeURIComponent(code)}/minutes`) });
  if (q.isPending) return <Loading what="the minutes" />;
  if (q.isError) return <Problem error={q.error} retry={() => void q.refetch()} />;
  const m = q.data;
  return (
    <article className="minutes-page">
      <Breadcrumbs trail={[['Council sessions', '/legislature/sessions'], [m.session, `/legislature/sessions/${m.session}`], ['Minutes']]} />
      <h1>Minutes of {m.session} <span className="minutes-title">{m.title}</span></h1>
      <MinutesState minutes={m} />
      {m.youManage && <ClerkTools minutes={m} />}
      <section className="minutes-document" aria-labelledby="minutes-text-h">
        <h2 id="minutes-text-h">{m.state === 'preview' ? 'The record, as minutes would give it' : 'Text of the minutes'}</h2>
        <MinutesText text={m.text} at={m.date} />
      </section>
      {m.votes.length > 0 && <VotesByName minutes={m} />}
      <p className="page-links"><Link to={`/legislature/sessions/${m.session}`}>The session's page</Link></p>
    </article>
  );
}

function MinutesState({ minutes: m }: { minutes: StoredMinutes }) {
  if (m.state === 'preview') {
    return <p className="minutes-state minutes-state-preview" role="note"><strong>Preview — not yet drafted.</strong> Generated from the record as it stands; the clerk drafts the minutes once the session is adjourned{m.status !== 'adjourned' ? ` (it is ${m.status})` : ''}.</p>;
  }
  if (m.state === 'draft') {
    return (
      <p className="minutes-state minutes-state-draft" role="note">
        <strong>Draft, version {m.version}</strong> — drafted from the record by {who(m.generatedBy)} on {when(m.generatedAt)}
        {m.editedAt ? <>; last edited by {who(m.editedBy)} on {when(m.editedAt)}</> : null}. Not yet approved by the Council.
      </p>
    );
  }
  const inSitting = m.approvedIn === null ? null : 'withheld' in m.approvedIn ? ' at a sitting you may not see' : <> at sitting <Link to={`/legislature/sessions/${m.approvedIn.code}`}>{m.approvedIn.code}</Link> ({formatDate(m.approvedIn.date)})</>;
  return <p className="minutes-state minutes-state-approved" role="note"><strong>Approved on {when(m.approvedAt)}</strong> by {who(m.approvedBy)}{inSitting}. Approved minutes are final: their text can no longer change.</p>;
}

/** The text, one paragraph per line; statute citations linked as in force on the sitting's date. */
function MinutesText({ text, at }: { text: string; at: string }) {
  const lines = text.split('\n');
  return (
    <div className="minutes-text">
      {lines.map((line, i) => {
        if (!line.trim()) return null;
        if (HEADINGS.has(line.trim())) return <h3 key={i}>{line.trim().slice(0, -1)}</h3>;
        const cls = /^Vote \d+/.test(line) ? 'minutes-vote' : /^Motion \d+/.test(line) ? 'minutes-motion' : /^(Yes|Present|Absent|Excused):/.test(line) ? 'minutes-names' : undefined;
        return <p key={i} className={cls}>{i === 0 ? <strong>{line}</strong> : <CitedText text={line} at={at} />}</p>;
      })}
    </div>
  );
}

function VotesByName({ minutes: m }: { minutes: StoredMinutes }) {
  return (
    <section className="minutes-votes" aria-labelledby="minutes-votes-h">
      <h2 id="minutes-votes-h">Votes by name, from the record</h2>
      {m.votes.map((v) => (
        <div key={v.number} className="minutes-vote-table">
          <h3>Vote {v.number}: {v.question}</h3>
          <table>
            <caption className="visually-hidden">Answers to vote {v.number}</caption>
            <thead><tr><th scope="col">Answer</th><th scope="col">Count</th><th scope="col">Members</th></tr></thead>
            <tbody>
              {([['Yes', v.yes], ['No', v.no], ['Abstain', v.abstain], ['Absent', v.absent]] as const).map(([label, names]) => (
                <tr key={label}><th scope="row">{label}</th><td>{names.length}</td><td>{names.join(', ') || '—'}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** The clerk's part: draft from the record, edit the draft (against the version read), record the approval. */
function ClerkTools({ minutes: m }: { minutes: StoredMinutes }) {
  const qc = useQueryClient();
  const [text, setText] = useState(m.text);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState('');
  // The version the editor's text was read at: what a save names in If-Match. A newer version
  // arriving while the clerk types (the page refetches on every event) must not be overwritten
  // unseen, so the save then meets the conflict instead.
  const [base, setBase] = useState(m.version);
  useEffect(() => { if (!dirty) { setText(m.text); setBase(m.version); } }, [m.text, m.version, dirty]);
  const url = `/api/legislature/sessions/${encodeURIComponent(m.session)}/minutes`;
  const send = async (path: string, method: 'POST' | 'PUT', json: unknown, version: number | null, done: string) => {
    setPending(true);
    setError(null);
    setSaved('');
    try {
      const answer = await api<StoredMinutes>(path, { method, json, headers: version === null ? {} : { 'if-match': `"${version}"` } });
      qc.setQueryData(minutesKey(m.session), answer);
      setDirty(false);
      setText(answer.text);
      setSaved(done);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setError({ conflict: true, message: `Someone else changed these minutes since you opened them. ${e.message} Your text is still in the box: copy it, press "Load the latest version", then make your change again.` });
      } else setError({ conflict: false, message: e instanceof ApiError ? e.message : 'The minutes could not be saved. Try again.' });
    } finally {
      setPending(false);
    }
  };
  const reload = async () => {
    setDirty(false);
    setError(null);
    await qc.invalidateQueries({ queryKey: minutesKey(m.session) });
  };
  const approve = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const sitting = String(new FormData(e.currentTarget).get('sitting') ?? '').trim();
    void send(`${url}/approve`, 'POST', sitting ? { sitting } : {}, m.version, 'The approval is recorded: the minutes are now final.');
  };
  if (m.state === 'approved') return null;
  return (
    <section className="minutes-clerk" aria-labelledby="minutes-clerk-h">
      <h2 id="minutes-clerk-h">Clerk</h2>
      {m.state === 'preview' && (m.status === 'adjourned'
        ? <button type="button" className="button" disabled={pending} onClick={() => void send(url, 'POST', {}, null, 'Drafted from the record.')}>Draft from the record</button>
        : <p className="hint">The minutes can be drafted once the session is adjourned.</p>)}
      {m.state === 'draft' && (
        <>
          <form onSubmit={(e) => { e.preventDefault(); void send(url, 'PUT', { text }, base, `Saved as version ${base! + 1}.`); }}>
            <label htmlFor="minutes-editor">Text of the minutes (one paragraph per line; write citations such as “section 2-111(2)(d)” and they are linked)</label>
            <textarea id="minutes-editor" rows={18} value={text} onChange={(e) => { setText(e.target.value); setDirty(true); }} />
            {dirty && base !== m.version && <p className="hint" role="status">These minutes were changed elsewhere (now version {m.version}) since you began editing version {base}.</p>}
            <div className="actions">
              <button type="submit" className="button" disabled={pending || !dirty}>Save the draft</button>
              <button type="button" className="button secondary" disabled={pending} onClick={() => void send(url, 'POST', { regenerate: true }, null, 'Drafted again from the record.')}>Draft again from the record</button>
            </div>
          </form>
          <form className="minutes-approve" onSubmit={approve}>
            <label htmlFor="minutes-sitting">Approved by the Council at sitting (code, optional)</label>
            <input id="minutes-sitting" name="sitting" placeholder="CS-2026-004" autoComplete="off" />
            <button type="submit" className="button" disabled={pending || dirty}>Approve</button>
            {dirty && <span className="hint">Save your changes before approving.</span>}
          </form>
        </>
      )}
      <p role="status" aria-live="polite" className="minutes-saved">{saved}</p>
      {error && (
        <div className="notice-inline minutes-error" role="alert">
          <p>{error.message}</p>
          {error.conflict && <button type="button" className="button secondary" onClick={() => void reload()}>Load the latest version</button>}
        </div>
      )}
    </section>
  );
}
