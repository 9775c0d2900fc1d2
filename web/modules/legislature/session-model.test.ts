// The session page's pure parts, with answers worked by hand from the contract and section 2-111.
import { describe, expect, it } from 'vitest';
import { changeWords, clockOffset, clockText, currentItem, floorSecondsLeft, neededWords, ruleWords, sessionOrder, tallyOf, yesNeeded } from './session-model.ts';
import type { Session, Vote } from './types.ts';

describe('the floor clock', () => {
  const floor = { member: { id: 'p', displayName: 'Councillor Masa' }, kind: 'speak' as const, since: '2026-11-05T06:30:00.000Z', limitSeconds: 300, secondsLeft: 297 };
  it('runs from the server time, whatever this browser clock says', () => {
    // The server answered at 06:30:03; this browser's clock read 1,000,000 ms then (it is way off).
    const offset = clockOffset('2026-11-05T06:30:03.000Z', 1_000_000);
    expect(floorSecondsLeft(floor, offset, 1_000_000)).toBe(297);
    // Ten seconds later by the browser: ten seconds less.
    expect(floorSecondsLeft(floor, offset, 1_010_000)).toBe(287);
    // Past the limit: negative.
    expect(floorSecondsLeft(floor, offset, 1_000_000 + 300_000)).toBe(-3);
  });
  it('writes m:ss, counting whole seconds, and a minus when over', () => {
    expect(clockText(300)).toBe('5:00');
    expect(clockText(297.2)).toBe('4:58');
    expect(clockText(59)).toBe('0:59');
    expect(clockText(0.4)).toBe('0:01');
    expect(clockText(0)).toBe('0:00');
    expect(clockText(-0.5)).toBe('0:00');
    expect(clockText(-12.3)).toBe('−0:12');
    expect(clockText(-75)).toBe('−1:15');
  });
});

describe('the yes votes needed (section 2-111)', () => {
  it('simple majority: more than half of those voting yes or no, abstentions aside; a tie fails', () => {
    const simple = { majority: 'simple' as const, seats: 12 };
    expect(yesNeeded(simple, { yes: 4, no: 4 })).toBe(5);
    expect(yesNeeded(simple, { yes: 4, no: 3 })).toBe(4);
    expect(yesNeeded(simple, { yes: 0, no: 0 })).toBe(1);
    expect(neededWords(simple, { yes: 5, no: 3 })).toBe('a majority of the 8 voting yes or no');
  });
  it('two thirds of all the seats, rounded up, whoever answers', () => {
    expect(yesNeeded({ majority: 'two_thirds', seats: 7 }, { yes: 0, no: 0 })).toBe(5);
    expect(yesNeeded({ majority: 'two_thirds', seats: 9 }, { yes: 3, no: 1 })).toBe(6);
    expect(yesNeeded({ majority: 'two_thirds', seats: 12 }, { yes: 7, no: 0 })).toBe(8);
    expect(neededWords({ majority: 'two_thirds', seats: 12 }, { yes: 7, no: 0 })).toBe('two thirds of all 12 councillors');
  });
  it('says the rule as the board does', () => {
    const rule = { majority: 'two_thirds' as const, basis: 'section 2-111(2)(d)', quorum: 7, quorumBasis: '', seats: 12, seatsBasis: '' };
    expect(ruleWords(rule)).toBe('two thirds of all 12 councillors, section 2-111(2)(d)');
    expect(ruleWords({ ...rule, basis: '2-111(2)(d)' })).toBe('two thirds of all 12 councillors, section 2-111(2)(d)');
    expect(ruleWords({ ...rule, majority: 'simple', basis: 'section 2-111(1): a majority of the councillors voting' })).toBe('a majority of those voting, section 2-111(1)');
  });
});

const person = (id: string) => ({ id, displayName: id });
const vote = (over: Partial<Vote>): Vote => ({
  id: 'v', number: 1, session: 'CS-2026-001', question: 'q', motion: 1, item: null, status: 'open',
  rule: { majority: 'simple', basis: 'section 2-111(1)', quorum: 7, quorumBasis: '', seats: 12, seatsBasis: '' }, openedAt: '2026-11-05T07:00:00.000Z', closedAt: null,
  ballots: [], answered: 0, result: null, ...over,
});

describe('the tally', () => {
  it('while open, counts the answers in and the members yet to answer', () => {
    const v = vote({ ballots: [
      { member: person('a'), option: 'yes', calledAloud: false, castAt: '' }, { member: person('b'), option: 'yes', calledAloud: true, castAt: '' },
      { member: person('c'), option: 'no', calledAloud: false, castAt: '' }, { member: person('d'), option: 'abstain', calledAloud: false, castAt: '' },
    ] });
    expect(tallyOf(v, 12)).toEqual({ yes: 2, no: 1, abstain: 1, absent: 8, present: 4 });
  });
  it('once closed, is the stored result', () => {
    const tally = { yes: 6, no: 1, abstain: 0, absent: 5, present: 7 };
    expect(tallyOf(vote({ status: 'closed', result: { outcome: 'passed', tally, needed: 5, explanation: '' } }), 12)).toBe(tally);
  });
});

describe('the current agenda item', () => {
  const agenda = [{ id: 'i1', position: 1, kind: 'report' as const, title: 'r', bill: null, stage: null }, { id: 'i2', position: 2, kind: 'motion' as const, title: 'm', bill: null, stage: null }];
  const base: Pick<Session, 'status' | 'agenda' | 'motions' | 'votes'> = { status: 'sitting', agenda, motions: [], votes: [] };
  it('is none before the sitting and after it', () => {
    expect(currentItem({ ...base, status: 'scheduled' })).toBeNull();
    expect(currentItem({ ...base, status: 'adjourned' })).toBeNull();
  });
  it('is the first item when nothing has happened, then follows the latest motion, and the open vote above all', () => {
    expect(currentItem(base)).toBe('i1');
    const motion = { id: 'm1', number: 1, amends: null, item: 'i2', text: 't', mover: person('a'), seconder: null, status: 'moved' as const, movedAt: '2026-11-05T07:00:00.000Z', secondedAt: null };
    expect(currentItem({ ...base, motions: [motion] })).toBe('i2');
    expect(currentItem({ ...base, motions: [motion], votes: [vote({ motion: null, item: 'i1', openedAt: '2026-11-05T06:00:00.000Z' })] })).toBe('i1');
  });
});

describe('the sessions list order', () => {
  it('puts upcoming and sitting sessions first, soonest on top, then past ones, latest on top', () => {
    const s = (code: string, date: string, startsAt: string, status: string) => ({ code, date, startsAt, status });
    const { upcoming, past } = sessionOrder([
      s('a', '2026-11-05', '09:00', 'adjourned'), s('b', '2026-12-10', '09:00', 'scheduled'), s('c', '2026-12-01', '14:00', 'sitting'),
      s('d', '2026-12-01', '09:00', 'scheduled'), s('e', '2026-11-20', '09:00', 'adjourned'),
    ]);
    expect(upcoming.map((x) => x.code)).toEqual(['d', 'c', 'b']);
    expect(past.map((x) => x.code)).toEqual(['e', 'a']);
  });
});

describe('the words for what changed', () => {
  // Only the fields changeWords reads: the members and the votes as the viewer sees them.
  const session = (members: Session['members'], votes: Vote[]) => ({ members, votes }) as unknown as Session;
  const hidden = { withheld: true } as unknown as Session['members'][number]['member'];
  const ballot = (member: Vote['ballots'][number]['member'], option: Vote['ballots'][number]['option']) => ({ member, option, calledAloud: false, castAt: '' });

  it('names the member whose ballot the fetched session newly shows, and nobody before it is fetched', () => {
    const before = session([], [vote({ ballots: [ballot(person('Masa'), 'yes')] })]);
    const after = session([], [vote({ ballots: [ballot(person('Masa'), 'yes'), ballot(person('Kazuyo'), 'no')] })]);
    expect(changeWords({ what: 'ballot', vote: 'v' }, before)).toBe('A ballot was cast.');
    expect(changeWords({ what: 'ballot', vote: 'v' }, before, after)).toBe('Kazuyo voted no.');
    // Another vote's ballots say nothing about this one.
    expect(changeWords({ what: 'ballot', vote: 'other' }, before, after)).toBe('A ballot was cast.');
  });
  it('names nobody when the member who voted is not shown to the viewer', () => {
    const before = session([], [vote({ ballots: [] })]);
    const after = session([], [vote({ ballots: [ballot(hidden, 'yes')] })]);
    expect(changeWords({ what: 'ballot', vote: 'v' }, before, after)).toBe('A ballot was cast.');
  });
  it('names the member whose attendance changed, and nobody where it is a hidden member', () => {
    const m = (member: Session['members'][number]['member'], attendance: Session['members'][number]['attendance']) => ({ member, seat: '1', attendance });
    const before = session([m(person('Masa'), 'present'), m(person('Kazuyo'), null), m(hidden, null)], []);
    expect(changeWords({ what: 'attendance', status: 'excused' }, before, session([m(person('Masa'), 'present'), m(person('Kazuyo'), 'excused'), m(hidden, null)], []))).toBe('Kazuyo marked excused.');
    expect(changeWords({ what: 'attendance', status: 'absent' }, before, session([m(person('Masa'), 'present'), m(person('Kazuyo'), null), m(hidden, 'absent')], []))).toBe('A member marked absent.');
  });
});
