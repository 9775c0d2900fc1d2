// The law search's pure parts, shared by both databases' engines so their answers agree: how
// words are folded, which words of a text a query matched (snippets and highlights are computed
// here from the document's text, not by either database's highlighter), and how far a typed
// word is from a vocabulary term.
import type { QueryTerm, SearchQuery } from './search-query.ts';

/**
 * A word as both indexes keep it: lowercased, Latin combining accents (U+0300–U+036F) removed.
 * The PostgreSQL function legislature_search_fold does the same; FTS5's unicode61 tokenizer
 * with remove_diacritics 2 does it for SQLite.
 */
const ASCII_TEXT = /^[\x00-\x7f]*$/;
export const foldText = (s: string): string =>
  // Most words are plain ASCII, which only needs lowercasing (normalizing costs more than matching).
  ASCII_TEXT.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(/[\u0300-\u036f]+/g, '').normalize('NFC').toLowerCase();

/** The query with every word folded, so PostgreSQL's 'simple' parser sees what FTS5's tokenizer sees. */
export const foldQuery = (q: SearchQuery): SearchQuery => ({ ...q, terms: q.terms.map((t) => ({ ...t, words: t.words.map(foldText) })) });

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
export const SNIPPET_LENGTH = 240;
// Context shown before the first hit of the snippet.
const LEAD = 60;

interface Token { start: number; end: number; folded: string }


// Other than ASCII text (matched by asciiSpanPattern), word by word.
function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index!, end: m.index! + m[0].length, folded: foldText(m[0]) });
  return out;
}

const wordMatches = (token: string, word: string, prefix: boolean) => (prefix ? token.startsWith(word) : token === word);

/**
 * The query's positive terms as one pattern over lowercased ASCII text, longest phrase first (so
 * at each word the longest term wins, as below): each word a whole token ([a-z0-9]+), the last a
 * token's beginning when it is a prefix, phrase words apart by what separates tokens. A term with
 * a word outside ASCII can match no ASCII token and is left out. In ASCII text a word is letters
 * and digits and folding it is lowercasing it, which keeps every offset. Kept per query (the same
 * terms array makes every snippet of a search): matching allocates nothing per word of the text
 * (a snippet is made for every result; word objects were most of a search's time outside the database).
 */
const spanPatterns = new WeakMap<readonly QueryTerm[], RegExp | null>();
function asciiSpanPattern(terms: readonly QueryTerm[]): RegExp | null {
  const known = spanPatterns.get(terms);
  if (known !== undefined) return known;
  const alternatives = terms.filter((t) => !t.negated)
    .map((t) => ({ words: t.words.map(foldText), prefix: t.prefix }))
    .filter((t) => t.words.every((w) => /^[a-z0-9]+$/.test(w)))
    .sort((a, b) => b.words.length - a.words.length)
    .map((t) => t.words.map((w, k) => (t.prefix && k === t.words.length - 1 ? `${w}[a-z0-9]*` : `${w}(?![a-z0-9])`)).join('[^a-z0-9]+'));
  const pattern = alternatives.length ? new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})`, 'g') : null;
  spanPatterns.set(terms, pattern);
  return pattern;
}

/** Spans [start, end) of text where a positive term of the query occurs (a phrase as one span). */
export function matchedSpans(text: string, terms: readonly QueryTerm[]): Array<[number, number]> {
  if (ASCII_TEXT.test(text)) {
    const pattern = asciiSpanPattern(terms);
    return pattern ? Array.from(text.toLowerCase().matchAll(pattern), (m) => [m.index!, m.index! + m[0].length] as [number, number]) : [];
  }
  const toks = tokens(text);
  const spans: Array<[number, number]> = [];
  const positive = terms.filter((t) => !t.negated).map((t) => ({ ...t, words: t.words.map(foldText) }));
  for (let i = 0; i < toks.length; i++) {
    let longest = 0;
    for (const t of positive) {
      const n = t.words.length;
      if (i + n > toks.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = wordMatches(toks[i + k]!.folded, t.words[k]!, t.prefix && k === n - 1);
      if (ok) longest = Math.max(longest, n);
    }
    if (longest) {
      spans.push([toks[i]!.start, toks[i + longest - 1]!.end]);
      i += longest - 1;
    }
  }
  return spans;
}

/** Never cut between the halves of a surrogate pair. */
const safeCut = (s: string, i: number): number => (i > 0 && i < s.length && /[\uDC00-\uDFFF]/.test(s[i]!) ? i - 1 : i);

/**
 * A passage of the body (≤ SNIPPET_LENGTH characters, plus "…" where it was cut) showing as many
 * of the query's hits as fit, and the UTF-16 offsets of those hits inside it. Whitespace runs are
 * shown as one space. A body without hits gives its opening.
 */
export function snippetOf(body: string, terms: readonly QueryTerm[]): { snippet: string; highlights: Array<[number, number]> } {
  const text = body.replace(/\s+/g, ' ').trim();
  const spans = matchedSpans(text, terms);
  let start = 0;
  if (spans.length && text.length > SNIPPET_LENGTH) {
    // The window holding the most hits (the earliest among equals), opening a little before its first.
    let best = 0;
    let bestCount = -1;
    for (let i = 0; i < spans.length; i++) {
      let count = 0;
      for (let j = i; j < spans.length && spans[j]![1] <= spans[i]![0] + SNIPPET_LENGTH - LEAD; j++) count++;
      if (count > bestCount) (bestCount = count), (best = i);
    }
    start = Math.max(0, spans[best]![0] - LEAD);
    start = Math.min(start, Math.max(0, text.length - SNIPPET_LENGTH));
    // Begin at a word: after the last space before the cut, when there is one close by.
    if (start > 0) {
      const space = text.lastIndexOf(' ', start);
      start = space >= 0 && start - space < 20 ? space + 1 : safeCut(text, start);
    }
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > start && end - space < 30 ? space : safeCut(text, end);
  }
  const lead = start > 0 ? '…' : '';
  const snippet = lead + text.slice(start, end) + (end < text.length ? '…' : '');
  const highlights = spans
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s - start + lead.length, e - start + lead.length] as [number, number]);
  return { snippet, highlights };
}

/** Optimal string alignment distance (a swap of two neighbours is one edit), by code points; stops counting past max. */
export function editDistance(a: string, b: string, max: number): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[y.length]!;
}

/** How many edits a typed word may be from its correction: 1 up to five letters, 2 beyond. */
export const allowedEdits = (word: string): number => (Array.from(word).length <= 5 ? 1 : 2);

/** Words worth correcting: three letters or more, not a number. */
export const correctable = (word: string): boolean => Array.from(word).length >= 3 && !/^\p{N}+$/u.test(word);

/**
 * The vocabulary terms within the word's allowed edits, grouped by distance, nearest first; each
 * group sorted by term (the caller then prefers the terms found in more visible documents).
 */
export function correctionCandidates(word: string, vocabulary: Iterable<string>): string[][] {
  const max = allowedEdits(word);
  const groups: string[][] = Array.from({ length: max }, () => []);
  for (const term of vocabulary) {
    if (term === word || !correctable(term)) continue;
    const d = editDistance(word, term, max);
    if (d >= 1 && d <= max) groups[d - 1]!.push(term);
  }
  return groups.map((g) => g.sort()).filter((g) => g.length);
}

/** The query as typed, with each corrected word (matched folded) replaced by its correction. */
export function correctedText(input: string, corrections: ReadonlyMap<string, string>): string {
  return input.replace(WORD, (w) => corrections.get(foldText(w)) ?? w);
}
