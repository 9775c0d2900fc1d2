// Outside attack a13g: a code works wherever an id does (SECURITY.md, References 1), and a new
// case's Location header names it by its code. A case's code carries its label's mark
// (INQ-2026-S.BREACH-001), and compartments may be 40 characters long, so a case in a few long
// compartments gets a code longer than the 100 characters the routes take for a ref: its own
// Location, its page by code and its evidence's codes are refused as malformed (400).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';

const COMPARTMENTS = ['NORTHERN_BORDER_COUNTERINTELLIGENCE', 'SOUTHERN_BORDER_COUNTERINTELLIGENCE', 'WESTERN_BORDER_COUNTERINTELLIGENCE'];

describe.each(DIALECTS)('a case in long compartments on %s (attack a13g)', (dialect) => {
  let s: TestServer;
  let officer: Caller;
  let person = '';
  const now = new Date('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    person = (await createPerson(op, { givenName: 'Baki', rank: 'jounin' })).id;
    await createAccount(op, { username: 'baki', personId: person, displayName: 'Baki', role: 'jounin', clearance: 'secret', compartments: COMPARTMENTS, password: 'sand 4 dunes of the 42 winds' });
    officer = (await logIn(s, 'baki', 'sand 4 dunes of the 42 winds')).call;
  }, 120_000);
  afterAll(async () => s?.close());

  it('is read by the code it was given, at the Location it was given, and so is its evidence', async () => {
    const opened = await officer('POST', '/api/cases/cases', { kind: 'investigation', title: 'Border leaks', classification: 'secret', compartments: COMPARTMENTS });
    expect(opened.statusCode, opened.body).toBe(201);
    const { code } = opened.json();
    const byLocation = await officer('GET', String(opened.headers.location));
    expect(byLocation.statusCode, byLocation.body).toBe(200);
    const byCode = await officer('GET', `/api/cases/cases/${encodeURIComponent(code)}`);
    expect(byCode.statusCode, byCode.body).toBe(200);
    const item = await officer('POST', `/api/cases/cases/${encodeURIComponent(code)}/evidence`, { description: 'Copied map', condition: 'folded', collectedBy: person, collectedAt: '2026-11-19T08:00:00Z', collectedWhere: 'the north gate' });
    expect(item.statusCode, item.body).toBe(201);
    const itemByCode = await officer('GET', `/api/cases/evidence/${encodeURIComponent(item.json().code)}`);
    expect(itemByCode.statusCode, itemByCode.body).toBe(200);
  });
});
