// Importing Akoma Ntoso files: what the checks refuse (with file, line and column) before anything is
// written, and, on both databases, acts and bills stored all or nothing, idempotently, round trips.
import { describe, it, expect } from 'vitest';
import { readAknFile } from './akn-check.ts';
import { statuteToAkn, AKN_NAMESPACE } from './akn.ts';
import { generateAct } from './testing/akn-corpus.ts';

const lineOf = (xml: string, needle: string) => xml.slice(0, xml.indexOf(needle)).split('\n').length;

const STATUTE = {
  code: '14-203',
  heading: 'Extradition of deserters',
  title: { number: 14, heading: 'Extradition and transfer of prisoners' },
  versions: [
    { from: '2010-01-01', reason: 'enacted by the Council', text: '(1) A deserter may be returned.' },
    { from: '2015-03-01', reason: 'consolidation: "deserter" defined', text: 'In this section:\n(1) A deserter may be returned.\n(2) A deserter is:\n  (a) a shinobi who left;\n    (i) without leave.' },
  ],
  repealed: { on: '2020-06-01', reason: 'repealed by section 14-210' },
};

describe('readAknFile: what an import takes from a file', () => {
  it('maps an exported statute to the store: title from its code, every version made by its FRBR expression', () => {
    const r = readAknFile('x.xml', statuteToAkn(STATUTE, { generatedOn: '2026-12-01' }));
    if (!r.ok) throw new Error(r.problems[0]!.message);
    expect(r.content.statutes.map((s) => s.statute)).toEqual([{
      code: '14-203', heading: 'Extradition of deserters', titleNumber: 14, titleHeading: 'Extradition and transfer of prisoners',
      versions: [
        { from: '2010-01-01', reason: 'enacted by the Council', markup: STATUTE.versions[0]!.text, madeBy: { kind: 'import', ref: '/akn/xs/act/2010-01-01/14-203/eng@2010-01-01' } },
        { from: '2015-03-01', reason: 'consolidation: "deserter" defined', markup: STATUTE.versions[1]!.text, madeBy: { kind: 'import', ref: '/akn/xs/act/2010-01-01/14-203/eng@2015-03-01' } },
      ],
      repealed: STATUTE.repealed,
    }]);
    expect(r.content.warnings).toEqual([]);
  });

  it('gives each statute of a many-section act the line its section starts on', () => {
    const g = generateAct(900, 3);
    const r = readAknFile('code.xml', g.xml);
    if (!r.ok) throw new Error(r.problems[0]!.message);
    expect(r.content.statutes.map((s) => s.statute.code)).toEqual(g.codes);
    expect(r.content.statutes.map((s) => s.statute.titleNumber)).toEqual(g.codes.map((c) => Number(c.split('-')[0])));
    const last = r.content.statutes.at(-1)!;
    expect(last.at.line).toBe(lineOf(g.xml, `<section eId="sec_${last.statute.code}"`));
    expect(last.at.column).toBe(1);
  });

  it('refuses a truncated file, naming the line where it ends, wherever the cut falls (in a tag, in text, between tags)', () => {
    const xml = statuteToAkn(STATUTE);
    for (const fraction of [0.5, 0.13, 0.29, 0.41, 0.66, 0.77, 0.9, 0.97]) {
      const cut = xml.slice(0, Math.floor(xml.length * fraction));
      const r = readAknFile('cut.xml', cut);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0], `cut at ${fraction}: …${cut.slice(-30)}`).toMatchObject({ file: 'cut.xml', line: cut.split('\n').length, message: expect.stringMatching(/the file looks truncated$/) });
    }
  });

  it('refuses a section without a statute code, and one without a heading, where they are', () => {
    const xml = `<akomaNtoso xmlns="${AKN_NAMESPACE}"><act><meta><identification source="#x"><FRBRExpression><FRBRdate date="2020-01-01" name="v"/></FRBRExpression></identification></meta>
<body>
  <section eId="sec_3-101"><num>3-101</num><heading>Sittings</heading><content><p>The Council sits.</p></content></section>
  <section><num>Article the first</num><heading>Odd</heading><content><p>No code.</p></content></section>
    <section eId="sec_3-102"><num>3-102</num><content><p>No heading.</p></content></section>
</body></act></akomaNtoso>`;
    const r = readAknFile('odd.xml', xml);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { file: 'odd.xml', line: 4, column: 3, message: expect.stringMatching(/^section 2 of the act has no statute code \(T-S\)/) },
      { file: 'odd.xml', line: 5, column: 5, message: 'statute 3-102 has no <heading>' },
    ]);
  });

  it('refuses a date that is not a date (the lenient reader would guess another), in the FRBR ids or the lifecycle', () => {
    const xml = statuteToAkn(STATUTE)
      .replace('<FRBRdate date="2015-03-01" name="version"/>', '<FRBRdate date="2015-02-30" name="version"/>')
      .replace('date="2020-06-01"', 'date="2020-6-1"');
    const r = readAknFile('dates.xml', xml);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(expect.arrayContaining([
      { file: 'dates.xml', line: lineOf(xml, '<FRBRdate date="2015-02-30"'), column: expect.any(Number), message: '<FRBRExpression> FRBRdate "2015-02-30" is not a date (YYYY-MM-DD)' },
      { file: 'dates.xml', line: lineOf(xml, 'date="2020-6-1"'), column: expect.any(Number), message: 'lifecycle event evt_3 date "2020-6-1" is not a date (YYYY-MM-DD)' },
    ]));
  });

  it('refuses a statute twice in one file, and a repeal that is not after the last version', () => {
    const sec = (code: string) => `<section eId="sec_${code}"><num>${code}</num><heading>H</heading><content><p>T.</p></content></section>`;
    const xml = `<akomaNtoso xmlns="${AKN_NAMESPACE}"><act><meta><identification source="#x"><FRBRExpression><FRBRdate date="2020-01-01" name="v"/></FRBRExpression></identification>
<lifecycle source="#x"><eventRef date="2020-01-01" type="generation" source="#a"/><eventRef date="2019-01-01" type="repeal" source="#b"/></lifecycle></meta><body>
${sec('3-101')}
${sec('3-101')}
</body></act></akomaNtoso>`;
    const r = readAknFile('twice.xml', xml);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'statute 3-101 is repealed on 2019-01-01, which is not after its latest version of 2020-01-01'],
      [4, 'statute 3-101 appears twice in the file (first at line 3)'],
      [4, 'statute 3-101 is repealed on 2019-01-01, which is not after its latest version of 2020-01-01'],
    ]);
  });
});
