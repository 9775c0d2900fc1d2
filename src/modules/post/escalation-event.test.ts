// Outside attack a13j: an unacknowledged FLASH escalates, and the escalation's event
// (post.delivery.changed, escalated: true) carries `sender: <registry id>` at the letter's label,
// to an audience that includes the recipient. A recipient who may not see the sender (their
// pigeon hole shows the sender as { withheld: true }) hears the sender's id on the live stream.
// SECURITY.md, References 2: "An event's label is the join of the labels of every record it names."
// The event stream (build-server.ts, /api/events) passes an event to a listener cleared for its
// label and in its audience; this test applies that very filter to what the bus carried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { listen, type HeardEvents } from '../../kernel/testing/events.ts';
import { canRead, withActor, type AppContext } from '../../kernel/context.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import type { Level } from '../../kernel/auth/labels.ts';
import { createPerson } from '../registry/index.ts';
import { pigeonHole, sendMessage } from './index.ts';
import { openPostWorld } from './testing/world.ts';


describe.each(DIALECTS)('a FLASH escalation names only a sender its listeners may see on %s (attack a13j)', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  let bus: HeardEvents;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  async function cast(key: string, level: Level, compartments: string[], personLabel: { classification: Level; compartments: string[] }) {
    const p = await createPerson(app.ctx, { givenName: key, rank: 'jounin', ...personLabel });
    id[key] = p.id;
    await createAccount(app.ctx, { username: key, personId: p.id, displayName: key, role: 'jounin', clearance: level, compartments, password: 'correct horse battery staple 7' });
    who[key] = withActor(app.ctx, { kind: 'user', role: 'jounin', username: key, personId: p.id, clearance: { level, compartments } });
  }

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    bus = listen(app.ctx.events);
    // A masked officer, their own person secret / BREACH.
    await cast('masked', 'secret', ['BREACH'], { classification: 'secret', compartments: ['BREACH'] });
    // A recipient cleared for ANBU, not BREACH: the masked officer is hidden from them.
    await cast('hawk', 'secret', ['ANBU'], { classification: 'public', compartments: [] });
  }, 120_000);
  afterAll(async () => app?.drop());

  it('the recipient is not told the id of a sender withheld from them', async () => {
    const start = clock.now().getTime();
    await sendMessage(who.masked!, { to: [{ person: id.hawk! }], subject: 'Move now', precedence: 'flash' });
    await clock.runDue();
    const hole = await pigeonHole(who.hawk!, { state: 'all', limit: 50, offset: 0 });
    expect(hole.items.length).toBe(1);
    // The pigeon hole withholds the sender from hawk.
    expect(hole.items[0]!.sender).toEqual({ withheld: true });
    await bus.settle(app.ctx.db);
    await clock.advanceTo(start + 10 * 60_000);
    const escalated = await bus.next((e) => e.type === 'post.delivery.changed' && e.payload.escalated === true, 'the escalation event');
    // What /api/events would pass on to hawk: cleared for its label and in its audience.
    const heardByHawk = (!escalated.label || canRead(who.hawk!, { classification: escalated.label.classification as Level, compartments: escalated.label.compartments }))
      && (!escalated.audience || escalated.audience.includes(id.hawk!));
    expect(heardByHawk, 'hawk hears the escalation').toBe(true);
    expect(JSON.stringify(escalated.payload), 'hawk hears the hidden sender\'s id').not.toContain(id.masked!);
  });

  it('every move of a letter names its recipient only to the recipient, and its sender to nobody', async () => {
    const moves = bus.events.filter((e) => e.type === 'post.delivery.changed');
    expect(moves.length).toBeGreaterThanOrEqual(2);
    for (const e of moves) {
      expect(JSON.stringify(e.payload)).not.toContain(id.masked!);
      if (e.payload.recipient) expect(e.audience).toEqual([e.payload.recipient]);
    }
    // The sender hears each move too, without the recipient's id.
    expect(moves.some((e) => Array.isArray(e.audience) && e.audience.includes(id.masked!) && e.payload.recipient === null)).toBe(true);
  });
});
