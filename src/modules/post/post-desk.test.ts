// A message marked "action" on its recipient's desk, on both databases with a simulated clock:
// delivered → an item on the recipient's desk due by precedence, its record their copy; the copy
// and the message exist only for their parties — and for an acting official while the item is
// theirs to decide and their clearance covers it (two acting officials differing only by
// compartment, ANBU vs BREACH); a stranger cleared for everything sees nothing. Approve actions
// the copy (audited, acting for the recipient), deny acknowledges it and replies to the sender
// with the grounds, defer leaves the message alone; the recipient's own answer from the pigeon
// hole closes their item and nobody else's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { Actor, AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { resolveReference, showReferences, UnknownReference, WITHHELD } from '../../kernel/references.ts';
import { decideItem, grantDelegation, listItems } from '../desk/index.ts';
import { answerDelivery, getMessage, pigeonHole, sendMessage } from './index.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { castPerson } from './testing/cast.ts';
import { T0, openPostWorld } from './testing/world.ts';

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, message: e.message, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

const HOUR = 3_600_000;

const ANBU = { classification: 'secret', compartments: ['ANBU'] } as const;
const BREACH = { classification: 'secret', compartments: ['BREACH'] } as const;

describe.each(DIALECTS)('action post on the desk on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};
  const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

  const person = (key: string, role: Actor['role'], level: Label['classification'], compartments: string[] = []) => castPerson(app.ctx, who, id, key, role, level, compartments);
  const send = async (from: string, to: string[], subject: string, o: Record<string, unknown> = {}) => {
    const m = await sendMessage(who[from]!, { to: to.map((k) => ({ person: id[k]! })), subject, body: `${subject}: please see to it.`, actionRequested: true, ...o });
    await clock.runDue();
    return m;
  };
  const copyOf = async (k: string, code: string) => (await pigeonHole(who[k]!, { state: 'all', limit: 200, offset: 0 })).items.find((i) => i.code === code)!.delivery;
  const itemAbout = async (k: string, copy: string, state: 'pending' | 'all' = 'pending') => (await listItems(who[k]!, { state })).items.find((i) => i.record.id === copy);

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    await person('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await person('matsuri', 'clerk', 'top_secret', ['ANBU', 'BREACH']);
    await person('kankuro', 'jounin', 'secret', ['BREACH']);
    await person('baki', 'jounin', 'secret', ['ANBU']);
    // Cleared for everything, party to nothing: correspondence is not hers to read.
    await person('chiyo', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await person('temari', 'jounin', 'restricted');
    // Kankuro and Baki both act for the Kazekage for a week.
    for (const k of ['kankuro', 'baki']) await grantDelegation(who.gaara!, { delegate: id[k]!, from: T0, to: at(7 * 24 * HOUR) });
  }, 120_000);
  afterAll(async () => app?.drop());

  it('delivered, a message marked "action" is an item on the recipient\'s desk, due by its precedence, its record their copy; one not so marked is not', async () => {
    const flash = await send('matsuri', ['gaara'], 'Sign the ANBU roster', { precedence: 'flash', ...ANBU });
    const routine = await send('matsuri', ['gaara'], 'The breach inquest binder', { precedence: 'routine', ...BREACH });
    const plain = await send('matsuri', ['gaara'], 'For your information only', { actionRequested: false });
    const fCopy = await copyOf('gaara', flash.code);
    const rCopy = await copyOf('gaara', routine.code);
    const f = await itemAbout('gaara', fCopy.id);
    const r = await itemAbout('gaara', rCopy.id);
    // FLASH: within the hour of delivery; ROUTINE: within three days.
    expect(f).toMatchObject({ kind: 'post.message.action', priority: 'urgent', suspense: at(HOUR), state: 'open', title: `Action: ${flash.code} Sign the ANBU roster`, originator: { id: id.matsuri }, ...ANBU });
    expect(f!.record).toEqual({ kind: 'post.delivery', id: fCopy.id, shown: expect.objectContaining({ code: flash.code, message: flash.id, state: 'delivered' }) });
    expect(r).toMatchObject({ priority: 'normal', suspense: at(72 * HOUR), ...BREACH });
    // IMMEDIATE: within four hours, high; PRIORITY: within the day.
    const immediate = await send('matsuri', ['gaara'], 'Relieve the east gate', { precedence: 'immediate' });
    const priority = await send('matsuri', ['gaara'], 'Count the water barrels', { precedence: 'priority' });
    expect(await itemAbout('gaara', (await copyOf('gaara', immediate.code)).id)).toMatchObject({ priority: 'high', suspense: at(4 * HOUR) });
    expect(await itemAbout('gaara', (await copyOf('gaara', priority.code)).id)).toMatchObject({ priority: 'normal', suspense: at(24 * HOUR) });
    const plainCopy = await copyOf('gaara', plain.code);
    expect(await itemAbout('gaara', plainCopy.id, 'all')).toBeUndefined();
  });

  it('the copy and the message exist only for their parties and an acting official cleared for them: ANBU and BREACH each see their own, a stranger cleared for all sees none', async () => {
    const hole = await pigeonHole(who.gaara!, { state: 'all', limit: 200, offset: 0 });
    const anbu = hole.items.find((i) => i.subject === 'Sign the ANBU roster')!;
    const breach = hole.items.find((i) => i.subject === 'The breach inquest binder')!;
    const copies = [anbu.delivery.id, breach.delivery.id];
    const messages = [anbu.id, breach.id];
    const show = async (k: string, kind: string, ids: string[]) => [...(await showReferences(who[k]!, kind, ids)).values()].map((v) => (v === WITHHELD ? 'withheld' : 'shown'));
    expect(await show('gaara', 'post.delivery', copies)).toEqual(['shown', 'shown']);
    expect(await show('matsuri', 'post.delivery', copies)).toEqual(['shown', 'shown']);
    expect(await show('matsuri', 'post.message', messages)).toEqual(['shown', 'shown']);
    expect(await show('baki', 'post.delivery', copies)).toEqual(['shown', 'withheld']);
    expect(await show('baki', 'post.message', messages)).toEqual(['shown', 'withheld']);
    expect(await show('kankuro', 'post.delivery', copies)).toEqual(['withheld', 'shown']);
    expect(await show('kankuro', 'post.message', messages)).toEqual(['withheld', 'shown']);
    expect(await show('chiyo', 'post.delivery', copies)).toEqual(['withheld', 'withheld']);
    expect(await show('chiyo', 'post.message', messages)).toEqual(['withheld', 'withheld']);
    expect(await show('temari', 'post.message', messages)).toEqual(['withheld', 'withheld']);
    // The acting official's desk shows the record of the item theirs to decide, and counts the other.
    const kDesk = await listItems(who.kankuro!);
    expect(kDesk.withheld).toBeGreaterThanOrEqual(1);
    expect(kDesk.items.find((i) => i.record.id === breach.delivery.id)).toMatchObject({ mayDecide: true, actingFor: { person: { id: id.gaara } }, record: { shown: { code: breach.code } } });
    expect(kDesk.items.find((i) => i.record.id === anbu.delivery.id)).toBeUndefined();
    // He reads the copy he decides on, as the recipient would, and not the other: the same 404 as for no message.
    expect((await getMessage(who.kankuro!, breach.code)).deliveries.map((d) => d.id)).toEqual([breach.delivery.id]);
    const hidden = await refusal(getMessage(who.kankuro!, anbu.code));
    const none = await refusal(getMessage(who.kankuro!, 'HP-2026-99999'));
    expect({ ...hidden, message: hidden.message.replace(anbu.code, '?') }).toEqual({ ...none, message: none.message.replace('HP-2026-99999', '?') });
    expect(hidden.status).toBe('not_found');
    // Named in a request by a stranger, a message is refused exactly as an unknown one.
    const e1 = await resolveReference(who.chiyo!, 'post.message', anbu.code, { path: 'body.attachments.0.ref' }).catch((x) => x);
    const e2 = await resolveReference(who.chiyo!, 'post.message', 'HP-2026-99999', { path: 'body.attachments.0.ref' }).catch((x) => x);
    expect(e1).toBeInstanceOf(UnknownReference);
    expect([e1.status, e1.code, e1.details]).toEqual([e2.status, e2.code, e2.details]);
    expect(e1.details).toEqual([{ path: 'body.attachments.0.ref', message: 'unknown message' }]);
  });

  it('approved by the acting official: the copy is actioned, audited as acting for the recipient; then it is no longer his to see', async () => {
    const breach = (await pigeonHole(who.gaara!, { state: 'all', limit: 200, offset: 0 })).items.find((i) => i.subject === 'The breach inquest binder')!;
    const item = (await itemAbout('kankuro', breach.delivery.id))!;
    const decided = await decideItem(who.kankuro!, item.id, { decision: 'approve', grounds: 'Signed for the Kazekage.' });
    expect(decided).toMatchObject({ state: 'approved', decidedBy: { id: id.kankuro } });
    const sent = await getMessage(who.matsuri!, breach.code);
    expect(sent.deliveries[0]).toMatchObject({ state: 'actioned', actionedAt: clock.now().toISOString(), readAt: clock.now().toISOString() });
    const audit = await app.ctx.db.selectFrom('kernel_audit_log').select(['actor', 'on_behalf_of', 'detail']).where('object_id', '=', breach.delivery.id).where('action', '=', 'post.action').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'user:kankuro', on_behalf_of: id.gaara });
    expect(fromJson<any>(audit[0]!.detail, {})).toMatchObject({ via: 'desk', deskItem: item.id, actingFor: { person: id.gaara } });
    // Decided, the item is no longer his to decide: the correspondence is the Kazekage's again.
    expect((await showReferences(who.kankuro!, 'post.message', [breach.id])).get(breach.id)).toEqual(WITHHELD);
    expect((await refusal(getMessage(who.kankuro!, breach.code))).status).toBe('not_found');
  });

  it('denied: the copy is acknowledged and the sender gets a reply from the recipient carrying the grounds', async () => {
    const m = await send('matsuri', ['gaara'], 'Approve the sand-wall budget');
    const copy = await copyOf('gaara', m.code);
    const item = (await itemAbout('gaara', copy.id))!;
    await decideItem(who.gaara!, item.id, { decision: 'deny', grounds: 'The Council has not voted the money yet.' });
    await clock.runDue();
    expect((await getMessage(who.matsuri!, m.code)).deliveries[0]).toMatchObject({ state: 'acknowledged' });
    const reply = (await pigeonHole(who.matsuri!, { state: 'all', limit: 200, offset: 0 })).items.find((i) => i.inReplyTo === m.id)!;
    expect(reply).toMatchObject({ subject: 'Re: Approve the sand-wall budget', sender: { id: id.gaara }, precedence: 'routine', actionRequested: false });
    expect(reply.body).toBe('Not actioned: The Council has not voted the money yet.');
  });

  it('deferred: the message is left as it was; the desk keeps the new date', async () => {
    const m = await send('matsuri', ['gaara'], 'Review the aviary roster', { precedence: 'priority' });
    const copy = await copyOf('gaara', m.code);
    const item = (await itemAbout('gaara', copy.id))!;
    const deferred = await decideItem(who.gaara!, item.id, { decision: 'defer', until: at(30 * 24 * HOUR), interimReply: 'After the conference.' });
    expect(deferred).toMatchObject({ state: 'deferred', suspense: at(30 * 24 * HOUR) });
    expect((await getMessage(who.matsuri!, m.code)).deliveries[0]).toMatchObject({ state: 'delivered', readAt: null, acknowledgedAt: null, actionedAt: null });
  });

  it('answered from the pigeon hole, the recipient\'s item closes with the answer and the other recipient\'s stays open', async () => {
    const m = await send('matsuri', ['gaara', 'kankuro'], 'Both of you: the border report', BREACH);
    const gCopy = await copyOf('gaara', m.code);
    const kCopy = await copyOf('kankuro', m.code);
    await answerDelivery(who.gaara!, gCopy.id, 'actioned');
    expect(await itemAbout('gaara', gCopy.id)).toBeUndefined();
    expect(await itemAbout('gaara', gCopy.id, 'all')).toMatchObject({ state: 'approved', grounds: 'actioned from the pigeon hole', decidedBy: { id: id.gaara } });
    expect(await itemAbout('kankuro', kCopy.id)).toMatchObject({ state: 'open' });
    await answerDelivery(who.kankuro!, kCopy.id, 'acknowledged');
    expect(await itemAbout('kankuro', kCopy.id, 'all')).toMatchObject({ state: 'approved', grounds: 'acknowledged from the pigeon hole' });
    // Acknowledged, then actioned: the item is already closed; nothing else changes.
    await answerDelivery(who.kankuro!, kCopy.id, 'actioned');
    expect((await getMessage(who.matsuri!, m.code)).deliveries.map((d) => d.state)).toEqual(['actioned', 'actioned']);
  });
  it('read from the pigeon hole, an action copy keeps its item open: reading is not dealing with it', async () => {
    const m = await send('matsuri', ['gaara'], 'Read, then act');
    const copy = await copyOf('gaara', m.code);
    expect((await answerDelivery(who.gaara!, copy.id, 'read')).delivery).toMatchObject({ state: 'read' });
    expect(await itemAbout('gaara', copy.id)).toMatchObject({ state: 'open', decidedBy: null });
  });

  it('still queued, a copy and its message are not yet the recipient\'s: withheld, unknown when named, 404; delivered, they are', async () => {
    const m = await sendMessage(who.matsuri!, { to: [{ person: id.gaara! }], subject: 'Not yet landed' });
    const copy = m.deliveries[0]!.id;
    expect(m.deliveries[0]!.state).toBe('queued');
    const show = async (kind: string, ref: string) => (await showReferences(who.gaara!, kind, [ref])).get(ref);
    expect(await show('post.delivery', copy)).toEqual(WITHHELD);
    expect(await show('post.message', m.id)).toEqual(WITHHELD);
    await expect(resolveReference(who.gaara!, 'post.delivery', copy)).rejects.toBeInstanceOf(UnknownReference);
    await expect(resolveReference(who.gaara!, 'post.message', m.code)).rejects.toBeInstanceOf(UnknownReference);
    expect(await refusal(getMessage(who.gaara!, m.code))).toMatchObject({ status: 'not_found', code: 'POST_MESSAGE_NOT_FOUND' });
    await clock.runDue();
    expect(await show('post.delivery', copy)).not.toEqual(WITHHELD);
    expect(await show('post.message', m.id)).not.toEqual(WITHHELD);
    expect((await getMessage(who.gaara!, m.code)).deliveries.map((d) => d.id)).toEqual([copy]);
  });
});
