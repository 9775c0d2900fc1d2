// Council sessions: upcoming first (soonest on top), then past ones; and for the clerk and the
// Kazekage, the form that schedules one.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import type { PeoplePage } from '../../app/types.ts';
import { ClassificationTag, ErrorSummary, Field, fieldError, formatDate, Loading, Problem } from '../../shared/ui.tsx';
import { useSessions, villageToday } from './queries.ts';
import type { Session, SessionSummary } from './types.ts';
import { personName, sessionOrder } from './session-model.ts';
import { SessionStatusBadge } from './SessionPage.tsx';

export function SessionsPage() {
  const list = useSessions();
  const session = useSession();
  const mayManage = session.can('legislature.session.manage');
  const [scheduling, setScheduling] = useState(false);
  return (
    <div className="sessions-page">
      <div className="page-head">
        <h1>Council sessions</h1>
        {mayManage && !scheduling && <button type="button" className="button" onClick={() => setScheduling(true)}>Schedule a session</button>}
      </div>
      {scheduling && <ScheduleForm onCancel={() => setScheduling(false)} />}
      {list.isPending ? <Loading what="the sessions" /> : list.isError ? <Problem error={list.error} retry={() => void list.refetch()} /> : <SessionTables items={list.data.items} />}
      <p className="hint">Times are village time (UTC+03:00). <a href="/api/legislature/sessions.ics">Subscribe to the sessions calendar</a> (iCalendar).</p>
    </div>
  );
}

function SessionTables({ items }: { items: SessionSummary[] }) {
  const { upcoming, past } = sessionOrder(items);
  if (items.length === 0) return <p>No council session is scheduled yet.</p>;
  return (
    <>
      <h2>Upcoming and sitting</h2>
      {upcoming.length === 0 ? <p className="muted">None scheduled.</p> : <SessionTable items={upcoming} caption="Upcoming and sitting sessions, soonest first" />}
      <h2>Past</h2>
      {past.length === 0 ? <p className="muted">None yet.</p> : <SessionTable items={past} caption="Past sessions, latest first" />}
    </>
  );
}

function SessionTable({ items, caption }: { items: SessionSummary[]; caption: string }) {
  return (
    <table className="table sessions-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead><tr><th scope="col">Session</th><th scope="col">Status</th><th scope="col">Date</th><th scope="col">Place</th><th scope="col">Chair</th></tr></thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id} className={s.status === 'sitting' ? 'session-row-live' : undefined}>
            <th scope="row"><Link to={`/legislature/sessions/${s.code}`}>{s.title}</Link> <span className="muted small">{s.code}</span> <ClassificationTag classification={s.classification} compartments={s.compartments} /></th>
            <td><SessionStatusBadge status={s.status} /></td>
            <td>{formatDate(s.date)}, {s.startsAt}</td>
            <td>{s.place}</td>
            <td>{personName(s.chair)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const FIELD_IDS = { title: 'session-title', date: 'session-date', startsAt: 'session-starts', minutesLong: 'session-length', place: 'session-place', chair: 'session-chair', classification: 'session-classification' };

function ScheduleForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [chair, setChair] = useState<{ id: string; name: string } | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (n: string) => String(f.get(n) ?? '').trim();
    const hours = Number(text('hours') || '8');
    const body = {
      title: text('title'), date: text('date'), startsAt: text('startsAt'), place: text('place'), chair: chair?.id ?? '',
      minutesLong: Math.round(hours * 60), classification: text('classification') || 'public',
    };
    setPending(true);
    setError(null);
    try {
      const s = await api<Session>('/api/legislature/sessions', { method: 'POST', json: body });
      navigate(`/legislature/sessions/${s.code}`);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <form className="panel schedule-form" onSubmit={submit} noValidate aria-labelledby="schedule-title">
      <h2 id="schedule-title">Schedule a session</h2>
      <ErrorSummary error={error} fieldIds={FIELD_IDS} />
      <Field id="session-title" label="Title" error={fieldError(error, 'title')}><input id="session-title" name="title" /></Field>
      <div className="row">
        <Field id="session-date" label="Date" error={fieldError(error, 'date')}><input id="session-date" name="date" type="date" defaultValue={villageToday()} /></Field>
        <Field id="session-starts" label="Starts at (village time)" hint="HH:MM, 24 hours" error={fieldError(error, 'startsAt')}><input id="session-starts" name="startsAt" defaultValue="09:00" inputMode="numeric" aria-describedby="session-starts-hint" /></Field>
        <Field id="session-length" label="Planned length (hours)" error={fieldError(error, 'minutesLong')}><input id="session-length" name="hours" type="number" min="0.5" max="24" step="0.5" defaultValue="8" /></Field>
      </div>
      <Field id="session-place" label="Place" error={fieldError(error, 'place')}><input id="session-place" name="place" defaultValue="Council chamber" /></Field>
      <ChairLookup value={chair} onChange={setChair} error={fieldError(error, 'chair')} />
      <Field id="session-classification" label="Classification" hint="Who may see it: public sessions are open to every viewer" error={fieldError(error, 'classification')}>
        <select id="session-classification" name="classification" defaultValue="public" aria-describedby="session-classification-hint">
          <option value="public">Public</option><option value="restricted">Restricted</option><option value="secret">Secret</option><option value="top_secret">Top secret</option>
        </select>
      </Field>
      <div className="actions">
        <button className="button" type="submit" disabled={pending}>{pending ? 'Scheduling…' : 'Schedule the session'}</button>
        <button className="link-button" type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

/** The chair: a registry person found by name. */
function ChairLookup({ value, onChange, error }: { value: { id: string; name: string } | null; onChange: (v: { id: string; name: string } | null) => void; error?: string }) {
  const [q, setQ] = useState('');
  const people = useQuery({ queryKey: ['session-chair-lookup', q], queryFn: () => api<PeoplePage>(`/api/registry/people${qs({ q, limit: 6 })}`), enabled: q.trim().length >= 2 });
  if (value) {
    return (
      <div className={`field${error ? ' field-error' : ''}`}>
        <span className="field-label">Chair</span>
        {error && <p className="error-message">{error}</p>}
        <p className="chosen"><strong>{value.name}</strong> <button type="button" className="link-button" id="session-chair" onClick={() => onChange(null)}>Choose someone else</button></p>
      </div>
    );
  }
  return (
    <Field id="session-chair" label="Chair" hint="Type part of their name, then choose them from the list" error={error}>
      <input id="session-chair" type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="session-chair-hint" />
      {q.trim().length >= 2 && (
        <div className="lookup-results" aria-live="polite">
          {people.isPending ? <span className="muted">Looking…</span> : people.isError ? <span className="error-message">{(people.error as Error).message}</span>
            : people.data.items.length === 0 ? <span className="muted">Nobody by that name in the registry (or not at your clearance).</span> : (
              <ul>
                {people.data.items.map((p) => (
                  <li key={p.id}><button type="button" className="lookup-choice" onClick={() => { onChange({ id: p.id, name: p.displayName }); setQ(''); }}>{p.displayName} <span className="muted small">{p.rankLabel}</span></button></li>
                ))}
              </ul>
            )}
        </div>
      )}
    </Field>
  );
}
