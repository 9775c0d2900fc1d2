// The mail bag (mail-bag.ts) on both databases: letters handed in at once by different senders
// share one transaction, yet each is accepted as if alone — its own code, audit record under its
// own sender, its delivery and dispatch job, the answer its sender would read back — and one
// letter's failure in a bag neither fails nor loses another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { schedule } from '../../kernel/jobs/index.ts';
import { verifyAuditLog } from '../../kernel/audit/audit-log.ts';
import type { AppContext, Tx } from '../../kernel/context.ts';
import type { SandstoneEvent } from '../../kernel/events/event-bus.ts';
import { createVillage } from '../registry/index.ts';
import { getMessage, sendMessage } from './index.ts';
import { postInBag, type BagWriter } from './mail-bag.ts';
import { castPerson } from './testing/cast.ts';

const T0 = '2026-11-20T06:00:00.000Z';
const SENDERS = ['aiko', 'baki', 'chiyo', 'daiki'] as const;

describe.each(DIALECTS)('the mail bag on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    clock = new SimulatedClock(T0);
    app = await openTestApp(dialect, { now: clock.now });
    await createVillage(app.ctx, { code: 'suna', name: 'Sunagakure', land: 'x', leaderTitle: 'x' });
    for (const s of SENDERS) await castPerson(app.ctx, who, id, s, 'clerk', 'secret');
    await castPerson(app.ctx, who, id, 'matsuri', 'jounin', 'secret');
  }, 120_000);
  afterAll(async () => app?.drop());

  it('four senders at once: each letter its own code, its sender\'s audit record, its delivery, and the answer it reads back; one dispatch run for the bag', async () => {
    // The last letter is SECRET: the bag's run is labelled with the letters' labels joined.
    const answers = await Promise.all(SENDERS.map((s, i) => sendMessage(who[s]!, { to: [{ person: id.matsuri! }], subject: `at once ${i}`, precedence: 'priority', classification: i === 3 ? 'secret' : 'restricted' })));
    expect(new Set(answers.map((a) => a.code)).size).toBe(SENDERS.length);
    for (const [i, s] of SENDERS.entries()) {
      const a = answers[i]!;
      expect(a.subject).toBe(`at once ${i}`);
      // The answer made from the rows written is what the sender reads back.
      expect(a).toEqual(await getMessage(who[s]!, a.id));
      const audit = await app.ctx.db.selectFrom('kernel_audit_log').select(['actor', 'actor_person_id']).where('action', '=', 'post.send').where('object_id', '=', a.id).execute();
      expect(audit).toEqual([{ actor: `user:${s}`, actor_person_id: id[s] }]);
    }
    // One run per bag, the aviary's (it sends anyone's post, so it acts for no sender), keyed by the
    // bag's first delivery. SQLite packs the four in one bag; PostgreSQL's lookups may finish apart.
    // A bag's deliveries are those from its key to the next bag's (ids grow in the order written):
    // its run is SECRET exactly when the SECRET letter is among them.
    const keys = answers.map((a) => a.deliveries[0]!.id).sort();
    const jobs = await app.ctx.db.selectFrom('kernel_job').select(['key', 'scheduled_by', 'on_behalf_of', 'classification']).where('kind', '=', 'post.dispatch').where('key', 'in', keys).orderBy('key').execute();
    expect(jobs[0]?.key).toBe(keys[0]);
    if (dialect === 'sqlite') expect(jobs).toHaveLength(1);
    const secretDelivery = answers[3]!.deliveries[0]!.id;
    for (const [n, j] of jobs.entries()) {
      const inBag = secretDelivery >= j.key && (n + 1 === jobs.length || secretDelivery < jobs[n + 1]!.key);
      expect(j).toEqual({ key: j.key, scheduled_by: 'system:post.aviary', on_behalf_of: null, classification: inBag ? 'secret' : 'restricted' });
    }
    expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
  });

  it('a letter that fails in a bag fails alone: the others are written, each once, with their audit records and events', async () => {
    const calls: number[] = [];
    const heard: SandstoneEvent[] = [];
    // PostgreSQL announces in commit order, after the commit: the last good letter's event is the last to hear.
    let lastHeard!: () => void;
    const allHeard = new Promise<void>((r) => { lastHeard = r; });
    const off = app.ctx.events.subscribe((e) => {
      if (e.type !== 'test.bag.letter') return;
      heard.push(e);
      if (e.payload.name === 'good-3') lastHeard();
    });
    // Writes each letter as a job keyed by its name, audited and announced; "bad" cannot be written.
    const write: BagWriter<string, string> = async (txs: readonly Tx[], letters: readonly string[]) => {
      calls.push(letters.length);
      const out: string[] = [];
      for (const [i, name] of letters.entries()) {
        const tx = txs[i]!;
        await schedule(tx, 'post.bag-test', tx.now, {}, { key: name });
        tx.audit({ action: 'post.bag-test', objectType: 'letter', objectId: name });
        tx.emit('test.bag.letter', { name });
        if (name.startsWith('bad')) throw new Error(`${name} cannot be written`);
        out.push(`${name} written`);
      }
      return out;
    };
    const names = ['good-1', 'bad-1', 'good-2', 'good-3'];
    const settled = await Promise.allSettled(names.map((n, i) => postInBag(who[SENDERS[i]!]!, n, write)));
    await allHeard;
    off();
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String((s.reason as Error).message)))).toEqual(['good-1 written', 'bad-1 cannot be written', 'good-2 written', 'good-3 written']);
    // Tried together first, then each on its own.
    expect(calls).toEqual([4, 1, 1, 1, 1]);
    const jobs = await app.ctx.db.selectFrom('kernel_job').select('key').where('kind', '=', 'post.bag-test').orderBy('key').execute();
    expect(jobs.map((j) => j.key)).toEqual(['good-1', 'good-2', 'good-3']);
    const audit = await app.ctx.db.selectFrom('kernel_audit_log').select(['object_id', 'actor']).where('action', '=', 'post.bag-test').orderBy('seq').execute();
    expect(audit).toEqual([{ object_id: 'good-1', actor: 'user:aiko' }, { object_id: 'good-2', actor: 'user:chiyo' }, { object_id: 'good-3', actor: 'user:daiki' }]);
    expect(heard.map((e) => e.payload.name)).toEqual(['good-1', 'good-2', 'good-3']);
    expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
  });
});
