// The start of most post tests: an app on a simulated clock whose job runner (the post module's
// jobs) the clock drives, and the village of Suna; each test then casts its own people (cast.ts).
import { openTestApp, type TestApp, type TestDialect } from '../../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../../kernel/testing/clock.ts';
import { JobRunner, collectJobKinds } from '../../../kernel/jobs/runner.ts';
import { createVillage } from '../../registry/index.ts';
import { postModule } from '../index.ts';

/** The instant the post tests start at. */
export const T0 = '2026-11-20T06:00:00.000Z';

export async function openPostWorld(dialect: TestDialect): Promise<{ app: TestApp; clock: SimulatedClock }> {
  const clock = new SimulatedClock(T0);
  const app = await openTestApp(dialect, { now: clock.now });
  clock.drive(new JobRunner(app.ctx, collectJobKinds([postModule])));
  await createVillage(app.ctx, { code: 'suna', name: 'Sunagakure', land: 'x', leaderTitle: 'x' });
  return { app, clock };
}
