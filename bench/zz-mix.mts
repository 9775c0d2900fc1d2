import Database from 'better-sqlite3';
import { openApp } from '../src/app.ts';
import { withActor } from '../src/kernel/context.ts';
import { searchLaw } from '../src/modules/legislature/index.ts';
import { parseSearchQuery, toFts5Match } from '../src/modules/legislature/search-query.ts';
import { foldQuery } from '../src/modules/legislature/search-text.ts';
const app = await openApp({ dbPath: '/tmp/bsearch/f100k.db' });
const ctx = withActor(app.ctx, { kind: 'anonymous', role: 'public', clearance: { level: 'public', compartments: [] } });
const db = new Database('/tmp/bsearch/f100k.db', { readonly: true });
const st = db.prepare('select rowid from legislature_search_fts where legislature_search_fts match ? order by bm25(legislature_search_fts) limit 20');
const MIX = [{ q: 'water' }, { q: 'council session' }, { q: 'extradition prisoner' }, { q: '"acting kazekage"' }, { q: 'emergency rescue' },
  { q: 'oasis' }, { q: 'treaty alliance' }, { q: 'kaze' }, { q: 'guard -water' }, { q: 'tribunal appeal' }, { q: 'evacuation sandstorm' },
  { q: 'ration' }, { q: 'shinobi foreign envoy' }, { q: 'orphan welfare' }, { q: 'tariff' }, { q: 'the council' }, { q: 'seal', title: 12 },
  { q: 'harvest granary', at: '2010-06-01' }, { q: 'mission' }, { q: '"the village"' }, { q: 'greenhous' }];
for (const m of MIX) {
  const raw = toFts5Match(foldQuery(parseSearchQuery(m.q)))!;
  const a: number[] = [], b: number[] = [];
  await searchLaw(ctx, m);
  for (let i = 0; i < 7; i++) { let t = performance.now(); await searchLaw(ctx, m); a.push(performance.now() - t); t = performance.now(); st.all(raw); b.push(performance.now() - t); }
  a.sort((x, y) => x - y); b.sort((x, y) => x - y);
  const r = await searchLaw(ctx, m);
  console.log(JSON.stringify(m).padEnd(45), a[3]!.toFixed(1).padStart(7), b[3]!.toFixed(1).padStart(7), (a[3]! / b[3]!).toFixed(1).padStart(5), r.total);
}
await app.close();
