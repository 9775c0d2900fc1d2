// POST /api/post/messages on both databases, by senders differing only by compartment (ANBU and
// BREACH, both secret): a person the sender may not see, as a recipient or as the sender the
// aviary records, is refused exactly as an unknown id — status, code, message, path — and audited
// as a refused lookup under the hidden person's label; when a request has several problems the
// first in the order the request is checked is the one answered (the sender, then each recipient
// in turn); nothing is written; and the answer to a send is what GET answers its sender, also when
// she cannot see her own person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson, createVillage, relabel } from '../registry/index.ts';
import { setRoutes } from './index.ts';
import { castPerson } from './testing/cast.ts';

const T0 = '2026-11-20T06:00:00.000Z';
const PASSWORD = 'correct horse battery staple 7';
const UNKNOWN = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
const TABLES = ['post_message', 'post_delivery', 'post_attachment', 'kernel_job'];

describe.each(DIALECTS)('refusals of POST /api/post/messages on %s', (dialect) => {
  let s: TestServer;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};
  const call: Record<string, Caller> = {};

  const counts = async () => Promise.all(TABLES.map(async (t) => Number((await s.app.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));
  const lastSeq = async () => Number((await s.app.ctx.db.selectFrom('kernel_audit_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m ?? 0);
  /** The refused lookups audited since `after`. */
  const refusedLookups = async (after: number) => (await s.app.ctx.db.selectFrom('kernel_audit_log').selectAll().where('seq', '>', after).where('outcome', '=', 'denied').orderBy('seq').execute())
    .map((a) => ({ actor: a.actor, action: a.action, objectId: a.object_id, classification: a.classification, compartments: fromJson(a.compartments, []), detail: fromJson(a.detail, null) }));

  /** Sends as `k`: the status, the error (or the message), the refused lookups audited, and whether anything was written. */
  async function send(k: string, payload: Record<string, unknown>) {
    const [before, seq] = [await counts(), await lastSeq()];
    const r = await call[k]!('POST', '/api/post/messages', { subject: 'probe', ...payload });
    const body = r.json();
    return { status: r.statusCode, body: r.statusCode >= 400 ? body.error : body, audited: await refusedLookups(seq), wrote: (await counts()).some((n, i) => n !== before[i]) };
  }
  const asUnknown = (body: unknown, hidden: string) => JSON.parse(JSON.stringify(body).replaceAll(hidden, UNKNOWN));

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: new SimulatedClock(T0).now });
    const op = s.app.ctx;
    for (const code of ['suna', 'konoha']) await createVillage(op, { code, name: code, land: 'x', leaderTitle: 'x' });
    await setRoutes(op, { routes: [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }] });
    await castPerson(op, who, id, 'anbu', 'clerk', 'secret', ['ANBU']);
    await castPerson(op, who, id, 'breach', 'clerk', 'secret', ['BREACH']);
    // Blind is cleared for ANBU while her own person is labelled BREACH: she cannot see herself.
    await castPerson(op, who, id, 'blind', 'clerk', 'secret', ['ANBU']);
    await relabel(op, 'person', id.blind!, { classification: 'secret', compartments: ['BREACH'], reason: 'for the test' });
    for (const [key, compartment] of [['maskAnbu', 'ANBU'], ['maskBreach', 'BREACH']] as const) {
      id[key] = (await createPerson(op, { givenName: key, rank: 'anbu', classification: 'secret', compartments: [compartment] })).id;
      await createAccount(op, { username: key.toLowerCase(), personId: id[key]!, displayName: key, role: 'anbu', clearance: 'secret', compartments: [compartment], password: PASSWORD });
    }
    for (const k of ['anbu', 'breach', 'blind']) call[k] = (await logIn(s, k, PASSWORD)).call;
  }, 120_000);
  afterAll(async () => s?.close());

  it('a recipient of the other compartment is refused exactly as an unknown id, audited under their label, nothing written; one of the sender\'s own is accepted', async () => {
    for (const [me, theirs, mine] of [['anbu', 'maskBreach', 'maskAnbu'], ['breach', 'maskAnbu', 'maskBreach']] as const) {
      const hidden = await send(me, { to: [{ person: id[theirs] }] });
      const unknown = await send(me, { to: [{ person: UNKNOWN }] });
      expect(hidden.status).toBe(422);
      expect(asUnknown(hidden.body, id[theirs]!)).toEqual(unknown.body);
      expect(hidden.body).toMatchObject({ code: 'REGISTRY_PERSON_NOT_FOUND', details: [{ path: 'body.to.0.person', message: 'unknown person' }] });
      expect(hidden.audited).toEqual([{ actor: `user:${me}`, action: 'registry.person.read', objectId: id[theirs], classification: 'secret', compartments: [theirs === 'maskAnbu' ? 'ANBU' : 'BREACH'], detail: { reason: 'hidden' } }]);
      expect(unknown.audited).toMatchObject([{ actor: `user:${me}`, action: 'registry.person.read', objectId: UNKNOWN, detail: { reason: 'unknown' } }]);
      expect([hidden.wrote, unknown.wrote]).toEqual([false, false]);
      expect((await send(me, { to: [{ person: id[mine] }] })).status).toBe(201);
    }
  });

  it('several problems: the first in the order the request is checked is answered, and only a lookup it reached is audited', async () => {
    const first = async (k: string, to: object[], extra: object = {}) => {
      const r = await send(k, { to, ...extra });
      expect(r.wrote).toBe(false);
      return { code: r.body.code, paths: r.body.details.map((d: { path: string }) => d.path), audited: r.audited.map((a) => a.objectId) };
    };
    // A bad village at to[0] is answered before a hidden person at to[1]; that person is not audited.
    expect(await first('anbu', [{ village: 'nowhere' }, { person: id.maskBreach }])).toEqual({ code: 'POST_UNKNOWN_VILLAGE', paths: ['body.to.0.village'], audited: [] });
    expect(await first('anbu', [{ person: id.maskAnbu, at: 'nowhere' }, { person: id.maskBreach }])).toEqual({ code: 'POST_UNKNOWN_VILLAGE', paths: ['body.to.0.at'], audited: [] });
    // A visible person not cleared for the label at to[0] before a hidden one at to[1].
    expect(await first('anbu', [{ person: id.breach }, { person: id.maskBreach }], { classification: 'secret', compartments: ['ANBU'] })).toEqual({ code: 'POST_RECIPIENT_NOT_CLEARED', paths: ['body.to.0.person'], audited: [] });
    // And the other way round.
    expect(await first('anbu', [{ person: id.maskBreach }, { village: 'nowhere' }])).toEqual({ code: 'REGISTRY_PERSON_NOT_FOUND', paths: ['body.to.0.person'], audited: [id.maskBreach] });
    expect(await first('anbu', [{ person: UNKNOWN }, { person: id.maskBreach }])).toEqual({ code: 'REGISTRY_PERSON_NOT_FOUND', paths: ['body.to.0.person'], audited: [UNKNOWN] });
    // The same two recipients, for senders differing only by compartment.
    expect(await first('anbu', [{ person: id.maskAnbu }, { person: id.maskBreach }])).toEqual({ code: 'REGISTRY_PERSON_NOT_FOUND', paths: ['body.to.1.person'], audited: [id.maskBreach] });
    expect(await first('breach', [{ person: id.maskAnbu }, { person: id.maskBreach }])).toEqual({ code: 'REGISTRY_PERSON_NOT_FOUND', paths: ['body.to.0.person'], audited: [id.maskAnbu] });
  });

  it('a sender the aviary may not see, recording a hawk from elsewhere, is refused at body.sender exactly as an unknown one, before the office and every recipient', async () => {
    const from = { fromVillage: 'konoha' };
    const hidden = await send('anbu', { ...from, sender: id.maskBreach, to: [{ person: id.maskAnbu }] });
    const unknown = await send('anbu', { ...from, sender: UNKNOWN, to: [{ person: id.maskAnbu }] });
    expect(asUnknown(hidden.body, id.maskBreach!)).toEqual(unknown.body);
    expect(hidden.body).toMatchObject({ code: 'REGISTRY_PERSON_NOT_FOUND', details: [{ path: 'body.sender', message: 'unknown person' }] });
    expect(hidden.audited).toMatchObject([{ objectId: id.maskBreach, classification: 'secret', compartments: ['BREACH'], detail: { reason: 'hidden' } }]);
    expect([hidden.wrote, unknown.wrote]).toEqual([false, false]);
    for (const extra of [{ to: [{ person: UNKNOWN }] }, { to: [{ person: id.maskBreach }] }, { from: { office: 'no-such-office' }, to: [{ person: id.maskAnbu }] }]) {
      const r = await send('anbu', { ...from, sender: id.maskBreach, ...extra });
      expect(r.body.details).toEqual([{ path: 'body.sender', message: 'unknown person' }]);
      expect(r.audited.map((a) => a.objectId)).toEqual([id.maskBreach]);
    }
    // A sender she sees, and a recipient she does not: refused at the recipient.
    expect((await send('anbu', { ...from, sender: id.maskAnbu, to: [{ person: id.maskBreach }] })).body.details).toEqual([{ path: 'body.to.0.person', message: 'unknown person' }]);
    // The mirror sender sees him: recorded, and answered as GET answers.
    const ok = await send('breach', { ...from, sender: id.maskBreach, to: [{ person: id.maskBreach }] });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual((await call.breach!('GET', `/api/post/messages/${ok.body.code}`)).json());
  });

  it('the answer to a send is what GET answers its sender: people shown or withheld alike, also a sender who cannot see herself', async () => {
    const sends: [string, object[]][] = [
      ['blind', [{ person: id.maskAnbu }]],
      ['blind', [{ person: id.anbu }, { person: id.maskAnbu, at: 'konoha' }]],
      ['anbu', [{ person: id.maskAnbu }, { person: id.breach }]],
      ['breach', [{ person: id.blind }, { person: id.anbu }, { village: 'konoha' }]],
    ];
    for (const [k, to] of sends) {
      const r = await send(k, { to });
      expect(r.status).toBe(201);
      expect(r.body).toEqual((await call[k]!('GET', `/api/post/messages/${r.body.code}`)).json());
      expect(r.body.sender).toEqual(k === 'blind' ? { withheld: true } : { id: id[k], name: k[0]!.toUpperCase() + k.slice(1) });
    }
  });
});
