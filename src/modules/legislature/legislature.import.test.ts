// The importers' entry points (importStatutes, importBill) and the exporter's (statuteForAkn), as
// the Akoma Ntoso commands and the demo loader call them: whole histories, idempotent, all or nothing.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { readAkn, statuteToAkn, type AknAct, type AknBill } from './akn.ts';
import { importStatutes, importBill, statuteForAkn, getStatute, statuteHistory } from './index.ts';
import type { TStatuteImport } from './legislature.schema.ts';
import fs from 'node:fs';
import { realDataFile } from '../../kernel/testing/real-data.ts';

const ITALIAN = realDataFile('00698310-ft.akn.xml');

const NOW = () => new Date('2026-12-01T09:00:00Z');
const V1 = 'Deserters are returned.\n(1) A deserter is returned within 30 days.\n(2) The Council may extend:\n  (a) for illness; or\n  (b) for war.';
const V2 = V1.replace('30 days', '14 days');

const statute = (over: Partial<TStatuteImport> = {}): TStatuteImport => ({
  code: '14-203', heading: 'Extradition of deserters', titleNumber: 14, titleHeading: 'Extradition and transfer of prisoners',
  versions: [{ from: '2001-04-01', reason: 'enacted', markup: V1 }, { from: '2012-06-01', reason: 'consolidation: Deserters Act', markup: V2, madeBy: { kind: 'import', ref: 'act-2012-7' } }],
  ...over,
});

const BILL: AknBill = {
  kind: 'bill', title: 'Riforma della geografia giudiziaria', number: '3', date: '2013-01-22',
  frbr: {
    work: { this: null, uri: 'it/Ddl/2013-01-22/3', date: '2013-01-22', number: '3', name: null, country: 'ita', subtype: null },
    expression: { this: null, uri: 'it/Ddl/2013-01-22/3/ita@2013-01-22/main', date: null, language: 'it' }, manifestation: { this: null, uri: null, date: null },
  },
  articles: [
    { eId: 'art_1', num: 'Art. 1.', heading: 'Delega', paragraphs: [{ eId: null, num: '1.', text: 'Il Governo è delegato.' }], text: '1. Il Governo è delegato.' },
    { eId: 'art_2', num: 'Art. 2.', heading: null, paragraphs: [{ eId: null, num: '1.', text: 'Tribunali soppressi.' }], text: '1. Tribunali soppressi.' },
  ],
};

describe.each(DIALECTS)('importing statutes and bills on %s', (dialect) => {
  let app: TestApp;
  beforeEach(async () => { app = await openTestApp(dialect, { now: NOW }); });
  afterEach(async () => app?.drop());

  const versionRows = async () => (await app.ctx.db.selectFrom('legislature_statute_version').select(['seq', 'valid_from', 'valid_to', 'kind']).orderBy('seq').execute())
    .map((r) => [Number(r.seq), String(r.valid_from), r.valid_to === null ? null : String(r.valid_to), r.kind]);

  it('creates a whole history once; the same import again changes nothing', async () => {
    expect(await importStatutes(app.ctx, [statute()], { source: 'test' })).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await versionRows()).toEqual([[1, '2001-04-01', '2012-06-01', 'text'], [2, '2012-06-01', null, 'text']]);
    expect(await importStatutes(app.ctx, [statute()], { source: 'test' })).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await versionRows()).toHaveLength(2);
    const s = await getStatute(app.ctx, '14-203', '2012-06-01');
    expect(s.version.madeBy).toEqual({ kind: 'import', reason: 'consolidation: Deserters Act', ref: 'act-2012-7' });
    expect(s.titleHeading).toBe('Extradition and transfer of prisoners');
  });

  it('writes the search documents that a stored history gives, for new and continued statutes alike', async () => {
    // Written by hand from the rules: one document per text version, the latest marked, the
    // repeal date on every one, the body the markup's plain text.
    const docs = async () => (await app.ctx.db.selectFrom('legislature_search_doc').select(['code', 'heading', 'body', 'valid_from', 'valid_to', 'repealed_on', 'latest', 'classification', 'compartments'])
      .orderBy('code').orderBy('valid_from').execute()).map((r) => [r.code, r.heading, r.body, r.valid_from, r.valid_to, r.repealed_on, Boolean(r.latest), r.classification, JSON.parse(JSON.stringify(r.compartments))]);
    const PLAIN1 = 'Deserters are returned.\n(1) A deserter is returned within 30 days.\n(2) The Council may extend:\n(a) for illness; or\n(b) for war.';
    const PLAIN2 = PLAIN1.replace('30 days', '14 days');
    await importStatutes(app.ctx, [
      statute({ versions: statute().versions.slice(0, 1) }),
      statute({ code: '7-301', titleNumber: 7, heading: 'ANBU charter', label: { classification: 'secret', compartments: ['ANBU'] } }),
    ], { source: 'a' });
    const anbu = (from: string, to: string | null, body: string, latest: boolean) => ['7-301', 'ANBU charter', body, from, to, null, latest, 'secret', dialect === 'postgres' ? ['ANBU'] : '["ANBU"]'];
    const open = (from: string, to: string | null, body: string, latest: boolean, repealed: string | null = null) => ['14-203', 'Extradition of deserters', body, from, to, repealed, latest, 'public', dialect === 'postgres' ? [] : '[]'];
    expect(await docs()).toEqual([open('2001-04-01', null, PLAIN1, true), anbu('2001-04-01', '2012-06-01', PLAIN1, false), anbu('2012-06-01', null, PLAIN2, true)]);
    await importStatutes(app.ctx, [statute({ repealed: { on: '2020-01-01', reason: 'repealed' } })], { source: 'b' });
    expect(await docs()).toEqual([
      open('2001-04-01', '2012-06-01', PLAIN1, false, '2020-01-01'), open('2012-06-01', '2020-01-01', PLAIN2, true, '2020-01-01'),
      anbu('2001-04-01', '2012-06-01', PLAIN1, false), anbu('2012-06-01', null, PLAIN2, true),
    ]);
    // New, and repealed already.
    await importStatutes(app.ctx, [statute({ code: '14-204', versions: statute().versions.slice(0, 1), repealed: { on: '2005-01-01', reason: 'repealed' } })], { source: 'c' });
    expect((await docs()).filter((d) => d[0] === '14-204')).toEqual([['14-204', 'Extradition of deserters', PLAIN1, '2001-04-01', '2005-01-01', '2005-01-01', true, 'public', dialect === 'postgres' ? [] : '[]']]);
  });

  it('continues a recorded history (a later version, then a repeal) without touching what was recorded', async () => {
    await importStatutes(app.ctx, [statute({ versions: statute().versions.slice(0, 1) })], { source: 'a' });
    const [first] = (await statuteHistory(app.ctx, '14-203')).items;
    expect(await importStatutes(app.ctx, [statute({ repealed: { on: '2020-01-01', reason: 'repealed by the Extradition Act' } })], { source: 'b' })).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const h = await statuteHistory(app.ctx, '14-203');
    expect(h.items.map((i) => [i.seq, i.kind, i.validFrom, i.validTo])).toEqual([[1, 'text', '2001-04-01', '2012-06-01'], [2, 'text', '2012-06-01', '2020-01-01'], [3, 'repeal', '2020-01-01', null]]);
    // The first version is the same row, only closed.
    expect(h.items[0]!.id).toBe(first!.id);
    expect(h.repealedOn).toBe('2020-01-01');
  });

  it('refuses an import that would rewrite a recorded version (409), and writes nothing', async () => {
    await importStatutes(app.ctx, [statute()], { source: 'a' });
    const before = await versionRows();
    const rewritten = statute({ versions: [statute().versions[0]!, { from: '2012-06-01', reason: 'consolidation: Deserters Act', markup: V2.replace('14 days', '7 days') }] });
    await expect(importStatutes(app.ctx, [statute({ code: '14-204' }), rewritten], { source: 'b' })).rejects.toMatchObject({ status: 409, code: 'LEGISLATURE_IMPORT_CONFLICT', details: [{ path: 'statutes.1.versions.1' }] });
    expect(await versionRows()).toEqual(before);
    expect(await app.ctx.db.selectFrom('legislature_statute').select('code').execute()).toEqual([{ code: '14-203' }]);
  });

  it('refuses bad markup with 422 naming the statute, version and line, and writes nothing (not even the good statutes)', async () => {
    const bad = statute({ code: '14-205', versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) Fine.\n   (a) three spaces in.' }] });
    const err = await importStatutes(app.ctx, [statute(), bad], { source: 'x' }).catch((e) => e);
    expect(err).toMatchObject({ status: 422, code: 'LEGISLATURE_MARKUP_INVALID' });
    expect(err.details).toEqual([{ path: 'statutes.1.versions.0.markup', message: expect.stringMatching(/^line 2: \(a\) starts at column 3/) }]);
    expect(await app.ctx.db.selectFrom('legislature_statute').select('code').execute()).toEqual([]);
    expect(await app.ctx.db.selectFrom('legislature_title').select('number').execute()).toEqual([]);
  });

  it('joins an outer transaction: a failure after it rolls the import back', async () => {
    const { transact, inTx } = await import('../../kernel/context.ts');
    await expect(transact(app.ctx, async (tx) => {
      await importStatutes(inTx(app.ctx, tx), [statute()], { source: 'x' });
      throw new Error('later step failed');
    })).rejects.toThrow('later step failed');
    expect(await app.ctx.db.selectFrom('legislature_statute').select('code').execute()).toEqual([]);
  });

  it('statuteForAkn gives the whole statute, which the Akoma Ntoso writer and reader carry back to the same history', async () => {
    await importStatutes(app.ctx, [statute({ repealed: { on: '2020-01-01', reason: 'repealed' } })], { source: 'x' });
    const s = await statuteForAkn(app.ctx, '14-203');
    expect(s).toEqual({
      code: '14-203', heading: 'Extradition of deserters', title: { number: 14, heading: 'Extradition and transfer of prisoners' },
      versions: [{ from: '2001-04-01', reason: 'enacted', text: V1, heading: 'Extradition of deserters' }, { from: '2012-06-01', reason: 'consolidation: Deserters Act', text: V2, heading: 'Extradition of deserters' }],
      repealed: { on: '2020-01-01', reason: 'repealed' }, label: { classification: 'public', compartments: [] },
    });
    const back = readAkn(statuteToAkn(s));
    expect(back.ok).toBe(true);
    const act = (back as { document: AknAct }).document;
    expect(act.statutes[0]!.versions.map((v) => [v.from, v.reason])).toEqual(s.versions.map((v) => [v.from, v.reason]));
    // On a date it must be in force, as the statute read.
    await expect(statuteForAkn(app.ctx, '14-203', '2021-01-01')).rejects.toMatchObject({ status: 404, code: 'LEGISLATURE_STATUTE_REPEALED' });
    await expect(statuteForAkn(app.ctx, '14-299')).rejects.toMatchObject({ status: 404, code: 'LEGISLATURE_STATUTE_NOT_FOUND' });
  });

  it('stores an imported bill once, with a search document of its articles', async () => {
    const first = await importBill(app.ctx, BILL, { source: '00698310-ft.akn.xml' });
    expect(first).toMatchObject({ code: 'it-ddl-2013-01-22-3', created: true });
    expect(await importBill(app.ctx, BILL, { source: '00698310-ft.akn.xml' })).toEqual({ ...first, created: false });
    const docs = await app.ctx.db.selectFrom('legislature_search_doc').select(['kind', 'code', 'heading', 'body']).execute();
    expect(docs).toEqual([{ kind: 'bill', code: 'it-ddl-2013-01-22-3', heading: 'Riforma della geografia giudiziaria', body: 'Art. 1. Delega\n1. Il Governo è delegato.\n\nArt. 2.\n1. Tribunali soppressi.' }]);
    const row = await app.ctx.db.selectFrom('legislature_imported_bill').select(['title', 'number', 'source']).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'Riforma della geografia giudiziaria', number: '3', source: '00698310-ft.akn.xml' });
  });

  it.skipIf(!ITALIAN)('stores the real Italian Senate bill with both its articles in its search document', async () => {
    const read = readAkn(fs.readFileSync(ITALIAN!, 'utf8'));
    expect(read.ok).toBe(true);
    const bill = (read as { document: AknBill }).document;
    const r = await importBill(app.ctx, bill, { source: '00698310-ft.akn.xml' });
    expect(r.created).toBe(true);
    const doc = await app.ctx.db.selectFrom('legislature_search_doc').select(['kind', 'heading', 'body']).where('ref_id', '=', r.id).executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ kind: 'bill', heading: 'Riforma della geografia giudiziaria' });
    for (const a of bill.articles) expect(doc.body).toContain(a.text);
    expect(bill.articles).toHaveLength(2);
  });
});
