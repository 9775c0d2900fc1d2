// Akoma Ntoso in and out: a real Italian Senate bill, lenient reading of odd acts, clear errors, and export → import round trips.
import fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readAkn, statuteToAkn, AKN_NAMESPACE, type AknAct, type AknBill } from './akn.ts';
import { realDataFile } from '../../kernel/testing/real-data.ts';
import { statuteArb } from './testing/statutes.ts';

const ITALIAN = realDataFile('00698310-ft.akn.xml');

describe('readAkn: a real bill (Italian Senate, draft namespace, id instead of eId)', () => {
  it.skipIf(!ITALIAN)('reads its title, FRBR ids and two articles, with warnings for what is odd', () => {
    const r = readAkn(fs.readFileSync(ITALIAN!, 'utf8'));
    if (!r.ok) throw new Error(r.error.message);
    const bill = r.document as AknBill;
    expect(bill.kind).toBe('bill');
    expect(bill.title).toBe('Riforma della geografia giudiziaria');
    expect(bill.frbr.work).toMatchObject({ uri: 'it/Ddl/2013-01-22/3', date: '2013-01-22', number: '3', country: 'ita', this: null });
    expect(bill.frbr.expression).toMatchObject({ uri: 'it/Ddl/2013-01-22/3/ita@2013-01-22/main', language: 'it' });
    expect(bill.frbr.manifestation.uri).toBe('it/Ddl/2013-01-22/3/ita@2013-01-22/main.xml');
    expect(bill.articles.map((a) => [a.eId, a.num, a.paragraphs.length])).toEqual([['w1ab1ab3b1', 'Art. 1.', 1], ['w1ab1ab3b2', 'Art. 2.', 2]]);
    const [one, two] = bill.articles;
    expect(one!.paragraphs[0]!.text.split('\n')[0]).toBe("L'articolo 1, comma 2, della legge 14 settembre 2011, n. 148, è sostituito dal seguente:");
    expect(one!.text).toContain('c) procedere alla soppressione delle sezioni distaccate di tribunale');
    expect(two!.paragraphs[1]).toMatchObject({ eId: 'w1ab1ab3b2b2', num: '2.' });
    expect(two!.paragraphs[1]!.text).toMatch(/^La presente legge entra in vigore .* nella Gazzetta Ufficiale/);
    // The attached report's text is not an article.
    expect(bill.articles.some((a) => a.text.includes('Onorevoli senatori'))).toBe(false);
    expect(r.warnings).toContain(`namespace http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD02 is not the Akoma Ntoso 3.0 one (${AKN_NAMESPACE}): read as 3.0`);
    expect(r.warnings).toContain('<FRBRWork> has no FRBRthis value');
  });

  it.skipIf(!ITALIAN)('a truncated copy is an error naming where it ends, not a half-read bill', () => {
    const xml = fs.readFileSync(ITALIAN!, 'utf8');
    const cut = xml.slice(0, xml.indexOf('<an:article id="w1ab1ab3b2">'));
    const r = readAkn(cut);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = cut.split('\n');
    expect(r.error.line).toBe(lines.length);
    expect(r.error.message).toMatch(/ends at line \d+, column \d+ with <.*> still open: the file looks truncated/);
  });
});

describe('readAkn: errors', () => {
  it('names the line and column of malformed XML', () => {
    const r = readAkn('<akomaNtoso>\n  <act>\n    <body></bdy>\n  </act>\n</akomaNtoso>');
    expect(r).toMatchObject({ ok: false, error: { line: 3, column: 11 } });
    if (!r.ok) expect(r.error.message).toMatch(/^malformed XML at line 3, column 11: .*'body'/);
  });
  it('refuses an empty file, a file that is not Akoma Ntoso, and document types it does not import', () => {
    expect(readAkn('  ')).toMatchObject({ ok: false, error: { line: 1, message: expect.stringMatching(/empty/) } });
    expect(readAkn('<?xml version="1.0"?>\n<html><body/></html>')).toMatchObject({ ok: false, error: { line: 2, column: 1, message: expect.stringMatching(/root element is <html>/) } });
    expect(readAkn(`<akomaNtoso xmlns="${AKN_NAMESPACE}">\n<judgment name="x"/></akomaNtoso>`)).toMatchObject({ ok: false, error: { line: 2, message: expect.stringMatching(/<judgment> documents are not imported/) } });
    expect(readAkn('not xml at all')).toMatchObject({ ok: false, error: { line: 1 } });
  });
});

describe('readAkn: lenient with acts written elsewhere', () => {
  const ODD_ACT = `<?xml version="1.0"?>
<akn:akomaNtoso xmlns:akn="http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD03">
  <akn:act>
    <akn:meta>
      <akn:identification source="#x">
        <akn:FRBRWork><akn:FRBRuri value="/akn/xs/act/2001-05-01/3-101"/><akn:FRBRdate date="2001-05-01" name="enactment"/><akn:FRBRnumber value="3-101"/></akn:FRBRWork>
        <akn:FRBRExpression><akn:FRBRdate date="2009-09-09T00:00:00Z" name="x"/></akn:FRBRExpression>
      </akn:identification>
      <akn:lifecycle source="#x">
        <akn:eventRef id="e1" date="2001-05-01" source="#o" type="generation"/>
        <akn:eventRef id="e2" date="2009-09-09" source="#a1" type="amendment"/>
      </akn:lifecycle>
      <akn:references source="#x">
        <akn:original id="o" href="/x" showAs="enacted by the first Council"/>
        <akn:passiveRef id="a1" href="/y" showAs="amended after the &lt;flood&gt;"/>
      </akn:references>
    </akn:meta>
    <akn:body>
      <akn:chapter id="chp_1">
        <akn:section id="s1">
          <akn:num>§ 3-101.</akn:num>
          <akn:heading>Sessions of the   Council</akn:heading>
          <akn:subsection id="s1-1"><akn:num>1.</akn:num><akn:content><akn:p>The Council meets
             at <akn:i>dawn</akn:i>.</akn:p></akn:content></akn:subsection>
          <akn:subsection id="s1-2"><akn:num>2.</akn:num>
            <akn:intro><akn:p>It may sit:</akn:p></akn:intro>
            <akn:paragraph><akn:num>a)</akn:num><akn:content><akn:p>in the tower;</akn:p></akn:content></akn:paragraph>
            <akn:paragraph><akn:num>1.1</akn:num><akn:content><akn:p>in the hall.</akn:p></akn:content></akn:paragraph>
            <akn:wrapUp><akn:p>as the Kazekage decides.</akn:p></akn:wrapUp>
          </akn:subsection>
        </akn:section>
      </akn:chapter>
    </akn:body>
  </akn:act>
</akn:akomaNtoso>`;

  it('reads code, heading, text and the version of its expression date, with warnings instead of failures', () => {
    const r = readAkn(ODD_ACT);
    if (!r.ok) throw new Error(r.error.message);
    const act = r.document as AknAct;
    expect(act.statutes).toHaveLength(1);
    const [s] = act.statutes;
    expect(s).toMatchObject({ code: '3-101', heading: 'Sessions of the Council', title: null, repealed: null });
    expect(s!.versions).toEqual([{
      from: '2009-09-09',
      reason: 'amended after the <flood>',
      text: '(1) The Council meets at dawn.\n(2) It may sit: as the Kazekage decides.\n  (a) in the tower;\n  (b) in the hall.',
      heading: 'Sessions of the Council',
    }]);
    expect(r.warnings).toEqual(expect.arrayContaining([
      expect.stringMatching(/CSD03 is not the Akoma Ntoso 3.0 one/),
      'no <FRBRManifestation> in <identification>',
      '<FRBRWork> has no FRBRthis value',
      '<FRBRExpression> has no FRBRuri value',
      expect.stringMatching(/paragraph numbered "1.1" is not numbered like a paragraph: numbered \(b\) by its position/),
      expect.stringMatching(/wrap-up text is joined/),
      '3-101: the lifecycle event of 2001-05-01 has no text in the file, so that version is not imported',
    ]));
  });
});

describe('readAkn: an act of many statutes', () => {
  it('gives each section its statute code and the title it stands under', () => {
    const sec = (code: string) => `<section eId="sec_${code}"><num>${code}</num><heading>H ${code}</heading><content><p>Text of ${code}.</p></content></section>`;
    const xml = `<akomaNtoso xmlns="${AKN_NAMESPACE}"><act><meta><identification source="#x"><FRBRExpression><FRBRdate date="2020-01-01" name="v"/></FRBRExpression></identification></meta><body>
      <title eId="title_3"><num>Title 3</num><heading>Council procedure</heading>${sec('3-101')}<chapter>${sec('3-102')}</chapter></title>
      <title eId="title_5"><num>Title 5</num><heading>Envoys</heading>${sec('5-101')}</title>${sec('9-999')}</body></act></akomaNtoso>`;
    const r = readAkn(xml);
    if (!r.ok) throw new Error(r.error.message);
    expect((r.document as AknAct).statutes.map((s) => [s.code, s.title?.number ?? null, s.title?.heading ?? null, s.versions[0]?.text])).toEqual([
      ['3-101', 3, 'Council procedure', 'Text of 3-101.'],
      ['3-102', 3, 'Council procedure', 'Text of 3-102.'],
      ['5-101', 5, 'Envoys', 'Text of 5-101.'],
      ['9-999', null, null, 'Text of 9-999.'],
    ]);
  });
});

describe('statuteToAkn', () => {
  const STATUTE = {
    code: '14-203',
    heading: 'Extradition of deserters',
    title: { number: 14, heading: 'Extradition & transfer of prisoners' },
    versions: [
      { from: '2010-01-01', reason: 'enacted by the Council', text: '(1) A deserter may be returned.' },
      { from: '2015-03-01', reason: 'consolidation: "deserter" defined', text: 'In this section:\n(1) A deserter may be returned.\n(2) A deserter is:\n  (a) a shinobi who left;\n    (i) without leave.' },
    ],
    repealed: { on: '2020-06-01', reason: 'repealed by section 14-210' },
  };

  it('writes a well-formed act with FRBR Work/Expression/Manifestation, lifecycle and eIds', () => {
    const xml = statuteToAkn(STATUTE, { at: '2016-01-01', generatedOn: '2026-12-01' });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const act = doc.akomaNtoso.act;
    expect(doc.akomaNtoso.xmlns).toBe(AKN_NAMESPACE);
    const id = act.meta.identification;
    expect(id.FRBRWork.FRBRuri.value).toBe('/akn/xs/act/2010-01-01/14-203');
    expect(id.FRBRWork.FRBRthis.value).toBe('/akn/xs/act/2010-01-01/14-203/!main');
    expect(id.FRBRExpression.FRBRuri.value).toBe('/akn/xs/act/2010-01-01/14-203/eng@2015-03-01');
    expect(id.FRBRManifestation.FRBRdate.date).toBe('2026-12-01');
    expect(act.meta.lifecycle.eventRef.map((e: any) => [e.date, e.type])).toEqual([['2010-01-01', 'generation'], ['2015-03-01', 'amendment'], ['2020-06-01', 'repeal']]);
    const section = act.body.title.section;
    expect(section.eId).toBe('sec_14-203');
    expect(section.intro.eId).toBe('sec_14-203__intro');
    expect(section.subsection[1].paragraph.item.eId).toBe('sec_14-203__subsec_2__para_a__item_i');
    expect(section.subsection[1].paragraph.item.num).toBe('(i)');
    expect(act.components.component).toHaveLength(2);
  });

  it('the body holds the version in force on the chosen date', () => {
    const at2012 = readAkn(statuteToAkn(STATUTE, { at: '2012-01-01' }));
    expect(at2012.ok).toBe(true);
    expect(statuteToAkn(STATUTE, { at: '2012-01-01' })).toContain('<FRBRuri value="/akn/xs/act/2010-01-01/14-203/eng@2010-01-01"/>');
    expect(statuteToAkn(STATUTE)).toContain('<FRBRuri value="/akn/xs/act/2010-01-01/14-203/eng@2015-03-01"/>');
  });

  it('refuses a version whose markup has errors, naming it', () => {
    expect(() => statuteToAkn({ ...STATUTE, versions: [{ from: '2010-01-01', reason: 'x', text: '  (a) orphan' }] })).toThrow(/14-203, version of 2010-01-01: line 1: paragraph \(a\) comes before any subsection/);
  });

  it('reads back to the same statute, every version, for random statutes', () => {
    fc.assert(fc.property(statuteArb, fc.option(fc.constantFrom('1990-01-01', '2000-06-15', '2030-01-01'), { nil: undefined }), (s, at) => {
      const r = readAkn(statuteToAkn(s, { at }));
      if (!r.ok) throw new Error(r.error.message);
      expect(r.warnings).toEqual([]);
      // Each version comes back with the heading it was written with (the statute's, here).
      expect((r.document as AknAct).statutes).toEqual([{ ...s, versions: s.versions.map((v) => ({ ...v, heading: s.heading })) }]);
    }), { numRuns: 60 });
  });
});
