// A membership is seen only with both its ends, so the audit records of ending or relabelling
// one are classified at the join of the link's and its ends' labels, not at the link's own.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { createMembership, createOrganization, createPerson, endMembership, relabel } from './index.ts';

describe.each(DIALECTS)('audit records of a membership with a hidden end on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => { app = await openTestApp(dialect); });
  afterAll(async () => app?.drop());

  /** Compartments as stored: JSON text on SQLite, an array on PostgreSQL. */
  const list = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const auditOf = (id: string, action: string) => app.ctx.db.selectFrom('kernel_audit_log').select(['classification', 'compartments'])
    .where('object_id', '=', id).where('action', '=', action).executeTakeFirstOrThrow();

  it('are classified with the ends: a public link of a secret/ANBU person is recorded as secret/ANBU', async () => {
    const op = app.ctx;
    const guard = await createPerson(op, { givenName: 'Hidden', familyName: 'Guard', rank: 'jounin', classification: 'secret', compartments: ['ANBU'] });
    await createOrganization(op, { code: 'open-office', name: 'Open office', kind: 'unit' });
    const m1 = await createMembership(op, { person: guard.id, organization: 'open-office', role: 'guard' });
    await endMembership(op, m1.id, { endDate: '2026-11-20', reason: 'rotated' });
    const ended = await auditOf(m1.id, 'registry.membership.end');
    expect(ended.classification).toBe('secret');
    expect(list(ended.compartments)).toEqual(['ANBU']);

    const m2 = await createMembership(op, { person: guard.id, organization: 'open-office', role: 'guard' });
    await relabel(op, 'membership', m2.id, { classification: 'restricted', compartments: [], reason: 'raised for the test' });
    const raised = await auditOf(m2.id, 'registry.relabel');
    expect(raised.classification).toBe('secret');
    expect(list(raised.compartments)).toEqual(['ANBU']);
  });
});
