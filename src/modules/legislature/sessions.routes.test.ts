// /api/legislature/sessions, /votes and /motions over HTTP on both databases: a sitting run from
// the clerk's and the councillors' own accounts, in the documented shapes (the server checks its
// answers against the response schemas); a roll call answered by many racing requests, on one
// server and on two servers sharing one database, counting each member exactly once; the
// iCalendar feed read back by an independent unfolding parser; events heard by viewers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { loginAs, openTestServer, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { openApp, buildHttp, type App } from '../../app.ts';
import type { SandstoneEvent } from '../../kernel/events/event-bus.ts';
import { listen, type HeardEvents } from '../../kernel/testing/events.ts';
import { councillorAccount, seatCouncil, type Council } from './testing/council.ts';

const NOW = new Date('2026-11-05T06:30:00.000Z');

/** Logs an existing account in over HTTP on a server. */
async function login(http: FastifyInstance, username: string, password: string): Promise<TestSession> {
  const r = await http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login failed: ${r.statusCode} ${r.body}`);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  const csrfToken = r.json().csrfToken as string;
  return { username, cookie, csrfToken, headers: (extra = {}) => ({ cookie, 'x-csrf-token': csrfToken, ...extra }) };
}

/** RFC 5545 read back by hand: lines split on CRLF, continuation lines (leading space) joined, TEXT unescaped. */
function parseIcs(body: string) {
  expect(body.endsWith('\r\n')).toBe(true);
  const physical = body.slice(0, -2).split('\r\n');
  for (const l of physical) {
    expect(l.includes('\n') || l.includes('\r')).toBe(false);
    expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
  }
  const lines: string[] = [];
  for (const l of physical) {
    if (l.startsWith(' ')) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') current = {};
    else if (l === 'END:VEVENT') { events.push(current!); current = null; }
    else if (current) {
      const colon = l.indexOf(':');
      const name = l.slice(0, colon);
      let value = '';
      for (let i = colon + 1; i < l.length; i++) {
        const ch = l[i]!;
        if (ch === '\\') {
          const next = l[++i]!;
          value += next === 'n' || next === 'N' ? '\n' : next;
        } else value += ch;
      }
      current[name] = value;
    }
  }
  return { lines, events };
}

describe.each(DIALECTS)('council sessions over HTTP on %s', (dialect) => {
  let s: TestServer;
  let b: { app: App; http: FastifyInstance };
  let clerk: TestSession;
  let council: Council;
  const members: TestSession[] = [];
  const membersOnB: TestSession[] = [];
  let bus: HeardEvents;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => NOW });
    council = await seatCouncil(s.app.ctx);
    clerk = await loginAs(s, 'clerk', 'top_secret', []);
    // The second server: another app on the same database.
    const app = await openApp({ databaseUrl: s.app.databaseUrl, dbPath: s.app.dbPath, now: () => NOW });
    b = { app, http: await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 }, { validateResponses: true }) };
    for (const person of council.seats) {
      const a = await councillorAccount(s.app.ctx, person);
      members.push(await login(s.http, a.username, a.password));
      membersOnB.push(await login(b.http, a.username, a.password));
    }
    bus = listen(s.app.ctx.events);
  }, 120_000);
  afterAll(async () => {
    await b?.http.close();
    await b?.app.close();
    await s?.close();
  });

  const call = (who: TestSession, method: string, url: string, payload?: object, http: FastifyInstance = s.http) =>
    http.inject({ method: method as any, url, headers: { ...who.headers(), ...(payload ? { 'content-type': 'application/json' } : {}) }, payload: payload ? JSON.stringify(payload) : undefined });
  const heard = (pred: (e: SandstoneEvent) => boolean) => bus.heard(pred);
  let seq = 0;
  /** A sitting session on its own date, everyone present, with a seconded motion and its vote open. */
  async function openRollCall() {
    // Today in the village (NOW is 09:30 there): a session sits, and votes, only on its own date.
    const date = '2026-11-05';
    ++seq;
    const created = await call(clerk, 'POST', '/api/legislature/sessions', { title: `Sitting ${seq}`, date, startsAt: '09:00', place: 'Main assembly hall', chair: council.seats[0] });
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json().code;
    expect((await call(clerk, 'POST', `/api/legislature/sessions/${code}/status`, { status: 'sitting' })).statusCode).toBe(200);
    for (const m of members) expect((await call(m, 'PUT', `/api/legislature/sessions/${code}/attendance/me`, { status: 'present' })).statusCode).toBe(200);
    expect((await call(members[2]!, 'POST', `/api/legislature/sessions/${code}/motions`, { text: 'That the greenhouse budget be doubled.' })).statusCode).toBe(201);
    expect((await call(members[3]!, 'POST', `/api/legislature/sessions/${code}/motions/1/second`, {})).statusCode).toBe(200);
    const v = await call(clerk, 'POST', `/api/legislature/sessions/${code}/votes`, { motion: 1 });
    expect(v.statusCode, v.body).toBe(201);
    return { code, voteId: v.json().id as string };
  }
  const ballotRows = async (voteId: string) =>
    (await s.app.ctx.db.selectFrom('legislature_ballot').select(['member_id', 'option']).where('vote_id', '=', voteId).execute()).map((r) => ({ member: r.member_id as string, option: r.option as string }));

  /**
   * Every member sends `tries` answers at once (members 11 and 12 race a yes against a no); the
   * requests go to `servers` in turn. Exactly one answer per member is taken (201), the others
   * refused (409), one row per member is stored, and the closed tally counts exactly the taken ones.
   * The chair (councillor 1) answers no roll call (section 2-105(3)): every one of theirs is refused.
   */
  async function raceRollCall(servers: { http: FastifyInstance; sessions: TestSession[] }[], tries: number) {
    const { voteId } = await openRollCall();
    // Councillors 2–6 yes, 7–8 no, 9–10 abstain; 11 and 12 race a yes against a no; the chair's are all refused.
    const wanted = (n: number, t: number): 'yes' | 'no' | 'abstain' => (n >= 11 ? (t % 2 ? 'no' : 'yes') : n <= 6 ? 'yes' : n <= 8 ? 'no' : 'abstain');
    const requests = council.seats.flatMap((_, i) => Array.from({ length: tries }, (_, t) => {
      const server = servers[(i + t) % servers.length]!;
      return { member: i, option: wanted(i + 1, t), send: () => call(server.sessions[i]!, 'POST', `/api/legislature/votes/${voteId}/ballots`, { option: wanted(i + 1, t) }, server.http) };
    }));
    const answers = await Promise.all(requests.map((r) => r.send()));
    const taken = new Map<string, string>();
    for (const [k, r] of answers.entries()) {
      expect([201, 409], r.body).toContain(r.statusCode);
      if (r.statusCode === 201) {
        const person = council.seats[requests[k]!.member]!;
        expect(taken.has(person), `two answers taken for ${person}`).toBe(false);
        taken.set(person, requests[k]!.option);
      } else expect(r.json().error.code).toBe(requests[k]!.member === 0 ? 'LEGISLATURE_CHAIR_NO_BALLOT' : 'LEGISLATURE_ALREADY_VOTED');
    }
    expect(taken.size).toBe(11);
    const rows = await ballotRows(voteId);
    expect(rows).toHaveLength(11);
    expect(new Map(rows.map((r) => [r.member, r.option]))).toEqual(taken);
    const closed = await call(clerk, 'POST', `/api/legislature/votes/${voteId}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const count = (o: string) => [...taken.values()].filter((x) => x === o).length;
    // The taken answers alone give the tally: 5 yes from members 2–6 plus whatever 11 and 12's race gave; the chair present, on neither side.
    expect(closed.json().result.tally).toEqual({ yes: count('yes'), no: count('no'), abstain: count('abstain'), absent: 0, present: 12 });
    expect(count('abstain')).toBe(2);
    expect(count('yes') + count('no')).toBe(9);
    return voteId;
  }

  it('runs a sitting from the clerk\'s and the councillors\' own accounts, and viewers hear each change', async () => {
    const { code, voteId } = await openRollCall();
    expect(await heard((e) => e.type === 'legislature.session.changed' && e.payload.code === code && e.payload.what === 'vote' && e.payload.status === 'open')).toBe(true);
    const page = await call(members[4]!, 'GET', `/api/legislature/sessions/${code}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ status: 'sitting', you: { member: true, chair: false, manage: false }, quorum: { needed: 7, present: 12, met: true } });
    expect((await call(clerk, 'GET', `/api/legislature/sessions/${code}`)).json().you).toEqual({ member: false, chair: false, manage: true });
    expect((await call(members[0]!, 'GET', `/api/legislature/sessions/${code}`)).json().you).toEqual({ member: true, chair: true, manage: false });
    // The queue: a request, the chair's grant, the clock.
    expect((await call(members[5]!, 'POST', `/api/legislature/sessions/${code}/queue`, { type: 'request' })).statusCode).toBe(200);
    const granted = await call(members[0]!, 'POST', `/api/legislature/sessions/${code}/queue`, { type: 'grant', limitSeconds: 90 });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().floor).toMatchObject({ member: { id: council.seats[5] }, since: NOW.toISOString(), limitSeconds: 90, secondsLeft: 90 });
    expect((await call(members[5]!, 'GET', `/api/legislature/sessions/${code}/queue`)).json().floor.member.id).toBe(council.seats[5]);
    // The clerk records a hand raised for member 7; member 2 may not do it for member 8; a member that is not a text is malformed.
    const forSeven = await call(clerk, 'POST', `/api/legislature/sessions/${code}/queue`, { type: 'request', kind: 'point_of_order', member: council.seats[6] });
    expect(forSeven.statusCode, forSeven.body).toBe(200);
    expect(forSeven.json().waiting).toMatchObject([{ member: { id: council.seats[6] }, kind: 'point_of_order' }]);
    const forOther = await call(members[1]!, 'POST', `/api/legislature/sessions/${code}/queue`, { type: 'request', member: council.seats[7] });
    expect(forOther.statusCode).toBe(403);
    expect(forOther.json().error).toMatchObject({ code: 'LEGISLATURE_ONLY_YOURSELF', details: [{ path: 'body.member' }] });
    const malformed = await call(clerk, 'POST', `/api/legislature/sessions/${code}/queue`, { type: 'withdraw', member: 7 });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details.map((d: { path: string }) => d.path)).toContain('body.member');
    expect((await call(clerk, 'POST', `/api/legislature/sessions/${code}/queue`, { type: 'withdraw', member: council.seats[6] })).json().waiting).toEqual([]);
    // Answers from own accounts (the chair answers none); the clerk records one called aloud.
    const chairs = await call(members[0]!, 'POST', `/api/legislature/votes/${voteId}/ballots`, { option: 'yes' });
    expect(chairs.statusCode).toBe(409);
    expect(chairs.json().error.code).toBe('LEGISLATURE_CHAIR_NO_BALLOT');
    for (let i = 1; i <= 7; i++) expect((await call(members[i]!, 'POST', `/api/legislature/votes/${voteId}/ballots`, { option: 'yes' })).statusCode).toBe(201);
    const aloud = await call(clerk, 'POST', `/api/legislature/votes/${voteId}/ballots`, { option: 'no', member: council.seats[8] });
    expect(aloud.statusCode, aloud.body).toBe(201);
    expect(aloud.json()).toMatchObject({ status: 'open', answered: 8 });
    // Viewers hear that a ballot was cast in this vote, not by whom (a member may be hidden from them).
    expect(await heard((e) => e.type === 'legislature.session.changed' && e.payload.what === 'ballot' && e.payload.vote === voteId)).toBe(true);
    expect(await heard((e) => e.type === 'legislature.session.changed' && JSON.stringify(e.payload).includes(council.seats[8]!))).toBe(false);
    const closed = await call(clerk, 'POST', `/api/legislature/votes/${voteId}/close`);
    // 8 answering and the chair: 9 present of 12 (quorum 7); a simple majority of the 8 voting is 5; 7 yes: carried.
    expect(closed.json().result).toMatchObject({ outcome: 'passed', needed: 5, tally: { yes: 7, no: 1, abstain: 0, absent: 3, present: 9 } });
    const popolo = await call(members[9]!, 'GET', `/api/legislature/votes/${voteId}`);
    expect(popolo.statusCode, popolo.body).toBe(200);
    expect(popolo.json()).toMatchObject({ result: 'pass', counts: [{ option: 'yes', value: 7 }, { option: 'no', value: 1 }, { option: 'abstain', value: 0 }, { option: 'absent', value: 3 }] });
    const motionId = (await call(clerk, 'GET', `/api/legislature/sessions/${code}`)).json().motions[0].id;
    const motion = await call(members[9]!, 'GET', `/api/legislature/motions/${motionId}`);
    expect(motion.statusCode, motion.body).toBe(200);
    expect(motion.json()).toMatchObject({ result: 'pass', vote_events: [voteId], creator_id: council.seats[2] });
    expect((await call(clerk, 'POST', `/api/legislature/sessions/${code}/status`, { status: 'adjourned' })).json().status).toBe('adjourned');
  });

  it('takes exactly one ballot per member when many requests race on one server', async () => {
    await raceRollCall([{ http: s.http, sessions: members }], 6);
  });

  it('takes exactly one ballot per member when the requests race on two servers sharing the database', async () => {
    await raceRollCall([{ http: s.http, sessions: members }, { http: b.http, sessions: membersOnB }], 6);
  });

  it('gives the sessions as iCalendar: CRLF, folded lines, escaped text, the village zone', async () => {
    const long = 'Extraordinary sitting on the expulsion of foreign-born shinobi; surveillance, funding, and intelligence cooperation \\ extradition';
    const created = await call(clerk, 'POST', '/api/legislature/sessions', { title: long, date: '2026-11-30', startsAt: '09:30', minutesLong: 150, place: 'Main hall, round table', chair: council.seats[0], agenda: [{ kind: 'report', title: 'Advisory committee: report' }] });
    const code = created.json().code;
    const one = await call(members[0]!, 'GET', `/api/legislature/sessions/${code}.ics`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { lines, events: vevents } = parseIcs(one.body);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('TZID:Asia/Sunagakure');
    expect(lines).toContain('TZOFFSETTO:+0300');
    expect(vevents).toHaveLength(1);
    const e = vevents[0]!;
    expect(e.SUMMARY).toBe(`${code}: ${long}`);
    expect(e.LOCATION).toBe('Main hall, round table');
    expect(e.DESCRIPTION).toBe('Agenda:\n1. Advisory committee: report');
    expect(e['DTSTART;TZID=Asia/Sunagakure']).toBe('20261130T093000');
    expect(e['DTEND;TZID=Asia/Sunagakure']).toBe('20261130T120000');
    expect(e.DTSTAMP).toBe('20261105T063000Z');
    expect(e.UID).toBe(`${code.toLowerCase()}@sandstone.suna`);
    expect(one.body).toContain('\\;');
    expect(one.body).toContain('\\,');
    const feed = await call(members[0]!, 'GET', '/api/legislature/sessions.ics');
    expect(feed.statusCode).toBe(200);
    expect(parseIcs(feed.body).events.map((x) => x.UID)).toContain(`${code.toLowerCase()}@sandstone.suna`);
  });

  it('answers bad requests with 4xx naming what is wrong', async () => {
    const bad = await call(clerk, 'POST', '/api/legislature/sessions', { title: 'x', date: '2026-02-30', startsAt: '9am', place: 'Hall', chair: council.seats[0] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: any) => d.path).sort()).toEqual(['body.date', 'body.startsAt']);
    expect((await call(clerk, 'GET', '/api/legislature/sessions/CS-2026-404')).statusCode).toBe(404);
    expect((await call(clerk, 'GET', '/api/legislature/sessions/nonsense')).json().error.code).toBe('LEGISLATURE_SESSION_NOT_FOUND');
    expect((await call(clerk, 'GET', '/api/legislature/votes/nope')).json().error.code).toBe('LEGISLATURE_VOTE_NOT_FOUND');
    expect((await call(clerk, 'GET', '/api/legislature/motions/nope')).statusCode).toBe(404);
    expect((await call(clerk, 'POST', '/api/legislature/votes/nope/ballots', { option: 'maybe' })).statusCode).toBe(400);
    expect((await call(members[0]!, 'POST', '/api/legislature/sessions', { title: 'x', date: '2026-12-01', startsAt: '09:00', place: 'Hall', chair: council.seats[0] })).statusCode).toBe(403);
    const jounin = await loginAs(s, 'jounin', 'secret', []);
    expect((await call(jounin, 'GET', '/api/legislature/sessions')).statusCode).toBe(200);
  });
});
