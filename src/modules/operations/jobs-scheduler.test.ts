// Outside attack a13k: the jobs API (GET /api/operations/jobs, the Timed work page) shows every job's
// `scheduledBy` (the account name, user:NAME) and `onBehalfOf` (the scheduler's registry id) as
// they are, to any reader allowed jobs.read and cleared for the JOB's label. A job's label is the
// label of what it is about (a letter, a bill), not of who scheduled it. So a masked officer
// (their own person secret / BREACH) who sends a public letter is named, by registry id and by
// account name, to a public clerk and to an ANBU officer cleared secret / ANBU (no BREACH), who
// are shown nothing of that person anywhere else (the person page is a 404; the audit viewer
// withholds the same person as actor and onBehalfOf).
// SECURITY.md, References 2: "a reader who may not see a person must never read that person's
// registry id or name in an audit record … or an event … or any page."
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson, createVillage } from '../registry/index.ts';

describe.each(DIALECTS)('the jobs page names only schedulers its reader may see on %s (attack a13k)', (dialect) => {
  let s: TestServer;
  const http: Record<string, Caller> = {};
  const ids: Record<string, string> = {};
  const now = new Date('2026-11-20T09:00:00Z');
  // key, role, clearance, compartments, the person's own label
  const CAST = [
    ['masked', 'jounin', 'secret', ['ANBU', 'BREACH'], 'secret', ['BREACH']],
    ['yura', 'jounin', 'public', [], 'public', []],
    // A clerk (jobs.read) with a public clearance.
    ['clerk', 'clerk', 'public', [], 'public', []],
    // An ANBU officer (jobs.read) cleared secret / ANBU: differs from BREACH only by compartment.
    ['hawk', 'anbu', 'secret', ['ANBU'], 'public', []],
  ] as const;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    await createVillage(op, { code: 'suna', name: 'Sunagakure', land: 'Wind', leaderTitle: 'Kazekage' });
    for (const [key, role, level, comps, pl, pc] of CAST) {
      const person = (await createPerson(op, { givenName: key === 'masked' ? 'Masked' : key, familyName: key === 'masked' ? 'Operative' : undefined, rank: 'jounin', classification: pl, compartments: [...pc] })).id;
      ids[key] = person;
      const password = `sand ${key.length} dunes of the 42 winds`;
      await createAccount(op, { username: key, personId: person, displayName: key, role, clearance: level, compartments: [...comps], password });
      http[key] = (await logIn(s, key, password)).call;
    }
  }, 120_000);
  afterAll(async () => s?.close());

  it('a public letter sent by a masked officer: its dispatch job does not name them to a reader who may not see them', async () => {
    const sent = await http.masked!('POST', '/api/post/messages', { to: [{ person: ids.yura }], subject: 'Patrol at dawn', body: 'Meet at the east gate.', precedence: 'routine' });
    expect(sent.statusCode, sent.body).toBe(201);
    for (const who of ['clerk', 'hawk']) {
      // The masked officer is hidden from this reader…
      expect((await http[who]!('GET', `/api/registry/persons/${ids.masked}`)).statusCode).toBe(404);
      // …who yet reads the jobs, at the letter's (public) label.
      const jobs = await http[who]!('GET', '/api/operations/jobs?limit=500');
      expect(jobs.statusCode, jobs.body).toBe(200);
      expect(jobs.json().items.length, `${who} lists the letter's dispatch job`).toBeGreaterThan(0);
      expect(jobs.body, `${who} reads the masked sender's registry id`).not.toContain(ids.masked);
      expect(jobs.body, `${who} reads the masked sender's account name`).not.toContain('user:masked');
    }
  });
});
