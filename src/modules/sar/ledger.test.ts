// The ledger explains every cell: its lines multiply out to the live grid's value, with or without motion between them.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { gridOf, type ProbabilityGrid } from './grid.ts';
import { explainCell, record, startLedger, type LedgerStep } from './ledger.ts';
import { motionKernel } from './motion.ts';

describe('the ledger of a cell', () => {
  it('known answer: prior, a search, a report', () => {
    // Prior [0.5, 0.3, 0.2]. Search POD [0.6, 0, 0.5]: POS 0.4, normaliser 1/0.6 → [1/3, 1/2, 1/6].
    // Report L = [0.1, 0.8, 0.1] (falseAlarm 0.1 outside): Σ = 1/30 + 0.4 + 1/60 = 0.45 → cell 1: 0.4/0.45 = 8/9.
    const g = gridOf([0.5, 0.3, 0.2]);
    const ledger = startLedger(g, 'prior: shinobi on foot');
    record(ledger, g, { kind: 'search', label: 'Kankuro, arroyo', pod: Float64Array.of(0.6, 0, 0.5) });
    record(ledger, g, { kind: 'sighting', label: 'western post', report: { kind: 'position', x: 1.5, y: 0.5, radiusKm: 1e-3, hit: 0.8, falseAlarm: 0.1 } });
    const lines = explainCell(ledger, 1);
    expect(lines.map((l) => l.kind)).toEqual(['prior', 'search', 'sighting']);
    expect(lines[0]!.after).toBeCloseTo(0.3, 15);
    const s = lines[1]!;
    if (s.kind !== 'search') throw new Error('search line expected');
    expect(s.pod).toBe(0);
    expect(s.normaliser).toBeCloseTo(1 / 0.6, 14);
    expect(s.after).toBeCloseTo(0.5, 14);
    const r = lines[2]!;
    if (r.kind !== 'sighting') throw new Error('sighting line expected');
    expect(r.likelihood).toBeCloseTo(0.8, 12);
    expect(r.after).toBeCloseTo(8 / 9, 12);
    expect(g.p[1]).toBeCloseTo(8 / 9, 12);
  });

  const stepArb = (kernel: ReturnType<typeof motionKernel>): fc.Arbitrary<LedgerStep> => fc.oneof(
    fc.array(fc.double({ min: 0, max: 0.9, noNaN: true }), { minLength: 12, maxLength: 12 }).map((pod) => ({ kind: 'search' as const, label: 'dense', pod: Float64Array.from(pod) })),
    fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 5 }).map((cells) => {
      const sorted = Int32Array.from(cells).sort();
      return { kind: 'search' as const, label: 'track', pod: { cells: sorted, pod: Float64Array.from(sorted, () => 0.5) } };
    }),
    fc.record({ x: fc.double({ min: 0, max: 4, noNaN: true }), y: fc.double({ min: 0, max: 3, noNaN: true }) }).map(({ x, y }) => ({ kind: 'sighting' as const, label: 'report', report: { kind: 'position' as const, x, y, radiusKm: 1, hit: 0.9, falseAlarm: 0.2 } })),
    fc.integer({ min: 1, max: 3 }).map((steps) => ({ kind: 'motion' as const, label: 'an hour', kernel, steps })),
  );

  it('for any sequence of steps: the last line is the live value, and each multiplicative line multiplies out', () => {
    const kernel = motionKernel(4, 3, Float64Array.of(1, 1, 0, 1, 1, 1 / 3, 0, 1, 1, 1, 1, 1), { moveProbability: 0.5 });
    fc.assert(fc.property(fc.array(stepArb(kernel), { maxLength: 8 }), fc.integer({ min: 0, max: 11 }), (steps, cell) => {
      const g: ProbabilityGrid = gridOf([1, 2, 0, 1, 3, 1, 0, 1, 2, 1, 1, 1], 0.1, { width: 4, height: 3 });
      const ledger = startLedger(g, 'prior');
      for (const step of steps) record(ledger, g, step);
      const lines = explainCell(ledger, cell);
      expect(lines).toHaveLength(steps.length + 1);
      expect(lines.at(-1)!.after).toBeCloseTo(g.p[cell]!, 12);
      for (let k = 1; k < lines.length; k++) {
        const line = lines[k]!;
        expect(line.kind === 'prior' ? NaN : line.before).toBeCloseTo(lines[k - 1]!.after, 12);
        if (line.kind === 'search' || line.kind === 'sighting') expect(line.after).toBeCloseTo(line.before * line.factor * line.normaliser, 12);
      }
    }));
  });
});
