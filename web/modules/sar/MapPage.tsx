// Task: see where the missing person most likely is, now or at any moment of the search, and
// report what the teams learn. The map (terrain, heatmap, reports) with a time slider; beside it,
// what a clicked cell's chance is made of, the reports in time order, and the forms to add more.
// Every open map refetches when anyone reports (the shell's live stream).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { onLiveEvent } from '../../app/live.tsx';
import { isWithheld } from '../../app/types.ts';
import { Breadcrumbs, ClassificationTag, Loading, Problem, WithheldRef } from '../../shared/ui.tsx';
import { MapView, type Heat } from './MapView.tsx';
import { MapMarks, teamColour } from './MapMarks.tsx';
import { OperationBadge } from './OperationsPage.tsx';
import { PlanMarks, PlanPanel, usePlan } from './EffortPlan.tsx';
import { CloseForm, HazardForm, SegmentForm, SensorPostForm, SightingForm, TeamForm, TrackForm, type Pick } from './ReportForms.tsx';
import { formatTime, opPath, useCell, useLand, useMap, useOperation } from './queries.ts';
import { COVERAGE_MAX_ALPHA, COVERAGE_RGB, coveragePixels, DECADES, decodeFloats, describePlace, formatFactor, formatP, heatPixels, km, likelyRegion, percent, rgba } from './map-model.ts';
import { PROFILE_LABEL, type Land, type MapAnswer, type OperationDetail, type Point, type Step } from './types.ts';

type FormName = 'sighting' | 'hazard' | 'track' | 'team' | 'post' | 'close' | `segment:${string}`;

export function MapPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const at = params.get('at');
  const op = useOperation(id);
  const land = useLand();
  const latest = useMap(id, null);
  const shown = useMap(id, at);
  const [showCoverage, setShowCoverage] = useState(true);
  const layer = useHeatLayer(shown.data);
  const heat = useMemo(() => layer && { ...layer, heat: { ...layer.heat, coverage: showCoverage ? layer.coverage : null } }, [layer, showCoverage]);
  const [planOpen, setPlanOpen] = useState(false);
  const [planHours, setPlanHours] = useState(4);
  const [planSquareKm, setPlanSquareKm] = useState(5);
  const plan = usePlan(id, planHours, planSquareKm, planOpen && !at && (op.data?.teams.length ?? 0) > 0 && op.data?.status === 'active');
  const [pick, setPickState] = useState<Pick | null>(null);
  const setPick = useCallback((p: Pick | null) => setPickState(p), []);
  const [selected, setSelected] = useState<Point | null>(null);
  const [form, setForm] = useState<FormName | null>(null);
  const [flash, setFlash] = useState('');
  const [focus, setFocus] = useState<(Point & { n: number }) | null>(null);
  const [heard, setHeard] = useState<string | null>(null);

  // Say what just arrived from elsewhere, so nobody wonders why the map moved.
  useEffect(() => onLiveEvent((e) => {
    if (e.type !== 'sar.operation.changed' || e.payload?.operationId !== id) return;
    setHeard(`Updated ${formatTime(new Date().toISOString())}: ${KIND_WORD[String(e.payload?.kind)] ?? 'a change'} reported.`);
  }), [id]);

  const setAt = (v: string | null) => {
    const next = new URLSearchParams(window.location.search);
    if (v) next.set('at', v);
    else next.delete('at');
    setParams(next, { replace: true });
  };

  if (op.isPending || land.isPending) return <Loading what="the operation" />;
  if (op.isError) return <><Breadcrumbs trail={[['Search & rescue', '/sar'], ['Operation']]} /><Problem error={op.error} retry={() => op.refetch()} /></>;
  if (land.isError) return <Problem error={land.error} retry={() => land.refetch()} />;
  const o = op.data;
  const canReport = session.can('sar.report') && o.status === 'active';
  const canClose = session.can('sar.operation.close') && o.status === 'active';
  const steps = latest.data?.steps ?? shown.data?.steps ?? [];
  const done = (message: string) => {
    setForm(null);
    setPick(null);
    if (message) setFlash(message);
  };
  const openForm = (f: FormName) => {
    setFlash('');
    setForm(form === f ? null : f);
  };
  const placeNames = new Set(land.data.features.map((f) => f.name.replace(/\s*\([^)]*\)\s*/g, ' ').trim()).concat(land.data.features.map((f) => f.name)));
  const area = { minX: o.area.minX, minY: o.area.minY, maxX: o.area.maxX, maxY: o.area.maxY };
  const subjectName = isWithheld(o.subject) ? null : o.subject.name;

  return (
    <div className="sar sar-map-page">
      <Breadcrumbs trail={[['Search & rescue', '/sar'], [o.code]]} />
      <div className="page-head">
        <div>
          <h1>{o.code}: {subjectName ?? <WithheldRef what="Missing person" />}</h1>
          <p className="sar-sub">
            <OperationBadge status={o.status} /> <ClassificationTag classification={o.classification} compartments={o.compartments} />
            {o.title && o.title !== subjectName && <span className="sar-title">{o.title}</span>}
            <span>Last seen {formatTime(o.lastKnown.at)}, {describePlace(land.data.features, o.lastKnown)}{o.lastKnown.note ? ` — “${o.lastKnown.note}”` : ''}</span>
            <span className="muted">{PROFILE_LABEL[o.profile] ?? o.profile}{o.movingKmh ? `, moving about ${o.movingKmh} km/h` : ''}{o.closedAt ? ` · closed ${formatTime(o.closedAt)}` : ` · opened ${formatTime(o.openedAt)}`}</span>
          </p>
        </div>
        <div className="actions tight">
          <a className="button secondary small" href={`${opPath(o.id)}/geojson`} download={`${o.code}.geojson`}>GeoJSON</a>
          <a className="button secondary small" href={`${opPath(o.id)}/tracks.gpx`} download={`${o.code}-tracks.gpx`}>Tracks (GPX)</a>
          {canClose && <button className="button secondary small" aria-expanded={form === 'close'} onClick={() => openForm('close')}>Close the operation</button>}
        </div>
      </div>

      <div className="sar-layout">
        <section className="sar-map-col" aria-labelledby="map-h">
          <h2 id="map-h" className="visually-hidden">Map</h2>
          <MostLikely land={land.data} heat={heat} map={shown.data} at={at} error={shown.error} />
          <p className={`pick-banner${pick ? ' picking' : ''}`} aria-live="polite">
            {pick ? <><strong>Placing:</strong> {pick.label}.</> : 'Click a cell (or move the crosshair and press Enter) to see how its chance was reached.'}
          </p>
          <MapView land={land.data} fit={area} heat={heat?.heat} height={mapHeight()} focus={focus}
            label={`Map of the search for ${subjectName ?? 'the missing person'}`}
            onPick={(p) => (pick ? pick.onPick(p) : setSelected(p))}
            overlay={(proj) => <>
              {planOpen && !at && plan.data && <PlanMarks op={o} plan={plan.data} proj={proj} />}
              <MapMarks op={o} proj={proj} at={at} placeNames={placeNames} selected={pick ? null : selected} draft={pick?.draft ?? null} />
            </>}>
            {(shown.isFetching || latest.isFetching) && <span className="map-busy" role="status">Updating the map…</span>}
          </MapView>
          <TimeSlider steps={steps} at={at} setAt={setAt} fetching={shown.isFetching} />
          <Legend heat={heat} map={shown.data} showCoverage={showCoverage} setShowCoverage={setShowCoverage} />
        </section>

        <aside className="sar-side" aria-label="Reports and actions">
          {heard && <p className="notice notice-live" role="status">{heard}</p>}
          {flash && <p className="notice notice-success" role="status">{flash}</p>}
          {form === 'close' && <div className="side-box"><CloseForm op={o} setPick={setPick} onDone={done} /></div>}
          {selected && !pick && <CellExplanation opId={o.id} at={at} point={selected} land={land.data} onClose={() => setSelected(null)} />}
          {o.status !== 'active' && <p className="notice">This operation is closed{o.status === 'found' ? ': the person was found' : ': the search was called off'}. It takes no more reports; the map shows how it went.</p>}
          {canReport && (
            <section className="side-box" aria-labelledby="add-h">
              <h2 id="add-h">Add a report</h2>
              <div className="report-buttons">
                {([['sighting', 'Sighting'], ['hazard', 'Hazard'], ['track', 'Searched track'], ['team', 'Team'], ['post', 'Sensor post']] as const).map(([f, l]) => (
                  <button key={f} type="button" className={`button small${form === f ? '' : ' secondary'}`} aria-expanded={form === f} onClick={() => openForm(f)}>{l}</button>
                ))}
              </div>
              {form === 'sighting' && <SightingForm op={o} setPick={setPick} onDone={done} />}
              {form === 'hazard' && <HazardForm op={o} setPick={setPick} onDone={done} />}
              {form === 'track' && <TrackForm op={o} setPick={setPick} onDone={done} />}
              {form === 'team' && <TeamForm op={o} setPick={setPick} onDone={done} />}
              {form === 'post' && <SensorPostForm op={o} setPick={setPick} onDone={done} />}
            </section>
          )}
          <PlanPanel op={o} canAssign={canReport} open={planOpen} setOpen={setPlanOpen} hours={planHours} setHours={setPlanHours} squareKm={planSquareKm} setSquareKm={setPlanSquareKm} />
          <Reports op={o} land={land.data} at={at} onShow={(p) => setFocus({ ...p, n: Date.now() })} />
          <Teams op={o} canReport={canReport} form={form} openForm={openForm} setPick={setPick} done={done} />
          <SensorPosts op={o} />
        </aside>
      </div>
    </div>
  );
}

/** Tall enough to work on, short enough to leave the slider in view. */
const mapHeight = () => Math.round(Math.max(360, Math.min(640, (typeof window === 'undefined' ? 900 : window.innerHeight) - 300)));

const KIND_WORD: Record<string, string> = { opened: 'the opening', sighting: 'a sighting', hazard: 'a hazard', track: 'a searched track', team: 'a team', segment: 'a segment', sensorPost: 'a sensor post', 'sensor-post': 'a sensor post', closed: 'the close', close: 'the close', operation: 'a change' };

// ---------------------------------------------------------------------------- heat layer

interface HeatLayer { heat: Heat; p: Float32Array; max: number; region: ReturnType<typeof likelyRegion>; coverage: HTMLCanvasElement | null }

/** Decode the map once per answer: the grid as an image (one pixel a cell) and where the mass is. */
function useHeatLayer(map: MapAnswer | undefined): HeatLayer | null {
  return useMemo(() => {
    if (!map) return null;
    const { grid } = map;
    const started = performance.now();
    const p = decodeFloats(map.p, grid.width * grid.height);
    let max = map.max;
    if (!(max > 0)) for (let i = 0; i < p.length; i++) if (p[i]! > max) max = p[i]!;
    const image = document.createElement('canvas');
    image.width = grid.width;
    image.height = grid.height;
    const g = image.getContext('2d')!;
    const data = g.createImageData(grid.width, grid.height);
    heatPixels(p, grid, max, data.data);
    g.putImageData(data, 0, 0);
    const region = likelyRegion(p, grid, max);
    let coverage: HTMLCanvasElement | null = null;
    if (map.coverage) {
      coverage = document.createElement('canvas');
      coverage.width = grid.width;
      coverage.height = grid.height;
      const cg = coverage.getContext('2d')!;
      const cdata = cg.createImageData(grid.width, grid.height);
      coveragePixels(decodeFloats(map.coverage, grid.width * grid.height), grid, cdata.data);
      cg.putImageData(cdata, 0, 0);
    }
    // What a new map costs the page (bench/sar-map-web.ts reads it): User Timing, free when unread.
    performance.measure('sar map: decode, colour, find the likeliest region', { start: started });
    return { heat: { grid, image }, p, max, region, coverage };
  }, [map]);
}

/** The text alternative to the heatmap: where the chance is, in words from the land. */
function MostLikely({ land, heat, map, at, error }: { land: Land; heat: HeatLayer | null; map?: MapAnswer; at: string | null; error: unknown }) {
  if (error && !map) return <Problem error={error} />;
  if (!heat || !map) return <p className="most-likely muted" role="status">Computing the map…</p>;
  const r = heat.region;
  if (!r) return <p className="most-likely" role="status">No cell holds any chance: {percent(map.restOfWorld)} that they are outside the area.</p>;
  const cellKm2 = map.grid.cellKm * map.grid.cellKm;
  return (
    <div className="most-likely" role="status" aria-live="polite">
      <p className="most-likely-head"><strong>Most likely:</strong> {describePlace(land.features, r.centre)}.</p>
      <p className="most-likely-more">
        {at ? <>As the map stood at {formatTime(map.at)}. </> : null}
        Half the chance in the area lies within about {areaWords(r.cells * cellKm2)} around there; the single likeliest cell is {describePlace(land.features, r.peak)}.
        {' '}Chance they are outside the search area: {percent(map.restOfWorld)}.
      </p>
    </div>
  );
}
const areaWords = (a: number) => (a < 1 ? `${Math.round(a * 100)} ha` : `${a < 10 ? a.toFixed(1) : Math.round(a).toLocaleString('en-GB')} km²`);

// ---------------------------------------------------------------------------- time slider

function TimeSlider({ steps, at, setAt, fetching }: { steps: Step[]; at: string | null; setAt: (v: string | null) => void; fetching: boolean }) {
  const [playing, setPlaying] = useState(false);
  const n = steps.length;
  // The slider's position: the last step at or before `at`; the end is "now".
  let index = n;
  if (at) {
    index = 0;
    for (let i = 0; i < n; i++) if (steps[i]!.at <= at) index = i;
  }
  const go = (i: number) => setAt(i >= n ? null : steps[Math.max(0, i)]!.at);
  useEffect(() => {
    if (!playing || fetching) return;
    if (index >= n) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => go(index + 1), 1200);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, fetching, index, n]);
  if (n === 0) return null;
  const step = steps[Math.min(index, n - 1)];
  const words = index >= n ? 'Now: every report applied' : `Step ${index + 1} of ${n}, ${formatTime(step!.at)}: ${step!.summary}`;
  return (
    <div className="time-slider">
      <div className="time-head">
        <label htmlFor="map-time">Replay the search</label>
        <output htmlFor="map-time" aria-live="polite">{words}</output>
      </div>
      <div className="time-row">
        <button type="button" className="button secondary small" onClick={() => { setPlaying(false); go(index - 1); }} disabled={index === 0} aria-label="Earlier step">◀</button>
        <div className="time-track">
          <input id="map-time" type="range" min={0} max={n} step={1} value={index} aria-valuetext={words}
            onChange={(e) => { setPlaying(false); go(Number(e.target.value)); }} />
          <div className="time-ticks" aria-hidden="true">
            {steps.map((s, i) => <span key={i} className={`tick tick-${s.kind}`} style={{ left: `${(i / n) * 100}%` }} title={s.summary} />)}
          </div>
        </div>
        <button type="button" className="button secondary small" onClick={() => { setPlaying(false); go(index + 1); }} disabled={index >= n} aria-label="Later step">▶</button>
        <button type="button" className="button small" onClick={() => { if (!playing && index >= n) go(0); setPlaying(!playing); }}>{playing ? 'Pause' : 'Play'}</button>
        <button type="button" className="button secondary small" onClick={() => { setPlaying(false); setAt(null); }} disabled={index >= n}>Now</button>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------- legend

function Legend({ heat, map, showCoverage, setShowCoverage }: { heat: HeatLayer | null; map?: MapAnswer; showCoverage: boolean; setShowCoverage: (v: boolean) => void }) {
  const stops = Array.from({ length: 11 }, (_, i) => `${rgba(i / 10)} ${i * 10}%`).join(', ');
  const max = heat?.max ?? 0;
  return (
    <div className="legend" aria-labelledby="legend-h">
      <h3 id="legend-h" className="legend-title">Legend</h3>
      <div className="legend-scale">
        <p className="legend-caption">Chance the person is in a cell{map ? ` (${formatP(map.grid.cellKm)} km square)` : ''}</p>
        <div className="legend-bar" style={{ background: `linear-gradient(to right, ${stops})` }} />
        <div className="legend-ticks" aria-hidden="true">
          {Array.from({ length: DECADES + 1 }, (_, k) => <span key={k} style={{ left: `${(k / DECADES) * 100}%` }}>{max ? formatP(max / 10 ** (DECADES - k)) : ''}</span>)}
        </div>
        <p className="hint">Each step of colour is ten times likelier; uncoloured cells are below a ten-thousandth of the likeliest{max ? ` (${formatP(max)})` : ''}.</p>
      </div>
      {map?.coverage && (
        <div className="legend-scale">
          <label className="legend-toggle"><input type="checkbox" checked={showCoverage} onChange={(e) => setShowCoverage(e.target.checked)} /> Show the searched ground</label>
          <div className="legend-bar legend-coverage" style={{ background: `linear-gradient(to right, rgba(${COVERAGE_RGB.join(',')},0), rgba(${COVERAGE_RGB.join(',')},${COVERAGE_MAX_ALPHA}))` }} />
          <div className="legend-ticks" aria-hidden="true"><span style={{ left: '0%' }}>0 %</span><span style={{ left: '50%' }}>50 %</span><span style={{ left: '100%' }}>100 %</span></div>
          <p className="hint">Blue: the chance the searches so far would have found them there (cumulative POD).</p>
        </div>
      )}
      <ul className="legend-marks">
        <li><svg width="22" height="22" aria-hidden="true"><g className="mark-lkp"><circle cx="11" cy="11" r="8" /><circle cx="11" cy="11" r="3" className="mark-lkp-dot" /></g></svg> Last seen</li>
        <li><svg width="22" height="22" aria-hidden="true"><g className="mark-sighting"><circle cx="11" cy="11" r="8" className="mark-sighting-area" /><circle cx="11" cy="11" r="3" className="mark-sighting-dot" /></g></svg> Sighting (give or take)</li>
        <li><svg width="22" height="22" aria-hidden="true"><g className="mark-bearing"><path d="M3,19 L19,5 A21,21 0 0 1 21,15 Z" className="mark-bearing-wedge" /></g></svg> Bearing from a sensor post</li>
        <li><svg width="22" height="22" aria-hidden="true"><g className="mark-post"><path d="M11,3 L19,17 L3,17 Z" /></g></svg> Sensor post (dashed: range)</li>
        <li><svg width="22" height="22" aria-hidden="true"><g className="mark-hazard"><path d="M11,2 L21,19 L1,19 Z" className="mark-hazard-sign" /><text x="11" y="17" textAnchor="middle" className="mark-hazard-bang">!</text></g></svg> Hazard</li>
        <li><svg width="22" height="22" aria-hidden="true"><polyline points="2,18 8,8 14,14 20,4" className="legend-track" /></svg> Searched track (team colour)</li>
        <li><svg width="22" height="22" aria-hidden="true"><rect x="2" y="4" width="18" height="14" className="legend-segment" /></svg> Team’s segment</li>
        <li><svg width="22" height="22" aria-hidden="true"><rect x="2" y="4" width="18" height="14" className="legend-plan" /></svg> Proposed square (effort plan)</li>
      </ul>
    </div>
  );
}

// ---------------------------------------------------------------------------- cell explanation

function CellExplanation({ opId, at, point, land, onClose }: { opId: string; at: string | null; point: Point; land: Land; onClose: () => void }) {
  const cell = useCell(opId, point, at);
  return (
    <section className="side-box cell-box" aria-labelledby="cell-h">
      <div className="side-head">
        <h2 id="cell-h">Why this cell</h2>
        <button type="button" className="link-button" onClick={onClose}>Close</button>
      </div>
      {cell.isPending ? <Loading what="the cell's story" /> : cell.isError ? <Problem error={cell.error} /> : (
        <>
          <p>{describePlace(land.features, cell.data.cell)} (cell {cell.data.cell.col}, {cell.data.cell.row} at {cell.data.cell.x.toFixed(2)}, {cell.data.cell.y.toFixed(2)} km): chance <strong>{formatP(cell.data.p)}</strong>.</p>
          <p className="ledger-line">{cell.data.ledger.map((l, i) => (i === 0 ? `${l.kind} ${formatP(l.after)}` : `${l.kind} ${formatFactor(l.factor)}`)).join(' → ')}{cell.data.ledger.length > 1 ? ` → ${formatP(cell.data.p)}` : ''}</p>
          <table className="table ledger">
            <caption>How its chance got there, step by step</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Step</th><th scope="col">Factor</th><th scope="col">After</th></tr></thead>
            <tbody>
              {cell.data.ledger.map((l, i) => (
                <tr key={i}>
                  <td data-label="When">{formatTime(l.at)}</td>
                  <th scope="row" data-label="Step">{l.summary || l.kind}</th>
                  <td data-label="Factor">{formatFactor(l.factor) || '—'}</td>
                  <td data-label="After">{formatP(l.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">After each step every cell is rescaled so that the chances add up to one again; that is why a cell can rise without a factor above 1.</p>
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------- lists

interface Entry { at: string; kind: string; text: string; who?: string | null; note?: string | null; place?: Point; key: string; hazard?: boolean }

function Reports({ op, land, at, onShow }: { op: OperationDetail; land: Land; at: string | null; onShow: (p: Point) => void }) {
  const posts = new Map(op.sensorPosts.map((p) => [p.id, p]));
  const teams = new Map(op.teams.map((t) => [t.id, t]));
  const entries: Entry[] = [
    ...op.sightings.map((s): Entry => {
      const post = s.sensorPost ? posts.get(s.sensorPost) : undefined;
      const who = s.reporter ? (isWithheld(s.reporter) ? 'someone not shown at your clearance' : s.reporter.name) : null;
      if (s.kind === 'position' && s.x != null && s.y != null) {
        return { key: s.id, at: s.at, kind: 'Sighting', text: `Seen ${describePlace(land.features, { x: s.x, y: s.y })}, give or take ${km(s.radiusKm ?? 0)}`, who, note: s.note, place: { x: s.x, y: s.y } };
      }
      if (s.kind === 'bearing') return { key: s.id, at: s.at, kind: 'Bearing', text: `${post?.name ?? 'A sensor post'} felt them at ${Math.round(s.bearing ?? 0)}° (${compass(s.bearing ?? 0)}), give or take ${s.sigmaDeg ?? '?'}°`, who, note: s.note, place: post };
      return { key: s.id, at: s.at, kind: 'Silence', text: `${post?.name ?? 'A sensor post'} watched ${post ? km(post.rangeKm) + ' around' : 'its range'} and felt nothing`, who, note: s.note, place: post };
    }),
    ...op.hazards.map((h): Entry => ({ key: h.id, at: h.at, kind: 'Hazard', text: `${h.kind} ${describePlace(land.features, h)}, keep ${km(h.radiusKm)} clear`, note: h.note, place: h, hazard: true })),
    ...op.tracks.map((t): Entry => ({
      key: t.id, at: t.startedAt, kind: 'Searched', text: `${teams.get(t.team)?.name ?? 'A team'} searched ${km(t.lengthKm)} until ${formatTime(t.endedAt)} and found nothing (chance of finding them there was ${percent(t.pos)})`,
      place: t.points[Math.floor(t.points.length / 2)],
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return (
    <section className="side-box" aria-labelledby="reports-h">
      <h2 id="reports-h">Reports <span className="muted small">in time order</span></h2>
      {entries.length === 0 ? <p className="muted">Nothing reported yet.</p> : (
        <ol className="reports">
          {entries.map((e) => (
            <li key={e.key} className={`report${e.hazard ? ' report-hazard' : ''}${at && e.at > at ? ' report-later' : ''}`}>
              <div className="report-head"><span className="report-when">{formatTime(e.at)}</span> <span className={`report-kind kind-${e.kind.toLowerCase()}`}>{e.hazard ? '⚠ ' : ''}{e.kind}</span>{at && e.at > at ? <span className="muted small"> (after the time shown)</span> : null}</div>
              <p>{e.text}{e.who ? ` — reported by ${e.who}` : ''}.</p>
              {e.note && <p className="report-note">“{e.note}”</p>}
              {e.place && <button type="button" className="link-button small" onClick={() => onShow(e.place!)}>Show on the map</button>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
const compass = (deg: number) => ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'][((Math.round(deg / 45) % 8) + 8) % 8];

function Teams({ op, canReport, form, openForm, setPick, done }: { op: OperationDetail; canReport: boolean; form: FormName | null; openForm: (f: FormName) => void; setPick: (p: Pick | null) => void; done: (m: string) => void }) {
  return (
    <section className="side-box" aria-labelledby="teams-h">
      <h2 id="teams-h">Teams</h2>
      {op.teams.length === 0 ? <p className="muted">No team yet.</p> : (
        <ul className="teams">
          {op.teams.map((t) => {
            const tracks = op.tracks.filter((x) => x.team === t.id);
            const seg = t.segment;
            return (
              <li key={t.id} className="team" style={{ borderLeftColor: teamColour(op.teams, t.id) }}>
                <strong>{t.name}</strong>
                <p className="small">
                  {memberWords(t)}
                  {t.ninken.length ? <> · ninken {t.ninken.join(', ')}</> : null}
                </p>
                <p className="small muted">{t.speedKmh} km/h, sweep {km(t.sweepWidthKm)} · {seg ? `segment ${seg.minX} to ${seg.maxX} km east, ${seg.minY} to ${seg.maxY} km north` : 'no segment'} · {tracks.length} track{tracks.length === 1 ? '' : 's'}, {km(tracks.reduce((s, x) => s + x.lengthKm, 0))} searched</p>
                {canReport && <button type="button" className="link-button small" aria-expanded={form === `segment:${t.id}`} onClick={() => openForm(`segment:${t.id}`)}>{seg ? 'Change the segment' : 'Assign a segment'}</button>}
                {form === `segment:${t.id}` && <SegmentForm op={op} team={t} setPick={setPick} onDone={done} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** "Baki, Kankuro and 2 members not shown at your clearance". */
function memberWords(t: { members: OperationDetail['teams'][number]['members'] }): string {
  const names = t.members.flatMap((m) => (isWithheld(m) ? [] : [m.name]));
  const hidden = t.members.length - names.length;
  const parts = [...names, ...(hidden ? [`${hidden} member${hidden === 1 ? '' : 's'} not shown at your clearance`] : [])];
  if (!parts.length) return 'No members';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function SensorPosts({ op }: { op: OperationDetail }) {
  if (!op.sensorPosts.length) return null;
  return (
    <section className="side-box" aria-labelledby="posts-h">
      <h2 id="posts-h">Sensor posts</h2>
      <ul className="plain-list">
        {op.sensorPosts.map((p) => <li key={p.id}><strong>{p.name}</strong> <span className="small muted">at {p.x}, {p.y} km, range {km(p.rangeKm)}, right {percent(p.hitProbability)} of the time, false alarms {percent(p.falseAlarm)}</span></li>)}
      </ul>
    </section>
  );
}
