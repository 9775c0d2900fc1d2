// Importing Akoma Ntoso files: what the checks refuse (with file, line and column) before anything is
// written, and, on both databases, acts and bills stored all or nothing, idempotently, round trips.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeEach, afterEach, afterAll } from 'vitest';
import { withActor } from '../../kernel/context.ts';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { realDataFile } from '../../kernel/testing/real-data.ts';
import { readAknFile } from './akn-check.ts';
import { statuteToAkn, AKN_NAMESPACE, SANDSTONE_AKN_NAMESPACE } from './akn.ts';
import { generateAct } from './testing/akn-corpus.ts';
import { importAknFiles, importStatutes, statuteForAkn, statuteHistory, getStatute } from './index.ts';

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
        { from: '2010-01-01', reason: 'enacted by the Council', markup: STATUTE.versions[0]!.text, heading: 'Extradition of deserters', madeBy: { kind: 'import', ref: '/akn/xs/act/2010-01-01/14-203/eng@2010-01-01' } },
        { from: '2015-03-01', reason: 'consolidation: "deserter" defined', markup: STATUTE.versions[1]!.text, heading: 'Extradition of deserters', madeBy: { kind: 'import', ref: '/akn/xs/act/2010-01-01/14-203/eng@2015-03-01' } },
      ],
      repealed: STATUTE.repealed,
      label: { classification: 'public', compartments: [] },
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

const ITALIAN = realDataFile('00698310-ft.akn.xml');
const NOW = () => new Date('2026-12-01T09:00:00Z');

describe.each(DIALECTS)('importAknFiles on %s', (dialect) => {
  let app: TestApp;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-akn-'));
  const write = (name: string, text: string) => {
    const f = path.join(tmp, `${dialect}-${name}`);
    fs.writeFileSync(f, text);
    return f;
  };
  beforeEach(async () => { app = await openTestApp(dialect, { now: NOW }); });
  afterEach(async () => app?.drop());
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const TABLES = ['legislature_title', 'legislature_statute', 'legislature_statute_version', 'legislature_imported_bill', 'legislature_search_doc', 'kernel_audit_log'];
  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) =>
    [t, Number((await app.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)] as const)));

  it.skipIf(!ITALIAN)('imports the real Italian Senate bill (../shared/real-data; skipped when absent) with its two articles, searchable', async () => {
    const r = await importAknFiles(app.ctx, [ITALIAN!]);
    expect(r).toMatchObject({ files: 1, statutes: { created: 0, updated: 0, unchanged: 0 }, bills: { created: 1, existing: 0 }, sections: 2 });
    const row = await app.ctx.db.selectFrom('legislature_imported_bill').selectAll().executeTakeFirstOrThrow();
    expect(row.title).toBe('Riforma della geografia giudiziaria');
    expect(String(row.date)).toBe('2013-01-22');
    const articles = typeof row.articles === 'string' ? JSON.parse(row.articles) : row.articles;
    expect(articles.map((a: any) => [a.eId, a.num, a.paragraphs.map((p: any) => p.num)])).toEqual([
      ['w1ab1ab3b1', 'Art. 1.', ['1.']],
      ['w1ab1ab3b2', 'Art. 2.', ['1.', '2.']],
    ]);
    expect(articles[1].paragraphs[0].text).toBe('Sono abrogati i decreti legislativi già emanati in attuazione dell’articolo 1, comma 2, della legge 14 settembre 2011, n. 148.');
    const doc = await app.ctx.db.selectFrom('legislature_search_doc').selectAll().where('kind', '=', 'bill').executeTakeFirstOrThrow();
    expect(doc.body).toContain('Gazzetta Ufficiale');
    // The same file again: the bill is already there, nothing new.
    const before = await counts();
    expect((await importAknFiles(app.ctx, [ITALIAN!])).bills).toEqual({ created: 0, existing: 1 });
    expect(await counts()).toEqual(before);
  });

  it('export → import gives the same statute: versions, dates, reasons, text, repeal', async () => {
    await importStatutes(app.ctx, [{
      code: STATUTE.code, heading: STATUTE.heading, titleNumber: 14, titleHeading: STATUTE.title.heading,
      versions: STATUTE.versions.map((v) => ({ from: v.from, reason: v.reason, markup: v.text })), repealed: STATUTE.repealed,
    }], { source: 'test' });
    const original = await statuteForAkn(app.ctx, '14-203');
    const file = write('14-203.xml', statuteToAkn(original, { generatedOn: '2026-12-01' }));
    const other = await openTestApp(dialect, { now: NOW });
    try {
      const r = await importAknFiles(other.ctx, [file]);
      expect(r).toMatchObject({ files: 1, sections: 1, statutes: { created: 1, updated: 0, unchanged: 0 } });
      expect(await statuteForAkn(other.ctx, '14-203')).toEqual(original);
      expect(original.versions.map((v) => v.from)).toEqual(['2010-01-01', '2015-03-01']);
      const h = await statuteHistory(other.ctx, '14-203');
      expect(h.items.map((i) => [i.kind, i.validFrom, i.validTo, i.madeBy.kind, i.madeBy.ref])).toEqual([
        ['text', '2010-01-01', '2015-03-01', 'import', '/akn/xs/act/2010-01-01/14-203/eng@2010-01-01'],
        ['text', '2015-03-01', '2020-06-01', 'import', '/akn/xs/act/2010-01-01/14-203/eng@2015-03-01'],
        ['repeal', '2020-06-01', null, 'import', null],
      ]);
      expect((await getStatute(other.ctx, '14-203', '2016-01-01')).markup).toBe(STATUTE.versions[1]!.text);
    } finally {
      await other.drop();
    }
  });

  it('importing the same files again changes nothing, and progress reaches every section', async () => {
    const g = generateAct(260, 11);
    const file = write('code.xml', g.xml);
    const seen: { phase: string; done: number; total: number }[] = [];
    const first = await importAknFiles(app.ctx, [file], { onProgress: (p) => seen.push(p) });
    expect(first).toMatchObject({ sections: 260, statutes: { created: 260, updated: 0, unchanged: 0 } });
    expect(seen[0]).toEqual({ phase: 'read', done: 1, total: 1 });
    expect(seen.at(-1)).toEqual({ phase: 'write', done: 260, total: 260 });
    const before = await counts();
    expect(before.legislature_statute).toBe(260);
    expect(before.legislature_title).toBe(1);
    const again = await importAknFiles(app.ctx, [file]);
    expect(again.statutes).toEqual({ created: 0, updated: 0, unchanged: 260 });
    expect(await counts()).toEqual(before);
  });

  it('a truncated file is refused naming its line, and nothing is written', async () => {
    const xml = statuteToAkn(STATUTE);
    const cut = xml.slice(0, Math.floor(xml.length / 2));
    const file = write('cut.xml', cut);
    const before = await counts();
    const e = await importAknFiles(app.ctx, [file]).catch((x) => x);
    expect(e).toMatchObject({ status: 422, code: 'LEGISLATURE_AKN_INVALID' });
    expect(e.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line ${cut.split('\n').length}, column \\d+: .*truncated\\. Nothing was imported\\.$`));
    expect(await counts()).toEqual(before);
  });

  it('a malformed file among good ones: nothing written, all the problems of every file listed', async () => {
    const good = write('good.xml', generateAct(30, 5).xml);
    const good2 = write('14-203.xml', statuteToAkn(STATUTE));
    const bad = write('bad.xml', `<akomaNtoso xmlns="${AKN_NAMESPACE}">\n<act>\n<body></bdy>\n</act></akomaNtoso>`);
    const noCode = write('nocode.xml', `<akomaNtoso xmlns="${AKN_NAMESPACE}"><act><meta><identification source="#x"><FRBRExpression><FRBRdate date="2020-01-01" name="v"/></FRBRExpression></identification></meta>\n<body><section><heading>H</heading><content><p>T</p></content></section></body></act></akomaNtoso>`);
    const before = await counts();
    const e = await importAknFiles(app.ctx, [good, bad, good2, noCode]).catch((x) => x);
    expect(e).toMatchObject({ status: 422, code: 'LEGISLATURE_AKN_INVALID' });
    expect(e.message).toMatch(/bad\.xml, line 3, column 7: malformed XML .*'body'.*\(and 1 more problem\)\. Nothing was imported\.$/);
    expect(e.details.map((d: any) => [path.basename(d.file), d.line])).toEqual([[path.basename(bad), 3], [path.basename(noCode), 2]]);
    expect(await counts()).toEqual(before);
  });

  it('the same statute in two files is refused; a store refusal names the file and line of the statute', async () => {
    const a = write('a.xml', statuteToAkn(STATUTE));
    const b = write('b.xml', statuteToAkn(STATUTE));
    await expect(importAknFiles(app.ctx, [a, b])).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/b\.xml, line \d+, column \d+: statute 14-203 is also in .*a\.xml/) });
    // Recorded with another history: the store refuses to rewrite it (409), said of the file.
    await importAknFiles(app.ctx, [a]);
    const changed = write('changed.xml', statuteToAkn({ ...STATUTE, versions: [{ ...STATUTE.versions[0]!, text: '(1) Something else.' }, STATUTE.versions[1]!] }));
    const before = await counts();
    const e = await importAknFiles(app.ctx, [changed]).catch((x) => x);
    expect(e.status).toBe(409);
    expect(e.message).toMatch(/changed\.xml, line \d+, column \d+: statute 14-203: /);
    expect(await counts()).toEqual(before);
  });

  it('a classified statute keeps its label through export and import; an act exported and imported back into its own book is unchanged', async () => {
    // The label is on the statute (as the ANBU charter's), the first version typed by a clerk: no file made it.
    await importStatutes(app.ctx, [{
      code: '5-201', heading: 'Charter of the ANBU', titleNumber: 5, label: { classification: 'secret', compartments: ['ANBU'] },
      versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) The ANBU answers to the Kazekage alone.' }],
    }], { source: 'clerk' });
    const exported = statuteToAkn(await statuteForAkn(app.ctx, '5-201'), { generatedOn: '2026-12-01' });
    expect(exported).toMatch(/<sandstone:label xmlns:sandstone="[^"]+" classification="secret" compartments="ANBU"/);
    const file = write('5-201.xml', exported);
    // A clerk not in ANBU importing a public act of the same number learns only that the number is taken.
    const outsiderClerk = withActor(app.ctx, { kind: 'user', username: 'aiko', personId: 'p-3', accountId: 'a-3', role: 'clerk', clearance: { level: 'secret', compartments: ['BREACH'] } });
    const probe = await importAknFiles(outsiderClerk, [write('probe.xml', exported.replace(/<proprietary[\s\S]*?<\/proprietary>/, ''))]).then(() => null, (e) => e as { status: number; message: string });
    expect(probe?.status).toBe(409);
    expect(probe?.message).toMatch(/the code 5-201 is already given to a statute, and a statute's number is never reused/);
    expect(probe?.message).not.toMatch(/ANBU|secret|Charter|2001-04-01/);
    const before = await counts();
    expect((await importAknFiles(app.ctx, [file])).statutes).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await counts()).toEqual(before);
    const other = await openTestApp(dialect, { now: NOW });
    try {
      expect((await importAknFiles(other.ctx, [file])).statutes.created).toBe(1);
      const row = await other.ctx.db.selectFrom('legislature_statute').select(['classification', 'compartments']).where('code', '=', '5-201').executeTakeFirstOrThrow();
      expect([row.classification, typeof row.compartments === 'string' ? JSON.parse(row.compartments) : row.compartments]).toEqual(['secret', ['ANBU']]);
      // A reader without ANBU, at the same level, finds no such code in the new book either.
      const outsider = withActor(other.ctx, { kind: 'user', username: 'rother', personId: 'p-9', accountId: 'a-9', role: 'jounin', clearance: { level: 'secret', compartments: ['BREACH'] } });
      await expect(getStatute(outsider, '5-201')).rejects.toMatchObject({ status: 404 });
      // A clerk not cleared for the label may not bring it in.
      const third = await openTestApp(dialect, { now: NOW });
      try {
        const clerk = withActor(third.ctx, { kind: 'user', username: 'aiko', personId: 'p-3', accountId: 'a-3', role: 'clerk', clearance: { level: 'secret', compartments: [] } });
        await expect(importAknFiles(clerk, [file])).rejects.toMatchObject({ status: 403 });
      } finally {
        await third.drop();
      }
    } finally {
      await other.drop();
    }
  });

  it('each version keeps its own heading through export and import, whichever version the body holds', async () => {
    await importStatutes(app.ctx, [{
      code: '9-120', heading: 'Wells', titleNumber: 9,
      versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) Wells are kept.', heading: 'Wells' }, { from: '2020-01-01', reason: 'renamed', markup: '(1) Wells and cisterns are kept.', heading: 'Wells and cisterns' }],
    }], { source: 'test' });
    const headings = async (ctx: typeof app.ctx) => (await statuteHistory(ctx, '9-120')).items.map((i) => [i.validFrom, i.heading]);
    expect(await headings(app.ctx)).toEqual([['2001-04-01', 'Wells'], ['2020-01-01', 'Wells and cisterns']]);
    const file = write('9-120.xml', statuteToAkn(await statuteForAkn(app.ctx, '9-120'), { at: '2010-01-01', generatedOn: '2026-12-01' }));
    expect((await importAknFiles(app.ctx, [file])).statutes).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const other = await openTestApp(dialect, { now: NOW });
    try {
      expect((await importAknFiles(other.ctx, [file])).statutes.created).toBe(1);
      expect(await headings(other.ctx)).toEqual([['2001-04-01', 'Wells'], ['2020-01-01', 'Wells and cisterns']]);
      expect((await statuteHistory(other.ctx, '9-120')).heading).toBe('Wells and cisterns');
    } finally {
      await other.drop();
    }
  });

  it('a label that cannot be read for certain is refused where it is, and nothing is written', async () => {
    const secret = statuteToAkn({ ...STATUTE, label: { classification: 'secret', compartments: ['ANBU'] } });
    const real = secret.slice(secret.indexOf('<sandstone:label'), secret.indexOf('/>', secret.indexOf('<sandstone:label')) + 2);
    const decoy = '<other:label xmlns:other="urn:not-sandstone" classification="public" compartments=""/>';
    // Into the first component's own <meta>.
    const inComponent = (xml: string, what: string) => {
      const at = xml.indexOf('<meta>', xml.indexOf('<component')) + '<meta>'.length;
      return xml.slice(0, at) + what + xml.slice(at);
    };
    const cases: [string, string, string, string][] = [
      ['confidential', secret.replace('classification="secret"', 'classification="confidential"'), '<sandstone:label', 'the label\'s classification "confidential" is not one of public, restricted, secret, top_secret'],
      ['a decoy before it', secret.replace(real, decoy + real), '<sandstone:label', 'a second label: an act has one, in its <proprietary>'],
      ['a second proprietary', secret.replace('<proprietary', `<proprietary source="#x">${decoy}</proprietary><proprietary`), '<sandstone:label', 'a second label: an act has one, in its <proprietary>'],
      ['another namespace', secret.replace(real, decoy), '<other:label', "a label not in Sandstone's namespace"],
      ['a prefixed twin attribute', secret.replace(real, real.replace('/>', ' xmlns:x="urn:x" x:classification="public"/>')), '<sandstone:label', "the label's classification or compartments are also given with a prefix"],
      ['nested deeper', secret.replace(real, `<sandstone:wrap xmlns:sandstone="${SANDSTONE_AKN_NAMESPACE}">${real}</sandstone:wrap>`), '<sandstone:label', "a label outside the act's own <proprietary> is not read"],
      ['in another part of the meta', secret.replace(real, '').replace(/<identification\b[^>]*>/, (open) => open + real), '<sandstone:label', "a label outside the act's own <proprietary> is not read"],
      ['in a proprietary inside the proprietary', secret.replace(real, `<proprietary source="#x">${real}</proprietary>`), '<sandstone:label', "a label outside the act's own <proprietary> is not read"],
      ['nested two deeper', secret.replace(real, `<sandstone:wrap xmlns:sandstone="${SANDSTONE_AKN_NAMESPACE}"><sandstone:wrap>${real}</sandstone:wrap></sandstone:wrap>`), '<sandstone:label', "a label outside the act's own <proprietary> is not read"],
      ['in a component\'s proprietary', inComponent(secret.replace(real, ''), `<proprietary source="#sandstone">${real}</proprietary>`), '<sandstone:label', "a label outside the act's own <proprietary> is not read"],
    ];
    const before = await counts();
    for (const [name, xml, where, message] of cases) {
      const e = await importAknFiles(app.ctx, [write(`label-${name.replace(/ /g, '-')}.xml`, xml)]).then(() => null, (x) => x as Error);
      expect(e?.message, name).toMatch(new RegExp(`line ${lineOf(xml, where)}, column \\d+: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    expect(await counts()).toEqual(before);
    // Without a label the act says it is open to all: imported public.
    const unlabelled = statuteToAkn(STATUTE).replace(/<proprietary[\s\S]*?<\/proprietary>/, '');
    expect((await importAknFiles(app.ctx, [write('unlabelled.xml', unlabelled)])).statutes.created).toBe(1);
  });

  it('only clerks and the Kazekage import; a villager is refused', async () => {
    const file = write('v.xml', statuteToAkn(STATUTE));
    const villager = withActor(app.ctx, { kind: 'user', username: 'baki', personId: 'p-1', accountId: 'a-1', role: 'genin', clearance: { level: 'top_secret', compartments: ['ANBU'] } });
    await expect(importAknFiles(villager, [file])).rejects.toMatchObject({ status: 403 });
    const clerk = withActor(app.ctx, { kind: 'user', username: 'kankuro', personId: 'p-2', accountId: 'a-2', role: 'clerk', clearance: { level: 'restricted', compartments: [] } });
    expect((await importAknFiles(clerk, [file])).statutes.created).toBe(1);
  });
});
