// Timed work: jobs claimed and completed per second (each with a one-row effect, committed with
// "done") beside the database's own commit rate measured in the same run, and the delay from a
// job's runAt to its start with the runner idle and under load. SQLite always; PostgreSQL when
// SANDSTONE_TEST_PG_URL or DATABASE_URL is set (a throwaway database is made in it).
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { onBothDatabases } from './postgres-target.ts';
import { cpuMeter, type CpuSpent } from './cpu.ts';
import type { Kysely } from 'kysely';
import { openApp, type App } from '../src/app.ts';
import { MODULES } from '../src/modules.ts';
import { transact } from '../src/kernel/context.ts';
import { schedule } from '../src/kernel/jobs/index.ts';
import { newId } from '../src/kernel/ids.ts';
import type { SandstoneModule } from '../src/kernel/module.ts';

const JOBS = Number(process.env.BENCH_JOBS ?? 3000);
const COMMITS = Number(process.env.BENCH_COMMITS ?? 2000);

/** Start delays (ms) of the bench jobs, recorded by their handler. */
let delays: number[] = [];
let ran = 0;

const benchModule: SandstoneModule = {
  name: 'bench',
  migrations: {
    '20261201T130200_bench_create_effect': {
      async up(db: Kysely<any>) {
        await db.schema.createTable('bench_effect').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('job_id', 'text', (c) => c.notNull()).execute();
      },
    },
  },
  jobs: {
    'bench.effect': {
      async run(ctx, job) {
        delays.push(ctx.now().getTime() - Date.parse(job.runAt));
        await ctx.db.insertInto('bench_effect').values({ id: newId(), job_id: job.id }).execute();
        ran++;
      },
    },
  },
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const until = async (cond: () => boolean, ms = 120_000) => {
  for (const t0 = Date.now(); !cond(); await new Promise((r) => setTimeout(r, 5))) if (Date.now() - t0 > ms) throw new Error('bench: jobs did not finish in time');
};

async function scheduleMany(app: App, n: number, runAt: (i: number) => Date, prefix: string) {
  for (let i = 0; i < n; i += 500) {
    await transact(app.ctx, async (tx) => {
      for (let j = i; j < Math.min(n, i + 500); j++) await schedule(tx, 'bench.effect', runAt(j), {}, { key: `${prefix}-${j}` });
    });
  }
}

/** The database's own commit rate: one-row insert transactions through the bare driver, with the runner's concurrency. */
export async function commitRate(target: { dbPath?: string; databaseUrl?: string }, concurrency: number): Promise<number> {
  return (await commitRateAndCpu(target, concurrency)).rate;
}

/** commitRate, with the CPU a commit took, in µs (bench/cpu.ts): the database server's is null on SQLite, which runs in this process. */
export async function commitRateAndCpu(target: { dbPath?: string; databaseUrl?: string }, concurrency: number): Promise<{ rate: number; cpuPerCommit: CpuSpent }> {
  if (target.dbPath) {
    const db = new SQLite(target.dbPath);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Measured afresh each time it is asked (bench/post.ts asks once per load).
    db.exec('drop table if exists bench_commit; create table bench_commit (id text primary key)');
    const ins = db.prepare('insert into bench_commit (id) values (?)');
    const spent = cpuMeter(false);
    const t = performance.now();
    for (let i = 0; i < COMMITS; i++) ins.run(`c${i}`);
    const rate = COMMITS / ((performance.now() - t) / 1000);
    const cpuPerCommit = { app: spent().app / COMMITS, database: null };
    db.close();
    return { rate, cpuPerCommit };
  }
  const pool = new pg.Pool({ connectionString: target.databaseUrl, max: concurrency });
  await pool.query('drop table if exists bench_commit');
  await pool.query('create table bench_commit (id text primary key)');
  let next = 0;
  const spent = cpuMeter(true);
  const t = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    const c = await pool.connect();
    try {
      while (next < COMMITS) await c.query('insert into bench_commit (id) values ($1)', [`c${next++}`]);
    } finally {
      c.release();
    }
  }));
  const rate = COMMITS / ((performance.now() - t) / 1000);
  // Read before the pool ends: a backend's CPU leaves /proc with it.
  const cpu = spent();
  await pool.end();
  return { rate, cpuPerCommit: { app: cpu.app / COMMITS, database: cpu.database === null ? null : cpu.database / COMMITS } };
}

async function benchOne(dialect: 'sqlite' | 'postgres', target: { dbPath?: string; databaseUrl?: string }) {
  const concurrency = 4;
  const app = await openApp({ ...target, modules: [...MODULES, benchModule], jobs: { concurrency, pollMs: 1000 } });
  try {
    const anchor = await commitRate(target, dialect === 'postgres' ? concurrency : 1);

    // Throughput: a backlog of JOBS due now, run by the polling loop to the last one.
    delays = [];
    ran = 0;
    await scheduleMany(app, JOBS, () => app.ctx.now(), 'throughput');
    const t = performance.now();
    app.jobs.start();
    await until(() => ran >= JOBS);
    const rate = JOBS / ((performance.now() - t) / 1000);

    // Idle: jobs scheduled ahead, each due 20 ms after the one before, nothing else to do.
    delays = [];
    ran = 0;
    const idleN = 100;
    const t0 = app.ctx.now().getTime() + 300;
    await scheduleMany(app, idleN, (i) => new Date(t0 + i * 20), 'idle');
    await until(() => ran >= idleN);
    const idle = [...delays];

    // Under load: jobs arriving due at once, at half the measured rate, for three seconds.
    delays = [];
    ran = 0;
    const perTick = Math.max(1, Math.round((rate * 0.5) / 100));
    let made = 0;
    const end = Date.now() + 3000;
    while (Date.now() < end) {
      const from = made;
      await transact(app.ctx, async (tx) => {
        for (let j = 0; j < perTick; j++) await schedule(tx, 'bench.effect', tx.now, {}, { key: `load-${from + j}` });
      });
      made += perTick;
      await new Promise((r) => setTimeout(r, 10));
    }
    await until(() => ran >= made);
    const loaded = [...delays];
    await app.jobs.stop();
    return { anchor, rate, idle, loaded, loadRate: made / 3 };
  } finally {
    await app.close();
  }
}


export async function jobsBench() {
  const figures = [];
  const runs = await onBothDatabases('jobs', benchOne);
  for (const { dialect, r } of runs) {
    figures.push({
      name: `jobs claimed + completed on ${dialect} (${JOBS} due, one-row effect each, runner concurrency 4)`, unit: 'jobs/s', value: Math.round(r.rate),
      anchor: Math.round(r.anchor), anchorName: `${dialect} one-row commits/s, bare driver${dialect === 'postgres' ? ', 4 connections' : ''}`,
      ratio: r.rate / r.anchor, goal: '≥ 0.3 × the commit rate', pass: r.rate / r.anchor >= 0.3,
    });
    figures.push({
      name: `job start delay after runAt on ${dialect}, idle (p50; p99 in notes)`, unit: 'ms', value: pct(r.idle, 50), anchor: 1000, anchorName: 'the runner\'s longest sleep (poll interval)',
      ratio: pct(r.idle, 50) / 1000, goal: 'report', pass: null, p99ms: pct(r.idle, 99),
    });
    figures.push({
      name: `job start delay after runAt on ${dialect}, under load (${Math.round(r.loadRate)} jobs/s arriving due) (p50; p99 in notes)`, unit: 'ms', value: pct(r.loaded, 50), anchor: pct(r.idle, 50), anchorName: 'the same delay, idle',
      ratio: pct(r.loaded, 50) / Math.max(1, pct(r.idle, 50)), goal: 'report', pass: null, p99ms: pct(r.loaded, 99),
    });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await jobsBench(), null, 2));
