// Logging in and out over HTTP: sessions, cookies, CSRF, throttling, second factor, and the audit trail they leave.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS, openTestApp } from '../testing/dialects.ts';
import { buildHttp } from '../../app.ts';
import { openTestServer, type TestServer } from '../testing/http.ts';
import { createAccount, disableAccount } from './accounts.ts';
import { totpCode } from './totp.ts';
import { passwordProblem } from './passwords.ts';

let clock = new Date('2026-11-25T09:00:00Z');
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

describe('password rules', () => {
  it('refuses short, long and common passwords', () => {
    expect(passwordProblem('short')).toMatch(/at least 8/);
    expect(passwordProblem('x'.repeat(129))).toMatch(/at most 128/);
    expect(passwordProblem('password1')).toMatch(/common/);
    expect(passwordProblem('iloveyou')).toMatch(/common/);
    expect(passwordProblem('wind over the red bluff')).toBeNull();
  });
});

describe('a short idle limit', () => {
  it('keeps a session alive while it is used, even when the limit is one minute', async () => {
    let now = new Date('2026-11-25T09:00:00Z');
    const app = await openTestApp('sqlite', { now: () => now });
    const http = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576, sessionIdleMinutes: 1 });
    try {
      await createAccount(app.ctx, { username: 'busy', personId: 'p9', displayName: 'Busy', role: 'genin', clearance: 'public', password: 'idle hands in the dunes 9' });
      const r = await http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'busy', password: 'idle hands in the dunes 9' } });
      const cookie = String(r.headers['set-cookie']).split(';')[0]!;
      // A request every 20 seconds for three minutes: never a minute idle.
      for (let i = 0; i < 9; i++) {
        now = new Date(now.getTime() + 20_000);
        expect((await http.inject({ url: '/api/auth/me', headers: { cookie } })).json().user, `after ${(i + 1) * 20} s`).not.toBeNull();
      }
      now = new Date(now.getTime() + 61_000);
      expect((await http.inject({ url: '/api/auth/me', headers: { cookie } })).json().user).toBeNull();
    } finally {
      await http.close();
      await app.drop();
    }
  });
});

describe.each(DIALECTS)('login and sessions on %s', (dialect) => {
  let s: TestServer;
  const login = (username: string, password: string, extra: Record<string, unknown> = {}, ip = '10.9.8.7') =>
    s.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...extra }, remoteAddress: ip });
  const cookieOf = (r: { headers: Record<string, unknown> }) => String(r.headers['set-cookie']).split(';')[0]!;

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => clock });
    const op = s.app.ctx;
    await createAccount(op, { username: 'aiko', personId: 'p1', displayName: 'Aiko Nishida', role: 'clerk', clearance: 'secret', compartments: ['ANBU'], password: 'desert rose 1234' });
    await createAccount(op, { username: 'naruto', personId: 'p2', displayName: 'Naruto Uzumaki', role: 'genin', clearance: 'public', password: 'ramen every day 7' });
  });
  afterAll(async () => s?.close());

  it('logs in: HttpOnly SameSite cookie, a CSRF token, and "me" knows who it is', async () => {
    const r = await login('aiko', 'desert rose 1234');
    expect(r.statusCode).toBe(200);
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/^sandstone=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const { csrfToken, user } = r.json();
    expect(user).toMatchObject({ username: 'aiko', role: 'clerk', clearance: { level: 'secret', compartments: ['ANBU'] } });
    const me = await s.http.inject({ url: '/api/auth/me', headers: { cookie: cookieOf(r) } });
    expect(me.json()).toMatchObject({ user: { username: 'aiko' }, csrfToken });
    const anon = await s.http.inject({ url: '/api/auth/me' });
    expect(anon.json().user).toBeNull();
  });

  it('gives a fresh token at every login', async () => {
    const a = cookieOf(await login('aiko', 'desert rose 1234'));
    const b = cookieOf(await login('aiko', 'desert rose 1234'));
    expect(a).not.toBe(b);
  });

  it('ends the session a browser held when it logs in again as someone else', async () => {
    const first = await login('aiko', 'desert rose 1234');
    const old = { cookie: cookieOf(first), 'x-csrf-token': first.json().csrfToken };
    const second = await s.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'naruto', password: 'ramen every day 7' }, headers: old, remoteAddress: '10.9.8.7' });
    expect(second.statusCode).toBe(200);
    expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie: cookieOf(second) } })).json().user).toMatchObject({ username: 'naruto' });
    // A copy of the old cookie no longer acts as aiko.
    expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie: old.cookie } })).json().user).toBeNull();
  });

  it('sets Secure and the __Host- prefix over HTTPS (behind a trusted proxy)', async () => {
    const https = await openTestServer(dialect, { now: () => clock, trustProxy: true });
    try {
      await createAccount(https.app.ctx, { username: 'aiko', personId: 'p1', displayName: 'Aiko', role: 'clerk', clearance: 'public', password: 'desert rose 1234' });
      const r = await https.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'aiko', password: 'desert rose 1234' }, headers: { 'x-forwarded-proto': 'https' } });
      expect(String(r.headers['set-cookie'])).toMatch(/^__Host-sandstone=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
      expect(r.headers['strict-transport-security']).toMatch(/max-age=/);
    } finally {
      await https.close();
    }
  });

  it('refuses a wrong password and an unknown user with the same words, and audits both', async () => {
    const wrong = await login('aiko', 'not the password', {}, '10.1.1.1');
    const unknown = await login('nobody', 'not the password', {}, '10.1.1.1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    const failed = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'outcome']).where('action', '=', 'auth.login').where('outcome', '=', 'failed').execute();
    expect(failed.length).toBeGreaterThanOrEqual(2);
  });

  it('requires the CSRF token on writes made with the session cookie', async () => {
    const r = await login('aiko', 'desert rose 1234');
    const cookie = cookieOf(r);
    const without = await s.http.inject({ method: 'POST', url: '/api/registry/villages', payload: { code: 'kiri', name: 'Kirigakure' }, headers: { cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('AUTH_CSRF_INVALID');
    const forged = await s.http.inject({ method: 'POST', url: '/api/registry/villages', payload: { code: 'kiri', name: 'Kirigakure' }, headers: { cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(forged.statusCode).toBe(403);
    const ok = await s.http.inject({ method: 'POST', url: '/api/registry/villages', payload: { code: 'kiri', name: 'Kirigakure' }, headers: { cookie, 'x-csrf-token': r.json().csrfToken } });
    expect(ok.statusCode).toBe(201);
  });

  it('ends a session at logout, after 30 idle minutes, and after 12 hours whatever happens', async () => {
    const r = await login('naruto', 'ramen every day 7');
    const cookie = cookieOf(r);
    const out = await s.http.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': r.json().csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie } })).json().user).toBeNull();

    const idle = cookieOf(await login('naruto', 'ramen every day 7'));
    advance(29 * 60_000);
    expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie: idle } })).json().user).not.toBeNull();
    advance(29 * 60_000); // active within the window: still alive
    expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie: idle } })).json().user).not.toBeNull();
    advance(31 * 60_000);
    expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie: idle } })).json().user).toBeNull();

    const busy = cookieOf(await login('naruto', 'ramen every day 7'));
    for (let h = 0; h < 12; h++) {
      advance(20 * 60_000);
      await s.http.inject({ url: '/api/auth/me', headers: { cookie: busy } });
      advance(20 * 60_000);
      await s.http.inject({ url: '/api/auth/me', headers: { cookie: busy } });
      advance(20 * 60_000);
      await s.http.inject({ url: '/api/auth/me', headers: { cookie: busy } });
    }
    expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie: busy } })).json().user).toBeNull();
  });

  it('disabling an account ends its sessions at once', async () => {
    await createAccount(s.app.ctx, { username: 'temp', personId: 'p3', displayName: 'Temp', role: 'genin', clearance: 'public', password: 'brief stay 99' });
    const cookie = cookieOf(await login('temp', 'brief stay 99'));
    expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie } })).json().user).not.toBeNull();
    await disableAccount(s.app.ctx, 'temp');
    expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie } })).json().user).toBeNull();
    expect((await login('temp', 'brief stay 99')).statusCode).toBe(401);
  });

  it('slows down guessing with 429 and Retry-After, and lets the real user back in when the wait is over', async () => {
    await createAccount(s.app.ctx, { username: 'target', personId: 'p4', displayName: 'Target', role: 'genin', clearance: 'public', password: 'the real password 1' });
    for (let i = 0; i < 5; i++) expect((await login('target', `guess ${i}`, {}, '10.6.6.6')).statusCode).toBe(401);
    const throttled = await login('target', 'guess 6', {}, '10.6.6.6');
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(throttled.json().error.message).toBe(`Logging in is paused: too many failed logins in a row. Try again in ${throttled.headers['retry-after']} second${throttled.headers['retry-after'] === '1' ? '' : 's'}.`);
    // The attacker's streak does not stop the real user elsewhere.
    expect((await login('target', 'the real password 1', {}, '10.7.7.7')).statusCode).toBe(200);
    advance(2_000);
    expect((await login('target', 'the real password 1', {}, '10.6.6.6')).statusCode).toBe(200);
  });

  // The per-account and per-address caps, one by one and in bursts: login-throttle.test.ts.

  it('asks for the one-time code on accounts that require it', async () => {
    const made = await createAccount(s.app.ctx, { username: 'gaara', personId: 'p6', displayName: 'Gaara', role: 'kazekage', clearance: 'top_secret', compartments: ['ANBU'], password: 'gourd of sand 1', totp: true });
    const none = await login('gaara', 'gourd of sand 1');
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('AUTH_TOTP_REQUIRED');
    const wrong = await login('gaara', 'gourd of sand 1', { totp: '000000' === totpCode(made.totpSecret!, clock) ? '111111' : '000000' });
    expect(wrong.json().error.code).toBe('AUTH_TOTP_INVALID');
    const ok = await login('gaara', 'gourd of sand 1', { totp: totpCode(made.totpSecret!, clock) });
    expect(ok.statusCode).toBe(200);
    // The same code again, even within its 30 seconds, is refused: codes cannot be replayed.
    const replay = await login('gaara', 'gourd of sand 1', { totp: totpCode(made.totpSecret!, clock) });
    expect(replay.json().error).toMatchObject({ code: 'AUTH_TOTP_INVALID', message: expect.stringMatching(/already used/) });
    advance(30_000);
    expect((await login('gaara', 'gourd of sand 1', { totp: totpCode(made.totpSecret!, clock) })).statusCode).toBe(200);
  });

  it('sends security headers on every answer: the REST set on the API, a page policy elsewhere', async () => {
    for (const url of ['/api/health', '/api/nothing-here']) {
      const r = await s.http.inject({ url });
      expect(r.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['cache-control']).toBe('no-store');
    }
    const page = await s.http.inject({ url: '/people' });
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['cache-control']).toBeUndefined();
  });

  it('describes the auth routes in the OpenAPI document, with their schemas', async () => {
    const doc = (await s.http.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(Object.keys(doc.paths['/api/auth/login'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    expect(doc.paths['/api/auth/logout'].post.responses['204']).toBeDefined();
    expect(doc.paths['/api/auth/me'].get.responses['200'].content['application/json'].schema.properties.csrfToken).toBeDefined();
  });

  it('audits login and logout with who and when', async () => {
    const rows = await s.app.ctx.db.selectFrom('kernel_audit_log').select(['action', 'outcome', 'actor']).where('action', 'in', ['auth.login', 'auth.logout']).execute();
    expect(rows.some((r) => r.action === 'auth.login' && r.outcome === 'ok' && r.actor === 'user:aiko')).toBe(true);
    expect(rows.some((r) => r.action === 'auth.logout' && r.actor === 'user:naruto')).toBe(true);
  });
});
