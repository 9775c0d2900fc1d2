// Roll-call results: known answers worked by hand, and properties any fair count has.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BALLOTS, voteResult, yesNeeded, type Ballot, type VoteRule } from './roll-call.ts';

const members = (n: number) => Array.from({ length: n }, (_, i) => `m${i + 1}`);
const cast = (...bs: Ballot[]) => new Map(bs.map((b, i) => [`m${i + 1}`, b]));
const SIMPLE: VoteRule = { majority: 'simple', quorum: 4 };
const TWO_THIRDS: VoteRule = { majority: 'two_thirds', quorum: 4, basis: 'Statute 1-110(3)' };

describe('roll-call results', () => {
  it('works the known cases by hand', () => {
    // 7 seats, all present: 4 yes carries a simple majority, 3 does not.
    expect(voteResult(cast('yes', 'yes', 'yes', 'yes', 'no', 'no', 'no'), members(7), SIMPLE).outcome).toBe('passed');
    expect(voteResult(cast('yes', 'yes', 'yes', 'no', 'no', 'no', 'abstain'), members(7), SIMPLE).outcome).toBe('failed');
    // A tie fails.
    expect(voteResult(cast('yes', 'yes', 'yes', 'no', 'no', 'no'), members(6), SIMPLE).outcome).toBe('failed');
    // Abstentions count among those present: 3 yes of 6 present (3 abstain) is not more than half.
    expect(voteResult(cast('yes', 'yes', 'yes', 'abstain', 'abstain', 'abstain'), members(6), SIMPLE).outcome).toBe('failed');
    // Absent members are not present: 3 yes, 2 no, 2 absent is 3 of 5.
    const r = voteResult(cast('yes', 'yes', 'yes', 'no', 'no'), members(7), SIMPLE);
    expect(r).toMatchObject({ outcome: 'passed', needed: 3, tally: { yes: 3, no: 2, abstain: 0, absent: 2, present: 5 } });
    expect(r.explanation).toBe('Carried: 3 yes, 2 no, 0 abstaining, of 5 present; a simple majority is 3.');
    // Two thirds of 6 present is 4; of 7 it is 5 (14/3 = 4.67 rounds up).
    expect(voteResult(cast('yes', 'yes', 'yes', 'yes', 'no', 'no'), members(6), TWO_THIRDS).outcome).toBe('passed');
    expect(voteResult(cast('yes', 'yes', 'yes', 'yes', 'no', 'no', 'no'), members(7), TWO_THIRDS)).toMatchObject({ outcome: 'failed', needed: 5 });
    expect(voteResult(cast('yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no'), members(7), TWO_THIRDS).explanation)
      .toBe('Carried: 5 yes, 2 no, 0 abstaining, of 7 present; two thirds is 5 (Statute 1-110(3)).');
    // Below quorum, nothing counts, however the votes went.
    expect(voteResult(cast('yes', 'yes', 'yes'), members(7), SIMPLE)).toMatchObject({ outcome: 'no_quorum', explanation: 'No quorum: 3 present, 4 needed; the vote does not count.' });
  });

  it('refuses a ballot from someone who is not a member, and a quorum that is not a count', () => {
    expect(() => voteResult(new Map([['stranger', 'yes']]), members(3), SIMPLE)).toThrow('stranger voted but is not a member');
    expect(() => voteResult(new Map(), members(3), { majority: 'simple', quorum: 1.5 })).toThrow('quorum');
  });

  const votes = fc.array(fc.constantFrom(...BALLOTS), { minLength: 1, maxLength: 40 });
  const rule = fc.record({ majority: fc.constantFrom('simple' as const, 'two_thirds' as const), quorum: fc.nat({ max: 40 }) });

  it('carries exactly when yes reaches the share of those present, from the definition', () => {
    fc.assert(fc.property(votes, rule, (bs, r) => {
      const res = voteResult(cast(...bs), members(bs.length), r);
      const present = bs.filter((b) => b !== 'absent').length;
      const yes = bs.filter((b) => b === 'yes').length;
      const carries = r.majority === 'simple' ? 2 * yes > present : 3 * yes >= 2 * present && present > 0;
      expect(res.outcome).toBe(present < r.quorum ? 'no_quorum' : carries ? 'passed' : 'failed');
      expect(res.tally.yes + res.tally.no + res.tally.abstain + res.tally.absent).toBe(bs.length);
    }));
  });

  it('a yes more never loses a vote; a no more never carries one', () => {
    fc.assert(fc.property(votes, rule, fc.nat(), (bs, r, k) => {
      const i = k % bs.length;
      if (bs[i] === 'absent') return;
      const before = voteResult(cast(...bs), members(bs.length), r).outcome;
      const toYes = voteResult(cast(...bs.map((b, j) => (j === i ? 'yes' : b))), members(bs.length), r).outcome;
      const toNo = voteResult(cast(...bs.map((b, j) => (j === i ? 'no' : b))), members(bs.length), r).outcome;
      if (before === 'passed') expect(toYes).toBe('passed');
      if (before === 'failed') expect(toNo).toBe('failed');
    }));
  });

  it('two thirds never needs fewer votes than a simple majority', () => {
    for (let present = 1; present <= 200; present++) expect(yesNeeded('two_thirds', present)).toBeGreaterThanOrEqual(yesNeeded('simple', present));
  });
});
