// Inputs that once gave a 500 or were quietly altered: malformed cookies, requests Node's parser
// refuses, JSON that is not UTF-8, names that show nothing or show something else, and bad bodies
// large enough to ask for a huge error answer. Each is refused in our error format, and nothing is stored.
import net from 'node:net';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../testing/http.ts';
import { MAX_DETAILS } from '../errors.ts';

const isErrorBody = (body: any) => typeof body?.error?.code === 'string' && typeof body?.error?.message === 'string' && Array.isArray(body?.error?.details);

describe.each(DIALECTS)('hostile input on %s', (dialect) => {
  let s: TestServer;
  let clerk: TestSession;
  beforeAll(async () => {
    s = await openTestServer(dialect);
    clerk = await loginAs(s, 'kazekage', 'top_secret', ['ANBU']);
  });
  afterAll(async () => s?.close());

  const count = async (table: string) => Number((await s.app.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('treats a session cookie that is not valid percent-encoding as no session, on every kind of route', async () => {
    for (const cookie of ['sandstone=%', 'sandstone=%E0%A4%A', 'sandstone=%zz; other=%', 'sandstone', ';;=;sandstone=""', `sandstone=${'%'.repeat(3000)}`]) {
      for (const url of ['/api/health', '/api/auth/me', '/api/registry/people', '/people', '/']) {
        const r = await s.http.inject({ url, headers: { cookie } });
        expect(r.statusCode, `${cookie} ${url}`).toBeLessThan(500);
      }
      expect((await s.http.inject({ url: '/api/auth/me', headers: { cookie } })).json().user).toBeNull();
      // A write with it is an anonymous write: refused as not logged in, not as a server failure.
      const write = await s.http.inject({ method: 'POST', url: '/api/registry/villages', headers: { cookie }, payload: { code: 'mist', name: 'Mist' } });
      expect(write.statusCode).toBe(401);
    }
    // A real session still works beside a broken cookie of another name.
    const me = await s.http.inject({ url: '/api/auth/me', headers: { cookie: `junk=%; ${clerk.cookie}; more=%zz` } });
    expect(me.json().user.username).toBe(clerk.username);
  });

  it('refuses a JSON body that is not UTF-8 and stores nothing, but keeps real UTF-8 exactly', async () => {
    const before = await count('registry_village');
    const bytes = Buffer.concat([Buffer.from('{"code":"mist","name":"Kiri'), Buffer.from([0xff, 0xfe]), Buffer.from('gakure"}')]);
    const bad = await s.http.inject({ method: 'POST', url: '/api/registry/villages', headers: clerk.headers({ 'content-type': 'application/json' }), payload: bytes });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'MALFORMED_BODY', message: expect.stringMatching(/not valid UTF-8/), details: [{ path: 'body', message: 'is not valid UTF-8' }] });
    // A truncated multi-byte sequence, and an overlong encoding of '/', are not UTF-8 either.
    for (const b of [[0xe9, 0x9c], [0xc0, 0xaf]]) {
      const r = await s.http.inject({ method: 'POST', url: '/api/registry/villages', headers: clerk.headers({ 'content-type': 'application/json; charset=utf-8' }), payload: Buffer.concat([Buffer.from('{"code":"mist","name":"'), Buffer.from(b), Buffer.from('"}')]) });
      expect(r.statusCode).toBe(400);
    }
    expect(await count('registry_village')).toBe(before);
    const good = await s.http.inject({ method: 'POST', url: '/api/registry/villages', headers: clerk.headers({ 'content-type': 'application/json' }), payload: Buffer.from('{"code":"mist","name":"霧隠れの里 Kirigakure — ﷺ"}') });
    expect(good.statusCode).toBe(201);
    expect(good.json().name).toBe('霧隠れの里 Kirigakure — ﷺ');
    // The body limit and the empty-body check still apply to the strict parser.
    const huge = await s.http.inject({ method: 'POST', url: '/api/registry/villages', headers: clerk.headers({ 'content-type': 'application/json' }), payload: Buffer.alloc(1_100_000, 0x20) });
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const empty = await s.http.inject({ method: 'POST', url: '/api/registry/villages', headers: clerk.headers({ 'content-type': 'application/json' }), payload: '' });
    expect(empty.statusCode).toBe(400);
    // Prototype poisoning is still refused by the parser behind the UTF-8 check.
    const poison = await s.http.inject({ method: 'POST', url: '/api/registry/villages', headers: clerk.headers({ 'content-type': 'application/json' }), payload: '{"code":"x","name":"x","__proto__":{"admin":true}}' });
    expect(poison.statusCode).toBe(400);
    expect(poison.json().error.message).toMatch(/"__proto__".*Rename or remove/);
  });

  it('refuses names made only of invisible characters or carrying bidirectional overrides, in every registry form', async () => {
    const invisible = ['\u200B', '\u200B\u200C\u200D\u2060', '\uFEFF\u200B ', '\u00AD', '\u3164', '\u2800', '\u034F\u180E'];
    const bidi = ['Gaara\u202E', '\u202Dkaze', 'a\u2066b\u2069', '\u2067x', '\u202Ay', '\u202Bz', '\u202Cw', '\u2068v'];
    const marks = ['\u0301', '\u0301\u0308\u0323', ' \u20DD ', '\u0301\u200B'];
    const forms: [string, (name: string) => Record<string, unknown>, string][] = [
      ['/api/registry/people', (n) => ({ givenName: n, rank: 'genin' }), 'body.givenName'],
      ['/api/registry/people', (n) => ({ givenName: 'Matsuri', familyName: n, rank: 'genin' }), 'body.familyName'],
      ['/api/registry/people', (n) => ({ givenName: 'Matsuri', otherNames: ['Mats', n], rank: 'genin' }), 'body.otherNames.1'],
      ['/api/registry/organizations', (n) => ({ name: n, kind: 'unit' }), 'body.name'],
      ['/api/registry/posts', (n) => ({ label: n, organization: 'nowhere' }), 'body.label'],
      ['/api/registry/villages', (n) => ({ code: 'hidden', name: n }), 'body.name'],
    ];
    const tables = ['registry_person', 'registry_organization', 'registry_post', 'registry_village'];
    const before = await Promise.all(tables.map(count));
    for (const [url, body, path] of forms) {
      for (const [names, words] of [[invisible, /invisible characters/], [bidi, /bidirectional override/], [marks, /combining marks/]] as const) {
        for (const n of names) {
          const r = await s.http.inject({ method: 'POST', url, headers: clerk.headers(), payload: body(n) });
          expect(r.statusCode, `${url} ${JSON.stringify(n)}`).toBe(400);
          expect(r.json().error.details).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(words) }]));
        }
      }
    }
    expect(await Promise.all(tables.map(count))).toEqual(before);
    // Names in other scripts, with combining marks or a zero-width joiner between letters, are names.
    for (const n of ['Gaara', 'ساكورا', 'Ōtsutsuki', 'Nara\u200DShikamaru', 'e\u0301']) {
      const r = await s.http.inject({ method: 'POST', url: '/api/registry/people', headers: clerk.headers(), payload: { givenName: n, rank: 'genin' } });
      expect(r.statusCode, n).toBe(201);
    }
    // Edits are held to the same rule.
    const made = (await s.http.inject({ method: 'POST', url: '/api/registry/people', headers: clerk.headers(), payload: { givenName: 'Yukata', rank: 'genin' } })).json();
    const edit = await s.http.inject({ method: 'PATCH', url: `/api/registry/people/${made.id}`, headers: clerk.headers({ 'if-match': `"${made.version}"` }), payload: { givenName: '\u200B' } });
    expect(edit.statusCode).toBe(400);
  });

  it('takes page sizes and offsets only as digits: not hex, exponents, blanks or signs', async () => {
    for (const [url, path] of [['/api/registry/people', 'limit'], ['/api/operations/jobs', 'offset'], ['/api/security/audit', 'limit']] as const) {
      for (const v of ['0x10', '1e2', ' 5', '', '-1', '+3', '2.5', 'Infinity']) {
        const r = await s.http.inject({ method: 'GET', url: `${url}?${path}=${encodeURIComponent(v)}`, headers: clerk.headers() });
        expect(r.statusCode, `${url} ${path}=${JSON.stringify(v)}`).toBe(400);
        expect(JSON.stringify(r.json().error.details), v).toContain(path);
      }
      expect((await s.http.inject({ method: 'GET', url: `${url}?${path}=16`, headers: clerk.headers() })).statusCode).not.toBe(400);
    }
  });

  it('refuses a username PostgreSQL cannot store (NUL, a lone surrogate) with a 400, not a 500', async () => {
    for (const username of ['\u0000', 'a\u0000b', '\uD800', 'gaara\u202E']) {
      const r = await s.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'whatever it is' } });
      expect(r.statusCode, JSON.stringify(username)).toBe(400);
      expect(r.json().error.details[0].path).toBe('body.username');
    }
  });

  it('caps the details of an error, so a large bad body gets a small answer', async () => {
    // Every list as long as allowed, every item wrong: 70 problems.
    const wrong = (n: number) => Array.from({ length: n }, (_, i) => i);
    const r = await s.http.inject({ method: 'POST', url: '/api/registry/people', headers: clerk.headers(), payload: { givenName: 'Many', rank: 'genin', otherNames: wrong(20), specialities: wrong(30), compartments: wrong(20) } });
    expect(r.statusCode).toBe(400);
    const { details, message } = r.json().error;
    expect(details).toHaveLength(MAX_DETAILS + 1);
    expect(details[MAX_DETAILS]).toEqual({ more: 70 - MAX_DETAILS, message: `… and ${70 - MAX_DETAILS} more problems not listed; fix these first` });
    expect(message.length).toBeLessThan(2_000);
    expect(r.body.length).toBeLessThan(16_000);
    // One problem that quotes a 100,000-character field name is cut short too.
    const long = await s.http.inject({ method: 'POST', url: '/api/registry/people', headers: clerk.headers(), payload: { givenName: 'Long', rank: 'genin', ['k'.repeat(100_000)]: 1 } });
    expect(long.statusCode).toBe(400);
    expect(long.body.length).toBeLessThan(4_000);
    expect(isErrorBody(long.json())).toBe(true);
  });
});

describe("Node's own refusals", () => {
  let s: TestServer;
  let port: number;
  beforeAll(async () => {
    s = await openTestServer('sqlite');
    await s.http.listen({ port: 0, host: '127.0.0.1' });
    port = (s.http.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => s?.close());

  /** Writes raw bytes to the server and reads its whole answer. */
  const raw = (request: string) => new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (b) => (data += b.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head!)?.[1]), headers: head!, body: rest.join('\r\n\r\n') });
    });
    socket.end(request);
  });

  it('answers a malformed request line in our error format', async () => {
    for (const req of ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 'GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n']) {
      const r = await raw(req);
      expect(r.status, JSON.stringify(req)).toBe(400);
      const body = JSON.parse(r.body);
      expect(isErrorBody(body)).toBe(true);
      expect(body.error.code).toBe('MALFORMED_REQUEST');
      expect(r.headers).toMatch(/x-content-type-options: nosniff/i);
    }
  });

  it('answers a request without Host, and an Expect it does not know, in our error format', async () => {
    const noHost = await raw('GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(noHost.status).toBe(400);
    expect(JSON.parse(noHost.body).error.code).toBe('MALFORMED_REQUEST');
    const expectation = await raw('GET /api/health HTTP/1.1\r\nHost: x\r\nExpect: 100-foo\r\n\r\n');
    expect(expectation.status).toBe(417);
    expect(JSON.parse(expectation.body).error.code).toBe('EXPECTATION_FAILED');
    // HTTP/1.0 needs no Host.
    expect((await raw('GET /api/health HTTP/1.0\r\n\r\n')).status).toBe(200);
  });

  it('answers headers too large with 431 in our error format', async () => {
    const r = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(r.status).toBe(431);
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'HEADERS_TOO_LARGE', details: [] });
  });

  it('still answers a well-formed request over the same kind of socket', async () => {
    const r = await raw('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(r.status).toBe(200);
  });
});
