// A code works wherever an id does (SECURITY.md, References 1), and a new case's Location header
// names it by its code. A case's code carries its label's mark (INQ-2026-S.BREACH-001), and
// compartments may be 40 characters long, so a case in long compartments has a long code.
// Outside attack a13g: with three such compartments the routes refused the code (over 100
// characters) as malformed. Outside attack a13h: with six, the router refused it (over 200
// characters, maxParamLength) with 414 before any schema was asked. A path value longer than any
// reference may be is still refused, in words that give the real limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { MAX_REF_LENGTH } from '../../kernel/validation.ts';
import { createPerson } from '../registry/index.ts';

const THREE = ['NORTHERN_BORDER_COUNTERINTELLIGENCE', 'SOUTHERN_BORDER_COUNTERINTELLIGENCE', 'WESTERN_BORDER_COUNTERINTELLIGENCE'];
const SIX = ['A', 'B', 'C', 'D', 'E', 'F'].map((c) => `${c}${'_BORDER_COUNTERINTELLIGENCE_DIVISION_XX'.slice(0, 39)}`);

describe.each(DIALECTS)('cases with long codes on %s (attacks a13g, a13h)', (dialect) => {
  let s: TestServer;
  let officer: Caller;
  let person = '';
  const now = new Date('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    person = (await createPerson(op, { givenName: 'Baki', rank: 'jounin' })).id;
    await createAccount(op, { username: 'baki', personId: person, displayName: 'Baki', role: 'jounin', clearance: 'secret', compartments: [...THREE, ...SIX], password: 'sand 4 dunes of the 42 winds' });
    officer = (await logIn(s, 'baki', 'sand 4 dunes of the 42 winds')).call;
  }, 120_000);
  afterAll(async () => s?.close());

  it('a case in three long compartments is read by its code, at its Location, and so is its evidence', async () => {
    const opened = await officer('POST', '/api/cases/cases', { kind: 'investigation', title: 'Border leaks', classification: 'secret', compartments: THREE });
    expect(opened.statusCode, opened.body).toBe(201);
    const { code } = opened.json();
    expect(code.length).toBeGreaterThan(100);
    const byLocation = await officer('GET', String(opened.headers.location));
    expect(byLocation.statusCode, byLocation.body).toBe(200);
    const byCode = await officer('GET', `/api/cases/cases/${encodeURIComponent(code)}`);
    expect(byCode.statusCode, byCode.body).toBe(200);
    const item = await officer('POST', `/api/cases/cases/${encodeURIComponent(code)}/evidence`, { description: 'Copied map', condition: 'folded', collectedBy: person, collectedAt: '2026-11-19T08:00:00Z', collectedWhere: 'the north gate' });
    expect(item.statusCode, item.body).toBe(201);
    const itemByCode = await officer('GET', `/api/cases/evidence/${encodeURIComponent(item.json().code)}`);
    expect(itemByCode.statusCode, itemByCode.body).toBe(200);
  });

  it('a case in six long compartments (a code over 200 characters) is read by its code, at its Location', async () => {
    expect(SIX.every((c) => c.length === 40)).toBe(true);
    const opened = await officer('POST', '/api/cases/cases', { kind: 'investigation', title: 'Border leaks', classification: 'secret', compartments: SIX });
    expect(opened.statusCode, opened.body).toBe(201);
    const { code } = opened.json();
    expect(code.length).toBeGreaterThan(200);
    const byLocation = await officer('GET', String(opened.headers.location));
    expect(byLocation.statusCode, byLocation.body).toBe(200);
    const byCode = await officer('GET', `/api/cases/cases/${encodeURIComponent(code)}`);
    expect(byCode.statusCode, byCode.body).toBe(200);
  });

  it('a path value longer than any reference may be, escaped, is refused 414 in words that give the limit', async () => {
    const tooLong = await officer('GET', `/api/cases/cases/${'A'.repeat(3 * MAX_REF_LENGTH + 1)}`);
    expect(tooLong.statusCode).toBe(414);
    expect(tooLong.json().error.code).toBe('URL_PARAM_TOO_LONG');
    expect(tooLong.json().error.message).toContain(`at most ${MAX_REF_LENGTH} characters`);
  });
});
