// The floor and the speaker queue: who speaks (a big clock everyone in the hall reads alike, run
// from the server's time), who waits (points of order first), who spoke; and the buttons the
// asking account may use. The clerk also records a hand raised in the hall: a member who asks to
// speak or rises on a point of order without a screen, and withdraws a request for them.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Session } from './types.ts';
import { clockOffset, clockText, floorSecondsLeft, personId, personName, villageTime } from './session-model.ts';
import { useSessionWrite, WriteError } from './SessionWrites.tsx';

const LIMITS: [number, string][] = [[60, '1 minute'], [120, '2 minutes'], [180, '3 minutes'], [300, '5 minutes'], [600, '10 minutes'], [900, '15 minutes']];

export function SessionQueue({ session: s, me }: { session: Session; me: string | null }) {
  const write = useSessionWrite(s.code);
  const [limit, setLimit] = useState(300);
  const q = s.queue;
  const sitting = s.status === 'sitting';
  const canChair = s.you.chair || s.you.manage;
  const mine = q.waiting.find((w) => personId(w.member) === me);
  const onFloor = q.floor && personId(q.floor.member) === me;
  const act = (json: object) => write.send(`/api/legislature/sessions/${s.code}/queue`, 'POST', json);
  const head = q.waiting[0];

  return (
    <section className="session-panel session-floor" aria-labelledby="floor-title">
      <h2 id="floor-title">The floor</h2>
      {q.floor ? <FloorClock session={s} /> : (
        <p className="floor-empty">{sitting ? 'Nobody has the floor.' : s.status === 'scheduled' ? 'The floor opens when the sitting does.' : 'The sitting is over.'}</p>
      )}
      {sitting && (
        <div className="session-buttons" role="group" aria-label="Speaker queue actions">
          {s.you.member && !mine && !onFloor && <>
            <button type="button" className="button" disabled={write.pending} onClick={() => act({ type: 'request', kind: 'speak' })}>Ask to speak</button>
            <button type="button" className="button secondary" disabled={write.pending} onClick={() => act({ type: 'request', kind: 'point_of_order' })}>Point of order</button>
          </>}
          {mine && <button type="button" className="button secondary" disabled={write.pending} onClick={() => act({ type: 'withdraw' })}>Withdraw my request</button>}
          {q.floor && (onFloor || canChair) && (
            <button type="button" className="button secondary" disabled={write.pending} onClick={() => act({ type: 'yield' })}>{onFloor && !canChair ? 'Yield the floor' : 'End the turn'}</button>
          )}
          {canChair && head && !q.floor && <>
            <label className="inline-label" htmlFor="floor-limit">Speaking time</label>
            <select id="floor-limit" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
              {LIMITS.map(([v, w]) => <option key={v} value={v}>{w}</option>)}
            </select>
            <button type="button" className="button" disabled={write.pending} onClick={() => act({ type: 'grant', limitSeconds: limit })}>
              Give the floor to {personName(head.member)}
            </button>
          </>}
        </div>
      )}
      {sitting && canChair && q.floor && head && <p className="hint">End the turn to give the floor to {personName(head.member)} next.</p>}
      {sitting && s.you.manage && <HandRaised session={s} send={act} pending={write.pending} />}
      <WriteError write={write} />

      <h3>Waiting {q.waiting.length > 0 && <span className="count">({q.waiting.length})</span>}</h3>
      {q.waiting.length === 0 ? <p className="muted">Nobody is waiting.</p> : (
        <ol className="queue-list">
          {q.waiting.map((w, i) => (
            <li key={i} className={w.kind === 'point_of_order' ? 'queue-poo' : undefined}>
              {w.kind === 'point_of_order' && <span className="badge badge-poo">Point of order</span>} {personName(w.member)}
              {personId(w.member) === me && <span className="you-mark"> (you)</span>}
              <span className="muted small"> since {villageTime(w.at)}</span>
              {sitting && s.you.manage && personId(w.member) && personId(w.member) !== me && (
                <button type="button" className="button secondary small queue-withdraw" disabled={write.pending}
                  aria-label={`Withdraw ${personName(w.member)}'s request`} onClick={() => act({ type: 'withdraw', member: personId(w.member) })}>Withdraw</button>
              )}
            </li>
          ))}
        </ol>
      )}
      {q.spoke.length > 0 && (
        <details className="spoke">
          <summary>Spoke so far ({q.spoke.length})</summary>
          <ol className="queue-list">
            {q.spoke.map((x, i) => (
              <li key={i}>{personName(x.member)}{x.kind === 'point_of_order' ? ' (point of order)' : ''} <span className="muted small">{villageTime(x.from)}–{villageTime(x.to)}, {clockText((Date.parse(x.to) - Date.parse(x.from)) / 1000)}</span></li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

/** The clerk's form: a member raised a hand (to speak, or on a point of order); the clerk adds them to the queue. */
function HandRaised({ session: s, send, pending }: { session: Session; send: (json: object) => Promise<boolean>; pending: boolean }) {
  const [who, setWho] = useState('');
  const [kind, setKind] = useState<'speak' | 'point_of_order'>('speak');
  // Only members the reader may see can be named; one already waiting for this kind is not offered again.
  const members = s.members.flatMap((m) => {
    const id = personId(m.member);
    const waiting = s.queue.waiting.some((w) => personId(w.member) === id && w.kind === kind);
    return id && !waiting ? [{ id, name: personName(m.member), seat: m.seat }] : [];
  });
  const picked = members.some((m) => m.id === who) ? who : '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (picked && (await send({ type: 'request', kind, member: picked }))) setWho('');
  };
  return (
    <form className="hand-raised" onSubmit={submit} aria-labelledby="hand-raised-title">
      <h3 id="hand-raised-title">Record a hand raised</h3>
      <div className="field">
        <label htmlFor="hand-member">Member</label>
        <select id="hand-member" value={picked} onChange={(e) => setWho(e.target.value)}>
          <option value="">Choose a member…</option>
          {members.map((m) => <option key={m.id} value={m.id}>{m.name} ({m.seat})</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="hand-kind">Asks</label>
        <select id="hand-kind" value={kind} onChange={(e) => setKind(e.target.value as 'speak' | 'point_of_order')}>
          <option value="speak">to speak</option>
          <option value="point_of_order">on a point of order</option>
        </select>
      </div>
      <button type="submit" className="button secondary" disabled={pending || !picked}>Add to the queue</button>
    </form>
  );
}

/** The running clock: ticks locally from the server's `since`, so it does not drift between viewers. */
function FloorClock({ session: s }: { session: Session }) {
  const floor = s.queue.floor!;
  // Taken once per answer: the same serverTime is the same answer.
  const offset = useMemo(() => clockOffset(s.queue.serverTime, Date.now()), [s.queue.serverTime]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const left = floorSecondsLeft(floor, offset, now);
  const state = left < 0 ? 'over' : left <= 30 ? 'ending' : 'ok';
  return (
    <div className={`floor-clock floor-${state}`}>
      <div className="floor-who">
        <span className="floor-name">{personName(floor.member)}</span>
        <span className="floor-kind">{floor.kind === 'point_of_order' ? 'on a point of order' : 'has the floor'} since {villageTime(floor.since)}, {clockText(floor.limitSeconds)} allowed</span>
      </div>
      {/* Not a live region: the ticking digits are read when looked at, not announced each second; the state words are. */}
      <div className="floor-time">{clockText(left)}</div>
      <div className="floor-state" role="status">{state === 'over' ? 'Over time' : state === 'ending' ? 'Under 30 seconds left' : 'Time left'}</div>
    </div>
  );
}
