// The speaker queue: the day-3 session's shouting, by hand, and properties under random events.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_QUEUE, QueueRefusal, queueAfter, queueOf, secondsLeft, type QueueEvent, type SpeakerQueue } from './speaker-queue.ts';

const t = (m: number) => new Date(Date.UTC(2026, 10, 3, 9, m)).toISOString();

describe('speaker queue', () => {
  it('gives the floor in the order asked, a point of order first, and records who spoke when', () => {
    const q = queueOf([
      { type: 'request', member: 'isamu', kind: 'speak', at: t(0) },
      { type: 'request', member: 'masa', kind: 'speak', at: t(1) },
      { type: 'grant', at: t(2), limitSeconds: 300 },
      { type: 'request', member: 'baki', kind: 'point_of_order', at: t(3) },
      { type: 'request', member: 'kankuro', kind: 'point_of_order', at: t(4) },
    ]);
    expect(q.floor).toEqual({ member: 'isamu', kind: 'speak', since: t(2), limitSeconds: 300 });
    expect(q.waiting.map((w) => `${w.member}:${w.kind}`)).toEqual(['baki:point_of_order', 'kankuro:point_of_order', 'masa:speak']);
    const after = queueOf([
      { type: 'request', member: 'isamu', kind: 'speak', at: t(0) },
      { type: 'grant', at: t(2), limitSeconds: 300 },
      { type: 'request', member: 'baki', kind: 'point_of_order', at: t(3) },
      { type: 'yield', at: t(4) },
      { type: 'grant', at: t(4), limitSeconds: 60 },
      { type: 'yield', at: t(5) },
    ]);
    expect(after.spoke).toEqual([
      { member: 'isamu', kind: 'speak', from: t(2), to: t(4) },
      { member: 'baki', kind: 'point_of_order', from: t(4), to: t(5) },
    ]);
    expect(after.floor).toBeNull();
  });

  it('refuses what cannot happen, saying why', () => {
    const speaking = queueOf([{ type: 'request', member: 'isamu', kind: 'speak', at: t(0) }, { type: 'grant', at: t(1), limitSeconds: 120 }]);
    expect(() => queueAfter(speaking, { type: 'request', member: 'isamu', kind: 'speak', at: t(2) })).toThrow('isamu has the floor already');
    expect(() => queueAfter(speaking, { type: 'grant', at: t(2), limitSeconds: 60 })).toThrow('isamu has the floor: end that turn first');
    expect(() => queueAfter(EMPTY_QUEUE, { type: 'grant', at: t(2), limitSeconds: 60 })).toThrow('nobody is waiting to speak');
    expect(() => queueAfter(EMPTY_QUEUE, { type: 'yield', at: t(2) })).toThrow('nobody has the floor');
    expect(() => queueAfter(EMPTY_QUEUE, { type: 'withdraw', member: 'masa', at: t(2) })).toThrow('masa is not waiting');
    const waiting = queueAfter(EMPTY_QUEUE, { type: 'request', member: 'masa', kind: 'speak', at: t(0) });
    expect(() => queueAfter(waiting, { type: 'request', member: 'masa', kind: 'speak', at: t(1) })).toThrow('masa is waiting already to speak');
    // A member waiting to speak may still raise a point of order.
    expect(queueAfter(waiting, { type: 'request', member: 'masa', kind: 'point_of_order', at: t(1) }).waiting.map((w) => w.kind)).toEqual(['point_of_order', 'speak']);
  });

  it('runs the floor clock', () => {
    const floor = { member: 'isamu', kind: 'speak' as const, since: t(0), limitSeconds: 120 };
    expect(secondsLeft(floor, t(1))).toBe(60);
    expect(secondsLeft(floor, t(3))).toBe(-60);
  });

  const members = ['a', 'b', 'c', 'd'];
  const event = fc.oneof(
    fc.record({ type: fc.constant('request' as const), member: fc.constantFrom(...members), kind: fc.constantFrom('speak' as const, 'point_of_order' as const) }),
    fc.record({ type: fc.constant('withdraw' as const), member: fc.constantFrom(...members) }),
    fc.record({ type: fc.constant('grant' as const), limitSeconds: fc.constant(60) }),
    fc.record({ type: fc.constant('yield' as const) }),
  );

  it('under any events: points of order wait ahead of requests to speak, each kind in the order asked; no one waits twice for the same thing', () => {
    fc.assert(fc.property(fc.array(event, { maxLength: 60 }), (events) => {
      let q: SpeakerQueue = EMPTY_QUEUE;
      let asked = 0;
      const askedAt = new Map<string, number>();
      for (const [i, e] of events.entries()) {
        try {
          q = queueAfter(q, { ...e, at: t(i) } as QueueEvent);
          if (e.type === 'request') askedAt.set(`${e.member}:${e.kind}`, asked++);
        } catch (err) {
          expect(err).toBeInstanceOf(QueueRefusal);
        }
        const kinds = q.waiting.map((w) => w.kind);
        expect(kinds.indexOf('speak') === -1 || kinds.lastIndexOf('point_of_order') < kinds.indexOf('speak')).toBe(true);
        for (const kind of ['speak', 'point_of_order']) {
          const order = q.waiting.filter((w) => w.kind === kind).map((w) => askedAt.get(`${w.member}:${w.kind}`)!);
          expect(order).toEqual([...order].sort((x, y) => x - y));
        }
        const keys = q.waiting.map((w) => `${w.member}:${w.kind}`);
        expect(new Set(keys).size).toBe(keys.length);
      }
    }));
  });
});
