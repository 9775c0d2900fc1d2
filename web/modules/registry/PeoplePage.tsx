// Task: find a person. Search by name, narrow by village, rank, status, organization, date.
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import { RANKS, STATUSES, type PeoplePage as PeopleAnswer, type StatusFacet } from '../../app/types.ts';
import { Loading, Pagination, Problem, StatusBadge, formatDate, ClassificationTag } from '../../shared/ui.tsx';
import { useOrganizations, useVillages } from './queries.ts';
import { useSession } from '../../app/session.tsx';

const LIMIT = 25;
const FILTERS = ['village', 'rank', 'status', 'organization', 'asOf'] as const;

export function PeoplePage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const box = useRef<HTMLInputElement>(null);
  const offset = Number(params.get('offset') ?? 0) || 0;
  const villages = useVillages();
  const orgs = useOrganizations();

  useEffect(() => {
    if (params.get('focus')) box.current?.focus();
  }, [params]);

  // Typing updates the address after a short pause, so the back button and links keep the search.
  useEffect(() => {
    const t = setTimeout(() => {
      if ((params.get('q') ?? '') === text) return;
      const next = new URLSearchParams(params);
      if (text) next.set('q', text);
      else next.delete('q');
      next.delete('offset');
      next.delete('focus');
      setParams(next, { replace: true });
    }, 250);
    return () => clearTimeout(t);
  }, [text, params, setParams]);

  const query = {
    q: params.get('q'), village: params.get('village'), rank: params.get('rank'), status: params.get('status'),
    organization: params.get('organization'), asOf: params.get('asOf'), facets: 'status', limit: LIMIT, offset,
  };
  const people = useQuery({ queryKey: ['people', query], queryFn: () => api<PeopleAnswer>(`/api/registry/people${qs(query)}`), placeholderData: keepPreviousData });

  const setFilter = (k: string, v: string) => {
    // From the address as it is now, not as it was at the last render: two quick changes (a
    // village, then a status) must both be kept.
    const next = new URLSearchParams(window.location.search);
    if (v) next.set(k, v);
    else next.delete(k);
    // A new filter starts again from the first page; turning a page keeps the filters.
    if (k !== 'offset') next.delete('offset');
    next.delete('focus');
    setParams(next);
  };
  const active = FILTERS.filter((f) => params.get(f));

  return (
    <div>
      <div className="page-head">
        <h1>People</h1>
        {session.can('registry.person.create') && <Link className="button" to="/people/new">Add a person</Link>}
      </div>
      <form className="search-panel" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field search-field">
          <label htmlFor="people-search">Search by name</label>
          <input id="people-search" ref={box} type="search" data-hotkey="/" value={text} autoComplete="off" placeholder="e.g. Kankuro, Rock Lee, kazu…"
            onChange={(e) => setText(e.target.value)} aria-describedby="people-search-hint" />
          <p className="hint" id="people-search-hint">Any part of a name from its start; accents and capitals do not matter. Press <kbd>/</kbd> to come here.</p>
        </div>
        <div className="filters">
          <FilterSelect id="f-village" label="Village" any="Any village" value={params.get('village')} onChange={(v) => setFilter('village', v)}
            options={villages.data?.map((v) => [v.code, v.name]) ?? []} />
          <FilterSelect id="f-rank" label="Rank" any="Any rank" value={params.get('rank')} onChange={(v) => setFilter('rank', v)} options={RANKS} />
          <FilterSelect id="f-status" label="Status" any="Any status" value={params.get('status')} onChange={(v) => setFilter('status', v)} options={STATUSES} />
          <FilterSelect id="f-org" label="Organization" any="Any organization" value={params.get('organization')} onChange={(v) => setFilter('organization', v)}
            options={orgs.data?.items.map((o) => [o.code ?? o.id, `${o.name}${o.village ? ` (${o.village.name})` : ''}`]) ?? []} />
          <div className="field">
            <label htmlFor="f-asof">As of date</label>
            <input id="f-asof" type="date" value={params.get('asOf') ?? ''} onChange={(e) => setFilter('asOf', e.target.value)} />
          </div>
        </div>
        {active.length > 0 && (
          <button type="button" className="link-button" onClick={() => { setText(''); setParams(new URLSearchParams()); }}>Clear search and filters</button>
        )}
      </form>

      {people.isPending ? <Loading what="people" /> : people.isError ? <Problem error={people.error} retry={() => people.refetch()} /> : (
        <>
          <p className="result-count" aria-live="polite">{people.data.total === 0 ? 'No one matches.' : `${people.data.total} ${people.data.total === 1 ? 'person' : 'people'}`}{params.get('asOf') ? ` as of ${formatDate(params.get('asOf'))}` : ''}</p>
          {people.data.facets && <StatusTally facets={people.data.facets.status} selected={params.get('status')} onPick={(v) => setFilter('status', v)} />}
          {people.data.items.length > 0 && (
            <table className="table people-table">
              <caption className="visually-hidden">People matching the search</caption>
              <thead>
                <tr><th scope="col">Name</th><th scope="col">Rank</th><th scope="col">Village</th><th scope="col">Status</th><th scope="col">Since</th></tr>
              </thead>
              <tbody>
                {people.data.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" data-label="Name"><Link to={`/people/${p.id}`}>{p.displayName}</Link> <ClassificationTag classification={p.classification} compartments={p.compartments} /></th>
                    <td data-label="Rank">{p.rankLabel}</td>
                    <td data-label="Village">{p.allegianceVillage?.name ?? '—'}</td>
                    <td data-label="Status">{p.status ? <StatusBadge status={p.status.status} label={p.status.label} /> : '—'}</td>
                    <td data-label="Since">{formatDate(p.status?.since)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pagination total={people.data.total} limit={LIMIT} offset={offset} onPage={(o) => setFilter('offset', o ? String(o) : '')} />
        </>
      )}
    </div>
  );
}

/**
 * How the matches split by status, as a bar and as buttons: a glance shows who is missing or on
 * leave, a press narrows the list to them (and again to widen it). The counts ignore the status
 * filter, so every choice keeps its number.
 */
function StatusTally({ facets, selected, onPick }: { facets: StatusFacet[]; selected: string | null; onPick: (status: string) => void }) {
  const total = facets.reduce((n, f) => n + f.count, 0);
  if (total === 0) return null;
  return (
    <div className="tally" role="group" aria-label="Matches by status">
      <div className="tally-bar" aria-hidden="true">
        {facets.map((f) => <span key={f.status ?? 'none'} className={`tally-part badge-${f.status ?? 'none'}${selected && selected !== f.status ? ' tally-dim' : ''}`} style={{ flexGrow: f.count }} />)}
      </div>
      <ul className="tally-list">
        {facets.map((f) => (
          <li key={f.status ?? 'none'}>
            {f.status ? (
              <button type="button" className="tally-item" aria-pressed={selected === f.status} onClick={() => onPick(selected === f.status ? '' : f.status!)}
                title={selected === f.status ? 'Show every status again' : `Show only ${f.label}`}>
                <StatusBadge status={f.status} label={f.label} /> <span className="tally-count">{f.count}</span>
              </button>
            ) : <span className="tally-item muted">{f.label} <span className="tally-count">{f.count}</span></span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function FilterSelect({ id, label, any, value, options, onChange }: { id: string; label: string; any: string; value: string | null; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{any}</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
}
