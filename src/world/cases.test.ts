// The demo's cases (WORLD.md, issue 13): the breach inquest exists for the Kazekage and Kankuro
// (BREACH) with its three items and their unbroken chains; the aide (ANBU, same level) and a genin
// find neither it nor its evidence; the extradition is under legal review with the decision on the
// Kazekage's desk; Konoha was told of each step of its prisoner transfer by hawk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../kernel/testing/dialects.ts';
import { withActor, type AppContext } from '../kernel/context.ts';
import { searchPeople } from '../modules/registry/index.ts';
import { listItems } from '../modules/desk/index.ts';
import { getCase, getCustodyReport, getEvidence, listCases, listRequests, getRequest } from '../modules/cases/index.ts';
import { loadDemoWorld } from './demo.ts';
import { ANTIDOTE_SHA256, INQUEST_TITLE } from './cases.ts';

describe.each(DIALECTS)('the demo cases on %s', (dialect) => {
  let app: TestApp;
  const who: Record<string, AppContext> = {};
  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => new Date('2026-11-27T09:00:00Z') });
    await loadDemoWorld(app.ctx);
    const as = async (q: string, username: string, role: any, level: any, compartments: string[]) => {
      const p = (await searchPeople(app.ctx, { q })).items[0]!;
      who[username] = withActor(app.ctx, { kind: 'user', username, role, personId: p.id, clearance: { level, compartments } });
    };
    await as('gaara', 'gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await as('kankuro', 'kankuro', 'jounin', 'secret', ['BREACH']);
    await as('aiko', 'aiko', 'clerk', 'secret', ['ANBU']);
    await as('naruto', 'naruto', 'genin', 'public', []);
  }, 240_000);
  afterAll(async () => app?.drop());

  it('has the breach inquest, secret / BREACH, under investigation, with three items whose chains are unbroken', async () => {
    const list = await listCases(who.kankuro!, { kind: 'inquest' });
    const inquest = list.items.find((c) => c.title === INQUEST_TITLE)!;
    expect(inquest).toMatchObject({ code: 'INQ-2026-S.BREACH-001', state: 'investigating', classification: 'secret', compartments: ['BREACH'] });
    const page = await getCase(who.kankuro!, inquest.code);
    expect(page.evidence.map((e) => [e.code, e.transfers])).toEqual([['INQ-2026-S.BREACH-001/E-01', 3], ['INQ-2026-S.BREACH-001/E-02', 1], ['INQ-2026-S.BREACH-001/E-03', 2]]);
    expect(page.parties.filter((p) => p.role === 'subject')).toHaveLength(3);
    const antidote = await getEvidence(who.kankuro!, 'INQ-2026-S.BREACH-001/E-02');
    expect(antidote.sha256).toBe(ANTIDOTE_SHA256);
    expect(antidote.chain[0]!.sha256).toBe(ANTIDOTE_SHA256);
    for (const e of page.evidence) expect((await getCustodyReport(who.kankuro!, e.code)).split('\n')).toContain('Chain: unbroken');
  });

  it('shows none of the inquest to the aide (ANBU) or a genin: not listed, not counted, not found', async () => {
    for (const outsider of [who.aiko!, who.naruto!]) {
      const list = await listCases(outsider);
      expect(list.items.map((c) => c.title)).not.toContain(INQUEST_TITLE);
      expect(list.total).toBe(0);
      await expect(getCase(outsider, 'INQ-2026-S.BREACH-001')).rejects.toMatchObject({ status: 404 });
      await expect(getEvidence(outsider, 'INQ-2026-S.BREACH-001/E-01')).rejects.toMatchObject({ status: 404 });
      await expect(getCustodyReport(outsider, 'INQ-2026-S.BREACH-001/E-01')).rejects.toMatchObject({ status: 404 });
    }
  });

  it('has the extradition under legal review with its decision on the Kazekage\'s desk, and the prisoner transfer approved with Konoha told by hawk', async () => {
    const requests = (await listRequests(who.aiko!)).items;
    const extradition = requests.find((r) => r.kind === 'extradition')!;
    expect(extradition.state).toBe('legal_review');
    const desk = (await listItems(who.gaara!)).items.filter((i) => i.kind === 'cases.request.decision');
    expect(desk.map((i) => i.record.id)).toEqual([extradition.id]);
    const transfer = await getRequest(who.aiko!, requests.find((r) => r.kind === 'prisoner_transfer')!.code);
    expect(transfer.state).toBe('approved');
    expect(transfer.steps.map((s) => s.noticeVia)).toEqual(['hawk', 'hawk', 'hawk', 'hawk']);
    expect(transfer.persons).toEqual([expect.objectContaining({ name: 'Genzo Akabane' })]);
  });
});
