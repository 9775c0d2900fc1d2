// Stone's allocation with no effort to spend: nothing is allocated, and λ — the marginal gain
// every cell given effort shares — is where effort would start: the largest p_i·w_i (the gain
// of the first bit of effort in cell i is p_i·w_i·e^0). It is the limit of λ as the effort
// shrinks to 0, so a planner sees the same number either side of "no teams yet".
import { describe, it, expect } from 'vitest';
import { optimalAllocation } from './allocation.ts';

describe('optimal allocation of no effort', () => {
  it('allocates nothing, and λ is the largest p·w, the limit of λ as the effort shrinks', () => {
    // p·w = 0.2, 0.6, 0.15, and 0 for the cell without sweep rate.
    const p = [0.2, 0.3, 0.15, 0.35];
    const w = [1, 2, 1, 0];
    const none = optimalAllocation(p, w, 0);
    expect(Array.from(none.effort)).toEqual([0, 0, 0, 0]);
    expect(none.pos).toBe(0);
    expect(none.lambda).toBeCloseTo(0.6, 15);
    // A little effort all goes to the best cell, and λ = 0.6·e^(−2·t) there.
    const little = optimalAllocation(p, w, 1e-6);
    expect(little.effort[1]).toBeCloseTo(1e-6, 15);
    expect(little.lambda).toBeCloseTo(0.6 * Math.exp(-2e-6), 12);
  });
});
