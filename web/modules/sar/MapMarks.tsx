// What is drawn over the heatmap: the last known point, sensor posts and their reach, sightings
// (circles where seen, wedges along a bearing), hazards with their note, team segments and
// tracks. Shapes and words, not colour alone, tell them apart.
import type { Projection } from './MapView.tsx';
import type { OperationDetail, Point, SensorPost, Sighting, Team } from './types.ts';

/** Distinct, dark enough on sand and on the heatmap; a team keeps its colour everywhere. */
const TEAM_COLOURS = ['#00695c', '#b34700', '#1d4f91', '#7a5200', '#9c1f5e', '#2f4f4f', '#4a6b00', '#8b2500'];
export const teamColour = (teams: Team[], id: string) => TEAM_COLOURS[Math.max(0, teams.findIndex((t) => t.id === id)) % TEAM_COLOURS.length]!;

/** A wedge from (x, y) along a compass bearing ± half-angle, r px long, as an SVG path. */
function wedge(x: number, y: number, bearing: number, half: number, r: number): string {
  const pt = (deg: number) => {
    const a = (deg * Math.PI) / 180;
    return `${x + r * Math.sin(a)},${y - r * Math.cos(a)}`;
  };
  const large = half * 2 > 180 ? 1 : 0;
  return `M${x},${y} L${pt(bearing - half)} A${r},${r} 0 ${large} 1 ${pt(bearing + half)} Z`;
}

export function MapMarks({ op, proj, at, selected, draft, placeNames }: {
  op: OperationDetail;
  /** Names the land already writes on the map (a sensor post at the command post needs no second label). */
  placeNames?: Set<string>;
  proj: Projection;
  /** Only what had happened by then (the time slider); null: everything. */
  at: string | null;
  selected: Point | null;
  /** Points a form is gathering (a track being drawn, a position picked). */
  draft: { points: Point[]; line: boolean } | null;
}) {
  const by = (t: string) => !at || t <= at;
  const posts = new Map(op.sensorPosts.map((p) => [p.id, p]));
  const px = (p: Point) => [proj.x(p.x), proj.y(p.y)] as const;
  const sightings = op.sightings.filter((s) => by(s.at));
  const hazards = op.hazards.filter((h) => by(h.at));
  const found = op.foundAt && (!at || (op.closedAt && op.closedAt <= at)) ? op.foundAt : null;
  // The labels that must always be read take their room first: the last known point, where they
  // were found, and every hazard's warning (shown to every team). Other names give way.
  const lkp = px(op.lastKnown);
  proj.claim(lkp[0] - 10, lkp[1] - 22, lkp[0] + 82, lkp[1] + 10, true);
  if (found) {
    const [fx, fy] = px(found);
    proj.claim(fx - 10, fy - 10, fx + 90, fy + 10, true);
  }
  for (const h of hazards) {
    const [x, y] = px(h);
    proj.claim(x - 14, y - 16, x + 20 + Math.max(h.kind.length + 2, (h.note ?? '').length * 0.9) * 8, y + (h.note ? 17 : 4), true);
  }
  return (
    <g className="map-marks">
      {op.teams.filter((t) => t.segment).map((t) => {
        const s = t.segment!;
        const colour = teamColour(op.teams, t.id);
        return (
          <g key={t.id} className="mark-segment">
            <rect x={proj.x(s.minX)} y={proj.y(s.maxY)} width={(s.maxX - s.minX) * proj.scale} height={(s.maxY - s.minY) * proj.scale} stroke={colour} />
            {proj.claim(proj.x(s.minX) + 2, proj.y(s.maxY) + 2, proj.x(s.minX) + 6 + t.name.length * 8, proj.y(s.maxY) + 18) && <text x={proj.x(s.minX) + 4} y={proj.y(s.maxY) + 14} fill={colour}>{t.name}</text>}
          </g>
        );
      })}
      {op.tracks.filter((t) => by(t.startedAt)).map((t) => (
        <g key={t.id} className="mark-track">
          <polyline points={t.points.map((p) => px(p).join(',')).join(' ')} className="mark-track-halo" />
          <polyline points={t.points.map((p) => px(p).join(',')).join(' ')} stroke={teamColour(op.teams, t.team)} />
        </g>
      ))}
      {op.sensorPosts.map((p) => <PostMark key={p.id} post={p} proj={proj} named={!placeNames?.has(p.name)} />)}
      {sightings.map((s) => <SightingMark key={s.id} s={s} post={s.sensorPost ? posts.get(s.sensorPost) : undefined} proj={proj} />)}
      {hazards.map((h) => {
        const [x, y] = px(h);
        const r = Math.max(h.radiusKm * proj.scale, 12);
        return (
          <g key={h.id} className="mark-hazard">
            <circle cx={x} cy={y} r={r} className="mark-hazard-area" />
            <path d={`M${x},${y - 13} L${x + 12},${y + 9} L${x - 12},${y + 9} Z`} className="mark-hazard-sign" />
            <text x={x} y={y + 6} textAnchor="middle" className="mark-hazard-bang">!</text>
            <text x={x + 16} y={y - 2} className="mark-hazard-note">⚠ {h.kind}</text>
            {h.note && <text x={x + 16} y={y + 13} className="mark-hazard-detail">{h.note}</text>}
          </g>
        );
      })}
      <LkpMark x={proj.x(op.lastKnown.x)} y={proj.y(op.lastKnown.y)} />
      {found && (
        <g className="mark-found">
          <circle cx={proj.x(found.x)} cy={proj.y(found.y)} r={10} />
          <path d={`M${proj.x(found.x) - 5},${proj.y(found.y)} l4,4 l7,-8`} />
          <text x={proj.x(found.x) + 14} y={proj.y(found.y) + 4}>Found here</text>
        </g>
      )}
      {draft && draft.points.length > 0 && (
        <g className="mark-draft">
          {draft.line && <polyline points={draft.points.map((p) => px(p).join(',')).join(' ')} />}
          {draft.points.map((p, i) => <circle key={i} cx={proj.x(p.x)} cy={proj.y(p.y)} r={5} />)}
        </g>
      )}
      {selected && (
        <g className="mark-selected">
          <rect x={proj.x(selected.x) - 8} y={proj.y(selected.y) - 8} width={16} height={16} />
        </g>
      )}
    </g>
  );
}

function PostMark({ post, proj, named }: { post: SensorPost; proj: Projection; named: boolean }) {
  const x = proj.x(post.x);
  const y = proj.y(post.y);
  return (
    <g className="mark-post">
      <circle cx={x} cy={y} r={post.rangeKm * proj.scale} className="mark-post-range" />
      <path d={`M${x},${y - 9} L${x + 8},${y + 6} L${x - 8},${y + 6} Z`} />
      {named && proj.claim(x + 9, y + 3, x + 13 + post.name.length * 8, y + 20) && <text x={x + 11} y={y + 16}>{post.name}</text>}
    </g>
  );
}

function SightingMark({ s, post, proj }: { s: Sighting; post?: SensorPost; proj: Projection }) {
  if (s.kind === 'position' && s.x != null && s.y != null) {
    const x = proj.x(s.x);
    const y = proj.y(s.y);
    return (
      <g className="mark-sighting">
        <circle cx={x} cy={y} r={Math.max(4, (s.radiusKm ?? 0) * proj.scale)} className="mark-sighting-area" />
        <circle cx={x} cy={y} r={4} className="mark-sighting-dot" />
      </g>
    );
  }
  if (s.kind === 'bearing' && post && s.bearing != null) {
    const x = proj.x(post.x);
    const y = proj.y(post.y);
    const r = (post.rangeKm || 30) * proj.scale;
    const half = Math.min(90, 2 * (s.sigmaDeg ?? 5));
    return (
      <g className="mark-bearing">
        <path d={wedge(x, y, s.bearing, half, r)} className="mark-bearing-wedge" />
        <line x1={x} y1={y} x2={x + r * Math.sin((s.bearing * Math.PI) / 180)} y2={y - r * Math.cos((s.bearing * Math.PI) / 180)} />
      </g>
    );
  }
  if (s.kind === 'silent' && post) {
    return <circle className="mark-silent" cx={proj.x(post.x)} cy={proj.y(post.y)} r={post.rangeKm * proj.scale} />;
  }
  return null;
}

export function LkpMark({ x, y }: { x: number; y: number }) {
  return (
    <g className="mark-lkp">
      <circle cx={x} cy={y} r={9} />
      <circle cx={x} cy={y} r={3} className="mark-lkp-dot" />
      <text x={x + 12} y={y - 8}>Last seen</text>
    </g>
  );
}

