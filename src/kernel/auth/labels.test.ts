// The label lattice and its SQL form: properties over random labels and clearances, on both databases.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { dominates, labelDominates, labelMarking, LEVELS, levelRank, type Clearance, type Label } from './labels.ts';
import { allowed, buildPolicy, ROLES, type Subject } from './policy.ts';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { labelVisible, toJson } from '../db/dialect.ts';

const COMPARTMENTS = ['ANBU', 'BREACH', 'SAR', 'COUNCIL'];
const arbLevel = fc.constantFrom(...LEVELS);
const arbComps = fc.subarray(COMPARTMENTS);
const arbLabel: fc.Arbitrary<Label> = fc.record({ classification: arbLevel, compartments: arbComps });
const arbClearance: fc.Arbitrary<Clearance> = fc.record({ level: arbLevel, compartments: arbComps });
const policy = buildPolicy([{ action: 'read', roles: ROLES, description: 'read', labelled: true }]);

describe('label lattice', () => {
  it('never reads up: a lower level never dominates a higher label', () => {
    fc.assert(fc.property(arbClearance, arbLabel, (c, l) => (levelRank(c.level) < levelRank(l.classification) ? !dominates(c, l) : true)));
  });

  it('never reads into a compartment it lacks', () => {
    fc.assert(fc.property(arbClearance, arbLabel, (c, l) => (l.compartments.some((x) => !c.compartments.includes(x)) ? !dominates(c, l) : true)));
  });

  it('one label dominates another exactly when its level is at least as high and it holds every compartment of the other', () => {
    const order = ['public', 'restricted', 'secret', 'top_secret'];
    fc.assert(fc.property(arbLabel, arbLabel, (a, b) => {
      const expected = order.indexOf(a.classification) >= order.indexOf(b.classification) && b.compartments.every((x) => a.compartments.includes(x));
      expect(labelDominates(a, b)).toBe(expected);
    }), { numRuns: 2000 });
  });

  it('more clearance never loses access', () => {
    fc.assert(fc.property(arbClearance, arbLevel, arbComps, arbLabel, fc.constantFrom(...ROLES), (c, up, extra, l, role) => {
      const bigger: Clearance = { level: levelRank(up) > levelRank(c.level) ? up : c.level, compartments: [...new Set([...c.compartments, ...extra])] };
      const s1: Subject = { role, clearance: c, authenticated: true };
      const s2: Subject = { role, clearance: bigger, authenticated: true };
      return !allowed(policy, s1, 'read', l) || allowed(policy, s2, 'read', l);
    }));
  });

  it('an action missing from the policy is denied to every role', () => {
    fc.assert(fc.property(fc.constantFrom(...ROLES), arbClearance, (role, c) => !allowed(policy, { role, clearance: c, authenticated: true }, 'no.such.action')));
  });
});

describe('a paper copy\'s marking', () => {
  it('names the level in capitals and the compartments in order, and is empty only for a public label', () => {
    expect(labelMarking({ classification: 'secret', compartments: ['BREACH'] })).toBe('SECRET / BREACH');
    expect(labelMarking({ classification: 'top_secret', compartments: ['BREACH', 'ANBU', 'BREACH'] })).toBe('TOP SECRET / ANBU, BREACH');
    expect(labelMarking({ classification: 'restricted', compartments: [] })).toBe('RESTRICTED');
    expect(labelMarking({ classification: 'public', compartments: [] })).toBe('');
    // A public record in a compartment is still marked: the compartment is what restricts it.
    expect(labelMarking({ classification: 'public', compartments: ['ANBU'] })).toBe('PUBLIC / ANBU');
  });
});

describe.each(DIALECTS)('label filter in SQL on %s', (dialect) => {
  let app: TestApp;
  const labels: Label[] = fc.sample(arbLabel, { numRuns: 60, seed: 7 });
  beforeAll(async () => {
    app = await openTestApp(dialect);
    await app.ctx.db.insertInto('registry_village').values({ id: 'v', code: 'v', name: 'V', created_at: new Date().toISOString() }).execute();
    await app.ctx.db.insertInto('registry_organization').values(labels.map((l, i) => ({
      id: `o${i}`, name: `O${i}`, kind: 'unit', classification: l.classification, compartments: toJson(l.compartments), version: 1,
      created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
    }))).execute();
  });
  afterAll(async () => app?.drop());

  it('returns exactly the rows a single-record check allows, for any clearance (lists never exceed single reads)', async () => {
    const clearances = fc.sample(arbClearance, { numRuns: 40, seed: 11 });
    for (const c of clearances) {
      const rows = await app.ctx.db.selectFrom('registry_organization as o').select('o.id')
        .where(labelVisible(dialect, 'o', levelRank(c.level), JSON.stringify(c.compartments))).execute();
      const got = new Set(rows.map((r) => r.id));
      const want = new Set(labels.flatMap((l, i) => (dominates(c, l) ? [`o${i}`] : [])));
      expect(got).toEqual(want);
    }
    // The filter is not vacuous: some clearance sees some rows and not others.
    const all = await sql<{ n: number }>`select count(*) as n from registry_organization`.execute(app.ctx.db);
    expect(Number(all.rows[0]!.n)).toBe(labels.length);
  });
});
