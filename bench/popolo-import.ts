// Popolo import rate on a generated 100,000-person file, with peak memory. Runs in its own
// process so its peak resident memory is its own; prints one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openApp } from '../src/app.ts';
import { importPopolo } from '../src/modules/registry/index.ts';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);

function generate(n: number) {
  const organizations = Array.from({ length: 100 }, (_, i) => ({ id: `org/${i}`, name: `Council ${i}`, classification: 'legislature' }));
  const persons = Array.from({ length: n }, (_, i) => ({ id: `person/${i}`, name: `Given${i % 997} Family${i}`, email: `p${i}@example.org` }));
  const memberships = persons.map((p, i) => ({ person_id: p.id, organization_id: `org/${i % 100}`, role: 'councillor', start_date: '2020-01-01' }));
  return { persons, organizations, memberships };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-bench-import-'));
try {
  const doc = generate(PERSONS);
  const file = path.join(dir, 'big.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  const fileMB = fs.statSync(file).size / 1e6;

  // Anchor: better-sqlite3 alone inserting the same number of narrow rows in one transaction.
  const raw = new SQLite(path.join(dir, 'anchor.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('create table t (id text primary key, name text, extra text)');
  const ins = raw.prepare('insert into t values (?, ?, ?)');
  let t0 = performance.now();
  raw.transaction(() => {
    for (const p of doc.persons) ins.run(p.id, p.name, JSON.stringify({ email: p.email }));
  })();
  const anchorSeconds = (performance.now() - t0) / 1000;
  raw.close();

  const app = await openApp({ dbPath: path.join(dir, 'import.db') });
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  t0 = performance.now();
  const report = await importPopolo(app.ctx, parsed);
  const seconds = (performance.now() - t0) / 1000;
  await app.close();
  console.log(JSON.stringify({
    persons: report.created.persons,
    memberships: report.created.memberships,
    fileMB: Number(fileMB.toFixed(1)),
    seconds: Number(seconds.toFixed(2)),
    personsPerSecond: Math.round(report.created.persons / seconds),
    anchorRowsPerSecond: Math.round(PERSONS / anchorSeconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
