// The forms beside the map: a sighting, a hazard, a searched track (drawn or GPX), a team, a
// sensor post, a team's segment, closing the operation. A form that needs a place takes it from
// a click on the map (or the crosshair and Enter); every number can also be typed.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { ErrorSummary, Field, fieldError } from '../../shared/ui.tsx';
import { SubjectLookup } from './OperationsPage.tsx';
import { isoFromLocal, nowLocal, opPath } from './queries.ts';
import { bearingDeg } from './map-model.ts';
import type { OperationDetail, Point, Team } from './types.ts';

/** What a form asks of the map: a click means this, and these points are drawn meanwhile. */
export interface Pick { label: string; onPick: (p: Point) => void; draft?: { points: Point[]; line: boolean } }
export type SetPick = (p: Pick | null) => void;

export interface FormProps { op: OperationDetail; setPick: SetPick; onDone: (message: string) => void }

/** Registers the form's use of map clicks while it is open; the latest handler always runs. */
function usePick(setPick: SetPick, label: string | null, handler: (p: Point) => void, draft?: Pick['draft']) {
  const ref = useRef(handler);
  ref.current = handler;
  const draftKey = JSON.stringify(draft ?? null);
  // Before the browser paints the form: a click that follows its appearance must already place.
  useLayoutEffect(() => {
    // A form that needs no place leaves clicks to their usual meaning (explain a cell).
    setPick(label === null ? null : { label, onPick: (p) => ref.current(p), draft });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label, draftKey, setPick]);
  useEffect(() => () => setPick(null), [setPick]);
}

function useReport<T>(op: OperationDetail, path: string, onDone: (m: string) => void, message: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { json?: unknown; raw?: { body: string; type: string }; query?: string }) =>
      api<T>(`${opPath(op.id)}${path}${body.query ?? ''}`, body.raw
        ? { method: 'POST', body: body.raw.body, headers: { 'content-type': body.raw.type } }
        : { method: 'POST', json: body.json }),
    // The form closes at once; the refetch follows. (Closing after the refetch would close
    // whatever form the person opened meanwhile.)
    onSuccess: () => {
      onDone(message);
      return qc.invalidateQueries({ queryKey: ['sar'] });
    },
  });
}

const r2 = (v: number) => String(Math.round(v * 100) / 100);
const num = (v: FormDataEntryValue | null): number | undefined => {
  const s = String(v ?? '').trim();
  return s === '' ? undefined : Number(s);
};
const text = (v: FormDataEntryValue | null): string | undefined => String(v ?? '').trim() || undefined;

function Actions({ pending, submit, onCancel }: { pending: boolean; submit: string; onCancel: () => void }) {
  return (
    <div className="actions">
      <button className="button" type="submit" disabled={pending}>{pending ? 'Saving…' : submit}</button>
      <button className="link-button" type="button" onClick={onCancel}>Cancel</button>
    </div>
  );
}

function FormShell({ title, id, error, fieldIds, onSubmit, children }: { title: string; id: string; error: unknown; fieldIds: Record<string, string>; onSubmit: (f: FormData) => void; children: ReactNode }) {
  return (
    <form className="sar-form" noValidate aria-labelledby={`${id}-h`} onSubmit={(e) => { e.preventDefault(); onSubmit(new FormData(e.currentTarget)); }}>
      <h3 id={`${id}-h`}>{title}</h3>
      <ErrorSummary error={error} fieldIds={fieldIds} />
      {children}
    </form>
  );
}

function PointFields({ prefix, value, onChange, error, hint }: { prefix: string; value: { x: string; y: string }; onChange: (v: { x: string; y: string }) => void; error?: string; hint?: string }) {
  return (
    <>
      <p className="hint pick-hint">{hint ?? 'Click the map to place it, or type the position in km.'}</p>
      <div className="row two">
        <Field id={`${prefix}-x`} label="x (km east)" error={error}>
          <input id={`${prefix}-x`} name="x" inputMode="decimal" value={value.x} onChange={(e) => onChange({ ...value, x: e.target.value })} />
        </Field>
        <Field id={`${prefix}-y`} label="y (km north)">
          <input id={`${prefix}-y`} name="y" inputMode="decimal" value={value.y} onChange={(e) => onChange({ ...value, y: e.target.value })} />
        </Field>
      </div>
    </>
  );
}
const asPoint = (v: { x: string; y: string }): Point | null => (v.x !== '' && v.y !== '' && Number.isFinite(Number(v.x)) && Number.isFinite(Number(v.y)) ? { x: Number(v.x), y: Number(v.y) } : null);

function WhenField({ id, label = 'When (village time)', name = 'at', error }: { id: string; label?: string; name?: string; error?: string }) {
  return (
    <Field id={id} label={label} error={error}>
      <input id={id} name={name} type="datetime-local" defaultValue={nowLocal()} />
    </Field>
  );
}

function Confidence({ prefix, error, hit = '0.8', fa = '0.05' }: { prefix: string; error: unknown; hit?: string; fa?: string }) {
  return (
    <div className="row two">
      <Field id={`${prefix}-hit`} label="Chance it is right" hint="0–1: how often such a report is true when they are there" error={fieldError(error, 'hitProbability')}>
        <input id={`${prefix}-hit`} name="hitProbability" inputMode="decimal" defaultValue={hit} />
      </Field>
      <Field id={`${prefix}-fa`} label="False-alarm rate" hint="0–1: how often it is reported when they are not" error={fieldError(error, 'falseAlarm')}>
        <input id={`${prefix}-fa`} name="falseAlarm" inputMode="decimal" defaultValue={fa} />
      </Field>
    </div>
  );
}

// ------------------------------------------------------------------------------- sighting

export function SightingForm({ op, setPick, onDone }: FormProps) {
  const [kind, setKind] = useState<'position' | 'bearing' | 'silent'>('position');
  const [pos, setPos] = useState({ x: '', y: '' });
  const [post, setPost] = useState(op.sensorPosts[0]?.id ?? '');
  const [bearing, setBearing] = useState('');
  const [reporter, setReporter] = useState<{ id: string; name: string } | null>(null);
  const save = useReport(op, '/sightings', onDone, 'Sighting recorded: the map is updated.');
  const thePost = op.sensorPosts.find((p) => p.id === post);
  const p = asPoint(pos);
  usePick(setPick, kind === 'bearing' ? 'Click toward the sighting: the bearing from the post is filled in' : kind === 'position' ? 'Click where they were seen' : null,
    (at) => {
      if (kind === 'position') setPos({ x: r2(at.x), y: r2(at.y) });
      else if (kind === 'bearing' && thePost) setBearing(String(Math.round(bearingDeg(thePost, at))));
    }, kind === 'position' && p ? { points: [p], line: false } : undefined);
  const submit = (f: FormData) => {
    const common = { kind, at: isoFromLocal(String(f.get('at') ?? '')), note: text(f.get('note')) };
    if (kind === 'position') {
      save.mutate({ json: { ...common, x: num(pos.x), y: num(pos.y), radiusKm: num(f.get('radiusKm')), hitProbability: num(f.get('hitProbability')), falseAlarm: num(f.get('falseAlarm')), reporter: reporter?.id } });
    } else if (kind === 'bearing') {
      save.mutate({ json: { ...common, sensorPost: post, bearing: num(bearing), sigmaDeg: num(f.get('sigmaDeg')), hitProbability: num(f.get('hitProbability')), falseAlarm: num(f.get('falseAlarm')), reporter: reporter?.id } });
    } else save.mutate({ json: { ...common, sensorPost: post } });
  };
  const noPosts = op.sensorPosts.length === 0;
  return (
    <FormShell title="Report a sighting" id="sighting" error={save.error} onSubmit={submit}
      fieldIds={{ x: 'sighting-x', y: 'sighting-y', radiusKm: 'sighting-radius', at: 'sighting-at', sensorPost: 'sighting-post', bearing: 'sighting-bearing', sigmaDeg: 'sighting-sigma', hitProbability: 'sighting-hit', falseAlarm: 'sighting-fa', reporter: 'sighting-reporter', note: 'sighting-note' }}>
      <fieldset className="fieldset">
        <legend>What kind</legend>
        {([['position', 'Seen at a place'], ['bearing', 'A sensor post felt them in a direction'], ['silent', 'A sensor post watched and felt nothing']] as const).map(([k, l]) => (
          <label key={k} className="check radio-row"><input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {l}</label>
        ))}
      </fieldset>
      <WhenField id="sighting-at" error={fieldError(save.error, 'at')} />
      {kind === 'position' ? (
        <>
          <PointFields prefix="sighting" value={pos} onChange={setPos} error={fieldError(save.error, 'x') ?? fieldError(save.error, 'y')} />
          <Field id="sighting-radius" label="Give or take (km)" hint="How far off the place may be" error={fieldError(save.error, 'radiusKm')}>
            <input id="sighting-radius" name="radiusKm" inputMode="decimal" defaultValue="1" />
          </Field>
        </>
      ) : noPosts ? (
        <p className="notice">There is no sensor post in this operation yet. Add one first (“Sensor post” above).</p>
      ) : (
        <>
          <Field id="sighting-post" label="Sensor post" error={fieldError(save.error, 'sensorPost')}>
            <select id="sighting-post" value={post} onChange={(e) => setPost(e.target.value)}>
              {op.sensorPosts.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </Field>
          {kind === 'bearing' && (
            <div className="row two">
              <Field id="sighting-bearing" label="Bearing (degrees)" hint="0 north, 90 east, 270 west; or click the map" error={fieldError(save.error, 'bearing')}>
                <input id="sighting-bearing" inputMode="decimal" value={bearing} onChange={(e) => setBearing(e.target.value)} />
              </Field>
              <Field id="sighting-sigma" label="Give or take (degrees)" error={fieldError(save.error, 'sigmaDeg')}>
                <input id="sighting-sigma" name="sigmaDeg" inputMode="decimal" defaultValue="5" />
              </Field>
            </div>
          )}
        </>
      )}
      {kind !== 'silent' && <Confidence prefix="sighting" error={save.error} hit={kind === 'bearing' ? (String(thePost?.hitProbability ?? 0.8)) : '0.8'} fa={kind === 'bearing' ? String(thePost?.falseAlarm ?? 0.05) : '0.05'} />}
      {kind !== 'silent' && <SubjectLookup id="sighting-reporter" label="Reported by (optional)" value={reporter} onChange={setReporter} error={fieldError(save.error, 'reporter')} />}
      <Field id="sighting-note" label="Note (optional)" error={fieldError(save.error, 'note')}>
        <input id="sighting-note" name="note" />
      </Field>
      <Actions pending={save.isPending} submit="Record the sighting" onCancel={() => onDone('')} />
    </FormShell>
  );
}

// ------------------------------------------------------------------------------- hazard

export function HazardForm({ op, setPick, onDone }: FormProps) {
  const [pos, setPos] = useState({ x: '', y: '' });
  const save = useReport(op, '/hazards', onDone, 'Hazard recorded: every team sees it on the map.');
  const p = asPoint(pos);
  usePick(setPick, 'Click where the hazard is', (at) => setPos({ x: r2(at.x), y: r2(at.y) }), p ? { points: [p], line: false } : undefined);
  return (
    <FormShell title="Warn of a hazard" id="hazard" error={save.error}
      fieldIds={{ x: 'hazard-x', y: 'hazard-y', at: 'hazard-at', radiusKm: 'hazard-radius', kind: 'hazard-kind', note: 'hazard-note' }}
      onSubmit={(f) => save.mutate({ json: { at: isoFromLocal(String(f.get('at') ?? '')), x: num(pos.x), y: num(pos.y), radiusKm: num(f.get('radiusKm')), kind: text(f.get('kind')), note: text(f.get('note')) } })}>
      <Field id="hazard-kind" label="What" error={fieldError(save.error, 'kind')}>
        <input id="hazard-kind" name="kind" list="hazard-kinds" defaultValue="giant scorpion" />
        <datalist id="hazard-kinds"><option value="giant scorpion" /><option value="quicksand" /><option value="sandstorm" /><option value="flash flood" /><option value="hostile shinobi" /></datalist>
      </Field>
      <WhenField id="hazard-at" label="Seen at (village time)" error={fieldError(save.error, 'at')} />
      <PointFields prefix="hazard" value={pos} onChange={setPos} error={fieldError(save.error, 'x') ?? fieldError(save.error, 'y')} />
      <Field id="hazard-radius" label="Keep clear within (km)" error={fieldError(save.error, 'radiusKm')}>
        <input id="hazard-radius" name="radiusKm" inputMode="decimal" defaultValue="0.5" />
      </Field>
      <Field id="hazard-note" label="Note for the teams" error={fieldError(save.error, 'note')}>
        <input id="hazard-note" name="note" />
      </Field>
      <Actions pending={save.isPending} submit="Warn every team" onCancel={() => onDone('')} />
    </FormShell>
  );
}

// ------------------------------------------------------------------------------- track

export function TrackForm({ op, setPick, onDone }: FormProps) {
  const [how, setHow] = useState<'draw' | 'gpx'>('draw');
  const [points, setPoints] = useState<Point[]>([]);
  const [team, setTeam] = useState(op.teams[0]?.id ?? '');
  const drawn = useReport(op, '/tracks', onDone, 'Searched track recorded: the map is updated.');
  const gpx = useReport(op, '/tracks/gpx', onDone, 'GPX track imported: the map is updated.');
  const [fileError, setFileError] = useState<string | null>(null);
  usePick(setPick, how === 'draw' ? 'Click each point of the track in order' : null, (at) => {
    if (how === 'draw') setPoints((ps) => [...ps, { x: Math.round(at.x * 100) / 100, y: Math.round(at.y * 100) / 100 }]);
  }, how === 'draw' && points.length ? { points, line: true } : undefined);
  if (op.teams.length === 0) return <p className="notice">A track belongs to a team. Add the team first (“Team” above).</p>;
  const error = how === 'draw' ? drawn.error : gpx.error;
  const submit = async (f: FormData) => {
    const startedAt = isoFromLocal(String(f.get('startedAt') ?? ''));
    const endedAt = isoFromLocal(String(f.get('endedAt') ?? ''));
    if (how === 'draw') {
      drawn.mutate({ json: { team, startedAt, endedAt, points } });
      return;
    }
    const file = f.get('gpx');
    if (!(file instanceof File) || file.size === 0) {
      setFileError('Choose the GPX file the team’s device recorded.');
      return;
    }
    setFileError(null);
    const params = new URLSearchParams({ team });
    if (f.get('useTimes')) {
      params.set('startedAt', startedAt);
      params.set('endedAt', endedAt);
    }
    gpx.mutate({ raw: { body: await file.text(), type: 'application/gpx+xml' }, query: `?${params}` });
  };
  return (
    <FormShell title="Report a searched track" id="track" error={error} onSubmit={(f) => void submit(f)}
      fieldIds={{ team: 'track-team', startedAt: 'track-start', endedAt: 'track-end', points: 'track-undo', gpx: 'track-gpx' }}>
      <p className="hint">A team searched along this way and found nothing: the chance they are there goes down, by the team’s sweep width.</p>
      <Field id="track-team" label="Team" error={fieldError(error, 'team')}>
        <select id="track-team" value={team} onChange={(e) => setTeam(e.target.value)}>
          {op.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </Field>
      <fieldset className="fieldset">
        <legend>How</legend>
        <label className="check radio-row"><input type="radio" name="how" checked={how === 'draw'} onChange={() => setHow('draw')} /> Draw it on the map</label>
        <label className="check radio-row"><input type="radio" name="how" checked={how === 'gpx'} onChange={() => setHow('gpx')} /> Upload a GPX file</label>
      </fieldset>
      {how === 'draw' ? (
        <div className="track-points">
          <p aria-live="polite">{points.length === 0 ? 'No points yet: click the map at each turn of the track.' : `${points.length} point${points.length === 1 ? '' : 's'}; last at ${points[points.length - 1]!.x}, ${points[points.length - 1]!.y} km.`}</p>
          {fieldError(error, 'points') && <p className="error-message">{fieldError(error, 'points')}</p>}
          <div className="actions tight">
            <button type="button" id="track-undo" className="button secondary small" disabled={!points.length} onClick={() => setPoints(points.slice(0, -1))}>Remove the last point</button>
            <button type="button" className="button secondary small" disabled={!points.length} onClick={() => setPoints([])}>Start again</button>
          </div>
        </div>
      ) : (
        <Field id="track-gpx" label="GPX file" hint="GPX 1.1 from the team’s device; its times are used when it has them" error={fileError ?? fieldError(error, 'gpx') ?? undefined}>
          <input id="track-gpx" name="gpx" type="file" accept=".gpx,application/gpx+xml" />
        </Field>
      )}
      <div className="row two">
        <WhenField id="track-start" label="Started (village time)" name="startedAt" error={fieldError(error, 'startedAt')} />
        <WhenField id="track-end" label="Ended (village time)" name="endedAt" error={fieldError(error, 'endedAt')} />
      </div>
      {how === 'gpx' && <label className="check"><input type="checkbox" name="useTimes" /> Use these times (the file has none)</label>}
      <Actions pending={drawn.isPending || gpx.isPending} submit={how === 'draw' ? 'Record the track' : 'Import the track'} onCancel={() => onDone('')} />
    </FormShell>
  );
}

// ------------------------------------------------------------------------------- team

export function TeamForm({ op, setPick, onDone }: FormProps) {
  const [members, setMembers] = useState<{ id: string; name: string }[]>([]);
  const save = useReport<Team>(op, '/teams', onDone, 'Team added.');
  usePick(setPick, null, () => undefined);
  return (
    <FormShell title="Add a search team" id="team" error={save.error}
      fieldIds={{ name: 'team-name', members: 'team-member', ninken: 'team-ninken', speedKmh: 'team-speed', sweepWidthKm: 'team-sweep' }}
      onSubmit={(f) => save.mutate({ json: {
        name: text(f.get('name')), members: members.map((m) => m.id),
        ninken: String(f.get('ninken') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        speedKmh: num(f.get('speedKmh')), sweepWidthKm: num(f.get('sweepWidthKm')),
      } })}>
      <Field id="team-name" label="Name" error={fieldError(save.error, 'name')}>
        <input id="team-name" name="name" />
      </Field>
      <div className="field">
        <span className="field-label">Members</span>
        {members.length ? (
          <ul className="plain-list">
            {members.map((m) => <li key={m.id}>{m.name} <button type="button" className="link-button" onClick={() => setMembers(members.filter((x) => x.id !== m.id))}>Remove {m.name}</button></li>)}
          </ul>
        ) : <p className="muted">None yet.</p>}
      </div>
      <SubjectLookup id="team-member" label="Add a member" value={null} onChange={(v) => v && !members.some((m) => m.id === v.id) && setMembers([...members, v])} error={fieldError(save.error, 'members')} />
      <Field id="team-ninken" label="Ninken (optional)" hint="Names, separated by commas, e.g. Pakkun" error={fieldError(save.error, 'ninken')}>
        <input id="team-ninken" name="ninken" />
      </Field>
      <div className="row two">
        <Field id="team-speed" label="Speed (km/h)" error={fieldError(save.error, 'speedKmh')}>
          <input id="team-speed" name="speedKmh" inputMode="decimal" defaultValue="4" />
        </Field>
        <Field id="team-sweep" label="Sweep width (km)" hint="How wide a strip they search well" error={fieldError(save.error, 'sweepWidthKm')}>
          <input id="team-sweep" name="sweepWidthKm" inputMode="decimal" defaultValue="0.2" />
        </Field>
      </div>
      <Actions pending={save.isPending} submit="Add the team" onCancel={() => onDone('')} />
    </FormShell>
  );
}

// ------------------------------------------------------------------------------- segment

export function SegmentForm({ op, team, setPick, onDone }: FormProps & { team: Team }) {
  const [b, setB] = useState(() => ({ minX: str(team.segment?.minX), minY: str(team.segment?.minY), maxX: str(team.segment?.maxX), maxY: str(team.segment?.maxY) }));
  const [corner, setCorner] = useState<Point | null>(null);
  const save = useReport<Team>(op, `/teams/${encodeURIComponent(team.id)}/segment`, onDone, `Segment assigned to ${team.name}.`);
  usePick(setPick, corner ? 'Click the opposite corner' : 'Click one corner of the segment', (p) => {
    if (!corner) {
      setCorner(p);
      return;
    }
    setB({ minX: r2(Math.min(p.x, corner.x)), maxX: r2(Math.max(p.x, corner.x)), minY: r2(Math.min(p.y, corner.y)), maxY: r2(Math.max(p.y, corner.y)) });
    setCorner(null);
  }, corner ? { points: [corner], line: false } : undefined);
  return (
    <FormShell title={`Search segment for ${team.name}`} id="segment" error={save.error}
      fieldIds={{ minX: 'segment-minX', minY: 'segment-minY', maxX: 'segment-maxX', maxY: 'segment-maxY' }}
      onSubmit={() => save.mutate({ json: { minX: num(b.minX), minY: num(b.minY), maxX: num(b.maxX), maxY: num(b.maxY) } })}>
      <p className="hint">Click two opposite corners on the map, or type the edges in km.</p>
      <div className="row two">
        {(['minX', 'maxX', 'minY', 'maxY'] as const).map((k) => (
          <Field key={k} id={`segment-${k}`} label={{ minX: 'West edge', maxX: 'East edge', minY: 'South edge', maxY: 'North edge' }[k]} error={fieldError(save.error, k)}>
            <input id={`segment-${k}`} inputMode="decimal" value={b[k]} onChange={(e) => setB({ ...b, [k]: e.target.value })} />
          </Field>
        ))}
      </div>
      <Actions pending={save.isPending} submit="Assign the segment" onCancel={() => onDone('')} />
    </FormShell>
  );
}
const str = (v: number | undefined) => (v === undefined ? '' : String(v));

// ------------------------------------------------------------------------------- sensor post

export function SensorPostForm({ op, setPick, onDone }: FormProps) {
  const [pos, setPos] = useState({ x: '', y: '' });
  const save = useReport(op, '/sensor-posts', onDone, 'Sensor post added.');
  const p = asPoint(pos);
  usePick(setPick, 'Click where the post stands', (at) => setPos({ x: r2(at.x), y: r2(at.y) }), p ? { points: [p], line: false } : undefined);
  return (
    <FormShell title="Add a sensor post" id="post" error={save.error}
      fieldIds={{ name: 'post-name', x: 'post-x', y: 'post-y', rangeKm: 'post-range', hitProbability: 'post-hit', falseAlarm: 'post-fa' }}
      onSubmit={(f) => save.mutate({ json: { name: text(f.get('name')), x: num(pos.x), y: num(pos.y), rangeKm: num(f.get('rangeKm')), hitProbability: num(f.get('hitProbability')), falseAlarm: num(f.get('falseAlarm')) } })}>
      <Field id="post-name" label="Name" error={fieldError(save.error, 'name')}>
        <input id="post-name" name="name" />
      </Field>
      <PointFields prefix="post" value={pos} onChange={setPos} error={fieldError(save.error, 'x') ?? fieldError(save.error, 'y')} />
      <Field id="post-range" label="Range (km)" error={fieldError(save.error, 'rangeKm')}>
        <input id="post-range" name="rangeKm" inputMode="decimal" defaultValue="15" />
      </Field>
      <Confidence prefix="post" error={save.error} hit="0.7" fa="0.02" />
      <Actions pending={save.isPending} submit="Add the post" onCancel={() => onDone('')} />
    </FormShell>
  );
}

// ------------------------------------------------------------------------------- close

export function CloseForm({ op, setPick, onDone }: FormProps) {
  const [outcome, setOutcome] = useState<'found' | 'called_off'>('found');
  const [pos, setPos] = useState({ x: '', y: '' });
  const qc = useQueryClient();
  const close = useMutation({
    mutationFn: (body: unknown) => api(`${opPath(op.id)}/close`, { method: 'POST', json: body }),
    onSuccess: () => {
      onDone(outcome === 'found' ? 'Operation closed: found.' : 'Operation closed: called off.');
      return qc.invalidateQueries({ queryKey: ['sar'] });
    },
  });
  const p = asPoint(pos);
  usePick(setPick, outcome === 'found' ? 'Click where they were found' : null, (at) => outcome === 'found' && setPos({ x: r2(at.x), y: r2(at.y) }), p && outcome === 'found' ? { points: [p], line: false } : undefined);
  return (
    <FormShell title="Close the operation" id="close" error={close.error} fieldIds={{ outcome: 'close-found', at: 'close-at', foundAt: 'close-x', note: 'close-note' }}
      onSubmit={(f) => close.mutate({ outcome, at: isoFromLocal(String(f.get('at') ?? '')), ...(outcome === 'found' && p ? { foundAt: p } : {}), note: text(f.get('note')) })}>
      <fieldset className="fieldset">
        <legend>Outcome</legend>
        <label className="check radio-row"><input type="radio" id="close-found" name="outcome" checked={outcome === 'found'} onChange={() => setOutcome('found')} /> Found</label>
        <label className="check radio-row"><input type="radio" name="outcome" checked={outcome === 'called_off'} onChange={() => setOutcome('called_off')} /> Called off</label>
      </fieldset>
      <WhenField id="close-at" error={fieldError(close.error, 'at')} />
      {outcome === 'found' && <PointFields prefix="close" value={pos} onChange={setPos} error={fieldError(close.error, 'foundAt')} hint="Where they were found (optional): click the map or type km." />}
      <Field id="close-note" label="Note (optional)" error={fieldError(close.error, 'note')}>
        <input id="close-note" name="note" />
      </Field>
      <p className="hint">{outcome === 'found' ? 'Their registry status goes back to active.' : 'Their registry status stays “missing”.'} A closed operation takes no more reports.</p>
      <Actions pending={close.isPending} submit="Close the operation" onCancel={() => onDone('')} />
    </FormShell>
  );
}
