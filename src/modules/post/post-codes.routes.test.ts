// Letter codes over HTTP on both databases. A letter is seen only by its sender and recipients, so
// its code is unordered (kernel/code-series.ts unorderedCode): numbered, even per label, naruto's
// HP-2026-00004 and HP-2026-00006 told him that a letter he may not read was sent between them, and
// roughly when (found by an outside attack). Here two senders who cannot read each other's letters
// write in turn; and a drawn code already taken — by a letter sent before, one beside it in the
// same mail bag, a non-delivery notice, a reply from the desk — is drawn again, never a 500.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { JobRunner, collectJobKinds } from '../../kernel/jobs/runner.ts';
import { parseUnorderedCode } from '../../kernel/code-series.ts';
import type { AppContext } from '../../kernel/context.ts';
import { createVillage } from '../registry/index.ts';
import { decideItem, listItems } from '../desk/index.ts';
import { pigeonHole, postModule, sendMessage, setRoutes } from './index.ts';
import { letterCodes } from './post.service.ts';
import { castPerson } from './testing/cast.ts';

const PASSWORD = 'correct horse battery staple 7';
// Half an hour before the new year: the letters written in turn, a minute apart, cross it.
const T0 = '2026-12-31T20:30:00.000Z'; // 23:30 in the village (UTC+03:00)
const MINUTE = 60_000;
const LETTER_CODE = /^HP-(\d{4})-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe.each(DIALECTS)('letter codes over HTTP on %s', (dialect) => {
  let s: TestServer;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};
  const call: Record<string, Caller> = {};
  const realDraw = letterCodes.draw;

  beforeAll(async () => {
    clock = new SimulatedClock(T0);
    s = await openTestServer(dialect, { now: clock.now });
    clock.drive(new JobRunner(s.app.ctx, collectJobKinds([postModule])));
    const op = s.app.ctx;
    for (const code of ['suna', 'konoha']) await createVillage(op, { code, name: code, land: 'x', leaderTitle: 'x' });
    await setRoutes(op, { routes: [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }] });
    for (const k of ['naruto', 'aiko', 'hinata', 'kankuro']) await castPerson(op, who, id, k, 'jounin', 'public');
    await castPerson(op, who, id, 'gaara', 'kazekage', 'top_secret');
    for (const k of ['naruto', 'aiko']) call[k] = (await logIn(s, k, PASSWORD)).call;
  }, 120_000);
  afterAll(async () => s?.close());
  afterEach(() => { letterCodes.draw = realDraw; });

  /** Sends a public letter over HTTP as `from` to `to`: its code. */
  async function send(from: string, to: string, o: Record<string, unknown> = {}): Promise<string> {
    const r = await call[from]!('POST', '/api/post/messages', { to: [{ person: id[to] }], subject: `from ${from}`, ...o });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().code as string;
  }
  /** The next draws of a letter's code are these, then random again. */
  function drawNext(...codes: string[]) {
    letterCodes.draw = (tx) => codes.shift() ?? realDraw(tx);
  }
  const messageCodes = async () => (await s.app.ctx.db.selectFrom('post_message').select('code').execute()).map((r) => r.code as string);

  it('two senders who cannot read each other\'s letters write in turn: no code of one says anything of the other\'s letters', async () => {
    const sent: { by: string; code: string }[] = [];
    for (let i = 0; i < 30; i++) {
      for (const [from, to] of [['naruto', 'hinata'], ['aiko', 'kankuro']] as const) {
        sent.push({ by: from, code: await send(from, to) });
        await clock.advance(MINUTE);
      }
    }
    // They cannot: aiko's letter to Kankuro is, to naruto, a letter that does not exist.
    const aikos = sent.find((l) => l.by === 'aiko')!.code;
    expect((await call.naruto!('GET', `/api/post/messages/${aikos}`)).statusCode).toBe(404);
    expect((await call.aiko!('GET', `/api/post/messages/${sent[0]!.code}`)).statusCode).toBe(404);

    const codes = sent.map((l) => l.code);
    expect(new Set(codes).size).toBe(codes.length);
    // Each code is the letter's year in the village and a random part: the letters written after the village's midnight are of 2027.
    for (const [i, code] of codes.entries()) {
      expect(code).toMatch(LETTER_CODE);
      expect(parseUnorderedCode(code)).toEqual({ prefix: 'HP', year: i < 30 ? 2026 : 2027 });
    }
    // In no order: not all the letters' codes, nor one sender's own, nor one year's, rise or fall as
    // they were written (random codes are in order once in 30! for a sender's 30 letters), so none
    // counts or dates the letters between them.
    const random = (xs: string[]) => {
      const up = [...xs].sort();
      expect(xs).not.toEqual(up);
      expect(xs).not.toEqual([...up].reverse());
    };
    random(codes.map((c) => c.slice('HP-2026-'.length)));
    for (const by of ['naruto', 'aiko']) random(sent.filter((l) => l.by === by).map((l) => l.code.slice('HP-2026-'.length)));
    random(codes.slice(0, 30));
    // Nor do letters written one after the other have codes alike, as numbers near each other do, in
    // any alphabet: consecutive random codes share their first character once in 32 (here 59 pairs,
    // so about two; a counter shares it for almost all).
    const parts = codes.map((c) => c.slice('HP-2026-'.length));
    expect(parts.slice(1).filter((p, i) => p[0] === parts[i]![0]).length).toBeLessThan(15);
    // Nothing reserves numbers of an HP series any more.
    expect(await s.app.ctx.db.selectFrom('kernel_code_series').selectAll().where('prefix', '=', 'HP').execute()).toEqual([]);
  });

  it('a code drawn that a letter already has is drawn again: the send is accepted with another code', async () => {
    const taken = await send('naruto', 'hinata');
    drawNext(taken);
    const second = await send('aiko', 'kankuro');
    expect(second).toMatch(LETTER_CODE);
    expect(second).not.toBe(taken);
    expect((await messageCodes()).filter((c) => c === taken)).toHaveLength(1);
  });

  it('letters in one mail bag that draw one code: each is accepted, with a code of its own', async () => {
    // The bag's insert fails on the second of them; its letters are then written each alone, drawing again.
    const same = 'HP-2027-ZZZZ-ZZZZ';
    drawNext(same, same, same, same);
    const codes = await Promise.all([['naruto', 'hinata'], ['aiko', 'kankuro'], ['naruto', 'kankuro'], ['aiko', 'hinata']].map(([f, t]) => send(f!, t!)));
    expect(new Set(codes).size).toBe(4);
    expect(codes.filter((c) => c === same).length).toBeLessThanOrEqual(1);
    expect((await messageCodes()).filter((c) => c === same).length).toBeLessThanOrEqual(1);
    for (const c of codes) expect(c).toMatch(LETTER_CODE);
  });

  it('the aviary\'s non-delivery notice and the desk\'s reply draw again too', async () => {
    // A hawk to Konoha whose route is gone before it flies: the notice's first draw is taken.
    call.gaara = (await logIn(s, 'gaara', PASSWORD)).call;
    const lost = await send('gaara', 'hinata');
    const r = await call.gaara!('POST', '/api/post/messages', { to: [{ village: 'konoha' }], subject: 'To the Hokage' });
    expect(r.statusCode).toBe(201);
    await setRoutes(s.app.ctx, { routes: [] });
    drawNext(lost);
    await clock.runDue();
    const notice = (await pigeonHole(who.gaara!, { state: 'all', limit: 200, offset: 0 })).items.find((i) => i.inReplyTo === r.json().id)!;
    expect(notice).toMatchObject({ subject: 'Not delivered: To the Hokage', code: expect.stringMatching(LETTER_CODE) });
    expect(notice.code).not.toBe(lost);

    // Naruto asks the Kazekage to act; the Kazekage denies, and the desk's reply's first draw is taken.
    const asked = await sendMessage(who.naruto!, { to: [{ person: id.gaara! }], subject: 'The sand-wall budget', actionRequested: true });
    await clock.runDue();
    const copy = (await pigeonHole(who.gaara!, { state: 'all', limit: 200, offset: 0 })).items.find((i) => i.code === asked.code)!.delivery;
    const item = (await listItems(who.gaara!, { state: 'pending' })).items.find((i) => i.record.id === copy.id)!;
    drawNext(lost, notice.code);
    await decideItem(who.gaara!, item.id, { decision: 'deny', grounds: 'Not this year.' });
    await clock.runDue();
    const reply = (await pigeonHole(who.naruto!, { state: 'all', limit: 200, offset: 0 })).items.find((i) => i.inReplyTo === asked.id)!;
    expect(reply).toMatchObject({ body: 'Not actioned: Not this year.', code: expect.stringMatching(LETTER_CODE) });
    expect([lost, notice.code]).not.toContain(reply.code);
    const all = await messageCodes();
    expect(new Set(all).size).toBe(all.length);
  });

  it('a letter written before keeps its numbered code, and is found by it as before', async () => {
    // As the letters written before unordered codes were: their codes are what they were.
    drawNext('HP-2026-00017');
    const old = await send('naruto', 'hinata', { subject: 'Written last year' });
    expect(old).toBe('HP-2026-00017');
    const r = await call.naruto!('GET', '/api/post/messages/HP-2026-00017');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ code: 'HP-2026-00017', subject: 'Written last year' });
    // Named by it in a reply, it is the letter answered.
    const reply = await call.naruto!('POST', '/api/post/messages', { to: [{ person: id.hinata }], subject: 'Re', inReplyTo: 'HP-2026-00017' });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().inReplyTo).toBe(r.json().id);
  });

  it('a draw that only ever gives a taken code fails the send after a few draws, and nothing is written', async () => {
    const taken = await send('naruto', 'hinata');
    const before = (await messageCodes()).length;
    letterCodes.draw = () => taken;
    await expect(sendMessage(who.aiko!, { to: [{ person: id.kankuro! }], subject: 'never' })).rejects.toThrow('codes drawn in a row were taken');
    expect((await messageCodes()).length).toBe(before);
  });
});
