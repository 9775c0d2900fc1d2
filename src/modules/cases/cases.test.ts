// /api/cases over HTTP on both databases: the breach inquest (secret / BREACH) exists only for
// readers in BREACH — an ANBU reader at the same level and a genin see neither it nor its evidence,
// exactly as unknown ones; lifecycle refusals in the pure core's words; custody (only the holder
// releases, refusals audited, two racing releases: one wins); dispositions before closing;
// frozen findings (service and trigger); separation of duty on requests, notices, the desk item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createMembership, createOrganization, createPerson, createPost, createVillage } from '../registry/index.ts';
import { setRoutes } from '../post/index.ts';
import { transferEvidence, transitionCase } from './index.ts';

const SHA = 'a'.repeat(64);
const OTHER_SHA = 'b'.repeat(64);

describe.each(DIALECTS)('cases over HTTP on %s', (dialect) => {
  let s: TestServer;
  const id: Record<string, string> = {};
  const who: Record<string, AppContext> = {};
  const now = new Date('2026-11-20T09:00:00Z');
  const CAST = [
    ['gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']],
    ['kankuro', 'jounin', 'secret', ['BREACH']],
    ['hawk', 'anbu', 'secret', ['ANBU']],
    ['naruto', 'genin', 'public', []],
    ['aiko', 'clerk', 'secret', ['BREACH']],
    ['medic', 'medic', 'secret', ['BREACH']],
  ] as const;

  async function as(username: string) {
    return (await logIn(s, username, `sand ${username.length} dunes of the 42 winds`)).call;
  }
  type Caller = Awaited<ReturnType<typeof as>>;
  const http: Record<string, Caller> = {};
  /** A hand-over in two hands: `from` releases, `to` confirms what it released (the receipt's answer). */
  async function handOver(from: Caller, to: Caller, item: string, release: Record<string, unknown>) {
    const released = await from('POST', `/api/cases/evidence/${encodeURIComponent(item)}/transfers`, release);
    expect(released.statusCode, released.body).toBe(200);
    const { at, condition, sealIntact, sha256 } = release;
    return to('POST', `/api/cases/evidence/${encodeURIComponent(item)}/receipt`, { at, condition, sealIntact, ...(sha256 ? { sha256 } : {}) });
  }
  let inquest = '';
  let poison = '';

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    for (const [key, role, level, comps] of CAST) {
      id[key] = (await createPerson(op, { givenName: key, rank: 'jounin' })).id;
      await createAccount(op, { username: key, personId: id[key]!, displayName: key, role, clearance: level, compartments: [...comps], password: `sand ${key.length} dunes of the 42 winds` });
      who[key] = withActor(op, { kind: 'user', role, username: key, personId: id[key], clearance: { level, compartments: [...comps] } });
      http[key] = await as(key);
    }
    id.yuya = (await createPerson(op, { givenName: 'Yuya', rank: 'jounin' })).id;
    id.prisoner = (await createPerson(op, { givenName: 'Daikoku', rank: 'chuunin' })).id;
    id.secretPerson = (await createPerson(op, { givenName: 'Masked', rank: 'jounin', classification: 'secret', compartments: ['ANBU'] })).id;
    for (const v of ['suna', 'yuki', 'konoha']) await createVillage(op, { code: v, name: v });
    await setRoutes(op, { routes: [{ from: 'konoha', to: 'suna', distanceKm: 900, hawkKmh: 60 }] });
    await createOrganization(op, { code: 'kazekage-office', name: "Kazekage's office", kind: 'executive' });
    await createPost(op, { code: 'kazekage', label: 'Kazekage', organization: 'kazekage-office' });
    await createMembership(op, { person: id.gaara!, organization: 'kazekage-office', post: 'kazekage', startDate: '2020-01-01' });
    // The breach inquest, opened by the Kazekage, with the poison sample collected by Kankuro.
    const opened = await http.gaara!('POST', '/api/cases/cases', { kind: 'inquest', title: 'The breach in Snow', classification: 'secret', compartments: ['BREACH'], parties: [{ person: id.yuya, role: 'subject' }, { person: id.kankuro, role: 'witness' }] });
    if (opened.statusCode !== 201) throw new Error(opened.body);
    inquest = opened.json().code;
    const item = await http.gaara!('POST', `/api/cases/cases/${inquest}/evidence`, { description: 'Poison sample', condition: 'sealed vial', sealNumber: 'S-1', collectedBy: id.kankuro, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: "Snow's hospital" });
    if (item.statusCode !== 201) throw new Error(item.body);
    poison = item.json().code;
  }, 120_000);
  afterAll(async () => s?.close());

  it('numbers a case per kind, year and label, and answers bad input with every problem at its path', async () => {
    expect(inquest).toBe('INQ-2026-S.BREACH-001');
    expect(poison).toBe('INQ-2026-S.BREACH-001/E-01');
    const second = await http.gaara!('POST', '/api/cases/cases', { kind: 'trial', title: 'A trial' });
    expect(second.json().code).toBe('TRL-2026-001');
    // Hawk (secret, ANBU) cannot see the breach inquest, so no code he is given may count it: his
    // inquests are the first of their series, and every series he can see runs 1, 2, 3… with no gap.
    const open = async (c: Caller, label: object) => { const r = await c('POST', '/api/cases/cases', { kind: 'inquest', title: 'A quarrel at the well', ...label }); expect(r.statusCode, r.body).toBe(201); return r.json().code; };
    expect(await open(http.hawk!, {})).toBe('INQ-2026-001');
    expect(await open(http.hawk!, { classification: 'secret', compartments: ['ANBU'] })).toBe('INQ-2026-S.ANBU-001');
    expect(await open(http.gaara!, { classification: 'secret', compartments: ['BREACH'] })).toBe('INQ-2026-S.BREACH-002');
    expect(await open(http.hawk!, {})).toBe('INQ-2026-002');
    for (const reader of [http.hawk!, http.naruto!, http.kankuro!]) {
      const codes: string[] = (await reader('GET', '/api/cases/cases?limit=500')).json().items.map((c: any) => c.code);
      const series = new Map<string, number[]>();
      for (const code of codes) {
        const m = /^(.*)-(\d+)$/.exec(code)!;
        series.set(m[1]!, [...(series.get(m[1]!) ?? []), Number(m[2])]);
      }
      for (const [name, numbers] of series) expect(numbers.sort((a, b) => a - b), name).toEqual(numbers.map((_, i) => i + 1));
    }
    const bad = await http.gaara!('POST', '/api/cases/cases', { kind: 'séance', title: '   ', parties: [{ person: id.yuya, role: 'accomplice' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: any) => d.path).sort()).toEqual(['body.kind', 'body.parties.0.role', 'body.title']);
    const badItem = await http.gaara!('POST', `/api/cases/cases/${inquest}/evidence`, { description: 'x', condition: 'x', collectedBy: id.kankuro, collectedAt: 'yesterday', collectedWhere: 'x', sha256: 'abc' });
    expect(badItem.statusCode).toBe(400);
    expect(badItem.json().error.details.map((d: any) => d.path).sort()).toEqual(['body.collectedAt', 'body.sha256']);
  });

  it('hides the breach inquest from readers outside BREACH — ANBU at the same level and a genin — exactly as an unknown case', async () => {
    const list = async (c: Caller) => (await c('GET', '/api/cases/cases?limit=500')).json();
    expect((await list(http.kankuro!)).items.map((c: any) => c.code)).toContain(inquest);
    for (const outsider of [http.hawk!, http.naruto!]) {
      const l = await list(outsider);
      expect(l.items.map((c: any) => c.code)).not.toContain(inquest);
      expect(l.total).toBe(l.items.length);
      for (const [hidden, unknown] of [[`/api/cases/cases/${inquest}`, '/api/cases/cases/INQ-2026-999'], [`/api/cases/evidence/${encodeURIComponent(poison)}`, `/api/cases/evidence/${encodeURIComponent('INQ-2026-999/E-01')}`],
        [`/api/cases/evidence/${encodeURIComponent(poison)}/custody-report`, `/api/cases/evidence/${encodeURIComponent('INQ-2026-999/E-01')}/custody-report`]]) {
        const h = await outsider('GET', hidden!);
        const u = await outsider('GET', unknown!);
        expect(h.statusCode).toBe(404);
        expect(h.body.replace(inquest, 'X')).toBe(u.body.replace(/INQ-2026-999/, 'X'));
      }
    }
    const page = (await http.kankuro!('GET', `/api/cases/cases/${inquest}`)).json();
    expect(page.evidence.map((e: any) => e.code)).toEqual([poison]);
    expect(page.parties).toHaveLength(2);
    // Reading a classified case is audited, under its label.
    const read = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['actor', 'classification']).where('action', '=', 'cases.read').where('object_id', '=', page.id).execute();
    expect(read).toContainEqual({ actor: 'user:kankuro', classification: 'secret' });
  });

  it('shows a link to a person the reader may not see to nobody but those who may see both ends, and refuses a link to missions until that module is there', async () => {
    const c = (await http.gaara!('POST', '/api/cases/cases', { kind: 'investigation', title: 'Masked man', classification: 'secret' })).json();
    expect((await http.gaara!('POST', `/api/cases/cases/${c.code}/links`, { kind: 'registry.person', ref: id.secretPerson, note: 'the informant in the ANBU file' })).statusCode).toBe(200);
    const seen = (await http.hawk!('GET', `/api/cases/cases/${c.code}`)).json();
    expect(seen.links[0].record.id).toBe(id.secretPerson);
    expect(seen.links[0].note).toBe('the informant in the ANBU file');
    // The note goes with the record it describes.
    const withheld = await http.kankuro!('GET', `/api/cases/cases/${c.code}`);
    // A link shows only with both its ends: to Kankuro (secret, no ANBU) there is none.
    expect(withheld.json().links).toEqual([]);
    expect(withheld.body).not.toContain(id.secretPerson);
    expect(withheld.body).not.toContain('informant');
    const mission = await http.gaara!('POST', `/api/cases/cases/${c.code}/links`, { kind: 'missions.mission', ref: 'M-2026-001' });
    if (s.app.ctx.references?.has('missions.mission')) expect(mission.statusCode).toBe(422);
    else expect(mission.json().error.code).toBe('CASES_LINK_KIND_UNAVAILABLE');
  });

  it('takes only legal transitions, refusing in words; closing needs a resolution, no open task and every disposition; findings freeze', async () => {
    const c = (await http.gaara!('POST', '/api/cases/cases', { kind: 'inquest', title: 'Lifecycle', classification: 'restricted' })).json().code;
    const step = (body: object) => http.gaara!('POST', `/api/cases/cases/${c}/transitions`, body);
    const early = await step({ transition: 'close', resolution: 'substantiated' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/cannot be closed: it can only be opened/i);
    for (const t of ['open', 'investigate']) expect((await step({ transition: t })).statusCode).toBe(200);
    const task = (await http.gaara!('POST', `/api/cases/cases/${c}/tasks`, { title: 'Interview the medic' })).json().tasks[0].id;
    const item = (await http.gaara!('POST', `/api/cases/cases/${c}/evidence`, { description: 'Kunai', condition: 'bloodied', collectedBy: id.kankuro, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'the pass' })).json().code;
    await http.gaara!('POST', `/api/cases/cases/${c}/entries`, { kind: 'finding', on: '2026-11-20', text: 'The kunai is Akito\'s.' });
    expect((await step({ transition: 'submit_for_review' })).statusCode).toBe(200);
    const noResolution = await step({ transition: 'close' });
    expect(noResolution.statusCode).toBe(409);
    expect(noResolution.json().error.message).toMatch(/needs a resolution/i);
    // Where the request is wrong, the answer says so at the field; a refusal of the case's state names none.
    expect(noResolution.json().error.details.map((d: any) => d.path)).toEqual(['body.resolution']);
    expect((await step({ transition: 'close', resolution: 'maybe' })).json().error.details.map((d: any) => d.path)).toEqual(['body.resolution']);
    const openTask = await step({ transition: 'close', resolution: 'substantiated' });
    expect(openTask.json().error.message).toMatch(/1 task is still open/i);
    expect(openTask.json().error.details).toEqual([]);
    await http.gaara!('POST', `/api/cases/cases/${c}/tasks/${task}/done`);
    const noDisposition = await step({ transition: 'close', resolution: 'substantiated' });
    expect(noDisposition.statusCode).toBe(409);
    expect(noDisposition.json().error.message).toContain(`record one for ${item} first`);
    await http.gaara!('POST', `/api/cases/evidence/${encodeURIComponent(item)}/disposition`, { disposition: 'retained_as_record' });
    const closed = await step({ transition: 'close', resolution: 'substantiated' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', resolution: 'substantiated' });
    expect(closed.json().timeline.map((t: any) => t.to)).toEqual(['open', 'investigating', 'pending_review', 'closed']);
    expect(closed.json().entries[0].frozen).toBe(true);
    const late = await http.gaara!('POST', `/api/cases/cases/${c}/entries`, { kind: 'finding', on: '2026-11-20', text: 'Second thoughts.' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('CASES_FINDINGS_FROZEN');
    // Around the service too: the database refuses to rewrite or remove a finding of a closed case.
    const caseId = closed.json().id;
    await expect(sql`update cases_entry set text = 'rewritten' where case_id = ${caseId} and kind = 'finding'`.execute(s.app.ctx.db)).rejects.toThrow(/immutable/);
    await expect(sql`delete from cases_entry where case_id = ${caseId}`.execute(s.app.ctx.db)).rejects.toThrow(/immutable/);
    // Every transition and every refusal is in the audit log.
    const audit = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['outcome', 'detail']).where('action', '=', 'cases.case.transition').where('object_id', '=', caseId).execute();
    expect(audit.map((a) => a.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const reopen = await step({ transition: 'reopen' });
    expect(reopen.json().error.message).toMatch(/needs a reason/i);
    // The missing reason is the request's to fix: said at its field, as the resolution is.
    expect(reopen.json().error.details.map((d: any) => d.path)).toEqual(['body.reason']);
    expect((await step({ transition: 'reopen', reason: 'new evidence from Snow' })).json().state).toBe('reopened');
  });

  it('lets only the current custodian release an item (refusals audited), checks a digital item\'s hash, and prints the report', async () => {
    const byHawk = await http.aiko!('POST', `/api/cases/evidence/${encodeURIComponent(poison)}/transfers`, { receivedBy: id.medic, at: '2026-11-17T10:00:00Z', purpose: 'analysis', condition: 'sealed', sealIntact: true });
    expect(byHawk.statusCode).toBe(403);
    expect(byHawk.json().error.message).toMatch(/only the current custodian, kankuro, can release/i);
    const denied = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['actor', 'outcome']).where('action', '=', 'cases.custody.release').where('outcome', '=', 'denied').execute();
    expect(denied.map((d) => d.actor)).toContain('user:aiko');
    const ok = await handOver(http.kankuro!, http.medic!, poison, { receivedBy: id.medic, at: '2026-11-17T10:00:00Z', purpose: 'analysis', condition: 'sealed', sealIntact: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().custodian.id).toBe(id.medic);
    const again = await http.kankuro!('POST', `/api/cases/evidence/${encodeURIComponent(poison)}/transfers`, { receivedBy: id.aiko, at: '2026-11-18T10:00:00Z', purpose: 'storage', condition: 'sealed', sealIntact: true });
    expect(again.statusCode).toBe(403);
    // A digital item: the hash computed at the hand-over must be the one recorded at collection.
    const record = (await http.gaara!('POST', `/api/cases/cases/${inquest}/evidence`, { description: 'Antidote record', condition: 'intact file', collectedBy: id.kankuro, collectedAt: '2026-11-14T09:00:00Z', collectedWhere: "Snow's hospital", sha256: SHA })).json().code;
    const wrong = await http.kankuro!('POST', `/api/cases/evidence/${encodeURIComponent(record)}/transfers`, { receivedBy: id.aiko, at: '2026-11-17T10:00:00Z', purpose: 'records', condition: 'intact', sealIntact: true, sha256: OTHER_SHA });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.message).toMatch(/the copy is not the item/i);
    // A hash is the release's to get right: refused at its field, left out or given for a physical item.
    expect(wrong.json().error.details.map((d: any) => d.path)).toEqual(['body.sha256']);
    const bare = await http.kankuro!('POST', `/api/cases/evidence/${encodeURIComponent(record)}/transfers`, { receivedBy: id.aiko, at: '2026-11-17T10:00:00Z', purpose: 'records', condition: 'intact', sealIntact: true });
    expect([bare.statusCode, bare.json().error.details.map((d: any) => d.path)]).toEqual([409, ['body.sha256']]);
    expect(bare.json().error.message).toMatch(/needs its SHA-256/);
    const right = await handOver(http.kankuro!, http.aiko!, record, { receivedBy: id.aiko, at: '2026-11-17T10:00:00Z', purpose: 'records', condition: 'intact', sealIntact: true, sha256: SHA });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json().custodian.id).toBe(id.aiko);
    const report = await http.kankuro!('GET', `/api/cases/evidence/${encodeURIComponent(poison)}/custody-report`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/plain');
    expect(report.body).toContain(`CHAIN OF CUSTODY — ${poison}`);
    expect(report.body).toContain('1. 2026-11-17T10:00:00.000Z  kankuro → medic; purpose: analysis');
    expect(report.body).toContain('Current custodian: medic');
    expect(report.body).toContain('Chain: unbroken');
  });

  it('lets one of two racing releases of the same link win; the other is refused', async () => {
    const item = (await http.gaara!('POST', `/api/cases/cases/${inquest}/evidence`, { description: 'Senbon', condition: 'bagged', collectedBy: id.kankuro, collectedAt: '2026-11-14T10:00:00Z', collectedWhere: 'the pass' })).json().code;
    const release = (to: string) => transferEvidence(who.kankuro!, item, { receivedBy: id[to]!, at: '2026-11-17T11:00:00Z', purpose: `to ${to}`, condition: 'bagged', sealIntact: true });
    const results = await Promise.allSettled([release('aiko'), release('medic')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    // The loser read the release the winner wrote: the item already waits for someone else.
    expect(lost.reason.status).toBe(409);
    expect(lost.reason.message).toMatch(/already released to (aiko|medic)/);
    const e = (await http.gaara!('GET', `/api/cases/evidence/${encodeURIComponent(item)}`)).json();
    expect(e.chain).toHaveLength(0);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<any>).value.handover.receivedBy.id;
    expect(e.handover.receivedBy.id).toBe(winner);
    // Both receivers confirming at once: the one released to wins, the other is refused.
    const confirms = await Promise.all(['aiko', 'medic'].map((k) => http[k]!('POST', `/api/cases/evidence/${encodeURIComponent(item)}/receipt`, { condition: 'bagged', sealIntact: true })));
    // The other is refused: as not the receiver (403) if it came first, or finding nothing left to receive (409).
    const codes = confirms.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([403, 409]).toContain(codes[1]);
    const after = (await http.gaara!('GET', `/api/cases/evidence/${encodeURIComponent(item)}`)).json();
    expect([after.chain.length, after.custodian.id, after.handover]).toEqual([1, winner, null]);
  });

  it('takes one of two steps of a case made at once from the same state; the other is refused, and the timeline has one', async () => {
    const c = (await http.gaara!('POST', '/api/cases/cases', { kind: 'investigation', title: 'Two decisions at once' })).json();
    for (const transition of ['open', 'investigate', 'submit_for_review']) await http.gaara!('POST', `/api/cases/cases/${c.code}/transitions`, { transition });
    // Closing and returning to investigation both start from pending review: only one may.
    const results = await Promise.allSettled([
      transitionCase(who.gaara!, c.code, { transition: 'close', resolution: 'withdrawn' }),
      transitionCase(who.gaara!, c.code, { transition: 'return_to_investigation' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason.status).toBe(409);
    const page = (await http.gaara!('GET', `/api/cases/cases/${c.code}`)).json();
    expect(page.timeline.map((t: any) => t.from)).toEqual(['intake', 'open', 'investigating', 'pending_review']);
    expect(page.version).toBe(5);
  });

  it('keeps the drafter from approving, notices every step to the requesting village, and puts the decision on the Kazekage\'s desk', async () => {
    const drafted = await http.gaara!('POST', '/api/cases/requests', { kind: 'extradition', requestingVillage: 'suna', requestedVillage: 'yuki', persons: [id.yuya], basis: 'Attempted murder of the Kazekage (section 14-203).', classification: 'restricted' });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const code = drafted.json().code;
    // The first restricted request: numbered in the restricted series of its own, marked so.
    expect(code).toBe('IVR-2026-R-001');
    for (const t of ['transmit', 'acknowledge', 'begin_legal_review']) expect((await http.gaara!('POST', `/api/cases/requests/${code}/steps`, { transition: t })).statusCode).toBe(200);
    const own = await http.gaara!('POST', `/api/cases/requests/${code}/steps`, { transition: 'approve' });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toMatch(/the drafter of a request cannot approve it/i);
    const noGround = await http.gaara!('POST', `/api/cases/requests/${code}/steps`, { transition: 'deny', grounds: ['we said so'] });
    expect(noGround.json().error.message).toMatch(/not a ground for denial/i);
    expect(noGround.json().error.details.map((d: any) => d.path)).toEqual(['body.grounds']);
    const r = (await http.gaara!('GET', `/api/cases/requests/${code}`)).json();
    expect(r.steps.map((x: any) => [x.to, x.noticeVia])).toEqual([['transmitted', 'record'], ['acknowledged', 'record'], ['legal_review', 'record']]);
    expect(r.steps[2].notice).toBe(`Request ${code} has been put under legal review.`);

    // Konoha asks Suna for a prisoner: Suna's steps fly to Konoha by hawk; the Kazekage decides on his desk.
    const transfer = (await http.kankuro!('POST', '/api/cases/requests', { kind: 'prisoner_transfer', requestingVillage: 'konoha', requestedVillage: 'suna', persons: [id.prisoner], basis: 'Trial in the Land of Fire.', classification: 'restricted' })).json().code;
    for (const t of ['transmit', 'acknowledge', 'begin_legal_review']) expect((await http.kankuro!('POST', `/api/cases/requests/${transfer}/steps`, { transition: t })).statusCode).toBe(200);
    const steps = (await http.kankuro!('GET', `/api/cases/requests/${transfer}`)).json().steps;
    expect(steps.every((x: any) => x.noticeVia === 'hawk' && x.noticeMessage)).toBe(true);
    const items = (await http.gaara!('GET', '/api/desk/items')).json().items.filter((i: any) => i.kind === 'cases.request.decision');
    expect(items.map((i: any) => i.record.id)).toContain((await http.gaara!('GET', `/api/cases/requests/${transfer}`)).json().id);
    const item = items.find((i: any) => i.title.includes(transfer));
    const decided = await http.gaara!('POST', `/api/desk/items/${item.id}/decision`, { decision: 'approve' });
    expect(decided.statusCode, decided.body).toBe(200);
    const after = (await http.kankuro!('GET', `/api/cases/requests/${transfer}`)).json();
    expect(after.state).toBe('approved');
    expect(after.steps.at(-1)).toMatchObject({ transition: 'approve', by: { id: id.gaara } });
    // A jounin may move a request but not decide it.
    expect((await http.kankuro!('POST', `/api/cases/requests/${code}/steps`, { transition: 'approve' })).statusCode).toBe(403);
    // Nor may the drafter approve through one acting for him: Kankuro, acting Kazekage, approving
    // from Gaara's desk the request Gaara drafted, is refused and nothing moves (found by a13c).
    const acting = await http.gaara!('POST', '/api/desk/delegations', { delegate: id.kankuro, from: new Date(now.getTime() - 3_600_000).toISOString(), to: new Date(now.getTime() + 86_400_000).toISOString() });
    expect(acting.statusCode, acting.body).toBe(201);
    const ownItem = (await http.gaara!('GET', '/api/desk/items')).json().items.find((i: any) => i.kind === 'cases.request.decision' && i.title.includes(code));
    const throughDelegate = await http.kankuro!('POST', `/api/desk/items/${ownItem.id}/decision`, { decision: 'approve' });
    expect(throughDelegate.statusCode).toBe(409);
    expect(throughDelegate.json().error.message).toMatch(/the drafter of a request cannot approve it through one acting for them/i);
    expect((await http.gaara!('GET', `/api/cases/requests/${code}`)).json().state).toBe('legal_review');
    expect((await http.gaara!('POST', `/api/desk/delegations/${acting.json().id}/revoke`)).statusCode).toBe(200);
  });

  it('lets nobody release an item in its holder\'s name: a user records only a release of their own, refused and audited otherwise', async () => {
    // Kankuro holds a fresh item; the ANBU officer of the inquest's level and the medic (custody right, BREACH) do not.
    const c = (await http.gaara!('POST', '/api/cases/cases', { kind: 'investigation', title: 'Custody in another\'s name', classification: 'secret', compartments: ['BREACH'] })).json().code;
    const item = (await http.gaara!('POST', `/api/cases/cases/${c}/evidence`, { description: 'Senbon', condition: 'bagged', collectedBy: id.kankuro, collectedAt: '2026-11-14T10:00:00Z', collectedWhere: 'the pass' })).json().code;
    const url = `/api/cases/evidence/${encodeURIComponent(item)}/transfers`;
    const taken = await http.medic!('POST', url, { releasedBy: id.kankuro, receivedBy: id.medic, at: '2026-11-17T10:00:00Z', purpose: 'take it', condition: 'bagged', sealIntact: true });
    expect(taken.statusCode, taken.body).toBe(403);
    expect(taken.json().error.code).toBe('CASES_NOT_THE_CUSTODIAN');
    const byClerk = await http.aiko!('POST', url, { releasedBy: id.kankuro, receivedBy: id.gaara, at: '2026-11-17T10:00:00Z', purpose: 'storage', condition: 'bagged', sealIntact: true });
    expect(byClerk.statusCode, byClerk.body).toBe(403);
    const e = (await http.gaara!('GET', `/api/cases/evidence/${encodeURIComponent(item)}`)).json();
    expect(e.custodian.id).toBe(id.kankuro);
    expect(e.chain).toHaveLength(0);
    const denied = await s.app.ctx.db.selectFrom('kernel_audit_log').select('actor').where('action', '=', 'cases.custody.release').where('outcome', '=', 'denied').where('object_id', '=', e.id).execute();
    expect(denied.map((d) => d.actor).sort()).toEqual(['user:aiko', 'user:medic']);
    // The holder naming themself is a release of their own.
    const own = await handOver(http.kankuro!, http.medic!, item, { releasedBy: id.kankuro, receivedBy: id.medic, at: '2026-11-17T10:00:00Z', purpose: 'analysis', condition: 'bagged', sealIntact: true });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().custodian.id).toBe(id.medic);
  });

  it('passes custody only when the receiver confirms in their own name; declined, withdrawn or confirmed from the desk, each audited', async () => {
    const c = (await http.gaara!('POST', '/api/cases/cases', { kind: 'investigation', title: 'Two hands', classification: 'secret', compartments: ['BREACH'] })).json().code;
    const item = (await http.gaara!('POST', `/api/cases/cases/${c}/evidence`, { description: 'Vial', condition: 'sealed', collectedBy: id.kankuro, collectedAt: '2026-11-14T10:00:00Z', collectedWhere: 'the pass' })).json().code;
    const at = (path: string) => `/api/cases/evidence/${encodeURIComponent(item)}${path}`;
    const read = async (k = 'gaara') => (await http[k]!('GET', at(''))).json();
    const release = { receivedBy: id.medic, at: '2026-11-17T10:00:00Z', purpose: 'analysis', condition: 'sealed', sealIntact: true };
    // Nobody says for the receiver that they received it.
    const forThem = await http.kankuro!('POST', at('/transfers'), { ...release, receiverConfirmed: true });
    expect(forThem.statusCode, forThem.body).toBe(400);
    expect(forThem.json().error.details.map((d: any) => d.path)).toEqual(['body.receiverConfirmed']);
    expect((await read()).handover).toBeNull();
    // Not to someone who could not see it to confirm: the ANBU officer differs from the medic only by compartment.
    const uncleared = await http.kankuro!('POST', at('/transfers'), { ...release, receivedBy: id.hawk });
    expect(uncleared.statusCode, uncleared.body).toBe(409);
    expect(uncleared.json().error.message).toMatch(/hawk has no account cleared for secret \(BREACH\), so they could not see/i);
    const released = await http.kankuro!('POST', at('/transfers'), release);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ custodian: { id: id.kankuro }, transfers: 0, handover: { receivedBy: { id: id.medic }, releasedAt: '2026-11-17T10:00:00.000Z', youReleased: true, youReceive: false } });
    expect((await read('medic')).handover).toMatchObject({ youReceive: true, youReleased: false });
    const printed = (await http.gaara!('GET', at('/custody-report'))).body.split('\n');
    expect(printed).toContain('Current custodian: kankuro');
    expect(printed).toContain('Awaiting receipt: released to medic at 2026-11-17T10:00:00.000Z (purpose: analysis); custody passes when they confirm');
    // No disposition while it waits: a receipt and a disposition must not cross.
    for (const [who, disposition] of [['kankuro', 'destroyed'], ['gaara', 'retained_as_record']] as const) {
      const disposed = await http[who]!('POST', at('/disposition'), { disposition });
      expect(disposed.statusCode, disposed.body).toBe(409);
      expect(disposed.json().error.message).toMatch(/awaits its receiver/);
    }
    // One receiver at a time.
    const twice = await http.kankuro!('POST', at('/transfers'), { ...release, receivedBy: id.aiko });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/already released to medic/);
    // A refusal of the hand-over itself names no field: only a wrong or missing hash is placed at body.sha256.
    expect([uncleared.json().error.details, twice.json().error.details]).toEqual([[], []]);
    // The receipt is on the receiver's desk.
    const desk = (await http.medic!('GET', '/api/desk/items')).json().items.filter((i: any) => i.kind === 'cases.custody.receipt' && i.record.id === released.json().id);
    expect(desk).toHaveLength(1);
    // Anyone else who may handle custody and sees the item is refused, and audited; one outside BREACH does not see it.
    const byClerk = await http.aiko!('POST', at('/receipt'), { condition: 'sealed', sealIntact: true });
    expect(byClerk.statusCode, byClerk.body).toBe(403);
    expect(byClerk.json().error.message).toMatch(/only medic, to whom .* was released, can confirm its receipt/i);
    expect((await http.hawk!('POST', at('/receipt'), { condition: 'sealed', sealIntact: true })).statusCode).toBe(404);
    const denied = await s.app.ctx.db.selectFrom('kernel_audit_log').select('actor').where('action', '=', 'cases.custody.receive').where('outcome', '=', 'denied').where('object_id', '=', released.json().id).execute();
    expect(denied.map((d) => d.actor)).toEqual(['user:aiko']);
    const early = await http.medic!('POST', at('/receipt'), { at: '2026-11-17T09:59:59Z', condition: 'sealed', sealIntact: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/comes before the release/);
    // Nor does a refused receipt, but for its hash (body.sha256, below): this one is about its time.
    expect(early.json().error.details).toEqual([]);
    expect((await read()).custodian.id).toBe(id.kankuro);
    // The receiver's own word on what they found is what the chain keeps.
    const got = await http.medic!('POST', at('/receipt'), { at: '2026-11-17T10:20:00Z', condition: 'seal cracked', sealIntact: false });
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({ custodian: { id: id.medic }, transfers: 1, handover: null });
    expect(got.json().chain[0]).toMatchObject({ releasedBy: { id: id.kankuro }, receivedBy: { id: id.medic }, at: '2026-11-17T10:20:00.000Z', condition: 'seal cracked', sealIntact: false, releaserConfirmed: true, receiverConfirmed: true });
    expect((await http.medic!('GET', '/api/desk/items')).json().items.filter((i: any) => i.kind === 'cases.custody.receipt' && i.record.id === got.json().id)).toHaveLength(0);
    // Declined by its receiver, withdrawn by its releaser: the item stays where it was.
    await http.medic!('POST', at('/transfers'), { ...release, receivedBy: id.aiko, at: '2026-11-18T10:00:00Z' });
    expect((await http.kankuro!('POST', at('/decline'), { reason: 'not mine' })).statusCode).toBe(403);
    const declined = await http.aiko!('POST', at('/decline'), { reason: 'the store is full' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ custodian: { id: id.medic }, handover: null, transfers: 1 });
    await http.medic!('POST', at('/transfers'), { ...release, receivedBy: id.gaara, at: '2026-11-18T11:00:00Z' });
    expect((await http.gaara!('POST', at('/withdraw'), { reason: 'mine now' })).statusCode).toBe(403);
    expect((await http.medic!('POST', at('/withdraw'), { reason: 'sent to the wrong office' })).json()).toMatchObject({ custodian: { id: id.medic }, handover: null });
    expect((await http.medic!('POST', at('/withdraw'), { reason: 'again' })).statusCode).toBe(409);
    const ends = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'outcome', 'actor']).where('action', 'in', ['cases.custody.decline', 'cases.custody.withdraw']).where('actor', 'in', ['user:aiko', 'user:medic', 'user:kankuro', 'user:gaara']).orderBy('seq').execute();
    expect(ends.slice(-4).map((a) => `${a.action} ${a.outcome} ${a.actor}`)).toEqual([
      'cases.custody.decline denied user:kankuro', 'cases.custody.decline ok user:aiko', 'cases.custody.withdraw denied user:gaara', 'cases.custody.withdraw ok user:medic',
    ]);
    // Approved from the desk: received as the release described it.
    await http.medic!('POST', at('/transfers'), { ...release, receivedBy: id.aiko, at: '2026-11-19T10:00:00Z', condition: 'resealed, seal SUNA-9' });
    const onDesk = (await http.aiko!('GET', '/api/desk/items')).json().items.find((i: any) => i.kind === 'cases.custody.receipt' && i.record.id === got.json().id);
    // Only the receiver decides it: they cannot pass it on (their desk says so), and one acting for them cannot even defer it.
    expect(onDesk).toMatchObject({ mayDecide: true, whyNotPassOn: 'only the receiver confirms or declines the receipt of evidence, in person' });
    const passedOn = await http.aiko!('POST', `/api/desk/items/${onDesk.id}/decision`, { decision: 'delegate', to: id.gaara });
    expect([passedOn.statusCode, passedOn.json().error.code]).toEqual([403, 'DESK_IN_PERSON']);
    expect(passedOn.json().error.message).toMatch(/only the receiver confirms or declines the receipt of evidence, in person\. Approve or deny it yourself/);
    const acting = await http.aiko!('POST', '/api/desk/delegations', { delegate: id.gaara, from: '2026-11-20T08:00:00Z', to: '2026-11-27T08:00:00Z' });
    expect(acting.statusCode, acting.body).toBe(201);
    const deferred = await http.gaara!('POST', `/api/desk/items/${onDesk.id}/decision`, { decision: 'defer', until: '2026-12-15T09:00:00Z', interimReply: 'later' });
    expect([deferred.statusCode, deferred.json().error.code]).toEqual([403, 'DESK_IN_PERSON']);
    expect(deferred.json().error.message).toMatch(/You cannot defer it for them: .* Leave it on their desk/);
    expect((await http.aiko!('POST', `/api/desk/delegations/${acting.json().id}/revoke`)).statusCode).toBe(200);
    const decided = await http.aiko!('POST', `/api/desk/items/${onDesk.id}/decision`, { decision: 'approve' });
    expect(decided.statusCode, decided.body).toBe(200);
    const last = (await read()).chain.at(-1);
    expect(last).toMatchObject({ releasedBy: { id: id.medic }, receivedBy: { id: id.aiko }, condition: 'resealed, seal SUNA-9', receiverConfirmed: true });
    expect((await read()).custodian.id).toBe(id.aiko);
  });

  it('checks a digital item\'s hash again at the receipt: a copy that differs is refused there', async () => {
    const c = (await http.gaara!('POST', '/api/cases/cases', { kind: 'investigation', title: 'Hash at receipt', classification: 'restricted' })).json().code;
    const item = (await http.gaara!('POST', `/api/cases/cases/${c}/evidence`, { description: 'Ledger scan', condition: 'file', collectedBy: id.kankuro, collectedAt: '2026-11-14T10:00:00Z', collectedWhere: 'the office', sha256: SHA })).json().code;
    const at = (path: string) => `/api/cases/evidence/${encodeURIComponent(item)}${path}`;
    expect((await http.kankuro!('POST', at('/transfers'), { receivedBy: id.aiko, at: '2026-11-17T10:00:00Z', purpose: 'records', condition: 'file', sealIntact: true, sha256: SHA })).statusCode).toBe(200);
    // Not to someone cleared for the case whose role does not handle evidence: they could neither confirm nor decline.
    const envoy = (await createPerson(s.app.ctx, { givenName: 'Envoy', rank: 'chuunin' })).id;
    await createAccount(s.app.ctx, { username: 'envoy', personId: envoy, displayName: 'Envoy', role: 'envoy', clearance: 'restricted', compartments: [], password: 'sand 5 dunes of the 42 winds' });
    const other = (await http.gaara!('POST', `/api/cases/cases/${c}/evidence`, { description: 'Ledger copy', condition: 'file', collectedBy: id.kankuro, collectedAt: '2026-11-14T10:00:00Z', collectedWhere: 'the office' })).json().code;
    const toEnvoy = await http.kankuro!('POST', `/api/cases/evidence/${encodeURIComponent(other)}/transfers`, { receivedBy: envoy, at: '2026-11-17T10:00:00Z', purpose: 'records', condition: 'file', sealIntact: true });
    expect(toEnvoy.statusCode, toEnvoy.body).toBe(409);
    expect(toEnvoy.json().error.message).toMatch(/Envoy has no account whose role may take custody of evidence/);
    const altered = await http.aiko!('POST', at('/receipt'), { condition: 'file', sealIntact: true, sha256: OTHER_SHA });
    expect(altered.statusCode).toBe(409);
    expect(altered.json().error.message).toMatch(/the copy is not the item/);
    const none = await http.aiko!('POST', at('/receipt'), { condition: 'file', sealIntact: true });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toMatch(/needs its SHA-256/);
    for (const r of [altered, none]) expect(r.json().error.details.map((d: any) => d.path)).toEqual(['body.sha256']);
    // Not from the desk either: the hash is computed as it is received.
    const onDesk = (await http.aiko!('GET', '/api/desk/items')).json().items.find((i: any) => i.kind === 'cases.custody.receipt' && i.title.includes(item));
    expect((await http.aiko!('POST', `/api/desk/items/${onDesk.id}/decision`, { decision: 'approve' })).statusCode).toBe(409);
    expect((await http.aiko!('POST', at('/receipt'), { condition: 'file', sealIntact: true, sha256: SHA.toUpperCase() })).json().custodian.id).toBe(id.aiko);
  });

  it('refuses a hand-over or a collection dated after now, naming the field, and records nothing', async () => {
    const c = (await http.gaara!('POST', '/api/cases/cases', { kind: 'investigation', title: 'Dated ahead', classification: 'restricted' })).json().code;
    const later = new Date(now.getTime() + 86_400_000).toISOString();
    const collected = await http.gaara!('POST', `/api/cases/cases/${c}/evidence`, { description: 'Kunai', condition: 'bagged', collectedBy: id.kankuro, collectedAt: later, collectedWhere: 'the pass' });
    expect(collected.statusCode, collected.body).toBe(400);
    expect(collected.json().error.details.map((d: any) => d.path)).toEqual(['body.collectedAt']);
    expect((await http.gaara!('GET', `/api/cases/cases/${c}`)).json().evidenceTotal).toBe(0);
    const item = (await http.gaara!('POST', `/api/cases/cases/${c}/evidence`, { description: 'Kunai', condition: 'bagged', collectedBy: id.kankuro, collectedAt: '2026-11-14T10:00:00Z', collectedWhere: 'the pass' })).json().code;
    // A hand-over dated in 2900 would leave every later one (which must come after it) impossible until then.
    const ahead = await http.kankuro!('POST', `/api/cases/evidence/${encodeURIComponent(item)}/transfers`, { receivedBy: id.medic, at: '2900-01-01T00:00:00Z', purpose: 'analysis', condition: 'bagged', sealIntact: true });
    expect(ahead.statusCode, ahead.body).toBe(400);
    expect(ahead.json().error.details.map((d: any) => d.path)).toEqual(['body.at']);
    const e = (await http.gaara!('GET', `/api/cases/evidence/${encodeURIComponent(item)}`)).json();
    expect([e.custodian.id, e.chain.length]).toEqual([id.kankuro, 0]);
  });

  it('keeps a closed case closed: no task (it would close with one open), party, link or testimony is added until it is reopened', async () => {
    const c = (await http.gaara!('POST', '/api/cases/cases', { kind: 'investigation', title: 'Closed for good', classification: 'restricted' })).json().code;
    for (const t of ['open', 'investigate', 'submit_for_review']) expect((await http.gaara!('POST', `/api/cases/cases/${c}/transitions`, { transition: t })).statusCode).toBe(200);
    expect((await http.gaara!('POST', `/api/cases/cases/${c}/transitions`, { transition: 'close', resolution: 'no_further_action' })).statusCode).toBe(200);
    const before = (await http.gaara!('GET', `/api/cases/cases/${c}`)).json();
    for (const [path, body] of [['tasks', { title: 'One more thing' }], ['parties', { person: id.yuya, role: 'subject' }], ['entries', { kind: 'testimony', on: '2026-11-20', text: 'Late words.' }], ['links', { kind: 'registry.person', ref: id.yuya }]] as const) {
      const r = await http.gaara!('POST', `/api/cases/cases/${c}/${path}`, body);
      expect(r.statusCode, `${path}: ${r.body}`).toBe(409);
      expect(r.json().error.code).toBe('CASES_CASE_CLOSED');
    }
    const after = (await http.gaara!('GET', `/api/cases/cases/${c}`)).json();
    expect([after.tasks, after.parties, after.entries, after.links]).toEqual([before.tasks, before.parties, before.entries, before.links]);
    expect((await http.gaara!('POST', `/api/cases/cases/${c}/transitions`, { transition: 'reopen', reason: 'a new witness' })).statusCode).toBe(200);
    expect((await http.gaara!('POST', `/api/cases/cases/${c}/tasks`, { title: 'Hear the new witness' })).statusCode).toBe(200);
  });

  it('refuses denial grounds on any step but a denial, naming the field, and takes no step', async () => {
    const code = (await http.kankuro!('POST', '/api/cases/requests', { kind: 'extradition', requestingVillage: 'suna', requestedVillage: 'yuki', persons: [id.yuya], basis: 'Grounds out of place.', classification: 'restricted' })).json().code;
    const r = await http.kankuro!('POST', `/api/cases/requests/${code}/steps`, { transition: 'transmit', grounds: ['political_offence'] });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.details.map((d: any) => d.path)).toEqual(['body.grounds']);
    const after = (await http.kankuro!('GET', `/api/cases/requests/${code}`)).json();
    expect([after.state, after.steps.length, after.grounds]).toEqual(['draft', 0, []]);
  });

  it('a request linked to the breach inquest shows no case at all to a reader outside BREACH — not even a withheld one', async () => {
    const drafted = await http.kankuro!('POST', '/api/cases/requests', { kind: 'extradition', requestingVillage: 'suna', requestedVillage: 'yuki', persons: [id.yuya], basis: 'The attack in Snow.', case: inquest });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const code = drafted.json().code;
    const caseId = (await http.kankuro!('GET', `/api/cases/cases/${inquest}`)).json().id;
    expect((await http.kankuro!('GET', `/api/cases/requests/${code}`)).json().case).toEqual({ id: caseId, code: inquest });
    for (const outsider of ['hawk', 'naruto']) {
      const r = await http[outsider]!('GET', `/api/cases/requests/${code}`);
      expect(r.statusCode).toBe(200);
      expect(r.json().case, outsider).toBeNull();
      expect(r.body).not.toContain(inquest);
      expect(r.body).not.toContain(caseId);
      expect(r.body).not.toContain('withheld');
    }
  });

  it('says what is wrong with a paging number that is not one, at its path', async () => {
    for (const [url, path] of [['/api/cases/cases?limit=abc', 'querystring.limit'], ['/api/cases/requests?offset=1e3', 'querystring.offset'], [`/api/cases/cases/${inquest}/evidence?limit=-1`, 'querystring.limit']] as const) {
      const r = await http.kankuro!('GET', url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.details, url).toEqual([{ path, message: 'must be a whole number written in digits' }]);
    }
  });

  it('shows a person sought by a request only to readers who may see the person: not as withheld, not counted', async () => {
    // Last in the file: it takes a code of the restricted series the tests above count on.
    const drafted = await http.gaara!('POST', '/api/cases/requests', { kind: 'extradition', requestingVillage: 'suna', requestedVillage: 'yuki', persons: [id.yuya, id.secretPerson], basis: 'Two sought, one of them masked.', classification: 'restricted' });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const code = drafted.json().code;
    const ids = async (c: Caller) => (await c('GET', `/api/cases/requests/${code}`)).json().persons.map((p: any) => p.id ?? 'withheld');
    expect((await ids(http.hawk!)).sort()).toEqual([id.yuya, id.secretPerson].sort());
    expect(await ids(http.kankuro!)).toEqual([id.yuya]);
    expect((await http.kankuro!('GET', `/api/cases/requests/${code}`)).body).not.toContain(id.secretPerson);
    // The draft's audit record names both: it is labelled for the masked person too (outside attack a13f).
    const drafted2 = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['classification', 'compartments']).where('action', '=', 'cases.request.draft').where('object_id', '=', drafted.json().id).executeTakeFirstOrThrow();
    expect([drafted2.classification, typeof drafted2.compartments === 'string' ? JSON.parse(drafted2.compartments) : drafted2.compartments]).toEqual(['secret', ['ANBU']]);
  });
});
