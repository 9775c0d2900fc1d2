// The Council's numbers read from the words of its statutes.
import { describe, expect, it } from 'vitest';
import { citationIn, defaultQuorum, majorityFor, quorumFromText, seatsFromText } from './session-rules.ts';

describe('the seats of the Council from section 2-101(1)', () => {
  it('reads the number of councillors the Council consists of, in words or digits', () => {
    expect(seatsFromText('(1) The Council is the legislature of the village. It consists of nine councillors, elected by the residents.\n(2) A councillor holds office.')).toBe(9);
    expect(seatsFromText('(1) The Council is the legislature of the village. It consists of twelve councillors, elected by the residents.')).toBe(12);
    expect(seatsFromText('(1) The Council consists of 15 councillors.')).toBe(15);
  });
  it('says nothing when the words give no number of councillors', () => {
    expect(seatsFromText('(1) The Council is the legislature of the village.')).toBeNull();
    expect(seatsFromText('(1) It consists of many councillors.')).toBeNull();
    expect(seatsFromText('(1) It consists of zero councillors.')).toBeNull();
    // The quorum's words are not the seats'.
    expect(seatsFromText('(1) The quorum of the Council is seven councillors.')).toBeNull();
  });
});

describe('the quorum from section 2-104(1), and without it', () => {
  it('reads the number the quorum is, in words or digits', () => {
    expect(quorumFromText('(1) The quorum of the Council is seven councillors.\n(2) Counted by the chair.')).toBe(7);
    expect(quorumFromText('(1) The quorum of the Council is five councillors.')).toBe(5);
    expect(quorumFromText('(1) The quorum of the Council is 11 councillors.')).toBe(11);
    expect(quorumFromText('(1) The quorum of the Council is one councillor.')).toBe(1);
    expect(quorumFromText('(1) The Council keeps a quorum.')).toBeNull();
    expect(quorumFromText('(1) The quorum of the Council is many councillors.')).toBeNull();
    // The seats' words are not the quorum's.
    expect(quorumFromText('(1) It consists of twelve councillors.')).toBeNull();
  });
  it('is a majority of the members when no statute says: 12 seats → 7, 9 → 5, 1 → 1', () => {
    expect(defaultQuorum(12)).toBe(7);
    expect(defaultQuorum(9)).toBe(5);
    expect(defaultQuorum(1)).toBe(1);
    expect(defaultQuorum(0)).toBe(1);
  });
});

describe('the majority a question needs, and its basis (section 2-111)', () => {
  it('reads the first citation in a basis, in the statute book\'s spelling', () => {
    expect(citationIn('section 2-111(2)(a)')).toBe('2-111(2)(a)');
    expect(citationIn('s. 2-111 (2) (A): to override')).toBe('2-111(2)(a)');
    expect(citationIn('2-111(1)')).toBe('2-111(1)');
    expect(citationIn('whatever text I like')).toBeNull();
  });
  it('a veto\'s override needs two thirds on 2-111(2)(a); a same-day reading on 2-111(2)(b); nothing else does', () => {
    const override = { kind: 'bill', stage: 'veto_overridden', sameDay: false } as const;
    expect(majorityFor(override, {})).toEqual({ majority: 'two_thirds', basis: 'section 2-111(2)(a): to override a veto of the Kazekage (section 3-105(3))' });
    expect(majorityFor(override, { majority: 'two_thirds', basis: 'section 2-111(2)(a)' })).toMatchObject({ majority: 'two_thirds' });
    expect(majorityFor(override, { majority: 'simple' })).toMatchObject({ refused: true, status: 'conflict', path: 'body.majority' });
    expect(majorityFor(override, { majority: 'two_thirds', basis: 'section 2-111(2)(d)' })).toMatchObject({ refused: true, status: 'unprocessable', path: 'body.basis' });
    expect(majorityFor(override, { majority: 'two_thirds', basis: 'whatever text I like' })).toMatchObject({ refused: true, path: 'body.basis' });
    const sameDay = { kind: 'bill', stage: 'second_reading', sameDay: true } as const;
    expect(majorityFor(sameDay, {})).toMatchObject({ majority: 'two_thirds', basis: expect.stringMatching(/^section 2-111\(2\)\(b\)/) });
    expect(majorityFor(sameDay, { majority: 'simple' })).toMatchObject({ refused: true, status: 'conflict', path: 'body.majority' });
    expect(majorityFor(sameDay, { majority: 'two_thirds', basis: '2-111(2)(a)' })).toMatchObject({ refused: true, path: 'body.basis' });
    const ordinary = { kind: 'bill', stage: 'second_reading', sameDay: false } as const;
    expect(majorityFor(ordinary, {})).toEqual({ majority: 'simple', basis: 'section 2-111(1): a majority of the councillors voting' });
    expect(majorityFor(ordinary, { majority: 'two_thirds', basis: 'section 2-111(2)(b)' })).toMatchObject({ refused: true, status: 'unprocessable', path: 'body.basis' });
    // The vote on the bill as a whole is no reading: the same day as readings, still a majority of those voting.
    expect(majorityFor({ kind: 'bill', stage: 'passed', sameDay: false }, {})).toMatchObject({ majority: 'simple' });
  });
  it('a motion rests on 2-111(1), or on the paragraph of 2-111(2) it cites, (b) to (d)', () => {
    const motion = { kind: 'motion' } as const;
    expect(majorityFor(motion, {})).toMatchObject({ majority: 'simple' });
    expect(majorityFor(motion, { majority: 'two_thirds', basis: 'section 2-111(2)(d)' })).toEqual({ majority: 'two_thirds', basis: 'section 2-111(2)(d): to expel a councillor' });
    expect(majorityFor(motion, { majority: 'two_thirds', basis: '2-111(2)(ba)' })).toMatchObject({ majority: 'two_thirds' });
    expect(majorityFor(motion, { majority: 'two_thirds', basis: 'section 2-111(2)(a)' })).toMatchObject({ refused: true, path: 'body.basis' });
    expect(majorityFor(motion, { majority: 'two_thirds', basis: 'section 9-103(2)' })).toMatchObject({ refused: true, path: 'body.basis' });
    expect(majorityFor(motion, { majority: 'two_thirds', basis: 'section 2-111(2)(e)' })).toMatchObject({ refused: true, path: 'body.basis' });
    expect(majorityFor(motion, { majority: 'simple', basis: 'section 2-111(2)(d)' })).toMatchObject({ refused: true, path: 'body.basis' });
  });
});
