// Task: decide where each team searches next. The server's effort plan sends every team, whole, to
// a map square for the next few hours; beside it stands the most any split of those hours could
// find (Stone's optimal allocation), so the planner sees what sending whole teams costs. One click
// makes a proposal the team's segment; the proposed squares are drawn on the map while the plan is open.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import { Problem } from '../../shared/ui.tsx';
import type { Projection } from './MapView.tsx';
import { teamColour } from './MapMarks.tsx';
import { opPath } from './queries.ts';
import { percent } from './map-model.ts';
import type { Bounds, OperationDetail } from './types.ts';

export interface PlanSquare extends Bounds { id: string; p: number; cells: number }
export interface PlanAnswer {
  at: string; hours: number; segmentKm: number; sweepKm2: number; pos: number; optimalPos: number;
  assignments: { team: { id: string; name: string }; segment: PlanSquare; hours: number; sweepKm2: number; pod: number; gain: number; current: boolean }[];
  unassigned: { id: string; name: string }[];
  ideal: { segment: PlanSquare; effortKm2: number }[];
}

export const HOURS = [2, 4, 6, 8, 12];
export const SQUARES_KM = [2, 5, 10];

export const usePlan = (id: string, hours: number, segmentKm: number, enabled: boolean) =>
  useQuery({
    queryKey: ['sar', 'plan', id, hours, segmentKm],
    queryFn: () => api<PlanAnswer>(`${opPath(id)}/plan${qs({ hours: String(hours), segmentKm: String(segmentKm) })}`),
    enabled,
  });

export function PlanPanel({ op, canAssign, open, setOpen, hours, setHours, squareKm, setSquareKm }: {
  op: OperationDetail; canAssign: boolean; open: boolean; setOpen: (v: boolean) => void;
  hours: number; setHours: (h: number) => void; squareKm: number; setSquareKm: (k: number) => void;
}) {
  const plan = usePlan(op.id, hours, squareKm, open && op.teams.length > 0);
  const qc = useQueryClient();
  const [done, setDone] = useState('');
  const assign = useMutation({
    mutationFn: (rows: PlanAnswer['assignments']) => Promise.all(rows.map((a) => api(`${opPath(op.id)}/teams/${encodeURIComponent(a.team.id)}/segment`, {
      method: 'POST', json: { minX: a.segment.minX, minY: a.segment.minY, maxX: a.segment.maxX, maxY: a.segment.maxY },
    }))),
    onSuccess: (_r, rows) => {
      setDone(rows.length === 1 ? `${rows[0]!.team.name} now searches square ${rows[0]!.segment.id}.` : `${rows.length} teams now search their proposed squares.`);
      return qc.invalidateQueries({ queryKey: ['sar'] });
    },
  });
  if (op.status !== 'active') return null;
  return (
    <section className="side-box plan-box" aria-labelledby="plan-h">
      <div className="side-head">
        <h2 id="plan-h">Effort plan</h2>
        <button type="button" className="link-button" aria-expanded={open} aria-controls="plan-body" onClick={() => { setDone(''); setOpen(!open); }}>{open ? 'Hide' : 'Plan the next hours'}</button>
      </div>
      {!open ? <p className="muted small">Which team should search which square next, from the map as it stands now.</p> : (
        <div id="plan-body">
          {op.teams.length === 0 ? <p className="muted">Add a team first: the plan sends teams.</p> : (
            <>
              <div className="plan-controls">
                <label htmlFor="plan-hours">Each team searches for</label>
                <select id="plan-hours" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
                  {HOURS.map((h) => <option key={h} value={h}>{h} hours</option>)}
                </select>
                <label htmlFor="plan-square">in squares of</label>
                <select id="plan-square" value={squareKm} onChange={(e) => setSquareKm(Number(e.target.value))}>
                  {SQUARES_KM.map((k) => <option key={k} value={k}>{k} km</option>)}
                </select>
              </div>
              {plan.isPending ? <p className="muted" role="status">Planning…</p> : plan.isError ? <Problem error={plan.error} retry={() => plan.refetch()} /> : (
                <PlanResult op={op} plan={plan.data} canAssign={canAssign} assigning={assign.isPending} onAssign={(rows) => { setDone(''); assign.mutate(rows); }} />
              )}
              {assign.isError && <Problem error={assign.error} />}
              {done && <p className="notice notice-success" role="status">{done}</p>}
            </>
          )}
        </div>
      )}
    </section>
  );
}

function PlanResult({ op, plan, canAssign, assigning, onAssign }: { op: OperationDetail; plan: PlanAnswer; canAssign: boolean; assigning: boolean; onAssign: (rows: PlanAnswer['assignments']) => void }) {
  const moves = plan.assignments.filter((a) => !a.current);
  const share = plan.optimalPos > 0 ? plan.pos / plan.optimalPos : 1;
  return (
    <>
      <div className="plan-pos" role="status">
        <p><strong>This plan finds them with a chance of {percent(plan.pos)}</strong> in the next {plan.hours} hours, if they are where the map says.</p>
        <div className="pos-bars" aria-hidden="true">
          <div className="pos-bar"><span className="pos-fill" style={{ width: `${Math.min(100, plan.pos * 100)}%` }} /></div>
          <div className="pos-bar pos-best"><span className="pos-fill" style={{ width: `${Math.min(100, plan.optimalPos * 100)}%` }} /></div>
        </div>
        <p className="small muted">The most any split of the same {Math.round(plan.sweepKm2 * 10) / 10} km² of sweeping could reach is {percent(plan.optimalPos)}{share < 0.999 ? ` (this plan gets ${Math.round(share * 100)} % of it by sending whole teams)` : ''}.</p>
      </div>
      <table className="table plan-table">
        <caption className="visually-hidden">Proposed squares per team</caption>
        <thead><tr><th scope="col">Team</th><th scope="col">Square</th><th scope="col" title="Chance a search of the square finds them if they are there">Finds if there</th><th scope="col" title="What this team adds to the plan's chance">Adds</th>{canAssign && <th scope="col"><span className="visually-hidden">Action</span></th>}</tr></thead>
        <tbody>
          {plan.assignments.map((a) => (
            <tr key={a.team.id}>
              <th scope="row"><span className="team-dot" style={{ background: teamColour(op.teams, a.team.id) }} aria-hidden="true" />{a.team.name}</th>
              <td><strong>{a.segment.id}</strong><br /><span className="small muted" title="Chance they are in this square">holds {percent(a.segment.p)}</span></td>
              <td>{percent(a.pod)}</td>
              <td>{percent(a.gain)}</td>
              {canAssign && <td>{a.current ? <span className="small muted">already there</span> : <button type="button" className="button secondary small" disabled={assigning} onClick={() => onAssign([a])} aria-label={`Send ${a.team.name} to square ${a.segment.id}`}>Send</button>}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {plan.unassigned.length > 0 && <p className="small muted">Not sent anywhere (nothing left to gain with them): {plan.unassigned.map((t) => t.name).join(', ')}.</p>}
      {canAssign && moves.length > 1 && <button type="button" className="button small" disabled={assigning} onClick={() => onAssign(moves)}>{assigning ? 'Sending…' : `Send all ${moves.length} teams`}</button>}
      <p className="hint">Squares are named by column from the west (A, B, …) and row from the south (1, 2, …), {plan.segmentKm} km a side; dotted on the map.</p>
    </>
  );
}

/** The proposed squares, dashed, in each team's colour, with the square's name and the team. */
export function PlanMarks({ op, plan, proj }: { op: OperationDetail; plan: PlanAnswer; proj: Projection }) {
  const bySquare = new Map<string, { square: PlanSquare; teams: string[]; colour: string }>();
  for (const a of plan.assignments) {
    const e = bySquare.get(a.segment.id) ?? { square: a.segment, teams: [], colour: teamColour(op.teams, a.team.id) };
    e.teams.push(a.team.name);
    bySquare.set(a.segment.id, e);
  }
  return (
    <g className="mark-plan">
      {[...bySquare.values()].map(({ square: s, teams, colour }) => {
        const x = proj.x(s.minX), y = proj.y(s.maxY);
        const w = (s.maxX - s.minX) * proj.scale, h = (s.maxY - s.minY) * proj.scale;
        // The square's name inside its top-left corner (the table says which team); the teams' names too when there is room.
        const label = w > 12 + (s.id.length + 2 + teams.join(', ').length) * 7.5 ? `${s.id}: ${teams.join(', ')}` : s.id;
        return (
          <g key={s.id}>
            <rect x={x} y={y} width={w} height={h} stroke={colour}><title>{`Square ${s.id}: ${teams.join(', ')}`}</title></rect>
            {w > 18 && h > 16 && proj.claim(x + 2, y + 2, x + 6 + label.length * 7.5, y + 17, true) && <text x={x + 4} y={y + 14} fill={colour}>{label}</text>}
          </g>
        );
      })}
    </g>
  );
}
