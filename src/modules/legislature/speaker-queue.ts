// The chair's speaker queue as a pure reducer: members ask to speak, the chair gives the floor
// to the next in line, a speaker yields or the chair ends the turn; a point of order goes ahead of
// every request to speak (behind earlier points of order) and, given the floor, interrupts no one
// — the chair takes it when the floor is free. The session service keeps the events and folds
// them with `queueAfter`, so the queue shown live is exactly the one the record gives, and the
// minutes list the speakers from the same events.

export type RequestKind = 'speak' | 'point_of_order';

export interface QueueEntry { member: string; kind: RequestKind; at: string }
export interface Floor { member: string; kind: RequestKind; since: string; limitSeconds: number }
export interface SpeakerQueue {
  waiting: QueueEntry[];
  floor: Floor | null;
  /** Everyone who held the floor, in order (for the minutes). */
  spoke: Array<{ member: string; kind: RequestKind; from: string; to: string }>;
}

export type QueueEvent =
  | { type: 'request'; member: string; kind: RequestKind; at: string }
  | { type: 'withdraw'; member: string; at: string }
  | { type: 'grant'; at: string; limitSeconds: number }
  | { type: 'yield'; at: string };

export const EMPTY_QUEUE: SpeakerQueue = Object.freeze({ waiting: [], floor: null, spoke: [] }) as SpeakerQueue;

export class QueueRefusal extends Error {}

/** The queue after one event, or a QueueRefusal saying why the event cannot happen now. */
export function queueAfter(q: SpeakerQueue, e: QueueEvent): SpeakerQueue {
  switch (e.type) {
    case 'request': {
      if (q.floor?.member === e.member && e.kind === 'speak') throw new QueueRefusal(`${e.member} has the floor already`);
      if (q.waiting.some((w) => w.member === e.member && w.kind === e.kind)) {
        throw new QueueRefusal(`${e.member} is waiting already${e.kind === 'point_of_order' ? ' with a point of order' : ' to speak'}`);
      }
      const entry: QueueEntry = { member: e.member, kind: e.kind, at: e.at };
      // Points of order first, each kind in the order asked.
      const waiting = e.kind === 'point_of_order'
        ? [...q.waiting.filter((w) => w.kind === 'point_of_order'), entry, ...q.waiting.filter((w) => w.kind === 'speak')]
        : [...q.waiting, entry];
      return { ...q, waiting };
    }
    case 'withdraw': {
      if (!q.waiting.some((w) => w.member === e.member)) throw new QueueRefusal(`${e.member} is not waiting`);
      return { ...q, waiting: q.waiting.filter((w) => w.member !== e.member) };
    }
    case 'grant': {
      if (q.floor) throw new QueueRefusal(`${q.floor.member} has the floor: end that turn first`);
      const [next, ...rest] = q.waiting;
      if (!next) throw new QueueRefusal('nobody is waiting to speak');
      if (!(e.limitSeconds > 0)) throw new QueueRefusal('a turn needs a time limit of more than 0 seconds');
      return { ...q, waiting: rest, floor: { member: next.member, kind: next.kind, since: e.at, limitSeconds: e.limitSeconds } };
    }
    case 'yield': {
      if (!q.floor) throw new QueueRefusal('nobody has the floor');
      return { ...q, floor: null, spoke: [...q.spoke, { member: q.floor.member, kind: q.floor.kind, from: q.floor.since, to: e.at }] };
    }
  }
}

/** Folds a session's queue events from the start. */
export const queueOf = (events: readonly QueueEvent[]): SpeakerQueue => events.reduce(queueAfter, EMPTY_QUEUE);

/** The floor clock: seconds left in the turn at `now` (negative when over time). */
export function secondsLeft(floor: Floor, now: string): number {
  return floor.limitSeconds - (Date.parse(now) - Date.parse(floor.since)) / 1000;
}
