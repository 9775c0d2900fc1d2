// The small XML reader behind readAkn: names without prefixes, entities decoded once, positions of elements.
import { describe, it, expect } from 'vitest';
import { readXmlTree, decodeEntities, type XNode } from './akn-xml.ts';

const text = (n: XNode): string => n.children.map((c) => (typeof c === 'string' ? c : text(c))).join('');

describe('readXmlTree', () => {
  it('reads elements, attributes and text in order, dropping namespace prefixes, comments, PIs and the doctype', () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE a [ <!ENTITY x "y"> ]>\n<!-- c -->\n<an:a xmlns:an="urn:x" an:id='one' b="two"><an:b/>t<!-- not text --><c x="1">u<![CDATA[<v>&amp;]]></c></an:a>`;
    const [a] = readXmlTree(xml);
    expect(a!.name).toBe('a');
    expect(a!.attrs).toMatchObject({ id: 'one', b: 'two' });
    expect(a!.els.map((e) => e.name)).toEqual(['b', 'c']);
    expect(a!.children.map((c) => (typeof c === 'string' ? c : `<${c.name}>`))).toEqual(['<b>', 't', '<c>']);
    expect(text(a!.els[1]!)).toBe('u<v>&amp;');
    // The offset of each element's "<": line 4, the first character.
    expect(a!.start).toBe(xml.indexOf('<an:a'));
    expect(a!.els[1]!.start).toBe(xml.indexOf('<c '));
  });

  it('decodes character and entity references once, in text and attributes, and keeps unknown names as written', () => {
    expect(decodeEntities('a &amp;lt; b &lt; c &#233;&#x41; &eacute;&nbsp;&bogus;')).toBe('a &lt; b < c éA é\u00a0&bogus;');
    const [p] = readXmlTree('<p t="&quot;x&quot; &amp;amp;">&lt;b&gt; a&amp;b</p>');
    expect(p!.attrs.t).toBe('"x" &amp;');
    expect(p!.children).toEqual(['<b> a&b']);
  });

  it('never loops on a text that is not well formed', () => {
    expect(() => readXmlTree('<a><!-- open')).toThrow(/comment not closed/);
    expect(() => readXmlTree('<a b="1"')).toThrow(/not closed/);
    expect(readXmlTree('<a><b>')[0]!.els[0]!.name).toBe('b');
  });
});
