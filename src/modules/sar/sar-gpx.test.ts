// GPX in and out: real-world shapes (1.1, 1.0, routes, no times), errors with their line, the
// contract's projection worked by hand, and write → parse keeping every point to a metre.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { REAL_DATA_DIR } from '../../kernel/testing/real-data.ts';
import { parseGpx, writeGpx, toKm, toLatLon, gpxSegments, gpxTimeSpan, timesAlong, polylineKm, GpxError } from './sar-gpx.ts';

// What a Garmin-style device writes: namespaces, extensions, metadata, elevation, times.
const DEVICE_1_1 = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxx="http://www.garmin.com/xmlschemas/GpxExtensions/v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" creator="eTrex 32x" version="1.1" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">
  <metadata><link href="http://www.garmin.com"><text>Garmin International</text></link><time>2026-11-27T15:02:11Z</time></metadata>
  <wpt lat="24.51" lon="30.99"><name>Cairn</name></wpt>
  <trk>
    <name>Arroyo sweep &amp; back</name>
    <extensions><gpxx:TrackExtension><gpxx:DisplayColor>Red</gpxx:DisplayColor></gpxx:TrackExtension></extensions>
    <trkseg>
      <trkpt lat="24.4950000" lon="30.9800000"><ele>412.3</ele><time>2026-11-27T15:00:00Z</time></trkpt>
      <trkpt lat="24.4900000" lon="30.9700000"><ele>413.0</ele><time>2026-11-27T15:10:00Z</time></trkpt>
    </trkseg>
    <trkseg>
      <trkpt lat="24.4800000" lon="30.9600000"><ele>415</ele><time>2026-11-27T16:00:00.500+01:00</time></trkpt>
    </trkseg>
    <trkseg/>
  </trk>
</gpx>
`;

// GPX 1.0: another namespace, a route, a point without time, a time without a zone.
const OLD_1_0 = `<?xml version="1.0"?>
<gpx version="1.0" creator="GPSBabel - http://www.gpsbabel.org" xmlns="http://www.topografix.com/GPX/1/0">
<time>2026-11-27T15:02:11Z</time>
<rte>
<name>Road east</name>
<rtept lat="24.5" lon="31.0"/>
<rtept lat="24.5" lon="31.1"><name>km 10</name></rtept>
</rte>
<trk><name>Village walls</name><trkseg>
<trkpt lat="24.501" lon="31.001"/>
<trkpt lat="24.502" lon="31.002"><time>2026-11-27T18:00:00</time></trkpt>
</trkseg></trk>
</gpx>`;

function gpxError(text: string): GpxError {
  try {
    parseGpx(text);
  } catch (e) {
    if (e instanceof GpxError) return e;
    throw e;
  }
  throw new Error('parsed without an error');
}

describe('the projection (the contract: equirectangular around lat 24.5, lon 31)', () => {
  it('puts the datum at the origin and a degree where the hand calculation says', () => {
    expect(toKm({ lat: 24.5, lon: 31 })).toEqual({ x: 0, y: 0 });
    // One degree of latitude is 110.574 km; one of longitude 111.320·cos 24.5° = 111.320 × 0.909961 = 101.297 km.
    const north = toKm({ lat: 25.5, lon: 31 });
    expect(north.x).toBe(0);
    expect(north.y).toBeCloseTo(110.574, 9);
    expect(toKm({ lat: 24.5, lon: 32 }).x).toBeCloseTo(101.297, 3);
    // The bluff, 60 km west and 6 km south: lon 31 − 60/101.297 = 30.40768, lat 24.5 − 6/110.574 = 24.44574.
    const bluff = toLatLon({ x: -60, y: -6 });
    expect(bluff.lon).toBeCloseTo(30.40768, 5);
    expect(bluff.lat).toBeCloseTo(24.44574, 5);
  });
});

describe('parseGpx', () => {
  it('reads a device\'s GPX 1.1: every segment, elevation, times normalised to UTC, waypoints left out', () => {
    const doc = parseGpx(DEVICE_1_1);
    expect(doc.version).toBe('1.1');
    expect(doc.creator).toBe('eTrex 32x');
    expect(doc.lines).toHaveLength(1);
    const [trk] = doc.lines;
    expect(trk!.kind).toBe('track');
    expect(trk!.name).toBe('Arroyo sweep & back');
    expect(trk!.segments.map((s) => s.length)).toEqual([2, 1, 0]);
    expect(trk!.segments[0]![0]).toEqual({ lat: 24.495, lon: 30.98, ele: 412.3, time: '2026-11-27T15:00:00.000Z' });
    // 16:00:00.5 at +01:00 is 15:00:00.5 UTC.
    expect(trk!.segments[1]![0]!.time).toBe('2026-11-27T15:00:00.500Z');
    expect(gpxSegments(doc).map((s) => s.length)).toEqual([2, 1]);
    expect(gpxTimeSpan(doc)).toEqual({ startedAt: '2026-11-27T15:00:00.000Z', endedAt: '2026-11-27T15:10:00.000Z' });
  });

  it('tolerates GPX 1.0, routes, points without times and times without a zone (UTC), in document order', () => {
    const doc = parseGpx(OLD_1_0);
    expect(doc.version).toBe('1.0');
    expect(doc.lines.map((l) => [l.kind, l.name])).toEqual([['route', 'Road east'], ['track', 'Village walls']]);
    expect(doc.lines[0]!.segments).toEqual([[{ lat: 24.5, lon: 31 }, { lat: 24.5, lon: 31.1 }]]);
    expect(doc.lines[1]!.segments[0]![0]).toEqual({ lat: 24.501, lon: 31.001 });
    expect(doc.lines[1]!.segments[0]![1]!.time).toBe('2026-11-27T18:00:00.000Z');
    expect(gpxTimeSpan(doc)).toEqual({ startedAt: '2026-11-27T18:00:00.000Z', endedAt: '2026-11-27T18:00:00.000Z' });
    expect(gpxTimeSpan(parseGpx('<gpx><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>'))).toBeNull();
  });

  it('refuses malformed XML with the line of the problem', () => {
    const e = gpxError('<?xml version="1.0"?>\n<gpx version="1.1">\n<trk><trkseg>\n<trkpt lat="24.5" lon="31">\n</trkseg></trk>\n</gpx>');
    expect(e.line).toBe(5);
    expect(e.message).toMatch(/^GPX line 5, column \d+: not well-formed XML: /);
    expect(gpxError('<gpx>\n<trk>\n<name>a & b</name></trk></gpx>').line).toBe(3);
    expect(gpxError('').message).toMatch(/^GPX line 1/);
  });

  it('refuses what is XML but not usable GPX, naming the line', () => {
    expect(gpxError('<?xml version="1.0"?>\n\n<kml><Document/></kml>')).toMatchObject({ line: 3, reason: 'the root element is <kml>, not <gpx>' });
    expect(gpxError('<gpx>\n<trk><trkseg>\n<trkpt lat="24.5" lon="31"/>\n<trkpt lat="95" lon="31"/>\n</trkseg></trk></gpx>')).toMatchObject({ line: 4, reason: '<trkpt> lat "95" is not a latitude (−90 to 90)' });
    expect(gpxError('<gpx>\n<rte>\n<rtept lat="24.5"/>\n</rte></gpx>')).toMatchObject({ line: 3, reason: '<rtept> needs both lat and lon attributes' });
    expect(gpxError('<gpx>\n<trk><trkseg>\n\n<trkpt lat="24.5" lon="east"/>\n</trkseg></trk></gpx>')).toMatchObject({ line: 4 });
    expect(gpxError('<gpx><trk><trkseg>\n<trkpt lat="24.5" lon="31"><time>yesterday</time></trkpt>\n</trkseg></trk></gpx>')).toMatchObject({ line: 2, reason: '<trkpt> time "yesterday" is not an ISO date-time' });
  });
});

describe('writeGpx', () => {
  it('writes GPX 1.1 that a reader with no knowledge of ours accepts, escaping names', () => {
    const text = writeGpx({ creator: 'Sandstone', name: 'SAR <1>', tracks: [{ name: 'ANBU & co', segments: [[{ lat: 24.5, lon: 31, time: '2026-11-27T15:00:00.000Z' }, { lat: 24.6, lon: 31 }]] }] });
    expect(text).toContain('<gpx version="1.1" creator="Sandstone" xmlns="http://www.topografix.com/GPX/1/1"');
    expect(text).toContain('<name>ANBU &amp; co</name>');
    expect(text).toContain('<trkpt lat="24.5" lon="31"><time>2026-11-27T15:00:00.000Z</time></trkpt>');
    expect(text).toContain('<trkpt lat="24.6" lon="31"/>');
    expect(parseGpx(text).lines[0]!.name).toBe('ANBU & co');
  });

  it('write → parse gives back the same km points, to a metre, with their times (property)', () => {
    const point = fc.record({ x: fc.double({ min: -400, max: 400, noNaN: true }), y: fc.double({ min: -400, max: 400, noNaN: true }) });
    const instant = fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }).map((ms) => new Date(ms).toISOString());
    const track = fc.record({ name: fc.string(), segments: fc.array(fc.array(fc.record({ p: point, time: fc.option(instant, { nil: undefined }) }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }) });
    fc.assert(fc.property(fc.array(track, { minLength: 1, maxLength: 4 }), (tracks) => {
      const text = writeGpx({ creator: 'test', tracks: tracks.map((t) => ({ name: t.name, segments: t.segments.map((s) => s.map(({ p, time }) => ({ ...toLatLon(p), ...(time !== undefined ? { time } : {}) }))) })) });
      const back = parseGpx(text);
      expect(back.lines.map((l) => l.name ?? '')).toEqual(tracks.map((t) => t.name.trim()));
      back.lines.forEach((line, i) => {
        expect(line.segments.map((s) => s.length)).toEqual(tracks[i]!.segments.map((s) => s.length));
        line.segments.forEach((seg, j) => seg.forEach((q, k) => {
          const want = tracks[i]!.segments[j]![k]!;
          const km = toKm(q);
          expect(Math.hypot(km.x - want.p.x, km.y - want.p.y)).toBeLessThan(0.001);
          expect(q.time).toBe(want.time);
        }));
      });
    }), { numRuns: 200 });
  });
});

describe('timesAlong and polylineKm', () => {
  it('spread a track\'s times by distance walked and measure it', () => {
    // 3 km then 1 km (a 3-4-5 triangle's legs) over 4 hours: the corner is passed after 3 hours.
    const pts = [{ x: 0, y: 0 }, { x: 3, y: 0 }, { x: 3, y: 1 }];
    expect(polylineKm(pts)).toBe(4);
    expect(timesAlong(pts, '2026-11-27T12:00:00Z', '2026-11-27T16:00:00Z')).toEqual(['2026-11-27T12:00:00.000Z', '2026-11-27T15:00:00.000Z', '2026-11-27T16:00:00.000Z']);
    expect(timesAlong([{ x: 1, y: 1 }], '2026-11-27T12:00:00Z', '2026-11-27T12:00:00Z')).toEqual(['2026-11-27T12:00:00.000Z']);
  });
});

describe('real GPX files in ../shared/real-data', () => {
  const files = fs.existsSync(REAL_DATA_DIR) ? fs.readdirSync(REAL_DATA_DIR).filter((f) => f.toLowerCase().endsWith('.gpx')) : [];
  if (files.length === 0) {
    console.warn(`[tests] skipped: no .gpx file in ${REAL_DATA_DIR}${fs.existsSync(REAL_DATA_DIR) ? '' : ' (absent: ../shared is not beside this checkout)'}`);
    it.skip('reads every real GPX file (none present)', () => {});
  }
  for (const file of files) {
    it(`reads ${file}: every point a finite position that writes and reads back`, () => {
      const doc = parseGpx(fs.readFileSync(path.join(REAL_DATA_DIR, file), 'utf8'));
      const segments = gpxSegments(doc);
      expect(segments.length).toBeGreaterThan(0);
      const back = gpxSegments(parseGpx(writeGpx({ creator: 'test', tracks: segments.map((s, i) => ({ name: `s${i}`, segments: [s] })) })));
      back.forEach((seg, i) => seg.forEach((q, k) => {
        const a = toKm(q), b = toKm(segments[i]![k]!);
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(0.001);
      }));
    });
  }
});
