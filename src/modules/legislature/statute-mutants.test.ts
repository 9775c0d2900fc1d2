// Gaps found by breaking the statute book's code on purpose (mutation testing, issue 9): the
// boundaries of the law on a day in every read that has one (the title index, citations resolved,
// search on a date), and the labels in the reads that keep answers. The world is written through
// the clerk's services; every expected answer is worked out by hand from the rules:
//   in force from valid_from (inclusive) to valid_to (exclusive); repealed from the repeal day on;
//   a statute the reader may not see is "no such code" everywhere.
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import type { AppContext } from '../../kernel/context.ts';
import { amendStatute, createStatute, createTitle, getStatute, importStatutes, listTitles, repealStatute, resolveCitationsInText, statuteDiff, statuteHistory } from './index.ts';
import type { TStatuteImport } from './legislature.schema.ts';
import { cliDatabase, runSandstoneHere, type CliDatabase } from '../../kernel/testing/cli.ts';
import { searchLaw } from './search.ts';
import { clerk, reader } from './testing/actors.ts';

// 22:00 UTC on 2031-05-10 is already 01:00 on 2031-05-11 in the village (UTC+03:00): "today" is
// 2031-05-11, neither the UTC date nor (for years yet) the machine's.
const NOW = new Date('2031-05-10T22:00:00Z');
const V1 = '(1) A prisoner is escorted by two guards.\n(2) The escort reports to the Council.';
const V2 = '(1) A prisoner is escorted by three guards.\n(2) The escort reports to the Council.';
const ANBU = { classification: 'secret' as const, compartments: ['ANBU'] };
const BREACH = { classification: 'secret' as const, compartments: ['BREACH'] };

describe.each(DIALECTS)('the statute book at its edges on %s', (dialect) => {
  let app: TestApp;
  let op: AppContext;
  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => NOW });
    op = app.ctx;
    const c = clerk(op);
    await createTitle(c, { number: 14, heading: 'Extradition and transfer of prisoners' });
    await createTitle(c, { number: 5, heading: 'Security and the ANBU' });
    // 14-301: V1 from 2001-04-01, V2 from 2012-06-01, repealed on 2020-03-01.
    const made = await createStatute(c, { code: '14-301', heading: 'Escort of prisoners', markup: V1, validFrom: '2001-04-01', reason: 'enacted' });
    await amendStatute(c, '14-301', { validFrom: '2012-06-01', markup: V2, reason: 'consolidation: Escorts Act 2012' }, made.version);
    await repealStatute(c, '14-301', { on: '2020-03-01', reason: 'repealed by the Prisons Act 2020' }, made.version + 1);
    await createStatute(c, { code: '5-401', heading: 'The masked guard', markup: '(1) The masked guard keeps the oasis cipher.', validFrom: '2001-04-01', reason: 'enacted', ...ANBU });
    await createStatute(c, { code: '14-310', heading: 'The cypher clerk', markup: '(1) The cypher clerk keeps the keys of the prison.', validFrom: '2001-04-01', reason: 'enacted' });
    // Around today (2031-05-11 in the village): in force from today, repealed today, in force next year.
    await createStatute(c, { code: '14-320', heading: 'Night watch', markup: '(1) The watchtower is manned from today.', validFrom: '2031-05-11', reason: 'enacted' });
    const day = await createStatute(c, { code: '14-330', heading: 'Day watch', markup: '(1) The watchtower is manned by day.', validFrom: '2001-04-01', reason: 'enacted' });
    await repealStatute(c, '14-330', { on: '2031-05-11', reason: 'repealed' }, day.version);
    await createStatute(c, { code: '14-340', heading: 'Future watch', markup: '(1) The watchtower is manned next year.', validFrom: '2031-06-01', reason: 'enacted' });
    await createStatute(c, { code: '5-402', heading: 'The breach watch', markup: '(1) The breach watch keeps the oasis ledger.', validFrom: '2001-04-01', reason: 'enacted', ...BREACH });
  }, 60_000);
  afterAll(async () => app?.drop());

  describe('the title index', () => {
    it('gives a statute its status on the first day in force, the day before, the repeal day and the day before it', async () => {
      const status = async (at: string) => (await listTitles(op, at)).items.find((t) => t.number === 14)!.statutes.find((s) => s.code === '14-301')!.status;
      expect(await status('2001-03-31')).toBe('not_yet');
      expect(await status('2001-04-01')).toBe('in_force');
      expect(await status('2020-02-29')).toBe('in_force');
      expect(await status('2020-03-01')).toBe('repealed');
    });
  });

  describe('citations resolved', () => {
    const excerptOn = async (at: string) => {
      const [c] = (await resolveCitationsInText(op, { text: 'See § 14-301(1).', at })).citations;
      return [c!.status, c!.excerpt];
    };
    it('quotes the text in force on the day: a version from its first day, not on the day it is replaced', async () => {
      expect(await excerptOn('2001-03-31')).toEqual(['not_yet', null]);
      expect(await excerptOn('2001-04-01')).toEqual(['in_force', '(1) A prisoner is escorted by two guards.']);
      expect(await excerptOn('2012-05-31')).toEqual(['in_force', '(1) A prisoner is escorted by two guards.']);
      expect(await excerptOn('2012-06-01')).toEqual(['in_force', '(1) A prisoner is escorted by three guards.']);
      expect(await excerptOn('2020-02-29')).toEqual(['in_force', '(1) A prisoner is escorted by three guards.']);
      expect(await excerptOn('2020-03-01')).toEqual(['repealed', null]);
    });
  });

  describe('search on a date', () => {
    // A snippet shows the text on one line.
    const hits = async (q: string, at: string) => (await searchLaw(op, { q, at })).items.map((i) => [i.code, i.snippet, i.status]);
    const S1 = '(1) A prisoner is escorted by two guards. (2) The escort reports to the Council.';
    const S2 = S1.replace('two', 'three');
    it('finds the version in force that day: from its first day, not on the day it is replaced, nothing from the repeal day', async () => {
      expect(await hits('escorted', '2001-03-31')).toEqual([]);
      expect(await hits('escorted', '2001-04-01')).toEqual([['14-301', S1, 'in_force']]);
      expect(await hits('escorted', '2012-05-31')).toEqual([['14-301', S1, 'in_force']]);
      expect(await hits('escorted', '2012-06-01')).toEqual([['14-301', S2, 'in_force']]);
      expect(await hits('"two guards"', '2012-06-01')).toEqual([]);
      expect(await hits('"three guards"', '2012-05-31')).toEqual([]);
      expect(await hits('escorted', '2020-02-29')).toEqual([['14-301', S2, 'in_force']]);
      expect(await hits('escorted', '2020-03-01')).toEqual([]);
    });
  });

  describe('search corrections and labels', () => {
    it('a word only a hidden statute uses is, to the reader who may not see it, a word nobody uses: corrected to the nearest word they can find', async () => {
      const visitor = reader(op, 'public');
      const breach = reader(op, 'secret', ['BREACH']);
      // "cipher" is only in 5-401 (ANBU); "cypher" (one edit away) in the public 14-310.
      for (const who of [visitor, breach]) {
        const a = await searchLaw(who, { q: 'cipher ' });
        expect(a.query).toEqual({ text: 'cipher ', corrected: 'cypher ' });
        expect([a.items.map((i) => i.code), a.total, a.totalExact]).toEqual([['14-310'], 1, true]);
      }
      // As a word nobody uses at all, one edit from the same public word.
      expect((await searchLaw(visitor, { q: 'cyphar ' })).query.corrected).toBe('cypher ');
      const anbu = await searchLaw(reader(op, 'secret', ['ANBU']), { q: 'cipher ' });
      expect(anbu.query.corrected).toBeNull();
      expect([anbu.items.map((i) => i.code), anbu.total]).toEqual([['5-401'], 1]);
    });
  });

  describe('reading a classified statute is audited', () => {
    it('each read of a classified statute (kept answer or not) writes a record at its label naming it; a public one writes none', async () => {
      const anbu = reader(op, 'secret', ['ANBU']);
      const reads = async () => (await op.db.selectFrom('kernel_audit_log').select(['actor', 'object_type', 'object_id', 'classification', 'compartments'])
        .where('action', '=', 'legislature.read').orderBy('seq').execute()).map((r) => [r.actor, r.object_type, r.object_id, r.classification, JSON.parse(typeof r.compartments === 'string' ? r.compartments : JSON.stringify(r.compartments))]);
      const { id } = await op.db.selectFrom('legislature_statute').select('id').where('code', '=', '5-401').executeTakeFirstOrThrow();
      const before = (await reads()).length;
      await getStatute(anbu, '14-310', '2010-01-01');
      await statuteHistory(anbu, '14-310');
      expect((await reads()).length).toBe(before);
      await getStatute(anbu, '5-401', '2010-01-01');
      // The same read again is answered from what is kept, and audited all the same.
      await getStatute(anbu, '5-401', '2010-01-01');
      await statuteHistory(anbu, '5-401');
      await statuteDiff(anbu, '5-401', '2005-01-01', '2010-01-01');
      const one = ['user:reader-secret-ANBU', 'statute', id, 'secret', ['ANBU']];
      expect((await reads()).slice(before)).toEqual([one, one, one, one]);
    });
  });

  describe('"today" is the village\'s day (UTC+03:00) in every read that defaults to it', () => {
    it('a code is read whole: digits around a code are not that code', async () => {
      for (const code of ['14-3010', '114-301', '14-301x', 'x14-301', '14-301 14-310']) {
        await expect(getStatute(op, code, '2005-01-01'), code).rejects.toMatchObject({ status: 404, code: 'LEGISLATURE_STATUTE_NOT_FOUND' });
      }
      expect((await getStatute(op, ' 14-301 ', '2005-01-01')).code).toBe('14-301');
    });

    it('the title index, the statute, citations and search agree on what is in force today', async () => {
      const t14 = (await listTitles(op)).items.find((t) => t.number === 14)!;
      expect(t14.statutes.filter((s) => ['14-320', '14-330', '14-340'].includes(s.code)).map((s) => [s.code, s.status]))
        .toEqual([['14-320', 'in_force'], ['14-330', 'repealed'], ['14-340', 'not_yet']]);
      expect((await getStatute(op, '14-320')).at).toBe('2031-05-11');
      await expect(getStatute(op, '14-330')).rejects.toMatchObject({ code: 'LEGISLATURE_STATUTE_REPEALED' });
      const cited = await resolveCitationsInText(op, { text: '14-320, 14-330 and 14-340' });
      expect([cited.at, ...cited.citations.map((c) => c.status)]).toEqual(['2031-05-11', 'in_force', 'repealed', 'not_yet']);
      // A search without a date shows each statute's latest text with its status today.
      const found = await searchLaw(op, { q: 'watchtower' });
      expect(found.items.map((i) => [i.code, i.status]).sort()).toEqual([['14-320', 'in_force'], ['14-330', 'repealed'], ['14-340', 'not_yet']]);
    });
  });
  describe('a clerk\'s writes', () => {
    it('a consolidation is found by search at once: the new words without a date, the old ones only on their dates', async () => {
      const c = clerk(op);
      const made = await createStatute(c, { code: '14-350', heading: 'Ferrymen', markup: '(1) The ferryman rows with oars.', validFrom: '2001-04-01', reason: 'enacted' });
      await amendStatute(c, '14-350', { validFrom: '2015-01-01', markup: '(1) The ferryman rows with paddles.', reason: 'consolidation' }, made.version);
      const codes = async (q: string, at?: string) => (await searchLaw(op, { q, at })).items.map((i) => i.code);
      expect(await codes('paddles')).toEqual(['14-350']);
      expect(await codes('oars')).toEqual([]);
      expect(await codes('oars', '2014-12-31')).toEqual(['14-350']);
      expect(await codes('paddles', '2014-12-31')).toEqual([]);
    });

    it('a repeal must come after the latest version\'s first day (422 at body.on), and then closes it on the repeal day', async () => {
      const c = clerk(op);
      const made = await createStatute(c, { code: '14-360', heading: 'Tollgates', markup: '(1) A toll is paid at the gate.', validFrom: '2001-04-01', reason: 'enacted' });
      await expect(repealStatute(c, '14-360', { on: '2001-04-01', reason: 'x' }, made.version)).rejects.toMatchObject({ status: 422, details: [{ path: 'body.on', message: 'must be after 2001-04-01' }] });
      const h = await repealStatute(c, '14-360', { on: '2001-04-02', reason: 'repealed' }, made.version);
      expect(h.items.map((i) => [i.seq, i.kind, i.validFrom, i.validTo])).toEqual([[1, 'text', '2001-04-01', '2001-04-02'], [2, 'repeal', '2001-04-02', null]]);
      expect((await getStatute(op, '14-360', '2001-04-01')).version.seq).toBe(1);
      await expect(getStatute(op, '14-360', '2001-04-02')).rejects.toMatchObject({ code: 'LEGISLATURE_STATUTE_REPEALED' });
    });
  });
});

// importStatutes: every problem refused before anything is written (422 naming where), a recorded
// history only ever continued (409 otherwise), and all of it in one transaction.
const A = '(1) A deserter is returned within 30 days.';
const B = '(1) A deserter is returned within 14 days.';
const imported = (over: Partial<TStatuteImport> = {}): TStatuteImport => ({
  code: '14-203', heading: 'Return of deserters', titleNumber: 14, titleHeading: 'Extradition',
  versions: [{ from: '2001-04-01', reason: 'enacted', markup: A }, { from: '2012-06-01', reason: 'Deserters Act', markup: B }], ...over,
});

describe.each(DIALECTS)('importing statutes, all or nothing, on %s', (dialect) => {
  let app: TestApp;
  beforeEach(async () => { app = await openTestApp(dialect, { now: () => NOW }); });
  afterEach(async () => app?.drop());
  const stored = async () => ({
    titles: (await app.ctx.db.selectFrom('legislature_title').select('number').orderBy('number').execute()).map((r) => Number(r.number)),
    statutes: (await app.ctx.db.selectFrom('legislature_statute').select(['code', 'heading', 'classification']).orderBy('code').execute()).map((r) => [r.code, r.heading, r.classification]),
    versions: Number((await app.ctx.db.selectFrom('legislature_statute_version').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    docs: Number((await app.ctx.db.selectFrom('legislature_search_doc').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const refusal = (p: Promise<unknown>) => p.then(() => null, (e) => ({ status: e.status, code: e.code, paths: (e.details ?? []).map((d: { path?: string }) => d.path) }));

  it('refuses a history that does not run forward, a title that is not the code\'s, a code twice (422 naming each), writing nothing', async () => {
    const sameDay = imported({ versions: [{ from: '2001-04-01', reason: 'enacted', markup: A }, { from: '2001-04-01', reason: 'again', markup: B }] });
    expect(await refusal(importStatutes(app.ctx, [sameDay], { source: 't' }))).toEqual({ status: 422, code: 'LEGISLATURE_IMPORT_INVALID', paths: ['statutes.0.versions.1.from'] });
    // A field zod refuses is named in the same dotted path as the import's own checks name theirs.
    const notADate = imported({ code: '14-204', versions: [{ from: '2001-04-01', reason: 'enacted', markup: A }, { from: '2012-6-01', reason: 'Deserters Act', markup: B }] });
    expect(await refusal(importStatutes(app.ctx, [imported(), notADate], { source: 't' }))).toMatchObject({ paths: ['statutes.1.versions.1.from'] });
    const repealedOnLast = imported({ repealed: { on: '2012-06-01', reason: 'repealed' } });
    expect(await refusal(importStatutes(app.ctx, [repealedOnLast], { source: 't' }))).toEqual({ status: 422, code: 'LEGISLATURE_IMPORT_INVALID', paths: ['statutes.0.repealed.on'] });
    expect(await refusal(importStatutes(app.ctx, [imported({ code: '15-203' })], { source: 't' }))).toEqual({ status: 422, code: 'LEGISLATURE_IMPORT_INVALID', paths: ['statutes.0.titleNumber'] });
    expect(await refusal(importStatutes(app.ctx, [imported(), imported({ heading: 'Twice' })], { source: 't' }))).toEqual({ status: 422, code: 'LEGISLATURE_IMPORT_INVALID', paths: ['statutes.1.code'] });
    expect(await stored()).toEqual({ titles: [], statutes: [], versions: 0, docs: 0 });
  });

  it('refuses an importer a statute labelled above their clearance (403), writing nothing', async () => {
    const low = clerk(app.ctx, 'secret', ['ANBU']);
    const breach = imported({ code: '5-301', titleNumber: 5, label: BREACH });
    expect(await refusal(importStatutes(low, [imported(), breach], { source: 't' }))).toMatchObject({ status: 403 });
    expect(await stored()).toEqual({ titles: [], statutes: [], versions: 0, docs: 0 });
    // Cleared for it, the same clerk imports the ANBU one.
    expect(await importStatutes(low, [imported({ code: '5-201', titleNumber: 5, label: ANBU })], { source: 't' })).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it('refuses to change what is recorded (409): the label, fewer versions, another repeal, a version slipped in before the repeal', async () => {
    await importStatutes(app.ctx, [imported({ repealed: { on: '2020-01-01', reason: 'repealed' } }), imported({ code: '5-201', titleNumber: 5, label: ANBU })], { source: 'a' });
    const before = await stored();
    const conflict = (path: string) => ({ status: 409, code: 'LEGISLATURE_IMPORT_CONFLICT', paths: [path] });
    expect(await refusal(importStatutes(app.ctx, [imported({ code: '5-201', titleNumber: 5, label: BREACH })], { source: 'b' }))).toEqual(conflict('statutes.0.label'));
    expect(await refusal(importStatutes(app.ctx, [imported({ code: '5-201', titleNumber: 5, label: ANBU, versions: imported().versions.slice(0, 1) })], { source: 'b' }))).toEqual(conflict('statutes.0.versions'));
    expect(await refusal(importStatutes(app.ctx, [imported({ repealed: { on: '2020-01-01', reason: 'repealed by another act' } })], { source: 'b' }))).toEqual(conflict('statutes.0.repealed'));
    // The same repeal, but a version slipped in before it: the recorded history would be rewritten.
    const slipped = imported({ versions: [...imported().versions, { from: '2019-01-01', reason: 'amended', markup: A }], repealed: { on: '2020-01-01', reason: 'repealed' } });
    expect(await refusal(importStatutes(app.ctx, [slipped], { source: 'b' }))).toEqual(conflict('statutes.0.repealed'));
    expect(await stored()).toEqual(before);
  });

  it('a conflict after a new title and statute leaves neither (one transaction)', async () => {
    await importStatutes(app.ctx, [imported()], { source: 'a' });
    const before = await stored();
    const rewritten = imported({ versions: [imported().versions[0]!, { from: '2012-06-01', reason: 'Deserters Act', markup: B.replace('14', '7') }] });
    expect(await refusal(importStatutes(app.ctx, [imported({ code: '15-101', titleNumber: 15, titleHeading: 'Envoys' }), rewritten], { source: 'b' })))
      .toEqual({ status: 409, code: 'LEGISLATURE_IMPORT_CONFLICT', paths: ['statutes.1.versions.1'] });
    expect(await stored()).toEqual(before);
  });

  it('a new heading comes with a new version: alone it is refused (409) and nothing changes; with one, the statute reads with it from that day', async () => {
    await importStatutes(app.ctx, [imported()], { source: 'a' });
    const before = await stored();
    expect(await refusal(importStatutes(app.ctx, [imported({ heading: 'Return of deserters and runaways' })], { source: 'b' }))).toEqual({ status: 409, code: 'LEGISLATURE_IMPORT_CONFLICT', paths: ['statutes.0.heading'] });
    expect(await stored()).toEqual(before);
    const renamed = imported({ heading: 'Return of deserters and runaways' });
    renamed.versions = [...renamed.versions, { from: '2024-01-01', reason: 'renamed', markup: renamed.versions.at(-1)!.markup }];
    expect(await importStatutes(app.ctx, [renamed], { source: 'c' })).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await statuteHistory(app.ctx, '14-203')).heading).toBe('Return of deserters and runaways');
    expect((await getStatute(app.ctx, '14-203', '2024-01-01')).heading).toBe('Return of deserters and runaways');
    expect((await getStatute(app.ctx, '14-203', '2023-12-31')).heading).toBe(imported().heading);
  });
});

// `sandstone search` as a user runs it: the filters reach the search, and the count line says
// "more than" only when the total is a lower bound. Worked out from the statutes below.
describe.each(DIALECTS)('sandstone search on %s', (dialect) => {
  let db: CliDatabase;
  beforeAll(async () => {
    db = await cliDatabase(dialect, async (ctx) => {
      await importStatutes(ctx, [
        imported({ repealed: { on: '2020-01-01', reason: 'repealed' } }),
        { code: '9-105', heading: 'Deserters at the wells', titleNumber: 9, titleHeading: 'Water', versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) A deserter found at the wells is held.' }] },
        // 60 statutes hold "saltpan": more than the first page's horizon (20 + 32).
        ...Array.from({ length: 60 }, (_, i): TStatuteImport => ({ code: `8-${100 + i}`, heading: 'Salt', titleNumber: 8, versions: [{ from: '2001-04-01', reason: 'enacted', markup: `(1) The saltpan is worked ${i} times.` }] })),
      ], { source: 'test' });
    });
  }, 60_000);
  afterAll(async () => db?.drop());
  const run = async (...args: string[]) => {
    const r = await runSandstoneHere(['search', ...args, ...db.flags]);
    expect(r.code, r.err).toBe(0);
    return r.out;
  };
  const found = (out: string) => [...out.matchAll(/^\s*\d+\. § (\S+)/gm)].map((m) => m[1]);

  it('searches on a date and in a title, and counts as the API does', async () => {
    // Today only 9-105 is in force with "deserter" (14-203 is repealed, shown with its status); in 2005, 14-203 read "30 days".
    expect(found(await run('deserter', '--title', '9'))).toEqual(['9-105']);
    expect(found(await run('days', '--at', '2005-01-01', '--title', '14'))).toEqual(['14-203']);
    expect(await run('"30 days"', '--at', '2005-01-01')).toMatch(/\n1 shown of 1 matching\s*$/);
    expect(found(await run('"30 days"'))).toEqual([]);
    expect(await run('saltpan')).toMatch(/\n20 shown of more than 52 matching\s*$/);
    expect(await run('saltpan', '--title', '8', '--limit', '30')).toMatch(/\n30 shown of 60 matching\s*$/);
  }, 240_000);
});

describe.each(DIALECTS)('sandstone export akn --at on %s', (dialect) => {
  let db: CliDatabase;
  beforeAll(async () => {
    db = await cliDatabase(dialect, async (ctx) => { await importStatutes(ctx, [imported({ repealed: { on: '2020-01-01', reason: 'repealed' } })], { source: 'test' }); });
  }, 60_000);
  afterAll(async () => db?.drop());

  it('exports the text in force on the date, and refuses a date it is not in force (exit 1, saying why)', async () => {
    const then = await runSandstoneHere(['export', 'akn', '14-203', '--at', '2005-01-01', ...db.flags]);
    expect(then.code, then.err).toBe(0);
    expect(then.out).toContain('30 days');
    const repealed = await runSandstoneHere(['export', 'akn', '14-203', '--at', '2020-01-01', ...db.flags]);
    expect([repealed.code, repealed.out]).toEqual([1, '']);
    expect(repealed.err).toMatch(/repealed on 2020-01-01/);
    const notYet = await runSandstoneHere(['export', 'akn', '14-203', '--at', '2001-03-31', ...db.flags]);
    expect(notYet.code).toBe(1);
    expect(notYet.err).toMatch(/not yet in force/);
  }, 240_000);
});
