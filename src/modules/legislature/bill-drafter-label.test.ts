// Outside attack a13k: changing a bill's drafting assignment (PUT /api/legislature/bills/:code/drafting)
// is audited with `detail.drafting.drafter` — the drafter as the bill stands after the change — but
// the record is labelled with the drafter's label only when the request itself names a drafter.
// Moving only the due date (or recording the draft handed in) writes the id of a drafter already
// assigned at the bill's label alone: a masked drafter (their person secret / BREACH) of a public
// bill is named to an ANBU auditor cleared secret / ANBU (not BREACH), and to a public one.
// SECURITY.md, References 2: the audit record of a change is labelled with the join of the labels
// of every record it names; the viewer withholds only actor, onBehalfOf and detail.personId.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { loginAs, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createPerson } from '../registry/index.ts';

const NOW = new Date('2026-11-05T06:30:00.000Z');

describe.each(DIALECTS)('a bill\'s drafting record names a drafter only to auditors who may see them on %s (attack a13k)', (dialect) => {
  let s: TestServer;
  let chief: Caller;
  let auditor: Caller;
  let hawk: Caller;
  let pub: Caller;
  let masked: string;
  let sponsor: string;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => NOW });
    masked = (await createPerson(s.app.ctx, { givenName: 'Masked', familyName: 'Drafter', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] })).id;
    sponsor = (await createPerson(s.app.ctx, { givenName: 'Open', familyName: 'Sponsor', rank: 'civilian' })).id;
    chief = (await loginAs(s, 'clerk', 'top_secret', ['ANBU', 'BREACH'])).call;
    auditor = (await loginAs(s, 'kazekage', 'top_secret', ['ANBU', 'BREACH'])).call;
    hawk = (await loginAs(s, 'anbu', 'secret', ['ANBU'])).call;
    pub = (await loginAs(s, 'kazekage', 'public', [])).call;
  }, 120_000);
  afterAll(async () => s?.close());

  it('moving the due date of a masked drafter\'s assignment does not name them to auditors who may not see them', async () => {
    const bill = await chief('POST', '/api/legislature/bills', { title: 'Well maintenance act', sponsors: [sponsor], drafter: masked, draftDue: '2026-12-01' });
    expect(bill.statusCode, bill.body).toBe(201);
    const code = bill.json().code;
    const moved = await chief('PUT', `/api/legislature/bills/${code}/drafting`, { due: '2026-12-15' });
    expect(moved.statusCode, moved.body).toBe(200);
    // Recorded: the chief reads the drafting record (and who drafts).
    const all = (await auditor('GET', '/api/security/audit?action=legislature.bill.edit&limit=100')).json().items;
    expect(all.some((i: any) => i.detail?.drafting?.drafter === masked)).toBe(true);
    for (const [who, call] of [['hawk (secret / ANBU)', hawk], ['a public auditor', pub]] as const) {
      expect((await call('GET', `/api/registry/persons/${masked}`)).statusCode).toBe(404);
      const r = await call('GET', '/api/security/audit?action=legislature.bill.edit&limit=100');
      expect(r.statusCode, r.body).toBe(200);
      expect.soft(r.body, `${who} reads the masked drafter's id`).not.toContain(masked);
    }
  });
});
