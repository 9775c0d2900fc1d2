// Rules of cases that a mutation round (issue 13) found no test holding, over HTTP on both
// databases: a task counts only on its own case, and is done only through it; the breach inquest
// and a BREACH request are out of reach of a writer at the same level without BREACH (each answer
// an unknown record's, nothing changed); a request above restricted never flies to another
// village; a denial keeps its grounds and is the decider's alone; a decision taken by the API
// settles the Kazekage's desk item; a hand-over is audited at its hidden receiver's label; an
// account without custody rights cannot release even what its person holds; and a chain damaged
// in the database shows broken on the item and in its report, judged on people's ids, not names.
// Also: a person once per role on a case, each disposition audited, a village never asking itself,
// findings final only once the case closes, a secret read audited even without a compartment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { createMembership, createOrganization, createPerson, createPost, createVillage } from '../registry/index.ts';
import { setRoutes } from '../post/index.ts';
import { confirmReceipt, setDisposition, transferEvidence } from './index.ts';
import { withActor } from '../../kernel/context.ts';
import type { Role } from '../../kernel/auth/policy.ts';
import { resolveReference } from '../../kernel/references.ts';

describe.each(DIALECTS)('rules of cases on %s', (dialect) => {
  let s: TestServer;
  const id: Record<string, string> = {};
  const now = new Date('2026-11-20T09:00:00Z');
  const CAST = [
    ['gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']],
    ['kankuro', 'jounin', 'secret', ['BREACH']],
    // Kankuro's twin in all but the compartment: an ANBU officer, secret, who may write cases.
    ['hawk', 'anbu', 'secret', ['ANBU']],
    ['naruto', 'genin', 'public', []],
  ] as const;

  async function as(username: string) {
    return (await logIn(s, username, `sand ${username.length} dunes of the 42 winds`)).call;
  }
  type Caller = Awaited<ReturnType<typeof as>>;
  const http: Record<string, Caller> = {};
  const enc = encodeURIComponent;
  /** An answer with the code it was asked for masked, to hold a hidden record's answer to an unknown one's. */
  const masked = (r: { statusCode: number; body: string }, code: string) => `${r.statusCode} ${r.body.split(code).join('<code>')}`;
  const post = async (c: Caller, url: string, body: object = {}) => {
    const r = await c('POST', url, body);
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const db = () => s.app.ctx.db;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    for (const [key, role, level, comps] of CAST) {
      id[key] = (await createPerson(op, { givenName: key, rank: 'jounin' })).id;
      await createAccount(op, { username: key, personId: id[key]!, displayName: key, role, clearance: level, compartments: [...comps], password: `sand ${key.length} dunes of the 42 winds` });
      http[key] = await as(key);
    }
    id.yuya = (await createPerson(op, { givenName: 'Yuya', rank: 'jounin' })).id;
    id.masked = (await createPerson(op, { givenName: 'Masked', rank: 'jounin', classification: 'secret', compartments: ['ANBU'] })).id;
    // Two people who share a name: the chain of custody tells them apart by id.
    id.baki = (await createPerson(op, { givenName: 'Baki', rank: 'jounin' })).id;
    id.otherBaki = (await createPerson(op, { givenName: 'Baki', rank: 'chuunin' })).id;
    for (const v of ['suna', 'yuki', 'konoha']) id[`village:${v}`] = (await createVillage(op, { code: v, name: v })).id;
    await setRoutes(op, { routes: [{ from: 'konoha', to: 'suna', distanceKm: 900, hawkKmh: 60 }] });
    await createOrganization(op, { code: 'kazekage-office', name: "Kazekage's office", kind: 'executive' });
    await createPost(op, { code: 'kazekage', label: 'Kazekage', organization: 'kazekage-office' });
    await createMembership(op, { person: id.gaara!, organization: 'kazekage-office', post: 'kazekage', startDate: '2020-01-01' });
  }, 120_000);
  afterAll(async () => s?.close());

  /** A new investigation, opened and under investigation. */
  async function investigating(title: string) {
    const c = await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title });
    for (const transition of ['open', 'investigate']) await post(http.gaara!, `/api/cases/cases/${c.code}/transitions`, { transition });
    return c.code as string;
  }

  it('dates testimony and findings between the case\'s opening and today (village days), naming the field; nothing is recorded otherwise', async () => {
    // Opened 2026-11-20T09:00Z: the 20th in the village, which is also today.
    const c = await investigating('The dated case');
    for (const [on, message] of [
      ['2999-01-01', 'must not be after today (2026-11-20): record testimony or a finding once it is given'],
      ['2026-11-21', 'must not be after today (2026-11-20): record testimony or a finding once it is given'],
      ['0001-01-01', `must not be before ${c} was opened (2026-11-20): a statement taken earlier is added as evidence`],
      ['2026-11-19', `must not be before ${c} was opened (2026-11-20): a statement taken earlier is added as evidence`],
    ] as const) {
      const r = await http.gaara!('POST', `/api/cases/cases/${c}/entries`, { kind: 'testimony', on, text: 'I saw the well break.' });
      expect(r.statusCode, on).toBe(400);
      expect(r.json().error.details, on).toEqual([{ path: 'body.on', message }]);
    }
    expect((await http.gaara!('GET', `/api/cases/cases/${c}`)).json().entries).toEqual([]);
    expect((await post(http.gaara!, `/api/cases/cases/${c}/entries`, { kind: 'testimony', on: '2026-11-20', text: 'I saw the well break.' })).entries).toHaveLength(1);
  });

  it('counts only the case\'s own open tasks when it closes, and marks a task done only through its own case', async () => {
    const busy = await investigating('Busy case');
    const task = (await post(http.gaara!, `/api/cases/cases/${busy}/tasks`, { title: 'Question the gate clerk' })).tasks[0].id;
    const quiet = await investigating('Quiet case');
    // A finding is open to change while its case runs, and final once it closes.
    const finding = await post(http.gaara!, `/api/cases/cases/${quiet}/entries`, { kind: 'finding', on: '2026-11-20', text: 'Nothing was taken.' });
    expect(finding.entries.map((e: any) => e.frozen)).toEqual([false]);
    await post(http.gaara!, `/api/cases/cases/${quiet}/transitions`, { transition: 'submit_for_review' });
    // The busy case's open task is not the quiet case's: it closes.
    const closed = await http.gaara!('POST', `/api/cases/cases/${quiet}/transitions`, { transition: 'close', resolution: 'no_further_action' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().state).toBe('closed');
    expect(closed.json().entries.map((e: any) => e.frozen)).toEqual([true]);
    // Nor does a closed case take new evidence until it is reopened.
    const late = await http.gaara!('POST', `/api/cases/cases/${quiet}/evidence`, { description: 'Late find', condition: 'dusty', collectedBy: id.gaara, collectedAt: '2026-11-19T08:00:00Z', collectedWhere: 'the gate' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('CASES_CASE_CLOSED');
    expect((await http.gaara!('GET', `/api/cases/cases/${quiet}`)).json().evidenceTotal).toBe(0);
    // The busy case's task named under the quiet case is no task of it: 404, and still open.
    const across = await http.gaara!('POST', `/api/cases/cases/${quiet}/tasks/${task}/done`);
    expect(across.statusCode).toBe(404);
    expect(across.json().error.code).toBe('CASES_TASK_NOT_FOUND');
    expect((await db().selectFrom('cases_task').select('state').where('id', '=', task).executeTakeFirstOrThrow()).state).toBe('open');
    // Through its own case it is done, and only it.
    const other = (await post(http.gaara!, `/api/cases/cases/${busy}/tasks`, { title: 'Search the archive' })).tasks.find((t: any) => t.id !== task).id;
    const done = await post(http.gaara!, `/api/cases/cases/${busy}/tasks/${task}/done`);
    expect(done.tasks.map((t: any) => `${t.id}:${t.state}`).sort()).toEqual([`${task}:done`, `${other}:open`].sort());
  });

  it('lets only the holder record that an item was destroyed, returned or handed away; retained or forfeited is the case officer\'s (refusals audited)', async () => {
    const c = await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title: 'The broken well', classification: 'secret', compartments: ['BREACH'] });
    const item = await post(http.kankuro!, `/api/cases/cases/${c.code}/evidence`, { description: 'Rope', condition: 'frayed', collectedBy: id.kankuro, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'the well' });
    const at = `/api/cases/evidence/${enc(item.code)}/disposition`;
    const denied = async () => (await db().selectFrom('kernel_audit_log').select('seq').where('action', '=', 'cases.evidence.dispose').where('outcome', '=', 'denied').where('object_id', '=', item.id).execute()).length;
    // The Kazekage may write to the case, but the rope is in Kankuro's hands.
    for (const [n, disposition] of (['destroyed', 'returned_to_owner', 'handed_to_another_village'] as const).entries()) {
      const r = await http.gaara!('POST', at, { disposition });
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().error.code).toBe('CASES_NOT_THE_CUSTODIAN');
      expect(r.json().error.message).toContain(`Only the holder of ${item.code} (kankuro) records that it was`);
      expect(await denied()).toBe(n + 1);
    }
    expect((await http.gaara!('GET', `/api/cases/evidence/${enc(item.code)}`)).json().disposition).toBeNull();
    // Kept where it is: the officer records it, holder or not.
    expect((await post(http.gaara!, at, { disposition: 'retained_as_record' })).disposition).toBe('retained_as_record');
    // Destroyed by the one who holds it.
    expect((await post(http.kankuro!, at, { disposition: 'destroyed' })).disposition).toBe('destroyed');
    expect(await denied()).toBe(3);
  });

  it('lets the console record any disposition from paper, as it records hand-overs: the holder rule is for users', async () => {
    const c = await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title: 'The returned cloak' });
    const item = await post(http.gaara!, `/api/cases/cases/${c.code}/evidence`, { description: 'Cloak', condition: 'torn', collectedBy: id.kankuro, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'the gate' });
    // Kankuro holds it; the console (no person of its own) records that it was returned, as signed on paper.
    expect((await setDisposition(s.app.ctx, item.code, { disposition: 'returned_to_owner' })).disposition).toBe('returned_to_owner');
    expect((await http.gaara!('GET', `/api/cases/evidence/${enc(item.code)}`)).json().disposition).toBe('returned_to_owner');
  });

  it('audits a refused disposition at the case\'s label joined with the holder\'s: the record names them', async () => {
    // A public case; the item is held by the masked ANBU officer, whose person record is secret (ANBU).
    const c = await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title: 'The dune marker' });
    const item = await post(http.gaara!, `/api/cases/cases/${c.code}/evidence`, { description: 'Marker stone', condition: 'chipped', collectedBy: id.masked, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'the dunes' });
    const r = await http.gaara!('POST', `/api/cases/evidence/${enc(item.code)}/disposition`, { disposition: 'destroyed' });
    expect(r.statusCode, r.body).toBe(403);
    const denied = await db().selectFrom('kernel_audit_log').select(['classification', 'compartments', 'detail']).where('action', '=', 'cases.evidence.dispose').where('outcome', '=', 'denied').where('object_id', '=', item.id).execute();
    expect(denied).toHaveLength(1);
    expect(fromJson<{ holder?: string }>(denied[0]!.detail, {}).holder).toBe(id.masked);
    // Readers of the public case who may not see the officer must not read that they hold it.
    expect([denied[0]!.classification, fromJson<string[]>(denied[0]!.compartments, [])]).toEqual(['secret', ['ANBU']]);
  });

  it('audits a party added to a case at the case\'s label joined with the party\'s: nobody learns of a hidden party from the log', async () => {
    // SECURITY.md: an audit record is labelled with everything it names. The party record names
    // the masked ANBU officer, so it is secret / ANBU, though the case is public.
    const c = await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title: 'Who watched the gate' });
    await post(http.gaara!, `/api/cases/cases/${c.code}/parties`, { person: id.masked, role: 'witness' });
    await post(http.gaara!, `/api/cases/cases/${c.code}/parties`, { person: id.yuya, role: 'witness' });
    const added = await db().selectFrom('kernel_audit_log').select(['classification', 'compartments', 'detail']).where('action', '=', 'cases.party.add').execute();
    const of = (person: string) => added.filter((a) => fromJson<{ case?: string; person?: string }>(a.detail, {}).case === c.code && fromJson<{ person?: string }>(a.detail, {}).person === person)
      .map((a) => [a.classification, fromJson<string[]>(a.compartments, [])]);
    expect(of(id.masked!)).toEqual([['secret', ['ANBU']]]);
    expect(of(id.yuya!)).toEqual([['public', []]]);
  });

  it('records a person once in a role on a case, audits each disposition, and refuses a village asking itself at the field', async () => {
    const before = Number((await db().selectFrom('cases_case').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const twice = await http.gaara!('POST', '/api/cases/cases', { kind: 'trial', title: 'Twice a witness', parties: [{ person: id.yuya, role: 'witness' }, { person: id.yuya, role: 'witness' }] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CASES_ALREADY_RECORDED');
    expect(twice.json().error.details).toEqual([{ path: 'body.parties.1', message: 'this person as witness is already recorded on this case: name each party once in a role' }]);
    expect(Number((await db().selectFrom('cases_case').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
    // One person in two roles is two parties; the same role again is refused, and not added.
    const c = await post(http.gaara!, '/api/cases/cases', { kind: 'trial', title: 'A trial', parties: [{ person: id.yuya, role: 'witness' }, { person: id.yuya, role: 'subject' }] });
    expect(c.parties).toHaveLength(2);
    const again = await http.gaara!('POST', `/api/cases/cases/${c.code}/parties`, { person: id.yuya, role: 'subject' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CASES_ALREADY_RECORDED');
    expect((await http.gaara!('GET', `/api/cases/cases/${c.code}`)).json().parties).toHaveLength(2);
    const item = await post(http.gaara!, `/api/cases/cases/${c.code}/evidence`, { description: 'Sandal', condition: 'worn', collectedBy: id.gaara, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'the dunes' });
    await post(http.gaara!, `/api/cases/evidence/${enc(item.code)}/disposition`, { disposition: 'returned_to_owner' });
    const disposed = await db().selectFrom('kernel_audit_log').select(['actor', 'detail']).where('action', '=', 'cases.evidence.dispose').where('object_id', '=', item.id).execute();
    expect(disposed.map((a) => [a.actor, fromJson<{ disposition?: string }>(a.detail, {}).disposition])).toEqual([['user:gaara', 'returned_to_owner']]);
    // Suna named once by its code and once by its id is still Suna.
    const self = await http.gaara!('POST', '/api/cases/requests', { kind: 'extradition', requestingVillage: 'suna', requestedVillage: id['village:suna'], persons: [id.yuya], basis: 'Ourselves.' });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details).toEqual([{ path: 'body.requestedVillage', message: 'a village does not ask itself: the requested village must be another' }]);
  });

  it('keeps the breach inquest out of reach of a writer cleared secret without BREACH: each write answers as for an unknown case, and changes nothing', async () => {
    const inquest = (await post(http.gaara!, '/api/cases/cases', { kind: 'inquest', title: 'The breach in Snow', classification: 'secret', compartments: ['BREACH'] })).code as string;
    await post(http.gaara!, `/api/cases/cases/${inquest}/transitions`, { transition: 'open' });
    const item = (await post(http.gaara!, `/api/cases/cases/${inquest}/evidence`, { description: 'Poison sample', condition: 'sealed', collectedBy: id.hawk, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'Snow' })).code as string;
    const unknown = 'INQ-2026-999';
    const writes: [string, object][] = [
      ['transitions', { transition: 'investigate' }], ['tasks', { title: 'Hide the sample' }], ['entries', { kind: 'testimony', on: '2026-11-19', text: 'Nothing happened.' }],
      ['parties', { person: id.yuya, role: 'witness' }], ['evidence', { description: 'Planted kunai', condition: 'clean', collectedBy: id.hawk, collectedAt: '2026-11-15T08:00:00Z', collectedWhere: 'the pass' }],
    ];
    const before = await db().selectFrom('cases_case').select(['state', 'version']).where('code', '=', inquest).executeTakeFirstOrThrow();
    for (const [path, body] of writes) {
      const hidden = await http.hawk!('POST', `/api/cases/cases/${inquest}/${path}`, body);
      const none = await http.hawk!('POST', `/api/cases/cases/${unknown}/${path}`, body);
      expect(hidden.statusCode, path).toBe(404);
      expect(masked(hidden, inquest), path).toBe(masked(none, unknown));
    }
    // The item is in hawk's own hands, yet on a case he may not see: no release, no disposition.
    const transfer = { receivedBy: id.naruto, at: '2026-11-16T08:00:00Z', purpose: 'away', condition: 'sealed', sealIntact: true };
    const steps = [['transfers', transfer], ['disposition', { disposition: 'destroyed' }], ['receipt', { condition: 'sealed', sealIntact: true }], ['decline', { reason: 'no' }], ['withdraw', { reason: 'no' }]] as const;
    for (const [path, body] of steps) {
      const hidden = await http.hawk!('POST', `/api/cases/evidence/${enc(item)}/${path}`, body);
      const none = await http.hawk!('POST', `/api/cases/evidence/${enc(`${unknown}/E-01`)}/${path}`, body);
      expect(hidden.statusCode, path).toBe(404);
      expect(masked(hidden, item), path).toBe(masked(none, `${unknown}/E-01`));
    }
    expect(await db().selectFrom('cases_case').select(['state', 'version']).where('code', '=', inquest).executeTakeFirstOrThrow()).toEqual(before);
    const page = (await http.kankuro!('GET', `/api/cases/cases/${inquest}`)).json();
    expect([page.tasks, page.entries, page.parties, page.evidenceTotal]).toEqual([[], [], [], 1]);
    expect(page.evidence[0]).toMatchObject({ transfers: 0, disposition: null, custodian: { id: id.hawk } });
  });

  it('names an item of the breach inquest, by the reference other modules use, only to a reader cleared for its case: to anyone else it is unknown, as the case is', async () => {
    // SECURITY.md, References 1: an item carries its case's label, so a reader outside BREACH
    // naming it (an attachment, a desk item's record) gets the answer for a name nothing has.
    const inquest = (await post(http.gaara!, '/api/cases/cases', { kind: 'inquest', title: 'The breach, by reference', classification: 'secret', compartments: ['BREACH'] })).code as string;
    await post(http.gaara!, `/api/cases/cases/${inquest}/transitions`, { transition: 'open' });
    const item = (await post(http.gaara!, `/api/cases/cases/${inquest}/evidence`, { description: 'Antidote record', condition: 'sealed', collectedBy: id.kankuro, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'Snow' })).code as string;
    const reader = (username: string, role: Role, compartments: string[]) =>
      withActor(s.app.ctx, { kind: 'user', username, personId: id[username]!, role, clearance: { level: 'secret', compartments } });
    const cleared = reader('kankuro', 'jounin', ['BREACH']);
    const outsider = reader('hawk', 'anbu', ['ANBU']);
    expect((await resolveReference(cleared, 'cases.evidence', item)).code).toBe(item);
    for (const [kind, ref, unknown] of [['cases.evidence', item, 'INQ-2026-999/E-01'], ['cases.case', inquest, 'INQ-2026-999']] as const) {
      const hidden = await resolveReference(outsider, kind, ref).then(() => null, (e) => e);
      const none = await resolveReference(outsider, kind, unknown).then(() => null, (e) => e);
      expect(hidden?.status, kind).toBe(404);
      expect(hidden.status, kind).toBe(none?.status);
      expect(hidden.code, kind).toBe(none.code);
    }
  });

  it('audits the read of a secret case that has no compartment, under its label', async () => {
    const c = (await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title: 'Secret, in no compartment', classification: 'secret' })).id as string;
    expect((await http.kankuro!('GET', `/api/cases/cases/${c}`)).statusCode).toBe(200);
    const reads = await db().selectFrom('kernel_audit_log').select(['actor', 'classification']).where('action', '=', 'cases.read').where('object_id', '=', c).execute();
    expect(reads).toEqual([{ actor: 'user:kankuro', classification: 'secret' }]);
  });

  it('keeps a BREACH request from a reader at the same level without BREACH: not listed, not counted, not shown, not stepped', async () => {
    const code = (await post(http.gaara!, '/api/cases/requests', { kind: 'extradition', requestingVillage: 'suna', requestedVillage: 'yuki', persons: [id.yuya], basis: 'The breach.', classification: 'secret', compartments: ['BREACH'] })).code as string;
    const unknown = 'IVR-2026-999';
    const list = (await http.hawk!('GET', '/api/cases/requests?limit=500')).json();
    expect(list.items.map((r: any) => r.code)).not.toContain(code);
    expect(list.total).toBe(list.items.length);
    const theirs = (await http.kankuro!('GET', '/api/cases/requests?limit=500')).json();
    expect(theirs.items.map((r: any) => r.code)).toContain(code);
    expect(theirs.total).toBe(list.total + 1);
    expect(masked(await http.hawk!('GET', `/api/cases/requests/${code}`), code)).toBe(masked(await http.hawk!('GET', `/api/cases/requests/${unknown}`), unknown));
    const step = await http.hawk!('POST', `/api/cases/requests/${code}/steps`, { transition: 'transmit' });
    expect(step.statusCode).toBe(404);
    expect(masked(step, code)).toBe(masked(await http.hawk!('POST', `/api/cases/requests/${unknown}/steps`, { transition: 'transmit' }), unknown));
    expect((await http.kankuro!('GET', `/api/cases/requests/${code}`)).json()).toMatchObject({ state: 'draft', steps: [] });
  });

  it('never sends a request above restricted to another village by hawk, even where a route exists: each notice is kept on the record', async () => {
    const code = (await post(http.kankuro!, '/api/cases/requests', { kind: 'prisoner_transfer', requestingVillage: 'konoha', requestedVillage: 'suna', persons: [id.yuya], basis: 'Trial in the Land of Fire.', classification: 'secret', compartments: ['BREACH'] })).code;
    for (const transition of ['transmit', 'acknowledge']) await post(http.kankuro!, `/api/cases/requests/${code}/steps`, { transition });
    const steps = (await http.kankuro!('GET', `/api/cases/requests/${code}`)).json().steps;
    expect(steps.map((x: any) => [x.noticeVia, x.noticeMessage])).toEqual([['record', null], ['record', null]]);
    for (const x of steps) expect(x.noticeNote).toMatch(/above restricted/);
  });

  it('keeps the grounds of a denial, lets only a decider deny, and settles the desk item when the API decides', async () => {
    const code = (await post(http.kankuro!, '/api/cases/requests', { kind: 'extradition', requestingVillage: 'suna', requestedVillage: 'yuki', persons: [id.yuya], basis: 'The breach.', classification: 'restricted' })).code;
    for (const transition of ['transmit', 'acknowledge', 'begin_legal_review']) await post(http.kankuro!, `/api/cases/requests/${code}/steps`, { transition });
    const requestId = (await http.kankuro!('GET', `/api/cases/requests/${code}`)).json().id;
    // The Kazekage's desk, as the desk shows it (a module reads another's records through its API).
    const deskItem = async () => (await http.gaara!('GET', '/api/desk/items?state=all')).json().items
      .filter((i: any) => i.kind === 'cases.request.decision' && i.record.id === requestId).map((i: any) => ({ state: i.state }));
    expect((await deskItem()).length).toBe(1);
    // A jounin moves a request on, but the decision either way is the Kazekage's.
    const byJounin = await http.kankuro!('POST', `/api/cases/requests/${code}/steps`, { transition: 'deny', grounds: ['political_offence'] });
    expect(byJounin.statusCode).toBe(403);
    expect((await http.kankuro!('GET', `/api/cases/requests/${code}`)).json().state).toBe('legal_review');
    const denied = await http.gaara!('POST', `/api/cases/requests/${code}/steps`, { transition: 'deny', grounds: ['pending_trial_in_requested_village', 'political_offence'] });
    expect(denied.statusCode, denied.body).toBe(200);
    expect(denied.json()).toMatchObject({ state: 'denied', grounds: ['pending_trial_in_requested_village', 'political_offence'] });
    expect(denied.json().steps.at(-1)).toMatchObject({ transition: 'deny', grounds: ['pending_trial_in_requested_village', 'political_offence'] });
    expect(denied.json().steps.at(-1).notice).toBe(`Request ${code} has been denied on the grounds of pending trial in the requested village; political offence.`);
    // Decided outside the desk, the desk item is settled all the same: nothing is left to decide.
    expect(await deskItem()).toEqual([{ state: 'denied' }]);
  });

  it('denies from the desk on the grounds the Kazekage writes there, by their words or their codes', async () => {
    const code = (await post(http.kankuro!, '/api/cases/requests', { kind: 'extradition', requestingVillage: 'suna', requestedVillage: 'yuki', persons: [id.yuya], basis: 'Desertion.', classification: 'restricted' })).code;
    for (const transition of ['transmit', 'acknowledge', 'begin_legal_review']) await post(http.kankuro!, `/api/cases/requests/${code}/steps`, { transition });
    const item = (await http.gaara!('GET', '/api/desk/items')).json().items.find((i: any) => i.kind === 'cases.request.decision' && i.title.includes(code));
    const decided = await http.gaara!('POST', `/api/desk/items/${item.id}/decision`, { decision: 'deny', grounds: 'Pending trial in the requested village; time_barred' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await http.kankuro!('GET', `/api/cases/requests/${code}`)).json()).toMatchObject({ state: 'denied', grounds: ['pending_trial_in_requested_village', 'time_barred'] });
  });

  it('audits a hand-over at the label of a receiver the case does not show: nobody learns of the receiver from the log', async () => {
    const c = (await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title: 'A public matter' })).code;
    const e = await post(http.gaara!, `/api/cases/cases/${c}/evidence`, { description: 'Scroll', condition: 'dry', collectedBy: id.gaara, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'the office' });
    // A refused release naming him is logged at his label too (hawk, ANBU, sees him but holds nothing).
    const refused = await http.hawk!('POST', `/api/cases/evidence/${enc(e.code)}/transfers`, { receivedBy: id.masked, at: '2026-11-15T07:00:00Z', purpose: 'taking it', condition: 'dry', sealIntact: true });
    expect(refused.statusCode, refused.body).toBe(403);
    const denied = (await db().selectFrom('kernel_audit_log').select(['classification', 'compartments', 'detail']).where('action', '=', 'cases.custody.release').where('outcome', '=', 'denied').execute())
      .filter((r) => fromJson<{ code?: string }>(r.detail, {}).code === e.code);
    expect(denied.map((r) => [r.classification, fromJson<string[]>(r.compartments, [])])).toEqual([['secret', ['ANBU']]]);
    await post(http.gaara!, `/api/cases/evidence/${enc(e.code)}/transfers`, { receivedBy: id.masked, at: '2026-11-15T08:00:00Z', purpose: 'safekeeping', condition: 'dry', sealIntact: true });
    const rows = await db().selectFrom('kernel_audit_log').select(['classification', 'compartments', 'detail']).where('action', '=', 'cases.custody.release').where('outcome', '=', 'ok').execute();
    const mine = rows.filter((r) => fromJson<{ code?: string }>(r.detail, {}).code === e.code);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.classification).toBe('secret');
    expect(fromJson<string[]>(mine[0]!.compartments, [])).toEqual(['ANBU']);
    // The page names him to nobody below his label either.
    expect((await http.kankuro!('GET', `/api/cases/evidence/${enc(e.code)}`)).json().handover.receivedBy).toEqual({ withheld: true });
    // His receipt (signed on paper, recorded by the console) is logged at his label too.
    await confirmReceipt(s.app.ctx, e.code, { at: '2026-11-15T08:05:00Z', condition: 'dry', sealIntact: true });
    const receipts = (await db().selectFrom('kernel_audit_log').select(['classification', 'compartments', 'detail']).where('action', '=', 'cases.custody.receive').execute())
      .filter((r) => fromJson<{ code?: string }>(r.detail, {}).code === e.code);
    expect(receipts.map((r) => [r.classification, fromJson<string[]>(r.compartments, [])])).toEqual([['secret', ['ANBU']]]);
    expect((await http.kankuro!('GET', `/api/cases/evidence/${enc(e.code)}`)).json().custodian).toEqual({ withheld: true });
    // When he hands it back, the release names him as the releaser: logged at his label, though the receiver is public.
    await transferEvidence(s.app.ctx, e.code, { releasedBy: id.masked, receivedBy: id.gaara, at: '2026-11-15T09:00:00Z', purpose: 'returned', condition: 'dry', sealIntact: true, receiverConfirmed: true });
    const back = (await db().selectFrom('kernel_audit_log').select(['classification', 'compartments', 'detail']).where('action', '=', 'cases.custody.release').where('outcome', '=', 'ok').execute())
      .filter((r) => fromJson<{ code?: string; releasedBy?: string }>(r.detail, {}).code === e.code && fromJson<{ releasedBy?: string }>(r.detail, {}).releasedBy === id.masked);
    expect(back.map((r) => [r.classification, fromJson<string[]>(r.compartments, [])])).toEqual([['secret', ['ANBU']]]);
  });

  it('refuses a release by an account without custody rights, even of an item its person holds', async () => {
    const c = (await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title: 'Found in the academy' })).code;
    const item = (await post(http.gaara!, `/api/cases/cases/${c}/evidence`, { description: 'Practice kunai', condition: 'blunt', collectedBy: id.naruto, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'the academy' })).code;
    const r = await http.naruto!('POST', `/api/cases/evidence/${enc(item)}/transfers`, { receivedBy: id.kankuro, at: '2026-11-15T08:00:00Z', purpose: 'evidence store', condition: 'blunt', sealIntact: true });
    expect(r.statusCode).toBe(403);
    const e = (await http.gaara!('GET', `/api/cases/evidence/${enc(item)}`)).json();
    expect([e.transfers, e.chain, e.custodian.id]).toEqual([0, [], id.naruto]);
  });

  it('shows a chain damaged in the database as broken, on the item and in its report, judging links by person, not by name', async () => {
    const c = (await post(http.gaara!, '/api/cases/cases', { kind: 'inquest', title: 'Forged hand-over' })).code;
    const item = (await post(http.gaara!, `/api/cases/cases/${c}/evidence`, { description: 'Ledger', condition: 'bound', collectedBy: id.gaara, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'the treasury' })).code as string;
    // Baki has no account: the console records the hand-over both signed on paper.
    const first = await transferEvidence(s.app.ctx, item, { releasedBy: id.gaara, receivedBy: id.baki, at: '2026-11-15T08:00:00Z', purpose: 'audit', condition: 'bound', sealIntact: true, receiverConfirmed: true });
    expect(first.chainBreaks).toEqual([]);
    // A second link written around the service: released by the other Baki, who never held it.
    const yes = dialect === 'postgres' ? true : 1;
    await db().insertInto('cases_transfer').values({
      id: newId(), item_id: first.id, seq: 2, released_by: id.otherBaki, received_by: id.kankuro, at: '2026-11-16T08:00:00.000Z', purpose: 'copying', condition: 'bound',
      seal_intact: yes, releaser_confirmed: yes, receiver_confirmed: yes, sha256: null, recorded_at: now.toISOString(), recorded_by: 'forger',
    }).execute();
    await db().updateTable('cases_evidence').set({ custodian_id: id.kankuro, transfers: 2, last_at: '2026-11-16T08:00:00.000Z' }).where('id', '=', first.id).execute();
    const e = (await http.gaara!('GET', `/api/cases/evidence/${enc(item)}`)).json();
    expect(e.chain).toHaveLength(2);
    expect(e.chainBreaks.map((b: any) => b.index)).toEqual([1]);
    // Said with names, as on the rest of the page: a registry id means nothing to a clerk.
    expect(e.chainBreaks[0].problem).toBe(`only the current custodian, Baki, can release ${item}; Baki does not hold it`);
    const report = (await http.gaara!('GET', `/api/cases/evidence/${enc(item)}/custody-report`)).body.split('\n');
    expect(report).toContain('2. 2026-11-16T08:00:00.000Z  Baki → kankuro; purpose: copying; condition: bound; seal intact; confirmed by both');
    expect(report).toContain('Current custodian: kankuro');
    expect(report).not.toContain('Chain: unbroken');
    expect(report.filter((l) => l.startsWith('Chain BROKEN at transfer '))).toEqual([`Chain BROKEN at transfer 2: only the current custodian, Baki, can release ${item}; Baki does not hold it`]);
  });

  // Rules a second mutation round (m13c) found no test holding.
  it('settles the receiver\'s desk item when a release is declined or withdrawn: nothing is left there to confirm', async () => {
    const c = (await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title: 'Sent back' })).code;
    const item = (await post(http.gaara!, `/api/cases/cases/${c}/evidence`, { description: 'Scroll case', condition: 'sealed', collectedBy: id.gaara, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'the gate' })).id as string;
    const onDesk = async () => (await http.kankuro!('GET', '/api/desk/items')).json().items.filter((i: any) => i.kind === 'cases.custody.receipt' && i.record.id === item);
    const release = { receivedBy: id.kankuro, purpose: 'store', condition: 'sealed', sealIntact: true };
    await post(http.gaara!, `/api/cases/evidence/${item}/transfers`, { ...release, at: '2026-11-15T08:00:00Z' });
    expect(await onDesk()).toHaveLength(1);
    await post(http.kankuro!, `/api/cases/evidence/${item}/decline`, { reason: 'not mine' });
    expect(await onDesk()).toEqual([]);
    await post(http.gaara!, `/api/cases/evidence/${item}/transfers`, { ...release, at: '2026-11-16T08:00:00Z' });
    expect(await onDesk()).toHaveLength(1);
    await post(http.gaara!, `/api/cases/evidence/${item}/withdraw`, { reason: 'wrong office' });
    expect(await onDesk()).toEqual([]);
  });

  it('audits the read of a custody report, and of a public case in a compartment', async () => {
    const c = (await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title: 'Secret ledger', classification: 'secret' })).code;
    const item = (await post(http.gaara!, `/api/cases/cases/${c}/evidence`, { description: 'Ledger', condition: 'bound', collectedBy: id.gaara, collectedAt: '2026-11-14T08:00:00Z', collectedWhere: 'the treasury' })).id as string;
    expect((await http.kankuro!('GET', `/api/cases/evidence/${item}/custody-report`)).statusCode).toBe(200);
    const reads = await db().selectFrom('kernel_audit_log').select(['actor', 'classification']).where('action', '=', 'cases.read').where('object_id', '=', item).execute();
    expect(reads).toEqual([{ actor: 'user:kankuro', classification: 'secret' }]);
    // Public, but in BREACH: a compartment is a label too, and its read is audited.
    const p = (await post(http.gaara!, '/api/cases/cases', { kind: 'investigation', title: 'Public, in BREACH', compartments: ['BREACH'] })).id as string;
    expect((await http.kankuro!('GET', `/api/cases/cases/${p}`)).statusCode).toBe(200);
    const compartmented = await db().selectFrom('kernel_audit_log').select(['actor', 'compartments']).where('action', '=', 'cases.read').where('object_id', '=', p).execute();
    expect(compartmented.map((a) => [a.actor, fromJson<string[]>(a.compartments, [])])).toEqual([['user:kankuro', ['BREACH']]]);
  });

  it('lists only cases in the state asked for, and freezes only the findings of a closed case, not its testimony', async () => {
    const c = await investigating('Closing soon');
    await post(http.gaara!, `/api/cases/cases/${c}/entries`, { kind: 'testimony', on: '2026-11-20', text: 'I saw nothing.' });
    await post(http.gaara!, `/api/cases/cases/${c}/entries`, { kind: 'finding', on: '2026-11-20', text: 'Nothing happened.' });
    await post(http.gaara!, `/api/cases/cases/${c}/transitions`, { transition: 'submit_for_review' });
    const closed = await post(http.gaara!, `/api/cases/cases/${c}/transitions`, { transition: 'close', resolution: 'substantiated' });
    expect(closed.entries.map((e: any) => [e.kind, e.frozen])).toEqual([['testimony', false], ['finding', true]]);
    const page = (await http.gaara!('GET', `/api/cases/cases/${c}`)).json();
    expect(page.entries.map((e: any) => [e.kind, e.frozen])).toEqual([['testimony', false], ['finding', true]]);
    const listed = (await http.gaara!('GET', '/api/cases/cases?state=closed&limit=500')).json();
    const all = await db().selectFrom('cases_case').select('code').where('state', '=', 'closed').execute();
    expect(listed.items.map((i: any) => i.state)).toEqual(listed.items.map(() => 'closed'));
    expect(listed.items.map((i: any) => i.code)).toContain(c);
    expect(listed.total).toBe(all.length);
  });

  it('names a BREACH request, by the reference other modules use, only to a reader cleared for it: to anyone else it is unknown', async () => {
    const code = (await post(http.gaara!, '/api/cases/requests', { kind: 'extradition', requestingVillage: 'suna', requestedVillage: 'yuki', persons: [id.yuya], basis: 'The breach, by reference.', classification: 'secret', compartments: ['BREACH'] })).code as string;
    const reader = (username: string, role: Role, compartments: string[]) =>
      withActor(s.app.ctx, { kind: 'user', username, personId: id[username]!, role, clearance: { level: 'secret', compartments } });
    expect((await resolveReference(reader('kankuro', 'jounin', ['BREACH']), 'cases.request', code)).code).toBe(code);
    const outsider = reader('hawk', 'anbu', ['ANBU']);
    const hidden = await resolveReference(outsider, 'cases.request', code).then(() => null, (e) => e);
    const none = await resolveReference(outsider, 'cases.request', 'IVR-2026-999').then(() => null, (e) => e);
    expect(hidden?.status).toBe(404);
    expect([hidden.status, hidden.code]).toEqual([none?.status, none.code]);
  });
});
