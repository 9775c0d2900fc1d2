// Who recorded a change is an account, and an account names its person: the name is withheld from
// a reader who may not see that person, in the registry's revisions and the statute book's history.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from './index.ts';
import { importStatutes } from '../legislature/index.ts';

describe.each(DIALECTS)('recorded by, on %s', (dialect) => {
  let s: TestServer;
  let breachClerk: TestSession;
  let anbuReader: TestSession;
  let kazekage: TestSession;
  let publicPerson: { id: string; version: number };
  beforeAll(async () => {
    s = await openTestServer(dialect);
    const hidden = await createPerson(s.app.ctx, { givenName: 'Covert', familyName: 'Clerk', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] });
    await createAccount(s.app.ctx, { username: 'covert-clerk', personId: hidden.id, displayName: 'Covert', role: 'clerk', clearance: 'secret', compartments: ['BREACH'], password: 'a long password for the covert clerk' });
    const login = await s.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'covert-clerk', password: 'a long password for the covert clerk' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = login.json().csrfToken as string;
    breachClerk = { username: 'covert-clerk', cookie, csrfToken: csrf, headers: (extra = {}) => ({ cookie, 'x-csrf-token': csrf, ...extra }) };
    // Readers alike but for the compartment: ANBU may not see the BREACH clerk; the Kazekage may.
    anbuReader = await loginAs(s, 'anbu', 'secret', ['ANBU']);
    kazekage = await loginAs(s, 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    publicPerson = await createPerson(s.app.ctx, { givenName: 'Plain', familyName: 'Villager', rank: 'civilian' });
  });
  afterAll(async () => s?.close());

  it('withholds the recorder of a person\'s revision from a reader who may not see the recorder', async () => {
    const edit = await s.http.inject({ method: 'PATCH', url: `/api/registry/people/${publicPerson.id}`, headers: breachClerk.headers({ 'if-match': `"${publicPerson.version}"` }), payload: { summary: 'edited by a covert clerk' } });
    expect(edit.statusCode, edit.body).toBe(200);
    const as = async (who: TestSession | null) => (await s.http.inject({ url: `/api/registry/people/${publicPerson.id}/revisions`, headers: who ? who.headers() : {} })).json() as { recordedBy: unknown }[];
    expect((await as(kazekage)).at(-1)!.recordedBy).toBe('covert-clerk');
    for (const reader of [anbuReader, null]) {
      const revisions = await as(reader);
      expect(revisions.at(-1)!.recordedBy).toEqual({ withheld: true });
      expect(JSON.stringify(revisions)).not.toContain('covert-clerk');
    }
  });

  it('withholds the recorder of a statute version likewise', async () => {
    await importStatutes(s.app.ctx, [{ code: '98-101', heading: 'A public statute', titleNumber: 98, versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) The first text.' }] }], { source: 'test' });
    const amend = await s.http.inject({ method: 'POST', url: '/api/legislature/statutes/98-101/versions', headers: breachClerk.headers({ 'if-match': '"1"' }), payload: { validFrom: '2020-01-01', markup: '(1) The second text.', reason: 'consolidation by a covert clerk' } });
    expect(amend.statusCode, amend.body).toBe(201);
    const history = async (who: TestSession | null) => (await s.http.inject({ url: '/api/legislature/statutes/98-101/history', headers: who ? who.headers() : {} })).json();
    const statute = async (who: TestSession | null) => (await s.http.inject({ url: '/api/legislature/statutes/98-101?at=2021-01-01', headers: who ? who.headers() : {} })).json();
    expect((await history(kazekage)).items.at(-1).recordedBy).toBe('covert-clerk');
    expect((await statute(kazekage)).version.recordedBy).toBe('covert-clerk');
    for (const reader of [anbuReader, null]) {
      expect((await history(reader)).items.at(-1).recordedBy).toEqual({ withheld: true });
      expect((await statute(reader)).version.recordedBy).toEqual({ withheld: true });
    }
  });
});
