// `sandstone sar import gpx` and `sandstone sar export geojson` as a planner runs them over a real
// database: files, exit codes and messages. The commands run in process (kernel/testing/cli.ts), one
// of them as a real process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { cliDatabase, runSandstoneAsProcessOnce, runSandstoneHere, type CliDatabase } from '../../kernel/testing/cli.ts';
import { createPerson } from '../registry/index.ts';
import { createTeam, openOperation } from './index.ts';
import { toLatLon, writeGpx } from './sar-gpx.ts';

// Each test starts the command several times, each a process that loads the sources.
const SLOW = { timeout: 240_000 };

describe('sandstone sar import gpx / export geojson --help', SLOW, () => {
  it('both commands have help', async () => {
    for (const cmd of [['sar', 'import', 'gpx'], ['sar', 'export', 'geojson']]) {
      const r = await runSandstoneHere([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toMatch(new RegExp(`Usage: sandstone ${cmd.join(' ')}`));
    }
  });
});

describe.each(DIALECTS)('sandstone sar import gpx / export geojson on %s', SLOW, (dialect) => {
  let db: CliDatabase;
  let flags: string[];
  let code = '';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-sar-cli-'));
  // A walk from 1 km west of the village to the arroyo and on, as a device logs it.
  const walk = [{ x: -1, y: 0 }, { x: -3, y: -1.5 }, { x: -3, y: -4 }];
  beforeAll(async () => {
    db = await cliDatabase(dialect, async (ctx) => {
      const subject = (await createPerson(ctx, { givenName: 'Gaara', rank: 'kage' })).id;
      const lee = (await createPerson(ctx, { givenName: 'Lee', familyName: 'Rock', rank: 'jounin' })).id;
      const op = await openOperation(ctx, {
        subject, profile: 'shinobiOnFoot', lastKnown: { x: 0, y: 0, at: '2026-11-22T12:00:00Z' },
        area: { minX: -20, minY: -20, maxX: 20, maxY: 20, cellKm: 0.5 },
      });
      code = op.code;
      await createTeam(ctx, op.id, { name: 'Arroyo walkers', members: [lee], speedKmh: 5, sweepWidthKm: 0.4 });
    });
    flags = db.flags;
    fs.writeFileSync(path.join(tmp, 'walk.gpx'), writeGpx({ creator: 'device', tracks: [{ name: 'walk', segments: [walk.map((p, i) => ({ ...toLatLon(p), time: `2026-11-22T1${4 + i}:00:00Z` }))] }] }));
    fs.writeFileSync(path.join(tmp, 'broken.gpx'), '<?xml version="1.0"?>\n<gpx version="1.1">\n<trk><trkseg>\n<trkpt lat="24.5" lon="31">\n</trkseg></trk>\n</gpx>\n');
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a team\'s GPX by operation code and team name, then exports the operation as GeoJSON with that track', async () => {
    const r = await runSandstoneHere(['sar', 'import', 'gpx', code, 'Arroyo walkers', path.join(tmp, 'walk.gpx'), ...flags]);
    expect(r.code, r.err).toBe(0);
    // 2.5 km (a 1.5-2-2.5 triangle's hypotenuse) then 2.5 km south.
    expect(r.out).toMatch(/^track \S+: 5\.000 km, 3 points, 2026-11-22T14:00:00\.000Z – 2026-11-22T16:00:00\.000Z$/m);
    expect(r.out).toMatch(new RegExp(`^recorded 1 track for team Arroyo walkers in ${code}$`, 'm'));

    const g = await runSandstoneHere(['sar', 'export', 'geojson', code, ...flags]);
    expect(g.code, g.err).toBe(0);
    const doc = JSON.parse(g.out);
    expect(doc).toMatchObject({ type: 'FeatureCollection', units: 'km', operation: { code } });
    const tracks = doc.features.filter((f: any) => f.properties.kind === 'track');
    expect(tracks).toHaveLength(1);
    expect(tracks[0].properties).toMatchObject({ teamName: 'Arroyo walkers', startedAt: '2026-11-22T14:00:00.000Z', endedAt: '2026-11-22T16:00:00.000Z' });
    tracks[0].geometry.coordinates.forEach(([x, y]: [number, number], i: number) => expect(Math.hypot(x - walk[i]!.x, y - walk[i]!.y)).toBeLessThan(0.001));
    expect(doc.features.some((f: any) => f.properties.kind === 'cell')).toBe(true);
    // The map at an instant before the walk: no searched track yet, so the cells differ.
    const before = JSON.parse((await runSandstoneHere(['sar', 'export', 'geojson', code, '--at', '2026-11-22T13:00:00Z', ...flags])).out);
    expect(before.cells.at).toBe('2026-11-22T13:00:00.000Z');
    expect(JSON.stringify(before.features.filter((f: any) => f.properties.kind === 'cell'))).not.toBe(JSON.stringify(doc.features.filter((f: any) => f.properties.kind === 'cell')));
  });

  it('says what is wrong and exits non-zero: malformed GPX (with its line), an unknown operation or team, a missing file', async () => {
    const broken = await runSandstoneAsProcessOnce(dialect, ['sar', 'import', 'gpx', code, 'Arroyo walkers', path.join(tmp, 'broken.gpx'), ...flags]);
    expect(broken.code).not.toBe(0);
    expect(broken.err).toMatch(/GPX line 5/);
    const op = await runSandstoneHere(['sar', 'import', 'gpx', 'SAR-2099-0001', 'Arroyo walkers', path.join(tmp, 'walk.gpx'), ...flags]);
    expect(op.code).not.toBe(0);
    expect(op.err).toMatch(/SAR-2099-0001/);
    const team = await runSandstoneHere(['sar', 'import', 'gpx', code, 'Nobody', path.join(tmp, 'walk.gpx'), ...flags]);
    expect(team.code).not.toBe(0);
    expect(team.err).toMatch(/no such team/);
    const file = await runSandstoneHere(['sar', 'import', 'gpx', code, 'Arroyo walkers', path.join(tmp, 'nowhere.gpx'), ...flags]);
    expect(file.code).not.toBe(0);
    expect(file.err).toMatch(/no such file/);
    expect((await runSandstoneHere(['sar', 'export', 'geojson', 'SAR-2099-0001', ...flags])).code).not.toBe(0);
  });
});
