// Outside attack a13k: at village midnight the daily job (searchShownToday) re-indexes every
// statute whose shown version ended, and announces it as `legislature.search.moved` with
// `{ statutes: <how many> }`, with no label (public) and no audience: the count covers statutes
// of every label. When only a secret / BREACH statute gets a new version that day, every listener
// — anonymous readers included — hears `statutes: 1`: that a statute they may not see exists and
// changed today. SECURITY.md, References 2: "Counts of records a reader may not see must not reach
// them either"; "no list, search or export anywhere else counts what its reader cannot see".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { listen, type HeardEvents } from '../../kernel/testing/events.ts';
import { JobRunner, collectJobKinds } from '../../kernel/jobs/runner.ts';
import { dominates, type Level } from '../../kernel/auth/labels.ts';
import { createTitle, importStatutes, legislatureModule } from './index.ts';

// 21:30 UTC on 2026-12-01 is 00:30 on 2026-12-02 in the village (UTC+03:00).
const T0 = '2026-12-01T21:30:00Z';

describe.each(DIALECTS)('the daily search move counts no hidden statute on %s (attack a13k)', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  let bus: HeardEvents;

  beforeAll(async () => {
    clock = new SimulatedClock(T0);
    app = await openTestApp(dialect, { now: clock.now });
    clock.drive(new JobRunner(app.ctx, collectJobKinds([legislatureModule])));
    bus = listen(app.ctx.events);
    await createTitle(app.ctx, { number: 16, heading: 'Trade and markets' });
    // Only a secret / BREACH statute has a version coming into force on the 5th.
    await importStatutes(app.ctx, [{
      code: '16-190', heading: 'Breach protocol', titleNumber: 16, label: { classification: 'secret', compartments: ['BREACH'] },
      versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) The breach is sealed at dusk.' }, { from: '2026-12-05', reason: 'consolidation', markup: '(1) The breach is sealed at dawn.' }],
    }], { source: 'test' });
  }, 60_000);
  afterAll(async () => app?.drop());

  it('a public listener does not hear how many hidden statutes moved', async () => {
    await clock.advanceTo('2026-12-04T21:01:00Z');
    const moved = await bus.next((e) => e.type === 'legislature.search.moved', 'the search move', 5000);
    const publicHears = (!moved.label || dominates({ level: 'public', compartments: [] }, { classification: moved.label.classification as Level, compartments: moved.label.compartments }))
      && !moved.audience && !moved.allowedTo;
    // Either the event does not reach a public listener, or it counts nothing they may not see.
    expect(publicHears ? moved.payload.statutes ?? 0 : 0, `a public listener hears ${JSON.stringify(moved.payload)} about a secret / BREACH statute`).toBe(0);
  });
});
