// Hawk post across servers and crashes: messages accepted (committed with their dispatch jobs)
// while several `sandstone serve` processes on one database dispatch them, and a server is killed
// with SIGKILL right after each burst is committed — between commit and dispatch, or in the middle
// of one — then replaced. Every delivery must be made, and made once: none lost, none doubled.
// POST_KILLS kills per database (3 here, 100 in `npm run test:crash`).
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../kernel/testing/dialects.ts';
import { removeBundledCli } from '../../kernel/testing/child-server.ts';
import { jobServerFleet, untilNoneLeft } from '../../kernel/testing/server-fleet.ts';
import { openApp } from '../../app.ts';
import { MODULES } from '../../modules.ts';
import { probeModule } from '../../kernel/testing/job-probe.ts';
import { withActor } from '../../kernel/context.ts';
import { createPerson } from '../registry/index.ts';
import { sendMessage } from './index.ts';
import { PRECEDENCES } from './precedence.ts';
import { prng } from '../../world/population.ts';

const KILLS = Number(process.env.POST_KILLS ?? 3);
const SEED = Number(process.env.POST_KILLS_SEED ?? Date.now() % 1_000_000);
const SERVERS = { sqlite: 2, postgres: 3 } as const;
afterAll(() => removeBundledCli());

describe.each(DIALECTS)(`hawk post across killed servers on %s (seed ${SEED})`, (dialect) => {
  it(`delivers every message once across ${KILLS} SIGKILLs between commit and dispatch`, async () => {
    const rnd = prng(SEED);
    const db = await freshDatabase(dialect);
    // This process only accepts messages: it runs no jobs (the servers do). The servers are the
    // exactly-once test's (sandstone serve with its probe module, a short lease, a quick poll).
    const app = await openApp({ ...db, modules: [...MODULES, probeModule] });
    const fleet = await jobServerFleet(db, SERVERS[dialect]);
    try {
      const sender = await createPerson(app.ctx, { givenName: 'Aiko', rank: 'chuunin' });
      const clerk = withActor(app.ctx, { kind: 'user', role: 'clerk', username: 'aiko', personId: sender.id, clearance: { level: 'secret', compartments: [] } });
      const people: string[] = [];
      for (let i = 0; i < 8; i++) people.push((await createPerson(app.ctx, { givenName: `Recipient ${i}`, rank: 'genin' })).id);

      let expected = 0;
      let messages = 0;
      let kills = 0;
      let aimed = 0;
      while (kills < KILLS) {
        // A burst, each message committed with its dispatch jobs before sendMessage answers…
        const burst = 5 + Math.floor(rnd() * 20);
        for (let i = 0; i < burst; i++) {
          const to = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => people[Math.floor(rnd() * people.length)]!))];
          await sendMessage(clerk, { to: to.map((person) => ({ person })), subject: `burst ${kills} message ${i}`, precedence: PRECEDENCES[Math.floor(rnd() * 4)]! });
          expected += to.length;
          messages++;
        }
        // …then a server falls before, or while, it dispatches them; another takes its place. The
        // victim is the server that last claimed dispatch work (its pid is in claimed_by): killing an
        // idle one tests nothing, and with two servers one of them may win every claim (a run with
        // seed 285135 killed only the idle one, three times). With none claimed yet, one at random.
        const last = await app.ctx.db.selectFrom('kernel_job').select('claimed_by').where('kind', '=', 'post.dispatch').where('claimed_by', 'is not', null).orderBy('started_at', 'desc').limit(1).executeTakeFirst();
        await fleet.killOne((up) => {
          const claimer = up.find((x) => String(last?.claimed_by).split(':')[1] === String(x.proc.pid));
          if (claimer) aimed++;
          return claimer ?? up[Math.floor(rnd() * up.length)]!;
        });
        kills++;
      }
      await fleet.settled();

      await untilNoneLeft('deliveries not made', async () => Number((await app.ctx.db.selectFrom('post_delivery').select((eb) => eb.fn.countAll().as('n')).where('state', '!=', 'delivered').executeTakeFirstOrThrow()).n));
      // A killed server's runs wait out their lease before another server takes them (and finds their
      // deliveries already made by a later batch): every run must end, not only every delivery.
      await untilNoneLeft('dispatch runs not done', async () => Number((await app.ctx.db.selectFrom('kernel_job').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'post.dispatch').where('state', '!=', 'done').executeTakeFirstOrThrow()).n));
      const rows = await app.ctx.db.selectFrom('post_delivery').select(['state', 'delivered_at', 'updated_at']).execute();
      expect(rows).toHaveLength(expected);
      // Made once: nothing touched a delivery after it was made (a second dispatch would have).
      expect(rows.filter((r) => new Date(r.updated_at).getTime() !== new Date(r.delivered_at).getTime())).toEqual([]);
      // One run per message accepted (each sent alone here), and the runs a full batch scheduled after it: all done.
      const jobs = await app.ctx.db.selectFrom('kernel_job').select(['state', 'key']).where('kind', '=', 'post.dispatch').execute();
      expect(new Set(jobs.map((j) => j.state))).toEqual(new Set(['done']));
      expect(jobs.filter((j) => !j.key.startsWith('after:'))).toHaveLength(messages);
      const by = await app.ctx.db.selectFrom('kernel_job').select('claimed_by').distinct().where('kind', '=', 'post.dispatch').execute();
      const takenOver = Number((await app.ctx.db.selectFrom('kernel_job').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'post.dispatch').where('attempts', '>', 1).executeTakeFirstOrThrow()).n);
      console.log(`[post across killed servers on ${dialect}] ${expected} deliveries, ${kills} kills (${aimed} at the server that last claimed dispatch work), ${takenOver} runs taken over after a lease ran out, last run by ${by.length} servers`);
      expect(kills).toBe(KILLS);
      // Which server ran what, and whether a kill caught one holding runs, is not fixed (one server
      // may claim a whole burst before another polls; a batch delivers for the runs after it), so
      // it is reported above, not asserted: the old check "run by more than one server" failed on
      // SQLite whenever the kills all fell on the idle server.
    } finally {
      await fleet.stop();
      await app.close();
      await db.drop();
    }
  }, Math.max(600_000, KILLS * 30_000)); // 100 kills (npm run test:crash) may take longer than 10 minutes on a busy machine
});
