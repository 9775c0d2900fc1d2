// Hawk post through its services on both databases and a simulated clock: a message accepted is
// carried by the kernel's timed work — within the village at once, between villages by a hawk
// that lands at its ETA; the most urgent waiting message always flies first; reading is the
// reader's own act; an unacknowledged FLASH escalates; recipients must be cleared (two readers
// differing only by compartment); a route gone before the hawk flies fails with a notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { listen, type HeardEvents } from '../../kernel/testing/events.ts';
import { JobRunner, collectJobKinds } from '../../kernel/jobs/runner.ts';
import { withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { createPerson, createVillage } from '../registry/index.ts';
import { answerDelivery, aviary, getMessage, pigeonHole, postModule, sendMessage, sentPost, setRoutes } from './index.ts';
import { showReferences, WITHHELD } from '../../kernel/references.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { castPerson } from './testing/cast.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, message: e.message, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

const T0 = '2026-11-20T06:00:00.000Z';


describe.each(DIALECTS)('hawk post on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  let bus: HeardEvents;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  const person = (key: string, role: Actor['role'], level: Label['classification'], compartments: string[] = []) => castPerson(app.ctx, who, id, key, role, level, compartments);
  const board = async () => aviary(who.aiko!);
  const hole = async (k: string) => pigeonHole(who[k]!, { state: 'all', limit: 50, offset: 0 });

  beforeAll(async () => {
    clock = new SimulatedClock(T0);
    app = await openTestApp(dialect, { now: clock.now });
    clock.drive(new JobRunner(app.ctx, collectJobKinds([postModule])));
    bus = listen(app.ctx.events);
    for (const [code, name] of [['suna', 'Sunagakure'], ['konoha', 'Konohagakure'], ['yuki', 'Yukigakure']]) await createVillage(app.ctx, { code: code!, name: name!, land: 'x', leaderTitle: 'x' });
    await person('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await person('aiko', 'clerk', 'secret', ['ANBU']);
    await person('kankuro', 'jounin', 'secret', ['BREACH']);
    await person('hawk', 'anbu', 'secret', ['ANBU']);
    await person('temari', 'jounin', 'restricted');
    // Suna–Konoha 600 km at 50 km/h: 12 hours on the wing.
    await setRoutes(app.ctx, { routes: [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }, { from: 'suna', to: 'yuki', distanceKm: 900, hawkKmh: 45 }] });
  }, 120_000);
  afterAll(async () => app?.drop());

  it('within the village: delivered by the aviary at once, with a receipt for the sender; read only when the reader says so', async () => {
    const m = await sendMessage(who.aiko!, { to: [{ person: id.gaara! }], subject: 'The binder', body: 'Signatures needed before you leave.', precedence: 'priority', actionRequested: true });
    expect(m).toMatchObject({ code: expect.stringMatching(/^HP-2026-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/), precedence: 'priority', actionRequested: true, deliveries: [{ state: 'queued', dueAt: '2026-11-20T09:00:00.000Z', deliveredAt: null }] });
    // Not in the pigeon hole until the aviary has dispatched it.
    expect((await hole('gaara')).items).toEqual([]);
    await clock.runDue();
    const sent = await getMessage(who.aiko!, m.code);
    expect(sent.deliveries[0]).toMatchObject({ state: 'delivered', deliveredAt: T0, readAt: null, overdue: false });
    const h = await hole('gaara');
    expect(h.unread).toEqual({ flash: 0, immediate: 0, priority: 1, routine: 0, total: 1 });
    expect(h.items[0]).toMatchObject({ code: m.code, subject: 'The binder', sender: { id: id.aiko, name: 'Aiko' }, delivery: { state: 'delivered' } });
    // Reading it is his act; the sender sees the read receipt.
    const read = await answerDelivery(who.gaara!, h.items[0]!.delivery.id, 'read');
    expect(read.delivery).toMatchObject({ state: 'read', readAt: T0 });
    expect((await getMessage(who.aiko!, m.code)).deliveries[0]!.state).toBe('read');
    expect((await hole('gaara')).unread.total).toBe(0);
  });

  it('the most urgent waiting message always flies first: accepted ROUTINE, PRIORITY, FLASH, IMMEDIATE, they leave FLASH, IMMEDIATE, PRIORITY, ROUTINE', async () => {
    await bus.settle(app.ctx.db);
    const order = ['routine', 'priority', 'flash', 'immediate'] as const;
    const codes: Record<string, string> = {};
    for (const precedence of order) codes[precedence] = (await sendMessage(who.aiko!, { to: [{ person: id.kankuro! }], subject: `${precedence} news`, precedence })).code;
    expect((await board()).waiting.map((w) => w.precedence)).toEqual(['flash', 'immediate', 'priority', 'routine']);
    await clock.runDue();
    // As the recipient hears them (the sender hears each too, without the recipient's id).
    const delivered = async () => bus.events.filter((e) => e.type === 'post.delivery.changed' && e.payload.state === 'delivered' && e.payload.recipient === id.kankuro).map((e) => e.payload.precedence);
    await bus.next((e) => e.type === 'post.delivery.changed' && e.payload.state === 'delivered' && e.payload.precedence === 'routine', 'the routine delivery');
    expect(await delivered()).toEqual(['flash', 'immediate', 'priority', 'routine']);
    // His pigeon hole lists the most urgent first.
    expect((await pigeonHole(who.kankuro!, { state: 'unread', limit: 10, offset: 0 })).items.map((i) => i.precedence)).toEqual(['flash', 'immediate', 'priority', 'routine']);
  });

  it('between villages a hawk flies the route: in flight with its ETA, delivered at the ETA and not a second before', async () => {
    const m = await sendMessage(who.gaara!, { to: [{ person: id.temari!, at: 'konoha' }], subject: 'Come back within three days', precedence: 'immediate' });
    // Due: 30 min handling + 12 h flight.
    expect(m.deliveries[0]).toMatchObject({ atVillage: 'konoha', dueAt: '2026-11-20T18:30:00.000Z' });
    await clock.runDue();
    const flying = (await getMessage(who.gaara!, m.code)).deliveries[0]!;
    expect(flying).toMatchObject({ state: 'in_transit', releasedAt: T0, eta: '2026-11-20T18:00:00.000Z' });
    expect((await board()).inFlight.map((h) => [h.code, h.toVillage, h.eta])).toContainEqual([m.code, 'konoha', '2026-11-20T18:00:00.000Z']);
    await clock.advanceTo('2026-11-20T17:59:59.000Z');
    expect((await getMessage(who.gaara!, m.code)).deliveries[0]!.state).toBe('in_transit');
    await clock.advanceTo('2026-11-20T18:00:00.000Z');
    expect((await getMessage(who.gaara!, m.code)).deliveries[0]).toMatchObject({ state: 'delivered', deliveredAt: '2026-11-20T18:00:00.000Z' });
    expect((await board()).arrived.map((h) => h.code)).toContain(m.code);
  });

  it('refuses a recipient not cleared for the label — two readers differing only by compartment — and a hidden or missing one exactly as unknown; writes nothing', async () => {
    const before = await app.ctx.db.selectFrom('post_message').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const secretAnbu = { subject: 'ANBU roster', classification: 'secret' as const, compartments: ['ANBU'] };
    // hawk holds ANBU, kankuro holds BREACH: the same level, another compartment.
    expect((await sendMessage(who.gaara!, { ...secretAnbu, to: [{ person: id.hawk! }] })).deliveries).toHaveLength(1);
    const refused = await refusal(sendMessage(who.gaara!, { ...secretAnbu, to: [{ person: id.hawk! }, { person: id.kankuro! }] }));
    expect(refused).toMatchObject({ status: 'unprocessable', code: 'POST_RECIPIENT_NOT_CLEARED', details: [{ path: 'body.to.1.person', message: 'no account of theirs is cleared for secret (ANBU)' }] });
    // A secret-labelled message may not go to another village's aviary.
    expect(await refusal(sendMessage(who.gaara!, { subject: 'x', classification: 'secret', to: [{ village: 'konoha' }] }))).toMatchObject({ code: 'POST_RECIPIENT_NOT_CLEARED', details: [{ path: 'body.to.0.village' }] });
    // No route to the Mist: refused before anything is written.
    await createVillage(app.ctx, { code: 'kiri', name: 'Kirigakure', land: 'x', leaderTitle: 'x' });
    expect(await refusal(sendMessage(who.gaara!, { subject: 'x', to: [{ village: 'kiri' }] }))).toMatchObject({ code: 'POST_NO_ROUTE', details: [{ path: 'body.to.0.village' }] });
    // A person the sender may not see is refused exactly as one that does not exist.
    const secretPerson = (await createPerson(app.ctx, { givenName: 'Masked', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] })).id;
    const hidden = await refusal(sendMessage(who.kankuro!, { subject: 'x', to: [{ person: secretPerson }] }));
    const unknown = await refusal(sendMessage(who.kankuro!, { subject: 'x', to: [{ person: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }] }));
    expect(hidden).toEqual({ ...unknown, message: unknown.message.replace('01JZZZZZZZZZZZZZZZZZZZZZZZ', secretPerson) });
    const after = await app.ctx.db.selectFrom('post_message').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it('attaches records by reference: each reader sees each record as their own clearance allows (ANBU and BREACH differ), and a hidden one is refused exactly as an unknown one', async () => {
    const masked = (await createPerson(app.ctx, { givenName: 'Attached Mask', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] })).id;
    const m = await sendMessage(who.aiko!, {
      subject: 'Files for the inquest', to: [{ person: id.gaara! }, { person: id.kankuro! }],
      attachments: [{ kind: 'registry.person', ref: masked }, { kind: 'registry.village', ref: 'konoha' }],
    });
    // The sender (ANBU) sees what she attached.
    expect(m.attachments).toMatchObject([{ kind: 'registry.person', id: masked, shown: { id: masked } }, { kind: 'registry.village', shown: { code: 'konoha' } }]);
    await clock.runDue();
    const item = async (k: string) => (await hole(k)).items.find((i) => i.id === m.id)!;
    // The Kazekage (ANBU and BREACH) sees both; Kankuro (secret, BREACH only) sees the village and
    // that something is withheld — not even its id.
    expect((await item('gaara')).attachments).toMatchObject([{ id: masked, shown: { id: masked } }, { shown: { code: 'konoha' } }]);
    expect((await item('kankuro')).attachments).toEqual([{ kind: 'registry.person', id: null, shown: { withheld: true } }, expect.objectContaining({ kind: 'registry.village', shown: expect.objectContaining({ code: 'konoha' }) })]);
    expect(JSON.stringify(await getMessage(who.kankuro!, m.code))).not.toContain(masked);
    // Refused, and nothing written: a kind no module declares, a record twice, a hidden record as an unknown one.
    const before = Number((await app.ctx.db.selectFrom('post_message').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await refusal(sendMessage(who.kankuro!, { subject: 'x', to: [{ person: id.gaara! }], attachments: [{ kind: 'registry.scroll', ref: 'x' }] })))
      .toMatchObject({ status: 'bad_request', details: [{ path: 'body.attachments.0.kind', message: expect.stringContaining('registry.village') }] });
    expect(await refusal(sendMessage(who.kankuro!, { subject: 'x', to: [{ person: id.gaara! }], attachments: [{ kind: 'registry.village', ref: 'konoha' }, { kind: 'registry.village', ref: 'konoha' }] })))
      .toMatchObject({ details: [{ path: 'body.attachments.1' }] });
    const hidden = await refusal(sendMessage(who.kankuro!, { subject: 'x', to: [{ person: id.gaara! }], attachments: [{ kind: 'registry.person', ref: masked }] }));
    const unknown = await refusal(sendMessage(who.kankuro!, { subject: 'x', to: [{ person: id.gaara! }], attachments: [{ kind: 'registry.person', ref: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }] }));
    expect(hidden).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.attachments.0.ref' }] });
    expect(hidden).toEqual({ ...unknown, message: unknown.message.replace('01JZZZZZZZZZZZZZZZZZZZZZZZ', masked) });
    expect(Number((await app.ctx.db.selectFrom('post_message').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it('the aviary board lists only the hawks the reader may know of and counts the rest: ANBU and BREACH readers of the same level differ', async () => {
    const before = { aiko: await aviary(who.aiko!), kankuro: await aviary(who.kankuro!) };
    const m = await sendMessage(who.gaara!, { subject: 'ANBU watch list', classification: 'secret', compartments: ['ANBU'], precedence: 'flash', to: [{ person: id.hawk! }] });
    const after = { aiko: await aviary(who.aiko!), kankuro: await aviary(who.kankuro!) };
    expect(after.aiko.waiting.map((h) => h.code)).toContain(m.code);
    expect(after.aiko.withheld).toBe(before.aiko.withheld);
    expect(after.kankuro.waiting.map((h) => h.code)).not.toContain(m.code);
    expect(after.kankuro.withheld).toBe(before.kankuro.withheld + 1);
    expect(JSON.stringify(after.kankuro)).not.toContain(m.code);
    await clock.runDue();
  });

  it('an unacknowledged FLASH escalates ten minutes after delivery; an acknowledged one does not', async () => {
    const start = clock.now().getTime();
    const a = await sendMessage(who.aiko!, { to: [{ person: id.gaara! }], subject: 'The Kazekage is missing', precedence: 'flash' });
    const b = await sendMessage(who.aiko!, { to: [{ person: id.kankuro! }], subject: 'Lead the search', precedence: 'flash' });
    await clock.runDue();
    const kDelivery = (await getMessage(who.kankuro!, b.code)).deliveries[0]!;
    await answerDelivery(who.kankuro!, kDelivery.id, 'acknowledged');
    await clock.advanceTo(start + 10 * 60_000 - 1000);
    expect((await getMessage(who.aiko!, a.code)).deliveries[0]!.escalatedAt).toBeNull();
    await clock.advanceTo(start + 10 * 60_000);
    expect((await getMessage(who.aiko!, a.code)).deliveries[0]!.escalatedAt).toBe(new Date(start + 10 * 60_000).toISOString());
    const kb = (await getMessage(who.aiko!, b.code)).deliveries[0]!;
    expect(kb).toMatchObject({ state: 'acknowledged', escalatedAt: null });
    // Acknowledging an unread message read it first.
    expect(kb.readAt).not.toBeNull();
  });

  it('only the recipient answers, in order; anyone else finds no such delivery', async () => {
    const m = await sendMessage(who.aiko!, { to: [{ person: id.gaara! }], subject: 'Temari\'s files', precedence: 'routine' });
    await clock.runDue();
    const d = (await getMessage(who.gaara!, m.code)).deliveries[0]!;
    const other = await refusal(answerDelivery(who.kankuro!, d.id, 'read'));
    const none = await refusal(answerDelivery(who.kankuro!, 'nope', 'read'));
    expect(other).toEqual({ ...none, message: none.message.replace('nope', d.id) });
    // Not the sender either: the read receipt is the reader's.
    expect(await refusal(answerDelivery(who.aiko!, d.id, 'read'))).toMatchObject({ status: 'not_found' });
    // A third party cannot open the message.
    expect(await refusal(getMessage(who.kankuro!, m.code))).toMatchObject({ status: 'not_found', code: 'POST_MESSAGE_NOT_FOUND' });
    await answerDelivery(who.gaara!, d.id, 'actioned');
    expect(await refusal(answerDelivery(who.gaara!, d.id, 'acknowledged'))).toMatchObject({ status: 'conflict', message: expect.stringContaining('the message is actioned, which is final') });
  });

  it('the aviary records a hawk from another village for its sender: it flies from there, and the recorder may read what they recorded; others may not record', async () => {
    const yukikage = (await createPerson(app.ctx, { givenName: 'Yukikage', rank: 'kage' })).id;
    const m = await sendMessage(who.aiko!, { sender: yukikage, fromVillage: 'yuki', to: [{ person: id.gaara! }], subject: 'The breach', precedence: 'immediate' });
    expect(m).toMatchObject({ sender: { id: yukikage, name: 'Yukikage' }, fromVillage: 'yuki', deliveries: [{ atVillage: 'suna' }] });
    // Suna–Yuki 900 km at 45 km/h: 20 hours on the wing, plus IMMEDIATE's 30 minutes.
    expect(Date.parse(m.deliveries[0]!.dueAt) - Date.parse(m.acceptedAt)).toBe((20 * 60 + 30) * 60_000);
    expect((await getMessage(who.aiko!, m.code)).code).toBe(m.code);
    // In the recorder's sent post (what she wrote into the aviary's book), not in the recipient's.
    expect((await sentPost(who.aiko!, { limit: 200, offset: 0 })).items.map((x) => x.code)).toContain(m.code);
    expect((await sentPost(who.gaara!, { limit: 200, offset: 0 })).items.map((x) => x.code)).not.toContain(m.code);
    const genin = withActor(app.ctx, { kind: 'user', role: 'genin', username: 'genin-x', personId: id.temari!, clearance: { level: 'public', compartments: [] } });
    expect(await refusal(sendMessage(genin, { sender: yukikage, fromVillage: 'yuki', to: [{ person: id.gaara! }], subject: 'x' }))).toMatchObject({ status: 'forbidden', code: 'POST_SENDER_NOT_YOURS' });
  });

  it('a letter within the village is its writer\'s own: even one who may record hawks cannot send one in another person\'s name (no "from the Kazekage" written by a clerk), and nothing is written', async () => {
    const before = (await app.ctx.db.selectFrom('post_message').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    const held = (await hole('temari')).total;
    // aiko and hawk record hawks from other villages (post.aviary); kankuro too, as a jounin.
    for (const k of ['aiko', 'hawk', 'kankuro']) {
      for (const at of [{}, { fromVillage: 'suna' }]) {
        const r = await refusal(sendMessage(who[k]!, { sender: id.gaara!, ...at, to: [{ person: id.temari! }], subject: 'Give the bearer the key to the treasury' }));
        expect(r, `${k} ${JSON.stringify(at)}`).toMatchObject({ status: 'unprocessable', code: 'POST_SENDER_NOT_YOURS', details: [expect.objectContaining({ path: 'body.sender' })] });
      }
    }
    // Naming oneself as the sender is no one else's name.
    const own = await sendMessage(who.aiko!, { sender: id.aiko!, to: [{ person: id.temari! }], subject: 'Mine' });
    expect(own).toMatchObject({ sender: { id: id.aiko }, fromVillage: 'suna' });
    expect(Number((await app.ctx.db.selectFrom('post_message').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(Number(before) + 1);
    await clock.runDue();
    expect((await hole('temari')).total).toBe(held + 1);
  });

  it('a letter within the village is its sender\'s, not the name it was written under: an account that later bears that name (the demo\'s story writes as "aide", "rock-lee") reads none of it', async () => {
    // Written by a context whose username no account has (as the demo's story does), for its own person.
    const story = withActor(app.ctx, { kind: 'user', role: 'clerk', username: 'scribe', personId: id.temari!, clearance: { level: 'restricted', compartments: [] } });
    const m = await sendMessage(story, { to: [{ person: id.kankuro! }], subject: 'Written in the story', classification: 'restricted' });
    await clock.runDue();
    // Someone else is then given the username "scribe", cleared for the letter.
    await person('scribe', 'clerk', 'top_secret', ['ANBU', 'BREACH']);
    const asScribe = await refusal(getMessage(who.scribe!, m.code));
    const none = await refusal(getMessage(who.scribe!, 'HP-2026-99998'));
    expect({ ...asScribe, message: asScribe.message.replace(m.code, '?') }).toEqual({ ...none, message: none.message.replace('HP-2026-99998', '?') });
    expect((await sentPost(who.scribe!, { limit: 200, offset: 0 })).items.map((x) => x.code)).not.toContain(m.code);
    expect((await showReferences(who.scribe!, 'post.message', [m.id])).get(m.id)).toEqual(WITHHELD);
    expect((await showReferences(who.scribe!, 'post.delivery', [m.deliveries[0]!.id])).get(m.deliveries[0]!.id)).toEqual(WITHHELD);
    // Its sender (by person) and its recipient still have it.
    expect((await getMessage(withActor(app.ctx, { kind: 'user', role: 'jounin', username: 'temari', personId: id.temari!, clearance: { level: 'restricted', compartments: [] } }), m.code)).code).toBe(m.code);
    expect((await getMessage(who.kankuro!, m.code)).code).toBe(m.code);
  });

  it('a non-delivery notice carries the label of the letter it is about (its subject repeats the letter\'s): kept from a reader differing only by compartment', async () => {
    await setRoutes(app.ctx, { routes: [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }, { from: 'suna', to: 'yuki', distanceKm: 900, hawkKmh: 45 }] });
    const m = await sendMessage(who.hawk!, { to: [{ person: id.aiko!, at: 'konoha' }], subject: 'Masks seen at the border', classification: 'secret', compartments: ['ANBU'] });
    await setRoutes(app.ctx, { routes: [{ from: 'suna', to: 'yuki', distanceKm: 900, hawkKmh: 45 }] });
    await clock.runDue();
    const notice = (await hole('hawk')).items.find((i) => i.inReplyTo === m.id)!;
    expect(notice).toMatchObject({ subject: 'Not delivered: Masks seen at the border', classification: 'secret', compartments: ['ANBU'] });
    // Its sender, cleared now for BREACH instead of ANBU, no longer has it: the label, not the party, decides.
    const moved = withActor(who.hawk!, { ...who.hawk!.actor, clearance: { level: 'secret', compartments: ['BREACH'] } });
    expect((await pigeonHole(moved, { state: 'all', limit: 200, offset: 0 })).items.map((i) => i.code)).not.toContain(notice.code);
    expect(await refusal(getMessage(moved, notice.code))).toMatchObject({ status: 'not_found' });
    await setRoutes(app.ctx, { routes: [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }, { from: 'suna', to: 'yuki', distanceKm: 900, hawkKmh: 45 }] });
  });

  it('a route gone before the hawk flies: the delivery fails and the sender finds a non-delivery notice in their pigeon hole', async () => {
    const m = await sendMessage(who.gaara!, { to: [{ village: 'yuki' }], subject: 'To the Yukikage', precedence: 'routine' });
    await setRoutes(app.ctx, { routes: [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }] });
    await clock.runDue();
    expect((await getMessage(who.gaara!, m.code)).deliveries[0]).toMatchObject({ state: 'failed', failure: 'no hawk route between suna and yuki when it was to fly' });
    const notice = (await hole('gaara')).items.find((i) => i.inReplyTo === m.id)!;
    expect(notice).toMatchObject({ subject: 'Not delivered: To the Yukikage', sender: null, precedence: 'routine' });
    expect(notice.body).toContain(m.code);
  });
  it('the aviary writes its non-delivery notices as a name no account can take: an account called "aviary" (a valid username) neither reads them nor passes for their writer', async () => {
    // "aviary" is an ordinary username: anyone may be given it.
    await person('aviary', 'clerk', 'top_secret', ['ANBU', 'BREACH']);
    const m = await sendMessage(who.gaara!, { to: [{ village: 'konoha' }], subject: 'To the Hokage', precedence: 'routine' });
    await setRoutes(app.ctx, { routes: [] });
    await clock.runDue();
    const notice = (await hole('gaara')).items.find((i) => i.inReplyTo === m.id)!;
    expect(notice).toMatchObject({ subject: 'Not delivered: To the Hokage', sender: null });
    // Not theirs to read as its "recorder": the 404 of a message that does not exist.
    const asAviary = await refusal(getMessage(who.aviary!, notice.code));
    const none = await refusal(getMessage(who.aviary!, 'HP-2026-99999'));
    expect({ ...asAviary, message: asAviary.message.replace(notice.code, '?') }).toEqual({ ...none, message: none.message.replace('HP-2026-99999', '?') });
    expect((await hole('aviary')).items).toEqual([]);
    // What it is recorded as could never be a username.
    const row = await app.ctx.db.selectFrom('post_message').select('created_by').where('id', '=', notice.id).executeTakeFirstOrThrow();
    expect(row.created_by).toBe('post:aviary');
    const op = app.ctx;
    const asUsername = await refusal(createAccount(op, { username: row.created_by, personId: id.temari!, displayName: 'x', role: 'clerk', clearance: 'public', compartments: [], password: 'correct horse battery staple 7' }));
    expect(asUsername).toMatchObject({ status: 'bad_request', details: [expect.objectContaining({ path: 'username' })] });
  });
});
