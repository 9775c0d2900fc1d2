// The answers to letters sent together in one mail bag, whose people are read once for the whole
// bag (post.service.ts writeLetters, kernel/references.ts findForShowing): each sender is shown
// the people as a lookup of their own would show them. Senders differing only by compartment send
// to one recipient who, after the letters were checked and before the bag is written, is taken
// into the ANBU: only the ANBU sender's answer names him; a second recipient is named to all.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import type { AppContext } from '../../kernel/context.ts';
import { WITHHELD } from '../../kernel/references.ts';
import { createPerson, relabel } from '../registry/index.ts';
import { getMessage, sendMessage } from './index.ts';
import { castPerson } from './testing/cast.ts';
import { openPostWorld } from './testing/world.ts';

// Holds letters handed to the mail bag until `gate.n` have come, runs `gate.run`, then hands them
// all in in one turn of the event loop: one bag, on either database.
const gate = vi.hoisted(() => ({ n: 0, run: null as null | (() => Promise<unknown>), held: [] as (() => void)[] }));
vi.mock('./mail-bag.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./mail-bag.ts')>();
  return {
    ...real,
    postInBag: async (...args: Parameters<typeof real.postInBag>) => {
      if (gate.n) {
        await new Promise<void>((go) => {
          gate.held.push(go);
          if (gate.held.length < gate.n) return;
          const all = gate.held.splice(0);
          const run = gate.run;
          gate.n = 0;
          gate.run = null;
          void (run ? run() : Promise.resolve()).then(() => all.forEach((g) => g()));
        });
      }
      return real.postInBag(...args);
    },
  };
});

const SENDERS = ['anbu', 'breach', 'plain'] as const;

describe.each(DIALECTS)('the answers to one mail bag\'s letters on %s', (dialect) => {
  let app: TestApp;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    ({ app } = await openPostWorld(dialect));
    await castPerson(app.ctx, who, id, 'anbu', 'clerk', 'secret', ['ANBU']);
    await castPerson(app.ctx, who, id, 'breach', 'clerk', 'secret', ['BREACH']);
    await castPerson(app.ctx, who, id, 'plain', 'clerk', 'secret');
  }, 120_000);
  afterAll(async () => app?.drop());

  it('each sender is shown the people as their own lookup shows them: one taken into the ANBU meanwhile is named to the ANBU sender only', async () => {
    const moved = (await createPerson(app.ctx, { givenName: 'Moved', rank: 'anbu' })).id;
    const open = (await createPerson(app.ctx, { givenName: 'Open', rank: 'genin' })).id;
    gate.n = SENDERS.length;
    gate.run = () => relabel(app.ctx, 'person', moved, { classification: 'secret', compartments: ['ANBU'], reason: 'taken into the ANBU' });
    const answers = await Promise.all(SENDERS.map((s) => sendMessage(who[s]!, { to: [{ person: moved }, { person: open }], subject: `from ${s}` })));
    expect(gate.run).toBeNull();
    // Written in one bag: a bag sends its own post (delivered), a letter alone leaves it waiting.
    expect(answers.flatMap((a) => a.deliveries.map((d) => d.state))).toEqual(Array(2 * SENDERS.length).fill('delivered'));
    // In any order: the answer lists deliveries by id.
    const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
    const named = { person: { id: moved, name: 'Moved' } };
    const openNamed = { person: { id: open, name: 'Open' } };
    expect(answers.map((a) => sorted(a.deliveries.map((d) => d.recipient)))).toEqual([
      sorted([named, openNamed]), sorted([{ person: WITHHELD }, openNamed]), sorted([{ person: WITHHELD }, openNamed]),
    ]);
    for (const [i, s] of SENDERS.entries()) {
      expect(answers[i]!.sender).toEqual({ id: id[s], name: s[0]!.toUpperCase() + s.slice(1) });
      expect(answers[i]).toEqual(await getMessage(who[s]!, answers[i]!.id));
    }
  });
});
