// Outside attack a13j: the desk's audit records name people their labels do not cover.
// (SECURITY.md, References 2: "an audit record … is labelled with the join of the labels of every
// record it names"; the audit viewer withholds only the actor, onBehalfOf and detail.personId, so
// any other person id in the detail is shown to whoever may read the record.)
//
// 1. A delegation granted or revoked (desk.delegate) is audited with no label at all (public),
//    and its detail names the grantor and the delegate by registry id. A masked officer (their
//    own person secret / BREACH) who grants a delegation is named to every auditor, though the
//    viewer withholds them as the actor of the very same record.
// 2. An item delegated to another official (desk.decide, decision "delegate") is audited at the
//    item's label alone, and its detail names the official it went to (`to`). The item is
//    secret / ANBU; the official's person is secret / BREACH: an ANBU auditor (secret / ANBU,
//    no BREACH) reads their id. Readers differing only by compartment.
// 3. The weekly delinquency report (desk.delinquency) is audited public with the count of late
//    items of every label: the event about the same report leaves the count out for exactly that
//    reason, so a public reader of the log learns how many items they may not see are late.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { transact } from '../../kernel/context.ts';
import { createPerson } from '../registry/index.ts';
import { raiseDeskItem, writeDelinquencyReport } from './index.ts';

describe.each(DIALECTS)('desk audit records name only people their label covers on %s (attack a13j)', (dialect) => {
  let s: TestServer;
  const http: Record<string, Caller> = {};
  const ids: Record<string, string> = {};
  const now = new Date('2026-11-20T09:00:00Z');
  // key, role, clearance, compartments, the person's own label
  const CAST = [
    // An ANBU auditor: may not see BREACH people.
    ['hawk', 'anbu', 'secret', ['ANBU'], 'public', []],
    // An auditor cleared for everything here.
    ['chief', 'anbu', 'secret', ['ANBU', 'BREACH'], 'public', []],
    // A masked officer: their own person is secret / BREACH.
    ['masked', 'jounin', 'secret', ['ANBU', 'BREACH'], 'secret', ['BREACH']],
    ['yura', 'jounin', 'secret', ['ANBU', 'BREACH'], 'public', []],
    // A public auditor (the kazekage role reads the log) with a public clearance.
    ['clerkaud', 'kazekage', 'public', [], 'public', []],
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
  }, 120_000);
  afterAll(async () => s?.close());

  const audit = async (as: string, action: string) => {
    const r = await http[as]!('GET', `/api/security/audit?action=${action}&limit=100`);
    expect(r.statusCode, r.body).toBe(200);
    return r;
  };

  it('a delegation granted and revoked by a masked officer: the record does not name them to an auditor who may not see them', async () => {
    const granted = await http.masked!('POST', '/api/desk/delegations', { delegate: ids.yura, from: '2026-11-21T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' });
    expect(granted.statusCode, granted.body).toBe(201);
    const revoked = await http.masked!('POST', `/api/desk/delegations/${granted.json().id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    // Recorded: the chief, cleared for BREACH, reads both records.
    expect((await audit('chief', 'desk.delegate')).json().items.length).toBe(2);
    // hawk (secret / ANBU) is not shown the masked officer anywhere else…
    const person = await http.hawk!('GET', `/api/registry/persons/${ids.masked}`);
    expect(person.statusCode).toBe(404);
    // …and the viewer withholds them as the actor; yet the detail names them.
    for (const who of ['hawk', 'clerkaud']) {
      const r = await audit(who, 'desk.delegate');
      expect(r.body, `${who} reads the masked grantor's id`).not.toContain(ids.masked);
    }
  });

  it('an item passed on to a masked officer: the record does not name them to an auditor cleared for the item but not for them', async () => {
    const op = s.app.ctx;
    const item = await transact(op, (tx) => raiseDeskItem(tx, {
      owner: ids.chief!, kind: 'test.review', title: 'Review the patrol roster', record: { kind: 'registry.person', id: ids.yura! },
      label: { classification: 'secret', compartments: ['ANBU'] }, suspense: new Date('2026-11-30T00:00:00Z'),
    }));
    const passed = await http.chief!('POST', `/api/desk/items/${item}/decision`, { decision: 'delegate', to: ids.masked });
    expect(passed.statusCode, passed.body).toBe(200);
    const chief = (await audit('chief', 'desk.decide')).json().items.filter((i: any) => i.objectId === item);
    expect(chief.length).toBe(1);
    expect(chief[0].detail.to).toBe(ids.masked);
    // hawk may read the item's label (secret / ANBU) but not the masked officer (secret / BREACH).
    const r = await audit('hawk', 'desk.decide');
    expect(r.body, 'hawk reads the id of the official the item went to').not.toContain(ids.masked);
  });

  it('an item decided acting for a masked owner: the viewer withholds them as onBehalfOf, the detail names them as actingFor', async () => {
    const op = s.app.ctx;
    const granted = await http.masked!('POST', '/api/desk/delegations', { delegate: ids.yura, from: '2026-11-20T09:00:00.000Z', to: '2026-11-27T09:00:00.000Z' });
    expect(granted.statusCode, granted.body).toBe(201);
    const item = await transact(op, (tx) => raiseDeskItem(tx, {
      owner: ids.masked!, kind: 'test.review', title: 'Sign the patrol roster', record: { kind: 'registry.person', id: ids.yura! },
      label: { classification: 'secret', compartments: ['ANBU'] }, suspense: new Date('2026-11-30T00:00:00Z'),
    }));
    const decided = await http.yura!('POST', `/api/desk/items/${item}/decision`, { decision: 'approve' });
    expect(decided.statusCode, decided.body).toBe(200);
    // The record is there for an auditor cleared for the masked owner…
    const chief = (await audit('chief', 'desk.decide')).json().items.filter((i: any) => i.objectId === item);
    expect(chief.length).toBe(1);
    expect(chief[0].detail.actingFor.person).toBe(ids.masked);
    // …and hawk, who may read the item's label (secret / ANBU) but not the owner, reads nothing of them.
    const r = await audit('hawk', 'desk.decide');
    expect(r.body, 'hawk reads the id of the official decided for').not.toContain(ids.masked);
  });

  it('the delinquency report is not audited with a count of items a public auditor may not see', async () => {
    const op = s.app.ctx;
    // Two late items nobody public may see.
    for (const t of ['one', 'two']) {
      await transact(op, (tx) => raiseDeskItem(tx, {
        owner: ids.chief!, kind: 'test.review', title: `late ${t}`, record: { kind: 'registry.person', id: ids.yura! },
        label: { classification: 'secret', compartments: ['BREACH'] }, suspense: new Date('2026-11-19T00:00:00Z'),
      }));
    }
    await writeDelinquencyReport(op);
    const r = (await audit('clerkaud', 'desk.delinquency')).json();
    // The count covers items of every label: a public reader must not learn how many hidden items
    // are late (either the record is not theirs to read, or it counts none they may not see).
    const counted = r.items[0]?.detail?.items ?? 0;
    expect(counted, 'the public record counts the two secret / BREACH items').toBe(0);
  });
});
