// The answer to a send (asSent) on both databases: what getMessage answers its sender for the
// letter as written, people shown or withheld as they are when it is written — also when a person
// named in it is relabelled after the letter was checked and before it was written (here: while
// it waits for the mail bag), for senders differing only by compartment.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { WITHHELD } from '../../kernel/references.ts';
import { createPerson, createVillage, relabel } from '../registry/index.ts';
import { getMessage, sendMessage } from './index.ts';
import { castPerson } from './testing/cast.ts';

// Runs once, when the next letter is handed to the mail bag: after prepareMessage checked it, before it is written.
const between = vi.hoisted(() => ({ run: null as null | (() => Promise<unknown>) }));
vi.mock('./mail-bag.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./mail-bag.ts')>();
  return {
    ...real,
    postInBag: async (...args: Parameters<typeof real.postInBag>) => {
      const run = between.run;
      between.run = null;
      if (run) await run();
      return real.postInBag(...args);
    },
  };
});

const T0 = '2026-11-20T06:00:00.000Z';

describe.each(DIALECTS)('the answer to a send on %s', (dialect) => {
  let app: TestApp;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    app = await openTestApp(dialect, { now: new SimulatedClock(T0).now });
    await createVillage(app.ctx, { code: 'suna', name: 'Sunagakure', land: 'x', leaderTitle: 'x' });
    await castPerson(app.ctx, who, id, 'anbu', 'clerk', 'secret', ['ANBU']);
    await castPerson(app.ctx, who, id, 'breach', 'clerk', 'secret', ['BREACH']);
  }, 120_000);
  afterAll(async () => app?.drop());

  it('a recipient relabelled between the check and the write is shown as getMessage shows them: ANBU still sees him, BREACH is answered withheld', async () => {
    for (const sender of ['anbu', 'breach'] as const) {
      const recipient = (await createPerson(app.ctx, { givenName: `Moved ${sender}`, rank: 'anbu' })).id;
      between.run = () => relabel(app.ctx, 'person', recipient, { classification: 'secret', compartments: ['ANBU'], reason: 'taken into the ANBU' });
      const sent = await sendMessage(who[sender]!, { to: [{ person: recipient }], subject: `to one moved, by ${sender}` });
      expect(between.run).toBeNull();
      expect(sent).toEqual(await getMessage(who[sender]!, sent.id));
      expect(sent.deliveries[0]!.recipient).toEqual({ person: sender === 'anbu' ? { id: recipient, name: `Moved ${sender}` } : WITHHELD });
    }
  });

  it('a sender who could not see herself when checked, and can when it is written, is shown as getMessage shows her', async () => {
    const to = (await createPerson(app.ctx, { givenName: 'Plain', rank: 'jounin' })).id;
    await relabel(app.ctx, 'person', id.breach!, { classification: 'secret', compartments: ['ANBU'], reason: 'hidden from herself' });
    between.run = () => relabel(app.ctx, 'person', id.breach!, { classification: 'public', compartments: [], reason: 'released' });
    const sent = await sendMessage(who.breach!, { to: [{ person: to }], subject: 'from one released' });
    expect(sent).toEqual(await getMessage(who.breach!, sent.id));
    expect(sent.sender).toEqual({ id: id.breach, name: 'Breach' });
  });
});
