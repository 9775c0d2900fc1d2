// The demo's search for the Kazekage (WORLD.md days 6–7): recorded through the services when the
// demo world loads, and the map it leaves. What the map must say comes from the story, not from
// the code: the sensors last felt him past the western post heading into the Demon Desert, the
// post then felt nothing within its range, and the village and the arroyo were searched in vain —
// so before he was found, the likeliest places lie west, past the post towards the Demon Desert
// and the bluff, not in the village.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../kernel/testing/dialects.ts';
import { withActor, type AppContext } from '../kernel/context.ts';
import { searchPeople } from '../modules/registry/index.ts';
import { listOperations, operationDetail, operationMap } from '../modules/sar/index.ts';
import { loadDemoWorld } from './demo.ts';
import { SEARCH_TITLE } from './kazekage-search.ts';

/** The map's cells as numbers again, with the km of each cell's centre. */
function cellsOf(map: Awaited<ReturnType<typeof operationMap>>) {
  const bytes = Buffer.from(map.p, 'base64');
  const p = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const { width, cellKm, originX, originY } = map.grid;
  return [...p].map((v, i) => ({ p: v, x: originX + ((i % width) + 0.5) * cellKm, y: originY + (Math.floor(i / width) + 0.5) * cellKm }));
}

// Before Lee found him (13:00Z), after every report.
const BEFORE_FOUND = '2026-11-23T12:00:00Z';

describe.each(DIALECTS)('the search for the Kazekage on %s', { timeout: 120_000 }, (dialect) => {
  let app: TestApp;
  let code: string;
  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => new Date('2026-11-25T09:00:00Z') });
    await loadDemoWorld(app.ctx);
    code = (await listOperations(app.ctx)).items.find((o) => o.title === SEARCH_TITLE)?.code ?? 'none';
  }, 180_000);
  afterAll(async () => app?.drop());

  const jounin = (compartments: string[]): AppContext => withActor(app.ctx, { kind: 'user', username: 'reader', role: 'jounin', clearance: { level: 'secret', compartments } });

  it('is recorded once, closed as found at the oasis, and the Kazekage is active again', async () => {
    const found = (await listOperations(app.ctx)).items.filter((o) => o.title === SEARCH_TITLE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ status: 'found', classification: 'public', foundAt: { x: -60.2, y: -6 } });
    const again = await loadDemoWorld(app.ctx);
    expect(again.created).toBe(0);
    expect((await listOperations(app.ctx)).items.filter((o) => o.title === SEARCH_TITLE)).toHaveLength(1);
    const [gaara] = (await searchPeople(app.ctx, { q: 'gaara' })).items;
    expect(gaara!.status).toMatchObject({ status: 'active' });
  });

  it('before he was found, the likeliest cells lie past the western command post towards the Demon Desert and the bluff, not in the village', async () => {
    for (const [who, ctx] of [['the console', app.ctx], ['a reader without ANBU', jounin(['BREACH'])]] as const) {
      const cells = cellsOf(await operationMap(ctx, code, BEFORE_FOUND)).sort((a, b) => b.p - a.p);
      // The likeliest cell: beyond x = −30, on the way into the Demon Desert.
      expect(cells[0]!.x, who).toBeLessThan(-30);
      // The 20 likeliest: all west of the post (x = −25), none anywhere near the village.
      for (const c of cells.slice(0, 20)) expect(c.x, `${who}: (${c.x}, ${c.y})`).toBeLessThan(-25);
      const west = cells.filter((c) => c.x < -25).reduce((s, c) => s + c.p, 0);
      const village = cells.filter((c) => Math.hypot(c.x, c.y) <= 5).reduce((s, c) => s + c.p, 0);
      expect(west, who).toBeGreaterThan(5 * village);
      // The bluff's oasis, where he was, 60 km out, is within reach of the Kage profile (under
      // "shinobi on foot" it lay beyond the rings and held nothing): its cell holds chance, and is
      // among the likeliest quarter of the area.
      const oasis = cells.find((c) => Math.abs(c.x + 60.2) <= 0.5 && Math.abs(c.y + 6) <= 0.5)!;
      expect(oasis.p, who).toBeGreaterThan(0);
      expect(cells.indexOf(oasis), who).toBeLessThan(cells.length / 4);
    }
  });

  it('the bodyguards\' late report takes its place in time, and stays hidden, with their team, from a reader without ANBU', async () => {
    const all = await operationDetail(app.ctx, code);
    const anbu = all.teams.find((t) => t.name === 'ANBU bodyguards')!;
    expect(anbu).toMatchObject({ classification: 'secret', compartments: ['ANBU'] });
    const map = await operationMap(app.ctx, code, BEFORE_FOUND);
    const searches = map.steps.filter((s) => s.kind === 'search');
    const late = all.tracks.find((t) => t.team === anbu.id)!;
    // Recorded last, it happened first: the night before the ninken swept the village.
    expect(searches[0]!.id).toBe(late.id);
    expect(searches.map((s) => s.at)).toEqual([...searches.map((s) => s.at)].sort());
    const breach = await operationDetail(jounin(['BREACH']), code);
    expect(breach.teams.map((t) => t.name)).not.toContain('ANBU bodyguards');
    expect(breach.tracks.map((t) => t.id)).not.toContain(late.id);
    expect(breach.teams.map((t) => t.name)).toEqual(expect.arrayContaining(["Kankuro's party", 'Ninken: Takumi', 'Ninken: Mei', 'Lee']));
    expect(breach.hazards).toEqual([expect.objectContaining({ kind: 'giant red scorpion' })]);
  });
});
