// Popolo import rate on a generated 100,000-person file, with peak memory. The import runs in a
// process of its own that does nothing else (stream, check, import), so its peak resident memory
// is what `sandstone import popolo FILE` needs; a second run on a file a tenth the size shows
// whether memory grows with the file. Prints one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { openApp } from '../src/app.ts';
import { importPopoloFile } from '../src/modules/registry/index.ts';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
/**
 * The JavaScript heap the streamed import of 100,000 persons must fit in (reading the whole file
 * needs several times more). It holds the app's own heap, about 38 MB live once every module is
 * loaded (25 or so when this cap was first set at 96 MB, which the modules since have outgrown:
 * the capped run failed from the merge of the bills module on), and what the checker keeps, about
 * 45 MB at 100,000 persons and memberships (their ids, folded names and membership keys, to find
 * repeats across the file).
 */
const HEAP_CAP_MB = 128;

function generate(n: number) {
  const organizations = Array.from({ length: 100 }, (_, i) => ({ id: `org/${i}`, name: `Council ${i}`, classification: 'legislature' }));
  const persons = Array.from({ length: n }, (_, i) => ({ id: `person/${i}`, name: `Given${i % 997} Family${i}`, email: `p${i}@example.org` }));
  const memberships = persons.map((p, i) => ({ person_id: p.id, organization_id: `org/${i % 100}`, role: 'councillor', start_date: '2020-01-01' }));
  return { persons, organizations, memberships };
}

/** Anchor: better-sqlite3 alone inserting the same number of narrow rows in one transaction. */
function anchorSeconds(dir: string, persons: { id: string; name: string; email: string }[]): number {
  const raw = new SQLite(path.join(dir, 'anchor.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('create table t (id text primary key, name text, extra text)');
  const ins = raw.prepare('insert into t values (?, ?, ?)');
  const t0 = performance.now();
  raw.transaction(() => {
    for (const p of persons) ins.run(p.id, p.name, JSON.stringify({ email: p.email }));
  })();
  raw.close();
  return (performance.now() - t0) / 1000;
}

async function importOnly(file: string, dbPath: string) {
  const app = await openApp({ dbPath });
  const idleRssMB = Math.round(process.memoryUsage().rss / 1e6);
  const t0 = performance.now();
  const report = await importPopoloFile(app.ctx, file);
  const seconds = (performance.now() - t0) / 1000;
  await app.close();
  console.log(JSON.stringify({ persons: report.created.persons, memberships: report.created.memberships, seconds, idleRssMB, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

if (process.argv[2] === 'import') {
  await importOnly(process.argv[3]!, process.argv[4]!);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-bench-import-'));
  try {
    const file = path.join(dir, 'big.json');
    const doc = generate(PERSONS);
    fs.writeFileSync(file, JSON.stringify(doc));
    const anchor = anchorSeconds(dir, doc.persons);
    const importIn = (f: string, db: string, heapMB?: number) => {
      const flags = heapMB ? [`--max-old-space-size=${heapMB}`] : [];
      const child = spawnSync(process.execPath, [...flags, '--import', 'tsx', fileURLToPath(import.meta.url), 'import', f, path.join(dir, db)], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`the import failed:\n${child.stderr}`);
      return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    };
    const r = importIn(file, 'import.db');
    // The same import of a file a tenth the size: with streaming, the peak barely moves.
    const smallFile = path.join(dir, 'small.json');
    fs.writeFileSync(smallFile, JSON.stringify(generate(Math.round(PERSONS / 10))));
    const small = importIn(smallFile, 'small.db');
    // Left to itself V8 lets garbage pile up while memory is free, so the peak above overstates
    // what the import holds: the same import again with the JavaScript heap capped must succeed.
    let cappedPeakRssMB: number | null = null;
    try {
      cappedPeakRssMB = importIn(file, 'capped.db', HEAP_CAP_MB).peakRssMB;
    } catch {
      cappedPeakRssMB = null; // ran out of memory: the import holds more than the cap
    }
    console.log(JSON.stringify({
      persons: r.persons,
      memberships: r.memberships,
      fileMB: Number((fs.statSync(file).size / 1e6).toFixed(1)),
      seconds: Number(r.seconds.toFixed(2)),
      personsPerSecond: Math.round(r.persons / r.seconds),
      anchorRowsPerSecond: Math.round(PERSONS / anchor),
      peakRssMB: r.peakRssMB,
      idleRssMB: r.idleRssMB,
      smallFileMB: Number((fs.statSync(smallFile).size / 1e6).toFixed(1)),
      smallPeakRssMB: small.peakRssMB,
      heapCapMB: HEAP_CAP_MB,
      cappedPeakRssMB,
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
