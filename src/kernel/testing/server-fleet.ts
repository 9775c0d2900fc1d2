// Several job servers (sandstone serve with the probe module, a short lease, a quick poll) on one
// database, for the kill tests: servers fall to SIGKILL one at a time and are replaced in the
// background, while the test checks that the work they held is done, and done once.
import path from 'node:path';
import { bundledScript, killHard, startChildServer, type ChildServer } from './child-server.ts';

const JOB_SERVER = path.join(import.meta.dirname, 'job-server.ts');

export interface ServerFleet {
  /** The servers still running. */
  up(): ChildServer[];
  /**
   * Kills the server `choose` picks among those running (it may be mid-transaction) and starts its
   * replacement in the background. One at least stays up: with fewer than two running, the
   * replacements under way are awaited first.
   */
  killOne(choose: (up: ChildServer[]) => ChildServer): Promise<void>;
  /** Every replacement under way has started. */
  settled(): Promise<void>;
  /** Kills every server (the end of a test). */
  stop(): Promise<void>;
}

export async function jobServerFleet(db: { databaseUrl?: string; dbPath?: string }, size: number): Promise<ServerFleet> {
  const args = [db.databaseUrl ? '--database-url' : '--db', (db.databaseUrl ?? db.dbPath)!];
  const servers: ChildServer[] = [];
  const starting: Promise<void>[] = [];
  const start = () => startChildServer(db, args, { script: bundledScript(JOB_SERVER) }).then((s) => void servers.push(s));
  const running = () => servers.filter((s) => s.proc.exitCode === null && s.proc.signalCode === null);
  const fleet: ServerFleet = {
    up: running,
    async killOne(choose) {
      if (running().length < 2) await Promise.all(starting.splice(0));
      const victim = choose(running());
      servers.splice(servers.indexOf(victim), 1);
      await killHard(victim);
      starting.push(start());
    },
    async settled() { await Promise.all(starting.splice(0)); },
    async stop() {
      await Promise.allSettled(starting.splice(0));
      await Promise.all(servers.map(killHard));
    },
  };
  try {
    await Promise.all(Array.from({ length: size }, start));
  } catch (e) {
    await fleet.stop();
    throw e;
  }
  return fleet;
}

/** Polls `count` until it is 0; fails, naming what is left, after `ms`. */
export async function untilNoneLeft(what: string, count: () => Promise<number>, ms = 240_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (let left = await count(); left > 0; left = await count()) {
    if (Date.now() > deadline) throw new Error(`${left} ${what} still left after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
