// A delivery's states against the legal steps written out here independently, walked at random.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DELIVERY_STATES, deliveryRefusal, isDelivered, NEXT_DELIVERY_STATES } from './delivery-states.ts';

const LEGAL = new Set([
  'queued>in_transit', 'queued>delivered', 'queued>failed', 'in_transit>delivered', 'in_transit>failed',
  'delivered>read', 'read>acknowledged', 'read>actioned', 'acknowledged>actioned',
]);

describe('delivery states', () => {
  it('allows exactly the legal steps, and says what may come next otherwise', () => {
    for (const a of DELIVERY_STATES) for (const b of DELIVERY_STATES) expect(deliveryRefusal(a, b) === null, `${a} → ${b}`).toBe(LEGAL.has(`${a}>${b}`));
    expect(deliveryRefusal('delivered', 'acknowledged')).toBe('a message delivered cannot become acknowledged: next comes read');
    expect(deliveryRefusal('failed', 'delivered')).toBe('the message is not delivered, which is final');
  });

  it('every walk ends actioned or failed, passing "read" before any answer, and never delivers twice', () => {
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (choices) => {
      const walk = ['queued'] as (typeof DELIVERY_STATES[number])[];
      for (let i = 0; NEXT_DELIVERY_STATES[walk.at(-1)!].length; i++) {
        const next = NEXT_DELIVERY_STATES[walk.at(-1)!];
        walk.push(next[choices[i]! % next.length]!);
      }
      expect(['actioned', 'failed']).toContain(walk.at(-1));
      if (walk.includes('acknowledged') || walk.includes('actioned')) expect(walk.indexOf('read')).toBeGreaterThan(walk.indexOf('delivered'));
      expect(walk.filter((s) => s === 'delivered')).toHaveLength(walk.at(-1) === 'failed' ? 0 : 1);
      expect(isDelivered(walk.at(-1)!)).toBe(walk.at(-1) !== 'failed');
    }));
  });
});
