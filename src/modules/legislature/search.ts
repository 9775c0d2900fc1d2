// The law search: one interface over two full-text engines (FTS5 on SQLite, tsvector on
// PostgreSQL), picked by the database's dialect. Each engine only finds, ranks and counts the
// documents the reader may see (labels filtered in SQL, so a hidden document is never a result,
// never counted, never a correction and never a jump); snippets, highlights and typo corrections
// are worked out here in TypeScript, the same way for both, so both give the same answers.
import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../kernel/context.ts';
import { committedGeneration } from '../../kernel/db/generations.ts';
import { boolParam, labelVisible, type DialectName } from '../../kernel/db/dialect.ts';
import { readerLabels, type ReaderLabels } from '../../kernel/auth/reader.ts';
import { validationError } from '../../kernel/errors.ts';
import { isoDate, wholeNumber } from '../../kernel/validation.ts';
import { parseSearchQuery, toFts5Match, toTsquery, type QueryTerm, type SearchQuery } from './search-query.ts';
import { allowedEdits, correctable, correctedText, correctionCandidates, foldQuery, snippetOf } from './search-text.ts';
import { SEARCH_KINDS, SEARCH_OPEN_BELOW, type SearchKind } from './search-index.ts';
import { villageDay } from '../../kernel/village-time.ts';

export const MAX_QUERY_LENGTH = 500;
export const MAX_LIMIT = 100;

// Control characters (NUL included) and lone surrogates are not words: a search box gets them
// pasted, so they are read as spaces rather than refused.
const queryText = z.string().max(MAX_QUERY_LENGTH, { message: `must be at most ${MAX_QUERY_LENGTH} characters` })
  .transform((s) => s.toWellFormed().replace(/[\u0000-\u001F\u007F\uFFFD]/g, ' '));

export const ZSearchParams = z.object({
  q: queryText,
  kind: z.enum(SEARCH_KINDS).optional(),
  title: wholeNumber(1, 999).optional(),
  at: isoDate.optional(),
  limit: wholeNumber(1, MAX_LIMIT).default(20),
  offset: wholeNumber(0, 100_000).default(0),
}).strict();
export type SearchParams = z.input<typeof ZSearchParams>;

const ZDate = z.string().nullable();
export const ZSearchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  code: z.string(),
  heading: z.string(),
  titleNumber: z.number().nullable(),
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number(), z.number()])),
  validFrom: ZDate,
  validTo: ZDate,
  status: z.enum(['in_force', 'repealed', 'not_yet']).nullable(),
  url: z.string(),
});
/**
 * Matches are counted exactly as far as the ranking looks — TOTAL_AHEAD past the page's last — and
 * past that the answer says "more than". Counting every match of a common word was a second pass
 * over the index for every page, a third of a search's time beside a bare FTS5 query (issue 9);
 * ranking the page already sees whether more than that many match. Never past TOTAL_CAP, however
 * deep the page (Elasticsearch's track_total_hits stops at the same 10,000 by default).
 */
export const TOTAL_AHEAD = 32;
export const TOTAL_CAP = 10_000;
/** How far a page's total is counted exactly (its horizon): past it, the answer says "more than". */
export const totalHorizon = (offset: number, limit: number): number => Math.min(TOTAL_CAP, offset + limit + TOTAL_AHEAD);
export const ZSearchAnswer = z.object({
  items: z.array(ZSearchHit),
  total: z.number().describe(`how many documents match, counted exactly up to ${TOTAL_AHEAD} past the page's last (offset + limit + ${TOTAL_AHEAD}, at most ${TOTAL_CAP}); past that, that number with totalExact false`),
  totalExact: z.boolean().describe(`false when more documents match than were counted: total is then a lower bound ("more than total")`),
  query: z.object({ text: z.string(), corrected: z.string().nullable() }),
  jump: z.object({ code: z.string(), eId: z.string(), url: z.string() }).nullable(),
});
export type SearchHit = z.infer<typeof ZSearchHit>;
export type SearchAnswer = z.infer<typeof ZSearchAnswer>;

/** Which documents a search looks at (besides the words): the reader's labels and the filters. */
interface Scope {
  kind?: SearchKind;
  title?: number;
  at?: string;
  labels: ReaderLabels | null;
}

interface Ranked {
  /** The page's document numbers, best first. */
  page: number[];
  /**
   * How many match in all, when the engine learnt it while ranking: exact up to the horizon it was
   * given; any number above the horizon only says that more than the horizon match.
   */
  total?: number;
  /** The page's documents, when the engine read them while ordering it (by document number). */
  docs?: ReadonlyMap<number, DocRow>;
}

/** What differs between the databases: the match expression, ranking, counting, the vocabulary. */
interface Engine {
  match(q: SearchQuery): string | null;
  /** The page of ranked documents (best first, ties by code); the total, if learnt, up to horizon. */
  rank(ctx: AppContext, q: SearchQuery, scope: Scope, limit: number, offset: number, horizon: number): Promise<Ranked>;
  /** How many visible documents match, counting no further than cap. */
  count(ctx: AppContext, match: string, scope: Scope, cap: number): Promise<number>;
  /** Changes whenever terms may have been added to the index (cheap: read on each correction). */
  vocabularyVersion(ctx: AppContext): Promise<string>;
  /** Every indexed term. */
  vocabulary(ctx: AppContext): Promise<string[]>;
}

/** The filters on document alias d, as one SQL condition. */
function scopeSql(dialect: DialectName, s: Scope): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  if (s.kind) parts.push(sql`d.kind = ${s.kind}`);
  if (s.title !== undefined) parts.push(sql`d.title_number = ${s.title}`);
  // On a date: the statute versions in force that day (a bill, which has no dates, as it stands).
  if (s.at) parts.push(sql`((d.valid_from is null and d.latest = ${boolParam(dialect, true)}) or (d.valid_from <= ${s.at} and (d.valid_to is null or d.valid_to > ${s.at}) and (d.repealed_on is null or d.repealed_on > ${s.at})))`);
  else parts.push(sql`d.latest = ${boolParam(dialect, true)}`);
  if (s.labels) parts.push(labelVisible(dialect, 'd', s.labels.maxRank, s.labels.compartments));
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

// Heading and code count four times the body: a statute named for the words beats one that uses
// them (the scope tokens' column counts nothing).
const BM25 = sql`bm25(legislature_search_fts, 4.0, 1.0, 4.0, 0.0)`;
/**
 * Whether a term could match a scope token (all begin "zz": see the migration): a word that
 * begins so, or a prefix as short as "z". Only such terms are kept to the text columns by a
 * column filter; one on every term would cost a sixth of a ranking pass on phrases and
 * multi-word queries (measured: bench/legislature-search.ts).
 */
const mayMatchScope = (t: QueryTerm): boolean =>
  t.words.some((w) => w.startsWith('zz')) || (t.prefix && t.words[t.words.length - 1] === 'z');
/** The reader's words, never matching the scope tokens. */
const ftsWords = (q: SearchQuery): string | null =>
  toFts5Match(q, (t, phrase) => (mayMatchScope(t) ? `{heading body code} : ${phrase}` : phrase));
/**
 * The filters of a search without a date as FTS5 conditions on the scope tokens (see the
 * migration), around the words: the latest versions of the kind and title asked for, open to
 * all (labelled false) or labelled (true).
 */
function scopeMatch(s: Scope, words: string, part: 'open' | 'labelled' | 'numberedOpen'): string {
  const tok = (t: string) => `search_scope : "${t}"`;
  const must = [...(part === 'labelled' ? [tok('zzlabelled')] : []), ...(s.title !== undefined ? [tok(`zzt${s.title}`)] : [])];
  // Documents numbered below SEARCH_OPEN_BELOW are all latest and open: the rowid range says so.
  const mustNot = part === 'numberedOpen' ? [] : [tok('zzold'), ...(part === 'labelled' ? [] : [tok('zzlabelled')])];
  // A statute is "not a bill" (the rare kind is the one named, for the reason above).
  if (s.kind === 'statute') mustNot.push(...SEARCH_KINDS.filter((k) => k !== 'statute').map((k) => tok(`zzk${k}`)));
  else if (s.kind) must.push(tok(`zzk${s.kind}`));
  return `(${[`(${words})`, ...must].join(' AND ')})${mustNot.map((t) => ` NOT ${t}`).join('')}`;
}

/** Where a hit's page is in the web app. */
const URL_OF: Record<SearchKind, (code: string) => string> = {
  statute: (code) => `/statutes/${code}`,
  bill: (code) => `/bills/${encodeURIComponent(code)}`,
  minutes: (code) => `/legislature/sessions/${encodeURIComponent(code)}/minutes`,
};

/** For tests: whether SQLite may answer from the best-ranked matches first (fromTop). */
export const searchTuning = { sqliteFastPath: true };

interface Scored { n: number; score: number; code: string }
const byRank = (x: Scored, y: Scored) => x.score - y.score || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0) || x.n - y.n;

/**
 * A page on SQLite from the best-ranked matches only. FTS5 ranks all matches by itself as fast
 * as a bare query (ORDER BY bm25 LIMIT k); only those k are then joined to their filter columns
 * and label. If too few of them pass the filters, or a tie at the edge of what was fetched could
 * hide a document that belongs on the page, k grows; past MAX_TOP the caller takes the general
 * path. The scope tokens are left out of the ranking query on purpose: bm25 would count the
 * documents of each (a pass over thousands) on every search.
 */
async function fromTop(ctx: AppContext, words: string, scope: Scope, limit: number, offset: number, horizon: number): Promise<Ranked | null> {
  if (openRange(scope) && !scope.kind) return fromOpenTop(ctx, words, scope, limit, offset, horizon);
  const want = offset + limit;
  // A title (a few hundred documents) narrows the match at the cost of one small phrase; it would
  // otherwise leave few of the best matches standing.
  const narrowed = scope.title === undefined ? words : `(${words}) AND search_scope : "zzt${scope.title}"`;
  // A reader who may read no labelled document, searching the latest law with a kind: only the
  // documents numbered as open are ranked at all (search-index.ts).
  const range = openRange(scope) ? sql`and rowid < ${SEARCH_OPEN_BELOW}` : sql``;
  const first = 2 * want + 20;
  for (let k = first; k <= MAX_TOP; k *= 4) {
    const rows = (await sql<Scored & { keep: number }>`
      select c.n as n, c.score as score, d.code as code, case when ${scopeSql('sqlite', scope)} then 1 else 0 end as keep
      from (select rowid as n, ${BM25} as score from legislature_search_fts where legislature_search_fts match ${narrowed} ${range} order by score limit ${k + 1}) c
        join legislature_search_doc d indexed by legislature_search_doc_scope_idx on d.n = c.n`.execute(ctx.db)).rows;
    const kept = rows.filter((r) => r.keep).sort(byRank);
    const page = kept.slice(offset, want);
    if (rows.length <= k) return { page: page.map((r) => r.n), total: kept.length };
    // Documents not fetched score no better than the worst fetched.
    const worst = Math.max(...rows.map((r) => r.score));
    if (kept.length < want || page.some((r) => r.score >= worst)) continue;
    // More than the horizon seen: that is all the total says. Fewer: the rest are counted, as far as it.
    if (kept.length > horizon) return { page: page.map((r) => r.n), total: kept.length };
    return { page: page.map((r) => r.n), total: scope.at ? undefined : await scopedCount(ctx, words, scope, horizon + 1) };
  }
  return null;
}
const MAX_TOP = 5000;

/**
 * fromTop for a reader who may read no labelled document, without a date or a kind: the documents
 * numbered as open are all latest and open (search-index.ts; the migration's triggers see to it),
 * so every match ranked among them belongs in the answer, and none needs its filter columns read.
 * Only a tie needs more than FTS5 gives: equal scores go by code, read for the tied documents alone
 * (joining every ranked match to its code cost a tenth of a bare query, measured on the bench).
 */
async function fromOpenTop(ctx: AppContext, words: string, scope: Scope, limit: number, offset: number, horizon: number): Promise<Ranked | null> {
  const want = offset + limit;
  const narrowed = scope.title === undefined ? words : `(${words}) AND search_scope : "zzt${scope.title}"`;
  // A few more than the page show whether a tie at its edge hides a document that belongs on it:
  // documents of equal score come in runs (same length, same counts), and a run across the edge
  // would otherwise cost a second ranking pass (FTS5's top-k heap holds a few dozen more for next
  // to nothing). They also count the total as far as the horizon: one row past it says "more than".
  for (let k = Math.max(want + TIE_SLACK, horizon); k <= MAX_TOP; k *= 4) {
    const rows = (await sql<{ n: number; score: number }>`
      select rowid as n, ${BM25} as score from legislature_search_fts
      where legislature_search_fts match ${narrowed} and rowid < ${SEARCH_OPEN_BELOW} order by score limit ${k + 1}`.execute(ctx.db)).rows;
    rows.sort((x, y) => x.score - y.score || x.n - y.n);
    const complete = rows.length <= k;
    // Documents not fetched score no better than the worst fetched: a page reaching that score may
    // be missing some of its run.
    if (!complete && rows[want - 1]!.score >= rows[rows.length - 1]!.score) continue;
    // The page and every document tied with its last: only those are ordered, ties by code.
    const edge = rows.length >= want ? rows[want - 1]!.score : Infinity;
    const onPage = rows.filter((r) => r.score <= edge);
    const tied = (i: number) => (i > 0 && onPage[i - 1]!.score === onPage[i]!.score) || (i + 1 < onPage.length && onPage[i + 1]!.score === onPage[i]!.score);
    // The page's documents are read here, with the codes of those tied (one statement, not two):
    // an untied document's place is its score's, so one before the page is not read. A long run of
    // ties (a deep page, many texts alike) has only its codes read, from the covering index.
    const needed = onPage.filter((_r, i) => i >= offset || tied(i)).map((r) => r.n);
    const docs = needed.length <= limit + TIE_SLACK ? await docsOf(ctx, needed) : undefined;
    const codes = docs ?? new Map((await sql<{ n: number; code: string }>`select d.n as n, d.code as code
      from legislature_search_doc d indexed by legislature_search_doc_scope_idx where d.n in (${sql.join(needed)})`.execute(ctx.db)).rows.map((r) => [Number(r.n), r]));
    const page = onPage.map((r) => ({ ...r, code: codes.get(r.n)?.code ?? '' })).sort(byRank).slice(offset, want);
    // Complete: all of them. Otherwise more than k, which is at least the horizon, match.
    return { page: page.map((r) => r.n), total: rows.length, docs };
  }
  return null;
}
const TIE_SLACK = 32;

/**
 * How many documents match a search without a date: those open to all counted by FTS5 alone (on
 * the scope tokens, without ranking), and the labelled ones the reader's clearance reads, one by one.
 */
async function scopedCount(ctx: AppContext, words: string, scope: Scope, cap: number): Promise<number> {
  // Up to the cap (one past the horizon: enough to tell "more than"); FTS5 stops there, unranked.
  const count = async (match: string, labelled: boolean, range: boolean) => Number((await sql<{ c: number }>`
    select count(*) as c from (select 1 from legislature_search_fts f ${labelled && scope.labels ? sql`join legislature_search_doc d indexed by legislature_search_doc_scope_idx on d.n = f.rowid` : sql``}
    where legislature_search_fts match ${match} ${range ? sql`and f.rowid < ${SEARCH_OPEN_BELOW}` : sql``}
    ${labelled && scope.labels ? sql`and ${labelVisible('sqlite', 'd', scope.labels.maxRank, scope.labels.compartments)}` : sql``}
    limit ${cap})`.execute(ctx.db)).rows[0]!.c);
  // Most readers (every visitor) may read no labelled document: the open ones are all there is.
  if (openRange(scope)) return count(scopeMatch(scope, words, 'numberedOpen'), false, true);
  return await count(scopeMatch(scope, words, 'open'), false, false) + await count(scopeMatch(scope, words, 'labelled'), true, false);
}

/** Whether only the documents numbered as open can be in a search's answer (search-index.ts). */
const openRange = (s: Scope): boolean => !s.at && !readsLabelled(s.labels);
/** Whether a reader may read any labelled document: one above public, or holding a compartment. */
const readsLabelled = (labels: ReaderLabels | null): boolean => !labels || labels.maxRank > 0 || labels.compartments !== '[]';

// The general path (many matches filtered out, or a deep page): every match joined to its
// document's filter columns through a covering index (not the table, whose rows hold the text).
const sqlite: Engine = {
  match: ftsWords,
  async rank(ctx, q, scope, limit, offset, horizon) {
    const words = ftsWords(q)!;
    if (searchTuning.sqliteFastPath && 2 * (offset + limit) + 20 <= MAX_TOP) {
      const fast = await fromTop(ctx, words, scope, limit, offset, horizon);
      if (fast) return fast;
    }
    const r = await sql<{ n: number }>`
      select d.n as n from legislature_search_fts f
        join legislature_search_doc d indexed by legislature_search_doc_scope_idx on d.n = f.rowid
      where legislature_search_fts match ${words} and ${scopeSql('sqlite', scope)}
      order by ${BM25}, d.code, d.n
      limit ${limit} offset ${offset}`.execute(ctx.db);
    return { page: r.rows.map((x) => x.n) };
  },
  async count(ctx, match, scope, cap) {
    const r = await sql<{ c: number }>`
      select count(*) as c from (select 1 from legislature_search_fts f
        join legislature_search_doc d indexed by legislature_search_doc_scope_idx on d.n = f.rowid
        where legislature_search_fts match ${match} and ${scopeSql('sqlite', scope)} limit ${cap})`.execute(ctx.db);
    return Number(r.rows[0]?.c ?? 0);
  },
  async vocabularyVersion(ctx) {
    // FTS5's structure record changes with every transaction that writes to the index.
    const r = await sql<{ v: string | null }>`select hex(block) as v from legislature_search_fts_data where id = 10`.execute(ctx.db);
    return r.rows[0]?.v ?? '';
  },
  async vocabulary(ctx) {
    const r = await sql<{ term: string }>`select distinct term from legislature_search_vocab where col <> 'search_scope'`.execute(ctx.db);
    return r.rows.map((x) => x.term);
  },
};

// bm25 as FTS5 computes it (fts5_aux.c): for each sought phrase, idf = ln((N − n + 0.5)/(n + 0.5))
// (at least 1e-6) over all N documents of the index, n of them holding the phrase; tf = its
// occurrences in the document, each weighing as its column (heading and code 4, body 1); the
// document's length D in tokens against the average; score = Σ idf·tf·(k1 + 1)/(tf + k1·(1 − b +
// b·D/avgdl)). Negated words count nothing (a matching document never holds them). The two
// databases' scores agree but for rounding, so they rank the same documents first; ties go by code.
const K1 = 1.2;
const B = 0.75;
const postgres: Engine = {
  match: toTsquery,
  async rank(ctx, q, scope, limit, offset) {
    const match = toTsquery(q)!;
    const sought = q.terms.filter((t) => !t.negated);
    const phrase = (t: QueryTerm) => toTsquery({ terms: [t], citation: null, truncated: false })!;
    const { n, avgdl, hits: phraseHits } = await bm25Stats(ctx, sought.map(phrase));
    // Each sought term's weighted count in the document, worked out once per document: a single
    // word from the kept counts (search_tf), a phrase or prefix from the tsvector's positions.
    const counts = sought.map((t, i) => sql`${t.words.length === 1 && !t.prefix
      ? sql`coalesce((d.search_tf ->> ${t.words[0]})::float8, 0)`
      : sql`legislature_search_tf(d.search_tsv, ${t.words}::text[], ${t.prefix})`} as ${sql.ref(`tf${i}`)}`);
    const terms = sought.map((_t, i) => {
      const hits = phraseHits[i]!;
      const idf = Math.log((n - hits + 0.5) / (hits + 0.5));
      const tf = sql.ref(`c.tf${i}`);
      return sql`${idf > 0 ? idf : 1e-6}::float8 * ${tf} * ${K1 + 1}::float8 / (${tf} + ${K1}::float8 * (${1 - B}::float8 + ${B}::float8 * c.len / ${avgdl}::float8))`;
    });
    const r = await sql<{ n: string; total: string }>`
      select c.n as n, count(*) over () as total
      from (select d.n, d.code, d.search_len as len, ${sql.join(counts)}
            from legislature_search_doc d
            where d.search_tsv @@ to_tsquery('simple', ${match}) and ${scopeSql('postgres', scope)}
            -- A fence: each count is worked out once per document, not once per use in the score.
            offset 0) c
      order by ${sql.join(terms, sql` + `)} desc, c.code, c.n
      limit ${limit} offset ${offset}`.execute(ctx.db);
    return { page: r.rows.map((x) => Number(x.n)), total: r.rows.length ? Number(r.rows[0]!.total) : undefined };
  },
  async count(ctx, match, scope, cap) {
    const r = await sql<{ c: string }>`
      select count(*) as c from (select 1 from legislature_search_doc d
        where d.search_tsv @@ to_tsquery('simple', ${match}) and ${scopeSql('postgres', scope)} limit ${cap}) x`.execute(ctx.db);
    return Number(r.rows[0]?.c ?? 0);
  },
  async vocabularyVersion(ctx) {
    // The terms table only grows.
    const r = await sql<{ c: string }>`select count(*) as c from legislature_search_term`.execute(ctx.db);
    return String(r.rows[0]?.c ?? 0);
  },
  async vocabulary(ctx) {
    const r = await sql<{ term: string }>`select term from legislature_search_term`.execute(ctx.db);
    return r.rows.map((x) => x.term);
  },
};

/** A database's corpus statistics for bm25, as of a generation of the legislature's tables. */
interface CorpusStats { generation: number; n: number; avgdl: number; hits: Map<string, number> }
const corpusStats = new WeakMap<object, CorpusStats>();
/** Phrases whose document counts are kept per database; past this many, the kept ones are forgotten. */
const KEPT_PHRASES = 10_000;

/**
 * bm25's corpus statistics on PostgreSQL: the number of documents, their average length, and how
 * many hold each phrase. Counting them scans the whole index (60–80 ms for 100,000 sections), so
 * they are kept per database until the legislature's generation moves (any commit to the search
 * documents moves it); inside a transaction, which may have changed them, they are counted afresh.
 * The generation is read before the counts, so kept counts are never older than it says.
 */
async function bm25Stats(ctx: AppContext, phrases: readonly string[]): Promise<{ n: number; avgdl: number; hits: number[] }> {
  const keep = !ctx.tx;
  const generation = keep ? await committedGeneration(ctx, 'legislature') : -1;
  let kept = keep ? corpusStats.get(ctx.db) : undefined;
  if (!kept || kept.generation !== generation) {
    const r = (await sql<{ n: string; avgdl: string }>`select count(*) as n, coalesce(avg(search_len), 0) as avgdl from legislature_search_doc`.execute(ctx.db)).rows[0]!;
    kept = { generation, n: Number(r.n), avgdl: Number(r.avgdl) || 1, hits: new Map() };
    if (keep) corpusStats.set(ctx.db, kept);
  }
  let missing = [...new Set(phrases.filter((p) => !kept!.hits.has(p)))];
  if (missing.length && kept.hits.size + missing.length > KEPT_PHRASES) {
    kept.hits.clear();
    missing = [...new Set(phrases)];
  }
  if (missing.length) {
    const r = (await sql<Record<string, string>>`select ${sql.join(missing.map((p, i) => sql`(select count(*) from legislature_search_doc where search_tsv @@ to_tsquery('simple', ${p})) as ${sql.ref(`hits${i}`)}`))}`.execute(ctx.db)).rows[0]!;
    missing.forEach((p, i) => kept!.hits.set(p, Number(r[`hits${i}`])));
  }
  return { n: kept.n, avgdl: kept.avgdl, hits: phrases.map((p) => kept!.hits.get(p)!) };
}

const ENGINES: Record<DialectName, Engine> = { sqlite, postgres };


interface DocRow {
  n: number | string;
  kind: SearchKind;
  code: string;
  heading: string;
  title_number: number | null;
  body: string;
  valid_from: string | null;
  valid_to: string | null;
  repealed_on: string | null;
}

/** The documents numbered ns, by number (one gone since it was ranked is left out). */
async function docsOf(ctx: AppContext, ns: readonly number[]): Promise<Map<number, DocRow>> {
  if (!ns.length) return new Map();
  const rows = await ctx.db.selectFrom('legislature_search_doc as d')
    .select(['d.n', 'd.kind', 'd.code', 'd.heading', 'd.title_number', 'd.body', 'd.valid_from', 'd.valid_to', 'd.repealed_on'])
    .where('d.n', 'in', ns).execute() as DocRow[];
  return new Map(rows.map((r) => [Number(r.n), r]));
}

function statusOn(d: DocRow, date: string): SearchHit['status'] {
  if (d.kind !== 'statute') return null;
  if (d.repealed_on && d.repealed_on <= date) return 'repealed';
  if (d.valid_from && d.valid_from > date) return 'not_yet';
  return 'in_force';
}

/** The index's terms by length (in characters), kept per database while the index gains no term. */
const vocabularies = new WeakMap<object, { version: string; byLength: Map<number, string[]> }>();

async function vocabularyOf(ctx: AppContext, engine: Engine): Promise<Map<number, string[]>> {
  const version = await engine.vocabularyVersion(ctx);
  // Inside a transaction the index may hold terms that are not committed: nothing is kept.
  const key = ctx.tx ? null : (ctx.database as object);
  const kept = key ? vocabularies.get(key) : undefined;
  if (kept?.version === version) return kept.byLength;
  const byLength = new Map<number, string[]>();
  for (const term of await engine.vocabulary(ctx)) {
    const l = Array.from(term).length;
    (byLength.get(l) ?? byLength.set(l, []).get(l)!).push(term);
  }
  if (key) vocabularies.set(key, { version, byLength });
  return byLength;
}

// How far a candidate correction's documents are counted: enough to prefer common words.
const FREQUENCY_CAP = 200;
// At most this many candidates (nearest first, then alphabetical) are counted for one word.
const MAX_CANDIDATES = 30;

/**
 * Corrections for the words that match no visible document: each the nearest vocabulary term
 * (within allowedEdits) found in the most visible documents, counted up to FREQUENCY_CAP; among
 * equals, the first alphabetically. Only terms the reader can find count, so a word that only a
 * hidden statute uses is neither kept nor suggested.
 */
async function corrections(ctx: AppContext, engine: Engine, q: SearchQuery, scope: Scope): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const words = new Map<string, boolean>();
  for (const t of q.terms) {
    if (t.negated) continue;
    t.words.forEach((w, k) => { if (correctable(w)) words.set(w, (words.get(w) ?? true) && t.prefix && k === t.words.length - 1); });
  }
  const vocabulary = words.size ? await vocabularyOf(ctx, engine) : null;
  const single = (w: string, prefix: boolean): string => engine.match({ terms: [{ words: [w], prefix, negated: false, quoted: true }], citation: null, truncated: false })!;
  for (const [word, prefix] of words) {
    if (await engine.count(ctx, single(word, prefix), scope, 1)) continue;
    const len = Array.from(word).length;
    const edits = allowedEdits(word);
    const near: string[] = [];
    for (let l = Math.max(3, len - edits); l <= len + edits; l++) near.push(...(vocabulary!.get(l) ?? []));
    for (const group of correctionCandidates(word, near)) {
      let best: { term: string; count: number } | null = null;
      for (const term of group.slice(0, MAX_CANDIDATES)) {
        const count = await engine.count(ctx, single(term, false), scope, FREQUENCY_CAP);
        if (count > (best?.count ?? 0)) best = { term, count };
      }
      if (best) { found.set(word, best.term); break; }
    }
  }
  return found;
}

const withCorrections = (q: SearchQuery, c: ReadonlyMap<string, string>): SearchQuery => ({
  ...q, terms: q.terms.map((t): QueryTerm => (t.negated ? t : { ...t, words: t.words.map((w) => c.get(w) ?? w) })),
});

/** Full-text search of the law (see the contract: GET /api/legislature/search). */
export async function searchLaw(ctx: AppContext, params: SearchParams): Promise<SearchAnswer> {
  const parsedParams = ZSearchParams.safeParse(params);
  if (!parsedParams.success) {
    throw validationError(parsedParams.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const p = parsedParams.data;
  const engine = ENGINES[ctx.dialect];
  const scope: Scope = { kind: p.kind, title: p.title, at: p.at, labels: readerLabels(ctx) };
  let query = foldQuery(parseSearchQuery(p.q));

  // A citation searches for its statute's code (the statute itself first, then texts citing it).
  let jump: SearchAnswer['jump'] = null;
  const cited = query.citation;
  if (cited?.kind === 'statute' && cited.code) {
    const codeWords = cited.code.split('-');
    query = { ...query, terms: [{ words: codeWords, prefix: false, negated: false, quoted: true }] };
    const seen = await sql<{ one: number }>`select 1 as one from legislature_search_doc d
      where d.kind = 'statute' and d.code = ${cited.code} ${scope.labels ? sql`and ${labelVisible(ctx.dialect, 'd', scope.labels.maxRank, scope.labels.compartments)}` : sql``} limit 1`.execute(ctx.db);
    if (seen.rows.length) jump = { code: cited.code, eId: cited.eId, url: `/statutes/${cited.code}#${cited.eId}` };
  }

  let corrected: string | null = null;
  let match = engine.match(query);
  const horizon = totalHorizon(p.offset, p.limit);
  // The total needs a count only when the page does not tell it (it is full, or past the end), and
  // then only as far as the horizon.
  const pageAndTotal = async (): Promise<Ranked & { total: number }> => {
    if (!match) return { page: [], total: 0 };
    const r = await engine.rank(ctx, query, scope, p.limit, p.offset, horizon);
    if (r.total !== undefined) return { ...r, total: r.total };
    if (r.page.length && r.page.length < p.limit) return { ...r, total: p.offset + r.page.length };
    if (!r.page.length && p.offset === 0) return { ...r, total: 0 };
    return { ...r, total: await engine.count(ctx, match, scope, horizon + 1) };
  };
  let { page, total, docs } = await pageAndTotal();
  if (match && total === 0 && !jump) {
    const c = await corrections(ctx, engine, query, scope);
    if (c.size) {
      query = withCorrections(query, c);
      corrected = correctedText(p.q, c);
      match = engine.match(query)!;
      ({ page, total, docs } = await pageAndTotal());
    }
  }

  const items: SearchHit[] = [];
  if (page.length) {
    const byN = docs ?? await docsOf(ctx, page);
    const date = p.at ?? villageDay(ctx.now());
    for (const n of page) {
      const d = byN.get(n);
      if (!d) continue;
      const { snippet, highlights } = snippetOf(d.body, query.terms);
      items.push({
        kind: d.kind, code: d.code, heading: d.heading, titleNumber: d.title_number === null ? null : Number(d.title_number),
        snippet, highlights, validFrom: d.valid_from, validTo: d.valid_to, status: statusOn(d, date),
        url: URL_OF[d.kind as SearchKind](d.code),
      });
    }
  }
  return { items, total: Math.min(Number(total), horizon), totalExact: Number(total) <= horizon, query: { text: p.q, corrected }, jump };
}
