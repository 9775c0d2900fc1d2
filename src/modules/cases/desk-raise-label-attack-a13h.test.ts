// Outside attack a13h: the audit record of a change is labelled with every record it names
// (SECURITY.md, References 2). Releasing an item to a receiver raises a "confirm receipt" item on
// the receiver's desk, and raiseDeskItem audits it (desk.raise) with `owner: <receiver's registry
// id>` at the case's label alone: the custody.release record beside it is labelled with the
// receiver's label (withParties), the desk.raise record is not. An ANBU auditor (secret / ANBU)
// reading a public case sees the BREACH receiver withheld on the item's page, and reads their
// registry id in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';

describe.each(DIALECTS)('the desk item raised by a release on %s (attack a13h)', (dialect) => {
  let s: TestServer;
  const http: Record<string, Caller> = {};
  const ids: Record<string, string> = {};
  let masked = '';
  const now = new Date('2026-11-20T09:00:00Z');
  const CAST = [
    ['gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']],
    ['hawk', 'anbu', 'secret', ['ANBU']],
  ] as const;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    for (const [key, role, level, comps] of CAST) {
      const person = (await createPerson(op, { givenName: key, rank: 'jounin' })).id;
      ids[key] = person;
      const password = `sand ${key.length} dunes of the 42 winds`;
      await createAccount(op, { username: key, personId: person, displayName: key, role, clearance: level, compartments: [...comps], password });
      http[key] = (await logIn(s, key, password)).call;
    }
    masked = (await createPerson(op, { givenName: 'Masked', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] })).id;
  }, 120_000);
  afterAll(async () => s?.close());

  it('a release to a receiver the auditor may not see: withheld on the item, and not named by the desk.raise audit record either', async () => {
    const opened = await http.gaara!('POST', '/api/cases/cases', { kind: 'investigation', title: 'Smuggling at the east gate' });
    expect(opened.statusCode, opened.body).toBe(201);
    const added = await http.gaara!('POST', `/api/cases/cases/${opened.json().code}/evidence`, {
      description: 'Forged gate pass', condition: 'folded', collectedBy: ids.gaara, collectedAt: '2026-11-19T08:00:00Z', collectedWhere: 'the east gate',
    });
    expect(added.statusCode, added.body).toBe(201);
    const item = added.json().code ?? added.json().id;
    const released = await http.gaara!('POST', `/api/cases/evidence/${encodeURIComponent(item)}/transfers`, {
      receivedBy: masked, at: '2026-11-20T08:00:00Z', purpose: 'analysis', condition: 'folded', sealIntact: true,
    });
    expect(released.statusCode, released.body).toBe(200);
    // The item's page hides the receiver from hawk…
    const page = await http.hawk!('GET', `/api/cases/evidence/${encodeURIComponent(item)}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).not.toContain(masked);
    // …and the custody.release record is labelled with the receiver's label, so hawk does not read it…
    const release = await http.hawk!('GET', '/api/security/audit?action=cases.custody.release&limit=100');
    expect(release.statusCode, release.body).toBe(200);
    expect(release.body).not.toContain(masked);
    // …but the desk item the release raised is audited at the case's label, naming its owner.
    const raised = await http.hawk!('GET', '/api/security/audit?action=desk.raise&limit=100');
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.body).not.toContain(masked);
  });
});
