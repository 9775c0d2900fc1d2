// What a test heard on the event bus. On PostgreSQL events come back through LISTEN/NOTIFY after
// the commit, so one may land a moment after the HTTP answer: tests wait for it (no sleeping),
// never assert on the list the instant the write returns.
import type { Kysely } from 'kysely';
import type { EventBus, SandstoneEvent } from '../events/event-bus.ts';

export interface HeardEvents {
  /** Everything heard since the last `clear()`. */
  readonly events: SandstoneEvent[];
  clear(): void;
  /**
   * Clears once every event of a write committed before now has been heard: a marker is committed
   * and waited for, and notifications arrive in commit order, so an earlier test's announcement
   * cannot land after the clear. Use it instead of clear() before asserting the whole list.
   */
  settle(db: Kysely<any>): Promise<void>;
  /** The first event heard (or already heard) matching `pred`; rejects with `what` after `ms`. */
  next(pred: (e: SandstoneEvent) => boolean, what?: string, ms?: number): Promise<SandstoneEvent>;
  /** Whether an event matching `pred` arrives within `ms`; resolves as soon as it does. */
  heard(pred: (e: SandstoneEvent) => boolean, ms?: number): Promise<boolean>;
}

let markers = 0;

export function listen(bus: EventBus): HeardEvents {
  const events: SandstoneEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const wait = (pred: (e: SandstoneEvent) => boolean, ms: number) => new Promise<SandstoneEvent | null>((resolve) => {
    const already = events.find(pred);
    if (already) return resolve(already);
    const timer = setTimeout(() => { stop(); resolve(null); }, ms);
    const stop = bus.subscribe((e) => { if (pred(e)) { clearTimeout(timer); stop(); resolve(e); } });
  });
  const clear = () => { events.length = 0; };
  return {
    events,
    clear,
    async settle(db) {
      // Heard by no one else: an empty audience reaches no stream.
      const marker: SandstoneEvent = { type: 'testing.settled', payload: { id: `${process.pid}-${++markers}` }, at: new Date().toISOString(), audience: [] };
      await db.transaction().execute((trx) => bus.stage(trx, [marker]));
      bus.committed([marker]);
      await this.next((e) => e.type === marker.type && e.payload.id === marker.payload.id, 'the settling marker');
      clear();
    },
    async next(pred, what = 'the expected event', ms = 10_000) {
      const e = await wait(pred, ms);
      if (!e) throw new Error(`${what} was not heard within ${ms} ms; heard: ${JSON.stringify(events.map((x) => x.type))}`);
      return e;
    },
    heard: async (pred, ms = 10_000) => (await wait(pred, ms)) !== null,
  };
}
