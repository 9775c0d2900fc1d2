// The vote board: the question and its rule, each member's answer by seat as it comes in, the
// tally against the line the yes votes must reach, the member's own buttons, and the clerk's
// (open, record an answer called aloud, close). After the close, the result and why.
import { useState, type FormEvent } from 'react';
import { CitedText } from '../../shared/citations.tsx';
import type { BallotOption, Session, Vote } from './types.ts';
import { neededWords, OPTION_WORDS, OUTCOME_WORDS, personId, personName, ruleWords, tallyOf, villageTime, yesNeeded } from './session-model.ts';
import { useSessionWrite, WriteError } from './SessionWrites.tsx';

const ANSWERS: Exclude<BallotOption, 'absent'>[] = ['yes', 'no', 'abstain'];

export function SessionVoteBoard({ session: s, me }: { session: Session; me: string | null }) {
  const open = s.votes.find((v) => v.status === 'open');
  const closed = s.votes.filter((v) => v.status === 'closed');
  const shown = open ?? closed[closed.length - 1];
  return (
    <section className="session-panel session-votes" aria-labelledby="votes-title">
      <h2 id="votes-title">Vote board</h2>
      {shown ? <VoteCard session={s} vote={shown} me={me} /> : <p className="muted">No vote yet in this session.</p>}
      {s.you.manage && s.status === 'sitting' && !open && <OpenVoteForm session={s} />}
      {closed.length > (open ? 0 : 1) && (
        <>
          <h3>Earlier votes</h3>
          <ol className="past-votes">
            {closed.filter((v) => v !== shown).reverse().map((v) => (
              <li key={v.id}>
                <strong>Vote {v.number}</strong>: {v.question} — <OutcomeBadge vote={v} />
                {v.result && <span className="muted small"> {v.result.tally.yes} yes, {v.result.tally.no} no, {v.result.tally.abstain} abstaining, {v.result.tally.absent} absent</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function OutcomeBadge({ vote }: { vote: Vote }) {
  if (!vote.result) return <span className="badge badge-vote-open">Open</span>;
  return <span className={`badge badge-outcome-${vote.result.outcome}`}>{OUTCOME_WORDS[vote.result.outcome]}</span>;
}

function VoteCard({ session: s, vote: v, me }: { session: Session; vote: Vote; me: string | null }) {
  const write = useSessionWrite(s.code);
  const isOpen = v.status === 'open';
  const byMember = new Map(v.ballots.map((b) => [personId(b.member), b]));
  const mine = me ? byMember.get(me) : undefined;
  // Section 2-105(3): the chair answers no roll call; an excused member is not present and answers none.
  const chairId = personId(s.chair);
  const voters = s.members.filter((m) => personId(m.member) !== chairId).length;
  const tally = tallyOf(v, voters);
  const cast = (option: string, member?: string) => write.send(`/api/legislature/votes/${v.id}/ballots`, 'POST', member ? { option, member } : { option });
  return (
    <article className={`vote-card vote-${v.status}`} aria-labelledby={`vote-${v.number}-q`}>
      <p className="vote-kicker">
        Vote {v.number} · <OutcomeBadge vote={v} /> · opened {villageTime(v.openedAt)}{v.closedAt ? `, closed ${villageTime(v.closedAt)}` : ''}
      </p>
      <h3 id={`vote-${v.number}-q`} className="vote-question"><CitedText text={v.question} at={s.date} /></h3>
      <p className="vote-rule">Rule: <strong>{ruleWords(v.rule)}</strong>. Quorum {v.rule.quorum} <span className="muted small">({v.rule.quorumBasis})</span>.</p>

      {v.result && (
        <div className={`vote-result result-${v.result.outcome}`}>
          <p className="vote-result-head">{OUTCOME_WORDS[v.result.outcome]}</p>
          <p><CitedText text={v.result.explanation} at={s.date} /></p>
        </div>
      )}

      {s.you.member && s.you.chair && (
        <p className="vote-mine muted">You are in the chair: you answer no roll call; when the votes are equal the question stays as it was (section 2-105(3)).</p>
      )}
      {s.you.member && !s.you.chair && (
        <div className="vote-mine">
          {mine ? <p className="you-voted">You have voted <strong>{OPTION_WORDS[mine.option].toLowerCase()}</strong>{mine.calledAloud ? ' (recorded by the clerk as called aloud)' : ''}.</p>
            : isOpen ? (
              <div className="session-buttons" role="group" aria-label="Your answer">
                <span className="vote-ask">Your answer:</span>
                {ANSWERS.map((o) => (
                  <button key={o} type="button" className={`button vote-button vote-button-${o}`} disabled={write.pending} onClick={() => cast(o)}>{OPTION_WORDS[o]}</button>
                ))}
              </div>
            ) : <p className="muted">You did not answer: recorded absent.</p>}
        </div>
      )}
      <WriteError write={write} />

      <TallyChart vote={v} tally={tally} members={voters} />

      <h4 className="ballot-head">Answers by seat {isOpen && <span className="muted small">({v.answered} of {voters} so far)</span>}</h4>
      <ul className="ballot-grid">
        {s.members.map((m) => {
          const id = personId(m.member);
          const b = id ? byMember.get(id) : undefined;
          const inChair = id !== null && id === chairId;
          const excused = m.attendance === 'excused';
          const option = b?.option ?? (isOpen ? 'none' : 'absent');
          const name = personName(m.member);
          return (
            <li key={m.seat} className={`ballot ballot-${option}`}>
              <span className="ballot-seat">{m.seat.replace('Council seat ', 'Seat ')}</span>
              <span className="ballot-name">{name}{id && id === me ? ' (you)' : ''}</span>
              <span className="ballot-answer">{inChair && !b ? 'In the chair' : excused && !b ? `${OPTION_WORDS[option]} · excused` : OPTION_WORDS[option]}{b?.calledAloud ? <span className="muted small"> · called aloud</span> : null}</span>
              {isOpen && !b && s.you.manage && id && !inChair && !excused && (
                <span className="ballot-record" role="group" aria-label={`Record ${name}'s answer called aloud`}>
                  {ANSWERS.map((o) => (
                    <button key={o} type="button" className="button secondary small" disabled={write.pending} aria-label={`Record ${OPTION_WORDS[o].toLowerCase()} for ${name}`} onClick={() => cast(o, id)}>{OPTION_WORDS[o]}</button>
                  ))}
                </span>
              )}
            </li>
          );
        })}
      </ul>

      {isOpen && s.you.manage && (
        <div className="session-buttons">
          <button type="button" className="button" disabled={write.pending} onClick={() => write.send(`/api/legislature/votes/${v.id}/close`, 'POST')}>Close the vote</button>
          <span className="hint">Members who have not answered are recorded absent.</span>
        </div>
      )}
    </article>
  );
}

/** Bars for yes, no, abstain and absent (or not yet), and the line the yes bar must reach. */
function TallyChart({ vote: v, tally, members }: { vote: Vote; tally: ReturnType<typeof tallyOf>; members: number }) {
  const isOpen = v.status === 'open';
  const needed = v.result ? v.result.needed : yesNeeded(v.rule, tally);
  const scale = Math.max(members, tally.present + tally.absent, needed, 1);
  const pct = (n: number) => `${(100 * n) / scale}%`;
  const rows: [string, string, number][] = [['yes', 'Yes', tally.yes], ['no', 'No', tally.no], ['abstain', 'Abstain', tally.abstain], ['absent', isOpen ? 'Not yet' : 'Absent', tally.absent]];
  const quorumShort = tally.present < v.rule.quorum;
  const needWords = v.result
    ? `${needed} yes needed, ${neededWords(v.rule, tally)}; ${tally.present} present`
    : v.rule.majority === 'two_thirds' ? `${needed} yes carry it, ${neededWords(v.rule, tally)}, however many answer`
      : tally.present === 0 ? 'No answers yet'
        : `${tally.present} answered so far; with these answers, ${needed} yes would carry it (${neededWords(v.rule, tally)})`;
  return (
    <figure className="tally-chart">
      <figcaption>
        <strong>Tally:</strong> {needWords}{quorumShort ? `. Quorum: ${v.rule.quorum} must answer` : ''}.
      </figcaption>
      {rows.map(([key, label, n]) => (
        <div key={key} className={`tally-row tally-${key}`}>
          <span className="tally-label">{label}</span>
          <span className="tally-track">
            <span className="tally-fill" style={{ width: pct(n) }} />
            {key === 'yes' && needed > 0 && <span className="tally-need" style={{ left: pct(needed) }} title={`${needed} needed`} aria-hidden="true"><span>{needed} needed</span></span>}
          </span>
          <span className="tally-n">{n}</span>
        </div>
      ))}
    </figure>
  );
}

function OpenVoteForm({ session: s }: { session: Session }) {
  const write = useSessionWrite(s.code);
  const seconded = s.motions.filter((m) => m.status === 'seconded');
  const readings = s.agenda.filter((i) => i.kind === 'bill_reading');
  const choices = [...seconded.map((m) => `motion:${m.number}`), ...readings.map((i) => `item:${i.id}`)];
  const [picked, setWhat] = useState('');
  // What was picked may since have been voted on or withdrawn: then the first still open to a vote.
  const what = choices.includes(picked) ? picked : choices[0] ?? '';
  // 'rule': the server derives the majority the question needs (section 2-111: two thirds for a
  // veto's override or a reading the same day as another, else a majority of those voting).
  const [majority, setMajority] = useState<'rule' | 'simple' | 'two_thirds'>('rule');
  const [basis, setBasis] = useState('');
  if (!seconded.length && !readings.length) return <p className="hint">A vote opens on a seconded motion or a bill reading on the agenda: none is waiting for one now.</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const [kind, ref] = what.split(':') as [string, string];
    const body: Record<string, unknown> = kind === 'motion' ? { motion: Number(ref) } : { item: ref };
    if (majority !== 'rule') body.majority = majority;
    if (basis.trim()) body.basis = basis.trim();
    if (await write.send(`/api/legislature/sessions/${s.code}/votes`, 'POST', body)) setBasis('');
  };
  const basisError = (write.error as { details?: { path?: string; message: string }[] } | null)?.details?.find((d) => d.path === 'body.basis')?.message;
  return (
    <form className="open-vote" onSubmit={submit} aria-labelledby="open-vote-title">
      <h3 id="open-vote-title">Open a vote</h3>
      <div className="field">
        <label htmlFor="vote-on">On</label>
        <select id="vote-on" value={what} onChange={(e) => setWhat(e.target.value)}>
          {seconded.map((m) => <option key={m.id} value={`motion:${m.number}`}>Motion {m.number}: {m.text.length > 80 ? m.text.slice(0, 80) + '…' : m.text}</option>)}
          {readings.map((i) => <option key={i.id} value={`item:${i.id}`}>Agenda {i.position}: {i.title}</option>)}
        </select>
      </div>
      <fieldset className="fieldset">
        <legend>Majority needed</legend>
        <label className="check"><input type="radio" name="majority" value="rule" checked={majority === 'rule'} onChange={() => setMajority('rule')} /> As the code requires for this question (section 2-111: two thirds to override a veto or for a second reading the same day)</label>
        <label className="check"><input type="radio" name="majority" value="simple" checked={majority === 'simple'} onChange={() => setMajority('simple')} /> Simple majority of those voting (section 2-111(1))</label>
        <label className="check"><input type="radio" name="majority" value="two_thirds" checked={majority === 'two_thirds'} onChange={() => setMajority('two_thirds')} /> Two thirds, where a statute requires it</label>
      </fieldset>
      {majority === 'two_thirds' && (
        <div className={`field${basisError ? ' field-error' : ''}`}>
          <label htmlFor="vote-basis">The statute that requires two thirds</label>
          <p className="hint" id="vote-basis-hint">For example 2-111(2)(d)</p>
          {basisError && <p className="error-message" id="vote-basis-error">{basisError}</p>}
          <input id="vote-basis" value={basis} onChange={(e) => setBasis(e.target.value)} aria-describedby={`vote-basis-hint${basisError ? ' vote-basis-error' : ''}`} />
        </div>
      )}
      <WriteError write={write} />
      <button type="submit" className="button" disabled={write.pending}>Open the vote</button>
    </form>
  );
}
