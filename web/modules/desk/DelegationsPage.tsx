// Task: let someone act for me while I am away, and see who acts for whom. The delegations I
// granted and those granted to me, each with its state in words (in force, not yet begun, ended,
// revoked), the longest a delegation may last and which rule said so, a form to grant one, and
// Revoke (asked twice: a revocation holds from the very next request).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { PersonLookup, type Picked } from '../../shared/person-lookup.tsx';
import { Breadcrumbs, ErrorSummary, Field, Loading, Problem, fieldError } from '../../shared/ui.tsx';
import { Who } from './parts.tsx';
import { villageTime } from './desk-words.ts';
import { KIND_WORDS, type Delegation, type Delegations } from './types.ts';

type State = 'in-force' | 'future' | 'ended' | 'revoked';
const STATE_WORDS: Record<State, string> = { 'in-force': 'in force', future: 'not yet begun', ended: 'ended', revoked: 'revoked' };

function stateOf(d: Delegation, now = Date.now()): State {
  if (d.revokedAt && Date.parse(d.revokedAt) <= now) return 'revoked';
  if (d.inForce) return 'in-force';
  return Date.parse(d.from) > now ? 'future' : 'ended';
}

const scopeWords = (scope: string[]) => (scope.length === 0 ? 'every kind of item' : scope.map((k) => KIND_WORDS[k] ?? k).join(', '));

/** A date-time typed in village time (UTC+03:00), as the instant the API takes. */
const villageInstant = (local: string) => `${local.length === 16 ? local + ':00' : local}+03:00`;

function DelegationTable({ caption, rows, mine, onRevoke }: { caption: string; rows: Delegation[]; mine: boolean; onRevoke?: (d: Delegation) => Promise<void> }) {
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<Record<string, string>>({});
  return (
    <table className="table desk-delegations">
      <caption className="visually-hidden">{caption}</caption>
      <thead><tr><th scope="col">{mine ? 'Acting official' : 'On behalf of'}</th><th scope="col">From</th><th scope="col">Until</th><th scope="col">Covers</th><th scope="col">State</th>{onRevoke && <th scope="col"><span className="visually-hidden">Actions</span></th>}</tr></thead>
      <tbody>
        {rows.map((d) => {
          const state = stateOf(d);
          return (
            <tr key={d.id} className={`desk-delegation-${state}`}>
              <th scope="row"><Who person={mine ? d.delegate : d.grantor} /></th>
              <td>{villageTime(d.from)}</td>
              <td>{villageTime(d.to)}</td>
              <td>{scopeWords(d.scope)}</td>
              <td>
                <span className={`badge desk-state desk-state-${state}`}>{STATE_WORDS[state]}</span>
                {d.revokedAt && <div className="muted small">revoked {villageTime(d.revokedAt)}</div>}
                <div className="muted small">at most {d.maxDays.days} days ({d.maxDays.basis})</div>
              </td>
              {onRevoke && (
                <td>
                  {(state === 'in-force' || state === 'future') && (asking === d.id ? (
                    <span className="desk-confirm" role="group" aria-label="Confirm the revocation">
                      Revoke it? <button type="button" className="button danger" onClick={async () => {
                        try { await onRevoke(d); setAsking(null); } catch (e) { setError((x) => ({ ...x, [d.id]: (e as Error).message })); }
                      }}>Yes, revoke</button>{' '}
                      <button type="button" className="link-button" onClick={() => setAsking(null)}>Keep it</button>
                    </span>
                  ) : <button type="button" className="button secondary" onClick={() => setAsking(d.id)}>Revoke</button>)}
                  {error[d.id] && <p className="error-message" role="alert">{error[d.id]}</p>}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function GrantForm({ longest, onDone }: { longest?: Delegation['maxDays']; onDone: (d: Delegation) => void }) {
  const qc = useQueryClient();
  const [delegate, setDelegate] = useState<Picked | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [billsOnly, setBillsOnly] = useState(false);
  const grant = useMutation({
    mutationFn: () => api<Delegation>('/api/desk/delegations', {
      method: 'POST',
      json: { delegate: delegate?.id ?? '', from: from ? villageInstant(from) : '', to: to ? villageInstant(to) : '', scope: billsOnly ? ['legislature.bill.sign'] : [] },
    }),
    onSuccess: async (d) => {
      setDelegate(null); setFrom(''); setTo(''); setBillsOnly(false);
      onDone(d);
      await qc.invalidateQueries({ queryKey: ['desk'] });
    },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); grant.mutate(); };
  return (
    <form className="panel desk-grant" onSubmit={submit} noValidate aria-labelledby="grant-title">
      <h2 id="grant-title">Grant a delegation</h2>
      <p className="hint">The acting official may decide the items on your desk for the period, with your authority but their own clearance.
        {longest ? <> The longest you may grant: <strong>{longest.days} days</strong> ({longest.basis}, when you last granted one).</> : ' Section 3-104 sets the longest period; the answer says which rule applied.'}</p>
      <ErrorSummary error={grant.error} fieldIds={{ delegate: 'grant-delegate', from: 'grant-from', to: 'grant-to', scope: 'grant-scope' }} />
      {delegate ? (
        <div className="field">
          <span className="label-like">Acting official</span>
          <p><strong>{delegate.name}</strong> <button type="button" className="link-button" onClick={() => setDelegate(null)}>Choose someone else</button></p>
        </div>
      ) : <PersonLookup id="grant-delegate" label="Acting official" hint="Type two letters of a name; Enter picks the only match." error={fieldError(grant.error, 'delegate')} onPick={setDelegate} />}
      <div className="desk-grant-dates">
        <Field id="grant-from" label="From (village time)" hint="The delegation starts at this moment." error={fieldError(grant.error, 'from')}>
          <input id="grant-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} aria-describedby="grant-from-hint" />
        </Field>
        <Field id="grant-to" label="Until (village time)" hint="The delegation ends at this moment." error={fieldError(grant.error, 'to')}>
          <input id="grant-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} aria-describedby="grant-to-hint" />
        </Field>
      </div>
      <fieldset className="fieldset" id="grant-scope">
        <legend>Covers</legend>
        <label className="check"><input type="radio" name="scope" checked={!billsOnly} onChange={() => setBillsOnly(false)} /> Every kind of item</label>
        <label className="check"><input type="radio" name="scope" checked={billsOnly} onChange={() => setBillsOnly(true)} /> Only bills to sign or veto</label>
      </fieldset>
      <div className="actions">
        <button className="button" type="submit" disabled={grant.isPending}>{grant.isPending ? 'Granting…' : 'Grant the delegation'}</button>
      </div>
    </form>
  );
}

export function DelegationsPage() {
  const session = useSession();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['desk', 'delegations'], queryFn: () => api<Delegations>('/api/desk/delegations') });
  const [said, setSaid] = useState<string | null>(null);
  const revoke = async (d: Delegation) => {
    await api<Delegation>(`/api/desk/delegations/${encodeURIComponent(d.id)}/revoke`, { method: 'POST' });
    setSaid(`Revoked the delegation to ${'name' in d.delegate ? d.delegate.name : 'the acting official'}: it no longer holds.`);
    await qc.invalidateQueries({ queryKey: ['desk'] });
  };
  return (
    <div className="desk">
      <Breadcrumbs trail={[['Desk', '/desk'], ['Delegations']]} />
      <h1>Delegations</h1>
      <p className="lede">Who may decide the items on your desk while you are away, and for whom you act. Authority passes; clearance does not.</p>
      <div role="status">{said && <p className="notice notice-success">{said}</p>}</div>
      {list.isPending ? <Loading what="your delegations" /> : list.isError ? <Problem error={list.error} retry={() => list.refetch()} /> : (
        <>
          <h2>You granted</h2>
          {list.data.granted.length === 0 ? <p className="notice">You have granted no delegation.</p>
            : <DelegationTable caption="Delegations you granted" rows={list.data.granted} mine onRevoke={session.can('desk.delegate') ? revoke : undefined} />}
          <h2>Granted to you</h2>
          {list.data.held.length === 0 ? <p className="notice">Nobody has delegated their desk to you.</p>
            : <DelegationTable caption="Delegations granted to you" rows={list.data.held} mine={false} />}
        </>
      )}
      {session.can('desk.delegate') && (
        <GrantForm longest={[...(list.data?.granted ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]?.maxDays} onDone={(d) => setSaid(`Granted: ${'name' in d.delegate ? d.delegate.name : 'the acting official'} acts for you from ${villageTime(d.from)} until ${villageTime(d.to)} (at most ${d.maxDays.days} days: ${d.maxDays.basis}).`)} />
      )}
      <p className="hint">Times are village time (UTC+03:00).</p>
    </div>
  );
}
