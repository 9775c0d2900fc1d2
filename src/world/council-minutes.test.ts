// The minutes of the Council's sittings in the demo world, on both databases: the day-3 sitting's
// minutes approved at the extraordinary sitting of day 15 (as it opened), that sitting's own
// minutes drafted; the approved minutes found by the law search; and the statute versions the
// orphans bill made link to the minutes of the sitting that passed it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../kernel/testing/dialects.ts';
import { SimulatedClock } from '../kernel/testing/clock.ts';
import { JobRunner, collectJobKinds } from '../kernel/jobs/runner.ts';
import { legislatureModule, getMinutes, getStatute, listSessions, searchLaw } from '../modules/legislature/index.ts';
import { loadDemoWorld } from './demo.ts';
import { DAY3_TITLE, ORPHANS_SITTING_TITLE } from './council.ts';

describe.each(DIALECTS)('council minutes in the demo world on %s', { timeout: 240_000 }, (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  let day3 = '';
  let sitting = '';

  beforeAll(async () => {
    clock = new SimulatedClock('2026-12-01T15:00:00.000Z');
    app = await openTestApp(dialect, { now: clock.now });
    await loadDemoWorld(app.ctx);
    const sessions = (await listSessions(app.ctx, { limit: 50, offset: 0 })).items;
    day3 = sessions.find((s) => s.title === DAY3_TITLE)!.code;
    sitting = sessions.find((s) => s.title === ORPHANS_SITTING_TITLE)!.code;
  }, 240_000);
  afterAll(async () => app?.drop());

  it('day 3: drafted the next morning, approved at the extraordinary sitting of 1 December as it opened', async () => {
    const m = await getMinutes(app.ctx, day3);
    expect(m).toMatchObject({ state: 'approved', generatedAt: '2026-11-20T05:00:00.000Z', approvedAt: '2026-12-01T06:00:00.000Z', approvedIn: { code: sitting, date: '2026-12-01' } });
    expect(m.text).toContain(`Minutes of the Council, ${day3}`);
    // Loading again takes no step twice.
    await loadDemoWorld(app.ctx);
    expect((await getMinutes(app.ctx, day3)).version).toBe(m.version);
  });

  it("the extraordinary sitting's minutes are drafted after it adjourned, awaiting approval", async () => {
    expect(await getMinutes(app.ctx, sitting)).toMatchObject({ state: 'draft', version: 1, generatedAt: '2026-12-01T11:00:00.000Z', approvedAt: null });
  });

  it('the law search finds the approved day-3 minutes, and not the draft', async () => {
    const found = await searchLaw(app.ctx, { q: 'Yukigakure' });
    expect(found.items.filter((i) => i.kind === 'minutes').map((i) => i.code)).toEqual([day3]);
  });

  it('the statute versions the orphans bill made link to the minutes of the sitting that passed it', async () => {
    await clock.drive(new JobRunner(app.ctx, collectJobKinds([legislatureModule]))).runDue();
    for (const code of ['11-107', '11-104']) {
      expect((await getStatute(app.ctx, code, '2026-12-01')).version.minutes).toMatchObject({ session: sitting, state: 'draft', url: `/legislature/sessions/${sitting}/minutes` });
    }
  });
});
