// Mail bags on two servers of one database, beside their dispatch runs: a bag sends the post
// itself (the most urgent waiting first, its own letters or not: mail-bag.ts, writeLetters), so
// two servers' bags and runs reach for the same waiting deliveries at once. Each must be sent once
// (one departure, one desk item for a letter marked action) and none left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../kernel/testing/dialects.ts';
import { untilNoneLeft } from '../../kernel/testing/server-fleet.ts';
import { openApp, type App } from '../../app.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { fromJson } from '../../kernel/db/dialect.ts';
import { createVillage } from '../registry/index.ts';
import { sendMessage } from './index.ts';
import { hawkCarrier, RELIABLE_CARRIER } from './post.service.ts';
import { PRECEDENCES } from './precedence.ts';
import { castPerson } from './testing/cast.ts';

const CLERKS = ['aiko', 'baki', 'chiyo', 'daiki', 'emi', 'fuu'] as const;
const RECIPIENTS = ['matsuri', 'sari', 'yukata'] as const;
const LETTERS = 8;
const WAITING = 12;

describe.each(DIALECTS)('mail bags on two servers of one %s database', (dialect) => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const apps: App[] = [];
  const who: Record<string, AppContext>[] = [{}, {}];
  const id: Record<string, string> = {};

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    for (let i = 0; i < 2; i++) apps.push(await openApp({ ...db, jobs: { concurrency: 2, pollMs: 20 } }));
    const [a, b] = apps as [App, App];
    await createVillage(a.ctx, { code: 'suna', name: 'Sunagakure', land: 'x', leaderTitle: 'x' });
    for (const p of [...CLERKS, ...RECIPIENTS]) await castPerson(a.ctx, who[0]!, id, p, 'clerk', 'secret');
    // The same people acting on the second server.
    for (const p of [...CLERKS, ...RECIPIENTS]) who[1]![p] = withActor(b.ctx, who[0]![p]!.actor);
  }, 120_000);
  afterAll(async () => {
    hawkCarrier.current = RELIABLE_CARRIER;
    for (const app of apps) await app.jobs.stop();
    for (const app of apps) await app.close();
    await db?.drop();
  });

  it('sends every delivery once: bags and runs on both servers take the waiting post, none twice, none left', async () => {
    const departed = new Map<string, number>();
    hawkCarrier.current = { depart: (d) => { departed.set(d.id, (departed.get(d.id) ?? 0) + 1); }, land: () => [] };
    let n = 0;
    const letter = () => {
      n++;
      return { to: [{ person: id[RECIPIENTS[n % RECIPIENTS.length]!]! }], subject: `letter ${n}`, precedence: PRECEDENCES[n % 4]!, actionRequested: n % 3 === 0 };
    };
    // Post already waiting, with its runs, before any server runs jobs: letters sent alone.
    for (let i = 0; i < WAITING; i++) await sendMessage(who[0]!.aiko!, letter());
    expect(departed.size).toBe(0);
    for (const app of apps) app.jobs.start();
    // Every clerk on both servers at once: each server packs bags that send, beside the runs.
    const answers = await Promise.all(who.flatMap((w) => CLERKS.map(async (c) => {
      const out = [];
      for (let i = 0; i < LETTERS; i++) out.push(await sendMessage(w[c]!, letter()));
      return out;
    })));
    const ctx = apps[0]!.ctx;
    await untilNoneLeft('deliveries not made', async () => Number((await ctx.db.selectFrom('post_delivery').select((eb) => eb.fn.countAll().as('n')).where('state', '!=', 'delivered').executeTakeFirstOrThrow()).n));
    await untilNoneLeft('dispatch runs not done', async () => Number((await ctx.db.selectFrom('kernel_job').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'post.dispatch').where('state', '!=', 'done').executeTakeFirstOrThrow()).n));
    const total = WAITING + 2 * CLERKS.length * LETTERS;
    const rows = await ctx.db.selectFrom('post_delivery').select(['id', 'delivered_at', 'updated_at']).execute();
    expect(rows).toHaveLength(total);
    // Some were sent by bags, in the answer to their senders: the path under test ran.
    expect(answers.flat().filter((a) => a.deliveries[0]!.state === 'delivered').length).toBeGreaterThan(0);
    // Once: one departure each, and nothing touched a delivery after it was made.
    expect([...departed.values()].filter((k) => k !== 1)).toEqual([]);
    expect([...departed.keys()].sort()).toEqual(rows.map((r) => r.id as string).sort());
    expect(rows.filter((r) => new Date(r.updated_at).getTime() !== new Date(r.delivered_at).getTime())).toEqual([]);
    // A letter marked action raised one desk item for its copy, not two (as the audit log records each raising).
    const raised = (await ctx.db.selectFrom('kernel_audit_log').select('detail').where('action', '=', 'desk.raise').execute())
      .map((r) => fromJson<{ record: { kind: string; id: string } }>(r.detail, { record: { kind: '', id: '' } }).record);
    expect(raised.length).toBe(Math.floor(total / 3));
    expect(raised.every((r) => r.kind === 'post.delivery')).toBe(true);
    expect(new Set(raised.map((r) => r.id)).size).toBe(raised.length);
  }, 120_000);
});
