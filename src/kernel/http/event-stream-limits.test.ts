// The live-update stream's bounds: streams per address, HEAD, timed work announced only to
// those who may see it, and an event with an audience heard only by the people in it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import { listening, openTestServer, type TestServer } from '../testing/http.ts';
import { heardAllBefore, listenAs, openEventStream, until } from '../testing/sse.ts';
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
  let s: TestServer;
  let port: number;
  beforeAll(async () => {
    s = await openTestServer('sqlite');
    port = await listening(s);
  });
  afterAll(async () => s?.close());

  it('serves a bounded number of streams to one address, and another once one closes', async () => {
    const open = Array.from({ length: 16 }, () => openEventStream(port));
    await until(() => open.every((stream) => stream.connected()));
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
    for (const stream of open) stream.close();
  });

  it('answers HEAD at once instead of holding the connection', async () => {
    expect(await get(port, 'HEAD')).toEqual({ status: 200, body: '' });
  });

  it('announces timed work only to listeners who may see the jobs', async () => {
    const staff = await listenAs(s, port, { username: 'stream-kazekage', personId: 'p-k', role: 'kazekage', clearance: 'top_secret' });
    const anonymous = openEventStream(port);
    try {
      await until(() => staff.connected() && anonymous.connected());
      await transact(s.app.ctx, (tx) => schedule(tx, 'kernel.sessions.purge', new Date(Date.now() + 86_400_000), {}, { key: 'stream-test' }));
      await heardAllBefore(s, [staff, anonymous]);
      expect(staff.events.map((e) => e.type)).toContain('kernel.jobs.scheduled');
      expect(anonymous.events.map((e) => e.type)).not.toContain('kernel.jobs.scheduled');
    } finally {
      staff.close();
      anonymous.close();
    }
  });

  it('an event for those allowed an action is heard only by them, even by others cleared for its label (the aviary board\'s)', async () => {
    const listen = (username: string, role: 'clerk' | 'genin') => listenAs(s, port, { username, personId: `p-${username}`, role, clearance: 'top_secret' });
    const keeper = await listen('stream-keeper', 'clerk');
    const genin = await listen('stream-genin', 'genin');
    try {
      await until(() => keeper.connected() && genin.connected());
      await transact(s.app.ctx, async (tx) => tx.emit('post.aviary.changed', { what: 'accepted', messageId: 'm-1' }, { classification: 'public', compartments: [] }, { allowedTo: 'post.aviary' }));
      await heardAllBefore(s, [keeper, genin]);
      expect(keeper.events.map((e) => e.type)).toContain('post.aviary.changed');
      expect(genin.events.map((e) => e.type)).not.toContain('post.aviary.changed');
    } finally {
      keeper.close();
      genin.close();
    }
  });

  it('an event with an audience is heard only by the people in it, even by others cleared for its label', async () => {
    const listen = (username: string, personId: string) => listenAs(s, port, { username, personId, role: 'jounin', clearance: 'top_secret' });
    const addressee = await listen('stream-addressee', 'p-addressee');
    const bystander = await listen('stream-bystander', 'p-bystander');
    try {
      await until(() => addressee.connected() && bystander.connected());
      await transact(s.app.ctx, async (tx) => tx.emit('test.letter.delivered', { n: 1 }, { classification: 'public', compartments: [] }, ['p-addressee']));
      await heardAllBefore(s, [addressee, bystander]);
      expect(addressee.events.map((e) => e.type)).toContain('test.letter.delivered');
      expect(bystander.events.map((e) => e.type)).not.toContain('test.letter.delivered');
    } finally {
      addressee.close();
      bystander.close();
    }
  });
});
