// Hawk post throughput: messages accepted (each as POST /api/post/messages does: checked, then
// written with its delivery in a transaction shared by the letters handed in at the same moment,
// the mail bag, which sends the post it can; a letter alone gets a dispatch run) and delivered,
// by the bags or the server's own job runner, per second from the first acceptance to the last
// delivery, beside the database's own one-row commit rate
// measured in the same run (bench/jobs.ts commitRate, the best of three). Each sender is a clerk of their own,
// sending one letter after another to one recipient within the village. Each load is run three
// times and the best run reported, as the anchor is the best of three, after five runs not
// counted (the JIT's warm-up, below).
//
// Two loads. At 32 clerks at once (the goal's figure) the post office is busy: the bags fill
// (MAIL_BAG_SIZE letters on SQLite; on PostgreSQL two bags of half that at once, bagsFor), and
// the figure is what it can carry. At 4 the bag carries at most 4 letters and
// the figure is bound by commits, not by what the server can do: reported beside it, with no goal.
// The anchor on PostgreSQL is the better of its commit rates at 4 connections and at as many as
// there are clerks (on this machine more connections commit less), so that a crowded anchor does
// not flatter the figure. SQLite has one writer: its anchor is one connection.
//
// Beside each figure, the CPU a message took and a bare commit took (bench/cpu.ts), this process's
// and, on PostgreSQL, the database server's: on this machine PostgreSQL's commit rate at many
// connections is bound by CPU (group commit makes the flush cheap), so the ratio cannot pass a
// commit's CPU over a message's, and these say how far the code is from that.
//
// SQLite always; PostgreSQL when SANDSTONE_TEST_PG_URL or DATABASE_URL is set. BENCH_POST_SENDERS
// measures one load only; BENCH_POST_MESSAGES sets the letters per load.
import { onBothDatabases } from './postgres-target.ts';
import { commitRateAndCpu } from './jobs.ts';
import { cpuMeter, type CpuSpent } from './cpu.ts';
import { openApp } from '../src/app.ts';
import { withActor, type AppContext } from '../src/kernel/context.ts';
import { createPerson } from '../src/modules/registry/index.ts';
import { sendMessage } from '../src/modules/post/index.ts';
import { MAIL_BAG_SIZE } from '../src/modules/post/mail-bag.ts';

const MESSAGES = Number(process.env.BENCH_POST_MESSAGES ?? 3000);
/** Runs of each load; the best is reported (BENCH_POST_ROUNDS=1 for a quick look). */
const ROUNDS = Number(process.env.BENCH_POST_ROUNDS ?? 3);
const LOADS = process.env.BENCH_POST_SENDERS ? [Number(process.env.BENCH_POST_SENDERS)] : [MAIL_BAG_SIZE, 4];
/** The load whose figure carries the goal. */
const GOAL_LOAD = MAIL_BAG_SIZE;

/**
 * Measurements of the commit rate at each connection count; the best is the anchor: a short one on
 * this machine's disk varies by a third from one to the next, and the best is the hardest anchor
 * to beat.
 */
const ANCHOR_MEASUREMENTS = 3;

/** CPU a message, in µs, from what `n` of them spent. */
const perItem = (cpu: CpuSpent, n: number) => ({ app: cpu.app / n, database: cpu.database === null ? null : cpu.database / n });

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Uncounted runs before the measured ones (see benchOne). */
const WARM_UP_RUNS = Number(process.env.BENCH_POST_WARM_UP_RUNS ?? 5);

async function benchOne(dialect: 'sqlite' | 'postgres', target: { dbPath?: string; databaseUrl?: string }) {
  const app = await openApp({ ...target, jobs: { concurrency: 4, pollMs: 1000 } });
  const warmUp: { rate: number; cpuUsPerMessage: CpuSpent }[] = [];
  const out: {
    senders: number; anchor: number; anchorConnections: number; anchorCpu: CpuSpent;
    rate: number; acceptRate: number; p50: number; p99: number; cpu: CpuSpent;
  }[] = [];
  try {
    const people: string[] = [];
    for (let i = 0; i < 20; i++) people.push((await createPerson(app.ctx, { givenName: `Recipient ${i}`, rank: 'genin' })).id);
    const clerks: AppContext[] = [];
    for (let i = 0; i < Math.max(...LOADS); i++) {
      const p = await createPerson(app.ctx, { givenName: `Clerk ${i}`, rank: 'chuunin' });
      clerks.push(withActor(app.ctx, { kind: 'user', role: 'clerk', username: `clerk${i}`, personId: p.id, clearance: { level: 'secret', compartments: [] } }));
    }
    const delivered = async () => Number((await app.ctx.db.selectFrom('post_delivery').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'delivered').executeTakeFirstOrThrow()).n);
    let sent = 0;
    /** One run of a load: MESSAGES letters sent by `senders` clerks at once, until all are delivered. */
    const runLoad = async (senders: number) => {
      const before = await delivered();
      app.jobs.start();
      const took: number[] = [];
      const spent = cpuMeter(dialect === 'postgres');
      const t = performance.now();
      let next = 0;
      await Promise.all(clerks.slice(0, senders).map(async (clerk) => {
        while (next < MESSAGES) {
          const i = next++;
          const t0 = performance.now();
          await sendMessage(clerk, { to: [{ person: people[i % people.length]! }], subject: `bench ${sent + i}`, precedence: (['flash', 'immediate', 'priority', 'routine'] as const)[i % 4] });
          took.push(performance.now() - t0);
        }
      }));
      const accepted = performance.now();
      for (const t0 = Date.now(); (await delivered()) - before < MESSAGES; await new Promise((r) => setTimeout(r, 20))) {
        if (Date.now() - t0 > 300_000) throw new Error('bench: the post was not delivered in five minutes');
      }
      const done = performance.now();
      const cpu = spent();
      await app.jobs.stop();
      sent += MESSAGES;
      took.sort((a, b) => a - b);
      return { rate: MESSAGES / ((done - t) / 1000), acceptRate: MESSAGES / ((accepted - t) / 1000), p50: percentile(took, 0.5), p99: percentile(took, 0.99), cpu };
    };
    // Runs not counted first, so that a server that has been up a while is measured, not one
    // starting: the first thousands of letters are sent by code V8 has not yet optimized. The first
    // run of 3,000 took about 2.8 times the Node CPU a letter of the runs after 12,000, and the
    // cost fell in steps, not smoothly (about 200 µs a letter for the second and third runs, then
    // about 145: processTicksAndRejections, the loop every promise goes through, and functions
    // called once a mail bag are optimized only after many bags). So WARM_UP_RUNS runs of the goal
    // load first, whatever they show; their figures are reported beside the result.
    for (let i = 0; i < WARM_UP_RUNS; i++) {
      const run = await runLoad(GOAL_LOAD);
      warmUp.push({ rate: Math.round(run.rate), cpuUsPerMessage: roundCpu(perItem(run.cpu, MESSAGES)) });
    }
    for (const senders of LOADS) {
      // SQLite has one writer: one connection. PostgreSQL: the better of 4 connections and as many
      // as there are clerks (on this machine more connections commit less).
      const counts = dialect === 'postgres' ? [4, senders] : [1];
      const anchors = new Map<number, { rate: number; cpuPerCommit: CpuSpent }>();
      // The best of ROUNDS runs of the load, as the anchor is the best of its measurements: a single
      // run here varies by a fifth from one to the next, and comparing one run with the best of
      // three commit rates would understate the ratio by that much. Each round measures the commit
      // rate just before its run, so that a while when this shared machine is faster or slower
      // weighs on both alike: measured one after the other, the anchor's best and the runs' best
      // came from different moments, and ten runs of the same code gave ratios from 0.46 to 0.58.
      let best: Awaited<ReturnType<typeof runLoad>> | undefined;
      for (let round = 0; round < Math.max(ROUNDS, ANCHOR_MEASUREMENTS); round++) {
        if (round < ANCHOR_MEASUREMENTS) {
          for (const c of counts) {
            const r = await commitRateAndCpu(target, c);
            if (!anchors.has(c) || r.rate > anchors.get(c)!.rate) anchors.set(c, r);
          }
        }
        if (round < ROUNDS) {
          const run = await runLoad(senders);
          if (!best || run.rate > best.rate) best = run;
        }
      }
      // The fewer connections on a tie.
      const [anchorConnections, anchor] = [...anchors].reduce((a, b) => (b[1].rate > a[1].rate ? b : a));
      out.push({ senders, anchor: anchor.rate, anchorConnections, anchorCpu: anchor.cpuPerCommit, ...best!, cpu: perItem(best!.cpu, MESSAGES) });
    }
    return out.map((x) => ({ ...x, warmUp }));
  } finally {
    await app.close();
  }
}

const roundCpu = (c: CpuSpent) => ({ app: Math.round(c.app), database: c.database === null ? null : Math.round(c.database) });

export async function postBench() {
  const runs = await onBothDatabases('post', benchOne);
  return runs.flatMap(({ dialect, r }) => r.map((x) => ({
    name: `hawk post accepted and delivered on ${dialect} (${MESSAGES} messages, ${x.senders} clerks at once, the server's runner, ${ROUNDS > 1 ? `the best of ${ROUNDS} runs` : 'one run'})`, unit: 'messages/s', value: Math.round(x.rate),
    anchor: Math.round(x.anchor), anchorName: `${dialect} one-row commits/s, bare driver${dialect === 'postgres' ? `, ${x.anchorConnections} connections${x.senders === 4 ? '' : ` (the better of 4 and ${x.senders})`}` : ''}`,
    ratio: x.rate / x.anchor,
    ...(x.senders === GOAL_LOAD
      ? { goal: '≥ 0.5 × the commit rate', pass: x.rate / x.anchor >= 0.5 }
      : { goal: `none: at ${x.senders} clerks a mail bag carries at most ${x.senders} letters, so this is bound by commits (the goal is at ${GOAL_LOAD})`, pass: null }),
    acceptedPerSecond: Math.round(x.acceptRate), acceptMsP50: Number(x.p50.toFixed(2)), acceptMsP99: Number(x.p99.toFixed(2)),
    // Where the commit rate is bound by CPU (PostgreSQL here: group commit makes the disk cheap), the
    // ratio cannot pass a bare commit's CPU over a message's, both processes counted.
    cpuUsPerMessage: roundCpu(x.cpu), anchorCpuUsPerCommit: roundCpu(x.anchorCpu),
    // The uncounted runs at GOAL_LOAD clerks before all the measured ones, in order: how the rate rose as V8 optimized.
    warmUpRuns: x.warmUp,
  })));
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await postBench(), null, 2));
