// Checks the demo statute book against the seed format's rules, on its own (no database, no legislature parser):
// codes, version dates, markup, and that every cross-reference resolves at the citing version's dates.
import { describe, it, expect } from 'vitest';
import { STATUTE_BOOK, CODE_ENACTED, type StatuteSeed, type StatuteVersionSeed, type TitleSeed } from './statute-book.ts';

const LAST_CONSOLIDATION = '2026-11-01';
const FAR_FUTURE = '9999-12-31';

// Citations that deliberately name a statute repealed when the citing text takes effect: transitional provisions.
const TRANSITIONAL: ReadonlyArray<{ citing: string; cited: string }> = [
  { citing: '11-109', cited: '11-108' }, // ends enlistments made under the repealed section
];

const statutes: Array<{ title: TitleSeed; s: StatuteSeed }> = STATUTE_BOOK.flatMap((title) => title.statutes.map((s) => ({ title, s })));
const byCode = new Map(statutes.map(({ s }) => [s.code, s]));

// ---- markup ------------------------------------------------------------------------------------

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx'];
const nextLetter = (c: string) => String.fromCharCode(c.charCodeAt(0) + 1);

/** Markers that may follow `prev` at one level (undefined = first of the level): the next one, or an inserted one. */
function mayFollow(level: 'subsec' | 'para' | 'item', prev: string | undefined, next: string): boolean {
  if (level === 'item') return next === ROMAN[prev === undefined ? 0 : ROMAN.indexOf(prev) + 1];
  if (level === 'subsec') {
    if (prev === undefined) return next === '1';
    const m = /^(\d+)([A-Z]?)$/.exec(prev)!;
    const n = Number(m[1]);
    const after = m[2] ? nextLetter(m[2]) : 'A';
    return next === String(n + 1) || next === `${n}${after}`;
  }
  if (prev === undefined) return next === 'a';
  // (aa) is inserted after (a), (ab) after (aa), and (b) follows either
  const base = prev[0];
  const after = prev.length === 1 ? 'a' : nextLetter(prev[1]);
  return next === nextLetter(base) || next === `${base}${after}`;
}

interface Outline { errors: string[]; ids: Set<string> /* '2', '2/b', '2/b/iii' */ }

function outline(text: string): Outline {
  const errors: string[] = [];
  const ids = new Set<string>();
  let subsec: string | undefined;
  let para: string | undefined;
  let item: string | undefined;
  let seenMarker = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line !== line.trimEnd()) errors.push(`trailing space: ${line}`);
    const s = /^\((\d+[A-Z]?)\) \S/.exec(line);
    const p = /^ {2}\(([a-z]{1,2})\) \S/.exec(line);
    const i = /^ {4}\(([ivx]+)\) \S/.exec(line);
    if (s) {
      if (!mayFollow('subsec', subsec, s[1])) errors.push(`subsection (${s[1]}) after (${subsec ?? 'none'})`);
      subsec = s[1]; para = undefined; item = undefined; seenMarker = true;
      ids.add(subsec);
    } else if (p) {
      if (subsec === undefined) errors.push(`paragraph (${p[1]}) before any subsection`);
      else if (!mayFollow('para', para, p[1])) errors.push(`paragraph (${p[1]}) after (${para ?? 'none'}) in (${subsec})`);
      para = p[1]; item = undefined; seenMarker = true;
      ids.add(`${subsec}/${para}`);
    } else if (i) {
      if (para === undefined) errors.push(`item (${i[1]}) outside a paragraph`);
      else if (!mayFollow('item', item, i[1])) errors.push(`item (${i[1]}) after (${item ?? 'none'})`);
      item = i[1]; seenMarker = true;
      ids.add(`${subsec}/${para}/${item}`);
    } else if (/^\s/.test(line) || /^\(/.test(line)) {
      errors.push(`misplaced marker or indentation: ${JSON.stringify(line)}`);
    } else if (seenMarker) {
      // The format allows continuation lines, but this book never uses them: one here means a marker went astray.
      errors.push(`unmarked line after the first marker: ${JSON.stringify(line)}`);
    }
  }
  return { errors, ids };
}

// ---- time --------------------------------------------------------------------------------------

const isIsoDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d;

/** The half-open interval [from, to) during which a version is the text in force. */
function validity(s: StatuteSeed, k: number): { from: string; to: string } {
  const next = s.versions[k + 1];
  return { from: s.versions[k].from, to: next ? next.from : s.repealed?.on ?? FAR_FUTURE };
}

/** The versions of `s` in force at some moment of [from, to). */
function versionsDuring(s: StatuteSeed, from: string, to: string): StatuteVersionSeed[] {
  return s.versions.filter((_, k) => {
    const v = validity(s, k);
    return v.from < to && from < v.to;
  });
}

/** Whether `s` is in force for the whole of [from, to). */
function inForceThroughout(s: StatuteSeed, from: string, to: string): boolean {
  return s.versions[0].from <= from && (s.repealed === undefined || to <= s.repealed.on);
}

// ---- citations ---------------------------------------------------------------------------------

interface Reference { code: string; path: string[]; raw: string }

// The forms the book uses: "section 14-203(2)(b)", "sections 14-301 to 14-304", "§ 2-110", "s. 14-203": all contain the bare code.
const CODE_REF = /(?<![\w.\-/])(\d{1,2})-(\d{3})(?![\d\w])((?:\((?:\d+[A-Z]?|[a-z]{1,4})\))*)/g;
const TITLE_REF = /\bTitle (\d+)\b/g;
const RANGE_REF = /\bsections (\d{1,2}-\d{3}) to (\d{1,2}-\d{3})\b/gi;
const OWN_SUBSECTION_REF = /\bsubsection \((\d+[A-Z]?)\)((?:\([a-z]{1,4}\))*)/g;

function references(text: string): Reference[] {
  return [...text.matchAll(CODE_REF)].map((m) => ({
    code: `${m[1]}-${m[2]}`,
    path: [...m[3].matchAll(/\(([^)]+)\)/g)].map((x) => x[1]),
    raw: m[0],
  }));
}

const RANK = { public: 0, restricted: 1, secret: 2, top_secret: 3 } as const;
function labelCovers(reader: StatuteSeed['label'], cited: StatuteSeed['label']): boolean {
  if (!cited) return true;
  if (!reader) return false;
  return RANK[reader.classification] >= RANK[cited.classification] && cited.compartments.every((c) => reader.compartments.includes(c));
}

/** Every problem with the cross-references of one statute: unknown codes, not in force, missing subdivisions, hidden targets. */
function referenceProblems(s: StatuteSeed): string[] {
  const problems: string[] = [];
  s.versions.forEach((v, k) => {
    const { from, to } = validity(s, k);
    const where = `${s.code} (version from ${from})`;
    for (const ref of references(v.text)) {
      const target = byCode.get(ref.code);
      if (!target) { problems.push(`${where} cites ${ref.raw}: no such code`); continue; }
      if (target === s) problems.push(`${where} cites itself as ${ref.raw}; use "subsection (n)"`);
      if (!labelCovers(s.label, target.label)) problems.push(`${where} cites ${ref.raw}, which its readers may not be cleared to see`);
      const transitional = TRANSITIONAL.some((t) => t.citing === s.code && t.cited === ref.code);
      if (!transitional && !inForceThroughout(target, from, to)) problems.push(`${where} cites ${ref.raw}, not in force throughout [${from}, ${to})`);
      const during = transitional ? target.versions.slice(-1) : versionsDuring(target, from, to);
      if (ref.path.length > 0) {
        for (const tv of during) {
          if (!outline(tv.text).ids.has(ref.path.join('/'))) problems.push(`${where} cites ${ref.raw}, missing from ${ref.code}'s version from ${tv.from}`);
        }
      }
    }
    for (const m of v.text.matchAll(RANGE_REF)) {
      const [a, b] = [m[1], m[2]];
      if (a.split('-')[0] !== b.split('-')[0] || Number(a.split('-')[1]) >= Number(b.split('-')[1])) problems.push(`${where}: bad range ${m[0]}`);
    }
    for (const m of v.text.matchAll(TITLE_REF)) {
      if (!STATUTE_BOOK.some((t) => t.number === Number(m[1]))) problems.push(`${where} cites ${m[0]}: no such title`);
    }
    const own = outline(v.text).ids;
    for (const m of v.text.matchAll(OWN_SUBSECTION_REF)) {
      const path = [m[1], ...[...m[2].matchAll(/\(([^)]+)\)/g)].map((x) => x[1])].join('/');
      if (!own.has(path)) problems.push(`${where}: ${m[0]} is not a subdivision of this version`);
    }
  });
  return problems;
}

// ---- the tests ---------------------------------------------------------------------------------

describe('the statute book of the Hidden Sand', () => {
  it('is big enough: at least 80 statutes in at least 8 titles', () => {
    expect(statutes.length).toBeGreaterThanOrEqual(80);
    expect(STATUTE_BOOK.length).toBeGreaterThanOrEqual(8);
  });

  it('numbers titles and sections like a code: unique, in order, each code T-S matching its title', () => {
    const numbers = STATUTE_BOOK.map((t) => t.number);
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b));
    expect(new Set(statutes.map(({ s }) => s.code)).size).toBe(statutes.length);
    for (const title of STATUTE_BOOK) {
      expect(title.heading.trim(), `title ${title.number}`).not.toBe('');
      const sections = title.statutes.map((s) => {
        expect(s.code, s.code).toMatch(new RegExp(`^${title.number}-\\d{3}$`));
        expect(s.heading.trim(), s.code).not.toBe('');
        return Number(s.code.split('-')[1]);
      });
      expect(sections, `title ${title.number}`).toEqual([...sections].sort((a, b) => a - b));
    }
  });

  it('dates versions in strictly increasing order within the code\'s life, with any repeal after the last version', () => {
    for (const { s } of statutes) {
      expect(s.versions.length, s.code).toBeGreaterThan(0);
      let prev = '';
      for (const v of s.versions) {
        expect(isIsoDate(v.from), `${s.code} ${v.from}`).toBe(true);
        expect(v.from > prev, `${s.code}: ${v.from} after ${prev}`).toBe(true);
        expect(v.from >= CODE_ENACTED && v.from <= LAST_CONSOLIDATION, `${s.code} ${v.from}`).toBe(true);
        expect(v.reason.trim(), `${s.code} ${v.from}`).not.toBe('');
        prev = v.from;
      }
      for (let k = 1; k < s.versions.length; k++) expect(s.versions[k].text, `${s.code} ${s.versions[k].from} changes nothing`).not.toBe(s.versions[k - 1].text);
      if (s.repealed) {
        expect(isIsoDate(s.repealed.on) && s.repealed.on > prev && s.repealed.on <= LAST_CONSOLIDATION, `${s.code} repealed ${s.repealed.on}`).toBe(true);
        expect(s.repealed.reason.trim(), s.code).not.toBe('');
      }
    }
  });

  it('writes every version in well-formed markup', () => {
    const errors = statutes.flatMap(({ s }) => s.versions.flatMap((v) => outline(v.text).errors.map((e) => `${s.code} (${v.from}): ${e}`)));
    expect(errors).toEqual([]);
  });

  it('the markup check finds what it should', () => {
    expect(outline('(1) One.\n  (a) a;\n  (aa) inserted;\n  (b) b:\n    (i) one;\n    (ii) two.\n(1A) Inserted.\n(2) Two.')).toEqual({
      errors: [], ids: new Set(['1', '1/a', '1/aa', '1/b', '1/b/i', '1/b/ii', '1A', '2']),
    });
    expect(outline('  (a) early.\n(1) One.').errors).toHaveLength(1);
    expect(outline('(1) One.\n   (a) three spaces.').errors).toHaveLength(1);
    expect(outline('(1) One.\n(3) Three.').errors).toHaveLength(1);
    expect(outline('(1) One.\n  (a) a;\n  (c) c.').errors).toHaveLength(1);
    expect(outline('(1) One.\n    (i) item without a paragraph.').errors).toHaveLength(1);
  });

  it('resolves every cross-reference to a code and subdivision in force at the citing version\'s dates', () => {
    expect(statutes.flatMap(({ s }) => referenceProblems(s))).toEqual([]);
  });

  it('the cross-reference check finds what it should', () => {
    const v = (text: string, from = '2020-01-01') => ({ code: '99-101', heading: 'x', versions: [{ from, reason: 'test', text }] });
    expect(referenceProblems(v('(1) See section 14-203(2)(b) and Title 14.'))).toEqual([]);
    expect(referenceProblems(v('(1) See section 14-299.'))).toHaveLength(1);            // no such code
    expect(referenceProblems(v('(1) See section 14-203(9).'))).toHaveLength(2);         // no such subsection, in either version since 2020
    expect(referenceProblems(v('(1) See section 14-203(3).', '2010-01-01'))).toHaveLength(0); // (3) existed in 2010 too
    expect(referenceProblems(v('(1) See section 14-203(4).', '2010-01-01'))).toHaveLength(2); // (4) came in 2025, and not in the earlier versions
    expect(referenceProblems(v('(1) See section 14-104.'))).toHaveLength(1);            // repealed in 2014
    expect(referenceProblems(v('(1) See section 5-201.'))).toHaveLength(1);             // classified, cited from a public text
    expect(referenceProblems(v('(1) See Title 4.'))).toHaveLength(1);
    expect(referenceProblems(v('(1) See subsection (2).'))).toHaveLength(1);
    expect(referenceProblems(v('(1) On 2026-11-19 at 10:30, in the years 2019-2021, the score was 3-1.'))).toHaveLength(0); // not codes
  });

  it('uses every citation form the parser must read, and items as well as paragraphs', () => {
    const texts = statutes.flatMap(({ s }) => s.versions.map((v) => v.text)).join('\n');
    for (const form of [/\bsection \d{1,2}-\d{3}\(\d+\)\([a-z]+\)/, /\bsections \d{1,2}-\d{3} to \d{1,2}-\d{3}\b/i, /\bTitle \d+\b/, /§ \d{1,2}-\d{3}/, /\bs\. \d{1,2}-\d{3}/]) {
      expect(texts, String(form)).toMatch(form);
    }
    expect(statutes.filter(({ s }) => s.versions.some((v) => /^ {4}\(i\) /m.test(v.text))).length).toBeGreaterThanOrEqual(3);
    expect(statutes.flatMap(({ s }) => s.versions.flatMap((v) => references(v.text))).length).toBeGreaterThanOrEqual(150);
  });

  it('has amendment histories, repeals and classified sections', () => {
    expect(statutes.filter(({ s }) => s.versions.length >= 3).length).toBeGreaterThanOrEqual(3);
    expect(statutes.filter(({ s }) => s.repealed).length).toBeGreaterThanOrEqual(3);
    expect(statutes.filter(({ s }) => s.label).length).toBeGreaterThanOrEqual(3);
    const anbu = byCode.get('5-201');
    expect(anbu?.heading).toMatch(/ANBU/);
    expect(anbu?.label).toEqual({ classification: 'secret', compartments: ['ANBU'] });
    expect(statutes.some(({ s }) => s.label?.classification === 'top_secret' && s.label.compartments.includes('BREACH'))).toBe(true);
  });

  it('holds the statutes the issue and the replay name: 14-203(2)(b) in force on day 3', () => {
    const deserters = byCode.get('14-203')!;
    const onDay3 = deserters.versions.filter((v) => v.from <= '2026-11-19').at(-1)!;
    expect(outline(onDay3.text).ids.has('2/b')).toBe(true);
  });
});
