// Roll-call results: known answers worked by hand from section 2-111, and a brute-force reading
// of the statute's words checked against the function for any ballots.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BALLOTS, voteResult, yesNeeded, type Ballot, type VoteRule } from './roll-call.ts';

const members = (n: number) => Array.from({ length: n }, (_, i) => `m${i + 1}`);
const cast = (...bs: Ballot[]) => new Map(bs.map((b, i) => [`m${i + 1}`, b]));
const SIMPLE: VoteRule = { majority: 'simple', quorum: 4, seats: 7 };
const TWO_THIRDS: VoteRule = { majority: 'two_thirds', quorum: 4, seats: 7, basis: 'section 2-111(2)(d)' };

describe('roll-call results (section 2-111)', () => {
  it('a simple majority is of the councillors voting: abstentions are present but on neither side', () => {
    // 4 yes, 3 no: carried.
    expect(voteResult(cast('yes', 'yes', 'yes', 'yes', 'no', 'no', 'no'), members(7), SIMPLE).outcome).toBe('passed');
    // 3 yes, 3 no, 1 abstaining: a tie, lost.
    expect(voteResult(cast('yes', 'yes', 'yes', 'no', 'no', 'no', 'abstain'), members(7), SIMPLE).outcome).toBe('failed');
    // 3 yes, 0 no, 3 abstaining: 3 of the 3 voting, carried (the old reading, more yes than half of
    // those present, lost it).
    const r = voteResult(cast('yes', 'yes', 'yes', 'abstain', 'abstain', 'abstain'), members(6), SIMPLE);
    expect(r).toMatchObject({ outcome: 'passed', needed: 2, tally: { yes: 3, no: 0, abstain: 3, absent: 0, present: 6 } });
    expect(r.explanation).toBe('Carried: 3 yes, 0 no, 3 abstaining, of 6 present; a majority of the 3 councillors voting yes or no is 2.');
    // 2 yes, 1 no, 4 abstaining: carried; 1 yes, 1 no, 5 abstaining: a tie, lost.
    expect(voteResult(cast('yes', 'yes', 'no', 'abstain', 'abstain', 'abstain', 'abstain'), members(7), SIMPLE).outcome).toBe('passed');
    expect(voteResult(cast('yes', 'no', 'abstain', 'abstain', 'abstain', 'abstain', 'abstain'), members(7), SIMPLE).outcome).toBe('failed');
    // Everyone present abstains: nobody votes, nothing is carried.
    expect(voteResult(cast('abstain', 'abstain', 'abstain', 'abstain'), members(7), SIMPLE)).toMatchObject({ outcome: 'failed', needed: 1 });
    // The standing rule's citation is said once, without its words.
    expect(voteResult(cast('yes', 'yes', 'yes', 'no', 'no'), members(7), { ...SIMPLE, basis: 'section 2-111(1): a majority of the councillors voting' }).explanation)
      .toBe('Carried: 3 yes, 2 no, 0 abstaining, of 5 present; a majority of the 5 councillors voting yes or no is 3 (section 2-111(1)).');
  });

  it('two thirds is of all the seats, filled or not, whoever is present', () => {
    // 12 seats: 8 yes carries (24/3), 7 does not, even with every other member absent or abstaining.
    const twelve: VoteRule = { majority: 'two_thirds', quorum: 7, seats: 12, basis: 'section 2-111(2)(b)' };
    const r = voteResult(cast('yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no', 'abstain'), members(11), twelve);
    expect(r).toMatchObject({ outcome: 'passed', needed: 8, tally: { yes: 8, no: 1, abstain: 1, absent: 1, present: 10 } });
    expect(r.explanation).toBe('Carried: 8 yes, 1 no, 1 abstaining, of 10 present; two thirds of all 12 councillors is 8 (section 2-111(2)(b)).');
    // 7 yes of 7 present is every vote cast, but not two thirds of 12.
    expect(voteResult(cast('yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes'), members(11), twelve)).toMatchObject({ outcome: 'failed', needed: 8 });
    // 7 seats: two thirds is 5 (14/3 = 4.67 rounds up); 9 seats: 6.
    expect(voteResult(cast('yes', 'yes', 'yes', 'yes', 'no', 'no'), members(7), TWO_THIRDS)).toMatchObject({ outcome: 'failed', needed: 5 });
    expect(voteResult(cast('yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no'), members(7), TWO_THIRDS).outcome).toBe('passed');
    expect(voteResult(cast('yes', 'yes', 'yes', 'yes', 'yes', 'yes'), members(9), { ...TWO_THIRDS, seats: 9 }).outcome).toBe('passed');
    // Vacant seats still count: 12 seats, 6 filled, all 6 yes is not two thirds of 12.
    expect(voteResult(cast('yes', 'yes', 'yes', 'yes', 'yes', 'yes'), members(6), { ...twelve, quorum: 4 })).toMatchObject({ outcome: 'failed', needed: 8 });
  });

  it('below the quorum nothing counts, however the votes went', () => {
    expect(voteResult(cast('yes', 'yes', 'yes'), members(7), SIMPLE)).toMatchObject({ outcome: 'no_quorum', explanation: 'No quorum: 3 present, 4 needed; the vote does not count.' });
    // Abstaining members make the quorum: 1 yes and 3 abstaining is a quorum of 4, carried.
    expect(voteResult(cast('yes', 'abstain', 'abstain', 'abstain'), members(7), SIMPLE).outcome).toBe('passed');
  });

  it('refuses a ballot from someone who is not a member, a quorum or a seat count that is not a count', () => {
    expect(() => voteResult(new Map([['stranger', 'yes']]), members(3), SIMPLE)).toThrow('stranger voted but is not a member');
    expect(() => voteResult(new Map(), members(3), { ...SIMPLE, quorum: 1.5 })).toThrow('quorum');
    expect(() => voteResult(new Map(), members(3), { ...SIMPLE, seats: 0 })).toThrow('seats');
  });

  it('the chair answers no roll call but, present, counts for the quorum (sections 2-105(3), 2-104(4))', () => {
    const chair = 'm1';
    // m2..m7 answer 4 yes, 2 no; the chair present: 7 present, a quorum of 7 only with the chair.
    const ballots = new Map<string, Ballot>([['m2', 'yes'], ['m3', 'yes'], ['m4', 'yes'], ['m5', 'yes'], ['m6', 'no'], ['m7', 'no']]);
    const rule: VoteRule = { majority: 'simple', quorum: 7, seats: 12 };
    const present = voteResult(ballots, members(12), rule, { member: chair, present: true });
    expect(present).toMatchObject({ outcome: 'passed', needed: 4, tally: { yes: 4, no: 2, abstain: 0, absent: 5, present: 7 } });
    expect(present.explanation).toBe('Carried: 4 yes, 2 no, 0 abstaining, of 7 present (the chair not voting); a majority of the 6 councillors voting yes or no is 4.');
    // The chair not at the table: 6 present, below the quorum; the chair is absent.
    expect(voteResult(ballots, members(12), rule, { member: chair, present: false })).toMatchObject({ outcome: 'no_quorum', tally: { present: 6, absent: 6 } });
    // A ballot from the chair is refused, whatever it says.
    expect(() => voteResult(new Map([['m1', 'yes']]), members(12), rule, { member: chair, present: true })).toThrow('presides and answers no roll call');
    // Equal votes: lost, the chair voting for the question to remain as it was.
    const tie = voteResult(new Map<string, Ballot>([['m2', 'yes'], ['m3', 'yes'], ['m4', 'no'], ['m5', 'no']]), members(5), { majority: 'simple', quorum: 3, seats: 5 }, { member: chair, present: true });
    expect(tie).toMatchObject({ outcome: 'failed', tally: { present: 5 } });
    expect(tie.explanation).toContain('the votes are equal, and the chair votes for the question to remain as it was (section 2-105(3))');
    // A chair who holds no seat (a person outside the members) changes nothing.
    expect(voteResult(ballots, members(12), rule, { member: 'guest', present: true })).toMatchObject({ outcome: 'no_quorum', tally: { present: 6, absent: 6 } });
  });

  const votes = fc.array(fc.constantFrom(...BALLOTS), { minLength: 1, maxLength: 40 });
  const rule = fc.record({ majority: fc.constantFrom('simple' as const, 'two_thirds' as const), quorum: fc.nat({ max: 40 }), seats: fc.integer({ min: 1, max: 45 }) });

  /**
   * The statute read literally, by counting: (1) the smallest k of the councillors voting (yes or
   * no) that is more than half of them; (2) the smallest k whose share of all the seats is at
   * least two thirds (k/seats >= 2/3, compared as whole numbers). Carried when the yes votes reach
   * k; void when fewer than the quorum are present (yes, no or abstain).
   */
  function statuteSays(bs: Ballot[], r: VoteRule): 'passed' | 'failed' | 'no_quorum' {
    const count = (o: Ballot) => bs.filter((b) => b === o).length;
    const yes = count('yes');
    const voting = yes + count('no');
    const present = voting + count('abstain');
    if (present < r.quorum) return 'no_quorum';
    let k = 0;
    if (r.majority === 'simple') while (!(2 * k > voting)) k++;
    else while (!(3 * k >= 2 * r.seats)) k++;
    return yes >= k ? 'passed' : 'failed';
  }

  it('gives what the statute says for any ballots and rule', () => {
    fc.assert(fc.property(votes, rule, (bs, r) => {
      const res = voteResult(cast(...bs), members(bs.length), r);
      expect(res.outcome).toBe(statuteSays(bs, r));
      expect(res.tally.yes + res.tally.no + res.tally.abstain + res.tally.absent).toBe(bs.length);
    }), { numRuns: 500 });
  });

  it('an abstention weighs nothing either way: made an absence, only the quorum can change', () => {
    fc.assert(fc.property(votes, rule, fc.nat(), (bs, r, k) => {
      const i = k % bs.length;
      if (bs[i] !== 'abstain') return;
      const before = voteResult(cast(...bs), members(bs.length), r).outcome;
      const after = voteResult(cast(...bs.map((b, j) => (j === i ? 'absent' : b))), members(bs.length), r).outcome;
      if (after !== 'no_quorum') expect(after).toBe(before);
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

  it('two thirds of all the seats never needs fewer yes votes than a majority of those voting, when every seat votes', () => {
    for (let seats = 1; seats <= 200; seats++) {
      for (const yes of [0, Math.floor(seats / 2), seats]) {
        expect(yesNeeded({ majority: 'two_thirds', seats }, { yes, no: seats - yes })).toBeGreaterThanOrEqual(yesNeeded({ majority: 'simple', seats }, { yes, no: seats - yes }));
      }
    }
  });
});
