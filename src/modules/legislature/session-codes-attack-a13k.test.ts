// Outside attack a13k: council sessions are numbered CS-<year>-<n> across every label (the next
// number is max(number) of the year, whatever its label). SECURITY.md ("Codes numbered in order do
// not count hidden records") moved cases, missions, searches and bills to a series per label for
// exactly this reason, but not sessions: a public reader who sees CS-2026-001 and CS-2026-003 learns
// that a session they may not see (CS-2026-002) was created between them, and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { loginAs, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { clearForChair, seatCouncil, type Council } from './testing/council.ts';

const NOW = new Date('2026-11-05T06:30:00.000Z');

describe.each(DIALECTS)('session codes count no hidden session on %s (attack a13k)', (dialect) => {
  let s: TestServer;
  let council: Council;
  let chief: Caller;
  let reader: Caller;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => NOW });
    council = await seatCouncil(s.app.ctx, 3);
    await clearForChair(s.app.ctx, council.seats[0]!);
    chief = (await loginAs(s, 'clerk', 'top_secret', ['ANBU', 'BREACH'])).call;
    reader = (await loginAs(s, 'clerk', 'secret', ['ANBU'])).call;
  }, 120_000);
  afterAll(async () => s?.close());

  it('the codes a reader sees run without a gap where a hidden session was made', async () => {
    const make = async (title: string, label: object) => {
      const r = await chief('POST', '/api/legislature/sessions', { title, date: '2026-11-20', startsAt: '09:00', place: 'Main hall', chair: council.seats[0], ...label });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().code as string;
    };
    await make('On wells', {});
    await make('On the breach', { classification: 'secret', compartments: ['BREACH'] });
    await make('On roads', {});
    const list = await reader('GET', '/api/legislature/sessions');
    expect(list.statusCode, list.body).toBe(200);
    const codes = (list.json().items as { code: string }[]).map((i) => i.code).sort();
    expect(codes.length).toBe(2);
    // Numbered 1, 2 in what this reader may see: no number left for a session they may not.
    const numbers = codes.map((c) => Number(c.split('-').pop()));
    expect(numbers, `the reader (secret / ANBU) sees ${codes.join(', ')}: a gap counts the BREACH session`).toEqual([1, 2]);
  });
});
