// Delegation to the second, as the issue sets it: denied at start − 1 s, allowed at start and at
// end − 1 s, denied at end; revocation effective from its instant; no re-delegation; an acting
// official may not decide what they originated. Expected answers from those rules, not the code.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { actingDecision, grantRefusals, inForce, type Delegation } from './delegation.ts';

const GAARA = 'gaara', KANKURO = 'kankuro', BAKI = 'baki';
const d: Delegation = { id: 'd1', grantor: GAARA, delegate: KANKURO, from: '2026-11-26T06:00:00.000Z', to: '2026-12-02T06:00:00.000Z', scope: [], revokedAt: null };
const at = (iso: string, s = 0) => new Date(Date.parse(iso) + s * 1000);
const bill = { owner: GAARA, kind: 'legislature.bill.sign', originator: 'masa' };

describe('delegation', () => {
  it('is in force from its start to a second before its end', () => {
    expect(inForce(d, at(d.from, -1))).toBe(false);
    expect(inForce(d, at(d.from))).toBe(true);
    expect(inForce(d, at(d.to, -1))).toBe(true);
    expect(inForce(d, at(d.to))).toBe(false);
  });

  it('a revocation is effective from its instant', () => {
    const r = { ...d, revokedAt: '2026-11-28T12:00:00.000Z' };
    expect(inForce(r, at(r.revokedAt, -1))).toBe(true);
    expect(inForce(r, at(r.revokedAt))).toBe(false);
  });

  it('agrees with the interval rule at any instant', () => {
    fc.assert(fc.property(fc.integer({ min: -3 * 86400, max: 10 * 86400 }), fc.option(fc.integer({ min: 0, max: 8 * 86400 }), { nil: null }), (s, revokeAfter) => {
      const x = { ...d, revokedAt: revokeAfter === null ? null : at(d.from, revokeAfter).toISOString() };
      const now = at(d.from, s).getTime();
      const expected = now >= Date.parse(d.from) && now < Date.parse(d.to) && (revokeAfter === null || now < Date.parse(d.from) + revokeAfter * 1000);
      expect(inForce(x, new Date(now))).toBe(expected);
    }));
  });

  it('lets the acting official decide the Kazekage\'s items while in force and in scope, marked with the delegation', () => {
    expect(actingDecision(KANKURO, bill, at(d.from), [d])).toEqual({ may: true, delegation: d });
    expect(actingDecision(KANKURO, bill, at(d.from, -1), [d])).toMatchObject({ may: false, reason: 'not_delegated' });
    expect(actingDecision(KANKURO, bill, at(d.to), [d])).toMatchObject({ may: false, reason: 'not_delegated' });
    // Scope: only the kinds named.
    const narrow = { ...d, scope: ['desk.report.review'] };
    expect(actingDecision(KANKURO, bill, at(d.from), [narrow])).toMatchObject({ may: false, reason: 'not_delegated' });
    expect(actingDecision(KANKURO, { ...bill, kind: 'desk.report.review' }, at(d.from), [narrow])).toMatchObject({ may: true });
    // His own desk needs no delegation.
    expect(actingDecision(KANKURO, { ...bill, owner: KANKURO }, at(d.from, -1), [])).toEqual({ may: true, delegation: null });
  });

  it('never for an item the acting official originated', () => {
    expect(actingDecision(KANKURO, { ...bill, originator: KANKURO }, at(d.from), [d])).toMatchObject({ may: false, reason: 'originator' });
    // Nor one handed to him alone: on his desk, but decided for the Kazekage.
    expect(actingDecision(KANKURO, { ...bill, owner: KANKURO, authority: GAARA, originator: KANKURO }, at(d.from), [])).toMatchObject({ may: false, reason: 'originator' });
    // His own matter on his own desk is his to decide.
    expect(actingDecision(KANKURO, { ...bill, owner: KANKURO, authority: KANKURO, originator: KANKURO }, at(d.from), [])).toEqual({ may: true, delegation: null });
  });

  it('cannot be passed on: a delegation from the acting official covers only his own desk', () => {
    const onward: Delegation = { ...d, id: 'd2', grantor: KANKURO, delegate: BAKI };
    expect(actingDecision(BAKI, bill, at(d.from, 3600), [d, onward])).toMatchObject({ may: false, reason: 'not_delegated' });
    expect(actingDecision(BAKI, { ...bill, owner: KANKURO }, at(d.from, 3600), [d, onward])).toMatchObject({ may: true });
  });

  it('refuses a grant to oneself, one that ends before it starts, and one longer than the statute allows', () => {
    expect(grantRefusals({ grantor: GAARA, delegate: KANKURO, from: d.from, to: d.to }, 30)).toEqual([]);
    expect(grantRefusals({ grantor: GAARA, delegate: GAARA, from: d.from, to: d.to }, 30).map(([f]) => f)).toEqual(['delegate']);
    expect(grantRefusals({ grantor: GAARA, delegate: KANKURO, from: d.to, to: d.from }, 30)).toEqual([['to', 'the delegation must end after it starts']]);
    // Exactly the maximum is allowed; a second more is not.
    const from = '2026-11-26T06:00:00.000Z';
    expect(grantRefusals({ grantor: GAARA, delegate: KANKURO, from, to: '2026-12-26T06:00:00.000Z' }, 30)).toEqual([]);
    expect(grantRefusals({ grantor: GAARA, delegate: KANKURO, from, to: '2026-12-26T06:00:01.000Z' }, 30)[0]![1]).toContain('at most 30 days: end it by 2026-12-26T06:00:00.000Z');
  });
});
