// What an outside attack on hawk post and the desk found (issue 12, second round), on both
// databases: a reply named by its code (H4a) and an office named twice, by code and by id (H4b),
// were 500s; an office whose only member is hidden from the sender answered unlike an office
// with no member (M2); drafts had no limit and no paging (L1); a copy denied on the desk could
// then be actioned from the pigeon hole (L2); and the reply an acting official wrote on the
// desk stayed readable by him as its "recorder" after his delegation ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { Actor, AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { toJson } from '../../kernel/db/dialect.ts';
import { createMembership, createOrganization } from '../registry/index.ts';
import { decideItem, grantDelegation, listItems, revokeDelegation } from '../desk/index.ts';
import { answerDelivery, getDraft, getMessage, listDrafts, pigeonHole, saveDraft, sendDraft, sendMessage } from './index.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { castPerson } from './testing/cast.ts';
import { T0, openPostWorld } from './testing/world.ts';

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, message: e.message, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

const HOUR = 3_600_000;

describe.each(DIALECTS)('post mends of issue 12 on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};
  const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
  const person = (key: string, role: Actor['role'], level: Label['classification'], compartments: string[] = []) => castPerson(app.ctx, who, id, key, role, level, compartments);
  const hole = async (k: string) => (await pigeonHole(who[k]!, { state: 'all', limit: 200, offset: 0 })).items;

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    await person('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await person('matsuri', 'clerk', 'secret', ['ANBU']);
    await person('hawk', 'anbu', 'secret', ['ANBU']);
    await person('kankuro', 'jounin', 'secret', ['BREACH']);
    await person('naruto', 'genin', 'public');
    await person('temari', 'jounin', 'restricted');
    id.recordsOffice = (await createOrganization(app.ctx, { code: 'records-office', name: 'Records office', kind: 'office' })).id;
    await createMembership(app.ctx, { person: id.matsuri!, organization: 'records-office', startDate: '2026-01-01' });
    // Two public offices: the mask office's only member is Hawk, by a membership only ANBU may
    // know of; the empty office has no member at all. A public sender must not tell them apart.
    id.maskOffice = (await createOrganization(app.ctx, { code: 'mask-office', name: 'Mask office', kind: 'office' })).id;
    id.emptyOffice = (await createOrganization(app.ctx, { code: 'empty-office', name: 'Empty office', kind: 'office' })).id;
    await createMembership(app.ctx, { person: id.hawk!, organization: 'mask-office', startDate: '2026-01-01', classification: 'secret', compartments: ['ANBU'] });
    // A visible member not cleared above restricted, and a hidden one who is: beside an office with only the first kind.
    await createOrganization(app.ctx, { code: 'gate-office', name: 'Gate office', kind: 'office' });
    await createOrganization(app.ctx, { code: 'wall-office', name: 'Wall office', kind: 'office' });
    for (const o of ['gate-office', 'wall-office']) await createMembership(app.ctx, { person: id.temari!, organization: o, startDate: '2026-01-01' });
    await createMembership(app.ctx, { person: id.hawk!, organization: 'gate-office', startDate: '2026-01-01', classification: 'secret', compartments: ['ANBU'] });
    id.delegation = (await grantDelegation(who.gaara!, { delegate: id.kankuro!, from: T0, to: at(7 * 24 * HOUR) })).id;
  }, 120_000);
  afterAll(async () => app?.drop());

  it('H4a: a reply names the message answered by its code: accepted, and the id is what it keeps (sent directly or from a draft)', async () => {
    const first = await sendMessage(who.matsuri!, { to: [{ person: id.gaara! }], subject: 'The roster' });
    await clock.runDue();
    const reply = await sendMessage(who.gaara!, { to: [{ person: id.matsuri! }], subject: 'Re: The roster', inReplyTo: first.code });
    expect(reply.inReplyTo).toBe(first.id);
    const d = await saveDraft(who.gaara!, { to: [{ person: id.matsuri! }], subject: 'Re: The roster, again', inReplyTo: first.code });
    expect((await sendDraft(who.gaara!, d.id)).inReplyTo).toBe(first.id);
    await clock.runDue();
    expect((await hole('matsuri')).filter((i) => i.inReplyTo === first.id).map((i) => i.subject).sort()).toEqual(['Re: The roster', 'Re: The roster, again']);
  });

  it('H4a: a reply to a message the sender is no party to is refused exactly as one to a message that does not exist', async () => {
    const theirs = await sendMessage(who.matsuri!, { to: [{ person: id.gaara! }], subject: 'Not for Naruto' });
    const hidden = await refusal(sendMessage(who.naruto!, { to: [{ person: id.gaara! }], subject: 'Re', inReplyTo: theirs.code }));
    const unknown = await refusal(sendMessage(who.naruto!, { to: [{ person: id.gaara! }], subject: 'Re', inReplyTo: 'HP-2026-99999' }));
    // A field of the body: 422 naming it (as an unknown attachment is), the same for hidden and unknown.
    expect(hidden).toMatchObject({ status: 'unprocessable', code: 'POST_MESSAGE_NOT_FOUND', details: [{ path: 'body.inReplyTo' }] });
    expect({ ...hidden, message: hidden.message.replace(theirs.code, '?') }).toEqual({ ...unknown, message: unknown.message.replace('HP-2026-99999', '?') });
  });

  it('H4b: one office named by its code and by its id is named twice: 422 at the second, nothing sent', async () => {
    const before = Number((await app.ctx.db.selectFrom('post_message').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const twice = await refusal(sendMessage(who.gaara!, { to: [{ office: 'records-office' }, { person: id.temari! }, { office: id.recordsOffice! }], subject: 'Twice' }));
    expect(twice).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.to.2', message: 'this recipient is named twice (first at body.to.0): name each once' }] });
    expect(Number((await app.ctx.db.selectFrom('post_message').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
    // A draft is checked alike; one saved with both before this rule is refused when sent, not a 500.
    expect(await refusal(saveDraft(who.gaara!, { to: [{ office: 'records-office' }, { office: id.recordsOffice! }], subject: 'Twice' })))
      .toMatchObject({ status: 'unprocessable', details: [{ path: 'body.to.1' }] });
    const old = newId();
    await app.ctx.db.insertInto('post_draft').values({
      id: old, author: 'gaara', author_person_id: id.gaara!, subject: 'Saved twice',
      content: toJson({ to: [{ office: 'records-office' }, { office: id.recordsOffice! }], subject: 'Saved twice', body: '', precedence: 'routine', actionRequested: false, attachments: [], classification: 'public', compartments: [] }),
      classification: 'public', compartments: toJson([]), version: 1, created_at: T0, updated_at: T0,
    }).execute();
    expect(await refusal(sendDraft(who.gaara!, old))).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.to.1', message: expect.stringContaining('named twice') }] });
    expect((await getDraft(who.gaara!, old)).subject).toBe('Saved twice');
  });

  it('M2: an office whose only member is hidden from the sender answers exactly as one with no member; the hidden member reads it', async () => {
    const send = (office: string) => sendMessage(who.naruto!, { to: [{ office }], subject: 'Lost kunai', body: 'Found near the gate.' });
    const masked = await send('mask-office');
    const empty = await send('empty-office');
    // Alike but for what differs between any two messages (id, code) and the office named.
    const alike = (m: Awaited<ReturnType<typeof send>>) => ({ ...m, id: '?', code: '?', deliveries: m.deliveries.map((d) => ({ ...d, id: '?', recipient: '?' })) });
    expect(alike(masked)).toEqual(alike(empty));
    expect(masked.deliveries[0]!.recipient).toEqual({ office: { id: id.maskOffice, code: 'mask-office', name: 'Mask office' } });
    await clock.runDue();
    expect(alike(await getMessage(who.naruto!, masked.code))).toEqual(alike(await getMessage(who.naruto!, empty.code)));
    // Hawk, its member today, finds it in his pigeon hole and reads it.
    const copy = (await hole('hawk')).find((i) => i.code === masked.code)!;
    expect(copy.delivery).toMatchObject({ state: 'delivered', recipient: { office: { id: id.maskOffice } } });
    expect((await answerDelivery(who.hawk!, copy.delivery.id, 'read')).delivery.state).toBe('read');
  });

  it('M2: whether an office has a member cleared is judged by the members the sender sees: a hidden cleared one changes nothing', async () => {
    // Kankuro (secret, BREACH) may send secret but may not know of an ANBU membership.
    const send = (office: string) => refusal(sendMessage(who.kankuro!, { to: [{ office }], subject: 'Masks', classification: 'secret' }));
    const gate = await send('gate-office');
    const wall = await send('wall-office');
    expect(gate).toMatchObject({ status: 'unprocessable', code: 'POST_RECIPIENT_NOT_CLEARED', details: [{ path: 'body.to.0.office', message: 'none of its current members has an account cleared for secret' }] });
    expect({ ...gate, message: gate.message.replace('Gate', '?') }).toEqual({ ...wall, message: wall.message.replace('Wall', '?') });
  });

  it('L1: drafts are listed a page at a time without their bodies; past the most one may keep, saving asks to delete some first', async () => {
    // 199 drafts already kept (written straight in: the cap is about what is held, however it came).
    const rows = Array.from({ length: 199 }, (_, i) => ({
      id: newId(), author: 'temari', author_person_id: id.temari!, subject: `Draft ${i}`,
      content: toJson({ to: [], subject: `Draft ${i}`, body: 'x'.repeat(100), precedence: 'routine', actionRequested: false, attachments: [], classification: 'public', compartments: [] }),
      classification: 'public', compartments: toJson([]), version: 1, created_at: T0, updated_at: at(-(i + 1) * 1000),
    }));
    await app.ctx.db.insertInto('post_draft').values(rows).execute();
    const last = await saveDraft(who.temari!, { subject: 'The two hundredth', body: 'Kept.' });
    const refused = await refusal(saveDraft(who.temari!, { subject: 'One too many' }));
    expect(refused).toMatchObject({ status: 'unprocessable', code: 'POST_TOO_MANY_DRAFTS' });
    expect(refused.message).toContain('delete some drafts first');
    const first = await listDrafts(who.temari!, { limit: 50, offset: 0 });
    expect(first.total).toBe(200);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]).toMatchObject({ id: last.id, subject: 'The two hundredth' });
    expect(first.items.every((d) => !('body' in d))).toBe(true);
    // The last page reaches the oldest: none is out of reach.
    const end = await listDrafts(who.temari!, { limit: 50, offset: 190 });
    expect(end.items.map((d) => d.subject)).toEqual(Array.from({ length: 10 }, (_, i) => `Draft ${189 + i}`));
    // The body comes with the draft itself.
    expect((await getDraft(who.temari!, last.id)).body).toBe('Kept.');
    // Another author is not held back by Temari's drafts.
    expect((await saveDraft(who.naruto!, { subject: 'Mine' })).subject).toBe('Mine');
  });

  it('L2: a copy denied on the desk by the acting official cannot then be actioned by its recipient; the reply is not the acting official\'s to read', async () => {
    const m = await sendMessage(who.matsuri!, { to: [{ person: id.gaara! }], subject: 'Sign the border budget', actionRequested: true });
    await clock.runDue();
    const copy = (await hole('gaara')).find((i) => i.code === m.code)!.delivery;
    const item = (await listItems(who.kankuro!)).items.find((i) => i.record.id === copy.id)!;
    await decideItem(who.kankuro!, item.id, { decision: 'deny', grounds: 'The Council has not voted it.' });
    await clock.runDue();
    const denied = await refusal(answerDelivery(who.gaara!, copy.id, 'actioned'));
    expect(denied).toMatchObject({ status: 'conflict', code: 'POST_DENIED_ON_DESK' });
    expect(denied.message).toContain('denied on your desk');
    expect((await getMessage(who.matsuri!, m.code)).deliveries[0]).toMatchObject({ state: 'acknowledged', actionedAt: null });
    // The reply is from the Kazekage's desk: Matsuri and the Kazekage read it; Kankuro, who wrote it for him, does not.
    const reply = (await hole('matsuri')).find((i) => i.inReplyTo === m.id)!;
    expect(reply).toMatchObject({ sender: { id: id.gaara }, body: expect.stringContaining('The Council has not voted it.') });
    expect((await getMessage(who.gaara!, reply.code)).code).toBe(reply.code);
    expect((await refusal(getMessage(who.kankuro!, reply.code))).status).toBe('not_found');
  });

  it('L2, the other way: actioned from the pigeon hole, the item can no longer be denied on the desk', async () => {
    const m = await sendMessage(who.matsuri!, { to: [{ person: id.gaara! }], subject: 'Sign the wall repairs', actionRequested: true });
    await clock.runDue();
    const copy = (await hole('gaara')).find((i) => i.code === m.code)!.delivery;
    const item = (await listItems(who.kankuro!)).items.find((i) => i.record.id === copy.id)!;
    await answerDelivery(who.gaara!, copy.id, 'actioned');
    expect(await refusal(decideItem(who.kankuro!, item.id, { decision: 'deny', grounds: 'Too late.' }))).toMatchObject({ status: 'conflict' });
    expect((await getMessage(who.matsuri!, m.code)).deliveries[0]).toMatchObject({ state: 'actioned' });
    expect((await hole('matsuri')).filter((i) => i.inReplyTo === m.id)).toEqual([]);
  });

  it('an item actioned by the principal after the delegation ended stays his; a denial before it still binds', async () => {
    const m = await sendMessage(who.matsuri!, { to: [{ person: id.gaara! }], subject: 'Sign the well survey', actionRequested: true });
    await clock.runDue();
    const copy = (await hole('gaara')).find((i) => i.code === m.code)!.delivery;
    const item = (await listItems(who.kankuro!)).items.find((i) => i.record.id === copy.id)!;
    await decideItem(who.kankuro!, item.id, { decision: 'deny', grounds: 'Not this year.' });
    await revokeDelegation(who.gaara!, id.delegation!);
    expect((await refusal(answerDelivery(who.gaara!, copy.id, 'actioned'))).code).toBe('POST_DENIED_ON_DESK');
  });
});
