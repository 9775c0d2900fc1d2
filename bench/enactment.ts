// Enacting a bill of 100 amendments through the real job (the kernel's timed work runs the
// legislature's enactment: the amendments applied to the texts in force, each result a new
// statute version made by the bill, the old one closed, the search index refreshed, audited),
// beside the same 100 changes written as raw INSERTs of version rows into the statute version
// table on the same database in the same run. On SQLite, and on PostgreSQL when
// SANDSTONE_BENCH_PG_URL (or SANDSTONE_TEST_PG_URL) names a cluster we may create a database in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openApp, type App } from '../src/app.ts';
import { withActor } from '../src/kernel/context.ts';
import { createBill, getBill, importStatutes, recordBillAction, setBillAmendments } from '../src/modules/legislature/index.ts';
import { villageToday } from '../src/modules/legislature/legislature.read.ts';
import { createPerson } from '../src/modules/registry/index.ts';
import { seatCouncil, voteBill } from '../src/modules/legislature/testing/council.ts';
import { postgresTarget } from './postgres-target.ts';

const AMENDMENTS = 100;
const round2 = (x: number) => Math.round(x * 100) / 100;
const codes = Array.from({ length: AMENDMENTS }, (_, i) => `50-${101 + i}`);
const markup = (i: number, days: number) => `(1) A well of the district of ward ${i + 1} is inspected every ${days} days.
(2) The inspector reports to the council:
  (a) on the water drawn; and
  (b) on any fault found.`;

/** A row of the statute version table, as the raw writer inserts it. */
interface VersionRow { id: string; statute_id: string; seq: number; valid_from: string; heading: string; markup: string }

/** 100 statutes, a bill amending each once, taken to signed; then the job run and timed. Answers the job's seconds and the rows for the raw writer. */
async function enactOn(app: App): Promise<{ seconds: number; rows: VersionRow[] }> {
  const today = villageToday(app.ctx);
  const clerk = withActor(app.ctx, { kind: 'user', role: 'clerk', username: 'bench-clerk', clearance: { level: 'top_secret', compartments: [] } });
  const kazekage = withActor(app.ctx, { kind: 'user', role: 'kazekage', username: 'bench-kazekage', clearance: { level: 'top_secret', compartments: [] } });
  await importStatutes(app.ctx, codes.map((code, i) => ({
    code, heading: `Wells of ward ${i + 1}`, titleNumber: 50, titleHeading: 'Wells (bench)', versions: [{ from: '2001-04-01', reason: 'enacted', markup: markup(i, 30) }],
  })), { source: 'bench' });
  const sponsor = (await createPerson(app.ctx, { name: 'Bench sponsor', rank: 'civilian' })).id;
  const b = await createBill(clerk, { title: 'Wells Inspection Act', sponsors: [sponsor] });
  await setBillAmendments(clerk, b.code, {
    commencement: today,
    amendments: codes.map((code, i) => ({ code, op: 'substitute' as const, path: ['1'], text: `(1) A well of the district of ward ${i + 1} is inspected every 14 days.` })),
  });
  // Readings and passing are the Council's votes (one sitting, the later readings by two thirds).
  await seatCouncil(app.ctx);
  await recordBillAction(clerk, b.code, { stage: 'introduced', on: today });
  await voteBill(clerk, b.code, ['first_reading', 'second_reading', 'third_reading', 'passed'], today);
  await recordBillAction(kazekage, b.code, { stage: 'signed', on: today });
  // Signing scheduled the enactment at the village's midnight starting today: due now.
  const t = performance.now();
  const ran = await app.jobs.runDue();
  const seconds = (performance.now() - t) / 1000;
  const enacted = await getBill(clerk, b.code);
  if (ran < 1 || enacted.stage !== 'enacted') throw new Error(`the enactment did not run (${ran} jobs, bill ${enacted.stage})`);
  const versions = await app.ctx.db.selectFrom('legislature_statute_version as v').innerJoin('legislature_statute as s', 's.id', 'v.statute_id')
    .select(['s.id as statute_id', 'v.seq', 'v.heading', 'v.markup']).where('v.made_by_ref', '=', b.code).execute();
  if (versions.length !== AMENDMENTS) throw new Error(`${versions.length} versions made by the bill, ${AMENDMENTS} expected`);
  // The raw writer puts the same texts one day later (the bill's own versions stand on today).
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { seconds, rows: versions.map((v) => ({ id: randomUUID(), statute_id: v.statute_id as string, seq: Number(v.seq) + 1, valid_from: tomorrow, heading: v.heading as string, markup: v.markup as string })) };
}

const COLUMNS = 'id, statute_id, seq, kind, valid_from, valid_to, heading, markup, made_by_kind, made_by_reason, made_by_ref, recorded_at, recorded_by';
const valuesOf = (r: VersionRow, at: string) => [r.id, r.statute_id, r.seq, 'text', r.valid_from, null, r.heading, r.markup, 'bill', 'bench: raw inserts', 'RAW', at, 'bench'];

function rawSqlite(file: string, rows: VersionRow[]): number {
  const db = new Database(file);
  try {
    const t = performance.now();
    const insert = db.prepare(`insert into legislature_statute_version (${COLUMNS}) values (${COLUMNS.split(',').map(() => '?').join(', ')})`);
    const at = new Date().toISOString();
    db.transaction(() => { for (const r of rows) insert.run(...valuesOf(r, at)); })();
    return (performance.now() - t) / 1000;
  } finally {
    db.close();
  }
}

async function rawPostgres(url: string, rows: VersionRow[]): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t = performance.now();
    const at = new Date().toISOString();
    await c.query('begin');
    for (const r of rows) await c.query(`insert into legislature_statute_version (${COLUMNS}) values (${COLUMNS.split(',').map((_, i) => `$${i + 1}`).join(', ')})`, valuesOf(r, at));
    await c.query('commit');
    return (performance.now() - t) / 1000;
  } finally {
    await c.end();
  }
}

export async function enactmentBench() {
  const figures: Array<Record<string, unknown>> = [];
  const figure = (where: string, seconds: number, raw: number) => ({
    name: `enacting a bill of ${AMENDMENTS} amendments through its job (${where})`, unit: 'ms', value: round2(seconds * 1000),
    anchor: round2(raw * 1000), anchorName: `the same ${AMENDMENTS} version rows as raw INSERTs, one transaction`, ratio: round2(seconds / raw),
    goal: 'reported beside the raw inserts', pass: null,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-bench-enact-'));
  const file = path.join(dir, 'bench.db');
  const app = await openApp({ dbPath: file });
  try {
    const { seconds, rows } = await enactOn(app);
    figures.push(figure('SQLite', seconds, rawSqlite(file, rows)));
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const target = await postgresTarget('enact', process.env.SANDSTONE_BENCH_PG_URL ?? process.env.SANDSTONE_TEST_PG_URL).catch((e) => {
    console.error(`bench: PostgreSQL enactment skipped: ${String(e?.message ?? e)}`);
    return null;
  });
  if (target) {
    try {
      const pgApp = await openApp({ databaseUrl: target.databaseUrl });
      try {
        const { seconds, rows } = await enactOn(pgApp);
        figures.push(figure('PostgreSQL', seconds, await rawPostgres(target.databaseUrl, rows)));
      } finally {
        await pgApp.close();
      }
    } finally {
      await target.drop();
    }
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await enactmentBench(), null, 2));
