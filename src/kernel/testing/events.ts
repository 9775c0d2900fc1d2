// What a test heard on the event bus. On PostgreSQL events come back through LISTEN/NOTIFY after
// the commit, so one may land a moment after the HTTP answer: tests wait for it (no sleeping),
// never assert on the list the instant the write returns.
import type { EventBus, SandstoneEvent } from '../events/event-bus.ts';

export interface HeardEvents {
  /** Everything heard since the last `clear()`. */
  readonly events: SandstoneEvent[];
  clear(): void;
  /** The first event heard (or already heard) matching `pred`; rejects with `what` after `ms`. */
  next(pred: (e: SandstoneEvent) => boolean, what?: string, ms?: number): Promise<SandstoneEvent>;
  /** Whether an event matching `pred` arrives within `ms`; resolves as soon as it does. */
  heard(pred: (e: SandstoneEvent) => boolean, ms?: number): Promise<boolean>;
}

export function listen(bus: EventBus): HeardEvents {
  const events: SandstoneEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const wait = (pred: (e: SandstoneEvent) => boolean, ms: number) => new Promise<SandstoneEvent | null>((resolve) => {
    const already = events.find(pred);
    if (already) return resolve(already);
    const timer = setTimeout(() => { stop(); resolve(null); }, ms);
    const stop = bus.subscribe((e) => { if (pred(e)) { clearTimeout(timer); stop(); resolve(e); } });
  });
  return {
    events,
    clear: () => { events.length = 0; },
    async next(pred, what = 'the expected event', ms = 10_000) {
      const e = await wait(pred, ms);
      if (!e) throw new Error(`${what} was not heard within ${ms} ms; heard: ${JSON.stringify(events.map((x) => x.type))}`);
      return e;
    },
    heard: async (pred, ms = 10_000) => (await wait(pred, ms)) !== null,
  };
}
