// How the demo's teams sweep a block: lanes `spacing` apart, the first half a spacing in from the
// southern edge, walked west–east then back east–west, so each lane starts where the last one
// ended (a walk with no diagonal across the block, as a team on foot would do it).
import { describe, it, expect } from 'vitest';
import { lanes } from './kazekage-search.ts';

describe('lanes across a block', () => {
  it('go back and forth, half a spacing in from the edges, each starting where the last ended', () => {
    expect(lanes(0, 0, 4, 3)).toEqual([{ x: 0, y: 0.5 }, { x: 4, y: 0.5 }, { x: 4, y: 1.5 }, { x: 0, y: 1.5 }, { x: 0, y: 2.5 }, { x: 4, y: 2.5 }]);
    // Walked: three lanes of 4 km and two 1 km steps between them.
    const pts = lanes(-4, -4, 4, 4);
    const km = pts.slice(1).reduce((sum, p, i) => sum + Math.hypot(p.x - pts[i]!.x, p.y - pts[i]!.y), 0);
    expect(pts).toHaveLength(16);
    expect(km).toBeCloseTo(8 * 8 + 7 * 1, 12);
    expect(lanes(0, 0, 2, 1, 0.5)).toEqual([{ x: 0, y: 0.25 }, { x: 2, y: 0.25 }, { x: 2, y: 0.75 }, { x: 0, y: 0.75 }]);
  });
});
