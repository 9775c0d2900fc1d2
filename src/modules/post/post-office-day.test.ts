// The day an office's members are reckoned on, on both databases, late in the evening (22:00 UTC:
// the village, at UTC+3, is already in the next day). Whichever day it is, it is one day for all
// of post: those told live of a copy to the office are exactly those whose pigeon hole holds it,
// and one who may write in the office's name may see what was sent in it. Found by a mutation
// pass: the members told of a copy reckoned on another day than the pigeon hole's left every
// test green (the other tests run in the morning, when the two days are one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { createMembership, createOrganization } from '../registry/index.ts';
import { pigeonHole, sendMessage, sentPost } from './index.ts';
import { castPerson } from './testing/cast.ts';
import { listen } from '../../kernel/testing/events.ts';
import { openPostWorld } from './testing/world.ts';

/** 22:00 UTC on the 20th: the 21st in the village. */
const EVENING = '2026-11-20T22:00:00.000Z';

describe.each(DIALECTS)('an office\'s members late in the evening, on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};
  const MEMBERS = ['aiko', 'hawk', 'temari'] as const;

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    for (const k of ['gaara', ...MEMBERS]) await castPerson(app.ctx, who, id, k, 'jounin', 'secret');
    await createOrganization(app.ctx, { code: 'gate-office', name: 'Gate office', kind: 'office' });
    // A member all along; one from the 21st; one until the 20th (the two days disagree on both).
    await createMembership(app.ctx, { person: id.aiko!, organization: 'gate-office', startDate: '2026-01-01' });
    await createMembership(app.ctx, { person: id.hawk!, organization: 'gate-office', startDate: '2026-11-21' });
    await createMembership(app.ctx, { person: id.temari!, organization: 'gate-office', startDate: '2026-01-01', endDate: '2026-11-20' });
    await clock.advance(Date.parse(EVENING) - clock.now().getTime());
  }, 120_000);
  afterAll(async () => app?.drop());

  it('tells of a copy to the office exactly the members whose pigeon hole holds it', async () => {
    expect(clock.now().toISOString()).toBe(EVENING);
    const m = await sendMessage(who.gaara!, { to: [{ office: 'gate-office' }], subject: 'The gate at night', precedence: 'immediate' });
    const bus = listen(app.ctx.events);
    await clock.runDue();
    const told = await bus.next((e) => e.type === 'post.delivery.changed' && e.payload.messageId === m.id && e.payload.state === 'delivered' && e.payload.forYou === true, 'the delivery to the office');
    const holding: string[] = [];
    for (const k of MEMBERS) if ((await pigeonHole(who[k]!, { state: 'all', limit: 50, offset: 0 })).items.some((i) => i.id === m.id)) holding.push(id[k]!);
    expect(holding.length).toBe(2);
    expect([...(told.audience ?? [])].sort()).toEqual(holding.sort());
  });

  it('lets a member write in the office\'s name exactly when they may see its sent post', async () => {
    const outcome = (p: Promise<unknown>) => p.then(() => 'allowed', (e) => (isAppError(e) && e.code === 'POST_NOT_OF_OFFICE' ? 'refused' : Promise.reject(e)));
    for (const k of MEMBERS) {
      const writes = await outcome(sendMessage(who[k]!, { from: { office: 'gate-office' }, to: [{ person: id.gaara! }], subject: `from the office, by ${k}` }));
      const sees = await outcome(sentPost(who[k]!, { office: 'gate-office', limit: 50, offset: 0 }));
      expect({ member: k, writes }).toEqual({ member: k, writes: sees });
    }
  });
});
