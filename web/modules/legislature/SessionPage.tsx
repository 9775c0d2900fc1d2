// The live council session page: one page for the chair, the clerk, every councillor and every
// viewer, showing each what they may do. It follows the sitting without a reload (the shell
// refetches on each event) and says in words what just changed.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { onLiveEvent } from '../../app/live.tsx';
import { useSession } from '../../app/session.tsx';
import { Breadcrumbs, ClassificationTag, formatDate, Loading, Problem } from '../../shared/ui.tsx';
import { useCouncilSession } from './queries.ts';
import type { AgendaItem, Attendance, Session } from './types.ts';
import { changeWords, currentItem, personId, personName, villageTime } from './session-model.ts';
import { useSessionWrite, WriteError } from './SessionWrites.tsx';
import { SessionQueue } from './SessionQueue.tsx';
import { SessionVoteBoard } from './SessionVoteBoard.tsx';
import { SessionMotions } from './SessionMotions.tsx';

export const SESSION_STATUS_WORDS: Record<Session['status'], string> = { scheduled: 'Scheduled', sitting: 'Sitting — LIVE', adjourned: 'Adjourned' };

export function SessionStatusBadge({ status }: { status: Session['status'] }) {
  return <span className={`badge badge-session-${status}`}>{status === 'sitting' && <span className="live-dot" aria-hidden="true" />}{SESSION_STATUS_WORDS[status]}</span>;
}

export function SessionPage() {
  const { code = '' } = useParams();
  const q = useCouncilSession(code);
  const user = useSession().user;
  const me = user?.personId ?? null;
  const [heard, setHeard] = useState('');
  const latest = useRef<Session | undefined>(undefined);
  latest.current = q.data;
  // What was heard waits for the page's next fetch to say who it was about (changeWords).
  const pending = useRef<{ payload: Record<string, unknown>; at: string; before: Session | undefined } | null>(null);
  useEffect(() => onLiveEvent((e) => {
    if (e.type !== 'legislature.session.changed' || e.payload?.code !== code) return;
    const at = villageTime(e.at ?? new Date().toISOString());
    pending.current = { payload: e.payload, at, before: latest.current };
    setHeard(`${at}: ${changeWords(e.payload, latest.current)}`);
  }), [code]);
  useEffect(() => {
    const p = pending.current;
    if (!p || !q.data || q.data === p.before) return;
    const words = changeWords(p.payload, p.before, q.data);
    // A fetch already on its way when the change came may not show it yet: wait for the next.
    if (words === changeWords(p.payload, p.before)) return;
    pending.current = null;
    setHeard(`${p.at}: ${words}`);
  }, [q.data]);

  if (q.isPending) return <Loading what="the session" />;
  if (q.isError) return <Problem error={q.error} retry={() => void q.refetch()} />;
  const s = q.data;
  return (
    <div className={`session-page session-${s.status}`}>
      <Breadcrumbs trail={[['Council sessions', '/legislature/sessions'], [s.code]]} />
      <SessionHead session={s} />
      <p className="session-heard" role="status" aria-live="polite">{heard}</p>
      <div className="session-grid">
        <div className="session-main">
          {/* Once there is a vote it leads; before, the motions it will be on come first. */}
          {s.votes.length > 0 && <SessionVoteBoard session={s} me={me} />}
          <SessionMotions session={s} me={me} />
          {s.votes.length === 0 && <SessionVoteBoard session={s} me={me} />}
        </div>
        <div className="session-side">
          {/* The floor stays in sight beside whatever the main column shows. */}
          <SessionQueue session={s} me={me} />
          <SessionAgenda session={s} />
          <SessionAttendance session={s} me={me} />
        </div>
      </div>
    </div>
  );
}

function SessionHead({ session: s }: { session: Session }) {
  const write = useSessionWrite(s.code);
  const openVote = s.votes.some((v) => v.status === 'open');
  const setStatus = (status: 'sitting' | 'adjourned') => write.send(`/api/legislature/sessions/${s.code}/status`, 'POST', { status });
  return (
    <header className="session-head">
      <div className="session-title-row">
        <h1>{s.title} <span className="session-code">{s.code}</span></h1>
        <SessionStatusBadge status={s.status} /> <ClassificationTag classification={s.classification} compartments={s.compartments} />
      </div>
      <dl className="session-facts">
        <div><dt>Date</dt><dd>{formatDate(s.date)}, {s.startsAt} village time ({Math.round(s.minutesLong / 6) / 10} h)</dd></div>
        <div><dt>Place</dt><dd>{s.place}</dd></div>
        <div><dt>Chair</dt><dd>{personName(s.chair)}</dd></div>
        {s.openedAt && <div><dt>Opened</dt><dd>{villageTime(s.openedAt)}{s.adjournedAt ? `, adjourned ${villageTime(s.adjournedAt)}` : ''}</dd></div>}
      </dl>
      <p className={`quorum ${s.quorum.met ? 'quorum-met' : 'quorum-short'}`}>
        <strong>Quorum: {s.quorum.needed} needed, {s.quorum.present} present — {s.quorum.met ? 'quorum met' : 'no quorum'}.</strong>
        <span className="quorum-basis"> Basis: {s.quorum.basis}.</span>
      </p>
      {s.you.manage && s.status !== 'adjourned' && (
        <div className="session-buttons">
          {s.status === 'scheduled' && <button type="button" className="button" disabled={write.pending} onClick={() => setStatus('sitting')}>Open the sitting</button>}
          {s.status === 'sitting' && <button type="button" className="button secondary" disabled={write.pending || openVote} onClick={() => setStatus('adjourned')}>Adjourn the sitting</button>}
          {s.status === 'sitting' && openVote && <span className="hint">Close the open vote before adjourning.</span>}
        </div>
      )}
      <WriteError write={write} />
      <p className="muted small">Your part here: {s.you.manage ? 'you run the sitting (clerk)' : s.you.chair ? 'you chair the sitting' : s.you.member ? 'you are a member of the Council on this date' : 'you are watching'}{s.you.chair && s.you.manage ? ' and chair it' : ''}. · <Link to={`/legislature/sessions/${s.code}/minutes`}>{s.status === 'adjourned' ? 'Minutes' : 'Minutes so far'}</Link> · <a href={`/api/legislature/sessions/${s.code}.ics`}>Add to calendar</a></p>
    </header>
  );
}

const KIND_WORDS: Record<AgendaItem['kind'], string> = { bill_reading: 'Bill reading', motion: 'Motion', report: 'Report' };
const STAGE_WORDS = (stage: string) => stage.replace(/_/g, ' ');

function SessionAgenda({ session: s }: { session: Session }) {
  const write = useSessionWrite(s.code);
  const [adding, setAdding] = useState(false);
  const current = currentItem(s);
  const editable = s.you.manage && s.status !== 'adjourned';
  const move = (i: number, by: -1 | 1) => {
    const ids = s.agenda.map((x) => x.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    return write.send(`/api/legislature/sessions/${s.code}/items`, 'PUT', { items: ids });
  };
  return (
    <section className="session-panel session-agenda" aria-labelledby="agenda-title">
      <h2 id="agenda-title">Agenda</h2>
      {s.agenda.length === 0 ? <p className="muted">Nothing on the agenda yet.</p> : (
        <ol className="agenda-list">
          {s.agenda.map((item, i) => (
            <li key={item.id} className={item.id === current ? 'agenda-current' : undefined} aria-current={item.id === current ? 'step' : undefined}>
              <div className="agenda-line">
                <span className="agenda-pos">{item.position}.</span>
                <span className="agenda-body">
                  {item.id === current && <span className="badge badge-now">Now</span>} <span className="agenda-kind">{KIND_WORDS[item.kind]}:</span> {item.title}
                  {item.bill && ('withheld' in item.bill ? <span className="muted small"> (bill not shown at your clearance)</span>
                    : <span className="small"> — <Link to={`/bills/${item.bill.code}`}>{item.bill.code}</Link>, now {STAGE_WORDS(item.bill.stage)}</span>)}
                  {item.stage && <span className="muted small"> (a carried vote moves it to {STAGE_WORDS(item.stage)})</span>}
                </span>
              </div>
              {editable && s.agenda.length > 1 && (
                <span className="agenda-move">
                  <button type="button" className="button secondary small" disabled={write.pending || i === 0} onClick={() => move(i, -1)} aria-label={`Move “${item.title}” up`}>↑</button>
                  <button type="button" className="button secondary small" disabled={write.pending || i === s.agenda.length - 1} onClick={() => move(i, 1)} aria-label={`Move “${item.title}” down`}>↓</button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      <WriteError write={write} />
      {editable && (adding ? <AgendaItemForm session={s} onDone={() => setAdding(false)} /> : <button type="button" className="button secondary" onClick={() => setAdding(true)}>Add an agenda item</button>)}
    </section>
  );
}

const READING_STAGES = ['introduced', 'first_reading', 'referred', 'committee_report', 'second_reading', 'third_reading', 'passed', 'failed'];

function AgendaItemForm({ session: s, onDone }: { session: Session; onDone: () => void }) {
  const write = useSessionWrite(s.code);
  const [kind, setKind] = useState<AgendaItem['kind']>('report');
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body: Record<string, unknown> = { kind, title: String(f.get('title') ?? '').trim() };
    if (kind === 'bill_reading') Object.assign(body, { bill: String(f.get('bill') ?? '').trim(), stage: String(f.get('stage')) });
    if (await write.send(`/api/legislature/sessions/${s.code}/items`, 'POST', body)) onDone();
  };
  const err = (f: string) => (write.error as { details?: { path?: string; message: string }[] } | null)?.details?.find((d) => d.path === `body.${f}`)?.message;
  return (
    <form className="agenda-form" onSubmit={submit} aria-labelledby="agenda-form-title">
      <h3 id="agenda-form-title">Add an agenda item</h3>
      <div className="field">
        <label htmlFor="item-kind">Kind</label>
        <select id="item-kind" value={kind} onChange={(e) => setKind(e.target.value as AgendaItem['kind'])}>
          <option value="report">Report</option><option value="motion">Motion</option><option value="bill_reading">Bill reading</option>
        </select>
      </div>
      <div className={`field${err('title') ? ' field-error' : ''}`}>
        <label htmlFor="item-title">Title</label>
        {err('title') && <p className="error-message">{err('title')}</p>}
        <input id="item-title" name="title" required />
      </div>
      {kind === 'bill_reading' && <>
        <div className={`field${err('bill') ? ' field-error' : ''}`}>
          <label htmlFor="item-bill">Bill</label>
          <p className="hint">Its code, e.g. B-2026-001</p>
          {err('bill') && <p className="error-message">{err('bill')}</p>}
          <input id="item-bill" name="bill" required />
        </div>
        <div className="field">
          <label htmlFor="item-stage">A carried vote moves the bill to</label>
          <select id="item-stage" name="stage" defaultValue="first_reading">{READING_STAGES.map((x) => <option key={x} value={x}>{STAGE_WORDS(x)}</option>)}</select>
        </div>
      </>}
      <WriteError write={write} />
      <div className="actions">
        <button type="submit" className="button" disabled={write.pending}>Add the item</button>
        <button type="button" className="link-button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

const ATTENDANCE_WORDS: Record<Attendance | 'unknown', string> = { present: 'Present', absent: 'Absent', excused: 'Excused', unknown: 'Not marked' };

function SessionAttendance({ session: s, me }: { session: Session; me: string | null }) {
  const write = useSessionWrite(s.code);
  const open = s.status !== 'adjourned';
  const mine = s.members.find((m) => personId(m.member) === me);
  const mark = (member: string, status: Attendance) => write.send(`/api/legislature/sessions/${s.code}/attendance/${member}`, 'PUT', { status });
  return (
    <section className="session-panel session-attendance" aria-labelledby="attendance-title">
      <h2 id="attendance-title">Attendance</h2>
      {open && s.you.member && mine && mine.attendance !== 'present' && (
        <button type="button" className="button im-here" disabled={write.pending} onClick={() => mark('me', 'present')}>I am here</button>
      )}
      {mine?.attendance === 'present' && <p className="you-voted">You are marked present.</p>}
      <WriteError write={write} />
      <table className="table attendance-table">
        <caption className="visually-hidden">Members by seat and their attendance</caption>
        <thead><tr><th scope="col">Seat</th><th scope="col">Member</th><th scope="col">Attendance</th></tr></thead>
        <tbody>
          {s.members.map((m) => {
            const id = personId(m.member);
            const name = personName(m.member);
            const state = m.attendance ?? 'unknown';
            return (
              <tr key={m.seat}>
                <td>{m.seat.replace('Council seat ', '')}</td>
                <th scope="row">{name}{id && id === me ? ' (you)' : ''}</th>
                <td>
                  {s.you.manage && open && id ? (
                    <select aria-label={`Attendance of ${name}`} className={`attendance-pick attendance-${state}`} value={m.attendance ?? ''} disabled={write.pending}
                      onChange={(e) => e.target.value && void mark(id, e.target.value as Attendance)}>
                      {!m.attendance && <option value="">Not marked</option>}
                      <option value="present">Present</option><option value="absent">Absent</option><option value="excused">Excused</option>
                    </select>
                  ) : <span className={`attendance attendance-${state}`}>{ATTENDANCE_WORDS[state]}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
