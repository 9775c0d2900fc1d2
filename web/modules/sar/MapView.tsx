// The map of the Land of Wind, drawn from the project's own data (no tiles from anywhere): the
// land's features on a canvas, the probability heatmap on top of it (one pixel per cell, scaled),
// and vector marks (reports, teams, hazards) in an SVG layer that a page passes in.
//
// Pan by dragging or with the arrow keys, zoom with the wheel or + and −, 0 fits the map again.
// A keyboard user moves the crosshair in the middle with the arrows and presses Enter to pick
// the point under it, as a mouse user clicks.
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Bounds, Land, LandFeature, MapGrid, Point } from './types.ts';
import { featureCentre, featurePoints } from './map-model.ts';

export interface Projection {
  /** px from km. */
  x(km: number): number;
  y(km: number): number;
  /** px per km. */
  scale: number;
  /**
   * Asks for room for a label (px box); false when it would overlap one already placed, so the
   * caller leaves it out. `force` places it anyway (a hazard's warning is never hidden).
   */
  claim(x0: number, y0: number, x1: number, y1: number, force?: boolean): boolean;
}

/** Labels placed in this frame, first come first served. */
function labelRoom(): Projection['claim'] {
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
  return (x0, y0, x1, y1, force) => {
    if (!force && placed.some((b) => x0 < b.x1 && x1 > b.x0 && y0 < b.y1 && y1 > b.y0)) return false;
    placed.push({ x0, y0, x1, y1 });
    return true;
  };
}

export interface Heat {
  grid: MapGrid;
  /** An image of the grid, one pixel per cell, north up. */
  image: HTMLCanvasElement;
  /** Drawn over the heat, same grid: the searched ground. */
  coverage?: HTMLCanvasElement | null;
}

interface View { cx: number; cy: number; scale: number }

const MIN_SCALE = 0.2; // px per km: the whole land and more
const MAX_SCALE = 400; // a 2.5 m pixel: far below any cell

export function MapView({ land, fit, heat, label, height = 560, onPick, overlay, crosshair = true, focus, children }: {
  land: Land;
  /** What to show at first and when 0 is pressed. */
  fit: Bounds;
  heat?: Heat | null;
  label: string;
  height?: number;
  /** A click (without dragging) or Enter on the crosshair, at km. */
  onPick?: (p: Point) => void;
  overlay?: (proj: Projection) => ReactNode;
  crosshair?: boolean;
  /** Bring this point to the middle (a new `n` each time it is asked for). */
  focus?: (Point & { n: number }) | null;
  children?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const heatCanvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(800);
  const [view, setView] = useState<View | null>(null);
  const [focused, setFocused] = useState(false);
  const fitKey = `${fit.minX},${fit.minY},${fit.maxX},${fit.maxY}`;

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(200, Math.round(el.clientWidth)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const fitted = useCallback((): View => {
    const w = Math.max(1e-6, fit.maxX - fit.minX);
    const h = Math.max(1e-6, fit.maxY - fit.minY);
    return { cx: (fit.minX + fit.maxX) / 2, cy: (fit.minY + fit.maxY) / 2, scale: clamp(Math.min(width / w, height / h) * 0.96, MIN_SCALE, MAX_SCALE) };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fitKey, width, height]);

  // A new area to show (another operation) fits again; a resize keeps what is shown.
  useEffect(() => setView(null), [fitKey]);
  const v = view ?? fitted();
  useEffect(() => {
    if (focus) setView((cur) => {
      const base = cur ?? fitted();
      return { cx: focus.x, cy: focus.y, scale: Math.max(base.scale, 12) };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.n]);
  const keysId = useId();

  const proj: Projection = useMemo(() => ({
    x: (k: number) => width / 2 + (k - v.cx) * v.scale,
    y: (k: number) => height / 2 - (k - v.cy) * v.scale,
    scale: v.scale,
    claim: () => true,
  }), [v.cx, v.cy, v.scale, width, height]);
  // The marks (drawn first, so they claim room for their labels first) and the land's names share
  // one set of placed labels per render.
  const labelled: Projection = { ...proj, claim: labelRoom() };
  const toKm = useCallback((px: number, py: number): Point => ({ x: v.cx + (px - width / 2) / v.scale, y: v.cy - (py - height / 2) / v.scale }), [v, width, height]);

  // Paint the terrain, and on its own layer the heatmap (so a change of map redraws only the heat).
  // Both are redrawn per frame while panning: a few dozen paths and one scaled image cost well
  // under a millisecond, so dragging stays smooth on a 1,000 × 1,000 grid.
  useEffect(() => {
    const g = prepare(canvas.current, width, height);
    if (g) paintLand(g, land, proj, width, height);
  }, [land, proj, width, height]);
  useEffect(() => {
    const g = prepare(heatCanvas.current, width, height);
    if (!g || !heat) return;
    const { grid, image } = heat;
    const x0 = proj.x(grid.originX);
    const y0 = proj.y(grid.originY + grid.height * grid.cellKm);
    const w = grid.width * grid.cellKm * proj.scale;
    const h = grid.height * grid.cellKm * proj.scale;
    g.imageSmoothingEnabled = false;
    g.drawImage(image, x0, y0, w, h);
    if (heat.coverage) g.drawImage(heat.coverage, x0, y0, w, h);
    g.strokeStyle = 'rgba(31, 27, 22, 0.55)';
    g.setLineDash([6, 4]);
    g.lineWidth = 1.5;
    g.strokeRect(x0, y0, w, h);
  }, [heat, proj, width, height]);

  // Panning: pointer drag; a press that barely moves is a click (a pick).
  const drag = useRef<{ x: number; y: number; view: View; moved: boolean } | null>(null);
  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    // Keep the drag when the pointer leaves the map; a pointer the browser no longer knows (a
    // synthetic one) just drags without capture.
    try {
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    } catch {
      /* dragging works without capture while the pointer stays over the map */
    }
    drag.current = { x: e.clientX, y: e.clientY, view: v, moved: false };
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    d.moved = true;
    setView({ cx: d.view.cx - dx / d.view.scale, cy: d.view.cy + dy / d.view.scale, scale: d.view.scale });
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved || !onPick) return;
    const r = box.current!.getBoundingClientRect();
    onPick(toKm(e.clientX - r.left, e.clientY - r.top));
  };

  const zoomAt = useCallback((factor: number, px: number, py: number) => {
    setView((cur) => {
      const base = cur ?? fitted();
      const scale = clamp(base.scale * factor, MIN_SCALE, MAX_SCALE);
      // Keep the km under the pointer where it is.
      const kx = base.cx + (px - width / 2) / base.scale;
      const ky = base.cy - (py - height / 2) / base.scale;
      return { cx: kx - (px - width / 2) / scale, cy: ky + (py - height / 2) / scale, scale };
    });
  }, [fitted, width, height]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling under the map.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), e.clientX - r.left, e.clientY - r.top);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomAt]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = (e.shiftKey ? 0.5 : 0.12) * Math.min(width, height) / v.scale;
    const pan = (dx: number, dy: number) => setView({ ...v, cx: v.cx + dx, cy: v.cy + dy });
    switch (e.key) {
      case 'ArrowLeft': pan(-step, 0); break;
      case 'ArrowRight': pan(step, 0); break;
      case 'ArrowUp': pan(0, step); break;
      case 'ArrowDown': pan(0, -step); break;
      case '+': case '=': zoomAt(1.4, width / 2, height / 2); break;
      case '-': case '_': zoomAt(1 / 1.4, width / 2, height / 2); break;
      case '0': setView(null); break;
      case 'Enter': case ' ':
        if (!onPick) return;
        onPick({ x: v.cx, y: v.cy });
        break;
      default: return;
    }
    e.preventDefault();
  };

  const scaleBar = niceLength(120 / v.scale);
  return (
    <div className="map-view">
      <div
        ref={box}
        className={`map-surface${onPick ? ' pickable' : ''}`}
        style={{ height }}
        tabIndex={0}
        role="application"
        aria-roledescription="map"
        aria-label={label}
        aria-describedby={keysId}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      >
        <canvas ref={canvas} className="map-canvas map-terrain" style={{ width, height }} aria-hidden="true" />
        <canvas ref={heatCanvas} className="map-canvas map-heat" style={{ width, height }} aria-hidden="true" />
        <svg className="map-overlay" width={width} height={height} aria-hidden="true">
          {overlay?.(labelled)}
          <LandLabels land={land} proj={labelled} />
          {crosshair && focused && onPick && (
            <g className="map-crosshair">
              <line x1={width / 2 - 14} x2={width / 2 + 14} y1={height / 2} y2={height / 2} />
              <line y1={height / 2 - 14} y2={height / 2 + 14} x1={width / 2} x2={width / 2} />
            </g>
          )}
        </svg>
        <div className="map-scale" aria-hidden="true">
          <span style={{ width: scaleBar * v.scale }} />
          {scaleBar >= 1 ? `${scaleBar} km` : `${Math.round(scaleBar * 1000)} m`}
        </div>
        <div className="map-zoom">
          <button type="button" tabIndex={-1} aria-hidden="true" onClick={() => zoomAt(1.4, width / 2, height / 2)} onPointerDown={(e) => e.stopPropagation()} onPointerUp={(e) => e.stopPropagation()}>+</button>
          <button type="button" tabIndex={-1} aria-hidden="true" onClick={() => zoomAt(1 / 1.4, width / 2, height / 2)} onPointerDown={(e) => e.stopPropagation()} onPointerUp={(e) => e.stopPropagation()}>−</button>
          <button type="button" tabIndex={-1} aria-hidden="true" className="map-fit" onClick={() => setView(null)} onPointerDown={(e) => e.stopPropagation()} onPointerUp={(e) => e.stopPropagation()}>Fit</button>
        </div>
        {children}
      </div>
      <p id={keysId} className="map-keys hint">
        Drag or use the arrow keys to move, the wheel or <kbd>+</kbd> <kbd>−</kbd> to zoom, <kbd>0</kbd> to fit.
        {onPick && <> Click the map{crosshair ? <>, or move the crosshair and press <kbd>Enter</kbd>,</> : null} to pick a point.</>}
        {' '}Centre {v.cx.toFixed(1)}, {v.cy.toFixed(1)} km.
      </p>
    </div>
  );
}

/** Sizes a canvas for the screen's pixel density and clears it; null when it is not there yet. */
function prepare(c: HTMLCanvasElement | null, width: number, height: number): CanvasRenderingContext2D | null {
  if (!c) return null;
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (c.width !== w) c.width = w;
  if (c.height !== h) c.height = h;
  const g = c.getContext('2d');
  if (!g) return null;
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.clearRect(0, 0, w, h);
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  return g;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function niceLength(kmApprox: number): number {
  const e = 10 ** Math.floor(Math.log10(kmApprox));
  const m = kmApprox / e;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * e;
}

// ---------------------------------------------------------------- the land's picture

/** The order features are painted in: broad ground first, landmarks last. */
const PAINT_ORDER = ['desert', 'dunes', 'rock', 'arroyo', 'riverbed', 'road', 'bluff', 'oasis', 'village', 'post'];

const patterns = new Map<string, CanvasPattern | string>();
function patternFor(g: CanvasRenderingContext2D, kind: string): CanvasPattern | string {
  const cached = patterns.get(kind);
  if (cached) return cached;
  const tile = document.createElement('canvas');
  const t = tile.getContext('2d')!;
  let fill: CanvasPattern | string;
  const make = (size: number, base: string, draw: (t: CanvasRenderingContext2D) => void) => {
    tile.width = tile.height = size;
    t.fillStyle = base;
    t.fillRect(0, 0, size, size);
    draw(t);
    return g.createPattern(tile, 'repeat') ?? base;
  };
  switch (kind) {
    case 'dunes':
      // Wind-laid ridges.
      fill = make(28, '#ecd6a8', (t) => {
        t.strokeStyle = '#cfae72';
        t.lineWidth = 1.4;
        for (const y0 of [7, 21]) {
          t.beginPath();
          t.moveTo(0, y0);
          t.quadraticCurveTo(7, y0 - 5, 14, y0);
          t.quadraticCurveTo(21, y0 + 5, 28, y0);
          t.stroke();
        }
      });
      break;
    case 'rock':
      fill = make(12, '#d4cabb', (t) => {
        t.fillStyle = '#9d907e';
        t.fillRect(2, 3, 2, 2);
        t.fillRect(8, 8, 2, 2);
        t.fillRect(6, 1, 1, 1);
      });
      break;
    case 'arroyo':
      fill = make(10, '#d9bf98', (t) => {
        t.strokeStyle = '#a8825a';
        t.lineWidth = 1;
        t.beginPath();
        t.moveTo(0, 10);
        t.lineTo(10, 0);
        t.stroke();
      });
      break;
    case 'desert':
      fill = make(16, '#f1e3c6', (t) => {
        t.fillStyle = '#dcc59b';
        t.fillRect(4, 5, 1, 1);
        t.fillRect(12, 12, 1, 1);
      });
      break;
    default:
      fill = '#eee';
  }
  patterns.set(kind, fill);
  return fill;
}

function tracePath(g: CanvasRenderingContext2D, f: LandFeature, proj: Projection) {
  const pts = featurePoints(f);
  g.beginPath();
  pts.forEach(([x, y], i) => (i ? g.lineTo(proj.x(x), proj.y(y)) : g.moveTo(proj.x(x), proj.y(y))));
  if (f.geometry.type === 'Polygon') g.closePath();
}

function paintLand(g: CanvasRenderingContext2D, land: Land, proj: Projection, width: number, height: number) {
  // Beyond the land's bounds: plain ground, a shade darker so the edge of the known map shows.
  g.fillStyle = '#e4d8c2';
  g.fillRect(0, 0, width, height);
  const b = land.bounds;
  g.fillStyle = '#f3e9d6';
  g.fillRect(proj.x(b.minX), proj.y(b.maxY), (b.maxX - b.minX) * proj.scale, (b.maxY - b.minY) * proj.scale);
  const byKind = [...land.features].sort((a, c) => rank(a.kind) - rank(c.kind));
  for (const f of byKind) {
    const kind = String(f.kind);
    const poly = f.geometry.type === 'Polygon';
    const line = f.geometry.type === 'LineString';
    if (f.geometry.type === 'Point') continue; // drawn as marks in the SVG layer
    tracePath(g, f, proj);
    g.setLineDash([]);
    switch (kind) {
      case 'desert': case 'dunes': case 'rock': case 'arroyo':
        if (poly) {
          g.fillStyle = patternFor(g, kind);
          g.fill();
        } else {
          g.strokeStyle = '#a8825a';
          g.lineWidth = Math.max(3, 0.6 * proj.scale);
          g.stroke();
        }
        break;
      case 'bluff':
        g.fillStyle = '#b4553d';
        g.strokeStyle = '#6e2a1b';
        g.lineWidth = 2;
        if (poly) g.fill();
        g.stroke();
        break;
      case 'oasis':
        g.fillStyle = '#86c29b';
        g.strokeStyle = '#2f7a55';
        g.lineWidth = 1.5;
        if (poly) g.fill();
        g.stroke();
        break;
      case 'village':
        g.fillStyle = '#d8c9ae';
        g.strokeStyle = '#4a3826';
        g.lineWidth = 3;
        if (poly) g.fill();
        g.stroke();
        break;
      case 'road':
        g.strokeStyle = '#fffaf0';
        g.lineWidth = 5;
        g.stroke();
        g.strokeStyle = '#7a6a55';
        g.lineWidth = 2;
        g.setLineDash([8, 5]);
        g.stroke();
        break;
      case 'riverbed':
        g.strokeStyle = '#9fb3bf';
        g.lineWidth = line ? 3 : 1.5;
        g.setLineDash([2, 4]);
        if (poly) {
          g.fillStyle = 'rgba(159, 179, 191, 0.35)';
          g.fill();
        }
        g.stroke();
        break;
      default:
        g.strokeStyle = '#8a7a66';
        g.lineWidth = 1;
        if (poly) {
          g.fillStyle = 'rgba(200, 180, 150, 0.3)';
          g.fill();
        }
        g.stroke();
    }
  }
  g.setLineDash([]);
}
const rank = (kind: string) => {
  const i = PAINT_ORDER.indexOf(kind);
  return i < 0 ? PAINT_ORDER.length : i;
};

/** Who gets a label first when names would overlap. */
const LABEL_PRIORITY = ['village', 'post', 'bluff', 'oasis', 'arroyo', 'desert', 'dunes', 'rock', 'road', 'riverbed'];

/**
 * Names on the map: landmarks always, broad areas once they are big on screen; a name that would
 * overlap one already placed is left out (zooming in makes room for it).
 */
function LandLabels({ land, proj }: { land: Land; proj: Projection }) {
  const boundsWidth = land.bounds.maxX - land.bounds.minX;
  const fits = (x0: number, y0: number, x1: number, y1: number) => proj.claim(x0, y0, x1, y1);
  const ordered = [...land.features].sort((a, b) => prio(a.kind) - prio(b.kind));
  const out: ReactNode[] = [];
  for (const f of ordered) {
    const kind = String(f.kind);
    const name = f.name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
    const c = featureCentre(f);
    const x = proj.x(c.x);
    const y = proj.y(c.y);
    const w = name.length * 8;
    if (f.geometry.type === 'Point') {
      const fitsHere = fits(x + 8, y - 10, x + 12 + w, y + 8);
      out.push(
        <g key={f.id} className={`map-place map-place-${kind}`}>
          {kind === 'post' ? <rect x={x - 6} y={y - 6} width={12} height={12} /> : <circle cx={x} cy={y} r={kind === 'oasis' ? 6 : 4} />}
          {fitsHere && <text x={x + 10} y={y + 4}>{name}</text>}
        </g>,
      );
      continue;
    }
    const pts = featurePoints(f);
    const xs = pts.map((p) => p[0]);
    const extentKm = Math.max(...xs) - Math.min(...xs);
    // The ground everywhere (the open plain) needs no name in the middle of the map.
    if (extentKm >= 0.9 * boundsWidth) continue;
    const landmark = ['village', 'bluff', 'oasis', 'arroyo'].includes(kind);
    if (!landmark && extentKm * proj.scale < 160) continue;
    if (x < -w || x > 4000 || y < -20 || y > 4000) continue;
    if (kind === 'road' || kind === 'riverbed') {
      if (fits(x, y - 18, x + w, y)) out.push(<text key={f.id} className="map-label map-label-line" x={x} y={y - 6}>{name}</text>);
      continue;
    }
    // A small landmark's name goes beside it, not on it.
    const small = extentKm * proj.scale < 60;
    const lx = small ? x + Math.max(8, (extentKm * proj.scale) / 2 + 6) : x - w / 2;
    const ly = small ? y + 4 : y;
    if (fits(lx, ly - 13, lx + w, ly + 4)) {
      out.push(<text key={f.id} className={`map-label map-label-${kind}`} x={lx} y={ly}>{name}</text>);
    }
  }
  return <g className="map-labels">{out}</g>;
}
const prio = (kind: string) => {
  const i = LABEL_PRIORITY.indexOf(kind);
  return i < 0 ? LABEL_PRIORITY.length : i;
};
