// Outside attack a13h: a printed chain-of-custody report bears a marking "so it says what it is"
// once the paper leaves the system's label filters (fb6ffae), and the evidence answer carries it
// as case.marking. The marking is the case's label alone, yet the report names the item's people
// as the reader sees them: a reader cleared for BREACH prints, for a public case, a report naming
// a secret / BREACH collector and custodian, with no marking at all. An event or an audit record
// naming that person is labelled with the join of every record it names (SECURITY.md, References
// 2); the paper copy of the same facts is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';

describe.each(DIALECTS)('the marking of a printed custody report on %s (attack a13h)', (dialect) => {
  let s: TestServer;
  let gaara: Caller;
  let masked = '';
  const now = new Date('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    const person = (await createPerson(op, { givenName: 'gaara', rank: 'jounin' })).id;
    await createAccount(op, { username: 'gaara', personId: person, displayName: 'gaara', role: 'kazekage', clearance: 'top_secret', compartments: ['ANBU', 'BREACH'], password: 'sand 5 dunes of the 42 winds' });
    gaara = (await logIn(s, 'gaara', 'sand 5 dunes of the 42 winds')).call;
    masked = (await createPerson(op, { givenName: 'Masked', familyName: 'Operative', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] })).id;
  }, 120_000);
  afterAll(async () => s?.close());

  it('a report naming a secret / BREACH person is marked at least SECRET / BREACH', async () => {
    const opened = await gaara('POST', '/api/cases/cases', { kind: 'investigation', title: 'Smuggling at the east gate' });
    expect(opened.statusCode, opened.body).toBe(201);
    const added = await gaara('POST', `/api/cases/cases/${opened.json().code}/evidence`, {
      description: 'Forged gate pass', condition: 'folded', collectedBy: masked, collectedAt: '2026-11-19T08:00:00Z', collectedWhere: 'the east gate',
    });
    expect(added.statusCode, added.body).toBe(201);
    const item = await gaara('GET', `/api/cases/evidence/${encodeURIComponent(added.json().code)}`);
    expect(item.statusCode, item.body).toBe(200);
    // The answer the print page renders names the BREACH collector and custodian…
    expect(item.json().collectedBy).not.toEqual({ withheld: true });
    expect(item.body).toContain(masked);
    // …and so must its marking say BREACH.
    expect(item.json().case.marking).toBe('SECRET / BREACH');
  });
});
