// The statute text markup (docs: /work/briefs/statute-format.md): parse to a structure with eIds, render back, find a subdivision.
//
// Markup, one subdivision per line, levels told apart by the marker's column only (so `(i)` the
// paragraph and `(i)` the item cannot be confused):
//   (1) …        column 0: subsection — arabic numerals, optionally capital letters for inserted ones (2A)
//     (a) …      column 2: paragraph  — one or two lowercase letters (aa for inserted ones)
//       (i) …    column 4: item       — lowercase roman numerals
// A line that does not start with a marker continues the subdivision above it (joined with one
// space); text before the first subsection is the introductory text; blank lines are ignored.
// Parsing never throws: it returns the structure built from the lines it understood AND every
// problem found, each with its line number, so an editor can show them all at once. A line in
// error is left out of the structure (a text with errors is refused by whoever stores it).

export type Level = 'subsection' | 'paragraph' | 'item';

export interface Item { num: string; eId: string; text: string }
export interface Paragraph { num: string; eId: string; text: string; items: Item[] }
export interface Subsection { num: string; eId: string; text: string; paragraphs: Paragraph[] }
export interface StatuteText {
  code: string;
  /** Text before the first subsection; null when there is none. Its eId is `sec_<code>__intro`. */
  intro: string | null;
  subsections: Subsection[];
}

export interface StatuteTextProblem { line: number; message: string }
export interface ParsedStatuteText { text: StatuteText; errors: StatuteTextProblem[] }

/** One subdivision with where it sits, in document order (see `subdivisionsOf`). */
export interface SubdivisionEntry {
  eId: string;
  /** Citation path, e.g. ['2', 'b']; [] for the introductory text. */
  path: string[];
  level: Level | 'intro';
  /** Marker as written, e.g. '(b)'; '' for the introductory text. */
  marker: string;
  /** The subdivision's own text (not its children's). */
  text: string;
}

const INDENT: Record<Level, number> = { subsection: 0, paragraph: 2, item: 4 };
const EID_PART: Record<Level, string> = { subsection: 'subsec', paragraph: 'para', item: 'item' };
const NUM_SHAPE: Record<Level, RegExp> = {
  subsection: /^[0-9]+[A-Z]*$/,
  paragraph: /^[a-z]{1,2}$/,
  item: /^[ivxlcdm]+$/,
};
const NUM_WORDS: Record<Level, string> = {
  subsection: 'arabic numerals, optionally followed by capital letters, like (2) or (2A)',
  paragraph: 'one or two lowercase letters, like (b) or (bb)',
  item: 'lowercase roman numerals, like (iii)',
};

/** eId of a statute (the section element): `sec_14-203`. */
export const statuteEid = (code: string): string => `sec_${code}`;

/** eId suffix of a citation path: ['2','b'] → `__subsec_2__para_b`. Shared with the citation parser. */
export function subdivisionEidSuffix(path: readonly string[]): string {
  const levels: Level[] = ['subsection', 'paragraph', 'item'];
  return path.map((num, i) => `__${EID_PART[levels[i]!]}_${num}`).join('');
}

/** Full eId of a subdivision: ('14-203', ['2','b']) → `sec_14-203__subsec_2__para_b`. */
export const subdivisionEid = (code: string, path: readonly string[]): string => statuteEid(code) + subdivisionEidSuffix(path);

export const introEid = (code: string): string => `${statuteEid(code)}__intro`;

// A marker is `(token)` followed by a space or the end of the line. Anything with a space inside
// the parentheses, like "(as defined below)", is ordinary text.
const MARKER = /^( *)\(([A-Za-z0-9]{1,8})\)(?:[ \t]+(.*))?$/;

function levelAtColumn(col: number): Level | null {
  return col === 0 ? 'subsection' : col === 2 ? 'paragraph' : col === 4 ? 'item' : null;
}

/** The level a marker's number looks like when written at the wrong column (for the message). */
function levelByShape(num: string): Level | null {
  if (NUM_SHAPE.subsection.test(num)) return 'subsection';
  if (NUM_SHAPE.item.test(num) && num.length > 1) return 'item';
  if (NUM_SHAPE.paragraph.test(num)) return 'paragraph';
  return null;
}

// Runs of spaces and tabs inside a text are one space, as in XML and HTML: the same text reads
// the same whether it came from this markup or from an Akoma Ntoso <p>. Other spaces (the
// non-breaking one, U+00A0, in "§ 14-203") are kept.
const spaced = (s: string): string => s.replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');

const join = (a: string, b: string): string => (a === '' ? b : b === '' ? a : `${a} ${b}`);

export function parseStatuteText(code: string, markup: string): ParsedStatuteText {
  const text: StatuteText = { code, intro: null, subsections: [] };
  const errors: StatuteTextProblem[] = [];
  // Where the next continuation line goes.
  let current: { text: string } | null = null;
  let intro: string | null = null;
  // First line of each number under its parent, to report duplicates with both lines.
  const seen = new Map<string, number>();
  const lines = markup.split(/\r\n|\n|\r/);

  const continueWith = (content: string) => {
    if (current) current.text = join(current.text, content);
    else intro = join(intro ?? '', content);
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    if (/^[ ]*\t/.test(raw)) {
      errors.push({ line, message: 'indentation uses a tab: indent with spaces (2 for a paragraph, 4 for an item)' });
      raw = raw.replace(/^[ \t]+/, (lead) => lead.replace(/\t/g, '    '));
    }
    const m = MARKER.exec(raw.replace(/[ \t]+$/, ''));
    if (!m) {
      continueWith(spaced(raw));
      return;
    }
    const col = m[1]!.length;
    const num = m[2]!;
    const content = spaced(m[3] ?? '');
    const level = levelAtColumn(col);
    const marker = `(${num})`;
    if (!level) {
      const meant = levelByShape(num);
      errors.push({ line, message: `${marker} starts at column ${col}: ${meant ? `a ${meant} marker starts at column ${INDENT[meant]}` : 'markers start at column 0 (subsection), 2 (paragraph) or 4 (item)'}` });
      return;
    }
    if (!NUM_SHAPE[level].test(num)) {
      const meant = levelByShape(num);
      const hint = meant && meant !== level ? `; ${marker} looks like a ${meant}, which starts at column ${INDENT[meant]}` : '';
      errors.push({ line, message: `${marker} at column ${col} is a ${level}, numbered with ${NUM_WORDS[level]}${hint}` });
      return;
    }
    const sub = text.subsections[text.subsections.length - 1];
    const para = sub?.paragraphs[sub.paragraphs.length - 1];
    let path: string[];
    if (level === 'subsection') path = [num];
    else if (level === 'paragraph') {
      if (!sub) {
        errors.push({ line, message: `paragraph ${marker} comes before any subsection: put a subsection like (1) above it` });
        return;
      }
      path = [sub.num, num];
    } else {
      if (!sub || !para) {
        errors.push({ line, message: sub ? `item ${marker} is under subsection (${sub.num}), which has no paragraph yet: put a paragraph like (a) above it` : `item ${marker} comes before any subsection and paragraph` });
        return;
      }
      path = [sub.num, para.num, num];
    }
    const eId = subdivisionEid(code, path);
    const first = seen.get(eId);
    if (first !== undefined) {
      const where = path.length > 1 ? ` in ${path.slice(0, -1).map((p) => `(${p})`).join('')}` : '';
      errors.push({ line, message: `${level} ${marker}${where} appears twice (first on line ${first}): renumber one of them` });
    } else seen.set(eId, line);
    if (level === 'subsection') {
      const node: Subsection = { num, eId, text: content, paragraphs: [] };
      text.subsections.push(node);
      current = node;
    } else if (level === 'paragraph') {
      const node: Paragraph = { num, eId, text: content, items: [] };
      sub!.paragraphs.push(node);
      current = node;
    } else {
      const node: Item = { num, eId, text: content };
      para!.items.push(node);
      current = node;
    }
  });
  text.intro = intro;
  return { text, errors };
}

/** Renders a structure back to the markup: one line per subdivision, markers at their columns. */
export function renderStatuteText(text: StatuteText): string {
  const out: string[] = [];
  const line = (indent: number, num: string, body: string) => out.push(`${' '.repeat(indent)}(${num})${body ? ` ${body}` : ''}`);
  if (text.intro !== null) out.push(text.intro);
  for (const s of text.subsections) {
    line(0, s.num, s.text);
    for (const p of s.paragraphs) {
      line(2, p.num, p.text);
      for (const i of p.items) line(4, i.num, i.text);
    }
  }
  return out.join('\n');
}

/** Every subdivision in document order, the introductory text first (when there is one). */
export function subdivisionsOf(text: StatuteText): SubdivisionEntry[] {
  const out: SubdivisionEntry[] = [];
  if (text.intro !== null) out.push({ eId: introEid(text.code), path: [], level: 'intro', marker: '', text: text.intro });
  for (const s of text.subsections) {
    out.push({ eId: s.eId, path: [s.num], level: 'subsection', marker: `(${s.num})`, text: s.text });
    for (const p of s.paragraphs) {
      out.push({ eId: p.eId, path: [s.num, p.num], level: 'paragraph', marker: `(${p.num})`, text: p.text });
      for (const i of p.items) out.push({ eId: i.eId, path: [s.num, p.num, i.num], level: 'item', marker: `(${i.num})`, text: i.text });
    }
  }
  return out;
}

export type Subdivision = Subsection | Paragraph | Item;

/** The subdivision a citation path points at (['2','b'] → paragraph (b) of subsection (2)), or null. */
export function findSubdivision(text: StatuteText, path: readonly string[]): Subdivision | null {
  if (path.length < 1 || path.length > 3) return null;
  const sub = text.subsections.find((s) => s.num === path[0]);
  if (!sub || path.length === 1) return sub ?? null;
  const para = sub.paragraphs.find((p) => p.num === path[1]);
  if (!para || path.length === 2) return para ?? null;
  return para.items.find((i) => i.num === path[2]) ?? null;
}

/**
 * Plain text of a subdivision and everything under it, one line per subdivision with its marker
 * and no indentation (what a citation popover shows). Without a path: the whole statute.
 */
export function plainText(text: StatuteText, path: readonly string[] = []): string | null {
  const entries = subdivisionsOf(text);
  const wanted = path.length === 0 ? entries : entries.filter((e) => e.path.length >= path.length && path.every((p, i) => e.path[i] === p));
  if (wanted.length === 0) return path.length === 0 ? '' : null;
  return wanted.map((e) => (e.marker ? (e.text ? `${e.marker} ${e.text}` : e.marker) : e.text)).join('\n');
}
