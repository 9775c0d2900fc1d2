import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../testing/http.ts';

describe.each(DIALECTS)('Idempotency-Key on %s', (dialect) => {
  let s: TestServer;
  let clerk: TestSession;
  let other: TestSession;
  const people = async () => Number((await s.app.ctx.db.selectFrom('registry_person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const post = (who: TestSession, key: string | undefined, body: object) =>
    s.http.inject({ method: 'POST', url: '/api/registry/people', payload: body, headers: who.headers(key ? { 'idempotency-key': key } : {}) });

  beforeAll(async () => {
    s = await openTestServer(dialect);
    clerk = await loginAs(s, 'clerk', 'secret');
    other = await loginAs(s, 'clerk', 'secret');
  });
  afterAll(async () => s?.close());

  it('a retry with the same key and body returns the first answer and does nothing twice', async () => {
    const before = await people();
    const a = await post(clerk, 'retry-key-0001', { givenName: 'Once', rank: 'genin' });
    const b = await post(clerk, 'retry-key-0001', { givenName: 'Once', rank: 'genin' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers.location).toBe(a.headers.location);
    expect(b.headers['idempotent-replay']).toBe('true');
    expect(await people()).toBe(before + 1);
  });

  it('the same key with another body is refused with 422', async () => {
    await post(clerk, 'retry-key-0002', { givenName: 'First', rank: 'genin' });
    const r = await post(clerk, 'retry-key-0002', { givenName: 'Second', rank: 'genin' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keys belong to their caller: another user with the same key gets their own request', async () => {
    const a = await post(clerk, 'shared-key-0003', { givenName: 'Mine', rank: 'genin' });
    const b = await post(other, 'shared-key-0003', { givenName: 'Mine', rank: 'genin' });
    expect(b.statusCode).toBe(201);
    expect(b.json().id).not.toBe(a.json().id);
  });

  it('replays refusals too, and rejects a malformed key', async () => {
    const a = await post(clerk, 'retry-key-0004', { givenName: 'X', rank: 'genin', birthVillage: 'atlantis' });
    const b = await post(clerk, 'retry-key-0004', { givenName: 'X', rank: 'genin', birthVillage: 'atlantis' });
    expect(a.statusCode).toBe(422);
    expect(b.statusCode).toBe(422);
    expect(b.body).toBe(a.body);
    expect((await post(clerk, 'bad key!', { givenName: 'X', rank: 'genin' })).statusCode).toBe(400);
  });

  it('without a key, two POSTs are two changes', async () => {
    const before = await people();
    await post(clerk, undefined, { givenName: 'Twice', rank: 'genin' });
    await post(clerk, undefined, { givenName: 'Twice', rank: 'genin' });
    expect(await people()).toBe(before + 2);
  });

  it('two identical requests at once make one change: one answers 201, the other 201 or 409, never a second person', async () => {
    const before = await people();
    const [a, b] = await Promise.all([
      post(clerk, 'race-key-0006', { givenName: 'Raced', rank: 'genin' }),
      post(clerk, 'race-key-0006', { givenName: 'Raced', rank: 'genin' }),
    ]);
    expect(await people()).toBe(before + 1);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes[0]).toBe(201);
    expect([201, 409]).toContain(codes[1]);
    if (codes[1] === 409) expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toMatch(/^IDEMPOTENCY_/);
    // And the key keeps the winner's answer.
    const replay = await post(clerk, 'race-key-0006', { givenName: 'Raced', rank: 'genin' });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replay']).toBe('true');
  });

  it('a retry after the first attempt stopped before its change committed runs, once', async () => {
    // What a server killed mid-request leaves behind: the key taken, no change, no answer.
    await post(clerk, 'crash-key-0007a', { givenName: 'Interrupted', rank: 'genin' });
    const row = await s.app.ctx.db.selectFrom('kernel_idempotency').selectAll().where('key', '=', 'crash-key-0007a').executeTakeFirstOrThrow();
    await s.app.ctx.db.insertInto('kernel_idempotency').values({ ...row, key: 'crash-key-0007b', status: null, response: null, headers: null, applied_at: null }).execute();
    const before = await people();
    const r = await post(clerk, 'crash-key-0007b', { givenName: 'Interrupted', rank: 'genin' });
    expect(r.statusCode).toBe(201);
    expect(await people()).toBe(before + 1);
    expect((await post(clerk, 'crash-key-0007b', { givenName: 'Interrupted', rank: 'genin' })).json().id).toBe(r.json().id);
  });

  it('a retry after the change committed but its answer was lost is told so, and changes nothing', async () => {
    await post(clerk, 'lost-key-0008', { givenName: 'Answerless', rank: 'genin' });
    // What a server killed between commit and answer leaves behind.
    await s.app.ctx.db.updateTable('kernel_idempotency').set({ status: null, response: null, headers: null }).where('key', '=', 'lost-key-0008').execute();
    const before = await people();
    const r = await post(clerk, 'lost-key-0008', { givenName: 'Answerless', rank: 'genin' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('IDEMPOTENCY_ANSWER_LOST');
    expect(await people()).toBe(before);
  });
});

describe.each(DIALECTS)('Idempotency-Key while the first answer is being kept, on %s', (dialect) => {
  let s: TestServer;
  let clerk: TestSession;
  // Holds the first keyed request between its change's commit and the keeping of its answer.
  let hold: { reached: () => void; release: Promise<void> } | null = null;
  // Told when a retry begins to wait for that answer.
  let waiting: (() => void) | undefined;
  const post = (key: string, body: object) =>
    s.http.inject({ method: 'POST', url: '/api/registry/people', payload: body, headers: clerk.headers({ 'idempotency-key': key }) });

  beforeAll(async () => {
    s = await openTestServer(dialect, { faults: {
      beforeAnswerKept: async () => { const h = hold; hold = null; if (h) { h.reached(); await h.release; } },
      answerAwaited: () => waiting?.(),
    } });
    clerk = await loginAs(s, 'clerk', 'secret');
  });
  afterAll(async () => s?.close());

  it('a retry arriving after the change, before its answer is kept, gets that answer: not told it was lost', async () => {
    let reached!: () => void;
    let release!: () => void;
    const atGate = new Promise<void>((r) => { reached = r; });
    hold = { reached, release: new Promise<void>((r) => { release = r; }) };
    const body = { givenName: 'Answered once', rank: 'genin' };
    const first = post('held-key-0001', body);
    await atGate;
    // The change is committed, its answer not kept yet: the retry waits for it.
    const waits = new Promise<void>((r) => { waiting = r; });
    const retry = post('held-key-0001', body);
    // Released once the retry has read the key (its answer not kept yet) and begun to wait.
    await waits;
    release();
    const [a, b] = await Promise.all([first, retry]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers['idempotent-replay']).toBe('true');
    expect(await s.app.ctx.db.selectFrom('registry_person').select('id').where('given_name', '=', 'Answered once').execute()).toHaveLength(1);
  });

  it('a retry after a change whose answer was lost on this server, with no request still answering, is told it was lost', async () => {
    const body = { givenName: 'Lost here', rank: 'genin' };
    expect((await post('held-key-0002', body)).statusCode).toBe(201);
    await s.app.ctx.db.updateTable('kernel_idempotency').set({ status: null, response: null, headers: null }).where('key', '=', 'held-key-0002').execute();
    const r = await post('held-key-0002', body);
    expect({ status: r.statusCode, code: r.json().error?.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_ANSWER_LOST' });
  });
});
