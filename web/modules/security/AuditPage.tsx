// Task: see who did what, when — filter the audit log by person, action, object and date.
import { useSearchParams, Link } from 'react-router';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import { Loading, Problem, formatDate, ClassificationTag, WithheldRef } from '../../shared/ui.tsx';

type Withheld = { withheld: true };

interface AuditRecord {
  seq: number; at: string; actor: string | Withheld; actorPersonId: string | Withheld | null; onBehalfOf: string | Withheld | null; action: string; outcome: string;
  objectType: string | null; objectId: string | null; classification: string; compartments: string[]; detail: unknown; hash: string;
  /** Set when the stored row is not as its writer stored it. */
  damage?: string;
}

const FIELDS = [
  ['actor', 'Who', 'e.g. user:aiko'],
  ['person', 'Person id', 'the acting person'],
  ['action', 'Action', 'e.g. registry.person.update or registry.*'],
  ['objectType', 'Object type', 'person, membership, account…'],
  ['objectId', 'Object id', ''],
  ['from', 'From', ''],
  ['to', 'To', ''],
] as const;

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(['actor', 'person', 'action', 'objectType', 'objectId', 'outcome', 'from', 'to', 'before'].map((k) => [k, params.get(k)]));
  const log = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api<{ items: AuditRecord[]; total: number }>(`/api/security/audit${qs({ ...query, limit: 50 })}`),
    placeholderData: keepPreviousData,
  });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('before');
    setParams(next);
  };
  return (
    <div>
      <h1>Audit log</h1>
      <p className="lede">Every change, login and refusal, in order. Each record is chained to the one before it; <code>sandstone audit verify</code> proves none was altered.</p>
      <form className="search-panel" onSubmit={(e) => e.preventDefault()}>
        <div className="filters">
          {FIELDS.map(([k, label, hint]) => (
            <div className="field" key={k}>
              <label htmlFor={`a-${k}`}>{label}</label>
              <input id={`a-${k}`} type={k === 'from' || k === 'to' ? 'date' : 'text'} placeholder={hint} defaultValue={params.get(k) ?? ''}
                onBlur={(e) => set(k, e.target.value.trim())} onKeyDown={(e) => e.key === 'Enter' && set(k, (e.target as HTMLInputElement).value.trim())} />
            </div>
          ))}
          <div className="field">
            <label htmlFor="a-outcome">Outcome</label>
            <select id="a-outcome" value={params.get('outcome') ?? ''} onChange={(e) => set('outcome', e.target.value)}>
              <option value="">Any</option><option value="ok">done</option><option value="denied">refused</option><option value="failed">failed</option>
            </select>
          </div>
        </div>
      </form>
      {log.isPending ? <Loading what="the audit log" /> : log.isError ? <Problem error={log.error} /> : (
        <>
          <p className="result-count">{log.data.total} record{log.data.total === 1 ? '' : 's'}</p>
          <table className="table audit-table">
            <thead><tr><th scope="col">#</th><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Object</th><th scope="col">Outcome</th></tr></thead>
            <tbody>
              {log.data.items.map((r) => (
                <tr key={r.seq} className={r.outcome !== 'ok' || r.damage ? 'audit-refused' : undefined}>
                  <td data-label="#">{r.seq}{r.damage && <strong className="audit-damaged" title={r.damage}> damaged: {r.damage}</strong>}</td>
                  <td data-label="When">{formatDate(r.at)} {r.at.slice(11, 19)}</td>
                  <td data-label="Who">{typeof r.actor !== 'string' ? <WithheldRef what="someone" /> : typeof r.actorPersonId === 'string' ? <Link to={`/people/${r.actorPersonId}`}>{r.actor}</Link> : r.actor}
                    {r.onBehalfOf === null ? null : typeof r.onBehalfOf === 'string' ? <> for <Link to={`/people/${r.onBehalfOf}`}>a person</Link></> : <> for <WithheldRef what="a person" /></>}</td>
                  <td data-label="Action"><code>{r.action}</code></td>
                  <td data-label="Object">{r.objectType === 'person' && r.objectId ? <Link to={`/people/${r.objectId}`}>{r.objectType}</Link> : r.objectType ?? '—'} <ClassificationTag classification={r.classification} compartments={r.compartments} /></td>
                  <td data-label="Outcome">{r.outcome === 'ok' ? 'done' : r.outcome === 'denied' ? 'refused' : 'failed'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.data.items.length === 50 && (
            <button className="button secondary" onClick={() => { const n = new URLSearchParams(params); n.set('before', String(log.data.items.at(-1)!.seq)); setParams(n); }}>Older records →</button>
          )}
        </>
      )}
    </div>
  );
}
