// The marking of an item's page and of its printed custody report (SECURITY.md, References 2): "its
// record's label joined with the labels of the people it names that the reader is shown; those
// withheld are not named on it, so they add nothing". So the marking depends on the reader: here a
// public case's item, collected by a secret / BREACH officer and handed to a secret / ANBU one.
// An ANBU reader (no BREACH) is shown only the ANBU officer: SECRET / ANBU, and no word of BREACH
// (a marking naming BREACH would tell them a BREACH person is on the paper they are not shown).
// A reader cleared for both is shown both: SECRET / ANBU, BREACH.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';
import { addEvidence, openCase, transferEvidence } from './index.ts';

describe.each(DIALECTS)('a marking counts only the people the reader is shown on %s (m13h)', (dialect) => {
  let s: TestServer;
  const http: Record<string, Caller> = {};
  let item = '';
  const now = new Date('2026-11-20T09:00:00Z');
  // key, role, clearance, compartments
  const READERS = [
    ['hawk', 'anbu', 'secret', ['ANBU']],
    ['chief', 'anbu', 'secret', ['ANBU', 'BREACH']],
  ] as const;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    for (const [key, role, level, comps] of READERS) {
      const person = (await createPerson(op, { givenName: key, rank: 'jounin' })).id;
      const password = `sand ${key.length} dunes of the 42 winds`;
      await createAccount(op, { username: key, personId: person, displayName: key, role, clearance: level, compartments: [...comps], password });
      http[key] = (await logIn(s, key, password)).call;
    }
    const masked = (await createPerson(op, { givenName: 'Masked', familyName: 'Operative', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] })).id;
    const anbu = (await createPerson(op, { givenName: 'Anbu', familyName: 'Keeper', rank: 'jounin', classification: 'secret', compartments: ['ANBU'] })).id;
    const c = await openCase(op, { kind: 'investigation', title: 'The sealed crate' });
    item = (await addEvidence(op, c.id, { description: 'A sealed crate', condition: 'sealed', collectedBy: masked, collectedAt: '2026-11-19T08:00:00Z', collectedWhere: 'the docks' })).id;
    // Recorded from paper by the console: the masked collector handed it to the ANBU keeper, who signed for it.
    await transferEvidence(op, item, { receivedBy: anbu, at: '2026-11-19T09:00:00Z', purpose: 'storage', condition: 'sealed', sealIntact: true, receiverConfirmed: true });
  }, 120_000);
  afterAll(async () => s?.close());

  it.each([
    ['hawk', 'SECRET / ANBU'],
    ['chief', 'SECRET / ANBU, BREACH'],
  ] as const)('%s: the item page and the printed report are marked %s', async (reader, marking) => {
    const page = await http[reader]!('GET', `/api/cases/evidence/${item}`);
    expect(page.statusCode, page.body).toBe(200);
    // What the reader is shown: hawk the keeper only, chief both.
    expect(page.json().custodian).not.toEqual({ withheld: true });
    expect(page.json().collectedBy).toEqual(reader === 'hawk' ? { withheld: true } : expect.objectContaining({ name: expect.stringContaining('Masked') }));
    expect(page.json().case.classification).toBe('public');
    expect(page.json().case.marking).toBe(marking);
    const report = await http[reader]!('GET', `/api/cases/evidence/${item}/custody-report`);
    expect(report.statusCode, report.body).toBe(200);
    const lines = report.body.trimEnd().split('\n');
    expect(lines[0]).toBe(marking);
    expect(lines[lines.length - 1]).toBe(marking);
    if (reader === 'hawk') expect(report.body).not.toContain('BREACH');
  });
});
