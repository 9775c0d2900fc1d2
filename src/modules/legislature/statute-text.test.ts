// The statute markup: known answers, every error with its line, and render/parse round trips.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseStatuteText, renderStatuteText, findSubdivision, plainText, subdivisionsOf, subdivisionEid } from './statute-text.ts';
import { statuteTextArb } from './testing/statutes.ts';

const SAMPLE = [
  'A deserter may be returned to the village that trained them.',
  '(1) The Kazekage may request the extradition of a deserter',
  'from any village bound by treaty.',
  '(2) A request under subsection (1) must state:',
  '  (a) the name of the deserter;',
  '  (b) the offences charged, being:',
  '    (i) desertion;',
  '    (ii) theft of village secrets; and',
  '',
  '  (c) the evidence relied on.',
  '(2A) Section 14-204 applies to transfers.',
].join('\n');

describe('parseStatuteText', () => {
  it('reads intro, subsections, paragraphs and items with their eIds', () => {
    const { text, errors } = parseStatuteText('14-203', SAMPLE);
    expect(errors).toEqual([]);
    expect(text.intro).toBe('A deserter may be returned to the village that trained them.');
    expect(text.subsections.map((s) => s.num)).toEqual(['1', '2', '2A']);
    expect(text.subsections[0]!.text).toBe('The Kazekage may request the extradition of a deserter from any village bound by treaty.');
    expect(text.subsections[1]!.paragraphs.map((p) => p.eId)).toEqual(['sec_14-203__subsec_2__para_a', 'sec_14-203__subsec_2__para_b', 'sec_14-203__subsec_2__para_c']);
    expect(text.subsections[1]!.paragraphs[1]!.items.map((i) => i.eId)).toEqual(['sec_14-203__subsec_2__para_b__item_i', 'sec_14-203__subsec_2__para_b__item_ii']);
    expect(text.subsections[2]!.eId).toBe('sec_14-203__subsec_2A');
  });

  it('tells the paragraph (i) from the item (i) by its column', () => {
    const { text, errors } = parseStatuteText('1-101', '(1) x\n  (h) h\n    (i) item i\n  (i) para i');
    expect(errors).toEqual([]);
    expect(text.subsections[0]!.paragraphs.map((p) => p.num)).toEqual(['h', 'i']);
    expect(text.subsections[0]!.paragraphs[0]!.items[0]!.num).toBe('i');
  });

  it('text in parentheses with spaces is ordinary text, not a marker', () => {
    const { text, errors } = parseStatuteText('1-101', '(1) The envoy\n(as defined in section 4-101) may enter.');
    expect(errors).toEqual([]);
    expect(text.subsections[0]!.text).toBe('The envoy (as defined in section 4-101) may enter.');
  });

  it('reports every problem with its line, and keeps going', () => {
    const { text, errors } = parseStatuteText('1-101', [
      '  (a) too early',         // 1: paragraph before any subsection
      '(1) first',               // 2
      '    (i) orphan item',     // 3: item without a paragraph
      '   (b) odd column',       // 4: bad indentation
      '  (2) numbered as a subsection but indented', // 5
      '(1) again',               // 6: duplicate
      '  (a) fine',              // 7
      '  (a) twice',             // 8: duplicate paragraph
      '    (q) not roman',       // 9
      '\t(b) tab',               // 10
    ].join('\n'));
    expect(errors.map((e) => e.line)).toEqual([1, 3, 4, 5, 6, 8, 9, 10, 10]);
    expect(errors[0]!.message).toMatch(/paragraph \(a\) comes before any subsection/);
    expect(errors[1]!.message).toMatch(/item \(i\) is under subsection \(1\), which has no paragraph/);
    expect(errors[2]!.message).toMatch(/\(b\) starts at column 3: a paragraph marker starts at column 2/);
    expect(errors[3]!.message).toMatch(/\(2\) at column 2 is a paragraph.*looks like a subsection, which starts at column 0/);
    expect(errors[4]!.message).toMatch(/subsection \(1\) appears twice \(first on line 2\)/);
    expect(errors[5]!.message).toMatch(/paragraph \(a\) in \(1\) appears twice \(first on line 7\)/);
    expect(errors[6]!.message).toMatch(/\(q\) at column 4 is a item, numbered with lowercase roman numerals/);
    expect(errors[7]!.message).toMatch(/tab/);
    // What it understood is still there.
    expect(text.subsections.map((s) => s.num)).toEqual(['1', '1']);
  });

  it('finds a subdivision by citation path and gives its plain text', () => {
    const { text } = parseStatuteText('14-203', SAMPLE);
    expect(findSubdivision(text, ['2', 'b'])?.eId).toBe('sec_14-203__subsec_2__para_b');
    expect(findSubdivision(text, ['2', 'b', 'ii'])?.text).toBe('theft of village secrets; and');
    expect(findSubdivision(text, ['2', 'z'])).toBeNull();
    expect(findSubdivision(text, ['9'])).toBeNull();
    expect(plainText(text, ['2', 'b'])).toBe('(b) the offences charged, being:\n(i) desertion;\n(ii) theft of village secrets; and');
    expect(plainText(text, ['7'])).toBeNull();
    expect(plainText(text)!.split('\n')[0]).toBe('A deserter may be returned to the village that trained them.');
    expect(subdivisionEid('14-203', ['2', 'b', 'iii'])).toBe('sec_14-203__subsec_2__para_b__item_iii');
    expect(subdivisionsOf(text)[0]!.eId).toBe('sec_14-203__intro');
  });
});

describe('render and parse', () => {
  it('parse(render(s)) equals s for random structures', () => {
    fc.assert(fc.property(statuteTextArb('3-101'), (s) => {
      const { text, errors } = parseStatuteText('3-101', renderStatuteText(s));
      expect(errors).toEqual([]);
      expect(text).toEqual(s);
    }));
  });

  it('render(parse(x)) is parse-stable for any line soup', () => {
    const line = fc.oneof(
      fc.tuple(fc.constantFrom('', ' ', '  ', '   ', '    ', '\t'), fc.constantFrom('(1)', '(2)', '(2A)', '(a)', '(b)', '(i)', '(ii)', '(x)', '(B)', '(1', 'x)'), fc.constantFrom('', ' ', ' text', '  more (a) words', '\ttabbed')).map((p) => p.join('')),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
      const once = parseStatuteText('9-900', lines.join('\n')).text;
      const twice = parseStatuteText('9-900', renderStatuteText(once)).text;
      expect(twice).toEqual(once);
    }));
  });
});
