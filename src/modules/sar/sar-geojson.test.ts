// The operation's GeoJSON: every kind of feature where the data puts it, and the cells holding
// 90 % of the mass, worked by hand.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { operationGeoJson, highestCells, type OperationGeo } from './sar-geojson.ts';

const OP: OperationGeo = {
  operation: { id: 'op1', code: 'SAR-2026-0001', title: 'Kazekage', status: 'active', lastKnown: { x: 0.2, y: 0.1, at: '2026-11-27T14:00:00.000Z', note: 'for air' } },
  sensorPosts: [{ id: 'post1', name: 'Western command post', x: -25, y: 0, rangeKm: 20, hitProbability: 0.8, falseAlarm: 0.05 }],
  sightings: [
    { id: 's1', kind: 'bearing', at: '2026-11-27T18:00:00.000Z', sensorPost: 'post1', bearing: 270, sigmaDeg: 8, hitProbability: 0.8, falseAlarm: 0.05, reporter: null, note: null },
    { id: 's2', kind: 'position', at: '2026-11-27T16:00:00.000Z', x: -5, y: -1, radiusKm: 1.5, hitProbability: 0.6, falseAlarm: 0.1, reporter: { withheld: true }, note: 'footprints' },
    { id: 's3', kind: 'silent', at: '2026-11-27T22:00:00.000Z', sensorPost: 'post1', note: null },
  ],
  hazards: [{ id: 'h1', at: '2026-11-27T20:00:00.000Z', x: -45, y: -3, radiusKm: 2, kind: 'scorpion', note: 'giant' }],
  teams: [{ id: 't1', name: 'ANBU', segment: { minX: -10, minY: -5, maxX: -2, maxY: 3 } }, { id: 't2', name: 'Lee', segment: null }],
  tracks: [{ id: 'k1', team: 't1', startedAt: '2026-11-27T15:00:00.000Z', endedAt: '2026-11-27T17:00:00.000Z', lengthKm: 5, points: [{ x: -2, y: 0 }, { x: -5, y: 0 }, { x: -5, y: 2 }] }],
  map: null,
};

describe('operationGeoJson', () => {
  it('gives every report a feature with its kind, in km coordinates', () => {
    const fcn = operationGeoJson(OP);
    expect(fcn.type).toBe('FeatureCollection');
    expect(fcn.units).toBe('km');
    expect(fcn).not.toHaveProperty('crs');
    const byId = new Map(fcn.features.map((f) => [f.id, f]));
    expect(byId.get('lastKnown:op1')).toEqual({ type: 'Feature', id: 'lastKnown:op1', geometry: { type: 'Point', coordinates: [0.2, 0.1] }, properties: { kind: 'lastKnown', at: '2026-11-27T14:00:00.000Z', note: 'for air' } });
    expect(byId.get('post1')!.geometry).toEqual({ type: 'Point', coordinates: [-25, 0] });
    expect(byId.get('post1')!.properties).toMatchObject({ kind: 'sensorPost', name: 'Western command post', rangeKm: 20 });
    // Due west (270°) from (−25, 0) for the post's 20 km range ends at (−45, 0).
    const bearing = byId.get('s1')!.geometry;
    expect(bearing.type).toBe('LineString');
    const [[x0, y0], [x1, y1]] = bearing.coordinates as number[][];
    expect([x0, y0]).toEqual([-25, 0]);
    expect(x1).toBeCloseTo(-45, 9);
    expect(y1).toBeCloseTo(0, 9);
    expect(byId.get('s1')!.properties).toMatchObject({ kind: 'sighting', sighting: 'bearing', bearing: 270, sigmaDeg: 8 });
    expect(byId.get('s2')).toMatchObject({ geometry: { type: 'Point', coordinates: [-5, -1] }, properties: { kind: 'sighting', sighting: 'position', radiusKm: 1.5, reporter: { withheld: true }, note: 'footprints' } });
    expect(byId.get('s3')).toMatchObject({ geometry: { type: 'Point', coordinates: [-25, 0] }, properties: { kind: 'sighting', sighting: 'silent' } });
    expect(byId.get('h1')).toMatchObject({ geometry: { type: 'Point', coordinates: [-45, -3] }, properties: { kind: 'hazard', hazard: 'scorpion', radiusKm: 2 } });
    expect(byId.get('segment:t1')!.geometry).toEqual({ type: 'Polygon', coordinates: [[[-10, -5], [-2, -5], [-2, 3], [-10, 3], [-10, -5]]] });
    expect(byId.has('segment:t2')).toBe(false);
    expect(byId.get('k1')).toMatchObject({ geometry: { type: 'LineString', coordinates: [[-2, 0], [-5, 0], [-5, 2]] }, properties: { kind: 'track', team: 't1', teamName: 'ANBU', lengthKm: 5 } });
    expect(fcn.features.filter((f) => f.properties.kind === 'cell')).toEqual([]);
    expect(fcn.cells).toBeNull();
  });

  it('adds the highest-probability cells holding 90 % of the area\'s mass, as squares with their p', () => {
    // 3 × 2 cells of 2 km from (−6, −2): p by index [0.02, 0.4, 0.06, 0.2, 0.3, 0.02] (the grid's cells hold 1).
    // Largest first: 0.4 + 0.3 + 0.2 = 0.9 — cells 1, 4, 3.
    const grid = { width: 3, height: 2, cellKm: 2, originX: -6, originY: -2, p: Float64Array.from([0.02, 0.4, 0.06, 0.2, 0.3, 0.02]) };
    const fcn = operationGeoJson({ ...OP, map: { at: '2026-11-28T00:00:00.000Z', grid } });
    const cells = fcn.features.filter((f) => f.properties.kind === 'cell');
    expect(cells.map((c) => [c.properties.col, c.properties.row, c.properties.p])).toEqual([[1, 0, 0.4], [1, 1, 0.3], [0, 1, 0.2]]);
    // Cell (1, 1): x from −6 + 2 = −4 to −2, y from −2 + 2 = 0 to 2.
    expect(cells[1]!.geometry).toEqual({ type: 'Polygon', coordinates: [[[-4, 0], [-2, 0], [-2, 2], [-4, 2], [-4, 0]]] });
    expect(fcn.cells).toMatchObject({ at: '2026-11-28T00:00:00.000Z', share: 0.9, count: 3, truncated: false });
    expect(fcn.cells!.mass).toBeCloseTo(0.9, 12);
  });

  it('caps the cell features and says so', () => {
    const grid = { width: 10, height: 10, cellKm: 1, originX: 0, originY: 0, p: new Float64Array(100).fill(0.01) };
    const fcn = operationGeoJson({ ...OP, map: { at: 'x', grid } }, { maxCells: 7 });
    expect(fcn.features.filter((f) => f.properties.kind === 'cell')).toHaveLength(7);
    expect(fcn.cells).toMatchObject({ count: 7, truncated: true });
  });
});

describe('highestCells', () => {
  it('is the smallest set of cells reaching the share, every chosen cell at least as likely as any left out (property)', () => {
    const values = fc.array(fc.oneof(fc.constant(0), fc.constant(0.125), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 60 });
    fc.assert(fc.property(values, fc.double({ min: 0.05, max: 1, noNaN: true }), (p, share) => {
      const total = p.reduce((a, b) => a + b, 0);
      const { cells, mass } = highestCells(p, share);
      if (total === 0) { expect(cells).toEqual([]); return; }
      const chosen = new Set(cells);
      expect(chosen.size).toBe(cells.length);
      const leastChosen = Math.min(...cells.map((i) => p[i]!));
      p.forEach((v, i) => { if (!chosen.has(i)) expect(v).toBeLessThanOrEqual(leastChosen); });
      expect(mass).toBeGreaterThanOrEqual(share * total * (1 - 1e-9));
      // Without its least cell the set would fall short.
      expect(mass - leastChosen).toBeLessThan(share * total * (1 + 1e-9));
    }));
  });
});
