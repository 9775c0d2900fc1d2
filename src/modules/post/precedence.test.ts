// The aviary's dispatch order, checked against the rule as the issue states it (higher precedence
// always first, first come first served within one) by a brute-force reference written here, and
// the handling objectives, escalation and ETAs worked by hand.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dispatchOrder, escalationDue, nextToDispatch, PRECEDENCES, type Queued } from './precedence.ts';
import { arrivalEta, deliveryDue, flightMinutes, routeBetween, type HawkRoute } from './hawk-routes.ts';

const T0 = Date.UTC(2026, 10, 20, 6, 0, 0);
const message = fc.record({
  id: fc.stringMatching(/^[0-9A-Z]{6}$/),
  precedence: fc.constantFrom(...PRECEDENCES),
  acceptedAt: fc.integer({ min: 0, max: 600 }).map((s) => new Date(T0 + s * 1000).toISOString()),
});
const RANK: Record<string, number> = { flash: 1, immediate: 2, priority: 3, routine: 4 };

describe('dispatch order', () => {
  it('never sends a message while one of higher precedence waits; FIFO within a precedence', () => {
    let messages = 0;
    fc.assert(fc.property(fc.uniqueArray(message, { selector: (m) => m.id, minLength: 34, maxLength: 60 }), (queue) => {
      messages += queue.length;
      const waiting: Queued[] = [...queue];
      const sent: Queued[] = [];
      while (waiting.length) {
        const next = nextToDispatch(waiting)!;
        // No waiting message outranks it; none of its own precedence was accepted earlier.
        // (Plain comparisons, one expect per message: an expect per pair makes 10,000 messages slow.)
        const outranked = waiting.find((w) => RANK[w.precedence]! < RANK[next.precedence]!
          || (w.precedence === next.precedence && Date.parse(w.acceptedAt) < Date.parse(next.acceptedAt)));
        expect(outranked).toBeUndefined();
        waiting.splice(waiting.indexOf(next), 1);
        sent.push(next);
      }
      expect(sent).toHaveLength(queue.length);
      // The comparator sorts to the same sequence.
      expect([...queue].sort(dispatchOrder).map((m) => m.id)).toEqual(sent.map((m) => m.id));
    }), { numRuns: 300 });
    // The count: at least 10,000 random messages in all.
    expect(messages).toBeGreaterThanOrEqual(10_000);
    expect(nextToDispatch([])).toBeNull();
  });

  it('breaks a tie of the same precedence and instant by id, so the order is total', () => {
    const at = new Date(T0).toISOString();
    expect(nextToDispatch([{ id: 'B', precedence: 'routine', acceptedAt: at }, { id: 'A', precedence: 'routine', acceptedAt: at }])!.id).toBe('A');
  });
});

describe('handling objectives, escalation and hawk ETAs', () => {
  const routes: HawkRoute[] = [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }, { from: 'suna', to: 'yuki', distanceKm: 1000, hawkKmh: 45 }];
  const at = new Date('2026-11-20T06:00:00.000Z');

  it('within the village: FLASH 10 min, IMMEDIATE 30 min, PRIORITY 3 h, ROUTINE 6 h', () => {
    expect(deliveryDue(at, 'flash', null).due.toISOString()).toBe('2026-11-20T06:10:00.000Z');
    expect(deliveryDue(at, 'immediate', null).due.toISOString()).toBe('2026-11-20T06:30:00.000Z');
    expect(deliveryDue(at, 'priority', null).due.toISOString()).toBe('2026-11-20T09:00:00.000Z');
    expect(deliveryDue(at, 'routine', null).due.toISOString()).toBe('2026-11-20T12:00:00.000Z');
  });

  it('between villages the flight is added: 600 km at 50 km/h is 12 h; 1000 km at 45 km/h is 22 h 13 min 20 s, so 1334 whole minutes', () => {
    const konoha = routeBetween(routes, 'konoha', 'suna')!;
    expect(konoha.distanceKm).toBe(600);
    expect(deliveryDue(at, 'immediate', konoha)).toMatchObject({ handlingMinutes: 30, flightMinutes: 720 });
    expect(deliveryDue(at, 'immediate', konoha).due.toISOString()).toBe('2026-11-20T18:30:00.000Z');
    expect(flightMinutes(routeBetween(routes, 'suna', 'yuki')!)).toBe(1334);
    expect(arrivalEta(at, routeBetween(routes, 'yuki', 'suna')!).toISOString()).toBe('2026-11-21T04:14:00.000Z');
    expect(routeBetween(routes, 'suna', 'suna')).toBeNull();
    expect(routeBetween(routes, 'konoha', 'yuki')).toBeNull();
    expect(() => flightMinutes({ from: 'a', to: 'b', distanceKm: 0, hawkKmh: 50 })).toThrow('above zero');
  });

  it('only an unacknowledged FLASH escalates, 10 minutes after delivery', () => {
    expect(escalationDue(at, 'flash')?.toISOString()).toBe('2026-11-20T06:10:00.000Z');
    for (const p of ['immediate', 'priority', 'routine'] as const) expect(escalationDue(at, p)).toBeNull();
  });
});
