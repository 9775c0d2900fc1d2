// Search and rescue, the map page in Chromium with a 1,000 × 1,000 heatmap: how long the first
// map takes to be on screen, and what a pan step (a drag) and a zoom step (the wheel) cost, each
// beside an anchor measured in the same page in the same run.
//
// The page is the built app (dist/web: run `npx vite build` first) served by Playwright itself
// with the API answered in-process — the land from src/modules/sar/land-of-wind.ts and a prior
// from the core on 1,000 × 1,000 cells — so the figure is the browser's work, not the server's.
//
// A step is one pointer (or wheel) event followed by the next animation frame; the anchor is the
// same loop with the event sent to nothing (a bare frame: what the screen's clock alone costs). A
// step that fits its frame costs one frame; the goal is that it stays within 50 ms (20 frames a
// second while dragging).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { landOfWind, terrainFor } from '../src/modules/sar/land-of-wind.ts';
import { prior, SUBJECT_PROFILES } from '../src/modules/sar/prior.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB = path.join(here, '..', 'dist', 'web');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEPS = Number(process.env.BENCH_SAR_WEB_STEPS ?? 60);
const ORIGIN = 'http://sandstone.bench';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

export async function sarMapWebBench() {
  if (!fs.existsSync(path.join(WEB, 'index.html'))) {
    console.error('bench: the map page needs the built app (npx vite build); skipped');
    return [];
  }
  const shape = { width: 1000, height: 1000, cellKm: 0.1, originX: -75, originY: -50 };
  const grid = prior({ shape, lkp: { x: 0.3, y: 0.2 }, profile: SUBJECT_PROFILES.shinobiOnFoot, terrain: terrainFor(shape), direction: { bearingDeg: 265, concentration: 1 } });
  let max = 0;
  for (const v of grid.p) if (v > max) max = v;
  const p = Buffer.from(new Float32Array(grid.p).buffer).toString('base64');
  const operation = {
    id: 'bench', code: 'SAR-2026-0001', title: 'Bench', subject: { id: 'p', name: 'Bench subject' }, status: 'active',
    lastKnown: { x: 0.3, y: 0.2, at: '2026-06-06T15:00:00Z', note: null }, profile: 'shinobiOnFoot', direction: null,
    area: { minX: -75, minY: -50, maxX: 25, maxY: 50, cellKm: 0.1, width: 1000, height: 1000 }, movingKmh: null,
    openedAt: '2026-06-06T16:00:00Z', closedAt: null, foundAt: null, classification: 'public', compartments: [], version: 1,
  };
  const answers: Record<string, unknown> = {
    '/api/auth/me': { user: { username: 'bench', personId: 'p', displayName: 'Bench', role: 'clerk', clearance: { level: 'public', compartments: [] } }, csrfToken: 'x', idleMinutes: 30, permissions: ['sar.read'] },
    '/api/health': { status: 'ok', database: 'bench', version: 'bench' },
    '/api/sar/land': landOfWind(),
    '/api/sar/operations/bench': { ...operation, sensorPosts: [], sightings: [], hazards: [], teams: [], tracks: [] },
    '/api/sar/operations/bench/map': { at: '2026-06-06T16:00:00Z', grid: shape, restOfWorld: grid.restOfWorld, max, p, steps: [{ at: '2026-06-06T15:00:00Z', kind: 'prior', id: null, summary: 'prior' }], coverage: null },
  };

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.startsWith('/api/')) {
        const body = answers[url.pathname];
        // The live stream is not part of this figure: it is simply absent.
        return route.fulfill(body === undefined ? { status: 404, contentType: 'application/json', body: '{"error":{"code":"NOT_FOUND","message":"not in the bench"}}' } : { status: 200, contentType: 'application/json', body: JSON.stringify(body) });
      }
      const file = path.join(WEB, url.pathname);
      const served = file.startsWith(WEB) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(WEB, 'index.html');
      return route.fulfill({ status: 200, contentType: TYPES[path.extname(served)] ?? 'application/octet-stream', body: fs.readFileSync(served) });
    });
    await page.goto(`${ORIGIN}/sar/bench`);
    // From the map's answer fully received (resource timing) to its heat on the canvas: the page's
    // own work (parse, decode, colour, describe, draw), not the bench's delivery of 5 MB.
    const drawnAt = await (await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>('canvas.map-heat');
      if (!c) return false;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 64) if (d[i]! > 0) return performance.now();
      return false;
    }, undefined, { timeout: 60_000, polling: 'raf' })).jsonValue() as number;
    const arrivedAt = await page.evaluate(`performance.getEntriesByType('resource').find((e) => e.name.endsWith('/operations/bench/map')).responseEnd`) as number;
    const firstMapMs = drawnAt - arrivedAt;
    const heatMs = await page.evaluate(`performance.getEntriesByName('sar map: decode, colour, find the likeliest region')[0].duration`) as number;

    // In the page, as plain source: the bench's own bundler must not rewrite it.
    const result = await page.evaluate(`(async () => {
      const steps = ${STEPS};
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const surface = document.querySelector('.sar-map-col .map-surface');
      const r = surface.getBoundingClientRect();
      const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
      const pointer = (type, x, y) => surface.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 1, button: 0, buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y, pointerType: 'mouse', isPrimary: true }));
      const time = async (step) => {
        await frame();
        const t = performance.now();
        for (let i = 0; i < steps; i++) {
          step(i);
          await frame();
        }
        return (performance.now() - t) / steps;
      };
      const centre = () => document.querySelector('.map-keys').textContent.match(/Centre (.*) km/)[1];
      const out = { moved: [] };
      for (let round = 0; round < 3; round++) {
        const bare = await time(() => {});
        pointer('pointerdown', cx, cy);
        const pan = await time((i) => pointer('pointermove', cx + 10 + (i % 40) * 6, cy + (i % 20) * 3));
        pointer('pointerup', cx, cy);
        out.moved.push(centre());
        const zoom = await time((i) => surface.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: i % 20 < 10 ? -120 : 120, clientX: cx + 50, clientY: cy - 30 })));
        out.moved.push(document.querySelector('.map-scale').textContent);
        for (const [k, v] of Object.entries({ bare, pan, zoom })) (out[k] ??= []).push(v);
      }
      const moved = out.moved; delete out.moved;
      return { ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.min(...v)])), moved };
    })()`) as { bare: number; pan: number; zoom: number };
    const goal = '≤ 50 ms a step (20 frames a second or better)';
    const anchorName = 'a bare animation frame in the same page';
    const fig = (name: string, ms: number) => ({ name, unit: 'ms a step (best of 3 rounds)', value: +ms.toFixed(1), anchor: +result.bare.toFixed(1), anchorName, ratio: ms / result.bare, goal, pass: ms <= 50 });
    return [
      fig(`map page: pan by drag over a 1,000 × 1,000 heatmap (${STEPS} steps)`, result.pan),
      fig(`map page: zoom by wheel over a 1,000 × 1,000 heatmap (${STEPS} steps)`, result.zoom),
      { name: 'map page: a new 1,000 × 1,000 map decoded, coloured and its likeliest region found', unit: 'ms', value: +heatMs.toFixed(0), anchor: +result.bare.toFixed(1), anchorName, ratio: heatMs / result.bare, goal: 'report (a new report redraws every open map)', pass: null },
      { name: 'map page: the first map on screen once its 5 MB answer is in (parse, render, decode, draw)', unit: 'ms', value: +firstMapMs.toFixed(0), anchor: +result.bare.toFixed(1), anchorName, ratio: firstMapMs / result.bare, goal: 'report', pass: null },
    ];
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const f of await sarMapWebBench()) console.log(`${f.name}: ${f.value} ${f.unit} (anchor ${f.anchor}; ${f.ratio.toFixed(2)}×; goal ${f.goal}; ${f.pass === null ? '—' : f.pass ? 'met' : 'NOT met'})`);
}
