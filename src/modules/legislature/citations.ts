// The citation parser: finds statute references (`§ 14-203(2)(b)`, `sections 3-101 to 3-104`, `Title 5`) in any text, and resolves them.
//
// Grammar (D is any of: hyphen-minus U+002D, hyphen U+2010, non-breaking hyphen U+2011,
// figure dash U+2012, en dash U+2013; whitespace includes the non-breaking space):
//
//   phrase       = [intro] item { connector item }          (a section citation, or a list/range of them)
//                | title-word ws title-no { connector title-no }   (lists only after "Titles")
//   intro        = "§" | "§§" | "s." | "ss." | "section" | "sections" | "statute" | "statutes"
//                  (any case; "§"/"s." may touch the code, the words need whitespace)
//   item         = code [subdivision]
//   code         = title D section
//   title        = [1-9] [0-9]?            (1–99: no leading zero)
//   section      = [1-9] [0-9] [0-9]       (exactly three digits: 100–999)
//   subdivision  = "(" subsec ")" [ "(" para ")" [ "(" item ")" ] ]     (no spaces between)
//   subsec       = [0-9]+ [A-Z]*   para = [a-z]{1,2}   item = [ivxlcdm]+
//   connector    = list: ws? "," ws? [("and"|"or") ws] | ws ("and"|"or") ws
//                  range: ws ("to"|"through") ws | ws? "–" ws? (en dash) | ws D ws (a dash with spaces);
//                  after a plural intro ("ss.", "§§", "sections", "statutes"), ws? D ws? (any dash)
//   title-word   = "Title" | "Titles" (any case); title-no = [1-9][0-9]?
//
// Boundaries, which are what keep dates, times, phone numbers, scores and other codes out:
//   - a phrase may not start right after a letter, digit, underscore, any D, "/", ":", "#", "+",
//     "@", "=", "&", or a digit followed by "." or "," — so `A-2026-003`, `S-14-203`,
//     `B-2026-017`, `2026-11-16`, `0-800-123-456`, `v1.14-203` and `12:14-203` never match inside;
//     nor may it start right after the dot of a label's mark in a code (`B-2026-S.14-203`, whose
//     compartment is 14 and number 203; `INQ-2026-TS.ANBU.14-100`);
//   - an item may not be followed by a letter, digit or underscore, by D and a digit, or by
//     ".", ",", ":" or "/" and a digit — so `16-11-2026`, `555-0123`, `14-203.5` do not match;
//   - a phrase right after a page or phone word ("p.", "pp.", "page(s)", "pg.", "tel.", "phone",
//     "fax", "ext.") is a page range or a number, not a citation (`pp. 14-203–14-205`); after a
//     score's or a mission's word ("won", "lost", "drew", "beat", "score(d)", "mission") it is a
//     score (`won 98-105`) or a mission's number (`Mission 14-203`).
// Shapes alone rule out `14-20 h`, `08:00-09:30`, `won 14-2`, `3-1`, `12-15`, `2024-2026`, `11-16`.
// Known limit: a bare quantity range of a 1–2 digit and a 3-digit number ("50-100 people") still
// reads as a citation; only an introducer would tell it apart, and bare codes must be found.
//
// What it returns: one citation per code WRITTEN in the text, each with its own span, so spans
// never overlap and each can be a link. The first item of a phrase includes the introducer in
// its span ("§ 14-203(2)(b)", "sections 3-101"). The two ends of a range both carry
// `range: {from, to}`; the sections between them have no text of their own, so they are not
// invented here (`codesInRange` lists them numerically for a caller that wants them).
// Spans are UTF-16 code unit offsets, as JavaScript strings index: text.slice(start, end).
import { subdivisionEidSuffix, statuteEid } from './statute-text.ts';

export interface CitedSubdivision {
  /** Citation path: `(2)(b)` → ['2', 'b']. */
  path: string[];
  /** As written: '(2)(b)'. */
  text: string;
  /** eId suffix: '__subsec_2__para_b'. */
  eIdSuffix: string;
}

export interface Citation {
  kind: 'statute' | 'title';
  start: number;
  end: number;
  /** text.slice(start, end). */
  text: string;
  /** 'T-S' with an ASCII hyphen for statutes; null for a title citation. */
  code: string | null;
  /** The title number (14 for 14-203, or for "Title 14"). */
  title: number;
  subdivision: CitedSubdivision | null;
  /** eId of the cited element: `sec_14-203__subsec_2__para_b`; `title_14` for a title. */
  eId: string;
  /** For either end of a range: both ends, normalised (codes, or title numbers as strings). */
  range?: { from: string; to: string };
}

const D = '\\-\\u2010\\u2011\\u2012\\u2013';
const DASH_CHARS = /[-\u2010\u2011\u2012\u2013]/;
// A record's code with a label's mark (`B-2026-S.14-203`: secret, compartment 14, number 203;
// kernel/code-series.ts): what follows the mark's last dot is a compartment and the number, not a statute.
const AFTER_MARK = `[${D}][0-9]{4}[${D}](?:P|R|S|TS)(?:\\.[A-Z0-9_]+)*\\.`;
const LEFT_BLOCK = `(?<![\\p{L}\\p{N}_${D}/:#+@=&]|\\p{N}[.,]|${AFTER_MARK})`;
const INTRO = '(§§|§|ss\\.|s\\.|sections|section|statutes|statute)';
// Candidate start: an optional introducer and a code, or a title citation. The rest (subdivision,
// connectors, right boundary) is checked by hand so that a failed candidate can be retried.
const CANDIDATE = new RegExp(
  `${LEFT_BLOCK}(?:(titles|title)\\s+([1-9][0-9]?)|(?:${INTRO}(\\s*))?([1-9][0-9]?)[${D}]([1-9][0-9]{2}))`,
  'giu',
);
const CODE_AT = new RegExp(`([1-9][0-9]?)[${D}]([1-9][0-9]{2})`, 'y');
const TITLE_NO_AT = /([1-9][0-9]?)/y;
const SUBSEC_AT = /\(([0-9]+[A-Z]*)\)/y;
const PARA_AT = /\(([a-z]{1,2})\)/y;
const ITEM_AT = /\(([ivxlcdm]+)\)/y;
const LIST_CONNECTOR = /(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)/iy;
const RANGE_CONNECTOR = new RegExp(`(?:\\s+(?:to|through)\\s+|\\s*\\u2013\\s*|\\s+[${D}]\\s+)`, 'iy');
// After a plural introducer ("ss.", "§§", "sections", "statutes") two codes joined by any dash,
// spaced or not, can only be a range: "ss. 14-203-14-205" is read as "ss. 14-203–14-205".
const PLURAL_RANGE_CONNECTOR = new RegExp(`(?:\\s+(?:to|through)\\s+|\\s*[${D}]\\s*)`, 'iy');
const PLURAL_INTRO = /^(?:§§|ss\.|sections|statutes)$/i;
const NOT_A_CITATION_BEFORE = /(?<![\p{L}\p{N}_])(?:pp?|pgs?|pages?|tel|phone|fax|ext|won|lost|drew|beat|scored?|scores|missions?)\.?\s*$/iu;

function rightBoundaryOk(text: string, i: number): boolean {
  const next = text[i];
  if (next === undefined) return true;
  const after = text[i + 1] ?? '';
  if (/[\p{L}\p{N}_]/u.test(next)) return false;
  if ((DASH_CHARS.test(next) || /[.,:/]/.test(next)) && /\p{N}/u.test(after)) return false;
  return true;
}

interface Item { start: number; end: number; code: string; title: number; subdivision: CitedSubdivision | null }

/** Reads `code[subdivision]` at i (the code already known to be there); takes the longest subdivision whose end is a valid boundary. */
function readItem(text: string, i: number, plural = false): Item | null {
  CODE_AT.lastIndex = i;
  const m = CODE_AT.exec(text);
  if (!m) return null;
  const code = `${m[1]}-${m[2]}`;
  const ends: { end: number; path: string[] }[] = [{ end: CODE_AT.lastIndex, path: [] }];
  let at = CODE_AT.lastIndex;
  for (const re of [SUBSEC_AT, PARA_AT, ITEM_AT]) {
    re.lastIndex = at;
    const s = re.exec(text);
    if (!s) break;
    at = re.lastIndex;
    ends.push({ end: at, path: [...ends[ends.length - 1]!.path, s[1]!] });
  }
  for (let k = ends.length - 1; k >= 0; k--) {
    const { end, path } = ends[k]!;
    if (!rightBoundaryOk(text, end) && !startsConnectedItem(text, end, plural)) continue;
    const codeEnd = ends[0]!.end;
    return {
      start: i,
      end,
      code,
      title: Number(m[1]),
      subdivision: path.length ? { path, text: text.slice(codeEnd, end), eIdSuffix: subdivisionEidSuffix(path) } : null,
    };
  }
  return null;
}

/** Whether a range connector (en dash) followed by a code starts at i — the one case where a dash and a digit may follow an item. */
function startsConnectedItem(text: string, i: number, plural: boolean): boolean {
  const connector = plural ? PLURAL_RANGE_CONNECTOR : RANGE_CONNECTOR;
  connector.lastIndex = i;
  const c = connector.exec(text);
  if (!c) return false;
  CODE_AT.lastIndex = connector.lastIndex;
  return CODE_AT.exec(text) !== null;
}

/** Reads the connectors and items after a first item; returns the items and whether each joint was a range. */
function readContinuation(text: string, first: Item, plural: boolean): { items: Item[]; ranges: boolean[] } {
  const items = [first];
  const ranges: boolean[] = [];
  let at = first.end;
  for (;;) {
    const { c, isRange } = connectorAt(text, at, plural);
    if (!c) break;
    const next = readItem(text, c.index + c[0].length, plural);
    if (!next) break;
    items.push(next);
    ranges.push(isRange);
    at = next.end;
  }
  return { items, ranges };
}

/** Finds every statute and title citation in text, in order, with non-overlapping spans. */
export function findCitations(text: string): Citation[] {
  const out: Citation[] = [];
  const re = new RegExp(CANDIDATE.source, CANDIDATE.flags);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index;
    if (m[1] !== undefined) {
      const got = readTitles(text, m);
      if (!got) { re.lastIndex = start + 1; continue; }
      out.push(...got.citations);
      re.lastIndex = got.end;
      continue;
    }
    const codeAt = start + m[0].length - (m[5]!.length + 1 + m[6]!.length);
    const plural = m[3] !== undefined && PLURAL_INTRO.test(m[3]);
    const first = readItem(text, codeAt, plural);
    if (!first) { re.lastIndex = start + 1; continue; }
    const { items, ranges } = readContinuation(text, first, plural);
    // The last item may stand before a dash and a digit that made no code ("14-204–14-2059"):
    // it is not a citation, but the items before it still are. Dropping from the end (instead of
    // rejecting the phrase and rescanning from its second character) keeps long lists linear.
    while (items.length && !rightBoundaryOk(text, items[items.length - 1]!.end)) { items.pop(); ranges.length = Math.max(0, items.length - 1); }
    if (items.length === 0) { re.lastIndex = start + 1; continue; }
    const last = items[items.length - 1]!;
    re.lastIndex = last.end;
    // Page ranges and phone numbers: the whole phrase is skipped so its later codes are not read alone.
    if (m[3] === undefined && NOT_A_CITATION_BEFORE.test(text.slice(Math.max(0, start - 12), start))) continue;
    items.forEach((item, k) => {
      const s = k === 0 ? start : item.start;
      const c: Citation = {
        kind: 'statute',
        start: s,
        end: item.end,
        text: text.slice(s, item.end),
        code: item.code,
        title: item.title,
        subdivision: item.subdivision,
        eId: statuteEid(item.code) + (item.subdivision?.eIdSuffix ?? ''),
      };
      const range = ranges[k] ? { from: item.code, to: items[k + 1]!.code } : ranges[k - 1] ? { from: items[k - 1]!.code, to: item.code } : undefined;
      if (range) c.range = range;
      out.push(c);
    });
  }
  return out;
}

function readTitles(text: string, m: RegExpExecArray): { citations: Citation[]; end: number } | null {
  const start = m.index;
  const plural = m[1]!.toLowerCase() === 'titles';
  const firstEnd = start + m[0].length;
  const nums: { start: number; end: number; n: number }[] = [{ start: firstEnd - m[2]!.length, end: firstEnd, n: Number(m[2]) }];
  const ranges: boolean[] = [];
  let at = firstEnd;
  while (plural) {
    const { c, isRange } = connectorAt(text, at);
    if (!c) break;
    TITLE_NO_AT.lastIndex = c.index + c[0].length;
    const n = TITLE_NO_AT.exec(text);
    if (!n || !rightBoundaryOk(text, TITLE_NO_AT.lastIndex)) break;
    nums.push({ start: n.index, end: TITLE_NO_AT.lastIndex, n: Number(n[1]) });
    ranges.push(isRange);
    at = TITLE_NO_AT.lastIndex;
  }
  if (!rightBoundaryOk(text, nums[nums.length - 1]!.end)) return null;
  const citations = nums.map((t, k): Citation => {
    const s = k === 0 ? start : t.start;
    const c: Citation = { kind: 'title', start: s, end: t.end, text: text.slice(s, t.end), code: null, title: t.n, subdivision: null, eId: `title_${t.n}` };
    if (ranges[k]) c.range = { from: String(t.n), to: String(nums[k + 1]!.n) };
    else if (ranges[k - 1]) c.range = { from: String(nums[k - 1]!.n), to: String(t.n) };
    return c;
  });
  return { citations, end: nums[nums.length - 1]!.end };
}

/** Normalises a code written with any dash variant to the ASCII hyphen; null when it is not a code. */
const WHOLE_CODE = new RegExp(`^\\s*([1-9][0-9]?)[${D}]([1-9][0-9]{2})\\s*$`);
export function normaliseCode(raw: string): string | null {
  const m = WHOLE_CODE.exec(raw);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** The codes a range spans, numerically (14-203 to 14-206 → 203, 204, 205, 206); only the ends when the titles differ or it is backwards. */
export function codesInRange(from: string, to: string, max = 200): string[] {
  const [ft, fs] = from.split('-').map(Number) as [number, number];
  const [tt, ts] = to.split('-').map(Number) as [number, number];
  if (ft !== tt || ts < fs || ts - fs > max) return from === to ? [from] : [from, to];
  return Array.from({ length: ts - fs + 1 }, (_, k) => `${ft}-${fs + k}`);
}

// ---- resolving, for POST /api/legislature/citations/resolve ----

export type CitationStatus = 'in_force' | 'repealed' | 'not_yet' | 'unknown';

/** What the caller knows of a statute the reader may see (a hidden statute is simply absent). */
export interface StatuteFacts {
  heading: string;
  /** The first version's valid-from date, YYYY-MM-DD. */
  inForceFrom: string;
  /** YYYY-MM-DD, when repealed. */
  repealedOn?: string | null;
}
export interface CitationLookup {
  statute(code: string): StatuteFacts | null | undefined;
  title(n: number): { heading: string } | null | undefined;
}

export interface ResolvedCitation {
  start: number;
  end: number;
  text: string;
  kind: 'statute' | 'title';
  code: string | null;
  title: number;
  subdivision: { path: string[]; text: string; eId: string } | null;
  eId: string;
  range?: { from: string; to: string };
  status: CitationStatus;
  heading: string | null;
  /** For not_yet: from when; for repealed: since when. */
  since?: string;
}

/** Status of a statute on a date (YYYY-MM-DD strings compare as dates). */
export function statusOn(facts: StatuteFacts | null | undefined, at: string): { status: CitationStatus; since?: string } {
  if (!facts) return { status: 'unknown' };
  if (at < facts.inForceFrom) return { status: 'not_yet', since: facts.inForceFrom };
  if (facts.repealedOn && at >= facts.repealedOn) return { status: 'repealed', since: facts.repealedOn };
  return { status: 'in_force' };
}

/** The statute codes and title numbers to look up for a set of citations (fetch them in one query). */
export function citedKeys(citations: readonly Citation[]): { codes: string[]; titles: number[] } {
  return {
    codes: [...new Set(citations.flatMap((c) => (c.code ? [c.code] : [])))],
    titles: [...new Set(citations.filter((c) => c.kind === 'title').map((c) => c.title))],
  };
}

/** The resolve answer: each citation with its status on `at` and the cited heading. */
export function resolveCitations(citations: readonly Citation[], lookup: CitationLookup, at: string): ResolvedCitation[] {
  return citations.map((c) => {
    const base = {
      start: c.start, end: c.end, text: c.text, kind: c.kind, code: c.code, title: c.title, eId: c.eId,
      subdivision: c.subdivision ? { path: c.subdivision.path, text: c.subdivision.text, eId: c.eId } : null,
      ...(c.range ? { range: c.range } : {}),
    };
    if (c.kind === 'title') {
      const t = lookup.title(c.title);
      return { ...base, status: t ? 'in_force' : 'unknown', heading: t?.heading ?? null };
    }
    const facts = lookup.statute(c.code!);
    return { ...base, ...statusOn(facts, at), heading: facts?.heading ?? null };
  });
}

/** The connector right after position at: a range ("to", a dash) before a list ("and", a comma). */
function connectorAt(text: string, at: number, plural = false): { c: RegExpExecArray | null; isRange: boolean } {
  const connector = plural ? PLURAL_RANGE_CONNECTOR : RANGE_CONNECTOR;
  connector.lastIndex = at;
  const range = connector.exec(text);
  if (range) return { c: range, isRange: true };
  LIST_CONNECTOR.lastIndex = at;
  return { c: LIST_CONNECTOR.exec(text), isRange: false };
}
