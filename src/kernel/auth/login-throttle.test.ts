// The login limits over HTTP, one guess at a time and in bursts, on one server and on several
// sharing a PostgreSQL database: no more passwords are checked than docs/SECURITY.md allows.
// A 401 is a guess whose password was checked; a 429 one that was refused before the check.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, freshDatabase } from '../testing/dialects.ts';
import { openTestServer, type TestServer } from '../testing/http.ts';
import { openApp, buildHttp, type App } from '../../app.ts';
import { createAccount } from './accounts.ts';
import { LIMITS } from './throttle.ts';

let clock = new Date('2026-12-01T09:00:00Z');
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
let accounts = 0;
let nets = 0;

type Guess = { username: string; ip: string; password?: string };

/** Sends the guesses (all at once when parallel), spread over the servers in turn, and tallies the answers by status. */
async function send(servers: FastifyInstance[], guesses: Guess[], parallel: boolean): Promise<Record<number, number>> {
  const one = (g: Guess, i: number) => servers[i % servers.length]!.inject({
    method: 'POST', url: '/api/auth/login', payload: { username: g.username, password: g.password ?? `guess number ${i}` }, remoteAddress: g.ip,
  });
  const answers = parallel ? await Promise.all(guesses.map(one)) : [];
  if (!parallel) for (const [i, g] of guesses.entries()) answers.push(await one(g, i));
  const tally: Record<number, number> = {};
  for (const a of answers) tally[a.statusCode] = (tally[a.statusCode] ?? 0) + 1;
  return tally;
}

const times = (n: number, f: (i: number) => Guess) => Array.from({ length: n }, (_, i) => f(i));

/** The three limits, each tried with 110 guesses, one at a time or all at once, on the given servers. */
function limitTests(servers: () => FastifyInstance[], app: () => App, parallel: boolean) {
  const how = parallel ? '110 at once' : 'one after another';
  // Addresses of their own for each test, so no test counts another's failures.
  let net = 0;
  const ip = (host: number) => `10.${net}.${Math.floor(host / 250)}.${host % 250}`;
  beforeEach(() => {
    net = ++nets;
  });
  const account = async () => {
    const username = `target-${++accounts}`;
    await createAccount(app().ctx, { username, personId: `p-${accounts}`, displayName: username, role: 'genin', clearance: 'public', password: 'the real password 1' });
    return username;
  };

  it(`checks 5 passwords in a row for one account from one address, then refuses (${how})`, async () => {
    const username = await account();
    const tally = await send(servers(), times(110, () => ({ username, ip: ip(1) })), parallel);
    expect(tally).toEqual({ 401: LIMITS.consecutiveFree, 429: 110 - LIMITS.consecutiveFree });
    // The wait after the fifth is 1 s; after it, one more guess is checked, then the wait is 2 s.
    advance(1_000);
    expect(await send(servers(), times(10, () => ({ username, ip: ip(1) })), parallel)).toEqual({ 401: 1, 429: 9 });
    advance(1_000);
    expect(await send(servers(), times(10, () => ({ username, ip: ip(1) })), parallel)).toEqual({ 429: 10 });
    advance(1_000);
    expect(await send(servers(), times(10, () => ({ username, ip: ip(1) })), parallel)).toEqual({ 401: 1, 429: 9 });
    // The streak is this address's: the real user elsewhere gets in.
    expect(await send(servers(), [{ username, ip: ip(2), password: 'the real password 1' }], false)).toEqual({ 200: 1 });
  });

  it(`checks at most 50 passwords from one address in 15 minutes, whatever accounts it tries (${how})`, async () => {
    const real = await account();
    // One guess per account (unknown ones are checked against a decoy hash, as long as a real
    // one), so the streak rule never applies: only the address limit can refuse.
    const guesses = times(110, (i) => ({ username: i === 0 ? real : `nobody-${accounts}-${i}`, ip: ip(1) }));
    expect(await send(servers(), guesses, parallel)).toEqual({ 401: LIMITS.perAddressPerQuarter, 429: 110 - LIMITS.perAddressPerQuarter });
    // Even the right password is refused from that address now; another address is not affected.
    expect(await send(servers(), [{ username: real, ip: ip(1), password: 'the real password 1' }], false)).toEqual({ 429: 1 });
    expect(await send(servers(), [{ username: real, ip: ip(2), password: 'the real password 1' }], false)).toEqual({ 200: 1 });
    advance(15 * 60_000 + 1);
    expect(await send(servers(), [{ username: real, ip: ip(1), password: 'the real password 1' }], false)).toEqual({ 200: 1 });
  });

  it(`checks at most 100 passwords for one account in an hour, from all addresses together (${how})`, async () => {
    const username = await account();
    const tally = await send(servers(), times(110, (i) => ({ username, ip: ip(100 + i) })), parallel);
    expect(tally).toEqual({ 401: LIMITS.perAccountPerHour, 429: 110 - LIMITS.perAccountPerHour });
    expect(await send(servers(), [{ username, ip: ip(999), password: 'the real password 1' }], false)).toEqual({ 429: 1 });
    advance(60 * 60_000 + 1);
    expect(await send(servers(), [{ username, ip: ip(999), password: 'the real password 1' }], false)).toEqual({ 200: 1 });
  });
}

describe.each(DIALECTS)('login limits over HTTP on %s', (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => clock });
  });
  afterAll(async () => s?.close());

  describe('one guess at a time', () => limitTests(() => [s.http], () => s.app, false));
  describe('in bursts', () => limitTests(() => [s.http], () => s.app, true));

  it('leaves one attempt row per checked password, and an audit row for each check and each refusal', async () => {
    const username = `audited-${++accounts}`;
    const tally = await send([s.http], times(20, () => ({ username, ip: '10.250.0.1' })), true);
    expect(tally).toEqual({ 401: 5, 429: 15 });
    const rows = await s.app.ctx.db.selectFrom('kernel_login_attempt').select('success').where('username', '=', username).execute();
    expect(rows).toHaveLength(5);
    const audit = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['outcome', 'detail']).where('action', '=', 'auth.login').execute();
    const mine = audit.filter((r) => String(typeof r.detail === 'string' ? r.detail : JSON.stringify(r.detail)).includes(`"${username}"`));
    expect(mine.filter((r) => r.outcome === 'failed')).toHaveLength(5);
    expect(mine.filter((r) => r.outcome === 'denied')).toHaveLength(15);
  });
});

// Several servers, each with its own connection pool, on one PostgreSQL database: the gate rows
// are locked in the database, so a burst spread over all of them is counted as one.
describe.skipIf(!DIALECTS.includes('postgres'))('login limits with three servers on one PostgreSQL', () => {
  const apps: App[] = [];
  const servers: FastifyInstance[] = [];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshDatabase('postgres');
    drop = db.drop;
    for (let i = 0; i < 3; i++) {
      const app = await openApp({ databaseUrl: db.databaseUrl, now: () => clock, migrate: i === 0 });
      const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 }, { validateResponses: true });
      await http.ready();
      apps.push(app);
      servers.push(http);
    }
  });
  afterAll(async () => {
    for (const h of servers) await h.close();
    for (const a of apps) await a.close();
    await drop?.();
  });

  limitTests(() => servers, () => apps[0]!, true);
});
