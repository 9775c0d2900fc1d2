// The statute book's services on both databases: the law on a date (and the three ways of there
// being none), history that is never overwritten, redlines, labels (ANBU vs BREACH), citations
// resolved in one statement, If-Match on consolidations and repeals, and markup refused by line.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import type { AppContext } from '../../kernel/context.ts';
import {
  amendStatute, createStatute, createTitle, getStatute, listTitles, repealStatute, resolveCitationsInText, statuteDiff, statuteHistory,
} from './index.ts';
import { clerk, reader } from './testing/actors.ts';

// 2026-12-01 23:30 UTC is already 2026-12-02 in the village (UTC+03:00).
const NOW = new Date('2026-12-01T23:30:00Z');
const V1 = 'A deserter is returned to the village.\n(1) A deserter found abroad is returned within 30 days.\n(2) The Council may extend the period:\n  (a) for illness; or\n  (b) in time of war.';
const V2 = V1.replace('30 days', '14 days');
const ANBU = { classification: 'secret' as const, compartments: ['ANBU'] };
const BREACH = { classification: 'secret' as const, compartments: ['BREACH'] };

describe.each(DIALECTS)('the statute book on %s', (dialect) => {
  let app: TestApp;
  let op: AppContext;
  let statements = 0;
  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => NOW });
    const counter: KyselyPlugin = { transformQuery: (a) => a.node, transformResult: async (a) => (statements++, a.result) };
    op = { ...app.ctx, db: app.ctx.db.withPlugin(counter) };
    const c = clerk(op);
    await createTitle(c, { number: 14, heading: 'Extradition and transfer of prisoners' });
    await createTitle(c, { number: 5, heading: 'Security and the ANBU' });
    const made = await createStatute(c, { code: '14-203', heading: 'Return of deserters', markup: V1, validFrom: '2001-04-01', reason: 'enacted by the Council' });
    await amendStatute(c, '14-203', { validFrom: '2012-06-01', markup: V2, reason: 'consolidation: Deserters Act 2012' }, made.version);
    await repealStatute(c, '14-203', { on: '2020-03-01', reason: 'repealed by the Extradition Act 2020' }, made.version + 1);
    await createStatute(c, { code: '14-210', heading: 'Transfer of prisoners', markup: '(1) Prisoners may be transferred.', validFrom: '2030-06-01', reason: 'enacted' });
    await createStatute(c, { code: '14-220', heading: 'Envoys', markup: `(1) ${'An envoy is received with courtesy. '.repeat(30)}`, validFrom: '2001-04-01', reason: 'enacted' });
    await createStatute(c, { code: '5-201', heading: 'Charter of the ANBU', markup: '(1) The ANBU guards the Kazekage.', validFrom: '2001-04-01', reason: 'enacted', ...ANBU });
    await createStatute(c, { code: '5-301', heading: 'Inquests into breaches', markup: '(1) A breach is inquired into.', validFrom: '2001-04-01', reason: 'enacted', ...BREACH });
  }, 60_000);
  afterAll(async () => app?.drop());

  describe('point in time', () => {
    it('gives the version in force: valid_from inclusive, valid_to exclusive', async () => {
      const on = async (at: string) => (await getStatute(op, '14-203', at)).version.seq;
      expect(await on('2001-04-01')).toBe(1);
      expect(await on('2012-05-31')).toBe(1);
      expect(await on('2012-06-01')).toBe(2);
      expect(await on('2020-02-29')).toBe(2);
      const s = await getStatute(op, '14-203', '2015-01-01');
      expect(s).toMatchObject({
        code: '14-203', titleNumber: 14, titleHeading: 'Extradition and transfer of prisoners', heading: 'Return of deserters', at: '2015-01-01',
        inForceFrom: '2001-04-01', repealedOn: '2020-03-01', markup: V2, classification: 'public', compartments: [],
        version: { seq: 2, validFrom: '2012-06-01', validTo: '2020-03-01', madeBy: { kind: 'consolidation', reason: 'consolidation: Deserters Act 2012', ref: null }, recordedBy: 'clerk' },
      });
      expect(s.text.intro).toBe('A deserter is returned to the village.');
      expect(s.text.subsections[1]!.paragraphs.map((p) => p.eId)).toEqual(['sec_14-203__subsec_2__para_a', 'sec_14-203__subsec_2__para_b']);
      expect(s.timeline).toEqual([
        { seq: 1, validFrom: '2001-04-01', validTo: '2012-06-01', kind: 'text', reason: 'enacted by the Council' },
        { seq: 2, validFrom: '2012-06-01', validTo: '2020-03-01', kind: 'text', reason: 'consolidation: Deserters Act 2012' },
        { seq: 3, validFrom: '2020-03-01', validTo: null, kind: 'repeal', reason: 'repealed by the Extradition Act 2020' },
      ]);
    });

    it('answers the three 404s, each saying which', async () => {
      await expect(getStatute(op, '14-203', '2020-03-01')).rejects.toMatchObject({
        status: 404, code: 'LEGISLATURE_STATUTE_REPEALED',
        message: 'Statute 14-203 was repealed on 2020-03-01. Its history: /api/legislature/statutes/14-203/history', details: [{ path: 'at' }],
      });
      await expect(getStatute(op, '14-203', '2001-03-31')).rejects.toMatchObject({
        status: 404, code: 'LEGISLATURE_STATUTE_NOT_YET', message: 'Statute 14-203 is not yet in force on 2001-03-31: it is in force from 2001-04-01.', details: [{ path: 'at' }],
      });
      await expect(getStatute(op, '14-210')).rejects.toMatchObject({ code: 'LEGISLATURE_STATUTE_NOT_YET', message: expect.stringContaining('in force from 2030-06-01') });
      await expect(getStatute(op, '99-999', '2010-01-01')).rejects.toMatchObject({ status: 404, code: 'LEGISLATURE_STATUTE_NOT_FOUND', message: expect.stringMatching(/^No statute has the code 99-999\./) });
      await expect(getStatute(op, 'DROP TABLE')).rejects.toMatchObject({ status: 404, code: 'LEGISLATURE_STATUTE_NOT_FOUND' });
    });

    it('reads "today" as the village date (UTC+03:00)', async () => {
      // 14-220 is in force; the answer says which day it was read for.
      expect((await getStatute(op, '14-220')).at).toBe('2026-12-02');
    });

    it('accepts a code written with an en dash', async () => {
      expect((await getStatute(op, '14–203', '2005-01-01')).code).toBe('14-203');
    });
  });

  describe('history', () => {
    it('keeps every version: a consolidation and a repeal only close the one before', async () => {
      const h = await statuteHistory(op, '14-203');
      expect(h.items.map((i) => [i.seq, i.kind, i.validFrom, i.validTo, i.madeBy.reason])).toEqual([
        [1, 'text', '2001-04-01', '2012-06-01', 'enacted by the Council'],
        [2, 'text', '2012-06-01', '2020-03-01', 'consolidation: Deserters Act 2012'],
        [3, 'repeal', '2020-03-01', null, 'repealed by the Extradition Act 2020'],
      ]);
      // The first text is still there, word for word, on its dates.
      expect((await getStatute(op, '14-203', '2005-01-01')).markup).toBe(V1);
      const { id } = await op.db.selectFrom('legislature_statute').select('id').where('code', '=', '14-203').executeTakeFirstOrThrow();
      const rows = await op.db.selectFrom('legislature_statute_version').select(['seq', 'markup']).where('statute_id', '=', id).orderBy('seq').execute();
      expect(rows.map((r) => [Number(r.seq), r.markup])).toEqual([[1, V1], [2, V2], [3, null]]);
    });

    it('keeps one search document per text version, with its dates, the repeal and the latest marked', async () => {
      const docs = await op.db.selectFrom('legislature_search_doc').select(['code', 'valid_from', 'valid_to', 'repealed_on', 'latest', 'body']).where('code', '=', '14-203').orderBy('valid_from').execute();
      expect(docs.map((d) => [String(d.valid_from), String(d.valid_to), String(d.repealed_on), !!d.latest])).toEqual([
        ['2001-04-01', '2012-06-01', '2020-03-01', false],
        ['2012-06-01', '2020-03-01', '2020-03-01', true],
      ]);
      expect(docs[1]!.body).toBe('A deserter is returned to the village.\n(1) A deserter found abroad is returned within 14 days.\n(2) The Council may extend the period:\n(a) for illness; or\n(b) in time of war.');
    });
  });

  describe('diff', () => {
    it('redlines the texts in force on two dates, word by word', async () => {
      const d = await statuteDiff(op, '14-203', '2005-01-01', '2013-01-01');
      expect(d.from).toEqual({ date: '2005-01-01', seq: 1 });
      expect(d.to).toEqual({ date: '2013-01-01', seq: 2 });
      expect(d.redline.changed).toEqual(['sec_14-203__subsec_1']);
      expect(d.redline.added).toEqual([]);
      expect(d.redline.segments.filter((s) => s.op !== 'equal')).toEqual([{ op: 'delete', text: '30' }, { op: 'insert', text: '14' }]);
    });

    it('names the date on which there is no text', async () => {
      await expect(statuteDiff(op, '14-203', '2005-01-01', '2021-01-01')).rejects.toMatchObject({ code: 'LEGISLATURE_STATUTE_REPEALED', details: [{ path: 'to' }] });
      await expect(statuteDiff(op, '14-203', '1999-01-01', '2005-01-01')).rejects.toMatchObject({ code: 'LEGISLATURE_STATUTE_NOT_YET', details: [{ path: 'from' }] });
    });
  });

  describe('labels', () => {
    it('a reader cleared for ANBU but not BREACH sees the one and not the other, and BREACH the reverse', async () => {
      const anbu = reader(op, 'secret', ['ANBU']);
      const breach = reader(op, 'secret', ['BREACH']);
      expect((await getStatute(anbu, '5-201', '2010-01-01')).heading).toBe('Charter of the ANBU');
      expect((await getStatute(breach, '5-301', '2010-01-01')).heading).toBe('Inquests into breaches');
      const unknown = await getStatute(anbu, '5-999', '2010-01-01').catch((e) => e);
      for (const [who, code] of [[anbu, '5-301'], [breach, '5-201']] as const) {
        const hidden = await getStatute(who, code, '2010-01-01').catch((e) => e);
        // Exactly as an unknown code: same status, code and message (but for the code itself).
        expect([hidden.status, hidden.code, hidden.message.replace(code, 'X')]).toEqual([unknown.status, unknown.code, unknown.message.replace('5-999', 'X')]);
        await expect(statuteHistory(who, code)).rejects.toMatchObject({ code: 'LEGISLATURE_STATUTE_NOT_FOUND' });
        await expect(statuteDiff(who, code, '2005-01-01', '2010-01-01')).rejects.toMatchObject({ code: 'LEGISLATURE_STATUTE_NOT_FOUND' });
      }
      const codes = async (ctx: AppContext) => (await listTitles(ctx, '2010-01-01')).items.find((t) => t.number === 5)!.statutes.map((s) => s.code);
      expect(await codes(anbu)).toEqual(['5-201']);
      expect(await codes(breach)).toEqual(['5-301']);
      expect(await codes(reader(op, 'top_secret'))).toEqual([]);
      expect(await codes(reader(op, 'secret', ['ANBU', 'BREACH']))).toEqual(['5-201', '5-301']);
    });

    it('the title index gives each statute its status on the date', async () => {
      const t14 = (await listTitles(op, '2025-01-01')).items.find((t) => t.number === 14)!;
      expect(t14.statutes.map((s) => [s.code, s.status, s.repealedOn])).toEqual([['14-203', 'repealed', '2020-03-01'], ['14-210', 'not_yet', null], ['14-220', 'in_force', null]]);
    });
  });

  describe('citations resolved', () => {
    const TEXT = 'Under § 14-203(1) and s. 14-210, read with 5-201(1), 14-220 and 99-999, and Title 14.';
    it('gives each citation its status, heading and the cited text in force on the date; a hidden statute is unknown', async () => {
      const r = await resolveCitationsInText(reader(op, 'public'), { text: TEXT, at: '2015-01-01' });
      expect(r.at).toBe('2015-01-01');
      expect(r.citations.map((c) => [c.text, c.code, c.status, c.heading, c.excerpt])).toEqual([
        ['§ 14-203(1)', '14-203', 'in_force', 'Return of deserters', '(1) A deserter found abroad is returned within 14 days.'],
        ['s. 14-210', '14-210', 'not_yet', 'Transfer of prisoners', null],
        ['5-201(1)', '5-201', 'unknown', null, null],
        ['14-220', '14-220', 'in_force', 'Envoys', expect.any(String)],
        ['99-999', '99-999', 'unknown', null, null],
        ['Title 14', null, 'in_force', 'Extradition and transfer of prisoners', null],
      ]);
      // The statute's opening, cut at 400 characters.
      const envoys = r.citations[3]!.excerpt!;
      expect(envoys.length).toBeLessThanOrEqual(400);
      expect(envoys.startsWith('(1) An envoy is received with courtesy.')).toBe(true);
      expect(envoys.endsWith('…')).toBe(true);
      expect(r.citations[0]).toMatchObject({ start: TEXT.indexOf('§'), end: TEXT.indexOf('§') + '§ 14-203(1)'.length, subdivision: { path: ['1'], eId: 'sec_14-203__subsec_1' } });
      expect(r.citations[1]!.since).toBe('2030-06-01');
      // The ANBU reader sees 5-201, with its text.
      const anbu = await resolveCitationsInText(reader(op, 'secret', ['ANBU']), { text: TEXT, at: '2015-01-01' });
      expect(anbu.citations[2]).toMatchObject({ status: 'in_force', heading: 'Charter of the ANBU', excerpt: '(1) The ANBU guards the Kazekage.' });
      // On a later date, the repealed statute is repealed, with no excerpt.
      const later = await resolveCitationsInText(op, { text: TEXT, at: '2021-01-01' });
      expect(later.citations[0]).toMatchObject({ status: 'repealed', since: '2020-03-01', excerpt: null });
    });

    it('reads every cited statute in ONE statement (and the titles in one more)', async () => {
      statements = 0;
      await resolveCitationsInText(reader(op, 'public'), { text: TEXT.replace(', and Title 14', ''), at: '2015-01-01' });
      expect(statements).toBe(1);
      statements = 0;
      await resolveCitationsInText(reader(op, 'public'), { text: TEXT, at: '2015-01-01' });
      expect(statements).toBe(2);
      statements = 0;
      await resolveCitationsInText(reader(op, 'public'), { text: 'No citations here.' });
      expect(statements).toBe(0);
    });

    it('refuses a text over 100,000 characters', async () => {
      await expect(resolveCitationsInText(op, { text: 'x'.repeat(100_001) })).rejects.toMatchObject({ status: 400, details: [{ path: 'body.text' }] });
    });
  });

  describe('writes', () => {
    it('a consolidation needs the version read (If-Match): 428 without it, 412 when stale', async () => {
      const c = clerk(op);
      const made = await createStatute(c, { code: '14-230', heading: 'Escorts', markup: '(1) Escorts are armed.', validFrom: '2001-04-01', reason: 'enacted' });
      await expect(amendStatute(c, '14-230', { validFrom: '2010-01-01', markup: '(1) Escorts are armed and two.', reason: 'x' })).rejects.toMatchObject({ status: 428, code: 'LEGISLATURE_VERSION_REQUIRED' });
      await expect(amendStatute(c, '14-230', { validFrom: '2010-01-01', markup: '(1) Escorts are armed and two.', reason: 'x' }, made.version + 1)).rejects.toMatchObject({ status: 412, code: 'LEGISLATURE_STALE_VERSION' });
      const next = await amendStatute(c, '14-230', { validFrom: '2010-01-01', markup: '(1) Escorts are armed and two.', reason: 'x' }, made.version);
      expect(next.version).toBe(made.version + 1);
      await expect(repealStatute(c, '14-230', { on: '2011-01-01', reason: 'y' })).rejects.toMatchObject({ status: 428 });
      await expect(repealStatute(c, '14-230', { on: '2011-01-01', reason: 'y' }, made.version)).rejects.toMatchObject({ status: 412 });
      // A new version must come after the latest one.
      await expect(amendStatute(c, '14-230', { validFrom: '2010-01-01', markup: '(1) Again.', reason: 'x' }, next.version)).rejects.toMatchObject({ status: 422, details: [{ path: 'body.validFrom', message: 'must be after 2010-01-01' }] });
      await repealStatute(c, '14-230', { on: '2011-01-01', reason: 'y' }, next.version);
      await expect(amendStatute(c, '14-230', { validFrom: '2012-01-01', markup: '(1) Back.', reason: 'x' }, next.version + 1)).rejects.toMatchObject({ status: 409, code: 'LEGISLATURE_STATUTE_ALREADY_REPEALED' });
    });

    it('refuses markup with mistakes (422, each naming its line) and writes nothing', async () => {
      const c = clerk(op);
      const count = async () => Number((await op.db.selectFrom('legislature_statute_version').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      const bad = '(1) Fine.\n  (a) fine.\n   (b) three spaces.\n(1) again.';
      const err = await createStatute(c, { code: '14-240', heading: 'Bad', markup: bad, validFrom: '2001-04-01', reason: 'x' }).catch((e) => e);
      expect(err).toMatchObject({ status: 422, code: 'LEGISLATURE_MARKUP_INVALID' });
      expect(err.details.map((d: any) => [d.path, d.message.slice(0, 7)])).toEqual([['body.markup', 'line 3:'], ['body.markup', 'line 4:']]);
      const h = await statuteHistory(op, '14-220');
      await expect(amendStatute(c, '14-220', { validFrom: '2020-01-01', markup: bad, reason: 'x' }, h.version)).rejects.toMatchObject({ status: 422, details: [{ path: 'body.markup', message: expect.stringMatching(/^line 3: /) }, expect.anything()] });
      expect(await count()).toBe(before);
      await expect(getStatute(op, '14-240', '2010-01-01')).rejects.toMatchObject({ code: 'LEGISLATURE_STATUTE_NOT_FOUND' });
    });

    it('a clerk may not write a statute above their clearance, and a hidden one is not found', async () => {
      const low = clerk(op, 'secret', ['ANBU']);
      await expect(createStatute(low, { code: '5-302', heading: 'x', markup: '(1) x.', validFrom: '2001-04-01', reason: 'x', ...BREACH })).rejects.toMatchObject({ status: 403 });
      await expect(repealStatute(low, '5-301', { on: '2025-01-01', reason: 'x' }, 1)).rejects.toMatchObject({ status: 404, code: 'LEGISLATURE_STATUTE_NOT_FOUND' });
      const genin = reader(op, 'top_secret', ['ANBU', 'BREACH']);
      await expect(repealStatute(genin, '5-301', { on: '2025-01-01', reason: 'x' }, 1)).rejects.toMatchObject({ status: 403 });
    });

    it('a code is never given twice, and a statute needs its title', async () => {
      const c = clerk(op);
      await expect(createStatute(c, { code: '14-203', heading: 'Again', markup: '(1) x.', validFrom: '2021-01-01', reason: 'x' })).rejects.toMatchObject({ status: 409, code: 'LEGISLATURE_CODE_TAKEN' });
      await expect(createStatute(c, { code: '33-101', heading: 'x', markup: '(1) x.', validFrom: '2021-01-01', reason: 'x' })).rejects.toMatchObject({ status: 422, code: 'LEGISLATURE_TITLE_NOT_FOUND', details: [{ path: 'body.code' }] });
      await expect(createTitle(c, { number: 14, heading: 'Again' })).rejects.toMatchObject({ status: 409 });
    });
  });
});
