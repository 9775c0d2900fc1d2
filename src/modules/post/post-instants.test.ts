// A letter's instants as its readers are answered them (post.read.ts instant), on both databases:
// ISO-8601 in UTC to the millisecond, as toISOString writes them, whatever other ISO-8601 form the
// database gives a stored instant back in (SQLite gives back the text as it was stored: a row
// mended by hand, or written by another tool). A text already in that form is answered as it is,
// unparsed; found by a mutation pass: a looser check, passing any ISO-like text through, left
// every test green. The sender's "overdue" compares these texts, so their form is not cosmetic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { aviary, getMessage, pigeonHole, sendMessage, sentPost } from './index.ts';
import { castPerson } from './testing/cast.ts';
import { T0, openPostWorld } from './testing/world.ts';

/** The same instants in other ISO-8601 forms, and as toISOString writes them. */
const STORED = {
  accepted_at: ['2026-11-20T09:00:00+03:00', '2026-11-20T06:00:00.000Z'],
  due_at: ['2026-11-20T08:59:00.5+03:00', '2026-11-20T05:59:00.500Z'],
  released_at: ['2026-11-20T03:00:00-03:00', '2026-11-20T06:00:00.000Z'],
  delivered_at: ['2026-11-20T06:00:00Z', '2026-11-20T06:00:00.000Z'],
  read_at: ['2026-11-20T07:30:00.250000Z', '2026-11-20T07:30:00.250Z'],
} as const;

describe.each(DIALECTS)('a letter\'s instants as answered, on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    await castPerson(app.ctx, who, id, 'aiko', 'clerk', 'secret');
    await castPerson(app.ctx, who, id, 'matsuri', 'jounin', 'secret');
  }, 120_000);
  afterAll(async () => app?.drop());

  it('answers every stored form of an instant as toISOString writes it: the message, its sender\'s and its recipient\'s lists, the aviary board', async () => {
    const sent = await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject: 'instants', precedence: 'routine' });
    await clock.runDue();
    expect(clock.now().toISOString()).toBe(T0);
    const form = (i: 0 | 1) => Object.fromEntries(Object.entries(STORED).map(([k, v]) => [k, v[i]]));
    await app.ctx.db.updateTable('post_message').set({ accepted_at: STORED.accepted_at[0] }).where('id', '=', sent.id).execute();
    await app.ctx.db.updateTable('post_delivery').set({ ...form(0), state: 'read', read_by: id.matsuri! }).where('message_id', '=', sent.id).execute();
    const want = form(1);
    // Delivered at 06:00, after it was due (05:59:00.5): overdue, by the instants, not their texts.
    const expected = { dueAt: want.due_at, releasedAt: want.released_at, deliveredAt: want.delivered_at, readAt: want.read_at, overdue: true };

    const message = await getMessage(who.aiko!, sent.id);
    expect(message.acceptedAt).toBe(want.accepted_at);
    expect(message.deliveries[0]).toMatchObject(expected);
    const mine = (await sentPost(who.aiko!, { limit: 50, offset: 0 })).items.find((m) => m.id === sent.id)!;
    expect(mine.acceptedAt).toBe(want.accepted_at);
    expect(mine.deliveries[0]).toMatchObject(expected);
    const copy = (await pigeonHole(who.matsuri!, { state: 'all', limit: 50, offset: 0 })).items.find((m) => m.id === sent.id)!;
    expect(copy.acceptedAt).toBe(want.accepted_at);
    expect(copy.delivery).toMatchObject(expected);
    // On the board among the hawks arrived (released, and delivered within the day).
    const board = (await aviary(app.ctx)).arrived.find((h) => h.code === sent.code);
    expect(board).toMatchObject({ acceptedAt: want.accepted_at, dueAt: want.due_at, releasedAt: want.released_at, deliveredAt: want.delivered_at });
  });
});
