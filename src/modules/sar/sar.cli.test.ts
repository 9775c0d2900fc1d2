// `sandstone sar calc` as a planner runs it: JSON in, JSON out, one-line errors (a real process for
// those); `sandstone sar operations` over a real database. The rest runs the command in process.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { cliDatabase, runBundledSandstone, runSandstoneHere, type CliDatabase } from '../../kernel/testing/cli.ts';
import { removeBundledCli } from '../../kernel/testing/child-server.ts';
import { createPerson } from '../registry/index.ts';
import { openOperation } from './index.ts';

const calc = (input: string) => runSandstoneHere(['sar', 'calc'], { input });

// The real process runs the command bundled (kernel/testing/cli.ts); the bundle goes with the file.
afterAll(() => removeBundledCli());

describe('sandstone sar calc', () => {
  it('prints the map after an unsuccessful search, its probability of success, and the optimal effort', { timeout: 120_000 }, async () => {
    // Two equally likely cells (1 and 1 are normalised to ½, ½); the first searched with POD ½:
    // POS = ½·½ = ¼; posterior ∝ (½·½, ½) = (¼, ½), normalised by ¾: (⅓, ⅔).
    // Effort 1 with sweep rates w = (1, 1) on (⅓, ⅔): Stone's allocation gives both cells effort, since
    // ln(p₂/p₁) = ln 2 < 1 = the effort; equal marginal returns p₁e^(−t₁) = p₂e^(−t₂) with t₁ + t₂ = 1
    // give t₁ = (1 + ln ½)/2 ≈ 0.1534 and t₂ = 1 − t₁.
    const r = await calc(JSON.stringify({ cells: [1, 1], steps: [{ search: { pod: [0.5, 0] } }], allocate: { w: [1, 1], total: 1 } }));
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.cells[0]).toBeCloseTo(1 / 3, 12);
    expect(out.cells[1]).toBeCloseTo(2 / 3, 12);
    expect(out.pos).toEqual([0.25]);
    expect(out.allocation[0]).toBeCloseTo((1 + Math.log(0.5)) / 2, 9);
    expect(out.allocation[1]).toBeCloseTo((1 - Math.log(0.5)) / 2, 9);
  });

  it('refuses an invalid problem with one line saying what is wrong, and exits non-zero', { timeout: 120_000 }, async () => {
    for (const [input, words] of [['{"cells":[1,-1],"steps":[]}', /cells\[1\]/], ['nope', /not JSON/]] as const) {
      // A real process: the exit status and the streams as the shell sees them.
      const r = runBundledSandstone(['sar', 'calc'], { input, timeoutMs: 60_000 });
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(words);
    }
  });
});

describe.each(DIALECTS)('sandstone sar operations on %s', (dialect) => {
  let db: CliDatabase;
  let flags: string[];
  let code = '';
  beforeAll(async () => {
    db = await cliDatabase(dialect, async (ctx) => {
      const gaara = await createPerson(ctx, { givenName: 'Gaara', rank: 'kage' });
      code = (await openOperation(ctx, { subject: gaara.id, lastKnown: { x: 0, y: 0, at: '2026-11-24T15:00:00Z' }, profile: 'shinobiOnFoot', area: { minX: -10, minY: -10, maxX: 10, maxY: 10, cellKm: 0.5 }, classification: 'secret', compartments: ['ANBU'] })).code;
    }, { now: () => new Date('2026-11-25T08:00:00Z') });
    flags = db.flags;
  }, 60_000);
  afterAll(async () => db?.drop());

  it('lists the operations, one line each, and as JSON', { timeout: 120_000 }, async () => {
    const r = await runSandstoneHere(['sar', 'operations', ...flags]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim()).toBe(`${code}  active  Gaara — Search for Gaara; last known (0, 0) km at 2026-11-24 15:00Z  [secret+ANBU]`);
    const j = await runSandstoneHere(['sar', 'operations', '--json', ...flags]);
    expect(j.code, j.err).toBe(0);
    expect(JSON.parse(j.out).items).toMatchObject([{ code, status: 'active', subject: { name: 'Gaara' } }]);
    expect((await runSandstoneHere(['sar', 'operations', '--status', 'closed', ...flags])).out.trim()).toBe('No search and rescue operations.');
    const bad = await runSandstoneHere(['sar', 'operations', '--status', 'lost', ...flags]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--status must be active or closed/);
  });
});
