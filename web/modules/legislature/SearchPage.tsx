// Task: find the law on a matter by its words — ranked statutes (and bills) with the matched
// words marked, narrowed by title, kind, or the date the law is read on. A query that is a
// citation goes straight to the statute.
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import { Loading, Pagination, Problem, formatDate } from '../../shared/ui.tsx';
import { isDate, useTitles } from './queries.ts';
import { StatuteStatusBadge } from './StatusBadges.tsx';
import type { SearchAnswer } from './types.ts';

const LIMIT = 20;

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const offset = Number(params.get('offset') ?? 0) || 0;
  const query = { q, kind: params.get('kind'), title: params.get('title'), at: isDate(params.get('at')) ? params.get('at') : null, limit: LIMIT, offset };
  const titles = useTitles();
  const search = useQuery({
    queryKey: ['legislature', 'search', query],
    queryFn: () => api<SearchAnswer>(`/api/legislature/search${qs(query)}`),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  // A citation ("14-203(2)") is an address, not words: go there instead of listing matches.
  const jump = search.data?.jump;
  useEffect(() => {
    if (jump && search.data?.query.text === q) navigate(jump.url.includes('#') || !jump.eId || jump.eId === `sec_${jump.code}` ? jump.url : `${jump.url}#${jump.eId}`, { replace: true });
  }, [jump, q, search.data, navigate]);

  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(window.location.search);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'offset') next.delete('offset');
    setParams(next);
  };
  const filtered = ['kind', 'title', 'at'].some((k) => params.get(k));

  return (
    <div>
      <h1>Search the law</h1>
      <form className="search-panel" role="search" aria-label="Search the law" onSubmit={(e) => { e.preventDefault(); setParam('q', text.trim()); }}>
        <div className="field search-field">
          <label htmlFor="law-search">Words or a statute number</label>
          <div className="search-row">
            <input id="law-search" type="search" data-hotkey="/" value={text} autoComplete="off" maxLength={500} placeholder="e.g. extradition of deserters, “water ration”, 14-203(2)"
              onChange={(e) => setText(e.target.value)} aria-describedby="law-search-hint" />
            <button className="button" type="submit">Search</button>
          </div>
          <p className="hint" id="law-search-hint">Words match their beginnings and forgive a typo; put a phrase in quotes. A statute number takes you to the statute.</p>
        </div>
        <div className="filters">
          <div className="field">
            <label htmlFor="f-kind">Kind</label>
            <select id="f-kind" value={params.get('kind') ?? ''} onChange={(e) => setParam('kind', e.target.value)}>
              <option value="">Statutes, bills and minutes</option>
              <option value="statute">Statutes</option>
              <option value="bill">Bills</option>
              <option value="minutes">Council minutes</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-title">Title</label>
            <select id="f-title" value={params.get('title') ?? ''} onChange={(e) => setParam('title', e.target.value)}>
              <option value="">Any title</option>
              {titles.data?.items.map((t) => <option key={t.number} value={t.number}>{t.number}. {t.heading}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-at">In force on</label>
            <input id="f-at" type="date" value={query.at ?? ''} onChange={(e) => setParam('at', e.target.value)} />
          </div>
        </div>
        {filtered && <button type="button" className="link-button" onClick={() => setParams(new URLSearchParams(q ? { q } : {}))}>Clear the filters</button>}
      </form>

      {!q.trim() ? <p className="muted">Type words to look for in the text of the law, or a statute's number.</p>
        : search.isPending ? <Loading what="results" />
        : search.isError ? <Problem error={search.error} retry={() => search.refetch()} />
        : jump ? <Loading what={`statute ${jump.code}`} />
        : (
          <div aria-busy={search.isFetching}>
            {search.data.query.corrected && (
              <p className="corrected">Showing results for <strong><Link to={`/search${qs({ ...query, q: search.data.query.corrected, offset: undefined, limit: undefined })}`}>{search.data.query.corrected}</Link></strong> (you typed “{q}”).</p>
            )}
            <p className="result-count" aria-live="polite">
              {search.data.total === 0 ? <>Nothing matches “{q}”{filtered ? ' with these filters' : ''}. {filtered ? 'Clear the filters, or try' : 'Try'} other or fewer words.</> : `${search.data.total.toLocaleString('en-GB')}${search.data.totalExact ? '' : '+'} ${search.data.total === 1 && search.data.totalExact ? 'result' : 'results'}${query.at ? ` in force on ${formatDate(query.at)}` : ''}`}
            </p>
            <ol className="results" start={offset + 1}>
              {search.data.items.map((hit) => (
                <li key={`${hit.kind}:${hit.code}`} className="result">
                  <h2 className="result-title">
                    <Link to={hit.url + (query.at && hit.kind === 'statute' ? `?at=${query.at}` : '')}>
                      {hit.kind === 'statute' ? `§ ${hit.code}` : hit.kind === 'minutes' ? `Minutes ${hit.code}` : `Bill ${hit.code}`} <span className="result-heading">{hit.heading}</span>
                    </Link>
                  </h2>
                  <p className="result-meta">
                    {hit.kind === 'bill' && <span className="badge badge-bill">bill</span>}
                    {hit.kind === 'minutes' && <span className="badge badge-bill">minutes</span>}
                    {hit.status && <StatuteStatusBadge status={hit.status} inForceFrom={hit.validFrom} />}
                    {hit.titleNumber != null && <span>Title {hit.titleNumber}</span>}
                    {hit.validFrom && <span>text in force {formatDate(hit.validFrom)} – {hit.validTo ? formatDate(hit.validTo) : 'today'}</span>}
                  </p>
                  <p className="snippet"><Highlighted text={hit.snippet} ranges={hit.highlights} /></p>
                </li>
              ))}
            </ol>
            {search.data.total > LIMIT && <Pagination total={search.data.total} exact={search.data.totalExact} limit={LIMIT} offset={offset} onPage={(o) => setParam('offset', o ? String(o) : '')} />}
          </div>
        )}
    </div>
  );
}

/** The snippet with its matched words in <mark>: built from offsets as React text, never as HTML. */
export function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const sorted = [...ranges].filter(([s, e]) => s >= 0 && e > s && e <= text.length).sort((a, b) => a[0] - b[0]);
  const out: ReactNode[] = [];
  let i = 0;
  for (const [s, e] of sorted) {
    if (s < i) continue; // overlapping ranges: the first wins
    if (s > i) out.push(text.slice(i, s));
    out.push(<mark key={s}>{text.slice(s, e)}</mark>);
    i = e;
  }
  if (i < text.length) out.push(text.slice(i));
  return <>{out}</>;
}
