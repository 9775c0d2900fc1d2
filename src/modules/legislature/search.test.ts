// The law search on both databases, over documents written through replaceSearchDocs (the way
// the statute service writes them). Expected answers come from the documents below, by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { replaceSearchDocs, type SearchDoc } from './search-index.ts';
import { searchLaw, searchTuning, type SearchAnswer } from './search.ts';
import { generateCorpus } from './testing/search-corpus.ts';

const PUBLIC: Label = { classification: 'public', compartments: [] };
const ANBU: Label = { classification: 'secret', compartments: ['ANBU'] };
const BREACH: Label = { classification: 'secret', compartments: ['BREACH'] };

const doc = (code: string, heading: string, body: string, over: Partial<SearchDoc> = {}): SearchDoc => ({
  versionId: `v-${code}-${over.validFrom ?? '2000-01-01'}`, code, heading, titleNumber: Number(code.split('-')[0]), body,
  validFrom: '2000-01-01', validTo: null, repealedOn: null, latest: true, label: PUBLIC, ...over,
});

const LONG_BODY = '(1) ' + 'The council keeps the record of every session in the archive. '.repeat(25) + 'Only the envoy may carry the treaty scroll. ' + 'The clerk reads it aloud. '.repeat(10);

async function writeBook(db: AppContext['db']) {
  await replaceSearchDocs(db, 'statute', 's-1-101', [doc('1-101', 'Acting Kazekage', '(1) When the Kazekage is absent, the acting Kazekage holds the office.\n(2) The council records it.')]);
  await replaceSearchDocs(db, 'statute', 's-1-102', [doc('1-102', 'Council quorum', '(1) The council sits with a quorum of seven; the Kazekage presides. It follows 1-101(2).')]);
  await replaceSearchDocs(db, 'statute', 's-7-301', [doc('7-301', 'ANBU charter', '(1) The oasis cipher is kept by the ANBU.', { label: ANBU })]);
  await replaceSearchDocs(db, 'statute', 's-7-302', [doc('7-302', 'Breach protocol', '(1) The oasis cipher is broken by BREACH.', { label: BREACH })]);
  await replaceSearchDocs(db, 'statute', 's-3-110', [
    doc('3-110', 'Water rations', '(1) Each household receives two jars of water.', { validTo: '2010-01-01', latest: false }),
    doc('3-110', 'Water rations', '(1) Each household receives three jars of water from the cistern.', { validFrom: '2010-01-01' }),
  ]);
  await replaceSearchDocs(db, 'statute', 's-4-120', [doc('4-120', 'Sandstorm curfew', '(1) In a sandstorm nobody leaves the walls.', { validFrom: '1995-01-01', repealedOn: '2005-06-01' })]);
  await replaceSearchDocs(db, 'statute', 's-5-140', [doc('5-140', 'Envoys', LONG_BODY)]);
  await replaceSearchDocs(db, 'bill', 'b-1', [doc('B-2026-1', 'Greenhouse water bill', 'A bill to share greenhouse water.', { titleNumber: null, validFrom: null })]);
}

const reader = (clearance: { level: Label['classification']; compartments: string[] }): Actor => ({ kind: 'user', role: 'genin', username: 'reader', clearance });
const codes = (a: SearchAnswer) => a.items.map((i) => i.code);

describe.each(DIALECTS)('law search on %s', (dialect) => {
  let app: TestApp;
  let op: AppContext, anon: AppContext, anbu: AppContext, breach: AppContext;
  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => new Date('2026-12-01T09:00:00Z') });
    op = app.ctx;
    anon = withActor(app.ctx, { kind: 'anonymous', role: 'public', clearance: { level: 'public', compartments: [] } });
    anbu = withActor(app.ctx, reader({ level: 'secret', compartments: ['ANBU'] }));
    breach = withActor(app.ctx, reader({ level: 'secret', compartments: ['BREACH'] }));
    await writeBook(op.db);
  });
  afterAll(async () => app.drop());

  it('ranks a statute named for the words above one that only uses them', async () => {
    expect(codes(await searchLaw(anon, { q: 'kazekage' }))).toEqual(['1-101', '1-102']);
    // Named for it first; bm25 and ts_rank may order the others by how often and how densely they use it.
    const council = codes(await searchLaw(anon, { q: 'council' }));
    expect(council[0]).toBe('1-102');
    expect(council.slice(1).sort()).toEqual(['1-101', '5-140']);
  });

  it('filters by kind and title; without a date shows the latest version, with one the text of that date', async () => {
    expect(codes(await searchLaw(anon, { q: 'water', kind: 'bill' }))).toEqual(['B-2026-1']);
    expect(codes(await searchLaw(anon, { q: 'water', title: 3 }))).toEqual(['3-110']);
    const today = await searchLaw(anon, { q: 'jars' });
    expect(today.items).toHaveLength(1);
    expect(today.items[0]!.snippet).toContain('three jars');
    expect(today.items[0]).toMatchObject({ validFrom: '2010-01-01', validTo: null, status: 'in_force', url: '/statutes/3-110' });
    const then = await searchLaw(anon, { q: 'jars', at: '2005-01-01' });
    expect(then.items.map((i) => i.snippet)).toEqual(['(1) Each household receives two jars of water.']);
    expect(codes(await searchLaw(anon, { q: 'cistern', at: '2005-01-01' }))).toEqual([]);
    // Repealed on 2005-06-01: in force the day before, not on the day.
    expect((await searchLaw(anon, { q: 'sandstorm', at: '2005-05-31' })).items.map((i) => i.status)).toEqual(['in_force']);
    expect(codes(await searchLaw(anon, { q: 'sandstorm', at: '2005-06-01' }))).toEqual([]);
    expect(codes(await searchLaw(anon, { q: 'sandstorm', at: '1994-12-31' }))).toEqual([]);
    expect((await searchLaw(anon, { q: 'sandstorm' })).items.map((i) => i.status)).toEqual(['repealed']);
  });

  it('shows each reader only what their clearance reads: ANBU and BREACH differ only by compartment', async () => {
    expect(codes(await searchLaw(anbu, { q: 'oasis cipher' }))).toEqual(['7-301']);
    expect(codes(await searchLaw(breach, { q: 'oasis cipher' }))).toEqual(['7-302']);
    expect(codes(await searchLaw(op, { q: 'oasis cipher' })).sort()).toEqual(['7-301', '7-302']);
    const none = await searchLaw(anon, { q: 'oasis cipher' });
    expect(none).toMatchObject({ items: [], total: 0, query: { corrected: null }, jump: null });
    expect((await searchLaw(anbu, { q: 'cipher' })).total).toBe(1);
  });

  it('matches prefixes, typed or while typing the last word', async () => {
    expect(codes(await searchLaw(anon, { q: 'kaze' }))).toEqual(['1-101', '1-102']);
    expect(codes(await searchLaw(anon, { q: 'kaz* quorum' }))).toEqual(['1-102']);
    // Not the last word: no implicit prefix.
    expect(codes(await searchLaw(anon, { q: 'kaze quorum' }))).toEqual([]);
  });

  it('matches phrases in order, and leaves out negated words', async () => {
    expect(codes(await searchLaw(anon, { q: '"acting kazekage"' }))).toEqual(['1-101']);
    expect(codes(await searchLaw(anon, { q: '"kazekage acting"' }))).toEqual([]);
    expect(codes(await searchLaw(anon, { q: 'kazekage -quorum' }))).toEqual(['1-101']);
    expect(codes(await searchLaw(anon, { q: 'kazekage -"sits with"' }))).toEqual(['1-101']);
    expect(codes(await searchLaw(anon, { q: '-kazekage' }))).toEqual([]);
  });

  it('corrects a word no visible document has to the nearest visible term, and says so', async () => {
    const a = await searchLaw(anon, { q: 'Kazekgae office' });
    expect(a.query).toEqual({ text: 'Kazekgae office', corrected: 'kazekage office' });
    expect(codes(a)).toEqual(['1-101']);
    expect((await searchLaw(anon, { q: 'watr ' })).query.corrected).toBe('water ');
    // Two edits are allowed for words longer than five letters, one for shorter ones.
    expect((await searchLaw(anon, { q: 'kazikagi ' })).query.corrected).toBe('kazekage ');
    expect((await searchLaw(anon, { q: 'wtr ' })).query.corrected).toBeNull();
    // A word only a hidden statute uses is neither kept nor suggested to those who cannot see it.
    expect((await searchLaw(anon, { q: 'oasiss ' })).query.corrected).toBeNull();
    expect((await searchLaw(anon, { q: 'oasis' })).query.corrected).toBeNull();
    expect((await searchLaw(anbu, { q: 'oasiss ' })).query.corrected).toBe('oasis ');
  });

  it('jumps to a cited statute the reader may see', async () => {
    const a = await searchLaw(anon, { q: '1-101(2)' });
    expect(a.jump).toEqual({ code: '1-101', eId: 'sec_1-101__subsec_2', url: '/statutes/1-101#sec_1-101__subsec_2' });
    expect(codes(a)).toEqual(['1-101', '1-102']);
    expect((await searchLaw(anon, { q: '§ 1-102' })).jump?.url).toBe('/statutes/1-102#sec_1-102');
    expect((await searchLaw(anon, { q: '7-301' })).jump).toBeNull();
    expect((await searchLaw(anon, { q: '7-301' })).total).toBe(0);
    expect((await searchLaw(anbu, { q: '7-301' })).jump?.code).toBe('7-301');
    expect((await searchLaw(anon, { q: '99-999' })).jump).toBeNull();
  });

  it('highlights exactly the matched words, at UTF-16 offsets into the snippet', async () => {
    const a = await searchLaw(anon, { q: 'acting kazekage' });
    const hit = a.items[0]!;
    expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['Kazekage', 'acting', 'Kazekage']);
    const long = (await searchLaw(anon, { q: '"treaty scroll"' })).items[0]!;
    expect(long.snippet.startsWith('…') && long.snippet.endsWith('…')).toBe(true);
    expect(long.snippet.length).toBeLessThanOrEqual(242);
    expect(long.highlights.map(([s, e]) => long.snippet.slice(s, e))).toEqual(['treaty scroll']);
  });

  it('pages, and counts what the reader may see', async () => {
    const all = await searchLaw(op, { q: 'the' });
    const page = await searchLaw(op, { q: 'the', limit: 2, offset: 1 });
    expect(codes(page)).toEqual(codes(all).slice(1, 3));
    expect(page.total).toBe(all.total);
    expect((await searchLaw(op, { q: 'the', offset: 50 })).total).toBe(all.total);
    expect((await searchLaw(anon, { q: 'the' })).total).toBe(all.total - 2);
  });

  it('never fails on hostile input', async () => {
    const inputs = ['"', "'", '*', '-', '- -', '"unclosed', 'NEAR(kazekage water)', 'kazekage AND OR NOT', 'a:b^c', "x'); drop table legislature_search_doc; --",
      'kaze\u0000ge', '\ud800lone', '\\', "'':*", '!&|<->', '🏜️ sand', 'ç̧̧̧', 'x'.repeat(500), 'kazekage '.repeat(55), '(((', '""""', '-"a b"*', '14-203(2)(b)(iii)'];
    for (const q of inputs) {
      const a = await searchLaw(anon, { q });
      expect(a.total).toBeGreaterThanOrEqual(0);
    }
    expect((await searchLaw(anon, { q: 'kazekage' })).total).toBe(2);
  });

  it('refuses bad parameters naming them', async () => {
    for (const [params, path] of [[{ q: 'x'.repeat(501) }, 'q'], [{ q: 'a', limit: 101 }, 'limit'], [{ q: 'a', offset: -1 }, 'offset'], [{ q: 'a', at: '2026-02-30' }, 'at'], [{ q: 'a', kind: 'minute' }, 'kind'], [{ q: 'a', title: 0 }, 'title']] as const) {
      const e = await searchLaw(anon, params as any).then(() => null, (x) => x);
      expect(isAppError(e) && e.status === 400 && e.details.some((d) => d.path === path)).toBe(true);
    }
  });
});

// ---------- both databases, one corpus ----------

const PG = DIALECTS.includes('postgres');
// Planted in the generated corpus, whose generator cannot make the word "zephyrine" (no "ph" syllable):
// named for it (heading) beats using it twice beats using it once in a longer text.
const PLANTED = [
  doc('201-101', 'Zephyrine wells', '(1) The wells are kept.'),
  doc('201-102', 'Wells', '(1) The zephyrine wells and the zephyrine cisterns are kept.'),
  doc('201-103', 'Cisterns', '(1) The cisterns of the village, their keepers and their seals are kept in order; one zephyrine well is among them.'),
];
const QUERIES = ['water', 'council', 'extradition prisoner', '"acting kazekage"', 'emergency rescue', 'oasis', 'treaty alliance', 'kaze*', 'guard -water', 'tribunal',
  'evacuation sandstorm', 'ration', 'shinobi foreign', 'orphan welfare', 'tax tariff', 'appeal court', 'seal', 'harvest granary', 'envoy', 'mission'];

describe.runIf(PG)('the same top results on SQLite and PostgreSQL', () => {
  const apps: TestApp[] = [];
  beforeAll(async () => {
    const corpus = generateCorpus({ sections: 2000, seed: 7 });
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const app = await openTestApp(dialect);
      for (const d of corpus) await replaceSearchDocs(app.ctx.db, 'statute', d.refId, [d]);
      for (const d of PLANTED) await replaceSearchDocs(app.ctx.db, 'statute', `p-${d.code}`, [d]);
      apps.push(app);
    }
  }, 300_000);
  afterAll(async () => { for (const a of apps) await a.drop(); });

  const both = (q: string) => Promise.all(apps.map(async (a) => codes(await searchLaw(a.ctx, { q, limit: 10 }))));

  it('ranks the planted documents as written by hand, on both', async () => {
    for (const got of await both('zephyrine')) expect(got).toEqual(['201-101', '201-102', '201-103']);
  });

  it('finds the same ten documents for the same queries, with the same counts', async () => {
    let sameSets = 0;
    let sameOrder = 0;
    for (const q of QUERIES) {
      const [s, p] = await both(q);
      const overlap = s!.filter((c) => p!.includes(c)).length;
      if (process.env.SHOW_OVERLAP) console.log(q, overlap, s!.join(' '), '|', p!.join(' '));
      // bm25 and ts_rank are different formulas: for one word or one phrase, the same documents, at
      // worst two swapped in at the edge. Not (yet) for several words or a prefix, which bm25
      // weighs by how rare each word is and ts_rank does not: there only the documents found
      // (total) are the same. Ranking PostgreSQL by bm25 itself is the way to close that gap.
      const oneTerm = !q.includes('*') && (q.startsWith('"') || !q.trim().includes(' ') || /^\S+ -\S+$/.test(q));
      if (oneTerm) expect(overlap, q).toBeGreaterThanOrEqual(Math.min(s!.length, 8));
      if (overlap === s!.length) sameSets++;
      if (s!.join() === p!.join()) sameOrder++;
      const [ts, tp] = await Promise.all(apps.map(async (a) => (await searchLaw(a.ctx, { q })).total));
      expect(tp, q).toBe(ts);
    }
    if (process.env.SHOW_OVERLAP) console.log(`same ten: ${sameSets} of ${QUERIES.length}; same order: ${sameOrder}`);
    expect(sameSets).toBeGreaterThanOrEqual(12);
  });
});

// SQLite answers a search without a date from the full-text index for documents open to all
// (and checks labelled ones one by one); the general path joins every match. They must agree.
describe('SQLite: the usual path and the general path give the same answers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp('sqlite');
    for (const d of generateCorpus({ sections: 1500, seed: 11, classifiedShare: 0.2 })) await replaceSearchDocs(app.ctx.db, 'statute', d.refId, [d]);
    await writeBook(app.ctx.db);
  }, 120_000);
  afterAll(async () => { searchTuning.sqliteFastPath = true; await app.drop(); });

  it('for every reader, filter and page', async () => {
    const readers = [
      withActor(app.ctx, { kind: 'anonymous', role: 'public', clearance: { level: 'public', compartments: [] } }),
      withActor(app.ctx, reader({ level: 'secret', compartments: ['ANBU'] })),
      withActor(app.ctx, reader({ level: 'top_secret', compartments: ['BREACH'] })),
      app.ctx,
    ];
    const params = QUERIES.flatMap((q) => [{ q }, { q, offset: 7, limit: 5 }, { q, title: 1 }, { q, kind: 'statute' as const }, { q, at: '2010-06-01' }, { q, at: '2010-06-01', offset: 30 }]).concat([{ q: 'the', offset: 990, limit: 20 } as any]);
    let compared = 0;
    for (const ctx of readers) {
      for (const p of params) {
        searchTuning.sqliteFastPath = true;
        const fast = await searchLaw(ctx, p);
        searchTuning.sqliteFastPath = false;
        const general = await searchLaw(ctx, p);
        expect({ codes: codes(fast), total: fast.total }, JSON.stringify(p)).toEqual({ codes: codes(general), total: general.total });
        compared += fast.items.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  }, 120_000);
});
