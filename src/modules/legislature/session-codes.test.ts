// Outside attack a13k: council sessions are numbered CS-<year>-<n> across every label (the next
// number is max(number) of the year, whatever its label). SECURITY.md ("Codes numbered in order do
// not count hidden records") moved cases, missions, searches and bills to a series per label for
// exactly this reason, but not sessions: a public reader who sees CS-2026-001 and CS-2026-003 learns
// that a session they may not see (CS-2026-002) was created between them, and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { loginAs, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { clearForChair, seatCouncil, type Council } from './testing/council.ts';
import * as sessionCodeSeries from './migrations/20261204T000000_legislature_session_code_series.ts';

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
    // The hidden session is the first of its own series, marked, and found by that code by who may see it.
    const breach = await chief('GET', '/api/legislature/sessions/CS-2026-S.BREACH-001');
    expect(breach.statusCode, breach.body).toBe(200);
    expect(breach.json().title).toBe('On the breach');
    expect((await reader('GET', '/api/legislature/sessions/CS-2026-S.BREACH-001')).statusCode).toBe(404);
  });

  it('the migration carries each year\'s last session number into the public series, and lets two labels share a number', async () => {
    const make = async (title: string, date: string, label: object = {}) => {
      const r = await chief('POST', '/api/legislature/sessions', { title, date, startsAt: '09:00', place: 'Main hall', chair: council.seats[0], ...label });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().code as string;
    };
    // As before the migration: a 2027 session numbered 5 across labels, and no CS series for 2027.
    const old = await make('Numbered the old way', '2027-01-10');
    await s.app.ctx.db.updateTable('legislature_session').set({ code: 'CS-2027-005', number: 5 }).where('code', '=', old).execute();
    await s.app.ctx.db.deleteFrom('kernel_code_series').where('prefix', '=', 'CS').where('year', '=', 2027).execute();
    // (down needs one number per year: the earlier test's BREACH session shares 1 with a public one.)
    await s.app.ctx.db.updateTable('legislature_session').set({ number: 901 }).where('code', '=', 'CS-2026-S.BREACH-001').execute();
    await sessionCodeSeries.down(s.app.ctx.db);
    await sessionCodeSeries.up(s.app.ctx.db);
    // The public series goes on from 5; a secret one starts at 1; the old code still finds its session.
    expect(await make('After', '2027-02-01')).toBe('CS-2027-006');
    expect(await make('After, hidden', '2027-02-02', { classification: 'secret', compartments: ['ANBU'] })).toBe('CS-2027-S.ANBU-001');
    expect((await chief('GET', '/api/legislature/sessions/CS-2027-005')).json().title).toBe('Numbered the old way');
    // (2027, 1) twice: no longer unique.
    await s.app.ctx.db.updateTable('legislature_session').set({ number: 6 }).where('code', '=', 'CS-2027-S.ANBU-001').execute();
  });
});
