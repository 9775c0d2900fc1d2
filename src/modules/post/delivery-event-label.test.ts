// A letter's move events (post.delivery.changed) are told to its recipient and its sender; the
// stream passes an event only to a listener cleared for its label (SECURITY.md, References 2: "An
// event's label is the join of the labels of every record it names"). Each of a classified
// letter's moves names the letter, so each carries the letter's label: both the one told to the
// recipient and the one told to the others. An event without it would be passed to anyone in its
// audience whatever their clearance (an office member not cleared for the letter, say). And the
// recipient hears each move once, with their own id: the copy without it is for the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { listen, type HeardEvents } from '../../kernel/testing/events.ts';
import type { AppContext } from '../../kernel/context.ts';
import { answerDelivery, pigeonHole, sendMessage } from './index.ts';
import { castPerson } from './testing/cast.ts';
import { openPostWorld } from './testing/world.ts';


describe.each(DIALECTS)('a classified letter\'s moves carry its label on %s (m13h)', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  let bus: HeardEvents;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    bus = listen(app.ctx.events);
    await castPerson(app.ctx, who, id, 'temari', 'jounin', 'secret', ['ANBU']);
    await castPerson(app.ctx, who, id, 'hawk', 'jounin', 'secret', ['ANBU']);
  }, 120_000);
  afterAll(async () => app?.drop());

  it('every move of a SECRET / ANBU letter, to the recipient and to the sender, is labelled SECRET / ANBU', async () => {
    const start = clock.now().getTime();
    await sendMessage(who.temari!, { to: [{ person: id.hawk! }], subject: 'The eastern patrol', precedence: 'flash', classification: 'secret', compartments: ['ANBU'] });
    await clock.runDue();
    const copy = (await pigeonHole(who.hawk!, { state: 'all', limit: 50, offset: 0 })).items[0]!.delivery;
    await answerDelivery(who.hawk!, copy.id, 'read');
    // Unacknowledged past its objective: escalated, and that is told too.
    await clock.advanceTo(start + 10 * 60_000);
    await bus.next((e) => e.type === 'post.delivery.changed' && e.payload.escalated === true, 'the escalation event');
    const moves = bus.events.filter((e) => e.type === 'post.delivery.changed' && e.payload.deliveryId === copy.id);
    // The recipient's and the sender's events of each move.
    expect(moves.some((e) => e.payload.recipient === id.hawk)).toBe(true);
    expect(moves.some((e) => e.payload.recipient === null && e.audience?.includes(id.temari!))).toBe(true);
    // The recipient hears each move once, with their id; the copy without it is not told to them.
    for (const e of moves.filter((m) => m.payload.recipient === null)) expect(e.audience).not.toContain(id.hawk);
    for (const e of moves) expect({ type: e.type, state: e.payload.state, label: e.label }).toEqual({ type: e.type, state: e.payload.state, label: { classification: 'secret', compartments: ['ANBU'] } });
  });
});
