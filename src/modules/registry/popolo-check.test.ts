import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkPopolo, parentsFirst } from './popolo-check.ts';

describe('checkPopolo', () => {
  it('rejects a document that is not an object', () => {
    expect(checkPopolo([]).errors[0]!.message).toMatch(/JSON object/);
  });

  it('names the bad entry by its path', () => {
    const r = checkPopolo({ persons: [{ id: 'a', name: 'A' }, { id: 'b' }] });
    expect(r.errors).toEqual([{ path: 'persons[1].name', message: expect.stringMatching(/missing/) }]);
  });

  it('treats two entries with one id as an error', () => {
    const r = checkPopolo({ persons: [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }] });
    expect(r.errors[0]!.path).toBe('persons[1].id');
  });

  it('warns about duplicate names, trimmed text, missing ids and unknown fields', () => {
    const r = checkPopolo({
      organizations: [{ id: 'p1', name: ' Greens', classification: 'party' }, { id: 'p2', name: 'Greens', classification: 'party' }],
      persons: [{ name: 'Ann', favourite_colour: 'red' }],
      memberships: [{ person_id: 'x', organization_id: 'p1' }],
    });
    const codes = r.warnings.map((w) => w.code).sort();
    expect(codes).toEqual(['DUPLICATE_ORGANIZATION_NAME', 'MISSING_ID_MEMBERSHIP', 'MISSING_ID_PERSON', 'TRIMMED', 'UNKNOWN_FIELD_PERSON']);
    expect(r.errors).toEqual([]);
  });

  it('widens partial dates and rejects impossible ones', () => {
    const ok = checkPopolo({ memberships: [{ id: 'm', person_id: 'p', organization_id: 'o', start_date: '2016', end_date: '2018-02' }] });
    expect(ok.memberships[0]).toMatchObject({ startDate: '2016-01-01', endDate: '2018-02-28' });
    const bad = checkPopolo({ memberships: [{ id: 'm', person_id: 'p', organization_id: 'o', start_date: '2016-02-30' }] });
    expect(bad.errors[0]!.path).toBe('memberships[0].start_date');
  });

  it('gives the same key to the same id-less membership every time (idempotent re-import)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ minLength: 1, maxLength: 10 }), (p, o) => {
        const doc = { memberships: [{ person_id: `p${p}`, organization_id: `o${o}` }] };
        return checkPopolo(doc).memberships[0]!.key === checkPopolo(structuredClone(doc)).memberships[0]!.key;
      }),
    );
  });

  it('rejects lone surrogates and control characters instead of storing them', () => {
    expect(checkPopolo({ persons: [{ id: 'a', name: 'A\ud800' }] }).errors[0]!.path).toBe('persons[0].name');
    expect(checkPopolo({ persons: [{ id: 'a', name: 'A\u0000' }] }).errors[0]!.path).toBe('persons[0].name');
  });
});

describe('parentsFirst', () => {
  it('puts every parent before its children, whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(30), { minLength: 1, maxLength: 30 }), (parents) => {
        // org i has parent parents[i] when that index is smaller: a forest, no cycles.
        const orgs = parents.map((p, i) => ({ key: `o${i}`, name: `O${i}`, kind: 'x', parentKey: p < i ? `o${p}` : null, foundingDate: null, dissolutionDate: null, extra: {} }));
        const shuffled = [...orgs].reverse();
        const { ordered, cycle } = parentsFirst(shuffled);
        const pos = new Map(ordered.map((o, i) => [o.key, i]));
        return cycle === null && ordered.length === orgs.length && orgs.every((o) => !o.parentKey || pos.get(o.parentKey)! < pos.get(o.key)!);
      }),
    );
  });

  it('finds a cycle', () => {
    const mk = (key: string, parentKey: string) => ({ key, name: key, kind: 'x', parentKey, foundingDate: null, dissolutionDate: null, extra: {} });
    expect(parentsFirst([mk('a', 'b'), mk('b', 'a')]).cycle).not.toBeNull();
  });
});
