// Task: see what changed in a statute between two dates — word by word, and which subdivisions
// came, went or changed. Insertions and deletions say so in words too, not only in colour.
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { ApiError, api, qs } from '../../app/api.ts';
import { Breadcrumbs, Loading, Problem, formatDate } from '../../shared/ui.tsx';
import { dayBefore, isDate, useHistory } from './queries.ts';
import type { Diff, HistoryItem, RedlineSegment, SubdivisionChange } from './types.ts';

export function RedlinePage() {
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const history = useHistory(code);
  const texts = history.data?.items.filter((i) => i.kind === 'text') ?? [];
  // Without dates: the latest change (the last version against the one before it).
  const from = isDate(params.get('from')) ? params.get('from')! : texts[texts.length - 2]?.validFrom ?? null;
  const to = isDate(params.get('to')) ? params.get('to')! : texts[texts.length - 1]?.validFrom ?? null;
  const diff = useQuery({
    queryKey: ['legislature', 'diff', code, from, to],
    queryFn: () => api<Diff>(`/api/legislature/statutes/${encodeURIComponent(code)}/diff${qs({ from, to })}`),
    enabled: !!from && !!to,
    placeholderData: keepPreviousData,
  });
  const set = (k: 'from' | 'to', v: string) => {
    if (!isDate(v)) return;
    const next = new URLSearchParams(window.location.search);
    next.set(k, v);
    const other = k === 'from' ? 'to' : 'from';
    if (!next.get(other)) { const o = k === 'from' ? to : from; if (o) next.set(other, o); }
    setParams(next, { replace: true });
  };

  if (history.isPending) return <Loading what={`the versions of ${code}`} />;
  if (history.isError) {
    const e = history.error;
    return (
      <div>
        <Breadcrumbs trail={[['Statutes', '/statutes'], [`§ ${code}`, `/statutes/${code}`], ['Changes']]} />
        <h1>{e instanceof ApiError && e.code === 'LEGISLATURE_STATUTE_NOT_FOUND' ? `No such statute: ${code}` : 'Changes could not be shown'}</h1>
        <Problem error={e} retry={() => history.refetch()} />
        <p><Link to="/statutes">Browse the statutes</Link></p>
      </div>
    );
  }
  const h = history.data;
  return (
    <div className="redline-page">
      <Breadcrumbs trail={[['Statutes', '/statutes'], [`§ ${code}`, `/statutes/${code}${to ? `?at=${to}` : ''}`], ['Changes']]} />
      <h1>Changes to § {code} <span className="muted">{h.heading}</span></h1>
      {texts.length < 2 && <p className="notice">§ {code} has one version only; pick two dates to compare it with itself, or <Link to={`/statutes/${code}`}>read it</Link>.</p>}
      <form className="search-panel compare-dates" onSubmit={(e) => e.preventDefault()} aria-label="Dates to compare">
        <DatePick id="diff-from" label="From (older)" value={from} versions={texts} repealedOn={h.repealedOn} onChange={(v) => set('from', v)} />
        <DatePick id="diff-to" label="To (newer)" value={to} versions={texts} repealedOn={h.repealedOn} onChange={(v) => set('to', v)} />
      </form>
      {!from || !to ? <p>Pick two dates to compare.</p> : diff.isPending ? <Loading what="the changes" /> : diff.isError ? <DiffProblem error={diff.error} code={code} /> : (
        <DiffView diff={diff.data} code={code} busy={diff.isFetching} />
      )}
    </div>
  );
}

function DatePick({ id, label, value, versions, repealedOn, onChange }: { id: string; label: string; value: string | null; versions: HistoryItem[]; repealedOn: string | null; onChange: (v: string) => void }) {
  const current = value ? [...versions].reverse().find((v) => v.validFrom <= value && (!v.validTo || value < v.validTo)) : undefined;
  return (
    <fieldset className="fieldset date-pick">
      <legend>{label}</legend>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={id}>Date</label>
          <input id={id} type="date" value={value ?? ''} max={repealedOn ? dayBefore(repealedOn) : undefined} onChange={(e) => onChange(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-v`}>or a version</label>
          <select id={`${id}-v`} value={current?.validFrom ?? ''} onChange={(e) => onChange(e.target.value)}>
            {!current && <option value="">—</option>}
            {versions.map((v) => <option key={v.seq} value={v.validFrom}>Version {v.seq}, from {formatDate(v.validFrom)}</option>)}
          </select>
        </div>
      </div>
    </fieldset>
  );
}

function DiffProblem({ error, code }: { error: unknown; code: string }) {
  if (error instanceof ApiError && error.status === 404) {
    const which = error.details.find((d) => d.path === 'from' || d.path === 'to')?.path;
    return (
      <div className="notice notice-error" role="alert">
        <h2>{which === 'from' ? 'No text on the “from” date' : which === 'to' ? 'No text on the “to” date' : 'Not found'}</h2>
        <p>{error.message}</p>
        <p>Pick a date when § {code} was in force, or one of its versions.</p>
      </div>
    );
  }
  return <Problem error={error} />;
}

/** A run of redline text: insertions and deletions marked by element, colour, and words for screen readers. */
export function Segments({ segments }: { segments: RedlineSegment[] }) {
  return (
    <>
      {segments.map((s, i) => s.op === 'equal' ? <span key={i}>{s.text}</span>
        : s.op === 'insert' ? <ins key={i}><span className="visually-hidden">[inserted: </span>{s.text}<span className="visually-hidden">]</span></ins>
        : <del key={i}><span className="visually-hidden">[deleted: </span>{s.text}<span className="visually-hidden">]</span></del>)}
    </>
  );
}

const CHANGE_WORDS: Record<string, string> = { added: 'added', removed: 'removed', changed: 'changed' };

function DiffView({ diff, code, busy }: { diff: Diff; code: string; busy: boolean }) {
  const r = diff.redline;
  const changes = r.subdivisions.filter((s) => s.change !== 'unchanged');
  const same = diff.from.seq === diff.to.seq;
  const name = (s: SubdivisionChange) => s.level === 'intro' ? 'Opening words' : `§ ${code}${s.path.map((p) => `(${p})`).join('')}`;
  const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <div aria-busy={busy}>
      <p className="diff-summary">
        Version {diff.from.seq} (in force on {formatDate(diff.from.date)}) against version {diff.to.seq} (in force on {formatDate(diff.to.date)}):{' '}
        {same ? <strong>the same version — nothing changed between these dates.</strong> : <strong>{counted(r.changed.length, 'subdivision', 'subdivisions')} changed, {r.added.length} added, {r.removed.length} removed.</strong>}
      </p>
      <p className="redline-key" aria-hidden="true"><ins>inserted words</ins> <del>deleted words</del></p>
      {changes.length > 0 && (
        <section aria-labelledby="changes-h">
          <h2 id="changes-h">What changed</h2>
          <ul className="change-list">
            {changes.map((s) => (
              <li key={s.eId} className={`change change-${s.change}`}>
                <span className={`badge badge-change-${s.change}`}>{CHANGE_WORDS[s.change]}</span>{' '}
                <Link to={`/statutes/${code}?at=${s.change === 'removed' ? diff.from.date : diff.to.date}#${s.eId}`} className="change-name">{name(s)}</Link>
                {s.segments.length > 0 && <div className="change-text"><Segments segments={s.segments} /></div>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="redline-h">
        <h2 id="redline-h">The whole text, marked up</h2>
        <div className="redline"><Segments segments={r.segments} /></div>
      </section>
    </div>
  );
}
