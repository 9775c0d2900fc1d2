// A roll-call vote's result, from its ballots and the rule it was taken under (pure). The rule is
// stored with the result, so a result can be recomputed and checked from the record alone.
//
// Those present are the members who answered the roll (yes, no or abstain); an absent member
// is not present. The quorum is counted on those present. A simple majority is more yes than half
// of those present (an abstention counts as not yes, as in most councils' standing orders); two
// thirds is at least two thirds of those present voting yes. A tie fails.

export const BALLOTS = ['yes', 'no', 'abstain', 'absent'] as const;
export type Ballot = (typeof BALLOTS)[number];

export interface VoteRule {
  majority: 'simple' | 'two_thirds';
  /** How many members must be present for the vote to count. */
  quorum: number;
  /** Where the majority comes from (a statute requiring two thirds, or the standing rule). */
  basis?: string;
}

export interface Tally { yes: number; no: number; abstain: number; absent: number; present: number }
export type VoteOutcome = 'passed' | 'failed' | 'no_quorum';
export interface VoteResult {
  outcome: VoteOutcome;
  tally: Tally;
  /** Yes votes needed among those present. */
  needed: number;
  rule: VoteRule;
  /** One sentence saying why, for the vote board and the minutes. */
  explanation: string;
}

/** The smallest number of yes votes that carries, among `present`, under the rule's majority. */
export function yesNeeded(majority: VoteRule['majority'], present: number): number {
  return majority === 'simple' ? Math.floor(present / 2) + 1 : Math.ceil((2 * present) / 3);
}

export function tallyOf(ballots: Iterable<Ballot>): Tally {
  const t: Tally = { yes: 0, no: 0, abstain: 0, absent: 0, present: 0 };
  for (const b of ballots) t[b]++;
  t.present = t.yes + t.no + t.abstain;
  return t;
}

/**
 * The result of a vote: members must each have exactly one ballot (the caller's map guarantees
 * it); a member entitled to vote who gave none is absent.
 */
export function voteResult(ballots: ReadonlyMap<string, Ballot>, members: readonly string[], rule: VoteRule): VoteResult {
  if (!Number.isInteger(rule.quorum) || rule.quorum < 0) throw new RangeError('the quorum must be a whole number, at least 0');
  const entitled = new Set(members);
  for (const m of ballots.keys()) if (!entitled.has(m)) throw new RangeError(`${m} voted but is not a member`);
  const tally = tallyOf(members.map((m) => ballots.get(m) ?? 'absent'));
  const needed = yesNeeded(rule.majority, tally.present);
  const share = rule.majority === 'simple' ? 'a simple majority' : 'two thirds';
  if (tally.present < rule.quorum) {
    return { outcome: 'no_quorum', tally, needed, rule, explanation: `No quorum: ${tally.present} present, ${rule.quorum} needed; the vote does not count.` };
  }
  const outcome: VoteOutcome = tally.yes >= needed && tally.present > 0 ? 'passed' : 'failed';
  const how = `${tally.yes} yes, ${tally.no} no, ${tally.abstain} abstaining, of ${tally.present} present`;
  return {
    outcome, tally, needed, rule,
    explanation: `${outcome === 'passed' ? 'Carried' : 'Lost'}: ${how}; ${share} is ${needed}${rule.basis ? ` (${rule.basis})` : ''}.`,
  };
}
