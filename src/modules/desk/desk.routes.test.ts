// /api/desk over HTTP on both databases, on a clock set to the second: a delegation is in force
// from its start to just before its end (denied at start − 1 s, allowed at start and at end − 1 s,
// denied at end), and a revoked one stops on the very next request; anonymous callers get 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { transact } from '../../kernel/context.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';
import { raiseDeskItem } from './index.ts';

const START = '2026-12-06T03:00:00.000Z';
const END = '2026-12-20T03:00:00.000Z';
const second = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString();

describe.each(DIALECTS)('the desk over HTTP on %s', (dialect) => {
  let s: TestServer;
  let t = Date.parse('2026-12-01T09:00:00Z');
  const id: Record<string, string> = {};
  let item = '';

  /** Logs in at the present instant (sessions idle out while the clock jumps days). */
  async function as(username: string) {
    return (await logIn(s, username, `sand ${username.length} dunes of the 42 winds`)).call;
  }
  const setClock = (iso: string) => { t = Date.parse(iso); };

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => new Date(t) });
    for (const [key, role] of [['gaara', 'kazekage'], ['kankuro', 'jounin']] as const) {
      id[key] = (await createPerson(s.app.ctx, { givenName: key, rank: 'jounin' })).id;
      await createAccount(s.app.ctx, { username: key, personId: id[key]!, displayName: key, role, clearance: 'secret', compartments: [], password: `sand ${key.length} dunes of the 42 winds` });
    }
    item = await transact(s.app.ctx, (tx) => raiseDeskItem(tx, {
      owner: id.gaara!, kind: 'test.review', title: 'The binder', record: { kind: 'registry.person', id: id.kankuro! },
      label: { classification: 'restricted', compartments: [] }, suspense: new Date('2026-12-30T00:00:00Z'),
    }));
  }, 120_000);
  afterAll(async () => s?.close());

  it('anonymous callers get 401 on every route', async () => {
    for (const [method, url] of [['GET', '/api/desk/items'], ['GET', `/api/desk/items/${item}`], ['POST', `/api/desk/items/${item}/decision`], ['GET', '/api/desk/delegations'], ['POST', '/api/desk/delegations'], ['POST', '/api/desk/delegations/x/revoke'], ['GET', '/api/desk/reports/delinquency']] as const) {
      // Well-formed bodies, so the refusal is for who is asking, not what.
      const payload = url.endsWith('/decision') ? { decision: 'approve' } : url.endsWith('/delegations') ? { delegate: id.kankuro, from: START, to: END } : undefined;
      const r = await s.http.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('a delegation holds to the second: denied at start − 1 s, allowed at start and at end − 1 s, denied at end', async () => {
    const gaara = await as('gaara');
    const granted = await gaara('POST', '/api/desk/delegations', { delegate: id.kankuro, from: START, to: END });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ from: START, to: END, inForce: false, maxDays: { days: 30, basis: '30 days, the default (no limit in section 3-104 in force on 2026-12-01)' } });
    const probe = async (at: string) => {
      setClock(at);
      const kankuro = await as('kankuro');
      const one = await kankuro("GET", `/api/desk/items/${item}`);
      const list = (await kankuro('GET', '/api/desk/items')).json();
      return { one: one.statusCode, listed: list.items.map((i: any) => i.id), acting: one.statusCode === 200 ? one.json().actingFor?.delegation : null };
    };
    const d = granted.json().id;
    expect(await probe(second(START, -1))).toEqual({ one: 404, listed: [], acting: null });
    expect(await probe(START)).toEqual({ one: 200, listed: [item], acting: d });
    expect(await probe(second(END, -1))).toEqual({ one: 200, listed: [item], acting: d });
    // Deciding at end − 1 s is allowed; at the end it is not.
    const kankuro = await as('kankuro');
    const deferred = await kankuro('POST', `/api/desk/items/${item}/decision`, { decision: 'defer', until: '2027-01-05T00:00:00Z', interimReply: 'The Kazekage decides on his return.' });
    expect(deferred.statusCode, deferred.body).toBe(200);
    expect(deferred.json()).toMatchObject({ state: 'deferred', decidedActingFor: d, actingFor: { delegation: d, person: { id: id.gaara } } });
    expect(await probe(END)).toEqual({ one: 404, listed: [], acting: null });
    setClock(END);
    const late = await (await as('kankuro'))('POST', `/api/desk/items/${item}/decision`, { decision: 'approve' });
    expect(late.statusCode).toBe(404);
    expect(late.json().error.code).toBe('DESK_ITEM_NOT_FOUND');
  });

  it('a revoked delegation stops on the next request', async () => {
    setClock('2026-12-21T09:00:00.000Z');
    const gaara = await as('gaara');
    const d = (await gaara('POST', '/api/desk/delegations', { delegate: id.kankuro, from: '2026-12-21T09:00:00Z', to: '2026-12-28T09:00:00Z', scope: ['test.review'] })).json();
    expect(d.maxDays.basis).toMatch(/default/);
    const kankuro = await as('kankuro');
    expect((await kankuro('GET', `/api/desk/items/${item}`)).statusCode).toBe(200);
    const revoked = await gaara('POST', `/api/desk/delegations/${d.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    // The same session, the very next request, the same instant.
    expect((await kankuro('GET', `/api/desk/items/${item}`)).statusCode).toBe(404);
    expect((await kankuro('GET', '/api/desk/items')).json().items).toEqual([]);
    expect((await kankuro('GET', '/api/desk/delegations')).json().held[0]).toMatchObject({ id: d.id, inForce: false, revokedAt: '2026-12-21T09:00:00.000Z' });
    // Only its grantor may revoke it; to anyone else it is unknown.
    expect((await kankuro('POST', `/api/desk/delegations/${d.id}/revoke`)).statusCode).toBe(404);
  });

  it('answers bad requests with 4xx naming what is wrong', async () => {
    const gaara = await as('gaara');
    const bad = await gaara('POST', `/api/desk/items/${item}/decision`, { decision: 'deny' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ path: 'body.grounds', message: 'a denial states its grounds' }]);
    const far = await gaara('POST', '/api/desk/delegations', { delegate: id.kankuro, from: '2026-12-22T00:00:00Z', to: '2027-02-01T00:00:00Z' });
    expect(far.statusCode).toBe(422);
    expect(far.json().error.details[0].path).toBe('body.to');
    expect((await gaara('POST', '/api/desk/delegations', { delegate: id.kankuro, from: '2026-02-30T00:00:00Z', to: '2027-02-01T00:00:00Z' })).json().error.details[0].path).toBe('body.from');
    expect((await gaara('GET', '/api/desk/items?state=nope')).statusCode).toBe(400);
    expect((await gaara('GET', '/api/desk/reports/delinquency')).statusCode).toBe(200);
    expect((await (await as('kankuro'))('GET', '/api/desk/reports/delinquency')).statusCode).toBe(403);
  });
});
