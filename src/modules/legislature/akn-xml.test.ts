// The small XML reader behind readAkn: names without prefixes, entities decoded once, positions of elements.
import { describe, it, expect } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { readXmlTree, decodeEntities, XmlError, type XNode } from './akn-xml.ts';

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

  it('decodes character and entity references once, in text and attributes; refuses unknown names and characters XML does not allow, where they are', () => {
    expect(decodeEntities('a &amp;lt; b &lt; c &#233;&#x41; &eacute;&nbsp;&#x1F600;')).toBe('a &lt; b < c éA é\u00a0\u{1F600}');
    const refused = (xml: string) => { try { readXmlTree(xml); } catch (e) { if (e instanceof XmlError) return [e.offset, e.message]; throw e; } return null; };
    expect(refused('<p>the deserter&bogus;s village</p>')).toEqual([15, 'unknown entity &bogus;: write the character itself (entities a doctype declares are not read)']);
    expect(refused('<!DOCTYPE p [<!ENTITY lol "lol">]>\n<p>&lol;</p>')).toEqual([38, 'unknown entity &lol;: write the character itself (entities a doctype declares are not read)']);
    expect(refused('<p t="x &#0;">a</p>')).toEqual([8, '&#0; refers to no character XML allows in a document']);
    expect(refused('<p>&#x110000;</p>')).toEqual([3, '&#x110000; refers to no character XML allows in a document']);
    expect(refused('<p>&#xD800;</p>')).toEqual([3, '&#xD800; refers to no character XML allows in a document']);
    expect(refused('<p>&#x9;&#xFFFD;&#x10FFFF;</p>')).toBeNull();
    // Any other "&": a name XML allows but no one knows, or no reference at all.
    expect(refused('<p>a&bo-gus;b</p>')).toEqual([4, 'unknown entity &bo-gus;: write the character itself (entities a doctype declares are not read)']);
    for (const text of ['&#X4A;', '&#;', '&#x;', '&;', 'salt & water', '&ñame;', '&amp']) {
      const r = refused(`<p>${text}</p>`);
      expect(r?.[0], text).toBe(3 + text.indexOf('&'));
      expect(r?.[1], text).toMatch(/starts no reference: write &amp; for the character itself$/);
    }
    expect(readXmlTree('<p><![CDATA[a & b &bogus;]]> &amp;bogus;</p>')[0]!.children).toEqual(['a & b &bogus;', ' &bogus;']);
    const [p] = readXmlTree('<p t="&quot;x&quot; &amp;amp;">&lt;b&gt; a&amp;b</p>');
    expect(p!.attrs.t).toBe('"x" &amp;');
    expect(p!.children).toEqual(['<b> a&b']);
  });

  it('refuses what is not well formed, at the offset of the problem, telling a text cut short from a malformed one', () => {
    const fails = (xml: string) => {
      try {
        readXmlTree(xml);
      } catch (e) {
        if (e instanceof XmlError) return { offset: e.offset, truncated: e.truncated, message: e.message };
        throw e;
      }
      throw new Error(`read without an error: ${xml}`);
    };
    expect(fails('<a>\n  <b></c>\n</a>')).toEqual({ offset: 9, truncated: false, message: "end tag 'c' does not close the open element 'b'" });
    expect(fails('<x:a><a></a></x:b>')).toMatchObject({ offset: 12, truncated: false });
    expect(fails('<a><b>text')).toEqual({ offset: 10, truncated: true, message: 'with <a>, <b> still open' });
    expect(fails('<a><!-- open')).toMatchObject({ offset: 12, truncated: true, message: expect.stringMatching(/^inside a comment/) });
    expect(fails('<a><b c="1')).toMatchObject({ offset: 10, truncated: true });
    expect(fails('<a b="1" b="2"/>')).toMatchObject({ truncated: false, message: "attribute 'b' is given twice in <a>" });
    expect(fails('<a b=1/>')).toMatchObject({ offset: 2, truncated: false });
    expect(fails('<a>1 < 2</a>')).toMatchObject({ offset: 5, truncated: false });
    expect(fails('not xml')).toMatchObject({ offset: 0, truncated: false });
    expect(fails('<a/><b/>')).toMatchObject({ offset: 4, message: "a second root element 'b': a document has one" });
    expect(fails('<a/> trailing')).toMatchObject({ offset: 5, message: expect.stringMatching(/^text after the root element/) });
    expect(fails('  ')).toMatchObject({ message: 'no root element' });
  });

  it('agrees with fast-xml-parser\'s validator on every prefix of a document: only the whole is well formed', () => {
    const xml = '<?xml version="1.0"?>\n<!-- a -->\n<r a="1" b=\'x &amp; y\'>\n  <s:t xmlns:s="urn:s">x<i>y</i>z</s:t>\n  <![CDATA[<raw>]]>\n  <e/>\n</r>\n';
    for (let cut = 1; cut <= xml.length; cut++) {
      const text = xml.slice(0, cut);
      let mine = true;
      try { readXmlTree(text); } catch (e) { if (!(e instanceof XmlError)) throw e; mine = false; }
      expect(mine, JSON.stringify(text)).toBe(XMLValidator.validate(text) === true);
    }
  });
});
