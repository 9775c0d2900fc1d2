// Hawk post throughput: messages accepted (each in its own transaction with its delivery and its
// dispatch job, as POST /api/post/messages does) and delivered by the server's own job runner, per
// second from the first acceptance to the last delivery, beside the database's own one-row commit
// rate measured in the same run (bench/jobs.ts commitRate). Four senders at once, one recipient
// each, within the village. SQLite always; PostgreSQL when SANDSTONE_TEST_PG_URL or DATABASE_URL is set.
import { onBothDatabases } from './postgres-target.ts';
import { commitRate } from './jobs.ts';
import { openApp } from '../src/app.ts';
import { withActor } from '../src/kernel/context.ts';
import { createPerson } from '../src/modules/registry/index.ts';
import { sendMessage } from '../src/modules/post/index.ts';

const MESSAGES = Number(process.env.BENCH_POST_MESSAGES ?? 2000);
const SENDERS = Number(process.env.BENCH_POST_SENDERS ?? 4);

async function benchOne(dialect: 'sqlite' | 'postgres', target: { dbPath?: string; databaseUrl?: string }) {
  const app = await openApp({ ...target, jobs: { concurrency: 4, pollMs: 1000 } });
  try {
    const anchor = await commitRate(target, dialect === 'postgres' ? SENDERS : 1);
    const sender = await createPerson(app.ctx, { givenName: 'Aiko', rank: 'chuunin' });
    const clerk = withActor(app.ctx, { kind: 'user', role: 'clerk', username: 'aiko', personId: sender.id, clearance: { level: 'secret', compartments: [] } });
    const people: string[] = [];
    for (let i = 0; i < 20; i++) people.push((await createPerson(app.ctx, { givenName: `Recipient ${i}`, rank: 'genin' })).id);
    const delivered = async () => Number((await app.ctx.db.selectFrom('post_delivery').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'delivered').executeTakeFirstOrThrow()).n);
    app.jobs.start();
    const t = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: SENDERS }, async () => {
      while (next < MESSAGES) {
        const i = next++;
        await sendMessage(clerk, { to: [{ person: people[i % people.length]! }], subject: `bench ${i}`, precedence: (['flash', 'immediate', 'priority', 'routine'] as const)[i % 4] });
      }
    }));
    const accepted = performance.now();
    for (const t0 = Date.now(); (await delivered()) < MESSAGES; await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() - t0 > 300_000) throw new Error('bench: the post was not delivered in five minutes');
    }
    const done = performance.now();
    await app.jobs.stop();
    return { anchor, rate: MESSAGES / ((done - t) / 1000), acceptRate: MESSAGES / ((accepted - t) / 1000) };
  } finally {
    await app.close();
  }
}

export async function postBench() {
  const runs = await onBothDatabases('post', benchOne);
  return runs.map(({ dialect, r }) => ({
    name: `hawk post accepted and delivered on ${dialect} (${MESSAGES} messages, ${SENDERS} senders, the server's runner)`, unit: 'messages/s', value: Math.round(r.rate),
    anchor: Math.round(r.anchor), anchorName: `${dialect} one-row commits/s, bare driver${dialect === 'postgres' ? `, ${SENDERS} connections` : ''}`,
    ratio: r.rate / r.anchor, goal: '≥ 0.5 × the commit rate', pass: r.rate / r.anchor >= 0.5, acceptedPerSecond: Math.round(r.acceptRate),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await postBench(), null, 2));
