// Drafts on both databases: saved with the checks of sending except that recipients may be none;
// its author's alone (anyone else — even cleared for everything, or differing only by compartment
// — gets exactly the 404 of a draft that does not exist); nothing carries a draft (no message, no
// job); sent, every rule of sending applies (422 at its fields) and the draft is gone; edited and
// thrown away by its author only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { deleteDraft, getDraft, getMessage, listDrafts, pigeonHole, saveDraft, sendDraft, updateDraft } from './index.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { castPerson } from './testing/cast.ts';
import { T0, openPostWorld } from './testing/world.ts';

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.kind, code: e.code, message: e.message, details: e.details }; throw e; }
  throw new Error('expected a refusal');
}


const ANBU = { classification: 'secret' as const, compartments: ['ANBU'] };

describe.each(DIALECTS)('drafts on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};
  const count = async (table: string) => Number((await app.ctx.db.selectFrom(table as any).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  const person = (key: string, role: Actor['role'], level: Label['classification'], compartments: string[] = []) => castPerson(app.ctx, who, id, key, role, level, compartments);

  beforeAll(async () => {
    ({ app, clock } = await openPostWorld(dialect));
    await person('aiko', 'clerk', 'secret', ['ANBU']);
    await person('gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await person('hawk', 'anbu', 'secret', ['ANBU']);
    await person('kankuro', 'jounin', 'secret', ['BREACH']);
    await person('temari', 'jounin', 'restricted');
  }, 120_000);
  afterAll(async () => app?.drop());

  it('saved with no recipient yet, a draft is only a draft: no message, no delivery, no job', async () => {
    const before = { messages: await count('post_message'), deliveries: await count('post_delivery'), jobs: await count('kernel_job') };
    const d = await saveDraft(who.aiko!, { subject: 'The binder', body: 'Signatures needed.', precedence: 'priority', actionRequested: true, ...ANBU });
    expect(d).toMatchObject({ to: [], subject: 'The binder', body: 'Signatures needed.', precedence: 'priority', actionRequested: true, version: 1, createdAt: T0, ...ANBU });
    expect({ messages: await count('post_message'), deliveries: await count('post_delivery'), jobs: await count('kernel_job') }).toEqual(before);
    expect((await listDrafts(who.aiko!)).items.map((x) => x.id)).toEqual([d.id]);
  });

  it('is checked as a message would be: a recipient not cleared for its label, an unknown one, or a subject missing, refused at its field', async () => {
    expect(await refusal(saveDraft(who.aiko!, { to: [{ person: id.kankuro! }], subject: 'For BREACH eyes?', ...ANBU }))).toMatchObject({ status: 'unprocessable', code: 'POST_RECIPIENT_NOT_CLEARED', details: [{ path: 'body.to.0.person' }] });
    expect(await refusal(saveDraft(who.aiko!, { to: [{ person: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }], subject: 'Nobody' }))).toMatchObject({ status: 'unprocessable', details: [{ path: 'body.to.0.person', message: 'unknown person' }] });
    expect((await refusal(saveDraft(who.aiko!, { to: [] } as any))).details).toEqual([{ path: 'body.subject', message: expect.any(String) }]);
    // A sender may not draft above their own clearance.
    expect((await refusal(saveDraft(who.aiko!, { subject: 'Top secret musings', classification: 'top_secret' }))).status).toBe('forbidden');
  });

  it('is its author\'s alone: anyone else, cleared for everything or differing only by compartment, gets the 404 of none', async () => {
    const d = (await listDrafts(who.aiko!)).items[0]!;
    const none = await refusal(getDraft(who.aiko!, '01JZZZZZZZZZZZZZZZZZZZZZZZ'));
    for (const k of ['gaara', 'hawk', 'kankuro', 'temari']) {
      for (const attempt of [() => getDraft(who[k]!, d.id), () => updateDraft(who[k]!, d.id, { subject: 'Mine now' }), () => deleteDraft(who[k]!, d.id), () => sendDraft(who[k]!, d.id)]) {
        const r = await refusal(attempt());
        expect({ ...r, message: r.message.replace(d.id, '?') }).toEqual({ ...none, message: none.message.replace('01JZZZZZZZZZZZZZZZZZZZZZZZ', '?') });
      }
      expect((await listDrafts(who[k]!)).items).toEqual([]);
    }
    expect(none).toMatchObject({ status: 'not_found', code: 'POST_DRAFT_NOT_FOUND' });
    expect((await getDraft(who.aiko!, d.id)).version).toBe(1);
  });

  it('edited by its author: addressed, its version moves on; sending with none addressed is refused at body.to and keeps it', async () => {
    const d = (await listDrafts(who.aiko!)).items[0]!;
    expect(await refusal(sendDraft(who.aiko!, d.id))).toMatchObject({ status: 'unprocessable', code: 'POST_DRAFT_INCOMPLETE', details: [{ path: 'body.to', message: expect.stringContaining('recipient') }] });
    const edited = await updateDraft(who.aiko!, d.id, { to: [{ person: id.gaara! }], subject: 'The binder', body: 'Signatures needed before you leave.', precedence: 'priority', actionRequested: true, ...ANBU });
    expect(edited).toMatchObject({ version: 2, to: [{ person: { id: id.gaara, name: 'Gaara' }, at: null }], body: 'Signatures needed before you leave.' });
    expect(await refusal(updateDraft(who.aiko!, d.id, { to: [{ person: id.kankuro! }], subject: 'x', ...ANBU }))).toMatchObject({ details: [{ path: 'body.to.0.person' }] });
    expect((await getDraft(who.aiko!, d.id)).version).toBe(2);
  });

  it('sent: a message like any other, carried by the aviary; the draft is gone', async () => {
    const d = (await listDrafts(who.aiko!)).items[0]!;
    const m = await sendDraft(who.aiko!, d.id);
    expect(m).toMatchObject({ code: expect.stringMatching(/^HP-2026-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/), subject: 'The binder', actionRequested: true, deliveries: [{ state: 'queued' }], ...ANBU });
    expect((await refusal(getDraft(who.aiko!, d.id))).code).toBe('POST_DRAFT_NOT_FOUND');
    expect((await refusal(sendDraft(who.aiko!, d.id))).code).toBe('POST_DRAFT_NOT_FOUND');
    await clock.runDue();
    expect((await pigeonHole(who.gaara!, { state: 'all', limit: 50, offset: 0 })).items.map((i) => i.code)).toContain(m.code);
    expect((await getMessage(who.aiko!, m.code)).deliveries[0]!.state).toBe('delivered');
  });

  it('thrown away by its author', async () => {
    const d = await saveDraft(who.temari!, { subject: 'Second thoughts' });
    await deleteDraft(who.temari!, d.id);
    expect((await listDrafts(who.temari!)).items).toEqual([]);
    expect((await refusal(deleteDraft(who.temari!, d.id))).code).toBe('POST_DRAFT_NOT_FOUND');
  });
  it('a draft above its author\'s clearance now is theirs no longer to see: clearance lowered, or BREACH instead of ANBU, it is the 404 of none and out of the list and its total', async () => {
    const secret = await saveDraft(who.hawk!, { subject: 'The mask roster', ...ANBU });
    const open = await saveDraft(who.hawk!, { subject: 'Lunch at the aviary' });
    expect((await listDrafts(who.hawk!)).total).toBe(2);
    const as = (level: Label['classification'], compartments: string[]) => withActor(app.ctx, { ...who.hawk!.actor, clearance: { level, compartments } });
    for (const ctx of [as('restricted', ['ANBU']), as('secret', ['BREACH'])]) {
      for (const attempt of [() => getDraft(ctx, secret.id), () => updateDraft(ctx, secret.id, { subject: 'Edited' }), () => deleteDraft(ctx, secret.id), () => sendDraft(ctx, secret.id)]) {
        expect(await refusal(attempt())).toMatchObject({ status: 'not_found', code: 'POST_DRAFT_NOT_FOUND' });
      }
      const list = await listDrafts(ctx);
      expect(list.items.map((d) => d.id)).toEqual([open.id]);
      expect(list.total).toBe(1);
    }
    expect((await getDraft(who.hawk!, secret.id)).version).toBe(1);
  });
});
