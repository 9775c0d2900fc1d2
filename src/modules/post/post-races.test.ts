// Two writers at the same instant, on both databases (PostgreSQL: two pooled connections really
// at once). (a) A copy marked "action" answered from the pigeon hole while its desk item is
// denied: exactly one of the two wins, the other is refused with a 409 that says the item or the
// copy changed, and what is stored is the winner's alone (actioned with the item approved, or
// acknowledged with the item denied and the sender told) — never "actioned" and "denied" both.
// (b) Two drafts saved at once by an author holding 199: one is kept, the other refused, 200 held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { Actor, AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { toJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { decideItem, listItems } from '../desk/index.ts';
import { answerDelivery, getMessage, listDrafts, pigeonHole, saveDraft, sendMessage } from './index.ts';
import { MAX_DRAFTS } from './post.drafts.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { castPerson } from './testing/cast.ts';
import { T0, openPostWorld } from './testing/world.ts';

const ROUNDS = 6;

type Outcome = { won: true } | { won: false; status: string; code: string; message: string };
async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    await p;
    return { won: true };
  } catch (e) {
    if (isAppError(e)) return { won: false, status: e.kind, code: e.code, message: e.message };
    throw e;
  }
}

describe.each(DIALECTS)('two writers at once on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};
  const person = (key: string, role: Actor['role'], level: Label['classification'], compartments: string[] = []) => castPerson(app.ctx, who, id, key, role, level, compartments);

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    await person('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await person('matsuri', 'clerk', 'secret', ['ANBU']);
    await person('aiko', 'clerk', 'secret', ['ANBU']);
  }, 120_000);
  afterAll(async () => app?.drop());

  it.each(['actioned', 'acknowledged'] as const)('the pigeon hole marking a copy %s and the desk denying its item at the same instant: exactly one wins, the other gets a 409', async (answer) => {
    const wins = { pigeonHole: 0, desk: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const m = await sendMessage(who.matsuri!, { to: [{ person: id.gaara! }], subject: `Race ${answer} ${round}`, actionRequested: true, classification: 'secret', compartments: ['ANBU'] });
      await clock.runDue();
      const copy = (await pigeonHole(who.gaara!, { state: 'all', limit: 200, offset: 0 })).items.find((i) => i.code === m.code)!.delivery;
      // Half the rounds with the copy already read, so the desk's denial moves it too.
      if (round % 2) await answerDelivery(who.gaara!, copy.id, 'read');
      const item = (await listItems(who.gaara!, { state: 'pending' })).items.find((i) => i.record.id === copy.id)!;
      expect(item.state).toBe('open');

      const [fromHole, fromDesk] = await Promise.all([
        outcome(answerDelivery(who.gaara!, copy.id, answer)),
        outcome(decideItem(who.gaara!, item.id, { decision: 'deny', grounds: 'Not ours to do.' })),
      ]);
      expect([fromHole.won, fromDesk.won].filter(Boolean), `round ${round}: ${JSON.stringify({ fromHole, fromDesk })}`).toHaveLength(1);
      const loser = fromHole.won ? fromDesk : fromHole;
      expect(loser).toMatchObject({ won: false, status: 'conflict' });
      // The desk may commit before the pigeon hole even reads the copy: then the hole finds it
      // already acknowledged and says so ("a message acknowledged cannot become acknowledged").
      if (!loser.won) expect(loser.message).toMatch(/reload it|was denied on your desk|cannot be marked actioned|which is final|cannot become/);

      // What is stored is the winner's alone.
      const delivery = (await getMessage(who.matsuri!, m.code)).deliveries[0]!;
      const stored = (await listItems(who.gaara!, { state: 'all' })).items.find((i) => i.id === item.id)!;
      const replies = (await pigeonHole(who.matsuri!, { state: 'all', limit: 200, offset: 0 })).items.filter((i) => i.inReplyTo === m.id);
      if (fromHole.won) {
        wins.pigeonHole += 1;
        expect([delivery.state, stored.state, replies.length]).toEqual([answer, 'approved', 0]);
      } else {
        wins.desk += 1;
        await clock.runDue();
        const after = (await pigeonHole(who.matsuri!, { state: 'all', limit: 200, offset: 0 })).items.filter((i) => i.inReplyTo === m.id);
        expect([delivery.state, stored.state, after.length]).toEqual(['acknowledged', 'denied', 1]);
      }
    }
    expect(wins.pigeonHole + wins.desk).toBe(ROUNDS);
  });

  it('two drafts saved at the same instant by an author holding one fewer than the most: one is kept, the other refused, and the author holds exactly the most', async () => {
    const author = 'aiko';
    const at = T0;
    const rows = Array.from({ length: MAX_DRAFTS - 1 }, (_, i) => ({
      id: newId(), author, author_person_id: id.aiko!, subject: `Old draft ${i}`, content: toJson({ to: [], subject: `Old draft ${i}`, body: '', precedence: 'routine', actionRequested: false, attachments: [], classification: 'public', compartments: [] }),
      classification: 'public', compartments: toJson([]), version: 1, created_at: at, updated_at: at,
    }));
    await app.ctx.db.insertInto('post_draft').values(rows).execute();
    for (let round = 0; round < ROUNDS; round++) {
      expect((await listDrafts(who.aiko!, { limit: 1, offset: 0 })).total).toBe(MAX_DRAFTS - 1);
      const [a, b] = await Promise.all([
        outcome(saveDraft(who.aiko!, { subject: `Draft A ${round}` })),
        outcome(saveDraft(who.aiko!, { subject: `Draft B ${round}` })),
      ]);
      expect([a.won, b.won].filter(Boolean), `round ${round}`).toHaveLength(1);
      expect(a.won ? b : a).toMatchObject({ won: false, status: 'unprocessable', code: 'POST_TOO_MANY_DRAFTS' });
      expect((await listDrafts(who.aiko!, { limit: 1, offset: 0 })).total).toBe(MAX_DRAFTS);
      // Back to one fewer for the next round.
      await app.ctx.db.deleteFrom('post_draft').where('author', '=', author).where('subject', 'like', 'Draft %').execute();
    }
  });
});
