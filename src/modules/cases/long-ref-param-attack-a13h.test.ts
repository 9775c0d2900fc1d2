// Outside attack a13h: references may now be as long as the longest code (MAX_REF_LENGTH, 869:
// a label's mark in up to 20 compartments of 40 characters), and the schemas take them; but the
// router still takes a path parameter of at most 200 characters (build-server.ts, maxParamLength).
// A case in six 40-character compartments gets a code of some 270 characters: its own Location
// header and its page by code answer 414 URL_PARAM_TOO_LONG from the router, before any schema
// or reference is asked: the fix of attack a13g holds only up to 200 characters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';

const COMPARTMENTS = ['A', 'B', 'C', 'D', 'E', 'F'].map((c) => `${c}${'_BORDER_COUNTERINTELLIGENCE_DIVISION_XX'.slice(0, 39)}`);

describe.each(DIALECTS)('a case in six long compartments on %s (attack a13h)', (dialect) => {
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

  it('is read by the code it was given (longer than 200 characters), at the Location it was given', async () => {
    expect(COMPARTMENTS.every((c) => c.length === 40)).toBe(true);
    const opened = await officer('POST', '/api/cases/cases', { kind: 'investigation', title: 'Border leaks', classification: 'secret', compartments: COMPARTMENTS });
    expect(opened.statusCode, opened.body).toBe(201);
    const { code } = opened.json();
    expect(code.length).toBeGreaterThan(200);
    const byLocation = await officer('GET', String(opened.headers.location));
    expect(byLocation.statusCode, byLocation.body).toBe(200);
    const byCode = await officer('GET', `/api/cases/cases/${encodeURIComponent(code)}`);
    expect(byCode.statusCode, byCode.body).toBe(200);
  });
});
