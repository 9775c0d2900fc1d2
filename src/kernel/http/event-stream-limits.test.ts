// The live-update stream's bounds: streams per address, HEAD, timed work announced only to
// those who may see it, and an event with an audience heard only by the people in it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../testing/dialects.ts';
import { openEventStream, until } from '../testing/sse.ts';
import { openApp, buildHttp, type App } from '../../app.ts';
import { createAccount } from '../auth/accounts.ts';
import { createPerson } from '../../modules/registry/index.ts';
import { transact } from '../context.ts';
import { schedule } from '../jobs/schedule.ts';

const get = (port: number, method = 'GET') => new Promise<{ status: number; body: string }>((resolve, reject) => {
  const req = http.request({ host: '127.0.0.1', port, path: '/api/events', method }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (body += c));
    res.on('end', () => resolve({ status: res.statusCode!, body }));
    if (res.statusCode === 200 && method === 'GET') {
      resolve({ status: 200, body: '' });
      req.destroy();
    }
  });
  req.on('error', reject);
  req.end();
});

describe('the live-update stream', () => {
  let app: App;
  let server: FastifyInstance;
  let drop: () => Promise<void>;
  let port: number;
  beforeAll(async () => {
    const db = await freshDatabase('sqlite');
    drop = db.drop;
    app = await openApp(db);
    server = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
    await server.listen({ port: 0, host: '127.0.0.1' });
    port = (server.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    await drop?.();
  });

  it('serves a bounded number of streams to one address, and another once one closes', async () => {
    const open = Array.from({ length: 16 }, () => openEventStream(port));
    await until(() => open.every((s) => s.connected()));
    const refused = await get(port);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error).toMatchObject({ code: 'TOO_MANY_STREAMS', message: expect.stringMatching(/Close some Sandstone tabs/) });
    open.pop()!.close();
    // The server hears of the close asynchronously: a new stream is accepted once it has.
    let status = 429;
    for (let i = 0; i < 250 && status === 429; i++) {
      status = (await get(port)).status;
      if (status === 429) await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(200);
    for (const s of open) s.close();
  });

  it('answers HEAD at once instead of holding the connection', async () => {
    expect(await get(port, 'HEAD')).toEqual({ status: 200, body: '' });
  });

  it('announces timed work only to listeners who may see the jobs', async () => {
    await createAccount(app.ctx, { username: 'stream-kazekage', personId: 'p-k', displayName: 'K', role: 'kazekage', clearance: 'top_secret', password: 'a long password for the stream test' });
    const login = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'stream-kazekage', password: 'a long password for the stream test' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const staff = openEventStream(port, { cookie });
    const anonymous = openEventStream(port);
    try {
      await until(() => staff.connected() && anonymous.connected());
      await transact(app.ctx, (tx) => schedule(tx, 'kernel.sessions.purge', new Date(Date.now() + 86_400_000), {}, { key: 'stream-test' }));
      const p = await createPerson(app.ctx, { givenName: 'After the job', rank: 'genin' });
      const heard = (s: typeof staff) => s.events.some((e) => e.type === 'registry.person.created' && e.payload.id === p.id);
      await until(() => heard(staff) && heard(anonymous));
      expect(staff.events.map((e) => e.type)).toContain('kernel.jobs.scheduled');
      expect(anonymous.events.map((e) => e.type)).not.toContain('kernel.jobs.scheduled');
    } finally {
      staff.close();
      anonymous.close();
    }
  });

  it('an event for those allowed an action is heard only by them, even by others cleared for its label (the aviary board\'s)', async () => {
    const listen = async (username: string, role: 'clerk' | 'genin') => {
      await createAccount(app.ctx, { username, personId: `p-${username}`, displayName: username, role, clearance: 'top_secret', password: `a long desert password of ${role}s 42` });
      const login = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: `a long desert password of ${role}s 42` } });
      return openEventStream(port, { cookie: String(login.headers['set-cookie']).split(';')[0]! });
    };
    const keeper = await listen('stream-keeper', 'clerk');
    const genin = await listen('stream-genin', 'genin');
    try {
      await until(() => keeper.connected() && genin.connected());
      await transact(app.ctx, async (tx) => tx.emit('post.aviary.changed', { what: 'accepted', messageId: 'm-1' }, { classification: 'public', compartments: [] }, { allowedTo: 'post.aviary' }));
      const p = await createPerson(app.ctx, { givenName: 'After the hawk', rank: 'genin' });
      const heardPerson = (s: typeof keeper) => s.events.some((e) => e.type === 'registry.person.created' && e.payload.id === p.id);
      await until(() => heardPerson(keeper) && heardPerson(genin));
      expect(keeper.events.map((e) => e.type)).toContain('post.aviary.changed');
      expect(genin.events.map((e) => e.type)).not.toContain('post.aviary.changed');
    } finally {
      keeper.close();
      genin.close();
    }
  });

  it('an event with an audience is heard only by the people in it, even by others cleared for its label', async () => {
    const listen = async (username: string, personId: string) => {
      await createAccount(app.ctx, { username, personId, displayName: username, role: 'jounin', clearance: 'top_secret', password: `a long desert password number ${personId.length}7` });
      const login = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: `a long desert password number ${personId.length}7` } });
      return openEventStream(port, { cookie: String(login.headers['set-cookie']).split(';')[0]! });
    };
    const addressee = await listen('stream-addressee', 'p-addressee');
    const bystander = await listen('stream-bystander', 'p-bystander');
    try {
      await until(() => addressee.connected() && bystander.connected());
      await transact(app.ctx, async (tx) => tx.emit('test.letter.delivered', { n: 1 }, { classification: 'public', compartments: [] }, ['p-addressee']));
      // Events arrive in commit order: once the bystander hears the later public one, the letter's would have come first.
      const p = await createPerson(app.ctx, { givenName: 'After the letter', rank: 'genin' });
      const heardPerson = (s: typeof addressee) => s.events.some((e) => e.type === 'registry.person.created' && e.payload.id === p.id);
      await until(() => heardPerson(addressee) && heardPerson(bystander));
      expect(addressee.events.map((e) => e.type)).toContain('test.letter.delivered');
      expect(bystander.events.map((e) => e.type)).not.toContain('test.letter.delivered');
    } finally {
      addressee.close();
      bystander.close();
    }
  });
});
