// Task: see which searches are running and open a new one. The list says who is missing, since
// when and what was last heard; the form takes the last known point by a click on the map.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, qs } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { isWithheld, type PeoplePage } from '../../app/types.ts';
import { ClassificationTag, ErrorSummary, Field, Loading, Problem, WithheldRef, fieldError } from '../../shared/ui.tsx';
import { MapView } from './MapView.tsx';
import { LkpMark } from './MapMarks.tsx';
import { formatTime, isoFromLocal, nowLocal, useLand, useOperations } from './queries.ts';
import { PROFILES, STATUS_LABEL, type Bounds, type Operation, type Point, type Profile } from './types.ts';
import { describePlace } from './map-model.ts';

export function OperationsPage() {
  const session = useSession();
  const [filter, setFilter] = useState<'' | 'active' | 'closed'>('');
  const ops = useOperations(filter || undefined);
  const land = useLand();
  const [opening, setOpening] = useState(false);
  const canOpen = session.can('sar.operation.open');

  return (
    <div className="sar">
      <div className="page-head">
        <h1>Search &amp; rescue</h1>
        {canOpen && !opening && <button className="button" onClick={() => setOpening(true)}>Open an operation</button>}
      </div>
      <p className="lede">Searches for missing people: where they were last seen, what has been reported since, and where they most likely are now.</p>
      {opening && <OpenOperationForm onDone={() => setOpening(false)} />}

      <div className="sar-filter" role="group" aria-label="Show operations">
        {([['', 'All'], ['active', 'Active'], ['closed', 'Closed']] as const).map(([v, l]) => (
          <button key={v} type="button" className="tally-item" aria-pressed={filter === v} onClick={() => setFilter(v)}>{l}</button>
        ))}
      </div>

      {ops.isPending ? <Loading what="operations" /> : ops.isError ? <Problem error={ops.error} retry={() => ops.refetch()} /> : ops.data.items.length === 0 ? (
        <p className="notice">{filter === 'active' ? 'No search is running.' : filter === 'closed' ? 'No search has been closed yet.' : 'No search has been opened yet.'}
          {canOpen ? ' Open one with the button above when someone is missing.' : ''}</p>
      ) : (
        <table className="table sar-ops-table">
          <caption className="visually-hidden">Search and rescue operations, newest first</caption>
          <thead>
            <tr><th scope="col">Operation</th><th scope="col">Missing person</th><th scope="col">Status</th><th scope="col">Opened</th><th scope="col">Last known</th><th scope="col">Last report</th></tr>
          </thead>
          <tbody>
            {ops.data.items.map((o) => (
              <tr key={o.id}>
                <th scope="row" data-label="Operation">
                  <Link to={`/sar/${o.id}`}>{o.code}</Link> <ClassificationTag classification={o.classification} compartments={o.compartments} />
                  {o.title && <div className="muted small">{o.title}</div>}
                </th>
                <td data-label="Missing person">{isWithheld(o.subject) ? <WithheldRef what="Name" /> : o.subject.name}</td>
                <td data-label="Status"><OperationBadge status={o.status} /></td>
                <td data-label="Opened">{formatTime(o.openedAt)}</td>
                <td data-label="Last known">
                  {formatTime(o.lastKnown.at)}
                  {land.data && <div className="muted small">{describePlace(land.data.features, o.lastKnown)}</div>}
                  {o.lastKnown.note && <div className="small">“{o.lastKnown.note}”</div>}
                </td>
                <td data-label="Last report"><LastReport last={o.lastReport} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">Times are village time (UTC+03:00).</p>
    </div>
  );
}

const LAST_WORD: Record<string, string> = { sighting: 'sighting', bearing: 'bearing', silence: 'silence', hazard: 'hazard', track: 'searched track' };

/** When the operation last heard anything you may see: its latest sighting, hazard or searched track. */
function LastReport({ last }: { last: Operation['lastReport'] }) {
  if (!last) return <span className="muted">none yet</span>;
  return <>{formatTime(last.at)} <span className="muted small">{LAST_WORD[last.kind] ?? last.kind}</span></>;
}

export function OperationBadge({ status }: { status: Operation['status'] }) {
  return <span className={`badge badge-sar-${status}`}>{STATUS_LABEL[status] ?? status}</span>;
}

/** The 95 % distance per profile (docs/SAR.md): the area should reach a little beyond it. */
const REACH_KM: Record<Profile, number> = { shinobiOnFoot: 45, kage: 75, civilianHiker: 9, child: 5, injured: 3.5 };

export function areaAround(p: Point, profile: Profile): Bounds & { cellKm: number } {
  const r = Math.ceil(REACH_KM[profile] * 1.3);
  // Cells fine enough to be useful, coarse enough to stay well under 1,000 × 1,000.
  const cellKm = [0.05, 0.1, 0.25, 0.5, 1].find((c) => (2 * r) / c <= 600) ?? 1;
  const snap = (v: number) => Math.round(v);
  return { minX: snap(p.x - r), minY: snap(p.y - r), maxX: snap(p.x + r), maxY: snap(p.y + r), cellKm };
}

const FIELD_IDS: Record<string, string> = {
  subject: 'op-subject', lastKnown: 'op-x', profile: 'op-profile-shinobiOnFoot', area: 'op-minX', direction: 'op-bearing', movingKmh: 'op-moving',
  title: 'op-title', classification: 'op-classification', compartments: 'op-compartments',
};

function OpenOperationForm({ onDone }: { onDone: () => void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const land = useLand();
  const [subject, setSubject] = useState<{ id: string; name: string } | null>(null);
  const [lkp, setLkp] = useState<{ x: string; y: string }>({ x: '', y: '' });
  const [at, setAt] = useState(nowLocal());
  const [profile, setProfile] = useState<Profile>('shinobiOnFoot');
  const [area, setArea] = useState({ minX: '', minY: '', maxX: '', maxY: '', cellKm: '' });
  const [areaTouched, setAreaTouched] = useState(false);
  const [clientError, setClientError] = useState<string | null>(null);

  const point = lkp.x !== '' && lkp.y !== '' && Number.isFinite(Number(lkp.x)) && Number.isFinite(Number(lkp.y)) ? { x: Number(lkp.x), y: Number(lkp.y) } : null;
  // Until someone types an area, it follows the point and the profile.
  const fitArea = (p: Point | null, prof: Profile) => {
    if (!p || areaTouched) return;
    const a = areaAround(p, prof);
    setArea({ minX: String(a.minX), minY: String(a.minY), maxX: String(a.maxX), maxY: String(a.maxY), cellKm: String(a.cellKm) });
  };
  const pick = (p: Point) => {
    const r = { x: round(p.x), y: round(p.y) };
    setLkp({ x: String(r.x), y: String(r.y) });
    fitArea(r, profile);
  };

  const open = useMutation({
    mutationFn: (body: unknown) => api<Operation>('/api/sar/operations', { method: 'POST', json: body }),
    onSuccess: async (op) => {
      await qc.invalidateQueries({ queryKey: ['sar'] });
      onDone();
      navigate(`/sar/${op.id}`);
    },
  });

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (n: string) => String(f.get(n) ?? '').trim();
    const subjectText = subject?.id ?? text('subjectText');
    if (!subjectText) {
      setClientError('Choose the missing person: type part of their name and pick them from the list.');
      document.getElementById('op-subject')?.focus();
      return;
    }
    setClientError(null);
    const num = (v: string) => (v === '' ? undefined : Number(v));
    const bearing = text('bearing');
    const body: Record<string, unknown> = {
      subject: subjectText,
      lastKnown: { x: num(lkp.x), y: num(lkp.y), at: isoFromLocal(at), ...(text('note') ? { note: text('note') } : {}) },
      profile,
      area: { minX: num(area.minX), minY: num(area.minY), maxX: num(area.maxX), maxY: num(area.maxY), cellKm: num(area.cellKm) },
    };
    if (bearing) body.direction = { bearing: Number(bearing), kappa: Number(text('kappa') || 1) };
    if (text('moving')) body.movingKmh = Number(text('moving'));
    if (text('title')) body.title = text('title');
    if (text('classification') && text('classification') !== 'public') body.classification = text('classification');
    if (text('compartments')) body.compartments = text('compartments').split(/[\s,]+/).filter(Boolean);
    open.mutate(body);
  };

  const cells = (() => {
    const [a, b, c, d, k] = [area.minX, area.minY, area.maxX, area.maxY, area.cellKm].map(Number);
    if (![a, b, c, d, k].every(Number.isFinite) || !(k! > 0) || c! <= a! || d! <= b!) return null;
    return { w: Math.ceil((c! - a!) / k!), h: Math.ceil((d! - b!) / k!) };
  })();
  const shownArea = cells ? { minX: Number(area.minX), minY: Number(area.minY), maxX: Number(area.maxX), maxY: Number(area.maxY) } : null;
  const err = open.error;

  return (
    <form className="panel sar-open" onSubmit={submit} noValidate aria-labelledby="open-h">
      <h2 id="open-h">Open a search operation</h2>
      {clientError && <div className="error-summary" role="alert"><h2>There is a problem</h2><p><a href="#op-subject">{clientError}</a></p></div>}
      <ErrorSummary error={err} fieldIds={FIELD_IDS} />
      <SubjectLookup value={subject} onChange={setSubject} error={fieldError(err, 'subject')} />

      <fieldset className="fieldset">
        <legend>Last known point</legend>
        <p className="hint">Click where the person was last seen, or type the position in km from the centre of the village (x east, y north).</p>
        {land.isPending ? <Loading what="the map" /> : land.isError ? <Problem error={land.error} /> : (
          <MapView land={land.data} fit={shownArea ?? { minX: -70, minY: -30, maxX: 30, maxY: 30 }} height={340}
            label="Map for the last known point" onPick={pick}
            overlay={(proj) => (
              <g>
                {shownArea && <rect className="map-area" x={proj.x(shownArea.minX)} y={proj.y(shownArea.maxY)} width={(shownArea.maxX - shownArea.minX) * proj.scale} height={(shownArea.maxY - shownArea.minY) * proj.scale} />}
                {point && <LkpMark x={proj.x(point.x)} y={proj.y(point.y)} />}
              </g>
            )} />
        )}
        <div className="row">
          <Field id="op-x" label="x (km east)" error={fieldError(err, 'lastKnown')}>
            <input id="op-x" inputMode="decimal" value={lkp.x} onChange={(e) => setLkp({ ...lkp, x: e.target.value })} onBlur={() => fitArea(point, profile)} />
          </Field>
          <Field id="op-y" label="y (km north)">
            <input id="op-y" inputMode="decimal" value={lkp.y} onChange={(e) => setLkp({ ...lkp, y: e.target.value })} onBlur={() => fitArea(point, profile)} />
          </Field>
          <Field id="op-at" label="Seen at (village time)">
            <input id="op-at" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
          </Field>
        </div>
        {point && land.data && <p className="sar-place">That is {describePlace(land.data.features, point)}.</p>}
        <Field id="op-note" label="What was seen (optional)" hint="e.g. left the legislative building “for air”">
          <input id="op-note" name="note" />
        </Field>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Who is missing: how far such people go</legend>
        {PROFILES.map(([k, label, hint]) => (
          <label key={k} className="check radio-row">
            <input type="radio" id={`op-profile-${k}`} name="profile" value={k} checked={profile === k} onChange={() => { setProfile(k); fitArea(point, k); }} />
            {label} <span className="muted small">— {hint}</span>
          </label>
        ))}
        <div className="row">
          <Field id="op-bearing" label="Heading, if known (degrees, optional)" hint="0 north, 90 east, 270 west" error={fieldError(err, 'direction')}>
            <input id="op-bearing" name="bearing" inputMode="decimal" />
          </Field>
          <Field id="op-kappa" label="How sure of the heading" hint="1 = a leaning, 4 = quite sure">
            <input id="op-kappa" name="kappa" inputMode="decimal" defaultValue="1" />
          </Field>
          <Field id="op-moving" label="Still moving at (km/h, optional)" error={fieldError(err, 'movingKmh')}>
            <input id="op-moving" name="moving" inputMode="decimal" />
          </Field>
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Area to search</legend>
        <p className="hint">Filled in around the last known point for the chosen profile; change it if you know better. At most 1,000 × 1,000 cells.</p>
        {areaProblems(err).map((m, i) => <p key={i} className="error-message">{m}</p>)}
        <div className="row area-row">
          {(['minX', 'maxX', 'minY', 'maxY', 'cellKm'] as const).map((k) => (
            <Field key={k} id={`op-${k}`} label={AREA_LABEL[k]}>
              <input id={`op-${k}`} inputMode="decimal" value={area[k]} onChange={(e) => { setAreaTouched(true); setArea({ ...area, [k]: e.target.value }); }} />
            </Field>
          ))}
        </div>
        <p className="hint" aria-live="polite">{cells ? `${cells.w.toLocaleString('en-GB')} × ${cells.h.toLocaleString('en-GB')} cells${cells.w > 1000 || cells.h > 1000 ? ' — too many: use bigger cells or a smaller area' : ''}` : 'Give the area’s edges and cell size.'}</p>
      </fieldset>

      <details className="fieldset">
        <summary>Title and classification (optional)</summary>
        <Field id="op-title" label="Title" hint="Shown beside the code; the person’s name is used when empty" error={fieldError(err, 'title')}>
          <input id="op-title" name="title" />
        </Field>
        <div className="row">
          <Field id="op-classification" label="Classification" hint="A covert subject’s search must be classified" error={fieldError(err, 'classification')}>
            <select id="op-classification" name="classification" defaultValue="public">
              <option value="public">Public</option><option value="restricted">Restricted</option><option value="secret">Secret</option><option value="top_secret">Top secret</option>
            </select>
          </Field>
          <Field id="op-compartments" label="Compartments" hint="e.g. ANBU" error={fieldError(err, 'compartments')}>
            <input id="op-compartments" name="compartments" />
          </Field>
        </div>
      </details>
      <div className="actions">
        <button className="button" type="submit" disabled={open.isPending}>{open.isPending ? 'Opening…' : 'Open the operation'}</button>
        <button className="link-button" type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
/** The server's words on the area, each led by the field it is about ("Cell size gives 11800 × 11800 cells…"). */
function areaProblems(err: unknown): string[] {
  if (!(err instanceof ApiError)) return [];
  return err.details.filter((d) => /^(body\.)?area(\.|$)/.test(d.path ?? '')).map((d) => {
    const field = (d.path ?? '').split('.').pop() as keyof typeof AREA_LABEL;
    return `${AREA_LABEL[field]?.replace(/ \(km\)$/, '') ?? 'The area'} ${d.message}`;
  });
}
const AREA_LABEL = { minX: 'West edge (km)', maxX: 'East edge (km)', minY: 'South edge (km)', maxY: 'North edge (km)', cellKm: 'Cell size (km)' };
const round = (v: number) => Math.round(v * 10) / 10;

/** Find a registry person by name and choose them; the API takes their id. */
export function SubjectLookup({ value, onChange, error, id = 'op-subject', label = 'Missing person' }: {
  value: { id: string; name: string } | null; onChange: (v: { id: string; name: string } | null) => void; error?: string; id?: string; label?: string;
}) {
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['sar-people-lookup', q],
    queryFn: () => api<PeoplePage>(`/api/registry/people${qs({ q, limit: 6 })}`),
    enabled: q.trim().length >= 2,
  });
  if (value) {
    return (
      <div className={`field${error ? ' field-error' : ''}`}>
        <span className="field-label">{label}</span>
        {error && <p className="error-message">{error}</p>}
        <p className="chosen"><strong>{value.name}</strong> <button type="button" className="link-button" id={id} onClick={() => onChange(null)}>Choose someone else</button></p>
      </div>
    );
  }
  return (
    <Field id={id} label={label} hint="Type part of their name, then choose them from the list" error={error}>
      <input id={id} name="subjectText" type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} />
      {q.trim().length >= 2 && (
        <div className="lookup-results" aria-live="polite">
          {people.isPending ? <span className="muted">Looking…</span> : people.isError ? <span className="error-message">{String((people.error as Error).message)}</span>
            : people.data.items.length === 0 ? <span className="muted">Nobody by that name in the registry (or not at your clearance).</span> : (
              <ul>
                {people.data.items.map((p) => (
                  <li key={p.id}>
                    <button type="button" className="lookup-choice" onClick={() => { onChange({ id: p.id, name: p.displayName }); setQ(''); }}>
                      {p.displayName} <span className="muted small">{p.rankLabel}{p.status ? ` · ${p.status.label}` : ''}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
        </div>
      )}
    </Field>
  );
}
