// Akoma Ntoso import rate on a generated act of 20,000 statutes (seeded), with peak memory, on
// SQLite and, when SANDSTONE_TEST_PG_URL or DATABASE_URL is set, PostgreSQL beside it. Each import
// runs in a process of its own that does nothing else, so its peak resident memory is what
// `sandstone import akn FILE` needs; the time is split between reading the file (readAkn and the
// checks) and writing (importStatutes), so a slow figure says where its time goes.
// Anchor: better-sqlite3 alone inserting the same statutes (a statute row, a version row and a
// search row each) in one transaction. Prints one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { postgresTarget } from './postgres-target.ts';
import SQLite from 'better-sqlite3';
import { openApp } from '../src/app.ts';
import { importAknFiles } from '../src/modules/legislature/index.ts';
import { readAknFile } from '../src/modules/legislature/akn-check.ts';
import { generateAct } from '../src/modules/legislature/testing/akn-corpus.ts';

const SECTIONS = Number(process.env.BENCH_AKN_SECTIONS ?? 20_000);
const SEED = 20261201;

interface ImportRun { sections: number; seconds: number; readSeconds: number; writeSeconds: number; /** This process's CPU time (user + system): on a shared machine the wall time says more about the others. */ cpuSeconds: number; readCpuSeconds: number; peakRssMB: number; sampledPeakRssMB: number; heapMaxMB: number; idleRssMB: number }

/** In the child: import the file, sampling memory, timing the reading and the writing apart. */
async function importOnly(file: string, target: { dbPath?: string; databaseUrl?: string }) {
  const app = await openApp(target);
  const idleRssMB = Math.round(process.memoryUsage().rss / 1e6);
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 25);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let tRead = t0;
  let cRead = c0;
  const report = await importAknFiles(app.ctx, [file], {
    onProgress: (p) => {
      sample();
      if (p.phase === 'read' && p.done === p.total) {
        tRead = performance.now();
        cRead = process.cpuUsage(c0);
      }
    },
  });
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  clearInterval(timer);
  sample();
  await app.close();
  const out: ImportRun = {
    sections: report.statutes.created, seconds: (t1 - t0) / 1000, readSeconds: (tRead - t0) / 1000, writeSeconds: (t1 - tRead) / 1000,
    cpuSeconds: (c1.user + c1.system) / 1e6, readCpuSeconds: (cRead.user + cRead.system) / 1e6,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), sampledPeakRssMB: Math.round(rss / 1e6), heapMaxMB: Math.round(heap / 1e6), idleRssMB,
  };
  console.log(JSON.stringify(out));
}

/** Anchor: the same statutes' rows inserted by better-sqlite3 alone, in one transaction. */
function anchorSeconds(dir: string, file: string): number {
  const r = readAknFile(file, fs.readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(r.problems[0]!.message);
  const raw = new SQLite(path.join(dir, 'anchor.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('create table s (id text primary key, code text unique, heading text, title integer); create table v (id text primary key, statute text, valid_from text, markup text, reason text); create table d (n integer primary key, code text, body text)');
  const s = raw.prepare('insert into s values (?, ?, ?, ?)');
  const v = raw.prepare('insert into v values (?, ?, ?, ?, ?)');
  const d = raw.prepare('insert into d (code, body) values (?, ?)');
  const t0 = performance.now();
  raw.transaction(() => {
    for (const { statute: st } of r.content.statutes) {
      s.run(`s-${st.code}`, st.code, st.heading, st.titleNumber);
      v.run(`v-${st.code}`, `s-${st.code}`, st.versions[0]!.from, st.versions[0]!.markup, st.versions[0]!.reason);
      d.run(st.code, st.versions[0]!.markup);
    }
  })();
  raw.close();
  return (performance.now() - t0) / 1000;
}


if (process.argv[2] === 'import') {
  const target = process.argv[4]!;
  await importOnly(process.argv[3]!, target.startsWith('postgres') ? { databaseUrl: target } : { dbPath: target });
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-bench-akn-'));
  try {
    const file = path.join(dir, 'code.akn.xml');
    fs.writeFileSync(file, generateAct(SECTIONS, SEED).xml);
    const importIn = (target: string): ImportRun => {
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'import', file, target], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (child.status !== 0) throw new Error(`the import failed:\n${child.stderr}`);
      return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    };
    const anchor = anchorSeconds(dir, file);
    const sqlite = importIn(path.join(dir, 'import.db'));
    let postgres: ImportRun | null = null;
    const pgTarget = await postgresTarget('akn');
    if (pgTarget) {
      try {
        postgres = importIn(pgTarget.databaseUrl);
      } finally {
        await pgTarget.drop();
      }
    } else console.error('bench: Akoma Ntoso import on PostgreSQL skipped: neither SANDSTONE_TEST_PG_URL nor DATABASE_URL is set (scripts/bench.sh starts a cluster when neither is)');
    const rate = (r: ImportRun) => Math.round(r.sections / r.seconds);
    const parts = (r: ImportRun) => ({
      readSeconds: Number(r.readSeconds.toFixed(2)), writeSeconds: Number(r.writeSeconds.toFixed(2)), readPerSecond: Math.round(r.sections / r.readSeconds), writePerSecond: Math.round(r.sections / r.writeSeconds),
      cpuSeconds: Number(r.cpuSeconds.toFixed(2)), readCpuSeconds: Number(r.readCpuSeconds.toFixed(2)), sectionsPerCpuSecond: Math.round(r.sections / r.cpuSeconds),
    });
    console.log(JSON.stringify({
      sections: SECTIONS,
      fileMB: Number((fs.statSync(file).size / 1e6).toFixed(1)),
      anchorRowsPerSecond: Math.round(SECTIONS / anchor),
      sqlite: { ...sqlite, seconds: Number(sqlite.seconds.toFixed(2)), sectionsPerSecond: rate(sqlite), ...parts(sqlite) },
      postgres: postgres && { ...postgres, seconds: Number(postgres.seconds.toFixed(2)), sectionsPerSecond: rate(postgres), ...parts(postgres) },
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
