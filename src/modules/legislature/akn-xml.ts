// A small reader of well-formed XML into the compact tree akn.ts walks. It replaces
// fast-xml-parser's parse for reading: that builds a generic ordered object per node (and akn.ts
// then copied it into this tree), and for a 20,000-section act the garbage of the two trees cost
// more than the parsing itself. Well-formedness is checked before (XMLValidator, whose messages
// name the line and column); this reader trusts it, but never loops or reads past the end on a
// text that is not.

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
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));/g;

/** Decodes character and entity references in one pass (so "&amp;lt;" is "&lt;", not "<"); an unknown name stays as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

const localName = (qname: string): string => {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
};

// Shared by every element without attributes, or without element children: most of an act's
// elements (num, heading, p …) have neither, and half a million small objects kept alive cost
// more in garbage collection than reading them. Frozen, so a stray write fails loudly.
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_ELEMENTS: XNode[] = Object.freeze([]) as unknown as XNode[];

const NAME = /[^\s/>]+/y;
const ATTRIBUTE = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /\s*(\/?)>/y;

class XmlShapeError extends Error {}
const expect = (found: number, what: string, at: number): number => {
  if (found < 0) throw new XmlShapeError(`${what} not closed (from offset ${at})`);
  return found;
};

/**
 * The top-level nodes of a well-formed XML text (text outside the root element, comments,
 * processing instructions and the doctype are left out). Throws when the text is not well formed
 * in a way that stops the reading.
 */
export function readXmlTree(xml: string, digest?: Digest): XNode[] {
  const top: XNode = { name: '#document', attrs: {}, children: [], els: [], start: 0 };
  const stack: XNode[] = [top];
  let cur = top;
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && cur !== top) cur.children.push(decodeEntities(xml.slice(i, textEnd)));
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) { i = expect(xml.indexOf('-->', lt + 4), 'comment', lt) + 3; continue; }
      if (xml.startsWith('<![CDATA[', lt)) {
        const e = expect(xml.indexOf(']]>', lt + 9), 'CDATA section', lt);
        if (cur !== top) cur.children.push(xml.slice(lt + 9, e));
        i = e + 3;
        continue;
      }
      // A doctype, with an internal subset in brackets maybe.
      const bracket = xml.indexOf('[', lt);
      const close = xml.indexOf('>', lt);
      i = bracket >= 0 && bracket < close ? expect(xml.indexOf(']', bracket), 'doctype', lt) : lt;
      i = expect(xml.indexOf('>', i), 'doctype', lt) + 1;
      continue;
    }
    if (c === 63 /* ? */) { i = expect(xml.indexOf('?>', lt + 2), 'processing instruction', lt) + 2; continue; }
    if (c === 47 /* / */) {
      i = expect(xml.indexOf('>', lt + 2), 'end tag', lt) + 1;
      if (stack.length > 1) {
        const closed = stack.pop()!;
        if (digest) {
          const replacement = digest(closed, stack);
          const parent = stack[stack.length - 1]!;
          // The element just closed is its parent's last child.
          if (replacement) parent.children[parent.children.length - 1] = parent.els[parent.els.length - 1] = replacement;
        }
      }
      cur = stack[stack.length - 1]!;
      continue;
    }
    NAME.lastIndex = lt + 1;
    const name = NAME.exec(xml);
    if (!name) throw new XmlShapeError(`a "<" without a tag name at offset ${lt}`);
    let attrs = NO_ATTRS;
    let at = NAME.lastIndex;
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const a = ATTRIBUTE.exec(xml);
      if (!a) break;
      if (attrs === NO_ATTRS) attrs = {};
      attrs[localName(a[1]!)] = decodeEntities(a[2] ?? a[3] ?? '');
      at = ATTRIBUTE.lastIndex;
    }
    TAG_END.lastIndex = at;
    const end = TAG_END.exec(xml);
    if (!end) throw new XmlShapeError(`the start tag <${name[0]}> at offset ${lt} is not closed`);
    const node: XNode = { name: localName(name[0]), attrs, children: [], els: NO_ELEMENTS, start: lt };
    cur.children.push(node);
    if (cur.els === NO_ELEMENTS) cur.els = [node];
    else cur.els.push(node);
    i = TAG_END.lastIndex;
    if (end[1] !== '/') {
      stack.push(node);
      cur = node;
    }
  }
  return top.els;
}
