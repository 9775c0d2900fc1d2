// Akoma Ntoso 3.0 in and out, pure: XML text → acts (as statutes with versions) and bills; a statute → an act.
//
// Reading is lenient because real files are: any namespace (the 3.0 one, its CSD drafts, 2.0, or
// none) is read as 3.0 with a warning; `id` stands in for `eId`; missing or empty FRBR parts,
// dates or headings are warnings, not failures. Only XML that is not well formed, or that is not
// an Akoma Ntoso act or bill, is an error — one error naming the line and column, and no result,
// so an importer writes nothing.
//
// Versions. One Akoma Ntoso expression is one version of the text. An act we write carries every
// version: the body holds the version in force on the export date, `components` hold one `act`
// per version (each with its own FRBRExpression dated on the version's first day), and the
// lifecycle has one eventRef per version (generation, then amendments) plus one for a repeal,
// each pointing at a reference whose `showAs` is the reason. Reading: versions come from the
// components when there are any, otherwise from the body; each version's date is its
// expression's FRBRdate, its reason the showAs of the lifecycle event on that date.
import { XMLBuilder } from 'fast-xml-parser';
import { readXmlTree, XmlError, type XNode } from './akn-xml.ts';
import { normaliseCode } from './citations.ts';
import { LEVELS, type Level } from '../../kernel/auth/labels.ts';
import { parseStatuteText, renderStatuteText, introEid, statuteEid, subdivisionEid, type StatuteText, type Subsection, type Paragraph, type Item } from './statute-text.ts';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
/** FRBRcountry of the Hidden Sand: "xs" is in ISO 3166's user-assigned range, so it names no real country. */
export const AKN_COUNTRY = 'xs';
const LANGUAGE = 'eng';

export interface FrbrWork { this: string | null; uri: string | null; date: string | null; number: string | null; name: string | null; country: string | null; subtype: string | null }
export interface FrbrExpression { this: string | null; uri: string | null; date: string | null; language: string | null }
export interface FrbrManifestation { this: string | null; uri: string | null; date: string | null }
export interface FrbrIds { work: FrbrWork; expression: FrbrExpression; manifestation: FrbrManifestation }

export interface AknStatuteVersion { from: string; reason: string; /** The statute markup (statute-text.ts). */ text: string; /** The section's heading in that version's text, when it has one. */ heading?: string }
export interface AknStatute {
  /** 'T-S', or null when the file does not say (a foreign act): the caller must refuse or ask. */
  code: string | null;
  heading: string | null;
  title: { number: number; heading: string | null } | null;
  versions: AknStatuteVersion[];
  repealed: { on: string; reason: string } | null;
}
export interface AknPosition { line: number; column: number }
export interface AknAct {
  kind: 'act';
  frbr: FrbrIds;
  statutes: AknStatute[];
  /** Where each statute's <section> starts in the file, parallel to `statutes` (an importer names it in its errors). */
  sectionsAt: AknPosition[];
  /** The FRBR expression URI (else FRBRthis, else null) of the text each version was read from, keyed by the version's date. */
  expressionUris: Record<string, string | null>;
  /** The security label Sandstone wrote in the act's <proprietary> (every statute in it has it), or null: none given. */
  label: AknLabel | null;
}
export interface AknLabel { classification: Level; compartments: string[] }
/** Sandstone's own namespace, for what Akoma Ntoso has no element of its own: a statute's security label. */
export const SANDSTONE_AKN_NAMESPACE = 'https://sandstone.suna/akn/1.0';

export interface AknBillParagraph { eId: string | null; num: string | null; text: string }
export interface AknBillArticle { eId: string | null; num: string | null; heading: string | null; paragraphs: AknBillParagraph[]; /** Paragraphs as lines, "num text". */ text: string }
export interface AknBill { kind: 'bill'; frbr: FrbrIds; title: string | null; number: string | null; date: string | null; articles: AknBillArticle[] }

export interface AknError { line: number; column: number; message: string }
export type AknReadResult =
  // `flaws`: what the lenient reading read past but an importer must refuse, each where it is in
  // the file (a date that is not a date: guessing another would import the law on the wrong day).
  | { ok: true; document: AknAct | AknBill; warnings: string[]; flaws: AknError[] }
  | { ok: false; error: AknError };

// ---------- walking the tree (akn-xml.ts) ----------

const NONE: XNode[] = [];
const elems = (n: XNode | undefined): XNode[] => (n ? n.els : NONE);
function child(n: XNode | undefined, name: string): XNode | undefined {
  if (n) for (const c of n.els) if (c.name === name) return c;
  return undefined;
}
const kids = (n: XNode | undefined, name: string): XNode[] => elems(n).filter((c) => c.name === name);
const idOf = (n: XNode): string | null => n.attrs.eId || n.attrs.id || null;

/** First descendants named `name`, not looking inside a match (a section inside a section is not a top-level one). */
function outermost(n: XNode, names: readonly string[]): XNode[] {
  const out: XNode[] = [];
  for (const c of elems(n)) {
    if (names.includes(c.name)) out.push(c);
    else out.push(...outermost(c, names));
  }
  return out;
}

// XML whitespace (not the non-breaking space) collapses to one space, as in the statute markup.
const collapse = (s: string): string => s.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
const BLOCKS = new Set(['p', 'item', 'li', 'listIntroduction', 'listWrapUp', 'blockList', 'tr', 'heading', 'subheading', 'num', 'intro', 'content', 'wrapUp']);

/** Text of an element, one entry per block (p, list item …), whitespace collapsed; inline elements join their neighbours. */
function blocksOf(n: XNode): string[] {
  const acc = { blocks: [] as string[], cur: '' };
  collectBlocks(n, acc);
  acc.blocks.push(acc.cur);
  const out: string[] = [];
  for (const b of acc.blocks) {
    const c = collapse(b);
    if (c !== '') out.push(c);
  }
  return out;
}
function collectBlocks(x: XNode, acc: { blocks: string[]; cur: string }): void {
  for (const c of x.children) {
    if (typeof c === 'string') { acc.cur += c; continue; }
    if (c.name === 'authorialNote' || c.name === 'noteRef') continue;
    if (BLOCKS.has(c.name)) {
      acc.blocks.push(acc.cur); acc.cur = '';
      collectBlocks(c, acc);
      acc.blocks.push(acc.cur); acc.cur = '';
    } else collectBlocks(c, acc);
  }
}
const textOf = (n: XNode | undefined, sep = ' '): string => (n ? blocksOf(n).join(sep) : '');

/** Positions of many offsets in one text: its newlines found once, then a binary search each (an act has thousands of sections). */
class Positions {
  private newlines: number[] | null = null;
  constructor(private readonly xml: string) {}
  of(index: number): AknPosition {
    if (!this.newlines) {
      this.newlines = [];
      for (let i = this.xml.indexOf('\n'); i >= 0; i = this.xml.indexOf('\n', i + 1)) this.newlines.push(i);
    }
    const nl = this.newlines;
    let lo = 0;
    let hi = nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (nl[mid]! < index) lo = mid + 1;
      else hi = mid;
    }
    return { line: lo + 1, column: index - (lo ? nl[lo - 1]! : -1) };
  }
}

/** What the readers below report besides the document: warnings, and flaws with their place. */
interface Reading { warnings: string[]; flaws: AknError[]; at: Positions }
const flaw = (r: Reading, n: XNode, message: string) => {
  const p = r.at.of(n.start);
  r.flaws.push({ ...p, message });
};

function lineOf(xml: string, index: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < index && i < xml.length; i++) if (xml.charCodeAt(i) === 10) { line++; last = i; }
  return { line, column: index - last };
}

const isoDate = (raw: string | undefined | null): string | null => {
  const m = raw ? /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(raw) : null;
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : null;
};

// ---------- reading ----------

const DOCUMENT_TYPES = ['act', 'bill', 'doc', 'debate', 'debateReport', 'amendment', 'amendmentList', 'judgment', 'officialGazette', 'documentCollection', 'statement', 'portion'];

/** Reads an Akoma Ntoso file: an act (→ statutes with versions) or a bill (→ title, FRBR ids, articles). */
export function readAkn(input: string): AknReadResult {
  const xml = input.replace(/^\uFEFF/, '');
  if (xml.trim() === '') return { ok: false, error: { line: 1, column: 1, message: 'the file is empty: expected an Akoma Ntoso XML document' } };
  const at = new Positions(xml);
  let tree: XNode[];
  try {
    tree = readXmlTree(xml, digestSection);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    const p = at.of(e.offset);
    return {
      ok: false,
      error: { ...p, message: e.truncated ? `the XML ends at line ${p.line}, column ${p.column} ${e.message}: the file looks truncated` : `malformed XML at line ${p.line}, column ${p.column}: ${e.message}` },
    };
  }
  const root = tree[0];
  if (!root) return { ok: false, error: { line: 1, column: 1, message: 'the file has no root element: expected <akomaNtoso>' } };
  if (root.name !== 'akomaNtoso') {
    return { ok: false, error: { ...lineOf(xml, root.start), message: `the root element is <${root.name}>, not <akomaNtoso>: this is not an Akoma Ntoso document` } };
  }
  const warnings: string[] = [];
  const reading: Reading = { warnings, flaws: [], at };
  namespaceWarnings(xml, root, warnings);
  const docEl = elems(root).find((c) => DOCUMENT_TYPES.includes(c.name));
  if (!docEl) return { ok: false, error: { ...lineOf(xml, root.start), message: '<akomaNtoso> holds no document (expected <act> or <bill>)' } };
  if (docEl.name !== 'act' && docEl.name !== 'bill') {
    return { ok: false, error: { ...lineOf(xml, docEl.start), message: `<${docEl.name}> documents are not imported: only <act> (statutes) and <bill> are` } };
  }
  const frbr = readFrbr(child(docEl, 'meta'), warnings, '', reading);
  if (docEl.name === 'bill') return { ok: true, document: readBill(docEl, frbr, warnings), warnings, flaws: reading.flaws };
  const act = readAct(xml, docEl, frbr, warnings, reading);
  return { ok: true, document: act, warnings, flaws: reading.flaws };
}

function namespaceWarnings(xml: string, root: XNode, warnings: string[]) {
  const startTag = /<[^>]*>/.exec(xml.slice(root.start))?.[0] ?? '';
  const namespaces = [...startTag.matchAll(/xmlns(?::[\w.-]+)?\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]!);
  const akn = namespaces.find((ns) => /akn|akomantoso/i.test(ns));
  if (!akn) warnings.push('no Akoma Ntoso namespace on <akomaNtoso>: read as Akoma Ntoso 3.0');
  else if (akn !== AKN_NAMESPACE) warnings.push(`namespace ${akn} is not the Akoma Ntoso 3.0 one (${AKN_NAMESPACE}): read as 3.0`);
}

function readFrbr(meta: XNode | undefined, warnings: string[], where: string, reading: Reading): FrbrIds {
  const id = child(meta, 'identification');
  if (!id) warnings.push(`${where}no <meta><identification>: the FRBR ids are unknown`);
  const part = (name: string) => {
    const p = child(id, name);
    if (id && !p) warnings.push(`${where}no <${name}> in <identification>`);
    return p;
  };
  const val = (p: XNode | undefined, el: string, attr: string, required: boolean): string | null => {
    const v = child(p, el)?.attrs[attr]?.trim() || null;
    if (p && required && !v) warnings.push(`${where}<${p.name}> has no ${el} ${attr}`);
    return v;
  };
  const dateOf = (p: XNode | undefined) => {
    const raw = val(p, 'FRBRdate', 'date', true);
    const d = isoDate(raw);
    if (raw && !d) {
      warnings.push(`${where}<${p!.name}> FRBRdate "${raw}" is not a date`);
      flaw(reading, child(p, 'FRBRdate')!, `<${p!.name}> FRBRdate "${raw}" is not a date (YYYY-MM-DD)`);
    }
    return d;
  };
  const w = part('FRBRWork');
  const e = part('FRBRExpression');
  const m = part('FRBRManifestation');
  return {
    work: { this: val(w, 'FRBRthis', 'value', true), uri: val(w, 'FRBRuri', 'value', true), date: dateOf(w), number: val(w, 'FRBRnumber', 'value', false), name: val(w, 'FRBRname', 'value', false), country: val(w, 'FRBRcountry', 'value', true), subtype: val(w, 'FRBRsubtype', 'value', false) },
    expression: { this: val(e, 'FRBRthis', 'value', true), uri: val(e, 'FRBRuri', 'value', true), date: dateOf(e), language: val(e, 'FRBRlanguage', 'language', true) },
    manifestation: { this: val(m, 'FRBRthis', 'value', true), uri: val(m, 'FRBRuri', 'value', true), date: dateOf(m) },
  };
}

// --- bills ---

function readBill(bill: XNode, frbr: FrbrIds, warnings: string[]): AknBill {
  const body = child(bill, 'body') ?? child(bill, 'mainBody');
  const docTitle = [child(bill, 'preface'), child(bill, 'coverPage')].map((n) => (n ? outermost(n, ['docTitle'])[0] : undefined)).find(Boolean);
  const longTitle = child(bill, 'preface') ? outermost(child(bill, 'preface')!, ['longTitle'])[0] : undefined;
  const title = textOf(docTitle) || textOf(longTitle) || frbr.work.name || null;
  if (!title) warnings.push('the bill has no docTitle, longTitle or FRBRname: its title is unknown');
  if (!body) warnings.push('the bill has no <body>: no articles');
  let articles = body ? outermost(body, ['article']) : [];
  if (body && articles.length === 0) {
    articles = outermost(body, ['section']);
    if (articles.length) warnings.push('the bill has no <article>: its sections are read as articles');
    else warnings.push('the bill has no articles');
  }
  return {
    kind: 'bill',
    frbr,
    title,
    number: frbr.work.number,
    date: frbr.work.date,
    articles: articles.map((a) => {
      const paragraphs: AknBillParagraph[] = kids(a, 'paragraph').map((p) => ({
        eId: idOf(p),
        num: textOf(child(p, 'num')) || null,
        text: elems(p).filter((c) => c.name !== 'num' && c.name !== 'heading').map((c) => textOf(c, '\n')).filter(Boolean).join('\n'),
      }));
      if (paragraphs.length === 0) {
        const text = elems(a).filter((c) => c.name !== 'num' && c.name !== 'heading' && c.name !== 'subheading').map((c) => textOf(c, '\n')).filter(Boolean).join('\n');
        if (text) paragraphs.push({ eId: null, num: null, text });
      }
      return {
        eId: idOf(a),
        num: textOf(child(a, 'num')) || null,
        heading: textOf(child(a, 'heading')) || null,
        paragraphs,
        text: paragraphs.map((p) => (p.num ? `${p.num} ${p.text}` : p.text)).join('\n'),
      };
    }),
  };
}

// --- acts ---

interface LifeEvent { date: string; type: string; reason: string | null }

function readLifecycle(meta: XNode | undefined, warnings: string[], reading: Reading): LifeEvent[] {
  const refs = new Map<string, string>();
  for (const r of elems(child(meta, 'references'))) {
    const id = idOf(r);
    if (id && r.attrs.showAs) refs.set(id, r.attrs.showAs);
  }
  const events: LifeEvent[] = [];
  for (const ev of kids(child(meta, 'lifecycle'), 'eventRef')) {
    const date = isoDate(ev.attrs.date);
    if (!date) {
      const what = `lifecycle event ${idOf(ev) ?? ''}`.trim();
      warnings.push(`${what} has no valid date ("${ev.attrs.date ?? ''}"): left out`);
      flaw(reading, ev, ev.attrs.date ? `${what} date "${ev.attrs.date}" is not a date (YYYY-MM-DD)` : `${what} has no date`);
      continue;
    }
    const ref = (ev.attrs.source ?? '').replace(/^#/, '');
    const refersTo = (ev.attrs.refersTo ?? '').replace(/^#/, '');
    events.push({ date, type: ev.attrs.type ?? 'amendment', reason: refs.get(ref) ?? refs.get(refersTo) ?? null });
  }
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const SUBDIVISION_NAMES = ['subsection', 'paragraph', 'subparagraph', 'item', 'point', 'list', 'indent', 'clause', 'subclause', 'hcontainer'];
const NUM_SHAPES = [/^[0-9]+[A-Z]*$/, /^[a-z]{1,2}$/, /^[ivxlcdm]+$/];
const LEVEL_NAMES = ['subsection', 'paragraph', 'item'];

/** "(1)", "1.", "a)", "(ii) " → "1", "a", "ii". */
const bareNum = (raw: string): string => raw.trim().replace(/^\(|\)?\.?$/g, '').replace(/\)$/, '').trim();

const roman = (n: number): string => {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
};
const positional = (level: number, index: number): string =>
  level === 0 ? String(index + 1) : level === 1 ? (index < 26 ? String.fromCharCode(97 + index) : String.fromCharCode(97 + (index % 26)).repeat(2)) : roman(index + 1);

/** The text an hcontainer holds itself: its intro (or content when it is a leaf), wrap-up folded in. */
function ownText(n: XNode, where: string, warnings: string[]): string {
  const parts = [textOf(child(n, 'intro')), textOf(child(n, 'content')), textOf(child(n, 'alinea'))];
  const wrap = textOf(child(n, 'wrapUp'));
  if (wrap) { parts.push(wrap); warnings.push(`${where}: its wrap-up text is joined to its opening text (the statute markup has no wrap-up)`); }
  return parts.filter(Boolean).join(' ');
}

function readStructure(section: XNode, code: string, where: string, warnings: string[]): StatuteText {
  const text: StatuteText = { code, intro: null, subsections: [] };
  const subs = elems(section).filter((c) => SUBDIVISION_NAMES.includes(c.name));
  const intro = ownText(section, where, warnings);
  text.intro = intro === '' ? null : intro;
  const numbered = (nodes: XNode[], level: number, parentPath: string[]): { node: XNode; num: string; path: string[] }[] => {
    const used = new Set<string>();
    return nodes.map((node, i) => {
      let num = bareNum(textOf(child(node, 'num')));
      if (!NUM_SHAPES[level]!.test(num) || used.has(num)) {
        const fallback = positional(level, i);
        warnings.push(`${where}: ${LEVEL_NAMES[level]} ${num ? `numbered "${num}"` : 'without a number'} ${used.has(num) ? 'repeats a number' : `is not numbered like a ${LEVEL_NAMES[level]}`}: numbered (${fallback}) by its position`);
        num = fallback;
      }
      used.add(num);
      return { node, num, path: [...parentPath, num] };
    });
  };
  for (const s of numbered(subs, 0, [])) {
    const sub: Subsection = { num: s.num, eId: subdivisionEid(code, s.path), text: ownText(s.node, where, warnings), paragraphs: [] };
    for (const p of numbered(elems(s.node).filter((c) => SUBDIVISION_NAMES.includes(c.name)), 1, s.path)) {
      const para: Paragraph = { num: p.num, eId: subdivisionEid(code, p.path), text: ownText(p.node, where, warnings), items: [] };
      for (const it of numbered(elems(p.node).filter((c) => SUBDIVISION_NAMES.includes(c.name)), 2, p.path)) {
        const deeper = elems(it.node).filter((c) => SUBDIVISION_NAMES.includes(c.name));
        let own = ownText(it.node, where, warnings);
        if (deeper.length) {
          warnings.push(`${where}: subdivisions below item (${it.num}) are joined to its text (the statute markup has three levels)`);
          own = [own, ...deeper.map((d) => textOf(d))].filter(Boolean).join(' ');
        }
        const item: Item = { num: it.num, eId: subdivisionEid(code, it.path), text: own };
        para.items.push(item);
      }
      sub.paragraphs.push(para);
    }
    text.subsections.push(sub);
  }
  return text;
}

// In warnings made before the section's statute code and version date are known.
const WHERE = '\u0000where\u0000';
interface SectionDigest { markup: string; warnings: string[] }

/**
 * A statute's section, read as soon as it closes: its markup (which does not depend on the code)
 * and warnings to be placed later; the section stays in the tree with only its attributes, number
 * and heading, which is all sectionsOf reads. Only outermost sections inside a body: what
 * sectionsOf finds as statutes.
 */
function digestSection(node: XNode, ancestors: readonly XNode[]): XNode | null {
  if (node.name !== 'section') return null;
  let inBody = false;
  for (const a of ancestors) {
    if (a.name === 'section') return null;
    if (a.name === 'body') inBody = true;
  }
  if (!inBody) return null;
  const warnings: string[] = [];
  const markup = renderStatuteText(readStructure(node, '0-000', WHERE, warnings));
  const kept = node.els.filter((c) => c.name === 'num' || c.name === 'heading');
  const digest: SectionDigest = { markup, warnings };
  return { name: node.name, attrs: node.attrs, children: kept, els: kept, start: node.start, digest };
}

/** The section's markup, its warnings said of `where`. */
function sectionMarkup(node: XNode, code: string, where: string, warnings: string[]): string {
  const d = node.digest as SectionDigest | undefined;
  if (!d) return renderStatuteText(readStructure(node, code, where, warnings));
  for (const w of d.warnings) warnings.push(w.split(WHERE).join(where));
  return d.markup;
}

interface SectionRead { code: string | null; heading: string | null; title: AknStatute['title']; node: XNode }

function sectionsOf(body: XNode | undefined): SectionRead[] {
  if (!body) return [];
  // One walk that remembers the nearest enclosing <title>: a body of thousands of sections stays linear.
  const found = (names: string[]) => {
    const out: { node: XNode; title: XNode | null }[] = [];
    const walk = (x: XNode, title: XNode | null) => {
      for (const c of elems(x)) {
        if (names.includes(c.name)) out.push({ node: c, title });
        else walk(c, c.name === 'title' ? c : title);
      }
    };
    walk(body, null);
    return out;
  };
  let nodes = found(['section']);
  if (nodes.length === 0) nodes = found(['article']);
  const titleOf = (t: XNode | null): AknStatute['title'] => {
    const num = t ? /([0-9]+)/.exec(textOf(child(t, 'num')))?.[1] : undefined;
    return t && num ? { number: Number(num), heading: textOf(child(t, 'heading')) || null } : null;
  };
  return nodes.map(({ node, title }) => {
    const fromId = /(?:^|__)sec_([0-9]{1,2}-[0-9]{3})$/.exec(idOf(node) ?? '')?.[1] ?? null;
    const fromNum = normaliseCode(textOf(child(node, 'num')).replace(/^(?:§+|s\.|ss\.|section|statute)\s*/i, '').replace(/\.$/, ''));
    return { code: fromId ?? fromNum, heading: textOf(child(node, 'heading')) || null, title: titleOf(title), node };
  });
}

/**
 * The label in <proprietary><sandstone:label classification="secret" compartments="ANBU"/>: an
 * export carries it so that an import restores it, and a classified statute never comes back
 * public. A label that cannot be read for certain is a flaw, not a guess: one not in Sandstone's
 * namespace, a second one, one anywhere else in the act's metadata (a component's included), or
 * one whose attributes are also given with a prefix (the reader drops prefixes, a person would not).
 */
function readLabel(xml: string, metas: readonly (XNode | undefined)[], reading: Reading): AknLabel | null {
  // Every label in the metadata, in document order: a second one anywhere is refused, not skipped.
  // Only the child of the act's own <meta><proprietary> (depth 2) is where a label is read.
  const found: { node: XNode; placed: boolean }[] = [];
  const walk = (nodes: readonly XNode[], parent: string, depth: number, own: boolean) => {
    for (const n of nodes) {
      if (n.name === 'label') found.push({ node: n, placed: own && depth === 2 && parent === 'proprietary' });
      walk(elems(n), n.name, depth + 1, own);
    }
  };
  metas.forEach((m, k) => walk(elems(m), 'meta', 1, k === 0));
  if (!found.length) return null;
  const [first, second] = found;
  if (second) { flaw(reading, second.node, 'a second label: an act has one, in its <proprietary>'); return null; }
  const el = first!.node;
  if (!first!.placed) { flaw(reading, el, "a label outside the act's own <proprietary> is not read: put it there"); return null; }
  const tag = xml.slice(el.start, xml.indexOf('>', el.start) + 1);
  const prefix = /^<([A-Za-z_][\w.-]*):label\b/.exec(tag)?.[1];
  if (!prefix || !new RegExp(`\\sxmlns:${prefix}\\s*=\\s*(["'])${SANDSTONE_AKN_NAMESPACE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`).test(tag)) {
    flaw(reading, el, `a label not in Sandstone's namespace: write <sandstone:label xmlns:sandstone="${SANDSTONE_AKN_NAMESPACE}" …/>`);
    return null;
  }
  if (/\s[\w.-]+:(?:classification|compartments)\s*=/.test(tag)) { flaw(reading, el, "the label's classification or compartments are also given with a prefix: give each once, without one"); return null; }
  const classification = el.attrs.classification ?? '';
  if (!(LEVELS as readonly string[]).includes(classification)) {
    flaw(reading, el, `the label's classification "${classification}" is not one of ${LEVELS.join(', ')}`);
    return null;
  }
  const compartments = (el.attrs.compartments ?? '').split(/\s+/).filter(Boolean);
  return { classification: classification as Level, compartments };
}

function readAct(xml: string, act: XNode, frbr: FrbrIds, warnings: string[], reading: Reading): AknAct {
  const meta = child(act, 'meta');
  const events = readLifecycle(meta, warnings, reading);
  const repeal = events.filter((e) => e.type === 'repeal').pop() ?? null;
  const changes = events.filter((e) => e.type !== 'repeal');
  // The texts: one per component act (a version each), else the act's own body.
  const componentActs = kids(child(act, 'components'), 'component').flatMap((c) => elems(c).filter((d) => d.name === 'act'));
  const texts = (componentActs.length ? componentActs : [act]).map((doc, k) => {
    const where = componentActs.length ? `component ${k + 1}: ` : '';
    const ownFrbr = doc === act ? frbr : readFrbr(child(doc, 'meta'), [], where, reading);
    let date = ownFrbr.expression.date;
    if (!date) {
      const single = changes.length === 1 ? changes[0]!.date : null;
      date = single ?? frbr.work.date;
      warnings.push(date
        ? `${where}the expression has no date: read as the version of ${date}`
        : `${where}the expression has no date, and neither has the lifecycle nor the work: this text is left out`);
    }
    const sections = sectionsOf(child(doc, 'body'));
    return { date, uri: ownFrbr.expression.uri ?? ownFrbr.expression.this, sections, byCode: new Map(sections.flatMap((x) => (x.code ? [[x.code, x] as const] : []))) };
  });
  const expressionUris: Record<string, string | null> = {};
  for (const t of texts) if (t.date) expressionUris[t.date] = t.uri;
  const main = sectionsOf(child(act, 'body'));
  if (main.length === 0) warnings.push(`the act's body has no <section> or <article> (line ${lineOf(xml, act.start).line}): no statutes`);
  const statutes: AknStatute[] = main.map((sec, index) => {
    let code = sec.code;
    if (!code && main.length === 1) code = normaliseCode(frbr.work.number ?? '');
    const label = code ?? `section ${index + 1}`;
    if (!code) warnings.push(`${label}: no statute code (T-S) in its eId, num or FRBRnumber`);
    const heading = sec.heading ?? (main.length === 1 ? frbr.work.name : null);
    if (!heading) warnings.push(`${label}: no heading`);
    const byDate = new Map<string, AknStatuteVersion>();
    for (const t of texts) {
      if (!t.date) continue;
      const mine = (code ? t.byCode.get(code) : undefined) ?? (t.sections.length === main.length ? t.sections[index] : undefined);
      if (!mine) continue;
      const markup = sectionMarkup(mine.node, code ?? '0-000', `${label} of ${t.date}`, warnings);
      const event = changes.find((e) => e.date === t.date);
      if (changes.length && !event) warnings.push(`${label}: no lifecycle event on ${t.date}, the date of a version`);
      if (byDate.has(t.date)) warnings.push(`${label}: two versions dated ${t.date}; the later one in the file is kept`);
      byDate.set(t.date, { from: t.date, reason: event?.reason ?? 'imported from Akoma Ntoso', text: markup, ...(mine.heading ? { heading: mine.heading } : {}) });
    }
    const versions = [...byDate.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
    for (const e of changes) if (!byDate.has(e.date)) warnings.push(`${label}: the lifecycle event of ${e.date} has no text in the file, so that version is not imported`);
    if (versions.length === 0) warnings.push(`${label}: no version with a date: nothing to import`);
    return {
      code,
      heading,
      title: sec.title,
      versions,
      repealed: repeal ? { on: repeal.date, reason: repeal.reason ?? 'repealed' } : null,
    };
  });
  return { kind: 'act', frbr, statutes, sectionsAt: main.map((sec) => reading.at.of(sec.node.start)), expressionUris, label: readLabel(xml, [meta, ...componentActs.map((c) => child(c, 'meta'))], reading) };
}

// ---------- writing ----------

export interface StatuteForAkn {
  code: string;
  heading: string;
  title?: { number: number; heading: string } | null;
  /** Oldest first; each text is the whole statute markup of that version. */
  versions: readonly { from: string; reason: string; text: string; /** Its own heading (default: the statute's). */ heading?: string }[];
  repealed?: { on: string; reason: string } | null;
  /** Written in <proprietary> so that an import restores it (default: public). */
  label?: { classification: string; compartments: readonly string[] } | null;
}
export interface AknWriteOptions {
  /** Which version the body holds: the one in force on this date (default: the latest). */
  at?: string;
  /** The manifestation's date (when the file was made); default: the body version's date. Pure: the caller passes today. */
  generatedOn?: string;
}

type Out = Record<string, unknown>;
const el = (name: string, attrs: Record<string, string> | null, children: Out[] = []): Out => (attrs ? { [name]: children, ':@': attrs } : { [name]: children });
const txt = (s: string): Out => ({ '#text': s });
// Characters XML 1.0 cannot carry at all; statute text never needs them.
const xmlSafe = (s: string): string => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
const para = (s: string): Out => el('p', null, s ? [txt(xmlSafe(s))] : []);

function workUri(s: StatuteForAkn): string {
  return `/akn/${AKN_COUNTRY}/act/${s.versions[0]!.from}/${s.code}`;
}

function bodyOf(s: StatuteForAkn, text: StatuteText, prefix: string, heading: string): Out[] {
  const id = (eId: string) => ({ eId: prefix + eId });
  const hc = (name: string, eId: string, num: string, own: string, children: Out[]): Out =>
    el(name, id(eId), [
      el('num', null, [txt(num)]),
      ...(children.length ? [...(own ? [el('intro', null, [para(own)])] : []), ...children] : [el('content', null, [para(own)])]),
    ]);
  const subsections = text.subsections.map((sub) =>
    hc('subsection', sub.eId, `(${sub.num})`, sub.text, sub.paragraphs.map((p) =>
      hc('paragraph', p.eId, `(${p.num})`, p.text, p.items.map((i) => hc('item', i.eId, `(${i.num})`, i.text, []))))));
  const section = el('section', id(statuteEid(s.code)), [
    el('num', null, [txt(s.code)]),
    el('heading', null, [txt(xmlSafe(heading))]),
    ...(subsections.length
      ? [...(text.intro !== null ? [el('intro', id(introEid(s.code)), [para(text.intro)])] : []), ...subsections]
      : [el('content', text.intro !== null ? id(introEid(s.code)) : null, [para(text.intro ?? '')])]),
  ]);
  const title = s.title ? el('title', id(`title_${s.title.number}`), [el('num', null, [txt(`Title ${s.title.number}`)]), el('heading', null, [txt(xmlSafe(s.title.heading))]), section]) : section;
  return [el('body', null, [title])];
}

function identification(s: StatuteForAkn, versionDate: string, generatedOn: string): Out {
  const work = workUri(s);
  const expr = `${work}/${LANGUAGE}@${versionDate}`;
  return el('identification', { source: '#sandstone' }, [
    el('FRBRWork', null, [
      el('FRBRthis', { value: `${work}/!main` }), el('FRBRuri', { value: work }), el('FRBRdate', { date: s.versions[0]!.from, name: 'enactment' }),
      el('FRBRauthor', { href: '#council' }), el('FRBRcountry', { value: AKN_COUNTRY }), el('FRBRnumber', { value: s.code }), el('FRBRname', { value: xmlSafe(s.heading) }),
    ]),
    el('FRBRExpression', null, [
      el('FRBRthis', { value: `${expr}/!main` }), el('FRBRuri', { value: expr }), el('FRBRdate', { date: versionDate, name: 'version' }),
      el('FRBRauthor', { href: '#council' }), el('FRBRlanguage', { language: LANGUAGE }),
    ]),
    el('FRBRManifestation', null, [
      el('FRBRthis', { value: `${expr}/!main.xml` }), el('FRBRuri', { value: `${expr}.akn` }), el('FRBRdate', { date: generatedOn, name: 'generation' }),
      el('FRBRauthor', { href: '#sandstone' }),
    ]),
  ]);
}

/**
 * Writes a statute as an Akoma Ntoso 3.0 act: identification (Work/Expression/Manifestation),
 * a lifecycle event per version and for the repeal, references carrying the reasons, the body
 * at `at`, and every version as a component act. readAkn reads it back to the same statute.
 * Throws on a statute that cannot be written (no versions, or a version whose markup has errors):
 * stored statutes are well-formed, so that is a bug, not a user's mistake.
 */
export function statuteToAkn(s: StatuteForAkn, options: AknWriteOptions = {}): string {
  if (s.versions.length === 0) throw new Error(`statute ${s.code} has no versions to write`);
  const texts = s.versions.map((v) => {
    const { text, errors } = parseStatuteText(s.code, v.text);
    if (errors.length) throw new Error(`statute ${s.code}, version of ${v.from}: line ${errors[0]!.line}: ${errors[0]!.message}`);
    return text;
  });
  let shown = s.versions.length - 1;
  if (options.at) {
    const k = s.versions.findLastIndex((v) => v.from <= options.at!);
    shown = k < 0 ? 0 : k;
  }
  const shownDate = s.versions[shown]!.from;
  const generatedOn = options.generatedOn ?? shownDate;
  const work = workUri(s);
  const events: Out[] = [];
  const refs: Out[] = [];
  s.versions.forEach((v, k) => {
    const ref = `ref_${k + 1}`;
    events.push(el('eventRef', { eId: `evt_${k + 1}`, date: v.from, source: `#${ref}`, type: k === 0 ? 'generation' : 'amendment' }));
    refs.push(el(k === 0 ? 'original' : 'passiveRef', { eId: ref, href: `${work}/${LANGUAGE}@${v.from}`, showAs: xmlSafe(v.reason) }));
  });
  if (s.repealed) {
    const n = s.versions.length + 1;
    events.push(el('eventRef', { eId: `evt_${n}`, date: s.repealed.on, source: `#ref_${n}`, type: 'repeal' }));
    refs.push(el('passiveRef', { eId: `ref_${n}`, href: `${work}/!repeal`, showAs: xmlSafe(s.repealed.reason) }));
  }
  refs.push(
    el('TLCOrganization', { eId: 'council', href: `/ontology/organization/${AKN_COUNTRY}/council`, showAs: 'Council of the Hidden Sand' }),
    el('TLCOrganization', { eId: 'sandstone', href: `/ontology/organization/${AKN_COUNTRY}/sandstone`, showAs: 'Sandstone' }),
  );
  const components = s.versions.map((v, k) =>
    el('component', { eId: `cmp_${k + 1}` }, [
      el('act', { name: 'version' }, [el('meta', null, [identification(s, v.from, generatedOn)]), ...bodyOf(s, texts[k]!, `cmp_${k + 1}__`, v.heading ?? s.heading)]),
    ]));
  const doc = [
    el('?xml', { version: '1.0', encoding: 'UTF-8' }, [txt('')]),
    el('akomaNtoso', { xmlns: AKN_NAMESPACE }, [
      el('act', { name: 'statute', contains: s.versions.length > 1 ? 'singleVersion' : 'originalVersion' }, [
        el('meta', null, [
          identification(s, shownDate, generatedOn),
          el('lifecycle', { source: '#sandstone' }, events),
          el('references', { source: '#sandstone' }, refs),
          el('proprietary', { source: '#sandstone' }, [el('sandstone:label', {
            'xmlns:sandstone': SANDSTONE_AKN_NAMESPACE, classification: s.label?.classification ?? 'public', compartments: [...(s.label?.compartments ?? [])].sort().join(' '),
          })]),
        ]),
        ...bodyOf(s, texts[shown]!, '', s.versions[shown]!.heading ?? s.heading),
        el('components', null, components),
      ]),
    ]),
  ];
  const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', format: true, indentBy: '  ', suppressEmptyNode: true, processEntities: true });
  return builder.build(doc) as string;
}
