// A delivery that throws when the aviary sends it (a bug, a row the code cannot handle) does not
// hold up the rest, on both databases: before, it failed every run whose batch held it, and while
// it stayed among the most urgent no delivery in the village was sent at all. Now the rest of the
// batch goes, and it is failed with its reason, its sender told as for a letter with no route, and
// the error audited for the operators. Expected states are the rules', written out here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { verifyAuditLog } from '../../kernel/audit/audit-log.ts';
import { createVillage } from '../registry/index.ts';
import { sendMessage } from './index.ts';
import { dispatchJob, hawkCarrier, RELIABLE_CARRIER } from './post.service.ts';
import { castPerson } from './testing/cast.ts';

const T0 = '2026-11-20T06:00:00.000Z';

describe.each(DIALECTS)('a delivery the aviary cannot send, on %s', (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};
  const run = () => dispatchJob.run(app.ctx, {} as never);
  const state = async (deliveryId: string) => app.ctx.db.selectFrom('post_delivery').select(['state', 'failure']).where('id', '=', deliveryId).executeTakeFirstOrThrow();
  /** Sends one letter alone: it waits for a run (none runs here but the test's). */
  const letter = async (subject: string, precedence: 'flash' | 'priority' | 'routine') =>
    (await sendMessage(who.aiko!, { to: [{ person: id.matsuri! }], subject, precedence })).deliveries[0]!.id;
  /** A carrier under which the given deliveries throw as they leave. */
  const throwingFor = (ids: readonly string[]) => {
    hawkCarrier.current = { depart: (d) => { if (ids.includes(d.id)) throw new Error(`the hawk for ${d.id} bolted`); }, land: () => [] };
  };

  beforeAll(async () => {
    clock = new SimulatedClock(T0);
    app = await openTestApp(dialect, { now: clock.now });
    await createVillage(app.ctx, { code: 'suna', name: 'Sunagakure', land: 'x', leaderTitle: 'x' });
    await castPerson(app.ctx, who, id, 'aiko', 'clerk', 'secret');
    await castPerson(app.ctx, who, id, 'matsuri', 'jounin', 'secret');
  }, 120_000);
  afterEach(() => { hawkCarrier.current = RELIABLE_CARRIER; });
  afterAll(async () => app?.drop());

  it('the rest of the batch is delivered; it is failed with its reason, its sender told, the error audited', async () => {
    const poison = await letter('the one that throws', 'flash');
    const a = await letter('after it, routine', 'routine');
    const b = await letter('after it, priority', 'priority');
    throwingFor([poison]);
    await run();
    expect(await state(poison)).toEqual({ state: 'failed', failure: 'the post office could not send it' });
    expect((await state(a)).state).toBe('delivered');
    expect((await state(b)).state).toBe('delivered');
    // Its sender hears of it in a letter from the aviary, as for any delivery that failed.
    const notice = await app.ctx.db.selectFrom('post_message as m').innerJoin('post_delivery as d', 'd.message_id', 'm.id')
      .select(['m.subject', 'm.sender_id', 'd.recipient_id']).where('m.subject', '=', 'Not delivered: the one that throws').execute();
    expect(notice).toEqual([{ subject: 'Not delivered: the one that throws', sender_id: null, recipient_id: id.aiko }]);
    const audit = await app.ctx.db.selectFrom('kernel_audit_log').select(['object_id', 'detail']).where('action', '=', 'post.delivery.unsendable').execute();
    expect(audit.map((r) => r.object_id)).toEqual([poison]);
    expect(JSON.stringify(audit[0]!.detail)).toContain(`the hawk for ${poison} bolted`);
    expect((await verifyAuditLog(app.ctx.db)).ok).toBe(true);
  });

  it('alone in its batch, it is failed all the same, and the next run finds nothing of it to send', async () => {
    const poison = await letter('alone and throwing', 'routine');
    throwingFor([poison]);
    await run();
    expect(await state(poison)).toEqual({ state: 'failed', failure: 'the post office could not send it' });
    hawkCarrier.current = RELIABLE_CARRIER;
    const next = await letter('the next one', 'routine');
    await run();
    expect((await state(next)).state).toBe('delivered');
    expect((await state(poison)).state).toBe('failed');
  });

  it('two that throw in one batch are both failed, and the one between them delivered', async () => {
    const first = await letter('first to throw', 'flash');
    const between = await letter('between them', 'priority');
    const second = await letter('second to throw', 'routine');
    throwingFor([first, second]);
    await run();
    expect([(await state(first)).state, (await state(between)).state, (await state(second)).state]).toEqual(['failed', 'delivered', 'failed']);
  });
});
