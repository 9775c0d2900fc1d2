// The search box: parse what a person typed into a neutral query, and build SQLite FTS5 MATCH and PostgreSQL to_tsquery strings from it.
//
// What the box understands:
//   words            kazekage water         all must match
//   "a phrase"       "acting kazekage"      words in this order (an unclosed quote runs to the end)
//   prefix           kaze*                  any word starting so; the LAST bare word is a prefix
//                                           too while it is being typed (no space after it yet)
//   negation         -water  -"dry season"  must not match (needs at least one positive term)
//   a citation       14-203(2), § 2-110     the whole query is a citation: the search jumps to it
// Everything else is text: AND, OR, NOT, NEAR, quotes inside words, colons, carets and
// parentheses are never operators. A token like "e-mail" or "14-203" inside a longer query is
// the phrase of its parts, which is how both databases' tokenizers see it in the indexed text.
//
// Safety: the builders only ever put the user's words INSIDE quotes ("…" for FTS5 with " doubled,
// '…' for tsquery with ' and \ doubled), and write every operator themselves. So no input can
// produce a syntax error or an operator the user did not get from this grammar.
import { findCitations, type Citation } from './citations.ts';

export interface QueryTerm {
  /** Lowercased words; one word, or several for a phrase. */
  words: string[];
  /** The last word matches any word it starts. */
  prefix: boolean;
  negated: boolean;
  /** Written in quotes (never an implicit prefix). */
  quoted: boolean;
}
export interface SearchQuery {
  terms: QueryTerm[];
  /** When the whole query is one citation (statute or title): where to jump. */
  citation: { kind: 'statute' | 'title'; code: string | null; title: number; path: string[]; eId: string } | null;
  /** Terms beyond the limit were dropped. */
  truncated: boolean;
}

export interface SearchQueryOptions {
  /** Treat the last bare word as a prefix while it is being typed (default true). */
  implicitPrefix?: boolean;
}

export const MAX_TERMS = 12;
const MAX_WORD = 64;
// An implicit prefix of one letter would match half the index; typed "k*" is still honoured.
const MIN_IMPLICIT_PREFIX = 2;
// Letters, digits and combining marks make words (as in FTS5's unicode61 tokenizer).
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

// Cut by code points, so a long word never ends in half a surrogate pair.
const wordsOf = (s: string): string[] => (s.toLowerCase().match(WORD) ?? []).map((w) => Array.from(w).slice(0, MAX_WORD).join(''));

/** Whether the whole (trimmed) query is exactly one citation. */
function wholeCitation(q: string): Citation | null {
  const t = q.trim();
  if (!t) return null;
  const found = findCitations(t);
  return found.length === 1 && found[0]!.start === 0 && found[0]!.end === t.length ? found[0]! : null;
}

export function parseSearchQuery(input: string, options: SearchQueryOptions = {}): SearchQuery {
  const cited = wholeCitation(input);
  const citation = cited ? { kind: cited.kind, code: cited.code, title: cited.title, path: cited.subdivision?.path ?? [], eId: cited.eId } : null;
  const terms: QueryTerm[] = [];
  let i = 0;
  let lastBare: { term: QueryTerm; endsInput: boolean } | null = null;
  while (i < input.length) {
    if (/\s/u.test(input[i]!)) { i++; continue; }
    let negated = false;
    if (input[i] === '-' && i + 1 < input.length && !/\s/u.test(input[i + 1]!)) { negated = true; i++; }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const body = close < 0 ? input.slice(i + 1) : input.slice(i + 1, close);
      i = close < 0 ? input.length : close + 1;
      let prefix = false;
      if (input[i] === '*') { prefix = true; i++; }
      const words = wordsOf(body);
      if (words.length) terms.push({ words, prefix, negated, quoted: true });
      lastBare = null;
      continue;
    }
    let j = i;
    while (j < input.length && !/\s/u.test(input[j]!) && input[j] !== '"') j++;
    let token = input.slice(i, j);
    i = j;
    const prefix = /\*+$/.test(token);
    token = token.replace(/\*+$/, '');
    const words = wordsOf(token);
    if (!words.length) { lastBare = null; continue; }
    const term: QueryTerm = { words, prefix, negated, quoted: false };
    terms.push(term);
    lastBare = { term, endsInput: j === input.length };
  }
  if ((options.implicitPrefix ?? true) && lastBare?.endsInput && !lastBare.term.negated && !lastBare.term.prefix) {
    const last = lastBare.term.words[lastBare.term.words.length - 1]!;
    if (last.length >= MIN_IMPLICIT_PREFIX) lastBare.term.prefix = true;
  }
  const truncated = terms.length > MAX_TERMS;
  return { terms: terms.slice(0, MAX_TERMS), citation, truncated };
}

// ---------- SQLite FTS5 ----------

const fts5String = (words: string[]): string => `"${words.join(' ').replace(/"/g, '""')}"`;

/**
 * The FTS5 MATCH expression, or null when there is nothing positive to look for (a query of
 * only negations or of no words matches nothing). Example: `kaze* -water "acting kazekage"` →
 * `("kaze"* AND "acting kazekage") NOT "water"`.
 */
export function toFts5Match(q: SearchQuery, guard?: (t: QueryTerm, phrase: string) => string): string | null {
  const positive = q.terms.filter((t) => !t.negated);
  if (positive.length === 0) return null;
  const term = (t: QueryTerm) => {
    const phrase = fts5String(t.words) + (t.prefix ? '*' : '');
    return guard ? guard(t, phrase) : phrase;
  };
  const negative = q.terms.filter((t) => t.negated);
  return `(${positive.map(term).join(' AND ')})${negative.map((t) => ` NOT ${term(t)}`).join('')}`;
}

// ---------- PostgreSQL tsquery ----------

const tsLexeme = (w: string): string => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The text for `to_tsquery(config, $1)` (passed as a parameter, never spliced into SQL), or null
 * when there is nothing positive. Example: `kaze* -water "acting kazekage"` →
 * `'kaze':* & ('acting' <-> 'kazekage') & !'water'`.
 */
export function toTsquery(q: SearchQuery): string | null {
  const positive = q.terms.filter((t) => !t.negated);
  if (positive.length === 0) return null;
  const term = (t: QueryTerm) => {
    const lexemes = t.words.map((w, k) => tsLexeme(w) + (t.prefix && k === t.words.length - 1 ? ':*' : ''));
    const body = lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(' <-> ')})`;
    return t.negated ? `!${body}` : body;
  };
  return [...positive, ...q.terms.filter((t) => t.negated)].map(term).join(' & ');
}
