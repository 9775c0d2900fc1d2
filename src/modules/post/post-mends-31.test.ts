// What an outside attack on hawk post and the desk found in session 31, on both databases: a
// hawk's speed just above zero was accepted and then every letter to that village failed (500);
// the desk's "Re: " reply cut an emoji in half at 300 characters; a pigeon-hole search for a word
// with letters outside ASCII found nothing on SQLite; and page sizes took "0x2" and "1e1" (the
// desk's 29 February: desk/desk-instant.test.ts). What is expected comes from the rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import type { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { createVillage } from '../registry/index.ts';
import { decideItem, listItems } from '../desk/index.ts';
import { pigeonHole, sendMessage, setRoutes } from './index.ts';
import { ZPigeonHoleQuery, ZSentQuery, ZDraftsQuery } from './post.schema.ts';
import { castPerson } from './testing/cast.ts';
import { openPostWorld } from './testing/world.ts';

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

describe('page sizes (no database)', () => {
  it('a page size is written in digits: 0x2, 1e1, " 5" and 2.0 are refused, 7 is taken', () => {
    for (const schema of [ZPigeonHoleQuery, ZSentQuery, ZDraftsQuery]) {
      for (const limit of ['0x2', '1e1', ' 5', '2.0', '']) expect(schema.safeParse({ limit }).success, `${limit}`).toBe(false);
      expect(schema.parse({ limit: '7' }).limit).toBe(7);
    }
  });

});

describe.each(DIALECTS)('post mends of session 31 on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    await castPerson(app.ctx, who, id, 'gaara', 'kazekage', 'top_secret');
    await castPerson(app.ctx, who, id, 'matsuri', 'clerk', 'secret');
    await createVillage(app.ctx, { code: 'kiri', name: 'Kirigakure', land: 'Water', leaderTitle: 'Mizukage' });
  }, 120_000);
  afterAll(async () => app?.drop());

  it('a hawk flies at 1 km/h at least: a speed just above zero is refused at its field, and letters to the village still go', async () => {
    for (const hawkKmh of [1e-12, 5e-324, 0.5]) {
      const r = await refusal(setRoutes(app.ctx, { routes: [{ from: 'suna', to: 'kiri', distanceKm: 20_000, hawkKmh }] }));
      expect(r.details).toEqual([expect.objectContaining({ path: 'body.routes.0.hawkKmh' })]);
    }
    await setRoutes(app.ctx, { routes: [{ from: 'suna', to: 'kiri', distanceKm: 20_000, hawkKmh: 1 }] });
    const m = await sendMessage(who.matsuri!, { to: [{ village: 'kiri' }], subject: 'The slowest hawk' });
    // 20,000 km at 1 km/h: 20,000 hours on the wing, still a date of four digits.
    expect(m.deliveries[0]!.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Date.parse(m.deliveries[0]!.dueAt) - Date.parse(m.acceptedAt)).toBeGreaterThanOrEqual(20_000 * 3_600_000);
  });

  it('the desk\'s reply to a denied letter whose subject ends in an emoji at the cut keeps whole characters', async () => {
    // "Re: " and 295 letters make 299 units; the hawk emoji is two (a surrogate pair): cut at 300, it must go whole.
    const subject = 'a'.repeat(295) + '\u{1F985}';
    const m = await sendMessage(who.matsuri!, { to: [{ person: id.gaara! }], subject, actionRequested: true });
    await clock.runDue();
    const item = (await listItems(who.gaara!)).items.find((i) => i.record.id === m.deliveries[0]!.id)!;
    await decideItem(who.gaara!, item.id, { decision: 'deny', grounds: 'no' });
    await clock.runDue();
    const reply = (await pigeonHole(who.matsuri!, { state: 'all', limit: 200, offset: 0 })).items.find((i) => i.inReplyTo === m.id)!;
    expect(reply.subject).toBe(`Re: ${'a'.repeat(295)}`);
    expect(reply.subject.isWellFormed()).toBe(true);
  });

  it('the pigeon hole\'s search finds words in any script, whatever their case', async () => {
    await sendMessage(who.matsuri!, { to: [{ person: id.gaara! }], subject: 'Tally ÄRGER Éclair ΣΟΦΙΑ', body: 'Über die Mauer' });
    await clock.runDue();
    const found = async (q: string) => (await pigeonHole(who.gaara!, { state: 'all', q, limit: 200, offset: 0 })).items.map((i) => i.subject);
    for (const q of ['ÄRGER', 'ärger', 'Ärger', 'éclair', 'σοφια', 'ΣΟΦΙΑ', 'über', 'ÜBER']) expect(await found(q), q).toEqual(['Tally ÄRGER Éclair ΣΟΦΙΑ']);
    expect(await found('ärgerlich')).toEqual([]);
  });
});
