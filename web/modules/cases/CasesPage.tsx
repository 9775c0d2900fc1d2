// Task: find a case or an inter-village request. Two tabs: the cases (filter by kind and state)
// and the requests (filter by state); each row opens its page. A case above the reader's
// clearance is not in the list, nor counted.
import { Link, NavLink, useSearchParams } from 'react-router';
import { isWithheld } from '../../app/types.ts';
import { ClassificationTag, Loading, Pagination, Problem } from '../../shared/ui.tsx';
import { villageTime } from './case-words.ts';
import { PAGE, casePath, requestPath, useCases, useRequests } from './queries.ts';
import { CaseStateBadge, RequestStateBadge } from './parts.tsx';
import {
  CASE_KINDS, CASE_KIND_WORDS, CASE_STATES, CASE_STATE_WORDS, REQUEST_KIND_WORDS, REQUEST_STATES, REQUEST_STATE_WORDS, type VillageShown,
} from './types.ts';

function Tabs() {
  return (
    <nav className="cases-tabs" aria-label="Cases and requests">
      <NavLink to="/cases" end>Cases</NavLink>
      <NavLink to="/cases/requests" end>Inter-village requests</NavLink>
    </nav>
  );
}

const offsetOf = (p: URLSearchParams) => Math.max(0, Number(p.get('offset')) || 0);

export function CasesPage() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const state = params.get('state') ?? '';
  const offset = offsetOf(params);
  const cases = useCases({ kind: kind || undefined, state: state || undefined, offset });
  const set = (k: string, v: string) => setParams((p) => { const n = new URLSearchParams(p); if (v) n.set(k, v); else n.delete(k); n.delete('offset'); return n; });
  return (
    <div className="cases">
      <h1>Cases</h1>
      <p className="lede">Inquests, investigations, trials and inter-village requests: their state, parties and evidence.</p>
      <Tabs />
      <form className="filters cases-filters" role="search" aria-label="Filter cases" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="cases-kind">Kind</label>
          <select id="cases-kind" value={kind} onChange={(e) => set('kind', e.target.value)}>
            <option value="">Any kind</option>
            {CASE_KINDS.map((k) => <option key={k} value={k}>{CASE_KIND_WORDS[k]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cases-state">State</label>
          <select id="cases-state" value={state} onChange={(e) => set('state', e.target.value)}>
            <option value="">Any state</option>
            {CASE_STATES.map((s) => <option key={s} value={s}>{CASE_STATE_WORDS[s]}</option>)}
          </select>
        </div>
      </form>
      {cases.isPending ? <Loading what="cases" /> : cases.isError ? <Problem error={cases.error} retry={() => cases.refetch()} /> : cases.data.items.length === 0 ? (
        <p className="notice">{kind || state ? 'No case matches these filters.' : 'No case is open to you.'}</p>
      ) : (
        <>
          <p className="result-count" role="status">{cases.data.total === 1 ? '1 case' : `${cases.data.total} cases`}</p>
          <table className="table cases-table">
            <caption className="visually-hidden">Cases, newest first</caption>
            <thead><tr><th scope="col">Code</th><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Opened</th></tr></thead>
            <tbody>
              {cases.data.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row" data-label="Code"><Link to={casePath(c.code)}>{c.code}</Link></th>
                  <td data-label="Title">{c.title} <ClassificationTag classification={c.classification} compartments={c.compartments} /></td>
                  <td data-label="Kind">{CASE_KIND_WORDS[c.kind]}</td>
                  <td data-label="State"><CaseStateBadge state={c.state} /></td>
                  <td data-label="Opened">{villageTime(c.openedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {cases.data.total > PAGE && <Pagination total={cases.data.total} limit={PAGE} offset={offset} onPage={(o) => setParams((p) => { const n = new URLSearchParams(p); n.set('offset', String(o)); return n; })} />}
        </>
      )}
    </div>
  );
}

export const villageName = (v: VillageShown) => (isWithheld(v) ? 'a village not shown at your clearance' : v.name);

export function RequestsPage() {
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const offset = offsetOf(params);
  const requests = useRequests({ state: state || undefined, offset });
  return (
    <div className="cases">
      <h1>Inter-village requests</h1>
      <p className="lede">Extraditions and prisoner transfers between villages, from the draft to the surrender.</p>
      <Tabs />
      <form className="filters cases-filters" role="search" aria-label="Filter requests" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="requests-state">State</label>
          <select id="requests-state" value={state} onChange={(e) => setParams(e.target.value ? { state: e.target.value } : {})}>
            <option value="">Any state</option>
            {REQUEST_STATES.map((s) => <option key={s} value={s}>{REQUEST_STATE_WORDS[s]}</option>)}
          </select>
        </div>
      </form>
      {requests.isPending ? <Loading what="requests" /> : requests.isError ? <Problem error={requests.error} retry={() => requests.refetch()} /> : requests.data.items.length === 0 ? (
        <p className="notice">{state ? 'No request is in this state.' : 'No request is open to you.'}</p>
      ) : (
        <>
          <p className="result-count" role="status">{requests.data.total === 1 ? '1 request' : `${requests.data.total} requests`}</p>
          <table className="table cases-table">
            <caption className="visually-hidden">Inter-village requests, newest first</caption>
            <thead><tr><th scope="col">Code</th><th scope="col">Kind</th><th scope="col">From → to</th><th scope="col">State</th><th scope="col">Drafted</th></tr></thead>
            <tbody>
              {requests.data.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row" data-label="Code"><Link to={requestPath(r.code)}>{r.code}</Link> <ClassificationTag classification={r.classification} compartments={r.compartments} /></th>
                  <td data-label="Kind">{REQUEST_KIND_WORDS[r.kind]}</td>
                  <td data-label="From → to">{villageName(r.requestingVillage)} → {villageName(r.requestedVillage)}</td>
                  <td data-label="State"><RequestStateBadge state={r.state} /></td>
                  <td data-label="Drafted">{villageTime(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {requests.data.total > PAGE && <Pagination total={requests.data.total} limit={PAGE} offset={offset} onPage={(o) => setParams((p) => { const n = new URLSearchParams(p); n.set('offset', String(o)); return n; })} />}
        </>
      )}
    </div>
  );
}
