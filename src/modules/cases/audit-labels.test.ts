// The audit record of a change is labelled with every record it names (SECURITY.md, References 2:
// "so is the audit record of the change"). An ANBU auditor (secret / ANBU) reading a public case
// sees a BREACH person (secret / BREACH) withheld on the case's pages, and must not read their
// registry id in the audit log either.
// Outside attack a13g: adding evidence names its collector, testimony or a finding names who gave
// it, opening a case counts its parties; all were audited at the case's label only.
// Outside attack a13h: releasing an item raises a "confirm receipt" item on the receiver's desk,
// and raiseDeskItem audited it (desk.raise, naming its owner) at the case's label alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';

describe.each(DIALECTS)('audit records of case writes on %s (attacks a13g, a13h)', (dialect) => {
  let s: TestServer;
  const http: Record<string, Caller> = {};
  const ids: Record<string, string> = {};
  let masked = '';
  let caseCode = '';
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
    // A BREACH operative: hawk (ANBU, not BREACH) may not see them.
    masked = (await createPerson(op, { givenName: 'Masked', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] })).id;
    const opened = await http.gaara!('POST', '/api/cases/cases', { kind: 'investigation', title: 'Smuggling at the east gate' });
    expect(opened.statusCode, opened.body).toBe(201);
    caseCode = opened.json().code;
  }, 120_000);
  afterAll(async () => s?.close());

  async function auditAsHawk(action: string) {
    const r = await http.hawk!('GET', `/api/security/audit?action=${encodeURIComponent(action)}&limit=100`);
    expect(r.statusCode, r.body).toBe(200);
    return r;
  }

  it('an item collected by a person the auditor may not see: withheld on the page, and not named in the audit log either', async () => {
    const added = await http.gaara!('POST', `/api/cases/cases/${caseCode}/evidence`, {
      description: 'Forged gate pass', condition: 'folded', collectedBy: masked, collectedAt: '2026-11-19T08:00:00Z', collectedWhere: 'the east gate',
    });
    expect(added.statusCode, added.body).toBe(201);
    // The page hides the collector from hawk…
    const page = await http.hawk!('GET', `/api/cases/cases/${caseCode}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().evidence[0].collectedBy).toEqual({ withheld: true });
    expect(page.body).not.toContain(masked);
    // …and so must the audit log he may read.
    const log = await auditAsHawk('cases.evidence.add');
    expect(log.body).not.toContain(masked);
  });

  it('testimony given by a person the auditor may not see: withheld on the page, and not named in the audit log either', async () => {
    const given = await http.gaara!('POST', `/api/cases/cases/${caseCode}/entries`, { kind: 'testimony', on: '2026-11-20', by: masked, text: 'I saw the pass change hands.' });
    expect(given.statusCode, given.body).toBe(200);
    const page = await http.hawk!('GET', `/api/cases/cases/${caseCode}`);
    expect(page.json().entries[0].by).toEqual({ withheld: true });
    expect(page.body).not.toContain(masked);
    const log = await auditAsHawk('cases.testimony.add');
    expect(log.body).not.toContain(masked);
  });

  it('a case opened with a party the auditor may not see: the party is not counted on the page, nor in the audit log', async () => {
    const opened = await http.gaara!('POST', '/api/cases/cases', { kind: 'inquest', title: 'The gate inquest', parties: [{ person: masked, role: 'witness' }] });
    expect(opened.statusCode, opened.body).toBe(201);
    const page = await http.hawk!('GET', `/api/cases/cases/${opened.json().code}`);
    expect(page.json().parties).toEqual([]);
    const log = await auditAsHawk('cases.case.open');
    const record = log.json().items.find((i: any) => i.objectId === opened.json().id);
    // Seen at all, the record must not count a party hawk is not shown.
    if (record) expect(record.detail.parties).toBe(0);
  });

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
