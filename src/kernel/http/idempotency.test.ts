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
});
