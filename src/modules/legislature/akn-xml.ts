// A small XML reader into the compact tree akn.ts walks, checking well-formedness as it goes. It
// replaces fast-xml-parser for reading: its validator and its generic ordered objects (which
// akn.ts then copied into this tree) cost, on a 20,000-section act, several times the reading
// itself, most of it in collecting the garbage of trees kept whole. Errors carry the offset;
// the caller turns it into a line and column.

/** An element: its name without namespace prefix, attributes (prefixes removed), children in order, and `els`, the children that are elements. */
export interface XNode {
  name: string; attrs: Record<string, string>; children: (XNode | string)[]; els: XNode[]; /** Offset of its `<` in the text. */ start: number;
  /** What a `digest` made of the element's content, which it then dropped. */
  digest?: unknown;
}

/**
 * Called as each element closes, with the open elements around it (outermost first): a node
 * returned takes the element's place in the tree. A reader that can use a part of the document
 * as soon as it is read (a statute's section) keeps what it made of it and lets the part go, so
 * the tree of a large file never lives whole (and the garbage collector does not copy it).
 */
export type Digest = (node: XNode, ancestors: readonly XNode[]) => XNode | null;

// XML's five, and the HTML names real files use without declaring them (as fast-xml-parser's htmlEntities did).
const NAMED: Record<string, string> = {
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'",
  nbsp: '\u00a0', copy: '\u00a9', reg: '\u00ae', sect: '\u00a7', para: '\u00b6', deg: '\u00b0', middot: '\u00b7', laquo: '\u00ab', raquo: '\u00bb',
  ndash: '\u2013', mdash: '\u2014', lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', hellip: '\u2026', bull: '\u2022', euro: '\u20ac', pound: '\u00a3', yen: '\u00a5', cent: '\u00a2',
  agrave: '\u00e0', aacute: '\u00e1', acirc: '\u00e2', auml: '\u00e4', egrave: '\u00e8', eacute: '\u00e9', ecirc: '\u00ea', euml: '\u00eb',
  igrave: '\u00ec', iacute: '\u00ed', icirc: '\u00ee', iuml: '\u00ef', ograve: '\u00f2', oacute: '\u00f3', ocirc: '\u00f4', ouml: '\u00f6',
  ugrave: '\u00f9', uacute: '\u00fa', ucirc: '\u00fb', uuml: '\u00fc', ccedil: '\u00e7', ntilde: '\u00f1', szlig: '\u00df',
  Agrave: '\u00c0', Aacute: '\u00c1', Egrave: '\u00c8', Eacute: '\u00c9', Igrave: '\u00cc', Ograve: '\u00d2', Ugrave: '\u00d9', Ccedil: '\u00c7', Ntilde: '\u00d1', Ouml: '\u00d6', Uuml: '\u00dc', Auml: '\u00c4',
};

/** Whether a code point is a character XML allows in a document (its Char production). */
const xmlChar = (cp: number): boolean =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

/**
 * Decodes character and entity references in one pass (so "&amp;lt;" is "&lt;", not "<"). A "&"
 * that starts no well-formed reference, a name neither XML's nor one of the HTML names real files
 * use, or a reference to a character XML does not allow, is refused at its offset (`at` is where s starts in the document): storing
 * "&bogus;" as law, or a NUL, would be worse than asking for the file to be mended. Entities a
 * doctype declares are not read (nor expanded: no entity bombs), so they are unknown names too.
 */
export function decodeEntities(s: string, at = 0): string {
  let i = s.indexOf('&');
  if (i < 0) return s;
  let out = '';
  let from = 0;
  for (; i >= 0; i = s.indexOf('&', from)) {
    REFERENCE.lastIndex = i;
    const m = REFERENCE.exec(s);
    if (!m) throw new XmlError(at + i, `"${s.slice(i, i + 12).split(/[\s<]/)[0]}" starts no reference: write &amp; for the character itself`, false);
    const [whole, hex, dec, name] = m;
    let ch: string;
    if (name !== undefined) {
      const known = NAMED[name];
      if (known === undefined) throw new XmlError(at + i, `unknown entity ${whole}: write the character itself (entities a doctype declares are not read)`, false);
      ch = known;
    } else {
      const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      if (!xmlChar(cp)) throw new XmlError(at + i, `${whole} refers to no character XML allows in a document`, false);
      ch = String.fromCodePoint(cp);
    }
    out += s.slice(from, i) + ch;
    from = REFERENCE.lastIndex;
  }
  return out + s.slice(from);
}
// A reference as XML writes it (a lower-case x for hexadecimal, a name of XML's name characters).
const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z_:][\w.:-]*));/y;

const localName = (qname: string): string => {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
};

// Shared by every element without attributes, or without element children: most of an act's
// elements (num, heading, p …) have neither, and half a million small objects kept alive cost
// more in garbage collection than reading them. Frozen, so a stray write fails loudly.
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_ELEMENTS: XNode[] = Object.freeze([]) as unknown as XNode[];

const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7\u00C0-\uFFFF]*/y;
const ATTRIBUTE = /\s+([^\s=/>"'<]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;
const END_TAG = /<\/([^\s>]+)\s*>/y;
const NOT_SPACE = /[^ \t\r\n]/g;

/**
 * Why a text is not well-formed XML, at `offset`. `truncated`: the text ends where more was
 * needed (inside a tag, a comment, or with elements open), as a file cut short does.
 */
export class XmlError extends Error {
  constructor(readonly offset: number, message: string, readonly truncated: boolean) {
    super(message);
    this.name = 'XmlError';
  }
}

/** The offset of `what` from `from`, or the text is cut short inside the construct started at `start`. */
function upTo(xml: string, what: string, from: number, start: number, construct: string): number {
  const at = xml.indexOf(what, from);
  if (at < 0) throw new XmlError(xml.length, `inside ${construct} that starts "${xml.slice(start, start + 40).split('\n')[0]}"`, true);
  return at;
}

function firstNonSpace(xml: string, from: number, to: number): number {
  NOT_SPACE.lastIndex = from;
  const m = NOT_SPACE.exec(xml);
  return m && m.index < to ? m.index : -1;
}

/**
 * The top-level nodes of an XML text (comments, processing instructions and the doctype are left
 * out), checking as it reads that the text is well formed: every end tag closes the element open,
 * tags and attributes have their shape, an attribute is not given twice, nothing but space and
 * comments stands outside the one root element, and the text does not end with anything open.
 * Throws an XmlError at the first problem.
 */
export function readXmlTree(xml: string, digest?: Digest): XNode[] {
  const top: XNode = { name: '#document', attrs: {}, children: [], els: [], start: 0 };
  const stack: XNode[] = [top];
  // The open elements' names as written (with their prefixes): an end tag must repeat one exactly.
  const qnames: string[] = [];
  let cur = top;
  let rootClosed = false;
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (cur !== top) cur.children.push(decodeEntities(xml.slice(i, textEnd), i));
      else {
        const junk = firstNonSpace(xml, i, textEnd);
        if (junk >= 0) throw new XmlError(junk, `text ${rootClosed ? 'after' : 'before'} the root element: "${xml.slice(junk, Math.min(textEnd, junk + 30)).trim()}"`, false);
      }
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) { i = upTo(xml, '-->', lt + 4, lt, 'a comment') + 3; continue; }
      if (xml.startsWith('<![CDATA[', lt)) {
        if (cur === top) throw new XmlError(lt, 'a CDATA section outside the root element', false);
        const e = upTo(xml, ']]>', lt + 9, lt, 'a CDATA section');
        cur.children.push(xml.slice(lt + 9, e));
        i = e + 3;
        continue;
      }
      if (!xml.startsWith('<!DOCTYPE', lt) || cur !== top) {
        if (lt + 9 >= n) throw new XmlError(n, 'inside a tag', true);
        throw new XmlError(lt, `"${xml.slice(lt, lt + 12)}" is neither a comment, a CDATA section nor a doctype`, false);
      }
      // A doctype, with an internal subset in brackets maybe.
      const bracket = xml.indexOf('[', lt);
      const close = upTo(xml, '>', lt, lt, 'the doctype');
      i = upTo(xml, '>', bracket >= 0 && bracket < close ? upTo(xml, ']', bracket, lt, 'the doctype') : lt, lt, 'the doctype') + 1;
      continue;
    }
    if (c === 63 /* ? */) { i = upTo(xml, '?>', lt + 2, lt, 'a processing instruction') + 2; continue; }
    if (c === 47 /* / */) {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(xml);
      if (!m) {
        upTo(xml, '>', lt, lt, 'the end tag');
        throw new XmlError(lt, `malformed end tag "${xml.slice(lt, xml.indexOf('>', lt) + 1)}"`, false);
      }
      const open = qnames.pop();
      if (open === undefined) throw new XmlError(lt, `end tag '${m[1]}' closes no open element`, false);
      if (open !== m[1]) throw new XmlError(lt, `end tag '${m[1]}' does not close the open element '${open}'`, false);
      const closed = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      if (digest) {
        const replacement = digest(closed, stack);
        // The element just closed is its parent's last child.
        if (replacement) parent.children[parent.children.length - 1] = parent.els[parent.els.length - 1] = replacement;
      }
      cur = parent;
      if (cur === top) rootClosed = true;
      i = END_TAG.lastIndex;
      continue;
    }
    NAME.lastIndex = lt + 1;
    const name = NAME.exec(xml);
    if (!name) {
      if (lt + 1 >= n) throw new XmlError(n, 'inside a tag', true);
      throw new XmlError(lt, `"<" is not followed by a tag name ("${xml.slice(lt, lt + 12).split('\n')[0]}"); a "<" in text is written &lt;`, false);
    }
    if (rootClosed) throw new XmlError(lt, `a second root element '${name[0]}': a document has one`, false);
    let attrs = NO_ATTRS;
    let at = NAME.lastIndex;
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const a = ATTRIBUTE.exec(xml);
      if (!a) break;
      const local = localName(a[1]!);
      if (attrs === NO_ATTRS) attrs = {};
      else if (local in attrs && xml.slice(lt, at).includes(` ${a[1]}=`)) throw new XmlError(lt, `attribute '${a[1]}' is given twice in <${name[0]}>`, false);
      // The value starts after its quote: the match ends with the value and its closing quote.
      const value = a[2] ?? a[3] ?? '';
      attrs[local] = decodeEntities(value, ATTRIBUTE.lastIndex - 1 - value.length);
      at = ATTRIBUTE.lastIndex;
    }
    TAG_END.lastIndex = at;
    const end = TAG_END.exec(xml);
    if (!end) {
      upTo(xml, '>', at, lt, 'the tag');
      throw new XmlError(at, `malformed start tag <${name[0]}>: expected name="value", ">" or "/>" at "${xml.slice(at, at + 20).split('\n')[0]!.trim()}"`, false);
    }
    const node: XNode = { name: localName(name[0]), attrs, children: [], els: NO_ELEMENTS, start: lt };
    cur.children.push(node);
    if (cur.els === NO_ELEMENTS) cur.els = [node];
    else cur.els.push(node);
    i = TAG_END.lastIndex;
    if (end[1] !== '/') {
      stack.push(node);
      qnames.push(name[0]);
      cur = node;
    } else if (cur === top) rootClosed = true;
  }
  if (qnames.length) throw new XmlError(n, `with ${qnames.map((q) => `<${q}>`).join(', ')} still open`, true);
  if (top.els.length === 0) throw new XmlError(n, 'no root element', false);
  return top.els;
}
