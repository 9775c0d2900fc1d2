// A roll-call vote's result, from its ballots and the rule it was taken under (pure). The rule is
// stored with the result, so a result can be recomputed and checked from the record alone.
//
// As section 2-111 of the code reads:
// - (1) "a question is carried by a majority of the councillors voting": those voting are those who
//   answer yes or no. An abstention is no vote: the member is present (and counts for the quorum)
//   but is on neither side. Carried when more answer yes than no; a tie is lost (section 2-105(3):
//   the presiding councillor "votes only when the votes are equal, and then votes for the question
//   to remain as it was", so answers no roll call; present, the chair counts for the quorum).
// - (2), (3) "two thirds of all councillors", all councillors being "the number of seats of the
//   Council, whether or not they are filled": carried when at least two thirds of the seats answer
//   yes, however many are present or abstain.
// Either way the quorum is counted on those present (yes, no or abstain, and the chair when present);
// without it the vote is void. A member recorded excused is not present and answers no roll call.

export const BALLOTS = ['yes', 'no', 'abstain', 'absent'] as const;
export type Ballot = (typeof BALLOTS)[number];

export interface VoteRule {
  majority: 'simple' | 'two_thirds';
  /** How many members must be present for the vote to count. */
  quorum: number;
  /** The seats of the Council on the day, filled or not: two thirds is of these. */
  seats: number;
  /** Where the majority comes from (a statute requiring two thirds, or the standing rule). */
  basis?: string;
}

export interface Tally { yes: number; no: number; abstain: number; absent: number; present: number }
export type VoteOutcome = 'passed' | 'failed' | 'no_quorum';
export interface VoteResult {
  outcome: VoteOutcome;
  tally: Tally;
  /** The yes votes that carry it: a majority of those voting yes or no, or two thirds of the seats. */
  needed: number;
  rule: VoteRule;
  /** One sentence saying why, for the vote board and the minutes. */
  explanation: string;
}

/**
 * The smallest number of yes votes that carries under the rule: for a simple majority, more than
 * half of those answering yes or no (so, with the yes votes among them, more yes than no); for two
 * thirds, two thirds of all the seats, rounded up.
 */
export function yesNeeded(rule: Pick<VoteRule, 'majority' | 'seats'>, tally: Pick<Tally, 'yes' | 'no'>): number {
  return rule.majority === 'simple' ? Math.floor((tally.yes + tally.no) / 2) + 1 : Math.ceil((2 * rule.seats) / 3);
}

export function tallyOf(ballots: Iterable<Ballot>): Tally {
  const t: Tally = { yes: 0, no: 0, abstain: 0, absent: 0, present: 0 };
  for (const b of ballots) t[b]++;
  t.present = t.yes + t.no + t.abstain;
  return t;
}

/** "section 2-111(1)" of "section 2-111(1): a majority of the councillors voting": the citation alone. */
const citationOf = (basis: string) => basis.split(':')[0]!.trim();

/** The rule in words with the number it comes to: "two thirds of all 12 councillors is 8". */
export function ruleSentence(rule: VoteRule, tally: Pick<Tally, 'yes' | 'no'>): string {
  const needed = yesNeeded(rule, tally);
  const words = rule.majority === 'simple'
    ? `a majority of the ${tally.yes + tally.no} councillors voting yes or no is ${needed}`
    : `two thirds of all ${rule.seats} councillors is ${needed}`;
  return `${words}${rule.basis ? ` (${citationOf(rule.basis)})` : ''}`;
}

/** The presiding councillor of the sitting, when a member: answers no roll call, but counts for the quorum when present. */
export interface Chair { member: string; present: boolean }

/**
 * The result of a vote: members must each have exactly one ballot (the caller's map guarantees
 * it); a member entitled to vote who gave none is absent. The chair, when a member, is entitled to
 * no ballot (section 2-105(3)): present, the chair is counted among those present and on neither side.
 */
export function voteResult(ballots: ReadonlyMap<string, Ballot>, members: readonly string[], rule: VoteRule, chair?: Chair): VoteResult {
  if (!Number.isInteger(rule.quorum) || rule.quorum < 0) throw new RangeError('the quorum must be a whole number, at least 0');
  if (!Number.isInteger(rule.seats) || rule.seats < 1) throw new RangeError('the seats of the Council must be a whole number, at least 1');
  const chairSits = chair !== undefined && members.includes(chair.member);
  const voters = chairSits ? members.filter((m) => m !== chair.member) : members;
  const entitled = new Set(voters);
  for (const m of ballots.keys()) {
    if (chairSits && m === chair.member) throw new RangeError(`${m} presides and answers no roll call (section 2-105(3))`);
    if (!entitled.has(m)) throw new RangeError(`${m} voted but is not a member`);
  }
  const tally = tallyOf(voters.map((m) => ballots.get(m) ?? 'absent'));
  const chairPresent = chairSits && chair.present;
  if (chairPresent) tally.present++;
  else if (chairSits) tally.absent++;
  const needed = yesNeeded(rule, tally);
  if (tally.present < rule.quorum) {
    return { outcome: 'no_quorum', tally, needed, rule, explanation: `No quorum: ${tally.present} present, ${rule.quorum} needed; the vote does not count.` };
  }
  const outcome: VoteOutcome = tally.yes >= needed && tally.yes > 0 ? 'passed' : 'failed';
  const tie = chairPresent && rule.majority === 'simple' && tally.yes === tally.no && tally.yes > 0;
  const how = `${tally.yes} yes, ${tally.no} no, ${tally.abstain} abstaining, of ${tally.present} present${chairPresent ? ' (the chair not voting)' : ''}`;
  return {
    outcome, tally, needed, rule,
    explanation: `${outcome === 'passed' ? 'Carried' : 'Lost'}: ${how}; ${ruleSentence(rule, tally)}${tie ? '; the votes are equal, and the chair votes for the question to remain as it was (section 2-105(3))' : ''}.`,
  };
}
