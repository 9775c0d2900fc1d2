// Outside attack a13i: a custody step by someone not party to it is refused (403) and audited "at
// the label of the case joined with those of the people it names" (ARCHITECTURE.md, Custody;
// SECURITY.md, References 2). Three denial records name a person whose label they do not carry:
//
// 1. A receipt confirmed by someone the item was not released to (cases.custody.receive, denied)
//    is labelled with the case and the receiver alone, yet its detail names the one who tried
//    (`by`: their registry id) and its refusal names them in words ("…; Masked Operative cannot").
//    The audit viewer withholds that actor (`actor`, `actorPersonId`) from an auditor not cleared
//    for them, and then prints their id and name in the detail.
// 2. The same for a decline by anyone but the receiver, and a withdrawal by anyone but the
//    releaser (cases.custody.decline / withdraw, denied): labelled with the case and `whose` alone,
//    naming the actor as `by`.
// 3. A release by someone who does not hold the item (cases.custody.release, denied) is labelled
//    with the releaser and the receiver, yet its refusal names the holder ("only the current
//    custodian, <holder's name>, can release …"), written as the writer may see the holder.
//
// In each case an ANBU auditor (secret / ANBU) read the name (or id) of a secret / BREACH person
// that the item's page withholds from them. Now each record is labelled with everyone it names
// (auditRefusal): an auditor cleared for them all (chief) reads it, hawk does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';
import { addEvidence, openCase, transferEvidence } from './index.ts';

describe.each(DIALECTS)('custody denials name only people their label covers on %s (attack a13i)', (dialect) => {
  let s: TestServer;
  const http: Record<string, Caller> = {};
  const ids: Record<string, string> = {};
  const now = new Date('2026-11-20T09:00:00Z');
  // key, role, clearance, compartments, the person's own label
  const CAST = [
    ['hawk', 'anbu', 'secret', ['ANBU'], 'public', []],
    ['chief', 'anbu', 'secret', ['ANBU', 'BREACH'], 'public', []],
    ['baki', 'jounin', 'secret', ['ANBU'], 'public', []],
    // A masked officer: cleared for BREACH, and their own person is secret / BREACH.
    ['masked', 'jounin', 'secret', ['ANBU', 'BREACH'], 'secret', ['BREACH']],
    // An officer cleared for BREACH whose person is public (so their own name hides nothing).
    ['yura', 'jounin', 'secret', ['ANBU', 'BREACH'], 'public', []],
  ] as const;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    for (const [key, role, level, comps, pl, pc] of CAST) {
      const person = (await createPerson(op, { givenName: key === 'masked' ? 'Masked' : key, familyName: key === 'masked' ? 'Operative' : undefined, rank: 'jounin', classification: pl, compartments: [...pc] })).id;
      ids[key] = person;
      const password = `sand ${key.length} dunes of the 42 winds`;
      await createAccount(op, { username: key, personId: person, displayName: key, role, clearance: level, compartments: [...comps], password });
      http[key] = (await logIn(s, key, password)).call;
    }
    ids.holder = (await createPerson(op, { givenName: 'Hidden', familyName: 'Holder', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] })).id;
    ids.clerk = (await createPerson(op, { givenName: 'Evidence', familyName: 'Clerk', rank: 'chuunin' })).id;
  }, 120_000);
  afterAll(async () => s?.close());

  const audit = async (action: string, as: 'hawk' | 'chief' = 'hawk') => {
    const r = await http[as]!('GET', `/api/security/audit?action=${action}&outcome=denied&limit=100`);
    expect(r.statusCode, r.body).toBe(200);
    return r;
  };
  /** The denial was recorded: an auditor cleared for everyone it names reads it. */
  const recorded = async (action: string, item: string) => {
    const r = await audit(action, 'chief');
    expect(r.json().items.some((i: any) => i.objectId === item), r.body).toBe(true);
  };

  it('a receipt by someone it was not released to: the denial does not name them to an auditor who may not see them', async () => {
    const op = s.app.ctx;
    const c = await openCase(op, { kind: 'investigation', title: 'Forged passes' });
    const item = await addEvidence(op, c.id, { description: 'Forged pass', condition: 'folded', collectedBy: ids.clerk!, collectedAt: '2026-11-19T08:00:00Z', collectedWhere: 'the gate' });
    // The console records a release from the clerk to baki, waiting for baki's confirmation.
    await transferEvidence(op, item.id, { releasedBy: ids.clerk!, receivedBy: ids.baki!, at: '2026-11-19T09:00:00Z', purpose: 'analysis', condition: 'folded', sealIntact: true });
    const tried = await http.masked!('POST', `/api/cases/evidence/${item.id}/receipt`, { condition: 'folded', sealIntact: true });
    expect(tried.statusCode, tried.body).toBe(403);
    await recorded('cases.custody.receive', item.id);
    // hawk may not see the masked officer: the record names them, so hawk does not read it.
    const r = await audit('cases.custody.receive');
    expect(r.body).not.toContain(ids.masked);
    expect(r.body).not.toContain('Masked');
  });

  it('a decline by anyone but the receiver, a withdrawal by anyone but the releaser: the denial does not name the one who tried', async () => {
    const op = s.app.ctx;
    const c = await openCase(op, { kind: 'investigation', title: 'Stolen scrolls' });
    const item = await addEvidence(op, c.id, { description: 'A scroll', condition: 'rolled', collectedBy: ids.clerk!, collectedAt: '2026-11-19T08:00:00Z', collectedWhere: 'the archive' });
    await transferEvidence(op, item.id, { releasedBy: ids.clerk!, receivedBy: ids.baki!, at: '2026-11-19T09:00:00Z', purpose: 'analysis', condition: 'rolled', sealIntact: true });
    for (const how of ['decline', 'withdraw']) {
      const tried = await http.masked!('POST', `/api/cases/evidence/${item.id}/${how}`, { reason: 'not mine' });
      expect(tried.statusCode, tried.body).toBe(403);
      await recorded(`cases.custody.${how}`, item.id);
      const r = await audit(`cases.custody.${how}`);
      expect(r.body).not.toContain(ids.masked);
    }
  });

  it('a release by someone who does not hold the item: the denial does not name the hidden holder', async () => {
    const op = s.app.ctx;
    const c = await openCase(op, { kind: 'investigation', title: 'Smuggled kunai' });
    const item = await addEvidence(op, c.id, { description: 'A crate of kunai', condition: 'sealed', collectedBy: ids.holder!, collectedAt: '2026-11-19T08:00:00Z', collectedWhere: 'the docks' });
    // hawk is shown the item with its holder withheld.
    const page = await http.hawk!('GET', `/api/cases/evidence/${item.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().custodian).toEqual({ withheld: true });
    expect(page.body).not.toContain('Hidden Holder');
    // yura (public person, cleared for BREACH) tries to release what the hidden holder holds.
    const tried = await http.yura!('POST', `/api/cases/evidence/${item.id}/transfers`, { receivedBy: ids.baki, at: '2026-11-19T10:00:00Z', purpose: 'take it', condition: 'sealed', sealIntact: true });
    expect(tried.statusCode, tried.body).toBe(403);
    await recorded('cases.custody.release', item.id);
    const r = await audit('cases.custody.release');
    expect(r.body).not.toContain('Hidden Holder');
    expect(r.body).not.toContain(ids.holder);
  });
});
