// The demo's hawk post on the desk (WORLD.md day 6): the aide's binder, marked "action", sits on
// the Kazekage's desk with the papers attached, and on Kankuro's while he acts for him — its label
// is within his clearance — and is nobody else's to read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../kernel/testing/dialects.ts';
import { withActor, type AppContext } from '../kernel/context.ts';
import { isAppError } from '../kernel/errors.ts';
import { searchPeople } from '../modules/registry/index.ts';
import { listItems } from '../modules/desk/index.ts';
import { getMessage, pigeonHole } from '../modules/post/index.ts';
import { loadDemoWorld } from './demo.ts';
import { BINDER_AT, BINDER_SUBJECT } from './post.ts';

describe.each(DIALECTS)('the demo binder on %s', (dialect) => {
  let app: TestApp;
  const who: Record<string, AppContext> = {};
  beforeAll(async () => {
    // Day 9, the Kazekage still in the desert: Kankuro acts for him.
    app = await openTestApp(dialect, { now: () => new Date('2026-11-25T09:00:00Z') });
    await loadDemoWorld(app.ctx);
    const as = async (q: string, username: string, role: any, level: any, compartments: string[]) => {
      const p = (await searchPeople(app.ctx, { q })).items[0]!;
      who[username] = withActor(app.ctx, { kind: 'user', username, role, personId: p.id, clearance: { level, compartments } });
    };
    await as('gaara', 'gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await as('kankuro', 'kankuro', 'jounin', 'secret', ['BREACH']);
    await as('naruto', 'naruto', 'genin', 'public', []);
  }, 180_000);
  afterAll(async () => app?.drop());

  it('is in the Kazekage\'s pigeon hole from the aide, delivered as he left, with the orphans bill and sections 3-104 and 3-105 attached', async () => {
    const binder = (await pigeonHole(who.gaara!, { state: 'all', limit: 200, offset: 0 })).items.find((i) => i.subject === BINDER_SUBJECT)!;
    expect(binder).toMatchObject({ sender: { name: 'Aiko Nishida' }, actionRequested: true, precedence: 'routine', classification: 'restricted', delivery: { deliveredAt: BINDER_AT, state: 'delivered' } });
    expect(binder.attachments.map((a) => [a.kind, (a.shown as any).code])).toEqual([
      ['legislature.bill', expect.stringMatching(/^B-2026-/)], ['legislature.statute', '3-104'], ['legislature.statute', '3-105'],
    ]);
  });

  it('sits on his desk, due three days after it came, and on Kankuro\'s while he acts; a genin reads none of it', async () => {
    const mine = (await listItems(who.gaara!)).items.find((i) => i.title.endsWith(BINDER_SUBJECT))!;
    expect(mine).toMatchObject({ kind: 'post.message.action', suspense: new Date(Date.parse(BINDER_AT) + 72 * 3600e3).toISOString(), state: 'open', record: { kind: 'post.delivery', shown: { subject: BINDER_SUBJECT } } });
    const acting = (await listItems(who.kankuro!)).items.find((i) => i.id === mine.id)!;
    expect(acting).toMatchObject({ mayDecide: true, actingFor: { person: { id: who.gaara!.actor.personId } }, record: { shown: { subject: BINDER_SUBJECT } } });
    const code = (acting.record.shown as { code: string }).code;
    expect((await getMessage(who.kankuro!, code)).subject).toBe(BINDER_SUBJECT);
    const e = await getMessage(who.naruto!, code).catch((x) => x);
    expect(isAppError(e) && e.kind).toBe('not_found');
  });
});
