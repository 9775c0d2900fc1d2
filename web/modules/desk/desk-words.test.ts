// The desk's words: lateness in whole days, a midnight suspense read as the end of the day before
// (village time, UTC+03:00), the record's page by its reference kind, and the office acted for.
import { describe, expect, it } from 'vitest';
import { actingForWords, recordPath, suspenseDeadline, suspenseWords, villageTime } from './desk-words.ts';

const NOW = Date.parse('2026-12-02T09:00:00Z');
const DAY = 86_400;

describe('suspenseWords', () => {
  it('says how late in whole days, counting a part day as less than a day', () => {
    const late = (s: number) => suspenseWords({ overdue: true, lateBySeconds: s, suspense: '2026-11-01T00:00:00Z' }, NOW);
    expect(late(3 * DAY + 5)).toBe('overdue by 3 days');
    expect(late(DAY)).toBe('overdue by 1 day');
    expect(late(3600)).toBe('overdue by less than a day');
  });
  it('says how long is left while not overdue', () => {
    const due = (iso: string) => suspenseWords({ overdue: false, lateBySeconds: null, suspense: iso }, NOW);
    expect(due('2026-12-12T09:00:00Z')).toBe('due in 10 days');
    expect(due('2026-12-03T09:30:00Z')).toBe('due in 1 day');
    expect(due('2026-12-03T08:00:00Z')).toBe('due within a day');
  });
});

describe('suspenseDeadline and villageTime', () => {
  it('reads a village midnight as the end of the day before', () => {
    // 2026-12-12T21:00Z is 13 Dec 00:00 in the village.
    expect(suspenseDeadline('2026-12-12T21:00:00.000Z')).toBe('decide by the end of 12 Dec 2026');
    expect(suspenseDeadline('2026-12-12T11:30:00.000Z')).toBe('decide by 12 Dec 2026, 14:30');
  });
  it('shows instants three hours ahead of UTC, across a year end', () => {
    expect(villageTime('2026-12-31T22:00:00Z')).toBe('1 Jan 2027, 01:00');
    expect(villageTime(null)).toBe('—');
  });
});

describe('recordPath', () => {
  it('links a bill by its code, a person by id and a letter by its code; a withheld record or an unknown kind has no page', () => {
    expect(recordPath({ kind: 'legislature.bill', id: 'b1', shown: { id: 'b1', code: 'B-2026-004' } })).toBe('/bills/B-2026-004');
    expect(recordPath({ kind: 'registry.person', id: 'p 1', shown: { id: 'p 1' } })).toBe('/people/p%201');
    expect(recordPath({ kind: 'legislature.bill', id: 'b1', shown: { withheld: true } })).toBeNull();
    // A message, or one's own copy of it, opens the message page by the message's code.
    expect(recordPath({ kind: 'post.delivery', id: 'd1', shown: { id: 'd1', code: 'HP-2026-7K3Q-XW9D' } })).toBe('/post/messages/HP-2026-7K3Q-XW9D');
    // A letter written before codes were unordered keeps its numbered code.
    expect(recordPath({ kind: 'post.message', id: 'm1', shown: { id: 'm1', code: 'HP-2026-00017' } })).toBe('/post/messages/HP-2026-00017');
    expect(recordPath({ kind: 'cases.evidence', id: 'e1', shown: { id: 'e1', code: 'INQ-2026-001/E-04' } })).toBe('/cases/evidence/e1');
    expect(recordPath({ kind: 'cases.case', id: 'c1', shown: { id: 'c1' } })).toBeNull();
  });
});

describe('actingForWords', () => {
  it('names the office for a bill to sign, the person otherwise, and nothing on one\'s own desk', () => {
    const acting = { delegation: 'd1', person: { id: 'g', name: 'Gaara' } };
    expect(actingForWords({ kind: 'legislature.bill.sign', actingFor: acting })).toBe('Acting for the Kazekage (Gaara)');
    expect(actingForWords({ kind: 'registry.person.review', actingFor: acting })).toBe('Acting for Gaara');
    expect(actingForWords({ kind: 'legislature.bill.sign', actingFor: { delegation: 'd1', person: { withheld: true } } })).toBe('Acting for the Kazekage (someone not shown at your clearance)');
    expect(actingForWords({ kind: 'legislature.bill.sign', actingFor: null })).toBeNull();
  });
});
