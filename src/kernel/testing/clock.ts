// A simulated clock for tests: pass `clock.now` to openApp/openTestApp as the app's one clock,
// then `await clock.advance(ms)` moves time forward, stopping at each instant a job falls due
// and running what is due there — deterministic, with no timers and no sleeps.

export interface DueRunner {
  runDue(): Promise<number>;
  nextDueAt(): Promise<Date | null>;
}

export class SimulatedClock {
  private t: number;
  private runners: DueRunner[] = [];

  constructor(start: Date | string = '2026-12-01T00:00:00.000Z') {
    this.t = new Date(start).getTime();
  }

  /** The app's clock; bound, so it can be handed around as a function. */
  readonly now = (): Date => new Date(this.t);

  /** Jobs of these runners fire as the clock advances. */
  drive(...runners: DueRunner[]): this {
    this.runners.push(...runners);
    return this;
  }

  /** Sets the time without running anything (time never goes backwards). */
  set(at: Date | string | number): void {
    const to = new Date(at).getTime();
    if (to < this.t) throw new Error(`the simulated clock does not go back (${new Date(to).toISOString()} < ${this.now().toISOString()})`);
    this.t = to;
  }

  /** Runs what is due now on every driven runner, until nothing is. Returns the number of runs. */
  async runDue(): Promise<number> {
    let runs = 0;
    for (;;) {
      let n = 0;
      for (const r of this.runners) n += await r.runDue();
      runs += n;
      if (n === 0) return runs;
    }
  }

  /**
   * Moves time forward by ms. On the way it stops at every instant a job falls due (a job
   * scheduled, a retry, a recurring slot, a lease running out) and runs it there, so each job
   * starts at its own time, in order. Returns the number of runs.
   */
  async advance(ms: number): Promise<number> {
    return this.advanceTo(this.t + ms);
  }

  async advanceTo(at: Date | string | number): Promise<number> {
    const target = new Date(at).getTime();
    let last = await this.runDue();
    let runs = last;
    for (;;) {
      const next = (await Promise.all(this.runners.map((r) => r.nextDueAt()))).filter((d): d is Date => !!d).map((d) => d.getTime());
      const soonest = next.length ? Math.min(...next) : Infinity;
      if (soonest > target) break;
      if (soonest <= this.t && last === 0) throw new Error(`a job was due at ${new Date(soonest).toISOString()} but none ran`);
      this.set(Math.max(soonest, this.t));
      last = await this.runDue();
      runs += last;
    }
    this.set(Math.max(target, this.t));
    return runs;
  }
}
