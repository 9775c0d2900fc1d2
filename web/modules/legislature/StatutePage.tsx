// Task: read a statute as it stood on a date — its text with every subdivision linkable, the
// version in force and what made it, its versions over time, and a way to compare two of them.
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, qs } from '../../app/api.ts';
import { Breadcrumbs, ClassificationTag, Loading, Problem, formatDate } from '../../shared/ui.tsx';
import { CitedText } from '../../shared/citations.tsx';
import { MADE_BY, dayBefore, isDate, useHistory, villageToday } from './queries.ts';
import { StatuteStatusBadge } from './StatusBadges.tsx';
import { VersionTimeline } from './VersionTimeline.tsx';
import type { MinutesState, Statute, StatuteText, TimelineEntry } from './types.ts';

const MINUTES_WORDS: Record<MinutesState, string> = { preview: 'not yet drafted', draft: 'draft', approved: 'approved' };

export function StatutePage() {
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const at = isDate(params.get('at')) ? params.get('at')! : null;
  const statute = useQuery({
    queryKey: ['legislature', 'statute', code, at ?? ''],
    queryFn: () => api<Statute>(`/api/legislature/statutes/${encodeURIComponent(code)}${qs({ at })}`),
    placeholderData: (prev) => (prev?.code === code ? prev : undefined),
  });
  const setAt = (d: string | null) => {
    const next = new URLSearchParams(window.location.search);
    if (d) next.set('at', d);
    else next.delete('at');
    setParams(next);
  };
  useTargetScroll(statute.data ? `${statute.data.code}@${statute.data.at}` : null);

  if (statute.isPending) return <Loading what={`statute ${code}`} />;
  if (statute.isError) {
    const e = statute.error;
    if (e instanceof ApiError && e.status === 404) return <StatuteMissing code={code} error={e} at={at} />;
    return <Problem error={e} retry={() => statute.refetch()} />;
  }
  const s = statute.data;
  const today = villageToday();
  const texts = s.timeline.filter((t) => t.kind === 'text');
  const v = s.version;
  return (
    <article className="statute-page">
      <Breadcrumbs trail={[['Statutes', '/statutes'], [`Title ${s.titleNumber} ${s.titleHeading}`, `/statutes${at ? `?at=${at}` : ''}#title_${s.titleNumber}`], [`§ ${s.code}`]]} />
      <div className="statute-head">
        <div>
          <h1><span className="statute-code">§ {s.code}</span> {v.heading || s.heading}</h1>
          <p className="statute-sub">
            <ClassificationTag classification={s.classification} compartments={s.compartments} />
            <StatuteStatusBadge status="in_force" />
            <span>as of <strong>{formatDate(s.at)}</strong>{s.at === today ? ' (today)' : ''}</span>
            {statute.isFetching && <span className="muted" role="status"> · loading…</span>}
          </p>
        </div>
        <form className="as-of" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="statute-at">Read as of</label>
          <div className="as-of-row">
            <input id="statute-at" type="date" value={at ?? s.at} min={s.inForceFrom} onChange={(e) => isDate(e.target.value) && setAt(e.target.value)} />
            {at && <button type="button" className="button secondary small" onClick={() => setAt(null)}>Today</button>}
          </div>
        </form>
      </div>

      <section className="version-box" aria-labelledby="version-h">
        <h2 id="version-h" className="visually-hidden">The version shown</h2>
        <p>
          <strong>Version {v.seq}</strong> of {texts.length}, in force from <strong>{formatDate(v.validFrom)}</strong>
          {s.repealedOn && (!v.validTo || v.validTo >= s.repealedOn) ? <> until its repeal on {formatDate(s.repealedOn)}</>
            : v.validTo ? <> until {formatDate(dayBefore(v.validTo))} (replaced on {formatDate(v.validTo)})</> : ' to this day'}.
        </p>
        <p className="made-by"><span className="made-by-kind">Made by:</span> {v.madeBy.reason}{v.madeBy.ref ? <> ({v.madeBy.ref})</> : null} <span className="muted">({MADE_BY[v.madeBy.kind] ?? v.madeBy.kind})</span></p>
        {v.minutes && (
          <p className="made-by minutes-link">
            <span className="made-by-kind">Passed:</span>{' '}
            {'withheld' in v.minutes ? 'by a vote of a council sitting you may not see.'
              : <>by vote of sitting {v.minutes.session} ({formatDate(v.minutes.date)}) — <Link to={v.minutes.url}>its minutes</Link> <span className="muted">({MINUTES_WORDS[v.minutes.state]})</span></>}
          </p>
        )}
        <p className="page-links">
          <a href="#history">Its {texts.length} {texts.length === 1 ? 'version' : 'versions'} and history</a>
          {texts.length > 1 && <Link to={`/statutes/${s.code}/diff${qs({ from: texts[Math.max(0, texts.findIndex((t) => t.seq === v.seq) - 1)]!.validFrom, to: v.validFrom === texts[0]!.validFrom ? texts[1]!.validFrom : v.validFrom })}`}>What changed {v.seq > 1 ? 'in this version' : 'in the next version'}</Link>}
        </p>
        {s.repealedOn && <p className="notice-inline"><StatuteStatusBadge status="repealed" /> This statute was repealed on {formatDate(s.repealedOn)}.</p>}
      </section>

      <StatuteBody text={s.text} at={s.at} linkAt={!!at} />

      <section aria-labelledby="history-h" id="history">
        <h2 id="history-h">Versions</h2>
        <VersionTimeline timeline={s.timeline} shownSeq={v.seq} at={s.at} today={today} onPick={(d) => setAt(d)} />
        <VersionList code={s.code} timeline={s.timeline} shownSeq={v.seq} />
        <CompareForm code={s.code} timeline={s.timeline} defaultTo={v.validFrom} />
      </section>
      <p className="muted small">
        Machine-readable: <a href={`/api/legislature/statutes/${s.code}/akn${qs({ at: s.at })}`}>Akoma Ntoso XML of this version</a>.
      </p>
    </article>
  );
}

/** Scrolls to (and marks) the subdivision the address names, once the text it is in has rendered. */
function useTargetScroll(ready: string | null) {
  const location = useLocation();
  useEffect(() => {
    if (!ready) return;
    document.querySelectorAll('.is-target').forEach((el) => el.classList.remove('is-target'));
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    const el = document.getElementById(id);
    if (!el) return;
    el.classList.add('is-target');
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  }, [ready, location.hash]);
}

/** The text, indented by level, each subdivision anchored by its eId; citations in it are links dated at the page's date. */
export function StatuteBody({ text, at, linkAt }: { text: StatuteText; at: string; /** dated links to the statutes cited (when the page was asked for a date) */ linkAt: boolean }) {
  const anchor = (eId: string, label: string, num: string) => (
    <a href={`#${eId}`} className="marker" aria-label={`${label} (${num}), link`}>({num})</a>
  );
  return (
    <section className="statute-text" aria-label="Text">
      {text.intro && <p className="intro" id={`sec_${text.code}__intro`} tabIndex={-1}><CitedText text={text.intro} at={at} linkAt={linkAt} /></p>}
      {text.subsections.length > 0 && (
        <ol className="subsections">
          {text.subsections.map((sub) => (
            <li key={sub.eId} id={sub.eId} tabIndex={-1} className="subdivision subsection">
              {anchor(sub.eId, 'Subsection', sub.num)} <CitedText text={sub.text} at={at} linkAt={linkAt} />
              {sub.paragraphs.length > 0 && (
                <ol className="paragraphs">
                  {sub.paragraphs.map((p) => (
                    <li key={p.eId} id={p.eId} tabIndex={-1} className="subdivision paragraph">
                      {anchor(p.eId, 'Paragraph', p.num)} <CitedText text={p.text} at={at} linkAt={linkAt} />
                      {p.items.length > 0 && (
                        <ol className="items">
                          {p.items.map((i) => (
                            <li key={i.eId} id={i.eId} tabIndex={-1} className="subdivision item">
                              {anchor(i.eId, 'Item', i.num)} <CitedText text={i.text} at={at} linkAt={linkAt} />
                            </li>
                          ))}
                        </ol>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function VersionList({ code, timeline, shownSeq }: { code: string; timeline: TimelineEntry[]; shownSeq: number }) {
  const texts = timeline.filter((t) => t.kind === 'text');
  return (
    <table className="table version-table">
      <caption className="visually-hidden">Versions of § {code}, oldest first</caption>
      <thead><tr><th scope="col">Version</th><th scope="col">In force</th><th scope="col">What made it</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        {timeline.map((t) => {
          const prev = t.kind === 'text' ? texts[texts.indexOf(t) - 1] : undefined;
          return (
            <tr key={t.seq} className={t.seq === shownSeq ? 'current-row' : t.kind === 'repeal' ? 'repeal-row' : undefined}>
              <th scope="row" data-label="Version">{t.kind === 'repeal' ? <StatuteStatusBadge status="repealed" /> : <>{t.seq}{t.seq === shownSeq && <span className="muted"> (shown)</span>}</>}</th>
              <td data-label="In force">{t.kind === 'repeal' ? `from ${formatDate(t.validFrom)}` : `${formatDate(t.validFrom)} – ${t.validTo ? formatDate(dayBefore(t.validTo)) : 'today'}`}</td>
              <td data-label="What made it">{t.reason}</td>
              <td className="row-actions">
                {t.kind === 'text' && t.seq !== shownSeq && <Link to={`/statutes/${code}?at=${t.validFrom}`} aria-label={`Read version ${t.seq}`}>Read</Link>}
                {prev && <Link to={`/statutes/${code}/diff?from=${prev.validFrom}&to=${t.validFrom}`} aria-label={`Changes made by version ${t.seq}`}>Changes</Link>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function CompareForm({ code, timeline, defaultTo }: { code: string; timeline: TimelineEntry[]; defaultTo: string }) {
  const navigate = useNavigate();
  const texts = timeline.filter((t) => t.kind === 'text');
  const toIdx = Math.max(0, texts.findIndex((t) => t.validFrom === defaultTo));
  const [from, setFrom] = useState(texts[Math.max(0, toIdx - 1)]?.validFrom ?? '');
  const [to, setTo] = useState(texts[toIdx]?.validFrom ?? '');
  if (texts.length < 2) return <p className="muted">There is only one version, so there is nothing to compare.</p>;
  const label = (t: TimelineEntry) => `Version ${t.seq}, from ${formatDate(t.validFrom)}`;
  return (
    <form className="compare-form" onSubmit={(e) => { e.preventDefault(); navigate(`/statutes/${code}/diff?from=${from}&to=${to}`); }}>
      <h3>Compare two versions</h3>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor="cmp-from">Older</label>
          <select id="cmp-from" value={from} onChange={(e) => setFrom(e.target.value)}>{texts.map((t) => <option key={t.seq} value={t.validFrom}>{label(t)}</option>)}</select>
        </div>
        <div className="field">
          <label htmlFor="cmp-to">Newer</label>
          <select id="cmp-to" value={to} onChange={(e) => setTo(e.target.value)}>{texts.map((t) => <option key={t.seq} value={t.validFrom}>{label(t)}</option>)}</select>
        </div>
        <button className="button" type="submit" disabled={from === to}>Show the changes</button>
      </div>
    </form>
  );
}

/** Why there is no text to show: not yet in force, repealed, or no such statute — each with the way on. */
function StatuteMissing({ code, error, at }: { code: string; error: ApiError; at: string | null }) {
  const dated = error.code === 'LEGISLATURE_STATUTE_NOT_YET' || error.code === 'LEGISLATURE_STATUTE_REPEALED';
  const history = useHistory(code, dated);
  const messageDate = [...error.message.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => m[0]).pop() ?? null;
  const on = at ?? villageToday();
  if (error.code === 'LEGISLATURE_STATUTE_NOT_YET') {
    const from = history.data?.inForceFrom ?? messageDate;
    return (
      <div className="statute-missing">
        <Breadcrumbs trail={[['Statutes', '/statutes'], [`§ ${code}`]]} />
        <h1>§ {code} is not yet in force{at ? ` on ${formatDate(at)}` : ''}</h1>
        <div className="notice notice-warn">
          <p><StatuteStatusBadge status="not_yet" /> {from ? <>It comes into force on <strong>{formatDate(from)}</strong>.</> : error.message}</p>
          {from && <p><Link className="button" to={`/statutes/${code}?at=${from}`}>Read it as of {formatDate(from)}</Link></p>}
        </div>
        <p><Link to={`/statutes${at ? `?at=${at}` : ''}`}>Browse the statutes in force on {formatDate(on)}</Link></p>
      </div>
    );
  }
  if (error.code === 'LEGISLATURE_STATUTE_REPEALED') {
    const repealedOn = history.data?.repealedOn ?? messageDate;
    const lastDay = repealedOn ? dayBefore(repealedOn) : null;
    const texts = history.data?.items.filter((i) => i.kind === 'text') ?? [];
    return (
      <div className="statute-missing">
        <Breadcrumbs trail={[['Statutes', '/statutes'], [`§ ${code}`]]} />
        <h1>§ {code}{history.data ? ` ${history.data.heading}` : ''} was repealed{repealedOn ? ` on ${formatDate(repealedOn)}` : ''}</h1>
        <div className="notice notice-error">
          <p><StatuteStatusBadge status="repealed" /> It is not in force {at ? `on ${formatDate(at)}` : 'today'}. Its text stays readable as it was before the repeal.</p>
          {lastDay && <p><Link className="button" to={`/statutes/${code}?at=${lastDay}`}>Read the last text (in force on {formatDate(lastDay)})</Link></p>}
        </div>
        {texts.length > 0 && (
          <>
            <h2>Its versions</h2>
            <ul className="plain-list">
              {texts.map((t) => (
                <li key={t.seq}><Link to={`/statutes/${code}?at=${t.validFrom}`}>Version {t.seq}, from {formatDate(t.validFrom)}</Link> — {t.madeBy.reason}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    );
  }
  if (error.code === 'LEGISLATURE_STATUTE_NOT_FOUND') {
    return (
      <div className="statute-missing">
        <Breadcrumbs trail={[['Statutes', '/statutes'], [`§ ${code}`]]} />
        <h1>No such statute: {code}</h1>
        <div className="notice notice-error">
          <p>{error.message}</p>
          <p>Check the number, or look for it by its words.</p>
        </div>
        <LawSearchBox />
        <p><Link to="/statutes">Browse the titles and their statutes</Link></p>
      </div>
    );
  }
  return <Problem error={error} />;
}

/** A search of the law by words, where a code led nowhere. */
function LawSearchBox() {
  const navigate = useNavigate();
  const [words, setWords] = useState('');
  return (
    <form role="search" aria-label="Search the law" className="search-panel narrow" onSubmit={(e) => { e.preventDefault(); if (words.trim()) navigate(`/search?q=${encodeURIComponent(words.trim())}`); }}>
      <div className="field">
        <label htmlFor="missing-search">Search the law by its words</label>
        <div className="search-row">
          <input id="missing-search" type="search" value={words} onChange={(e) => setWords(e.target.value)} placeholder="e.g. water ration" />
          <button className="button" type="submit">Search</button>
        </div>
      </div>
    </form>
  );
}
