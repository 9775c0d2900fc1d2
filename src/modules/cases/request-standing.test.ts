// Outside attack a13i: an inter-village request is between the requesting village and the
// requested one, and "the requested village decides after a legal review" (request-lifecycle.ts).
// Sandstone is Sunagakure's system (HOME_VILLAGE), yet nothing asks that Suna be either village:
// a Suna clerk drafts a request of Konoha to Kiri, takes every step of both sides alone (transmits
// it for Konoha, acknowledges and puts it under legal review for Kiri), and each step flies to
// Konoha's aviary by hawk in Suna's name ("Request IVR-2026-001 has been acknowledged."), while
// the decision goes on Suna's Kazekage's desk. A draft naming neither side as Suna should be
// refused on its field (400), as "a village does not ask itself" is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson, createVillage } from '../registry/index.ts';

describe.each(DIALECTS)('who an inter-village request is between on %s (attack a13i)', (dialect) => {
  let s: TestServer;
  let clerk: Caller;
  let sought = '';
  const now = new Date('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    for (const code of ['suna', 'konoha', 'kiri']) await createVillage(op, { code, name: code });
    const person = (await createPerson(op, { givenName: 'Aiko', rank: 'chuunin' })).id;
    await createAccount(op, { username: 'aiko', personId: person, displayName: 'aiko', role: 'clerk', clearance: 'secret', compartments: [], password: 'sand 4 dunes of the 42 winds' });
    clerk = (await logIn(s, 'aiko', 'sand 4 dunes of the 42 winds')).call;
    sought = (await createPerson(op, { givenName: 'Wanted', rank: 'jounin' })).id;
  }, 120_000);
  afterAll(async () => s?.close());

  it('a request between two other villages is not Suna\'s to draft, nor to move', async () => {
    const drafted = await clerk('POST', '/api/cases/requests', { kind: 'extradition', requestingVillage: 'konoha', requestedVillage: 'kiri', persons: [sought], basis: 'Nothing to do with Suna.' });
    if (drafted.statusCode === 201) {
      // Taken anyway: show how far it goes, one clerk acting for both foreign villages.
      const code = drafted.json().code;
      for (const t of ['transmit', 'acknowledge', 'begin_legal_review']) {
        const r = await clerk('POST', `/api/cases/requests/${code}/steps`, { transition: t });
        expect(r.statusCode, `${t}: ${r.body}`).toBe(200);
      }
    }
    expect(drafted.statusCode, drafted.body).toBe(400);
    expect(drafted.json().error.details.map((d: any) => d.path)).toContain('body.requestedVillage');
  });
});
