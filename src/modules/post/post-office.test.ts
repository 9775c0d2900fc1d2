// Office recipients on both databases: a message to an office (a registry organization) is one
// copy, delivered by the aviary like a person's, and read by every person with a membership in
// the office current on the day AND a clearance covering the message — so members differing only
// by compartment (ANBU vs BREACH) see it or not, a member whose membership ended before the day
// does not, and a stranger gets the same 404 as for a copy that does not exist. Its answers are
// stamped with the member who gave them. A message from an office is written by a current member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { resolveReference, showReferences, UnknownReference, WITHHELD } from '../../kernel/references.ts';
import { createMembership, createOrganization } from '../registry/index.ts';
import { listItems } from '../desk/index.ts';
import { answerDelivery, getMessage, pigeonHole, saveDraft, sendDraft, sendMessage, sentPost } from './index.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { castPerson } from './testing/cast.ts';
import { listen } from '../../kernel/testing/events.ts';
import { T0, openPostWorld } from './testing/world.ts';

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}

// The story's day is 2026-11-20; a membership that ended on the 19th is over.

const OFFICE = "The Kazekage's office";

describe.each(DIALECTS)('hawk post to and from an office on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  const person = (key: string, role: Actor['role'], level: Label['classification'], compartments: string[] = []) => castPerson(app.ctx, who, id, key, role, level, compartments);
  const hole = async (k: string) => pigeonHole(who[k]!, { state: 'all', limit: 50, offset: 0 });
  const codesIn = async (k: string) => (await hole(k)).items.map((i) => i.code);

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    await person('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await person('aiko', 'clerk', 'secret', ['ANBU']);      // member
    await person('hawk', 'anbu', 'secret', ['ANBU']);       // member
    await person('kankuro', 'jounin', 'secret', ['BREACH']); // member, the other compartment
    await person('temari', 'jounin', 'secret', ['ANBU']);   // member until yesterday
    await person('baki', 'jounin', 'secret', ['ANBU']);     // cleared like the members, not one of them
    id.office = (await createOrganization(app.ctx, { code: 'kazekage-office', name: OFFICE, kind: 'office' })).id;
    for (const k of ['aiko', 'hawk', 'kankuro']) await createMembership(app.ctx, { person: id[k]!, organization: 'kazekage-office', startDate: '2026-01-01' });
    await createMembership(app.ctx, { person: id.temari!, organization: 'kazekage-office', startDate: '2026-01-01', endDate: '2026-11-19' });
    // An office only BREACH may know of, and one whose only member is cleared for ANBU alone.
    id.breachOffice = (await createOrganization(app.ctx, { code: 'breach-cell', name: 'Breach cell', kind: 'office', classification: 'secret', compartments: ['BREACH'] })).id;
    await createOrganization(app.ctx, { code: 'records-office', name: 'Records office', kind: 'office' });
    await createMembership(app.ctx, { person: id.aiko!, organization: 'records-office' });
  }, 120_000);
  afterAll(async () => app?.drop());

  it('one copy to the office, delivered by the aviary; its current members cleared for it see it "to the office", no one else', async () => {
    const m = await sendMessage(who.gaara!, { to: [{ office: 'kazekage-office' }], subject: 'Masks for the border', precedence: 'immediate', classification: 'secret', compartments: ['ANBU'], actionRequested: true });
    expect(m.deliveries).toHaveLength(1);
    expect(m.deliveries[0]).toMatchObject({ recipient: { office: { id: id.office, code: 'kazekage-office', name: OFFICE } }, state: 'queued', dueAt: '2026-11-20T06:30:00.000Z' });
    expect(await codesIn('aiko')).toEqual([]); // not before the aviary carries it
    const bus = listen(app.ctx.events);
    await clock.runDue();
    // The members that day hear of it live as theirs (their pages pop urgent post up by it; the
    // stream drops it for one not cleared); the sender hears it as not theirs; no one else hears it.
    const arrived = (forYou: boolean) => bus.next((e) => e.type === 'post.delivery.changed' && e.payload.deliveryId === m.deliveries[0]!.id && e.payload.state === 'delivered' && e.payload.forYou === forYou, `the delivery to the office (forYou ${forYou})`);
    const members = await arrived(true);
    expect([...(members.audience ?? [])].sort()).toEqual([id.aiko, id.hawk, id.kankuro].sort());
    expect(members.payload).toMatchObject({ recipient: null, precedence: 'immediate', messageId: m.id });
    expect((await arrived(false)).audience).toEqual([id.gaara]);
    expect(bus.events.filter((e) => e.type === 'post.delivery.changed' && e.payload.deliveryId === m.deliveries[0]!.id)).toHaveLength(2);
    // What the alert links to opens for a member.
    expect((await getMessage(who.aiko!, m.id)).code).toBe(m.code);
    for (const member of ['aiko', 'hawk']) {
      const h = await hole(member);
      expect(h.items.map((i) => i.code)).toEqual([m.code]);
      expect(h.items[0]!.delivery.recipient).toEqual({ office: { id: id.office, code: 'kazekage-office', name: OFFICE } });
      expect(h.unread.total).toBe(1);
    }
    // BREACH instead of ANBU; a membership that ended yesterday; no membership at all.
    for (const stranger of ['kankuro', 'temari', 'baki']) {
      expect(await codesIn(stranger)).toEqual([]);
      expect(await refusal(answerDelivery(who[stranger]!, m.deliveries[0]!.id, 'read'))).toMatchObject({ status: 'not_found', code: 'POST_DELIVERY_NOT_FOUND' });
      expect(await refusal(getMessage(who[stranger]!, m.code))).toMatchObject({ status: 'not_found', code: 'POST_MESSAGE_NOT_FOUND' });
    }
    // The office's copy raises no desk item: it is the office's, not one member's.
    expect((await listItems(who.aiko!, { state: 'pending' })).items).toEqual([]);
  });

  it('answers on the office copy are stamped with the member who gave them for the members; the sender sees them given by the office', async () => {
    const m = await sendMessage(who.gaara!, { to: [{ office: id.office! }], subject: 'Who reads the office post', classification: 'secret', compartments: ['ANBU'] });
    await clock.runDue();
    const copy = m.deliveries[0]!.id;
    expect((await getMessage(who.gaara!, m.code)).deliveries[0]).toMatchObject({ state: 'delivered', readAt: null, readBy: null });
    // Aiko reads it first: it is read, for the office, by her.
    expect((await answerDelivery(who.aiko!, copy, 'read')).delivery).toMatchObject({ state: 'read', readAt: T0, readBy: { id: id.aiko, name: 'Aiko' } });
    expect(await refusal(answerDelivery(who.hawk!, copy, 'read'))).toMatchObject({ status: 'conflict', code: 'POST_DELIVERY_STATE' });
    // Hawk acknowledges it: his stamp, hers stays on the reading.
    await answerDelivery(who.hawk!, copy, 'acknowledged');
    const seen = { state: 'acknowledged', readBy: { id: id.aiko, name: 'Aiko' }, acknowledgedBy: { id: id.hawk, name: 'Hawk' }, actionedBy: null };
    expect((await hole('aiko')).items.find((i) => i.code === m.code)!.delivery).toMatchObject(seen);
    expect((await getMessage(who.aiko!, m.code)).deliveries[0]).toMatchObject(seen);
    // The sender wrote to the office: the office read and acknowledged it, no person named.
    expect((await getMessage(who.gaara!, m.code)).deliveries[0]).toMatchObject({ state: 'acknowledged', readBy: { office: true }, acknowledgedBy: { office: true }, actionedBy: null });
    expect((await hole('aiko')).unread.total).toBe(1); // only the first letter is unread now
  });

  it('a person answering their own copy is stamped too', async () => {
    const m = await sendMessage(who.aiko!, { to: [{ person: id.gaara! }], subject: 'Your own copy' });
    await clock.runDue();
    expect((await answerDelivery(who.gaara!, m.deliveries[0]!.id, 'actioned')).delivery)
      .toMatchObject({ state: 'actioned', readBy: { id: id.gaara, name: 'Gaara' }, actionedBy: { id: id.gaara, name: 'Gaara' }, acknowledgedBy: null });
  });

  it('an unknown office and one hidden from the sender are refused alike at the recipient; so is an office with no member cleared; an office with no member waits', async () => {
    const hidden = await refusal(sendMessage(who.aiko!, { to: [{ person: id.gaara! }, { office: 'breach-cell' }], subject: 'x' }));
    const unknown = await refusal(sendMessage(who.aiko!, { to: [{ person: id.gaara! }, { office: 'no-such-cell' }], subject: 'x' }));
    expect(hidden).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.to.1.office' }] });
    expect({ ...hidden, details: hidden.details.map((d) => d.path) }).toEqual({ ...unknown, details: unknown.details.map((d) => d.path) });
    // Gaara (who sees the cell) may name it; the records office's only member is not cleared for BREACH.
    const notCleared = await refusal(sendMessage(who.gaara!, { to: [{ office: 'records-office' }], subject: 'x', classification: 'secret', compartments: ['BREACH'] }));
    expect(notCleared).toMatchObject({ status: 'unprocessable', code: 'POST_RECIPIENT_NOT_CLEARED', details: [{ path: 'body.to.0.office', message: 'none of its current members has an account cleared for secret (BREACH)' }] });
    // An office with no current member (that the sender can see) is written to all the same: its
    // copy waits in its tray for whoever is a member when they read (post-mends.test.ts: M2).
    const empty = await sendMessage(who.gaara!, { to: [{ office: 'breach-cell' }], subject: 'For whoever holds the cell' });
    expect(empty.deliveries).toMatchObject([{ recipient: { office: { id: id.breachOffice } }, state: 'queued' }]);
    // The same office named twice.
    expect(await refusal(sendMessage(who.gaara!, { to: [{ office: 'kazekage-office' }, { office: 'kazekage-office' }], subject: 'x' }))).toMatchObject({ details: [{ path: 'body.to.1' }] });
  });

  it('from an office: written by a current member, shown as the office with its writer; anyone else is refused', async () => {
    const m = await sendMessage(who.aiko!, { from: { office: 'kazekage-office' }, to: [{ person: id.gaara! }], subject: 'From the office' });
    await clock.runDue();
    const item = (await hole('gaara')).items.find((i) => i.code === m.code)!;
    expect(item).toMatchObject({ sender: { id: id.aiko, name: 'Aiko' }, fromOffice: { id: id.office, code: 'kazekage-office', name: OFFICE } });
    for (const outsider of ['baki', 'temari']) {
      expect(await refusal(sendMessage(who[outsider]!, { from: { office: 'kazekage-office' }, to: [{ person: id.gaara! }], subject: 'x' })))
        .toMatchObject({ status: 'forbidden', code: 'POST_NOT_OF_OFFICE', details: [{ path: 'body.from.office' }] });
    }
    // An office the writer may not know of is an unknown one.
    expect(await refusal(sendMessage(who.aiko!, { from: { office: 'breach-cell' }, to: [{ person: id.gaara! }], subject: 'x' })))
      .toMatchObject({ status: 'unprocessable', details: [{ path: 'body.from.office' }] });
  });

  it('a draft keeps an office as recipient and as sender, shown by name, and sends as one', async () => {
    const d = await saveDraft(who.aiko!, { from: { office: 'kazekage-office' }, to: [{ office: 'kazekage-office' }], subject: 'Office draft' });
    expect(d).toMatchObject({ from: { office: { id: id.office, name: OFFICE } }, to: [{ office: { id: id.office, code: 'kazekage-office', name: OFFICE } }] });
    const m = await sendDraft(who.aiko!, d.id);
    expect(m).toMatchObject({ fromOffice: { id: id.office, name: OFFICE }, deliveries: [{ recipient: { office: { id: id.office } } }] });
  });
  it('a membership ending today or beginning today is current today: the member finds the office copy in the pigeon hole and may write from the office', async () => {
    await person('rasa', 'jounin', 'secret', ['ANBU']);      // member until today
    await person('yashamaru', 'jounin', 'secret', ['ANBU']); // member from today
    await createMembership(app.ctx, { person: id.rasa!, organization: 'kazekage-office', startDate: '2026-01-01', endDate: '2026-11-20' });
    await createMembership(app.ctx, { person: id.yashamaru!, organization: 'kazekage-office', startDate: '2026-11-20' });
    const m = await sendMessage(who.gaara!, { to: [{ office: 'kazekage-office' }], subject: 'For the office today', classification: 'secret', compartments: ['ANBU'] });
    await clock.runDue();
    for (const member of ['rasa', 'yashamaru']) {
      expect(await codesIn(member)).toContain(m.code);
      const sent = await sendMessage(who[member]!, { from: { office: 'kazekage-office' }, to: [{ person: id.gaara! }], subject: `From the office, by ${member}` });
      expect(sent).toMatchObject({ fromOffice: { id: id.office }, sender: { id: id[member] } });
    }
  });

  it('an office whose only cleared member left it yesterday, while one not cleared is a member today, refuses what only the former could read', async () => {
    await person('yura', 'jounin', 'secret', ['ANBU']);  // cleared; member until yesterday
    await person('sari', 'jounin', 'restricted');         // not cleared; member today, seen by the sender
    await createOrganization(app.ctx, { code: 'border-office', name: 'Border office', kind: 'office' });
    await createMembership(app.ctx, { person: id.yura!, organization: 'border-office', startDate: '2026-01-01', endDate: '2026-11-19' });
    await createMembership(app.ctx, { person: id.sari!, organization: 'border-office', startDate: '2026-01-01' });
    expect(await refusal(sendMessage(who.gaara!, { to: [{ office: 'border-office' }], subject: 'x', classification: 'secret', compartments: ['ANBU'] })))
      .toMatchObject({ status: 'unprocessable', code: 'POST_RECIPIENT_NOT_CLEARED', details: [{ path: 'body.to.0.office', message: 'none of its current members has an account cleared for secret (ANBU)' }] });
    // What the current member is cleared for goes.
    expect((await sendMessage(who.gaara!, { to: [{ office: 'border-office' }], subject: 'For Sari' })).deliveries).toHaveLength(1);
  });

  it('an office copy marked "action" raises no desk item at all: not on a member\'s desk, not on one owned by the office', async () => {
    const m = await sendMessage(who.gaara!, { to: [{ office: 'kazekage-office' }], subject: 'Act on this, office', actionRequested: true });
    await clock.runDue();
    const copy = m.deliveries[0]!.id;
    expect((await getMessage(who.gaara!, m.code)).deliveries[0]!.state).toBe('delivered');
    // The desk as it would be the office's own, were the office a person: empty.
    const officeDesk = withActor(app.ctx, { kind: 'user', role: 'kazekage', username: 'office-desk', personId: id.office!, clearance: { level: 'top_secret', compartments: ['ANBU', 'BREACH'] } });
    expect((await listItems(officeDesk, { state: 'all' })).items).toEqual([]);
    for (const member of ['aiko', 'hawk']) expect((await listItems(who[member]!, { state: 'all' })).items.filter((i) => i.record.id === copy)).toEqual([]);
  });

  it('queued, the office copy and its message are not yet a member\'s: withheld, unknown when named, 404; delivered, they are', async () => {
    const m = await sendMessage(who.gaara!, { to: [{ office: 'kazekage-office' }], subject: 'Still in the air' });
    const copy = m.deliveries[0]!.id;
    const show = async (kind: string, ref: string) => (await showReferences(who.aiko!, kind, [ref])).get(ref);
    expect(await show('post.delivery', copy)).toEqual(WITHHELD);
    expect(await show('post.message', m.id)).toEqual(WITHHELD);
    await expect(resolveReference(who.aiko!, 'post.delivery', copy)).rejects.toBeInstanceOf(UnknownReference);
    await expect(resolveReference(who.aiko!, 'post.message', m.code)).rejects.toBeInstanceOf(UnknownReference);
    expect(await refusal(getMessage(who.aiko!, m.code))).toMatchObject({ status: 'not_found', code: 'POST_MESSAGE_NOT_FOUND' });
    await clock.runDue();
    expect(await show('post.delivery', copy)).not.toEqual(WITHHELD);
    expect(await show('post.message', m.id)).not.toEqual(WITHHELD);
    expect((await getMessage(who.aiko!, m.code)).code).toBe(m.code);
  });
  it('an office copy read by a member hidden from the sender: senders differing only by compartment see the same receipt, "read by the office", and no sign of a hidden member', async () => {
    await person('maki', 'jounin', 'secret', ['ANBU']);      // sender who may see the ANBU membership
    await person('yura2', 'jounin', 'secret', ['BREACH']);   // sender who may not
    await person('mask', 'anbu', 'secret', ['ANBU']);        // the member, known only to ANBU
    await person('clerk2', 'clerk', 'restricted');           // the member everyone sees
    await createOrganization(app.ctx, { code: 'mask-desk', name: 'Mask desk', kind: 'office' });
    await createMembership(app.ctx, { person: id.mask!, organization: 'mask-desk', startDate: '2026-01-01', classification: 'secret', compartments: ['ANBU'] });
    await createMembership(app.ctx, { person: id.clerk2!, organization: 'mask-desk', startDate: '2026-01-01' });
    const sent: Record<string, { code: string; copy: string }> = {};
    for (const sender of ['maki', 'yura2']) {
      const m = await sendMessage(who[sender]!, { to: [{ office: 'mask-desk' }], subject: `Masks, asked by ${sender}` });
      sent[sender] = { code: m.code, copy: m.deliveries[0]!.id };
    }
    await clock.runDue();
    // The hidden member reads both; the visible one acknowledges the second.
    for (const s of Object.values(sent)) await answerDelivery(who.mask!, s.copy, 'read');
    await answerDelivery(who.clerk2!, sent.yura2!.copy, 'acknowledged');
    const receipt = async (sender: string) => {
      const { deliveries: [d] } = await getMessage(who[sender]!, sent[sender]!.code);
      return { state: d!.state, readAt: d!.readAt, readBy: d!.readBy, acknowledgedBy: d!.acknowledgedBy, actionedBy: d!.actionedBy };
    };
    const anbu = await receipt('maki');
    const breach = await receipt('yura2');
    expect(anbu).toEqual({ state: 'read', readAt: T0, readBy: { office: true }, acknowledgedBy: null, actionedBy: null });
    // Even the member everyone sees is not named to the sender: the office answered.
    expect(breach).toEqual({ state: 'acknowledged', readAt: T0, readBy: { office: true }, acknowledgedBy: { office: true }, actionedBy: null });
    // Nothing withheld anywhere in what either sender is shown of the copy.
    for (const s of ['maki', 'yura2']) expect(JSON.stringify((await getMessage(who[s]!, sent[s]!.code)).deliveries)).not.toContain('withheld');
    // The members see who answered: the visible member sees the hidden one only as far as her clearance lets her.
    expect((await getMessage(who.mask!, sent.yura2!.code)).deliveries[0]).toMatchObject({ readBy: { id: id.mask, name: 'Mask' }, acknowledgedBy: { id: id.clerk2, name: 'Clerk2' } });
  });
  it("the office's sent post: its current members see what any of them sent in its name, at their clearance; one who has left it, or was never in it, does not", async () => {
    const open = await sendMessage(who.aiko!, { from: { office: 'kazekage-office' }, to: [{ person: id.gaara! }], subject: 'Sent box: open' });
    const anbu = await sendMessage(who.aiko!, { from: { office: 'kazekage-office' }, to: [{ person: id.gaara! }], subject: 'Sent box: ANBU', classification: 'secret', compartments: ['ANBU'] });
    const own = await sendMessage(who.aiko!, { to: [{ person: id.gaara! }], subject: 'Sent box: in her own name' });
    await clock.runDue();
    await answerDelivery(who.gaara!, open.deliveries[0]!.id, 'read');
    const subjects = async (k: string, office?: string) => (await sentPost(who[k]!, { office, limit: 200, offset: 0 })).items.map((m) => m.subject).filter((x) => x.startsWith('Sent box'));
    // Hawk (ANBU) sees both sent in the office's name by Aiko, newest first, not what she sent in her own.
    expect(await subjects('hawk', 'kazekage-office')).toEqual(['Sent box: ANBU', 'Sent box: open']);
    // Kankuro, a member cleared for BREACH only: the open one; the total agrees with the page.
    const k = await sentPost(who.kankuro!, { office: id.office!, limit: 200, offset: 0 });
    expect(k.items.map((m) => m.subject).filter((x) => x.startsWith('Sent box'))).toEqual(['Sent box: open']);
    expect(k.total).toBe(k.items.length);
    // With its receipts, as the sender sees them.
    expect((await sentPost(who.hawk!, { office: 'kazekage-office', limit: 200, offset: 0 })).items.find((m) => m.code === open.code))
      .toMatchObject({ sender: { id: id.aiko }, fromOffice: { id: id.office }, deliveries: [{ recipient: { person: { id: id.gaara } }, state: 'read', readBy: { id: id.gaara, name: 'Gaara' } }] });
    // Opening one: the message, as its sender sees it.
    expect((await getMessage(who.hawk!, anbu.code)).deliveries).toHaveLength(1);
    expect(await refusal(getMessage(who.kankuro!, anbu.code))).toMatchObject({ status: 'not_found', code: 'POST_MESSAGE_NOT_FOUND' });
    // Her own sent post: in her own name and in the office's, for her.
    expect(await subjects('aiko')).toEqual(['Sent box: in her own name', 'Sent box: ANBU', 'Sent box: open']);
    expect(await subjects('hawk')).toEqual([]);
    // Temari left the office yesterday; Baki was never in it: refused, and the letters are unknown to them.
    for (const outsider of ['temari', 'baki']) {
      expect(await refusal(sentPost(who[outsider]!, { office: 'kazekage-office', limit: 50, offset: 0 }))).toMatchObject({ status: 'forbidden', code: 'POST_NOT_OF_OFFICE', details: [{ path: 'query.office' }] });
      // What was refused is a look at the office's sent post, not a letter in its name.
      const said = String((await sentPost(who[outsider]!, { office: 'kazekage-office', limit: 50, offset: 0 }).catch((e: Error) => e) as Error).message);
      expect(said).toContain('sent post');
      expect(said).not.toContain('send in the name');
      expect(await refusal(getMessage(who[outsider]!, open.code))).toMatchObject({ status: 'not_found', code: 'POST_MESSAGE_NOT_FOUND' });
      expect((await showReferences(who[outsider]!, 'post.message', [open.id])).get(open.id)).toEqual(WITHHELD);
    }
    expect((await showReferences(who.hawk!, 'post.message', [open.id])).get(open.id)).not.toEqual(WITHHELD);
    // An office hidden from the caller is an unknown one.
    const hidden = await refusal(sentPost(who.aiko!, { office: 'breach-cell', limit: 50, offset: 0 }));
    const unknown = await refusal(sentPost(who.aiko!, { office: 'no-such-cell', limit: 50, offset: 0 }));
    expect(hidden.status).toBe('not_found');
    expect({ ...hidden }).toEqual({ ...unknown });
    void own;
  });

  it("one office's sent post is that office's alone: a member of two offices sees each under its own name; a member of one sees nothing of the other's", async () => {
    const kazekage = await sendMessage(who.aiko!, { from: { office: 'kazekage-office' }, to: [{ person: id.gaara! }], subject: 'Two offices: from the Kazekage\'s office' });
    const records = await sendMessage(who.aiko!, { from: { office: 'records-office' }, to: [{ person: id.gaara! }], subject: 'Two offices: from the records office' });
    const listed = async (k: string, office: string) => (await sentPost(who[k]!, { office, limit: 200, offset: 0 })).items.map((m) => m.code).filter((c) => c === kazekage.code || c === records.code);
    expect(await listed('aiko', 'kazekage-office')).toEqual([kazekage.code]);
    expect(await listed('aiko', 'records-office')).toEqual([records.code]);
    expect(await listed('hawk', 'kazekage-office')).toEqual([kazekage.code]);
    // Hawk is not of the records office: its letter is not his to open either.
    expect(await refusal(getMessage(who.hawk!, records.code))).toMatchObject({ status: 'not_found', code: 'POST_MESSAGE_NOT_FOUND' });
  });
});
