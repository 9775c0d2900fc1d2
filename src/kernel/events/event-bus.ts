// Live-update fan-out: an in-process bus on SQLite, PostgreSQL LISTEN/NOTIFY across servers.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { CompiledQuery, type Kysely } from 'kysely';
import { prepareOnPostgres, sendUnawaitedOnPostgres, type Database } from '../db/create-db.ts';

export interface SandstoneEvent {
  /** Module-scoped topic, e.g. "registry.person.updated". */
  type: string;
  /** Small: ids and a summary. PostgreSQL caps a notification at 8000 bytes. */
  payload: Record<string, unknown>;
  at: string;
  /** The label of what the event is about; only readers cleared for it hear of it. Public when absent. */
  label?: { classification: string; compartments: string[] };
  /**
   * Only these people hear of it (registry person ids), and then only if cleared for the label: a
   * letter's delivery concerns its recipient and its sender, not everyone cleared to read its label.
   * Everyone cleared for the label when absent.
   */
  audience?: string[];
  /**
   * Only listeners allowed this action (the policy, at the event's label) hear of it: the aviary's
   * work concerns the aviary's staff, not everyone cleared for a letter's label (an id heard of
   * says a letter was sent, and when). Everyone cleared for the label when absent.
   */
  allowedTo?: string;
}

export type EventHandler = (e: SandstoneEvent) => void;

export interface EventBus {
  /** Called inside the writing transaction, so an event exists only if the write committed. */
  stage(trx: Kysely<any>, events: SandstoneEvent[]): Promise<void>;
  /** Called after commit. */
  committed(events: SandstoneEvent[]): void;
  subscribe(handler: EventHandler): () => void;
  /** Resolves once the bus receives events (LISTEN is in place). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = 'sandstone_events';

/**
 * A transaction's notifications, in the order raised (the subquery fixes the order in which the
 * outer select calls pg_notify). They travel as one text, a line each (joinedPacks), not as a
 * text[]: the driver writes an array parameter by escaping every quote of every element, copying
 * the JSON twice over (a busy post office's largest allocation, bench/post.ts). Prepared once per
 * connection; not waited for (create-db.ts): its failure is raised by the COMMIT that follows.
 */
const NOTIFY = "select pg_notify($1, t) from (select t from unnest(string_to_array($2, E'\\n')) with ordinality as u(t, i) order by i) as ordered";
prepareOnPostgres(NOTIFY);
sendUnawaitedOnPostgres(NOTIFY);
const MAX_NOTIFY_BYTES = 7900;

/**
 * Each staged event's JSON, written once as it is raised (newEvent), for its notification: kept on
 * the event under a symbol, not enumerable, so that JSON.stringify, a spread (a copy is written
 * afresh) and a comparison in a test all pass it over. A WeakMap's entry cost an event more than a
 * microsecond of a busy post office (its GC's share counted).
 */
const TEXT = Symbol('sandstone.event.text');

type EventWithText = SandstoneEvent & { [TEXT]?: string };

/**
 * An event as a transaction raises it, with what makes it the same as another (`sameAs`: all but
 * its time, see stagingTx). Its JSON is written once, in pieces shared by the two: every event of
 * a busy post office was written twice before, once to compare it and once to notify it.
 */
export function newEvent(type: string, payload: Record<string, unknown>, at: string, label?: { classification: string; compartments: readonly string[] }, audience?: readonly string[] | { allowedTo: string }): { event: SandstoneEvent; sameAs: string } {
  const event: SandstoneEvent = {
    type, payload, at,
    ...(label ? { label: { classification: label.classification, compartments: [...label.compartments] } } : {}),
    ...(audience === undefined ? {} : 'allowedTo' in audience ? { allowedTo: audience.allowedTo } : { audience: [...audience] }),
  };
  // Written as JSON.stringify writes the event, key by key in the order above.
  const head = `{"type":${JSON.stringify(type)},"payload":${JSON.stringify(payload)}`;
  const tail = (event.label ? `,"label":${JSON.stringify(event.label)}` : '')
    + (event.allowedTo !== undefined ? `,"allowedTo":${JSON.stringify(event.allowedTo)}` : event.audience ? `,"audience":${JSON.stringify(event.audience)}` : '');
  Object.defineProperty(event, TEXT, { value: `${head},"at":${JSON.stringify(at)}${tail}}` });
  return { event, sameAs: head + tail };
}

/**
 * The texts an event is notified as, each within PostgreSQL's limit (a NOTIFY over it fails the
 * transaction, and with it the write: a letter to an office of 300 members stopped the aviary,
 * attack a14a). Whole when it fits. Else its audience, when it is what is too long, is split
 * across several texts, each person in exactly one, so each still hears the event once; and a
 * payload too long even so is replaced by { truncated: true } (a page hearing it refetches).
 */
export function notifyTexts(e: SandstoneEvent): string[] {
  const whole = (e as EventWithText)[TEXT] ?? JSON.stringify(e);
  if (Buffer.byteLength(whole) <= MAX_NOTIFY_BYTES) return [whole];
  const bare = (x: SandstoneEvent) => Buffer.byteLength(JSON.stringify(e.audience ? { ...x, audience: [] } : x));
  // Room for at least a few dozen people beside the payload, or the payload goes.
  const ev = bare(e) <= MAX_NOTIFY_BYTES - 1000 ? e : { ...e, payload: { truncated: true } };
  if (!ev.audience?.length) return [JSON.stringify(ev)];
  const texts: string[] = [];
  let chunk: string[] = [];
  let bytes = bare(ev);
  for (const person of ev.audience) {
    const more = Buffer.byteLength(JSON.stringify(person)) + 1;
    if (chunk.length && bytes + more > MAX_NOTIFY_BYTES) {
      texts.push(JSON.stringify({ ...ev, audience: chunk }));
      chunk = [];
      bytes = bare(ev);
    }
    chunk.push(person);
    bytes += more;
  }
  texts.push(JSON.stringify({ ...ev, audience: chunk }));
  return texts;
}

/**
 * A transaction's event texts (notifyTexts) packed into as few notifications as fit, each a JSON
 * array of events in the order raised: PostgreSQL queues, and every listening server receives,
 * each notification on its own, and a dispatch run raises two events per letter it delivers
 * (bench/post.ts). Each text fits alone (notifyTexts), so each pack does.
 */
export function packNotifications(texts: readonly string[]): string[] {
  const packs: string[] = [];
  let pack: string[] = [];
  // A pack's bytes: its "[" and each text with the "," or "]" after it.
  let bytes = 1;
  for (const t of texts) {
    const more = Buffer.byteLength(t) + 1;
    if (pack.length && bytes + more > MAX_NOTIFY_BYTES + 2) {
      packs.push(`[${pack.join(',')}]`);
      pack = [];
      bytes = 1;
    }
    bytes += more;
    pack.push(t);
  }
  if (pack.length) packs.push(`[${pack.join(',')}]`);
  return packs;
}

/**
 * Packs as one text for NOTIFY, a line each. A pack is JSON as JSON.stringify writes it, which
 * never holds a line break (one inside a string is escaped as backslash and n), so the lines split back exactly.
 */
export function joinedPacks(packs: readonly string[]): string {
  for (const p of packs) if (p.includes('\n')) throw new Error('event bus: a notification holds a line break; it is not JSON.stringify\'s');
  return packs.join('\n');
}

/** The events a notification carries: a pack (packNotifications), or one event as sent before packs. */
export function unpackNotification(payload: string): SandstoneEvent[] {
  const v = JSON.parse(payload) as SandstoneEvent | SandstoneEvent[];
  return Array.isArray(v) ? v : [v];
}

class LocalBus implements EventBus {
  private emitter = new EventEmitter().setMaxListeners(0);
  async stage() {}
  committed(events: SandstoneEvent[]) {
    for (const e of events) this.emitter.emit('event', e);
  }
  subscribe(handler: EventHandler) {
    this.emitter.on('event', handler);
    return () => this.emitter.off('event', handler);
  }
  async ready() {}
  async close() {
    this.emitter.removeAllListeners();
  }
}

/**
 * Every server LISTENs on one channel; NOTIFY is sent inside the writer's transaction and
 * PostgreSQL delivers it on commit to every listener, this server included. So no server keeps
 * state another needs, and a rolled-back write never announces itself.
 */
/** Announced when some events may have been missed: whoever shows live data should reload it. */
export const RESYNC = 'kernel.events.resync';

class PostgresBus implements EventBus {
  private emitter = new EventEmitter().setMaxListeners(0);
  private client: pg.Client | null = null;
  private closed = false;
  private listenedBefore = false;
  private readyPromise: Promise<void>;

  constructor(private connectionString: string, private now: () => Date) {
    this.readyPromise = this.connect();
  }

  private async connect(): Promise<void> {
    while (!this.closed) {
      const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 5000 });
      try {
        await client.connect();
        client.on('notification', (msg) => {
          if (msg.channel !== CHANNEL || !msg.payload) return;
          let events: SandstoneEvent[];
          try {
            events = unpackNotification(msg.payload);
          } catch {
            return; // a foreign payload on our channel is ignored
          }
          // A listener's failure stays its own: the pack's other events are still heard.
          for (const e of events) {
            try {
              this.emitter.emit('event', e);
            } catch {
              /* as before packs: a listener's throw is not the bus's */
            }
          }
        });
        client.on('error', () => {
          // Reconnect after a dropped connection (a database restart, a killed backend).
          this.client = null;
          if (!this.closed) setTimeout(() => void this.connect(), 500);
        });
        await client.query(`LISTEN ${CHANNEL}`);
        if (this.closed) {
          // close() ran while we were connecting: do not leave a connection holding the process open.
          await client.end().catch(() => {});
          return;
        }
        this.client = client;
        // Changes committed while we were not listening were not heard: say so, so that live
        // views (which stay connected to us) refetch instead of showing a stale page as live.
        if (this.listenedBefore) this.emitter.emit('event', { type: RESYNC, payload: {}, at: this.now().toISOString() } satisfies SandstoneEvent);
        this.listenedBefore = true;
        return;
      } catch (err) {
        await client.end().catch(() => {});
        if (this.closed) return;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async stage(trx: Kysely<any>, events: SandstoneEvent[]) {
    if (!events.length) return;
    const texts = packNotifications(events.flatMap(notifyTexts));
    // One statement for all of a transaction's events (a statement each cost a send one per event,
    // bench/post.ts), notified in the order they were raised (NOTIFY).
    await trx.executeQuery(CompiledQuery.raw(NOTIFY, [CHANNEL, joinedPacks(texts)]));
  }
  committed() {}
  subscribe(handler: EventHandler) {
    this.emitter.on('event', handler);
    return () => this.emitter.off('event', handler);
  }
  ready() {
    return this.readyPromise;
  }
  async close() {
    this.closed = true;
    this.emitter.removeAllListeners();
    await this.client?.end().catch(() => {});
    // Wait for a connection attempt in flight, which ends itself once it sees `closed`.
    await this.readyPromise.catch(() => {});
  }
}

/** `now` is the app's clock (ctx.now), for the time on the bus's own announcements. */
export function createEventBus(db: Database, now: () => Date = () => new Date()): EventBus {
  return db.dialect === 'postgres' && db.pgConnectionString ? new PostgresBus(db.pgConnectionString, now) : new LocalBus();
}
