// Task: find a statute by browsing the code — its titles and their sections, as they stood on a date.
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ClassificationTag, Loading, Problem, formatDate } from '../../shared/ui.tsx';
import { isDate, useTitles } from './queries.ts';
import { StatuteStatusBadge } from './StatusBadges.tsx';

export function TitleIndexPage() {
  const [params, setParams] = useSearchParams();
  const at = isDate(params.get('at')) ? params.get('at') : null;
  const [filter, setFilter] = useState(params.get('filter') ?? '');
  const titles = useTitles(at);

  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = useMemo(() => (titles.data?.items ?? [])
    .map((t) => ({
      ...t,
      statutes: words.length === 0 || words.every((w) => `title ${t.number} ${t.heading}`.toLowerCase().includes(w))
        ? t.statutes
        : t.statutes.filter((s) => words.every((w) => `${s.code} ${s.heading}`.toLowerCase().includes(w))),
    }))
    .filter((t) => t.statutes.length > 0), [titles.data, words.join(' ')]);
  // A link to a title ("Title 14" cited in a text) lands on it once the titles are there.
  const { hash } = useLocation();
  const loaded = !!titles.data;
  useEffect(() => {
    if (loaded && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: 'start' });
  }, [loaded, hash]);
  const count = shown.reduce((n, t) => n + t.statutes.length, 0);

  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(window.location.search);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: k === 'filter' });
  };

  return (
    <div>
      <h1>Statutes</h1>
      <p className="lede">The Code of Sunagakure by title{at ? `, as it stood on ${formatDate(at)}` : ', as in force today'}. Type a statute's number in the box at the top of any page to go straight to it.</p>
      <form className="search-panel" role="search" aria-label="Filter statutes" onSubmit={(e) => e.preventDefault()}>
        <div className="filters">
          <div className="field">
            <label htmlFor="title-filter">Filter by number or heading</label>
            <input id="title-filter" type="search" value={filter} autoComplete="off" placeholder="e.g. 14-2, extradition"
              onChange={(e) => { setFilter(e.target.value); setParam('filter', e.target.value); }} />
          </div>
          <div className="field">
            <label htmlFor="title-at">As of date</label>
            <input id="title-at" type="date" value={at ?? ''} onChange={(e) => setParam('at', e.target.value)} />
          </div>
        </div>
        {(filter || at) && <button type="button" className="link-button" onClick={() => { setFilter(''); setParams(new URLSearchParams()); }}>Clear filter and date</button>}
      </form>
      {titles.isPending ? <Loading what="the titles" /> : titles.isError ? <Problem error={titles.error} retry={() => titles.refetch()} /> : (
        <>
          <p className="result-count" aria-live="polite">
            {count === 0 ? `No statute matches “${filter}”. Try fewer words, or search the text of the law instead.` : `${count} ${count === 1 ? 'statute' : 'statutes'} in ${shown.length} ${shown.length === 1 ? 'title' : 'titles'}`}
          </p>
          {count === 0 && filter && <p><Link to={`/search?q=${encodeURIComponent(filter)}`}>Search the law for “{filter}”</Link></p>}
          {shown.map((t) => (
            <section key={t.number} className="title-group" id={`title_${t.number}`} aria-labelledby={`title_${t.number}_h`}>
              <h2 id={`title_${t.number}_h`}><span className="title-number">Title {t.number}</span> {t.heading}</h2>
              <ul className="statute-list">
                {t.statutes.map((s) => (
                  <li key={s.code} className={`statute-row status-${s.status}`}>
                    <Link to={`/statutes/${s.code}${at && s.status === 'in_force' ? `?at=${at}` : ''}`} className="statute-row-link">
                      <span className="statute-code">§ {s.code}</span> <span className="statute-heading">{s.heading}</span>
                    </Link>
                    <span className="statute-row-meta">
                      <ClassificationTag classification={s.classification} compartments={s.compartments} />
                      <StatuteStatusBadge status={s.status} inForceFrom={s.inForceFrom} repealedOn={s.repealedOn} />
                      {s.status === 'repealed' && s.repealedOn && <span className="muted small">on {formatDate(s.repealedOn)}</span>}
                      {s.status === 'not_yet' && <span className="muted small">from {formatDate(s.inForceFrom)}</span>}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
