// The kernel's reference mechanism as another module would use it (a bill naming its sponsors):
// resolving as the caller, showing or withholding, links needing both ends, codes like ids.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from './testing/dialects.ts';
import { withActor, type AppContext } from './context.ts';
import { findForShowing, lookUpReferences, refuse, resolveReference, showFoundRecords, showMixedReferences, showReferences, UnknownReference, WITHHELD, referenceCatalogue, type ReferenceKind } from './references.ts';
import { MODULES } from '../modules.ts';
import { createMembership, createOrganization, createPerson } from '../modules/registry/index.ts';
import type { Level } from './auth/labels.ts';

const reader = (ctx: AppContext, level: Level, compartments: string[] = []): AppContext =>
  withActor(ctx, { kind: 'user', username: `${level}-${compartments.join('-')}`, role: 'genin', clearance: { level, compartments } });

describe('the reference catalogue', () => {
  it('holds every kind the modules declare, by <module>.<kind>', () => {
    expect([...referenceCatalogue(MODULES).keys()].sort()).toEqual(['cases.case', 'cases.evidence', 'cases.request', 'legislature.bill', 'legislature.motion', 'legislature.session', 'legislature.statute', 'legislature.vote', 'missions.mission', 'missions.report', 'post.delivery', 'post.message', 'registry.membership', 'registry.organization', 'registry.person', 'registry.post', 'registry.village', 'sar.operation']);
  });
});

describe.each(DIALECTS)('references through the kernel on %s', (dialect) => {
  let app: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await openTestApp(dialect);
    const op = app.ctx;
    ids.open = (await createPerson(op, { givenName: 'Open', rank: 'genin' })).id;
    ids.anbu = (await createPerson(op, { givenName: 'Masked', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] })).id;
    ids.breach = (await createPerson(op, { givenName: 'Breach', rank: 'jounin', classification: 'top_secret', compartments: ['BREACH'] })).id;
    ids.org = (await createOrganization(op, { code: 'kref-org', name: 'Open office', kind: 'office' })).id;
    ids.link = (await createMembership(op, { person: ids.anbu!, organization: 'kref-org' })).id;
  });
  afterAll(async () => app?.drop());

  it('shows a sponsor to a reader cleared for it and withholds it from one who differs only by compartment', async () => {
    const list = [ids.open!, ids.anbu!, ids.breach!, '01JZZZZZZZZZZZZZZZZZZZZZZZ'];
    const secret = await showReferences(reader(app.ctx, 'secret'), 'registry.person', list);
    expect(secret.get(ids.open!)).toEqual({ id: ids.open, displayName: 'Open', rank: 'genin' });
    expect([secret.get(ids.anbu!), secret.get(ids.breach!), secret.get('01JZZZZZZZZZZZZZZZZZZZZZZZ')]).toEqual([WITHHELD, WITHHELD, WITHHELD]);
    const anbu = await showReferences(reader(app.ctx, 'secret', ['ANBU']), 'registry.person', list);
    expect(anbu.get(ids.anbu!)).toMatchObject({ displayName: 'Masked' });
    expect(anbu.get(ids.breach!)).toEqual(WITHHELD);
    const breach = await showReferences(reader(app.ctx, 'top_secret', ['BREACH']), 'registry.person', list);
    expect([breach.get(ids.anbu!), breach.get(ids.breach!)]).toEqual([WITHHELD, expect.objectContaining({ displayName: 'Breach' })]);
  });

  it('shows records of several kinds at once, each as the reader may see it; an unknown kind or id is withheld', async () => {
    const refs = [{ kind: 'registry.person', id: ids.open! }, { kind: 'registry.person', id: ids.anbu! }, { kind: 'registry.organization', id: ids.org! }, { kind: 'nowhere.thing', id: ids.open! }];
    const anbu = await showMixedReferences(reader(app.ctx, 'secret', ['ANBU']), refs);
    expect([anbu('registry.person', ids.open!), anbu('registry.person', ids.anbu!), anbu('registry.organization', ids.org!)])
      .toEqual([expect.objectContaining({ displayName: 'Open' }), expect.objectContaining({ displayName: 'Masked' }), { id: ids.org, code: 'kref-org', name: 'Open office' }]);
    expect([anbu('nowhere.thing', ids.open!), anbu('registry.person', ids.breach!), anbu('registry.organization', ids.open!)]).toEqual([WITHHELD, WITHHELD, WITHHELD]);
    // Differing only by compartment: the ANBU person withheld, the rest the same.
    const breach = await showMixedReferences(reader(app.ctx, 'secret', ['BREACH']), refs);
    expect([breach('registry.person', ids.open!), breach('registry.person', ids.anbu!)]).toEqual([expect.objectContaining({ displayName: 'Open' }), WITHHELD]);
  });

  it('a link record (a public membership) is seen only with both its ends', async () => {
    expect((await showReferences(reader(app.ctx, 'top_secret', ['BREACH']), 'registry.membership', [ids.link!])).get(ids.link!)).toEqual(WITHHELD);
    expect((await showReferences(reader(app.ctx, 'secret', ['ANBU']), 'registry.membership', [ids.link!])).get(ids.link!)).toMatchObject({ id: ids.link });
  });

  it('resolves an id or a code as the caller; a hidden record is refused exactly as an unknown one', async () => {
    expect((await resolveReference(reader(app.ctx, 'public'), 'registry.organization', 'kref-org')).id).toBe(ids.org);
    const refusal = async (ref: string) => {
      const e = await resolveReference(reader(app.ctx, 'secret'), 'registry.person', ref, { path: 'body.sponsors.0' }).catch((x) => x);
      expect(e).toBeInstanceOf(UnknownReference);
      return { status: e.status, code: e.code, message: e.message.replace(ref, '<given>'), details: e.details, denied: e.denial.label !== null };
    };
    const hidden = await refusal(ids.anbu!);
    const unknown = await refusal('01JZZZZZZZZZZZZZZZZZZZZZZZ');
    expect({ ...hidden, denied: undefined }).toEqual({ ...unknown, denied: undefined });
    expect(hidden).toMatchObject({ status: 422, code: 'REGISTRY_PERSON_NOT_FOUND', details: [{ path: 'body.sponsors.0', message: 'unknown person' }], denied: true });
    expect(unknown.denied).toBe(false);
  });

  it("asks a private kind's party check whether the name is found or not, so a record found and not the reader's takes the time an unknown one does", async () => {
    const asked: string[][] = [];
    const letter: ReferenceKind = {
      noun: 'letter', notFoundCode: 'TEST_LETTER_NOT_FOUND', byCode: true, readAction: 'post.read',
      async find(_db, refs) { return refs.includes('HP-1') ? [{ id: 'L1', code: 'HP-1', labels: [{ classification: 'public', compartments: [] }], shown: { id: 'L1' } }] : []; },
      async partyTo(_ctx, ids) { asked.push([...ids]); return new Set(); },
    };
    const ctx: AppContext = { ...reader(app.ctx, 'public'), references: new Map([...(app.ctx.references ?? []), ['test.letter', letter]]) };
    for (const ref of ['HP-1', 'HP-2']) {
      const e = await resolveReference(ctx, 'test.letter', ref).catch((x) => x);
      expect(e).toBeInstanceOf(UnknownReference);
    }
    // Once for the letter found (not the reader's), once for the name nothing has.
    expect(asked).toEqual([['L1'], ['']]);
    // Showing (not resolving) a name nothing has asks nothing.
    await showReferences(ctx, 'test.letter', ['HP-3']);
    expect(asked).toHaveLength(2);
  });

  it('refuses for a module whose own read found nothing as resolveReference refuses; one the caller sees after all is refused as unknown', async () => {
    const secret = reader(app.ctx, 'secret');
    const unknownId = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const answer = (e: UnknownReference) => ({ status: e.status, code: e.code, message: e.message, details: e.details, denial: e.denial });
    for (const ref of [ids.anbu!, unknownId]) {
      const alone = await resolveReference(secret, 'registry.person', ref, { path: 'body.person' }).catch((e) => e);
      expect(answer(await refuse(secret, 'registry.person', ref, { path: 'body.person' }))).toEqual(answer(alone));
    }
    expect((await refuse(secret, 'registry.person', ids.anbu!)).denial).toMatchObject({ objectId: ids.anbu, label: { classification: 'secret', compartments: ['ANBU'] } });
    expect((await refuse(secret, 'registry.person', ids.open!)).denial).toMatchObject({ objectId: ids.open, label: null });
  });

  it('looks several references up at once and answers each as resolveReference would alone, for readers differing only by compartment', async () => {
    const unknownId = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const refs = [ids.open!, ids.anbu!, ids.breach!, unknownId];
    const outcome = (run: () => unknown) => { try { return { ok: run() }; } catch (e: any) { return { status: e.status, code: e.code, message: e.message, details: e.details, denial: e.denial }; } };
    for (const compartments of [['ANBU'], ['BREACH']]) {
      const who = reader(app.ctx, 'top_secret', compartments);
      const book = await lookUpReferences(who, 'registry.person', [...refs, ids.open!]);
      for (const [i, ref] of refs.entries()) {
        const alone = await resolveReference(who, 'registry.person', ref, { path: `body.to.${i}.person` }).then((ok) => ({ ok }), (e) => ({ status: e.status, code: e.code, message: e.message, details: e.details, denial: e.denial }));
        expect(outcome(() => book.resolve(ref, { path: `body.to.${i}.person` }))).toEqual(alone);
      }
    }
    // Each reader sees the one person of their compartment, and is refused the other's like an unknown one.
    const anbu = await lookUpReferences(reader(app.ctx, 'top_secret', ['ANBU']), 'registry.person', refs);
    expect(anbu.resolve(ids.anbu!).shown).toMatchObject({ displayName: 'Masked' });
    expect(() => anbu.resolve(ids.breach!, { path: 'body.to.2.person' })).toThrow(UnknownReference);
    // By code where the kind takes codes, and by id, in the same lookup.
    const orgs = await lookUpReferences(reader(app.ctx, 'public'), 'registry.organization', ['kref-org', ids.org!]);
    expect([orgs.resolve('kref-org').id, orgs.resolve(ids.org!).id]).toEqual([ids.org, ids.org]);
  });

  it('records read once are shown to each reader as a lookup of their own would show them, for readers differing only by compartment', async () => {
    const list = [ids.open!, ids.anbu!, ids.breach!, '01JZZZZZZZZZZZZZZZZZZZZZZZ'];
    const found = await findForShowing(app.ctx, app.ctx.db, 'registry.person', list);
    const readers = [reader(app.ctx, 'public'), reader(app.ctx, 'secret', ['ANBU']), reader(app.ctx, 'secret', ['BREACH']), reader(app.ctx, 'top_secret', ['BREACH'])];
    const shown = [];
    for (const r of readers) {
      for (const some of [list, [ids.anbu!], [ids.breach!, ids.open!], []]) expect(await showFoundRecords(r, found, some)).toEqual(await showReferences(r, 'registry.person', some));
      shown.push((await showFoundRecords(r, found, list)).get(ids.anbu!));
    }
    // The ANBU person: to the ANBU reader only.
    expect(shown).toEqual([WITHHELD, expect.objectContaining({ displayName: 'Masked' }), WITHHELD, WITHHELD]);
  });

  it('a name not among those read is looked up afresh, not withheld for not having been read', async () => {
    const found = await findForShowing(app.ctx, app.ctx.db, 'registry.person', [ids.open!]);
    const later = (await createPerson(app.ctx, { givenName: 'Later', rank: 'genin' })).id;
    const shown = await showFoundRecords(reader(app.ctx, 'public'), found, [ids.open!, later]);
    expect([shown.get(ids.open!), shown.get(later)]).toEqual([expect.objectContaining({ displayName: 'Open' }), expect.objectContaining({ displayName: 'Later' })]);
  });
});
