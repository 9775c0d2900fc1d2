// The map's pure parts, with answers worked by hand: the grid's bytes, the colour scale's
// decades, north at the top of the image, where half the mass lies, and the words for a place.
import { describe, expect, it } from 'vitest';
import { cellOf, compassWord, coveragePixels, decodeFloats, describePlace, heatPixels, likelyRegion, placeName, scalePosition } from './map-model.ts';
import type { LandFeature, MapGrid } from './types.ts';

const b64 = (values: number[]) => Buffer.from(new Float32Array(values).buffer).toString('base64');

describe('decodeFloats', () => {
  it('reads little-endian float32s from base64', () => {
    // 0.5 is 0x3F000000: bytes 00 00 00 3F little-endian.
    expect(Buffer.from([0, 0, 0, 0x3f]).toString('base64')).toBe('AAAAPw==');
    expect([...decodeFloats('AAAAPw==', 1)]).toEqual([0.5]);
    expect([...decodeFloats(b64([0, 0.25, 1e-6]), 3)].map((v) => Math.fround(v))).toEqual([0, 0.25, Math.fround(1e-6)]);
  });
  it('refuses a map whose cells disagree with its grid', () => {
    expect(() => decodeFloats(b64([1, 2]), 3)).toThrow(/2 cells, its grid says 3/);
  });
});

describe('the colour scale', () => {
  it('spans four decades below the highest cell', () => {
    expect(scalePosition(0.01, 0.01)).toBe(1);
    expect(scalePosition(0.0001, 0.01)).toBeCloseTo(0.5, 12); // two decades down of four
    expect(scalePosition(0.000001, 0.01)).toBe(0); // four decades down: the end of the scale
    expect(scalePosition(1e-9, 0.01)).toBe(0);
    expect(scalePosition(0, 0.01)).toBe(0);
  });
  it('draws row 0 (south) at the bottom of the image, and leaves empty cells transparent', () => {
    const grid: MapGrid = { width: 2, height: 2, cellKm: 1, originX: 0, originY: 0 };
    // Only the south-west cell (row 0, col 0) holds anything.
    const px = heatPixels(Float32Array.of(1, 0, 0, 0), grid, 1);
    const alpha = (x: number, y: number) => px[(y * 2 + x) * 4 + 3];
    expect(alpha(0, 1)).toBeGreaterThan(0); // image bottom-left
    expect([alpha(0, 0), alpha(1, 0), alpha(1, 1)]).toEqual([0, 0, 0]);
  });
});

describe('the searched-ground tint', () => {
  it('is as opaque as the ground was searched, half opaque at 100 %, north up, clear where never searched', () => {
    const grid: MapGrid = { width: 2, height: 2, cellKm: 1, originX: 0, originY: 0 };
    // Row 0 (south): POD 1 and 0.5; row 1 (north): 0 and 0.2.
    const px = coveragePixels(Float32Array.of(1, 0.5, 0, 0.2), grid);
    const alpha = (x: number, y: number) => px[(y * 2 + x) * 4 + 3];
    expect(alpha(0, 1)).toBe(Math.round(0.5 * 255)); // south-west, image bottom-left
    expect(alpha(1, 1)).toBe(Math.round(0.25 * 255));
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(1, 0)).toBe(Math.round(0.1 * 255));
  });
});

describe('likelyRegion', () => {
  it('takes the highest cells until half the mass, and weighs their centres', () => {
    // 1 × 4 cells of 1 km from x = 0: masses 0.1, 0.4, 0.3, 0.2. Highest first: 0.4 (cell 1) reaches 0.4,
    // then 0.3 (cell 2) reaches 0.7 ≥ 0.5. Centre = (0.4·1.5 + 0.3·2.5) / 0.7.
    const grid: MapGrid = { width: 4, height: 1, cellKm: 1, originX: 0, originY: 0 };
    const r = likelyRegion(Float32Array.of(0.1, 0.4, 0.3, 0.2), grid, 0.4)!;
    expect(r.cells).toBe(2);
    expect(r.mass).toBeCloseTo(0.7, 6);
    expect(r.centre.x).toBeCloseTo((0.4 * 1.5 + 0.3 * 2.5) / 0.7, 6);
    expect(r.peak).toEqual({ x: 1.5, y: 0.5 });
  });
  it('says nothing of an empty map', () => {
    expect(likelyRegion(new Float32Array(4), { width: 2, height: 2, cellKm: 1, originX: 0, originY: 0 }, 0)).toBeNull();
  });
});

describe('words for a place', () => {
  const square = (cx: number, cy: number, r: number): [number, number][][] => [[[cx - r, cy - r], [cx + r, cy - r], [cx + r, cy + r], [cx - r, cy + r], [cx - r, cy - r]]];
  const land: LandFeature[] = [
    { id: 'plain', name: 'Gravel plain', kind: 'desert', terrain: 'easy', geometry: { type: 'Polygon', coordinates: square(0, 0, 100) } },
    { id: 'desert', name: 'Demon Desert', kind: 'desert', terrain: 'hard', geometry: { type: 'Polygon', coordinates: [[[-100, -50], [-35, -50], [-35, 50], [-100, 50], [-100, -50]]] } },
    { id: 'village', name: 'Sunagakure (walled village)', kind: 'village', terrain: 'easy', geometry: { type: 'Polygon', coordinates: square(0, 0, 1) } },
    { id: 'bluff', name: 'Red sandstone bluff', kind: 'bluff', terrain: 'impassable', geometry: { type: 'Polygon', coordinates: square(-60, -6, 2) } },
    { id: 'oasis', name: 'Hidden oasis (waterfall and pool)', kind: 'oasis', terrain: 'easy', geometry: { type: 'Polygon', coordinates: square(-60, -6, 0.5) } },
  ];
  it('names features as a sentence would', () => {
    expect(placeName(land[2]!)).toBe('the village');
    expect(placeName(land[3]!)).toBe('the red sandstone bluff');
    expect(placeName(land[1]!)).toBe('the Demon Desert');
    expect(placeName(land[4]!)).toBe('the hidden oasis');
  });
  it('measures from the village, gives the compass direction and the ground', () => {
    // 12 km due west: the village (weight 3: 12/3 = 4) beats the bluff (48 km / 2 = 24).
    expect(describePlace(land, { x: -12, y: 0 })).toBe('12 km west of the village');
    expect(compassWord({ x: 0, y: 0 }, { x: 5, y: 5 })).toBe('north-east');
  });
  it('near the bluff measures from it; inside the oasis says so', () => {
    // 4 km east of the bluff's centre: 4 / 2 = 2 beats the village 56 / 3.
    expect(describePlace(land, { x: -56, y: -6 })).toBe('4.0 km east of the red sandstone bluff, near the hidden oasis, in the Demon Desert');
    expect(describePlace(land, { x: -60, y: -6 })).toBe('at the hidden oasis, in the red sandstone bluff, in the Demon Desert');
  });
  it('finds the cell a point falls in', () => {
    expect(cellOf({ width: 10, height: 10, cellKm: 0.5, originX: -2.5, originY: -2.5 }, 0.1, -0.1)).toEqual({ col: 5, row: 4, index: 45 });
    expect(cellOf({ width: 10, height: 10, cellKm: 0.5, originX: -2.5, originY: -2.5 }, 3, 0)).toBeNull();
  });
});
