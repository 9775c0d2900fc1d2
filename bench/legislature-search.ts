// The law search over 100,000 generated statute sections: searchLaw's time per query over a fixed
// mix (words, phrases, prefixes, negation, filters, typos, a citation), beside a raw FTS5
// `MATCH … ORDER BY bm25 LIMIT 20` for the same terms on the same file, measured in the same run.
// The same corpus on PostgreSQL is reported beside it when SANDSTONE_BENCH_PG_URL (or
// SANDSTONE_TEST_PG_URL) names a cluster we may create a database in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { postgresTarget } from './postgres-target.ts';
import { sql } from 'kysely';
import { openApp, type App } from '../src/app.ts';
import { withActor } from '../src/kernel/context.ts';
import { replaceSearchDocs, searchLaw } from '../src/modules/legislature/index.ts';
import { parseSearchQuery, toFts5Match } from '../src/modules/legislature/search-query.ts';
import { foldQuery } from '../src/modules/legislature/search-text.ts';
import { generateCorpus } from '../src/modules/legislature/testing/search-corpus.ts';

const SECTIONS = Number(process.env.SANDSTONE_BENCH_SEARCH_SECTIONS ?? 100_000);
const ROUNDS = 15;

/** The mix: what people type. `raw: false` where no raw FTS5 query does the same work (typos). */
const MIX: Array<{ q: string; at?: string; title?: number; raw?: false }> = [
  { q: 'water' }, { q: 'council session' }, { q: 'extradition prisoner' }, { q: '"acting kazekage"' }, { q: 'emergency rescue' },
  { q: 'oasis' }, { q: 'treaty alliance' }, { q: 'kaze' }, { q: 'guard -water' }, { q: 'tribunal appeal' }, { q: 'evacuation sandstorm' },
  { q: 'ration' }, { q: 'shinobi foreign envoy' }, { q: 'orphan welfare' }, { q: 'tariff' }, { q: 'the council' }, { q: 'seal', title: 12 },
  { q: 'harvest granary', at: '2010-06-01' }, { q: 'mission' }, { q: '"the village"' }, { q: 'greenhous' }, { q: 'kazekgae', raw: false },
  { q: 'extradtion', raw: false }, { q: '14-203(2)' },
];

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!; };
const round2 = (x: number) => Math.round(x * 100) / 100;

async function load(app: App) {
  const corpus = generateCorpus({ sections: SECTIONS, seed: 20261201 });
  const byTitle = new Map<number, typeof corpus>();
  for (const d of corpus) (byTitle.get(d.titleNumber!) ?? byTitle.set(d.titleNumber!, []).get(d.titleNumber!)!).push(d);
  const t0 = performance.now();
  await app.ctx.db.transaction().execute(async (trx) => {
    for (const [title, docs] of byTitle) await replaceSearchDocs(trx, 'statute', `bench-title-${title}`, docs);
  });
  return (performance.now() - t0) / 1000;
}

/**
 * searchLaw's time per query over the mix; on SQLite, with the raw FTS5 query for the same terms
 * timed right after each one (a second connection to the file, as a bare program would have), so
 * both see the same load on a shared machine.
 */
async function timeSearch(app: App, file?: string) {
  // A reader with no clearance: the label filter is in every query, as for most visitors.
  const ctx = withActor(app.ctx, { kind: 'anonymous', role: 'public', clearance: { level: 'public', compartments: [] } });
  const params = (m: (typeof MIX)[number]) => ({ q: m.q, at: m.at, title: m.title });
  const db = file ? new Database(file, { readonly: true }) : null;
  const stmt = db?.prepare('select rowid from legislature_search_fts where legislature_search_fts match ? order by bm25(legislature_search_fts) limit 20');
  const rawMatch = (m: (typeof MIX)[number]) => (m.raw === false ? null : toFts5Match(foldQuery(parseSearchQuery(m.q))));
  for (const m of MIX) { await searchLaw(ctx, params(m)); const r = rawMatch(m); if (r) stmt?.all(r); } // warm
  const all: number[] = [];
  const comparable: number[] = [];
  const raw: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const m of MIX) {
      let t = performance.now();
      await searchLaw(ctx, params(m));
      const ms = performance.now() - t;
      all.push(ms);
      const match = rawMatch(m);
      if (!match || !stmt) continue;
      comparable.push(ms);
      t = performance.now();
      stmt.all(match);
      raw.push(performance.now() - t);
    }
  }
  db?.close();
  return { all, comparable, raw };
}

async function postgresFigure(base: string | undefined) {
  const target = await postgresTarget('search', base);
  if (!target) return null;
  try {
    const app = await openApp({ databaseUrl: target.databaseUrl });
    const loadSeconds = await load(app);
    await sql`analyze legislature_search_doc`.execute(app.ctx.db);
    const { all } = await timeSearch(app);
    await app.close();
    return { median: pct(all, 0.5), p99: pct(all, 0.99), loadSeconds };
  } finally {
    await target.drop();
  }
}

export async function legislatureSearchBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-bench-search-'));
  const file = path.join(dir, 'bench.db');
  const app = await openApp({ dbPath: file });
  const loadSeconds = await load(app);
  const { all, comparable, raw } = await timeSearch(app, file);
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const median = pct(all, 0.5);
  const p99 = pct(all, 0.99);
  const ratio = pct(comparable, 0.5) / pct(raw, 0.5);
  const pgUrl = process.env.SANDSTONE_BENCH_PG_URL ?? process.env.SANDSTONE_TEST_PG_URL;
  const onPg = await postgresFigure(pgUrl).catch((e) => ({ error: String(e?.message ?? e) }));
  const figures: Array<Record<string, any>> = [{
    name: `law search, ${SECTIONS.toLocaleString('en')} sections, ${MIX.length}-query mix (SQLite)`, unit: 'ms median', value: round2(median),
    anchor: round2(pct(raw, 0.5)), anchorName: 'raw FTS5 MATCH … ORDER BY bm25 LIMIT 20, same terms', ratio: round2(ratio),
    goal: 'median ≤ 5 ms, p99 ≤ 25 ms, ≤ 1.5× raw FTS5 (median of the comparable queries)',
    pass: median <= 5 && p99 <= 25 && ratio <= 1.5, p99ms: round2(p99), anchorP99ms: round2(pct(raw, 0.99)), loadSeconds: round2(loadSeconds),
  }];
  if (onPg && 'median' in onPg) {
    figures.push({
      name: `law search, same corpus and mix (PostgreSQL)`, unit: 'ms median', value: round2(onPg.median), anchor: round2(median), anchorName: 'the SQLite figure above',
      ratio: round2(onPg.median / median), goal: 'reported beside SQLite', pass: null, p99ms: round2(onPg.p99), anchorP99ms: round2(p99), loadSeconds: round2(onPg.loadSeconds),
    });
  } else if (onPg) console.error(`bench: PostgreSQL law search skipped: ${onPg.error}`);
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await legislatureSearchBench(), null, 2));
