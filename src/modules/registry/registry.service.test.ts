import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { listen } from '../../kernel/testing/events.ts';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { isAppError } from '../../kernel/errors.ts';
import {
  createVillage, createOrganization, createPost, createPerson, updatePerson, recordStatus, createMembership, endMembership,
  searchPeople, getPerson, listMemberships, getOrganization,
} from './index.ts';

async function rejects(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}

describe.each(DIALECTS)('registry service on %s', (dialect) => {
  let app: TestApp;
  let ctx: TestApp['ctx'];
  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => new Date('2026-11-25T09:00:00Z') });
    ctx = app.ctx;
    await createVillage(ctx, { code: 'suna', name: 'Sunagakure', land: 'Land of Wind' });
    await createVillage(ctx, { code: 'konoha', name: 'Konohagakure' });
    await createOrganization(ctx, { code: 'military', name: 'Military', kind: 'military', village: 'suna' });
    await createOrganization(ctx, { code: 'western-garrison', name: 'Western garrison', kind: 'garrison', parent: 'military', village: 'suna' });
    await createOrganization(ctx, { code: 'council', name: 'Council', kind: 'legislature', village: 'suna' });
    await createPost(ctx, { code: 'seat-1', label: 'Council seat 1', role: 'councillor', organization: 'council' });
  });
  afterAll(async () => app?.drop());

  it('reads a person in one go: history newest first (same day: the later recording), memberships by latest start, instants in UTC', async () => {
    const p = await createPerson(ctx, { name: 'Order Keeper', rank: 'chuunin', statusSince: '2026-01-01' });
    await recordStatus(ctx, p.id, { status: 'missing', since: '2026-11-20', reason: 'first report' });
    await recordStatus({ ...ctx, now: () => new Date('2026-11-25T10:30:00Z') }, p.id, { status: 'active', since: '2026-11-20', reason: 'the report was wrong' });
    for (const code of ['order-a', 'order-b', 'order-c']) await createOrganization(ctx, { code, name: code, kind: 'unit' });
    await createMembership(ctx, { person: p.id, organization: 'order-a', role: 'undated' });
    await createMembership(ctx, { person: p.id, organization: 'order-b', role: 'older', startDate: '2025-01-01' });
    await createMembership(ctx, { person: p.id, organization: 'order-c', role: 'newer', startDate: '2026-01-01' });
    const got = await getPerson(ctx, p.id);
    expect(got.statusHistory.map((h) => [h.status, h.since, h.recordedAt])).toEqual([
      ['active', '2026-11-20', '2026-11-25T10:30:00.000Z'],
      ['missing', '2026-11-20', '2026-11-25T09:00:00.000Z'],
      ['active', '2026-01-01', '2026-11-25T09:00:00.000Z'],
    ]);
    expect(got.status).toMatchObject({ status: 'active', since: '2026-11-20', reason: 'the report was wrong' });
    expect(got.memberships.map((m) => m.role)).toEqual(['newer', 'older', 'undated']);
  });

  it('adds a person with an initial status and finds them by an accent-free prefix', async () => {
    const p = await createPerson(ctx, { name: 'Kankurō', rank: 'jounin', allegianceVillage: 'suna', statusSince: '2026-01-01' });
    expect(p.version).toBe(1);
    expect(p.status?.status).toBe('active');
    const found = await searchPeople(ctx, { q: 'KANKU' });
    expect(found.items.map((x) => x.id)).toContain(p.id);
    const none = await searchPeople(ctx, { q: 'kankux' });
    expect(none.total).toBe(0);
  });

  it('every query word must match some name word', async () => {
    await createPerson(ctx, { givenName: 'Naruto', familyName: 'Uzumaki', rank: 'genin', allegianceVillage: 'konoha' });
    expect((await searchPeople(ctx, { q: 'uzu nar' })).total).toBe(1);
    expect((await searchPeople(ctx, { q: 'uzu gaa' })).total).toBe(0);
  });

  it('refuses an unknown village and writes nothing', async () => {
    const before = (await searchPeople(ctx, {})).total;
    const e = await rejects(createPerson(ctx, { name: 'Nobody', rank: 'genin', allegianceVillage: 'atlantis' }));
    expect(e.status).toBe(422);
    expect(e.details[0]!.path).toBe('body.allegianceVillage');
    expect((await searchPeople(ctx, {})).total).toBe(before);
  });

  it('refuses bad fields with a path and a message', async () => {
    const e = await rejects(createPerson(ctx, { name: '', rank: 'ninja' as never }));
    expect(e.status).toBe(400);
    expect(e.details.map((d) => d.path).sort()).toEqual(['body.name', 'body.rank']);
  });

  it('edits a person only at the version read, keeping every version', async () => {
    const p = await createPerson(ctx, { givenName: 'Temari', rank: 'chuunin' });
    const e428 = await rejects(updatePerson(ctx, p.id, { rank: 'jounin' }));
    expect(e428.status).toBe(428);
    const v2 = await updatePerson(ctx, p.id, { rank: 'jounin' }, 1);
    expect(v2.version).toBe(2);
    expect(v2.rank).toBe('jounin');
    const stale = await rejects(updatePerson(ctx, p.id, { rank: 'kage' }, 1));
    expect(stale.status).toBe(412);
    expect((await getPerson(ctx, p.id)).rank).toBe('jounin');
    expect((await getPerson(ctx, p.id)).version).toBe(2);
  });

  it('renaming updates search', async () => {
    const p = await createPerson(ctx, { givenName: 'Yuya', rank: 'jounin' });
    await updatePerson(ctx, p.id, { givenName: 'Yuuya' }, 1);
    expect((await searchPeople(ctx, { q: 'yuuya' })).total).toBe(1);
    expect((await searchPeople(ctx, { q: 'yuya' })).items.find((x) => x.id === p.id)).toBeUndefined();
  });

  it('answers "which status on date D" from the dated history', async () => {
    const p = await createPerson(ctx, { givenName: 'Gaara', rank: 'kage', statusSince: '2020-01-01' });
    await recordStatus(ctx, p.id, { status: 'missing', since: '2026-11-23', reason: 'went into the desert' });
    await recordStatus(ctx, p.id, { status: 'active', since: '2026-11-26', reason: 'returned at night' });
    const on = async (d: string) => (await getPerson(ctx, p.id, d)).status?.status;
    expect(await on('2026-11-22')).toBe('active');
    expect(await on('2026-11-24')).toBe('missing');
    expect(await on('2026-11-26')).toBe('active');
    expect((await searchPeople(ctx, { status: 'missing', asOf: '2026-11-24' })).items.map((x) => x.id)).toContain(p.id);
    expect((await searchPeople(ctx, { status: 'missing', asOf: '2026-11-22' })).items.map((x) => x.id)).not.toContain(p.id);
    // Today (2026-11-25 on the test clock) he is missing.
    expect((await getPerson(ctx, p.id)).status?.status).toBe('missing');
    expect((await getPerson(ctx, p.id)).statusHistory).toHaveLength(3);
  });

  it('answers "who held the post on date D" and filters people by organization including sub-units', async () => {
    const a = await createPerson(ctx, { givenName: 'Old', familyName: 'Councillor', rank: 'civilian' });
    const b = await createPerson(ctx, { givenName: 'New', familyName: 'Councillor', rank: 'civilian' });
    const m = await createMembership(ctx, { person: a.id, organization: 'council', post: 'seat-1', role: 'councillor', startDate: '2018-04-01' });
    await endMembership(ctx, m.id, { endDate: '2022-03-31', reason: 'term ended' });
    await createMembership(ctx, { person: b.id, organization: 'council', post: 'seat-1', role: 'councillor', startDate: '2022-04-01' });
    const holder = async (d: string) => (await listMemberships(ctx, { post: 'seat-1', asOf: d })).items.map((x) => x.person.displayName);
    expect(await holder('2020-01-01')).toEqual(['Old Councillor']);
    expect(await holder('2022-03-31')).toEqual(['Old Councillor']);
    expect(await holder('2022-04-01')).toEqual(['New Councillor']);

    const s = await createPerson(ctx, { givenName: 'Sensor', rank: 'chuunin' });
    await createMembership(ctx, { person: s.id, organization: 'western-garrison', role: 'sensor', startDate: '2023-01-01' });
    expect((await searchPeople(ctx, { organization: 'military' })).items.map((x) => x.id)).toEqual([s.id]);
    expect((await getOrganization(ctx, 'military')).children.map((c) => c.name)).toEqual(['Western garrison']);
  });

  it('refuses a membership ending before it starts, and ending one twice', async () => {
    const p = await createPerson(ctx, { givenName: 'Masa', rank: 'civilian' });
    const e = await rejects(createMembership(ctx, { person: p.id, organization: 'council', startDate: '2024-01-02', endDate: '2024-01-01' }));
    expect(e.details[0]!.path).toBe('body.endDate');
    const m = await createMembership(ctx, { person: p.id, organization: 'council', startDate: '2024-01-02' });
    await endMembership(ctx, m.id, { endDate: '2025-01-01' });
    expect((await rejects(endMembership(ctx, m.id, { endDate: '2025-02-01' }))).status).toBe(409);
  });

  it('pages through people in a stable order with a total', async () => {
    for (let i = 0; i < 12; i++) await createPerson(ctx, { givenName: `Pager${String(i).padStart(2, '0')}`, rank: 'genin' });
    const first = await searchPeople(ctx, { q: 'pager', limit: 5, offset: 0 });
    const second = await searchPeople(ctx, { q: 'pager', limit: 5, offset: 5 });
    const third = await searchPeople(ctx, { q: 'pager', limit: 5, offset: 10 });
    expect(first.total).toBe(12);
    const names = [...first.items, ...second.items, ...third.items].map((p) => p.displayName);
    expect(names).toEqual(Array.from({ length: 12 }, (_, i) => `Pager${String(i).padStart(2, '0')}`));
  });

  it('announces committed writes on the event bus, and not rolled-back ones', async () => {
    const bus = listen(ctx.events);
    await bus.settle(ctx.db);
    // The rolled-back write first: events arrive in commit order, so once the committed one is
    // heard, an announcement of the rolled-back one would already be here. No sleeping.
    await rejects(createPerson(ctx, { givenName: 'Rolled back', rank: 'genin', birthVillage: 'nowhere' }));
    const made = await createPerson(ctx, { givenName: 'Evented', rank: 'genin' });
    await bus.next((e) => e.type === 'registry.person.created' && e.payload.id === made.id, 'the committed person');
    expect(bus.events.map((e) => e.type)).toEqual(['registry.person.created']);
  });
});
