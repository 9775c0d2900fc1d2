// Gaps found by breaking the statute book's code on purpose (mutation testing, issue 9): the
// boundaries of the law on a day in every read that has one (the title index, citations resolved,
// search on a date), and the labels in the reads that keep answers. The world is written through
// the clerk's services; every expected answer is worked out by hand from the rules:
//   in force from valid_from (inclusive) to valid_to (exclusive); repealed from the repeal day on;
//   a statute the reader may not see is "no such code" everywhere.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { amendStatute, createStatute, createTitle, listTitles, repealStatute, resolveCitationsInText } from './index.ts';
import { searchLaw } from './search.ts';

// 09:00 UTC is 12:00 in the village (UTC+03:00): today is 2026-12-01 there and in UTC alike.
const NOW = new Date('2026-12-01T09:00:00Z');
const V1 = '(1) A prisoner is escorted by two guards.\n(2) The escort reports to the Council.';
const V2 = '(1) A prisoner is escorted by three guards.\n(2) The escort reports to the Council.';
const ANBU = { classification: 'secret' as const, compartments: ['ANBU'] };
const BREACH = { classification: 'secret' as const, compartments: ['BREACH'] };

const reader = (ctx: AppContext, level: 'public' | 'restricted' | 'secret' | 'top_secret', compartments: string[] = []) =>
  withActor(ctx, { kind: 'user', username: `reader-${level}-${compartments.join('-')}`, role: 'genin', clearance: { level, compartments } });
const clerk = (ctx: AppContext) =>
  withActor(ctx, { kind: 'user', username: 'clerk', role: 'clerk', clearance: { level: 'top_secret', compartments: ['ANBU', 'BREACH'] } });

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
});
