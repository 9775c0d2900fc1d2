// Desk audit records are labelled with the join of the labels of every record they name, and a
// record counting records of many labels with all of them (SECURITY.md, References 2). The a13j
// tests cover a masked grantor, a masked official passed to or decided for, and late items of one
// label; these cover the other end of each: a masked delegate (granted and revoked by a public
// grantor), and a delinquency count over late items of two different compartments. And an item
// raised on a desk is announced to its owner only (a desk's items are its owner's business: anyone
// else cleared for the item's label would otherwise hear that it was raised).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { transact } from '../../kernel/context.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { createPerson } from '../registry/index.ts';
import { listen } from '../../kernel/testing/events.ts';
import { raiseDeskItem, writeDelinquencyReport } from './index.ts';

describe.each(DIALECTS)('desk audit records carry every label they name on %s (m13h)', (dialect) => {
  let s: TestServer;
  const http: Record<string, Caller> = {};
  const ids: Record<string, string> = {};
  const now = new Date('2026-11-20T09:00:00Z');
  // key, role, clearance, compartments, the person's own label
  const CAST = [
    ['hawk', 'anbu', 'secret', ['ANBU'], 'public', []],
    ['masked', 'jounin', 'secret', ['ANBU', 'BREACH'], 'secret', ['BREACH']],
    ['yura', 'jounin', 'secret', ['ANBU', 'BREACH'], 'public', []],
  ] as const;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    for (const [key, role, level, comps, pl, pc] of CAST) {
      ids[key] = (await createPerson(op, { givenName: key === 'masked' ? 'Masked' : key, rank: 'jounin', classification: pl, compartments: [...pc] })).id;
      const password = `sand ${key.length} dunes of the 42 winds`;
      await createAccount(op, { username: key, personId: ids[key]!, displayName: key, role, clearance: level, compartments: [...comps], password });
      http[key] = (await logIn(s, key, password)).call;
    }
  }, 120_000);
  afterAll(async () => s?.close());

  const stored = async (action: string) => (await s.app.ctx.db.selectFrom('kernel_audit_log').select(['object_id', 'classification', 'compartments', 'detail']).where('action', '=', action).execute())
    .map((r) => ({ objectId: r.object_id, label: { classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) }, detail: fromJson<any>(r.detail, {}) }));

  it('a delegation to a masked delegate, granted and revoked by a public grantor, is audited at the delegate\'s label', async () => {
    const granted = await http.yura!('POST', '/api/desk/delegations', { delegate: ids.masked, from: '2026-11-21T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' });
    expect(granted.statusCode, granted.body).toBe(201);
    const revoked = await http.yura!('POST', `/api/desk/delegations/${granted.json().id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    const rows = (await stored('desk.delegate')).filter((r) => r.objectId === granted.json().id);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.detail.delegate).toBe(ids.masked);
      // The grantor is public: the delegate's label is all there is to carry.
      expect(r.label).toEqual({ classification: 'secret', compartments: ['BREACH'] });
    }
    const hawk = await http.hawk!('GET', '/api/security/audit?action=desk.delegate&limit=100');
    expect(hawk.statusCode, hawk.body).toBe(200);
    expect(hawk.body).not.toContain(ids.masked);
  });

  it('a delinquency report counting late items of two compartments is labelled with both', async () => {
    const op = s.app.ctx;
    // One late secret / ANBU item, one later secret / BREACH item, one public item not yet due.
    const items: [string, { classification: 'secret' | 'public'; compartments: string[] }, string][] = [
      ['late anbu', { classification: 'secret', compartments: ['ANBU'] }, '2026-11-18T00:00:00Z'],
      ['late breach', { classification: 'secret', compartments: ['BREACH'] }, '2026-11-19T00:00:00Z'],
      ['not yet due', { classification: 'public', compartments: [] }, '2026-11-30T00:00:00Z'],
    ];
    for (const [title, label, suspense] of items) {
      await transact(op, (tx) => raiseDeskItem(tx, { owner: ids.yura!, kind: 'test.review', title, record: { kind: 'registry.person', id: ids.yura! }, label, suspense: new Date(suspense) }));
    }
    const report = await writeDelinquencyReport(op);
    expect(report).toBeTruthy();
    const rows = (await stored('desk.delinquency')).filter((r) => r.objectId === report);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.detail.items).toBe(2);
    expect(rows[0]!.label).toEqual({ classification: 'secret', compartments: ['ANBU', 'BREACH'] });
    // hawk may see the ANBU item, not the BREACH one: the count is not theirs to read.
    const hawk = await http.hawk!('GET', '/api/security/audit?action=desk.delinquency&limit=100');
    expect(hawk.statusCode, hawk.body).toBe(200);
    expect(hawk.json().items.some((i: any) => i.objectId === report)).toBe(false);
  });

  it('an item raised on a desk is announced to its owner only', async () => {
    const op = s.app.ctx;
    const bus = listen(op.events);
    await bus.settle(op.db);
    const item = await transact(op, (tx) => raiseDeskItem(tx, {
      owner: ids.yura!, kind: 'test.review', title: 'Read the roster', record: { kind: 'registry.person', id: ids.yura! },
      label: { classification: 'public', compartments: [] }, suspense: new Date('2026-11-30T00:00:00Z'),
    }));
    const raised = await bus.next((e) => e.type === 'desk.item.changed' && e.payload.itemId === item, 'the raise event');
    expect(raised.audience).toEqual([ids.yura]);
  });
});
