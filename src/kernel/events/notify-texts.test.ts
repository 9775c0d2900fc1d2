// What an event is notified as on PostgreSQL (notifyTexts): every text within the 8000 bytes a
// NOTIFY may carry, each person of its audience in exactly one text, the rest of the event the
// same in each, and its payload kept unless it alone leaves no room.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { joinedPacks, newEvent, notifyTexts, packNotifications, unpackNotification, type SandstoneEvent } from './event-bus.ts';

/** PostgreSQL's limit on a notification's payload, in bytes. */
const PG_NOTIFY_LIMIT = 8000;

const event = fc.record({
  type: fc.constant('post.delivery.changed'),
  payload: fc.record({ note: fc.string({ unit: 'grapheme', maxLength: 9000 }) }),
  at: fc.constant('2026-12-04T06:00:00.000Z'),
  label: fc.constant({ classification: 'secret', compartments: ['ANBU'] }),
  audience: fc.option(fc.uniqueArray(fc.stringMatching(/^[0-9A-Z]{26}$/), { maxLength: 1200 }), { nil: undefined }),
}, { requiredKeys: ['type', 'payload', 'at', 'label'] }) as fc.Arbitrary<SandstoneEvent>;

describe('an event as PostgreSQL is told of it', () => {
  it('fits every text, names each person once, keeps everything else, and the payload where it leaves room', () => {
    fc.assert(fc.property(event, (e) => {
      const texts = notifyTexts(e);
      const parsed = texts.map((t) => JSON.parse(t) as SandstoneEvent);
      for (const t of texts) expect(Buffer.byteLength(t)).toBeLessThan(PG_NOTIFY_LIMIT);
      if (e.audience) expect(parsed.flatMap((p) => p.audience!).sort()).toEqual([...e.audience].sort());
      else expect(parsed).toHaveLength(1);
      for (const p of parsed) expect({ type: p.type, at: p.at, label: p.label }).toEqual({ type: e.type, at: e.at, label: e.label });
      // The payload is the same in every text: whole while it and the rest leave room for people.
      const payloadBytes = Buffer.byteLength(JSON.stringify({ ...e, audience: [] }));
      for (const p of parsed) expect(p.payload).toEqual(payloadBytes <= PG_NOTIFY_LIMIT - 1100 ? e.payload : payloadBytes > PG_NOTIFY_LIMIT ? { truncated: true } : p.payload);
      // One text when the whole event fits.
      if (Buffer.byteLength(JSON.stringify(e)) < PG_NOTIFY_LIMIT - 100) expect(texts).toEqual([JSON.stringify(e)]);
    }), { numRuns: 300 });
  });

  it('splits an office of 400 members into as few texts as fit, the payload whole', () => {
    const audience = Array.from({ length: 400 }, (_, i) => `01MEMBER${String(i).padStart(18, '0')}`);
    const texts = notifyTexts({ type: 't', payload: { deliveryId: 'd' }, at: '2026-12-04T06:00:00.000Z', audience });
    // 400 ids of 29 bytes each with quotes and comma: about 11,600 bytes, so two texts.
    expect(texts).toHaveLength(2);
    expect(texts.map((t) => (JSON.parse(t) as SandstoneEvent).payload)).toEqual([{ deliveryId: 'd' }, { deliveryId: 'd' }]);
  });
});

describe('a transaction\'s events packed into notifications', () => {
  const events = fc.array(event, { maxLength: 40 });
  it('fits every pack, and unpacking gives every text\'s event back, in order, each once', () => {
    fc.assert(fc.property(events, (es) => {
      const texts = es.flatMap(notifyTexts);
      const packs = packNotifications(texts);
      for (const p of packs) expect(Buffer.byteLength(p)).toBeLessThan(PG_NOTIFY_LIMIT);
      expect(packs.flatMap(unpackNotification)).toEqual(texts.map((t) => JSON.parse(t)));
      if (!texts.length) expect(packs).toEqual([]);
    }), { numRuns: 200 });
  });

  it('puts as many as fit in one: a dispatch run\'s 512 small events go in a handful, not 512', () => {
    const small: SandstoneEvent = { type: 'post.delivery.changed', payload: { deliveryId: '01M90PBJJ2KVB7ERF8M4Y340TD', state: 'delivered' }, at: '2026-12-04T06:00:00.000Z', audience: ['01M90PBJJ2KVB7ERF8M4Y340TE'] };
    const texts = Array.from({ length: 512 }, () => JSON.stringify(small));
    const packs = packNotifications(texts);
    // Each text is about 190 bytes: some 41 to a pack of 7,900.
    expect(packs.length).toBe(Math.ceil(512 / Math.floor((7900 + 1) / (Buffer.byteLength(texts[0]!) + 1))));
    expect(packs.flatMap(unpackNotification)).toHaveLength(512);
  });

  it('fills many packs, each under the limit counting its commas, in order (property: texts small to large)', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 3000 }), { minLength: 1, maxLength: 60 }), fc.nat({ max: 400 }), (sizes, tiny) => {
      // Tiny texts (an event with an empty payload is some 50 bytes) put the most commas in a pack.
      const texts = [...sizes, ...Array<number>(tiny).fill(0)].map((n, i) => JSON.stringify({ type: 't', payload: { i, p: 'x'.repeat(n) }, at: '2026-12-04T06:00:00.000Z' }));
      const packs = packNotifications(texts);
      for (const p of packs) expect(Buffer.byteLength(p)).toBeLessThan(PG_NOTIFY_LIMIT);
      expect(packs.flatMap(unpackNotification)).toEqual(texts.map((t) => JSON.parse(t)));
    }), { numRuns: 200 });
    const tiny = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ type: 't', payload: { i }, at: '2026-12-04T06:00:00.000Z' }));
    const packs = packNotifications(tiny);
    expect(packs.length).toBeGreaterThan(10);
    for (const p of packs) expect(Buffer.byteLength(p)).toBeLessThan(PG_NOTIFY_LIMIT);
    expect(packs.flatMap(unpackNotification).map((e) => e.payload.i)).toEqual(tiny.map((_, i) => i));
  });

  it('joins the packs into one text whose lines are the packs again, whatever their events say (property)', () => {
    fc.assert(fc.property(fc.array(event, { maxLength: 6 }), (events) => {
      const packs = packNotifications(events.flatMap(notifyTexts));
      // As PostgreSQL's string_to_array($2, E'\\n') splits it.
      const lines = packs.length ? joinedPacks(packs).split('\n') : [];
      expect(lines).toEqual(packs);
    }), { numRuns: 200 });
    expect(() => joinedPacks(['[{"a":1}]', 'not\njson'])).toThrow('line break');
  });

  it('reads a notification of one event as sent before packs', () => {
    const one: SandstoneEvent = { type: 't', payload: { a: 1 }, at: '2026-12-04T06:00:00.000Z' };
    expect(unpackNotification(JSON.stringify(one))).toEqual([one]);
  });
});

describe('an event as a transaction raises it (newEvent)', () => {
  const raised = fc.record({
    type: fc.constantFrom('post.delivery.changed', 'post.aviary.changed', 'kernel.jobs.scheduled'),
    payload: fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    at: fc.constantFrom('2026-12-05T06:00:00.000Z', '2026-12-05T06:00:01.000Z'),
    label: fc.option(fc.record({ classification: fc.constantFrom('public', 'secret'), compartments: fc.array(fc.constantFrom('ANBU', 'BREACH'), { maxLength: 2 }) }), { nil: undefined }),
    audience: fc.option(fc.oneof(fc.array(fc.stringMatching(/^p[0-9]$/), { maxLength: 3 }), fc.record({ allowedTo: fc.constantFrom('post.aviary', 'jobs.read') })), { nil: undefined }),
  });

  it('is notified as JSON.stringify writes it', () => {
    fc.assert(fc.property(raised, (r) => {
      const { event } = newEvent(r.type, r.payload, r.at, r.label, r.audience);
      expect(notifyTexts(event)).toEqual([JSON.stringify(event)]);
      expect(JSON.parse(notifyTexts(event)[0]!)).toEqual(JSON.parse(JSON.stringify({ type: r.type, payload: r.payload, at: r.at, ...(r.label ? { label: r.label } : {}),
        ...(r.audience === undefined ? {} : Array.isArray(r.audience) ? { audience: r.audience } : { allowedTo: r.audience.allowedTo }) })));
    }), { numRuns: 500 });
  });

  // Its text is kept on the event itself, not on a copy: a copy given another time or payload (a
  // spread, Object.assign) must be notified as the copy says, not as the event it was made from.
  it('is notified as a copy of it says, not as the event it was copied from', () => {
    fc.assert(fc.property(raised, (r) => {
      const { event } = newEvent(r.type, r.payload, r.at, r.label, r.audience);
      const later = { ...event, at: '2026-12-05T07:00:00.000Z' };
      const other = Object.assign({}, event, { payload: { other: true } });
      expect(notifyTexts(later)).toEqual([JSON.stringify(later)]);
      expect(notifyTexts(other)).toEqual([JSON.stringify(other)]);
      expect(JSON.parse(notifyTexts(later)[0]!).at).toBe('2026-12-05T07:00:00.000Z');
    }), { numRuns: 200 });
  });

  it('is the same as another exactly when all but its time is', () => {
    fc.assert(fc.property(raised, raised, fc.constantFrom('type', 'payload', 'label', 'audience', null), (a, b0, field) => {
      // Pairs that differ in their time and at most one other field.
      const b = { ...a, at: b0.at, ...(field ? { [field]: b0[field] } : {}) };
      const [x, y] = [newEvent(a.type, a.payload, a.at, a.label, a.audience), newEvent(b.type, b.payload, b.at, b.label, b.audience)];
      const { at: _x, ...restX } = x.event;
      const { at: _y, ...restY } = y.event;
      expect(x.sameAs === y.sameAs).toBe(JSON.stringify(restX) === JSON.stringify(restY));
    }), { numRuns: 1000 });
  });
});
