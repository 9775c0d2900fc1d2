// What an outside attack on the statute book found (issue 9, a9), held on both databases: a search
// without a date shows the law in force today, not a consolidation dated in the future, and moves
// to it on its day (the daily job, at village midnight); a clerk's dates are the Council's (a
// version dated 9999-12-31 would have left the statute unamendable for ever), and a new version
// must change something; a citation of a subdivision the statute does not have says so.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { JobRunner, collectJobKinds } from '../../kernel/jobs/runner.ts';
import { amendStatute, createStatute, createTitle, getStatute, importStatutes, legislatureModule, listTitles, repealStatute, resolveCitationsInText, searchShownToday } from './index.ts';
import { searchLaw } from './search.ts';
import { clerk, visitor } from './testing/actors.ts';

// 21:30 UTC on 2026-12-01 is 00:30 on 2026-12-02 in the village (UTC+03:00).
const T0 = '2026-12-01T21:30:00Z';
const TODAY_TEXT = '(1) The festival bazaar stays open until midnight.';
const NEXT_TEXT = '(1) The festival bazaar closes at the warden\'s bell.';

describe.each(DIALECTS)('the law of today on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const found = async (q: string) => (await searchLaw(visitor(app.ctx), { q })).items.map((i) => [i.code, i.status]);

  beforeAll(async () => {
    clock = new SimulatedClock(T0);
    app = await openTestApp(dialect, { now: clock.now });
    clock.drive(new JobRunner(app.ctx, collectJobKinds([legislatureModule])));
    const c = clerk(app.ctx);
    await createTitle(c, { number: 16, heading: 'Trade and markets' });
    const made = await createStatute(c, { code: '16-102', heading: 'Festival bazaar', markup: TODAY_TEXT, validFrom: '2001-04-01', reason: 'enacted' });
    // Consolidated now, in force from the 5th.
    await amendStatute(c, '16-102', { validFrom: '2026-12-05', markup: NEXT_TEXT, reason: 'consolidation: Bazaar Act 2026' }, made.version);
    // Imported with a version from the 5th too: the import follows the same rule.
    await importStatutes(c, [{
      code: '16-103', heading: 'Caravan tolls', titleNumber: 16,
      versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) A caravan pays its toll at the east gate.' }, { from: '2026-12-05', reason: 'consolidation', markup: '(1) A caravan pays its toll at the oasis warden.' }],
    }], { source: 'test' });
    // Not yet in force at all: shown, marked so; repealed: shown, marked so.
    await createStatute(c, { code: '16-104', heading: 'Spice market', markup: '(1) The spice market opens at the festival.', validFrom: '2027-01-01', reason: 'enacted' });
    const old = await createStatute(c, { code: '16-105', heading: 'Old bazaar', markup: '(1) The old bazaar of the festival is closed.', validFrom: '2001-04-01', reason: 'enacted' });
    await repealStatute(c, '16-105', { on: '2020-01-01', reason: 'repealed' }, old.version);
  }, 60_000);
  afterAll(async () => app?.drop());

  it('searches today\'s text, as the statute reads today, until a consolidation comes into force on its day', async () => {
    expect((await getStatute(visitor(app.ctx), '16-102')).markup).toBe(TODAY_TEXT);
    expect(await found('midnight')).toEqual([['16-102', 'in_force']]);
    expect(await found('warden')).toEqual([]);
    expect(await found('east gate')).toEqual([['16-103', 'in_force']]);
    expect((await found('festival')).sort()).toEqual([['16-102', 'in_force'], ['16-104', 'not_yet'], ['16-105', 'repealed']]);
    // The 4th, 23:59 in the village: nothing moves yet.
    await clock.advanceTo('2026-12-04T20:59:00Z');
    expect(await found('midnight')).toEqual([['16-102', 'in_force']]);
    // Midnight of the 5th in the village: the daily job moves both.
    await clock.advanceTo('2026-12-04T21:01:00Z');
    expect((await getStatute(visitor(app.ctx), '16-102')).markup).toBe(NEXT_TEXT);
    expect(await found('midnight')).toEqual([]);
    expect((await found('warden')).sort()).toEqual([['16-102', 'in_force'], ['16-103', 'in_force']]);
    // With a date, as before: the text in force that day.
    expect((await searchLaw(visitor(app.ctx), { q: 'midnight', at: '2026-12-04' })).items.map((i) => i.code)).toEqual(['16-102']);
    // The statute not yet in force stays shown, marked so, until its day.
    expect((await found('spice')).sort()).toEqual([['16-104', 'not_yet']]);
    // Run again the same day, nothing moves: not the repealed statute either, whose last text ended on its repeal.
    expect(await searchShownToday(app.ctx)).toBe(0);
  });

  it('says when a cited subdivision is not in the statute in force, rather than citing the statute whole', async () => {
    const cited = (await resolveCitationsInText(visitor(app.ctx), { text: 'Under § 16-102(1), not § 16-102(9)(z), nor 16-102.', at: '2026-12-03' })).citations;
    expect(cited.map((c) => [c.text, c.status, c.subdivisionMissing, c.excerpt])).toEqual([
      ['§ 16-102(1)', 'in_force', false, '(1) The festival bazaar stays open until midnight.'],
      ['§ 16-102(9)(z)', 'in_force', true, null],
      ['16-102', 'in_force', false, '(1) The festival bazaar stays open until midnight.'],
    ]);
  });

  it('refuses a clerk\'s date outside the Council\'s years, and a version that changes nothing, writing nothing', async () => {
    const c = clerk(app.ctx);
    const s = await getStatute(c, '16-105').catch(() => null);
    expect(s).toBeNull(); // repealed: not in force today
    const made = await createStatute(c, { code: '16-110', heading: 'Weights and measures', markup: '(1) A ryo weighs one measure.', validFrom: '2001-04-01', reason: 'enacted' });
    await expect(amendStatute(c, '16-110', { validFrom: '9999-12-31', markup: '(1) far future.', reason: 'r' }, made.version))
      .rejects.toMatchObject({ status: 400, details: [{ path: 'body.validFrom', message: 'must be in the years 1000 to 2999' }] });
    await expect(repealStatute(c, '16-110', { on: '3000-01-01', reason: 'r' }, made.version))
      .rejects.toMatchObject({ status: 400, details: [{ path: 'body.on', message: 'must be in the years 1000 to 2999' }] });
    await expect(createStatute(c, { code: '16-111', heading: 'Scales', markup: '(1) Scales are checked.', validFrom: '0999-12-31', reason: 'enacted' }))
      .rejects.toMatchObject({ status: 400, details: [{ path: 'body.validFrom', message: 'must be in the years 1000 to 2999' }] });
    await expect(amendStatute(c, '16-110', { validFrom: '2026-12-20', markup: '(1) A ryo weighs one measure.', reason: 'the same again' }, made.version))
      .rejects.toMatchObject({ status: 422, code: 'LEGISLATURE_VERSION_UNCHANGED', details: [{ path: 'body.markup', message: 'is the text of the version of 2001-04-01' }] });
    // Nor does spacing make a change: the statute reads the same.
    for (const markup of ['(1) A ryo weighs one measure. ', '(1) A ryo weighs one measure.\n', '(1)  A ryo weighs\r\n one measure.']) {
      await expect(amendStatute(c, '16-110', { validFrom: '2026-12-20', markup, heading: 'Weights and measures ', reason: 'respaced' }, made.version), JSON.stringify(markup))
        .rejects.toMatchObject({ status: 422, code: 'LEGISLATURE_VERSION_UNCHANGED' });
    }
    // A new heading alone is a change; the title index names the statute as it reads on each day.
    const renamed = await amendStatute(c, '16-110', { validFrom: '2026-12-20', markup: '(1) A ryo weighs one measure.', heading: 'Weights', reason: 'renamed' }, made.version);
    expect(renamed.version).toBe(made.version + 1);
    const named = async (at?: string) => (await listTitles(visitor(app.ctx), at)).items.find((t) => t.number === 16)!.statutes.find((x) => x.code === '16-110')!.heading;
    expect([await named(), await named('2026-12-19'), await named('2026-12-20'), await named('2001-03-31')]).toEqual(['Weights and measures', 'Weights and measures', 'Weights', 'Weights and measures']);
  });

  it('moves the search of a statute whose consolidation comes into force on a day when it alone moves', async () => {
    const c = clerk(app.ctx);
    const made = await createStatute(c, { code: '16-120', heading: 'Camel watering', markup: '(1) Camel drivers water their beasts at the northern trough.', validFrom: '2001-04-01', reason: 'enacted' });
    await amendStatute(c, '16-120', { validFrom: '2026-12-12', markup: '(1) Camel drivers water their beasts at the southern cistern.', reason: 'consolidation: Wells Act 2026' }, made.version);
    expect(await found('trough')).toEqual([['16-120', 'in_force']]);
    expect(await found('cistern')).toEqual([]);
    // Midnight of the 12th in the village: the daily job moves it, the only statute changing that day.
    await clock.advanceTo('2026-12-11T21:01:00Z');
    expect(await found('trough')).toEqual([]);
    expect(await found('cistern')).toEqual([['16-120', 'in_force']]);
    expect(await searchShownToday(app.ctx)).toBe(0);
  });
});
