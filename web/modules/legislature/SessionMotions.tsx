// Motions: each with its number, its text (statute citations as links, as in force on the
// session's date), mover, seconder and where it stands; move, second, withdraw and amend.
import { useState, type FormEvent } from 'react';
import { CitedText } from '../../shared/citations.tsx';
import type { Motion, Session } from './types.ts';
import { OUTCOME_WORDS, personId, personName, villageTime } from './session-model.ts';
import { useSessionWrite, WriteError } from './SessionWrites.tsx';

const STATUS_WORDS: Record<Motion['status'], string> = { moved: 'moved, awaiting a seconder', seconded: 'seconded', withdrawn: 'withdrawn', voted: 'voted on' };

export function SessionMotions({ session: s, me }: { session: Session; me: string | null }) {
  const write = useSessionWrite(s.code);
  const [form, setForm] = useState<null | { amends?: number }>(null);
  const live = s.status === 'sitting';
  const present = s.members.some((m) => personId(m.member) === me && m.attendance === 'present');
  const mayMove = live && (s.you.manage || (s.you.member && present));
  return (
    <section className="session-panel session-motions" aria-labelledby="motions-title">
      <h2 id="motions-title">Motions</h2>
      {s.motions.length === 0 ? <p className="muted">No motion moved yet.</p> : (
        <ol className="motion-list">
          {s.motions.map((m) => {
            const mover = personId(m.mover) === me;
            const canSecond = live && m.status === 'moved' && ((s.you.member && present && !mover) || s.you.manage);
            const canWithdraw = live && (m.status === 'moved' || m.status === 'seconded') && (mover || s.you.manage);
            return (
              <li key={m.id} id={`motion-${m.number}`} className={`motion motion-${m.status}`}>
                <p className="motion-head">
                  <strong>Motion {m.number}</strong>{m.amends ? <> · amends <a href={`#motion-${m.amends}`}>motion {m.amends}</a></> : null}
                  {' '}<MotionBadge session={s} motion={m} />
                </p>
                <p className="motion-text"><CitedText text={m.text} at={s.date} /></p>
                <p className="motion-meta muted small">
                  Moved by {personName(m.mover)} at {villageTime(m.movedAt)}
                  {m.seconder ? <>; seconded by {personName(m.seconder)}{m.secondedAt ? ` at ${villageTime(m.secondedAt)}` : ''}</> : null}.
                </p>
                {(canSecond || canWithdraw || (mayMove && m.status !== 'withdrawn' && m.status !== 'voted')) && (
                  <div className="session-buttons">
                    {canSecond && (s.you.manage && !s.you.member
                      ? <SeconderPicker session={s} motion={m} write={write} />
                      : <button type="button" className="button small" disabled={write.pending} onClick={() => write.send(`/api/legislature/sessions/${s.code}/motions/${m.number}/second`, 'POST', {})}>Second motion {m.number}</button>)}
                    {mayMove && m.status !== 'withdrawn' && m.status !== 'voted' && (
                      <button type="button" className="button secondary small" onClick={() => setForm({ amends: m.number })}>Amend motion {m.number}</button>
                    )}
                    {canWithdraw && <button type="button" className="button secondary small" disabled={write.pending} onClick={() => write.send(`/api/legislature/sessions/${s.code}/motions/${m.number}/withdraw`, 'POST')}>Withdraw motion {m.number}</button>}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <WriteError write={write} />
      {live && s.you.member && !present && <p className="hint">Mark yourself present (Attendance) to move or second a motion.</p>}
      {mayMove && !form && <button type="button" className="button secondary" onClick={() => setForm({})}>Move a motion</button>}
      {form && <MotionForm session={s} amends={form.amends} me={me} onDone={() => setForm(null)} />}
    </section>
  );
}

/** Where a motion stands; once voted on, how the vote went. */
function MotionBadge({ session: s, motion: m }: { session: Session; motion: Motion }) {
  const result = m.status === 'voted' ? [...s.votes].reverse().find((v) => v.motion === m.number)?.result : undefined;
  if (result) return <span className={`badge badge-outcome-${result.outcome}`}>{OUTCOME_WORDS[result.outcome].toLowerCase()}</span>;
  return <span className={`badge badge-motion-${m.status}`}>{STATUS_WORDS[m.status]}</span>;
}

/** The clerk seconds for a member who said so aloud: who. */
function SeconderPicker({ session: s, motion: m, write }: { session: Session; motion: Motion; write: ReturnType<typeof useSessionWrite> }) {
  const options = s.members.filter((x) => x.attendance === 'present' && personId(x.member) && personId(x.member) !== personId(m.mover));
  const [who, setWho] = useState('');
  const id = `seconder-${m.number}`;
  return (
    <span className="inline-pick">
      <label htmlFor={id}>Seconded by</label>
      <select id={id} value={who} onChange={(e) => setWho(e.target.value)}>
        <option value="">Choose a member present…</option>
        {options.map((x) => <option key={x.seat} value={personId(x.member)!}>{personName(x.member)}</option>)}
      </select>
      <button type="button" className="button small" disabled={write.pending || !who} onClick={() => write.send(`/api/legislature/sessions/${s.code}/motions/${m.number}/second`, 'POST', { seconder: who })}>Record the seconder</button>
    </span>
  );
}

function MotionForm({ session: s, amends, me, onDone }: { session: Session; amends?: number; me: string | null; onDone: () => void }) {
  const write = useSessionWrite(s.code);
  const [text, setText] = useState('');
  const [item, setItem] = useState('');
  const [mover, setMover] = useState('');
  // The clerk moves for a member who moved aloud; a member moves for themself.
  const namesMover = s.you.manage && !s.you.member;
  const present = s.members.filter((x) => x.attendance === 'present' && personId(x.member));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { text };
    if (amends) body.amends = amends;
    if (item) body.item = item;
    if (namesMover && mover) body.mover = mover;
    if (await write.send(`/api/legislature/sessions/${s.code}/motions`, 'POST', body)) onDone();
  };
  const fieldError = (f: string) => (write.error as { details?: { path?: string; message: string }[] } | null)?.details?.find((d) => d.path === `body.${f}`)?.message;
  return (
    <form className="motion-form" onSubmit={submit} aria-labelledby="motion-form-title">
      <h3 id="motion-form-title">{amends ? `Amend motion ${amends}` : 'Move a motion'}</h3>
      <div className={`field${fieldError('text') ? ' field-error' : ''}`}>
        <label htmlFor="motion-text">{amends ? 'The amendment' : 'The motion'}</label>
        <p className="hint" id="motion-text-hint">Write “That …”. Cite statutes as “section 2-111(2)(d)”: they become links.</p>
        {fieldError('text') && <p className="error-message">{fieldError('text')}</p>}
        <textarea id="motion-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-describedby="motion-text-hint" required />
      </div>
      {!amends && s.agenda.length > 0 && (
        <div className="field">
          <label htmlFor="motion-item">Agenda item (optional)</label>
          <select id="motion-item" value={item} onChange={(e) => setItem(e.target.value)}>
            <option value="">None</option>
            {s.agenda.map((i) => <option key={i.id} value={i.id}>{i.position}. {i.title}</option>)}
          </select>
        </div>
      )}
      {namesMover && (
        <div className={`field${fieldError('mover') ? ' field-error' : ''}`}>
          <label htmlFor="motion-mover">Moved by</label>
          {fieldError('mover') && <p className="error-message">{fieldError('mover')}</p>}
          <select id="motion-mover" value={mover} onChange={(e) => setMover(e.target.value)} required>
            <option value="">Choose a member present…</option>
            {present.map((x) => <option key={x.seat} value={personId(x.member)!}>{personName(x.member)}</option>)}
          </select>
        </div>
      )}
      {!namesMover && me && <p className="hint">Moved in your name.</p>}
      <WriteError write={write} />
      <div className="actions">
        <button type="submit" className="button" disabled={write.pending}>{amends ? 'Move the amendment' : 'Move the motion'}</button>
        <button type="button" className="link-button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
